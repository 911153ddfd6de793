"""Config of the ParameterCount clip (beats 3.1-3.3: where the parameters live)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, ClassVar, Literal

from scenes.config.common import TEXT_LENGTH, ClipConfig
from scenes.config.models import ModelShapeConfig, check_model, load_model, preset_path
from scenes.config.schema import option


@dataclass(frozen=True, kw_only=True)
class ParameterText:
    """Words on screen; {model} is the model's name."""

    mlp_block: str = option(
        "One MLP block: two matrices (and negligible biases)", max_length=TEXT_LENGTH
    )
    gated_block: str = option("A gated MLP block: three matrices", max_length=TEXT_LENGTH)
    layers: str = option("One MLP block per layer", max_length=TEXT_LENGTH)
    tally: str = option("Where {model}'s parameters live", max_length=TEXT_LENGTH)
    active: str = option("Active per token (experts used)", max_length=TEXT_LENGTH)
    biases: str = option("biases", max_length=TEXT_LENGTH)
    no_biases: str = option("no biases in this model", max_length=TEXT_LENGTH)
    total: str = option("total", max_length=TEXT_LENGTH)
    of_total: str = option("of all parameters", max_length=TEXT_LENGTH)


@dataclass(frozen=True, kw_only=True)
class ParameterCountConfig(ClipConfig):
    """Beats 3.1-3.3: counting a model's parameters (GPT-3 in the video)."""

    SCENE: ClassVar[str] = "scenes.clips.parameter_count:ParameterCount"
    BEATS: ClassVar[tuple[str, ...]] = ("mlp_block", "layers", "tally")

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
