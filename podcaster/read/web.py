"""Fetch an article from an http(s) address: redirects followed, time and size limited.

The time limit is for the whole fetch: a server that trickles its page a byte at a time
is given up on when the time is out, however busy it keeps the connection.
"""

from __future__ import annotations

import http.client
import threading
import time
import urllib.error
import urllib.request
from dataclasses import dataclass

from ..errors import InputError
from ..formats.decode import MAX_BYTES

TIMEOUT = 20  # seconds for the whole fetch: connecting, redirects, headers and body
CHUNK = 65536
USER_AGENT = "podcaster/0.1 (turns interview articles into podcast episodes)"
ACCEPT = "text/html,application/xhtml+xml,text/markdown;q=0.9,text/plain;q=0.8"
TEXT_TYPES = {"text/html", "application/xhtml+xml", "text/markdown", "text/x-markdown", "text/plain"}


@dataclass
class Fetched:
    data: bytes
    content_type: str  # "text/html", lower case, without parameters
    charset: str  # as the server declared it, or ""


def is_url(source: object) -> bool:
    return str(source).lower().startswith(("http://", "https://"))


def fetch(url: str) -> Fetched:
    """The body of ``url``; a one-line InputError if it cannot be had within TIMEOUT or is not text.

    The fetch runs in a thread of its own, so that a server stalling anywhere (the connection,
    the headers, the body) cannot hold the run past the deadline.
    """
    outcome: dict = {}

    def run() -> None:
        try:
            outcome["page"] = _fetch(url, time.monotonic() + TIMEOUT)
        except Exception as error:  # handed to the caller's thread below
            outcome["error"] = error

    fetcher = threading.Thread(target=run, name="podcaster-fetch", daemon=True)
    fetcher.start()
    fetcher.join(TIMEOUT)
    if fetcher.is_alive():
        raise _unfetched(url, _reason(TimeoutError()))
    if "error" in outcome:
        raise outcome["error"]
    return outcome["page"]


def _fetch(url: str, deadline: float) -> Fetched:
    request = urllib.request.Request(url, headers={"User-Agent": USER_AGENT, "Accept": ACCEPT})
    try:
        with urllib.request.urlopen(request, timeout=TIMEOUT) as response:
            content_type = response.headers.get_content_type()
            charset = response.headers.get_content_charset() or ""
            if content_type not in TEXT_TYPES:
                raise InputError(f"{url}: not a web page ({content_type}); give the address of an article")
            data = _read_until(response, deadline)
    except urllib.error.HTTPError as error:
        raise _unfetched(url, _http_reason(error)) from None
    except urllib.error.URLError as error:
        raise _unfetched(url, _reason(error.reason)) from None
    except (TimeoutError, http.client.HTTPException, OSError) as error:
        raise _unfetched(url, _reason(error)) from None
    if len(data) > MAX_BYTES:
        raise InputError(f"{url}: larger than {MAX_BYTES // 1_000_000} MB; "
                         "save the article and give the file")
    if not data.strip():
        raise InputError(f"{url}: the page is empty; check the address")
    return Fetched(data, content_type, charset)


def _read_until(response, deadline: float) -> bytes:
    """At most MAX_BYTES + 1 bytes of the body; TimeoutError once the deadline has passed."""
    chunks, size = [], 0
    while size <= MAX_BYTES:
        if time.monotonic() > deadline:
            raise TimeoutError
        chunk = response.read1(min(CHUNK, MAX_BYTES + 1 - size))
        if not chunk:
            break
        chunks.append(chunk)
        size += len(chunk)
    return b"".join(chunks)


def _http_reason(error: urllib.error.HTTPError) -> str:
    reason = " ".join(str(error.reason).split())
    if "infinite loop" in reason:  # urllib's words (over three lines) for a loop or over 10 redirects
        return f"HTTP {error.code}: redirected in a loop or too many times"
    return f"HTTP {error.code} {reason}"


def _unfetched(url: str, reason: str) -> InputError:
    return InputError(f"{url}: could not fetch ({reason}); check the address")


def _reason(reason: object) -> str:
    if isinstance(reason, TimeoutError):
        return f"no complete answer within {TIMEOUT} s"
    text = " ".join(str(getattr(reason, "strerror", None) or reason).split()) or type(reason).__name__
    return text[0].lower() + text[1:]
