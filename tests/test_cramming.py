"""mathcore.cramming against known optima, brute force and closed forms."""

import itertools
import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mathcore import cramming


@pytest.mark.parametrize(("n", "dim"), [(2, 2), (3, 3), (2, 3), (4, 5)])
def test_at_most_d_vectors_become_exactly_perpendicular(n: int, dim: int) -> None:
    run = cramming.best_cram(n, dim, seed=0)
    assert run.worst_angle_deg[-1] == pytest.approx(90.0, abs=0.1)
    gram = run.final @ run.final.T
    assert np.allclose(gram, np.eye(n), atol=2e-3)


def test_four_lines_in_the_plane_end_45_degrees_apart() -> None:
    # The optimum for 4 lines in R^2: 0°, 45°, 90°, 135° (every neighbour 45° apart).
    run = cramming.best_cram(4, 2, seed=0)
    assert run.worst_angle_deg[-1] == pytest.approx(45.0, abs=0.1)
    assert run.worst_angle_deg[-1] <= 45.0 + 1e-9  # nothing beats the optimum


def test_six_lines_in_space_reach_the_icosahedron() -> None:
    # The six diagonals of the icosahedron: every pair at arccos(1/√5) = 63.43°, the best
    # any six lines in R^3 can do (Conway, Hardin & Sloane's packings of lines).
    icosahedron = math.degrees(math.acos(1 / math.sqrt(5)))
    run = cramming.best_cram(6, 3, seed=0)
    assert run.worst_angle_deg[-1] == pytest.approx(icosahedron, abs=0.15)
    assert np.allclose(run.pair_angles_deg(), icosahedron, atol=0.5)  # all pairs equal


def test_start_is_seeded_and_runs_are_deterministic() -> None:
    first, again = cramming.cram(8, 3, seed=4, steps=30), cramming.cram(8, 3, seed=4, steps=30)
    assert np.array_equal(first.vectors, again.vectors)
    assert np.allclose(first.vectors[0], cramming.seeded_directions(8, 3, 4))
    assert first.vectors.shape == (31, 8, 3) and first.steps == 30
    assert np.allclose(np.linalg.norm(first.vectors, axis=2), 1.0)  # always on the sphere
    other = cramming.cram(8, 3, seed=5, steps=30)
    assert not np.array_equal(first.vectors, other.vectors)


def test_optimiser_improves_the_worst_pair() -> None:
    run = cramming.cram(10, 3, seed=2)
    assert run.worst_angle_deg[-1] > run.worst_angle_deg[0] + 10
    # Ten lines in R^3 cannot all be 60° apart (six is the most that can, at 63.4°).
    assert run.worst_angle_deg[-1] < 60.0


@settings(max_examples=25, deadline=None)
@given(st.integers(2, 9), st.integers(1, 5), st.integers(0, 1000))
def test_worst_pair_equals_brute_force(n: int, dim: int, seed: int) -> None:
    vectors = cramming.seeded_directions(n, dim, seed)
    angle, i, j = cramming.worst_pair(vectors)
    brute = {
        (a, b): math.degrees(math.acos(min(1.0, abs(float(vectors[a] @ vectors[b])))))
        for a, b in itertools.combinations(range(n), 2)
    }
    assert angle == pytest.approx(min(brute.values()), abs=1e-6)
    assert brute[(i, j)] == pytest.approx(angle, abs=1e-6)
    assert sorted(cramming.line_angles_deg(vectors)) == pytest.approx(sorted(brute.values()))


def test_fourth_vector_bound_by_brute_force_over_the_sphere() -> None:
    # Over a fine grid of the sphere, the best a fourth direction can do against the three
    # axes (its worst angle to them, as far from 0° as possible) is the cube's diagonal.
    theta, phi = np.meshgrid(np.linspace(0, np.pi, 721), np.linspace(0, 2 * np.pi, 1441))
    points = np.stack([np.sin(theta) * np.cos(phi), np.sin(theta) * np.sin(phi), np.cos(theta)])
    worst_lean = 90 - np.degrees(np.arccos(np.abs(points).max(axis=0)))
    assert worst_lean.min() == pytest.approx(cramming.fourth_vector_bound_deg(), abs=0.05)
    assert cramming.fourth_vector_bound_deg() == pytest.approx(35.26, abs=0.01)


def test_jostle_path_never_beats_the_bound_and_ends_at_the_diagonal() -> None:
    path = cramming.jostle_path(90, seed=0)
    assert path.shape == (90, 3) and np.allclose(np.linalg.norm(path, axis=1), 1.0)
    bound = cramming.fourth_vector_bound_deg()
    leans = [90 - cramming.axis_angles_deg(p).min() for p in path]
    assert min(leans) >= bound - 1e-6
    assert leans[-1] == pytest.approx(bound, abs=1e-6)
    assert max(leans) > bound + 5  # it does wander
    steps = np.degrees(np.arccos(np.clip(np.sum(path[1:] * path[:-1], axis=1), -1, 1)))
    assert steps.max() < 10  # smooth motion: no jumps between frames


def test_axis_angles() -> None:
    assert cramming.axis_angles_deg(np.array([1.0, 0, 0])) == pytest.approx([0, 90, 90])
    assert cramming.axis_angles_deg(np.array([-2.0, 2.0, 0])) == pytest.approx([45, 45, 90])


