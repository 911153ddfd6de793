"""The fast superposition step computes what the plain formulas say (correctness only: the
speed itself is measured by ``make bench``, never asserted here)."""

import itertools
import os
import subprocess
import sys

import numpy as np
import pytest

from mathcore import superposition as sp
from mathcore.experiment import ExperimentSpec
from mathcore.shardpool import ShardPool


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


# -- shards and the shard pool: the same numbers on several cores ---------------------------


@pytest.mark.parametrize(("n", "block"), [(10_000, 512), (97, 5), (700, 256), (3, 64)])
def test_shards_deal_every_block_pair_once_and_evenly(n: int, block: int) -> None:
    shards = sp.shard_pairs(n, block)
    assert len(shards) == sp.SHARDS
    dealt = [pair for shard in shards for pair in shard]
    assert sorted(dealt) == sorted(sp._block_pairs(n, min(block, n)))
    assert len(set(dealt)) == len(dealt)
    for shard in shards:  # each in the order the blocks come
        assert shard == sorted(shard)
    loads = [sum(sp._pair_cost(pair) for pair in shard) for shard in shards]
    if len(dealt) >= 20:  # enough pairs to balance: within one pair's cost of each other
        biggest = max(sp._pair_cost(pair) for pair in dealt)
        assert max(loads) - min(loads) <= biggest


@pytest.mark.parametrize("objective", ["video", "coherence"])
def test_shard_sums_add_up_to_the_dense_formula(objective: str) -> None:
    vectors = sp.random_unit_vectors(150, 6, 3).astype(np.float64) * 1.02
    total, grad = 0.0, np.zeros_like(vectors)
    part = np.empty_like(vectors)
    for pairs in sp.shard_pairs(150, 32):
        total += sp.shard_loss_and_gradient(vectors, objective, pairs, part, block=32, power=3)  # type: ignore[arg-type]
        grad += part
    plain_loss, plain_grad = dense_loss_and_gradient(vectors, objective, 3)
    assert total == pytest.approx(plain_loss, rel=1e-10)
    assert np.allclose(grad, plain_grad, rtol=1e-10, atol=1e-10 * np.abs(plain_grad).max())


EXACT_CHECK = """
import numpy as np
from mathcore import superposition as sp
from mathcore.shardpool import ShardPool
vectors = sp.random_unit_vectors(1500, 40, 5) * np.float32(1.01)
with ShardPool(1500, 40, np.float32, 256) as pool:
    for objective in ("video", "coherence"):
        loss, grad = sp.loss_and_gradient(vectors, objective, block=256)
        pooled_loss, pooled_grad = pool.loss_and_gradient(vectors, objective)
        assert pooled_loss == loss and np.array_equal(pooled_grad, grad), objective
    assert np.array_equal(pool.gram_products(vectors), sp.gram_products(vectors, 256))
print("same")
"""


def test_shard_pool_computes_exactly_what_one_process_does() -> None:
    # Same BLAS threading as the workers (one thread): then every bit must agree.
    env = {**os.environ, "OPENBLAS_NUM_THREADS": "1", "OMP_NUM_THREADS": "1"}
    done = subprocess.run(
        [sys.executable, "-c", EXACT_CHECK], env=env, capture_output=True, text=True, timeout=300
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "same"


def test_optimise_on_workers_is_reproducible_and_matches_one_process() -> None:
    start = sp.random_unit_vectors(1200, 30, 6)
    first = sp.optimise(start, "coherence", 4, block=256, workers=2)
    second = sp.optimise(start, "coherence", 4, block=256, workers=2)
    assert np.array_equal(first.vectors, second.vectors)
    assert np.array_equal(first.losses, second.losses)
    here = sp.optimise(start, "coherence", 4, block=256, workers=1)  # BLAS threads may differ
    assert np.allclose(here.losses, first.losses, rtol=1e-4)
    assert np.allclose(here.vectors, first.vectors, atol=1e-4)


def test_shard_pool_cleans_up_and_reports_a_dead_worker() -> None:
    vectors = sp.random_unit_vectors(300, 8, 7)
    pool = ShardPool(300, 8, np.float32, 64)
    assert not pool.folder.exists()  # names removed once every process has mapped them
    workers = list(pool.workers)
    pool.loss_and_gradient(vectors, "video")
    assert all(seconds > 0 for seconds in pool.worker_seconds)
    workers[1].kill()
    workers[1].wait()
    with pytest.raises(RuntimeError, match="worker 1 stopped"):
        pool.loss_and_gradient(vectors, "video")
    assert all(worker.poll() is not None for worker in workers)  # all stopped
    pool.close()  # again: nothing left to do


def test_shard_pool_stops_its_workers_when_left() -> None:
    with ShardPool(200, 5, np.float32, 64) as pool:
        workers = list(pool.workers)
    assert all(worker.returncode == 0 for worker in workers)


def test_default_experiment_runs_on_shard_workers_small_ones_here() -> None:
    assert ExperimentSpec(10_000, 100, 250, 0, "video").workers == sp.SHARDS
    assert ExperimentSpec(2000, 50, 250, 0, "video").workers == 1


def test_the_coherence_optimiser_runs_its_own_step_count() -> None:
    from mathcore.experiment import COHERENCE_STEPS
    from scenes.app.experiment import compute

    video = ExperimentSpec(300, 12, COHERENCE_STEPS + 20, 0, "video")
    coherence = ExperimentSpec(300, 12, COHERENCE_STEPS + 20, 0, "coherence")
    assert video.run_steps == COHERENCE_STEPS + 20  # the video's script's count, as configured
    assert coherence.run_steps == COHERENCE_STEPS
    assert ExperimentSpec(300, 12, 7, 0, "coherence").run_steps == 7  # never more than asked
    assert coherence.work() < video.work()  # and the size check counts what really runs
    assert len(compute(coherence).optimised.losses) == COHERENCE_STEPS
