"""Who says each body paragraph: from labels, from questions set in bold, from the alternation of
questions and answers, or nobody (a narrated article).

Every label style is read (``units.py``); the names behind labels, ``Q:`` and initials come from the
whole document (``people.py``); who asks is decided from what the document says of its people and
from how they speak (``roles.py``). Where labels stop, or never start, the turn model in
``turns.py`` infers the speakers and reports the paragraphs it is unsure of. Every inference ends
up in ``notes``.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from ..model import NARRATOR, Article
from ..read.labels import is_stage_direction, looks_like_full_name
from ..read.page import BIO, NOTE
from ..read.structured import plain
from .people import People, introduced_names, names_in, split_list
from .roles import GREETING, SPEECH, Conversation, decide_roles, generic_name, talk_prefix
from .turns import GUEST, INTERVIEWER, asking_score, attribute
from .units import Unit, label_key, make_units, pretty_name

LOOKS_ASKED = 3.0  # asking score of an answer paragraph that may be a question left unmarked
MIN_QUESTIONS = 3  # question paragraphs an unlabelled interview needs
MAX_SIGN_OFF = 2  # paragraphs after a last thematic break that can be the writer's sign-off
MIN_ASIDE_WORDS = 6  # "(laughs)" is a stage direction; "(The rules are in the wiki.)" an aside
_BRACKETED = re.compile(r"\((?:[^()]|\([^()]*\))+\)\.?|\[(?:[^\[\]]|\[[^\[\]]*\])+\]\.?", re.DOTALL)
MAX_QUESTION_WORDS = 150


@dataclass
class Speakers:
    """The body paragraphs as they will be read, with a speaker each."""

    texts: list[str]  # label or bold markup removed
    speakers: list[str]  # NARRATOR where nobody in the conversation says it
    interviewers: list[str] = field(default_factory=list)
    guests: list[str] = field(default_factory=list)
    starts: set[int] = field(default_factory=set)  # paragraphs that open a turn whatever precedes
    doubtful: list[int] = field(default_factory=list)  # 0-based paragraphs to check
    notes: list[str] = field(default_factory=list)
    form: str = "narrated"  # labels, alternation, bold questions, unlabelled, narrated
    uncredited: set[str] = field(default_factory=set)  # callers, reporters: they ask, host nothing
    headings: set[int] = field(default_factory=set)  # section headings, said by the narrator

    def role(self, speaker: str) -> str:
        if speaker in self.interviewers:
            return "interviewer"
        return "guest" if speaker in self.guests else "narrator"


def find_speakers(article: Article) -> Speakers:
    people = document_people(article)
    made = make_units(article, people.names())
    for name in made.hosts:
        people.add(name, 10, "the episode details list them as a host", trusted=True)
    for name in made.guests:
        people.add(name, -10, "the episode details list them as a guest", trusted=True)
    for name in made.cast:
        people.add(name, trusted=True)
    _people_of_intro(people, made.units[:_first_turn(made.units)], article.headings)
    for label in {u.label.name for u in made.units if u.label}:
        if looks_like_full_name(pretty_name(label)):
            people.add(pretty_name(label), as_written=True)
    end = min(closing_notes(made.units, people), _closing_after_break(made.units, article.breaks))
    found = _attribute(made.units[:end], article, people)
    if end < len(made.units):
        _add_closing(found, made.units, end)
    _give_asides_to_narrator(found, made.units, article.captions)
    _add_headings(found, made.units, article.headings)
    found.notes[:0] = article.notes + made.notes()
    found.notes += [f"check the speaker of paragraph {paragraph_ref(found.texts, i)}: "
                    f"given to {found.speakers[i]}" for i in found.doubtful]
    return found


def _attribute(units: list[Unit], article: Article, people: People) -> Speakers:
    return (_from_labels(units, article, people) or _from_bold(units, article, people)
            or _from_alternation(units, article, people) or _narrated(units))


def _add_closing(found: Speakers, units: list[Unit], end: int) -> None:
    """The editor's closing paragraphs, after the conversation, are the narrator's."""
    found.texts += [_ABOUT.sub("", u.text) for u in units[end:]]
    found.speakers += [NARRATOR] * (len(units) - end)
    found.starts.add(end)
    if found.form != "narrated":
        found.notes.append(f"the last {len(units) - end} paragraph{'s' if len(units) - end > 1 else ''}, "
                           f"from {paragraph_ref(found.texts, end, 4)}, read as the narrator's closing notes")


def _closing_after_break(units: list[Unit], breaks: set[int]) -> int:
    """In a labelled interview, a paragraph or two after a last thematic break (* * *), with no
    label, is the writer signing off: where it starts, or len(units)."""
    after = [i for i, u in enumerate(units) if u.paragraph in breaks]
    if not after or not any(u.label for u in units[:after[-1]]):
        return len(units)
    last = after[-1]
    tail = units[last:]
    return last if len(tail) <= MAX_SIGN_OFF and not any(u.label for u in tail) else len(units)


def _give_asides_to_narrator(found: Speakers, units: list[Unit], captions: set[int]) -> None:
    """An image's caption, or a whole paragraph in brackets ("(The rules are in the wiki.)"), is the
    editor's, wherever it stands; the speaker before it goes on after it."""
    if len(found.texts) != len(units):
        return
    for i, unit in enumerate(units):
        if found.speakers[i] != NARRATOR and (unit.paragraph in captions or _is_aside(unit)):
            found.speakers[i] = NARRATOR
            found.starts.update({i, i + 1} if i + 1 < len(units) else {i})


