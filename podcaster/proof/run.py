"""``podcaster proof``: hear an episode, flag what to check, suggest lexicon entries."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..config.cast import PRESETS, assign_voices, load_cast
from ..config.lexicon import LEXICON_FILE, find_lexicon_file, load_lexicon
from ..errors import PodcasterError
from ..pipeline import load_script
from .check import Proof, proof_episode
from .report import EpisodeFiles, add_suggestions, find_episode, write_proof
from .suggest import suggest


class ProofFailed(PodcasterError):
    """The episode was heard with more errors than ``--max-wer`` allows."""

    exit_code = 11


@dataclass(frozen=True)
class Proofed:
    proof: Proof
    files: EpisodeFiles
    lexicon: Path | None  # where --suggest wrote its entries


def proof(episode: Path, voices: Path | None = None, write_suggestions: bool = False, threads: int = 2) -> Proofed:
    """Proof ``episode`` (its MP3, manifest or ``DIR/slug``): ``<slug>.proof.json`` beside it,
    with the suggested respellings, and with ``write_suggestions`` those in the lexicon."""
    files = find_episode(Path(episode))
    result = proof_episode(files.mp3, files.vtt, threads)
    result.episode = files.slug
    if result.repeated and files.script.is_file():
        script = load_script(files.script)
        respelled = {**load_lexicon(voices).words}
        result.suggestions = suggest(result, assign_voices(script, load_cast(voices)), respelled, threads=threads)
    write_proof(result, files.proof)
    lexicon = None
    if write_suggestions and result.suggestions:
        lexicon = lexicon_path(voices)
        add_suggestions(lexicon, result.suggestions)
    return Proofed(result, files, lexicon)


def lexicon_path(voices: Path | None) -> Path:
    """The lexicon the render reads (``--voices DIR`` or ``./voices``; ``./voices`` for a preset)."""
    found = find_lexicon_file(voices)
    if found:
        return found
    preset = voices is not None and not Path(voices).is_dir() and (PRESETS / str(voices)).is_dir()
    return Path("voices" if voices is None or preset else voices) / LEXICON_FILE
