"""Next-token readout: logits from an unembedding matrix, then a softmax with temperature."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import ArrayLike, NDArray

FloatArray = NDArray[np.float64]


def logits(unembedding: ArrayLike, final_vector: ArrayLike) -> FloatArray:
    """logits = W_U · x: one score per vocabulary word (W_U has one row per word)."""
    return np.asarray(np.asarray(unembedding, np.float64) @ np.asarray(final_vector, np.float64))


def softmax(scores: ArrayLike, temperature: float = 1.0) -> FloatArray:
    """p_i = exp(s_i / T) / Σ_j exp(s_j / T); T → 0 tends to argmax, large T to uniform.

    Computed after subtracting max(s) so that large scores do not overflow.
    """
    if temperature <= 0:
        raise ValueError(f"temperature must be > 0, got {temperature}")
    scaled = np.asarray(scores, dtype=np.float64) / temperature
    shifted = np.exp(scaled - np.max(scaled))
    return np.asarray(shifted / shifted.sum(), dtype=np.float64)


@dataclass(frozen=True)
class SoftmaxSteps:
    """A softmax written out so that every displayed number follows from the displayed ones.

    ``logits`` are rounded to ``decimals`` first; ``exps`` = exp(shown logit), rounded; the
    ``total`` is the sum of the rounded exps (so the sum on screen adds up); ``shares`` =
    rounded exp / total, and ``percents`` are those shares as whole percentages that add up
    to exactly 100 (largest remainder).
    """

    logits: FloatArray
    exps: FloatArray
    total: float
    shares: FloatArray
    percents: tuple[int, ...]

    @property
    def best(self) -> int:
        """Index of the most likely word."""
        return int(np.argmax(self.shares))


def largest_remainder(shares: ArrayLike, total: int = 100) -> tuple[int, ...]:
    """Whole numbers proportional to ``shares`` that add up to exactly ``total``: floor each
    share × total, then give the units left over to the largest remainders (ties to the
    earlier entry)."""
    values = np.asarray(shares, dtype=np.float64)
    scaled = total * values / values.sum()
    floors = np.floor(scaled).astype(int)
    left = total - int(floors.sum())
    order = np.argsort(-(scaled - floors), kind="stable")
    for index in order[:left]:
        floors[index] += 1
    return tuple(int(v) for v in floors)


def softmax_steps(scores: ArrayLike, decimals: int = 2) -> SoftmaxSteps:
    """logit → exp → ÷ sum → percentage, each computed from the previous displayed value."""
    shown = np.asarray(np.round(np.asarray(scores, dtype=np.float64), decimals) + 0.0)
    exps = np.asarray(np.round(np.exp(shown), decimals) + 0.0, dtype=np.float64)
    total = round(float(exps.sum()), decimals)
    shares = np.asarray(exps / total, dtype=np.float64)
    return SoftmaxSteps(shown, exps, total, shares, largest_remainder(exps))
