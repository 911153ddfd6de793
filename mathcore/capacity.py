"""How many directions fit in R^d with every pair nearly perpendicular: |cos| ≤ ε.

Measured: a seeded random greedy search. Draw uniform random directions one after another and
keep each one whose |cos| with every kept direction is at most ε; stop after a fixed number of
draws. Whatever it keeps is a valid set (checked in float64), so its size is a lower bound on
the true capacity. The d coordinate axes always fit (|cos| = 0), so the count reported is the
larger of the two.

Bounded (proven, a Johnson-Lindenstrauss-style random construction with alterations): for two
independent uniform directions, t = cos θ satisfies t² ~ Beta(1/2, (d − 1)/2), so

    p_d(ε) = P(|t| > ε) = 2 c_d ∫_ε^1 (1 − t²)^((d−3)/2) dt,   c_d = Γ(d/2) / (√π Γ((d−1)/2))
           ≤ 2 exp(−d ε² / 2)   (roughly; exponentially small in d).

Draw N directions; the expected number of bad pairs is C(N, 2) p. Some draw has at most that
many, and dropping one direction from each bad pair leaves a valid set, so a valid set of

    G_d(ε) = max_N ⌈N − N (N − 1) p / 2⌉  ≈  1 / (2p)  =  e^(Θ(d ε²))

directions exists: exponential in d. The proof is loose; a search finds many more.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray
from scipy import integrate

FloatArray = NDArray[np.float64]
SCREEN_MARGIN = 1e-4  # float32 screening passes candidates this close to ε on to the exact check


def log_tail_probability(dim: int, epsilon: float) -> float:
    """ln p_d(ε): ln P(|cos θ| > ε) for two uniform directions in R^d (d ≥ 2, 0 < ε < 1).

    Computed in log space (the value underflows float64 for large d ε²): the integrand is
    factored as (1 − ε²)^k times a ratio that is at most 1, k = (d − 3)/2.
    """
    if not 0.0 < epsilon < 1.0:
        raise ValueError("epsilon must lie strictly between 0 and 1")
    if dim == 2:  # θ uniform on [0, π]: P(|cos θ| > ε) = 2 arccos(ε) / π
        return math.log(1.0 - 2.0 * math.asin(epsilon) / math.pi)
    k = (dim - 3) / 2
    log_c = math.lgamma(dim / 2) - math.lgamma((dim - 1) / 2) - 0.5 * math.log(math.pi)
    base = math.log1p(-(epsilon**2))

    def ratio(t: float) -> float:
        return math.exp(k * (math.log1p(-(t**2)) - base)) if t < 1.0 else 0.0

    # The ratio falls like exp(−k (t² − ε²)): most of the mass lies within ~1/√k of ε.
    width = min(1.0 - epsilon, 40.0 / math.sqrt(max(k, 1.0)) / max(epsilon, 1e-3))
    points = [epsilon + width * f for f in (0.01, 0.1, 0.3) if epsilon + width * f < 1.0]
    value = integrate.quad(ratio, epsilon, 1.0, points=points or None, limit=200)[0]
    return math.log(2.0) + log_c + k * base + math.log(value)


def guaranteed_log10(dim: int, epsilon: float) -> float:
    """log10 G_d(ε): the proven count (module docstring), valid for any size of d."""
    log_p = log_tail_probability(dim, epsilon)
    if log_p > math.log(0.25):  # small N: search the maximum exactly
        return math.log10(guaranteed_count(dim, epsilon))
    p = math.exp(log_p)
    if p > 1e-12:
        return math.log10(_altered_best(p))
    # 1/p is astronomically large: N − N(N−1)p/2 at N ≈ 1/p is 1/(2p) to within one part in N.
    return (-log_p - math.log(2.0)) / math.log(10.0)


def guaranteed_count(dim: int, epsilon: float) -> int:
    """G_d(ε) as an integer (for moderate d: raises OverflowError when it does not fit)."""
    p = math.exp(log_tail_probability(dim, epsilon))
    return max(1, _altered_best(p))


def _altered_best(p: float) -> int:
    """max over N of ⌈N − N (N − 1) p / 2⌉ (the maximum is at N ≈ 1/p + 1/2)."""
    if p <= 0.0:
        raise OverflowError("the bound is too large for an integer")
    centre = 1.0 / p + 0.5
    best = 1
    for n in {max(1, math.floor(centre)), max(1, math.ceil(centre))}:
        best = max(best, math.ceil(n - n * (n - 1) * p / 2 - 1e-9))
    return best


def crossover_dim(epsilon: float, high: int = 10**6) -> int:
    """The smallest d at which the proven count exceeds d (below it the proof promises less
    than the d perpendicular axes): a bisection, G_d(ε) / d grows with d there."""
    low_d, high_d = 2, high
    if guaranteed_log10(high_d, epsilon) <= math.log10(high_d):
        return high_d
    while high_d - low_d > 1:
        mid = (low_d + high_d) // 2
        if guaranteed_log10(mid, epsilon) > math.log10(mid):
            high_d = mid
        else:
            low_d = mid
    return high_d


@dataclass(frozen=True)
class CapacityMeasurement:
    """The largest valid set found in R^d for |cos| ≤ ε, and how it was found."""

    dim: int
    epsilon: float
    vectors: FloatArray  # rows: unit directions, every pair |cos| ≤ ε
    from_search: bool  # False: the d coordinate axes (the search found no more)
    draws: int

    @property
    def count(self) -> int:
        """How many directions fit (as found)."""
        return int(self.vectors.shape[0])


def greedy_directions(
    dim: int, epsilon: float, seed: int, draws: int, batch: int = 1024
) -> FloatArray:
    """Random greedy search (module docstring): keep each of ``draws`` uniform random
    directions whose |cos| with every kept one is ≤ ε. Candidates are screened in float32
    against the kept set and then checked exactly in float64, in their order of drawing."""
    rng = np.random.default_rng(seed)
    kept = np.zeros((0, dim))
    kept32 = np.zeros((0, dim), dtype=np.float32)
    done = 0
    while done < draws:
        size = min(batch, draws - done)
        done += size
        candidates = rng.standard_normal((size, dim))
        candidates /= np.linalg.norm(candidates, axis=1, keepdims=True)
        if kept.shape[0]:
            screen = np.abs(candidates.astype(np.float32) @ kept32.T)
            candidates = candidates[screen.max(axis=1) <= epsilon + SCREEN_MARGIN]
            if candidates.shape[0] == 0:
                continue
            exact = np.abs(candidates @ kept.T).max(axis=1)
            candidates = candidates[exact <= epsilon]
        among = np.abs(candidates @ candidates.T)
        chosen: list[int] = []
        for index in range(candidates.shape[0]):
            if not chosen or among[index, chosen].max() <= epsilon:
                chosen.append(index)
        if chosen:
            kept = np.vstack([kept, candidates[chosen]])
            kept32 = kept.astype(np.float32)
    return kept


def measure_capacity(dim: int, epsilon: float, seed: int, draws: int) -> CapacityMeasurement:
    """The larger of the random greedy set and the d coordinate axes."""
    found = greedy_directions(dim, epsilon, seed, draws)
    if found.shape[0] > dim:
        return CapacityMeasurement(dim, epsilon, found, True, draws)
    return CapacityMeasurement(dim, epsilon, np.eye(dim), False, draws)


def max_abs_cos(vectors: FloatArray) -> float:
    """The largest |cos| over all pairs of rows (brute force, float64)."""
    unit = vectors / np.linalg.norm(vectors, axis=1, keepdims=True)
    gram = np.abs(unit @ unit.T)
    np.fill_diagonal(gram, 0.0)
    return float(gram.max(initial=0.0))


def tolerance_angle_deg(epsilon: float) -> float:
    """|cos θ| ≤ ε ⇔ θ within 90° ± this many degrees."""
    return math.degrees(math.asin(epsilon))
