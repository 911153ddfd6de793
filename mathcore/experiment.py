"""The superposition experiment's inputs and what they cost, checked before anything runs.

Pure: the config check (``llmfacts check``), the CLI and the runner all use the same
:class:`ExperimentSpec`, so a size refused in one place is refused in all.

Both budgets are upper bounds derived from the arrays and passes the runner actually makes
(``scenes.app.experiment.compute``: a seeded start, ``optimise`` and ``pair_statistics``), and
``tests/test_budgets.py`` runs the largest accepted sizes under tracemalloc to hold them to it.
"""

from __future__ import annotations

from dataclasses import dataclass

from mathcore.superposition import FINE_BINS, SHARDS, Objective

BLOCK = 512  # rows per block of the Gram matrix (a 1 MB float32 block: the optimiser's best)
# From this many vectors on, each step's shards are computed by a ShardPool, one process per
# shard, whatever the number of cores (so that every machine computes the same numbers);
# below it a step is too short for the processes to pay for themselves.
PARALLEL_MIN_VECTORS = 4096
# The coherence optimiser is ours, not the video's: it runs at most this many steps. Measured
# at the default sizes (README, Speed), its worst pair had settled by then (70.9° at step 75,
# 71.1° at 100, 71.3° at 125), its median nearest partner too (72.9°, 73.0°, 73.1°).
COHERENCE_STEPS = 100
MAX_MEMORY_BYTES = 512 * 1024**2
# Work is counted in float32 multiply-add equivalents; the 2-core reference machine does about
# REFERENCE_RATE of them per second (a 1024 x 100 by 100 x 1024 float32 product runs at
# 0.8-1.7e10 multiply-adds per second there, shared with other jobs).
REFERENCE_RATE = 1e10
MAX_WORK = 1.8e13  # 1,800 s at REFERENCE_RATE: about half an hour, all phases included
# Measured costs, in multiply-add equivalents, of the passes that are not matrix products
# (each 1.25-1.4x what was measured, so the estimate stays an upper bound on a busy machine):
GRAM_ENTRY_COST = 130  # per Gram entry per step: dL/dG by rint/clip or powers, dot sums (~70-100)
PAIR_COST = 1500  # per pair in pair_statistics: clip, arccos, histogram, comparisons (~1200)
VECTOR_COST = 300  # per entry of V per step: Adam's moments, update, renormalisation (~220)
STEP_OVERHEAD = 1e6  # per step: Python and numpy call overhead (~0.1 ms, ~7e5)
HISTOGRAM_BYTES = 4 * 1024**2  # numpy.histogram's sorted chunks, edges, counts


@dataclass(frozen=True)
class SizeProblem:
    """Why a size is refused: the input it concerns, what was expected, what was found."""

    key: str
    expected: str
    found: str


