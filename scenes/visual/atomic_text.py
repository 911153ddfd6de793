"""Text glyphs cached atomically, so parallel renders never read a half-written file.

manim renders each Text once to an SVG in its text folder (shared by every render: the previews
render beats in parallel processes) and reuses the file whenever it exists. manimpango writes
that file in place, so a second process can find it existing but still empty, and a render
killed mid-write leaves an empty file that every later render reads as a text with no glyphs.
Here Pango writes to a private name, and the file is renamed into place once complete (a
rename is atomic within a folder): a text file either does not exist yet or is whole.
"""

from __future__ import annotations

import functools
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

import manimpango

_installed = False


def _atomic(write: Callable[..., str], name_at: int) -> Callable[..., str]:
    """``write`` (a manimpango ``text2svg``), writing its file (positional argument
    ``name_at``) under a private name first and renaming it into place."""

    @functools.wraps(write)
    def written_whole(*args: Any, **kwargs: Any) -> str:
        final = Path(args[name_at])
        private = final.with_name(f".{final.name}.{os.getpid()}.partial")
        parts = list(args)
        parts[name_at] = str(private)
        try:
            write(*parts, **kwargs)
            os.replace(private, final)
        finally:
            private.unlink(missing_ok=True)
        return str(final)

    return written_whole


def install() -> None:
    """Route manim's Text and MarkupText through the atomic writers (once per process)."""
    global _installed
    if _installed:
        return
    # text2svg(settings, size, line_spacing, disable_liga, file_name, ...) and
    # MarkupUtils.text2svg(text, font, slant, weight, size, line_spacing, disable_liga,
    # file_name, ...): the file name is the 5th and the 8th argument.
    manimpango.text2svg = _atomic(manimpango.text2svg, 4)
    manimpango.MarkupUtils.text2svg = staticmethod(_atomic(manimpango.MarkupUtils.text2svg, 7))
    _installed = True
