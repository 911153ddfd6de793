"""A sparse autoencoder (SAE), trained in numpy, to pull superposed features back out.

Activations h ∈ R^m (rows of H) are rewritten as a sparse, non-negative mix of k learned
directions, the columns of D ∈ R^{m × k} (kept at unit length):

    f = ReLU(h E + c),    ĥ = f Dᵀ,    E ∈ R^{m × k}, c ∈ R^k,
    L = mean over the batch of ‖ĥ − h‖² + λ Σ_j f_j  (the L1 term keeps few f_j on).

With R = ĥ − h and B samples (rows):  dL/dĥ = 2R / B,  dL/dD = (dL/dĥ)ᵀ f,
dL/df = (dL/dĥ) D + λ / B,  dL/dz = dL/df · 1[z > 0] for z = h E + c,
dL/dE = Hᵀ dL/dz,  dL/dc = Σ_batch dL/dz. Adam on E, c, D; D's columns renormalised after
every step. The decoder starts from k normalised samples of the data (a common trick that
keeps latents from dying). No decoder bias: zero activation means "no feature" here.

Recovery is judged by cosine: each true feature is matched to the learned direction closest
to it (a one-to-one matching maximising the total cosine).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray
from scipy.optimize import linear_sum_assignment

from mathcore.adam import AdamSettings, AdamState, adam_step

FloatArray = NDArray[np.float64]


@dataclass(frozen=True)
class SparseAutoencoder:
    """Trained encoder (E, c) and unit decoder directions D, with snapshots of D."""

    encoder: FloatArray  # m × k
    encoder_bias: FloatArray  # k
    decoder: FloatArray  # m × k, unit columns
    history: tuple[FloatArray, ...]  # D at evenly spaced steps, the start first
    final_loss: float

    def encode(self, activations: FloatArray) -> FloatArray:
        """f = ReLU(h E + c) for each row h."""
        return np.asarray(np.maximum(activations @ self.encoder + self.encoder_bias, 0.0))


def loss_and_gradients(
    encoder: FloatArray,
    bias: FloatArray,
    decoder: FloatArray,
    batch: FloatArray,
    l1: float,
) -> tuple[float, FloatArray, FloatArray, FloatArray]:
    """L and dL/dE, dL/dc, dL/dD for one batch (module docstring)."""
    z = batch @ encoder + bias
    f = np.maximum(z, 0.0)
    residual = f @ decoder.T - batch
    size = batch.shape[0]
    loss = float(np.sum(residual**2) / size + l1 * np.sum(f) / size)
    d_out = 2.0 * residual / size
    d_decoder = d_out.T @ f
    d_z = (d_out @ decoder + l1 / size) * (z > 0)
    return loss, np.asarray(batch.T @ d_z), np.asarray(d_z.sum(axis=0)), np.asarray(d_decoder)


def train_sae(
    activations: FloatArray,
    latents: int,
    seed: int,
    l1: float = 0.6,
    steps: int = 1500,
    restarts: int = 3,
    snapshots: int = 8,
) -> SparseAutoencoder:
    """Train an SAE with ``latents`` directions on the rows of ``activations``: ``restarts``
    runs from seeds seed, seed + 1, ..., keeping the one with the lowest loss L over all the
    data (the SAE's own objective: no knowledge of the true features is used)."""
    data = np.asarray(activations, dtype=np.float64)
    best: SparseAutoencoder | None = None
    for attempt in range(restarts):
        run = _train_once(data, latents, seed + attempt, l1, steps, snapshots)
        if best is None or run.final_loss < best.final_loss:
            best = run
    assert best is not None
    return best


def _train_once(
    data: FloatArray,
    latents: int,
    seed: int,
    l1: float,
    steps: int,
    snapshots: int,
    batch: int = 512,
    lr: float = 0.01,
) -> SparseAutoencoder:
    """One seeded run of Adam on L (module docstring); final_loss is L over all of ``data``."""
    rng = np.random.default_rng(seed)
    norms = np.linalg.norm(data, axis=1)
    live = data[norms > 1e-9]
    decoder = spread_samples(live / np.linalg.norm(live, axis=1, keepdims=True), latents, rng)
    encoder = decoder.copy()
    bias = np.zeros(latents)
    settings = AdamSettings(lr=lr)
    states = [AdamState.like(p) for p in (encoder, bias, decoder)]
    every = max(1, steps // snapshots)
    history = [decoder.copy()]
    for step in range(1, steps + 1):
        rows = data[rng.integers(0, data.shape[0], batch)]
        _, d_e, d_c, d_d = loss_and_gradients(encoder, bias, decoder, rows, l1)
        rate = AdamSettings(lr=settings.lr * min(1.0, 2.0 * (1.0 - step / steps) + 0.05))
        for param, grad, state in zip(
            (encoder, bias, decoder), (d_e, d_c, d_d), states, strict=True
        ):
            adam_step(param, grad, state, step, rate)
        decoder /= np.maximum(np.linalg.norm(decoder, axis=0, keepdims=True), 1e-12)
        if step % every == 0 or step == steps:
            history.append(decoder.copy())
    loss = loss_and_gradients(encoder, bias, decoder, data, l1)[0]
    return SparseAutoencoder(encoder, bias, decoder, tuple(history[: snapshots + 1]), loss)


def spread_samples(unit_rows: FloatArray, count: int, rng: np.random.Generator) -> FloatArray:
    """``count`` rows picked far apart (farthest-point: each next one has the smallest largest
    cosine with those already picked, among a seeded subsample), as columns."""
    pool = unit_rows[rng.choice(unit_rows.shape[0], size=min(2048, unit_rows.shape[0]))]
    picked = [int(rng.integers(pool.shape[0]))]
    while len(picked) < count:
        closeness = (pool @ pool[picked].T).max(axis=1)
        picked.append(int(np.argmin(closeness)))
    return np.asarray(pool[picked].T.copy())


def match_features(
    true_directions: FloatArray, learned: FloatArray
) -> tuple[NDArray[np.intp], FloatArray]:
    """For each true feature (column of ``true_directions``), the learned direction (column
    of ``learned``) it is matched to, one-to-one maximising the total cosine, and that cosine."""
    truth = true_directions / np.linalg.norm(true_directions, axis=0, keepdims=True)
    found = learned / np.linalg.norm(learned, axis=0, keepdims=True)
    cosines = truth.T @ found
    rows, columns = linear_sum_assignment(-cosines)
    order = np.argsort(rows)
    chosen = columns[order]
    return chosen, np.asarray(cosines[rows[order], chosen], dtype=np.float64)


def planted_dataset(features: FloatArray, samples: int, active: float, seed: int) -> FloatArray:
    """Rows h = Σ_i a_i F_i with each a_i zero with probability 1 − ``active`` and otherwise
    uniform on [0, 1]: sparse mixes of planted feature directions (columns of F)."""
    rng = np.random.default_rng(seed)
    n = features.shape[1]
    amounts = rng.uniform(0.0, 1.0, (samples, n)) * (rng.uniform(0.0, 1.0, (samples, n)) < active)
    return np.asarray(amounts @ features.T, dtype=np.float64)
