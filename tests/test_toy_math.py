"""The toy clip's math: projections, the moving vector's path, and angles from displayed
dot products; and the arithmetic the ToyDirections and Opening clips show, as displayed."""

from __future__ import annotations

import itertools
import math
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

import mathcore
from mathcore.directions import path_point, projection_onto, reading_band
from mathcore.geometry import displayed_angle
from scenes.config import load_clip

ROOT = Path(__file__).resolve().parents[1]
TOY_CONFIGS = [
    ROOT / "configs" / "toy_directions.yaml",
    ROOT / "tests" / "configs" / "toy_directions_second_fact.yaml",
    ROOT / "tests" / "configs" / "toy_directions_long_names.yaml",
]


def test_projection_onto_unit_and_scaled_directions() -> None:
    dot, foot = projection_onto([3.0, 4.0, 0.0], [1.0, 0.0, 0.0])
    assert dot == 3.0 and np.allclose(foot, [3.0, 0.0, 0.0])
    # A non-unit direction: the foot is still the orthogonal projection.
    dot, foot = projection_onto([1.0, 2.0, 3.0], [0.0, 2.0, 0.0])
    assert dot == 4.0 and np.allclose(foot, [0.0, 2.0, 0.0])


@given(
    st.lists(st.floats(-5, 5), min_size=3, max_size=3),
    st.lists(st.floats(-5, 5), min_size=3, max_size=3).filter(
        lambda u: float(np.linalg.norm(u)) > 0.1
    ),
)
def test_the_perpendicular_is_perpendicular(v: list[float], u: list[float]) -> None:
    _dot, foot = projection_onto(v, u)
    assert abs(float((np.asarray(v) - foot) @ np.asarray(u))) < 1e-9 * (1 + np.linalg.norm(v))


def test_path_point_hits_every_stop_and_moves_linearly() -> None:
    stops = np.array([[0.0, 0.0], [2.0, 0.0], [2.0, 4.0]])
    for index, stop in enumerate(stops):
        assert np.allclose(path_point(stops, index), stop)
    assert np.allclose(path_point(stops, 0.25), [0.5, 0.0])
    assert np.allclose(path_point(stops, 1.5), [2.0, 2.0])
    assert np.allclose(path_point(stops, -1), stops[0])
    assert np.allclose(path_point(stops, 9), stops[-1])
    assert np.allclose(path_point(stops[:1], 0.7), stops[0])


def test_displayed_angle_is_the_arccos_of_the_shown_value() -> None:
    shown, degrees = displayed_angle(0.0532, 2)
    assert shown == 0.05
    assert degrees == pytest.approx(math.degrees(math.acos(0.05)))
    assert f"{degrees:.1f}" == "87.1"  # arccos(0.0532) would show 87.0
    assert (
        displayed_angle(-0.001, 2)[0] == 0.0
        and math.copysign(1, displayed_angle(-0.001, 2)[0]) == 1
    )


@pytest.mark.parametrize("path", TOY_CONFIGS, ids=lambda p: p.stem)
def test_toy_readouts_as_displayed(path: Path) -> None:
    """The full-name vector M + J reads 1 + M·J along each name and M·B + J·B along the
    attribute (closed form from the pairwise dot products): yes for both names, not yes for
    the attribute;
    each angle is arccos of its displayed dot product; every reading stop shows the value
    the config asked for."""
    clip = load_clip(path)
    toy = clip.toy  # type: ignore[attr-defined]
    d = mathcore.named_directions(("first", "last", "attribute"), toy.d_model, clip.seed, toy.tilt)
    gram = d.dot_products()
    full = d["first"] + d["last"]
    readings = [float(u @ full) for u in d.vectors]
    closed_form = [1 + gram[0, 1], 1 + gram[0, 1], gram[0, 2] + gram[1, 2]]
    assert readings == pytest.approx(closed_form, abs=1e-12)
    bands = [reading_band(round(v, toy.decimals), toy.tolerance) for v in readings]
    yes = reading_band(1.0, toy.tolerance)
    assert bands[:2] == [yes, yes] and bands[2] != yes  # the fact is not stored yet
    for i, j in ((0, 1), (0, 2), (1, 2)):
        value, degrees = displayed_angle(gram[i, j], toy.decimals)
        assert math.cos(math.radians(degrees)) == pytest.approx(value, abs=1e-12)
        assert 60 < degrees < 120
    coords = mathcore.span_coordinates(d.vectors, [*d.vectors, *(
        d.encode({"first": s.first, "last": s.last, "attribute": s.attribute}) for s in toy.stops
    )])  # fmt: skip
    m = coords[0]
    for stop, point in zip(toy.stops, coords[3:], strict=True):
        assert projection_onto(point, m)[0] == pytest.approx(stop.first, abs=1e-9)


