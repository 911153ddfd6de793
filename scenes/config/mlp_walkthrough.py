"""Config of the MLPWalkthrough clip (beats 2.1-2.10: how an MLP block could store a fact)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, ClassVar, Literal

from scenes.config.common import (
    FLOAT_BYTES,
    SMALL_ARRAYS_BYTES,
    TEXT_LENGTH,
    ClipConfig,
    FactConfig,
    MatrixDisplay,
)
from scenes.config.models import ModelShapeConfig, load_model, preset_path
from scenes.config.schema import ConfigError, describe, option, short_repr

MAX_PROBES = 6  # one table row each, beside the full name
MAX_COLUMN_FACTS = 4  # labels along W_down's first column


@dataclass(frozen=True, kw_only=True)
class ProbeConfig:
    """Another name fed to the block, to show what only half of the full name does."""

    first_name: str = option(max_length=30)
    last_name: str = option(max_length=30)


@dataclass(frozen=True, kw_only=True)
class MLPToy:
    """The toy block's sizes: small enough to show, big enough to hold every named feature."""

    d_model: int = option(
        12, low=3, high=2048, doc="toy embedding width (>= number of named features)"
    )
    d_mlp: int = option(16, low=2, high=8192, doc="toy number of neurons")
    tilt: float = option(0.08, low=0.0, high=0.5, doc="how far from exactly perpendicular")
    noise: float = option(0.1, low=0.0, high=1.0, doc="scale of the other rows' weights")


@dataclass(frozen=True, kw_only=True)
class MLPText:
    """Words on screen; {first_name}, {last_name}, {attribute} come from the fact, {model}
    from the model preset."""

    block: str = option("MLP", max_length=30)
    flow: str = option("Each vector goes through the block on its own", max_length=TEXT_LENGTH)
    pipeline: str = option(
        "What comes out = what went in + the block's output", max_length=TEXT_LENGTH
    )
    up_projection: str = option("Entry i = row i · E", max_length=TEXT_LENGTH)
    m_alone: str = option("If row 1 were {first_name} alone", max_length=TEXT_LENGTH)
    m_plus_j: str = option("Row 1 = both names: {first_name} + {last_name}", max_length=TEXT_LENGTH)
    bias: str = option("The bias −1: positive only for the full name", max_length=TEXT_LENGTH)
    neither: str = option("neither name", max_length=30)
    threshold: str = option(
        "A linear value is graded: half names still get a partial yes", max_length=TEXT_LENGTH
    )
    threshold_fix: str = option(
        "The bias moves the threshold; clipping below it makes the yes or no",
        max_length=TEXT_LENGTH,
    )
    fires: str = option("entry 1 > 0: neuron fires", max_length=TEXT_LENGTH)
    linear_side: str = option("row 1 · E > 0: no bias yet", max_length=TEXT_LENGTH)
    on_line: str = option("entry 1 = 0: clipped to 0", max_length=TEXT_LENGTH)
    relu: str = option("Negative entries are clipped to 0", max_length=TEXT_LENGTH)
    and_gate: str = option("Entry 1: an AND gate", max_length=TEXT_LENGTH)
    other_activation: str = option("The smoother GELU", max_length=TEXT_LENGTH)
    neurons: str = option("Neurons: active when positive, inactive at 0", max_length=TEXT_LENGTH)
    layer_in: str = option("E", max_length=30)
    layer_out: str = option("neurons", max_length=30)
    down_projection: str = option("Column 1 points along {attribute}", max_length=TEXT_LENGTH)
    switched_off: str = option("Neuron 1 off: no {attribute}", max_length=TEXT_LENGTH)
    column_facts: str = option("One column can carry many facts", max_length=TEXT_LENGTH)
    down_bias: str = option("The bias b↓ is added every time", max_length=TEXT_LENGTH)
    residual: str = option(
        "What flows out encodes {first_name}, {last_name} and {attribute}", max_length=TEXT_LENGTH
    )
    parallel: str = option("Every token at once", max_length=TEXT_LENGTH)
    tokens: str = option("tokens", max_length=30)
    neurons_word: str = option("neurons", max_length=30)
    values_word: str = option("neuron values", max_length=30)
    up_label: str = option("up-projection", max_length=TEXT_LENGTH)
    down_label: str = option("down-projection", max_length=TEXT_LENGTH)
    shape: str = option("in {model}", max_length=TEXT_LENGTH)
    summary: str = option(
        "Two matrix products with biases, a clipping function between", max_length=TEXT_LENGTH
    )


