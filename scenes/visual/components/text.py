"""Text and fitting: words in the project's font, captions, tables and helpers that fit a
mobject into the room it has.
"""

from __future__ import annotations

import textwrap
from collections.abc import Sequence

from manim import (
    DOWN,
    LEFT,
    RIGHT,
    UP,
    MathTex,
    Text,
    VGroup,
    VMobject,
)

import mathcore
from scenes.visual import style

__all__ = [
    "Legend",
    "ValueTable",
    "align_left_edges",
    "caption",
    "fit_height_between",
    "fit_width",
    "fitted_text",
    "label_text",
    "linear_combination",
    "tex_percent",
]


def label_text(
    text: str,
    colour: str = style.TEXT,
    font_size: float = style.BODY_SIZE,
    wrap: int | None = None,
) -> Text:
    """Text in the project's font (Pango: any Unicode name renders), wrapped at ``wrap``
    characters per line if given."""
    if wrap is not None:
        text = textwrap.fill(text, wrap)
    return Text(text, font=style.FONT, font_size=font_size, color=colour)


def fitted_text(
    text: str, max_width: float, colour: str = style.TEXT, font_size: float = style.BODY_SIZE
) -> Text:
    """Text no wider than ``max_width``: wrapped onto more lines first (so long names stay
    legible), shrunk only if a single word is still too wide."""
    label = label_text(text, colour, font_size)
    chars = len(text)
    while label.width > max_width and chars > style.MIN_WRAP:
        chars = max(style.MIN_WRAP, int(chars * max_width / label.width))
        label = label_text(text, colour, font_size, wrap=chars)
        chars -= 1
    fit_width(label, max_width)
    return label


def caption(text: str, colour: str = style.MUTED) -> Text:
    """A subtitle-like line (wrapped if long) along the bottom edge of the frame."""
    line = fitted_text(text, style.CAPTION_WIDTH, colour, style.SMALL_SIZE)
    return line.to_edge(DOWN, buff=style.EDGE_BUFFER)


def tex_percent(share: float) -> str:
    """A share written as a percentage for LaTeX (where % starts a comment)."""
    return mathcore.percent(share).replace("%", r"\%")


def fit_width(mobject: VGroup | Text | MathTex, max_width: float) -> VGroup | Text | MathTex:
    """Shrink ``mobject`` to ``max_width`` if it is wider (never enlarge); returns it."""
    if mobject.width > max_width:
        mobject.scale_to_fit_width(max_width)
    return mobject


def fit_height_between(mobject: VMobject, top: float, bottom: float) -> VMobject:
    """Shrink ``mobject`` (never enlarge) so that it fits between the heights ``top`` and
    ``bottom``, keeping its top edge at ``top``."""
    room = top - bottom
    if mobject.height > room:
        mobject.scale_to_fit_height(room)
    return mobject.shift((top - mobject.get_top()[1]) * UP)


def align_left_edges(mobjects: Sequence[VGroup | MathTex | Text], x: float) -> None:
    """Move each mobject sideways so that its left edge sits at ``x`` (a table column)."""
    for mobject in mobjects:
        mobject.shift((x - mobject.get_left()[0]) * RIGHT)


class Legend(VGroup):
    """Rows of ``symbol = meaning``, one per feature, left-aligned.

    Parameters
    ----------
    entries
        (LaTeX symbol, words, colour) per row; words are set with Pango so any name renders.
    max_width
        Rows wider than this are shrunk to fit.
    """

    def __init__(
        self,
        entries: Sequence[tuple[str, str, str]],
        max_width: float = style.PANEL_WIDTH,
        font_size: float = style.BODY_SIZE,
    ) -> None:
        super().__init__()
        for symbol, words, colour in entries:
            symbol_part = MathTex(symbol, "=", font_size=style.MATH_SIZE).set_color(colour)
            room = max_width - symbol_part.width - style.ITEM_GAP
            words_part = fitted_text(words, room, colour, font_size)
            row = VGroup(symbol_part, words_part).arrange(RIGHT, buff=style.ITEM_GAP)
            # Keep the symbol level with the first line of wrapped words.
            symbol_part.align_to(words_part, UP)
            self.add(row)
        self.arrange(DOWN, aligned_edge=LEFT, buff=style.ROW_GAP)

    def get_row(self, index: int) -> VGroup:
        """Row ``index`` (symbol, '=', words)."""
        return self[index]


class ValueTable(VGroup):
    """A small table: a muted header, then ``label  value`` rows with the values in a column.

    Long labels wrap (never overlap the values), so 30-character names stay legible.

    Parameters
    ----------
    header
        Words above the rows.
    rows
        (label, value already formatted, colour) per row.
    max_width
        Width of the whole table.
    """

    def __init__(
        self,
        header: str,
        rows: Sequence[tuple[str, str, str]],
        max_width: float = style.PANEL_WIDTH,
        font_size: float = style.BODY_SIZE,
    ) -> None:
        super().__init__()
        self.header = fitted_text(header, max_width, style.MUTED, style.SMALL_SIZE)
        values = [MathTex(v, font_size=style.MATH_SIZE, color=c) for _, v, c in rows]
        value_width = max(v.width for v in values)
        room = max_width - value_width - style.SECTION_GAP
        labels = [fitted_text(label, room, c, font_size) for label, _, c in rows]
        self.rows = VGroup()
        for label, value in zip(labels, values, strict=True):
            self.rows.add(VGroup(label, value).arrange(RIGHT, buff=style.SECTION_GAP))
        self.add(self.header, self.rows)
        self.rows.arrange(DOWN, aligned_edge=LEFT, buff=style.ROW_GAP)
        label_right = max(label.get_right()[0] for label in labels)
        align_left_edges(values, label_right + style.SECTION_GAP)
        for label, value in zip(labels, values, strict=True):
            value.match_y(label)
        self.arrange(DOWN, aligned_edge=LEFT, buff=style.ROW_GAP)

    def get_row(self, index: int) -> VGroup:
        """Row ``index``: (label, value)."""
        return self.rows[index]

    def get_value(self, index: int) -> MathTex:
        """The value of row ``index``."""
        return self.rows[index][1]


def linear_combination(
    coefficients: Sequence[float | None], symbols: Sequence[str | None], decimals: int
) -> MathTex:
    """``1.00 C_1 - 0.50 C_2 + ... + 0.20 C_n``: a sum with proper signs (from mathcore);
    a None coefficient stands for the terms left out and is written as ``+ \\cdots``."""
    known = [c for c in coefficients if c is not None]
    terms = iter(mathcore.signed_terms(known, decimals))
    parts = []
    for coefficient, symbol in zip(coefficients, symbols, strict=True):
        if coefficient is None:
            parts.append(r" + \cdots")
            continue
        sign, magnitude = next(terms)
        parts.append(rf"{sign}{magnitude}\,{symbol}")
    return MathTex("".join(parts), font_size=style.MATH_SIZE)
