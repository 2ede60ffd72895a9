"""The pronunciation lexicon: how a word or name should sound, read from ``voices/lexicon.toml``.

``[words]`` maps a word to a respelling every engine reads; ``[espeak]`` maps it to
espeak-ng phonemes in ``[[…]]``, used instead of the respelling by espeak voices.
The file's entries are added to (and override) the built-in ones. ``[proof]`` holds respellings
that ``podcaster proof --suggest`` wrote, for review: they win over both (one fixes the entry that
garbled a word), until moved into ``[words]`` or deleted.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from .cast import PRESETS
from .tomlfile import check_tables, read_toml, toml_error

LEXICON_FILE = "lexicon.toml"
ESPEAK_ENGINES = ("pyttsx3",)  # engines that speak through espeak-ng and read [[phonemes]]
BUILTIN_WORDS = {
    "Okafor": "Oh-kah-for", "Niamh": "Neev", "Nguyen": "Win", "Joaquin": "Wah-keen",
    "Goethe": "Gurta", "Eoin": "Owen", "Amin": "Ah-meen", "Doreen": "Dor-een",
    "Ulrich": "Oolrick", "Bamako": "Bamma-ko", "Stiftung": "Shtiftoong", "milieux": "meel-yuh",
    "Wroclaw": "Vrotswahf",
}
BUILTIN_ESPEAK = {"Nguyen": "[[w'In]]", "Amin": "[[@m'i:n]]", "Stiftung": "[[S'tIftUN]]"}
_WORD = re.compile(r"[^\W_](?:[\w'’. -]*[^\W_])?")
_PHONEMES = re.compile(r"\[\[[^\[\]]+\]\]")


@dataclass(frozen=True)
class Lexicon:
    words: dict[str, str] = field(default_factory=lambda: dict(BUILTIN_WORDS))
    espeak: dict[str, str] = field(default_factory=lambda: dict(BUILTIN_ESPEAK))
    source: str = "built-in lexicon"

    def for_engine(self, engine: str) -> tuple[dict[str, str], dict[str, str]]:
        """(respellings, phonemes) for one engine: phonemes win over a respelling of the word."""
        if engine not in ESPEAK_ENGINES:
            return self.words, {}
        respellings = {w: r for w, r in self.words.items() if w not in self.espeak}
        return respellings, self.espeak


def lexicon_location(folder: Path | None) -> Path:
    """Where the voices folder's lexicon.toml is or would be: ``--voices DIR`` or ``./voices``
    (also for a built-in cast such as ``--voices neural``)."""
    if folder is not None and not Path(folder).is_dir() and (PRESETS / str(folder)).is_dir():
        folder = None
    return Path(folder if folder is not None else "voices") / LEXICON_FILE


def find_lexicon_file(folder: Path | None) -> Path | None:
    """The voices folder's lexicon.toml, if there is one."""
    path = lexicon_location(folder)
    return path if path.is_file() else None


def load_lexicon(folder: Path | None = None) -> Lexicon:
    path = find_lexicon_file(folder)
    if path is None:
        return Lexicon()
    data, text = read_toml(path)
    check_tables(path, text, data, {"words", "espeak", "proof"}, "use [words], [espeak] or [proof]")
    words = _entries(data.get("words", {}), "words", path, text)
    espeak = _entries(data.get("espeak", {}), "espeak", path, text)
    proof = _entries(data.get("proof", {}), "proof", path, text)
    espeak = {word: said for word, said in (BUILTIN_ESPEAK | espeak).items() if word not in proof}
    return Lexicon(BUILTIN_WORDS | words | proof, espeak, str(path))


def _entries(table, name: str, path: Path, text: str) -> dict[str, str]:
    if not isinstance(table, dict):
        raise toml_error(path, text, name, f"[{name}] must be a table")
    for word, said in table.items():
        problem = _problem(name, word, said)
        if problem:
            raise toml_error(path, text, word, f"[{name}] {word!r}{problem}", name)
    return {word: said.strip() for word, said in table.items()}


def _problem(table: str, word: str, said) -> str:
    """What is wrong with one entry, to follow its name, or ""."""
    if not _WORD.fullmatch(word):
        return ": the key must be a word or name (letters, digits, spaces, hyphens, apostrophes)"
    if not isinstance(said, str) or not said.strip():
        return " must be a non-empty string"
    if table in ("words", "proof") and re.search(r"[\[\]<>&]", said):
        return ": a respelling is plain words; put phonemes in [espeak]"
    if table == "espeak" and not _PHONEMES.fullmatch(said.strip()):
        return " must be espeak phonemes in double brackets, e.g. \"[[w'In]]\""
    return ""
