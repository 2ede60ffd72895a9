"""Page furniture: the lines a web page puts around and inside an article that nobody should hear.

Navigation, share and subscribe buttons, adverts, cookie banners, related links, comment
counts, copyright lines and automatic-transcript disclaimers. Only short lines qualify: a
paragraph of prose that mentions subscribing is still prose. What is left out is reported in
the notes with a count and the first few lines, so a producer can check nothing was lost.
"""

from __future__ import annotations

import re

MAX_WORDS = 25  # longer blocks are never furniture
_FURNITURE = re.compile(
    r"^(?:skip to|jump to|menu\b|search\b|home\b|sign (?:in|up)|log ?in|register\b|subscribe\b|"
    r"subscribe (?:now|today|to)|newsletter|share\b|share (?:this|on|article)|tweet\b|email\b|copy link|"
    r"print\b|advertisement|ad\b|sponsored|related\b|related (?:articles|stories|posts|episodes)|"
    r"read (?:more|next|also)|more (?:from|in|stories|episodes)|most (?:read|popular|viewed)|recommended|"
    r"you (?:may|might) also|comments?\b|\d+ comments?|leave a (?:comment|reply)|reply\b|back to top|"
    r"previous (?:article|post|episode)|next (?:article|post|episode)|tags?:|filed under|categor(?:y|ies):|"
    r"posted (?:in|under)\b|topics?:|follow us|support (?:the|our|us)\b|become a (?:supporter|member|patron)|"
    r"donate\b|listen (?:on|to this|now)|available on|download\b|play\b|pause\b|cookie|accept(?: all)?\b|"
    r"privacy|terms\b|contact us|about us|all rights reserved|copyright|©|transcribed by|"
    r"show notes\b|starting at \$|[\w-]*edited by\b|transcribed by\b|"
    r"thanks? (?:you )?for listening\b[^.!?]{0,30}[.!]?$|(?:theme )?music:|artwork:|cover art|sound design|"
    r"mixed by|credits:)",
    re.IGNORECASE)
_ANYWHERE = re.compile(
    r"(?:©|all rights reserved|skip to (?:main )?content|reader-supported|becom(?:e|ing) a (?:free or )?(?:paid )?"
    r"subscriber|transcripts? (?:\w+ ){0,2}(?:prepared|produced|generated|edited|checked)|edited transcript|"
    r"automatic speech recognition|permission (?:for|to) (?:publication|publish|reproduce|quote)|may be quoted|"
    r"made available for (?:private |personal )?(?:study|research)|before reproducing|enter your email|"
    r"privacy (?:notice|policy)|(?:not|never) share your email|unsubscribe|\bpage \d+ of \d+\b|"
    r"this transcript was (?:automatically |machine[- ])?"
    r"generated|(?:automatically|machine)[- ]generated transcript|may (?:still )?contain errors|refer to the "
    r"(?:audio|recording) (?:for|before)|min read\b|cookies? (?:policy|settings)|sign up (?:to|for) (?:our|the))",
    re.IGNORECASE)
_NAV = re.compile(r"^(?:[^|·•»/\n]{1,30}\s*[|·•»/]\s*){2,}[^|·•»/\n]{1,30}$")


def is_furniture(text: str) -> bool:
    words = len(text.split())
    if words > MAX_WORDS * 2:
        return False
    stripped = text.strip().strip("*_#[]() ")
    if _ANYWHERE.search(stripped):
        return True
    if words > MAX_WORDS:
        return False
    return bool(_FURNITURE.match(stripped)) or bool(_NAV.match(stripped))


BACK_MATTER = re.compile(r"^(?:\d+\s+)?(?:comments?|responses?|replies|reader comments|leave a (?:comment|reply)|"
                         r"join the (?:discussion|conversation)|what do you think\?|cite this(?: \w+)?|how to cite|"
                         r"citation|rights(?: and permissions)?|licen[cs]e|related (?:articles|interviews|stories|"
                         r"episodes)|more (?:episodes|interviews|stories) from|(?:books|links|things) mentioned(?: in "
                         r"this (?:post|episode|interview))?|further reading|resources)\W*$", re.IGNORECASE)


def is_back_matter(text: str) -> bool:
    """"3 comments", "Cite this item", "Related interviews": what follows is not the article."""
    return bool(BACK_MATTER.match(text.strip().strip("*_#[]() ")))


def left_out_note(where: str, texts: list[str]) -> str:
    """`left out 14 lines (120 words) before the article: "Home", "Share", …`."""
    texts = [t for t in texts if t.strip()]
    if not texts:
        return ""
    words = sum(len(t.split()) for t in texts)
    shown = ", ".join(_quote(t) for t in texts[:3]) + (", …" if len(texts) > 3 else "")
    lines = "line" if len(texts) == 1 else "lines"
    return f"left out {len(texts)} {lines} ({words} words) {where}: {shown}"


def _quote(text: str, words: int = 5) -> str:
    parts = text.split()
    return '"' + " ".join(parts[:words]) + ("…" if len(parts) > words else "") + '"'


_SECTION_LEAD = re.compile(r"^(?:summary|abstract|note on the transcript|transcript note|background|biography|bio|"
                           r"introduction)\s*:\s+", re.IGNORECASE)


def without_section_lead(text: str) -> str:
    """"SUMMARY: Perpetua worked…" is said without its section label."""
    return _SECTION_LEAD.sub("", text)
