"""The pronunciation lexicon: voices/lexicon.toml, its built-in twin, its errors, its effect."""

from dataclasses import replace

import pytest
from conftest import ROOT

from podcaster.config.cast import DEFAULTS
from podcaster.config.lexicon import BUILTIN_ESPEAK, BUILTIN_WORDS, Lexicon, load_lexicon
from podcaster.errors import ConfigError
from podcaster.model import Script, Turn
from podcaster.plan import plan_lines
from podcaster.speak.synth import SpeechCache


def write(folder, text):
    (folder / "lexicon.toml").write_text(text, encoding="utf-8")
    return folder


def test_lexicon_file_in_the_repo_is_the_built_in_one():
    lexicon = load_lexicon(ROOT / "voices")
    assert (lexicon.words, lexicon.espeak) == (BUILTIN_WORDS, BUILTIN_ESPEAK)


def test_no_file_means_the_built_in_lexicon(tmp_path):
    assert load_lexicon(tmp_path) == Lexicon()


def test_entries_are_added_to_the_built_in_ones_and_win(tmp_path):
    folder = write(tmp_path, '[words]\n"Aoife" = "Eefa"\n"Okafor" = "Okka-for"\n'
                             '[espeak]\n"Siobhan" = "[[S@v\'O:n]]"\n')
    lexicon = load_lexicon(folder)
    assert lexicon.words["Aoife"] == "Eefa" and lexicon.words["Okafor"] == "Okka-for"
    assert lexicon.words["Niamh"] == BUILTIN_WORDS["Niamh"]
    assert lexicon.espeak["Siobhan"] == "[[S@v'O:n]]"
    assert lexicon.source == str(folder / "lexicon.toml")


@pytest.mark.parametrize(("text", "message"), [
    ('[words]\n"Aoife" = \n', r"lexicon.toml: not valid TOML.*line 2"),
    ('[sounds]\n"Aoife" = "Eefa"\n', r"lexicon.toml: line 1: unknown table \[sounds\]"),
    ('[words]\n"Niamh" = "Neev"\n"Aoife" = 3\n', r"lexicon.toml: line 3: \[words\] 'Aoife' must be"),
    ('[words]\n\n"Aoife" = "  "\n', r"lexicon.toml: line 3: \[words\] 'Aoife' must be"),
    ('[words]\n"<b>" = "bold"\n', r"lexicon.toml: line 2: \[words\] '<b>': the key must be a word"),
    ('[words]\nAoife = "[[i:f@]]"\n', r"lexicon.toml: line 2: \[words\] 'Aoife': a respelling is plain"),
    ('[espeak]\n"Nguyen" = "win"\n', r"lexicon.toml: line 2: \[espeak\] 'Nguyen' must be espeak phonemes"),
    ('words = "x"\n', r"lexicon.toml: line 1: \[words\] must be a table"),
])
def test_a_broken_lexicon_is_one_line_naming_file_line_and_key(tmp_path, text, message):
    with pytest.raises(ConfigError, match=message) as error:
        load_lexicon(write(tmp_path, text))
    assert "\n" not in str(error.value)


def lines(text, lexicon, voice=DEFAULTS["guest"]):
    script = Script("t", [Turn("A", "guest", text)])
    return plan_lines(script, {"A": voice}, lexicon)[0]


def test_espeak_voices_get_phonemes_other_engines_the_respelling():
    lexicon = Lexicon({"Nguyen": "Win", "Aoife": "Eefa"}, {"Nguyen": "[[w'In]]"})
    [line] = lines("Aoife met Mr Nguyen.", lexicon)
    assert line.spoken == "Eefa met Mister [[w'In]]." and line.written == "Aoife met Mr Nguyen."
    assert lexicon.for_engine("another-engine") == ({"Nguyen": "Win", "Aoife": "Eefa"}, {})


def test_a_lexicon_edit_changes_the_cache_key_of_affected_sentences_only():
    text = "Aoife spoke first. Then the harbour master spoke."
    before = lines(text, Lexicon({}, {}))
    after = lines(text, Lexicon({"Aoife": "Eefa"}, {}))
    cache = SpeechCache()
    keys = [[cache.key(line.spoken, line.voice) for line in run] for run in (before, after)]
    assert keys[0][0] != keys[1][0] and keys[0][1] == keys[1][1]


def test_without_a_lexicon_the_rules_still_apply():
    [line] = lines("In 1848, NATO did not exist.", None, replace(DEFAULTS["guest"]))
    assert line.spoken == "In eighteen forty-eight, Nato did not exist."
