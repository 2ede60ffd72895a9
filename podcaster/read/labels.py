"""Speaker labels at the start of a paragraph or a line, in the forms transcripts and interviews use.

Any of these may follow a timestamp (``[00:12:03]``, ``(12:03)``, ``0:00:13.8``, ``00:12:03 -``):

- ``Name: text``, ``DANA WHITFIELD: text``, ``MS. OKONJO: text``, ``Dr. Amin: text``, ``RW: text``
- ``**Name:** text``, ``**Name**: text``, ``**Name** text``, ``__Name:__ text``
- ``Name (MQ): text`` (initials introduced), ``Name (host): text``, ``Name [00:12:03]: text``
- ``Q: text``, ``Q. text``, ``Q    text`` (a bare Q, as press briefings write it), ``Question: text``
- ``Name:`` or ``Speaker 1 (00:00:04):`` or ``Dana Whitfield  0:04`` alone on a line: words follow
- ``>> NAME: text`` (broadcast transcripts), ``Mr. SMITH. text`` (hearings)

``parse_label`` reads the form only; whether a name really is a speaker is decided by
``speakers.py`` from the whole document (how often it recurs, who the document names).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .stage import CUE_LABELS, STAGE_WORD

TIME = r"\d{1,2}:\d{2}(?::\d{2})?(?:[.,]\d{1,3})?"
_STAMP = rf"(?:[\[(]\s*{TIME}\s*[\])]|{TIME})"
_LEAD = re.compile(rf"^(?:>>\s*|[-–—]\s+)?(?:(?P<stamp>{_STAMP})\s*(?:[-–—|]\s*)?)?")
INLINE_STAMP = re.compile(rf"\s*[\[(]\s*{TIME}\s*[\])]\s*")
_MARKUP = re.compile(r"^(\*\*|__)(?P<inner>[^*_\n]{1,80}?)\1(?P<after>.*)$", re.DOTALL)
_PLAIN = re.compile(
    rf"^(?P<name>[^\W\d_][\w'’.\-]*(?:[ \u00a0]+[\w'’.\-]+){{0,5}}?)"
    rf"(?:\s*[(\[](?P<paren>[^()\[\]\n]{{1,40}})[)\]])?(?:\s+(?P<time>{TIME}))?"
    rf"\s*(?P<sep>[:：])(?!\d)(?P<rest>.*)$", re.DOTALL)
_ALONE = re.compile(
    rf"^(?P<name>[^\W\d_][\w'’.\-]*(?:[ \u00a0]+[\w'’.\-]+){{0,5}}?)"
    rf"(?:\s*[(\[](?P<paren>[^()\[\]\n]{{1,40}})[)\]])?(?:\s+(?P<time>{TIME}))?\s*$")
# MARY LOUISE KELLY, HOST: / UNIDENTIFIED PERSON #1:
_CAPS_ROLE = re.compile(r"^(?P<name>[A-Z][A-Z'’.\-]*(?: [A-Z][A-Z'’.\-]*){0,4}(?: #\d+)?)"
                        r"(?:, (?P<paren>[A-Z][A-Z ]{1,30}))?\s*:(?:\s+(?P<rest>\S.*)|\s*)$", re.DOTALL)
_CAPS_ALONE = re.compile(r"^(?P<name>[A-Z][A-Z'’.\-]*(?: [A-Z][A-Z'’.\-]*){0,4})$")
_BARE_Q = re.compile(r"^(?P<name>[QA])(?:\.\s+|\s{2,}|\t\s*|\s+(?=[\"“‘A-Z]))(?P<rest>\S.*)$", re.DOTALL)
_DASHED_ROLE = re.compile(r"^(?P<name>Q|A|Question|Answer|Audience(?: member)?(?: \d+)?|Host|Moderator|Interviewer|"
                          r"Speaker)\s+[-–—]\s+(?P<rest>\S.*)$", re.DOTALL | re.IGNORECASE)
_HEARING = re.compile(r"^(?P<name>(?:Mr|Ms|Mrs|Dr|Chairman|Chairwoman|Senator)\.? [A-Z][A-Z'’-]+)\.\s+(?P<rest>\S.*)$",
                      re.DOTALL)
_PARTICLES = {"de", "da", "del", "der", "den", "di", "du", "la", "le", "van", "von", "bin", "al", "el", "ter",
              "y", "dos", "das", "of", "the", "member", "speaker", "and"}
_HONORIFIC = re.compile(r"^(?:mr|ms|mrs|mx|miss|dr|prof|professor|sir|dame|rev|sen|senator|rep|gov|"
                        r"secretary|ambassador|minister|president|general|gen|admiral|judge|justice|"
                        r"chairman|chairwoman|chair|mayor|director|commissioner|father|sister)\.?$", re.IGNORECASE)
ROLE_WORDS = {
    "q": "interviewer", "question": "interviewer", "byline": "interviewer", "questioner": "interviewer",
    "interviewer": "interviewer",
    "host": "interviewer", "co-host": "interviewer", "cohost": "interviewer", "moderator": "interviewer",
    "presenter": "interviewer", "chair": "interviewer", "anchor": "interviewer", "reporter": "interviewer",
    "journalist": "interviewer", "audience": "interviewer", "audience member": "interviewer",
    "audience question": "interviewer", "participant": "interviewer", "caller": "interviewer",
    "student": "interviewer", "attendee": "interviewer",
    "a": "guest", "answer": "guest", "guest": "guest", "interviewee": "guest", "respondent": "guest",
    "speaker": "guest", "panelist": "guest", "panellist": "guest", "lecturer": "guest",
}
NEUTRAL_WORDS = re.compile(r"^(?:speaker|unidentified speaker|unidentified person|unidentified man|"
                           r"unidentified woman|unknown speaker|male speaker|female speaker|voice|man|woman|person)"
                           r"\s*#?\d*$", re.IGNORECASE)
_NOT_NAMES = {
    "note", "notes", "update", "updated", "editor's note", "editor’s note", "editors note", "photo", "image",
    "source", "sources", "read more", "related", "warning", "correction", "disclaimer", "disclosure", "tags",
    "tag", "share", "credit", "credits", "caption", "watch", "listen", "see also", "summary", "background",
    "p.s", "ps", "nb", "tl;dr", "transcript", "advertisement", "sponsored", "more", "links", "link",
    "show notes", "episode", "published", "posted", "filed under", "category", "categories", "topics",
    "subscribe", "download", "email", "website", "web", "twitter", "facebook", "instagram", "linkedin",
    "phone", "tel", "address", "location", "date", "time", "when", "where", "who", "what", "why", "how",
    "example", "examples", "for example", "step", "tip", "tips", "fact", "facts", "quote", "yes", "no", "well",
    "so", "and", "but", "also", "however", "first", "second", "third", "finally",
    "today", "now", "then", "here", "there", "this", "that", "these", "the answer", "bottom line",
    "key takeaways", "takeaway", "takeaways", "resources", "further reading", "references", "part",
    "chapter", "section", "table of contents", "contents", "menu", "search", "home", "about", "contact",
    "break", "ad break", "intermission",
}


@dataclass(frozen=True)
class Label:
    name: str  # as written, without markup, timestamp or parentheses
    rest: str  # what follows the label on its paragraph; "" when it stands alone
    marked: str = ""  # "colon", "markup" (bold, no colon), "bare" (Q with spaces), "time" (name and a time),
    # "caps" (a name in capitals alone on its line)
    paren: str = ""  # what the parentheses after the name hold: initials, a role, ""
    stamp: str = ""  # the timestamp before or after the name, as written

    @property
    def role_word(self) -> str:
        """'interviewer' or 'guest' for labels like Q:, A:, Host:, Audience member:; else ''."""
        return role_of(self.name)

    @property
    def strong(self) -> bool:
        """Written the way only a label is written: a colon, bold and a colon, or a timestamp."""
        return self.marked == "colon" or bool(self.stamp)

    @property
    def alone(self) -> bool:
        """The label is a line of its own; the words follow on the next lines."""
        return not self.rest


def role_of(name: str) -> str:
    """The role a label's word gives: "Q" asks, "A" answers; "Speaker 1" says nothing of its role."""
    if NEUTRAL_WORDS.match(name.strip()):
        return ""
    key = re.sub(r"\s*\d+$", "", name.lower().strip(" .")).strip()
    return ROLE_WORDS.get(key, "")