def test_toy_scene_sum_line_adds_up_as_displayed() -> None:
    from scenes.clips.toy_directions import ToyDirections

    for path in TOY_CONFIGS:
        scene = ToyDirections(load_clip(path))  # type: ignore[arg-type]
        scene.prepare()
        line = scene.sum_line().get_tex_string()
        m_e, j_e = scene.dot("first", "encoding"), scene.dot("last", "encoding")
        decimals = scene.clip.toy.decimals
        terms = f"{mathcore.fixed(m_e, decimals)} + {mathcore.fixed(j_e, decimals)}"
        assert terms in line
        assert line.endswith(f"= {mathcore.fixed(round(m_e + j_e, decimals), decimals)}")


def test_full_name_readouts_are_the_sums_of_the_token_readouts_shown() -> None:
    """The attention beat shows each token's readouts (M alone, J alone), then the Jordan
    token's become those of M + J: each new value must be the sum of the two shown before,
    digit for digit (B·M = 0.10 and B·J = -0.02 may not add up to a shown 0.07)."""
    from scenes.clips.toy_directions import FEATURES, ToyDirections

    for path in TOY_CONFIGS:
        scene = ToyDirections(load_clip(path))  # type: ignore[arg-type]
        scene.prepare()
        decimals = scene.clip.toy.decimals
        for key in FEATURES:
            row = scene.directions.vectors[FEATURES.index(key)]
            alone = [scene.readout(key, "encoding", float(row @ v)) for v in scene.token_vectors]
            shown = [r.get_value().get_value() for r in alone]
            full = scene.readout(key, "encoding").get_value().get_value()
            assert full == pytest.approx(round(sum(shown), decimals), abs=1e-12)


@pytest.mark.parametrize(
    "path",
    [ROOT / "configs" / "opening.yaml", ROOT / "tests" / "configs" / "opening_second_fact.yaml"],
)
def test_opening_count_and_share(path: Path) -> None:
    """The count shown is the model's total; the MLP share is the MLP part of it."""
    from scenes.clips.opening import Opening

    clip = load_clip(path)
    scene = Opening(clip)  # type: ignore[arg-type]
    scene.prepare()
    count = mathcore.count_parameters(clip.model.to_shape(), clip.convention)  # type: ignore[attr-defined]
    assert scene.count.total == sum(count.components.values())
    share = count.components["mlp"] / count.total
    assert scene.mlp_share == mathcore.percent(share, 0)
    assert 0.3 < share < 0.95


def test_reading_band_edges() -> None:
    """About 1 or more: yes; about 0 or negative: no; between: partial."""
    from mathcore.directions import reading_band

    assert [reading_band(v, 0.1) for v in (1.0, 1.3, 0.9, 0.89, 0.5, 0.11, 0.1, 0.0, -0.6)] == [
        "yes", "yes", "yes", "partial", "partial", "partial", "no", "no", "no",
    ]  # fmt: skip
    assert reading_band(0.999, 0.0) == "partial" and reading_band(0.0, 0.0) == "no"
    with pytest.raises(ValueError):
        reading_band(0.5, 0.5)


