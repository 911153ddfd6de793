"""Adam (Kingma & Ba 2015), one in-place step, shared by every optimiser here.

    m ← β₁ m + (1 − β₁) g          s ← β₂ s + (1 − β₂) g²
    θ ← θ − lr · (m / (1 − β₁ᵗ)) / (√(s / (1 − β₂ᵗ)) + ε)

Arithmetic stays in the parameter's dtype (float32 for the big superposition runs).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray


@dataclass(frozen=True)
class AdamSettings:
    """Learning rate, moment decays and ε (PyTorch's defaults but for lr)."""

    lr: float = 0.01
    beta1: float = 0.9
    beta2: float = 0.999
    eps: float = 1e-8


@dataclass
class AdamState:
    """The two running moments of one parameter array, and two scratch arrays of its shape
    (so that a step allocates nothing: for the superposition's 10,000 × 100 vectors, fresh
    4 MB temporaries cost more than the arithmetic)."""

    m: NDArray[np.floating]
    s: NDArray[np.floating]
    scratch: tuple[NDArray[np.floating], NDArray[np.floating]] | None = None

    @classmethod
    def like(cls, param: NDArray[np.floating]) -> AdamState:
        """Zero moments shaped and typed like ``param``."""
        return cls(np.zeros_like(param), np.zeros_like(param))


def adam_step(
    param: NDArray[np.floating],
    grad: NDArray[np.floating],
    state: AdamState,
    step: int,
    settings: AdamSettings,
) -> None:
    """Update ``param`` and ``state`` in place for the ``step``-th step (counting from 1).

    The operations of the formulas above, in their order, into the state's scratch arrays:
    m̂ = m / (1 − β₁ᵗ), √(s / (1 − β₂ᵗ)) + ε, then θ −= (lr · m̂) / that.
    """
    kind = param.dtype.type
    if state.scratch is None or state.scratch[0].shape != param.shape:
        state.scratch = (np.empty_like(param), np.empty_like(param))
    first, second = state.scratch
    np.multiply(grad, kind(1 - settings.beta1), out=first)
    state.m *= kind(settings.beta1)
    state.m += first
    np.square(grad, out=first)
    first *= kind(1 - settings.beta2)
    state.s *= kind(settings.beta2)
    state.s += first
    np.divide(state.m, kind(1 - settings.beta1**step), out=first)  # m̂
    np.divide(state.s, kind(1 - settings.beta2**step), out=second)
    np.sqrt(second, out=second)
    second += kind(settings.eps)
    first *= kind(settings.lr)
    first /= second
    param -= first
