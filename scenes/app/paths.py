"""Where llmfacts keeps what it can recompute: compiled LaTeX and text, experiment runs."""

from __future__ import annotations

import os
from pathlib import Path


def cache_dir() -> Path:
    """The project's cache folder (XDG: ``$XDG_CACHE_HOME/llmfacts``, else ``~/.cache/llmfacts``).
    Deleting it only costs time."""
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "llmfacts"
