"""The sparse autoencoder recovers planted features; the toy model's two regimes."""

from __future__ import annotations

import numpy as np
import pytest

from mathcore.sae import loss_and_gradients, match_features, planted_dataset, train_sae
from mathcore.toy_model import hidden_activations, train_toy_model


def planted_plane_features(count: int, seed: int) -> np.ndarray:
    """``count`` unit features spread evenly around the plane, at a seeded random rotation
    and with seeded jitter (so not a fixed picture), as columns."""
    rng = np.random.default_rng(seed)
    angles = rng.uniform(0, 2 * np.pi) + 2 * np.pi * np.arange(count) / count
    angles += rng.uniform(-0.1, 0.1, count)
    return np.array([np.cos(angles), np.sin(angles)])


@pytest.mark.parametrize("seed", [0, 1, 2, 3])
def test_sae_recovers_planted_features(seed: int) -> None:
    features = planted_plane_features(5, seed)  # 5 features in 2 dimensions: superposed
    data = planted_dataset(features, 10_000, active=0.1, seed=seed + 10)
    sae = train_sae(data, 5, seed, l1=0.6, steps=1500)
    chosen, cosines = match_features(features, sae.decoder)
    assert cosines.min() >= 0.95
    assert sorted(chosen.tolist()) == list(range(5))  # one learned direction per feature
    # Where it started (directions spread over the data) was not already the answer.
    assert match_features(features, sae.history[0])[1].min() < cosines.min()


def test_sae_gradients_match_finite_differences() -> None:
    rng = np.random.default_rng(0)
    enc, bias, dec = (
        rng.standard_normal((3, 4)),
        rng.standard_normal(4) * 0.1,
        rng.standard_normal((3, 4)),
    )
    batch = rng.standard_normal((16, 3))
    loss, d_e, d_c, d_d = loss_and_gradients(enc, bias, dec, batch, 0.3)
    for param, grad in ((enc, d_e), (bias, d_c), (dec, d_d)):
        flat = param.reshape(-1)
        for i in range(flat.size):
            keep = flat[i]
            flat[i] = keep + 1e-6
            up = loss_and_gradients(enc, bias, dec, batch, 0.3)[0]
            flat[i] = keep - 1e-6
            down = loss_and_gradients(enc, bias, dec, batch, 0.3)[0]
            flat[i] = keep
            assert grad.reshape(-1)[i] == pytest.approx((up - down) / 2e-6, abs=1e-5)
    assert loss > 0


def test_sae_is_seeded() -> None:
    data = planted_dataset(planted_plane_features(5, 3), 2_000, 0.1, 4)
    a, b = (train_sae(data, 5, 7, steps=200).decoder for _ in range(2))
    assert np.array_equal(a, b)


def test_toy_model_dense_keeps_two_orthogonal_features() -> None:
    model = train_toy_model(5, 2, 0.0, 0, steps=3000, importance_decay=0.9)
    norms = model.feature_norms()
    kept = np.flatnonzero(norms > 0.5)
    assert list(kept) == [0, 1]  # the two most important
    assert np.all(norms[2:] < 0.1)
    w = model.weights[:, kept]
    cos = w[:, 0] @ w[:, 1] / np.linalg.norm(w[:, 0]) / np.linalg.norm(w[:, 1])
    assert abs(cos) < 0.05


def test_toy_model_sparse_makes_a_pentagon_the_sae_recovers() -> None:
    model = train_toy_model(5, 2, 0.9, 0, steps=3000, importance_decay=0.9)
    assert np.all(model.feature_norms() > 0.8)
    gaps = np.diff(np.sort(np.mod(model.feature_angles_deg(), 360.0)))
    assert np.allclose(gaps, 72.0, atol=6.0)
    sae = train_sae(hidden_activations(model, 20_000, 1), 5, 0, l1=0.6, steps=1500)
    assert match_features(model.weights, sae.decoder)[1].min() >= 0.95
