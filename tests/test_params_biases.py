"""The biases row's like terms collected: the short form still equals every bias counted."""

from __future__ import annotations

import dataclasses

import pytest

import mathcore
from mathcore import params as pm
from scenes.config.models import load_model
from scenes.visual.components.counts import symbolic_tex


def test_collect_terms_adds_like_terms_and_keeps_the_rest() -> None:
    terms: tuple[pm.Product, ...] = ((2, "d"), (2, "k"), (4, "d"), ("d",), ("e",), (3,), (2,))
    assert pm.collect_terms(terms) == ((7, "d"), (2, "k"), ("e",), (5,))


@pytest.mark.parametrize("preset", ["gpt2-small", "gpt3-175b", "mixtral-8x7b"])
def test_collected_biases_equal_the_full_minus_matrices_count(preset: str) -> None:
    shape = dataclasses.replace(load_model(preset).to_shape(), biases=True)
    full = mathcore.count_parameters(shape, "full")
    matrices = mathcore.count_parameters(shape, "matrices")
    extras = full.components["norms"] + full.components["positional"]
    biases = next(row for row in pm.tally_rows(shape, "full") if row.component == "biases")
    assert biases.count.value == full.total - matrices.total - extras


def test_gpt3_biases_read_as_nine_embedding_widths_per_layer() -> None:
    shape = load_model("gpt3-175b").to_shape()
    biases = next(row for row in pm.tally_rows(shape, "matrices") if row.component == "biases")
    # Q, K, V, O biases (4 d) + up-projection (4 d) + down-projection (d), in each of 96 layers.
    assert biases.count.terms == ((9, "d_model"),)
    assert biases.count.value == 96 * 9 * 12_288
    assert symbolic_tex(biases.count).count("+") == 0
