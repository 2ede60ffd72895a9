"""The stages in order: read, split, cast, plan, speak, assemble, write; each a function of values.

``make_episode`` runs them and returns the frozen ``Episode`` it made. The CLI only parses
arguments, shows progress and prints errors.
"""

from __future__ import annotations

import os
import tempfile
import threading
from collections.abc import Callable, Mapping
from concurrent.futures import Future
from dataclasses import dataclass, replace
from pathlib import Path

from pydub import AudioSegment

from .audio import ffmpeg, music
from .audio.ahead import EncodeAhead
from .audio.encoded import EncodedStore, KeptProgramme, digest
from .audio.mix import encode_mp3, join_segments
from .audio.programme import Part, music_part, placeholder, speech_part
from .audio.timeline import SEGMENTS, Timeline, assemble, gap_before, music_level
from .config.cast import Cast, assign_voices, check_voices, load_cast
from .config.lexicon import Lexicon, load_lexicon
from .config.limits import check_limits, check_metadata
from .errors import InputError, OutputError, VoiceError
from .formats import scriptfile
from .formats.credits import credits
from .formats.files import file_digest
from .formats.manifest import EPISODE_SUFFIXES
from .formats.slug import slugify
from .formats.transcripts import split_cue, to_chapters_json, to_srt, to_vtt
from .model import Line, Pacing, Script, Voice
from .output.cover import make_cover
from .output.folder import Staging
from .output.identity import Identity, article_identity, find_episode, script_identity
from .output.record import record_episode
from .output.tags import EpisodeTags, write_tags
from .plan import plan_lines
from .read import is_url, read_source, reading_notes
from .speak import SpeechPool
from .speak.pool import STALL_SECONDS
from .speak.synth import Speech, SpeechCache, speak_lines
from .split import split

BITRATE = "96k"  # mono speech: transparent at 96 kbps CBR, ~43 MB per hour
SHOW_NAME = "Podcaster"
CUE_CHARS = 110  # two lines of at most 65 characters on screen
# report(stage, done, total): total 0 means "no count, just busy"
Report = Callable[[str, int, int], None]


@dataclass(frozen=True)
class Episode:
    """What a render made: the script as spoken, the files committed (kind -> path), and notes
    about naming (a slug another episode had)."""

    script: Script
    outputs: dict[str, Path]
    notes: tuple[str, ...] = ()
    kept: bool = False  # up to date already: nothing was rendered (``make_episode(skip_unchanged=True)``)


def load_script(source: str | Path) -> Script:
    """An article (a file or an http(s) URL) or a script file (.script.json, .script.txt)."""
    return read_script(source)[0]


def read_script(source: str | Path) -> tuple[Script, Identity]:
    """The script and which episode it is: an article is known by its path or URL, a script
    file by title and date (or as a saved one). What reading had to repair (stray bytes) comes
    first in the notes."""
    with reading_notes() as notes:
        found = read_source(source)
    if isinstance(found, Script):
        check_limits([p for turn in found.turns for p in turn.paragraphs], source)
        script = found
        identity = script_identity(script.title, script.date, Path(source))
    else:
        check_limits(found.paragraphs, source)
        script = split(found)
        identity = article_identity(script.title, script.date, source, is_url(source))
    script.notes[:0] = [note for note in notes if note not in script.notes]
    check_metadata(script, source)
    return script, identity


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


def plan(script: Script, voices: Mapping[str, Voice], lexicon: Lexicon, source) -> tuple[Script, list[Line]]:
    """The lines to speak, and the script with notes on what cannot be said."""
    lines, notes = plan_lines(script, voices, lexicon)
    if not lines:
        raise InputError(f"{source}: nothing to speak: the script has no words")
    return replace(script, notes=[*script.notes, *notes]), lines


def framing_music(cast: Cast, kept: Path | None = None) -> tuple[AudioSegment, AudioSegment]:
    """The intro and outro as made (kept in ``kept`` once made) or loaded, before they are
    levelled to the speech."""
    intro = music.load_music(cast.intro) if cast.intro else music.kept_sting("intro", kept)
    outro = music.load_music(cast.outro) if cast.outro else music.kept_sting("outro", kept)
    return intro, outro


def check_cast(cast: Cast, voices: dict[str, Voice], cache: SpeechCache, ask: Callable[[], dict]) -> None:
    """Every voice the episode uses is one the engine offers (asked again if the list kept says no)."""
    try:
        check_voices(cast, cache.voices(ask), voices)
    except VoiceError:
        check_voices(cast, cache.voices(ask, fresh=True), voices)


