"""`podcaster serve DIR`: a local preview of a published folder, with byte ranges for audio seeking.

Only files under DIR are served: request paths are decoded one segment at a time,
segments that are hidden, ``..`` or hold a slash or backslash are refused, and the
resolved path (symlinks followed) must still lie inside DIR.
"""

from __future__ import annotations

import re
import socket
import sys
from email.utils import formatdate
from html import escape
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Literal
from urllib.parse import quote, unquote

from ..errors import PublishError

TYPES = {
    ".mp3": "audio/mpeg", ".m4a": "audio/mp4", ".vtt": "text/vtt", ".srt": "application/x-subrip",
    ".json": "application/json", ".xml": "application/rss+xml", ".html": "text/html",
    ".htm": "text/html", ".css": "text/css", ".js": "text/javascript", ".txt": "text/plain",
    ".jpg": "image/jpeg", ".jpeg": "image/jpeg", ".png": "image/png", ".svg": "image/svg+xml",
    ".webp": "image/webp", ".ico": "image/x-icon", ".woff2": "font/woff2",
}
TEXT_TYPES = ("text/", "application/json", "application/rss+xml", "application/x-subrip", "image/svg+xml")
CHUNK = 64 * 1024
_RANGE = re.compile(r"bytes=(\d*)-(\d*)")
MAX_OFFSET = 10**18  # a Range number past this (Python refuses to parse 4,300+ digits) means "the end"
# what a request line may hold that a terminal would obey: C0 and C1 controls, DEL
_UNPRINTABLE = re.compile("[\x00-\x1f\x7f-\x9f]")


def content_type(path: Path) -> str:
    kind = TYPES.get(path.suffix.lower(), "application/octet-stream")
    return f"{kind}; charset=utf-8" if kind.startswith(TEXT_TYPES) else kind


def byte_range(header: str | None, size: int) -> tuple[int, int] | None | Literal[False]:
    """(first, last) for one satisfiable range; None to send it all; False if unsatisfiable."""
    match = _RANGE.fullmatch((header or "").replace(" ", ""))
    if not match or match.groups() == ("", ""):
        return None  # absent, several ranges or not understood: a full 200 is allowed
    first, last = (_offset(n) if n else None for n in match.groups())
    if first is None:  # suffix: the last N bytes
        return (max(0, size - last), size - 1) if last and size else False
    if last is not None and last < first:
        return None  # invalid, so ignored
    end = size - 1 if last is None else min(last, size - 1)
    return (first, end) if first < size else False


def _offset(digits: str) -> int:
    return int(digits) if len(digits) <= 18 else MAX_OFFSET


