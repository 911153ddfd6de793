"""The superposition experiment's inputs and what they cost, checked before anything runs.

Pure: the config check (``llmfacts check``), the CLI and the runner all use the same
:class:`ExperimentSpec`, so a size refused in one place is refused in all.
"""

from __future__ import annotations

from dataclasses import dataclass

from mathcore.superposition import Objective

BLOCK = 1024  # rows per block of the Gram matrix
MAX_MEMORY_BYTES = 2 * 1024**3
MAX_WORK = 4e13  # multiply-adds; about half an hour on the 2-core reference machine


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

    def memory_bytes(self) -> int:
        """V, its gradient and Adam's two moments (float32), plus block workspaces."""
        return 4 * (6 * self.n_vectors * self.dim + 8 * BLOCK * BLOCK + 2 * self.n_vectors)

    def work(self) -> float:
        """Multiply-adds: 1.5 N² d per step (Gram halved by symmetry, then D V)."""
        return 1.5 * self.n_vectors**2 * self.dim * max(self.steps, 1)

    def problem(self) -> SizeProblem | None:
        """The first reason to refuse these sizes before allocating anything, or None."""
        if self.n_vectors < 2:
            return SizeProblem("vectors", "an integer >= 2", str(self.n_vectors))
        if self.dim < 1:
            return SizeProblem("dims", "an integer >= 1", str(self.dim))
        if self.steps < 0:
            return SizeProblem("steps", "an integer >= 0", str(self.steps))
        if self.seed < 0 or self.seed > 2**32 - 1:
            return SizeProblem("seed", "an integer from 0 to 4294967295", str(self.seed))
        if self.memory_bytes() > MAX_MEMORY_BYTES:
            need = self.memory_bytes() / 1024**3
            found = f"N={self.n_vectors}, d={self.dim}, which needs {need:.1f} GiB"
            return SizeProblem("vectors", "sizes needing at most 2 GiB", found)
        if self.work() > MAX_WORK:
            found = f"{self.work():.1e} for N={self.n_vectors}, d={self.dim}, steps={self.steps}"
            return SizeProblem("steps", f"at most {MAX_WORK:.0e} multiply-adds", found)
        return None
