"""The fast superposition step computes what the plain formulas say (correctness only: the
speed itself is measured by ``make bench``, never asserted here)."""

import itertools

import numpy as np
import pytest

from mathcore import superposition as sp


def dense_loss_and_gradient(
    vectors: np.ndarray, objective: str, power: int
) -> tuple[float, np.ndarray]:
    """Brute force in float64, straight from the module docstring's formulas."""
    n = vectors.shape[0]
    gram = vectors @ vectors.T
    if objective == "video":
        diff = gram - np.eye(n)
        loss = np.maximum(np.abs(diff) - sp.VIDEO_MARGIN, 0).sum() + n * np.sum(np.diag(diff) ** 2)
        d_gram = np.sign(diff) * (np.abs(diff) > sp.VIDEO_MARGIN) + np.diag(2 * n * np.diag(diff))
    else:
        off = gram - np.diag(np.diag(gram))
        loss = np.sum(off ** (2 * power))
        d_gram = 2 * power * off ** (2 * power - 1)
    return float(loss), (d_gram + d_gram.T) @ vectors


CASES = list(itertools.product(["video", "coherence"], [1, 5, 64, 97, 512], [2, 3, 8]))


@pytest.mark.parametrize(("objective", "block", "power"), CASES)
def test_blocked_step_equals_dense_formula(objective: str, block: int, power: int) -> None:
    # 97 rows: blocks of 5 or 64 leave a partial last block; lengths off 1 so the diagonal counts.
    rng = np.random.default_rng(block + power)
    vectors = sp.random_unit_vectors(97, 6, block).astype(np.float64)
    vectors *= rng.uniform(0.9, 1.1, size=(97, 1))
    loss, grad = sp.loss_and_gradient(vectors, objective, block=block, power=power)  # type: ignore[arg-type]
    plain_loss, plain_grad = dense_loss_and_gradient(vectors, objective, power)
    assert loss == pytest.approx(plain_loss, rel=1e-10)
    assert np.allclose(grad, plain_grad, rtol=1e-10, atol=1e-10 * np.abs(plain_grad).max())


@pytest.mark.parametrize("objective", ["video", "coherence"])
def test_float32_step_matches_float64(objective: str) -> None:
    vectors = sp.random_unit_vectors(700, 20, 1) * np.float32(1.01)
    loss32, grad32 = sp.loss_and_gradient(vectors, objective, block=256)  # type: ignore[arg-type]
    loss64, grad64 = sp.loss_and_gradient(vectors.astype(np.float64), objective, block=256)  # type: ignore[arg-type]
    assert grad32.dtype == np.float32
    assert loss32 == pytest.approx(loss64, rel=1e-4)
    # Entries right at the video's threshold may flip in float32: compare in norm.
    assert np.linalg.norm(grad32 - grad64) <= 1e-3 * np.linalg.norm(grad64)


def test_gradient_matches_finite_differences_on_partial_blocks() -> None:
    rng = np.random.default_rng(11)
    vectors = rng.normal(size=(13, 3)) / 2.0
    loss, grad = sp.loss_and_gradient(vectors, "coherence", block=4, power=2)
    step = 1e-6
    for i, j in [(0, 0), (12, 2), (5, 1)]:
        plus, minus = vectors.copy(), vectors.copy()
        plus[i, j] += step
        minus[i, j] -= step
        numeric = (
            sp.loss_and_gradient(plus, "coherence", block=4, power=2)[0]
            - sp.loss_and_gradient(minus, "coherence", block=4, power=2)[0]
        ) / (2 * step)
        assert grad[i, j] == pytest.approx(numeric, rel=1e-5)
    assert loss > 0


@pytest.mark.parametrize("exponent", range(1, 17))
def test_int_power_by_squaring(exponent: int) -> None:
    x = np.linspace(-1.2, 1.2, 35).reshape(5, 7)
    before = x.copy()
    out, scratch = np.empty_like(x), np.empty_like(x)
    assert sp._int_power(x, exponent, out, scratch) is out
    assert np.allclose(out, x**exponent, rtol=1e-13, atol=0)
    assert np.array_equal(x, before)


@pytest.mark.parametrize("block", [3, 64, 512])
def test_floor_makes_the_whole_products(block: int) -> None:
    # The bench's floor must do all the arithmetic a step needs: (V Vᵀ) V, every block.
    vectors = sp.random_unit_vectors(150, 7, 2).astype(np.float64)
    assert np.allclose(sp.gram_products(vectors, block), (vectors @ vectors.T) @ vectors)


def test_steps_are_reproducible() -> None:
    start = sp.random_unit_vectors(300, 10, 4)
    first = sp.optimise(start, "video", 5, block=64)
    second = sp.optimise(start, "video", 5, block=64)
    assert np.array_equal(first.vectors, second.vectors)
    assert np.array_equal(first.losses, second.losses)
    assert first.losses[-1] < first.losses[0]
