"""Names and roles of a labelled conversation: who each label stands for, and who asks.

A label key (``units.label_key``) resolves to a person of the document (``people.py``):
initials introduced in parentheses ("Marta Quill (MQ)") join their full name, surnames and
honorifics ("MS. OKONJO") find the full name the document spells out, "Speaker 1" takes the
name its speaker introduces themself with, and ``Q:``/``A:`` are given the people the
standfirst, vocatives and byline point to. Who asks is decided from what the document says
(front matter, "X talks to Y", "my guest today is Y", "(host)") and, failing that, from how
each speaks: questions, a small share of the words, opening the conversation, welcoming.
"""

from __future__ import annotations

import re
from collections import Counter

from ..model import Article
from ..read.labels import NEUTRAL_WORDS, Label, looks_like_full_name, role_of, strip_honorific
from .people import People, Person, self_introductions
from .turns import asking_score
from .units import Unit, pretty_name

GENERIC = {"interviewer": "Interviewer", "guest": "Guest"}
MODERATOR = 0.5  # asking evidence of a named speaker who hosts while reporters or an audience ask…
MODERATOR_GAP = 2.5  # …well above the main guest's
CO_HOST = 0.8  # two speakers above it, who talk about as much as each other: hosts talking together
CO_HOST_BALANCE = 1.6
PANEL_HOST = 2.0  # above it, a panel's second speaker hosts
_INITIALS = re.compile(r"^[A-Z]{2,4}$")
_HOSTING = re.compile(r"\b(?:welcome (?:to|back)|welcome,? \w+|my guests?\b|our guests?\b|joining (?:me|us)\b|"
                      r"thanks? (?:you )?(?:so much )?for (?:joining|coming|being here|taking the time)|"
                      r"let'?s (?:get started|dive in|begin)|before we (?:go|wrap|finish)|where can (?:people|"
                      r"listeners|folks)|(?:next|our last|final) question|I'm your host|I’m your host|"
                      r"this is \w+ and (?:I'm|I’m|I am) here|we'?re going to take questions|(?:take|time for) "
                      r"(?:one|two|a few|some) (?:more|questions)|(?:next|last|final) question|go ahead\b|"
                      r"please welcome|join me in welcoming|over to you|(?:I'm|I’m|I am|I'll|I’ll|I will) "
                      r"(?:be )?moderating|your (?:host|moderator)|thanks? (?:again )?to our (?:friends|sponsors?)|"
                      r"for more episodes|see you next (?:time|week)|(?:this|today's) episode (?:is|was) (?:brought|"
                      r"sponsored))", re.IGNORECASE)
_GUESTING = re.compile(r"\b(?:thanks? (?:you )?(?:so much )?for having me|(?:great|good|lovely|happy|glad|"
                       r"nice|pleasure|a pleasure|delighted) to be (?:here|with you|on the show)|"
                       r"thanks for inviting me|thank you for inviting me)", re.IGNORECASE)
_HOST_PAREN = re.compile(r"^(?:co-?host|host|moderator|interviewer|presenter|chair|anchor|q|byline)$", re.IGNORECASE)
_CALLER_PAREN = re.compile(r"^(?:caller|listener|viewer|audience(?: member)?|reporter|questioner)$", re.IGNORECASE)
_GUEST_PAREN = re.compile(r"^(?:guest|interviewee|speaker|panell?ist|a)$", re.IGNORECASE)
_TALKING = re.compile(r"\b(?:(?:going|want|like) to (?:talk|speak) (?:about|to you)|today I (?:want|'d like|would "
                      r"like) to|thank you (?:all )?(?:for (?:having|coming|inviting)|very much)|good (?:morning|"
                      r"afternoon|evening)|(?:my|this) (?:talk|presentation|lecture|keynote)|next slide|this slide|"
                      r"let me (?:start|begin)|ladies and gentlemen)\b", re.IGNORECASE)
_TALK_WORDS = re.compile(r"\b(?:talk|lecture|keynote|remarks|speech|address|presentation|sermon|"
                         r"commencement|webinar|testimony|statement)\b", re.IGNORECASE)
