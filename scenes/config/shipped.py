"""Where the shipped configs live: clip files, model presets, fact presets and themes.

The top-level ``configs/`` folder of a checkout is also the package ``scenes.shipped_configs``
(pyproject maps one onto the other), so the same files are found through ``importlib.resources``
in a checkout, an editable install and a wheel installed anywhere. No manim import.
"""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path

SHIPPED_PACKAGE = "scenes.shipped_configs"


def shipped_dir(*parts: str) -> Path:
    """The folder of shipped configs (or a sub-folder such as ``"models"``) as a real path.

    Installed packages are plain folders (a wheel is unpacked on install), so the resource
    root is a filesystem path; a zipped install would fail here loudly rather than silently.
    """
    root = Path(str(files(SHIPPED_PACKAGE)))
    return root.joinpath(*parts)
