r"""Charts of computed numbers: stacked tallies, histogram bars, angle histograms and
next-token probability bars.

Heights, shares and counts come from the caller (computed by :mod:`mathcore`); a chart only
scales them to the screen, so a bar is exactly as tall as its number in the axes' units::

    histogram = AngleHistogram(edges, sp.log_counts(counts), log_step=1)
    histogram.get_bar(0).set_fill(style.NEGATIVE)
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np
from manim import (
    DL,
    DOWN,
    LEFT,
    RIGHT,
    Axes,
    MathTex,
    Rectangle,
    Text,
    VGroup,
)
from numpy.typing import ArrayLike

from scenes.visual import style
from scenes.visual.components.text import align_left_edges, fitted_text, tex_percent

__all__ = [
    "AngleHistogram",
    "HistogramBars",
    "ProbabilityBars",
    "StackedBar",
]


class StackedBar(VGroup):
    """One horizontal bar split into segments proportional to the values (a tally).

    Parameters
    ----------
    values
        Name → value; zero values get no segment.
    colours
        Name → segment colour.
    width, height
        Size of the whole bar. A tiny share still gets a sliver of ``style.BAR_MIN_SEGMENT``,
        so with slivers the bar is a little wider than ``width``.
    kwargs
        Additional parameters to be passed on to :class:`~manim.VGroup`.
    """

    def __init__(
        self,
        values: Mapping[str, float],
        colours: Mapping[str, str],
        width: float = style.BAR_WIDTH,
        height: float = style.BAR_HEIGHT,
        **kwargs: Any,
    ) -> None:
        super().__init__(**kwargs)
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
        """The segment of ``name`` (only non-zero values have one).

        Parameters
        ----------
        name
            A key of ``values`` with a positive value.
        """
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
        Bar heights, e.g. counts or mathcore.log_counts(counts); negative heights are drawn
        as empty bins.
    colour
        Fill colour.
    kwargs
        Additional parameters to be passed on to :class:`~manim.VGroup`.
    """

    def __init__(
        self,
        axes: Axes,
        bin_edges: ArrayLike,
        heights: ArrayLike,
        colour: str | None = None,
        **kwargs: Any,
    ) -> None:
        colour = style.FIRST_NAME if colour is None else colour
        super().__init__(**kwargs)
        self.axes = axes
        self.bars: list[Rectangle] = []
        edges = np.asarray(bin_edges, dtype=float)
        tops = np.asarray(heights, dtype=float)
        for left, right, height in zip(edges[:-1], edges[1:], tops, strict=True):
            corner = axes.c2p(left, 0)
            top = axes.c2p(right, max(float(height), 0.0))
            bar = Rectangle(
                width=max(top[0] - corner[0], style.TINY),
                height=max(top[1] - corner[1], style.TINY),
                stroke_width=0,
            )
            bar.set_fill(colour, opacity=style.BAR_OPACITY)
            bar.move_to(corner, aligned_edge=DL)
            self.bars.append(bar)
            self.add(bar)

    def get_bar(self, index: int) -> Rectangle:
        """The bar of bin ``index``.

        Parameters
        ----------
        index
            Index of the bin, from the left.
        """
        return self.bars[index]