GREETING = re.compile(r"^(?:(?:hello|hi|hey)(?:,? (?:hello|hi|hey))?|good (?:morning|afternoon|evening))?"
                      r"[ ,!]*(?:and )?(?:welcome to|you'?re listening to|this is (?:episode|the)|hi,? everyone"
                      r"|hello,? everyone)",
                      re.IGNORECASE)  # a podcast's opening, by its host
_SPOKEN_GREETING = re.compile(r"^(?:hello|hi|hey)\b", re.IGNORECASE)
_ON_AIR = re.compile(r"\b(?:welcome|our guests?|my guests?|on the line|joining (?:me|us)|"
                     r"with (?:me|us) (?:today|now|here)|are you (?:there|with us)|can you hear)\b",
                     re.IGNORECASE)  # speech to a live audience
SPEECH = re.compile(r"\b(?:I|I'm|I’m|we|we're|we’re|our|us|you|you're|you’re)\b")
_FIRST_PERSON = re.compile(r"\b(?:I|I'm|I’m|I've|I’ve|me|my|we|we're|we’re|our|us)\b")
_ASKERS = {"q", "interviewer", "host", "co-host", "cohost", "moderator", "presenter", "chair", "anchor",
           "reporter", "journalist", "audience", "audience member", "audience question", "participant",
           "caller", "student", "attendee", "questioner"}


def generic_name(role: str) -> str:
    return GENERIC[role]


def is_person(name: str) -> bool:
    """A name, not a role: "Reporter", "Audience member", "Interviewer" speak but are nobody to credit."""
    return bool(name) and not role_of(name)


class Conversation:
    """The labelled part of a document: keys per unit, the name and role of each key."""

    def __init__(self, units: list[Unit], keys: list[str], first: int, people: People, article: Article):
        self.units, self.keys, self.first, self.people, self.article = units, keys, first, people, article
        self.names: dict[str, str] = {}  # label key -> speaker's name
        self.asks: dict[str, bool] = {}  # label key -> asks the questions (a host)
        self.uncredited: set[str] = set()  # keys of callers, listeners, unidentified voices: never credited
        self.callers: set[str] = set()  # keys of callers, listeners, audience: they ask
        self.notes: list[str] = []
        self.labels = _first_labels(units, keys)

    def hosts(self) -> list[str]:
        """Everyone who asks, callers and audience included (their turns are questions)."""
        return list(dict.fromkeys(self.names[k] for k in self._order() if self.asks[k]))

    def uncredited_names(self) -> set[str]:
        return {self.names[k] for k in self.uncredited}

    def guests(self) -> list[str]:
        hosts = set(self.hosts())
        return list(dict.fromkeys(self.names[k] for k in self._order() if not self.asks[k]
                                  and self.names[k] not in hosts))

    def main_guest(self) -> str:
        words: Counter[str] = Counter()
        for unit, key in zip(self.units, self.keys):
            if key and not self.asks[key]:
                words[self.names[key]] += len(unit.text.split())
        return words.most_common(1)[0][0] if words else (self.guests() or [GENERIC["guest"]])[0]

    def pair(self) -> tuple[str, str]:
        return (self.hosts() or [GENERIC["interviewer"]])[0], self.main_guest()

    def self_introduced(self) -> tuple[int, str] | None:
        """(paragraph, speaker) where an unlabelled opening has a labelled speaker introduce themself."""
        for i in range(self.first):
            for name in self_introductions(self.units[i].text):
                for spoken in dict.fromkeys(self.names.values()):
                    if name.lower() == spoken.lower() or name.split()[-1].lower() in spoken.lower().split():
                        return i, spoken
        return None

    def asked_opening(self) -> tuple[int, str] | None:
        """(paragraph, host) where an unlabelled opening ends by asking the guest who answers first
        ("Our guests on the line are Andrew Poelstra and Pieter Wuille. Andrew, are you there?")."""
        last = self.first - 1
        answering = self.keys[self.first] if self.first < len(self.keys) else ""
        hosts = [k for k in self._order() if self.asks.get(k) and k not in self.callers and k != "~other"]
        if last < 0 or not hosts or not answering or self.asks.get(answering) or not _speaking(self.units[last].text):
            return None
        if asking_score(self.units[last].text) < 1.5 or not _ON_AIR.search(self.units[last].text):
            return None
        start, gap = last, 0
        for i in range(last - 1, -1, -1):
            gap = 0 if _speaking(self.units[i].text) else gap + 1
            if gap > 1:
                break
            if not gap:
                start = i
        return start, self.names[hosts[0]]

    def greeting_opening(self) -> tuple[int, str] | None:
        """(paragraph, host) where an unlabelled opening is the host's greeting ("Hello and welcome to …")."""
        start = next((i for i in range(self.first) if GREETING.match(self.units[i].text)
                      and (self_introductions(self.units[i].text) or _SPOKEN_GREETING.match(self.units[i].text))),
                     None)  # spoken: "Hello and welcome…", "…, I'm Tobias"; not a blog's "Welcome to my series"
        hosts = [k for k in self._order() if self.asks.get(k) and k not in self.callers and k != "~other"]
        if start is None or not hosts:
            return None
        host = next((k for k in hosts if k == "host"), hosts[0])
        if role_of(self.names[host]):  # "host:" who says "I'm Tobias" in the opening
            named = [self.people.find(n) for i in range(start, self.first)
                     for n in self_introductions(self.units[i].text)]
            person = next((p for p in named if p is not None), None)
            if person is not None:
                self.names[host] = person.name
        return start, self.names[host]

    def every_turn_labelled(self) -> bool:
        """Labels keep coming, and alternate: an unlabelled paragraph continues the last speaker."""
        labelled = [i for i in range(self.first, len(self.keys)) if self.keys[i]]
        tail = len(self.keys) - 1 - labelled[-1]
        if tail >= 4 and tail >= 0.25 * (len(self.keys) - self.first):
            return False  # labels stop
        gaps = [(a, b) for a, b in zip(labelled, labelled[1:]) if b - a > 1]
        same = sum(1 for a, b in gaps if self.names[self.keys[a]] == self.names[self.keys[b]])
        return not gaps or same <= 0.25 * len(gaps)

    def _order(self) -> list[str]:
        """Keys in order of first speaking; the unlabelled side of a one-sided document last."""
        return list(dict.fromkeys([*(k for k in self.keys if k and k in self.names), *self.names]))


