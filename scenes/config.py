"""Clip configs: one YAML file per clip, parsed once into frozen dataclasses.

No manim import here, so ``llmfacts check`` and ``llmfacts list`` answer quickly. A file names
its scene under ``scene:``; the matching dataclass below says which keys it may hold, their
types, ranges and defaults. Each dataclass's ``BEATS`` is the clip's script: the beat names in
their default order, each a method of the scene.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, ClassVar, Literal

import mathcore
from scenes import style
from scenes.schema import ConfigError, describe, option, parse, read_yaml

# Toy arrays are small; refuse any size whose arrays would not fit comfortably in memory.
MEMORY_LIMIT_BYTES = 2 * 1024**3
FLOAT_BYTES = 8
TEXT_LENGTH = 120
# Direction symbols go into LaTeX, so they are plain letters.
SYMBOL = (r"[A-Za-z]{1,3}", "1 to 3 plain letters (used in LaTeX)")


@dataclass(frozen=True, kw_only=True)
class FactConfig:
    """The fact the clip tells: "<first_name> <last_name> plays <attribute>"."""

    first_name: str = option("Michael", max_length=30, doc="first name feature")
    last_name: str = option("Jordan", max_length=30, doc="last name feature")
    attribute: str = option("basketball", max_length=30, doc="the fact's attribute")
    first_symbol: str = option("M", pattern=SYMBOL, doc="letter for the first-name direction")
    last_symbol: str = option("J", pattern=SYMBOL, doc="letter for the last-name direction")
    attribute_symbol: str = option("B", pattern=SYMBOL, doc="letter for the attribute direction")


@dataclass(frozen=True, kw_only=True)
class ColourConfig:
    """Colours of the named features and of the text, as '#RRGGBB'."""

    first_name: str = option(style.FIRST_NAME, colour=True)
    last_name: str = option(style.LAST_NAME, colour=True)
    attribute: str = option(style.ATTRIBUTE, colour=True)
    combined: str = option(style.COMBINED, colour=True)
    text: str = option(style.TEXT, colour=True)
    background: str = option(style.BACKGROUND, colour=True)


@dataclass(frozen=True, kw_only=True)
class ClipConfig:
    """Keys every clip has. Subclasses add their own sections and their ``BEATS``."""

    BEATS: ClassVar[tuple[str, ...]] = ()

    scene: str = option(doc="the scene class this file renders")
    description: str = option("", max_length=200, doc="one line for `llmfacts list`")
    seed: int = option(0, low=0, high=2**32 - 1, doc="seed for every random draw")
    beats: tuple[str, ...] | None = option(None, doc="beats to render, in order (default all)")
    pacing: float = option(1.0, low=0.1, high=10.0, doc="multiplies every run time")
    colours: ColourConfig = field(default_factory=ColourConfig)

    @property
    def beat_order(self) -> tuple[str, ...]:
        """The beats this clip renders: the config's list, or every beat in script order."""
        return self.beats if self.beats is not None else self.BEATS

    def memory_bytes(self) -> int:
        """Bytes the clip's arrays need; checked against MEMORY_LIMIT_BYTES before allocating."""
        return 0

    def sizes_text(self) -> str:
        """The sizes that memory_bytes depends on, for the error message."""
        return ""


@dataclass(frozen=True, kw_only=True)
class ToyDirectionsSpace:
    """The toy embedding space the three feature directions live in."""

    d_model: int = option(3, low=3, doc="dimension of the embedding space")
    tilt: float = option(0.08, low=0.0, high=0.5, doc="how far from exactly perpendicular")


@dataclass(frozen=True, kw_only=True)
class ToyDirectionsText:
    """Words on screen; {first_name}, {last_name} and {attribute} are filled in from the fact."""

    title: str = option("The toy assumptions", max_length=60)
    first_name_label: str = option("first name {first_name}", max_length=60)
    last_name_label: str = option("last name {last_name}", max_length=60)
    attribute_label: str = option("{attribute}", max_length=60)
    encoding_label: str = option("{first_name} {last_name}", max_length=70)
    angles_heading: str = option("Nearly perpendicular", max_length=60)
    encoding_note: str = option(
        "An earlier attention block moved {first_name} into the {last_name} token",
        max_length=120,
    )


