"""One Episode task object through the stages: script, cast, plan, speak, assemble, write.

Each stage is a small public function; ``make_episode`` runs them in order. The
CLI only parses arguments, shows progress and prints errors.
"""

from __future__ import annotations

import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from .audio import music
from .formats import scriptfile
from .formats import scripttext
from .formats.credits import credits
from .output.cover import make_cover
from .speak import SpeechPool
from .speak.pool import STALL_SECONDS
from .errors import InputError, OutputError
from .config.lexicon import Lexicon, load_lexicon
from .config.limits import check_limits, check_metadata
from .audio.mix import RATE, encode_mp3
from .output.folder import Staging
from .model import Script
from .plan import Line, plan_lines
from .publish.identity import Identity, article_identity, script_identity
from .formats.manifest import EPISODE_SUFFIXES
from .publish.record import record_episode
from .read import is_url, read_article, reading_notes
from .formats.slug import slugify
from .split import split
from .speak.synth import SpeechCache, speak_lines
from .output.tags import EpisodeTags, write_tags
from .audio.timeline import Timeline, assemble, music_level
from .formats.transcripts import split_cue, to_chapters_json, to_srt, to_vtt
from .config.cast import Cast, check_voices, load_cast

BITRATE = "96k"  # mono speech: transparent at 96 kbps CBR, ~43 MB per hour
SHOW_NAME = "Podcaster"
CUE_CHARS = 110  # two lines of at most 65 characters on screen
# report(stage, done, total): total 0 means "no count, just busy"
Report = Callable[[str, int, int], None]


@dataclass
class Episode:
    source: str | Path  # a file, or an http(s) address
    out_dir: Path
    script: Script | None = None
    cast: Cast | None = None
    lexicon: Lexicon | None = None
    lines: list[Line] = field(default_factory=list)
    timeline: Timeline | None = None
    outputs: dict[str, Path] = field(default_factory=dict)
    identity: Identity | None = None  # which episode it is: see publish/identity.py
    notes: list[str] = field(default_factory=list)  # about naming: a slug another episode had

    @property
    def slug(self) -> str:
        """The slug the title gives; the committed files may take another (see ``outputs``)."""
        return slugify(self.script.title)


def identify(source: str | Path, script: Script) -> Identity:
    """An article is known by its path or URL; a script file by title and date (or as a saved one)."""
    if is_script_source(source):
        return script_identity(script.title, script.date, Path(source))
    return article_identity(script.title, script.date, source, is_url(source))


def is_script_source(source: str | Path) -> bool:
    local = None if is_url(source) else Path(source)
    return bool(local) and (scriptfile.is_script_file(local) or scripttext.is_text_script(local))


def load_script(source: str | Path) -> Script:
    """An article (a file or an http(s) URL) or a script file (.script.json, .script.txt).

    What reading had to repair (stray bytes) comes first in its notes.
    """
    with reading_notes() as notes:
        script = _read_script(source)
    script.notes[:0] = [note for note in notes if note not in script.notes]
    check_metadata(script, source)
    return script


def _read_script(source: str | Path) -> Script:
    if is_script_source(source):
        local = Path(source)
        script = (scriptfile if scriptfile.is_script_file(local) else scripttext).load(local)
        check_limits([p for turn in script.turns for p in turn.paragraphs], source)
        return script
    article = read_article(source)
    check_limits(article.paragraphs, source)
    return split(article)


def prepare_output(out_dir: Path) -> None:
    """Fail before the slow work if the output folder cannot take our files."""
    try:
        Path(out_dir).mkdir(parents=True, exist_ok=True)
        with tempfile.TemporaryFile(dir=out_dir):
            pass
    except OSError as error:
        reason = error.strerror or str(error)
        raise OutputError(f"cannot write to output folder {out_dir} ({reason}): "
                          "choose another with -o") from None


def plan(episode: Episode) -> list[Line]:
    lines = plan_lines(episode.script, episode.cast.voice_for, episode.lexicon)
    if not lines:
        raise InputError(f"{episode.source}: nothing to speak: the script has no words")
    return lines


