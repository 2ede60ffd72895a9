"""`podcaster episode` end to end on our sample, read back by mutagen, ffprobe and ffmpeg."""

from __future__ import annotations

import json
import re
import subprocess
from pathlib import Path

import numpy as np
import pytest
from audio import decode, ebur128, onset, probe
from conftest import SAMPLE, podcaster
from mutagen.id3 import ID3, CTOCFlags

SLUG = "harbours-that-listen-rebuilding-a-waterfront-with-the-people"
SUFFIXES = (".mp3", ".script.json", ".chapters.json", ".vtt", ".srt", ".jpg", ".episode.json")




@pytest.fixture(scope="module")
def cache(sample_render) -> Path:
    return sample_render.cache


@pytest.fixture(scope="module")
def rendered(sample_render):
    return sample_render.folder, sample_render.done


def output(out: Path, suffix: str) -> Path:
    return out / f"{SLUG}{suffix}"


def test_writes_every_file_and_nothing_else(rendered):
    out, done = rendered
    assert done.stdout.strip().splitlines()[-1] == str(output(out, ".mp3"))
    names = sorted(p.name for p in out.iterdir())
    assert names == sorted([".podcaster.lock", *(SLUG + s for s in SUFFIXES)])  # the folder's lock


def test_mp3_is_44k1_mono_at_podcast_loudness(rendered):
    mp3 = output(rendered[0], ".mp3")
    [stream] = [s for s in probe(mp3)["streams"] if s["codec_type"] == "audio"]
    assert (stream["codec_name"], stream["sample_rate"], stream["channels"]) == ("mp3", "44100", 1)
    measured = ebur128(mp3)
    assert -17.0 <= measured["lufs"] <= -15.0
    assert measured["true_peak"] <= -1.0


def test_tags_read_back_by_mutagen(rendered):
    tags = ID3(output(rendered[0], ".mp3"), translate=False)  # as stored: v2.3 frames
    assert tags.version == (2, 3, 0)
    assert str(tags["TIT2"]) == "Harbours that listen: rebuilding a waterfront with the people who use it"
    assert tags["TPE1"].text[0].split("/") == ["Maya Okafor", "Tomas Lindqvist"]
    assert str(tags["TALB"]) == "The Tidewater Review"
    assert str(tags["TYER"]) == "2024"
    assert str(tags["TCON"]) == "Podcast"
    assert tags.getall("COMM")[0].text[0].startswith("Port planner Tomas Lindqvist")
    [cover] = tags.getall("APIC")
    assert cover.type == 3 and cover.mime == "image/jpeg" and len(cover.data) > 10_000
    [toc] = tags.getall("CTOC")
    assert toc.flags & CTOCFlags.TOP_LEVEL and toc.flags & CTOCFlags.ORDERED
    assert len(toc.child_element_ids) == len(tags.getall("CHAP"))


def test_chapters_one_per_question_plus_intro_and_outro(rendered):
    out = rendered[0]
    script = json.loads(output(out, ".script.json").read_text())
    questions = [t for t in script["turns"] if t["role"] == "interviewer"]
    chapters = probe(output(out, ".mp3"))["chapters"]
    titles = [c["tags"]["title"] for c in chapters]
    assert titles[0] == "Introduction" and titles[-1] == "Closing"
    assert titles[1:-1] == [t["chapter"] for t in questions]
    assert all(0 < len(title) <= 60 for title in titles)
    as_json = json.loads(output(out, ".chapters.json").read_text())
    assert as_json["version"] == "1.2.0"
    assert [c["title"] for c in as_json["chapters"]] == titles
    for ours, theirs in zip(as_json["chapters"], chapters):
        assert abs(ours["startTime"] - float(theirs["start_time"])) < 0.002


def test_chapter_starts_match_speech_in_the_audio(rendered):
    out = rendered[0]
    audio = decode(output(out, ".mp3"))
    for chapter in probe(output(out, ".mp3"))["chapters"][1:]:
        start = float(chapter["start_time"])
        heard = onset(audio, start)
        assert heard is not None and abs(heard - start) <= 0.05, (chapter["tags"]["title"], heard)


