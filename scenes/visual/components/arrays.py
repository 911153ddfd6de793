"""Matrices and vectors of computed numbers, dot products, angles, and 3-D views of vectors."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np
from manim import (
    ORIGIN,
    RIGHT,
    UP,
    Arrow,
    DecimalNumber,
    Line,
    MathTex,
    Matrix,
    VGroup,
    VMobject,
)

import mathcore
from scenes.visual import style

__all__ = [
    "ELLIPSIS_TEX",
    "AngleReadout",
    "ArrayMatrix",
    "DotProductReadout",
    "EmbeddingColumn",
    "VectorView3D",
    "number_entry",
]


def number_entry(
    value: float,
    decimals: int,
    font_size: float = style.MATRIX_SIZE,
    colour: str = style.TEXT,
) -> DecimalNumber:
    """One number of a matrix or vector, rounded first so that −0.0 never shows."""
    rounded = round(float(value), decimals) + 0.0
    return DecimalNumber(rounded, num_decimal_places=decimals, font_size=font_size, color=colour)


ELLIPSIS_TEX = {(True, False): r"\vdots", (False, True): r"\cdots", (True, True): r"\ddots"}


class ArrayMatrix(Matrix):
    """A matrix of computed numbers of which only some rows and columns are drawn.

    Rows and columns left out are replaced by one row or column of ellipses (chosen by
    :func:`mathcore.shown_indices`), so a 49,152-row matrix and a 16-row toy one look alike.

    Parameters
    ----------
    values
        The whole array (2-D), as computed by mathcore.
    shown_rows, shown_columns
        How many rows and columns to draw, ellipses included.
    decimals
        Digits after the decimal point.
    font_size
        Size of the entries.
    """

    def __init__(
        self,
        values: np.ndarray,
        shown_rows: int,
        shown_columns: int,
        decimals: int = style.MATRIX_DECIMALS,
        font_size: float = style.MATRIX_SIZE,
        **kwargs: object,
    ) -> None:
        array = np.atleast_2d(np.asarray(values, dtype=float))
        self.values = array
        self.row_indices = mathcore.shown_indices(array.shape[0], shown_rows)
        self.column_indices = mathcore.shown_indices(array.shape[1], shown_columns)
        entries = [
            [self._entry(r, c, decimals, font_size) for c in self.column_indices]
            for r in self.row_indices
        ]
        super().__init__(
            entries,
            element_to_mobject=lambda mobject: mobject,
            h_buff=kwargs.pop("h_buff", style.MATRIX_H_BUFF * (1 + decimals / 2)),
            v_buff=kwargs.pop("v_buff", style.MATRIX_V_BUFF),
            element_alignment_corner=kwargs.pop("element_alignment_corner", RIGHT),
            **kwargs,
        )

    def _entry(self, row: int | None, column: int | None, decimals: int, size: float) -> VMobject:
        if row is not None and column is not None:
            return number_entry(self.values[row, column], decimals, size)
        return MathTex(ELLIPSIS_TEX[(row is None, column is None)], font_size=size)

    def _position(self, indices: list[int | None], index: int, what: str) -> int:
        if index not in indices:
            raise KeyError(f"{what} {index} is not drawn (drawn: {indices})")
        return indices.index(index)

    def get_row(self, row: int) -> VGroup:
        """The drawn entries of the array's row ``row`` (ellipses included)."""
        return self.get_rows()[self._position(self.row_indices, row, "row")]

    def get_column(self, column: int) -> VGroup:
        """The drawn entries of the array's column ``column`` (ellipses included)."""
        return self.get_columns()[self._position(self.column_indices, column, "column")]

    def get_entry(self, row: int, column: int = 0) -> VMobject:
        """The drawn entry at the array's (row, column)."""
        r = self._position(self.row_indices, row, "row")
        c = self._position(self.column_indices, column, "column")
        return self.mob_matrix[r][c]

    def get_drawn_rows(self) -> list[int]:
        """Array indices of the rows drawn with numbers (ellipsis excluded)."""
        return [r for r in self.row_indices if r is not None]

    def get_drawn_columns(self) -> list[int]:
        """Array indices of the columns drawn with numbers (ellipsis excluded)."""
        return [c for c in self.column_indices if c is not None]


class EmbeddingColumn(ArrayMatrix):
    """A vector drawn as a column of numbers (the video's convention), with ellipses.

    Parameters
    ----------
    values
        The vector (1-D).
    shown
        Entries drawn, ellipsis included.
    colour
        Colour of the brackets (the vector's identity colour).
    """

    def __init__(
        self,
        values: np.ndarray,
        shown: int,
        decimals: int = style.MATRIX_DECIMALS,
        colour: str = style.TEXT,
        font_size: float = style.MATRIX_SIZE,
    ) -> None:
        column = np.asarray(values, dtype=float).reshape(-1, 1)
        super().__init__(column, shown, 1, decimals, font_size)
        self.get_brackets().set_color(colour)


