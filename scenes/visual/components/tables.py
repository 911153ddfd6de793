r"""Tables of computed numbers: labels in a column, values right-aligned under their headers.

As everywhere in components, the numbers come from the caller (computed by :mod:`mathcore`) and
arrive already formatted as LaTeX::

    rows = [("MLP", [r"2 \cdot 4 \cdot d^2", "1{,}024"], GREEN)]
    table = ColumnTable(["as sizes", "parameters"], rows)
    table.get_value(0, 1)                    # the MLP row's count, to point at
    narrow = StackedTable(["as sizes", "parameters"], rows, width=6.0)  # for 9:16 or 1:1
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np
from manim import DOWN, LEFT, ORIGIN, RIGHT, UP, MathTex, Text, VGroup

from scenes.visual import style
from scenes.visual.components.counts import align_baselines
from scenes.visual.components.text import fit_width, fitted_text, label_text

__all__ = ["ColumnTable", "StackedTable"]


class ColumnTable(VGroup):
    """A table of numbers: one header per value column, set over its column, and rows of
    ``label  value  value ...`` with every value column right-aligned under its header.

    Parameters
    ----------
    headers
        One header per value column (Pango text, muted; long headers wrap).
    rows
        (label, values already formatted as LaTeX, colour) per row.
    font_size
        Size of the labels and headers.
    header_width
        Widest a header may be before it wraps.
    kwargs
        Additional parameters to be passed on to :class:`~manim.VGroup`.
    """

    def __init__(
        self,
        headers: Sequence[str],
        rows: Sequence[tuple[str, Sequence[str], str]],
        font_size: float = style.BODY_SIZE,
        header_width: float = style.TABLE_HEADER_WIDTH,
        **kwargs: Any,
    ) -> None:
        super().__init__(**kwargs)
        self.headers = [
            fitted_text(h, header_width, style.MUTED, style.SMALL_SIZE) for h in headers
        ]
        self.labels = [label_text(label, colour, font_size) for label, _, colour in rows]
        self.values = [
            [MathTex(v, font_size=style.MATH_SIZE, color=colour) for v in values]
            for _, values, colour in rows
        ]
        label_right = max(label.width for label in self.labels)
        widths = [
            max([self.headers[k].width, *(row[k].width for row in self.values)])
            for k in range(len(self.headers))
        ]
        # Column k's right edge: after the labels, each column as wide as its widest cell.
        rights, x = [], label_right
        for width in widths:
            x += style.TABLE_GAP + width
            rights.append(x)
        for header, right in zip(self.headers, rights, strict=True):
            header.align_to(np.array([right, 0.0, 0.0]), RIGHT).align_to(ORIGIN, DOWN)
        y = -style.ROW_GAP
        for label, cells in zip(self.labels, self.values, strict=True):
            label.align_to(ORIGIN, LEFT).align_to(np.array([0.0, y, 0.0]), UP)
            for cell, right in zip(cells, rights, strict=True):
                cell.match_y(label).align_to(np.array([right, 0.0, 0.0]), RIGHT)
            y = label.get_bottom()[1] - style.ROW_GAP
        self.add(*self.headers, *self.labels, *(cell for row in self.values for cell in row))

    def get_header(self, column: int) -> Text:
        """The header of value column ``column``."""
        return self.headers[column]

    def get_label(self, row: int) -> Text:
        """The label of row ``row``."""
        return self.labels[row]

    def get_value(self, row: int, column: int) -> MathTex:
        """The value in row ``row``, value column ``column``."""
        return self.values[row][column]


class StackedTable(VGroup):
    """:class:`ColumnTable`'s rows for a narrow frame: each row's label on a line of its
    own, under it the factors (indented) and the count right-aligned at ``width``, so every
    count stands in one right-aligned column and the total reads as their sum.

    Parameters
    ----------
    headers
        The factors' header and the counts' header.
    rows
        (label, [factors, count] as LaTeX, colour) per row.
    width
        How wide the table is.
    kwargs
        Passed on to :class:`~manim.VGroup`.
    """

    def __init__(
        self,
        headers: list[str],
        rows: list[tuple[str, list[str], str]],
        width: float,
        **kwargs: Any,
    ) -> None:
        super().__init__(**kwargs)
        indent = 2 * style.ITEM_GAP
        self.headers = [label_text(h, style.MUTED, style.SMALL_SIZE) for h in headers]
        self.headers[0].align_to(np.array([indent, 0.0, 0.0]), LEFT)
        self.headers[1].align_to(np.array([width, 0.0, 0.0]), RIGHT)
        align_baselines(*self.headers)
        self.labels: list[Text] = []
        self.values: list[list[MathTex]] = []
        y = min(h.get_bottom()[1] for h in self.headers) - style.ITEM_GAP
        for label, cells, colour in rows:
            name = fit_width(label_text(label, colour, style.BODY_SIZE), width)
            name.align_to(np.array([0.0, y, 0.0]), UP + LEFT)
            factors, count = (MathTex(c, font_size=style.MATH_SIZE, color=colour) for c in cells)
            fit_width(factors, width - indent)
            factors.next_to(name, DOWN, buff=style.ITEM_GAP / 2, aligned_edge=LEFT)
            factors.shift(indent * RIGHT)
            count.align_to(np.array([width, 0.0, 0.0]), RIGHT)
            if factors.get_right()[0] + style.ITEM_GAP + count.width <= width:
                count.match_y(factors)
            else:
                count.next_to(factors, DOWN, buff=style.ITEM_GAP / 2).align_to(
                    np.array([width, 0.0, 0.0]), RIGHT
                )
            self.labels.append(name)
            self.values.append([factors, count])
            y = min(factors.get_bottom()[1], count.get_bottom()[1]) - style.ROW_GAP
        self.add(*self.headers, *self.labels, *(cell for row in self.values for cell in row))

    def get_header(self, column: int) -> Text:
        """The header of value column ``column`` (0: factors, 1: counts)."""
        return self.headers[column]

    def get_label(self, row: int) -> Text:
        """The label of row ``row``."""
        return self.labels[row]

    def get_value(self, row: int, column: int) -> MathTex:
        """Row ``row``'s factors (``column`` 0) or count (1)."""
        return self.values[row][column]
