"""Who the people of a document are: names from everywhere it gives them, and hints of their roles.

Names come from the front matter (``hosts``, ``guests``), the title and standfirst, the byline,
the labels, introductions ("Marta Quill (MQ)", "I'm Dana Whitfield and my guest today is Jo
Marsh") and vocatives ("Let me start, Ash,"). A label resolves to a person by full name,
initials, surname, first name or honorific and surname ("MS. OKONJO" -> "Grace Okonjo").
Role hints are scores: positive for asking (host), negative for answering (guest).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..read.dates import MONTHS
from ..read.labels import initials, looks_like_full_name, strip_honorific

_UPPER = "A-ZÀ-ÖØ-Þ"
_CAP = rf"(?:[{_UPPER}][a-zà-öø-ÿ'’]+(?:-[{_UPPER}][a-zà-öø-ÿ'’]+)?|[{_UPPER}]\.)"
_PARTICLE = r"(?:de|da|del|der|den|di|du|la|le|van|von|bin|al|el|ter|dos|das|ibn|ben)"
_NICK = r"(?: [\"“‘'][A-Z][a-zà-öø-ÿ]+[\"”’'])?"  # Oluwadamilare "Olu" Pike
NAME = rf"{_CAP}{_NICK}(?: (?:{_CAP}|{_PARTICLE})){{0,3}} [{_UPPER}][a-zà-öø-ÿ'’]+(?:-[{_UPPER}][a-zà-öø-ÿ'’]+)?"
_NAME_RE = re.compile(rf"(?<![\w'’-])(?:{NAME})(?![\w'’-])")
_LIST = rf"(?:{NAME})(?:(?:, | and | & |, and )(?:{NAME}))*"
# Capitalised words that start sentences or name things, never the first word of a person's name.
_NOT_FIRST = set("""i i'm i’m i've i’ve it's it’s that's that’s here's here’s hon honourable honorable rt
the a an in on at by of for with from to and but or so if as our my your his her their its
this that these those why how what when where who which whose welcome thanks thank hello hi hey yes no
well okay ok now then today tonight tomorrow yesterday also after before during since while episode part
chapter season transcript interview interviews podcast show listen read watch subscribe share follow
professor doctor dr mr mrs ms mx sir dame lord lady president senator minister secretary ambassador
mayor governor judge justice general captain chairman chairwoman director editor author host guest
monday tuesday wednesday thursday friday saturday sunday here there let join meet please see more new good great
dear urban british american european french german chinese indian african global national international
north south east west university college school institute centre center department ministry""".split()) | {
    month.lower() for month in MONTHS}
_NOT_LAST = set("""in on at by of for with from to and but or so welcome thanks thank hello hi yes no well
today tonight now then this that the a an is was are were has have had will would can could says said
talks speaks explains asks tells joins meets interviews about""".split())

_OCCUPATIONS = """translator cartographer geographer novelist historian architect volunteer director economist
scientist musician artist author writer designer engineer photographer journalist poet painter potter ceramicist
chef farmer activist founder curator editor filmmaker producer researcher developer maintainer contributor
librarian archivist recordist sculptor composer conductor singer teacher lecturer nurse surgeon lawyer biologist
physicist chemist astronomer ecologist geologist philosopher theologian priest rabbi imam entrepreneur investor
coach athlete climber sailor pilot keeper warden ranger gardener baker brewer tailor weaver blacksmith carpenter
electrician mechanic diver restorer conservator bandmaster broadcaster comedian actor dancer illustrator
surveyor planner campaigner organiser organizer diplomat officer""".split()
_NOT_SURNAMES = set(_OCCUPATIONS) | set("""manager lead head chief engineer developer officer secretary spokesperson
president chair member team group project foundation university society council committee department institute
museum library school college press review magazine journal podcast show episode spotlight series""".split())
_OCCUPATION = r"(?:[A-Z][a-z]*(?:ologist|grapher|ician)|" + "|".join(w.capitalize() for w in _OCCUPATIONS) + ")"
_NOT_DESCRIPTOR = (r"(?:and|with|to|by|of|from|for|at|in|on|the|says|said|asks|asked|told|tells|thanks|meet|meets|"
                   r"interviews|is|was|are|were|has|had|about|between|like|than|that|as|or|including|featuring|"
                   r"welcome|welcomes|joins|join|host|hosts|guest|guests|me|us|dear|hello|hi|thank|you)")
_HOST_NOUN = r"(?:co-?hosts?|hosts?|presenters?|moderators?|interviewers?|anchors?|reporters?|correspondents?)"
_ROLE_PHRASES = [  # (pattern with the named groups it fills, score for host, score for guest)
    # "talks to", "speaks with", "in conversation with": either way round in practice, so no roles
    (rf"(?P<host>{_LIST}),? (?:talks?|speaks?|chats?|chatted|talked|spoke|sits? down|sat down|catches up|"
     rf"caught up|is in conversation|in conversation) (?:to|with) (?:\w+ ){{0,3}}(?P<guest>{_LIST})", 0, 0),
    (rf"(?P<host>{_LIST}),? (?:interviews|interviewed|quizzes|quizzed|asks|asked|questions|questioned|hosts|"
     rf"hosted|welcomes|welcomed|(?:is|are|was) joined by) (?:\w+ ){{0,3}}(?P<guest>{_LIST})", 4, 4),
    (rf"(?P<guest>{_LIST}),? (?:explains?|explained|tells?|told|describes?|described|reveals?|revealed|"
     rf"reflects?|reflected|shares?|shared|walks?|walked) (?:[\w’']+ ){{0,8}}?(?:to|with) (?P<host>{_LIST})", 4, 4),
    (rf"(?P<guest>{_LIST}),? (?:is|was|were|are) (?:interviewed|questioned) by (?P<host>{_LIST})", 4, 4),
    (rf"(?:interview(?:ed)?|hosted|moderated|presented|conducted) by (?P<host>{_LIST})", 4, 0),
    (rf"\b{_HOST_NOUN}[,:]? (?P<host>{_LIST})", 4, 0),
    (rf"(?P<host>{_LIST}),? (?:(?:our|your|the|is|and) )*"
     r"(?:co-?hosts?|hosts?|presenters?|moderators?|interviewers?)\b", 3, 0),
    (rf"\b(?:an? )?(?:interview|conversation|chat|q&a|q & a|talk|discussion|sit-down|lecture|keynote|remarks|"
     rf"speech) (?:with|by|from) (?P<guest>{_LIST})", 0, 4),
    (rf"\b(?:my|our) guests? (?:today |this week |this time |here )?(?:is|are|was)[,:]? (?:\w+ ){{0,4}}?"
     rf"(?P<guest>{_LIST})", 0, 5),
    (rf"\b(?:joining|with) (?:me|us) (?:today |now |here |this week )?(?:is|are)[,:]? (?:\w+ ){{0,4}}?"
     rf"(?P<guest>{_LIST})", 0, 5),
    (rf"\b(?:guests?|featuring|joined by)[,:]? (?P<guest>{_LIST})", 0, 3),
    (rf"\b(?:I'm|I’m|I am|we're|we’re|we are) (?:\w+ ){{0,2}}(?:with|talking to|speaking to|speaking with) "
     rf"(?P<guest>{_LIST})", 0, 4),
    (rf"\b(?:[Ss]he|[Hh]e|[Tt]hey) (?:explains?|explained|tells?|told|describes?|described|reveals?|revealed) "
     rf"(?:[\w’']+ ){{0,8}}?(?:to|with) (?P<host>{_LIST})", 4, 0),
    (rf"\bwelcome (?:to the (?:show|programme|program|podcast)|back|aboard)?,? (?P<guest>{_LIST})", 0, 2),
    # "urban geographer Ash Amin", "Translator Beatriz Salgado": described by their work, the subject
    (rf"(?:^|\b)(?!{_HOST_NOUN}\b|{_NOT_DESCRIPTOR}\b)(?:[a-z][a-z-]{{2,}}|{_OCCUPATION}) (?P<guest>{NAME})"
     rf"(?![\w'’-])(?!,? (?:talks?|talked|spoke|speaks|sat|sits|met|meets|asks?|asked|interview))", 0, 2),
]
_ROLE_RES = [(re.compile(p), h, g) for p, h, g in _ROLE_PHRASES]
_SELF = re.compile(rf"\b(?:I'm|I’m|I am|my name is|this is|it's|it’s) (?P<name>{NAME}|{_CAP})\b")


@dataclass
class Person:
    name: str  # the fullest name the document gives
    asks: float = 0.0  # evidence of hosting (positive) or answering (negative)
    why: list[str] = field(default_factory=list)
    nicknames: set[str] = field(default_factory=set)  # lower case: "olu" for Oluwadamilare "Olu" Pike

    @property
    def first(self) -> str:
        return self.name.split()[0]

    @property
    def last(self) -> str:
        return self.name.split()[-1]


class People:
    """The people a document names, in the order it names them."""

    def __init__(self, text: str = "") -> None:
        self.persons: list[Person] = []
        self.text = text  # the whole document, to tell names from capitalised words
        self.around: list[str] = []  # names on the page around the article, for a label's surname only
        self.lower = set(re.findall(r"\b[a-zà-öø-ÿ][\w'’-]*", text))

    def __iter__(self):
        return iter(self.persons)

    def names(self) -> list[str]:
        return [p.name for p in self.persons]

    def add(self, name: str, asks: float = 0.0, why: str = "", as_written: bool = False,
            trusted: bool = False) -> Person | None:
        """Add a person, or evidence about one already named; ``as_written``: a label's name, which wins;
        ``trusted``: a name given as a name (a label, the front matter), not found in running text."""
        nick = re.search(r"\s[\"“‘']([A-Z][a-zà-öø-ÿ]+)[\"”’']\s", name)
        name = _tidy(re.sub(r"\s[\"“‘'][A-Z][a-zà-öø-ÿ]+[\"”’']\s", " ", name))
        if not name:
            return None
        person = self.find(name)
        if person is None and not (trusted or as_written or self.is_name(name)):
            return None
        if person is None:
            person = Person(name)
            self.persons.append(person)
        elif as_written and looks_like_full_name(name):
            person.name = name
        elif len(name.split()) > len(person.name.split()) and name.endswith(" " + person.name):
            person.name = name  # "Amin" then "Ash Amin": keep the fuller name
        person.asks += asks
        if why:
            person.why.append(why)
        if nick:
            person.nicknames.add(nick.group(1).lower())
        return person

    def mentions(self, person: Person) -> int:
        """How often the document names them (by surname): the subject of a piece is named most."""
        return len(re.findall(rf"\b{re.escape(person.last)}\b", self.text))

    def is_name(self, name: str) -> bool:
        """Capitalised words are a person's name unless the document also writes them in lower case
        ("Bending Light", "Community Spotlight"); a first name may be a word ("Will Smith") if the
        whole name comes back."""
        words = [w.lower() for w in name.split() if len(w) > 2 and not w.endswith(".")]
        if not words or words[-1] in self.lower or words[-1] in _NOT_SURNAMES:
            return False
        return words[0] not in self.lower or self.text.count(name) >= 2

    def find(self, written: str, initials_hint: str = "") -> Person | None:
        """The person a label or a name stands for: full name, initials, surname or first name."""
        name = strip_honorific(_tidy(written))
        key = name.lower()
        if not key:
            return None
        exact = [p for p in self.persons if p.name.lower() == key or key in p.nicknames]
        if exact:
            return exact[0]
        for test in (_by_initials(initials_hint or name), _by_part(key)):
            matches = [p for p in self.persons if test and test(p)]
            if len(matches) == 1:
                return matches[0]
        around = [n for n in self.around if " " not in key and n.split()[-1].lower() == key]
        return self.add(around[0], trusted=True) if len(around) == 1 else None

    def hint_title(self, title: str) -> None:
        """A title names its subject: "Meet Jo Marsh", "Jo Marsh on rivers", "Spotlight: Jo Marsh"."""
        for pattern in _TITLE_GUEST:
            match = pattern.search(title)
            if match and self.add(match.group("guest"), -2.0, f'the title "{_short(title)}"'):
                return

    def hint_roles(self, text: str, weight: float = 1.0) -> None:
        """Role phrases: "X talks to Y", "Y explains to X", "my guest today is Y", "host X"."""
        for pattern, host, guest in _ROLE_RES:
            for match in pattern.finditer(text):
                groups = match.groupdict()
                for role, score in (("host", host), ("guest", -guest)):
                    names = split_list(groups.get(role) or "")
                    for n, name in enumerate(names):
                        share = 1.0 if len(names) == 1 or role == "host" else (0.6 if n == 0 else 0.3)
                        self.add(name, weight * score * share, f'"{_short(match.group(0))}"')


_TITLE_GUEST = [re.compile(p) for p in (
    rf"[:|–—-]\s*(?P<guest>{NAME})\s*$",  # "Community Spotlight: Oluwaseun Brandvold"
    rf"^(?P<guest>{NAME})(?: on | in conversation| talks| speaks|, )",  # "Ash Amin on cities"
    rf"\b(?:[Mm]eet|[Ww]ith|[Ff]or|[Ff]eaturing|[Ii]ntroducing|[Ss]potlight on|[Pp]rofile of)[:,]? (?P<guest>{NAME})",
)]


_WITH_ALIAS = re.compile(rf"(?P<name>{NAME}) \(@?(?P<alias>[A-Za-z][\w.-]{{0,19}})\)")


def introduced_names(text: str) -> list[tuple[str, str]]:
    """"Brian Fabian Crain (BC)", "Adam Back (adam3us)": a cast list gives names and what stands for them."""
    return [(m.group("name"), m.group("alias")) for m in _WITH_ALIAS.finditer(text)]


def names_in(text: str) -> list[str]:
    """Full names written in running text ("Ash Amin", "Ana de Souza"), in order, no repeats."""
    found: list[str] = []
    for match in _NAME_RE.finditer(text):
        name = match.group(0)  # a nickname in quotes stays, for People.add
        tidy = _tidy(re.sub(r"\s[\"“‘'][A-Z][a-zà-öø-ÿ]+[\"”’']\s", " ", name))
        if tidy and looks_like_full_name(tidy) and name not in found:
            found.append(name if tidy in name.replace("  ", " ") or "\"" in name or "“" in name else tidy)
    return found


def split_list(names: str) -> list[str]:
    """"A, B and C" -> its names (a nickname in quotes stays, for People.add)."""
    parts = re.split(r", and |, | and | & |\s*;\s*|\s*\|\s*", names)
    return [name for name in (p.strip(" ,.;:") for p in parts) if _tidy(name)]


def self_introductions(text: str) -> list[str]:
    """Names a speaker gives as their own: "I'm Dana Whitfield", "my name is Jo"."""
    return [_tidy(m.group("name")) or m.group("name") for m in _SELF.finditer(text)]


def _tidy(name: str) -> str:
    """A name without the capitalised words glued to it: "Welcome Maya Rao In" -> "Maya Rao"."""
    words = re.sub(r"[*_\"“”]", "", name).replace("\u00a0", " ").split()
    words = [w.strip(",.;:!?()[]") if not re.fullmatch(r"[A-Z]\.", w) else w for w in words]
    while words and words[0].lower().strip(".") in _NOT_FIRST:
        words.pop(0)
    if len(words) >= 3 and re.fullmatch(_OCCUPATION, words[0]):
        words.pop(0)  # "Translator Beatriz Salgado"
    while words and words[-1].lower() in _NOT_LAST | _NOT_FIRST:
        words.pop()
    return " ".join(w for w in words if w)


def _by_initials(written: str):
    letters = written.replace(".", "").replace(" ", "")
    letters = letters.upper() if len(letters) <= 3 and letters.islower() else letters  # "pw:" as "PW"
    if not (2 <= len(letters) <= 4 and letters.isupper() and letters.isalpha()):
        return None
    return lambda p: initials(p.name).upper() == letters or _initials_no_particles(p.name) == letters


def _initials_no_particles(name: str) -> str:
    return "".join(w[0] for w in name.replace("-", " ").split() if w[:1].isupper()).upper()


def _by_part(key: str):
    words = key.split()
    if len(words) == 1:
        return lambda p: key in (p.first.lower(), p.last.lower()) or key in p.nicknames
    ends = (words[0], words[-1])  # "Barbara H. Liskov" is "Barbara Liskov"
    return lambda p: (p.name.lower().endswith(" " + key) or p.name.lower().startswith(key + " ")
                      or (p.first.lower(), p.last.lower()) == ends)


def _short(text: str, words: int = 8) -> str:
    parts = text.split()
    return " ".join(parts[:words]) + ("…" if len(parts) > words else "")