class DotProductReadout(VGroup):
    """``\\vec{A} \\cdot \\vec{B} = value`` with the value as a DecimalNumber.

    Parameters
    ----------
    left, right
        LaTeX of the two factors.
    value
        The dot product (computed by mathcore).
    left_colour, right_colour
        Colours of the two factors.
    decimals
        Digits shown after the decimal point.
    """

    def __init__(
        self,
        left: str,
        right: str,
        value: float,
        left_colour: str = style.TEXT,
        right_colour: str = style.TEXT,
        decimals: int = style.DECIMALS,
        font_size: float = style.MATH_SIZE,
    ) -> None:
        super().__init__()
        # Round first so that a tiny negative number does not show as "-0.00".
        value = round(value, decimals) + 0.0
        self.formula = MathTex(left, r"\cdot", right, "=", font_size=font_size)
        self.formula[0].set_color(left_colour)
        self.formula[2].set_color(right_colour)
        self.value = DecimalNumber(
            value, num_decimal_places=decimals, font_size=font_size, include_sign=value < 0
        )
        self.value.next_to(self.formula, RIGHT, buff=style.ITEM_GAP)
        self.add(self.formula, self.value)

    def get_formula(self) -> MathTex:
        """The ``A · B =`` part."""
        return self.formula

    def get_value(self) -> DecimalNumber:
        """The number, for highlighting or animating."""
        return self.value


class AngleReadout(MathTex):
    """``≈ 88.3°``: an angle in degrees (computed by mathcore), rounded for display.

    Parameters
    ----------
    degrees
        The angle.
    decimals
        Digits after the decimal point.
    """

    def __init__(
        self,
        degrees: float,
        decimals: int = style.ANGLE_DECIMALS,
        font_size: float = style.MATH_SIZE,
        colour: str = style.MUTED,
    ) -> None:
        super().__init__(
            rf"\approx {degrees:.{decimals}f}^\circ", font_size=font_size, color=colour
        )
        self.degrees = degrees


class VectorView3D(VGroup):
    """A 3-D view of a few vectors from the origin, drawn with an orthographic projection.

    Drawing the projection ourselves (instead of using ThreeDScene) keeps every label upright
    and in the frame, and lets the view sit beside flat text.

    Parameters
    ----------
    vectors
        Name → 3-D coordinates (unit vectors for feature directions).
    colours
        Name → colour of that vector's arrow and label.
    symbols
        Name → LaTeX shown at the arrow's tip (e.g. ``\\vec{M}``).
    azimuth, elevation
        The camera's angles in degrees (see :mod:`mathcore.projection`).
    unit
        Screen length of one unit of the 3-D space.
    axis_length
        Half-length of each drawn coordinate axis, in units of the 3-D space.
    """

    def __init__(
        self,
        vectors: Mapping[str, Sequence[float]],
        colours: Mapping[str, str],
        symbols: Mapping[str, str],
        azimuth: float = style.VIEW_AZIMUTH,
        elevation: float = style.VIEW_ELEVATION,
        unit: float = style.VIEW_UNIT,
        axis_length: float = style.VIEW_AXIS_LENGTH,
    ) -> None:
        super().__init__()
        self.unit = unit
        self.azimuth = azimuth
        self.elevation = elevation
        self._coords = {name: np.asarray(v, dtype=float) for name, v in vectors.items()}
        self._axis_ends = axis_length * np.vstack([np.eye(3), -np.eye(3)])
        self.axes = VGroup(
            *(
                Line(ORIGIN, RIGHT, color=style.AXES, stroke_width=style.AXIS_STROKE)
                for _ in range(3)
            )
        )
        self.arrows = {
            name: Arrow(ORIGIN, RIGHT, buff=0, color=colours[name], stroke_width=style.ARROW_STROKE)
            for name in self._coords
        }
        self.labels = {
            name: MathTex(symbols[name], color=colours[name], font_size=style.LABEL_SIZE)
            for name in self._coords
        }
        self.add(self.axes, *self.arrows.values(), *self.labels.values())
        self.set_view(azimuth, elevation)

    def _screen(self, point: np.ndarray) -> np.ndarray:
        x, y, _depth = mathcore.project(point, self.azimuth, self.elevation)
        return self._origin + self.unit * (x * RIGHT + y * UP)

    def set_view(self, azimuth: float, elevation: float) -> VectorView3D:
        """Re-project every part for a camera at ``azimuth`` and ``elevation`` (degrees)."""
        self._origin = self.get_origin() if hasattr(self, "_origin") else ORIGIN.copy()
        self.azimuth, self.elevation = azimuth, elevation
        for index, line in enumerate(self.axes):
            start = self._screen(self._axis_ends[index + 3])
            line.put_start_and_end_on(start, self._screen(self._axis_ends[index]))
        for name, coords in self._coords.items():
            tip = self._screen(coords)
            self.arrows[name].put_start_and_end_on(self._origin, tip)
            outward = tip - self._origin
            outward = outward / max(float(np.linalg.norm(outward)), style.TINY)
            self.labels[name].move_to(tip + style.LABEL_BUFFER * outward)
        return self

    def get_origin(self) -> np.ndarray:
        """Screen position of the 3-D origin (the axes' crossing point)."""
        return self.axes[0].get_center()

    def get_arrow(self, name: str) -> Arrow:
        """The arrow drawn for vector ``name``."""
        return self.arrows[name]

    def get_label(self, name: str) -> MathTex:
        """The tip label of vector ``name``."""
        return self.labels[name]

    def get_axes(self) -> VGroup:
        """The three coordinate axes."""
        return self.axes
