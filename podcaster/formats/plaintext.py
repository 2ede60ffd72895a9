"""Clean text, by the same rules wherever it comes in: articles, script files, tags, speech.

``normalise`` leaves no control, invisible or bidi-override character and no terminal escape
sequence. ``xml_safe`` leaves nothing XML 1.0 or HTML forbids, and nothing that reorders text:
what goes into the feed, the pages and the HTML parser. ``drop_tags`` and ``decode_entities``
turn markup typed into plain text (an SSML
``<speak>``, an HTML ``<b>``, ``&eacute;``) into what it stands for.
"""

from __future__ import annotations

import html
import re
import unicodedata
from html.entities import html5

# CSI sequences (colours, cursor moves), OSC sequences (window titles), two-character escapes
_ESCAPE = re.compile(r"\x1b(?:\[[0-?]{0,32}[ -/]{0,8}[@-~]|\][^\x07\x1b]{0,500}(?:\x07|\x1b\\)?|[@-_])")
_INVISIBLE = re.compile("[\u200b-\u200f\u2060-\u2064\ufeff\u00ad\u202a-\u202e\u2066-\u2069]")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
_SPACES = re.compile("[\u00a0\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\t]")
# A tag as SSML and HTML write it: <speak>, </b>, <br/>, <prosody rate="slow">, <?xml …?>, of an
# element either language has (or a vendor's, such as <amazon:effect>). Not <a@b.org> or
# <https://…>, which are addresses, nor <Maya>, a name in a chat log: those are read out.
_ATTRIBUTE = r"""\s+[\w:.-]+(?:\s*=\s*(?:"[^"<>]*"|'[^'<>]*'|[^\s"'<>]+))?"""
TAG = re.compile(rf"<[!/]?([A-Za-z][\w:.-]*)(?:{_ATTRIBUTE}){{0,30}}\s*/?>|<\?[^<>]{{0,200}}\?>", re.DOTALL)
ELEMENTS = frozenset("""
    speak prosody break say-as emphasis voice audio sub phoneme lang mark s p desc lexicon lookup
    meta metadata token w doctype html head body title base link style script noscript template
    a abbr acronym address area article aside b bdi bdo big blink blockquote br button canvas
    caption center cite code col colgroup data datalist dd del details dfn dialog dir div dl dt
    em embed fieldset figcaption figure font footer form frame frameset h1 h2 h3 h4 h5 h6 header
    hgroup hr i iframe img input ins kbd label legend li main map marquee menu meter nav object
    ol optgroup option output param picture pre progress q rp rt ruby samp search section select
    slot small source span strike strong summary sup svg table tbody td textarea tfoot th thead
    time tr track tt u ul var video wbr""".split())
_NONCHARACTERS = "\ufdd0-\ufdef" + "".join(chr(plane * 0x10000 + 0xFFFE) + chr(plane * 0x10000 + 0xFFFF)
                                            for plane in range(17))
# controls but tab, newline and return; DEL and C1; lone surrogates; noncharacters; bidi controls
_NOT_XML = re.compile(f"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\u202a-\u202e\u2066-\u2069{_NONCHARACTERS}]")
_ENTITY = re.compile(r"&(?:#\d{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")


def normalise(text: str) -> str:
    """Unicode NFC, Unix newlines, plain spaces, no invisible or control characters."""
    text = unicodedata.normalize("NFC", text).replace("\r\n", "\n").replace("\r", "\n")
    text = _ESCAPE.sub("", text)
    text = _INVISIBLE.sub("", text)
    text = _CONTROL.sub("", text)
    text = _SPACES.sub(" ", text)
    return "\n".join(line.rstrip() for line in text.split("\n"))


def xml_safe(text: object) -> str:
    """``text`` as a string without the characters XML cannot hold or that reorder it."""
    return _NOT_XML.sub("", str(text))


def one_line(text: str) -> str:
    """Normalised, on one line with single spaces: for tags and other one-line fields."""
    return " ".join(normalise(text).split())


def drop_tags(text: str) -> str:
    """``<speak>Hello</speak>`` -> `` Hello ``: the words stay, the markup (and comments) go."""
    return TAG.sub(_unless_words, _drop_comments(text))


def _unless_words(tag: re.Match) -> str:
    name = (tag.group(1) or "?").lower()
    return " " if name == "?" or name in ELEMENTS or ":" in name else tag.group(0)


def _drop_comments(text: str) -> str:
    """``<!-- … -->`` removed; by search, not regex, which would be slow on many unclosed ones."""
    kept, start = [], 0
    while (opened := text.find("<!--", start)) != -1 and (closed := text.find("-->", opened + 4)) != -1:
        kept += [text[start:opened], " "]
        start = closed + 3
    return "".join(kept) + text[start:]


def decode_entities(text: str) -> str:
    """``&eacute;`` -> é, ``&#x1F600;`` -> 😀, ``&amp;`` -> &; only complete ones (with ``;``)."""
    def decode(match: re.Match) -> str:
        entity = match.group(0)
        if entity[1] == "#" or entity[1:] in html5:
            return html.unescape(entity)
        return entity  # not an entity ("&notice;"), so not decoded in part ("¬ice;")
    return _ENTITY.sub(decode, text)