def _is_aside(unit: Unit) -> bool:
    text = plain(unit.text)
    return (unit.label is None and bool(_BRACKETED.fullmatch(text)) and len(text.split()) >= MIN_ASIDE_WORDS
            and not is_stage_direction(text))


def _add_headings(found: Speakers, units: list[Unit], headings: dict[int, str]) -> None:
    """Section headings go between the paragraphs they stand before, said by the narrator."""
    if not headings:
        return
    before: dict[int, list[str]] = {}  # unit index -> headings just before it
    for paragraph, heading in sorted(headings.items()):
        at = next((i for i, u in enumerate(units) if u.paragraph >= paragraph), len(units))
        before.setdefault(at, []).append(heading)
    moved: dict[int, int] = {}  # old index -> new
    texts: list[str] = []
    speakers: list[str] = []
    for i in range(len(found.texts) + 1):
        for heading in before.get(i, []):
            found.headings.add(len(texts))
            texts.append(heading)
            speakers.append(NARRATOR)
        if i < len(found.texts):
            moved[i] = len(texts)
            texts.append(found.texts[i])
            speakers.append(found.speakers[i])
    found.texts, found.speakers = texts, speakers
    found.starts = {moved[i] for i in found.starts} | found.headings
    found.doubtful = [moved[i] for i in found.doubtful]


_CALL = re.compile(r"^(?:would you like|if you(?:'d|’d| would) like|want to be (?:featured|interviewed)|get in "
                   r"touch|find out more|learn more|read more|listen to|you can (?:find|follow|hear|read|listen)|"
                   r"follow (?:him|her|them)|subscribe|this (?:interview|conversation|transcript|episode))",
                   re.IGNORECASE)
_FIRST_SINGULAR = re.compile(r"\b(?:I|I'm|I’m|I've|I’ve|I'd|I’d|I'll|I’ll|me|my|mine|myself)\b")
_ABOUT = re.compile(r"^(?:about|more about|meet) [^:]{1,40}:\s+", re.IGNORECASE)  # "About Oluwaseun: …"
_LEAD_IN = re.compile(r"^(?:\*\*|__)?[^*_:]{1,40}:(?:\*\*|__)?\s+")  # "**About Oluwaseun:** …"


