"""Every sum the MLP walkthrough shows adds up AS DISPLAYED, and a value shown in two beats is
the same value; for the default fact and a second fact (30-character names, GELU).

The scene draws its numbers from ``prepare_numbers`` (scenes/clips/mlp_walkthrough.py), the
same record checked here, so no render is needed.
"""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path

import numpy as np
import pytest

import mathcore
from scenes.clips.mlp_walkthrough import Prepared, prepare_numbers
from scenes.config import MLPWalkthroughConfig, load_clip

ROOT = Path(__file__).resolve().parents[1]
CONFIGS = [
    ROOT / "configs" / "mlp_walkthrough.yaml",
    ROOT / "tests" / "configs" / "mlp_second_fact.yaml",
]


def prepared(path: Path) -> tuple[MLPWalkthroughConfig, Prepared]:
    clip = load_clip(path)
    assert isinstance(clip, MLPWalkthroughConfig)
    return clip, prepare_numbers(clip)


@pytest.fixture(params=CONFIGS, ids=lambda p: p.stem)
def case(request: pytest.FixtureRequest) -> tuple[MLPWalkthroughConfig, Prepared]:
    return prepared(request.param)


def as_text(values: np.ndarray, decimals: int) -> list[str]:
    """What the screen shows for each value (the components round with Python's round)."""
    return [mathcore.fixed(float(v), decimals) for v in np.atleast_1d(values)]


def test_every_displayed_sum_adds_up_as_displayed(
    case: tuple[MLPWalkthroughConfig, Prepared],
) -> None:
    clip, data = case
    d = clip.display.decimals
    equations = data.numbers.equations
    beats = {e.beat for e in equations}
    assert {"rows_as_questions", "bias", "down_bias", "residual", "down_projection"} <= beats
    for equation in equations:
        # Re-read every term from its displayed text, add in exact decimal units.
        terms = [np.array([float(t) for t in as_text(term, d)]) for term in equation.terms]
        shown_total = np.array([float(t) for t in as_text(equation.total, d)])
        total_units = sum(np.rint(t * 10**d).astype(int) for t in terms)
        assert np.array_equal(total_units, np.rint(shown_total * 10**d).astype(int)), (
            equation.beat,
            equation.what,
        )


def test_a_value_shown_in_two_beats_is_the_same(
    case: tuple[MLPWalkthroughConfig, Prepared],
) -> None:
    _, data = case
    seen: dict[str, dict[str, float]] = defaultdict(dict)
    for (beat, name), value in data.numbers.values.items():
        seen[name][beat] = value
    shared = {name: beats for name, beats in seen.items() if len(beats) > 1}
    assert "up[0]" in shared and "neurons[0]" in shared and "output[1]" in shared
    for name, beats in shared.items():
        assert len(set(beats.values())) == 1, (name, beats)


def test_focus_vector_is_the_full_name_and_flow_shows_the_residual_beat_values(
    case: tuple[MLPWalkthroughConfig, Prepared],
) -> None:
    """The column outlined in the flow beat is the vector followed later, before and after."""
    _, data = case
    token = data.tokens[data.focus]
    assert np.array_equal(token.embedding, data.numbers.focus.embedding)
    assert np.array_equal(token.residual, data.numbers.focus.residual)


def test_entry_one_reads_as_the_video_says(case: tuple[MLPWalkthroughConfig, Prepared]) -> None:
    """Row 1 = M + J: 2 for the full name, 1 for a half name, 0 for neither; the bias −1
    shifts these to 1, 0, −1; the activation clips the negative one to (about) 0."""
    clip, data = case
    rows = data.numbers.probes
    assert [r.up for r in rows[:1]] == [2.0]
    assert all(r.up == 1.0 for r in rows[1:-1])
    assert rows[-1].up == 0.0 and rows[-1].pre == -1.0
    assert all(r.pre <= 0 for r in rows[1:])
    sigma = mathcore.activation(clip.activation)
    assert rows[0].neuron == float(mathcore.rounded(sigma(1.0), clip.display.decimals))
    if clip.activation == "relu":
        assert [r.neuron for r in rows[1:]] == [0.0] * (len(rows) - 1)


