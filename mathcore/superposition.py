"""Nearly perpendicular directions: the video's optimisation, an honest one, and statistics.

N vectors v_i in R^d are the rows of V; G = V Vᵀ is their Gram matrix. Two objectives:

``video`` (the video's script, re-implemented)
    L = Σ_ij relu(|G − I|_ij − 0.01) + N · Σ_i (G_ii − 1)²
    dL/dG_ij = sign(G − I)_ij · 1[|G − I|_ij > 0.01] + 2N (G_ii − 1) δ_ij

``coherence`` (push down the largest |cos|): rows kept at unit length, and
    L = Σ_{i≠j} G_ij^(2p)           dL/dG_ij = 2p · G_ij^(2p−1)
    a smooth stand-in for max |G_ij| that grows sharper with the power p.

Since G is symmetric, dL/dV = (D + Dᵀ) V = 2 D V with D = dL/dG. Both are computed one block
of rows at a time against the blocks after it (j ≥ i), so the N × N matrix is never held and
the Gram products are halved by symmetry. Optimised with Adam in float32, like the video's
PyTorch script (lr 0.01, betas 0.9 and 0.999).
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal

import numpy as np
from numpy.typing import NDArray

from mathcore.adam import AdamSettings, AdamState, adam_step

Objective = Literal["video", "coherence"]
F32 = np.float32
Array32 = NDArray[np.float32]
Progress = Callable[[int, int, float], None]  # (step, steps, loss)
BlockProgress = Callable[[int, int], None]  # (blocks done, blocks in all)
VIDEO_MARGIN = 0.01  # the video's tolerance inside relu(|G − I| − 0.01)
VIDEO_BAND_DEG = (89.0, 91.0)  # the video's claim: every angle ends up in this band
COLLAPSE_DEG = 10.0  # pairs this close to 0° or 180° count as collapsed onto each other
FINE_BINS = 3600  # 0.05° bins over 0°-180°; coarser histograms are sums of these


def random_unit_vectors(n: int, dim: int, seed: int) -> Array32:
    """N seeded Gaussian vectors in R^d, normalised to unit length, float32."""
    vectors = np.random.default_rng(seed).standard_normal((n, dim)).astype(F32)
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    return vectors


def _block_pairs(n: int, block: int) -> list[tuple[int, int, int, int]]:
    """(row start, row stop, column start, column stop) of the blocks with j ≥ i."""
    spans = list(itertools.pairwise([*range(0, n, block), n]))
    return [(a, b, c, e) for i, (a, b) in enumerate(spans) for (c, e) in spans[i:]]


def _video_block(gram: Array32, diagonal: bool, n: int) -> tuple[Array32, float]:
    """Replace a Gram block by dL/dG in place; return the block's loss (video objective)."""
    if diagonal:
        np.fill_diagonal(gram, np.diagonal(gram) - F32(1.0))  # G − I on this block
    excess = np.abs(gram) - F32(VIDEO_MARGIN)
    loss = float(np.maximum(excess, F32(0.0)).sum(dtype=np.float64))
    offset = np.diagonal(gram).copy() if diagonal else None
    np.sign(gram, out=gram)
    gram *= excess > 0
    if offset is not None:
        loss += n * float(np.square(offset, dtype=np.float64).sum())
        np.fill_diagonal(gram, np.diagonal(gram) + F32(2 * n) * offset)
    return gram, loss


def _int_power(x: Array32, exponent: int) -> Array32:
    """x ** exponent for a positive integer, by repeated squaring (np.power is slow here)."""
    result: Array32 | None = None
    square = x
    while exponent:
        if exponent & 1:
            result = square.copy() if result is None else result * square
        exponent >>= 1
        if exponent:
            square = square * square
    assert result is not None
    return result


def _coherence_block(gram: Array32, diagonal: bool, power: int) -> tuple[Array32, float]:
    """Replace a Gram block by dL/dG in place; return the block's loss (coherence)."""
    if diagonal:
        np.fill_diagonal(gram, F32(0.0))  # the unit diagonal carries no loss
    high = _int_power(gram, 2 * power - 1)
    loss = float((high * gram).sum(dtype=np.float64))
    high *= F32(2 * power)
    return high, loss


def loss_and_gradient(
    vectors: Array32, objective: Objective, block: int = 2048, power: int = 8
) -> tuple[float, Array32]:
    """L and dL/dV for ``objective`` (module docstring), computed block by block.

    Each unordered block pair (i ≤ j) is visited once: its Gram block G_ij gives D_ij, which
    contributes D_ij V_j to rows i and D_ijᵀ V_i to rows j. Peak extra memory: a few
    block × block matrices plus the gradient (N × d).
    """
    n = vectors.shape[0]
    grad = np.zeros_like(vectors)
    total = 0.0
    for a, b, c, e in _block_pairs(n, block):
        gram = vectors[a:b] @ vectors[c:e].T
        diagonal = a == c
        if objective == "video":
            d_block, loss = _video_block(gram, diagonal, n)
        else:
            d_block, loss = _coherence_block(gram, diagonal, power)
        # An off-diagonal block stands for itself and its mirror image.
        total += loss if diagonal else 2 * loss
        grad[a:b] += d_block @ vectors[c:e]
        if not diagonal:
            grad[c:e] += d_block.T @ vectors[a:b]
    grad *= F32(2.0)
    return total, grad