def test_polysemantic_patterns_spread_features_over_neurons() -> None:
    patterns = cramming.polysemantic_patterns(7, 5, seed=0)
    assert patterns.shape == (7, 5)
    assert np.allclose(patterns.max(axis=1), 1.0) and patterns.min() >= 0
    # Each feature is a pattern over several neurons, not one.
    assert np.all((patterns >= 0.5).sum(axis=1) >= 2)
    neuron, features = cramming.busiest_neuron(patterns, 0.5)
    assert len(features) >= 3
    assert features == [f for f in range(7) if patterns[f, neuron] >= 0.5]
    assert len(features) == max(int((patterns[:, k] >= 0.5).sum()) for k in range(5))


@pytest.mark.parametrize("tolerance", [0.5, 1.0, 2.0, 10.0])
def test_wedge_width_is_the_chord_between_its_edges(tolerance: float) -> None:
    # Brute force: the two edges at 90° ± tol, cut by the horizontal line at height d.
    d = 1.7
    left, right = (d / math.tan(math.radians(90 + s * tolerance)) for s in (1, -1))
    assert cramming.wedge_width(d, tolerance) == pytest.approx(right - left)


def test_nice_zoom_is_the_largest_1_2_5_step_that_fits() -> None:
    candidates = sorted(m * 10**k for k in range(6) for m in (1, 2, 5))
    for width, target in [(0.045, 0.63), (0.09, 0.63), (0.3, 0.63), (1e-4, 0.5), (0.7, 0.63)]:
        fitting = [z for z in candidates if z * width <= target]
        assert cramming.nice_zoom(width, target) == max(fitting, default=1)
        zoom = cramming.nice_zoom(width, target)
        assert zoom == 1 or zoom * width <= target
    assert cramming.nice_zoom(0.0, 1.0) == 1


@pytest.mark.parametrize("angle", [80.1, 85.0, 70.0, 95.0, 89.9, 56.5, 3.0])
def test_window_around_contains_the_angle_and_its_mirror(angle: float) -> None:
    low, high, step = cramming.window_around(angle, 6)
    assert low + high == pytest.approx(180.0)
    assert low % step == pytest.approx(0.0) and 0.0 <= low < 90.0
    assert (high - low) / step <= 6 or step == cramming.NICE_STEPS[-1]
    off = abs(90 - angle)
    assert 90 - low >= min(off + step, 90.0)  # the angle, with a step of room beyond it
    # No smaller step would do: it needs more than 6 numbers.
    for smaller in (s for s in cramming.NICE_STEPS if s < step):
        assert 2 * min(smaller * (math.ceil(off / smaller) + 1), 90.0) / smaller > 6


def test_off_perpendicular_is_the_same_for_arrows_and_their_lines() -> None:
    run = cramming.cram(6, 3, 0, steps=60)
    final = run.final
    angle, i, j = cramming.worst_pair(final)
    seen = cramming.arrow_angle_deg(final[i], final[j])
    assert run.off_perpendicular_deg[-1] == pytest.approx(abs(90.0 - seen))
    assert run.off_perpendicular_deg[-1] == pytest.approx(90.0 - angle)
    flipped = cramming.arrow_angle_deg(final[i], -final[j])
    assert flipped == pytest.approx(180.0 - seen)


def test_arc_between_runs_from_one_direction_to_the_other_at_the_radius() -> None:
    a, b = np.array([2.0, 0.0, 0.0]), np.array([0.0, 0.0, 3.0])
    arc = cramming.arc_between(a, b, 0.5, 9)
    assert np.allclose(np.linalg.norm(arc, axis=1), 0.5)
    assert np.allclose(arc[0], [0.5, 0, 0]) and np.allclose(arc[-1], [0, 0, 0.5])
    steps = [cramming.arrow_angle_deg(p, q) for p, q in itertools.pairwise(arc)]
    assert np.allclose(steps, 90.0 / 8)


def test_facing_view_shows_the_pair_at_its_true_angle() -> None:
    from mathcore.projection import project

    rng = np.random.default_rng(4)
    for _ in range(20):
        a, b = rng.standard_normal(3), rng.standard_normal(3)
        azimuth, elevation = cramming.facing_view(a, b, -90.0, 90.0)
        screen = project(np.vstack([a, b]), azimuth, elevation)
        assert np.allclose(screen[:, 2], 0.0, atol=1e-9)  # both in the screen's plane
        seen = cramming.arrow_angle_deg(screen[0, :2], screen[1, :2])
        assert seen == pytest.approx(cramming.arrow_angle_deg(a, b))
        low_az, low_el = cramming.facing_view(a, b, 10.0, 40.0)
        assert 10.0 <= low_el <= 40.0
        assert low_az == pytest.approx(azimuth)  # clamping tilts the camera, never turns it


@given(st.floats(min_value=-1.0, max_value=1.0))
def test_degrees_off_perpendicular_adds_up_with_the_shown_angle(cosine: float) -> None:
    off = cramming.degrees_off_perpendicular(cosine, 1)
    shown = round(math.degrees(math.acos(abs(cosine))), 1)
    assert f"{shown + off:.1f}" == "90.0"
    assert off == pytest.approx(math.degrees(math.asin(abs(cosine))), abs=0.051)