@pytest.mark.parametrize("path", TOY_CONFIGS, ids=lambda p: p.stem)
def test_reading_lights_the_line_its_value_means(path: Path) -> None:
    """At every stop of the reading beat the lit status line is the one the shown value
    belongs to (1.30 lights "Michael", not "in between"), and only that one is lit. The
    lines are, in order: is the feature, is not, in between."""
    from scenes.clips.toy_directions import ToyDirections

    scene = ToyDirections(load_clip(path))  # type: ignore[arg-type]
    scene.prepare()
    toy = scene.clip.toy
    lines = scene.status_lines()
    for index, stop in enumerate(toy.stops):
        scene.t.set_value(index)
        lines.update()
        value = stop.first
        expected = 0 if value >= 1 - toy.tolerance else 1 if value <= toy.tolerance else 2
        lit = [i for i, line in enumerate(lines) if line.get_fill_opacity() == 1.0]
        assert lit == [expected]
        assert scene.reading() == pytest.approx(value, abs=10**-toy.decimals)


def test_arc_between_spans_the_angle() -> None:
    """Every arc point is at the radius, the ends lie along a and b, and consecutive points
    are equally spaced in angle (closed form: θ / (samples - 1))."""
    from mathcore.directions import arc_between

    a, b = np.array([1.0, 0.0, 0.0]), np.array([1.0, 1.0, 0.0])
    points = arc_between(a, b, 0.5, 10)
    assert np.allclose(np.linalg.norm(points, axis=1), 0.5)
    assert np.allclose(points[0], [0.5, 0.0, 0.0])
    assert np.allclose(points[-1], 0.5 * b / np.linalg.norm(b))
    steps = [math.acos(np.clip(p @ q / 0.25, -1, 1)) for p, q in itertools.pairwise(points)]
    assert np.allclose(steps, (math.pi / 4) / 9)
    with pytest.raises(ValueError):
        arc_between(a, 2 * a, 1.0)


unit_vectors = st.lists(st.floats(-1, 1), min_size=3, max_size=3).filter(
    lambda v: float(np.linalg.norm(v)) > 0.2
)


@given(unit_vectors, unit_vectors)
def test_facing_camera_shows_the_angle_at_its_true_size(a: list[float], b: list[float]) -> None:
    """Looking along a × b: a lies along the screen's x axis at its full length, b in the
    screen's plane at the angle the law of cosines gives (|a − b|² = |a|² + |b|² − 2|a||b|
    cos θ), anticlockwise; the camera is a rotation."""
    from mathcore.directions import facing_camera

    u, v = np.asarray(a), np.asarray(b)
    la, lb = float(np.linalg.norm(u)), float(np.linalg.norm(v))
    cosine = (la**2 + lb**2 - float(np.linalg.norm(u - v)) ** 2) / (2 * la * lb)
    if abs(cosine) > 0.999:  # (nearly) parallel: no plane to face
        return
    camera = facing_camera(u, v)
    assert np.allclose(camera @ camera.T, np.eye(3), atol=1e-9)
    assert np.linalg.det(camera) == pytest.approx(1.0)
    assert np.allclose(camera @ u, [la, 0.0, 0.0], atol=1e-9)
    theta = math.acos(cosine)
    assert np.allclose(camera @ v, [lb * math.cos(theta), lb * math.sin(theta), 0.0], atol=1e-7)


def test_facing_camera_refuses_parallel_directions() -> None:
    from mathcore.directions import facing_camera

    with pytest.raises(ValueError):
        facing_camera([1.0, 2.0, 3.0], [-2.0, -4.0, -6.0])


def test_turn_camera_ends_and_turns_at_a_steady_rate() -> None:
    """C(0) and C(1) are the two cameras; halfway, the camera has turned half the angle
    (rotation angle from the trace: cos φ = (tr R − 1) / 2) and is still a rotation."""
    from mathcore.directions import turn_camera

    start, end = mathcore.camera_axes(-20.0, 20.0), mathcore.camera_axes(70.0, 85.0)

    def angle(c0: np.ndarray, c1: np.ndarray) -> float:
        return math.acos(np.clip((np.trace(c0.T @ c1) - 1) / 2, -1.0, 1.0))

    assert np.allclose(turn_camera(start, end, 0.0), start)
    assert np.allclose(turn_camera(start, end, 1.0), end)
    half = turn_camera(start, end, 0.5)
    assert np.allclose(half @ half.T, np.eye(3))
    assert angle(start, half) == pytest.approx(angle(start, end) / 2)
    assert angle(half, end) == pytest.approx(angle(start, end) / 2)


