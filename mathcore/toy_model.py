"""Toy models of superposition (Elhage et al. 2022), trained in numpy.

n features, each zero with probability S (the sparsity) and otherwise uniform on [0, 1], are
squeezed into m < n dimensions and read back:

    h = W x,    x' = ReLU(Wᵀ h + b) = ReLU(Wᵀ W x + b),    W ∈ R^{m × n}

trained on L = mean over the batch of Σ_i I_i (x_i − x'_i)², I_i the importance of feature i.
With Y = X WᵀW + b and dY = dL/dY (rows are samples):

    dL/db = Σ_samples dY,    dL/dW = W (Xᵀ dY + dYᵀ X)

At high sparsity, 5 features in 2 dimensions settle into a regular pentagon (72° apart).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from mathcore.adam import AdamSettings, AdamState, adam_step

FloatArray = NDArray[np.float64]


@dataclass(frozen=True)
class ToyModel:
    """Trained weights: W (m × n) and b (n), at one sparsity."""

    weights: FloatArray
    bias: FloatArray
    sparsity: float
    final_loss: float

    def feature_angles_deg(self) -> FloatArray:
        """Polar angle of each feature's column of W (m = 2 only), in degrees."""
        return np.asarray(np.degrees(np.arctan2(self.weights[1], self.weights[0])))

    def feature_norms(self) -> FloatArray:
        """‖W_i‖ per feature: near 1 when represented, near 0 when dropped."""
        return np.asarray(np.linalg.norm(self.weights, axis=0), dtype=np.float64)


def sample_batch(rng: np.random.Generator, batch: int, n: int, sparsity: float) -> FloatArray:
    """Sparse inputs: each entry 0 with probability ``sparsity``, else uniform on [0, 1]."""
    values = rng.uniform(0.0, 1.0, (batch, n))
    return np.asarray(values * (rng.uniform(0.0, 1.0, (batch, n)) >= sparsity))


def loss_and_gradients(
    weights: FloatArray, bias: FloatArray, x: FloatArray, importance: FloatArray
) -> tuple[float, FloatArray, FloatArray]:
    """L, dL/dW and dL/db for one batch (module docstring)."""
    y = x @ weights.T @ weights + bias
    out = np.maximum(y, 0.0)
    err = out - x
    batch = x.shape[0]
    loss = float(np.sum(importance * err**2) / batch)
    d_y = 2.0 * importance * err * (y > 0) / batch
    d_w = weights @ (x.T @ d_y + d_y.T @ x)
    return loss, np.asarray(d_w), np.asarray(d_y.sum(axis=0))


def train_toy_model(
    n_features: int,
    m_dims: int,
    sparsity: float,
    seed: int,
    steps: int = 4000,
    batch: int = 1024,
    lr: float = 0.01,
    importance_decay: float = 1.0,
) -> ToyModel:
    """Train W and b with Adam; importance I_i = importance_decay ** i."""
    rng = np.random.default_rng(seed)
    weights = rng.normal(0.0, 1.0 / np.sqrt(m_dims), (m_dims, n_features))
    bias = np.zeros(n_features)
    importance = importance_decay ** np.arange(n_features, dtype=np.float64)
    settings = AdamSettings(lr=lr)
    states = (AdamState.like(weights), AdamState.like(bias))
    loss = 0.0
    for step in range(1, steps + 1):
        x = sample_batch(rng, batch, n_features, sparsity)
        loss, d_w, d_b = loss_and_gradients(weights, bias, x, importance)
        adam_step(weights, d_w, states[0], step, settings)
        adam_step(bias, d_b, states[1], step, settings)
    return ToyModel(weights, bias, sparsity, loss)


def sparsity_sweep(
    n_features: int,
    m_dims: int,
    sparsities: list[float],
    seed: int,
    steps: int = 4000,
    importance_decay: float = 1.0,
) -> list[ToyModel]:
    """One trained model per sparsity (same seed), for animating the arrangement forming."""
    return [
        train_toy_model(n_features, m_dims, s, seed, steps, importance_decay=importance_decay)
        for s in sparsities
    ]


def hidden_activations(model: ToyModel, samples: int, seed: int) -> FloatArray:
    """h = W x for ``samples`` fresh sparse inputs x at the model's sparsity: the activations
    a sparse autoencoder reads (rows)."""
    rng = np.random.default_rng(seed)
    x = sample_batch(rng, samples, model.weights.shape[1], model.sparsity)
    return np.asarray(x @ model.weights.T)