def closing_notes(units: list[Unit], people: People) -> int:
    """Where the editor's closing lines start: a note, a bio, a call to action, or the people named
    in the third person without an "I" ("Castellane's map is available…"). len(units) if none."""
    names = {part for person in people for part in (person.name, person.first, person.last) if len(part) > 2}
    marked = any(u.label or u.marked for u in units)
    end = len(units)
    while end > 1 and units[end - 1].label is None and _editorial(units[end - 1], names, people, marked):
        end -= 1
    return end


def _asked(unit: Unit) -> bool:
    """A question set apart in bold or italics."""
    return bool(unit.marked) and (asking_score(unit.text) >= 1.5 or unit.text.endswith("?"))


def _editorial(unit: Unit, names: set[str], people: People, marked: bool) -> bool:
    """The editor speaking: a note, a bio, a call to action, "Castellane's map is available…"; where
    turns are labelled or set apart, also any paragraph naming the people without an "I"."""
    text = unit.text
    plain = _LEAD_IN.sub("", text.replace("*", "").strip()) if len(text.split()) > 6 else text
    if NOTE.search(plain) or BIO.match(plain) or _CALL.match(plain):
        return True
    if any(plain.startswith((f"{p.name}'s", f"{p.name}’s")) for p in people if " " in p.name):
        return True
    return marked and not _asked(unit) and not _FIRST_SINGULAR.search(plain) and any(
        re.search(rf"\b{re.escape(n)}\b", plain) for n in names)


def paragraph_ref(texts: list[str], i: int, length: int = 6) -> str:
    """How notes name a paragraph: its number in the article body and its first ``length`` words."""
    words = texts[i].split()
    quote = " ".join(words[:length]) + ("…" if len(words) > length else "")
    return f'{i + 1} ("{quote}")'


def document_people(article: Article) -> People:
    """People the metadata names: front matter hosts and guests, title, standfirst, byline."""
    people = People("\n".join([article.title, article.subtitle, *article.paragraphs, *article.endnotes]))
    for name in article.hosts:
        people.add(name, 10, "the front matter lists them as a host", trusted=True)
    for name in article.guests:
        people.add(name, -10, "the front matter lists them as a guest", trusted=True)
    people.hint_roles(f"{article.title}. {article.subtitle}")
    people.hint_title(article.title)
    for name in names_in(article.subtitle):
        people.add(name)
    people.around = names_in(f"{article.publication}\n{article.around}")  # "The Hon. Rhiannon Teague-Mbatha MP"
    author = article.author.strip(" ·•|,;-–—")
    for name in split_list(author):
        if looks_like_full_name(name) or re.fullmatch(r"[A-Z][a-zà-öø-ÿ'’-]+", name):
            people.add(name, 0.5, "the byline", trusted=True)
    return people


def _first_turn(units: list[Unit]) -> int:
    """Where the conversation seems to start: a label, a question set apart, or a question."""
    return next((i for i, u in enumerate(units) if u.label or _asked(u) or _is_question(u.text)), len(units))


def _people_of_intro(people: People, intro: list[Unit], headings: dict[int, str]) -> None:
    """The paragraphs before the conversation (and headings: a dek) name its people, and often say
    who asks."""
    text = " ".join([*(u.text for u in intro), *(h for i, h in headings.items() if i <= len(intro))])
    for name, alias in introduced_names(text):
        person = people.add(name, trusted=True)
        if person is not None:
            person.nicknames.add(alias.lower())
    people.hint_roles(text, 0.8)
    for name in names_in(text):
        people.add(name)


# Labels -------------------------------------------------------------------------------------

