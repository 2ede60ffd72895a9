"""Every file a user edits reports a mistake the same way: "<file>: line N: what to write instead"."""

import pytest

from podcaster.config.cast import load_cast
from podcaster.config.lexicon import load_lexicon
from podcaster.config.show import load_show
from podcaster.errors import PodcasterError, at_line
from podcaster.formats import scriptfile, scripttext

# each file with its mistake on line 3
BROKEN = {
    "cast.toml": ('[narrator]\nrate = 150\n[bnad]\nvoice = "x"\n', load_cast),
    "lexicon.toml": ('[words]\n"Niamh" = "Neev"\n"Aoife" = 3\n', load_lexicon),
    "show.toml": ('title = "T"\n\nexplicit = "no"\n', lambda path: load_show(path.parent, path)),
    "talk.script.txt": ("Title: T\n\nNobody: who?\n", scripttext.load),
    "talk.script.json": ('{"title": "T",\n "turns": [\n  {"speaker": 3}]}\n', scriptfile.load),
}


def test_at_line():
    assert at_line("a.toml", 4, "wrong") == "a.toml: line 4: wrong"
    assert at_line("a.toml", None, "wrong") == at_line("a.toml", 0, "wrong") == "a.toml: wrong"


@pytest.mark.parametrize("name", BROKEN)
def test_the_error_names_the_file_and_the_line(tmp_path, name):
    text, load = BROKEN[name]
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    with pytest.raises(PodcasterError) as caught:
        load(path.parent if name in ("cast.toml", "lexicon.toml") else path)
    assert str(caught.value).startswith(f"{path}: line 3: "), str(caught.value)


def test_the_first_unknown_table_in_the_file_is_named(tmp_path):
    (tmp_path / "cast.toml").write_text("[zebra]\n[band]\n", encoding="utf-8")
    with pytest.raises(PodcasterError, match=r"line 1: unknown table \[zebra\]"):
        load_cast(tmp_path)
