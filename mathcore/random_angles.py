"""Angles between random directions in R^d, sampled and in closed form.

For two independent directions drawn uniformly from the sphere S^(d−1), the cosine of their
angle has the law of one coordinate of a single uniform unit vector u = g / ‖g‖ (g standard
Gaussian), so

    cos θ = g₁ / √(g₁² + χ²_{d−1})

with g₁ ~ N(0, 1) and an independent chi-square χ²_{d−1} with d − 1 degrees of freedom: a pair
in any dimension costs two draws, not 2d. The angle θ ∈ [0°, 180°] has the density

    f_d(θ) = sin^(d−2) θ / B_d,      B_d = ∫₀^π sin^(d−2) θ dθ = √π Γ((d − 1)/2) / Γ(d/2)

(uniform for d = 2), which concentrates around 90° with a spread of about 1/√d radians.
"""

from __future__ import annotations

import itertools
import math
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

FloatArray = NDArray[np.float64]
RIGHT_ANGLE = 90.0


def sample_pair_cosines(dim: int, samples: int, seed: int) -> FloatArray:
    """cos θ for ``samples`` independent pairs of uniform random directions in R^d (d ≥ 2)."""
    if dim < 2:
        raise ValueError("directions need at least 2 dimensions")
    rng = np.random.default_rng(seed)
    first = rng.standard_normal(samples)
    rest = rng.chisquare(dim - 1, samples)
    return np.asarray(first / np.sqrt(first**2 + rest), dtype=np.float64)


def sample_pair_angles_deg(dim: int, samples: int, seed: int) -> FloatArray:
    """Angles in degrees between ``samples`` random pairs of directions in R^d."""
    cosines = np.clip(sample_pair_cosines(dim, samples, seed), -1.0, 1.0)
    return np.asarray(np.degrees(np.arccos(cosines)), dtype=np.float64)


def angle_density(theta_deg: FloatArray, dim: int) -> FloatArray:
    """f_d(θ) per degree: sin^(d−2) θ / B_d (module docstring), θ in degrees."""
    theta = np.radians(np.asarray(theta_deg, dtype=np.float64))
    log_norm = 0.5 * math.log(math.pi) + math.lgamma((dim - 1) / 2) - math.lgamma(dim / 2)
    with np.errstate(divide="ignore"):
        log_sin = np.log(np.abs(np.sin(theta)))
    if dim == 2:  # sin^0 = 1 (also at 0° and 180°, where log sin is -inf)
        per_radian = np.full_like(theta, math.exp(-log_norm))
    else:
        per_radian = np.exp((dim - 2) * log_sin - log_norm)
    return np.asarray(per_radian * math.pi / 180.0, dtype=np.float64)


@dataclass(frozen=True)
class AngleSpread:
    """Sampled angles of one dimension, binned over 0°-180°."""

    dim: int
    shares: FloatArray  # share of pairs per bin (sums to 1)
    bin_edges: FloatArray  # degrees
    half_width_deg: float  # the given share of pairs lies within 90° ± this

    def within(self) -> float:
        """The half-width, rounded as shown (one decimal)."""
        return round(self.half_width_deg, 1)


def angle_spread(dim: int, samples: int, bins: int, share: float, seed: int) -> AngleSpread:
    """Histogram (shares per bin over [0°, 180°]) of sampled angles in R^d, and the half-width
    w such that ``share`` of the pairs lie within 90° ± w (the sample quantile of |θ − 90°|)."""
    angles = sample_pair_angles_deg(dim, samples, seed)
    edges = np.linspace(0.0, 180.0, bins + 1)
    counts = np.histogram(angles, bins=edges)[0]
    half_width = float(np.quantile(np.abs(angles - RIGHT_ANGLE), share))
    return AngleSpread(dim, counts / samples, edges, half_width)


def bin_shares_exact(dim: int, bin_edges: FloatArray, points: int = 64) -> FloatArray:
    """∫ f_d over each bin (closed form density, Simpson's rule with ``points`` per bin)."""
    shares = []
    for low, high in itertools.pairwise(bin_edges):
        grid = np.linspace(low, high, 2 * points + 1)
        values = angle_density(grid, dim)
        step = (high - low) / (2 * points)
        total = values[0] + values[-1] + 4 * values[1:-1:2].sum() + 2 * values[2:-1:2].sum()
        shares.append(total * step / 3)
    return np.asarray(shares, dtype=np.float64)
