"""Benchmark for issue 13 ("At the floor"): each target as a ratio against a baseline of the same run.

floor = what the job physically needs: libespeak-ng speaking the episode's own words (each line
        in its voice and rate, straight through ctypes in synchronous mode: the engine's own
        speed) + one ffmpeg encoding of that audio to our MP3 format (44.1 kHz mono, 96 kbps).
cold  = `make_episode` on the article with an empty speech cache, in a fresh process (importing
        podcaster is timed apart and shown, not counted).
Every round measures the floor, a cold render, a warm rerun with nothing changed and a rerun
after one paragraph of the script is edited (both into the cold render's folder, with its cache).
Printed: the median and range over the rounds of cold/floor, warm/cold and edit/cold, each
against the baseline of its own round; the sentences each render spoke; the peak memory
(ru_maxrss) of the rendering process; and whether each meets its target from the issue.
--scale N renders, cold, an episode N times as long: the article's script N times over with every
sentence distinct (see ``distinct_copy``), and prints its time over the cold renders of the same
run, its peak memory and its audio length.
Then, if the [neural] extra is installed, a cold render in the neural cast (issue 14), printed
beside the espeak cold renders: its time against a sixth of its audio, and the peak memory of its
whole process tree (sampled: the models are in the speech workers).
Usage: python bench/bench.py [ARTICLE] [--rounds N] [--scale N] [--no-neural]
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path

from mutagen.mp3 import MP3

from podcaster.config.cast import assign_voices, load_cast
from podcaster.formats import scriptfile
from podcaster.model import Line, Script, Turn
from podcaster.pipeline import load_script
from podcaster.plan import plan_lines

sys.path.insert(0, str(Path(__file__).parent))
from treememory import TreePeak  # noqa: E402

SEED = Path(__file__).resolve().parents[2] / "shared/seeds/000_ab5be3c1c8b9012e.txt"
MP3_FORMAT = ["-ar", "44100", "-ac", "1", "-c:a", "libmp3lame", "-b:a", "96k"]  # the episode's
ISSUE_ROUNDS = 5  # the issue's targets are medians of at least this many rounds
COLD_TARGET, WARM_TARGET, EDIT_TARGET = 1.0, 0.15, 0.5  # x the floor; x the cold render (twice)
MEMORY_TARGET_MB = 150  # for the seed and for an episode 8 times as long
NEURAL_SHARE, NEURAL_MEMORY_MB = 1 / 6, 600  # issue 14: a cold neural render in a sixth of the audio
LINEAR_SLACK = 1.05  # the 8x episode takes at most 8.4x the seed's time
STOPS, CLOSERS = (".", "!", "?", "…", ":"), "\"'’”)]»"
SAMPLE_RATE = 22050  # what espeak-ng speaks at
# One synthesis of the episode's lines, run after run of one voice: espeak found as podcaster finds
# it (the library in the espeakng-loader wheel unless PODCASTER_ESPEAK=system).
ESPEAK = """
import ctypes, json, os, sys, time, wave
if os.environ.get("PODCASTER_ESPEAK", "bundled").lower() != "system":
    import espeakng_loader
    os.environ["ESPEAK_DATA_PATH"] = espeakng_loader.get_data_path()
    ctypes.CDLL(espeakng_loader.get_library_path(), mode=ctypes.RTLD_GLOBAL)
from pyttsx3.drivers import _espeak
runs, chunks = json.load(sys.stdin), []
def collect(wav, count, events):
    if count > 0:
        chunks.append(ctypes.string_at(wav, count * 2))
    return 0
_espeak.Initialize(_espeak.AUDIO_OUTPUT_SYNCHRONOUS, 0)
_espeak.SetSynthCallback(collect)
start = time.perf_counter()
for voice, rate, text in runs:
    _espeak.SetVoiceByName(voice.encode())
    _espeak.SetParameter(_espeak.RATE, rate, 0)
    _espeak.Synth(text.encode("utf-8"), flags=_espeak.CHARS_UTF8)
    _espeak.Synchronize()