def framing_music(cast: Cast, level: float):
    intro = music.load_music(cast.intro, RATE) if cast.intro else music.intro(RATE)
    outro = music.load_music(cast.outro, RATE) if cast.outro else music.outro(RATE)
    return music.match_level(intro, RATE, level), music.match_level(outro, RATE, level)


def write_outputs(episode: Episode, report: Report) -> dict[str, Path]:
    """Everything is made in a staging folder, then committed: all files appear, or none."""
    try:
        with Staging(episode.out_dir) as staging:
            staged = _make_files(episode, staging.path, report)
            recorded: dict[str, Path] = {}

            def name_and_record() -> list[Path]:  # under the folder lock
                files, note = record_episode(staged, episode.out_dir, episode.script, episode.identity,
                                             episode.timeline.chapters, episode.timeline.programme.duration)
                recorded.update(files)
                episode.notes.extend([note] if note else [])
                return list(files.values())  # dict order: MP3, then cover and manifest, last

            return dict(zip(recorded, staging.commit(name_and_record)))
    except OSError as error:
        raise OutputError(f"cannot write to {episode.out_dir} ({error.strerror or error})") from None


def make_episode(source: str | Path, out_dir: Path, voices_dir: Path | None = None,
                 report: Report = lambda *a: None, cache: SpeechCache | None = None) -> Episode:
    episode = Episode(source if is_url(source) else Path(source), Path(out_dir))
    with SpeechPool() as pool:
        offered = pool.voices_later()  # the speech workers start while we read
        report("Reading", 0, 0)
        episode.script = load_script(episode.source)
        episode.identity = identify(episode.source, episode.script)
        episode.cast = load_cast(voices_dir)
        episode.lexicon = load_lexicon(voices_dir)
        prepare_output(episode.out_dir)
        episode.lines = plan(episode)
        check_voices(episode.cast, offered.result(timeout=STALL_SECONDS))
        total = len(episode.lines)
        done = _Counter(lambda n: report("Speaking", n, total))
        audio = speak_lines(episode.lines, cache or SpeechCache(), done, pool)
    intro, outro = framing_music(episode.cast, music_level(audio, RATE))
    episode.timeline = assemble(episode.script, episode.lines, audio, intro, outro)
    del audio, intro, outro
    episode.outputs = write_outputs(episode, report)
    return episode


def _make_files(episode: Episode, staging: Path, report: Report) -> dict[str, Path]:
    script, timeline, slug = episode.script, episode.timeline, episode.slug
    paths = {kind: staging / f"{slug}{EPISODE_SUFFIXES[kind]}"
             for kind in ("script", "chapters", "vtt", "srt", "mp3")}
    cues = [piece for cue in timeline.cues for piece in split_cue(cue, CUE_CHARS)]
    paths["script"].write_text(scriptfile.dumps(script), encoding="utf-8")
    paths["chapters"].write_text(to_chapters_json(timeline.chapters, script.title), encoding="utf-8")
    paths["vtt"].write_text(to_vtt(cues), encoding="utf-8")
    paths["srt"].write_text(to_srt(cues), encoding="utf-8")
    report("Encoding", 0, 0)
    encode_mp3(timeline.programme, paths["mp3"], bitrate=BITRATE)
    report("Tagging", 0, 0)
    tags = episode_tags(script)
    write_tags(paths["mp3"], tags, timeline.chapters)
    if tags.cover:  # cover, then the manifest (at commit), come after the MP3: a listed episode is whole
        paths["cover"] = staging / f"{slug}{EPISODE_SUFFIXES['cover']}"
        paths["cover"].write_bytes(tags.cover)
    return paths


def episode_tags(script: Script) -> EpisodeTags:
    show = script.publication or SHOW_NAME
    return EpisodeTags(title=script.title, artists=credits(script.hosts, script.guests).names,
                       album=show, date=script.date, comment=script.subtitle,
                       cover=make_cover(script.title, script.subtitle, show))


class _Counter:
    """Turns "n more done" into a running total for the reporter."""

    def __init__(self, show: Callable[[int], None]):
        self.done, self.show = 0, show

    def __call__(self, n: int) -> None:
        self.done += n
        self.show(self.done)
