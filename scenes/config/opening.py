"""Config of the Opening clip (0:00-2:15: where might a model keep a fact?)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, ClassVar, Literal

from scenes.config.common import NAME_LENGTH, TEXT_LENGTH, ClipConfig, FactConfig
from scenes.config.models import ModelShapeConfig, check_model, load_model, preset_path
from scenes.config.schema import ConfigError, option

MAX_EXAMPLES = 4


@dataclass(frozen=True, kw_only=True)
class Example:
    """One athlete and sport pair of the kind the researchers probed."""

    name: str = option(max_length=2 * NAME_LENGTH + 1, doc="full name")
    attribute: str = option(max_length=NAME_LENGTH, doc="what the model should recall")


@dataclass(frozen=True, kw_only=True)
class SeaConfig:
    """The sea of numbers standing for the model's parameters (a seeded sample)."""

    rows: int = option(7, low=2, high=12, doc="rows of numbers drawn")
    columns: int = option(9, low=2, high=12, doc="numbers per row")
    scale: float = option(0.5, low=0.01, high=10.0, doc="standard deviation of the sample")
    decimals: int = option(2, low=1, high=3, doc="digits after the point")


@dataclass(frozen=True, kw_only=True)
class OpeningText:
    """Words on screen; {first_name}, {last_name}, {attribute}, {verb}, {relation} come from
    the fact and {model} is the model's name."""

    blank: str = option("___", max_length=10)
    model_box: str = option("language model", max_length=NAME_LENGTH)
    parameters: str = option("parameters of {model}", max_length=TEXT_LENGTH)
    question: str = option("Where in all these numbers is the fact kept?", max_length=TEXT_LENGTH)
    source: str = option("Google DeepMind researchers, December 2023", max_length=TEXT_LENGTH)
    source_topic: str = option("athletes and their sports", max_length=TEXT_LENGTH)
    finding: str = option("The facts seem to live in the MLPs", max_length=TEXT_LENGTH)
    attention: str = option("Attention", max_length=NAME_LENGTH)
    mlp: str = option("MLP", max_length=NAME_LENGTH)
    repeat: str = option("repeated {n} times in {model}", max_length=TEXT_LENGTH)
    attention_note: str = option("last chapter", max_length=TEXT_LENGTH)
    mlp_note: str = option("this chapter: {n} of the parameters", max_length=TEXT_LENGTH)
    simple: str = option("Simple to compute", max_length=TEXT_LENGTH)
    hard: str = option("Hard to interpret", max_length=TEXT_LENGTH)
    plan: str = option("The plan: one block storing one fact", max_length=TEXT_LENGTH)
    credit: str = option(
        "Example laid out after a conversation with Neel Nanda", max_length=TEXT_LENGTH
    )
    unknown: str = option("how?", max_length=NAME_LENGTH, doc="over each example's arrow")
    activation: str = option(
        "ReLU", max_length=NAME_LENGTH, doc="a plain MLP's function, as the video draws it"
    )
    gate_activation: str = option(
        "SiLU", max_length=NAME_LENGTH, doc="a gated MLP's function (Llama, Mixtral)"
    )


@dataclass(frozen=True, kw_only=True)
class OpeningConfig(ClipConfig):
    """0:00-2:15: a prompt and its answer, a sea of parameters, the finding that facts seem
    to live in the MLPs, the transformer as alternating blocks, and the plan of the lesson."""

    SCENE: ClassVar[str] = "scenes.clips.opening:Opening"
    BEATS: ClassVar[tuple[str, ...]] = (
        "prompt",
        "parameters",
        "finding",
        "stack",
        "simple_hard",
        "plan",
    )

    fact: FactConfig = field(default_factory=FactConfig)
    model: ModelShapeConfig = field(default_factory=lambda: load_model("gpt3-175b"))
    convention: Literal["matrices", "full"] = option("matrices")
    examples: tuple[Example, ...] = option(
        (
            Example(name="Michael Jordan", attribute="basketball"),
            Example(name="Serena Williams", attribute="tennis"),
            Example(name="Lionel Messi", attribute="football"),
        ),
        doc="the kind of facts the researchers probed",
    )
    sea: SeaConfig = field(default_factory=SeaConfig)
    layers_shown: int = option(3, low=1, high=4, doc="attention/MLP pairs drawn in the stack")
    text: OpeningText = field(default_factory=OpeningText)

    @classmethod
    def prepare_raw(cls, raw: dict[str, Any], source: str) -> dict[str, Any]:
        """Read the fact preset, and the model preset if ``model:`` names one."""
        raw = super().prepare_raw(raw, source)
        if isinstance(raw.get("model"), str):
            return {**raw, "model": load_model(preset_path(raw["model"], source, "model"))}
        return raw

    def check(self, source: str) -> None:
        """The model's sizes fit together; 1 to MAX_EXAMPLES examples."""
        check_model(self.model, source)
        if not 1 <= len(self.examples) <= MAX_EXAMPLES:
            expected = f"1 to {MAX_EXAMPLES} examples"
            raise ConfigError(source, "examples", expected, f"{len(self.examples)} examples")
        super().check(source)
