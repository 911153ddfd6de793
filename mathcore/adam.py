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
    """The two running moments of one parameter array."""

    m: NDArray[np.floating]
    s: NDArray[np.floating]

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
    """Update ``param`` and ``state`` in place for the ``step``-th step (counting from 1)."""
    kind = param.dtype.type
    state.m *= kind(settings.beta1)
    state.m += kind(1 - settings.beta1) * grad
    state.s *= kind(settings.beta2)
    state.s += kind(1 - settings.beta2) * np.square(grad)
    m_hat = state.m / kind(1 - settings.beta1**step)
    denominator = np.sqrt(state.s / kind(1 - settings.beta2**step)) + kind(settings.eps)
    param -= kind(settings.lr) * m_hat / denominator