def _from_labels(units: list[Unit], article: Article, people: People) -> Speakers | None:
    keys = [label_key(u.label) if u.label else "" for u in units]
    counts = Counter(k for k in keys if k)
    if len(counts) < 2 and sum(counts.values()) < 2:
        return None
    first = next(i for i, k in enumerate(keys) if k)
    while first > 0 and _asked(units[first - 1]):  # a question set in bold, answered by a labelled guest
        first -= 1
    talk = talk_prefix(units, first, f"{article.title} {article.subtitle}")
    convo = Conversation(units, keys, first - len(talk), people, article)
    decide_roles(convo)
    if talk:  # after a talk, "Q:" is someone in the audience
        convo.names.update({k: "Audience member" for k, n in convo.names.items() if n == generic_name("interviewer")})
    opening = None if talk else (convo.self_introduced() or convo.asked_opening() or convo.greeting_opening())
    keys = convo.keys  # initials introduced in parentheses now join their full name
    found = Speakers([u.text for u in units], [NARRATOR] * len(units), form="labels")
    found.starts = {i for i, k in enumerate(keys) if k}
    for i, key in enumerate(keys):
        if key:
            found.speakers[i] = convo.names[key]
    found.interviewers, found.guests = convo.hosts(), convo.guests()
    found.uncredited = convo.uncredited_names()
    _fill_unlabelled(found, convo, talk, opening)
    found.notes[:0] = convo.notes
    return found


def _fill_unlabelled(found: Speakers, convo: Conversation, talk: list[int],
                     opening: tuple[int, str] | None) -> None:
    """Unlabelled paragraphs: the talk before a Q&A is its speaker's; the rest continue or alternate."""
    body = [i for i in range(convo.first, len(found.texts)) if i not in talk]
    if talk:
        speaker = convo.main_guest()
        for i in talk:
            found.speakers[i] = speaker
        found.starts.add(talk[0])
        found.notes.append(f"the {len(talk)} unlabelled paragraphs before the questions are read as "
                           f"{speaker}'s talk, from paragraph {paragraph_ref(found.texts, talk[0], 4)}")
    if opening is not None:  # "This is AFTERNOON EXCHANGE. I'm Corinne Vashti."
        start, speaker = opening
        for i in range(start, convo.first):
            found.speakers[i] = speaker
        found.starts.add(start)
        found.notes.append(f"the unlabelled opening from paragraph {paragraph_ref(found.texts, start, 4)} is "
                           f"read as {speaker}'s; check it")
    people = len(set(convo.names.values()))
    after = _after_last_section(convo)
    body = [i for i in body if i < after]
    if convo.every_turn_labelled() or not body:
        _section_questions(found, convo, body)
        _continue_previous(found, body)
    elif people == 2:
        _alternate(found, convo, body)
    else:
        _continue_previous(found, body)
        found.notes.append("labels stop after the first turns of a panel: unlabelled paragraphs are "
                           "kept with the last labelled speaker; check them")
        found.doubtful = [i for i in body if i not in found.starts]


def _section_questions(found: Speakers, convo: Conversation, body: list[int]) -> None:
    """Every turn labelled: a question set as a heading is a section title, the narrator's."""
    for i in body:
        if i not in found.starts and convo.units[i].paragraph in convo.article.asked_headings:
            found.speakers[i] = NARRATOR
            found.headings.add(i)
            found.starts.add(i)
            if i + 1 < len(found.texts):
                found.starts.add(i + 1)


def _after_last_section(convo: Conversation) -> int:
    """Where the writer takes over again: a section heading after the last labelled turn, and
    unlabelled paragraphs under it (they stay the narrator's). len(units) if there is none."""
    last = max(i for i, k in enumerate(convo.keys) if k)
    return next((i for i in range(last + 1, len(convo.units))
                 if any(convo.units[last].paragraph < h <= convo.units[i].paragraph
                        for h in convo.article.headings)), len(convo.units))


def _continue_previous(found: Speakers, body: list[int]) -> None:
    for i in body:
        if i not in found.starts and i > 0:
            found.speakers[i] = found.speakers[i - 1]
        elif i in found.headings and i + 1 < len(found.texts) and not found.speakers[i + 1]:
            found.speakers[i + 1] = found.speakers[i - 1]  # the turn goes on after the section title


