"""The column reading of W↓ h drawn in the down_projection beat: the scaled columns
(mathcore.scaled_columns) add up to W↓ h, as displayed, for the default and second fact."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

import mathcore
from scenes.clips.mlp_walkthrough import prepare_numbers
from scenes.config import MLPWalkthroughConfig, load_clip

ROOT = Path(__file__).resolve().parents[1]
CONFIGS = [
    ROOT / "configs" / "mlp_walkthrough.yaml",
    ROOT / "tests" / "configs" / "mlp_second_fact.yaml",
]


def test_each_term_is_its_column_times_its_neuron() -> None:
    weights = np.array([[1.0, 2.0, -3.0], [0.5, -1.0, 4.0]])
    neurons = np.array([2.0, 0.0, -1.0])
    terms = mathcore.scaled_columns(weights, neurons, [2, 0])
    assert np.array_equal(terms, np.array([[3.0, 2.0], [-4.0, 1.0]]))
    assert not np.any(mathcore.scaled_columns(weights, neurons, [1]))  # neuron at 0


@pytest.mark.parametrize("path", CONFIGS, ids=lambda p: p.stem)
def test_scaled_columns_add_up_to_the_displayed_result(path: Path) -> None:
    clip = load_clip(path)
    assert isinstance(clip, MLPWalkthroughConfig)
    data = prepare_numbers(clip)
    d, w_down = clip.display.decimals, data.toy.weights.w_down
    for shown in (data.numbers.focus, data.numbers.switched_off):
        terms = mathcore.scaled_columns(w_down, shown.neurons, range(w_down.shape[1]))
        total = mathcore.rounded(terms.sum(axis=1), d)
        assert np.array_equal(total, shown.down)
    off = mathcore.scaled_columns(w_down, data.numbers.switched_off.neurons, [mathcore.FACT_NEURON])
    assert not np.any(off)  # the switched-off neuron's term vanishes
