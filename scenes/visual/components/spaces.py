r"""Directions in small spaces: features against neurons, tolerance wedges at an origin,
vectors that move in a 3-D view, and a loss curve.

As everywhere in components, the numbers come from the caller (computed by :mod:`mathcore`)::

    wedge = ToleranceWedge(plane, centre_deg=90, tolerance_deg=1)   # 89°-91°, at the origin
    view = MovingVectors3D(result.vectors[0], colours)
    view.set_vectors(result.vectors[k])                            # step k of the optimiser
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Any

import numpy as np
from manim import (
    LEFT,
    RIGHT,
    UP,
    Axes,
    Circle,
    Line,
    MathTex,
    Sector,
    Text,
    VGroup,
    VMobject,
)
from numpy.typing import ArrayLike

from scenes.visual import style
from scenes.visual.components.arrays import VectorView3D
from scenes.visual.components.text import fitted_text

__all__ = [
    "FeatureNeuronMap",
    "LossCurve",
    "MovingVectors3D",
    "ToleranceWedge",
]


class FeatureNeuronMap(VGroup):
    """Feature names on the left, a column of neurons on the right, and a line from each
    feature to each neuron it uses, as bright as the weight (0 to 1).

    Parameters
    ----------
    features
        Feature names (Pango text: any name renders).
    weights
        Shape (features, neurons): how strongly each neuron takes part in each feature, in
        [0, 1]; zero weights draw no visible line.
    colour
        Colour of the lines and of a lit neuron.
    label_width
        Widest a feature name may be (longer names wrap).
    gap
        Horizontal distance between the names' right edge and the neurons.
    kwargs
        Additional parameters to be passed on to :class:`~manim.VGroup`.
    """

    def __init__(
        self,
        features: Sequence[str],
        weights: ArrayLike,
        colour: str | None = None,
        label_width: float = style.FEATURE_LABEL_WIDTH,
        gap: float = style.FEATURE_GAP,
        **kwargs: Any,
    ) -> None:
        colour = style.COMBINED if colour is None else colour
        super().__init__(**kwargs)
        self.weights = np.asarray(weights, dtype=float)
        rows, columns = self.weights.shape
        if rows != len(features):
            raise ValueError(f"{len(features)} names for {rows} rows of weights")
        self.colour = colour
        self.labels = VGroup(
            *(fitted_text(name, label_width, style.TEXT, style.BODY_SIZE) for name in features)
        ).arrange(UP * -1, aligned_edge=RIGHT, buff=style.FEATURE_ROW_GAP)
        self.neurons = VGroup(
            *(
                Circle(radius=style.NEURON_RADIUS * 1.5, color=style.TEXT)
                .set_stroke(width=style.AXIS_STROKE)
                .set_fill(colour, opacity=0.0)
                for _ in range(columns)
            )
        ).arrange(UP * -1, buff=style.NEURON_GAP)
        self.neurons.next_to(self.labels, RIGHT, buff=gap).match_y(self.labels)
        self.edges = [
            [self._edge(i, j, float(self.weights[i, j])) for j in range(columns)]
            for i in range(rows)
        ]
        self.edge_group = VGroup(*(edge for row in self.edges for edge in row))
        self.add(self.edge_group, self.labels, self.neurons)

    def _edge(self, feature: int, neuron: int, weight: float) -> Line:
        start = self.labels[feature].get_right() + style.ARROW_BUFF * RIGHT
        end = self.neurons[neuron].get_left()
        line = Line(start, end, color=self.colour, stroke_width=style.EDGE_STROKE * 2)
        return line.set_stroke(opacity=max(0.0, min(1.0, weight)))

    def get_label(self, feature: int) -> Text:
        """The name of feature ``feature``.

        Parameters
        ----------
        feature
            Row of ``weights``.
        """
        label = self.labels[feature]
        assert isinstance(label, Text)
        return label

    def get_neuron(self, neuron: int) -> Circle:
        """The circle of neuron ``neuron``.

        Parameters
        ----------
        neuron
            Column of ``weights``.
        """
        circle = self.neurons[neuron]
        assert isinstance(circle, Circle)
        return circle

    def get_edge(self, feature: int, neuron: int) -> Line:
        """The line from feature ``feature`` to neuron ``neuron``.

        Parameters
        ----------
        feature, neuron
            Row and column of ``weights``.
        """
        return self.edges[feature][neuron]

    def get_feature_edges(self, feature: int) -> VGroup:
        """The lines of one feature, one per neuron."""
        return VGroup(*self.edges[feature])

    def get_neuron_edges(self, neuron: int) -> VGroup:
        """The lines into one neuron, one per feature."""
        return VGroup(*(row[neuron] for row in self.edges))

    def get_pattern(self, feature: int) -> list[float]:
        """Each neuron's weight in feature ``feature`` (the fill opacity that lights it)."""
        return [float(w) for w in self.weights[feature]]