@dataclass(frozen=True, kw_only=True)
class MLPWalkthroughConfig(ClipConfig):
    """Beats 2.1-2.10: how an MLP block could store "<first> <last> plays <attribute>"."""

    SCENE: ClassVar[str] = "scenes.clips.mlp_walkthrough:MLPWalkthrough"
    LAYOUTS: ClassVar[tuple[str, ...]] = ("16:9", "9:16", "1:1")
    BEATS: ClassVar[tuple[str, ...]] = (
        "flow",
        "pipeline",
        "up_projection",
        "rows_as_questions",
        "bias",
        "threshold",
        "relu",
        "and_gate",
        "neurons",
        "down_projection",
        "column_facts",
        "down_bias",
        "residual",
        "parallel",
        "summary",
    )
    # Letters the clip writes besides the reserved E, W, b, h: C for a column of W_down.
    SYMBOLS: ClassVar[tuple[str, ...]] = ("C",)

    fact: FactConfig = field(default_factory=FactConfig)
    probes: tuple[ProbeConfig, ...] | None = option(
        None, doc="other names fed to the block [the fact's probes]"
    )
    prompt: tuple[str, ...] | None = option(
        None, max_length=30, doc="the prompt's tokens [the fact's prompt words]"
    )
    column_facts: tuple[str, ...] | None = option(
        None, max_length=30, doc="other facts W_down's column 1 carries [the fact's other facts]"
    )
    questions: tuple[str, ...] = option(
        ("Is it about sport?", "Is it English?", "Is it a verb?"),
        max_length=40,
        doc="questions the other rows of W_up might ask (labels for rows 2, 3, ...)",
    )
    toy: MLPToy = field(default_factory=MLPToy)
    display: MatrixDisplay = field(default_factory=MatrixDisplay)
    model: ModelShapeConfig = field(default_factory=lambda: load_model("gpt3-175b"))
    activation: Literal["relu", "gelu"] = option("relu")
    convention: Literal["column", "row"] = option(
        "column", doc="column: W E (video); row: E^T W^T (code)"
    )
    text: MLPText = field(default_factory=MLPText)

    @classmethod
    def prepare_raw(cls, raw: dict[str, Any], source: str) -> dict[str, Any]:
        """Read the fact preset, and ``model: gpt3-175b`` as a model preset."""
        raw = super().prepare_raw(raw, source)
        if isinstance(raw.get("model"), str):
            return {**raw, "model": load_model(preset_path(raw["model"], source, "model"))}
        return raw

    def probe_names(self) -> tuple[tuple[str, str], ...]:
        """(first name, last name) of every probe: the config's, else the fact's."""
        probes = self.probes if self.probes is not None else self.fact.probes
        return tuple((p.first_name, p.last_name) for p in probes)

    def prompt_words(self) -> tuple[str, ...]:
        """The prompt's tokens: the config's, else the fact's prompt."""
        return self.prompt if self.prompt is not None else self.fact.prompt_words()

    def other_facts(self) -> tuple[str, ...]:
        """What W_down's column 1 carries besides the attribute."""
        facts = self.column_facts if self.column_facts is not None else self.fact.other_facts
        return tuple(f for f in dict.fromkeys(facts) if f != self.fact.attribute)

    def d_mlp(self) -> int:
        """The real model's number of neurons per block."""
        return self.model.to_shape().d_mlp

    def named_features(self) -> tuple[str, ...]:
        """Every distinct named direction the toy space must hold."""
        names = [self.fact.first_name, self.fact.last_name, self.fact.attribute]
        names += list(self.other_facts())
        for first, last in self.probe_names():
            names += [first, last]
        names += list(self.prompt_words())
        return tuple(dict.fromkeys(names))

    def memory_bytes(self) -> int:
        """Peak bytes of prepare()'s math (build_toy_fact, then sequence_trace), float64.

        With m = d_model, h = d_mlp, k named features, P probes (plus the full name) and T
        prompt tokens:

            16 m h                  W_up and W_down (numpy scales each noise draw in place)
          + 32 k m                  named_directions: four k x m arrays at once
          + 16 k²                   each encode's Gram matrix and its LU copy
          + 8 (P + 1 + 2T)(4m + 3h) the probes' and the sequence's forward passes
          + SMALL_ARRAYS_BYTES      a small unscaled draw (< 256 KiB), biases, bookkeeping
        """
        m, h = self.toy.d_model, self.toy.d_mlp
        k = len(self.named_features())
        traces = len(self.probe_names()) + 1 + 2 * len(self.prompt_words())
        floats = 2 * m * h + 4 * k * m + 2 * k * k + traces * (4 * m + 3 * h)
        return floats * FLOAT_BYTES + SMALL_ARRAYS_BYTES

    def sizes_text(self) -> str:
        return f"d_model={short_repr(self.toy.d_model)}, d_mlp={short_repr(self.toy.d_mlp)}"

    def check(self, source: str) -> None:
        """The prompt holds the last name; the toy space has a dimension per named feature."""
        prompt, name = self.prompt_words(), self.fact.last_name
        if not 2 <= len(prompt) <= 10 or name not in prompt:
            expected = f"a list of 2 to 10 tokens including the last name {name!r}"
            raise ConfigError(source, "prompt", expected, describe(list(prompt)))
        needed = len(self.named_features())
        if self.toy.d_model < needed:
            expected = f"an integer >= {needed} (one dimension per named feature and prompt word)"
            raise ConfigError(source, "toy.d_model", expected, describe(self.toy.d_model))
        probes = self.probe_names()
        if not probes:
            raise ConfigError(source, "probes", "at least one probe name", "an empty list")
        if len(probes) > MAX_PROBES:
            expected = f"at most {MAX_PROBES} probes (one table row each)"
            raise ConfigError(source, "probes", expected, f"{len(probes)} probes")
        if len(self.other_facts()) > MAX_COLUMN_FACTS:
            expected = f"at most {MAX_COLUMN_FACTS} other facts (one label each)"
            raise ConfigError(source, "column_facts", expected, f"{len(self.other_facts())}")
        super().check(source)
