"""Element-wise activation functions used between the MLP's two matrix products.

All functions take and return float64 arrays of any shape.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import Literal

import numpy as np
from numpy.typing import ArrayLike, NDArray
from scipy.special import erf

FloatArray = NDArray[np.float64]
ActivationName = Literal["relu", "gelu", "gelu_tanh"]


def relu(x: ArrayLike) -> FloatArray:
    """ReLU(x) = max(x, 0): negatives are clipped to zero, positives pass unchanged."""
    return np.maximum(np.asarray(x, dtype=np.float64), 0.0)


def gelu(x: ArrayLike) -> FloatArray:
    """Exact GELU(x) = x · Φ(x) = x · ½ · (1 + erf(x / √2)), Φ the standard normal CDF."""
    values = np.asarray(x, dtype=np.float64)
    return np.asarray(0.5 * values * (1.0 + erf(values / math.sqrt(2.0))), dtype=np.float64)


def gelu_tanh(x: ArrayLike) -> FloatArray:
    """GELU's tanh approximation (GPT-2's): ½ x (1 + tanh(√(2/π) (x + 0.044715 x³)))."""
    values = np.asarray(x, dtype=np.float64)
    inner = math.sqrt(2.0 / math.pi) * (values + 0.044715 * values**3)
    return np.asarray(0.5 * values * (1.0 + np.tanh(inner)), dtype=np.float64)


ACTIVATIONS: dict[str, Callable[[ArrayLike], FloatArray]] = {
    "relu": relu,
    "gelu": gelu,
    "gelu_tanh": gelu_tanh,
}


def activation(name: str) -> Callable[[ArrayLike], FloatArray]:
    """The activation function called ``name`` (one of ``ACTIVATIONS``)."""
    try:
        return ACTIVATIONS[name]
    except KeyError:
        raise ValueError(
            f"unknown activation {name!r}; expected one of {sorted(ACTIVATIONS)}"
        ) from None
