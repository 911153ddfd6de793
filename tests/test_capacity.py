"""Capacity of nearly perpendicular directions: measured sets, the proven bound, and the
sentences the capacity beat illustrates."""

from __future__ import annotations

import math
from pathlib import Path

import numpy as np
import pytest

from mathcore import capacity as cap
from scenes.config import HighDimensionsConfig, load_clip

ROOT = Path(__file__).resolve().parents[1]
CONFIGS = [
    ROOT / "configs" / "high_dimensions.yaml",
    ROOT / "tests" / "configs" / "high_dimensions_second.yaml",
]


@pytest.mark.parametrize("dim", [2, 3, 5, 20, 200])
@pytest.mark.parametrize("epsilon", [0.1, 0.2, 0.5])
def test_tail_probability_matches_monte_carlo(dim: int, epsilon: float) -> None:
    rng = np.random.default_rng(dim)
    u, v = rng.standard_normal((2, 100_000, dim))
    cos = np.sum(u * v, axis=1) / np.linalg.norm(u, axis=1) / np.linalg.norm(v, axis=1)
    observed = float(np.mean(np.abs(cos) > epsilon))
    exact = math.exp(cap.log_tail_probability(dim, epsilon))
    assert observed == pytest.approx(exact, abs=4 * math.sqrt(exact * (1 - exact) / 1e5) + 1e-4)


def test_tail_probability_below_the_concentration_bound_for_large_d() -> None:
    for dim in (1000, 12288, 100_000):
        log_p = cap.log_tail_probability(dim, 0.2)
        assert log_p <= math.log(2) - (dim - 3) * 0.2**2 / 2 + 1e-9  # 2 (1 − ε²)^((d−3)/2)...
        assert math.isfinite(log_p)


def test_guaranteed_count_is_the_alteration_maximum() -> None:
    for dim, epsilon in ((50, 0.3), (150, 0.2), (300, 0.2)):
        p = math.exp(cap.log_tail_probability(dim, epsilon))
        brute = max(math.ceil(n - n * (n - 1) * p / 2 - 1e-9) for n in range(1, 100_000))
        assert cap.guaranteed_count(dim, epsilon) == brute
        assert cap.guaranteed_log10(dim, epsilon) == pytest.approx(math.log10(brute), abs=1e-6)


def test_guaranteed_grows_exponentially() -> None:
    logs = [cap.guaranteed_log10(d, 0.2) for d in (1000, 2000, 4000, 8000)]
    steps = np.diff(logs)
    assert np.all(steps > 0) and steps[-1] > 1.9 * steps[0]  # doubling d ~ doubles the exponent


@pytest.mark.parametrize("dim", [2, 3, 10, 60, 120])
def test_measured_sets_really_satisfy_the_tolerance(dim: int) -> None:
    found = cap.measure_capacity(dim, 0.2, seed=4, draws=5_000)
    assert np.allclose(np.linalg.norm(found.vectors, axis=1), 1.0)
    assert cap.max_abs_cos(found.vectors) <= 0.2  # brute force over every pair, float64
    assert found.count >= dim


def test_greedy_set_is_valid_in_brute_force() -> None:
    vectors = cap.greedy_directions(80, 0.25, seed=9, draws=4_000)
    assert vectors.shape[0] > 80
    gram = np.abs(vectors @ vectors.T) - np.eye(vectors.shape[0])
    assert gram.max() <= 0.25


def test_crossover_is_where_the_bound_passes_d() -> None:
    d = cap.crossover_dim(0.2)
    assert cap.guaranteed_log10(d, 0.2) > math.log10(d)
    assert cap.guaranteed_log10(d - 1, 0.2) <= math.log10(d - 1)


@pytest.mark.parametrize("path", CONFIGS, ids=lambda p: p.stem)
def test_capacity_beat_claims_hold(path: Path) -> None:
    """What the capacity beat says: at the largest d shown the search fits more than d
    directions; the proven curve, drawn solid over the measured range, never claims more
    than was found there; the models are beyond the crossover, so their extrapolated bound
    exceeds their d."""
    clip = load_clip(path)
    assert isinstance(clip, HighDimensionsConfig)
    k = clip.capacity
    measured = {d: cap.measure_capacity(d, k.epsilon, clip.seed, k.draws) for d in k.dims}
    largest = max(k.dims)
    assert measured[largest].count > largest
    counts = [measured[d].count for d in k.dims]
    assert counts == sorted(counts)
    for d, found in measured.items():
        assert cap.guaranteed_count(d, k.epsilon) <= found.count
        assert found.count >= d
    for dim in (768, 12288):
        assert cap.guaranteed_log10(dim, k.epsilon) > math.log10(dim)
