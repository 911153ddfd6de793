"""Reusable visuals shared by every clip, modelled on manim's ``mobject/matrix.py``.

Each component is a VGroup subclass with documented parameters and ``get_*`` methods that hand
back the parts a scene points at, highlights or animates. Colours and sizes default to
``scenes.style``; numbers always come from the caller (computed by mathcore).
"""

from __future__ import annotations

import textwrap
from collections.abc import Mapping, Sequence

import numpy as np
from manim import (
    DL,
    DOWN,
    LEFT,
    ORIGIN,
    RIGHT,
    UP,
    Arrow,
    Axes,
    Circle,
    DecimalNumber,
    Line,
    MathTex,
    Matrix,
    Rectangle,
    RoundedRectangle,
    Square,
    Text,
    VGroup,
    VMobject,
)

import mathcore
from scenes import style


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


def align_left_edges(mobjects: Sequence[VGroup | MathTex | Text], x: float) -> None:
    """Move each mobject sideways so that its left edge sits at ``x`` (a table column)."""
    for mobject in mobjects:
        mobject.shift((x - mobject.get_left()[0]) * RIGHT)


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


class BlockIcon(VGroup):
    """A labelled rounded box standing for a block of the network (MLP, Attention).

    Parameters
    ----------
    label
        The words inside.
    width, height
        Size of the box.
    colour
        Outline colour.
    """

    def __init__(
        self,
        label: str,
        width: float = style.BLOCK_WIDTH,
        height: float = style.BLOCK_HEIGHT,
        colour: str = style.BLOCK,
    ) -> None:
        super().__init__()
        self.box = RoundedRectangle(
            corner_radius=style.BLOCK_CORNER, width=width, height=height, color=colour
        )
        self.box.set_fill(colour, opacity=style.BLOCK_FILL)
        self.label = fit_width(label_text(label, style.TEXT, style.LABEL_SIZE), width)
        self.add(self.box, self.label)

    def get_box(self) -> RoundedRectangle:
        """The outline."""
        return self.box

    def get_label(self) -> Text:
        """The words."""
        return self.label


class NeuronLayer(VGroup):
    """A column of neurons drawn as circles, lit in proportion to their activation.

    Parameters
    ----------
    values
        Every neuron's value (1-D, after the activation function).
    shown
        Neurons drawn, the ellipsis included.
    colour
        Fill colour of an active neuron.
    """

    def __init__(
        self,
        values: np.ndarray,
        shown: int,
        colour: str = style.POSITIVE,
        radius: float = style.NEURON_RADIUS,
        spacing: float = style.NEURON_SPACING,
    ) -> None:
        super().__init__()
        self.values = np.asarray(values, dtype=float)
        self.indices = mathcore.shown_indices(len(self.values), shown)
        peak = max(float(np.max(np.abs(self.values))), style.TINY)
        self.neurons: dict[int, Circle] = {}
        for index in self.indices:
            if index is None:
                self.add(MathTex(r"\vdots", font_size=style.BODY_SIZE))
                continue
            circle = Circle(radius=radius, color=style.TEXT, stroke_width=style.AXIS_STROKE)
            circle.set_fill(colour, opacity=max(0.0, float(self.values[index])) / peak)
            self.neurons[index] = circle
            self.add(circle)
        self.arrange(DOWN, buff=spacing)

    def get_neuron(self, index: int) -> Circle:
        """The circle of neuron ``index`` (it must be drawn)."""
        return self.neurons[index]

    def get_active(self) -> VGroup:
        """The drawn neurons whose value is positive."""
        return VGroup(*(c for i, c in self.neurons.items() if self.values[i] > 0))


class ActivationGraph(VGroup):
    """Axes with the graph of an activation function from mathcore.

    Parameters
    ----------
    name
        ``relu``, ``gelu`` or ``gelu_tanh``.
    x_range, y_range
        (min, max, step) of the axes.
    width, height
        Size of the axes on screen.
    colour
        Colour of the graph.
    """

    def __init__(
        self,
        name: str,
        x_range: tuple[float, float, float] = style.GRAPH_X_RANGE,
        y_range: tuple[float, float, float] = style.GRAPH_Y_RANGE,
        width: float = style.GRAPH_WIDTH,
        height: float = style.GRAPH_HEIGHT,
        colour: str = style.FIRST_NAME,
    ) -> None:
        super().__init__()
        function = mathcore.activation(name)
        self.axes = Axes(
            x_range=list(x_range),
            y_range=list(y_range),
            x_length=width,
            y_length=height,
            axis_config={"color": style.AXES, "include_tip": False},
        )
        self.graph = self.axes.plot(lambda x: float(function(x)), color=colour)
        self.title = label_text(style.ACTIVATION_TITLES[name], colour, style.LABEL_SIZE)
        self.title.next_to(self.axes, UP, buff=style.ITEM_GAP)
        self.function = function
        self.add(self.axes, self.graph, self.title)

    def get_axes(self) -> Axes:
        """The axes."""
        return self.axes

    def get_graph(self) -> VMobject:
        """The curve."""
        return self.graph

    def get_title(self) -> Text:
        """The function's name above the axes."""
        return self.title

    def point_for(self, x: float) -> np.ndarray:
        """Screen point of (x, f(x)) on the graph."""
        return self.axes.c2p(x, float(self.function(x)))


