"""The superposition experiment, run once and cached on disk.

The optimisation itself is pure math (mathcore.superposition); this module adds what a
renderer and the CLI need around it: a size check before anything is allocated, a first line
on stderr at once and then progress bars over the steps and the pair statistics, the peak
memory, and a cache keyed by every input, so that re-rendering the clip does not recompute.
No manim import.
"""

from __future__ import annotations

import hashlib
import json
import math
import os
import sys
import tempfile
import time
import tracemalloc
from collections.abc import Callable
from dataclasses import asdict, dataclass
from pathlib import Path

import numpy as np

from mathcore import superposition as sp
from mathcore.adam import AdamSettings
from mathcore.experiment import BLOCK, ExperimentSpec, SizeProblem, human_bytes
from mathcore.superposition import COLLAPSE_DEG, FINE_BINS
from scenes.app.paths import cache_dir

CACHE_VERSION = 6  # bump when the computation changes, so old results are not reused


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
        return np.asarray(self.fine_histogram[start:stop].reshape(bins, -1).sum(axis=1))

    def summary(self) -> dict[str, float]:
        """The numbers ``llmfacts superposition --json`` prints."""
        return dict(self.scalars)


def cache_root() -> Path:
    """Where finished runs are kept."""
    return cache_dir() / "superposition"


def cache_path(spec: ExperimentSpec) -> Path:
    key = json.dumps({**asdict(spec), "version": CACHE_VERSION}, sort_keys=True)
    return cache_root() / f"{hashlib.sha256(key.encode()).hexdigest()[:24]}.npz"


REDRAW_SECONDS = 0.25  # a progress line is redrawn at most this often
Clock = Callable[[], float]


def stderr_progress(
    label: str, clock: Clock = time.perf_counter, redraw: bool | None = None
) -> sp.Progress:
    """A one-line progress bar over the optimisation's steps on stderr, redrawn at most every
    REDRAW_SECONDS (and always at the last step). Not on a terminal (``redraw`` False; by
    default whether stderr is one), a log gets one line per tenth of the steps instead of
    carriage returns."""
    started = clock()
    last = [-math.inf]
    redraw = sys.stderr.isatty() if redraw is None else redraw

    def report(step: int, steps: int, loss: float) -> None:
        now = clock()
        if redraw and step != steps and now - last[0] < REDRAW_SECONDS:
            return
        if not redraw and step != steps and (10 * step // steps) == (10 * (step - 1) // steps):
            return
        last[0] = now
        eta = (now - started) / step * (steps - step)
        bar = "#" * (30 * step // steps)
        line = f"{label} [{bar:30s}] {step}/{steps} loss {loss:.4g} eta {eta:4.0f} s"
        sys.stderr.write(f"\r{line}" if redraw else f"{line}\n")
        if redraw and step == steps:
            sys.stderr.write("\n")
        sys.stderr.flush()

    return report


def stderr_block_progress(
    label: str, clock: Clock = time.perf_counter, redraw: bool | None = None
) -> sp.BlockProgress:
    """A one-line progress bar over pair_statistics' blocks on stderr, drawn at its start,
    then at most every REDRAW_SECONDS (and always at the end). Its clock starts at the first
    call, so the optimisation before it does not count in its estimate of the time left. Not
    on a terminal, only the finished line is written."""
    started = [math.nan]
    last = [-math.inf]
    redraw = sys.stderr.isatty() if redraw is None else redraw

    def report(done: int, total: int) -> None:
        now = clock()
        if math.isnan(started[0]):
            started[0] = now
        if redraw and done not in (0, total) and now - last[0] < REDRAW_SECONDS:
            return
        if not redraw and done != total:
            return  # a log gets the finished line only
        last[0] = now
        eta = f"{(now - started[0]) / done * (total - done):4.0f} s" if done else "   ? s"
        bar = "#" * (30 * done // max(total, 1))
        line = f"{label} pair angles [{bar:30s}] {done}/{total} blocks eta {eta}"
        sys.stderr.write(f"\r{line}" if redraw else f"{line}\n")
        if redraw and done == total:
            sys.stderr.write("\n")
        sys.stderr.flush()

    return report


def announce(spec: ExperimentSpec, label: str) -> None:
    """The first line, written before anything is allocated: what is about to be computed
    and roughly how long it takes (the work estimate at the reference rate)."""
    seconds = spec.estimated_seconds()
    pairs = spec.n_vectors * (spec.n_vectors - 1) // 2
    sys.stderr.write(
        f"{label}: computing {spec.run_steps} steps and {pairs:,} pair angles"
        f" (about {seconds:.0f} s on the reference machine,"
        f" at most {human_bytes(spec.memory_bytes())})\n"
    )
    sys.stderr.flush()


@dataclass(frozen=True)
class Computed:
    """One run's optimisation and the statistics of its final vectors."""

    optimised: sp.OptimiseResult
    stats: sp.PairStatistics
    seconds_per_step: float


def compute(
    spec: ExperimentSpec,
    step_progress: sp.Progress | None = None,
    block_progress: sp.BlockProgress | None = None,
) -> Computed:
    """The run itself, no cache and no output: the seeded start, the optimisation, the pair
    statistics. Its peak memory is what ExperimentSpec.memory_bytes bounds."""
    start = sp.random_unit_vectors(spec.n_vectors, spec.dim, spec.seed)
    began = time.perf_counter()
    optimised = sp.optimise(
        start,
        spec.objective,
        spec.run_steps,
        AdamSettings(lr=spec.lr),
        block=BLOCK,
        power=spec.power,
        progress=step_progress,
        workers=spec.workers,
    )
    elapsed = time.perf_counter() - began
    del start  # not needed by the statistics: 4 N d bytes less at their peak
    edges = np.linspace(0.0, 180.0, FINE_BINS + 1)
    stats = sp.pair_statistics(optimised.vectors, edges, block=BLOCK, progress=block_progress)
    return Computed(optimised, stats, elapsed / spec.run_steps if spec.run_steps else 0.0)


def run_experiment(spec: ExperimentSpec, progress: bool = True) -> ExperimentResult:
    """Load the run from the cache, or compute it (with progress on stderr) and store it."""
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
    if progress:
        announce(spec, label)
    step_progress = stderr_progress(label) if progress and spec.run_steps else None
    block_progress = stderr_block_progress(label) if progress else None
    was_tracing = tracemalloc.is_tracing()  # e.g. under a test measuring it
    if not was_tracing:
        tracemalloc.start()
    try:
        baseline = tracemalloc.get_traced_memory()[0]
        tracemalloc.reset_peak()
        run = compute(spec, step_progress, block_progress)
        peak = tracemalloc.get_traced_memory()[1] - baseline
    finally:
        if not was_tracing:
            tracemalloc.stop()
    stats = run.stats
    scalars = {
        "max_abs_cos": stats.max_abs_cos,
        "rms_cos": stats.rms_cos,
        "welch_bound": stats.welch_bound,
        "share_89_91": stats.band_share,
        "min_angle_deg": stats.min_angle_deg,
        "max_angle_deg": stats.max_angle_deg,
        "median_worst_partner_cos": stats.median_worst_partner_cos,
        "seconds_per_step": run.seconds_per_step,
        "peak_bytes": float(peak),
        "share_collapsed": share_near_parallel(stats.histogram, COLLAPSE_DEG),
    }
    losses = run.optimised.losses
    _store(path, stats.histogram, stats.worst_partner_cos, losses, scalars)
    return ExperimentResult(spec, stats.histogram, stats.worst_partner_cos, losses, scalars, False)


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
