"""Next-token readout: logits from an unembedding matrix, then a softmax with temperature."""

from __future__ import annotations

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
