"""Names in any script: Greek, Cyrillic and CJK come out as real glyphs (no missing-glyph boxes),
and right-to-left text renders without crashing.

Pango falls back from the style's font to an installed font glyph by glyph; set-up installs
DejaVu (Latin, Greek, Cyrillic, Hebrew, Arabic) and WenQuanYi Micro Hei (CJK). A glyph drawn
through the fallback must be the very outline the covering font draws when asked for it by
name; a missing-glyph box is not.
"""

from __future__ import annotations

import subprocess

import numpy as np
import pytest
from manim import Text

from scenes.visual import style
from scenes.visual.components import label_text

NAMES = {
    "greek": ("Αλέξανδρος Παπαδόπουλος", "DejaVu Sans"),
    "cyrillic": ("Михаил Иорданов", "DejaVu Sans"),
    "cjk": ("山田 太郎", "WenQuanYi Micro Hei"),
    "kana": ("ひかり", "WenQuanYi Micro Hei"),
}


def outline(text: Text) -> np.ndarray:
    """Every glyph's points, relative to the text's corner (position does not matter)."""
    points = np.concatenate([glyph.points for glyph in text.submobjects if len(glyph.points)])
    return points - text.get_corner(np.array([-1.0, 1.0, 0.0]))


def same_outline(first: Text, second: Text) -> bool:
    a, b = outline(first), outline(second)
    return a.shape == b.shape and bool(np.allclose(a, b, atol=1e-3))


@pytest.mark.parametrize("script", sorted(NAMES))
def test_setup_installs_a_font_for_the_script(script: str) -> None:
    name, font = NAMES[script]
    for char in set(name.replace(" ", "")):
        covering = subprocess.run(
            ["fc-list", f":charset={ord(char):x}", "family"], capture_output=True, text=True
        ).stdout
        assert font in covering, f"no {font} glyph for {char!r}"


@pytest.mark.parametrize("script", sorted(NAMES))
def test_names_render_as_the_covering_fonts_glyphs(script: str) -> None:
    name, font = NAMES[script]
    shown = Text(name, font=style.FONT)
    expected = Text(name, font=font)
    assert len(shown.submobjects) == len(name.replace(" ", ""))  # one glyph per letter
    assert same_outline(shown, expected)


@pytest.mark.parametrize("name", ["דוד כהן", "محمد علي"])
def test_right_to_left_names_render(name: str) -> None:
    label = label_text(name)
    assert label.width > 0 and len(label.submobjects) >= len(name.replace(" ", "")) // 2
