"""Memory and work budgets: the largest accepted sizes really fit in what they promise.

Each test finds the largest size the checks accept, runs that size's math under tracemalloc
(which sees numpy's allocations) and holds the real peak to the promised ``memory_bytes()``;
one size further must be refused. The math is the same calls the runner and the clips' scenes
make (``scenes.app.experiment.compute``; the ``prepare()`` of scenes/clips/toy_directions.py
and scenes/clips/mlp_walkthrough.py), so an estimate that undercounts fails here.
"""

from __future__ import annotations

import tracemalloc
from collections.abc import Callable
from pathlib import Path

import pytest

import mathcore
from mathcore.experiment import (
    MAX_MEMORY_BYTES,
    MAX_WORK,
    REFERENCE_RATE,
    ExperimentSpec,
)
from scenes.app.experiment import compute
from scenes.config import (
    ConfigError,
    MLPWalkthroughConfig,
    ToyDirectionsConfig,
    TransformerRefresherConfig,
    load_clip,
)
from scenes.config.common import MEMORY_LIMIT_BYTES
from scenes.config.superposition import ExperimentConfig


def largest(accepted: Callable[[int], bool], low: int, high: int) -> int:
    """The largest n in [low, high] with accepted(n), for accepted monotone (true, then false)."""
    assert accepted(low) and not accepted(high)
    while high - low > 1:
        middle = (low + high) // 2
        if accepted(middle):
            low = middle
        else:
            high = middle
    return low


def traced_peak(run: Callable[[], object]) -> int:
    """Peak bytes allocated (beyond what was held before) while ``run`` runs."""
    tracemalloc.start()
    try:
        tracemalloc.reset_peak()
        before = tracemalloc.get_traced_memory()[0]
        run()
        return tracemalloc.get_traced_memory()[1] - before
    finally:
        tracemalloc.stop()


# -- the superposition experiment -----------------------------------------------------------


def spec(n: int, d: int, steps: int = 1, objective: str = "video") -> ExperimentSpec:
    return ExperimentSpec(n, d, steps, 0, objective)  # type: ignore[arg-type]


def test_experiment_largest_memory_size_fits_its_estimate() -> None:
    # Every size at the memory limit needs about the same memory; N = 2 is the one with the
    # least work (no N² term to speak of), so the limit itself is exercised in seconds.
    dims = largest(lambda d: spec(2, d).memory_bytes() <= MAX_MEMORY_BYTES, 1, 10**9)
    biggest = spec(2, dims)
    assert biggest.problem() is None
    assert biggest.memory_bytes() <= MAX_MEMORY_BYTES
    assert biggest.memory_bytes() > 0.99 * MAX_MEMORY_BYTES  # really at the limit
    beyond = spec(2, dims + 1).problem()
    assert beyond is not None and beyond.key == "vectors"
    assert beyond.expected == "sizes needing at most 512 MiB"
    peak = traced_peak(lambda: compute(biggest))
    assert peak <= biggest.memory_bytes()
    assert peak > 0.6 * biggest.memory_bytes()  # an upper bound, but not a loose one


@pytest.mark.parametrize("objective", ["video", "coherence"])
def test_experiment_block_workspaces_fit_the_estimate(objective: str) -> None:
    # Several full 1024-row blocks: the Gram and cosine blocks dominate the peak here.
    sizes = spec(3000, 50, steps=2, objective=objective)
    peak = traced_peak(lambda: compute(sizes))
    assert peak <= sizes.memory_bytes()
    assert peak > 0.6 * sizes.memory_bytes()


def test_estimate_is_tight_where_the_vectors_dominate() -> None:
    # Few, very long vectors: the N x d buffers (vectors, gradient, Adam's moments and
    # scratch) make the peak, not the Gram blocks. The estimate covers the measured peak and
    # is not so generous that a buffer forgotten in it would go unnoticed.
    n, d = 2, 4_000_000
    sizes = spec(n, d)
    peak = traced_peak(lambda: compute(sizes))
    assert peak <= sizes.memory_bytes()
    assert peak > 0.6 * sizes.memory_bytes()


