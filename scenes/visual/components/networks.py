"""Networks and blocks: block icons, neuron layers, activation graphs, weight diagrams.

The pictures here are drawn from the same numbers as the matrices they stand for: a neuron's
fill follows its activation, a weight line's opacity follows |weight|, so a diagram is the
computation seen another way, not decoration. Lists too long to draw are elided like
:class:`~scenes.visual.components.arrays.ArrayMatrix` does (see :func:`mathcore.shown_indices`).
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from typing import Any

import numpy as np
from manim import (
    DOWN,
    LEFT,
    RIGHT,
    UP,
    Arrow,
    Axes,
    Circle,
    Line,
    MathTex,
    RoundedRectangle,
    Square,
    Text,
    VGroup,
    VMobject,
)

import mathcore
from scenes.visual import style
from scenes.visual.components.text import fit_width, fitted_text, label_text

__all__ = [
    "ActivationGraph",
    "ActivationGrid",
    "BlockIcon",
    "MLPPipeline",
    "NetworkDiagram",
    "NeuronLayer",
]


class BlockIcon(VGroup):
    """A labelled rounded box standing for a block of the network (MLP, Attention).

    Parameters
    ----------
    label
        The words inside.
    width, height
        Size of the box.
    colour
        Colour of the outline and the faint fill.
    kwargs
        Additional parameters to be passed on to :class:`~manim.VGroup`.
    """

    def __init__(
        self,
        label: str,
        width: float = style.BLOCK_WIDTH,
        height: float = style.BLOCK_HEIGHT,
        colour: str | None = None,
        **kwargs: Any,
    ) -> None:
        colour = style.BLOCK if colour is None else colour
        super().__init__(**kwargs)
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
        Fill colour of an active neuron (opacity = value / largest |value|; negative values
        are dark).
    radius
        Radius of a neuron's circle.
    spacing
        Gap between neighbouring circles.
    kwargs
        Additional parameters to be passed on to :class:`~manim.VGroup`.
    """

    def __init__(
        self,
        values: np.ndarray,
        shown: int,
        colour: str | None = None,
        radius: float = style.NEURON_RADIUS,
        spacing: float = style.NEURON_SPACING,
        **kwargs: Any,
    ) -> None:
        colour = style.POSITIVE if colour is None else colour
        super().__init__(**kwargs)
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
        """The circle of neuron ``index`` (it must be drawn).

        Parameters
        ----------
        index
            Index of the neuron in ``values``.
        """
        return self.neurons[index]

    def get_active(self) -> VGroup:
        """The drawn neurons whose value is positive."""
        return VGroup(*(c for i, c in self.neurons.items() if self.values[i] > 0))


class ActivationGraph(VGroup):
    """Axes with the graph of an activation function from mathcore.

    Parameters
    ----------
    activation
        ``relu``, ``gelu`` or ``gelu_tanh`` (see :func:`mathcore.activation`).
    x_range, y_range
        (min, max, step) of the axes.
    width, height
        Size of the axes on screen.
    colour
        Colour of the graph and its title.
    kwargs
        Additional parameters to be passed on to :class:`~manim.VGroup`.
    """

    def __init__(
        self,
        activation: str,
        x_range: tuple[float, float, float] = style.GRAPH_X_RANGE,
        y_range: tuple[float, float, float] = style.GRAPH_Y_RANGE,
        width: float = style.GRAPH_WIDTH,
        height: float = style.GRAPH_HEIGHT,
        colour: str | None = None,
        **kwargs: Any,
    ) -> None:
        colour = style.FIRST_NAME if colour is None else colour
        super().__init__(**kwargs)
        function = mathcore.activation(activation)
        self.axes = Axes(
            x_range=list(x_range),
            y_range=list(y_range),
            x_length=width,
            y_length=height,
            axis_config={"color": style.AXES, "include_tip": False},
        )
        self.graph = self.axes.plot(lambda x: float(function(x)), color=colour)
        self.title = label_text(style.ACTIVATION_TITLES[activation], colour, style.LABEL_SIZE)
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
        """Screen point of (x, f(x)) on the graph.

        Parameters
        ----------
        x
            The input of the activation function.
        """
        point: np.ndarray = self.axes.c2p(x, float(self.function(x)))
        return point


