"""Rules for addresses: e-mail and web addresses are read the way people say them."""

from __future__ import annotations

import re

_TLD = (r"com|org|net|edu|gov|int|mil|info|biz|io|co|ai|app|dev|me|tv|fm|ly|eu|uk|ie|de|fr|"
        r"it|es|nl|be|ch|at|se|no|dk|fi|pl|pt|gr|ca|au|nz|us|in|jp|cn|ru|br|za|org\.uk|co\.uk|ac\.uk")
_HOST = rf"(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)+(?:{_TLD})\b"
_EMAIL = re.compile(rf"\b([\w.+-]+)@({_HOST})", re.IGNORECASE)
_URL = re.compile(rf"(?:\bhttps?://)?(?:www\.)?\b({_HOST})((?:/[\w\-.~%/?=&#]*[\w/])?/?)",
                  re.IGNORECASE)
_SEPARATORS = {".": " dot ", "/": " slash ", "-": " dash ", "_": " underscore ", "@": " at ",
               "?": " question mark ", "=": " equals ", "&": " and ", "#": " hash ",
               "~": " tilde ", "%": " percent ", "+": " plus "}
_SEPARATOR = re.compile("[" + re.escape("".join(_SEPARATORS)) + "]")


def _say_address(address: str) -> str:
    return _SEPARATOR.sub(lambda m: _SEPARATORS[m.group(0)], address)


def say_emails(text: str) -> str:
    """``a@b.org`` -> "a at b dot org"."""
    return _EMAIL.sub(lambda m: _say_address(f"{m.group(1)}@{m.group(2)}"), text)


def say_urls(text: str) -> str:
    """``https://www.example.com/path`` -> "example dot com slash path" (no scheme, no www)."""
    def say(match: re.Match) -> str:
        return _say_address(match.group(1) + match.group(2).rstrip("/"))
    return _URL.sub(say, text)
