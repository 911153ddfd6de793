"""Parameter counts: published figures, and a brute force that builds the real arrays."""

import dataclasses
import json
import subprocess
import sys
from pathlib import Path

import numpy as np
import numpy.typing as npt
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import mathcore
from mathcore import ModelShape
from mathcore import params as pm
from scenes.config import load_model

LLMFACTS = Path(sys.executable).parent / "llmfacts"

PUBLISHED = [
    ("gpt2-small", "full", 124_439_808),
    ("gpt2-xl", "full", 1_557_611_200),
    ("gpt3-175b", "matrices", 175_181_291_520),
    ("llama2-7b", "full", 6_738_415_616),
    ("llama3-8b", "full", 8_030_261_248),
    ("mixtral-8x7b", "full", 46_702_792_704),
]


@pytest.mark.parametrize(("preset", "convention", "published"), PUBLISHED)
def test_presets_match_published_figures(preset: str, convention: str, published: int) -> None:
    shape = load_model(preset).to_shape()
    assert mathcore.count_parameters(shape, convention).total == published  # type: ignore[arg-type]


def test_video_figures_for_gpt3() -> None:
    count = mathcore.count_parameters(load_model("gpt3-175b").to_shape())
    up = mathcore.mlp_matrices(load_model("gpt3-175b").to_shape())[0]
    assert (up.rows, up.columns, up.count) == (49_152, 12_288, 603_979_776)
    assert count.per_layer["mlp"] == 1_207_959_552
    assert mathcore.rounded_label(count.components["mlp"]) == "116B"
    assert count.components["embedding"] == count.components["unembedding"] == 617_558_016
    assert mathcore.rounded_label(count.components["attention"]) == "58B"
    assert 0.66 < count.share("mlp") < 0.67


def test_mixtral_active_parameters() -> None:
    count = mathcore.count_parameters(load_model("mixtral-8x7b").to_shape(), "full")
    # Mistral AI's figure: about 12.9B parameters used per token.
    assert count.active_total == 12_879_925_248
    assert sum(count.active_components.values()) == count.active_total


def brute_force(shape: ModelShape, full: bool, experts: int) -> int:
    """Build one of every array the model holds (tiny shapes only) and add up their sizes."""
    d, h = shape.d_model, shape.d_model // shape.n_heads
    kv = shape.n_kv_heads * h
    arrays: list[npt.NDArray[np.float64]] = [np.zeros((shape.vocab_size, d))]
    if not shape.tied_embeddings:
        arrays.append(np.zeros((shape.vocab_size, d)))
    if full and shape.positional == "learned":
        arrays.append(np.zeros((shape.context_length, d)))
    norm = {"layernorm": [np.ones(d), np.zeros(d)], "rmsnorm": [np.ones(d)], "none": []}
    for _ in range(shape.n_layers):
        layer: list[npt.NDArray[np.float64]] = [
            np.zeros((d, d)), np.zeros((kv, d)), np.zeros((kv, d)), np.zeros((d, d))
        ]  # fmt: skip
        if full and shape.biases:
            layer += [np.zeros(d), np.zeros(kv), np.zeros(kv), np.zeros(d)]
        for _expert in range(experts):
            names = ("gate", "up", "down") if shape.mlp == "gated" else ("up", "down")
            for name in names:
                layer.append(np.zeros((d, shape.d_mlp) if name == "down" else (shape.d_mlp, d)))
                if full and shape.biases:
                    layer.append(np.zeros(d if name == "down" else shape.d_mlp))
        if shape.n_experts > 1:
            layer.append(np.zeros((shape.n_experts, d)))
            if full and shape.biases:
                layer.append(np.zeros(shape.n_experts))
        if full:
            layer += norm[shape.norm] + norm[shape.norm]
        arrays += layer
    if full:
        arrays += norm[shape.norm]
    return sum(a.size for a in arrays)