class NetworkDiagram(VGroup):
    """The classic picture of a layer: dots for inputs and neurons, lines for weights.

    Line opacity follows |weight| (from EDGE_MIN_OPACITY, so that every line shows, up to
    EDGE_MAX_OPACITY), so the picture is the same computation as the matrix product it stands
    for, not decoration; the lines lie behind the dots.

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
    colour
        Fill colour of active output neurons.
    kwargs
        Additional parameters to be passed on to :class:`~manim.VGroup`.
    """

    def __init__(
        self,
        weights: np.ndarray,
        activations: np.ndarray,
        shown_inputs: int,
        shown_outputs: int,
        layer_gap: float = style.LAYER_GAP,
        colour: str | None = None,
        **kwargs: Any,
    ) -> None:
        colour = style.POSITIVE if colour is None else colour
        super().__init__(**kwargs)
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
                    stroke_width=style.NETWORK_EDGE_STROKE,
                    color=style.NEGATIVE if weights[i, j] < 0 else style.FIRST_NAME,
                )
                # The faintest line still shows on the background; stronger weights brighter.
                spread = style.EDGE_MAX_OPACITY - style.EDGE_MIN_OPACITY
                line.set_stroke(opacity=style.EDGE_MIN_OPACITY + spread * abs(weights[i, j]) / peak)
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
    colour
        Fill colour of a lit square (opacity = value / largest value).
    cell
        Side of a square.
    kwargs
        Additional parameters to be passed on to :class:`~manim.VGroup`.
    """

    def __init__(
        self,
        values: np.ndarray,
        tokens: Sequence[str],
        shown_neurons: int,
        colour: str | None = None,
        cell: float = style.CELL_SIZE,
        **kwargs: Any,
    ) -> None:
        colour = style.POSITIVE if colour is None else colour
        super().__init__(**kwargs)
        self.values = np.asarray(values, dtype=float)
        self.neuron_indices = mathcore.shown_indices(self.values.shape[1], shown_neurons)
        peak = max(float(np.max(self.values)), style.TINY)
        self.columns = VGroup()
        self._columns: list[VGroup] = []
        self._cells: dict[tuple[int, int], Square] = {}
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
                self._cells[t, n] = square
                column.add(square)
            column.arrange(DOWN, buff=style.CELL_GAP)
            column.next_to(heading, DOWN, buff=style.ITEM_GAP)
            self._columns.append(column)
            self.columns.add(column)
        self.add(self.columns, self.headings)

    def get_column(self, token_index: int) -> VGroup:
        """The squares of one token (and the ellipsis), top to bottom.

        Parameters
        ----------
        token_index
            Index of the token in ``tokens``.
        """
        return self._columns[token_index]

    def get_cell(self, token_index: int, neuron: int) -> Square:
        """The square of ``neuron`` for token ``token_index``.

        Parameters
        ----------
        token_index
            Index of the token in ``tokens``.
        neuron
            Index of the neuron (a column of ``values``).

        Raises
        ------
        KeyError
            If that neuron is left out.
        """
        if (token_index, neuron) not in self._cells:
            raise KeyError(f"neuron {neuron} is not drawn (drawn: {self.neuron_indices})")
        return self._cells[token_index, neuron]

    def get_headings(self) -> VGroup:
        """The token words above the columns."""
        return self.headings


class MLPPipeline(VGroup):
    r"""The MLP block as a chain of stages: ``E → W↑ → + b↑ → σ → W↓ → + b↓ → ⊕ → E_out``,
    with the skip connection carrying E over the chain into ⊕.

    Parameters
    ----------
    stages
        (key, LaTeX) per stage in order, e.g. ``("up", r"W_{\uparrow}")``; a label that is
        plain words can be given as ``("act", "ReLU")`` (set as LaTeX text).
    add_key
        Key of the stage where the skip connection lands (the ⊕).
    colour
        Colour of the boxes' outlines and faint fill.
    box_height
        Height of every box; widths follow the labels.
    gap
        Horizontal gap between neighbouring boxes (an arrow spans it).
    pad
        Room each side of a label inside its box (a box is at least as wide as it is high).
    kwargs
        Additional parameters to be passed on to :class:`~manim.VGroup`.
    """

    def __init__(
        self,
        stages: Sequence[tuple[str, str]],
        add_key: str = "add",
        colour: str | None = None,
        box_height: float = style.PIPELINE_BOX,
        gap: float = style.PIPELINE_GAP,
        pad: float = style.ITEM_GAP,
        **kwargs: Any,
    ) -> None:
        colour = style.BLOCK if colour is None else colour
        super().__init__(**kwargs)
        self.keys = [key for key, _ in stages]
        self.stages: dict[str, VGroup] = {}
        boxes = VGroup()
        for key, tex in stages:
            label = MathTex(tex, font_size=style.MATH_SIZE, color=style.TEXT)
            width = max(box_height, label.width + 2 * pad)
            box = RoundedRectangle(
                corner_radius=style.BLOCK_CORNER, width=width, height=box_height, color=colour
            )
            box.set_fill(colour, opacity=style.BLOCK_FILL)
            label.move_to(box)
            stage = VGroup(box, label)
            self.stages[key] = stage
            boxes.add(stage)
        boxes.arrange(RIGHT, buff=gap)
        self.arrows = VGroup(
            *(
                Arrow(
                    a.get_right(),
                    b.get_left(),
                    buff=style.PIPELINE_ARROW_BUFF,
                    color=style.MUTED,
                    stroke_width=style.AXIS_STROKE * 1.5,
                    tip_length=style.PIPELINE_TIP,
                    max_tip_length_to_length_ratio=0.6,  # a short link keeps a visible head
                    max_stroke_width_to_length_ratio=12,
                )
                for a, b in itertools.pairwise(boxes)
            )
        )
        first, add = self.stages[self.keys[0]], self.stages[add_key]
        rise = box_height * style.PIPELINE_SKIP_RISE
        corners = [
            first.get_top(),
            first.get_top() + rise * UP,
            add.get_top() + rise * UP,
        ]
        self.skip = VGroup(
            Line(corners[0], corners[1], color=style.MUTED),
            Line(corners[1], corners[2], color=style.MUTED),
            Arrow(corners[2], add.get_top(), buff=0, color=style.MUTED),
        )
        self.add(self.skip, self.arrows, boxes)

    def get_stage(self, key: str) -> VGroup:
        """The box and label of stage ``key``.

        Parameters
        ----------
        key
            A key of ``stages``.
        """
        return self.stages[key]

    def get_box(self, key: str) -> RoundedRectangle:
        """The box of stage ``key`` (to light it up).

        Parameters
        ----------
        key
            A key of ``stages``.
        """
        box = self.stages[key][0]
        assert isinstance(box, RoundedRectangle)
        return box

    def get_arrows(self) -> VGroup:
        """The arrows between neighbouring stages, in order."""
        return self.arrows

    def get_skip(self) -> VGroup:
        """The skip connection: E carried over the chain into the ⊕."""
        return self.skip

    def get_skip_points(self) -> list[np.ndarray]:
        """The skip connection's corners, from E to the ⊕ (for a vector travelling it)."""
        return [self.skip[0].get_start(), self.skip[1].get_start(), self.skip[1].get_end(),
                self.skip[2].get_end()]  # fmt: skip

    def get_keys(self) -> list[str]:
        """The stages' keys, in order."""
        return list(self.keys)

    def get_gap_point(self, key: str) -> np.ndarray:
        """The point just right of stage ``key``, on the arrow leaving it.

        Parameters
        ----------
        key
            A key of ``stages`` (not the last).
        """
        arrow = self.arrows[self.keys.index(key)]
        point: np.ndarray = arrow.get_center()
        return point

    def left_of(self, key: str) -> np.ndarray:
        """The point on the arrow entering stage ``key`` (or left of the first stage).

        Parameters
        ----------
        key
            A key of ``stages``.
        """
        index = self.keys.index(key)
        if index == 0:
            point: np.ndarray = self.stages[key].get_left() + style.PIPELINE_GAP * LEFT
            return point
        return self.get_gap_point(self.keys[index - 1])