def _after_lead(text: str) -> tuple[str, str]:
    """(the timestamp a line starts with, without its brackets, or ""; the rest of the line)."""
    lead = _LEAD.match(text)
    assert lead is not None  # every part of the lead is optional
    return (lead.group("stamp") or "").strip("[]() "), text[lead.end():]


def parse_label(paragraph: str) -> Label | None:
    """The label a paragraph or line starts with, if it has the form of one."""
    stamp, text = _after_lead(paragraph)
    for reader in (_markup_label, _whole_bold_label, _plain_label, _caps_role, _bare_label, _caps_alone):
        label = reader(text)
        if label is not None and _name_like(label.name):
            return _with_stamp(label, stamp)
    unmarked = text.lstrip("*_ ")  # "**Q: …" never closed, "******Q: …" from a broken conversion
    if unmarked != text and unmarked[:1].isalpha():
        label = _plain_label(unmarked) or _caps_role(unmarked)
        if label is not None and _name_like(label.name):
            return _with_stamp(Label(label.name, label.rest.rstrip("*_ "), label.marked, label.paren,
                                     label.stamp), stamp)
    return None


def _with_stamp(label: Label, stamp: str) -> Label:
    paren = label.paren
    if paren and re.fullmatch(TIME, paren):
        stamp, paren = stamp or paren, ""
    return Label(label.name, label.rest, label.marked, paren, label.stamp or stamp)