@dataclass(frozen=True)
class ExperimentSpec:
    """Every input of one run; the cache key is made of all of them."""

    n_vectors: int
    dim: int
    steps: int
    seed: int
    objective: Objective
    lr: float = 0.01
    power: int = 8
    coherence_steps: int = COHERENCE_STEPS

    @property
    def run_steps(self) -> int:
        """Steps actually taken: ``steps`` for the video's objective (its script's count, the
        one the clip shows), at most ``coherence_steps`` for the coherence optimiser."""
        if self.objective == "coherence":
            return min(self.steps, self.coherence_steps)
        return self.steps

    @property
    def block_rows(self) -> int:
        """Rows per Gram block actually used: BLOCK, or N when there are fewer vectors."""
        return min(self.n_vectors, BLOCK)

    @property
    def gram_entries(self) -> int:
        """Entries of the Gram blocks with j >= i visited by one pass over all pairs:
        (N² + N b) / 2 with b = block_rows (the diagonal blocks are computed whole)."""
        n = self.n_vectors
        return (n * n + n * self.block_rows) // 2

    @property
    def workers(self) -> int:
        """Processes computing each step: SHARDS from PARALLEL_MIN_VECTORS on, else 1."""
        return SHARDS if self.n_vectors >= PARALLEL_MIN_VECTORS else 1

    def memory_bytes(self) -> int:
        """Peak bytes of one computed run, from the arrays it holds at its two peaks.

        With n = N, d = dim, b = block_rows, s = steps (float32 = 4 bytes, float64 = 8):

        optimisation  24nd              start, V, Adam's m and s, the gradient and the
                                        second shard's part of it (float32)
                    + max(4nd           the previous step's gradient (alive until replaced)
                          + 20b²        block buffers: G, dL/dG and scratch, the diagonal
                                        blocks' own G (a full and a partial one)
                          + 4bd,        slack for BLAS's argument handling
                          16nd)         or Adam's four temporaries
        statistics    max(20nd,         V, its float64 copy and that copy's norm temporary
                          12nd + 8n     V, the unit rows (float64), each vector's worst partner
                          + 41b²        the previous block's cosines, mask, values and |cos|
                                        (still held) while the next product is made and
                                        clipped, or one block's values, arccos and degrees
                          + HISTOGRAM)  numpy.histogram's sorted chunks
        always        8s + 16 * 3601    the losses, the histogram's edges and counts

        Measured with tracemalloc, the real peak is 0.7-0.95 of this (numpy reuses some
        temporaries); tests/test_budgets.py checks it at the largest accepted sizes. With
        ShardPool workers (from PARALLEL_MIN_VECTORS on) the second part lives in shared
        memory instead, beside V and the first part (12nd), and each worker holds its own
        block buffers (20b²): for the default N = 10,000, d = 100, 12 MB and 5 MB.
        """
        n, d, b = self.n_vectors, self.dim, self.block_rows
        nd = n * d
        optimisation = 24 * nd + max(4 * nd + 20 * b * b + 4 * b * d, 16 * nd)
        statistics = max(20 * nd, 12 * nd + 8 * n + 41 * b * b + HISTOGRAM_BYTES)
        return max(optimisation, statistics) + 8 * self.run_steps + 16 * (FINE_BINS + 1)

    def work(self) -> float:
        """Multiply-add equivalents of everything that grows with the sizes.

        With P = gram_entries, n = N, d = dim:

            steps * (P (3d + GRAM_ENTRY_COST) + VECTOR_COST n d + STEP_OVERHEAD)
          + P (2d + PAIR_COST) + 2 VECTOR_COST n d

        Per step, each Gram entry costs d multiply-adds for G and 2d for D V (the mirror block's
        product included), plus the elementwise loss and gradient; the pair statistics cost a
        float64 product (counted as 2d) and the arccos, histogram and comparisons per pair; the
        start and the normalisation before the statistics are passes over V. At REFERENCE_RATE,
        MAX_WORK is about half an hour; the video's N = 10,000, d = 100, 250 steps is 5.8e12
        (about 10 minutes at the reference rate; a quiet machine runs it in a fraction of that).
        """
        return self._optimisation_work() + self._statistics_work()

    def estimated_seconds(self) -> float:
        """work() at REFERENCE_RATE per process, the steps shared by ``workers`` processes:
        what the first line of a run announces (a busy machine's figure; a quiet one is
        faster)."""
        return (self._optimisation_work() / self.workers + self._statistics_work()) / REFERENCE_RATE

    def _optimisation_work(self) -> float:
        """The optimisation's share of work(): it grows with the steps."""
        vector = float(VECTOR_COST) * self.n_vectors * self.dim
        per_step = float(self.gram_entries) * (3 * self.dim + GRAM_ENTRY_COST) + vector
        return self.run_steps * (per_step + STEP_OVERHEAD)

    def _statistics_work(self) -> float:
        """The start's and the pair statistics' share of work(): paid once, even at 0 steps."""
        vector = float(VECTOR_COST) * self.n_vectors * self.dim
        return float(self.gram_entries) * (2 * self.dim + PAIR_COST) + 2 * vector

    def problem(self) -> SizeProblem | None:
        """The first reason to refuse these sizes before allocating anything, or None."""
        if self.n_vectors < 2:
            return SizeProblem("vectors", "an integer >= 2", shown(self.n_vectors))
        if self.dim < 1:
            return SizeProblem("dims", "an integer >= 1", shown(self.dim))
        if self.steps < 0:
            return SizeProblem("steps", "an integer >= 0", shown(self.steps))
        if self.seed < 0 or self.seed > 2**32 - 1:
            return SizeProblem("seed", "an integer from 0 to 4294967295", shown(self.seed))
        sizes = f"N={shown(self.n_vectors)}, d={shown(self.dim)}"
        needed = self.memory_bytes()
        if needed > MAX_MEMORY_BYTES:
            expected = f"sizes needing at most {human_bytes(MAX_MEMORY_BYTES)}"
            return SizeProblem("vectors", expected, f"{sizes}, which needs {human_bytes(needed)}")
        if self.work() > MAX_WORK:
            found = f"{self.work():.1e} for {sizes}, steps={shown(self.steps)}"
            # Name the input that makes most of the work: the steps, or the pairs alone.
            key = "steps" if self._optimisation_work() > self._statistics_work() else "vectors"
            minutes = MAX_WORK / REFERENCE_RATE / 60
            expected = f"at most {MAX_WORK:.1e} multiply-adds (about {minutes:.0f} minutes)"
            return SizeProblem(key, expected, found)
        return None


def shown(count: int) -> str:
    """An integer for a message, cut when absurdly long (it may come from a hostile input)."""
    if count.bit_length() > 64:
        return f"<a {count.bit_length()}-bit integer>"
    return str(count)


def human_bytes(count: int) -> str:
    """``512 MiB``, ``1.5 GiB``: whole numbers without a decimal, huge counts capped."""
    for power, unit in enumerate(("B", "KiB", "MiB", "GiB", "TiB")):
        scale = 1024**power
        if count < 1024 * scale or unit == "TiB":
            if count >= 10**6 * scale:
                return f"over a million {unit}"
            value = count / scale
            return f"{value:.0f} {unit}" if value == int(value) else f"{value:.1f} {unit}"
    raise AssertionError("unreachable")
