"""Superposition math: blocked statistics vs brute force, gradients vs finite differences,
the video's objective collapsing, the coherence objective, JL, and the toy model."""

import contextlib
import io
import itertools
import json
import math
import re
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import mathcore
import mathcore.experiment
from mathcore import superposition as sp
from mathcore.toy_model import loss_and_gradients, train_toy_model

LLMFACTS = Path(sys.executable).parent / "llmfacts"


@settings(max_examples=30, deadline=None)
@given(st.integers(2, 30), st.integers(1, 6), st.integers(1, 9), st.integers(0, 10_000))
def test_pair_statistics_equal_brute_force(n: int, dim: int, block: int, seed: int) -> None:
    vectors = np.random.default_rng(seed).normal(size=(n, dim))
    edges = np.linspace(0, 180, 13)
    stats = sp.pair_statistics(vectors, edges, band=(80.0, 100.0), block=block)
    unit = vectors / np.linalg.norm(vectors, axis=1, keepdims=True)
    cosines = {
        (i, j): float(np.clip(unit[i] @ unit[j], -1, 1))
        for i, j in itertools.combinations(range(n), 2)
    }
    angles = [math.degrees(math.acos(c)) for c in cosines.values()]
    assert stats.histogram.tolist() == np.histogram(angles, bins=edges)[0].tolist()
    assert stats.band_share == pytest.approx(np.mean([80 <= a <= 100 for a in angles]), abs=1e-6)
    assert stats.min_angle_deg == pytest.approx(min(angles), abs=1e-3)
    assert stats.max_angle_deg == pytest.approx(max(angles), abs=1e-3)
    assert stats.rms_cos == pytest.approx(
        math.sqrt(np.mean(np.square(list(cosines.values())))), abs=1e-5
    )
    assert stats.max_abs_cos == pytest.approx(max(abs(c) for c in cosines.values()), abs=1e-5)
    for i in range(n):
        partners = [abs(c) for (a, b), c in cosines.items() if i in (a, b)]
        assert stats.worst_partner_cos[i] == pytest.approx(max(partners), abs=1e-5)


def test_welch_bound_in_statistics_matches_closed_form() -> None:
    stats = sp.pair_statistics(sp.random_unit_vectors(50, 10, 0), np.array([0.0, 180.0]))
    assert stats.welch_bound == pytest.approx(mathcore.welch_bound(50, 10))
    # No arrangement beats it: neither the largest |cos| nor the RMS cosine.
    assert stats.max_abs_cos >= stats.welch_bound
    assert stats.rms_cos >= stats.welch_bound - 1e-9


@pytest.mark.parametrize("objective", ["video", "coherence"])
@pytest.mark.parametrize("block", [3, 7, 64])
def test_gradient_matches_finite_differences(objective: str, block: int) -> None:
    rng = np.random.default_rng(5)
    vectors = rng.normal(size=(9, 4)) / 2.0  # float64: exact enough for differences
    loss, grad = sp.loss_and_gradient(vectors, objective, block=block, power=3)  # type: ignore[arg-type]
    step = 1e-6
    for i, j in [(0, 0), (3, 2), (8, 3), (5, 1)]:
        plus, minus = vectors.copy(), vectors.copy()
        plus[i, j] += step
        minus[i, j] -= step
        numeric = (
            sp.loss_and_gradient(plus, objective, block=block, power=3)[0]  # type: ignore[arg-type]
            - sp.loss_and_gradient(minus, objective, block=block, power=3)[0]  # type: ignore[arg-type]
        ) / (2 * step)
        assert grad[i, j] == pytest.approx(numeric, rel=1e-4, abs=1e-4)
    assert loss > 0


def test_blocked_video_step_equals_full_gram_step() -> None:
    vectors = sp.random_unit_vectors(300, 12, 3).astype(np.float64)
    loss, grad = sp.loss_and_gradient(vectors, "video", block=64)
    # The whole Gram matrix at once, written from the video's formula.
    diff = vectors @ vectors.T - np.eye(300)
    plain_loss = np.maximum(np.abs(diff) - 0.01, 0).sum() + 300 * np.sum(np.diag(diff) ** 2)
    d_gram = np.sign(diff) * (np.abs(diff) > 0.01) + np.diag(2 * 300 * np.diag(diff))
    assert loss == pytest.approx(plain_loss, rel=1e-9)
    assert np.allclose(grad, (d_gram + d_gram.T) @ vectors, atol=1e-9)


