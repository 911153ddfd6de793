"""Angles between random directions: the sampler against brute force and the closed form."""

from __future__ import annotations

import math

import numpy as np
import pytest
from scipy import integrate, stats

from mathcore import random_angles as ra


@pytest.mark.parametrize("dim", [2, 3, 10, 100, 1000, 12288])
def test_density_integrates_to_one(dim: int) -> None:
    total = integrate.quad(
        lambda t: float(ra.angle_density(np.array([t]), dim)[0]), 0, 180, points=[90.0], limit=400
    )[0]
    assert total == pytest.approx(1.0, abs=1e-6)


def test_density_closed_forms() -> None:
    theta = np.linspace(1.0, 179.0, 7)
    # d = 2: uniform over 180 degrees; d = 3: sin(θ)/2 per radian.
    assert np.allclose(ra.angle_density(theta, 2), 1 / 180)
    assert np.allclose(ra.angle_density(theta, 3), np.sin(np.radians(theta)) / 2 * math.pi / 180)


@pytest.mark.parametrize("dim", [2, 3, 10, 100, 1000, 12288])
def test_sampled_histogram_matches_sin_power_density(dim: int) -> None:
    spread = ra.angle_spread(dim, 200_000, 45, 0.95, seed=3)
    exact = ra.bin_shares_exact(dim, spread.bin_edges)
    assert exact.sum() == pytest.approx(1.0, abs=1e-6)
    # Multinomial noise of a bin share p over n samples is sqrt(p (1 - p) / n) <= 0.0012.
    assert np.abs(spread.shares - exact).max() < 0.006


def test_sampler_matches_brute_force_vectors() -> None:
    dim, n = 7, 20_000
    rng = np.random.default_rng(11)
    u, v = rng.standard_normal((2, n, dim))
    brute = np.sum(u * v, axis=1) / np.linalg.norm(u, axis=1) / np.linalg.norm(v, axis=1)
    sampled = ra.sample_pair_cosines(dim, n, seed=12)
    assert stats.ks_2samp(brute, sampled).pvalue > 0.01


def test_spread_narrows_with_dimension_like_one_over_root_d() -> None:
    dims = [2, 3, 10, 100, 1000, 12288]
    widths = [ra.angle_spread(d, 100_000, 45, 0.95, seed=0).half_width_deg for d in dims]
    assert widths == sorted(widths, reverse=True)
    # For large d, θ − 90° is about normal with sd 1/√d radians: 95% within 1.96/√d.
    for dim, width in zip(dims[3:], widths[3:], strict=True):
        assert width == pytest.approx(math.degrees(1.96 / math.sqrt(dim)), rel=0.05)


def test_same_seed_same_histogram() -> None:
    a = ra.angle_spread(100, 10_000, 45, 0.95, seed=5)
    b = ra.angle_spread(100, 10_000, 45, 0.95, seed=5)
    assert np.array_equal(a.shares, b.shares)