def speech_parts(speech: list[Speech]) -> list[Part]:
    return [speech_part(s) for s in speech]


def tune_names(cast: Cast) -> tuple[str, str]:
    """What the intro and outro are: a user's file by its content, a generated sting by name."""
    intro, outro = (f"{name} {file_digest(path) if path else 'generated'}"
                    for name, path in (("intro", cast.intro), ("outro", cast.outro)))
    return intro, outro


def programme_key(lines: list[Line], cache: SpeechCache, tunes: tuple[str, str], pacing: Pacing = Pacing()) -> str:
    """What the episode's audio is made of: its sentences, the gaps, the music, the encoder."""
    gaps = [gap_before(before, line, pacing) for before, line in zip(lines, lines[1:])]
    encoder = [BITRATE, Path(ffmpeg.ffmpeg_exe()).name, os.path.getsize(ffmpeg.ffmpeg_exe())]
    sentences = [cache.key(line.spoken, line.voice) for line in lines]
    return digest([sentences, gaps, tunes, list(vars(pacing).values()), encoder])


def programme_music(parts: list[Part], names: tuple[str, str], found: KeptProgramme | None,
                    tunes: Future | None) -> tuple[Part, Part]:
    """The intro and outro levelled to the speech, or (the programme encoded already) only their lengths."""
    if tunes is None:
        return placeholder(found.intro if found else 0), placeholder(found.outro if found else 0)
    level = music_level(parts)
    intro, outro = (music_part(music.match_level(tune, level), f"{name} at {level} LUFS")
                    for tune, name in zip(tunes.result(), names))
    return intro, outro


def _in_background(work: Callable, *args) -> Future:
    """``work(*args)`` on a thread of its own (numpy lets it run beside us); its result or error later."""
    future: Future = Future()

    def run() -> None:
        try:
            future.set_result(work(*args))
        except BaseException as error:  # handed to whoever asks for the result
            future.set_exception(error)
    threading.Thread(target=run, daemon=True).start()
    return future


@dataclass(frozen=True)
class Encoding:
    """Where the episode's MP3 comes from: the segments encoded before, as programme ``key``
    (``found``: what was kept with it) or encoded now."""

    store: EncodedStore
    key: str
    found: KeptProgramme | None


def write_outputs(script: Script, timeline: Timeline, identity: Identity, out_dir: Path,
                  report: Report, encoding: Encoding | None = None) -> tuple[dict[str, Path], list[str]]:
    """Everything is made in a staging folder, then committed: all files appear, or none.

    Returns the committed files by kind, and a note when the slug is not the title's."""
    try:
        with Staging(out_dir) as staging:
            staged = make_files(script, timeline, slugify(script.title), staging.path, report, encoding)
            recorded: list[tuple[str, Path]] = []
            notes: list[str] = []

            def name_and_record() -> list[Path]:  # under the folder lock
                files, note = record_episode(staged, out_dir, slugify(script.title), script, identity,
                                             timeline.chapters, timeline.programme.duration)
                recorded.extend(files)
                notes.extend([note] if note else [])
                return [path for _, path in files]

            staging.commit(name_and_record)
            return {kind: out_dir / path.name for kind, path in recorded}, notes
    except OSError as error:
        raise OutputError(f"cannot write to {out_dir} ({error.strerror or error})") from None


def made_from(script: Script, programme: str) -> str:
    """What an episode's files are made of: the script as spoken (words, names, chapters, notes),
    and its programme (``programme_key``: sentences in their voices, gaps, music, encoder). Equal
    digests make the same files."""
    return digest([scriptfile.dumps(script), programme])


def kept_outputs(out_dir: Path, identity: Identity) -> dict[str, Path] | None:
    """This episode's files in ``out_dir`` (kind -> path) when they are made from ``identity.made_from``
    and all there, the MP3 at its recorded size; else None."""
    manifest = find_episode(out_dir, identity)
    if manifest is None or not identity.made_from or manifest.made_from != identity.made_from:
        return None
    files = {kind: out_dir / name for kind, name in manifest.files.items()}
    files["manifest"] = out_dir / manifest.manifest_name
    if not all(path.is_file() for path in files.values()) or files["mp3"].stat().st_size != manifest.mp3_bytes:
        return None
    return files