class NetworkDiagram(VGroup):
    """The classic picture of a layer: dots for inputs and neurons, lines for weights.

    Line opacity follows |weight|, so the picture is the same computation as the matrix
    product it stands for, not decoration.

    Parameters
    ----------
    weights
        The layer's weight matrix, shape (outputs, inputs), e.g. W_up.
    activations
        The neurons' values after the nonlinearity (lights the output dots).
    shown_inputs, shown_outputs
        Dots drawn per layer (ellipses included).
    layer_gap
        Horizontal distance between the two layers.
    """

    def __init__(
        self,
        weights: np.ndarray,
        activations: np.ndarray,
        shown_inputs: int,
        shown_outputs: int,
        layer_gap: float = style.LAYER_GAP,
        colour: str = style.POSITIVE,
    ) -> None:
        super().__init__()
        inputs = np.ones(weights.shape[1])
        self.inputs = NeuronLayer(inputs * 0, shown_inputs, colour)
        self.outputs = NeuronLayer(activations, shown_outputs, colour)
        self.outputs.next_to(self.inputs, RIGHT, buff=layer_gap)
        peak = max(float(np.max(np.abs(weights))), style.TINY)
        self.edges = VGroup()
        for i, out_circle in self.outputs.neurons.items():
            for j, in_circle in self.inputs.neurons.items():
                line = Line(
                    in_circle.get_right(),
                    out_circle.get_left(),
                    stroke_width=style.EDGE_STROKE,
                    color=style.NEGATIVE if weights[i, j] < 0 else style.FIRST_NAME,
                )
                line.set_stroke(opacity=style.EDGE_MAX_OPACITY * abs(weights[i, j]) / peak)
                self.edges.add(line)
        self.add(self.edges, self.inputs, self.outputs)

    def get_inputs(self) -> NeuronLayer:
        """The input layer (the embedding's entries)."""
        return self.inputs

    def get_outputs(self) -> NeuronLayer:
        """The neuron layer."""
        return self.outputs

    def get_edges(self) -> VGroup:
        """The weight lines."""
        return self.edges


class ActivationGrid(VGroup):
    """Neurons × tokens as a grid of squares, each lit by that neuron's value for that token.

    Parameters
    ----------
    values
        Array of shape (tokens, neurons), e.g. the sequence trace's ``neurons``.
    tokens
        The token words, one per row of ``values`` (drawn as column headings).
    shown_neurons
        Rows of squares drawn (ellipsis included).
    """

    def __init__(
        self,
        values: np.ndarray,
        tokens: Sequence[str],
        shown_neurons: int,
        colour: str = style.POSITIVE,
        cell: float = style.CELL_SIZE,
    ) -> None:
        super().__init__()
        self.values = np.asarray(values, dtype=float)
        self.neuron_indices = mathcore.shown_indices(self.values.shape[1], shown_neurons)
        peak = max(float(np.max(self.values)), style.TINY)
        self.columns = VGroup()
        self.headings = VGroup(
            *(fitted_text(t, style.HEADING_WIDTH, style.TEXT, style.SMALL_SIZE) for t in tokens)
        )
        self.headings.arrange(RIGHT, buff=style.SECTION_GAP, aligned_edge=DOWN)
        for t, heading in enumerate(self.headings):
            column = VGroup()
            for n in self.neuron_indices:
                if n is None:
                    column.add(MathTex(r"\vdots", font_size=style.BODY_SIZE))
                    continue
                square = Square(cell, stroke_width=style.AXIS_STROKE, color=style.AXES)
                square.set_fill(colour, opacity=max(0.0, self.values[t, n]) / peak)
                column.add(square)
            column.arrange(DOWN, buff=style.CELL_GAP)
            column.next_to(heading, DOWN, buff=style.ITEM_GAP)
            self.columns.add(column)
        self.add(self.columns, self.headings)

    def get_column(self, token_index: int) -> VGroup:
        """The squares of one token."""
        return self.columns[token_index]

    def get_cell(self, token_index: int, neuron: int) -> VMobject:
        """The square of ``neuron`` for token ``token_index`` (the neuron must be drawn)."""
        return self.columns[token_index][self.neuron_indices.index(neuron)]

    def get_headings(self) -> VGroup:
        """The token words above the columns."""
        return self.headings


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