def test_transcript_cues_match_speech_in_the_audio(rendered):
    out = rendered[0]
    audio = decode(output(out, ".mp3"))
    vtt = output(out, ".vtt").read_text()
    cues = re.findall(r"([\d:.]+) --> ([\d:.]+)\n<v ([^>]+)>", vtt)
    assert len(cues) > 20
    starts, ends = ([seconds(cue[i]) for cue in cues] for i in (0, 1))
    checked = 0
    for previous_end, start in zip([0.0] + ends, starts):
        if start - previous_end < 0.25:
            continue  # a long sentence split in two: its second half starts mid-speech
        heard = onset(audio, start, window=0.25)
        assert heard is not None and abs(heard - start) <= 0.05, (start, heard)
        checked += 1
    assert checked > 20
    speakers = {name for *_, name in cues}
    assert speakers == {"Narrator", "Maya Okafor", "Tomas Lindqvist"}
    srt = output(out, ".srt").read_text()
    assert "Maya Okafor: " in srt and "Tomas Lindqvist: " in srt
    assert len(re.findall(r"^\d+$", srt, re.M)) == vtt.count(" --> ")


def seconds(stamp: str) -> float:
    hours, minutes, rest = stamp.split(":")
    return int(hours) * 3600 + int(minutes) * 60 + float(rest)


def test_edited_script_is_rendered_as_it_stands(rendered, cache, tmp_path):
    script = json.loads(output(rendered[0], ".script.json").read_text())
    script["title"] = "Edited harbour talk"
    script["turns"][1]["chapter"] = "Why the brief changed"
    script["turns"] = script["turns"][:3] + script["turns"][-1:]
    edited = tmp_path / "edited.script.json"
    edited.write_text(json.dumps(script))
    done = podcaster("episode", edited, "-o", tmp_path / "out", cache=cache)
    assert done.returncode == 0, done.stderr
    mp3 = Path(done.stdout.strip().splitlines()[-1])
    assert mp3.name == "edited-harbour-talk.mp3"
    titles = [c["tags"]["title"] for c in probe(mp3)["chapters"]]
    assert titles == ["Introduction", "Why the brief changed", "Closing"]


def test_script_command_prints_written_text(cache):
    done = podcaster("script", SAMPLE, "--format", "json", cache=cache)
    assert done.returncode == 0, done.stderr
    script = json.loads(done.stdout)
    assert {"title", "subtitle", "date", "publication", "turns"} <= set(script)
    assert script["date"] == "2024-03-03"
    roles = "".join(t["role"][0].upper() for t in script["turns"])
    assert roles == "N" + "IG" * 6 + "N"
    assert any("drawing — about 2% of the design fee." in t["text"] for t in script["turns"])


def test_voices_lists_engines_and_voices(cache):
    done = podcaster("voices", cache=cache)
    assert done.returncode == 0, done.stderr
    assert "espeak" in done.stdout and "ffmpeg" in done.stdout
    assert "gmw/en-us" in done.stdout and "[guest]" in done.stdout


def test_renders_the_seed(seed_path, cache, tmp_path):
    done = podcaster("episode", seed_path, "-o", tmp_path, cache=cache)
    assert done.returncode == 0, done.stderr
    mp3 = Path(done.stdout.strip().splitlines()[-1])
    assert mp3.name == "global-cities-crucibles-of-innovation.mp3"
    chapters = probe(mp3)["chapters"]
    assert len(chapters) == 2 + 8  # intro, eight questions, closing
    measured = ebur128(mp3)
    assert -17.0 <= measured["lufs"] <= -15.0 and measured["true_peak"] <= -1.0


def test_users_own_music_opens_the_episode(rendered, cache, tmp_path):
    voices = tmp_path / "voices"
    voices.mkdir()
    subprocess.run(["ffmpeg", "-v", "error", "-f", "lavfi", "-i", "sine=frequency=440:duration=4",
                    "-ar", "44100", str(voices / "theme.wav")], check=True)
    (voices / "cast.toml").write_text('[music]\nintro = "theme.wav"\noutro = "theme.wav"\n')
    script = json.loads(output(rendered[0], ".script.json").read_text())
    script["turns"] = script["turns"][:2]
    short = tmp_path / "short.script.json"
    short.write_text(json.dumps(script))
    done = podcaster("episode", short, "-o", tmp_path / "out", "--voices", voices, cache=cache)
    assert done.returncode == 0, done.stderr
    audio = decode(Path(done.stdout.strip().splitlines()[-1]))
    opening = audio[int(0.5 * 22050):int(3.0 * 22050)]
    spectrum = np.abs(np.fft.rfft(opening))
    assert np.argmax(spectrum) * 22050 / len(opening) == pytest.approx(440, abs=3)
