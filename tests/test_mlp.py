"""The MLP forward pass against explicit loops, and the toy fact against a hand computation."""

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import mathcore
from mathcore import MLPWeights, Probe
from scenes.clips.mlp_walkthrough import hyphen_lines, initials


def loop_forward(x: list[float], w: MLPWeights) -> list[float]:
    """The block written as sums over indices, one neuron at a time."""
    neurons = []
    for i in range(w.d_mlp):
        pre = sum(w.w_up[i, j] * x[j] for j in range(w.d_model)) + w.b_up[i]
        neurons.append(max(pre, 0.0))
    return [
        x[k] + sum(w.w_down[k, i] * neurons[i] for i in range(w.d_mlp)) + w.b_down[k]
        for k in range(w.d_model)
    ]


@settings(max_examples=25, deadline=None)
@given(st.integers(1, 5), st.integers(1, 6), st.integers(0, 2**31))
def test_forward_matches_loops(d_model: int, d_mlp: int, seed: int) -> None:
    rng = np.random.default_rng(seed)
    w = MLPWeights(
        rng.normal(size=(d_mlp, d_model)),
        rng.normal(size=d_mlp),
        rng.normal(size=(d_model, d_mlp)),
        rng.normal(size=d_model),
    )
    x = rng.normal(size=d_model)
    trace = mathcore.mlp_forward(x, w)
    assert trace.residual == pytest.approx(loop_forward(list(x), w), abs=1e-12)
    # A sequence of rows gives each row's own result.
    rows = rng.normal(size=(3, d_model))
    batch = mathcore.mlp_forward(rows, w).residual
    for row, result in zip(rows, batch, strict=True):
        assert result == pytest.approx(loop_forward(list(row), w), abs=1e-12)


def test_shape_mismatch_is_refused() -> None:
    w = MLPWeights(np.zeros((4, 3)), np.zeros(4), np.zeros((3, 4)), np.zeros(3))
    with pytest.raises(ValueError, match=r"input must have shape \(3,\)"):
        mathcore.mlp_forward(np.zeros(5), w)
    with pytest.raises(ValueError, match="b_up must have shape"):
        MLPWeights(np.zeros((4, 3)), np.zeros(3), np.zeros((3, 4)), np.zeros(3))


PROBES = (
    Probe("Michael Jordan", ("Michael", "Jordan")),
    Probe("Michael Phelps", ("Michael", "Phelps")),
    Probe("Alexis Jordan", ("Alexis", "Jordan")),
    Probe("Lebron James", ("Lebron", "James")),
)


@pytest.mark.parametrize("activation", ["relu", "gelu"])
def test_toy_fact_first_neuron_by_hand(activation: str) -> None:
    fact = mathcore.build_toy_fact(
        "Michael",
        "Jordan",
        "basketball",
        PROBES,
        d_model=12,
        d_mlp=8,
        seed=3,
        activation_name=activation,
    )
    # By hand: row 1 = M + J, so row·E = (M·E) + (J·E) = 1 + 1, 1 + 0, 0 + 1, 0 + 0.
    expected_up = {
        "Michael Jordan": 2.0,
        "Michael Phelps": 1.0,
        "Alexis Jordan": 1.0,
        "Lebron James": 0.0,
    }
    sigma = mathcore.activation(activation)
    for label, up in expected_up.items():
        trace = fact.trace(label)
        assert trace.up[0] == pytest.approx(up, abs=1e-9)
        assert trace.pre_activation[0] == pytest.approx(up - 1.0, abs=1e-9)
        assert trace.neurons[0] == pytest.approx(float(sigma(up - 1.0)), abs=1e-9)
    # ReLU makes neuron 1 an AND gate: 1 for the full name, exactly 0 for the half names.
    if activation == "relu":
        assert fact.trace("Michael Phelps").neurons[0] == pytest.approx(0.0, abs=1e-12)
        assert fact.trace("Alexis Jordan").neurons[0] == pytest.approx(0.0, abs=1e-12)


def test_toy_fact_adds_the_attribute_for_the_full_name() -> None:
    fact = mathcore.build_toy_fact(
        "Michael", "Jordan", "basketball", PROBES[:2], 16, 6, seed=1, noise=0.0
    )
    b = fact.directions["basketball"]
    trace = fact.trace("Michael Jordan")
    # With no other neurons active (noise 0), the block's output is exactly 1 · B.
    assert trace.output == pytest.approx(b, abs=1e-12)
    assert trace.residual @ b == pytest.approx(trace.embedding @ b + 1.0, abs=1e-12)
    assert fact.trace("Michael Phelps").output == pytest.approx(np.zeros(16), abs=1e-12)


