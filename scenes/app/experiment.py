"""The superposition experiment, run once and cached on disk.

The optimisation itself is pure math (mathcore.superposition); this module adds what a
renderer and the CLI need around it: a size check before anything is allocated, a progress
bar on stderr, the peak memory, and a cache keyed by every input, so that re-rendering the
clip does not recompute. No manim import.
"""

from __future__ import annotations

import hashlib
import json
import os
import sys
import tempfile
import time
import tracemalloc
from dataclasses import asdict, dataclass
from pathlib import Path

import numpy as np

from mathcore import superposition as sp
from mathcore.experiment import BLOCK, ExperimentSpec, SizeProblem
from mathcore.superposition import COLLAPSE_DEG, FINE_BINS

CACHE_VERSION = 4  # bump when the computation changes, so old results are not reused


class SizeError(ValueError):
    """Sizes whose work or memory would be absurd (see mathcore.experiment)."""

    def __init__(self, problem: SizeProblem) -> None:
        super().__init__(f"{problem.key}: expected {problem.expected}, got {problem.found}")
        self.problem = problem


@dataclass(frozen=True)
class ExperimentResult:
    """Statistics of the final vectors, and what the run cost."""

    spec: ExperimentSpec
    fine_histogram: np.ndarray
    worst_partner_cos: np.ndarray
    losses: np.ndarray
    scalars: dict[str, float]
    from_cache: bool

    def histogram(self, low: float, high: float, bins: int) -> np.ndarray:
        """Counts of pair angles in ``bins`` equal bins over [low, high] degrees (multiples
        of the 0.05° fine bins)."""
        width = 180.0 / FINE_BINS
        start, stop = round(low / width), round(high / width)
        return self.fine_histogram[start:stop].reshape(bins, -1).sum(axis=1)

    def summary(self) -> dict[str, float]:
        """The numbers ``llmfacts superposition --json`` prints."""
        return dict(self.scalars)


def cache_root() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "llmfacts" / "superposition"


def cache_path(spec: ExperimentSpec) -> Path:
    key = json.dumps({**asdict(spec), "version": CACHE_VERSION}, sort_keys=True)
    return cache_root() / f"{hashlib.sha256(key.encode()).hexdigest()[:24]}.npz"


def stderr_progress(label: str) -> sp.Progress:
    """A one-line progress bar on stderr, redrawn at most a few times a second."""
    started = time.perf_counter()
    last = [0.0]

    def report(step: int, steps: int, loss: float) -> None:
        now = time.perf_counter()
        if step != steps and now - last[0] < 0.25:
            return
        last[0] = now
        eta = (now - started) / step * (steps - step)
        bar = "#" * (30 * step // steps)
        sys.stderr.write(f"\r{label} [{bar:30s}] {step}/{steps} loss {loss:.4g} eta {eta:4.0f} s")
        if step == steps:
            sys.stderr.write("\n")
        sys.stderr.flush()

    return report


def run_experiment(spec: ExperimentSpec, progress: bool = True) -> ExperimentResult:
    """Load the run from the cache, or compute it (with a progress bar) and store it."""
    problem = spec.problem()
    if problem is not None:
        raise SizeError(problem)
    path = cache_path(spec)
    if path.is_file():
        with np.load(path) as data:
            scalars = json.loads(str(data["scalars"]))
            return ExperimentResult(
                spec, data["histogram"], data["worst"], data["losses"], scalars, True
            )
    label = f"{spec.objective} N={spec.n_vectors} d={spec.dim}"
    start = sp.random_unit_vectors(spec.n_vectors, spec.dim, spec.seed)
    tracemalloc.start()
    began = time.perf_counter()
    result = sp.optimise(
        start,
        spec.objective,
        spec.steps,
        sp.AdamSettings(lr=spec.lr),
        block=BLOCK,
        power=spec.power,
        progress=stderr_progress(label) if progress and spec.steps else None,
    )
    elapsed = time.perf_counter() - began
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    edges = np.linspace(0.0, 180.0, FINE_BINS + 1)
    stats = sp.pair_statistics(result.vectors, edges, block=BLOCK)
    scalars = {
        "max_abs_cos": stats.max_abs_cos,
        "rms_cos": stats.rms_cos,
        "welch_bound": stats.welch_bound,
        "share_89_91": stats.band_share,
        "min_angle_deg": stats.min_angle_deg,
        "max_angle_deg": stats.max_angle_deg,
        "median_worst_partner_cos": stats.median_worst_partner_cos,
        "seconds_per_step": elapsed / spec.steps if spec.steps else 0.0,
        "peak_bytes": float(peak),
        "share_collapsed": share_near_parallel(stats.histogram, COLLAPSE_DEG),
    }
    _store(path, stats.histogram, stats.worst_partner_cos, result.losses, scalars)
    return ExperimentResult(
        spec, stats.histogram, stats.worst_partner_cos, result.losses, scalars, False
    )


def share_near_parallel(fine_histogram: np.ndarray, degrees: float) -> float:
    """Share of pairs within ``degrees`` of 0° or 180° (collapsed or opposite vectors)."""
    edge = round(degrees / (180.0 / FINE_BINS))
    near = fine_histogram[:edge].sum() + fine_histogram[-edge:].sum()
    return float(near / max(fine_histogram.sum(), 1))


def _store(path: Path, histogram: np.ndarray, worst: np.ndarray, losses: np.ndarray,
           scalars: dict[str, float]) -> None:  # fmt: skip
    """Write atomically: a half-written cache file must never be read back."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, scratch = tempfile.mkstemp(dir=path.parent, suffix=".partial.npz")
    os.close(handle)
    try:
        np.savez_compressed(
            scratch, histogram=histogram, worst=worst, losses=losses,
            scalars=np.array(json.dumps(scalars)),
        )  # fmt: skip
        os.replace(scratch, path)
    finally:
        if os.path.exists(scratch):
            os.remove(scratch)


def capacity_points(dims: list[int], epsilon: float, seed: int) -> list[tuple[int, int]]:
    """(d, measured capacity) for small d, cached like the experiment."""
    key = json.dumps({"dims": dims, "eps": epsilon, "seed": seed, "v": CACHE_VERSION})
    path = cache_root() / f"capacity-{hashlib.sha256(key.encode()).hexdigest()[:24]}.json"
    if path.is_file():
        return [(int(d), int(n)) for d, n in json.loads(path.read_text())]
    points = [(d, sp.measured_capacity(d, epsilon, seed)) for d in dims]
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, scratch = tempfile.mkstemp(dir=path.parent, suffix=".partial")
    with os.fdopen(handle, "w") as out:
        json.dump(points, out)
    os.replace(scratch, path)
    return points
