"""``podcaster proof``: hear an episode, flag what to check, suggest lexicon entries."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..config.cast import assign_voices, load_cast
from ..config.lexicon import lexicon_location, load_lexicon
from ..errors import ProofFailed
from ..pipeline import load_script, make_episode
from ..plan import plan_lines
from ..speak.synth import SpeechCache
from .check import SPEECH_FAULT, Proof, proof_episode
from .report import EpisodeFiles, add_suggestions, find_episode, write_proof
from .suggest import suggest

__all__ = ["ProofFailed", "Proofed", "proof", "respeak_faults"]


@dataclass(frozen=True)
class Proofed:
    proof: Proof
    files: EpisodeFiles
    lexicon: Path | None  # where --suggest wrote its entries
    redone: int = 0  # sentences spoken again by --redo


def proof(episode: Path, voices: Path | None = None, write_suggestions: bool = False, threads: int = 2,
          redo: bool = False) -> Proofed:
    """Proof ``episode`` (its MP3, manifest or ``DIR/slug``): ``<slug>.proof.json`` beside it,
    with the suggested respellings, and with ``write_suggestions`` those in the lexicon. With
    ``redo``, the sentences of speech faults are spoken again by fresh workers, the episode
    rendered again from its script, and proofed again."""
    made = _proof_once(Path(episode), voices, write_suggestions, threads)
    if not redo:
        return made
    redone = respeak_faults(made.files, made.proof, voices)
    if not redone:
        return made
    again = _proof_once(made.files.mp3, voices, False, threads)
    return Proofed(again.proof, again.files, made.lexicon, redone)


def respeak_faults(files: EpisodeFiles, proof: Proof, voices: Path | None, cache: SpeechCache | None = None) -> int:
    """Drop the cached speech of every sentence with a speech fault and render the episode again
    from its script (into its folder, as ``podcaster episode`` would): those are spoken anew by a
    new pool of workers, the rest come from the cache. How many sentences were dropped."""
    faults = [flag.written for flag in proof.flags if flag.cause == SPEECH_FAULT]
    if not faults or not files.script.is_file():
        return 0
    cache = cache or SpeechCache()
    script = load_script(files.script)
    lines, _ = plan_lines(script, assign_voices(script, load_cast(voices)), load_lexicon(voices))
    faulty = [line for line in lines if any(_same_words(fault, line.written) for fault in faults)]
    for line in faulty:
        cache.forget(cache.key(line.spoken, line.voice))
    make_episode(files.script, files.mp3.parent, voices, cache=cache)
    return len(faulty)


def _same_words(piece: str, sentence: str) -> bool:
    """Whether a transcript cue (a sentence, or a piece of a long one) comes from ``sentence``."""
    return " ".join(piece.split()) in " ".join(sentence.split())


def _proof_once(episode: Path, voices: Path | None, write_suggestions: bool, threads: int) -> Proofed:
    files = find_episode(episode)
    result = proof_episode(files.mp3, files.vtt, threads)
    result.episode = files.slug
    if result.repeated and files.script.is_file():
        script = load_script(files.script)
        respelled = load_lexicon(voices).words
        result.suggestions = suggest(result, assign_voices(script, load_cast(voices)), respelled, threads=threads)
    write_proof(result, files.proof)
    lexicon = None
    if write_suggestions and result.suggestions:
        lexicon = lexicon_location(voices)
        add_suggestions(lexicon, result.suggestions)
    return Proofed(result, files, lexicon)