shapes = st.builds(
    lambda heads, kv_div, head_size, layers, vocab, ctx, d_mlp, mlp, experts, top, biases, norm,
    positional, tied: ModelShape(
        "tiny", vocab, ctx, heads * head_size, layers, heads, max(1, heads // kv_div), d_mlp, mlp,
        experts, min(top, experts), biases, norm, positional, tied,
    ),
    st.sampled_from([1, 2, 4]), st.sampled_from([1, 2]), st.integers(1, 4), st.integers(1, 3),
    st.integers(1, 20), st.integers(1, 10), st.integers(1, 12), st.sampled_from(["plain", "gated"]),
    st.integers(1, 3), st.integers(1, 3), st.booleans(),
    st.sampled_from(["layernorm", "rmsnorm", "none"]),
    st.sampled_from(["learned", "rotary", "none"]), st.booleans(),
)  # fmt: skip


@settings(max_examples=60, deadline=None)
@given(shapes)
def test_counts_equal_brute_force_on_tiny_shapes(shape: ModelShape) -> None:
    full = mathcore.count_parameters(shape, "full")
    assert full.total == brute_force(shape, True, shape.n_experts)
    assert full.active_total == brute_force(shape, True, shape.experts_per_token)
    matrices = mathcore.count_parameters(shape, "matrices")
    assert matrices.total == brute_force(shape, False, shape.n_experts)


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(LLMFACTS), *args], capture_output=True, text=True, check=False)


def test_params_cli_text_and_json() -> None:
    text = run("params", "gpt3-175b", "--convention", "matrices")
    assert text.returncode == 0
    assert "  total        175,181,291,520  (175B)\n" in text.stdout
    assert "  mlp          115,964,116,992   66.20%\n" in text.stdout
    out = run("params", "mixtral-8x7b", "--convention", "full", "--json")
    data = json.loads(out.stdout)
    assert list(data) == ["model", "convention", "total", "active_total", "components", "per_layer"]
    assert data["total"] == 46_702_792_704 and data["active_total"] == 12_879_925_248
    assert data["components"]["router"] == 32 * (4096 * 8)
    assert set(data["per_layer"]) == {"attention", "mlp", "router", "norms"}


def shape_file(tmp_path: Path, **changes: object) -> Path:
    base = {
        "name": "x", "vocab_size": 10, "context_length": 4, "d_model": 12, "n_layers": 2,
        "n_heads": 3, "mlp": "plain", "biases": True, "norm": "layernorm",
        "positional": "learned", "tied_embeddings": False,
    }  # fmt: skip
    base.update(changes)
    path = tmp_path / "shape.yaml"
    path.write_text(json.dumps({"model": base}))  # JSON is YAML
    return path


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"n_heads": 5}, "model.n_heads: expected a divisor of d_model (12), got 5 (int)"),
        ({"n_kv_heads": 2}, "model.n_kv_heads: expected a divisor of n_heads (3), got 2 (int)"),
        (
            {"n_experts": 2, "experts_per_token": 3},
            "model.experts_per_token: expected at most n_experts (2), got 3 (int)",
        ),
        ({"d_model": 0}, "model.d_model: expected an integer from 1 to 1e+06, got 0 (int)"),
        ({"mlp": "swiglu"}, "model.mlp: expected 'plain' or 'gated', got 'swiglu' (str)"),
        (
            {"n_layer": 2},
            "model.n_layer: expected one of name, vocab_size, context_length, d_model, n_layers,"
            " n_heads, n_kv_heads, d_mlp, mlp, n_experts, experts_per_token, biases, norm,"
            " positional, tied_embeddings (did you mean 'n_layers'?), got an unknown key",
        ),
    ],
)
def test_params_cli_refuses_bad_shapes(
    tmp_path: Path, changes: dict[str, object], message: str
) -> None:
    path = shape_file(tmp_path, **changes)
    result = run("params", str(path))
    assert result.returncode == 2
    assert result.stderr == f"{path}: {message}\n"


def test_params_cli_unknown_preset() -> None:
    result = run("params", "gpt5")
    assert result.returncode == 2
    assert result.stderr == (
        "gpt5: (file): expected a YAML file or a preset (gpt2-small, gpt2-xl, gpt3-175b,"
        " llama2-7b, llama3-8b, mixtral-8x7b), got no such file or preset\n"
    )


# --- The counting clip's symbolic rows ----------------------------------------------------

PRESETS = ["gpt2-small", "gpt2-xl", "gpt3-175b", "llama2-7b", "llama3-8b", "mixtral-8x7b"]


