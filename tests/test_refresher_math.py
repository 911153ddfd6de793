"""The refresher's math, checked independently: the toy transformer against a plain re-run of
its formulas, the softmax readout against its definition (and its displayed arithmetic), the
analogy against brute force, and the largest-remainder percentages."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

import mathcore
from mathcore.analogy import analogy_picture
from mathcore.readout import largest_remainder, softmax_steps
from mathcore.toy_transformer import (
    FlowSettings,
    attention_weights,
    displayed_addition,
    fact_neuron,
    toy_flow,
    unit_rows,
)

TOKENS = ("Michael", "Jordan", "plays", "the", "sport", "of")
CANDIDATES = ("basketball", "baseball", "golf", "tennis")
FACT = ("Michael", "Jordan", "basketball")


def reference_flow(
    x: np.ndarray, m: np.ndarray, j: np.ndarray, b: np.ndarray, layers: int, s: FlowSettings
) -> np.ndarray:
    """The module docstring's pre-norm formulas, written out token by token (W rebuilt from
    seed 3): each block reads x / ‖x‖ and adds its output to the stream, never rescaled."""
    x = x.copy()
    n = len(x)
    w_mix = np.random.default_rng(3 + 1).standard_normal((len(m), len(m)))
    w_mix /= np.linalg.svd(w_mix, compute_uv=False)[0]
    for layer in range(layers):
        read = [v / np.sqrt(sum(e * e for e in v)) for v in x]
        scores = [s.focus * float(v @ (m + j)) for v in read]
        new = x.copy()
        for i in range(n):
            w = np.exp(np.array(scores[: i + 1]) - max(scores[: i + 1]))
            w /= w.sum()
            new[i] = x[i] + s.strength * s.decay**layer * sum(w[k] * read[k] for k in range(i))
        x = new
        for i in range(n):
            copy = x[i] / np.sqrt(sum(e * e for e in x[i]))
            fire = max(float(copy @ (m + j - s.brake * b)) - s.threshold, 0.0)
            x[i] = x[i] + s.gain * fire * b + s.mix * s.decay**layer * (w_mix @ copy)
    return x


def test_attention_is_causal_and_rows_sum_to_one() -> None:
    rng = np.random.default_rng(0)
    x = rng.normal(size=(5, 7))
    weights = attention_weights(x, rng.normal(size=7), 3.0)
    assert np.allclose(np.triu(weights, 1), 0.0)  # a token never looks ahead
    assert np.allclose(weights.sum(axis=1), 1.0)
    assert weights[0, 0] == pytest.approx(1.0)  # the first token sees only itself


def test_unit_rows_and_fact_neuron() -> None:
    x = np.array([[3.0, 4.0], [0.0, 2.0]])
    unit, norms = unit_rows(x)
    assert np.allclose(norms, [5.0, 2.0])
    assert np.allclose(np.linalg.norm(unit, axis=1), 1.0)
    m, j = np.array([1.0, 0.0]), np.array([0.0, 1.0])
    assert np.allclose(
        fact_neuron([[1.0, 1.0], [1.0, 0.0], [-1.0, 3.0]], m, j, 1.0), [1.0, 0.0, 1.0]
    )
    b = np.array([0.0, 0.5])  # the brake: B already held lowers the activation
    assert np.allclose(fact_neuron([[1.0, 1.0]], m, j, 1.0, b, 1.0), [0.5])


@pytest.mark.parametrize("layers", [1, 3, 12])
def test_toy_flow_matches_the_formulas(layers: int) -> None:
    settings = FlowSettings()
    flow = toy_flow(TOKENS, CANDIDATES, FACT, layers, 16, 3, 0.1, settings)
    space = flow.space
    expected = reference_flow(
        flow.embeddings, space["Michael"], space["Jordan"], space["basketball"], layers, settings
    )
    assert np.allclose(flow.final, expected)
    probes = np.vstack([space[f] for f in FACT]).T
    assert np.allclose(flow.features[-1], flow.final @ probes)
    assert flow.features.shape == (1 + 3 * layers, len(TOKENS), 3)


def test_the_last_name_soaks_up_context_and_knowledge() -> None:
    """Jordan's stream: J only at first; attention adds M, the MLP adds B; with pre-norm
    nothing added is taken away again (no feature drops by more than the small nudge)."""
    flow = toy_flow(TOKENS, CANDIDATES, FACT, 96, 16, 3, 0.1, FlowSettings(2.0, 0.3))
    m, j, b = flow.features[:, 1].T
    assert j[0] > 0.9 and abs(m[0]) < 0.2 and abs(b[0]) < 0.2
    after_attention, after_mlp = flow.feature_index(1, "attention"), flow.feature_index(1, "mlp")
    assert m[after_attention] > m[0] + 0.5 and abs(b[after_attention]) < 0.2
    # Attention moved the first name in, not more of the last name (the toy clip's M + J).
    assert abs(j[after_attention] - j[0]) < 0.2
    assert b[after_mlp] > b[after_attention] + 0.5
    later = slice(after_mlp, None)
    assert min(m[later]) > 0.5 and min(j[later]) > 0.9 and min(b[later]) > 0.5
    assert np.all(np.diff(b[after_mlp:]) > -0.05) and np.all(np.diff(m) > -0.1)
    assert not np.allclose(flow.final[0], flow.embeddings[0])  # the MLP nudges every vector


def test_one_layer_by_hand() -> None:
    """Layer 1 recomputed with plain numpy: the norm step leaves the stream alone and records
    the unit copy; each block adds to the stream exactly what it computed from that copy."""
    s = FlowSettings(2.0, 0.3)
    flow = toy_flow(TOKENS, CANDIDATES, FACT, 2, 16, 3, 0.1, s)
    m, j, b = (flow.space[f] for f in FACT)
    x = flow.embeddings
    attention, norm, mlp = (flow.step(1, step) for step in ("attention", "norm", "mlp"))
    assert np.allclose(attention.normalised, x)  # embeddings already have length 1
    assert attention.attention is not None
    assert np.allclose(attention.added, s.strength * np.tril(attention.attention, -1) @ x)
    assert np.allclose(attention.vectors, x + attention.added)
    assert np.allclose(norm.vectors, attention.vectors)  # the stream keeps its sum
    assert np.allclose(norm.added, 0.0)
    lengths = np.sqrt((attention.vectors**2).sum(axis=1))
    assert norm.norms is not None and np.allclose(norm.norms, lengths)
    assert np.allclose(norm.normalised, attention.vectors / lengths[:, None])
    # attention made every later stream longer (nothing rescaled it); the first took nothing
    assert np.all(lengths[1:] > 1.2) and lengths[0] == pytest.approx(1.0)
    fire = np.maximum(norm.normalised @ (m + j - s.brake * b) - s.threshold, 0.0)
    assert mlp.neuron is not None and np.allclose(mlp.neuron, fire)
    assert np.allclose(mlp.vectors - attention.vectors, mlp.added)
    knowledge = s.gain * np.outer(fire, b)
    assert np.abs(mlp.added - knowledge).max() <= s.mix + 1e-12  # the rest is the nudge, ‖W‖ = 1
    assert np.allclose(flow.readout, flow.final[-1] / np.linalg.norm(flow.final[-1]))


def test_flow_steps_are_consistent() -> None:
    flow = toy_flow(TOKENS, CANDIDATES, FACT, 4, 16, 3)
    norm = flow.step(1, "norm")
    assert norm.norms is not None
    assert np.allclose(np.linalg.norm(norm.normalised, axis=1), 1.0)
    attention = flow.step(1, "attention").vectors
    assert np.allclose(norm.norms, np.linalg.norm(attention, axis=1))
    # Layer 1: the last-name token holds both names most, so it fires the fact neuron most.
    neuron = flow.step(1, "mlp").neuron
    assert neuron is not None
    assert neuron[1] > 0 and neuron[1] == neuron.max() and neuron[0] < neuron[1] / 2
    second = flow.step(2, "attention")
    assert np.allclose(second.vectors - flow.step(1, "mlp").vectors, second.added)
    with pytest.raises(KeyError):
        flow.step(3, "mlp")  # only the first two layers are kept


def test_displayed_addition_adds_up_as_shown() -> None:
    rng = np.random.default_rng(4)
    before = rng.normal(size=50)
    added = rng.normal(size=50)
    shown_x, shown_added, shown_sum = displayed_addition(before, before + added, 2)
    for x, d, total in zip(shown_x, shown_added, shown_sum, strict=True):
        assert f"{x + d:.2f}" == f"{total:.2f}"  # the digits on screen add up
    assert np.allclose(shown_x, np.round(before, 2))
    assert np.allclose(shown_sum, np.round(before + added, 2))
    assert np.abs(shown_added - np.round(added, 2)).max() <= 0.01 + 1e-9


def test_largest_remainder() -> None:
    assert largest_remainder([1, 1, 1]) == (34, 33, 33)
    assert sum(largest_remainder([0.823, 0.041, 0.055, 0.039, 0.041])) == 100
    assert largest_remainder([2, 0]) == (100, 0)


def test_softmax_steps_add_up_as_displayed() -> None:
    steps = softmax_steps([3.134, 0.121, -0.4349, 0.0], decimals=2)
    shown = [f"{v:.2f}" for v in steps.exps]
    assert f"{sum(float(v) for v in shown):.2f}" == f"{steps.total:.2f}"
    for logit, value in zip(steps.logits, steps.exps, strict=True):
        assert f"{np.exp(float(f'{logit:.2f}')):.2f}" == f"{value:.2f}"
    assert sum(steps.percents) == 100
    assert steps.best == 0
    assert np.allclose(steps.shares, steps.exps / steps.total)
    # Close to the exact softmax (rounding only).
    assert np.allclose(steps.shares, mathcore.softmax(steps.logits), atol=1e-3)


def test_analogy_picture_against_brute_force() -> None:
    words = {
        "man": {"male": 1.0},
        "woman": {"female": 1.0},
        "uncle": {"male": 1.0, "sibling": 1.0},
        "aunt": {"female": 1.0, "sibling": 1.0},
        "king": {"male": 1.0, "royal": 1.0},
    }
    vocabulary = mathcore.toy_embeddings(words, 12, 3, 0.15)
    picture = analogy_picture(vocabulary, "woman", "man", "uncle")
    target = vocabulary["woman"] - vocabulary["man"] + vocabulary["uncle"]
    cosines = {
        w: float(target @ vocabulary[w] / np.linalg.norm(target) / np.linalg.norm(vocabulary[w]))
        for w in ("aunt", "king")
    }
    assert picture.nearest == max(cosines, key=cosines.__getitem__) == "aunt"
    assert picture.cosine == pytest.approx(cosines["aunt"])
    # The 3-D coordinates keep the lengths of the vectors in the span exactly.
    for key, word in (("a", "woman"), ("b", "man"), ("c", "uncle")):
        assert np.linalg.norm(picture.coords[key]) == pytest.approx(
            np.linalg.norm(vocabulary[word])
        )
    assert np.allclose(picture.coords["target"], picture.coords["c"] + picture.difference)
    assert picture.miss < 0.5


CONFIGS = [
    Path(__file__).resolve().parents[1] / "configs" / "transformer_refresher.yaml",
    Path(__file__).resolve().parent / "configs" / "transformer_refresher_second.yaml",
]


@pytest.mark.parametrize("path", CONFIGS, ids=["default", "second"])
def test_the_fact_wins_the_prediction(path: Path) -> None:
    from scenes.clips.transformer_refresher import TransformerRefresher
    from scenes.config import load_clip

    clip = load_clip(path)
    scene = TransformerRefresher.__new__(TransformerRefresher)  # prepare() needs only the clip
    scene.clip = clip  # type: ignore[assignment]
    scene.prepare()
    assert clip.candidates[scene.softmax.best] == clip.fact.attribute  # type: ignore[attr-defined]
    assert scene.flow.n_layers == scene.n_layers  # the loop runs the preset's layer count
    final = scene.flow.final[-1]
    assert np.allclose(scene.readout_vector, final / np.linalg.norm(final))  # GPT's final norm
    assert not np.allclose(scene.readout_vector, scene.flow.embeddings[-1])
    assert sum(scene.part_percents.values()) == 100
    assert max(scene.part_percents, key=scene.part_percents.__getitem__) == "mlp"
