"""Names that must fit a box whatever their length, and a row of boxes holding names.

Names come from the config (up to 30 characters). :func:`name_text` keeps them legible: it
shrinks a line only down to the smallest readable size, then breaks it onto more lines at
spaces or after a hyphen the name already has, and only when a single word is still too wide
does it hyphenate that word visibly (``Oyelaran-`` / ``Kowalczyk``): a word is never split
silently.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Any

from manim import RIGHT, RoundedRectangle, Text, VGroup

from scenes.visual import style
from scenes.visual.components.text import label_text

__all__ = ["MIN_READABLE_SIZE", "NameBoxes", "name_lines", "name_text"]

# Smallest font size whose capitals are 0.22 units (20 px at 720p) tall.
MIN_READABLE_SIZE = 22
HYPHEN = "-"


def _pieces(text: str) -> list[str]:
    """Break opportunities: words, each hyphenated part keeping its hyphen (``Oyelaran-``)."""
    pieces: list[str] = []
    for word in text.split():
        parts = word.split(HYPHEN)
        for index, part in enumerate(parts):
            last = index == len(parts) - 1
            if part or not last:
                pieces.append(part if last else part + HYPHEN)
    return pieces


def name_lines(text: str, max_chars: int) -> list[str]:
    """``text`` on lines of at most ``max_chars`` characters: broken at spaces, then after
    hyphens already in the text; a piece still longer is hyphenated visibly (its lines end in
    ``-``). Joining the lines (a line ending in ``-`` joins without a space) gives the text
    back, with the added hyphens."""
    if max_chars < 2:
        raise ValueError(f"max_chars must be >= 2, got {max_chars}")
    lines: list[str] = []
    current = ""
    for piece in _pieces(text):
        joiner = "" if current.endswith(HYPHEN) or not current else " "
        if current and len(current) + len(joiner) + len(piece) <= max_chars:
            current += joiner + piece
            continue
        if current:
            lines.append(current)
        while len(piece) > max_chars:  # a word too long even alone: hyphenate it visibly
            lines.append(piece[: max_chars - 1] + HYPHEN)
            piece = piece[max_chars - 1 :]
        current = piece
    if current:
        lines.append(current)
    return lines


def _balanced(text: str, max_chars: int) -> list[str]:
    """:func:`name_lines` at the narrowest width that needs no more lines and no more added
    hyphens than ``max_chars`` does, so that lines come out of similar length (no lone word
    left on the last line when the words could be shared out)."""
    best = name_lines(text, max_chars)
    hyphens = sum(line.count(HYPHEN) for line in best)
    for narrower in range(max_chars - 1, 1, -1):
        lines = name_lines(text, narrower)
        if len(lines) != len(best) or sum(line.count(HYPHEN) for line in lines) > hyphens:
            break
        best = lines
    return best


def name_text(
    text: str,
    max_width: float,
    colour: str | None = None,
    font_size: float = style.BODY_SIZE,
    max_lines: int = 3,
    **kwargs: Any,
) -> Text:
    """Text no wider than ``max_width`` and, whenever ``max_lines`` lines allow it, no
    smaller than MIN_READABLE_SIZE: shrunk first, then broken onto lines by
    :func:`name_lines`.

    Parameters
    ----------
    text
        The words (a name, a short label).
    max_width
        The widest the text may be.
    colour
        Fill colour of the glyphs.
    font_size
        Size when it fits on one line.
    max_lines
        The most lines to break onto; beyond that the text is shrunk to fit.
    kwargs
        Additional parameters to be passed on to :class:`~manim.Text`.
    """
    colour = style.TEXT if colour is None else colour
    label = label_text(text, colour, font_size, **kwargs)
    if label.width <= max_width:
        return label
    size = max(MIN_READABLE_SIZE, font_size * max_width / label.width)
    label = label_text(text, colour, size, **kwargs)
    if label.width <= max_width:
        return label
    chars_per_unit = len(text) / label.width
    max_chars = max(2, math.floor(max_width * chars_per_unit))
    while max_chars >= 2:
        wrapped = _balanced(text, max_chars)
        if len(wrapped) > max_lines:
            break
        candidate = label_text("\n".join(wrapped), colour, size, **kwargs)
        if candidate.width <= max_width:
            return candidate
        max_chars -= 1
    wrapped = name_lines(text, max(2, math.ceil(len(text) / max_lines) + 1))
    label = label_text("\n".join(wrapped), colour, size, **kwargs)
    if label.width > max_width:
        label.scale_to_fit_width(max_width)
    return label


class NameBoxes(VGroup):
    """Words (tokens, names) in rounded boxes of one size, side by side.

    Parameters
    ----------
    words
        One word per box (long words are fitted by :func:`name_text`).
    colours
        One outline and word colour per box.
    box_width
        Width of every box.
    gap
        Space between boxes.
    font_size
        Size of the words when they fit on one line.
    kwargs
        Additional parameters to be passed on to :class:`~manim.VGroup`.
    """

    def __init__(
        self,
        words: Sequence[str],
        colours: Sequence[str],
        box_width: float = style.BLOCK_WIDTH,
        gap: float = style.ITEM_GAP,
        font_size: float = style.BODY_SIZE,
        **kwargs: Any,
    ) -> None:
        super().__init__(**kwargs)
        inner = box_width - 2 * style.ITEM_GAP
        self.words = [
            name_text(word, inner, colour, font_size)
            for word, colour in zip(words, colours, strict=True)
        ]
        height = max(w.height for w in self.words) + 2 * style.ITEM_GAP
        self.boxes: list[RoundedRectangle] = []
        for word, colour in zip(self.words, colours, strict=True):
            box = RoundedRectangle(
                corner_radius=style.BLOCK_CORNER / 2, width=box_width, height=height, color=colour
            )
            box.set_fill(colour, opacity=style.BLOCK_FILL / 2)
            word.move_to(box)
            self.boxes.append(box)
            self.add(VGroup(box, word))
        self.arrange(RIGHT, buff=gap)

    def get_box(self, index: int) -> RoundedRectangle:
        """The box of word ``index``."""
        return self.boxes[index]

    def get_word(self, index: int) -> Text:
        """The word of box ``index``."""
        return self.words[index]
