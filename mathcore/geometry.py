"""Angles between many unit vectors, computed in blocks, and the bounds they must obey.

For N unit vectors v_1..v_N in R^d, the Gram matrix G = V Vᵀ has trace N and rank ≤ d, so
‖G‖_F² ≥ N²/d. Removing the diagonal, the mean of cos² over the N(N−1) ordered pairs is at least
(N − d) / (d (N − 1)): both the RMS cosine and the largest |cos| are at least

    welch_bound(N, d) = √((N − d) / (d (N − 1)))    (Welch, 1974), for N > d.
"""

from __future__ import annotations

import math

import numpy as np
from numpy.typing import ArrayLike, NDArray

FloatArray = NDArray[np.float64]
IntArray = NDArray[np.int64]


def welch_bound(n_vectors: int, dim: int) -> float:
    """Lower bound on max_{i≠j} |v_i · v_j| for N unit vectors in R^d (0 when N ≤ d)."""
    if n_vectors <= dim:
        return 0.0
    return math.sqrt((n_vectors - dim) / (dim * (n_vectors - 1)))


def rms_cosine_bound(n_vectors: int, dim: int) -> float:
    """Lower bound on √(mean over pairs i≠j of (v_i · v_j)²); equals the Welch bound."""
    return welch_bound(n_vectors, dim)


def normalize_rows(vectors: ArrayLike) -> FloatArray:
    """Each row divided by its Euclidean norm."""
    v = np.asarray(vectors, dtype=np.float64)
    return np.asarray(v / np.linalg.norm(v, axis=1, keepdims=True), dtype=np.float64)


def pairwise_angle_histogram(
    vectors: ArrayLike, bin_edges: ArrayLike, block: int = 1024
) -> IntArray:
    """Counts of the angles (degrees) over all pairs i < j, in bins given by ``bin_edges``.

    Rows are normalised first. Computed one block of ``block`` rows at a time against the rows
    after it, so memory is O(N · block), never the full N × N Gram matrix. Bins are half-open
    [e_k, e_{k+1}) except the last, which includes its right edge (numpy's convention).
    """
    if block < 1:
        raise ValueError(f"block must be >= 1, got {block}")
    unit = normalize_rows(vectors)
    edges = np.asarray(bin_edges, dtype=np.float64)
    counts = np.zeros(len(edges) - 1, dtype=np.int64)
    n = unit.shape[0]
    for start in range(0, n, block):
        stop = min(start + block, n)
        cosines = unit[start:stop] @ unit[start:].T
        # Keep only pairs (i, j) with j > i: strictly above the diagonal of this block.
        rows, cols = np.triu_indices(stop - start, k=1, m=n - start)
        angles = np.degrees(np.arccos(np.clip(cosines[rows, cols], -1.0, 1.0)))
        counts += np.histogram(angles, bins=edges)[0]
    return counts


def angle_deg(cosine: float) -> float:
    """The angle θ = arccos(cos θ) in degrees, with the cosine clipped into [−1, 1]."""
    return float(np.degrees(np.arccos(np.clip(cosine, -1.0, 1.0))))


def displayed_angle(cosine: float, decimals: int) -> tuple[float, float]:
    """(c, θ): the cosine rounded to ``decimals`` digits as it is displayed, and the angle
    θ = arccos(c) in degrees computed FROM that displayed value, so that a viewer who takes
    arccos of the number on screen gets the angle shown beside it (arccos(0.05) = 87.13°,
    never 86.9° next to a displayed 0.05)."""
    shown = round(float(cosine), decimals) + 0.0  # + 0.0: never -0.0
    return shown, angle_deg(shown)