def _markup_label(text: str) -> Label | None:
    """``**Name:** rest``, ``**Name**: rest``, ``**Name** rest``, ``**[00:01] Name:**``."""
    match = _MARKUP.match(text)
    if not match:
        return None
    inner, after = match.group("inner").strip(), match.group("after")
    stamp, inner = _after_lead(inner)
    colon = after.lstrip().startswith((":", "：")) or inner.endswith((":", "："))
    alone = _ALONE.match(inner.rstrip(":： "))
    if not alone:
        return None
    rest = re.sub(r"^\s*[:：]", "", after).strip()
    marked = "colon" if colon else "markup"
    paren = (alone.group("paren") or alone.group("time") or "").strip()
    return Label(alone.group("name").strip(), rest, marked, paren, stamp)


def _whole_bold_label(text: str) -> Label | None:
    """``**Name: the whole turn in bold**``."""
    whole = re.match(r"^(\*\*|__)(?P<inner>.+)\1$", text, re.DOTALL)
    inner = _plain_label(whole.group("inner")) if whole else None
    return inner if inner and inner.rest else None


_NAME_COLON_TIME = re.compile(rf"^(?P<name>[^\W\d_][\w'’.\-]*(?: [\w'’.\-]+){{0,5}}?):\s*(?P<time>{TIME})\s*$")


def _plain_label(text: str) -> Label | None:
    match = _NAME_COLON_TIME.match(text.strip())  # "Speaker 1: 00:00:07", alone on its line
    if match:
        return Label(match.group("name").strip(), "", "time", "", match.group("time"))
    match = _ALONE.match(text)
    time = (match.group("time") or match.group("paren") or "").strip() if match else ""
    if match and re.fullmatch(TIME, time):  # "Dana Whitfield  0:04", "Interviewer (00:00:04)"
        return Label(match.group("name").strip(), "", "time", "", time)
    match = _PLAIN.match(text)
    if match:
        return Label(match.group("name").strip(), match.group("rest").strip(), "colon",
                     (match.group("paren") or "").strip(), match.group("time") or "")
    return None


def _caps_role(text: str) -> Label | None:
    """``MARY LOUISE KELLY, HOST:``, ``AYESHA RASCOE, BYLINE:``, ``UNIDENTIFIED PERSON #1:`` (radio transcripts)."""
    match = _CAPS_ROLE.match(text)
    if not match:
        return None
    return Label(match.group("name"), (match.group("rest") or "").strip(), "colon",
                 (match.group("paren") or "").strip().lower())


def _caps_alone(text: str) -> Label | None:
    """``INTERVIEWER`` or ``OKAFOR-BELL`` alone on a line, as oral histories write their turns."""
    match = _CAPS_ALONE.match(text.strip())
    return Label(match.group("name"), "", "caps") if match and len(match.group("name")) > 1 else None


def _bare_label(text: str) -> Label | None:
    for pattern in (_BARE_Q, _DASHED_ROLE, _HEARING):
        match = pattern.match(text)
        if match:
            return Label(match.group("name"), match.group("rest").strip(), "bare")
    return None