@pytest.mark.parametrize("preset", PRESETS)
def test_table_rows_equal_the_component_counts(preset: str) -> None:
    # Two independent routes: the factors evaluated, and count_parameters' component sums.
    shape = load_model(preset).to_shape()
    full = mathcore.count_parameters(shape, "full")
    rows = {row.component: row.count.value for row in pm.tally_rows(shape, "full")}
    assert pm.tally_total(pm.tally_rows(shape, "full")) == full.total
    matrices = mathcore.count_parameters(shape, "matrices")
    for name in ("embedding", "unembedding", "positional", "norms"):
        assert rows.get(name, 0) == full.components[name]
    for name in ("attention", "mlp", "router"):  # the matrices; their biases have their own row
        assert rows.get(name, 0) == matrices.components[name]
    extras = full.components["norms"] + full.components["positional"]
    assert rows.get("biases", 0) == full.total - matrices.total - extras
    # Normalisation is always listed, and negligible: counted only under "full".
    norms = next(row for row in pm.tally_rows(shape, "matrices") if row.component == "norms")
    assert norms.negligible and not norms.counted and norms.count.value / full.total < 1e-3
    assert pm.tally_total(pm.tally_rows(shape, "matrices")) == matrices.total


def test_gpt3_rows_give_the_video_total_and_the_published_estimate() -> None:
    shape = load_model("gpt3-175b").to_shape()
    rows = pm.tally_rows(shape, "matrices")
    # The video's figure (weight matrices only), computed from the paper's sizes by hand:
    d, layers, vocab = 12_288, 96, 50_257
    assert pm.tally_total(rows) == 12 * layers * d * d + 2 * vocab * d == 175_181_291_520
    # Biases and normalisation are listed below the total, outside it, with their counts.
    outside = {row.component: row.count.value for row in rows if not row.counted}
    assert outside == {"biases": layers * (4 * d + 4 * d + d), "norms": 2 * (2 * layers + 1) * d}
    assert pm.spoken_count(pm.tally_total(rows)) == "175 billion"
    # With the embedding tied to the unembedding, as usually counted: about 174.6 billion.
    tied = dataclasses.replace(shape, tied_embeddings=True)
    assert round(pm.tally_total(pm.tally_rows(tied, "matrices")) / 1e9, 1) == 174.6


def test_symbolic_factors_follow_the_preset() -> None:
    gpt3 = load_model("gpt3-175b").to_shape()
    llama = load_model("llama3-8b").to_shape()
    assert pm.mlp_width(gpt3) == (4, "d_model")  # 49,152 = 4 · 12,288
    assert pm.mlp_width(llama) == ("d_mlp",)  # 14,336 = 3.5 · 4,096: named, not rounded
    assert pm.matrix_count(gpt3).value == 603_979_776
    attention = {row.component: row.count for row in pm.tally_rows(llama, "full")}["attention"]
    assert attention.terms == ((2, "d_model", "d_model"), (2, "d_model", "d_kv"))  # GQA
    mixtral = load_model("mixtral-8x7b").to_shape()
    assert pm.mlp_total(mixtral).value == 8 * pm.mlp_total(mixtral, active=True).value // 2
    assert pm.mlp_bias_count(gpt3).value == 49_152 + 12_288
    assert pm.mlp_bias_count(llama).value == 0


@pytest.mark.parametrize("preset", PRESETS)
@pytest.mark.parametrize("convention", ["matrices", "full"])
def test_displayed_rows_add_up_as_displayed(preset: str, convention: str) -> None:
    rows = pm.tally_rows(load_model(preset).to_shape(), convention)  # type: ignore[arg-type]
    shown = [mathcore.thousands(row.count.value) for row in rows if row.counted]
    total = mathcore.thousands(pm.tally_total(rows))
    assert sum(int(s.replace(",", "")) for s in shown) == int(total.replace(",", ""))


def test_mixtral_active_table_matches_the_published_figure() -> None:
    shape = load_model("mixtral-8x7b").to_shape()
    assert pm.tally_total(pm.tally_rows(shape, "full", active=True)) == 12_879_925_248
    assert pm.tally_total(pm.tally_rows(shape, "full")) == 46_702_792_704