@dataclass(frozen=True, kw_only=True)
class ToyDirectionsConfig(ClipConfig):
    """Beat 1.7: three nearly perpendicular feature directions and a vector encoding a name."""

    BEATS: ClassVar[tuple[str, ...]] = ("directions", "angles", "encoding")

    fact: FactConfig = field(default_factory=FactConfig)
    toy: ToyDirectionsSpace = field(default_factory=ToyDirectionsSpace)
    text: ToyDirectionsText = field(default_factory=ToyDirectionsText)

    def memory_bytes(self) -> int:
        # Directions (3 × d), their QR workspace and the encoded vector: a few d-vectors.
        return 8 * self.toy.d_model * FLOAT_BYTES

    def sizes_text(self) -> str:
        return f"d_model={self.toy.d_model}"


@dataclass(frozen=True, kw_only=True)
class ProbeConfig:
    """Another name fed to the block, to show what only half of the full name does."""

    first_name: str = option(max_length=30)
    last_name: str = option(max_length=30)


@dataclass(frozen=True, kw_only=True)
class MLPToy:
    """The toy block's sizes: small enough to show, big enough to hold every named feature."""

    d_model: int = option(12, low=3, doc="toy embedding width (>= number of named features)")
    d_mlp: int = option(16, low=2, doc="toy number of neurons")
    tilt: float = option(0.08, low=0.0, high=0.5, doc="how far from exactly perpendicular")
    noise: float = option(0.1, low=0.0, high=1.0, doc="scale of the other rows' weights")


@dataclass(frozen=True, kw_only=True)
class MatrixDisplay:
    """How much of each array is drawn; the rest is ellipses."""

    rows: int = option(6, low=3, high=10, doc="matrix rows shown")
    columns: int = option(6, low=3, high=10, doc="matrix columns shown")
    decimals: int = option(1, low=0, high=3, doc="digits after the point")
    tokens: int = option(6, low=2, high=8, doc="tokens shown side by side")


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
        # W_up and W_down plus a few traces of d_mlp and d_model floats.
        toy = self.toy
        return (2 * toy.d_model * toy.d_mlp + 16 * (toy.d_model + toy.d_mlp)) * FLOAT_BYTES

    def sizes_text(self) -> str:
        return f"d_model={self.toy.d_model}, d_mlp={self.toy.d_mlp}"


PRESET_DIR = Path(__file__).resolve().parents[1] / "configs" / "models"


@dataclass(frozen=True, kw_only=True)
class ModelShapeConfig:
    """A model's shape, as under ``model:`` in a preset (see mathcore.params for the math)."""

    name: str = option(max_length=40)
    vocab_size: int = option(low=1, high=10**8)
    context_length: int = option(low=1, high=10**8)
    d_model: int = option(low=1, high=10**6)
    n_layers: int = option(low=1, high=10**4)
    n_heads: int = option(low=1, high=10**4)
    n_kv_heads: int | None = option(None, low=1, high=10**4, doc="[n_heads]")
    d_mlp: int | None = option(None, low=1, high=10**7, doc="[4 * d_model]")
    mlp: Literal["plain", "gated"] = option()
    n_experts: int = option(1, low=1, high=1024)
    experts_per_token: int = option(1, low=1, high=1024)
    biases: bool = option()
    norm: Literal["layernorm", "rmsnorm", "none"] = option()
    positional: Literal["learned", "rotary", "none"] = option()
    tied_embeddings: bool = option()

    def to_shape(self) -> mathcore.ModelShape:
        """The pure-math shape, defaults filled in."""
        return mathcore.ModelShape(
            name=self.name,
            vocab_size=self.vocab_size,
            context_length=self.context_length,
            d_model=self.d_model,
            n_layers=self.n_layers,
            n_heads=self.n_heads,
            n_kv_heads=self.n_kv_heads if self.n_kv_heads is not None else self.n_heads,
            d_mlp=self.d_mlp if self.d_mlp is not None else 4 * self.d_model,
            mlp=self.mlp,
            n_experts=self.n_experts,
            experts_per_token=self.experts_per_token,
            biases=self.biases,
            norm=self.norm,
            positional=self.positional,
            tied_embeddings=self.tied_embeddings,
        )