class AngleHistogram(VGroup):
    """A histogram of angles in degrees: axes with whole-degree ticks, the bars, and, for
    heights on a log10 scale, the labels ``10^0, 10^1, ...`` left of the y axis.

    Parameters
    ----------
    bin_edges
        Edges of the bins in degrees (one more than heights).
    heights
        Bar heights: counts, or log10 counts (``mathcore.superposition.log_counts``) with
        ``log_step`` given.
    x_range
        (first, last, tick step) of the x axis in degrees; by default the outer bin edges,
        with fine ticks (``style.ZOOM_TICK``) for windows up to ``style.ZOOM_SPAN`` wide and
        coarse ones (``style.FULL_TICK``) otherwise.
    top
        Height at the top of the y axis; by default the tallest bar (rounded up to a whole
        power of ten on a log scale). Give it to draw several histograms on equal axes.
    width, height
        Size of the axes on screen.
    colour
        Fill colour of the bars.
    log_step
        If given, the heights are log10 counts and every ``log_step``-th power of ten is
        labelled beside the y axis; if None, no labels.
    degrees
        Write the x axis's numbers with a degree sign (``90°``).
    number_size
        Font size of the axis numbers and of the ``10^k`` labels.
    kwargs
        Additional parameters to be passed on to :class:`~manim.VGroup`.
    """

    def __init__(
        self,
        bin_edges: ArrayLike,
        heights: ArrayLike,
        x_range: tuple[float, float, float] | None = None,
        top: float | None = None,
        width: float = style.CONTENT_WIDTH,
        height: float = style.HISTOGRAM_HEIGHT,
        colour: str | None = None,
        log_step: int | None = None,
        degrees: bool = False,
        number_size: float = style.SMALL_SIZE,
        **kwargs: Any,
    ) -> None:
        colour = style.FIRST_NAME if colour is None else colour
        super().__init__(**kwargs)
        edges = np.asarray(bin_edges, dtype=float)
        tops = np.asarray(heights, dtype=float)
        if x_range is None:
            low, high = float(edges[0]), float(edges[-1])
            step = style.ZOOM_TICK if high - low <= style.ZOOM_SPAN else style.FULL_TICK
            x_range = (low, high, step)
        if top is None:
            tallest = float(tops.max(initial=0.0))
            top = float(math.ceil(tallest)) if log_step is not None else tallest
        if top <= 0:
            top = 1.0  # an empty histogram still gets a y axis
        self.bin_edges = edges
        self.colour = colour
        self.axes = Axes(
            x_range=list(x_range),
            y_range=[0, top, top],
            x_length=width,
            y_length=height,
            axis_config={"color": style.AXES, "include_tip": False, "font_size": number_size},
            x_axis_config={
                "include_numbers": True,
                "decimal_number_config": {
                    "num_decimal_places": 0,
                    **({"unit": r"^{\circ}"} if degrees else {}),
                },
            },
            y_axis_config={"include_ticks": False},
        )
        self.bars = HistogramBars(self.axes, edges, tops, colour)
        self.tick_labels = VGroup()
        if log_step is not None:
            for power in range(0, int(top) + log_step, log_step):
                label = MathTex(rf"10^{{{power}}}", font_size=number_size)
                self.tick_labels.add(label.next_to(self.axes.c2p(x_range[0], power), LEFT))
        self.add(self.axes, self.bars, self.tick_labels)

    def get_axes(self) -> Axes:
        """The axes (x in degrees, y in the heights' units)."""
        return self.axes

    def get_bars(self) -> HistogramBars:
        """All the bars, left to right."""
        return self.bars

    def get_bar(self, index: int) -> Rectangle:
        """The bar of bin ``index``.

        Parameters
        ----------
        index
            Index of the bin, from the left.
        """
        return self.bars.get_bar(index)

    def get_tick_labels(self) -> VGroup:
        """The ``10^k`` labels beside the y axis (empty unless ``log_step`` was given)."""
        return self.tick_labels

    def bars_for(self, heights: ArrayLike, colour: str | None = None) -> HistogramBars:
        """Bars for other heights over the same bins and axes, e.g. to transform into.

        Parameters
        ----------
        heights
            One height per bin, in the axes' units.
        colour
            Fill colour; by default the histogram's.
        """
        return HistogramBars(self.axes, self.bin_edges, heights, colour or self.colour)


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
        Colour of the most likely word's bar and percentage (the others are muted).
    kwargs
        Additional parameters to be passed on to :class:`~manim.VGroup`.
    """

    def __init__(
        self,
        words: Sequence[str],
        probabilities: ArrayLike,
        width: float = style.PROBABILITY_WIDTH,
        colour: str | None = None,
        **kwargs: Any,
    ) -> None:
        colour = style.POSITIVE if colour is None else colour
        super().__init__(**kwargs)
        shares = np.asarray(probabilities, dtype=float)
        best = int(np.argmax(shares))
        self.rows = VGroup()
        self._rows: list[VGroup] = []
        self.words: list[Text] = []
        self.bars: list[Rectangle] = []
        self.shares: list[MathTex] = []
        for index, (word, p) in enumerate(zip(words, shares, strict=True)):
            tint = colour if index == best else style.MUTED
            label = fitted_text(word, style.PROBABILITY_LABEL, style.TEXT, style.BODY_SIZE)
            bar = Rectangle(
                width=max(width * float(p), style.TINY), height=style.PROBABILITY_HEIGHT
            )
            bar.set_fill(tint, opacity=style.BAR_OPACITY).set_stroke(width=0)
            share = MathTex(tex_percent(float(p)), font_size=style.MATH_SIZE, color=tint)
            self.words.append(label)
            self.bars.append(bar)
            self.shares.append(share)
            row = VGroup(label, bar, share).arrange(RIGHT, buff=style.ITEM_GAP)
            self._rows.append(row)
            self.rows.add(row)
        self.rows.arrange(DOWN, aligned_edge=LEFT, buff=style.ROW_GAP)
        labels_right = max(label.get_right()[0] for label in self.words)
        for label, bar, share in zip(self.words, self.bars, self.shares, strict=True):
            bar.match_y(label)
            align_left_edges([bar], labels_right + style.SECTION_GAP)
            share.next_to(bar, RIGHT, buff=style.ITEM_GAP)
        self.add(self.rows)
        self.best = best

    def get_bar(self, index: int) -> Rectangle:
        """The bar of word ``index``.

        Parameters
        ----------
        index
            Index of the word in ``words``.
        """
        return self.bars[index]

    def get_row(self, index: int) -> VGroup:
        """(word, bar, percentage) of word ``index``.

        Parameters
        ----------
        index
            Index of the word in ``words``.
        """
        return self._rows[index]

    def get_best(self) -> int:
        """Index of the most likely word (the highlighted row)."""
        return self.best