@dataclass(frozen=True)
class OptimiseResult:
    """Final vectors, the loss per step, and the objective's settings."""

    vectors: Array32
    losses: NDArray[np.float64]
    objective: Objective
    steps: int


def optimise(
    vectors: Array32,
    objective: Objective,
    steps: int,
    adam: AdamSettings | None = None,
    block: int = 2048,
    power: int = 8,
    progress: Progress | None = None,
) -> OptimiseResult:
    """Adam on ``objective`` for ``steps`` steps, starting from ``vectors`` (copied).

    The coherence objective renormalises the rows after every step (projected descent on
    the sphere); the video's objective leaves lengths free, as its script did.
    """
    settings = adam if adam is not None else AdamSettings()
    v = vectors.astype(F32, copy=True)
    state = AdamState.like(v)
    losses = np.zeros(steps)
    for step in range(1, steps + 1):
        loss, grad = loss_and_gradient(v, objective, block, power)
        losses[step - 1] = loss
        adam_step(v, grad, state, step, settings)
        if objective == "coherence":
            v /= np.linalg.norm(v, axis=1, keepdims=True)
        if progress is not None:
            progress(step, steps, loss)
    return OptimiseResult(v, losses, objective, steps)


@dataclass(frozen=True)
class PairStatistics:
    """Statistics over all pairs i < j of N vectors (normalised first)."""

    n_vectors: int
    dim: int
    histogram: NDArray[np.int64]
    bin_edges: NDArray[np.float64]
    band_share: float
    band: tuple[float, float]
    min_angle_deg: float
    max_angle_deg: float
    rms_cos: float
    max_abs_cos: float
    worst_partner_cos: NDArray[np.float64]  # per vector: max over j ≠ i of |cos|

    @property
    def median_worst_partner_cos(self) -> float:
        """The median over vectors of their nearest partner's |cos|."""
        return float(np.median(self.worst_partner_cos))

    @property
    def welch_bound(self) -> float:
        """√((N − d) / (d (N − 1))): no arrangement has max |cos| (or RMS cos) below it."""
        if self.n_vectors <= self.dim:
            return 0.0
        return math.sqrt((self.n_vectors - self.dim) / (self.dim * (self.n_vectors - 1)))


def pair_statistics(
    vectors: NDArray[np.floating],
    bin_edges: NDArray[np.float64],
    band: tuple[float, float] = VIDEO_BAND_DEG,
    block: int = 2048,
    progress: BlockProgress | None = None,
) -> PairStatistics:
    """Histogram of pairwise angles (degrees) and the extremes, block by block (j ≥ i).

    Memory O(N · d + block²), in float64: the N × N matrix is never held. Histogram bins follow
    numpy.histogram (half-open but the last). The band counts angles in [low, high].
    ``progress(done, total)`` is called before each block pair and once at the end (done =
    block pairs finished): for large N this pass alone takes minutes and must show it.
    """
    # float64: arccos near ±1 is ill-conditioned, and the smallest angles are the news here.
    unit = np.asarray(vectors, dtype=np.float64)
    unit = unit / np.linalg.norm(unit, axis=1, keepdims=True)
    n = unit.shape[0]
    counts = np.zeros(len(bin_edges) - 1, dtype=np.int64)
    in_band = 0
    sum_squares = 0.0
    max_cos, min_cos = -1.0, 1.0
    worst = np.zeros(n)
    low, high = math.cos(math.radians(band[1])), math.cos(math.radians(band[0]))
    blocks = _block_pairs(n, block)
    for done, (a, b, c, e) in enumerate(blocks):
        if progress is not None:
            progress(done, len(blocks))
        cosines = np.clip(unit[a:b] @ unit[c:e].T, -1.0, 1.0)
        if a == c:
            np.fill_diagonal(cosines, np.nan)
            keep = np.triu(np.ones(cosines.shape, dtype=bool), k=1)
        else:
            keep = np.ones(cosines.shape, dtype=bool)
        values = cosines[keep]
        if values.size == 0:  # a one-row diagonal block holds no pair
            continue
        counts += np.histogram(np.degrees(np.arccos(values)), bins=bin_edges)[0]
        in_band += int(np.count_nonzero((values >= low) & (values <= high)))
        sum_squares += float(np.square(values).sum())
        max_cos, min_cos = max(max_cos, float(values.max())), min(min_cos, float(values.min()))
        magnitude = np.abs(cosines)
        worst[a:b] = np.maximum(worst[a:b], np.nanmax(magnitude, axis=1))
        worst[c:e] = np.maximum(worst[c:e], np.nanmax(magnitude, axis=0))
    if progress is not None:
        progress(len(blocks), len(blocks))
    pairs = n * (n - 1) // 2
    return PairStatistics(
        n_vectors=n,
        dim=unit.shape[1],
        histogram=counts,
        bin_edges=np.asarray(bin_edges, dtype=np.float64),
        band_share=in_band / pairs,
        band=band,
        min_angle_deg=math.degrees(math.acos(max_cos)),
        max_angle_deg=math.degrees(math.acos(min_cos)),
        rms_cos=math.sqrt(sum_squares / pairs),
        max_abs_cos=max(abs(max_cos), abs(min_cos)),
        worst_partner_cos=worst,
    )