def test_relu_really_clips_a_shown_negative_entry() -> None:
    """The ReLU beat walks the drawn entries of the focus vector: one of them is negative
    on screen and becomes 0.00 (the default config is chosen so; this guards it)."""
    clip, data = prepared(CONFIGS[0])
    drawn = [i for i in mathcore.shown_indices(clip.toy.d_mlp, clip.display.rows) if i is not None]
    pre, out = data.numbers.focus.pre, data.numbers.focus.neurons
    negative = [i for i in drawn if pre[i] < 0]
    assert negative, "no drawn entry is negative: the ReLU would visibly do nothing"
    assert all(out[i] == 0.0 for i in negative)
    assert any(pre[i] > 0 and out[i] == pre[i] for i in drawn)


def test_the_linear_value_is_graded_and_the_clipping_makes_the_yes_or_no(
    case: tuple[MLPWalkthroughConfig, Prepared],
) -> None:
    """The threshold picture: each name lies on its level line M·E + J·E = row₁·E; the linear
    value gives the half names a partial yes (between neither and the full name), and only
    after the bias and the activation is the full name alone clearly positive."""
    clip, data = case
    rows = data.numbers.probes
    for row, (x, y) in zip(rows, data.numbers.points, strict=True):
        assert row.up == pytest.approx(x + y, abs=1e-12)
    full, halves, neither = rows[0], rows[1:-1], rows[-1]
    assert all(neither.up < half.up < full.up for half in halves)
    assert all(row.up in data.numbers.levels for row in rows)  # a line through every dot
    assert full.neuron > 0.5
    assert all(abs(row.neuron) <= 0.25 * full.neuron for row in (*halves, neither))
    if clip.activation == "relu":
        assert all(row.neuron == 0.0 for row in (*halves, neither))


def test_whole_levels_against_brute_force() -> None:
    rng = np.random.default_rng(1)
    for values in rng.uniform(-3, 3, size=(50, 4)):
        brute = tuple(k for k in range(-5, 6) if values.min() <= k <= values.max())
        assert mathcore.whole_levels(values) == brute


def test_switching_neuron_one_off_removes_the_attribute(
    case: tuple[MLPWalkthroughConfig, Prepared],
) -> None:
    _, data = case
    n = data.numbers
    assert n.attribute_on > 0.7 and abs(n.attribute_off) < 0.3
    assert n.switched_off.neurons[mathcore.FACT_NEURON] == 0.0
    # Only the switched-off neuron's column differs: the result moved by (about) that column.
    moved = n.focus.down - n.switched_off.down
    expected = (
        n.focus.neurons[mathcore.FACT_NEURON] * data.toy.weights.w_down[:, mathcore.FACT_NEURON]
    )
    assert moved == pytest.approx(expected, abs=2 * 10**-n.decimals)


def test_column_one_carries_every_fact(case: tuple[MLPWalkthroughConfig, Prepared]) -> None:
    clip, data = case
    readouts = data.numbers.column_readouts
    assert set(readouts) == {clip.fact.attribute, *clip.other_facts()}
    assert all(0.7 < value < 1.3 for value in readouts.values())


def test_group_by_value_never_stacks_two_dots() -> None:
    groups = mathcore.group_by_value(
        ["a", "b", "c", "d"], [(1.0, 1.0), (1.0, 0.0), (1.0, -0.0), (0, 1)]
    )
    assert groups == [((1.0, 1.0), ["a"]), ((1.0, 0.0), ["b", "c"]), ((0.0, 1.0), ["d"])]


def test_half_plane_in_box_against_sampling() -> None:
    rng = np.random.default_rng(0)
    box = (-0.5, 1.5, -0.5, 1.5)
    for a, b, c in rng.normal(size=(20, 3)):
        polygon = mathcore.half_plane_in_box(a, b, c, box)
        area = (
            0.0
            if len(polygon) < 3
            else 0.5
            * abs(
                sum(
                    x0 * y1 - x1 * y0
                    for (x0, y0), (x1, y1) in zip(polygon, polygon[1:] + polygon[:1], strict=True)
                )
            )
        )
        xy = rng.uniform(-0.5, 1.5, size=(20000, 2))
        share = float(np.mean(a * xy[:, 0] + b * xy[:, 1] + c >= 0))
        assert area / 4.0 == pytest.approx(share, abs=0.02)