def make_episode(source: str | Path, out_dir: Path, voices_dir: Path | None = None,
                 report: Report = lambda *a: None, cache: SpeechCache | None = None, *,
                 speech_workers: int | None = None, skip_unchanged: bool = False) -> Episode:
    """Render ``source`` into ``out_dir``. With ``skip_unchanged``, an episode whose files there are
    made from the same script, voices, lexicon and music is kept as it is (``Episode.kept``)."""
    source, out_dir = (source if is_url(source) else Path(source)), Path(out_dir)
    with SpeechPool(speech_workers) as pool:
        # the speech workers start while we read, unless the episode may need none
        offered = None if skip_unchanged else pool.voices_later()
        report("Reading", 0, 0)
        script, identity = read_script(source)
        cast, lexicon = load_cast(voices_dir), load_lexicon(voices_dir)
        prepare_output(out_dir)
        voices = assign_voices(script, cast)
        cache = cache or SpeechCache()
        check_cast(cast, voices, cache, lambda: (offered or pool.voices_later()).result(timeout=STALL_SECONDS))
        script, lines = plan(script, voices, lexicon, source)
        store = EncodedStore(cache.folder / "encoded")
        names = tune_names(cast)
        key = programme_key(lines, cache, names)
        identity = replace(identity, made_from=made_from(script, key))
        if skip_unchanged and (kept := kept_outputs(out_dir, identity)):
            return Episode(script, kept, kept=True)
        found = store.programme(key)
        tunes = None if found else _in_background(framing_music, cast, cache.folder / "music")  # made while
        # the workers speak
        done = _Counter(lambda n: report("Speaking", n, len(lines)))
        ahead = None if found else EncodeAhead(script, lines, store, SEGMENTS, tunes, BITRATE)
        try:
            speech = speak_lines(lines, cache, done, pool, ahead.ready if ahead else lambda *_: None)
        finally:
            if ahead is not None:
                ahead.close(wait=False)  # the encode below waits for the segment under way
    try:
        parts = speech_parts(speech)
        intro, outro = programme_music(parts, names, found, tunes)
        timeline = assemble(script, lines, parts, intro, outro, segments=SEGMENTS)
        encoding = Encoding(store, key, found)
        outputs, notes = write_outputs(script, timeline, identity, out_dir, report, encoding)
    finally:
        if ahead is not None:
            ahead.close()
    return Episode(script, outputs, tuple(notes))


def make_files(script: Script, timeline: Timeline, slug: str, staging: Path, report: Report,
               encoding: Encoding | None = None) -> dict[str, Path]:
    """The episode's files in ``staging``, named after ``slug``: script, transcripts, MP3, cover."""
    paths = {kind: staging / f"{slug}{EPISODE_SUFFIXES[kind]}"
             for kind in ("script", "chapters", "vtt", "srt", "mp3")}
    cues = [piece for cue in timeline.cues for piece in split_cue(cue, CUE_CHARS)]
    paths["script"].write_text(scriptfile.dumps(script), encoding="utf-8")
    paths["chapters"].write_text(to_chapters_json(timeline.chapters, script.title), encoding="utf-8")
    paths["vtt"].write_text(to_vtt(cues), encoding="utf-8")
    paths["srt"].write_text(to_srt(cues), encoding="utf-8")
    encode(timeline, paths["mp3"], report, encoding)
    report("Tagging", 0, 0)
    tags = episode_tags(script)
    write_tags(paths["mp3"], tags, timeline.chapters)
    if tags.cover:  # cover, then the manifest (at commit), come after the MP3: a listed episode is whole
        paths["cover"] = staging / f"{slug}{EPISODE_SUFFIXES['cover']}"
        paths["cover"].write_bytes(tags.cover)
    return paths


def encode(timeline: Timeline, mp3: Path, report: Report, encoding: Encoding | None) -> None:
    """The untagged MP3 at ``mp3``: the programme's segments kept before, joined, or encoded now
    (those not kept) and kept for next time."""
    segments = timeline.programme.segments()
    if encoding is not None and encoding.found is not None:
        changed = OutputError(f"the encoded segments in {encoding.store.folder} changed during the run: run again")
        if len(encoding.found.segments) != len(segments):
            raise changed
        try:  # checked whole when found; removed by another run since, they cannot be read
            join_segments(encoding.found.segments, [2 * (s.stop - s.start) for s in segments], mp3)
        except OSError:
            raise changed from None
        return
    store = encoding.store if encoding is not None else None
    keys = encode_mp3(timeline.programme, mp3, bitrate=BITRATE, store=store,
                      encoding=lambda: report("Encoding", 0, 0)).segments
    if encoding is not None and all(keys):
        intro, outro = timeline.music_frames
        encoding.store.keep_programme(encoding.key, {"intro": intro, "outro": outro, "segments": keys})


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