seconds = time.perf_counter() - start
with wave.open(sys.argv[1], "wb") as out:
    out.setnchannels(1), out.setsampwidth(2), out.setframerate(int(sys.argv[2]))
    out.writeframes(b"".join(chunks))
print(json.dumps({"seconds": seconds, "samples": sum(map(len, chunks)) // 2}))
"""
# One render in a fresh process: make_episode timed, sentences spoken counted as cache writes.
CHILD = """
import json, resource, sys, time
start = time.perf_counter()
from podcaster.pipeline import make_episode
from podcaster.speak.synth import SpeechCache
imported = time.perf_counter() - start
class CountingCache(SpeechCache):
    spoken = 0
    def put(self, *args, **kwargs):
        CountingCache.spoken += 1
        return super().put(*args, **kwargs)
start = time.perf_counter()
make_episode(sys.argv[1], sys.argv[2], sys.argv[4] if len(sys.argv) > 4 else None, cache=CountingCache(sys.argv[3]))
seconds = time.perf_counter() - start
peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps({"seconds": seconds, "imported": imported, "spoken": CountingCache.spoken, "peak_mb": peak_mb}))
"""


@dataclass(frozen=True)
class Floor:
    synth: float
    encode: float
    audio: float  # seconds of speech

    @property
    def seconds(self) -> float:
        return self.synth + self.encode


@dataclass(frozen=True)
class Render:
    seconds: float
    imported: float  # importing podcaster, before make_episode: not counted
    spoken: int  # sentences spoken (written to the speech cache)
    peak_mb: float  # ru_maxrss of the rendering process, without its children (workers, ffmpeg)
    audio: float  # seconds of MP3


@dataclass(frozen=True)
class Round:
    floor: Floor
    cold: Render
    warm: Render
    edit: Render


def episode_lines(script: Script) -> list[Line]:
    """The lines the episode speaks, each with its voice from the cast (./voices, as the render's)."""
    return plan_lines(script, assign_voices(script, load_cast()))[0]


def voice_runs(lines: list[Line]) -> list[tuple[str, int, str]]:
    """(voice, rate, text) for each run of lines spoken by one voice."""
    runs: list[tuple[str, int, str]] = []
    for line in lines:
        if runs and runs[-1][:2] == (line.voice.voice, line.voice.rate):
            runs[-1] = (*runs[-1][:2], f"{runs[-1][2]} {line.spoken}")
        else:
            runs.append((line.voice.voice, line.voice.rate, line.spoken))
    return runs


def ffmpeg_exe() -> str:
    """The ffmpeg podcaster uses: ``$PODCASTER_FFMPEG``, else the one bundled with imageio-ffmpeg."""
    import imageio_ffmpeg

    return os.environ.get("PODCASTER_FFMPEG") or imageio_ffmpeg.get_ffmpeg_exe()


def floor(lines: list[Line], work: Path) -> Floor:
    wav, mp3 = work / "floor.wav", work / "floor.mp3"
    done = subprocess.run([sys.executable, "-c", ESPEAK, str(wav), str(SAMPLE_RATE)],
                          input=json.dumps(voice_runs(lines)), capture_output=True, text=True, check=True)
    synth = json.loads(done.stdout.splitlines()[-1])
    start = time.perf_counter()
    subprocess.run([ffmpeg_exe(), "-nostdin", "-loglevel", "error", "-y", "-i", str(wav), *MP3_FORMAT,
                    str(mp3)], check=True)
    encode = time.perf_counter() - start
    return Floor(synth["seconds"], encode, synth["samples"] / SAMPLE_RATE)


def render(source: Path, out: Path, cache: Path, voices: str | None = None) -> Render:
    """A render in a fresh process; with ``voices``, that cast (as ``--voices``), and the peak
    memory taken as its whole process tree's (the neural models live in the workers)."""
    command = [sys.executable, "-c", CHILD, str(source), str(out), str(cache), *([voices] if voices else [])]
    child = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                             env=python_as_installed())
    with TreePeak(child.pid) as tree:
        stdout, stderr = child.communicate()
    if child.returncode:
        sys.exit(f"bench: rendering {source} failed:\n{stderr}")
    result = json.loads(stdout.splitlines()[-1])
    if voices:
        result["peak_mb"] = tree.mb
    return Render(**result, audio=audio_seconds(out))


def python_as_installed() -> dict[str, str]:
    """The environment without PYTHONDONTWRITEBYTECODE (set on some build machines): an installed
    podcaster runs from compiled bytecode, so the render should not compile the modules it imports
    lazily at every run (0.4 s of CPU here)."""
    return {key: value for key, value in os.environ.items() if key != "PYTHONDONTWRITEBYTECODE"}


def audio_seconds(out: Path) -> float:
    """The length of the episode rendered into ``out``."""
    newest = max(out.glob("*.mp3"), key=lambda path: path.stat().st_mtime)
    return float(MP3(newest).info.length)  # type: ignore[attr-defined]  # mutagen types info as None


def rewritten(script: Script, lines: list[Line], sentence: Callable[[Line], str]) -> list[Turn]:
    """The script's turns with each spoken sentence written as ``sentence(line)`` says (a paragraph
    with nothing to speak stays as it is)."""
    said: dict[tuple[int, int], list[str]] = {}
    for line in lines:
        said.setdefault((line.turn, line.paragraph), []).append(sentence(line))
    return [replace(turn, text="\n\n".join(" ".join(said.get((t, p), [paragraph]))
                                           for p, paragraph in enumerate(turn.paragraphs)))
            for t, turn in enumerate(script.turns)]


def edited(script: Script, lines: list[Line]) -> Script:
    """The script with one paragraph edited: the sentence of the guest's halfway through the episode."""
    guest = [line for line in lines if script.turns[line.turn].role == "guest"] or lines
    chosen = guest[len(guest) // 2]
    return replace(script, turns=rewritten(script, lines, lambda line: (
        with_words(line.written, "as I said") if line is chosen else line.written)))


def scaled(script: Script, lines: list[Line], copies: int) -> Script:
    """The script ``copies`` times over, every sentence of copy k written as ``distinct_copy(…, k)``."""
    turns = [turn for copy in range(copies) for turn in _copy(script, lines, copy)]
    return replace(script, title=f"{script.title} ({copies}x)", turns=turns)


def copy_of(script: Script, lines: list[Line], copy: int) -> Script:
    """Copy number ``copy`` of the script alone, its number in its title (bench/batch.py's articles)."""
    return replace(script, title=f"{script.title} ({copy})", turns=_copy(script, lines, copy))


def _copy(script: Script, lines: list[Line], copy: int) -> list[Turn]:
    """Copy number ``copy`` of the script's turns: every sentence its ``distinct_copy``, chapters numbered."""
    turns = rewritten(script, lines, lambda line: distinct_copy(line.written, copy))
    return [replace(turn, chapter=f"{turn.chapter} ({copy + 1})") if turn.chapter and copy else turn
            for turn in turns]


def distinct_copy(sentence: str, copy: int) -> str:
    """Copy number ``copy`` of a sentence: the same words, said alike, but written differently for
    every copy, so the speech cache cannot reuse one copy for another. The lower-case words it may
    capitalise (not its first, none after a stop) spell ``copy`` in binary (copy 0 is the sentence);
    a short sentence that runs out of them says "take N" before its closing punctuation."""
    words = sentence.split(" ")
    free = [i for i in range(1, len(words)) if _may_capitalise(words[i - 1], words[i])]
    for bit, i in enumerate(free):
        if copy >> bit & 1:
            words[i] = words[i][0].upper() + words[i][1:]
    left = copy >> len(free)
    return with_words(" ".join(words), f"take {left}") if left else " ".join(words)


def _may_capitalise(before: str, word: str) -> bool:
    """A plain lower-case word whose capital cannot start a sentence (nor change how it is said)."""
    core = word.rstrip(",;")
    return len(core) > 1 and core.isalpha() and core.islower() and not before.rstrip(CLOSERS).endswith(STOPS)


def with_words(sentence: str, words: str) -> str:
    """The sentence with ``, words`` added before its closing punctuation."""
    body = sentence.rstrip("".join(STOPS) + CLOSERS)
    return f"{body}, {words}{sentence[len(body):]}"


def save(script: Script, path: Path) -> Path:
    path.write_text(scriptfile.dumps(script), encoding="utf-8")
    return path


def measure_round(article: Path, edit: Path, lines: list[Line], folder: Path) -> Round:
    """The floor, then a cold render, a warm rerun and the edited script, into one folder and cache."""
    folder.mkdir()
    out, cache = folder / "out", folder / "cache"
    try:
        return Round(floor(lines, folder), render(article, out, cache), render(article, out, cache),
                     render(edit, out, cache))
    finally:
        shutil.rmtree(folder)


def scale_round(script: Script, lines: list[Line], copies: int, work: Path) -> tuple[Render, list[Line]]:
    """A cold render of the script ``copies`` times over, and the lines it spoke."""
    big = scaled(script, lines, copies)
    source = save(big, work / f"scaled-{copies}x.script.json")
    return render(source, work / "scaled", work / "scaled-cache"), episode_lines(big)


def neural_round(article: Path, work: Path) -> Render | None:
    """A cold render in the neural cast (``--voices neural``), if its voices are installed."""
    from podcaster.config.cast import load_cast as cast_of
    from podcaster.config.neural import voice_problem

    cast = cast_of(Path("neural"))
    if any(voice_problem(v.engine, v.voice) for v in cast.roles.values()):
        print("neural       not measured: the neural voices are not installed (pip install 'podcaster[neural]')")
        return None
    return render(article, work / "neural", work / "neural-cache", "neural")


def spread(values: list[float], unit: str = "x") -> str:
    """The median and, over several rounds, the range in brackets."""
    median = f"{statistics.median(values):.2f}{unit}"
    return median if len(values) == 1 else f"{median} [{min(values):.2f}-{max(values):.2f}]"


def counted(values: list[int]) -> str:
    return str(values[0]) if min(values) == max(values) else f"{min(values)}-{max(values)}"


def show(name: str, figure: str, value: float | None = None, limit: float = 0, unit: str = "x") -> None:
    """One line: what was measured and, given a value, whether it meets its target (at most ``limit``)."""
    verdict = "" if value is None else f"target <= {limit}{unit}: {'met' if value <= limit else 'NOT met'}"
    print(f"{name:<12} {figure:<84} {verdict}".rstrip())


def report_rounds(article: Path, lines: list[Line], rounds: list[Round]) -> None:
    def each(figure: Callable[[Round], float]) -> list[float]:
        return [figure(r) for r in rounds]

    cold = each(lambda r: r.cold.seconds / r.floor.seconds)
    warm = each(lambda r: r.warm.seconds / r.cold.seconds)
    edit = each(lambda r: r.edit.seconds / r.cold.seconds)
    spoken = counted([r.cold.spoken for r in rounds])
    peak = max(r.cold.peak_mb for r in rounds)
    fewer = f", fewer than the issue's {ISSUE_ROUNDS}" if len(rounds) < ISSUE_ROUNDS else ""
    show("article", f"{article.name}: {len(lines)} sentences, {rounds[0].floor.audio / 60:.1f} min of speech, "
         f"the episode {rounds[0].cold.audio / 60:.1f} min")
    show("rounds", f"{len(rounds)}{fewer}: median [range]; each ratio against its own round's baseline")
    show("floor", f"{spread(each(lambda r: r.floor.seconds), ' s')} = espeak "
         f"{spread(each(lambda r: r.floor.synth), ' s')} + ffmpeg MP3 {spread(each(lambda r: r.floor.encode), ' s')}")
    imported = statistics.median(each(lambda r: r.cold.imported))
    show("cold render", f"{spread(cold)} the floor; {spread(each(lambda r: r.cold.seconds), ' s')} "
         f"(+{imported:.2f} s import, not counted)",
         statistics.median(cold), COLD_TARGET)
    show("warm rerun", f"{spread(warm)} the cold render; sentences spoken: "
         f"{counted([r.warm.spoken for r in rounds])} (cold: {spoken})", statistics.median(warm), WARM_TARGET)
    show("one edit", f"{spread(edit)} the cold render, one paragraph edited; sentences spoken: "
         f"{counted([r.edit.spoken for r in rounds])}", statistics.median(edit), EDIT_TARGET)
    show("peak memory", f"{peak:.0f} MB, the cold render's process (the most of {len(rounds)})", peak,
         MEMORY_TARGET_MB, " MB")


def report_scale(copies: int, big: Render, big_lines: list[Line], lines: list[Line], rounds: list[Round]) -> None:
    seed = statistics.median([r.cold.seconds for r in rounds])
    distinct = len({line.spoken for line in big_lines})
    name = f"{copies}x"
    show(f"{name} episode", f"{len(big_lines)} sentences ({len(big_lines) / len(lines):.2f}x the article's), "
         f"{distinct} distinct; {big.audio / 60:.1f} min of audio ({big.audio / rounds[0].cold.audio:.2f}x its)")
    show(f"{name} time", f"{big.seconds / seed:.2f}x the article's cold render ({big.seconds:.1f} s over the median "
         f"{seed:.2f} s)", big.seconds / seed, round(copies * LINEAR_SLACK, 2))
    show(f"{name} memory", f"{big.peak_mb:.0f} MB, its cold render's process", big.peak_mb, MEMORY_TARGET_MB, " MB")


def report_neural(neural: Render, rounds: list[Round]) -> None:
    espeak = statistics.median([r.cold.seconds for r in rounds])
    budget = neural.audio * NEURAL_SHARE
    show("neural cold", f"{neural.seconds:.1f} s for {neural.audio / 60:.1f} min of audio = "
         f"{neural.seconds / budget:.2f}x a sixth of it ({budget:.0f} s); {neural.seconds / espeak:.1f}x the espeak "
         f"cold render ({espeak:.1f} s)", neural.seconds / budget, 1.0)
    show("neural mem", f"{neural.peak_mb:.0f} MB, its whole process tree (workers and ffmpeg included)",
         neural.peak_mb, NEURAL_MEMORY_MB, " MB")


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("article", nargs="?", type=Path, default=SEED)
    parser.add_argument("--rounds", type=int, default=ISSUE_ROUNDS, help="rounds of floor, cold, warm and edit")
    parser.add_argument("--scale", type=int, default=0, metavar="N",
                        help="also render, cold, an episode N times as long, every sentence distinct")
    parser.add_argument("--no-neural", action="store_true", help="skip the cold render in the neural cast")
    args = parser.parse_args()
    if not args.article.is_file():
        sys.exit(f"bench: {args.article} not found: pass an article to render")
    if args.rounds < 1 or args.scale < 0:
        sys.exit("bench: --rounds must be at least 1, --scale N at least 0")
    script = load_script(args.article)
    lines = episode_lines(script)
    with tempfile.TemporaryDirectory(prefix="podcaster-bench-") as tmp:
        work = Path(tmp)
        edit = save(edited(script, lines), work / "edited.script.json")
        rounds = [measure_round(args.article, edit, lines, work / f"round{i}") for i in range(args.rounds)]
        report_rounds(args.article, lines, rounds)
        neural = None if args.no_neural else neural_round(args.article, work)
        if neural:
            report_neural(neural, rounds)
        if args.scale:
            report_scale(args.scale, *scale_round(script, lines, args.scale, work), lines, rounds)


if __name__ == "__main__":
    main()
