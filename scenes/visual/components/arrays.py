r"""Arrays of computed numbers: matrices and vectors with elided rows and columns, matrix
products, dot products, angles, and 3-D views of vectors.

Every number comes from the caller (computed by :mod:`mathcore`); these classes only decide
which entries to draw and how. A matrix far too big to draw (49,152 x 12,288) is drawn like a
toy one: the first rows and columns, a row and a column of ellipses, and the last ones::

    matrix = ArrayMatrix(weights, shown_rows=5, shown_columns=5)
    matrix.get_entry(49_151, 0)  # the entry drawn for the array's last row
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any, Literal

import numpy as np
from manim import (
    DOWN,
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
    "MatrixProduct",
    "VectorView3D",
    "number_entry",
]

#: LaTeX of the entry standing for left-out entries, keyed by (row elided, column elided).
ELLIPSIS_TEX = {(True, False): r"\vdots", (False, True): r"\cdots", (True, True): r"\ddots"}


def number_entry(
    value: float,
    decimals: int,
    font_size: float = style.MATRIX_SIZE,
    colour: str | None = None,
    **kwargs: Any,
) -> DecimalNumber:
    """One number of a matrix or vector, rounded first so that −0.0 never shows.

    Parameters
    ----------
    value
        The number.
    decimals
        Digits after the decimal point.
    font_size
        Size of the digits.
    colour
        Colour of the digits.
    kwargs
        Additional parameters to be passed on to :class:`~manim.DecimalNumber`.
    """
    colour = style.TEXT if colour is None else colour
    rounded = round(float(value), decimals) + 0.0
    return DecimalNumber(
        rounded, num_decimal_places=decimals, font_size=font_size, color=colour, **kwargs
    )


class ArrayMatrix(Matrix):
    """A matrix of computed numbers of which only some rows and columns are drawn.

    Rows and columns left out are replaced by one row or column of ellipses (chosen by
    :func:`mathcore.shown_indices`), so a 49,152-row matrix and a 16-row toy one look alike.
    Entries are addressed by their index in the array, not on screen.

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
    kwargs
        Additional parameters to be passed on to :class:`~manim.Matrix` (``h_buff``,
        ``v_buff`` and ``element_alignment_corner`` have the project's defaults).
    """

    def __init__(
        self,
        values: np.ndarray,
        shown_rows: int,
        shown_columns: int,
        decimals: int = style.MATRIX_DECIMALS,
        font_size: float = style.MATRIX_SIZE,
        **kwargs: Any,
    ) -> None:
        array = np.atleast_2d(np.asarray(values, dtype=float))
        self.values = array
        self.row_indices = mathcore.shown_indices(array.shape[0], shown_rows)
        self.column_indices = mathcore.shown_indices(array.shape[1], shown_columns)
        entries = [
            [self._entry(r, c, decimals, font_size) for c in self.column_indices]
            for r in self.row_indices
        ]
        kwargs.setdefault("h_buff", style.MATRIX_H_BUFF * (1 + decimals / 2))
        kwargs.setdefault("v_buff", style.MATRIX_V_BUFF)
        kwargs.setdefault("element_alignment_corner", RIGHT)
        super().__init__(entries, element_to_mobject=lambda mobject: mobject, **kwargs)

    def _entry(self, row: int | None, column: int | None, decimals: int, size: float) -> VMobject:
        if row is not None and column is not None:
            return number_entry(self.values[row, column], decimals, size)
        return MathTex(ELLIPSIS_TEX[(row is None, column is None)], font_size=size)

    @staticmethod
    def _position(indices: list[int | None], index: int, what: str) -> int:
        if index not in indices:
            raise KeyError(f"{what} {index} is not drawn (drawn: {indices})")
        return indices.index(index)

    def get_row(self, row: int) -> VGroup:
        """The drawn entries of the array's row ``row`` (ellipses included).

        Parameters
        ----------
        row
            Index of the row in the array (not on screen).

        Raises
        ------
        KeyError
            If that row is left out.
        """
        return VGroup(*self.mob_matrix[self._position(self.row_indices, row, "row")])

    def get_column(self, column: int) -> VGroup:
        """The drawn entries of the array's column ``column`` (ellipses included).

        Parameters
        ----------
        column
            Index of the column in the array (not on screen).

        Raises
        ------
        KeyError
            If that column is left out.
        """
        c = self._position(self.column_indices, column, "column")
        return VGroup(*(row[c] for row in self.mob_matrix))

    def get_entry(self, row: int, column: int = 0) -> VMobject:
        """The drawn entry at the array's (row, column).

        Parameters
        ----------
        row, column
            Indices in the array (not on screen); ``column`` defaults to 0 for a vector
            drawn as a column.

        Raises
        ------
        KeyError
            If the row or the column is left out.
        """
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
    decimals
        Digits after the decimal point.
    colour
        Colour of the brackets (the vector's identity colour).
    font_size
        Size of the entries.
    kwargs
        Additional parameters to be passed on to :class:`ArrayMatrix`.
    """

    def __init__(
        self,
        values: np.ndarray,
        shown: int,
        decimals: int = style.MATRIX_DECIMALS,
        colour: str | None = None,
        font_size: float = style.MATRIX_SIZE,
        **kwargs: Any,
    ) -> None:
        colour = style.TEXT if colour is None else colour
        column = np.asarray(values, dtype=float).reshape(-1, 1)
        super().__init__(column, shown, 1, decimals, font_size, **kwargs)
        self.get_brackets().set_color(colour)


class MatrixProduct(VGroup):
    r"""A matrix times a vector and its result, with computed numbers: ``W v = r``.

    In the column convention (the video's) the parts sit side by side: ``W v = r``. In the
    row convention (the code's) the vectors are rows and the matrix is transposed,
    ``vᵀ Wᵀ = rᵀ``; rows of numbers are wide, so the vector, the matrix and ``= rᵀ`` are
    stacked, with extra room under the matrix for a brace.

    Either way the submobjects are the four parts in reading order (matrix, vector, equals,
    result for columns; vector, matrix, equals, result for rows), and the getters name them.

    Parameters
    ----------
    weights
        The matrix in the column convention's shape (outputs, inputs); the row convention
        draws its transpose.
    vector
        The input vector (length ``inputs``).
    result
        The output vector (length ``outputs``), computed by the caller.
    shown_rows, shown_columns
        Rows and columns of the drawn matrix (ellipses included). A vector drawn as a
        column shows ``shown_rows`` entries, one drawn as a row ``shown_columns``.
    decimals
        Digits after the decimal point.
    convention
        ``"column"`` (``W v = r``) or ``"row"`` (``vᵀ Wᵀ = rᵀ``).
    matrix_colour
        Colour of the matrix's brackets; None keeps manim's default.
    vector_colour, result_colour
        Colours of the two vectors' brackets.
    font_size
        Size of the entries.
    kwargs
        Additional parameters to be passed on to :class:`~manim.VGroup`.
    """

    def __init__(
        self,
        weights: np.ndarray,
        vector: np.ndarray,
        result: np.ndarray,
        shown_rows: int,
        shown_columns: int,
        decimals: int = style.MATRIX_DECIMALS,
        convention: Literal["column", "row"] = "column",
        matrix_colour: str | None = None,
        vector_colour: str | None = None,
        result_colour: str | None = None,
        font_size: float = style.MATRIX_SIZE,
        **kwargs: Any,
    ) -> None:
        vector_colour = style.TEXT if vector_colour is None else vector_colour
        result_colour = style.TEXT if result_colour is None else result_colour
        if convention not in ("column", "row"):
            raise ValueError(f"convention must be 'column' or 'row', got {convention!r}")
        super().__init__(**kwargs)
        self.convention = convention
        weights = np.asarray(weights, dtype=float)
        rows = convention == "row"
        self.equals = MathTex("=", font_size=style.MATH_SIZE)
        shown = (shown_rows, shown_columns, decimals, font_size)
        self.vector = self._vector(vector, *shown, vector_colour)
        self.result = self._vector(result, *shown, result_colour)
        self.matrix = ArrayMatrix(weights.T if rows else weights, *shown)
        if matrix_colour is not None:
            self.matrix.get_brackets().set_color(matrix_colour)
        if rows:
            self.add(self.vector, self.matrix, self.equals, self.result)
            result_line = VGroup(self.equals, self.result).arrange(RIGHT, buff=style.ITEM_GAP)
            # Extra room under the matrix for a brace under one of its columns.
            VGroup(self.vector, self.matrix, result_line).arrange(DOWN, buff=style.SECTION_GAP)
            result_line.shift(DOWN * style.SECTION_GAP)
        else:
            self.add(self.matrix, self.vector, self.equals, self.result)
            self.arrange(RIGHT, buff=style.ITEM_GAP)

    def _vector(
        self,
        values: np.ndarray,
        shown_rows: int,
        shown_columns: int,
        decimals: int,
        font_size: float,
        colour: str,
    ) -> ArrayMatrix:
        """A vector drawn in the convention: a column, or a one-row matrix."""
        if self.convention == "column":
            return EmbeddingColumn(values, shown_rows, decimals, colour, font_size)
        row = np.asarray(values, dtype=float).reshape(1, -1)
        matrix = ArrayMatrix(row, 1, shown_columns, decimals, font_size)
        matrix.get_brackets().set_color(colour)
        return matrix

    def get_matrix(self) -> ArrayMatrix:
        """The matrix (``W``, or ``Wᵀ`` in the row convention)."""
        return self.matrix

    def get_vector(self) -> ArrayMatrix:
        """The input vector."""
        return self.vector

    def get_equals(self) -> MathTex:
        """The equals sign."""
        return self.equals

    def get_result(self) -> ArrayMatrix:
        """The result vector."""
        return self.result

    def get_vector_entry(self, index: int) -> VMobject:
        """The drawn entry ``index`` of the input vector (KeyError if left out).

        Parameters
        ----------
        index
            Index of the entry in the input vector.
        """
        return self._entry_of(self.vector, index)

    def get_result_entry(self, index: int) -> VMobject:
        """The drawn entry ``index`` of the result (KeyError if left out).

        Parameters
        ----------
        index
            Index of the entry in the result.
        """
        return self._entry_of(self.result, index)

    def _entry_of(self, vector: ArrayMatrix, index: int) -> VMobject:
        if self.convention == "row":
            return vector.get_entry(0, index)
        return vector.get_entry(index)

    def get_output_weights(self, index: int) -> VGroup:
        """The weights that make result entry ``index``: a row of ``W`` (column convention)
        or a column of ``Wᵀ`` (row convention). KeyError if left out.

        Parameters
        ----------
        index
            Index of the result entry.
        """
        if self.convention == "row":
            return self.matrix.get_column(index)
        return self.matrix.get_row(index)

    def get_input_weights(self, index: int) -> VGroup:
        """The weights that input entry ``index`` multiplies: a column of ``W`` (column
        convention) or a row of ``Wᵀ`` (row convention). KeyError if left out.

        Parameters
        ----------
        index
            Index of the input entry.
        """
        if self.convention == "row":
            return self.matrix.get_row(index)
        return self.matrix.get_column(index)

    def get_output_indices(self) -> list[int | None]:
        """Indices of the result entries drawn, None marking the ellipsis."""
        matrix = self.matrix
        return matrix.column_indices if self.convention == "row" else matrix.row_indices

    def get_input_indices(self) -> list[int | None]:
        """Indices of the input entries the drawn weights multiply, None marking the
        ellipsis."""
        matrix = self.matrix
        return matrix.row_indices if self.convention == "row" else matrix.column_indices


class DotProductReadout(VGroup):
    r"""``\vec{A} \cdot \vec{B} = value`` with the value as a DecimalNumber.

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
    font_size
        Size of the formula and the number.
    kwargs
        Additional parameters to be passed on to :class:`~manim.VGroup`.
    """

    def __init__(
        self,
        left: str,
        right: str,
        value: float,
        left_colour: str | None = None,
        right_colour: str | None = None,
        decimals: int = style.DECIMALS,
        font_size: float = style.MATH_SIZE,
        **kwargs: Any,
    ) -> None:
        left_colour = style.TEXT if left_colour is None else left_colour
        right_colour = style.TEXT if right_colour is None else right_colour
        super().__init__(**kwargs)
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
    font_size
        Size of the formula.
    colour
        Colour of the formula.
    kwargs
        Additional parameters to be passed on to :class:`~manim.MathTex`.
    """

    def __init__(
        self,
        degrees: float,
        decimals: int = style.ANGLE_DECIMALS,
        font_size: float = style.MATH_SIZE,
        colour: str | None = None,
        **kwargs: Any,
    ) -> None:
        colour = style.MUTED if colour is None else colour
        super().__init__(
            rf"\approx {degrees:.{decimals}f}^\circ", font_size=font_size, color=colour, **kwargs
        )
        self.degrees = degrees


class VectorView3D(VGroup):
    r"""A 3-D view of a few vectors from the origin, drawn with an orthographic projection.

    Drawing the projection ourselves (instead of using ThreeDScene) keeps every label upright
    and in the frame, and lets the view sit beside flat text.

    Parameters
    ----------
    vectors
        Name → 3-D coordinates (unit vectors for feature directions).
    colours
        Name → colour of that vector's arrow and label.
    symbols
        Name → LaTeX shown at the arrow's tip (e.g. ``\vec{M}``).
    azimuth, elevation
        The camera's angles in degrees (see :mod:`mathcore.projection`).
    unit
        Screen length of one unit of the 3-D space.
    axis_length
        Half-length of each drawn coordinate axis, in units of the 3-D space.
    kwargs
        Additional parameters to be passed on to :class:`~manim.VGroup`.
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
        **kwargs: Any,
    ) -> None:
        super().__init__(**kwargs)
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
        screen: np.ndarray = self._origin + self.unit * (x * RIGHT + y * UP)
        return screen

    def set_view(self, azimuth: float, elevation: float) -> VectorView3D:
        """Re-project every part for a camera at ``azimuth`` and ``elevation`` (degrees).

        Parameters
        ----------
        azimuth, elevation
            The camera's new angles in degrees.
        """
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

    def point_at(self, coords: Sequence[float] | np.ndarray) -> np.ndarray:
        """Screen position of the 3-D point ``coords`` in the current view (wherever the
        view has been moved to).

        Parameters
        ----------
        coords
            A point of the 3-D space, in the same coordinates as ``vectors``.
        """
        self._origin = self.get_origin()
        return self._screen(np.asarray(coords, dtype=float))

    def get_arrow(self, name: str) -> Arrow:
        """The arrow drawn for vector ``name``.

        Parameters
        ----------
        name
            A key of ``vectors``.
        """
        return self.arrows[name]

    def get_label(self, name: str) -> MathTex:
        """The tip label of vector ``name``.

        Parameters
        ----------
        name
            A key of ``vectors``.
        """
        return self.labels[name]

    def get_axes(self) -> VGroup:
        """The three coordinate axes."""
        return self.axes
