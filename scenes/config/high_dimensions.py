"""Config of the HighDimensions clip (beats 4.5-4.7: why high dimensions hold so much,
superposition in a toy model, sparse autoencoders, up next)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import ClassVar

from scenes.config.common import TEXT_LENGTH, ClipConfig
from scenes.config.models import PRESET_NAME, preset_path
from scenes.config.schema import ConfigError, describe, option

SHORT_TEXT = 40


@dataclass(frozen=True, kw_only=True)
class AnglesConfig:
    """Angles between random directions, one histogram per dimension."""

    dims: tuple[int, ...] = option((2, 3, 10, 100, 1_000, 12_288), low=2, high=10**6)
    samples: int = option(200_000, low=1_000, high=2_000_000, doc="random pairs per dimension")
    bins: int = option(45, low=3, high=181, doc="bins over 0-180 degrees; odd: 90 is a centre")
    share: float = option(0.95, low=0.5, high=0.999, doc="the share of pairs the readout bounds")


@dataclass(frozen=True, kw_only=True)
class CapacityConfig:
    """How many directions fit with every pair |cos| <= epsilon: measured and proven."""

    epsilon: float = option(0.2, low=0.05, high=0.5)
    dims: tuple[int, ...] = option((2, 10, 25, 50, 100, 150, 200), low=2, high=400)
    draws: int = option(50_000, low=100, high=200_000, doc="random directions tried per d")
    models: tuple[str, ...] = option(("gpt2-small", "gpt3-175b"), doc="presets placed on the plot")
    plot_dim: int = option(800, low=10, high=100_000, doc="right end of the plot's d axis")


@dataclass(frozen=True, kw_only=True)
class ToyModelConfig:
    """Elhage et al.'s toy model of superposition, and the SAE trained on its activations."""

    features: tuple[str, ...] = option(
        ("dog", "Paris", "red", "jazz", "math"), max_length=SHORT_TEXT, doc="feature names"
    )
    dims: int = option(2, low=2, high=2, doc="2: the picture is a plane")
    sparsities: tuple[float, ...] = option((0.0, 0.7, 0.9), low=0.0, high=0.999)
    importance_decay: float = option(0.9, low=0.5, high=1.0, doc="importance of feature i: r^i")
    steps: int = option(3000, low=100, high=20_000)
    sae_samples: int = option(20_000, low=1_000, high=200_000)
    sae_steps: int = option(1500, low=100, high=20_000)
    sae_l1: float = option(0.6, low=0.0, high=10.0, doc="weight of the sparsity penalty")


@dataclass(frozen=True, kw_only=True)
class HighDimensionsText:
    """Words on screen. Placeholders: {n} a dimension or count, {epsilon}, {degrees},
    {share}, {model}."""

    angles_title: str = option("Angles between random directions", max_length=TEXT_LENGTH)
    dim_label: str = option("d = {n}", max_length=TEXT_LENGTH)
    spread: str = option("{share} of pairs lie within 90° ± {degrees}°", max_length=TEXT_LENGTH)
    angles_axis: str = option("share of pairs per bin", max_length=TEXT_LENGTH)
    angles_x: str = option("angle between the two directions (degrees)", max_length=TEXT_LENGTH)
    capacity_title: str = option(
        "Directions with every pair |cos| ≤ {epsilon}, i.e. 90° ± {degrees}°",
        max_length=TEXT_LENGTH,
    )
    capacity_x: str = option("dimension d", max_length=TEXT_LENGTH)
    capacity_y: str = option("how many fit (log scale)", max_length=TEXT_LENGTH)
    perpendicular: str = option("d exactly perpendicular", max_length=TEXT_LENGTH)
    measured: str = option("found by random search", max_length=TEXT_LENGTH)
    bound: str = option("proven to exist", max_length=TEXT_LENGTH)
    extrapolated: str = option("proven bound, extrapolated", max_length=TEXT_LENGTH)
    loose: str = option(
        "The proof is loose: below d until d = {n}, and far below what the search finds",
        max_length=TEXT_LENGTH,
    )
    model_mark: str = option("{model}: d = {n}", max_length=TEXT_LENGTH)
    table_header: str = option("d   perpendicular   found   proven", max_length=TEXT_LENGTH)
    toy_title: str = option("{n} features squeezed into 2 neurons", max_length=TEXT_LENGTH)
    neuron_x: str = option("neuron 1", max_length=SHORT_TEXT)
    neuron_y: str = option("neuron 2", max_length=SHORT_TEXT)
    kept: str = option("features kept: {n} of {share}", max_length=TEXT_LENGTH)
    sparsity: str = option("S = chance that a feature is 0 in an input", max_length=TEXT_LENGTH)
    superposition: str = option("superposition", max_length=TEXT_LENGTH)
    sae_title: str = option("A sparse autoencoder reads the neurons", max_length=TEXT_LENGTH)
    sae_cosines: str = option("cos(learned, true)", max_length=TEXT_LENGTH)
    sae_name: str = option("sparse autoencoders", max_length=TEXT_LENGTH)
    up_next: str = option("Up next: training", max_length=TEXT_LENGTH)


