r"""Text and fitting: words in the project's font, captions, tables, and helpers that fit a
mobject into the room it has.

Words are set with Pango (:class:`~manim.Text`), so any name renders; formulas and numbers
with LaTeX (:class:`~manim.MathTex`). The fitting helpers only ever shrink, and hand back the
mobject they were given (typed as what it is), so they chain like manim's own methods::

    label = fit_width(label_text("Michael Jordan"), 2.0)  # still a Text
"""

from __future__ import annotations

import textwrap
import unicodedata
from collections.abc import Iterable, Sequence
from typing import Any, TypeVar

from manim import (
    DOWN,
    LEFT,
    RIGHT,
    UP,
    MathTex,
    Mobject,
    Text,
    VGroup,
)

import mathcore
from scenes.visual import frame, style
from scenes.visual.atomic_text import install as install_atomic_text
from scenes.visual.marks import record_wrap, wrap_record

# Parallel renders share manim's text cache: every Text file is written whole (see module).
install_atomic_text()

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
    "tex_thousands",
]

M = TypeVar("M", bound=Mobject)


def label_text(
    text: str,
    colour: str | None = None,
    font_size: float = style.BODY_SIZE,
    wrap: int | None = None,
    **kwargs: Any,
) -> Text:
    """Text in the project's font (Pango: any Unicode name renders).

    Parameters
    ----------
    text
        The words.
    colour
        Fill colour of the glyphs.
    font_size
        Size in manim's units.
    wrap
        If given, the most characters per line; lines break between words only (a word
        longer than ``wrap`` gets a line of its own, never a hyphen).
    kwargs
        Additional parameters to be passed on to :class:`~manim.Text`.
    """
    colour = style.TEXT if colour is None else colour
    if wrap is None:
        return _pango_text(text, font_size, color=colour, **kwargs)
    lines = textwrap.wrap(text, wrap, break_long_words=False, break_on_hyphens=False)
    shown = _pango_text("\n".join(lines), font_size, color=colour, **kwargs)
    return record_wrap(shown, text, lines)  # for the layout check (scenes/app/layout.py)


# Below this size manim's Text comes out empty for right-to-left scripts (Hebrew under 36,
# Arabic under 26 with DejaVu Sans on manim 0.22): such text is set larger, then scaled.
RTL_SET_SIZE = 48.0


def _pango_text(text: str, font_size: float, **kwargs: Any) -> Text:
    """:class:`~manim.Text` in the project's font at ``font_size``, right-to-left included."""
    right_to_left = any(unicodedata.bidirectional(char) in ("R", "AL") for char in text)
    if not right_to_left or font_size >= RTL_SET_SIZE:
        return Text(text, font=style.FONT, font_size=font_size, **kwargs)
    shown = Text(text, font=style.FONT, font_size=RTL_SET_SIZE, **kwargs)
    return shown.scale(font_size / RTL_SET_SIZE)


def fitted_text(
    text: str,
    max_width: float,
    colour: str | None = None,
    font_size: float = style.BODY_SIZE,
    **kwargs: Any,
) -> Text:
    """Text no wider than ``max_width``: wrapped onto more lines first (so long names stay
    legible), shrunk only if a single word is still too wide.

    Parameters
    ----------
    text
        The words.
    max_width
        The widest the text may be.
    colour
        Fill colour of the glyphs.
    font_size
        Size before any shrinking.
    kwargs
        Additional parameters to be passed on to :class:`~manim.Text`.
    """
    colour = style.TEXT if colour is None else colour
    label = label_text(text, colour, font_size, **kwargs)
    chars = len(text)
    while label.width > max_width and chars > style.MIN_WRAP:
        chars = max(style.MIN_WRAP, int(chars * max_width / label.width))
        label = label_text(text, colour, font_size, wrap=chars, **kwargs)
        chars -= 1
    return fit_width(_balanced(text, label, colour, font_size, **kwargs), max_width)


