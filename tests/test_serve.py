"""`podcaster serve`: real HTTP on 127.0.0.1 — types, byte ranges, HEAD, and no way out of DIR."""

from __future__ import annotations

import http.client
import socket
import struct
import subprocess
import sys
import time
import urllib.request

import pytest
from conftest import in_background

from podcaster.errors import PublishError
from podcaster.publish.serve import byte_range, make_server

AUDIO = bytes(range(256)) * 40  # 10240 bytes


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    root = tmp_path_factory.mktemp("served")
    folder = root / "site"
    folder.mkdir()
    (folder / "ep.mp3").write_bytes(AUDIO)
    (folder / "ep.vtt").write_text("WEBVTT\n")
    (folder / "ep.srt").write_text("1\n")
    (folder / "ep.chapters.json").write_text("{}")
    (folder / "feed.xml").write_text("<rss/>")
    (folder / "index.html").write_text("<p>home</p>")
    (folder / "my episode.mp3").write_bytes(b"spaced")
    (folder / "sub").mkdir()
    (folder / "sub" / "a.txt").write_text("a")
    (folder / ".hidden.part").write_text("half")
    (root / "secret.txt").write_text("secret")
    (folder / "out.txt").symlink_to(root / "secret.txt")
    (folder / "outdir").symlink_to(root, target_is_directory=True)
    with in_background(make_server(folder, "127.0.0.1", 0, quiet=True)) as port:
        yield port


def request(port: int, path: str, method: str = "GET", headers: dict | None = None):
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    connection.request(method, path, headers=headers or {})  # the path is sent as written
    response = connection.getresponse()
    body = response.read()
    connection.close()
    return response, body


@pytest.mark.parametrize("path, kind", [
    ("/ep.mp3", "audio/mpeg"), ("/ep.vtt", "text/vtt; charset=utf-8"),
    ("/ep.srt", "application/x-subrip; charset=utf-8"), ("/ep.chapters.json", "application/json; charset=utf-8"),
    ("/feed.xml", "application/rss+xml; charset=utf-8"), ("/index.html", "text/html; charset=utf-8"),
])
def test_content_types(site, path, kind):
    response, _ = request(site, path)
    assert response.status == 200 and response.getheader("Content-Type") == kind
    assert response.getheader("Accept-Ranges") == "bytes"


def test_whole_file_and_index(site):
    response, body = request(site, "/ep.mp3")
    assert body == AUDIO and response.getheader("Content-Length") == str(len(AUDIO))
    assert request(site, "/")[1] == b"<p>home</p>"
    assert request(site, "/my%20episode.mp3?x=1")[1] == b"spaced"
    with urllib.request.urlopen(f"http://127.0.0.1:{site}/sub") as response:  # redirect to sub/
        assert response.url.endswith("/sub/") and b"a.txt" in response.read()


@pytest.mark.parametrize("header, first, last", [
    ("bytes=0-99", 0, 99), ("bytes=100-", 100, len(AUDIO) - 1), ("bytes=-500", len(AUDIO) - 500, len(AUDIO) - 1),
    ("bytes=10000-20000", 10000, len(AUDIO) - 1), ("bytes=-99999", 0, len(AUDIO) - 1),
])
def test_single_ranges(site, header, first, last):
    response, body = request(site, "/ep.mp3", headers={"Range": header})
    assert response.status == 206
    assert response.getheader("Content-Range") == f"bytes {first}-{last}/{len(AUDIO)}"
    assert body == AUDIO[first:last + 1]
    assert response.getheader("Content-Length") == str(last - first + 1)


@pytest.mark.parametrize("header", ["bytes=10240-", "bytes=99999-100000", "bytes=-0"])
def test_unsatisfiable_range(site, header):
    response, _ = request(site, "/ep.mp3", headers={"Range": header})
    assert response.status == 416 and response.getheader("Content-Range") == f"bytes */{len(AUDIO)}"


@pytest.mark.parametrize("header", ["bytes=5-2", "items=0-1", "bytes=0-1,5-6", "bytes=x-"])
def test_odd_ranges_get_the_whole_file(site, header):
    response, body = request(site, "/ep.mp3", headers={"Range": header})
    assert response.status == 200 and body == AUDIO


def test_head_has_headers_but_no_body(site):
    response, body = request(site, "/ep.mp3", "HEAD")
    assert response.status == 200 and body == b""
    assert response.getheader("Content-Length") == str(len(AUDIO))
    response, body = request(site, "/ep.mp3", "HEAD", {"Range": "bytes=-500"})
    assert response.status == 206 and body == b"" and response.getheader("Content-Length") == "500"


@pytest.mark.parametrize("path", [
    "/../secret.txt", "/sub/../../secret.txt", "/%2e%2e/secret.txt", "/%2e%2e%2fsecret.txt",
    "/sub%2f..%2f..%2fsecret.txt", "/..%5csecret.txt", "/..\\secret.txt", "/%2E%2E/%2E%2E/etc/passwd",
    "/out.txt", "/outdir/secret.txt", "/.hidden.part", "//etc/passwd", "/%00", "/%ff%fe",
    "/sub/%2e%2e/%2e%2e/secret.txt",
])
def test_nothing_outside_the_folder(site, path):
    response, body = request(site, path)
    assert response.status == 404 and b"secret" not in body and b"root:" not in body