def _alternate(found: Speakers, convo: Conversation, body: list[int]) -> None:
    """Two people, labels on some turns only: the turn model attributes the rest."""
    found.form = "alternation"
    asker, answerer = convo.pair()
    state_of = {asker: INTERVIEWER, answerer: GUEST}
    fixed = {k: state_of.get(found.speakers[i], GUEST) for k, i in enumerate(body) if i in found.starts}
    result = attribute([found.texts[i] for i in body], fixed, every_turn_labelled=False,
                       marked={k for k, i in enumerate(body) if _asked(convo.units[i])})
    for k, i in enumerate(body):
        if i not in found.starts:
            found.speakers[i] = asker if result.speakers[k] == INTERVIEWER else answerer
    changes = [body[k] for k in range(1, len(body))
               if k not in fixed and result.speakers[k] != result.speakers[k - 1]]
    if changes:
        what = "labels stop after the first turns" if len(fixed) > 1 else f"only {asker} is labelled"
        found.notes.append(f"{what}: inferred {len(changes)} speaker changes at paragraphs "
                           + ", ".join(paragraph_ref(found.texts, i, 4) for i in changes))
    found.doubtful = [body[k] for k in result.doubtful()]


# Questions set apart in bold or italics -------------------------------------------------------

def _from_bold(units: list[Unit], article: Article, people: People) -> Speakers | None:
    """No labels, but questions set in bold (or italics): the interviewer's, the rest answers."""
    marking = _question_marking(units)
    if not marking:
        return None
    marked = [u.marked == marking for u in units]
    first = next(i for i, u in enumerate(units) if marked[i] and _asked(u))
    interviewer, guest = _pair_from_people(people, units[first:], marked)
    speakers = [NARRATOR if i < first else interviewer if marked[i] else guest for i in range(len(units))]
    found = Speakers([u.text for u in units], speakers, [interviewer], [guest], form=f"{marking} questions")
    found.starts = {i for i in range(first, len(units)) if marked[i] and not marked[i - 1]}
    found.doubtful = [i for i in range(first, len(units))
                      if not marked[i] and asking_score(units[i].text) >= LOOKS_ASKED]
    found.notes.append(f"no speaker labels: {sum(marked[first:])} paragraphs in {marking} read as "
                       f"questions by {interviewer}, the others after them as answers by {guest}")
    found.notes += _generic_notes(interviewer, guest)
    return found


def _question_marking(units: list[Unit]) -> str:
    """"bold" or "italic": how the document sets its questions apart, if it does."""
    for marking in ("bold", "italic"):
        asked = [i for i, u in enumerate(units) if u.marked == marking and _asked(u)]
        if len(asked) >= 2 and not all(u.marked == marking for u in units[asked[0]:]):
            return marking
    return ""


def _pair_from_people(people: People, units: list[Unit], asking: list[bool]) -> tuple[str, str]:
    """Interviewer and guest of an unlabelled interview: the document's people, vocatives, bylines."""
    for unit, asks in zip(units, asking[-len(units):] if units else []):
        for person in people:
            if re.search(rf"(?:^|[,;] ){re.escape(person.first)}[,.?!]", unit.text):
                person.asks += -1.5 if asks else 1.5
    ranked = sorted(people, key=lambda p: (p.asks, -people.mentions(p)))
    guest = ranked[0].name if ranked and ranked[0].asks < 0 else ""
    if not guest:
        guest = next((p.name for p in ranked if p.asks <= 0), "")  # the one the piece is about
    hosts = [p for p in reversed(ranked) if p.name != guest and p.asks > 0]
    if not hosts and guest and len(ranked) == 2:  # two people named, one of them the guest
        hosts = [p for p in ranked if p.name != guest and p.asks >= 0]
    host = hosts[0].name if hosts else ""
    return host or generic_name("interviewer"), guest or generic_name("guest")


def _generic_notes(interviewer: str, guest: str) -> list[str]:
    unnamed = [name for name in (interviewer, guest) if name in (generic_name("interviewer"), generic_name("guest"))]
    return [f"the document does not name its {' and '.join(n.lower() for n in unnamed)}: "
            f"called {' and '.join(unnamed)}; write their names in the script"] if unnamed else []


# Questions and answers without labels -------------------------------------------------------------

