"""Config of the MLPWalkthrough clip (beats 2.1-2.10: how an MLP block could store a fact)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import ClassVar, Literal

from scenes.config.common import (
    FLOAT_BYTES,
    SMALL_ARRAYS_BYTES,
    TEXT_LENGTH,
    ClipConfig,
    FactConfig,
    MatrixDisplay,
)
from scenes.config.schema import ConfigError, describe, option, short_repr

MAX_PROBES = 6  # one table row each, beside the full name


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
class RealModel:
    """The real model whose sizes label the pictures (GPT-3 in the video)."""

    name: str = option("GPT-3", max_length=30)
    d_model: int = option(12_288, low=1, high=10**7)
    d_mlp: int = option(49_152, low=1, high=10**8)


@dataclass(frozen=True, kw_only=True)
class MLPText:
    """Words on screen; {first_name}, {last_name} and {attribute} come from the fact."""

    block: str = option("MLP", max_length=30)
    flow: str = option(
        "Each vector goes through the same block, on its own, in parallel", max_length=TEXT_LENGTH
    )
    added_back: str = option(
        "The result is added back to the vector that came in", max_length=TEXT_LENGTH
    )
    up_projection: str = option(
        "Each entry: the dot product of one row with E", max_length=TEXT_LENGTH
    )
    question: str = option("Row 1 asks: is this {first_name} {last_name}?", max_length=TEXT_LENGTH)
    bias: str = option(
        "The bias makes entry 1 positive only for the full name", max_length=TEXT_LENGTH
    )
    activation: str = option(
        "Negatives clipped to 0: entry 1 becomes an AND gate", max_length=TEXT_LENGTH
    )
    neurons: str = option("Neurons: active when positive, inactive at 0", max_length=TEXT_LENGTH)
    down_projection: str = option("Column 1 is the direction {attribute}", max_length=TEXT_LENGTH)
    residual: str = option(
        "What flows out encodes {first_name}, {last_name} and {attribute}", max_length=TEXT_LENGTH
    )
    parallel: str = option("Every token at once: neurons x tokens", max_length=TEXT_LENGTH)
    up_label: str = option("up-projection", max_length=TEXT_LENGTH)
    down_label: str = option("down-projection", max_length=TEXT_LENGTH)
    row_one: str = option("Entry 1 of W_up E", max_length=TEXT_LENGTH)
    entry_one: str = option("Entry 1 after adding the bias", max_length=TEXT_LENGTH)
    neuron_one: str = option("Neuron 1 after the activation", max_length=TEXT_LENGTH)
    shape: str = option("in {model}", max_length=TEXT_LENGTH)
    other_activation: str = option("The smoother GELU, used in GPT models", max_length=TEXT_LENGTH)
    network: str = option("The same step as dots and lines", max_length=TEXT_LENGTH)
    summary: str = option(
        "Two matrix products with biases, a clipping function between", max_length=TEXT_LENGTH
    )


@dataclass(frozen=True, kw_only=True)
class MLPWalkthroughConfig(ClipConfig):
    """Beats 2.1-2.10: how an MLP block could store "<first> <last> plays <attribute>"."""

    SCENE: ClassVar[str] = "scenes.clips.mlp_walkthrough:MLPWalkthrough"
    BEATS: ClassVar[tuple[str, ...]] = (
        "flow",
        "up_projection",
        "rows_as_questions",
        "bias",
        "activation",
        "neurons",
        "down_projection",
        "residual",
        "parallel",
        "summary",
    )

    fact: FactConfig = field(default_factory=FactConfig)
    probes: tuple[ProbeConfig, ...] = option(
        (
            ProbeConfig(first_name="Michael", last_name="Phelps"),
            ProbeConfig(first_name="Alexis", last_name="Jordan"),
        )
    )
    prompt: tuple[str, ...] = option(
        ("Michael", "Jordan", "plays", "the", "sport", "of"), max_length=30
    )
    toy: MLPToy = field(default_factory=MLPToy)
    display: MatrixDisplay = field(default_factory=MatrixDisplay)
    model: RealModel = field(default_factory=RealModel)
    activation: Literal["relu", "gelu"] = option("relu")
    convention: Literal["column", "row"] = option(
        "column", doc="column: W E (video); row: E^T W^T (code)"
    )
    text: MLPText = field(default_factory=MLPText)

    def named_features(self) -> tuple[str, ...]:
        """Every distinct named direction the toy space must hold."""
        names = [self.fact.first_name, self.fact.last_name, self.fact.attribute]
        for probe in self.probes:
            names += [probe.first_name, probe.last_name]
        names += list(self.prompt)
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
        traces = len(self.probes) + 1 + 2 * len(self.prompt)
        floats = 2 * m * h + 4 * k * m + 2 * k * k + traces * (4 * m + 3 * h)
        return floats * FLOAT_BYTES + SMALL_ARRAYS_BYTES

    def sizes_text(self) -> str:
        return f"d_model={short_repr(self.toy.d_model)}, d_mlp={short_repr(self.toy.d_mlp)}"

    def check(self, source: str) -> None:
        """The prompt holds the last name; the toy space has a dimension per named feature."""
        prompt, name = self.prompt, self.fact.last_name
        if not 2 <= len(prompt) <= 10 or name not in prompt:
            expected = f"a list of 2 to 10 tokens including the last name {name!r}"
            raise ConfigError(source, "prompt", expected, describe(list(prompt)))
        needed = len(self.named_features())
        if self.toy.d_model < needed:
            expected = f"an integer >= {needed} (one dimension per named feature and prompt word)"
            raise ConfigError(source, "toy.d_model", expected, describe(self.toy.d_model))
        if not self.probes:
            raise ConfigError(source, "probes", "at least one probe name", "an empty list")
        if len(self.probes) > MAX_PROBES:
            expected = f"at most {MAX_PROBES} probes (one table row each)"
            raise ConfigError(source, "probes", expected, f"{len(self.probes)} probes")
        super().check(source)
