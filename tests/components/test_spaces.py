"""Components of the spaces family: geometry checked against the numbers they were given."""

from __future__ import annotations

import math

import numpy as np
import pytest
from manim import Axes

import mathcore
from scenes.visual.components import (
    AngleHistogram,
    FeatureNeuronMap,
    LossCurve,
    MovingVectors3D,
    ToleranceWedge,
)


def test_feature_neuron_map_draws_each_weight_as_a_line_opacity() -> None:
    weights = np.array([[1.0, 0.0, 0.5], [0.2, 1.0, 0.0], [0.0, 0.7, 1.0], [1.0, 1.0, 0.3]])
    picture = FeatureNeuronMap(["a", "b", "c", "a much longer feature name"], weights)
    for i in range(4):
        for j in range(3):
            assert picture.get_edge(i, j).get_stroke_opacity() == pytest.approx(weights[i, j])
        # Each line runs from the feature's name to the neuron.
        edge = picture.get_edge(i, 2)
        assert edge.get_start()[0] > picture.get_label(i).get_right()[0]
        assert edge.get_end()[0] == pytest.approx(picture.get_neuron(2).get_left()[0])
    assert picture.get_pattern(2) == pytest.approx([0.0, 0.7, 1.0])
    assert len(picture.get_neuron_edges(1)) == 4 and len(picture.get_feature_edges(0)) == 3
    with pytest.raises(ValueError):
        FeatureNeuronMap(["only one"], weights)


def test_tolerance_wedge_starts_at_the_origin_and_spans_the_tolerance() -> None:
    axes = Axes(x_range=[-1.5, 1.5], y_range=[-1.5, 1.5], x_length=3.6, y_length=3.6)
    axes.shift(np.array([2.0, -1.0, 0.0]))
    wedge = ToleranceWedge(axes, centre_deg=90, tolerance_deg=1, radius=1.4)
    assert np.allclose(wedge.get_apex(), axes.c2p(0, 0))
    assert wedge.angle == pytest.approx(math.radians(2))
    assert wedge.start_angle == pytest.approx(math.radians(89))
    # Its far end is straight above the origin, 1.4 axis units out.
    assert np.allclose(wedge.point_at(1.0), axes.c2p(0, 1.4), atol=1e-6)
    assert wedge.get_top()[1] == pytest.approx(axes.c2p(0, 1.4)[1], abs=1e-3)


def test_moving_vectors_follow_new_coordinates() -> None:
    start = np.eye(3)
    view = MovingVectors3D(start, ["#FFFFFF"] * 3, azimuth=-60, elevation=20, unit=2.0)
    moved = np.array([[0.0, 1.0, 0.0], [1.0, 0.0, 0.0], [0.0, 0.0, 1.0]])
    view.set_vectors(moved)
    origin = view.get_origin()
    for index, row in enumerate(moved):
        x, y, _ = mathcore.project(row, -60, 20)
        tip = origin + 2.0 * np.array([x, y, 0.0])
        assert np.allclose(view.get_arrow_at(index).get_end(), tip, atol=1e-6)


def test_loss_curve_points_follow_the_losses() -> None:
    losses = np.array([1000.0, 100.0, 10.0, 10.0])
    curve = LossCurve(losses)
    axes = curve.get_axes()
    assert np.allclose(curve.point_at(2), axes.c2p(2, 2.0))
    assert np.allclose(curve.point_at(1.5), axes.c2p(1.5, 2.5))  # halfway between steps
    assert len(curve.get_tick_labels()) == 3  # 10^1, 10^2, 10^3
    assert curve.get_curve().get_start()[0] == pytest.approx(axes.c2p(1, 3)[0])


def test_angle_histogram_writes_degrees_when_asked() -> None:
    edges, counts = np.linspace(0, 180, 7), np.array([1, 2, 3, 3, 2, 1])
    plain = AngleHistogram(edges, counts)
    marked = AngleHistogram(edges, counts, degrees=True)
    plain_numbers = plain.get_axes().x_axis.numbers
    marked_numbers = marked.get_axes().x_axis.numbers
    assert len(plain_numbers) == len(marked_numbers) > 0
    # The degree sign is one more glyph on every number.
    for a, b in zip(plain_numbers, marked_numbers, strict=True):
        assert len(b.submobjects) == len(a.submobjects) + 1
