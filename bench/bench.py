"""Benchmark: render the seed interview, against the floor measured in the same run.

floor = one libespeak-ng synthesis of all the episode's text in a single call (straight
        through ctypes, in synchronous mode: the engine's own speed, no driver overhead)
        + one ffmpeg MP3 encoding of that audio at our bit rate.
Ours  = `make_episode` on the seed with an empty speech cache, in a fresh process.
Prints both, their ratio and our peak memory, the assembly step's share of that render and what
joining the programme's parts into one AudioSegment would cost (timed after the render, so the
peak memory is the render's); then a warm rerun (everything cached) and a rerun after editing
one paragraph of the script, with the sentences each had to speak.
Usage: python bench/bench.py [ARTICLE] [--rounds N]
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
import wave
from pathlib import Path

from podcaster.audio import ffmpeg
from podcaster.config.cast import assign_voices, load_cast
from podcaster.formats import scriptfile
from podcaster.pipeline import BITRATE, load_script
from podcaster.plan import plan_lines

SEED = Path(__file__).resolve().parents[2] / "shared/seeds/000_ab5be3c1c8b9012e.txt"
ESPEAK = """
import ctypes, json, sys, time
from podcaster.speak.espeak import prepare_espeak
prepare_espeak()
from pyttsx3.drivers import _espeak
text, voice, rate = sys.stdin.read(), sys.argv[1], int(sys.argv[2])
chunks = []
def collect(wav, count, events):
    if count > 0:
        chunks.append(ctypes.string_at(wav, count * 2))
    return 0
_espeak.Initialize(_espeak.AUDIO_OUTPUT_SYNCHRONOUS, 0)
_espeak.SetVoiceByName(voice.encode())
_espeak.SetParameter(_espeak.RATE, rate, 0)
_espeak.SetSynthCallback(collect)
start = time.perf_counter()
_espeak.Synth(text.encode("utf-8"), flags=_espeak.CHARS_UTF8)
_espeak.Synchronize()
seconds = time.perf_counter() - start
sys.stdout.buffer.write(b"".join(chunks))
sys.stderr.write(json.dumps({"seconds": seconds}))
"""
CHILD = """
import json, resource, sys, time
from pathlib import Path
from pydub import AudioSegment
from podcaster import pipeline
from podcaster.speak.synth import SpeechCache
spent, made = {}, []
def assemble(*args):
    start = time.perf_counter()
    made.append(step(*args))
    spent["assemble"] = time.perf_counter() - start
    return made[-1]
step, pipeline.assemble = pipeline.assemble, assemble
start = time.perf_counter()
pipeline.make_episode(Path(sys.argv[1]), Path(sys.argv[2]), cache=SpeechCache(Path(sys.argv[3])))
seconds = time.perf_counter() - start
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
result = {"seconds": seconds, "peak_mb": peak, "assemble": spent["assemble"]}
if "--joins" in sys.argv:  # after the render's peak is read: what one AudioSegment would cost
    parts = made[0].programme.parts
    joins = {"join_sum": lambda: sum(parts),  # pydub's own way: + after +
             "join_once": lambda: AudioSegment(b"".join(p.raw_data for p in parts), sample_width=2,
                                               frame_rate=parts[0].frame_rate, channels=1)}
    for name, join in joins.items():
        start = time.perf_counter()
        join()
        result[name] = time.perf_counter() - start