def test_video_objective_collapses_vectors() -> None:
    # The small case: N = 600, d = 20, the video's settings.
    start = sp.random_unit_vectors(600, 20, 0)
    result = sp.optimise(start, "video", 250)
    stats = sp.pair_statistics(result.vectors, np.linspace(0, 180, 37))
    assert stats.band_share > 0.9  # the video's picture: almost all pairs at 89°-91° ...
    collapsed = (stats.histogram[0] + stats.histogram[-1]) / stats.histogram.sum()
    assert collapsed > 0.02  # ... because some pairs sit within 5° of 0° or 180°
    assert stats.median_worst_partner_cos > 0.99  # most vectors have a near-duplicate
    assert stats.max_abs_cos >= stats.welch_bound


def test_coherence_objective_beats_random_vectors() -> None:
    start = sp.random_unit_vectors(600, 20, 0)
    before = sp.pair_statistics(start, np.array([0.0, 180.0]))
    after = sp.pair_statistics(sp.optimise(start, "coherence", 250).vectors, np.array([0.0, 180.0]))
    assert after.max_abs_cos < 0.75 * before.max_abs_cos
    assert after.max_abs_cos >= after.welch_bound
    assert after.median_worst_partner_cos < 0.6


def test_jl_lower_bound_closed_form_and_guarantee() -> None:
    assert sp.jl_lower_bound(200, 0.3) == pytest.approx(math.exp(200 * 0.09 / 4))
    assert sp.log10_capacity(200, 0.3) == pytest.approx(math.log10(sp.jl_lower_bound(200, 0.3)))
    n = int(sp.jl_lower_bound(200, 0.3))  # 90 random vectors in 200 dimensions
    stats = sp.pair_statistics(sp.random_unit_vectors(n, 200, 0), np.array([0.0, 180.0]))
    assert stats.max_abs_cos <= 0.3


def test_measured_capacity_small_cases() -> None:
    # Three lines at 60° fit in the plane with |cos| = 0.5 <= 0.6; a fourth cannot.
    assert sp.measured_capacity(2, 0.6, seed=0) == 3
    assert sp.measured_capacity(3, 0.5, seed=0) >= 4


def test_nearly_perpendicular_share() -> None:
    assert sp.nearly_perpendicular_share(2, 2, 1.0, seed=0) == 0.0
    # In 100-D, |cos| with one fixed vector is about N(0, 1/100): P(|cos| <= sin 1°) ≈ 0.139.
    share = sp.nearly_perpendicular_share(100, 1, 1.0, seed=0)
    assert share == pytest.approx(math.erf(math.sin(math.radians(1)) * 10 / math.sqrt(2)), abs=0.01)


def test_toy_model_gradient_matches_finite_differences() -> None:
    rng = np.random.default_rng(0)
    weights, bias = rng.normal(size=(2, 5)), rng.normal(size=5) * 0.1
    x = rng.uniform(size=(16, 5))
    importance = np.asarray(0.9 ** np.arange(5), dtype=np.float64)
    _loss, d_w, d_b = loss_and_gradients(weights, bias, x, importance)
    step = 1e-6
    for i, j in [(0, 0), (1, 3)]:
        plus, minus = weights.copy(), weights.copy()
        plus[i, j] += step
        minus[i, j] -= step
        numeric = (
            loss_and_gradients(plus, bias, x, importance)[0]
            - loss_and_gradients(minus, bias, x, importance)[0]
        ) / (2 * step)
        assert d_w[i, j] == pytest.approx(numeric, rel=1e-4, abs=1e-6)
    plus_b = bias.copy()
    plus_b[2] += step
    minus_b = bias.copy()
    minus_b[2] -= step
    numeric_b = (
        loss_and_gradients(weights, plus_b, x, importance)[0]
        - loss_and_gradients(weights, minus_b, x, importance)[0]
    ) / (2 * step)
    assert d_b[2] == pytest.approx(numeric_b, rel=1e-4, abs=1e-6)