def test_listing_escapes_names(tmp_path):
    (tmp_path / "<b>x&y.txt").write_text("z")
    with in_background(make_server(tmp_path, port=0, quiet=True)) as port:
        _, body = request(port, "/")
    assert b"<b>" not in body and b"&lt;b&gt;x&amp;y.txt" in body


def test_byte_range_parser():
    assert byte_range(None, 10) is None
    assert byte_range("bytes=2-4", 10) == (2, 4)
    assert byte_range("bytes=-3", 10) == (7, 9)
    assert byte_range("bytes=0-", 0) is False


def test_port_in_use_is_one_line_error(tmp_path):
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        with pytest.raises(PublishError, match="cannot listen on 127.0.0.1:"):
            make_server(tmp_path, port=taken.getsockname()[1])
    with pytest.raises(PublishError, match="no such folder"):
        make_server(tmp_path / "missing")


@pytest.mark.slow
def test_cli_prints_url_and_stops_on_ctrl_c(tmp_path):
    (tmp_path / "a.txt").write_text("hello")
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = subprocess.Popen([sys.executable, "-m", "podcaster.cli", "serve", str(tmp_path), "--port", str(port)],
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        line = server.stdout.readline()
        assert line.strip() == f"serving {tmp_path} at http://127.0.0.1:{port}/ (Ctrl-C stops)"
        assert request(port, "/a.txt")[1] == b"hello"
        server.send_signal(2)  # SIGINT, as Ctrl-C sends
        assert server.wait(timeout=10) == 0
    finally:
        if server.poll() is None:
            server.kill()
            server.wait()


def test_a_client_hanging_up_is_not_reported_as_a_crash(tmp_path, capsys):
    (tmp_path / "ep.mp3").write_bytes(AUDIO)
    with in_background(make_server(tmp_path, "127.0.0.1", 0, quiet=True)) as port:
        for partial in (b"GET /ep.mp3 HTTP/1.1\r\nHost: x\r\n", b"GET /ep.mp3 HTTP/1.1\r\n\r\n"):
            client = socket.create_connection(("127.0.0.1", port), timeout=5)
            client.sendall(partial)
            client.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
            client.close()  # a reset, as a player seeking elsewhere sends
        time.sleep(0.5)
        response, body = request(port, "/ep.mp3")
        assert response.status == 200 and body == AUDIO  # still serving
    assert "Traceback" not in capsys.readouterr().err


def raw_exchange(port: int, data: bytes) -> bytes:
    """Send ``data`` as written and read the whole answer (the server closes after an error)."""
    with socket.create_connection(("127.0.0.1", port), timeout=10) as client:
        client.sendall(data)
        answer = b""
        while chunk := client.recv(65536):
            answer += chunk
            if b"\r\n\r\n" in answer and answer.startswith(b"HTTP/1.1 4"):
                break
        return answer


def served_with_log(tmp_path):
    """A server that logs (as `podcaster serve` does) into a pipe we can read."""
    (tmp_path / "ep.mp3").write_bytes(AUDIO)
    return in_background(make_server(tmp_path, "127.0.0.1", 0))


def test_a_very_long_path_is_a_404_not_a_crash(tmp_path, capfd):
    with served_with_log(tmp_path) as port:
        for path in ("/" + "a" * 300, "/" + "a" * 300 + ".mp3", "/" + "/".join(["b" * 250] * 20)):
            response, body = request(port, path)
            assert response.status == 404, path
        assert request(port, "/ep.mp3")[1] == AUDIO
    assert "Traceback" not in capfd.readouterr().err


@pytest.mark.parametrize("header, status, content_range", [
    ("bytes=" + "9" * 5000 + "-", 416, f"bytes */{len(AUDIO)}"),
    ("bytes=0-" + "9" * 5000, 206, f"bytes 0-{len(AUDIO) - 1}/{len(AUDIO)}"),
    ("bytes=-" + "9" * 5000, 206, f"bytes 0-{len(AUDIO) - 1}/{len(AUDIO)}"),
])
def test_a_range_with_thousands_of_digits_gets_an_answer(tmp_path, capfd, header, status, content_range):
    with served_with_log(tmp_path) as port:
        response, body = request(port, "/ep.mp3", headers={"Range": header})
    assert response.status == status and response.getheader("Content-Range") == content_range
    assert body == (AUDIO if status == 206 else b"416 Requested Range Not Satisfiable\n")
    assert "Traceback" not in capfd.readouterr().err


def test_escape_sequences_in_requests_are_not_written_to_the_terminal(tmp_path, capfd):
    with served_with_log(tmp_path) as port:
        raw_exchange(port, b"GET /\x1b[2J\x1b]0;pwned\x07.mp3 HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
        raw_exchange(port, b"\x1b[31mBREW /\x9b1m HTTP/1.1\r\nConnection: close\r\n\r\n")
    err = capfd.readouterr().err
    assert "\x1b" not in err and "\x07" not in err and "\x9b" not in err
    assert "\\x1b[2J" in err  # shown, escaped, so the log still says what was asked