print(json.dumps(result))
"""


def ours(article: Path, work: Path, round_: int) -> dict:
    return render(article, work / f"out{round_}", work / f"cache{round_}", "--joins")


def render(source: Path, out: Path, cache: Path, *options: str) -> dict:
    before = sum(1 for _ in cache.rglob("*.pcm"))
    done = subprocess.run([sys.executable, "-c", CHILD, str(source), str(out), str(cache), *options],
                          check=True, capture_output=True, text=True)
    result = json.loads(done.stdout.strip().splitlines()[-1])
    return {**result, "spoken": sum(1 for _ in cache.rglob("*.pcm")) - before}


def reruns(article: Path, work: Path) -> tuple[dict, dict]:
    """A warm rerun on round 0's cache, then one with a paragraph of the script edited."""
    warm = render(article, work / "warm", work / "cache0")
    script = load_script(article)
    turn = next(t for t in script.turns if t.role == "guest")
    turn.text = turn.text.replace(".", ", as I said.", 1)
    edited = work / "edited.script.json"
    edited.write_text(scriptfile.dumps(script), encoding="utf-8")
    return warm, render(edited, work / "edited", work / "cache0")


def floor(article: Path, work: Path) -> dict:
    script = load_script(article)
    cast = load_cast()
    text = " ".join(line.spoken for line in plan_lines(script, assign_voices(script, cast))[0])
    wav, mp3 = work / "floor.wav", work / "floor.mp3"
    narrator = cast.roles["narrator"]
    done = subprocess.run([sys.executable, "-c", ESPEAK, narrator.voice, str(narrator.rate)],
                          input=text.encode("utf-8"), capture_output=True, check=True)
    pcm, synth = done.stdout, json.loads(done.stderr)["seconds"]
    with wave.open(str(wav), "wb") as out:
        out.setnchannels(1), out.setsampwidth(2), out.setframerate(22050)
        out.writeframes(pcm)
    start = time.perf_counter()
    ffmpeg.run(["-y", "-i", str(wav), "-ar", "44100", "-ac", "1", "-c:a", "libmp3lame",
                "-b:a", BITRATE, str(mp3)])
    encode = time.perf_counter() - start
    return {"synth": synth, "encode": encode, "seconds": synth + encode,
            "audio_minutes": len(pcm) / 2 / 22050 / 60}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("article", nargs="?", type=Path, default=SEED)
    parser.add_argument("--rounds", type=int, default=2)
    args = parser.parse_args()
    if not args.article.is_file():
        sys.exit(f"bench: {args.article} not found: pass an article to render")
    with tempfile.TemporaryDirectory() as tmp:
        runs = []
        for round_ in range(args.rounds):  # alternate, keep the best of each: machines are noisy
            runs.append((floor(args.article, Path(tmp)), ours(args.article, Path(tmp), round_)))
        warm, edited = reruns(args.article, Path(tmp))
    best_floor = min((f for f, _ in runs), key=lambda f: f["seconds"])
    best_ours = min((o for _, o in runs), key=lambda o: o["seconds"])
    print(f"article      {args.article.name} ({best_floor['audio_minutes']:.1f} min of speech)")
    print(f"floor        {best_floor['seconds']:.2f} s  (espeak {best_floor['synth']:.2f} s"
          f" + ffmpeg MP3 {best_floor['encode']:.2f} s)")
    print(f"podcaster    {best_ours['seconds']:.2f} s  (cold cache, peak memory"
          f" {best_ours['peak_mb']:.0f} MB)")
    print(f"ratio        {best_ours['seconds'] / best_floor['seconds']:.2f}x the floor"
          "  (target <= 1.5x, <= 250 MB)")
    share = {step: f"{1000 * best_ours[step]:.1f} ms = {best_ours[step] / best_ours['seconds']:.2%}" for step in
             ("assemble", "join_sum", "join_once")}
    print(f"assembly     {share['assemble']} of that render (AudioSegments laid end to end, never copied)")
    print(f"one segment  joining them would take {share['join_sum']} with pydub's sum(),"
          f" {share['join_once']} copied once (the programme twice in memory)")
    cold = runs[0][1]
    for name, run in (("warm rerun", warm), ("one edit", edited)):
        print(f"{name:<12} {run['seconds']:.2f} s  ({run['seconds'] / cold['seconds']:.2f}x the cold render,"
              f" {run['spoken']} of {cold['spoken']} sentences spoken)")


if __name__ == "__main__":
    main()