def _first_labels(units: list[Unit], keys: list[str]) -> dict[str, list[Label]]:
    labels: dict[str, list[Label]] = {}
    for unit, key in zip(units, keys):
        if key and unit.label:
            labels.setdefault(key, []).append(unit.label)
    return labels


def decide_roles(convo: Conversation) -> None:
    """Fill ``convo.names`` and ``convo.asks`` for every label key."""
    aliases = _initial_aliases(convo)
    _merge_keys(convo, aliases)
    named = [k for k in convo.labels if not role_of(convo.labels[k][0].name)]
    openings = [u.text for u, k in zip(convo.units, convo.keys) if k][:4]
    convo.people.hint_roles(" ".join(openings), 0.8)  # "my guest today is Jo Marsh"
    persons = {k: _person_for(convo, k) for k in named}
    same = _same_person_keys(named, persons)
    _merge_keys(convo, same)
    named = [k for k in named if k not in same]
    _vocatives(convo, persons)
    scores = {k: _asking_evidence(convo, k, persons[k]) for k in named}
    _role_keys(convo, persons, scores)
    for key in named:
        person = persons[key]
        convo.names[key] = person.name if person else pretty_name(convo.labels[key][0].name)
    _decide_named(convo, [k for k in named if k not in convo.callers], scores)
    for key in convo.callers:
        convo.asks[key] = True
    _name_the_unnamed(convo, named, persons)
    _one_sided(convo)
    _name_notes(convo, aliases)


def _merge_keys(convo: Conversation, aliases: dict[str, str]) -> None:
    """Keys that stand for one speaker ("mq" and "marta quill") become one."""
    convo.keys = [aliases.get(k, k) for k in convo.keys]
    convo.labels = _first_labels(convo.units, convo.keys)


