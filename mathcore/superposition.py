"""Nearly perpendicular directions: the video's optimisation, an honest one, and statistics.

N vectors v_i in R^d are the rows of V; G = V Vᵀ is their Gram matrix. Two objectives:

``video`` (the video's script, re-implemented)
    L = Σ_ij relu(|G − I|_ij − 0.01) + N · Σ_i (G_ii − 1)²
    dL/dG_ij = sign(G − I)_ij · 1[|G − I|_ij > 0.01] + 2N (G_ii − 1) δ_ij

``coherence`` (push down the largest |cos|): rows kept at unit length, and
    L = Σ_{i≠j} G_ij^(2p)           dL/dG_ij = 2p · G_ij^(2p−1)
    a smooth stand-in for max |G_ij| that grows sharper with the power p.

Since G is symmetric, dL/dV = (D + Dᵀ) V = 2 D V with D = dL/dG. Both are computed one block
of rows at a time against the blocks after it (j ≥ i), so the N × N matrix is never held and
the Gram products are halved by symmetry (a diagonal block by syrk and symm, upper triangle
only). The products go straight to BLAS into reused buffers and accumulate into the gradient in
place; the elementwise work runs on cache-sized chunks, its sums as BLAS dot products. The
block pairs are dealt to SHARDS shards of equal work, summed separately then added in order,
so that mathcore.shardpool can compute the shards in parallel processes with the same result.
The matrix products alone are the floor ``make bench`` compares a step with. Optimised with Adam in
float32, like the video's PyTorch script (lr 0.01, betas 0.9 and 0.999).
"""

from __future__ import annotations

import contextlib
import itertools
import math
from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal

import numpy as np
from numpy.typing import NDArray
from scipy.linalg import get_blas_funcs

from mathcore.adam import AdamSettings, AdamState, adam_step

Objective = Literal["video", "coherence"]
F32 = np.float32
Array32 = NDArray[np.float32]
Progress = Callable[[int, int, float], None]  # (step, steps, loss)
BlockProgress = Callable[[int, int], None]  # (blocks done, blocks in all)
VIDEO_MARGIN = 0.01  # the video's tolerance inside relu(|G − I| − 0.01)
VIDEO_BAND_DEG = (89.0, 91.0)  # the video's claim: every angle ends up in this band
COLLAPSE_DEG = 10.0  # pairs this close to 0° or 180° count as collapsed onto each other
FINE_BINS = 3600  # 0.05° bins over 0°-180°; coarser histograms are sums of these


def random_unit_vectors(n: int, dim: int, seed: int) -> Array32:
    """N seeded Gaussian vectors in R^d, normalised to unit length, float32."""
    vectors = np.random.default_rng(seed).standard_normal((n, dim)).astype(F32)
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    return vectors


def _block_pairs(n: int, block: int) -> list[tuple[int, int, int, int]]:
    """(row start, row stop, column start, column stop) of the blocks with j ≥ i."""
    spans = list(itertools.pairwise([*range(0, n, block), n]))
    return [(a, b, c, e) for i, (a, b) in enumerate(spans) for (c, e) in spans[i:]]


CHUNK_BYTES = 128 * 1024  # elementwise passes run on row chunks this big: they stay in L2 cache
GRAM_BLOCK = 512  # rows per Gram block in the optimiser (a 1 MB float32 block)
FloatArray = NDArray[np.floating]