def test_sequence_trace_fires_only_at_the_full_name() -> None:
    prompt = ("Michael", "Jordan", "plays", "the", "sport", "of")
    features = mathcore.token_features(prompt, "Michael", "Jordan")
    assert features[1] == ("Michael", "Jordan") and features[0] == ("Michael",)
    fact = mathcore.build_toy_fact(
        "Michael", "Jordan", "basketball", PROBES[:1], 12, 8, seed=2, extra_names=prompt
    )
    trace = mathcore.sequence_trace(fact, features)
    first_neuron = trace.neurons[:, mathcore.FACT_NEURON]
    # Brute force per token: the single-vector pass on each row gives the same values.
    for row, value in zip(trace.embedding, first_neuron, strict=True):
        assert mathcore.mlp_forward(row, fact.weights).neurons[0] == pytest.approx(value)
    assert first_neuron[1] == pytest.approx(1.0)
    assert np.all(np.delete(first_neuron, 1) == pytest.approx(0.0, abs=1e-9))


def test_other_facts_share_the_attribute_column() -> None:
    """Column 1 of W_down = B + F1 + F2: with no noise, the full name's output reads 1 along
    the attribute and along every other fact, and 0 for a half name."""
    facts = ("Chicago Bulls", "number 23")
    fact = mathcore.build_toy_fact(
        "Michael", "Jordan", "basketball", PROBES[:2], 16, 6, seed=4, noise=0.0, other_facts=facts
    )
    output = fact.trace("Michael Jordan").output
    for name in ("basketball", *facts):
        direction = fact.directions[name]
        expected = sum(direction @ fact.directions[f] for f in ("basketball", *facts))
        assert output @ direction == pytest.approx(expected, abs=1e-12)
        assert 0.9 < output @ direction < 1.1
    assert fact.trace("Michael Phelps").output == pytest.approx(np.zeros(16), abs=1e-12)


@pytest.mark.parametrize("chars", [8, 10, 12, 20, 27])
@pytest.mark.parametrize(
    "text",
    [
        "Wilhelmina-Alexandra Fernandez Oyelaran-Kowalczyk-Abernathie",
        "1 Bartholomew Oyelaran-Kowalczyk-Abernathie",
        "Supercalifragilisticexpialidocious",
        "Michael Jordan",
    ],
)
def test_long_names_break_only_at_spaces_or_hyphens(text: str, chars: int) -> None:
    """Lines fit, and removing the line breaks (after a hyphen: nothing; else a space) gives
    the name back; a piece longer than a line is the only one cut, and it shows a hyphen."""
    lines = hyphen_lines(text, chars).split("\n")
    assert all(len(line) <= chars for line in lines)
    rebuilt, cuts = lines[0], 0
    for line in lines[1:]:
        head = line.removesuffix("-")  # the line's own last hyphen may be a cut's
        if rebuilt.endswith("-") and text.startswith(rebuilt + head):
            rebuilt += line  # broken after a hyphen the name has
        elif rebuilt.endswith("-") and text.startswith(rebuilt[:-1] + head):
            rebuilt, cuts = rebuilt[:-1] + line, cuts + 1  # a hyphen of its own: a cut
        else:
            rebuilt += " " + line
    assert rebuilt == text
    pieces = [
        part + ("-" if k < len(word.split("-")) - 1 else "")
        for word in text.split()
        for k, part in enumerate(word.split("-"))
    ]
    assert (cuts > 0) == any(len(piece) > chars for piece in pieces)


def test_initials_mark_each_name_distinctly() -> None:
    """One letter per name part, upper case; tags that would coincide take more letters."""
    assert initials([("Michael", "Jordan"), ("Michael", "Phelps"), ("neither", "name")]) == [
        "MJ",
        "MP",
        "NN",
    ]
    tags = initials([("Michael", "Jordan"), ("Michael", "Johnson"), ("Alexis", "Jordan")])
    assert tags == ["MicJor", "MicJoh", "AleJor"]  # "MJ" and "MiJo" would still coincide


@given(st.lists(st.tuples(st.text("abcAB", min_size=1), st.text("abcAB", min_size=1)),
                min_size=1, max_size=5, unique=True))  # fmt: skip
def test_initials_differ_whenever_the_names_do(names: list[tuple[str, str]]) -> None:
    """Distinct names get distinct tags once the letters suffice; each tag starts with
    the parts' first letters."""
    tags = initials(names)
    assert len(tags) == len(names)
    assert all(t[0] == n[0][0].upper() for t, n in zip(tags, names, strict=True))
    if len({tuple(p.lower() for p in n) for n in names}) == len(names):
        assert len(set(tags)) == len(tags)
