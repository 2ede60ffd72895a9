"""An unchanged episode is not encoded again: its segments are joined and only retagged; an edit
re-encodes only the segment it touched."""

import json
import shutil
from pathlib import Path

import pytest
from audio import decode, ebur128
from mutagen.id3 import ID3

from podcaster.pipeline import make_episode
from podcaster.speak.synth import SpeechCache

SAMPLE = Path(__file__).resolve().parent.parent / "samples" / "harbour-interview.txt"
pytestmark = pytest.mark.slow  # renders


def render(article: Path, out: Path, cache: SpeechCache) -> tuple[Path, list[str]]:
    stages: list[str] = []
    episode = make_episode(article, out, cache=cache, report=lambda stage, *_: stages.append(stage))
    return episode.outputs["mp3"], stages


@pytest.fixture(scope="module")
def first(tmp_path_factory):
    root = tmp_path_factory.mktemp("reuse")
    cache = SpeechCache(root / "cache")
    mp3, stages = render(SAMPLE, root / "first", cache)
    assert "Encoding" in stages
    return root, cache, mp3


def segments(cache: SpeechCache) -> set[Path]:
    return set((cache.folder / "encoded").glob("*.mp3"))


def test_a_rerun_copies_the_encoded_programme_and_tags_it(first):
    root, cache, mp3 = first
    kept = segments(cache)
    again, stages = render(SAMPLE, root / "again", cache)
    assert "Encoding" not in stages and segments(cache) == kept and len(kept) > 2
    assert (decode(again, 44100) == decode(mp3, 44100)).all()
    assert ID3(again)["TIT2"].text == ID3(mp3)["TIT2"].text  # tagged like the first
    assert all(segment.read_bytes()[:3] != b"ID3" for segment in kept)  # kept untagged
    assert json.loads((root / "again" / again.with_suffix(".chapters.json").name).read_text()) == \
        json.loads(mp3.with_suffix(".chapters.json").read_text())


def test_an_edited_sentence_makes_a_new_programme(first, tmp_path):
    root, cache, mp3 = first
    edited = tmp_path / SAMPLE.name
    text = SAMPLE.read_text(encoding="utf-8")
    edited.write_text(text.replace(".", ", they said.", 1), encoding="utf-8")
    kept = segments(cache)
    changed, stages = render(edited, tmp_path / "out", cache)
    assert "Encoding" in stages and len(segments(cache) - kept) == 1  # the first segment, and no other
    measured = ebur128(changed)
    assert -17.0 <= measured["lufs"] <= -15.0 and measured["true_peak"] <= -1.0


def test_a_damaged_programme_is_encoded_again_not_copied(first, tmp_path):
    root, cache, mp3 = first
    cache_copy = SpeechCache(tmp_path / "cache")
    shutil.copytree(cache.folder, cache_copy.folder)
    for segment in segments(cache_copy):
        segment.write_bytes(segment.read_bytes()[: segment.stat().st_size // 2])  # a half-written copy
    again, stages = render(SAMPLE, tmp_path / "out", cache_copy)
    assert "Encoding" in stages
    assert len(decode(again, 44100)) == len(decode(mp3, 44100))


def test_a_cache_that_cannot_keep_programmes_still_makes_the_episode(first, tmp_path):
    root, cache, mp3 = first
    blocked = SpeechCache(tmp_path / "cache")
    shutil.copytree(cache.folder, blocked.folder)
    shutil.rmtree(blocked.folder / "encoded")
    (blocked.folder / "encoded").write_text("a file where the folder should be")
    again, stages = render(SAMPLE, tmp_path / "out", blocked)
    assert "Encoding" in stages and (decode(again, 44100) == decode(mp3, 44100)).all()


def test_the_voice_list_is_kept_and_asked_again_when_it_says_no(first, tmp_path):
    root, cache, mp3 = first
    kept = cache.folder / "voices.json"
    offered = json.loads(kept.read_text())["offered"]
    assert any(voice_id for voice_id, _ in offered["voices"])  # the first render kept the engine's list
    asked = []
    assert cache.voices(lambda: asked.append(1) or {}) == offered and not asked  # a rerun does not ask
    stale = SpeechCache(tmp_path / "cache")
    stale.folder.mkdir()
    (stale.folder / "voices.json").write_text(json.dumps({**json.loads(kept.read_text()),
                                                          "offered": {"voices": [], "variants": []}}))
    again, _ = render(SAMPLE, tmp_path / "out", stale)  # the kept list lacks every voice: the engine is asked
    assert json.loads((stale.folder / "voices.json").read_text())["offered"] == offered
    assert (decode(again, 44100) == decode(mp3, 44100)).all()


def test_segments_encoded_ahead_are_kept_at_the_estimated_gain(first, tmp_path):
    """Complete segments (not the music's) are encoded as soon as their sentences are spoken; those
    still queued when the speaking ends are left to the final encode."""
    from podcaster.audio.ahead import EncodeAhead
    from podcaster.audio.encoded import EncodedStore
    from podcaster.audio.mix import segment_contents
    from podcaster.audio.programme import speech_part
    from podcaster.audio.timeline import SEGMENTS, assemble
    from podcaster.config.cast import assign_voices, load_cast
    from podcaster.config.lexicon import load_lexicon
    from podcaster.pipeline import load_script, plan
    from podcaster.speak.synth import speak_lines

    root, cache, mp3 = first
    script = load_script(SAMPLE)
    script, lines = plan(script, assign_voices(script, load_cast()), load_lexicon(None), SAMPLE)
    speech = speak_lines(lines, cache)  # all cached by the first render
    store = EncodedStore(tmp_path / "encoded")
    ahead = EncodeAhead(script, lines, store, SEGMENTS, min_sentences=1)
    for index, spoken in enumerate(speech):
        ahead.ready(index, spoken)
    ahead.close()
    programme = assemble(script, lines, [speech_part(s) for s in speech], None, None, segments=SEGMENTS).programme
    contents = segment_contents(programme.segments(), "96k", -1.0)
    kept = {path.stem for path in store.folder.glob("*.mp3")}
    middle = {f"{content}{ahead.gain:+.2f}" for content in contents[1:-1]}  # not the music's
    assert kept and kept <= middle
