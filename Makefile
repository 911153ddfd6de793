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

.PHONY: setup slides-assets system-packages render test test-fast lint bench clean layout update-goldens \
	browser-packages previews preview gallery

setup: system-packages $(STAMP) slides-assets

# reveal.js for offline slide decks (lecture halls without internet): its tarball straight
# from the npm registry with the venv's Python (no npm needed), checked against the pinned
# integrity (the registry's dist.integrity for this version) and unpacked atomically
# (scenes/app/assets.py; a failed or interrupted fetch leaves no folder behind).
REVEAL_VERSION := 6.0.1
REVEAL_INTEGRITY := sha512-9eacArNIgqO2HGWOK+93gJNn+gvdGDVbSq+i2u3Ja9kjiHps0XNLpgYTZTYjKRH91uXy3clGimeGiw4umHG/tg==
REVEAL_DIR := $(VENV)/share/llmfacts/reveal.js
slides-assets: $(REVEAL_DIR)/dist/reveal.js
$(REVEAL_DIR)/dist/reveal.js: | $(STAMP)
	$(BIN)/python -m scenes.app.assets reveal.js $(REVEAL_VERSION) $(REVEAL_INTEGRITY) \
		$(REVEAL_DIR) dist/reveal.js dist/plugin/notes.js

# Install the Debian packages among $(1) that are missing (as root), or say how (otherwise).
define install-debian-packages
	@missing=$$(for p in $(1); do \
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
endef

system-packages:
	$(call install-debian-packages,$(APT_PACKAGES))

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

# Chromium (Debian's package) only for the tests that load pages (the previews gallery, the
# slide decks) in a headless browser; installed like the system packages above.
BROWSER_PACKAGES := chromium
browser-packages:
	$(call install-debian-packages,$(BROWSER_PACKAGES))

test: lint browser-packages
	$(BIN)/pytest

# The edit loop: everything but the tests that render video or compare clip frames (under 60 s).
test-fast: setup
	$(BIN)/pytest -m "not render"

bench: setup
	$(BIN)/python benchmarks/run.py
	$(BIN)/python benchmarks/previews.py

# Previews (scenes/app/previews.py): every clip at preview quality, its beats rendered across
# the cores, into renders/previews/ with a gallery page, index.html (open it from disk).
# Unchanged clips are skipped. `make preview CLIP=configs/x.yaml` renders one clip (a CI
# matrix job); `make gallery` only writes index.html from the previews already there.
PREVIEWS := renders/previews
previews: setup
	$(BIN)/llmfacts previews --quality $(QUALITY) --output $(PREVIEWS)

preview: setup
	@test -n "$(CLIP)" || { echo "usage: make preview CLIP=configs/<clip>.yaml" >&2; exit 2; }
	$(BIN)/llmfacts previews $(CLIP) --quality $(QUALITY) --output $(PREVIEWS)

gallery: setup
	$(BIN)/llmfacts previews --gallery-only --output $(PREVIEWS)

# The layout check over every clip (scenes/app/layout.py): overlaps, text off the frame, text
# under 20 px at 720p, orphaned and split words; one line each, exit 1 if any.
layout: setup
	$(BIN)/llmfacts layout configs/*.yaml

# Regenerate every graphical control frame (every test module using frames_comparison: clips,
# components, tests/test_graphical.py), then name the control files that changed. Look at the
# new frames before committing them.
GOLDEN_TESTS = $(shell grep -rl --include='test_*.py' frames_comparison tests | sort)
CONTROL_HASHES = find tests -path '*/control_data/*' -type f -print0 | sort -z | xargs -0 -r sha256sum
update-goldens: setup
	@before=$$(mktemp) && after=$$(mktemp) && $(CONTROL_HASHES) > $$before; \
	$(BIN)/pytest $(GOLDEN_TESTS) --set_test -n 0 -q; status=$$?; \
	$(CONTROL_HASHES) > $$after; \
	changed=$$(diff $$before $$after | sed -n 's/^> [0-9a-f]*  //p'); \
	rm -f $$before $$after; \
	if [ -n "$$changed" ]; then echo "update-goldens: control files changed or new:"; \
		echo "$$changed" | sed 's/^/  /'; else echo "update-goldens: no control file changed"; fi; \
	exit $$status

clean:
	rm -rf $(VENV) renders/*/ media .pytest_cache .mypy_cache .ruff_cache