def presets() -> list[str]:
    """Names of the model presets (their files' stems)."""
    return sorted(p.stem for p in PRESET_DIR.glob("*.yaml"))


def load_model(file_or_preset: str | Path) -> ModelShapeConfig:
    """The ``model:`` mapping of a YAML file, or of the preset with that name."""
    path = Path(file_or_preset)
    if not path.exists() and (PRESET_DIR / f"{file_or_preset}.yaml").is_file():
        path = PRESET_DIR / f"{file_or_preset}.yaml"
    elif not path.exists():
        expected = "a YAML file or a preset (" + ", ".join(presets()) + ")"
        raise ConfigError(str(file_or_preset), "(file)", expected, "no such file or preset")
    source = str(path)
    raw = read_yaml(path, source)
    if not isinstance(raw, dict) or "model" not in raw:
        found = "an empty file" if raw is None else describe(raw)
        raise ConfigError(source, "(top level)", "a mapping with a 'model' key", found)
    return parse_model(raw["model"], source)


def parse_model(data: object, source: str) -> ModelShapeConfig:
    """Parse and cross-check a ``model:`` mapping."""
    model = parse(ModelShapeConfig, data, source, "model")
    check_model(model, source)
    return model


def check_model(model: ModelShapeConfig, source: str) -> None:
    """Refuse a shape whose sizes do not fit together (heads not dividing d_model, ...)."""
    problems = mathcore.shape_problems(model.to_shape())
    if problems:
        key, expected, found = problems[0]
        raise ConfigError(source, f"model.{key}", expected, describe(found))


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

    BEATS: ClassVar[tuple[str, ...]] = ("mlp_block", "layers", "tally")

    model: ModelShapeConfig = field(default_factory=lambda: load_model("gpt3-175b"))
    convention: Literal["matrices", "full"] = option("matrices")
    text: ParameterText = field(default_factory=ParameterText)


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


@dataclass(frozen=True, kw_only=True)
class WordConfig:
    """A toy word: the sum of its named features (plus a little seeded noise)."""

    word: str = option(max_length=30)
    features: tuple[str, ...] = option(max_length=30)


@dataclass(frozen=True, kw_only=True)
class AnalogyConfig:
    """E(a) − E(b) + E(c) should land near E(expected)."""

    a: str = option("woman", max_length=30)
    b: str = option("man", max_length=30)
    c: str = option("uncle", max_length=30)
    words: tuple[WordConfig, ...] = option(
        (
            WordConfig(word="man", features=("male",)),
            WordConfig(word="woman", features=("female",)),
            WordConfig(word="uncle", features=("male", "parent's sibling")),
            WordConfig(word="aunt", features=("female", "parent's sibling")),
            WordConfig(word="king", features=("male", "royal")),
            WordConfig(word="queen", features=("female", "royal")),
        )
    )
    noise: float = option(0.15, low=0.0, high=1.0)


@dataclass(frozen=True, kw_only=True)
class RefresherText:
    """Words on screen; {model} is the real model's name."""

    prediction: str = option("The model predicts what comes next", max_length=TEXT_LENGTH)
    tokens: str = option(
        "Each token gets a column of numbers: its embedding", max_length=TEXT_LENGTH
    )
    attention: str = option("Attention", max_length=30)
    mlp: str = option("MLP", max_length=30)
    blocks: str = option(
        "Attention lets vectors talk; each MLP works on one vector; a normalisation between",
        max_length=TEXT_LENGTH,
    )
    repeat: str = option("repeated {n} times in {model}", max_length=TEXT_LENGTH)
    last_vector: str = option("The last vector becomes the prediction", max_length=TEXT_LENGTH)
    directions: str = option("Directions carry meaning", max_length=TEXT_LENGTH)
    nearest: str = option("nearest word", max_length=TEXT_LENGTH)
    knowledge: str = option(
        "Context from attention, knowledge from the MLPs, which hold most parameters",
        max_length=TEXT_LENGTH,
    )
    mlp_share: str = option("MLP share of {model}'s parameters", max_length=TEXT_LENGTH)