class ToleranceWedge(Sector):
    """The directions within ``tolerance_deg`` of ``centre_deg``: a thin wedge drawn from the
    origin of ``axes`` (where the angle is), out to ``radius`` axis units.

    Parameters
    ----------
    axes
        The plane the wedge is drawn on (its origin is the wedge's tip).
    centre_deg, tolerance_deg
        The wedge spans centre ± tolerance, in degrees counter-clockwise from the x axis.
    radius
        Length of the wedge in the axes' x units.
    colour
        Fill colour.
    kwargs
        Additional parameters to be passed on to :class:`~manim.Sector`.
    """

    def __init__(
        self,
        axes: Axes,
        centre_deg: float,
        tolerance_deg: float,
        radius: float = 1.0,
        colour: str | None = None,
        **kwargs: Any,
    ) -> None:
        colour = style.HIGHLIGHT if colour is None else colour
        origin = axes.c2p(0, 0)
        screen_radius = float(axes.c2p(radius, 0)[0] - origin[0])
        kwargs.setdefault("fill_opacity", style.BAND_OPACITY)
        super().__init__(
            radius=screen_radius,
            angle=math.radians(2 * tolerance_deg),
            start_angle=math.radians(centre_deg - tolerance_deg),
            color=colour,
            **kwargs,
        )
        self.set_stroke(colour, width=1, opacity=style.BAND_OPACITY)
        self.move_arc_center_to(origin)
        self.centre_deg = centre_deg
        self.tolerance_deg = tolerance_deg
        self.length = screen_radius
        self.origin = np.asarray(origin)

    def get_apex(self) -> np.ndarray:
        """Where the wedge starts: the origin of its axes."""
        return self.origin

    def point_at(self, fraction: float) -> np.ndarray:
        """The point on the wedge's centre line a ``fraction`` of its length out."""
        angle = math.radians(self.centre_deg)
        return np.asarray(
            self.origin + fraction * self.length * np.array([math.cos(angle), math.sin(angle), 0])
        )


class MovingVectors3D(VectorView3D):
    r"""A :class:`VectorView3D` of N vectors (rows of an array) that can be moved, e.g. to the
    next step of an optimiser, with :meth:`set_vectors`.

    Parameters
    ----------
    vectors
        Shape (N, 3): the vectors' coordinates.
    colours
        One colour per vector.
    symbols
        LaTeX per vector shown at its tip; by default none.
    kwargs
        Passed on to :class:`VectorView3D` (``azimuth``, ``elevation``, ``unit``, ...).
    """

    def __init__(
        self,
        vectors: ArrayLike,
        colours: Sequence[str],
        symbols: Sequence[str] | None = None,
        **kwargs: Any,
    ) -> None:
        rows = np.asarray(vectors, dtype=float)
        names = [str(k) for k in range(rows.shape[0])]
        marks = list(symbols) if symbols is not None else [""] * len(names)
        super().__init__(
            {name: row for name, row in zip(names, rows, strict=True)},
            dict(zip(names, colours, strict=True)),
            dict(zip(names, marks, strict=True)),
            **kwargs,
        )
        self.names = names

    def set_vectors(self, vectors: ArrayLike) -> MovingVectors3D:
        """Move every arrow to new coordinates (shape N × 3), keeping the camera.

        Parameters
        ----------
        vectors
            The new coordinates, one row per vector.
        """
        rows = np.asarray(vectors, dtype=float)
        self._coords = {name: row for name, row in zip(self.names, rows, strict=True)}
        self.set_view(self.azimuth, self.elevation)
        return self

    def get_arrow_at(self, index: int) -> VMobject:
        """The arrow of row ``index``."""
        return self.get_arrow(self.names[index])


class LossCurve(VGroup):
    """A loss history on axes: x the step, y log10 of the loss, with ``10^k`` labels.

    Parameters
    ----------
    losses
        The loss after each step (positive), as computed by mathcore.
    width, height
        Size of the axes on screen.
    colour
        Colour of the curve.
    kwargs
        Additional parameters to be passed on to :class:`~manim.VGroup`.
    """

    def __init__(
        self,
        losses: ArrayLike,
        width: float = style.LOSS_WIDTH,
        height: float = style.LOSS_HEIGHT,
        colour: str | None = None,
        **kwargs: Any,
    ) -> None:
        colour = style.NEGATIVE if colour is None else colour
        super().__init__(**kwargs)
        values = np.log10(np.maximum(np.asarray(losses, dtype=float), 1e-12))
        self.log_losses = values
        low, high = math.floor(float(values.min())), math.ceil(float(values.max()))
        if high <= low:
            high = low + 1
        steps = len(values)
        tick = max(1, 10 ** math.floor(math.log10(max(steps, 1))) // 2 * 2)
        self.axes = Axes(
            x_range=[0, steps, tick],
            y_range=[low, high, 1],
            x_length=width,
            y_length=height,
            axis_config={"color": style.AXES, "include_tip": False, "font_size": style.NUMBER_SIZE},
            x_axis_config={"include_numbers": True},
        )
        self.curve = self.axes.plot_line_graph(
            np.arange(1, steps + 1), values, line_color=colour, add_vertex_dots=False,
            stroke_width=style.ARROW_STROKE / 2,
        )  # fmt: skip
        self.tick_labels = VGroup(
            *(
                MathTex(rf"10^{{{power}}}", font_size=style.NUMBER_SIZE).next_to(
                    self.axes.c2p(0, power), LEFT
                )
                for power in range(low, high + 1)
            )
        )
        self.add(self.axes, self.curve, self.tick_labels)

    def get_axes(self) -> Axes:
        """The axes (x: step, y: log10 loss)."""
        return self.axes

    def get_curve(self) -> VMobject:
        """The curve through every step's loss."""
        curve = self.curve["line_graph"]
        assert isinstance(curve, VMobject)
        return curve

    def get_tick_labels(self) -> VGroup:
        """The ``10^k`` labels beside the y axis."""
        return self.tick_labels

    def point_at(self, step: float) -> np.ndarray:
        """The curve's point at ``step`` (1 to the number of losses; interpolated between)."""
        clamped = min(max(step, 1.0), float(len(self.log_losses)))
        value = float(np.interp(clamped, np.arange(1, len(self.log_losses) + 1), self.log_losses))
        return np.asarray(self.axes.c2p(clamped, value))
