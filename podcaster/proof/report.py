"""Finding an episode's files, writing ``<slug>.proof.json`` and the lexicon's ``[proof]`` table,
and the summary a producer reads."""

from __future__ import annotations

import json
import re
import shutil
from dataclasses import dataclass
from pathlib import Path

from ..config.tomlfile import tomllib
from ..errors import InputError
from ..formats.files import write_text
from ..formats.manifest import PROOF_SUFFIX, SUFFIX
from ..formats.timecode import vtt_stamp
from .check import Proof

SECTION = "[proof]"
SECTION_NOTE = ("# Suggested by `podcaster proof --suggest`, for review: each respelling was spoken and\n"
                "# heard back as the word. They win over [words]; move one there once checked, or delete it.\n")


@dataclass(frozen=True)
class EpisodeFiles:
    mp3: Path
    vtt: Path
    script: Path
    slug: str

    @property
    def proof(self) -> Path:
        return self.mp3.with_name(self.slug + PROOF_SUFFIX)

    @property
    def page(self) -> Path:
        return self.mp3.with_name(self.slug + ".html")


def find_episode(given: Path) -> EpisodeFiles:
    """An episode from its MP3, its manifest, or its slug in a folder (``DIR/slug``)."""
    name = given.name
    for suffix in (".mp3", SUFFIX, PROOF_SUFFIX):
        name = name.removesuffix(suffix)
    folder = given.parent
    files = EpisodeFiles(folder / f"{name}.mp3", folder / f"{name}.vtt", folder / f"{name}.script.json", name)
    missing = [path.name for path in (files.mp3, files.vtt) if not path.is_file()]
    if missing:
        raise InputError(f"{given}: not a rendered episode ({', '.join(missing)} not found): "
                         "give its MP3, its .episode.json, or DIR/slug")
    return files


def write_proof(proof: Proof, path: Path) -> None:
    write_text(path, json.dumps(proof.to_dict(), ensure_ascii=False, indent=2) + "\n")


def summary(proof: Proof, page: Path | None, limit: int = 20) -> list[str]:
    """The flags, worst first: time (a link into the listening page when there is one), speaker,
    why, what was written and what was heard."""
    lines = [f"{proof.episode}: {len(proof.flags)} of {proof.cues} cues flagged, "
             f"word error rate {proof.wer:.3f} over {proof.words} words"]
    for word, respelling in proof.suggestions.items():
        lines.append(f"  pronunciation: {word!r} heard wrong in {proof.repeated.get(word.lower(), 0) or 'several'} "
                     f"cues; heard right respelled {respelling!r} (--suggest adds it to the lexicon)")
    for flag in proof.flags[:limit]:
        at = vtt_stamp(round(flag.start * 1000))[:-4]
        where = f"{page.resolve().as_uri()}#t={flag.start:.3f}" if page and page.is_file() else at
        lines.append(f"  {at} {flag.speaker or '?'}: {flag.cause} ({', '.join(flag.reasons)}) {where}")
        lines.append(f"    written: {flag.written}")
        lines.append(f"    heard:   {flag.heard or '(nothing)'}")
    if len(proof.flags) > limit:
        lines.append(f"  … and {len(proof.flags) - limit} more in the proof file")
    return lines


def add_suggestions(lexicon: Path, found: dict[str, str]) -> None:
    """Write ``found`` into the lexicon's ``[proof]`` table (made if missing), keeping every other
    line as it is; the previous file is kept as ``lexicon.toml.bak``."""
    text = lexicon.read_text(encoding="utf-8") if lexicon.is_file() else ""
    entries = _proof_entries(text) | found
    body = SECTION_NOTE + SECTION + "\n" + "".join(f"{json.dumps(w)} = {json.dumps(r)}\n" for w, r in entries.items())
    start, end = _section_span(text)
    new = (text[:start].rstrip("\n") + "\n\n" if text[:start].strip() else "") + body + \
        ("\n" + text[end:].lstrip("\n") if text[end:].strip() else "")
    if lexicon.is_file():
        shutil.copy2(lexicon, lexicon.with_name(lexicon.name + ".bak"))
    lexicon.parent.mkdir(parents=True, exist_ok=True)
    write_text(lexicon, new)


def _section_span(text: str) -> tuple[int, int]:
    """Where the ``[proof]`` table (with our note before it) starts and ends; (len, len) if none."""
    found = re.search(r"^\[proof\][ \t]*$", text, re.MULTILINE)
    if not found:
        return len(text), len(text)
    start = text.rfind(SECTION_NOTE, 0, found.start())
    start = start if start >= 0 and text[start + len(SECTION_NOTE):found.start()] == "" else found.start()
    after = re.search(r"^\[", text[found.end():], re.MULTILINE)
    return start, found.end() + after.start() if after else len(text)


def _proof_entries(text: str) -> dict[str, str]:
    try:
        table = tomllib.loads(text).get("proof", {})
    except tomllib.TOMLDecodeError:
        return {}
    return {str(k): str(v) for k, v in table.items()} if isinstance(table, dict) else {}