@dataclass(frozen=True, kw_only=True)
class TransformerRefresherConfig(ClipConfig):
    """Beats 1.1-1.6: a transformer, from prompt to prediction, and meaningful directions."""

    BEATS: ClassVar[tuple[str, ...]] = (
        "prediction",
        "tokens",
        "blocks",
        "last_vector",
        "directions",
        "context_knowledge",
    )

    fact: FactConfig = field(default_factory=FactConfig)
    prompt: tuple[str, ...] = option(
        ("Michael", "Jordan", "plays", "the", "sport", "of"), max_length=30
    )
    candidates: tuple[str, ...] = option(
        ("basketball", "baseball", "football", "golf", "tennis"), max_length=30
    )
    sharpness: float = option(4.0, low=0.0, high=50.0, doc="scale of the toy logits")
    temperature: float = option(1.0, low=0.05, high=20.0)
    d_model: int = option(16, low=3, high=4096, doc="toy embedding width")
    tilt: float = option(0.1, low=0.0, high=0.5)
    display: MatrixDisplay = field(default_factory=MatrixDisplay)
    analogy: AnalogyConfig = field(default_factory=AnalogyConfig)
    model: str = option("gpt3-175b", max_length=60, doc="a preset from configs/models/")
    text: RefresherText = field(default_factory=RefresherText)


SCENE_CONFIGS: dict[str, type[ClipConfig]] = {
    "ToyDirections": ToyDirectionsConfig,
    "MLPWalkthrough": MLPWalkthroughConfig,
    "ParameterCount": ParameterCountConfig,
    "Superposition": SuperpositionConfig,
    "TransformerRefresher": TransformerRefresherConfig,
}


def load_clip(path: str | Path) -> ClipConfig:
    """Read, validate and parse one clip file; raise ConfigError naming what is wrong."""
    source = str(path)
    raw = read_yaml(Path(path), source)
    if not isinstance(raw, dict):
        found = "an empty file" if raw is None else describe(raw)
        raise ConfigError(source, "(top level)", "a mapping with a 'scene' key", found)
    scene = raw.get("scene")
    if scene not in SCENE_CONFIGS:
        expected = "one of " + ", ".join(SCENE_CONFIGS) + _did_you_mean(scene, SCENE_CONFIGS)
        raise ConfigError(source, "scene", expected, describe(scene))
    if scene == "ParameterCount" and isinstance(raw.get("model"), str):
        # `model: gpt3-175b` names a preset: read it (errors then name the preset's file).
        raw = {**raw, "model": load_model(_preset_path(raw["model"], source))}
    clip = parse(SCENE_CONFIGS[scene], raw, source)
    if isinstance(clip, ParameterCountConfig):
        check_model(clip.model, source)
    if isinstance(clip, SuperpositionConfig):
        _check_superposition(clip, source)
    if isinstance(clip, TransformerRefresherConfig):
        _check_refresher(clip, source)
    _check_beats(clip, source)
    _check_text_templates(raw, source)
    _check_memory(clip, source)
    if isinstance(clip, MLPWalkthroughConfig):
        _check_mlp(clip, source)
    return clip


def _preset_path(name: str, source: str) -> Path:
    path = PRESET_DIR / f"{name}.yaml"
    if not path.is_file():
        expected = (
            "a preset (" + ", ".join(presets()) + ") or a mapping" + _did_you_mean(name, presets())
        )
        raise ConfigError(source, "model", expected, describe(name))
    return path


def _did_you_mean(word: object, choices: Any) -> str:
    close = difflib.get_close_matches(str(word), list(choices), n=1)
    return f" (did you mean '{close[0]}'?)" if close else ""


def _check_beats(clip: ClipConfig, source: str) -> None:
    if clip.beats is None:
        return
    if not clip.beats:
        raise ConfigError(source, "beats", "at least one beat name", "an empty list")
    for index, name in enumerate(clip.beats):
        if name not in clip.BEATS:
            expected = "one of " + ", ".join(clip.BEATS) + _did_you_mean(name, clip.BEATS)
            raise ConfigError(source, f"beats[{index}]", expected, describe(name))
    if len(set(clip.beats)) != len(clip.beats):
        raise ConfigError(source, "beats", "each beat at most once", describe(list(clip.beats)))


PLACEHOLDERS = (
    "first_name",
    "last_name",
    "attribute",
    "model",
    "n",
    "tolerance",
    "epsilon",
    "share",
    "degrees",
    "min_angle",
)