def test_pentagon_forms_at_high_sparsity() -> None:
    model = train_toy_model(5, 2, sparsity=0.95, seed=0, steps=3000)
    gaps = sp.adjacent_angles_deg(model.feature_angles_deg())
    assert gaps == pytest.approx([72.0] * 5, abs=5.0)
    assert np.all(model.feature_norms() > 0.8)


JSON_KEYS = (
    "max_abs_cos",
    "rms_cos",
    "welch_bound",
    "share_89_91",
    "min_angle_deg",
    "max_angle_deg",
    "median_worst_partner_cos",
    "seconds_per_step",
    "peak_bytes",
)


def run_cli(tmp_path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {"XDG_CACHE_HOME": str(tmp_path), "PATH": "/usr/bin:/bin", "HOME": str(tmp_path)}
    return subprocess.run(
        [str(LLMFACTS), "superposition", *args],
        capture_output=True,
        text=True,
        check=False,
        env=env,
    )


def test_superposition_cli_json_and_cache(tmp_path: Path) -> None:
    args = ("--vectors", "300", "--dims", "12", "--steps", "50", "--json")
    first = run_cli(tmp_path, *args)
    assert first.returncode == 0, first.stderr
    data = json.loads(first.stdout)
    for key in JSON_KEYS:
        assert isinstance(data[key], float)
    assert data["welch_bound"] == pytest.approx(mathcore.welch_bound(300, 12))
    assert data["from_cache"] is False and "50/50" in first.stderr  # the progress bar
    again = run_cli(tmp_path, *args)
    assert json.loads(again.stdout) == {**data, "from_cache": True}
    assert again.stderr == ""


def test_superposition_cli_refuses_absurd_sizes(tmp_path: Path) -> None:
    result = run_cli(tmp_path, "--vectors", "10000000", "--dims", "100")
    assert result.returncode == 2
    needs = mathcore.experiment.ExperimentSpec(10_000_000, 100, 250, 0, "video").memory_bytes()
    assert needs > 30 * 1024**3  # 24 N d bytes and more: refused, and said so in GiB
    assert result.stderr == (
        "llmfacts superposition: --vectors: expected sizes needing at most 512 MiB,"
        f" got N=10000000, d=100, which needs {mathcore.experiment.human_bytes(needs)}\n"
    )
    result = run_cli(tmp_path, "--vectors", "50000", "--dims", "1000", "--steps", "1000")
    assert result.returncode == 2
    assert "--vectors: expected sizes needing at most 512 MiB" in result.stderr
    result = run_cli(tmp_path, "--vectors", "50000", "--dims", "100", "--steps", "1000")
    assert result.returncode == 2
    assert "--steps: expected at most 1.8e+13 multiply-adds" in result.stderr
    assert not any(tmp_path.rglob("*.npz"))


def test_adam_first_steps_by_hand() -> None:
    from mathcore.adam import AdamSettings, AdamState, adam_step

    # Step 1: bias-corrected moments are g and g², so the update is lr · sign(g).
    param = np.array([1.0, -2.0], dtype=np.float32)
    state = AdamState.like(param)
    adam_step(param, np.array([2.0, -0.5], dtype=np.float32), state, 1, AdamSettings(lr=0.01))
    assert param.tolist() == pytest.approx([0.99, -1.99], abs=1e-6)
    assert param.dtype == np.float32
    # Step 2 with the same gradient: m̂ = g, ŝ = g² again, so again lr · sign(g).
    adam_step(param, np.array([2.0, -0.5], dtype=np.float32), state, 2, AdamSettings(lr=0.01))
    assert param.tolist() == pytest.approx([0.98, -1.98], abs=1e-6)


def test_pair_statistics_reports_each_block_and_keeps_its_results() -> None:
    vectors = np.random.default_rng(1).normal(size=(50, 4))
    edges = np.linspace(0, 180, 13)
    calls: list[tuple[int, int]] = []
    stats = sp.pair_statistics(vectors, edges, block=7, progress=lambda *c: calls.append(c))
    blocks = 8 * 9 // 2  # 8 row blocks of at most 7 rows: the pairs (i, j) with j >= i
    assert calls == [(done, blocks) for done in range(blocks + 1)]
    quiet = sp.pair_statistics(vectors, edges, block=7)
    assert stats.histogram.tolist() == quiet.histogram.tolist()
    assert stats.max_abs_cos == quiet.max_abs_cos


def test_run_experiment_speaks_before_any_heavy_work(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from scenes.app import experiment

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    events: list[str] = []
    real_start, real_stats = sp.random_unit_vectors, sp.pair_statistics

    def start(*args: Any, **kwargs: Any) -> Any:
        events.append("start after: " + capsys.readouterr().err)
        return real_start(*args, **kwargs)

    def stats(*args: Any, **kwargs: Any) -> Any:
        events.append("statistics")
        return real_stats(*args, **kwargs)

    monkeypatch.setattr(sp, "random_unit_vectors", start)
    monkeypatch.setattr(sp, "pair_statistics", stats)
    spec = mathcore.experiment.ExperimentSpec(2100, 3, 2, 0, "video")
    experiment.run_experiment(spec)
    # The first line is out before the first array is drawn ...
    assert events[0] == (
        "start after: video N=2100 d=3: computing 2 steps and 2,203,950 pair angles"
        f" (about {spec.work() / 1e10:.0f} s on the reference machine, at most"
        f" {mathcore.experiment.human_bytes(spec.memory_bytes())})\n"
    )
    assert events[1] == "statistics"
    # ... then a bar over the steps and one over the pair statistics' blocks, ending full.
    err = capsys.readouterr().err
    assert "] 2/2 loss " in err
    done = re.findall(r"pair angles \[#+\] (\d+)/(\d+) blocks", err)
    assert done and done[-1][0] == done[-1][1] and int(done[-1][1]) >= 3
    assert err.endswith("\n")


def test_progress_bars_draw_at_once_then_throttle() -> None:
    from scenes.app.experiment import stderr_block_progress, stderr_progress

    now = [0.0]

    def clock() -> float:
        return now[0]

    def drawn(report: Callable[[int], None], count: int) -> list[int]:
        out = io.StringIO()
        shown = []
        with contextlib.redirect_stderr(out):
            for done in range(count + 1):
                before = out.tell()
                report(done)
                if out.tell() != before:
                    shown.append(done)
                now[0] += 0.1  # a fake clock: 0.1 s per call
        return shown

    blocks = stderr_block_progress("x", clock, redraw=True)
    # On a terminal: the start is drawn at once, then at most every 0.25 s, and the end always.
    assert drawn(lambda done: blocks(done, 10), 10) == [0, 3, 6, 9, 10]
    steps = stderr_progress("x", clock, redraw=True)
    assert drawn(lambda step: steps(step, 10, 1.0) if step else None, 10) == [1, 4, 7, 10]


def test_progress_in_a_log_is_whole_lines_without_carriage_returns() -> None:
    from scenes.app.experiment import stderr_block_progress, stderr_progress

    out = io.StringIO()
    with contextlib.redirect_stderr(out):
        steps = stderr_progress("x", redraw=False)
        for step in range(1, 101):
            steps(step, 100, 1.0)
        blocks = stderr_block_progress("x", redraw=False)
        for done in range(21):
            blocks(done, 20)
    text = out.getvalue()
    assert "\r" not in text
    lines = text.splitlines()
    assert len(lines) == 10 + 1  # a line per tenth of the steps, one when the blocks are done
    assert lines[-2].startswith("x [") and "100/100" in lines[-2] and "20/20" in lines[-1]


# -- the claims each beat of the clip illustrates (tests/configs/superposition_small.yaml and
# the second config; the default's 10,000-vector runs take minutes and are checked by render)


CLIP_CONFIGS = ("superposition_small.yaml", "superposition_second.yaml")


def clip_config(name: str) -> Any:
    from scenes.config import load_clip

    return load_clip(Path(__file__).parent / "configs" / name)


@pytest.mark.parametrize("name", [*CLIP_CONFIGS, "../../configs/superposition.yaml"])
def test_neurons_beat_features_are_patterns_and_one_neuron_is_polysemantic(name: str) -> None:
    from mathcore import cramming

    clip = clip_config(name)
    features, neurons = len(clip.neurons.features), clip.neurons.count
    assert features > neurons  # more features than neurons: the clean picture cannot hold
    patterns = cramming.polysemantic_patterns(features, neurons, clip.seed, clip.neurons.threshold)
    involved = patterns >= clip.neurons.threshold
    # "each feature is a pattern across many neurons"
    assert np.all(involved.sum(axis=1) >= 2)
    # "and one neuron takes part in many features": the one the beat points at
    neuron, shown = cramming.busiest_neuron(patterns, clip.neurons.threshold)
    assert len(shown) >= 3 and all(involved[f, neuron] for f in shown)


@pytest.mark.parametrize("name", [*CLIP_CONFIGS, "../../configs/superposition.yaml"])
def test_nearly_perpendicular_beat_wedges_never_meet_and_fourth_is_far_out(name: str) -> None:
    from mathcore import cramming

    clip = clip_config(name)
    tol = clip.tolerance_deg
    # Wedges around 90° (nearly perpendicular to the first arrow, at 0°) and around the
    # second arrow's angle ± 90°, 90° + tol/2 ± 90°: their closest edges stay apart.
    second = 90 + tol / 2
    gap = min(abs((second - 90) - 90), abs((second + 90) - 90)) - 2 * tol
    assert gap > 0  # "they never meet"
    # "at best 35.3° off perpendicular: far outside ± tol°"
    assert cramming.fourth_vector_bound_deg() > 10 * tol


@pytest.mark.parametrize("name", [*CLIP_CONFIGS, "../../configs/superposition.yaml"])
def test_cramming_beat_more_than_three_fit_but_far_from_perpendicular(name: str) -> None:
    from mathcore import cramming

    clip = clip_config(name)
    c = clip.cramming
    run = cramming.best_cram(c.vectors, 3, clip.seed, c.tries, c.steps)
    worst = run.worst_angle_deg[-1]
    assert c.vectors > 3
    # "one pair stays X° off perpendicular": far outside the 90° ± tol of "nearly"
    assert run.off_perpendicular_deg[-1] > 10 * clip.tolerance_deg
    assert run.off_perpendicular_deg[-1] >= 20  # the narration: "tens of degrees off"
    assert worst < 90 - 10 * clip.tolerance_deg
    assert worst == pytest.approx(run.pair_angles_deg().min())
    # The readout follows the run: it improves on the random start.
    assert worst > run.worst_angle_deg[0]


@pytest.mark.parametrize("name", CLIP_CONFIGS)
def test_experiment_beats_claims(name: str) -> None:
    from scenes.app.experiment import run_experiment

    clip = clip_config(name)
    exp = clip.experiment
    start = run_experiment(clip.spec("video", 0), progress=False)
    video = run_experiment(clip.spec("video"), progress=False)
    coherence = run_experiment(clip.spec("coherence"), progress=False)
    pairs = exp.vectors * (exp.vectors - 1) // 2
    # experiment: "{pairs} pairs", all counted in the random start's 0°-180° histogram,
    # which already bunches near 90°
    full = start.histogram(0.0, 180.0, clip.histogram.full_bins)
    assert int(full.sum()) == pairs
    centre = np.linspace(0, 180, clip.histogram.full_bins + 1)[:-1] + 90 / clip.histogram.full_bins
    assert abs(float(np.average(centre, weights=full)) - 90) < 2
    # optimisation: the loss history shown has one value per step, and falls
    assert len(video.losses) == exp.steps and video.losses[-1] < 0.5 * video.losses[0]
    # ... and the video's zoomed picture looks like its claim: most pairs in 89°-91°
    assert video.scalars["share_89_91"] > 0.9
    # reveal: yet some pairs collapsed, and the Welch bound holds for every optimiser
    welch = mathcore.welch_bound(exp.vectors, exp.dims)
    assert video.scalars["welch_bound"] == pytest.approx(welch)
    assert video.scalars["share_collapsed"] > 0
    assert video.scalars["min_angle_deg"] < sp.COLLAPSE_DEG
    for result in (start, video, coherence):
        assert result.scalars["max_abs_cos"] >= welch
    # "Its worst pair: X°. The Welch bound: no arrangement beats Y°": X <= Y
    worst = mathcore.angle_deg(coherence.scalars["max_abs_cos"])
    assert worst <= mathcore.angle_deg(welch)
    # The honest optimiser keeps vectors distinct where the video's collapses them.
    assert coherence.scalars["median_worst_partner_cos"] < video.scalars["median_worst_partner_cos"]


def test_experiment_matrix_is_the_runs_start() -> None:
    from mathcore import superposition

    clip = clip_config("superposition_small.yaml")
    exp = clip.experiment
    start = superposition.random_unit_vectors(exp.vectors, exp.dims, clip.seed)
    stats = superposition.pair_statistics(start, np.linspace(0, 180, 3601))
    from scenes.app.experiment import run_experiment

    cached = run_experiment(clip.spec("video", 0), progress=False)
    assert stats.histogram.tolist() == cached.fine_histogram.tolist()


def test_small_config_speaks_the_shipped_narration() -> None:
    # test_layout (layout and pacing) plays the small config in place of the shipped one: the
    # words (and so each beat's length and sentence timing) must be the shipped clip's.
    shipped = clip_config("../../configs/superposition.yaml")
    small = clip_config("superposition_small.yaml")
    assert small.narration == shipped.narration
    assert set(small.narration.beats) == set(small.BEATS)


@pytest.mark.parametrize("name", ["superposition_small.yaml", "../../configs/superposition.yaml"])
def test_the_experiment_narration_says_the_configs_own_sizes(name: str) -> None:
    from types import SimpleNamespace

    from scenes.clips.superposition import Superposition
    from scenes.config import fill

    clip = clip_config(name)
    values = Superposition.narration_values(SimpleNamespace(clip=clip))  # type: ignore[arg-type]
    said = fill(clip.narration_for("experiment"), clip.fact, **values)
    vectors, dims = clip.experiment.vectors, clip.experiment.dims
    assert f"{vectors:,} random vectors with {dims:,}" in said
    assert f"{vectors / dims:,.3g} times as many" in said
    assert "ten thousand" not in said


@pytest.mark.parametrize("name", CLIP_CONFIGS)
def test_reveal_in_degrees_never_beats_the_welch_bound(name: str) -> None:
    from mathcore import cramming
    from scenes.app.experiment import run_experiment

    clip = clip_config(name)
    coherence = run_experiment(clip.spec("coherence"), progress=False).scalars
    video = run_experiment(clip.spec("video"), progress=False).scalars
    off = cramming.degrees_off_perpendicular(coherence["max_abs_cos"], 1)
    bound = cramming.degrees_off_perpendicular(video["welch_bound"], 1)
    # "every pair stays within 90° ± off; no arrangement can do better than 90° ± bound"
    assert bound <= off < 90.0
    assert math.degrees(math.asin(coherence["max_abs_cos"])) == pytest.approx(off, abs=0.051)
    # the video's objective collapsed some pairs: its row is the worst of the three
    assert cramming.degrees_off_perpendicular(video["max_abs_cos"], 1) > off


# -- the shipped config's own words, laid out without its 10,000 x 100 run ------------------


@pytest.mark.render  # plays the whole clip (no video): the slow tier
@pytest.mark.parametrize("ratio", ["16:9", "9:16", "1:1"])
def test_shipped_config_lays_out_cleanly_with_its_own_words(
    ratio: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """tests/test_layout.py checks the small config in the shipped one's place; but the
    shipped words are longer ("10,000 vectors", "49,995,000 pairs") and a wider picture
    shrinks what it is stacked with (the 9:16 histogram's degrees fell to 13.8 px). Here the
    shipped config itself is laid out, its experiment's results stood in by the small run's
    (same beats and words; the 10,000 x 100 run takes minutes uncached)."""
    import dataclasses

    from scenes.app import experiment
    from scenes.app.layout import check_clip

    small = clip_config("superposition_small.yaml")
    real = experiment.run_experiment

    def small_run(spec: Any) -> Any:
        sizes = {"n_vectors": small.experiment.vectors, "dim": small.experiment.dims}
        return real(dataclasses.replace(spec, seed=small.seed, **sizes))

    monkeypatch.setattr("scenes.clips.superposition.run_experiment", small_run)
    path = Path(__file__).parents[1] / "configs" / "superposition.yaml"
    shipped = clip_config("../../configs/superposition.yaml")
    assert shipped.experiment.vectors > small.experiment.vectors  # the longer words
    findings = check_clip(shipped, str(path), ratios=[ratio])
    assert findings == [], "\n" + "\n".join(f.line() for f in findings)


# -- the perpendicular beat: at most n perpendicular directions in n dimensions --------------


def test_a_third_direction_in_the_plane_is_never_perpendicular_to_both_axes() -> None:
    from mathcore import cramming, perpendicular

    path = perpendicular.plane_turn(121)
    assert np.allclose(np.linalg.norm(path, axis=1), 1.0)
    assert np.allclose(path[0], path[-1])  # once round, back where it started
    angles = np.array([cramming.axis_angles_deg(u) for u in path])
    assert np.allclose(angles.sum(axis=1), 90.0)  # the two readouts always add up to 90°
    # "never at right angles to both": at best 45° off, at its start (the diagonal)
    assert perpendicular.closest_to_all_perpendicular_deg(path) == pytest.approx(45.0)
    assert perpendicular.best_off_perpendicular_deg(2) == pytest.approx(45.0)


def test_a_fourth_direction_kept_perpendicular_to_x_never_clears_y_and_z() -> None:
    from mathcore import cramming, perpendicular

    path = perpendicular.circle_perpendicular_to(0, 121)
    assert np.allclose(np.linalg.norm(path, axis=1), 1.0)
    assert np.all(path[:, 0] == 0.0)
    angles = np.array([cramming.axis_angles_deg(u) for u in path])
    assert np.allclose(angles[:, 0], 90.0)  # the readout's x row holds at 90°
    assert np.allclose(angles[:, 1] + angles[:, 2], 90.0)
    assert perpendicular.closest_to_all_perpendicular_deg(path) == pytest.approx(45.0)
    # It reaches y's line and z's line (where it lies on an axis already taken).
    assert angles[:, 1].min() < 1e-6 and angles[:, 2].min() < 1e-6
    with pytest.raises(ValueError):
        perpendicular.circle_perpendicular_to(3, 5)


def test_no_direction_in_3d_gets_nearer_to_perpendicular_than_the_closed_form() -> None:
    from mathcore import cramming, perpendicular

    bound = perpendicular.best_off_perpendicular_deg(3)
    assert bound == pytest.approx(cramming.fourth_vector_bound_deg())
    samples = np.random.default_rng(0).standard_normal((200_000, 3))
    best = perpendicular.closest_to_all_perpendicular_deg(samples)
    assert bound - 1e-9 <= best < bound + 1.0  # brute force: never better, and nearly reached
    assert perpendicular.closest_to_all_perpendicular_deg(np.ones((1, 3))) == pytest.approx(bound)


@pytest.mark.parametrize(("a", "b"), [((1, 0, 0), (0, 1, 0)), ((0, 2, 0), (0, 0, 3))])
def test_right_angle_mark_has_square_corners(a: tuple[int, ...], b: tuple[int, ...]) -> None:
    from mathcore import perpendicular

    first, corner, last = perpendicular.right_angle_corner(np.array(a), np.array(b), 0.3)
    assert np.linalg.norm(first) == pytest.approx(0.3)
    assert np.linalg.norm(last) == pytest.approx(0.3)
    assert float((corner - first) @ first) == pytest.approx(0.0)
    assert float((corner - last) @ last) == pytest.approx(0.0)