def _chunks(block: FloatArray) -> list[slice]:
    """Row slices of ``block``, each at most CHUNK_BYTES (and at least one row)."""
    rows = max(1, CHUNK_BYTES // max(1, block.shape[1] * block.itemsize))
    return [slice(k, k + rows) for k in range(0, block.shape[0], rows)]


def _video_block(scaled: FloatArray, deriv: FloatArray) -> float:
    """deriv ← sign(x) · 1[|x| > ½] for x = scaled = (G − I) / (2m); return Σ relu(|G − I| − m).

    With D = deriv: Σ relu(|G − I| − m) = Σ D (G − I) − m Σ D² = m (2 Σ D x − Σ D²), two BLAS
    dot products instead of more elementwise passes. rint then clip gives the sign and the mask
    in two passes (|x| = ½ rounds to 0, as the strict mask wants). Sums cover the whole block.
    """
    total = 0.0
    for rows in _chunks(scaled):
        x, out = scaled[rows], deriv[rows]
        np.rint(x, out=out)
        np.clip(out, -1, 1, out=out)
        flat_x, flat_d = x.reshape(-1), out.reshape(-1)
        total += VIDEO_MARGIN * (2 * float(np.dot(flat_d, flat_x)) - float(np.dot(flat_d, flat_d)))
    return total


def _int_power(x: FloatArray, exponent: int, out: FloatArray, scratch: FloatArray) -> FloatArray:
    """out ← x ** exponent for a positive integer, by repeated squaring into ``scratch``
    (np.power is slow here); x is left as it was. 15 (= 2p − 1 for the default p = 8) takes
    the chain x², x³, x⁶, x¹², x¹⁵: five products where squaring takes six."""
    if exponent == 15:
        np.multiply(x, x, out=out)
        np.multiply(out, x, out=scratch)
        np.multiply(scratch, scratch, out=out)
        np.multiply(out, out, out=out)
        np.multiply(out, scratch, out=out)
        return out
    result: FloatArray | None = None  # the product so far: x itself until something multiplies
    square = x
    while exponent:
        if exponent & 1:
            if result is None and square is not x:
                np.copyto(out, square)
                result = out
            elif result is None:
                result = x
            else:
                np.multiply(result, square, out=out)
                result = out
        exponent >>= 1
        if exponent:
            np.multiply(square, square, out=scratch)
            square = scratch
    assert result is not None, "exponent must be positive"
    if result is not out:
        np.copyto(out, result)
    return out


def _coherence_block(gram: FloatArray, deriv: FloatArray, scratch: FloatArray, power: int) -> float:
    """deriv ← G^(2p−1) (dL/dG without its factor 2p); return Σ G^(2p) = Σ deriv · G."""
    total = 0.0
    for rows in _chunks(gram):
        high = _int_power(gram[rows], 2 * power - 1, deriv[rows], scratch[rows])
        total += float(np.dot(high.reshape(-1), gram[rows].reshape(-1)))
    return total


@dataclass(frozen=True)
class _Pass:
    """One pass of loss_and_gradient: the objective, its scaling and the reused buffers.

    ``scale`` multiplies the Gram products (the video's test |G − I| > m becomes |x| > ½);
    ``chain`` multiplies the products with dL/dG: dL/dV = 2 D V, and the coherence's D carries
    its factor 2p here. BLAS routines match the dtype; ``flat`` holds three block × block
    buffers; a diagonal block gets its own buffer, zero below the diagonal for good (syrk
    writes only the upper triangle)."""

    objective: Objective
    n: int
    power: int
    scale: float
    chain: float
    size: int
    flat: FloatArray
    diagonal: dict[int, FloatArray]
    gemm: Callable[..., FloatArray]
    syrk: Callable[..., FloatArray]
    symm: Callable[..., FloatArray]

    @classmethod
    def start(cls, vectors: FloatArray, objective: Objective, block: int, power: int) -> _Pass:
        """Buffers for ``vectors`` (contiguous rows) in blocks of ``block`` rows."""
        n, size = vectors.shape[0], min(block, vectors.shape[0])
        video = objective == "video"
        gemm, syrk, symm = get_blas_funcs(("gemm", "syrk", "symm"), dtype=vectors.dtype)
        flat = np.empty(3 * size * size, dtype=vectors.dtype)
        scale, chain = (0.5 / VIDEO_MARGIN, 2.0) if video else (1.0, 4.0 * power)
        return cls(objective, n, power, scale, chain, size, flat, {}, gemm, syrk, symm)

    def buffer(self, which: int, rows: int, cols: int) -> FloatArray:
        """Buffer 0 (Gram), 1 (dL/dG) or 2 (scratch), contiguous, rows × cols."""
        start = which * self.size * self.size
        return self.flat[start : start + rows * cols].reshape(rows, cols)

    def diagonal_gram(self, rows: int) -> FloatArray:
        """The zero-initialised buffer for a diagonal block of ``rows`` rows."""
        if rows not in self.diagonal:
            self.diagonal[rows] = np.zeros((rows, rows), dtype=self.flat.dtype)
        return self.diagonal[rows]

    def derivative(self, gram: FloatArray, deriv: FloatArray) -> float:
        """deriv ← dL/dG (up to ``chain``) from this pass's Gram block; the block's loss."""
        if self.objective == "video":
            return _video_block(gram, deriv)
        scratch = self.buffer(2, *gram.shape)
        return _coherence_block(gram, deriv, scratch, self.power)


def _off_diagonal_pair(
    work: _Pass, rows: FloatArray, cols: FloatArray, grad_rows: FloatArray, grad_cols: FloatArray
) -> float:
    """Block G_ij (i < j): D_ij V_j into rows i, D_ijᵀ V_i into rows j; the pair's loss.

    Row-major arrays are passed to BLAS as their (column-major) transposes, so nothing is copied
    and the gradient is accumulated in place (beta = 1)."""
    gram = work.buffer(0, rows.shape[0], cols.shape[0])
    deriv = work.buffer(1, rows.shape[0], cols.shape[0])
    work.gemm(work.scale, cols.T, rows.T, trans_a=1, c=gram.T, overwrite_c=1)
    loss = work.derivative(gram, deriv)
    work.gemm(work.chain, cols.T, deriv.T, beta=1.0, c=grad_rows.T, overwrite_c=1)
    work.gemm(work.chain, rows.T, deriv.T, trans_b=1, beta=1.0, c=grad_cols.T, overwrite_c=1)
    return 2 * loss  # the block and its mirror image


def _diagonal_pair(work: _Pass, rows: FloatArray, grad_rows: FloatArray) -> float:
    """Block G_ii: only its upper triangle (syrk), D_ii V_i from that triangle (symm)."""
    count = rows.shape[0]
    gram, deriv = work.diagonal_gram(count), work.buffer(1, count, count)
    work.syrk(work.scale, rows.T, trans=1, c=gram.T, lower=1, overwrite_c=1)
    on_diagonal = gram.reshape(-1)[:: count + 1]  # a view
    if work.objective == "video":
        on_diagonal -= work.scale  # x = (G − I) / (2m)
        offset = on_diagonal / work.scale  # G_ii − 1
        upper = work.derivative(gram, deriv)  # upper triangle and diagonal
        relu = float(np.maximum(np.abs(offset) - VIDEO_MARGIN, 0.0).sum())
        deriv.reshape(-1)[:: count + 1] += (2 * work.n) * offset
        loss = 2 * upper - relu + work.n * float(np.dot(offset, offset))
    else:
        on_diagonal[:] = 0.0  # the unit diagonal carries no loss
        loss = 2 * work.derivative(gram, deriv)
    work.symm(work.chain, deriv.T, rows.T, side=1, lower=1, beta=1.0, c=grad_rows.T, overwrite_c=1)
    return loss


SHARDS = 2  # the block pairs are dealt to this many shards, each with its own gradient sum
PairSpan = tuple[int, int, int, int]


def _pair_cost(pair: PairSpan) -> int:
    """Relative work of one block pair: 3 products of rows × cols × d off the diagonal, 1.5 on
    it (syrk makes half of G_ii, symm all of D_ii V_i), in units of rows × cols × d / 2."""
    a, b, c, e = pair
    return (b - a) * (e - c) * (3 if a == c else 6)


def shard_pairs(n: int, block: int, shards: int = SHARDS) -> list[list[PairSpan]]:
    """The block pairs (j ≥ i) of N rows in blocks of ``block``, dealt to ``shards`` lists of
    about equal work: the costliest first, each to the shard with the least work so far (ties:
    the lowest shard); each list in the original order. Depends on the sizes only, so a
    shard's partial sums are the same whichever process computes them."""
    pairs = _block_pairs(n, min(block, n))
    loads = [0] * shards
    dealt: list[list[int]] = [[] for _ in range(shards)]
    for index in sorted(range(len(pairs)), key=lambda k: (-_pair_cost(pairs[k]), k)):
        target = loads.index(min(loads))
        loads[target] += _pair_cost(pairs[index])
        dealt[target].append(index)
    return [[pairs[k] for k in sorted(indices)] for indices in dealt]


def shard_loss_and_gradient(
    vectors: FloatArray,
    objective: Objective,
    pairs: list[PairSpan],
    grad: FloatArray,
    block: int = GRAM_BLOCK,
    power: int = 8,
) -> float:
    """One shard's share of L, and of dL/dV written into ``grad`` (zeroed first): the sums
    over the block pairs ``pairs`` only. ``vectors`` contiguous float32 or float64 rows."""
    work = _Pass.start(vectors, objective, block, power)
    grad.fill(0)
    total = 0.0
    for a, b, c, e in pairs:
        if a == c:
            total += _diagonal_pair(work, vectors[a:b], grad[a:b])
        else:
            total += _off_diagonal_pair(work, vectors[a:b], vectors[c:e], grad[a:b], grad[c:e])
    return total


def shard_products(
    vectors: FloatArray, pairs: list[PairSpan], out: FloatArray, block: int = GRAM_BLOCK
) -> None:
    """One shard's share of gram_products, written into ``out`` (zeroed first)."""
    work = _Pass.start(vectors, "coherence", block, 1)
    out.fill(0)
    for a, b, c, e in pairs:
        rows, cols = vectors[a:b], vectors[c:e]
        if a == c:
            gram = work.diagonal_gram(b - a)
            work.syrk(1.0, rows.T, trans=1, c=gram.T, lower=1, overwrite_c=1)
            work.symm(1.0, gram.T, rows.T, side=1, lower=1, beta=1.0, c=out[a:b].T, overwrite_c=1)
            continue
        gram = work.buffer(0, b - a, e - c)
        work.gemm(1.0, cols.T, rows.T, trans_a=1, c=gram.T, overwrite_c=1)
        work.gemm(1.0, cols.T, gram.T, beta=1.0, c=out[a:b].T, overwrite_c=1)
        work.gemm(1.0, rows.T, gram.T, trans_b=1, beta=1.0, c=out[c:e].T, overwrite_c=1)


def _as_blas_rows(vectors: FloatArray) -> FloatArray:
    """Contiguous float32 or float64 rows (anything else becomes float64)."""
    v = np.ascontiguousarray(vectors)
    return v if v.dtype in (np.float32, np.float64) else v.astype(np.float64)


def loss_and_gradient(
    vectors: FloatArray, objective: Objective, block: int = GRAM_BLOCK, power: int = 8
) -> tuple[float, FloatArray]:
    """L and dL/dV for ``objective`` (module docstring), computed block by block.

    Each unordered block pair (i ≤ j) is visited once: a diagonal block by syrk (upper
    triangle) and symm, an off-diagonal one by three gemm calls. The pairs are dealt to
    SHARDS shards (shard_pairs), each summed on its own, then the shards are added in order:
    exactly what a ShardPool (mathcore.shardpool) computes with one process per shard.
    Float32 or float64 (anything else is computed in float64). Extra memory: about five
    block × block buffers and two gradients (N × d).
    """
    v = _as_blas_rows(vectors)
    shards = shard_pairs(v.shape[0], block)
    grad, part = np.empty_like(v), np.empty_like(v)
    total = 0.0
    for index, pairs in enumerate(shards):
        total += shard_loss_and_gradient(v, objective, pairs, part if index else grad, block, power)
        if index:
            grad += part
    return total, grad


def gram_products(vectors: FloatArray, block: int = GRAM_BLOCK) -> FloatArray:
    """The floor of a step: only the matrix products loss_and_gradient makes, the same calls
    on the same blocks and shards (G = V Vᵀ by blocks j ≥ i, syrk on the diagonal; then G V by
    symm and two gemm per block), with D = G and no elementwise work. Returns G V (for
    checking).

    ``make bench`` times a step against this; 1.5 N² d multiply-adds in all.
    """
    v = _as_blas_rows(vectors)
    out, part = np.empty_like(v), np.empty_like(v)
    for index, pairs in enumerate(shard_pairs(v.shape[0], block)):
        shard_products(v, pairs, part if index else out, block)
        if index:
            out += part
    return out


@dataclass(frozen=True)
class OptimiseResult:
    """Final vectors, the loss per step, and the objective's settings."""

    vectors: Array32
    losses: NDArray[np.float64]
    objective: Objective
    steps: int


def optimise(
    vectors: Array32,
    objective: Objective,
    steps: int,
    adam: AdamSettings | None = None,
    block: int = GRAM_BLOCK,
    power: int = 8,
    progress: Progress | None = None,
    workers: int = 1,
) -> OptimiseResult:
    """Adam on ``objective`` for ``steps`` steps, starting from ``vectors`` (copied).

    The coherence objective renormalises the rows after every step (projected descent on
    the sphere); the video's objective leaves lengths free, as its script did. With
    ``workers`` > 1 the shards of each step are computed by a ShardPool of SHARDS processes
    (the same numbers as in one process; if the processes cannot be started, it runs here).
    """
    settings = adam if adam is not None else AdamSettings()
    v = vectors.astype(F32, copy=True)
    state = AdamState.like(v)
    losses = np.zeros(steps)
    with contextlib.ExitStack() as stack:
        gradient = _gradient_function(v, objective, block, power, workers > 1 and steps > 0, stack)
        for step in range(1, steps + 1):
            loss, grad = gradient(v)
            losses[step - 1] = loss
            adam_step(v, grad, state, step, settings)
            if objective == "coherence":
                v /= np.linalg.norm(v, axis=1, keepdims=True)
            if progress is not None:
                progress(step, steps, loss)
    return OptimiseResult(v, losses, objective, steps)


Gradient = Callable[[Array32], tuple[float, FloatArray]]


def _gradient_function(
    v: Array32, objective: Objective, block: int, power: int, parallel: bool,
    stack: contextlib.ExitStack[bool | None],
) -> Gradient:  # fmt: skip
    """loss_and_gradient in this process, or by a ShardPool (closed with ``stack``)."""
    if parallel:
        from mathcore.shardpool import ShardPool  # it imports this module

        try:
            pool = stack.enter_context(ShardPool(v.shape[0], v.shape[1], v.dtype, block))
        except OSError:
            pass  # no processes here (a sandbox): the same numbers, one core
        else:
            return lambda vectors: pool.loss_and_gradient(vectors, objective, power)
    return lambda vectors: loss_and_gradient(vectors, objective, block, power)


@dataclass(frozen=True)
class PairStatistics:
    """Statistics over all pairs i < j of N vectors (normalised first)."""

    n_vectors: int
    dim: int
    histogram: NDArray[np.int64]
    bin_edges: NDArray[np.float64]
    band_share: float
    band: tuple[float, float]
    min_angle_deg: float
    max_angle_deg: float
    rms_cos: float
    max_abs_cos: float
    worst_partner_cos: NDArray[np.float64]  # per vector: max over j ≠ i of |cos|

    @property
    def median_worst_partner_cos(self) -> float:
        """The median over vectors of their nearest partner's |cos|."""
        return float(np.median(self.worst_partner_cos))

    @property
    def welch_bound(self) -> float:
        """√((N − d) / (d (N − 1))): no arrangement has max |cos| (or RMS cos) below it."""
        if self.n_vectors <= self.dim:
            return 0.0
        return math.sqrt((self.n_vectors - self.dim) / (self.dim * (self.n_vectors - 1)))


def pair_statistics(
    vectors: NDArray[np.floating],
    bin_edges: NDArray[np.float64],
    band: tuple[float, float] = VIDEO_BAND_DEG,
    block: int = 2048,
    progress: BlockProgress | None = None,
) -> PairStatistics:
    """Histogram of pairwise angles (degrees) and the extremes, block by block (j ≥ i).

    Memory O(N · d + block²), in float64: the N × N matrix is never held. Histogram bins follow
    numpy.histogram (half-open but the last). The band counts angles in [low, high].
    ``progress(done, total)`` is called before each block pair and once at the end (done =
    block pairs finished): for large N this pass alone takes minutes and must show it.
    """
    # float64: arccos near ±1 is ill-conditioned, and the smallest angles are the news here.
    unit = np.asarray(vectors, dtype=np.float64)
    unit = unit / np.linalg.norm(unit, axis=1, keepdims=True)
    n = unit.shape[0]
    counts = np.zeros(len(bin_edges) - 1, dtype=np.int64)
    in_band = 0
    sum_squares = 0.0
    max_cos, min_cos = -1.0, 1.0
    worst = np.zeros(n)
    low, high = math.cos(math.radians(band[1])), math.cos(math.radians(band[0]))
    blocks = _block_pairs(n, block)
    for done, (a, b, c, e) in enumerate(blocks):
        if progress is not None:
            progress(done, len(blocks))
        cosines = np.clip(unit[a:b] @ unit[c:e].T, -1.0, 1.0)
        if a == c:
            np.fill_diagonal(cosines, np.nan)
            keep = np.triu(np.ones(cosines.shape, dtype=bool), k=1)
        else:
            keep = np.ones(cosines.shape, dtype=bool)
        values = cosines[keep]
        if values.size == 0:  # a one-row diagonal block holds no pair
            continue
        counts += np.histogram(np.degrees(np.arccos(values)), bins=bin_edges)[0]
        in_band += int(np.count_nonzero((values >= low) & (values <= high)))
        sum_squares += float(np.square(values).sum())
        max_cos, min_cos = max(max_cos, float(values.max())), min(min_cos, float(values.min()))
        magnitude = np.abs(cosines)
        worst[a:b] = np.maximum(worst[a:b], np.nanmax(magnitude, axis=1))
        worst[c:e] = np.maximum(worst[c:e], np.nanmax(magnitude, axis=0))
    if progress is not None:
        progress(len(blocks), len(blocks))
    pairs = n * (n - 1) // 2
    return PairStatistics(
        n_vectors=n,
        dim=unit.shape[1],
        histogram=counts,
        bin_edges=np.asarray(bin_edges, dtype=np.float64),
        band_share=in_band / pairs,
        band=band,
        min_angle_deg=math.degrees(math.acos(max_cos)),
        max_angle_deg=math.degrees(math.acos(min_cos)),
        rms_cos=math.sqrt(sum_squares / pairs),
        max_abs_cos=max(abs(max_cos), abs(min_cos)),
        worst_partner_cos=worst,
    )


def jl_lower_bound(dim: int, epsilon: float) -> float:
    """Vectors that provably fit in R^d with every pairwise |cos| ≤ ε (a random construction).

    For independent uniform unit vectors, P(|u · v| ≥ ε) ≤ 2 exp(−d ε² / 2); by the union
    bound over fewer than N²/2 pairs, N random vectors all pass with positive probability
    once N² exp(−d ε² / 2) ≤ 1, i.e. N = exp(d ε² / 4): exponential in the dimension.
    """
    return math.exp(dim * epsilon**2 / 4)


def measured_capacity(
    dim: int,
    epsilon: float,
    seed: int,
    steps: int = 600,
    power: int = 8,
    limit: int = 400,
    tries: int = 3,
) -> int:
    """The most vectors the coherence optimiser placed in R^d with max |cos| ≤ ε.

    Tries N = d + 1, d + 2, ... (growing by about 10% a step), each from ``tries`` seeded
    starts, and keeps the last N that met ε: a lower bound on the true capacity (the
    optimiser may miss better arrangements).
    """
    best = dim  # an orthonormal basis always fits
    n = dim + 1
    while n <= limit:
        if not any(
            _coherent(n, dim, epsilon, seed + attempt, steps, power) for attempt in range(tries)
        ):
            break
        best = n
        n = max(n + 1, int(n * 1.1))
    return best


def _coherent(n: int, dim: int, epsilon: float, seed: int, steps: int, power: int) -> bool:
    """Whether the coherence optimiser places n vectors in R^d with max |cos| ≤ ε."""
    start = random_unit_vectors(n, dim, seed)
    result = optimise(start, "coherence", steps, AdamSettings(lr=0.02), power=power)
    return pair_statistics(result.vectors, np.array([0.0, 180.0])).max_abs_cos <= epsilon


def nearly_perpendicular_share(
    dim: int, existing: int, tolerance_deg: float, seed: int, samples: int = 100_000
) -> float:
    """Share of random directions in R^d within 90° ± tolerance of each of the first
    ``existing`` coordinate axes (Monte Carlo): the room left for one more "nearly
    perpendicular" direction."""
    points = np.random.default_rng(seed).standard_normal((samples, dim))
    points /= np.linalg.norm(points, axis=1, keepdims=True)
    limit = math.sin(math.radians(tolerance_deg))  # |cos θ| ≤ sin(tol) ⇔ |θ − 90°| ≤ tol
    ok = np.all(np.abs(points[:, :existing]) <= limit, axis=1)
    return float(np.mean(ok))


def log_counts(counts: NDArray[np.integer]) -> NDArray[np.float64]:
    """log10(1 + count) per bin: bar heights on a log axis where empty bins stay at 0."""
    return np.asarray(np.log10(1.0 + np.asarray(counts, dtype=np.float64)))


def log10_capacity(dim: float, epsilon: float) -> float:
    """log10 of jl_lower_bound(dim, ε) = d ε² / (4 ln 10), without overflowing for big d (any
    real d, so that the bound can be plotted as a curve)."""
    return dim * epsilon**2 / (4 * math.log(10))


def feature_as_neurons(neurons: int, seed: int) -> NDArray[np.float64]:
    """How strongly each neuron takes part in one feature spread over all of them: |u_i| for
    a seeded random unit vector u in neuron space (the picture of a superposed feature)."""
    direction = random_unit_vectors(1, neurons, seed)[0]
    return np.asarray(np.abs(direction), dtype=np.float64)


def adjacent_angles_deg(angles_deg: NDArray[np.float64]) -> NDArray[np.float64]:
    """Gaps between neighbouring directions around the circle (degrees, sum 360)."""
    ordered = np.sort(np.mod(angles_deg, 360.0))
    return np.asarray(np.diff(np.append(ordered, ordered[0] + 360.0)), dtype=np.float64)
