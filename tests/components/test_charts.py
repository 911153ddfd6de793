"""Chart components: structure tests, then one control frame per component."""

from __future__ import annotations

import itertools

import numpy as np
import pytest
from helpers import cached_latex
from manim import Axes, MathTex, Rectangle, Scene
from manim.utils.testing.frames_comparison import frames_comparison

from scenes.visual import style
from scenes.visual.components import (
    AngleHistogram,
    HistogramBars,
    ProbabilityBars,
    StackedBar,
)

__module_test__ = "components"

TALLY = {"embedding": 617.0, "attention": 2_400.0, "mlp": 4_800.0, "norms": 0.0}
WORDS = ["basketball", "baseball", "golf", "tennis"]
PROBABILITIES = [0.62, 0.21, 0.12, 0.05]
ZOOM_EDGES = np.linspace(80.0, 100.0, 21)
ZOOM_COUNTS = np.array([0, 0, 1, 2, 4, 8, 15, 30, 60, 90, 100, 92, 61, 28, 14, 9, 3, 2, 1, 0])
FULL_EDGES = np.linspace(0.0, 180.0, 37)
FULL_COUNTS = np.zeros(36, dtype=int)
FULL_COUNTS[[0, 35]] = [3_000, 2_500]
FULL_COUNTS[17:19] = [90_000, 88_000]
FULL_COUNTS[[4, 30]] = [6, 11]


def fill_hex(mobject: Rectangle) -> str:
    return str(mobject.get_fill_color().to_hex()).upper()


def axes_height(axes: Axes, y: float) -> float:
    return float(axes.c2p(0, y)[1] - axes.c2p(0, 0)[1])


class TestStackedBar:
    def test_widths_proportional_and_summing_to_the_width(self) -> None:
        bar = StackedBar(TALLY, style.COMPONENT_COLOURS, width=10.0)
        total = sum(TALLY.values())
        names = bar.get_names()
        assert names == ["embedding", "attention", "mlp"]  # zero values get no segment
        for name in names:
            assert bar.get_segment(name).width == pytest.approx(10.0 * TALLY[name] / total)
        assert sum(bar.get_segment(n).width for n in names) == pytest.approx(10.0)
        assert bar.width == pytest.approx(10.0)

    def test_segments_left_to_right_without_gaps(self) -> None:
        bar = StackedBar(TALLY, style.COMPONENT_COLOURS)
        segments = [bar.get_segment(n) for n in bar.get_names()]
        for left, right in itertools.pairwise(segments):
            assert left.get_right()[0] == pytest.approx(right.get_left()[0])
        for name, segment in zip(bar.get_names(), segments, strict=True):
            assert fill_hex(segment) == style.COMPONENT_COLOURS[name]

    def test_tiny_share_gets_a_sliver(self) -> None:
        bar = StackedBar({"mlp": 1e9, "norms": 1.0}, style.COMPONENT_COLOURS, width=10.0)
        assert bar.get_segment("norms").width == pytest.approx(style.BAR_MIN_SEGMENT)

    def test_kwargs_reach_vgroup(self) -> None:
        assert StackedBar(TALLY, style.COMPONENT_COLOURS, name="tally").name == "tally"


class TestHistogramBars:
    axes = Axes(x_range=[80, 100, 5], y_range=[0, 100, 100], x_length=8, y_length=3)

    def test_heights_match_axes_units(self) -> None:
        bars = HistogramBars(self.axes, ZOOM_EDGES, ZOOM_COUNTS)
        assert len(bars) == len(ZOOM_COUNTS)
        for index, count in enumerate(ZOOM_COUNTS):
            bar = bars.get_bar(index)
            if count > 0:
                assert bar.height == pytest.approx(axes_height(self.axes, count))
            assert bar.get_left()[0] == pytest.approx(self.axes.c2p(ZOOM_EDGES[index], 0)[0])
            assert bar.get_right()[0] == pytest.approx(self.axes.c2p(ZOOM_EDGES[index + 1], 0)[0])
            assert bar.get_bottom()[1] == pytest.approx(self.axes.c2p(80, 0)[1])

    def test_empty_and_negative_bins_are_flat(self) -> None:
        bars = HistogramBars(self.axes, [80, 90, 100], [0, -5])
        assert bars.get_bar(0).height == pytest.approx(0, abs=1e-6)
        assert bars.get_bar(1).height == pytest.approx(0, abs=1e-6)

    def test_kwargs_reach_vgroup(self) -> None:
        assert HistogramBars(self.axes, [80, 90], [1], z_index=2).z_index == 2


