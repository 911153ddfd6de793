"""Config of the Superposition clip (beats 4.1-4.4: polysemantic neurons, perpendicular and
nearly perpendicular directions, and the video's experiment told truthfully)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import ClassVar

from mathcore.experiment import ExperimentSpec
from mathcore.superposition import FINE_BINS, Objective
from scenes.config.common import TEXT_LENGTH, ClipConfig, FactConfig
from scenes.config.schema import ConfigError, describe, option

FEATURE_LENGTH = 40


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
class NeuronsConfig:
    """Beat 1: features against neurons. The first ``neurons`` features get a neuron each
    in the clean picture; in the realistic one all the features share the neurons."""

    count: int = option(5, low=2, high=8, doc="neurons drawn")
    features: tuple[str, ...] = option(
        (
            "{first_name} {last_name}",
            "{attribute}",
            "Chicago",
            "the colour red",
            "French text",
            "Python code",
            "rhymes",
        ),
        max_length=FEATURE_LENGTH,
        doc="feature names (templates), more than the neurons",
    )
    threshold: float = option(0.5, low=0.05, high=1.0, doc="a neuron 'takes part' above this")


@dataclass(frozen=True, kw_only=True)
class CrammingConfig:
    """Beat 3: more unit vectors than dimensions crammed into 3-D by mathcore.cramming."""

    vectors: int = option(8, low=4, high=14)
    steps: int = option(240, low=20, high=2000)
    tries: int = option(4, low=1, high=10, doc="seeded starts; the best run is shown")


@dataclass(frozen=True, kw_only=True)
class SuperpositionText:
    """Words on screen."""

    clean: str = option("The hope: one neuron per feature", max_length=TEXT_LENGTH)
    realistic: str = option(
        "What is found: each feature is a pattern across many neurons", max_length=TEXT_LENGTH
    )
    polysemantic: str = option("and one neuron takes part in many features", max_length=TEXT_LENGTH)
    features_label: str = option("features", max_length=TEXT_LENGTH)
    neurons_label: str = option("neurons", max_length=TEXT_LENGTH)
    at_most: str = option("{n}-D: at most {n} perpendicular", max_length=TEXT_LENGTH)
    third: str = option("a third direction, angle to each axis", max_length=TEXT_LENGTH)
    general: str = option("n dimensions: at most n perpendicular", max_length=TEXT_LENGTH)
    tolerance: str = option("nearly perpendicular: 90° ± {tolerance}°", max_length=TEXT_LENGTH)
    no_third: str = option(
        "A third direction would have to sit in both pairs of wedges: they never meet",
        max_length=TEXT_LENGTH,
    )
    fourth: str = option("a fourth direction, angle to each axis", max_length=TEXT_LENGTH)
    fourth_best: str = option(
        "at best {degrees}° off perpendicular: far outside ± {tolerance}°",
        max_length=TEXT_LENGTH,
    )
    cramming: str = option("{n} directions crammed into 3-D", max_length=TEXT_LENGTH)
    worst_pair: str = option("pair furthest from 90°", max_length=TEXT_LENGTH)
    off_axis: str = option("off 90°", max_length=TEXT_LENGTH)
    cramming_result: str = option(
        "More than 3 fit, but one pair stays {degrees}° off perpendicular",
        max_length=TEXT_LENGTH,
    )
    vectors_brace: str = option("{n} vectors", max_length=TEXT_LENGTH)
    dims_brace: str = option("{n} dimensions", max_length=TEXT_LENGTH)
    pairs: str = option("{n} pairs", max_length=TEXT_LENGTH)
    start: str = option("random start: angles between all pairs", max_length=TEXT_LENGTH)
    angle_axis: str = option("angle between a pair", max_length=TEXT_LENGTH)
    count_axis: str = option("pairs per bin", max_length=TEXT_LENGTH)
    loss: str = option("the video's loss, step by step", max_length=TEXT_LENGTH)
    step_axis: str = option("step", max_length=TEXT_LENGTH)
    zoom: str = option("After {n} steps, the video's window", max_length=TEXT_LENGTH)
    pairs_axis: str = option("pairs per bin (log scale)", max_length=TEXT_LENGTH)
    welch_mark: str = option("Welch bound", max_length=TEXT_LENGTH)
    pair_angle: str = option("one pair, one angle", max_length=TEXT_LENGTH)
    collapsed: str = option(
        "{share} of pairs lie within {degrees}° of 0° or 180°; the closest pair is"
        " {min_angle}° apart",
        max_length=TEXT_LENGTH,
    )
    coherence: str = option(
        "The coherence optimiser pushes down the largest overlaps and keeps every vector"
        " at length 1",
        max_length=TEXT_LENGTH,
    )
    against_welch: str = option(
        "With it every pair stays within 90° ± {degrees}°; by the Welch bound no arrangement"
        " can do better than 90° ± {tolerance}°",
        max_length=TEXT_LENGTH,
    )
    random_start: str = option("random start", max_length=TEXT_LENGTH)
    video_objective: str = option("video's objective", max_length=TEXT_LENGTH)
    coherence_objective: str = option("coherence optimiser", max_length=TEXT_LENGTH)
    welch: str = option("Welch bound", max_length=TEXT_LENGTH)
    worst_column: str = option("every pair within 90° ±", max_length=TEXT_LENGTH)


@dataclass(frozen=True, kw_only=True)
class SuperpositionConfig(ClipConfig):
    """Beats 4.1-4.4: polysemantic neurons, nearly perpendicular, the experiment corrected."""

    SCENE: ClassVar[str] = "scenes.clips.superposition:Superposition"
    LAYOUTS: ClassVar[tuple[str, ...]] = ("16:9", "9:16", "1:1")
    BEATS: ClassVar[tuple[str, ...]] = (
        "neurons",
        "perpendicular",
        "nearly_perpendicular",
        "cramming",
        "experiment",
        "optimisation",
        "reveal",
    )

    fact: FactConfig = field(default_factory=FactConfig)
    experiment: ExperimentConfig = field(default_factory=ExperimentConfig)
    tolerance_deg: float = option(1.0, low=0.1, high=20.0, doc="90 +/- this is 'nearly'")
    histogram: HistogramConfig = field(default_factory=HistogramConfig)
    neurons: NeuronsConfig = field(default_factory=NeuronsConfig)
    cramming: CrammingConfig = field(default_factory=CrammingConfig)
    text: SuperpositionText = field(default_factory=SuperpositionText)

    def spec(self, objective: Objective, steps: int | None = None) -> ExperimentSpec:
        """The experiment run for ``objective`` (``steps=0``: the random start)."""
        exp = self.experiment
        count = exp.steps if steps is None else steps
        return ExperimentSpec(exp.vectors, exp.dims, count, self.seed, objective)

    def templates(self) -> Iterator[tuple[str, str]]:
        """The text section, the narration and the feature names."""
        yield from super().templates()
        for index, name in enumerate(self.neurons.features):
            yield f"neurons.features[{index}]", name

    def check(self, source: str) -> None:
        """The zoom window is a window, its bins divide it, there are more features than
        neurons, and the experiment's sizes fit."""
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
        neurons = self.neurons
        if not neurons.count < len(neurons.features) <= 2 * neurons.count:
            expected = (
                f"from {neurons.count + 1} to {2 * neurons.count} names (more than neurons.count)"
            )
            raise ConfigError(
                source, "neurons.features", expected, f"{len(neurons.features)} names"
            )
        for objective in ("video", "coherence"):
            problem = self.spec(objective).problem()
            if problem is not None:
                key = f"experiment.{problem.key}" if problem.key != "seed" else "seed"
                raise ConfigError(source, key, problem.expected, problem.found)
        super().check(source)