def _same_person_keys(named: list[str], persons: dict[str, Person | None]) -> dict[str, str]:
    """"Carmen Aldana" then "Carmen", "AUGUSTIN KERR-NAKASHIMA" then "KERR-NAKASHIMA": one person."""
    first_key: dict[int, str] = {}
    same = {}
    for key in named:
        person = persons[key]
        if person is not None:
            canonical = first_key.setdefault(id(person), key)
            if canonical != key:
                same[key] = canonical
    return same


def _initial_aliases(convo: Conversation) -> dict[str, str]:
    """``Marta Quill (MQ):`` then ``MQ:``: the key ``mq`` joins ``marta quill``."""
    aliases = {}
    for key, labels in convo.labels.items():
        for label in labels:
            if label.paren and _INITIALS.match(label.paren.replace(".", "")):
                alias = label.paren.replace(".", "").lower()
                if alias != key and alias in convo.labels:
                    aliases[alias] = key
    return aliases


def _person_for(convo: Conversation, key: str) -> Person | None:
    labels = convo.labels[key]
    written = max((label.name for label in labels), key=len)
    paren = next((label.paren for label in labels if label.paren and _INITIALS.match(label.paren)), "")
    person = convo.people.find(written, paren)
    full = strip_honorific(pretty_name(written))
    if person is None or " " not in person.name:
        person = _introduced(convo, key, surname=full.split()[-1]) or person
    if person is not None and looks_like_full_name(full) and not written.isupper():
        convo.people.add(full, as_written=True)
    if person is None and NEUTRAL_WORDS.match(written):
        person = _introduced(convo, key) or _addressed(convo, key)
        if person is None and written.lower().startswith("unidentified"):
            convo.uncredited.add(key)  # a voice in a report, nobody to credit
    if person is None and (looks_like_full_name(full) or paren):
        person = convo.people.add(full, trusted=True)
    for label in labels:
        hint = label.paren.strip().lower()
        if _CALLER_PAREN.match(hint):
            convo.uncredited.add(key)
            convo.callers.add(key)
        elif person is not None and _HOST_PAREN.match(hint):
            person.asks += 10
        elif person is not None and _GUEST_PAREN.match(hint):
            person.asks -= 10
    return person


def _addressed(convo: Conversation, key: str) -> Person | None:
    """"Speaker 2", whom the turn before calls by name ("So Craig, do you want to start?")."""
    votes: Counter = Counter()
    for i, k in enumerate(convo.keys):
        if k != key or i == 0 or convo.keys[i - 1] in ("", key):
            continue
        last = convo.units[i - 1].text.rsplit(". ", 1)[-1]
        for person in convo.people:
            if re.search(rf"(?:^|[,;] |\b(?:so|and|now|well|okay),? ){re.escape(person.first)}[,?]", last):
                votes[person.name] += 1
    name = votes.most_common(1)[0][0] if votes else ""
    return convo.people.find(name) if name else None


def _introduced(convo: Conversation, key: str, surname: str = "") -> Person | None:
    """"Speaker 1" who says "I'm Dana Whitfield" in one of their first turns; with ``surname``,
    "MS. KEMPTON" who says "I'm Ruth Kempton"."""
    turns = [u.text for u, k in zip(convo.units, convo.keys) if k == key][:3]
    for text in turns:
        for name in self_introductions(text):
            if surname and name.split()[-1].lower() != surname.lower():
                continue
            person = convo.people.find(name)
            if person is None and (looks_like_full_name(name) or not surname):  # "My name is Nifi"
                person = convo.people.add(name, trusted=True)
            if person is not None:
                return person
    return None


def _vocatives(convo: Conversation, persons: dict[str, Person | None]) -> None:
    """"Let me start, Ash," said under ``Q:`` points at the guest; said under ``A:``, at the host.
    (Between named speakers a vocative says only that they are two people.)"""
    for unit, key in zip(convo.units, convo.keys):
        side = role_of(convo.labels[key][0].name) if key else ""
        if not side:
            continue
        for person in convo.people:
            if re.search(rf"(?:^|[,;.!?] |\b(?:thanks|thank you|hi|hello|welcome|so|well|yes|and),? )"
                         rf"{re.escape(person.first)}(?:[,.?!]| (?:{re.escape(person.last)})[,.?!])", unit.text):
                person.asks += -1.5 if side == "interviewer" else 1.5


