"""``python -m scenes``: the same command line as ``llmfacts``."""

from scenes.app.cli import run

run()