def _balanced(text: str, label: Text, colour: str, font_size: float, **kwargs: Any) -> Text:
    """``label`` (``text``, maybe wrapped) rewrapped narrower, in as many lines, when its last
    line holds one word under a line of several (an orphan); unchanged if no such wrap exists."""
    record = wrap_record(label)
    if record is None or not _orphaned(record[1]):
        return label
    lines = record[1]
    for chars in range(max(len(line) for line in lines) - 1, style.MIN_WRAP - 1, -1):
        rewrapped = textwrap.wrap(text, chars, break_long_words=False, break_on_hyphens=False)
        if len(rewrapped) > len(lines):
            break
        if not _orphaned(rewrapped):
            return label_text(text, colour, font_size, wrap=chars, **kwargs)
    return label


def _orphaned(lines: Sequence[str]) -> bool:
    """One word (a token with a letter or digit) on the last line under several."""

    def words(line: str) -> int:
        return sum(any(ch.isalnum() for ch in token) for token in line.split())

    return len(lines) >= 2 and words(lines[-1]) == 1 and words(lines[-2]) >= 2


def caption(text: str, colour: str | None = None) -> Text:
    """A subtitle-like line (wrapped if long) along the bottom edge of the frame.

    Parameters
    ----------
    text
        The words.
    colour
        Fill colour of the glyphs.
    """
    colour = style.MUTED if colour is None else colour
    line = fitted_text(text, frame.caption_width(), colour, style.SMALL_SIZE)
    return line.to_edge(DOWN, buff=style.EDGE_BUFFER)


def tex_thousands(count: int) -> str:
    """A count with thousands commas for LaTeX: ``12{,}288``, since a bare comma in math mode
    is punctuation followed by a space ("12, 288" reads as a list).

    Parameters
    ----------
    count
        A whole number (formatted by :func:`mathcore.thousands`).
    """
    return mathcore.thousands(count).replace(",", "{,}")


def tex_percent(share: float) -> str:
    """A share written as a percentage for LaTeX (where ``%`` starts a comment).

    Parameters
    ----------
    share
        A fraction between 0 and 1 (formatted by :func:`mathcore.percent`).
    """
    return mathcore.percent(share).replace("%", r"\%")


def fit_width(mobject: M, max_width: float) -> M:
    """Shrink ``mobject`` to ``max_width`` if it is wider (never enlarge).

    Parameters
    ----------
    mobject
        Any mobject; it is changed in place and returned, so the result keeps its type.
    max_width
        The widest it may be.
    """
    if mobject.width > max_width:
        mobject.scale_to_fit_width(max_width)
    return mobject


def fit_height_between(mobject: M, top: float, bottom: float) -> M:
    """Shrink ``mobject`` (never enlarge) so that it fits between the heights ``top`` and
    ``bottom``, and move it so that its top edge is at ``top``.

    Parameters
    ----------
    mobject
        Any mobject; it is changed in place and returned, so the result keeps its type.
    top, bottom
        The y coordinates of the room's top and bottom edges.
    """
    room = top - bottom
    if mobject.height > room:
        mobject.scale_to_fit_height(room)
    return mobject.shift((top - mobject.get_top()[1]) * UP)


def align_left_edges(mobjects: Iterable[Mobject], x: float) -> None:
    """Move each mobject sideways so that its left edge is at ``x`` (a table column).

    Parameters
    ----------
    mobjects
        The mobjects to move (each on its own; their heights are kept).
    x
        Where the left edges go.
    """
    for mobject in mobjects:
        mobject.shift((x - mobject.get_left()[0]) * RIGHT)


class Legend(VGroup):
    """Rows of ``symbol = meaning``, one per feature, left-aligned.

    Parameters
    ----------
    entries
        (LaTeX symbol, words, colour) per row; words are set with Pango so any name renders.
    max_width
        Rows wider than this wrap their words (see :func:`fitted_text`).
    font_size
        Size of the words.
    kwargs
        Additional parameters to be passed on to :class:`~manim.VGroup`.
    """

    def __init__(
        self,
        entries: Sequence[tuple[str, str, str]],
        max_width: float = style.PANEL_WIDTH,
        font_size: float = style.BODY_SIZE,
        **kwargs: Any,
    ) -> None:
        super().__init__(**kwargs)
        self.rows: list[VGroup] = []
        for symbol, words, colour in entries:
            symbol_part = MathTex(symbol, "=", font_size=style.MATH_SIZE).set_color(colour)
            room = max_width - symbol_part.width - style.ITEM_GAP
            words_part = fitted_text(words, room, colour, font_size)
            row = VGroup(symbol_part, words_part).arrange(RIGHT, buff=style.ITEM_GAP)
            # Keep the symbol level with the first line of wrapped words.
            symbol_part.align_to(words_part, UP)
            self.rows.append(row)
            self.add(row)
        self.arrange(DOWN, aligned_edge=LEFT, buff=style.ROW_GAP)

    def get_row(self, index: int) -> VGroup:
        """Row ``index``: (symbol and '=', words).

        Parameters
        ----------
        index
            Index of the entry in ``entries``.
        """
        return self.rows[index]