class TestAngleHistogram:
    def test_zoomed_window_has_fine_ticks_and_no_log_labels(self) -> None:
        histogram = AngleHistogram(ZOOM_EDGES, ZOOM_COUNTS)
        axes = histogram.get_axes()
        assert list(axes.x_range) == [80.0, 100.0, style.ZOOM_TICK]
        assert list(axes.y_range) == [0.0, 100.0, 100.0]
        assert len(histogram.get_tick_labels()) == 0
        assert list(histogram.submobjects) == [
            axes,
            histogram.get_bars(),
            histogram.get_tick_labels(),
        ]

    def test_bars_stand_on_the_axes(self) -> None:
        histogram = AngleHistogram(ZOOM_EDGES, ZOOM_COUNTS, top=200.0).shift(
            np.array([1.0, -2.0, 0.0])
        )
        axes = histogram.get_axes()
        assert list(axes.y_range) == [0.0, 200.0, 200.0]
        bar = histogram.get_bar(10)
        assert bar is histogram.get_bars()[10]
        assert bar.height == pytest.approx(axes_height(axes, ZOOM_COUNTS[10]))
        assert bar.get_left()[0] == pytest.approx(axes.c2p(90.0, 0)[0])

    def test_log_scale_labels(self) -> None:
        heights = np.log10(1.0 + FULL_COUNTS)
        histogram = AngleHistogram(FULL_EDGES, heights, log_step=1)
        axes = histogram.get_axes()
        assert list(axes.x_range) == [0.0, 180.0, style.FULL_TICK]
        assert axes.y_range[1] == 5.0  # log10(90,001) rounded up
        labels = histogram.get_tick_labels()
        assert [label.get_tex_string() for label in labels] == [f"10^{{{k}}}" for k in range(6)]
        for power, label in enumerate(labels):
            assert isinstance(label, MathTex)
            assert label.get_right()[0] < axes.c2p(0, 0)[0]
            assert label.get_y() == pytest.approx(axes.c2p(0, power)[1])

    def test_bars_for_other_heights_share_the_axes(self) -> None:
        histogram = AngleHistogram(ZOOM_EDGES, ZOOM_COUNTS, colour=style.LAST_NAME)
        other = histogram.bars_for(ZOOM_COUNTS[::-1])
        assert other.axes is histogram.get_axes()
        assert other.get_bar(0).height == pytest.approx(histogram.get_bar(19).height)
        assert fill_hex(other.get_bar(9)) == style.LAST_NAME

    def test_empty_histogram_still_has_axes(self) -> None:
        histogram = AngleHistogram([0.0, 90.0, 180.0], [0, 0])
        assert histogram.get_axes().y_range[1] == 1.0

    def test_kwargs_reach_vgroup(self) -> None:
        assert AngleHistogram(ZOOM_EDGES, ZOOM_COUNTS, name="angles").name == "angles"


class TestProbabilityBars:
    def test_best_row_uses_the_highlight_colour(self) -> None:
        bars = ProbabilityBars(WORDS, PROBABILITIES, colour=style.HIGHLIGHT)
        assert bars.get_best() == 0
        for index in range(len(WORDS)):
            expected = style.HIGHLIGHT if index == 0 else style.MUTED
            assert fill_hex(bars.get_bar(index)) == expected
            share = bars.get_row(index)[2]
            assert str(share.get_color().to_hex()).upper() == expected

    def test_bar_lengths_proportional_and_aligned(self) -> None:
        bars = ProbabilityBars(WORDS, PROBABILITIES, width=4.0)
        lefts = [bars.get_bar(i).get_left()[0] for i in range(len(WORDS))]
        assert lefts == pytest.approx([lefts[0]] * len(WORDS))
        for index, p in enumerate(PROBABILITIES):
            row = bars.get_row(index)
            assert bars.get_bar(index).width == pytest.approx(4.0 * p)
            assert row[0].get_right()[0] < lefts[0]
            assert row[2].get_left()[0] > bars.get_bar(index).get_right()[0]

    def test_kwargs_reach_vgroup(self) -> None:
        assert ProbabilityBars(WORDS, PROBABILITIES, name="next").name == "next"


# -- graphical ---------------------------------------------------------------------------


@frames_comparison(custom_config=cached_latex(), background_color=style.BACKGROUND)
def test_stacked_bar(scene: Scene) -> None:
    scene.add(StackedBar(TALLY, style.COMPONENT_COLOURS))


@frames_comparison(custom_config=cached_latex(), background_color=style.BACKGROUND)
def test_histogram_bars(scene: Scene) -> None:
    axes = Axes(x_range=[80, 100, 5], y_range=[0, 100, 100], x_length=8, y_length=3)
    scene.add(axes, HistogramBars(axes, ZOOM_EDGES, ZOOM_COUNTS))


@frames_comparison(custom_config=cached_latex(), background_color=style.BACKGROUND)
def test_angle_histogram(scene: Scene) -> None:
    histogram = AngleHistogram(
        FULL_EDGES, np.log10(1.0 + FULL_COUNTS), width=style.REVEAL_WIDTH, log_step=1
    )
    histogram.get_bar(0).set_fill(style.NEGATIVE)
    scene.add(histogram)


@frames_comparison(custom_config=cached_latex(), background_color=style.BACKGROUND)
def test_probability_bars(scene: Scene) -> None:
    scene.add(ProbabilityBars(WORDS, PROBABILITIES))