class PreviewHandler(BaseHTTPRequestHandler):
    root: Path  # set on the subclass made by make_server
    quiet = False
    server_version = "podcaster"
    protocol_version = "HTTP/1.1"

    def do_GET(self) -> None:
        self._respond(body=True)

    def do_HEAD(self) -> None:
        self._respond(body=False)

    def _respond(self, body: bool) -> None:
        raw = _raw_path(self.path)
        path = self.translate(raw)
        if path is not None and path.is_dir():
            if not raw.endswith("/"):
                return self._redirect("/" + raw.lstrip("/") + "/")
            path = path / "index.html" if (path / "index.html").is_file() else path
        if path is None:
            return self._error(HTTPStatus.NOT_FOUND)
        if path.is_dir():
            return self._send_bytes(self._listing(path), "text/html; charset=utf-8", body)
        self._send_file(path, body)

    def translate(self, raw: str) -> Path | None:
        """The file a request path names, or None if it is not safely inside the root."""
        root = self.root.resolve()
        try:
            parts = [unquote(s, errors="strict") for s in _raw_path(raw).split("/") if s]
            if any(p.startswith(".") or "/" in p or "\\" in p or "\0" in p for p in parts):
                return None
            resolved = root.joinpath(*parts).resolve()
            resolved.relative_to(root)
            resolved.stat()  # a name too long for the system, or missing: not found
        except (ValueError, OSError, UnicodeDecodeError):
            return None
        return resolved

    def _send_file(self, path: Path, body: bool) -> None:
        try:
            handle = path.open("rb")
        except OSError:
            return self._error(HTTPStatus.FORBIDDEN)
        with handle:
            size = path.stat().st_size
            wanted = byte_range(self.headers.get("Range"), size)
            if wanted is False:
                return self._error(HTTPStatus.REQUESTED_RANGE_NOT_SATISFIABLE, {"Content-Range": f"bytes */{size}"})
            first, last = wanted or (0, size - 1)
            self.send_response(HTTPStatus.PARTIAL_CONTENT if wanted else HTTPStatus.OK)
            if wanted:
                self.send_header("Content-Range", f"bytes {first}-{last}/{size}")
            self._headers(content_type(path), last - first + 1, path.stat().st_mtime)
            if body:
                handle.seek(first)
                self._copy(handle, last - first + 1)

    def _copy(self, handle, count: int) -> None:
        try:
            while count > 0:
                chunk = handle.read(min(CHUNK, count))
                if not chunk:
                    break
                self.wfile.write(chunk)
                count -= len(chunk)
        except (BrokenPipeError, ConnectionResetError):
            self.close_connection = True  # a player seeking elsewhere drops the connection

    def _headers(self, kind: str, length: int, mtime: float | None = None) -> None:
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(length))
        self.send_header("Accept-Ranges", "bytes")
        self.send_header("Cache-Control", "no-cache")
        if mtime is not None:
            self.send_header("Last-Modified", formatdate(mtime, usegmt=True))
        self.end_headers()

    def _send_bytes(self, data: bytes, kind: str, body: bool, status: int = HTTPStatus.OK,
                    extra: dict | None = None) -> None:
        self.send_response(status)
        for name, value in (extra or {}).items():
            self.send_header(name, value)
        self._headers(kind, len(data))
        if body:
            self.wfile.write(data)

    def _error(self, status: HTTPStatus, extra: dict | None = None) -> None:
        text = f"{status.value} {status.phrase}\n".encode()
        self._send_bytes(text, "text/plain; charset=utf-8", self.command != "HEAD", status, extra)

    def _redirect(self, location: str) -> None:
        self._send_bytes(b"", "text/plain; charset=utf-8", False, HTTPStatus.MOVED_PERMANENTLY,
                         {"Location": location})

    def _listing(self, folder: Path) -> bytes:
        names = sorted(p.name + ("/" if p.is_dir() else "") for p in folder.iterdir()
                       if not p.name.startswith("."))
        links = "".join(f'<li><a href="{escape(quote(n))}">{escape(n)}</a></li>' for n in names)
        return f"<!doctype html><meta charset=utf-8><title>podcaster</title><ul>{links}</ul>\n".encode()

    def log_message(self, format: str, *args) -> None:
        """One line per request; controls in what the client sent are shown escaped, never obeyed."""
        if not self.quiet:
            line = _UNPRINTABLE.sub(lambda m: f"\\x{ord(m.group()):02x}", format % args)
            sys.stderr.write(f"{self.address_string()} {line}\n")


def _raw_path(target: str) -> str:
    """The path of a request target, query and fragment cut off, still percent-encoded."""
    return target.split("?", 1)[0].split("#", 1)[0]


class _Server(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request, client_address) -> None:
        """A client hanging up (players do, to seek elsewhere) is routine, not a crash to print."""
        if isinstance(sys.exc_info()[1], ConnectionError):
            return
        super().handle_error(request, client_address)


class _Server6(_Server):
    address_family = socket.AF_INET6


def make_server(folder: Path, host: str = "127.0.0.1", port: int = 8000, quiet: bool = False):
    """A ThreadingHTTPServer for ``folder``, bound but not yet serving."""
    folder = Path(folder)
    if not folder.is_dir():
        raise PublishError(f"{folder}: no such folder")
    handler = type("Handler", (PreviewHandler,), {"root": folder.resolve(), "quiet": quiet})
    try:
        server = (_Server6 if ":" in host else _Server)((host, port), handler)
    except OSError as error:
        raise PublishError(f"cannot listen on {host}:{port} ({error.strerror or error})") from None
    return server


def serve(folder: Path, port: int = 8000, host: str = "127.0.0.1") -> None:
    """Serve ``folder`` until Ctrl-C."""
    server = make_server(folder, host, port)
    shown = f"[{host}]" if ":" in host else host
    print(f"serving {folder} at http://{shown}:{server.server_address[1]}/ (Ctrl-C stops)", flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        print("stopped", file=sys.stderr)
    finally:
        server.server_close()