def _asking_evidence(convo: Conversation, key: str, person: Person | None) -> float:
    """How much a speaker behaves like a host: questions, few words, welcomes; and what is said of them."""
    turns = _turns(convo, key)
    total_words = sum(len(u.text.split()) for u, k in zip(convo.units, convo.keys) if k) or 1
    speakers = len(convo.labels) or 1
    words = sum(len(t.split()) for t in turns)
    questions = sum(1 for t in turns if asking_score(t) >= 1.5) / max(len(turns), 1)
    score = 3.0 * questions + 1.5 * (1 / speakers - words / total_words) * speakers
    first_key = next((k for k in convo.keys if k), "")
    score += 1.0 if key == first_key else 0.0
    text = " ".join(turns)
    score += min(3.0, 1.5 * len(_HOSTING.findall(text))) - min(4.0, 2.0 * len(_GUESTING.findall(text)))
    return score + (person.asks if person else 0.0)


def _turns(convo: Conversation, key: str) -> list[str]:
    return [u.text for u, k in zip(convo.units, convo.keys) if k == key]


def _role_keys(convo: Conversation, persons: dict[str, Person | None], scores: dict[str, float]) -> None:
    """``Q:``, ``A:``, ``Interviewer:``, ``Audience member:``: a role; a name where the document gives one."""
    used = {p.name for p in persons.values() if p}
    role_keys = [k for k in convo.labels if role_of(convo.labels[k][0].name)]
    briefing = any(_is_officials_label(convo.labels[k][0].name) for k in convo.labels if k not in role_keys)
    for key in role_keys:
        asker = role_of(convo.labels[key][0].name) == "interviewer"
        convo.asks[key] = asker
        if key in ("q", "interviewer", "host", "a", "guest", "interviewee", "answer") or not asker:
            person = _introduced(convo, key) or _person_for_role(convo.people, asker, used)
            if person is not None and len([k for k in role_keys if _same_side(convo, k, asker)]) == 1:
                used.add(person.name)
                convo.names[key] = person.name
                continue
        audience = any(k.startswith("audience") for k in role_keys)
        convo.names[key] = _role_name(convo.labels[key][0].name, asker, briefing, audience)


def _same_side(convo: Conversation, key: str, asker: bool) -> bool:
    return (role_of(convo.labels[key][0].name) == "interviewer") == asker and key in (
        "q", "interviewer", "host", "a", "guest", "interviewee", "answer")


def _person_for_role(people: People, asker: bool, used: set[str]) -> Person | None:
    free = [p for p in people if p.name not in used]
    if asker:
        hosts = sorted((p for p in free if p.asks > 0), key=lambda p: -p.asks)
        return hosts[0] if hosts else None
    guests = sorted((p for p in free if p.asks <= 0), key=lambda p: p.asks)
    return guests[0] if guests else None


def _role_name(written: str, asker: bool, briefing: bool, audience: bool = False) -> str:
    key = written.lower().strip(" .")
    if key in ("q", "question", "interviewer"):
        if briefing:
            return "Reporter"
        return "Audience member" if audience and key != "interviewer" else GENERIC["interviewer"]
    if key in ("a", "answer", "guest", "interviewee"):
        return GENERIC["guest"]
    if key in ("journalist", "reporter"):
        return "Reporter"
    return pretty_name(written).capitalize() if written.islower() else pretty_name(written)


def _is_officials_label(name: str) -> bool:
    """``MS. OKONJO``, ``THE PRESIDENT``, ``SECRETARY HALE``: how briefings label officials."""
    return name.isupper() and (name != strip_honorific(name) or name.startswith("THE "))