class ValueTable(VGroup):
    """A small table: a muted header, then ``label  value`` rows with the values in a column.

    Long labels wrap (never overlap the values), so 30-character names stay legible.

    Parameters
    ----------
    header
        Words above the rows.
    rows
        (label, value already formatted as LaTeX, colour) per row.
    max_width
        Width of the whole table.
    font_size
        Size of the labels.
    kwargs
        Additional parameters to be passed on to :class:`~manim.VGroup`.
    """

    def __init__(
        self,
        header: str,
        rows: Sequence[tuple[str, str, str]],
        max_width: float = style.PANEL_WIDTH,
        font_size: float = style.BODY_SIZE,
        **kwargs: Any,
    ) -> None:
        super().__init__(**kwargs)
        self.header = fitted_text(header, max_width, style.MUTED, style.SMALL_SIZE)
        self.values = [MathTex(v, font_size=style.MATH_SIZE, color=c) for _, v, c in rows]
        value_width = max(v.width for v in self.values)
        room = max_width - value_width - style.SECTION_GAP
        self.labels = [fitted_text(label, room, c, font_size) for label, _, c in rows]
        self.rows = VGroup()
        self._rows: list[VGroup] = []
        for label, value in zip(self.labels, self.values, strict=True):
            row = VGroup(label, value).arrange(RIGHT, buff=style.SECTION_GAP)
            self._rows.append(row)
            self.rows.add(row)
        self.add(self.header, self.rows)
        self.rows.arrange(DOWN, aligned_edge=LEFT, buff=style.ROW_GAP)
        label_right = max(label.get_right()[0] for label in self.labels)
        align_left_edges(self.values, label_right + style.SECTION_GAP)
        for label, value in zip(self.labels, self.values, strict=True):
            value.match_y(label)
        self.arrange(DOWN, aligned_edge=LEFT, buff=style.ROW_GAP)

    def get_header(self) -> Text:
        """The words above the rows."""
        return self.header

    def get_row(self, index: int) -> VGroup:
        """Row ``index``: (label, value).

        Parameters
        ----------
        index
            Index of the row in ``rows``.
        """
        return self._rows[index]

    def get_label(self, index: int) -> Text:
        """The label of row ``index``.

        Parameters
        ----------
        index
            Index of the row in ``rows``.
        """
        return self.labels[index]

    def get_value(self, index: int) -> MathTex:
        """The value of row ``index``.

        Parameters
        ----------
        index
            Index of the row in ``rows``.
        """
        return self.values[index]


def linear_combination(
    coefficients: Sequence[float | None],
    symbols: Sequence[str | None],
    decimals: int,
    **kwargs: Any,
) -> MathTex:
    r"""``1.00 C_1 - 0.50 C_2 + \cdots + 0.20 C_n``: a sum with proper signs (from mathcore).

    Parameters
    ----------
    coefficients
        The numbers, in order; None stands for the terms left out, written ``+ \cdots``.
    symbols
        LaTeX of the term each coefficient multiplies (None where the coefficient is None).
    decimals
        Digits after the decimal point.
    kwargs
        Additional parameters to be passed on to :class:`~manim.MathTex`.
    """
    known = [c for c in coefficients if c is not None]
    terms = iter(mathcore.signed_terms(known, decimals))
    parts = []
    for coefficient, symbol in zip(coefficients, symbols, strict=True):
        if coefficient is None:
            parts.append(r" + \cdots")
            continue
        sign, magnitude = next(terms)
        parts.append(rf"{sign}{magnitude}\,{symbol}")
    kwargs.setdefault("font_size", style.MATH_SIZE)
    return MathTex("".join(parts), **kwargs)
