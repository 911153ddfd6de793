"""The MLP block's forward pass, with every intermediate kept for display.

Convention (the video's): vectors are columns, ``W_up`` has shape (d_mlp, d_model) and
``W_down`` has shape (d_model, d_mlp), so for one embedding E

    up        = W_up · E
    pre       = up + b_up
    neurons   = σ(pre)
    down      = W_down · neurons
    out       = down + b_down
    residual  = E + out

For a sequence, the rows of X are tokens (code's convention, X Wᵀ), and every step is applied
to each row independently: the same arithmetic, transposed.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import ArrayLike, NDArray

from mathcore.activations import activation

FloatArray = NDArray[np.float64]


@dataclass(frozen=True)
class MLPWeights:
    """W_up (d_mlp × d_model), b_up (d_mlp), W_down (d_model × d_mlp), b_down (d_model)."""

    w_up: FloatArray
    b_up: FloatArray
    w_down: FloatArray
    b_down: FloatArray

    def __post_init__(self) -> None:
        d_mlp, d_model = self.w_up.shape
        if self.b_up.shape != (d_mlp,):
            raise ValueError(f"b_up must have shape ({d_mlp},), got {self.b_up.shape}")
        if self.w_down.shape != (d_model, d_mlp):
            expected = (d_model, d_mlp)
            raise ValueError(f"w_down must have shape {expected}, got {self.w_down.shape}")
        if self.b_down.shape != (d_model,):
            raise ValueError(f"b_down must have shape ({d_model},), got {self.b_down.shape}")

    @property
    def d_model(self) -> int:
        """Width of the residual stream (columns of W_up)."""
        return int(self.w_up.shape[1])

    @property
    def d_mlp(self) -> int:
        """Number of neurons (rows of W_up)."""
        return int(self.w_up.shape[0])


@dataclass(frozen=True)
class MLPTrace:
    """Every intermediate of one forward pass; each has a leading token axis if the input did."""

    embedding: FloatArray
    up: FloatArray
    pre_activation: FloatArray
    neurons: FloatArray
    down: FloatArray
    output: FloatArray
    residual: FloatArray


def mlp_forward(x: ArrayLike, weights: MLPWeights, activation_name: str = "relu") -> MLPTrace:
    """Run the MLP block on one vector (shape (d_model,)) or a sequence of rows (n, d_model)."""
    sigma = activation(activation_name)
    embedding = np.asarray(x, dtype=np.float64)
    if embedding.shape[-1] != weights.d_model or embedding.ndim not in (1, 2):
        raise ValueError(
            f"input must have shape ({weights.d_model},) or (n, {weights.d_model}), "
            f"got {embedding.shape}"
        )
    # Rows are tokens: X Wᵀ is the column picture W E applied to every token at once.
    up = embedding @ weights.w_up.T
    pre_activation = up + weights.b_up
    neurons = sigma(pre_activation)
    down = neurons @ weights.w_down.T
    output = down + weights.b_down
    residual = embedding + output
    return MLPTrace(embedding, up, pre_activation, neurons, down, output, residual)