@pytest.mark.parametrize(("azimuth", "elevation"), [(-20.0, 20.0), (135.0, -40.0), (0.0, 89.0)])
def test_camera_angles_undo_camera_axes(azimuth: float, elevation: float) -> None:
    from mathcore.directions import camera_angles

    assert camera_angles(mathcore.camera_axes(azimuth, elevation)) == pytest.approx(
        (azimuth, elevation)
    )


@pytest.mark.parametrize("path", TOY_CONFIGS, ids=lambda p: p.stem)
def test_reading_is_what_the_ruler_shows(path: Path) -> None:
    """In the reading beat's view, at every stop: the perpendicular from E's drawn tip meets
    M's drawn line at right angles on screen, and its foot, measured along the ruler in
    units of the drawn M arrow (screen positions, not the math), is the value displayed
    (to the shown digits); the lit band is the one that value falls in."""
    from scenes.clips.toy_directions import ToyDirections

    scene = ToyDirections(load_clip(path))  # type: ignore[arg-type]
    scene.prepare()
    toy = scene.clip.toy
    scene.view.set_camera(scene.reading_camera())
    ruler = scene.reading_ruler()
    marks = scene.moving_marks()
    live = scene.live_readout()
    arrow = scene.view.get_arrow("first")
    zero, one = arrow.get_start(), arrow.get_end()
    unit = one - zero
    for index, stop in enumerate(toy.stops):
        scene.t.set_value(index)
        scene.refresh(*marks, live, ruler)
        tip, foot = marks[0].get_end(), marks[4].get_center()
        assert abs(float((tip - foot) @ unit)) < 1e-3 * float(np.linalg.norm(tip - foot) + 1)
        measured = float((foot - zero) @ unit) / float(unit @ unit)
        shown = live[1].get_value()
        assert round(measured, toy.decimals) == pytest.approx(shown)
        assert shown == pytest.approx(stop.first, abs=10**-toy.decimals)
        lit = [i for i, band in enumerate(ruler[1]) if band.get_stroke_opacity() == 1.0]
        value = stop.first
        assert lit == [0 if value >= 1 - toy.tolerance else 1 if value <= toy.tolerance else 2]


@pytest.mark.parametrize("path", TOY_CONFIGS, ids=lambda p: p.stem)
def test_face_on_angles_are_the_angles_shown(path: Path) -> None:
    """Facing each pair, the angle between the two drawn arrows, measured on screen from
    their ends, is the θ the panel shows beside the pair (the arccos of the displayed dot
    product; the two differ by less than the last digit's rounding) and the label on the arc
    says the same."""
    from scenes.clips.toy_directions import PAIRS, ToyDirections

    scene = ToyDirections(load_clip(path))  # type: ignore[arg-type]
    scene.prepare()
    toy = scene.clip.toy
    for a, b in PAIRS:
        scene.view.set_camera(mathcore.directions.facing_camera(scene.coords[a], scene.coords[b]))
        ends = []
        for key in (a, b):
            arrow = scene.view.get_arrow(key)
            ends.append(arrow.get_end() - arrow.get_start())
        cosine = float(ends[0] @ ends[1]) / float(np.linalg.norm(ends[0]) * np.linalg.norm(ends[1]))
        on_screen = math.degrees(math.acos(cosine))
        row = scene.angle_row(a, b)[1].get_tex_string()
        label = scene.arc_label(a, b).get_tex_string()
        shown = float(row.split(r"\approx")[1].split("^")[0])
        assert label.startswith(f"{shown:.1f}")
        step = 10**-toy.decimals / 2  # the dot product's rounding moves arccos by at most
        assert on_screen == pytest.approx(shown, abs=math.degrees(step) * 1.01 + 0.05)