def _decide_named(convo: Conversation, named: list[str], scores: dict[str, float]) -> None:
    """Who of the named speakers asks. With reporters or an audience asking, the named answer,
    except a moderator who hosts; otherwise the likeliest host hosts, and on a panel anyone who
    behaves like one; co-hosts talking together, with no one answering, are all hosts."""
    if not named:
        return
    if any(convo.asks.get(k) for k in convo.labels):
        main = max(named, key=lambda k: sum(len(t.split()) for t in _turns(convo, k)))
        for key in named:
            convo.asks[key] = key != main and scores[key] >= MODERATOR and scores[key] - scores[main] >= MODERATOR_GAP
        return
    authors = {p.name for p in convo.people if "the byline" in p.why}
    everyone_writes = len(named) >= 2 and all(convo.names.get(k) in authors for k in named)
    words = [sum(len(t.split()) for t in _turns(convo, k)) for k in named]
    balanced = len(named) == 2 and max(words) <= CO_HOST_BALANCE * min(words)
    if everyone_writes or balanced and all(scores[k] > CO_HOST for k in named):
        for key in named:
            convo.asks[key] = True
        return
    if len(named) == 1:  # one side labelled: it asks if most of its turns are questions
        turns = _turns(convo, named[0])
        convo.asks[named[0]] = sum(asking_score(t) >= 1.5 for t in turns) > len(turns) / 2
        return
    ranked = sorted(named, key=lambda k: -scores[k])
    for key in named:
        convo.asks[key] = key == ranked[0] or (len(named) > 2 and scores[key] > PANEL_HOST)
    if all(convo.asks[k] for k in named):
        convo.asks[ranked[-1]] = False


def _name_the_unnamed(convo: Conversation, named: list[str], persons: dict[str, Person | None]) -> None:
    """"Speaker 2", who never says their name: the person the document gives that role."""
    used = {p.name for p in persons.values() if p} | set(convo.names.values())
    for key in named:
        if persons[key] is None and NEUTRAL_WORDS.match(convo.labels[key][0].name):
            person = _person_for_role(convo.people, convo.asks[key], used)
            if person is not None:
                convo.names[key] = person.name
                used.add(person.name)


def _one_sided(convo: Conversation) -> None:
    """Only one side labelled (``Q:`` only, or the interviewer's name only): name the other side."""
    if len(set(convo.names.values())) != 1:
        return
    key = next(iter(convo.names))
    asker = convo.asks[key]
    used = {convo.names[key]}
    person = _person_for_role(convo.people, not asker, used)
    name = person.name if person else GENERIC["guest" if asker else "interviewer"]
    convo.names["~other"], convo.asks["~other"] = name, not asker


def _name_notes(convo: Conversation, aliases: dict[str, str]) -> None:
    for key, labels in convo.labels.items():
        written = labels[0].name
        name = convo.names[key]
        if written != name and name not in GENERIC.values() and name != "Reporter":
            convo.notes.append(f'label "{written}:" read as {name}')
    for alias, key in aliases.items():
        convo.notes.append(f'label "{alias.upper()}:" read as {convo.names[key]}')
    generic = [n for n in dict.fromkeys(convo.names.values()) if n in GENERIC.values()]
    if generic:
        convo.notes.append(f"the document does not name its {' and '.join(n.lower() for n in generic)}: "
                           f"called {' and '.join(generic)}; write their names in the script")




def _speaking(text: str) -> bool:
    """Someone talking, not an article about them: "I", "we", "you", or a question."""
    return bool(SPEECH.search(text)) or text.rstrip("\"'”’) ").endswith("?")


def talk_prefix(units: list[Unit], first: int, title: str = "") -> list[int]:
    """Unlabelled paragraphs before the first label that are a talk (said to an audience, or
    called a talk by the title), not the writer's introduction."""
    if first < 3:
        return []
    spoken = _TALK_WORDS.search(title) or any(_TALKING.search(units[i].text) for i in range(first))
    if not spoken:
        return []
    start = next((i for i in range(first) if len(_FIRST_PERSON.findall(units[i].text)) >= 2), first)
    talk = list(range(start, first))
    words = sum(len(units[i].text.split()) for i in talk)
    first_person = sum(len(_FIRST_PERSON.findall(units[i].text)) for i in talk)
    label = units[first].label
    asked = label is not None and role_of(label.name) == "interviewer" and label.name.lower() not in ("host",)
    if len(talk) >= 3 and words >= 150 and first_person >= 0.02 * words and asked:
        return talk
    return []
