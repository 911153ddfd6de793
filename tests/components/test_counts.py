"""ScaledMatrix draws a matrix's true aspect ratio; symbolic counts render as LaTeX factors."""

import pytest
from helpers import cached_latex
from manim import tempconfig

from mathcore import params as pm
from scenes.config import load_model
from scenes.visual.components.counts import ScaledMatrix, symbolic_tex


def test_scaled_matrix_keeps_rows_and_columns_true() -> None:
    with tempconfig(cached_latex()):
        up = ScaledMatrix(r"W_{\uparrow}", 49_152, 12_288, 1e-4, "d_{mlp}", "d_{model}", "#83C167")
        down = ScaledMatrix(
            r"W_{\downarrow}", 12_288, 49_152, 1e-4, "d_{model}", "d_{mlp}", "#83C167"
        )
    assert up.get_body().height == pytest.approx(4 * up.get_body().width)
    assert down.get_body().width == pytest.approx(up.get_body().height)
    assert down.get_body().height == pytest.approx(up.get_body().width)
    # The labels sit outside the rectangle: left of it and above it.
    assert up.row_label.get_right()[0] < up.get_body().get_left()[0]
    assert up.column_label.get_bottom()[1] > up.get_body().get_top()[1]


def test_symbolic_tex_from_the_preset() -> None:
    gpt3 = load_model("gpt3-175b").to_shape()
    assert symbolic_tex(pm.matrix_count(gpt3)) == r"4 \cdot d_{\text{model}} \cdot d_{\text{model}}"
    llama = load_model("llama3-8b").to_shape()
    attention = {r.component: r.count for r in pm.tally_rows(llama, "full")}["attention"]
    assert symbolic_tex(attention) == (
        r"n_{\text{layers}} \cdot (2 \cdot d_{\text{model}} \cdot d_{\text{model}}"
        r" + 2 \cdot d_{\text{model}} \cdot d_{\text{kv}})"
    )
    # A factor 1 is not written: GPT-3's MLP biases are d_mlp + d_model = 4 · d_model + d_model.
    assert symbolic_tex(pm.mlp_bias_count(gpt3)) == (r"4 \cdot d_{\text{model}} + d_{\text{model}}")


def test_no_factor_one_is_written() -> None:
    # RMSNorm has one scale vector per norm: 1 · (...) is written as the bare sum.
    llama = load_model("llama3-8b").to_shape()
    norms = {r.component: r.count for r in pm.tally_rows(llama, "full")}["norms"]
    assert (
        symbolic_tex(norms)
        == r"n_{\text{layers}} \cdot 2 \cdot d_{\text{model}} + d_{\text{model}}"
    )
    assert norms.value == (32 * 2 + 1) * 4096
