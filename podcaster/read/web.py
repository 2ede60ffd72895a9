"""Fetch an article from an http(s) address: redirects followed, time and size limited."""

from __future__ import annotations

import http.client
import urllib.error
import urllib.request
from dataclasses import dataclass

from ..errors import InputError
from .decode import MAX_BYTES

TIMEOUT = 20  # seconds, for connecting and for each read
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
    """The body of ``url``; a one-line InputError if it cannot be had or is not text."""
    request = urllib.request.Request(url, headers={"User-Agent": USER_AGENT, "Accept": ACCEPT})
    try:
        with urllib.request.urlopen(request, timeout=TIMEOUT) as response:
            content_type = response.headers.get_content_type()
            charset = response.headers.get_content_charset() or ""
            if content_type not in TEXT_TYPES:
                raise InputError(f"{url}: not a web page ({content_type}); give the address of an article")
            data = response.read(MAX_BYTES + 1)
    except urllib.error.HTTPError as error:
        raise _unfetched(url, f"HTTP {error.code} {error.reason}") from None
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


def _unfetched(url: str, reason: str) -> InputError:
    return InputError(f"{url}: could not fetch ({reason}); check the address")


def _reason(reason: object) -> str:
    if isinstance(reason, TimeoutError):
        return f"no answer within {TIMEOUT} s"
    text = getattr(reason, "strerror", None) or str(reason) or type(reason).__name__
    return text[0].lower() + text[1:]