def _check_text_templates(raw: dict[str, Any], source: str) -> None:
    """Text templates may only use the fact's placeholders; refuse a typo before rendering."""
    texts = raw.get("text") or {}
    sample = dict.fromkeys(PLACEHOLDERS, "x")
    for key, template in texts.items():
        try:
            template.format(**sample)
        except (KeyError, IndexError, ValueError):
            expected = "text whose {placeholders} are " + ", ".join(PLACEHOLDERS)
            raise ConfigError(source, f"text.{key}", expected, describe(template)) from None


def _check_refresher(clip: TransformerRefresherConfig, source: str) -> None:
    """Cross-key rules: the fact's attribute is a candidate, the analogy's words exist."""
    if clip.fact.attribute not in clip.candidates:
        expected = f"a list including the fact's attribute {clip.fact.attribute!r}"
        raise ConfigError(source, "candidates", expected, describe(list(clip.candidates)))
    if not 2 <= len(clip.prompt) <= 10:
        raise ConfigError(source, "prompt", "a list of 2 to 10 tokens", describe(list(clip.prompt)))
    words = [w.word for w in clip.analogy.words]
    for key in ("a", "b", "c"):
        word = getattr(clip.analogy, key)
        if word not in words:
            expected = "one of the analogy's words (" + ", ".join(words) + ")"
            raise ConfigError(source, f"analogy.{key}", expected, describe(word))
    features = {f for w in clip.analogy.words for f in w.features}
    if len(features) > clip.d_model or len(clip.candidates) > clip.d_model:
        expected = f"an integer >= {max(len(features), len(clip.candidates))} (one per feature)"
        raise ConfigError(source, "d_model", expected, describe(clip.d_model))
    _preset_path(clip.model, source)


def _check_superposition(clip: SuperpositionConfig, source: str) -> None:
    """Window and sizes the per-key ranges cannot check alone."""
    from scenes.experiment import FINE_BINS, ExperimentSpec, SizeError

    hist = clip.histogram
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
    exp = clip.experiment
    for objective in ("video", "coherence"):
        try:
            ExperimentSpec(exp.vectors, exp.dims, exp.steps, clip.seed, objective).check()
        except SizeError as error:
            raise ConfigError(source, "experiment", error.expected, error.found) from None


def _check_mlp(clip: MLPWalkthroughConfig, source: str) -> None:
    """Cross-key rules the per-key types cannot say."""
    prompt = clip.prompt
    name = clip.fact.last_name
    if not 2 <= len(prompt) <= 10 or name not in prompt:
        expected = f"a list of 2 to 10 tokens including the last name {name!r}"
        raise ConfigError(source, "prompt", expected, describe(list(prompt)))
    needed = len(clip.named_features())
    if clip.toy.d_model < needed:
        expected = f"an integer >= {needed} (one dimension per named feature and prompt word)"
        raise ConfigError(source, "toy.d_model", expected, describe(clip.toy.d_model))
    if not clip.probes:
        raise ConfigError(source, "probes", "at least one probe name", "an empty list")


def _check_memory(clip: ClipConfig, source: str) -> None:
    needed = clip.memory_bytes()
    if needed > MEMORY_LIMIT_BYTES:
        expected = f"sizes needing at most {_human_bytes(MEMORY_LIMIT_BYTES)} of memory"
        found = f"{clip.sizes_text()}, which needs {_human_bytes(needed)}"
        raise ConfigError(source, "toy", expected, found)


def _human_bytes(count: float) -> str:
    for unit in ("B", "KiB", "MiB", "GiB", "TiB"):
        if count < 1024 or unit == "TiB":
            return f"{count:.1f} {unit}"
        count /= 1024
    raise AssertionError("unreachable")


def fill(template: str, fact: FactConfig | None = None, **values: object) -> str:
    """A text template with the fact's names and ``values`` filled in.

    Every placeholder the config check allows is defined (as "" when this clip has no value
    for it), and every value is text, as in the check: a template that passed the check
    cannot fail here.
    """
    names = dict.fromkeys(PLACEHOLDERS, "")
    if fact is not None:
        names.update(first_name=fact.first_name, last_name=fact.last_name, attribute=fact.attribute)
    names.update({key: str(value) for key, value in values.items()})
    return template.format_map(names)