def fit_height_between(mobject: VMobject, top: float, bottom: float) -> VMobject:
    """Shrink ``mobject`` (never enlarge) so that it fits between the heights ``top`` and
    ``bottom``, keeping its top edge at ``top``."""
    room = top - bottom
    if mobject.height > room:
        mobject.scale_to_fit_height(room)
    return mobject.shift((top - mobject.get_top()[1]) * UP)


class StackedBar(VGroup):
    """One horizontal bar split into segments proportional to the values (a tally).

    Parameters
    ----------
    values
        Name → value; zero values get no segment.
    colours
        Name → segment colour.
    width, height
        Size of the whole bar.
    """

    def __init__(
        self,
        values: Mapping[str, float],
        colours: Mapping[str, str],
        width: float = style.BAR_WIDTH,
        height: float = style.BAR_HEIGHT,
    ) -> None:
        super().__init__()
        total = float(sum(values.values()))
        self.segments: dict[str, Rectangle] = {}
        for name, value in values.items():
            if value <= 0:
                continue
            # Tiny shares still get a visible sliver, so every listed part can be pointed at.
            segment_width = max(width * value / total, style.BAR_MIN_SEGMENT)
            segment = Rectangle(width=segment_width, height=height, stroke_width=style.AXIS_STROKE)
            segment.set_fill(colours[name], opacity=style.BAR_OPACITY).set_stroke(colours[name])
            self.segments[name] = segment
            self.add(segment)
        self.arrange(RIGHT, buff=0)

    def get_segment(self, name: str) -> Rectangle:
        """The segment of ``name`` (only non-zero values have one)."""
        return self.segments[name]

    def get_names(self) -> list[str]:
        """Names with a segment, left to right."""
        return list(self.segments)


class HistogramBars(VGroup):
    """Bars over the bins of a histogram, drawn on given axes (heights already computed).

    Parameters
    ----------
    axes
        The axes the bars stand on (x in the bins' units, y in the heights' units).
    bin_edges
        Edges of the bins (one more than heights).
    heights
        Bar heights, e.g. counts or mathcore.log_counts(counts).
    colour
        Fill colour.
    """

    def __init__(
        self,
        axes: Axes,
        bin_edges: Sequence[float],
        heights: Sequence[float],
        colour: str = style.FIRST_NAME,
    ) -> None:
        super().__init__()
        self.axes = axes
        for left, right, height in zip(bin_edges[:-1], bin_edges[1:], heights, strict=True):
            corner = axes.c2p(left, 0)
            top = axes.c2p(right, max(float(height), 0.0))
            bar = Rectangle(
                width=max(top[0] - corner[0], style.TINY),
                height=max(top[1] - corner[1], style.TINY),
                stroke_width=0,
            )
            bar.set_fill(colour, opacity=style.BAR_OPACITY)
            bar.move_to(corner, aligned_edge=DL)
            self.add(bar)

    def get_bar(self, index: int) -> Rectangle:
        """The bar of bin ``index``."""
        return self[index]


class ProbabilityBars(VGroup):
    """Next-token probabilities as horizontal bars: word, bar, percentage.

    Parameters
    ----------
    words
        Candidate tokens.
    probabilities
        One probability per word (computed by mathcore.softmax).
    width
        Length of a bar at probability 1.
    colour
        Colour of the most likely word's bar (the others are muted).
    """

    def __init__(
        self,
        words: Sequence[str],
        probabilities: Sequence[float],
        width: float = style.PROBABILITY_WIDTH,
        colour: str = style.POSITIVE,
    ) -> None:
        super().__init__()
        best = max(range(len(words)), key=lambda i: probabilities[i])
        self.rows = VGroup()
        for index, (word, p) in enumerate(zip(words, probabilities, strict=True)):
            tint = colour if index == best else style.MUTED
            label = fitted_text(word, style.PROBABILITY_LABEL, style.TEXT, style.BODY_SIZE)
            bar = Rectangle(width=max(width * p, style.TINY), height=style.PROBABILITY_HEIGHT)
            bar.set_fill(tint, opacity=style.BAR_OPACITY).set_stroke(width=0)
            share = MathTex(tex_percent(p), font_size=style.MATH_SIZE, color=tint)
            self.rows.add(VGroup(label, bar, share))
        for row in self.rows:
            row.arrange(RIGHT, buff=style.ITEM_GAP)
        self.rows.arrange(DOWN, aligned_edge=LEFT, buff=style.ROW_GAP)
        labels_right = max(row[0].get_right()[0] for row in self.rows)
        for row in self.rows:
            label, bar, share = row
            bar.match_y(label)
            align_left_edges([bar], labels_right + style.SECTION_GAP)
            share.next_to(bar, RIGHT, buff=style.ITEM_GAP)
        self.add(self.rows)

    def get_bar(self, index: int) -> Rectangle:
        """The bar of word ``index``."""
        return self.rows[index][1]

    def get_row(self, index: int) -> VGroup:
        """(word, bar, percentage) of word ``index``."""
        return self.rows[index]
