"""The typed model that travels through the pipeline.

read -> Article (or a Script file) -> split -> Script -> cast -> a Voice per speaker -> plan ->
Lines -> speak -> Speech per Line (cached samples, a loudness profile) -> audio -> Timeline
(programme of parts and segments, Cues, Chapters) -> output -> MP3, tags, transcripts -> publish.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field, fields

ROLES = ("interviewer", "guest", "narrator")
NARRATOR = "Narrator"


@dataclass
class Article:
    """What a reader found in an input: metadata and body paragraphs in order."""

    title: str = ""
    subtitle: str = ""
    date: str = ""  # ISO 8601 (YYYY-MM-DD) or ""
    publication: str = ""
    author: str = ""
    paragraphs: list[str] = field(default_factory=list)  # the body, in order
    headings: dict[int, str] = field(default_factory=dict)  # paragraph index -> heading before it
    asked_headings: set[int] = field(default_factory=set)  # paragraphs that were headings asking a question
    captions: set[int] = field(default_factory=set)  # paragraphs that caption the image before them
    breaks: set[int] = field(default_factory=set)  # paragraphs just after a thematic break (* * *)
    endnotes: list[str] = field(default_factory=list)  # editorial note, bio: the narrator's
    source: str = ""  # file name or URL
    hosts: list[str] = field(default_factory=list)  # as the front matter names them
    guests: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # what the reader left out or guessed
    around: str = ""  # the page's text around the article (site name, header): names to resolve labels


@dataclass
class Turn:
    """One speaker's uninterrupted contribution; paragraphs separated by a blank line."""

    speaker: str
    role: str
    text: str
    chapter: str = ""  # title of a chapter that starts at this turn, "" for none

    @property
    def paragraphs(self) -> list[str]:
        return [p for p in self.text.split("\n\n") if p.strip()]


@dataclass
class Script:
    """Who says what, plus the episode's metadata. Written text, never speakable text."""

    title: str
    turns: list[Turn]
    subtitle: str = ""
    date: str = ""
    publication: str = ""
    hosts: list[str] = field(default_factory=list)  # who asks: interviewer, hosts of a panel, moderator
    guests: list[str] = field(default_factory=list)  # who answers; more than one on a panel
    notes: list[str] = field(default_factory=list)  # what the splitter inferred

    def to_dict(self) -> dict:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict) -> Script:
        names = {f.name for f in fields(cls)}
        meta = {k: v for k, v in data.items() if k in names and k != "turns"}
        if "hosts" not in data and data.get("interviewer"):  # scripts written before panels had hosts
            meta["hosts"] = [data["interviewer"]]
        turns = [Turn(**{k: v for k, v in t.items() if k in {"speaker", "role", "text", "chapter"}})
                 for t in data.get("turns", [])]
        return cls(turns=turns, **meta)


@dataclass(frozen=True)
class Voice:
    """How one speaker sounds: settings handed to a speech engine."""

    engine: str = "pyttsx3"
    voice: str = "gmw/en"
    rate: int = 170  # words per minute
    pitch: int = 50  # 0-100, engine default 50
    volume: float = 1.0  # 0.0-1.0
    gap_ms: int = 300  # silence after each of this voice's sentences
    speed: float = 1.0  # neural engines: 1.0 is the model's own pace


@dataclass(frozen=True)
class Pacing:
    """The silences between what is heard, in ms; between sentences of a paragraph, the voice's gap_ms."""

    paragraph_ms: int = 700  # a new paragraph of the same speaker
    speaker_ms: int = 1000  # a change of speaker
    music_ms: int = 600  # between the music and the words


@dataclass(frozen=True)
class Line:
    """One sentence to speak, in the words written and the words said, with its voice."""

    turn: int  # index into script.turns
    paragraph: int  # index within the turn
    speaker: str
    written: str  # for transcripts
    spoken: str  # for the engine
    voice: Voice


@dataclass(frozen=True)
class Chapter:
    title: str
    start: float  # seconds
    end: float


@dataclass(frozen=True)
class Cue:
    """A piece of transcript shown between two times."""

    start: float  # seconds
    end: float
    speaker: str
    text: str
