"""The timeline: cue and chapter times never go backwards or past the end; each line lands where its cue says."""

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from podcaster.audio.programme import music_part
from podcaster.audio.timeline import assemble
from podcaster.formats.pcm import to_segment
from podcaster.model import Pacing, Script, Turn, Voice
from podcaster.plan import plan_lines

ROLES = ["narrator", "interviewer", "guest"]
words = st.text(alphabet="abcdefgh ,.?!", min_size=1, max_size=60)
turns = st.builds(Turn, speaker=st.sampled_from(["Ann", "Bo", "Narrator"]), role=st.sampled_from(ROLES),
                  text=st.lists(words, min_size=1, max_size=3).map("\n\n".join),
                  chapter=st.sampled_from(["", "", "A chapter"]))


@settings(max_examples=60, deadline=None)
@given(st.lists(turns, min_size=1, max_size=8), st.data(), st.integers(0, 4000), st.integers(0, 4000))
def test_times_are_ordered_and_inside_the_audio(script_turns, data, intro_len, outro_len):
    script = Script(title="T", turns=script_turns)
    lines, _ = plan_lines(script, {turn.speaker: Voice() for turn in script.turns})
    audio = [music_part(to_segment(np.zeros(data.draw(st.integers(0, 5000)), np.int16))) for _ in lines]
    intro, outro = (music_part(to_segment(np.zeros(n, np.int16))) for n in (intro_len, outro_len))
    timeline = assemble(script, lines, audio, intro, outro)
    end = timeline.programme.duration
    assert sum(map(len, timeline.programme.chunks())) == round(end * 22050)
    starts = [c.start for c in timeline.cues]
    assert starts == sorted(starts)
    assert all(0 <= c.start <= c.end <= end for c in timeline.cues)
    assert all(a.end <= b.start + 1e-9 for a, b in zip(timeline.cues, timeline.cues[1:]))
    chapters = timeline.chapters
    assert all(0 <= c.start <= c.end <= end for c in chapters)
    assert all(a.end == b.start for a, b in zip(chapters, chapters[1:]))
    assert not chapters or (chapters[0].start == 0 and chapters[-1].end == end)


def test_each_line_lands_in_the_programme_where_its_cue_says():
    script = Script(title="T", turns=[Turn("Ann", "interviewer", "One. Two.\n\nThree.", chapter="Start"),
                                      Turn("Bo", "guest", "Four.", chapter="Answer")])
    lines, _ = plan_lines(script, {turn.speaker: Voice() for turn in script.turns})
    audio = [music_part(to_segment(np.full(1000 + 10 * i, i + 1, np.int16))) for i in range(len(lines))]
    intro, outro = (music_part(to_segment(np.full(n, value, np.int16))) for n, value in ((3000, -7), (2000, -9)))
    timeline = assemble(script, lines, audio, intro, outro)
    samples = np.concatenate(list(timeline.programme.chunks()))
    assert (samples[:3000] == -7).all() and (samples[-2000:] == -9).all()
    for i, cue in enumerate(timeline.cues):
        start, end = round(cue.start * 22050), round(cue.end * 22050)
        assert (samples[start:end] == i + 1).all() and samples[start - 1] == 0 and samples[end] == 0
    assert [c.title for c in timeline.chapters] == ["Start", "Answer"]
    assert timeline.chapters[1].start == timeline.cues[3].start


def test_the_pacing_sets_every_silence():
    script = Script(title="T", turns=[Turn("Ann", "interviewer", "One. Two.\n\nThree."), Turn("Bo", "guest", "Four.")])
    voice = Voice(gap_ms=250)
    lines, _ = plan_lines(script, {"Ann": voice, "Bo": voice})
    audio = [music_part(to_segment(np.full(2205, 1, np.int16))) for _ in lines]  # 100 ms each
    music = music_part(to_segment(np.full(2205, 1, np.int16)))
    timeline = assemble(script, lines, audio, music, music, Pacing(paragraph_ms=500, speaker_ms=900, music_ms=40))
    gaps = [round((b.start - a.end) * 1000) for a, b in zip(timeline.cues, timeline.cues[1:])]
    assert gaps == [250, 500, 900]  # a sentence, a paragraph, a speaker
    assert round(timeline.cues[0].start * 1000) == 100 + 40
    assert round((timeline.programme.duration - timeline.cues[-1].end) * 1000) == 40 + 100
