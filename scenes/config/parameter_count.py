"""Config of the ParameterCount clip (beats 3.1-3.3: where the parameters live)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, ClassVar, Literal

from scenes.config.common import TEXT_LENGTH, ClipConfig
from scenes.config.models import ModelShapeConfig, check_model, load_model, preset_path
from scenes.config.schema import option


@dataclass(frozen=True, kw_only=True)
class ParameterText:
    """Words on screen; {model} is the model's name, {layers} and {experts} its sizes."""

    matrices: str = option("One MLP block of {model}, drawn to scale", max_length=TEXT_LENGTH)
    product: str = option("Rows times columns, for each matrix", max_length=TEXT_LENGTH)
    layers: str = option("One MLP block in each of the {layers} layers", max_length=TEXT_LENGTH)
    layers_moe: str = option(
        "{experts} expert MLP blocks in each of the {layers} layers", max_length=TEXT_LENGTH
    )
    layer_count: str = option("{layers} layers", max_length=TEXT_LENGTH)
    expert_count: str = option("× {experts} experts", max_length=TEXT_LENGTH)
    not_counted: str = option("left out", max_length=TEXT_LENGTH)
    tally: str = option("Where {model}'s parameters live", max_length=TEXT_LENGTH)
    block: str = option("one block", max_length=TEXT_LENGTH)
    biases: str = option("biases", max_length=TEXT_LENGTH)
    no_biases: str = option("no biases in this model", max_length=TEXT_LENGTH)
    negligible: str = option("negligible", max_length=TEXT_LENGTH)
    of_block: str = option("of one block", max_length=TEXT_LENGTH)
    per_block: str = option("per block", max_length=TEXT_LENGTH)
    total: str = option("total", max_length=TEXT_LENGTH)
    active: str = option("active per token", max_length=TEXT_LENGTH)
    of_total: str = option("of all parameters", max_length=TEXT_LENGTH)
    factors: str = option("as sizes", max_length=TEXT_LENGTH)
    parameters: str = option("parameters", max_length=TEXT_LENGTH)
    share: str = option("share", max_length=TEXT_LENGTH)
    active_mlp: str = option("MLP, experts used per token", max_length=TEXT_LENGTH)
    row_embedding: str = option("embedding", max_length=TEXT_LENGTH)
    row_attention: str = option("attention (4 matrices)", max_length=TEXT_LENGTH)
    row_mlp: str = option("MLP", max_length=TEXT_LENGTH)
    row_router: str = option("router", max_length=TEXT_LENGTH)
    row_unembedding: str = option("unembedding", max_length=TEXT_LENGTH)
    row_biases: str = option("biases", max_length=TEXT_LENGTH)
    row_positional: str = option("learned positions", max_length=TEXT_LENGTH)
    row_norms: str = option("normalisation", max_length=TEXT_LENGTH)


@dataclass(frozen=True, kw_only=True)
class ParameterCountConfig(ClipConfig):
    """Beats 3.1-3.3: counting a model's parameters (GPT-3 in the video)."""

    SCENE: ClassVar[str] = "scenes.clips.parameter_count:ParameterCount"
    BEATS: ClassVar[tuple[str, ...]] = ("matrices", "product", "layers", "tally")

    model: ModelShapeConfig = field(default_factory=lambda: load_model("gpt3-175b"))
    convention: Literal["matrices", "full"] = option("matrices")
    text: ParameterText = field(default_factory=ParameterText)

    @classmethod
    def prepare_raw(cls, raw: dict[str, Any], source: str) -> dict[str, Any]:
        """``model: gpt3-175b`` names a preset: read it (its errors name the preset's file)."""
        if isinstance(raw.get("model"), str):
            return {**raw, "model": load_model(preset_path(raw["model"], source, "model"))}
        return raw

    def check(self, source: str) -> None:
        """The model's sizes fit together."""
        check_model(self.model, source)
        super().check(source)
