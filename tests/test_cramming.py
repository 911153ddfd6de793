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