@dataclass(frozen=True, kw_only=True)
class HighDimensionsConfig(ClipConfig):
    """Why high dimensions hold so much, superposition, sparse autoencoders, up next."""

    SCENE: ClassVar[str] = "scenes.clips.high_dimensions:HighDimensions"
    LAYOUTS: ClassVar[tuple[str, ...]] = ("16:9", "9:16", "1:1")
    BEATS: ClassVar[tuple[str, ...]] = (
        "angles",
        "capacity",
        "toy_model",
        "autoencoder",
        "up_next",
    )

    angles: AnglesConfig = field(default_factory=AnglesConfig)
    capacity: CapacityConfig = field(default_factory=CapacityConfig)
    toy_model: ToyModelConfig = field(default_factory=ToyModelConfig)
    up_next_topics: tuple[str, ...] = option(
        ("backpropagation", "the cost function", "RLHF", "scaling laws"),
        max_length=SHORT_TEXT,
        doc="the next chapter's topics, one line each",
    )
    text: HighDimensionsText = field(default_factory=HighDimensionsText)

    def check(self, source: str) -> None:
        """Odd bin counts, increasing dimensions, known presets, one name per feature."""
        if self.angles.bins % 2 == 0:
            raise ConfigError(
                source,
                "angles.bins",
                "an odd number (90 degrees at a bin's centre)",
                describe(self.angles.bins),
            )
        for key, dims in (("angles.dims", self.angles.dims), ("capacity.dims", self.capacity.dims)):
            if not dims or list(dims) != sorted(set(dims)):
                raise ConfigError(source, key, "increasing dimensions", describe(list(dims)))
        cap = self.capacity
        if cap.plot_dim <= max(cap.dims):
            expected = f"a dimension above the largest measured one ({max(cap.dims)})"
            raise ConfigError(source, "capacity.plot_dim", expected, describe(cap.plot_dim))
        for index, name in enumerate(cap.models):
            if not PRESET_NAME.fullmatch(name):
                raise ConfigError(source, f"capacity.models[{index}]", "a preset", describe(name))
            preset_path(name, source, f"capacity.models[{index}]")
        toy = self.toy_model
        if len(toy.features) < toy.dims + 1:
            expected = f"more features than dimensions ({toy.dims})"
            raise ConfigError(source, "toy_model.features", expected, describe(list(toy.features)))
        if len(toy.features) > 8:
            expected = "at most 8 feature names"
            raise ConfigError(source, "toy_model.features", expected, describe(list(toy.features)))
        if not 1 <= len(self.up_next_topics) <= 6:
            found = describe(list(self.up_next_topics))
            raise ConfigError(source, "up_next_topics", "1 to 6 topics", found)
        if not toy.sparsities:
            raise ConfigError(source, "toy_model.sparsities", "at least one", "an empty list")
        super().check(source)
