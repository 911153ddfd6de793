"""The Opening's MLP formula is the one the model preset describes: a plain MLP with biases
(GPT-3) against a gated MLP without biases (Llama 3 8B), and the order its parts are written."""

from __future__ import annotations

from pathlib import Path

from manim import tempconfig
from manim.mobject.text.tex_mobject import MathTexPart

from scenes.clips.opening import Opening, tex_name
from scenes.config import OpeningConfig, load_clip

ROOT = Path(__file__).parents[1]


def formula_parts(path: Path) -> tuple[list[str], list[list[int]]]:
    clip = load_clip(path)
    assert isinstance(clip, OpeningConfig)
    with tempconfig({"dry_run": True}):
        tex, steps = Opening(clip).formula()
    parts = []
    for part in tex.submobjects:
        assert isinstance(part, MathTexPart)
        parts.append(part.tex_string)
    return parts, steps


def test_plain_mlp_with_biases_has_activation_and_both_biases() -> None:
    parts, steps = formula_parts(ROOT / "configs" / "opening.yaml")
    joined = " ".join(parts)
    assert r"\mathrm{ReLU}" in joined
    assert r"\vec{b}_\uparrow" in joined and r"\vec{b}_\downarrow" in joined
    assert "gate" not in joined
    # every part is written exactly once, the first product first
    assert sorted(i for step in steps for i in step) == list(range(len(parts)))
    assert parts[steps[0][0]] == r"W_\uparrow\vec{E}"


def test_gated_mlp_without_biases_draws_gate_and_no_bias() -> None:
    parts, steps = formula_parts(ROOT / "tests" / "configs" / "opening_second_fact.yaml")
    joined = " ".join(parts)
    assert r"\mathrm{SiLU}" in joined and r"W_{\text{gate}}" in joined and r"\odot" in joined
    assert "ReLU" not in joined and r"\vec{b}" not in joined
    assert sorted(i for step in steps for i in step) == list(range(len(parts)))


def test_function_name_from_yaml_cannot_inject_latex() -> None:
    assert tex_name(r"Re\LU}{") == r"\mathrm{ReLU}"
    assert tex_name("$$") == r"\mathrm{f}"
