"""Config of the TransformerRefresher clip (beats 1.1-1.6: prompt to prediction)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import ClassVar

from scenes.config.common import FLOAT_BYTES, TEXT_LENGTH, ClipConfig, FactConfig, MatrixDisplay
from scenes.config.models import preset_path
from scenes.config.schema import ConfigError, describe, option

MAX_CANDIDATES = 10  # next-token bars shown
MAX_WORDS = 12  # words of the analogy's toy vocabulary
MAX_FEATURES = 4  # features summed into one toy word


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

    SCENE: ClassVar[str] = "scenes.clips.transformer_refresher:TransformerRefresher"
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

    def memory_bytes(self) -> int:
        """The toy spaces: one d_model-vector per named direction (candidates, prompt words,
        analogy features) and per analogy word, with room for the QR factorisation that makes
        them perpendicular: about 2.6 vectors each measured, 4 counted."""
        names = len(set(self.candidates) | set(self.prompt))
        features = len({f for w in self.analogy.words for f in w.features})
        vectors = names + features + len(self.analogy.words)
        return 4 * vectors * self.d_model * FLOAT_BYTES

    def sizes_text(self) -> str:
        return f"d_model={self.d_model}"

    def check(self, source: str) -> None:
        """The fact's attribute is a candidate, the analogy's words exist, d_model holds every
        feature, and the model preset exists."""
        if self.fact.attribute not in self.candidates:
            expected = f"a list including the fact's attribute {self.fact.attribute!r}"
            raise ConfigError(source, "candidates", expected, describe(list(self.candidates)))
        if not 2 <= len(self.candidates) <= MAX_CANDIDATES:
            expected = f"a list of 2 to {MAX_CANDIDATES} words"
            raise ConfigError(source, "candidates", expected, describe(list(self.candidates)))
        if not 3 <= len(self.analogy.words) <= MAX_WORDS:
            expected = f"a list of 3 to {MAX_WORDS} words"
            raise ConfigError(source, "analogy.words", expected, f"{len(self.analogy.words)} words")
        for index, word in enumerate(self.analogy.words):
            if not 1 <= len(word.features) <= MAX_FEATURES:
                expected = f"a list of 1 to {MAX_FEATURES} features"
                found = describe(list(word.features))
                raise ConfigError(source, f"analogy.words[{index}].features", expected, found)
        if not 2 <= len(self.prompt) <= 10:
            found = describe(list(self.prompt))
            raise ConfigError(source, "prompt", "a list of 2 to 10 tokens", found)
        words = [w.word for w in self.analogy.words]
        for key in ("a", "b", "c"):
            word = getattr(self.analogy, key)
            if word not in words:
                expected = "one of the analogy's words (" + ", ".join(words) + ")"
                raise ConfigError(source, f"analogy.{key}", expected, describe(word))
        features = {f for w in self.analogy.words for f in w.features}
        if len(features) > self.d_model or len(self.candidates) > self.d_model:
            needed = max(len(features), len(self.candidates))
            expected = f"an integer >= {needed} (one per feature)"
            raise ConfigError(source, "d_model", expected, describe(self.d_model))
        preset_path(self.model, source, "model")
        super().check(source)
