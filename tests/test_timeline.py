"""Timeline properties on arbitrary scripts: cue and chapter times never go backwards or past the end."""

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from podcaster.model import Script, Turn, Voice
from podcaster.plan import plan_lines
from podcaster.audio.timeline import assemble

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
    audio = [np.zeros(data.draw(st.integers(0, 5000)), np.int16) for _ in lines]
    timeline = assemble(script, lines, audio, np.zeros(intro_len, np.int16), np.zeros(outro_len, np.int16))
    end = timeline.programme.duration
    starts = [c.start for c in timeline.cues]
    assert starts == sorted(starts)
    assert all(0 <= c.start <= c.end <= end for c in timeline.cues)
    assert all(a.end <= b.start + 1e-9 for a, b in zip(timeline.cues, timeline.cues[1:]))
    chapters = timeline.chapters
    assert all(0 <= c.start <= c.end <= end for c in chapters)
    assert all(a.end == b.start for a, b in zip(chapters, chapters[1:]))
    assert not chapters or (chapters[0].start == 0 and chapters[-1].end == end)
