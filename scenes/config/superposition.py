"""Config of the Superposition clip (beats 4.1-4.7: nearly perpendicular directions)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import ClassVar

from mathcore.experiment import ExperimentSpec
from mathcore.superposition import FINE_BINS, Objective
from scenes.config.common import TEXT_LENGTH, ClipConfig, FactConfig
from scenes.config.schema import ConfigError, describe, option


@dataclass(frozen=True, kw_only=True)
class ExperimentConfig:
    """The video's experiment: N random vectors in d dimensions, nudged for some steps."""

    vectors: int = option(10_000, low=2, high=200_000)
    dims: int = option(100, low=2, high=10_000)
    steps: int = option(250, low=1, high=100_000)


@dataclass(frozen=True, kw_only=True)
class HistogramConfig:
    """The angle histograms: the video's zoomed window, then the whole range."""

    zoom_low: float = option(80.0, low=0.0, high=180.0)
    zoom_high: float = option(100.0, low=0.0, high=180.0)
    zoom_bins: int = option(40, low=2, high=400)
    full_bins: int = option(90, low=2, high=400)


@dataclass(frozen=True, kw_only=True)
class CapacityConfig:
    """Johnson-Lindenstrauss: how many vectors fit with every |cos| <= epsilon."""

    epsilon: float = option(0.5, low=0.05, high=0.9)
    dims: tuple[int, ...] = option((2, 3, 4, 5, 6, 7, 8), low=2, high=12)
    big_dims: tuple[int, ...] = option((1_000, 12_288, 100_000), low=2, high=10**6)
    big_epsilon: float = option(0.1, low=0.01, high=0.9)


@dataclass(frozen=True, kw_only=True)
class ToyModelConfig:
    """Elhage et al.'s toy model: features squeezed into fewer dimensions."""

    features: int = option(5, low=2, high=12)
    dims: int = option(2, low=2, high=2, doc="2: the picture is a plane")
    sparsities: tuple[float, ...] = option((0.0, 0.5, 0.8, 0.9, 0.95), low=0.0, high=0.999)
    steps: int = option(3000, low=100, high=50_000)


@dataclass(frozen=True, kw_only=True)
class SuperpositionText:
    """Words on screen."""

    neurons: str = option("A neuron rarely stands for one clean feature", max_length=TEXT_LENGTH)
    feature: str = option("{first_name} {last_name}", max_length=TEXT_LENGTH)
    perpendicular: str = option(
        "In n dimensions, at most n directions are exactly perpendicular", max_length=TEXT_LENGTH
    )
    nearly: str = option(
        "Allowing a little slack adds almost no room in 2-D or 3-D", max_length=TEXT_LENGTH
    )
    experiment: str = option(
        "The video's experiment, in its 80-100 degree window", max_length=TEXT_LENGTH
    )
    reveal: str = option(
        "The whole range, log scale: many vectors collapsed onto one another",
        max_length=TEXT_LENGTH,
    )
    collapsed: str = option(
        "{share} of pairs lie within {degrees}° of 0° or 180°; the closest pair is"
        " {min_angle}° apart",
        max_length=TEXT_LENGTH,
    )
    pairs_axis: str = option("pairs per bin (log scale)", max_length=TEXT_LENGTH)
    honest: str = option("No arrangement beats the Welch bound", max_length=TEXT_LENGTH)
    capacity: str = option(
        "Room for nearly perpendicular directions grows exponentially", max_length=TEXT_LENGTH
    )
    superposition: str = option(
        "Features as combinations of neurons: superposition", max_length=TEXT_LENGTH
    )
    autoencoders: str = option("Sparse autoencoders pull such features out", max_length=TEXT_LENGTH)
    at_most: str = option("{n}-D: {n} perpendicular", max_length=TEXT_LENGTH)
    room: str = option(
        "Room for one more direction within 90° ± {tolerance}°", max_length=TEXT_LENGTH
    )
    next_to_axes: str = option("{n}-D, next to {n} axes", max_length=TEXT_LENGTH)
    next_to_one: str = option("{n}-D, next to 1 vector", max_length=TEXT_LENGTH)
    random_start: str = option("random start", max_length=TEXT_LENGTH)
    video_objective: str = option("video's objective", max_length=TEXT_LENGTH)
    coherence_objective: str = option("coherence objective", max_length=TEXT_LENGTH)
    welch: str = option("Welch bound", max_length=TEXT_LENGTH)
    columns: str = option("max |cos|   and   median nearest |cos|", max_length=TEXT_LENGTH)
    big_dims: str = option("with every |cos| ≤ {epsilon}:", max_length=TEXT_LENGTH)
    capacity_x: str = option("dimension d", max_length=TEXT_LENGTH)
    capacity_y: str = option(
        "vectors with every |cos| ≤ {epsilon}: measured (dots), guaranteed (line)",
        max_length=TEXT_LENGTH,
    )
    gaps: str = option("gaps between neighbouring features", max_length=TEXT_LENGTH)
    up_next: str = option("Up next: training", max_length=TEXT_LENGTH)
    up_next_topics: str = option(
        "backpropagation, the cost function, RLHF, scaling laws", max_length=TEXT_LENGTH
    )


@dataclass(frozen=True, kw_only=True)
class SuperpositionConfig(ClipConfig):
    """Beats 4.1-4.7: nearly perpendicular directions, told truthfully."""

    SCENE: ClassVar[str] = "scenes.clips.superposition:Superposition"
    BEATS: ClassVar[tuple[str, ...]] = (
        "neurons",
        "perpendicular",
        "nearly_perpendicular",
        "experiment",
        "capacity",
        "superposition",
        "up_next",
    )

    fact: FactConfig = field(default_factory=FactConfig)
    experiment: ExperimentConfig = field(default_factory=ExperimentConfig)
    tolerance_deg: float = option(1.0, low=0.1, high=20.0, doc="90 +/- this is 'nearly'")
    histogram: HistogramConfig = field(default_factory=HistogramConfig)
    capacity: CapacityConfig = field(default_factory=CapacityConfig)
    toy_model: ToyModelConfig = field(default_factory=ToyModelConfig)
    neurons: int = option(8, low=3, high=16, doc="neurons drawn in beat 1")
    text: SuperpositionText = field(default_factory=SuperpositionText)

    def spec(self, objective: Objective, steps: int | None = None) -> ExperimentSpec:
        """The experiment run for ``objective`` (``steps=0``: the random start)."""
        exp = self.experiment
        count = exp.steps if steps is None else steps
        return ExperimentSpec(exp.vectors, exp.dims, count, self.seed, objective)

    def check(self, source: str) -> None:
        """The zoom window is a window, its bins divide it, and the experiment's sizes fit."""
        hist = self.histogram
        if hist.zoom_high <= hist.zoom_low:
            expected = f"a number above histogram.zoom_low ({hist.zoom_low:g})"
            raise ConfigError(source, "histogram.zoom_high", expected, describe(hist.zoom_high))
        fine = 180.0 / FINE_BINS
        window = round((hist.zoom_high - hist.zoom_low) / fine)
        for key, bins, count in (
            ("zoom_bins", hist.zoom_bins, window),
            ("full_bins", hist.full_bins, FINE_BINS),
        ):
            if count % bins:
                expected = f"a divisor of {count} (the window in {fine:g}-degree steps)"
                raise ConfigError(source, f"histogram.{key}", expected, describe(bins))
        for objective in ("video", "coherence"):
            problem = self.spec(objective).problem()
            if problem is not None:
                key = f"experiment.{problem.key}" if problem.key != "seed" else "seed"
                raise ConfigError(source, key, problem.expected, problem.found)
        super().check(source)