def test_default_experiment_is_accepted_within_the_time_budget() -> None:
    defaults = ExperimentConfig()
    video = spec(defaults.vectors, defaults.dims, defaults.steps)
    assert video.problem() is None
    assert video.work() < MAX_WORK
    assert video.memory_bytes() < MAX_MEMORY_BYTES
    assert MAX_WORK / REFERENCE_RATE <= 3600  # MAX_WORK is a bounded time


def test_one_step_beyond_the_work_limit_is_refused() -> None:
    steps = largest(lambda s: spec(10_000, 100, s).work() <= MAX_WORK, 1, 10**6)
    assert spec(10_000, 100, steps).problem() is None
    problem = spec(10_000, 100, steps + 1).problem()
    assert problem is not None and problem.key == "steps"
    assert problem.expected == "at most 1.8e+13 multiply-adds (about 30 minutes)"


def test_work_counts_the_pair_statistics() -> None:
    # No step at all, yet N²/2 angles, histograms and comparisons: refused on the pairs alone
    # (the old estimate, 1.5 N² d per step, let this run for an hour with no output).
    problem = spec(200_000, 2, steps=0).problem()
    assert problem is not None and problem.key == "vectors"
    assert problem.found == "3.0e+13 for N=200000, d=2, steps=0"
    pairs_only = spec(10_000, 100, steps=0)
    assert pairs_only.work() > 100 * 10_000**2 / 2  # every pair costs more than its product


# -- the toy clips --------------------------------------------------------------------------


def toy_directions_math(clip: ToyDirectionsConfig) -> object:
    """What ToyDirections.prepare() computes (scenes/clips/toy_directions.py)."""
    toy = clip.toy
    features = ("first", "last", "attribute")
    directions = mathcore.named_directions(features, toy.d_model, clip.seed, toy.tilt)
    full = directions.encode({"first": 1.0, "last": 1.0})
    stops = [
        directions.encode({"first": s.first, "last": s.last, "attribute": s.attribute})
        for s in toy.stops
    ]
    tokens = [directions.encode({"first": 1.0}), directions.encode({"last": 1.0})]
    points = [*directions.vectors, full, *stops, *tokens]  # prepare() passes them as a list
    return mathcore.span_coordinates(directions.vectors, points)


def mlp_walkthrough_math(clip: MLPWalkthroughConfig) -> object:
    """What MLPWalkthrough.prepare() computes (scenes/clips/mlp_walkthrough.py)."""
    fact = clip.fact
    full = mathcore.Probe(f"{fact.first_name} {fact.last_name}", (fact.first_name, fact.last_name))
    others = tuple(
        mathcore.Probe(f"{first} {last}", (first, last)) for first, last in clip.probe_names()
    )
    toy = mathcore.build_toy_fact(
        fact.first_name, fact.last_name, fact.attribute, (full, *others),
        clip.toy.d_model, clip.toy.d_mlp, clip.seed, clip.toy.tilt, clip.toy.noise,
        clip.activation, extra_names=clip.prompt_words(),
    )  # fmt: skip
    features = mathcore.token_features(clip.prompt_words(), fact.first_name, fact.last_name)
    return toy, mathcore.sequence_trace(toy, features, clip.activation)


def accepts(tmp_path: Path, text: str) -> bool:
    path = tmp_path / "clip.yaml"
    path.write_text(text)
    try:
        load_clip(path)
    except ConfigError as error:
        assert error.key_path == "toy" and "of memory" in error.expected, str(error)
        return False
    return True