def jl_lower_bound(dim: int, epsilon: float) -> float:
    """Vectors that provably fit in R^d with every pairwise |cos| ≤ ε (a random construction).

    For independent uniform unit vectors, P(|u · v| ≥ ε) ≤ 2 exp(−d ε² / 2); by the union
    bound over fewer than N²/2 pairs, N random vectors all pass with positive probability
    once N² exp(−d ε² / 2) ≤ 1, i.e. N = exp(d ε² / 4): exponential in the dimension.
    """
    return math.exp(dim * epsilon**2 / 4)


def measured_capacity(
    dim: int,
    epsilon: float,
    seed: int,
    steps: int = 600,
    power: int = 8,
    limit: int = 400,
    tries: int = 3,
) -> int:
    """The most vectors the coherence optimiser placed in R^d with max |cos| ≤ ε.

    Tries N = d + 1, d + 2, ... (growing by about 10% a step), each from ``tries`` seeded
    starts, and keeps the last N that met ε: a lower bound on the true capacity (the
    optimiser may miss better arrangements).
    """
    best = dim  # an orthonormal basis always fits
    n = dim + 1
    while n <= limit:
        if not any(
            _coherent(n, dim, epsilon, seed + attempt, steps, power) for attempt in range(tries)
        ):
            break
        best = n
        n = max(n + 1, int(n * 1.1))
    return best


def _coherent(n: int, dim: int, epsilon: float, seed: int, steps: int, power: int) -> bool:
    """Whether the coherence optimiser places n vectors in R^d with max |cos| ≤ ε."""
    start = random_unit_vectors(n, dim, seed)
    result = optimise(start, "coherence", steps, AdamSettings(lr=0.02), power=power)
    return pair_statistics(result.vectors, np.array([0.0, 180.0])).max_abs_cos <= epsilon


def nearly_perpendicular_share(
    dim: int, existing: int, tolerance_deg: float, seed: int, samples: int = 100_000
) -> float:
    """Share of random directions in R^d within 90° ± tolerance of each of the first
    ``existing`` coordinate axes (Monte Carlo): the room left for one more "nearly
    perpendicular" direction."""
    points = np.random.default_rng(seed).standard_normal((samples, dim))
    points /= np.linalg.norm(points, axis=1, keepdims=True)
    limit = math.sin(math.radians(tolerance_deg))  # |cos θ| ≤ sin(tol) ⇔ |θ − 90°| ≤ tol
    ok = np.all(np.abs(points[:, :existing]) <= limit, axis=1)
    return float(np.mean(ok))


def log_counts(counts: NDArray[np.integer]) -> NDArray[np.float64]:
    """log10(1 + count) per bin: bar heights on a log axis where empty bins stay at 0."""
    return np.asarray(np.log10(1.0 + np.asarray(counts, dtype=np.float64)))


def log10_capacity(dim: float, epsilon: float) -> float:
    """log10 of jl_lower_bound(dim, ε) = d ε² / (4 ln 10), without overflowing for big d (any
    real d, so that the bound can be plotted as a curve)."""
    return dim * epsilon**2 / (4 * math.log(10))


def feature_as_neurons(neurons: int, seed: int) -> NDArray[np.float64]:
    """How strongly each neuron takes part in one feature spread over all of them: |u_i| for
    a seeded random unit vector u in neuron space (the picture of a superposed feature)."""
    direction = random_unit_vectors(1, neurons, seed)[0]
    return np.asarray(np.abs(direction), dtype=np.float64)


def adjacent_angles_deg(angles_deg: NDArray[np.float64]) -> NDArray[np.float64]:
    """Gaps between neighbouring directions around the circle (degrees, sum 360)."""
    ordered = np.sort(np.mod(angles_deg, 360.0))
    return np.asarray(np.diff(np.append(ordered, ordered[0] + 360.0)), dtype=np.float64)