def _from_alternation(units: list[Unit], article: Article, people: People) -> Speakers | None:
    """No labels and no bold: questions (ending in ?, asking "you") alternate with answers."""
    texts = [u.text for u in units]
    questions = [i for i, t in enumerate(texts) if _is_question(t)]
    if len(questions) < MIN_QUESTIONS or not _alternates(questions, len(texts)):
        return None
    first = _greeting(texts, questions[0])
    if not people.persons and not re.search(r"\binterview|\bq ?& ?a\b|\bconversation", article.title + " "
                                            + article.subtitle, re.IGNORECASE):
        return None
    body = list(range(first, len(texts)))
    result = attribute([texts[i] for i in body], {0: INTERVIEWER}, every_turn_labelled=False)
    asking = [result.speakers[k] == INTERVIEWER for k in range(len(body))]
    aside = _narrative(units, body, people)  # "Bradley sees category theory at work…": the writer's
    interviewer, guest = _pair_from_people(people, [units[i] for i in body], asking)
    speakers = [NARRATOR] * first + [NARRATOR if i in aside else interviewer if a else guest
                                      for i, a in zip(body, asking)]
    found = Speakers(texts, speakers, [interviewer], [guest], form="unlabelled")
    found.starts = {first}
    found.doubtful = [body[k] for k in result.doubtful()]
    if not SPEECH.search(texts[-1]) and len(texts) - 1 not in found.doubtful:  # an editor's last line?
        found.doubtful.append(len(texts) - 1)
    changes = [body[k] for k in range(1, len(body)) if asking[k] != asking[k - 1]]
    found.notes.append(f"no speaker labels: read as an interview of {guest} by {interviewer}, with "
                       f"{len(changes)} speaker changes inferred at paragraphs "
                       + ", ".join(paragraph_ref(texts, i, 4) for i in [first, *changes]))
    found.notes += _generic_notes(interviewer, guest)
    return found


def _greeting(texts: list[str], first_question: int) -> int:
    """A podcast opens with its host's greeting ("Hello and welcome to …"): the conversation
    starts there, not at the first question."""
    return next((i for i in range(first_question) if GREETING.match(texts[i])), first_question)


def _narrative(units: list[Unit], body: list[int], people: People) -> set[int]:
    """Paragraphs where the writer tells of the guest ("Bradley sees …", "…, Bradley said.") among
    the answers of an unlabelled interview: third person, no "I"."""
    names = [p.last for p in people if len(p.last) > 2]
    found = set()
    for i in body:
        text = units[i].text
        outside_quotes = re.sub(r"[“\"][^”\"]*[”\"]", "", text)
        told = any(re.search(rf"\b{re.escape(n)}\b(?: \w+)? (?:[a-z]+s|said|told|wrote|added|explained|recalled)\b"
                             rf"|^{re.escape(n)}\b", text) for n in names)
        told = told or bool(_TELLING.match(text))
        if told and not SPEECH.search(outside_quotes) and not _is_question(text):
            found.add(i)
    return found


_TELLING = re.compile(r"^(?:(?:She|He|They) [a-z]+s\b|This (?:article|piece|interview|story|conversation) )")


def _is_question(text: str) -> bool:
    words = len(text.split())
    return text.rstrip("\"'”’)*_ ").endswith("?") and words <= MAX_QUESTION_WORDS and asking_score(text) >= 2.0


def _alternates(questions: list[int], total: int) -> bool:
    """Questions are spread through the text, mostly with answers between them."""
    if len(questions) > 0.6 * total:
        return False
    apart = sum(1 for a, b in zip(questions, questions[1:]) if b - a > 1)
    return apart >= 0.6 * (len(questions) - 1)


# Narrated -----------------------------------------------------------------------------------

def _narrated(units: list[Unit]) -> Speakers:
    found = Speakers([u.text for u in units], [NARRATOR] * len(units))
    found.notes.append("no speaker labels, questions in bold or questions and answers found: "
                       "read by the narrator alone")
    return found