def test_toy_directions_largest_accepted_size(tmp_path: Path) -> None:
    def clip_text(d: int) -> str:
        return f"scene: ToyDirections\ntoy: {{d_model: {d}}}\n"

    dims = largest(lambda d: accepts(tmp_path, clip_text(d)), 3, 10**9)
    assert not accepts(tmp_path, clip_text(dims + 1))
    path = tmp_path / "largest.yaml"
    path.write_text(clip_text(dims))
    clip = load_clip(path)
    assert isinstance(clip, ToyDirectionsConfig)
    assert clip.memory_bytes() <= MEMORY_LIMIT_BYTES
    peak = traced_peak(lambda: toy_directions_math(clip))
    assert peak <= clip.memory_bytes()
    assert peak > 0.6 * clip.memory_bytes()


# The most named features a clip can have: six probes with new names, ten prompt words.
MANY_NAMES = (
    "scene: MLPWalkthrough\nactivation: gelu\n"
    "probes: [" + ", ".join(f"{{first_name: F{i}, last_name: L{i}}}" for i in range(6)) + "]\n"
    "prompt: [Michael, Jordan, w1, w2, w3, w4, w5, w6, w7, w8]\n"
)


@pytest.mark.parametrize(("fixed", "free"), [("d_model", "d_mlp"), ("d_mlp", "d_model")])
def test_mlp_walkthrough_largest_accepted_sizes(tmp_path: Path, fixed: str, free: str) -> None:
    # The memory frontier at each key's own upper bound (d_model <= 2048, d_mlp <= 8192).
    bound = {"d_model": 2048, "d_mlp": 8192}

    def clip_text(size: int) -> str:
        return MANY_NAMES + f"toy: {{{fixed}: {bound[fixed]}, {free}: {size}}}\n"

    # The key's own bound is refused for memory: the memory limit, not the range, decides.
    size = largest(lambda s: accepts(tmp_path, clip_text(s)), 30, bound[free])
    assert not accepts(tmp_path, clip_text(size + 1))
    path = tmp_path / "largest.yaml"
    path.write_text(clip_text(size))
    clip = load_clip(path)
    assert isinstance(clip, MLPWalkthroughConfig)
    assert clip.memory_bytes() <= MEMORY_LIMIT_BYTES
    peak = traced_peak(lambda: mlp_walkthrough_math(clip))
    assert peak <= clip.memory_bytes()
    assert peak > 0.6 * clip.memory_bytes()


def test_transformer_refresher_largest_accepted_size(tmp_path: Path) -> None:
    """The most the refresher's config allows (d_model at its bound, ten candidates and ten
    prompt words all different, twelve analogy words of four new features each), measured by
    running the clip's own prepare() under tracemalloc."""
    from scenes.clips.transformer_refresher import TransformerRefresher

    words = ", ".join(
        f"{{word: w{i}, features: [{', '.join(f'f{i}x{k}' for k in range(4))}]}}" for i in range(12)
    )
    candidates = ", ".join(["basketball", *(f"c{i}" for i in range(9))])
    prompt = ", ".join(["Michael", "Jordan", *(f"p{i}" for i in range(8))])
    path = tmp_path / "largest.yaml"
    path.write_text(
        "scene: TransformerRefresher\nd_model: 1024\n"
        f"candidates: [{candidates}]\nprompt: [{prompt}]\n"
        f"analogy: {{a: w0, b: w1, c: w2, words: [{words}]}}\n"
    )
    clip = load_clip(path)
    assert isinstance(clip, TransformerRefresherConfig)
    assert clip.memory_bytes() <= MEMORY_LIMIT_BYTES
    scene = TransformerRefresher.__new__(TransformerRefresher)  # prepare() needs only the clip
    scene.clip = clip
    peak = traced_peak(scene.prepare)
    assert peak <= clip.memory_bytes()
    assert peak > 0.3 * clip.memory_bytes()
    path.write_text(path.read_text().replace("d_model: 1024", "d_model: 1025"))
    with pytest.raises(ConfigError):
        load_clip(path)
