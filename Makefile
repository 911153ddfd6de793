# Two commands do all the set-up on a fresh Debian 12 machine:
#   make render   -- installs what is missing, renders every clip in configs/ into renders/
#   make test     -- installs what is missing, runs lint and the whole test suite
#   make test-fast -- the tests that render no video, for the edit loop
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
QUALITY ?= low
# Fonts: DejaVu covers Latin, Greek, Cyrillic, Hebrew and Arabic; WenQuanYi Micro Hei the CJK
# names a remix may use (Pango falls back to it glyph by glyph).
APT_PACKAGES := libcairo2-dev libpango1.0-dev pkg-config \
	texlive-latex-base texlive-latex-recommended texlive-latex-extra \
	texlive-fonts-recommended dvisvgm \
	fonts-dejavu-core fonts-wqy-microhei
# Stamp: reinstall the venv only when pyproject.toml changes.
STAMP := $(VENV)/.installed

.PHONY: setup slides-assets system-packages render test test-fast lint bench clean

setup: system-packages $(STAMP) slides-assets

# reveal.js for offline slide decks (lecture halls without internet), from the npm registry.
REVEAL_VERSION := 6.0.1
REVEAL_DIR := $(VENV)/share/llmfacts/reveal.js
slides-assets: $(REVEAL_DIR)/dist/reveal.js
$(REVEAL_DIR)/dist/reveal.js: | $(STAMP)
	@rm -rf $(REVEAL_DIR) $(REVEAL_DIR).partial && mkdir -p $(REVEAL_DIR).partial
	cd $(REVEAL_DIR).partial && npm pack --silent reveal.js@$(REVEAL_VERSION) >/dev/null \
		&& tar xzf reveal.js-$(REVEAL_VERSION).tgz && rm reveal.js-$(REVEAL_VERSION).tgz
	mv $(REVEAL_DIR).partial/package $(REVEAL_DIR) && rm -rf $(REVEAL_DIR).partial

system-packages:
	@missing=$$(for p in $(APT_PACKAGES); do \
		dpkg-query -W -f='$${Status}\n' $$p 2>/dev/null | grep -q "install ok installed" || echo $$p; done); \
	if [ -n "$$missing" ]; then \
		if [ "$$(id -u)" = 0 ]; then \
			echo "setup: installing Debian packages:" $$missing; \
			export DEBIAN_FRONTEND=noninteractive; \
			apt-get update -qq && apt-get install -y -qq --no-install-recommends $$missing >/dev/null; \
		else \
			echo "setup: missing Debian packages; run: sudo apt-get update && sudo apt-get install -y --no-install-recommends $$missing" >&2; \
			exit 2; \
		fi; \
	fi

$(STAMP): pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip setuptools wheel
	$(BIN)/pip install -q -e '.[test,slides]'
	@touch $(STAMP)

render: setup
	$(BIN)/llmfacts render configs/*.yaml --quality $(QUALITY)

lint: setup
	$(BIN)/ruff check mathcore scenes tests benchmarks
	$(BIN)/ruff format --check mathcore scenes tests benchmarks
	$(BIN)/mypy

test: lint
	$(BIN)/pytest

# The edit loop: everything but the tests that render video or compare clip frames (under 60 s).
test-fast: setup
	$(BIN)/pytest -m "not render"

bench: setup
	$(BIN)/python benchmarks/run.py

clean:
	rm -rf $(VENV) renders/*/ media .pytest_cache .mypy_cache .ruff_cache
