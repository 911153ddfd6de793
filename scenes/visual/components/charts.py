"""Charts: stacked tallies, histogram bars, next-token probability bars."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from manim import (
    DL,
    DOWN,
    LEFT,
    RIGHT,
    Axes,
    MathTex,
    Rectangle,
    VGroup,
)

from scenes.visual import style
from scenes.visual.components.text import align_left_edges, fitted_text, tex_percent

__all__ = ["HistogramBars", "ProbabilityBars", "StackedBar"]


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