_FUNCTION_WORDS = {"about", "the", "a", "an", "in", "on", "at", "for", "with", "from", "our", "my", "your", "this",
                   "that", "these", "those", "why", "how", "what", "when", "where", "who", "which", "and", "but",
                   "or", "so", "if", "as", "to", "by", "of", "into", "after", "before", "more", "meet", "read",
                   "see", "watch", "listen", "part", "chapter", "episode", "season", "series", "update", "note"}
_NUMBERED = {"speaker", "member", "participant", "guest", "caller", "voice", "reporter", "question",
             "audience", "person", "man", "woman", "student", "panelist", "panellist", "host", "interviewer"}


def _name_like(name: str) -> bool:
    """Capitalised words, initials, particles, an honorific, a number after "Speaker": no sentence."""
    words = name.replace("\u00a0", " ").split()
    if not words or len(name) > 40 or len(words) > 6 or name.lower().strip(" .") in _NOT_NAMES:
        return False
    if len(words) == 1 and name.lower() in CUE_LABELS:  # "Crosstalk: …", "Music: …"
        return False
    if name.islower() and (role_of(name) or re.fullmatch(r"[a-z]{2,3}", name)):  # "host:", "pw:" informally
        return True
    if not words[0][:1].isupper() or words[-1].lower() in _PARTICLES - {"member", "speaker"}:
        return False
    if words[0].lower() in _FUNCTION_WORDS and not name.isupper() and len(words) > 1:
        return False  # "About Oluwaseun:", "In Brief:", "For Example:"
    for i, word in enumerate(words):
        numbered = bool(re.fullmatch(r"#?\d+", word)) and i > 0 and words[i - 1].lower() in _NUMBERED
        if not (word[:1].isupper() or word.lower() in _PARTICLES or numbered or _HONORIFIC.match(word)):
            return False
        if word in ("the", "of", "and") and not role_of(name):  # "Following the Lost Rivers: …" is a title
            return False
    return True


# **A & B** (laughing)
_NAMES_LEAD = re.compile(r"^\*\*[A-Z][\w'’ .-]{0,60}(?:&|and)[A-Z\w'’ .-]{1,60}\*\*\s+(?=[\[(])")


def is_stage_direction(text: str) -> bool:
    """``[laughs]``, ``(Intro music: soft piano)``, ``**Break:**``, ``[MUSIC PLAYING]``: no words to say."""
    bare = _NAMES_LEAD.sub("", _LEAD.sub("", text.strip(), count=1))
    bare = re.sub(r"^[*_\s]+|(?<![*_\s])[*_\s]+$", "", bare)  # not retried at every star of a long run
    if re.fullmatch(r"\[(?:slide|video|image|photo|clip|music|audio|sound|graphic|caption|chart|map)\b[^\]]{0,120}\]",
                    bare, re.IGNORECASE):
        return True  # "[Slide: the pantry door on Wharf Lane]"
    inner = re.fullmatch(r"[\[(](.{1,80})[\])]\.?", bare, re.DOTALL)
    if inner:
        content = inner.group(1)
        return len(content.split()) <= 10 and bool(STAGE_WORD.search(content))
    plain = bare.rstrip(":.").strip(" -–—*_#")
    return bool(re.fullmatch(r"(?:ad |commercial |mid-?roll |sponsor )?break|ends?|the end|end of (?:transcript|"
                             r"recording|interview)|(?:intro|outro|theme) music(?: plays| fades)?", plain,
                             re.IGNORECASE))


def initials(name: str) -> str:
    return "".join(w[0] for w in name.replace("-", " ").split() if w[:1].isupper())


def looks_like_full_name(name: str) -> bool:
    words = name.split()
    return (2 <= len(words) <= 5 and words[0][:1].isupper() and words[-1][:1].isupper()
            and not name.isupper() and not any(_HONORIFIC.match(w) for w in words[:1])
            and not role_of(name) and not NEUTRAL_WORDS.match(name))


def strip_honorific(name: str) -> str:
    """``MS. OKONJO`` -> ``OKONJO``; ``Dr Ash Amin`` -> ``Ash Amin``."""
    words = name.split()
    while len(words) > 1 and _HONORIFIC.match(words[0]):
        words.pop(0)
    return " ".join(words)
