"""Config of the TransformerRefresher clip (beats 1.2-1.6 of the video: from tokens to a
prediction, meaningful directions, context and knowledge, where the parameters live)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import ClassVar

from scenes.config.common import FLOAT_BYTES, TEXT_LENGTH, ClipConfig, FactConfig, MatrixDisplay
from scenes.config.models import preset_path
from scenes.config.schema import ConfigError, describe, option

MAX_CANDIDATES = 10  # words of the toy vocabulary read out at the end
MAX_WORDS = 12  # words of the analogy's toy vocabulary
MAX_FEATURES = 4  # features summed into one toy word
MAX_TOKENS = 10
LAYERS_STORED = 2  # layers whose every step is kept (and drawn step by step)


@dataclass(frozen=True, kw_only=True)
class WordConfig:
    """A toy word: the sum of its named features (plus a little seeded noise)."""

    word: str = option(max_length=30)
    features: tuple[str, ...] = option(max_length=30)


@dataclass(frozen=True, kw_only=True)
class AnalogyConfig:
    """E(a) − E(b) + E(c) should land near another word of the toy vocabulary."""

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
class FlowConfig:
    """The toy transformer's layer (see mathcore.toy_transformer)."""

    strength: float = option(2.0, low=0.0, high=5.0, doc="attention strength in layer 1")
    decay: float = option(0.3, low=0.0, high=0.9, doc="each layer's strength / the last's")
    focus: float = option(4.0, low=0.0, high=20.0, doc="how sharply attention finds the name")
    threshold: float = option(1.0, low=0.0, high=2.0, doc="the fact neuron fires above this")
    gain: float = option(2.5, low=0.0, high=10.0, doc="attribute added per unit of activation")
    brake: float = option(1.0, low=0.0, high=5.0, doc="attribute already held stops the neuron")
    mix: float = option(0.1, low=0.0, high=0.5, doc="the MLP's small nudge to every vector")


@dataclass(frozen=True, kw_only=True)
class RefresherText:
    """Words on screen; {first_name}, {last_name}, {attribute}, {model}, {n} are filled in."""

    tokens_title: str = option("Text is cut into tokens", max_length=TEXT_LENGTH)
    token_count: str = option("{n} tokens", max_length=TEXT_LENGTH)
    embeddings_title: str = option("Each token becomes a vector of numbers", max_length=TEXT_LENGTH)
    dimensions: str = option("{n} numbers each (toy size)", max_length=TEXT_LENGTH)
    attention: str = option("Attention", max_length=30)
    norm: str = option("Norm", max_length=30)
    mlp: str = option("MLP", max_length=30)
    layer: str = option("layer", max_length=30)
    of: str = option("of", max_length=30)
    layers_note: str = option("{model}: {n} layers", max_length=TEXT_LENGTH)
    length: str = option("length", max_length=30)
    same_block: str = option("the same MLP for every vector", max_length=TEXT_LENGTH)
    last_vector: str = option("goes on to the prediction", max_length=TEXT_LENGTH)
    unembedding: str = option("unembedding", max_length=30)
    logits: str = option("logits", max_length=30)
    probability: str = option("probability", max_length=30)
    vocabulary_note: str = option(
        "toy vocabulary of {n} words: the shares add up to 100%", max_length=TEXT_LENGTH
    )
    toy_embedding: str = option("a toy embedding, built to show the idea", max_length=TEXT_LENGTH)
    nearest: str = option("nearest word", max_length=TEXT_LENGTH)
    context: str = option("context, from attention", max_length=TEXT_LENGTH)
    knowledge: str = option("knowledge, from the MLP", max_length=TEXT_LENGTH)
    absorbing: str = option("the {last_name} vector, layer by layer", max_length=TEXT_LENGTH)
    later_layers: str = option("the other {layers} layers, added", max_length=TEXT_LENGTH)
    normalised: str = option("a copy, length 1, for the MLP", max_length=TEXT_LENGTH)
    final_norm: str = option("normalised, as GPT does", max_length=TEXT_LENGTH)
    params_title: str = option("Where {model}'s parameters live", max_length=TEXT_LENGTH)
    params_total: str = option("{n} weights in all", max_length=TEXT_LENGTH)
    mlp_part: str = option("MLP blocks", max_length=30)
    attention_part: str = option("attention", max_length=30)
    other_part: str = option("embeddings, other", max_length=30)


@dataclass(frozen=True, kw_only=True)
class TransformerRefresherConfig(ClipConfig):
    """Beats 1.2-1.6: tokens, embeddings, the blocks, the prediction, directions, and where
    the knowledge and the parameters are."""

    SCENE: ClassVar[str] = "scenes.clips.transformer_refresher:TransformerRefresher"
    LAYOUTS: ClassVar[tuple[str, ...]] = ("16:9", "9:16", "1:1")  # every beat reflows
    BEATS: ClassVar[tuple[str, ...]] = (
        "tokens",
        "embeddings",
        "flow",
        "prediction",
        "directions",
        "context_knowledge",
        "mlp_share",
    )

    fact: FactConfig = field(default_factory=FactConfig)
    prompt: tuple[str, ...] | None = option(
        None, max_length=30, doc="the prompt's tokens [the fact's name and relation, word by word]"
    )
    candidates: tuple[str, ...] = option(
        ("basketball", "baseball", "football", "golf", "tennis"), max_length=30
    )
    sharpness: float = option(6.0, low=0.0, high=50.0, doc="scale of the toy unembedding")
    d_model: int = option(16, low=3, high=1024, doc="toy embedding width")  # W is d x d
    tilt: float = option(0.1, low=0.0, high=0.5)
    display: MatrixDisplay = field(default_factory=MatrixDisplay)
    flow: FlowConfig = field(default_factory=FlowConfig)
    analogy: AnalogyConfig = field(default_factory=AnalogyConfig)
    model: str = option("gpt3-175b", max_length=60, doc="a preset from configs/models/")
    text: RefresherText = field(default_factory=RefresherText)

    @property
    def tokens(self) -> tuple[str, ...]:
        """The prompt's tokens: the configured ones, or the fact's prompt word by word."""
        return self.prompt if self.prompt is not None else self.fact.prompt_words()

    def direction_names(self) -> tuple[str, ...]:
        """Every name that gets a direction: the tokens, then the candidates."""
        return tuple(dict.fromkeys((*self.tokens, *self.candidates)))

    def memory_bytes(self) -> int:
        """The toy spaces: one d_model-vector per named direction and per analogy word and
        feature, the QR factorisation behind them (about 2.6 vectors each measured, 4
        counted), the sequence kept for each step of the stored layers, and the layer's d x d
        nudge matrix."""
        names = len(self.direction_names())
        features = len({f for w in self.analogy.words for f in w.features})
        vectors = names + features + len(self.analogy.words)
        stored = (3 * LAYERS_STORED + 4) * len(self.tokens)
        # The layer's nudge W (mathcore.toy_transformer.mix_matrix) is d x d, with its draw
        # and the SVD that normalises it: five such matrices held at once, counted.
        mix = 5 * self.d_model * self.d_model
        return (4 * vectors + stored) * self.d_model * FLOAT_BYTES + mix * FLOAT_BYTES

    def sizes_text(self) -> str:
        return f"d_model={self.d_model}"

    def check(self, source: str) -> None:
        """The prompt holds the fact's names, the attribute is a candidate, the analogy's
        words exist, d_model holds every direction, and the model preset exists."""
        self._check_prompt(source)
        if self.fact.attribute not in self.candidates:
            expected = f"a list including the fact's attribute {self.fact.attribute!r}"
            raise ConfigError(source, "candidates", expected, describe(list(self.candidates)))
        if not 2 <= len(self.candidates) <= MAX_CANDIDATES:
            expected = f"a list of 2 to {MAX_CANDIDATES} words"
            raise ConfigError(source, "candidates", expected, describe(list(self.candidates)))
        self._check_analogy(source)
        features = {f for w in self.analogy.words for f in w.features}
        needed = max(len(features), len(self.direction_names()))
        if self.d_model < needed:
            expected = f"an integer >= {needed} (one per token, candidate and feature)"
            raise ConfigError(source, "d_model", expected, describe(self.d_model))
        preset_path(self.model, source, "model")
        super().check(source)

    def _check_prompt(self, source: str) -> None:
        tokens = self.tokens
        key = "prompt" if self.prompt is not None else "fact.relation"
        if not 3 <= len(tokens) <= MAX_TOKENS:
            found = describe(list(tokens))
            raise ConfigError(source, key, f"a prompt of 3 to {MAX_TOKENS} tokens", found)
        names = (self.fact.first_name, self.fact.last_name)
        for name in names:
            if name not in tokens:
                expected = f"tokens including the fact's name {name!r}"
                raise ConfigError(source, key, expected, describe(list(tokens)))
        if self.fact.first_name == self.fact.last_name:
            expected = "a last name different from the first name"
            raise ConfigError(source, "fact.last_name", expected, describe(self.fact.last_name))
        if tokens[-1] in names:
            expected = "a prompt that goes on after the name"
            raise ConfigError(source, key, expected, describe(list(tokens)))

    def _check_analogy(self, source: str) -> None:
        if not 3 <= len(self.analogy.words) <= MAX_WORDS:
            expected = f"a list of 3 to {MAX_WORDS} words"
            raise ConfigError(source, "analogy.words", expected, f"{len(self.analogy.words)} words")
        for index, word in enumerate(self.analogy.words):
            if not 1 <= len(word.features) <= MAX_FEATURES:
                expected = f"a list of 1 to {MAX_FEATURES} features"
                found = describe(list(word.features))
                raise ConfigError(source, f"analogy.words[{index}].features", expected, found)
        words = [w.word for w in self.analogy.words]
        for key in ("a", "b", "c"):
            word = getattr(self.analogy, key)
            if word not in words:
                expected = "one of the analogy's words (" + ", ".join(words) + ")"
                raise ConfigError(source, f"analogy.{key}", expected, describe(word))
        if len(words) < 4 or len({self.analogy.a, self.analogy.b, self.analogy.c}) < 3:
            expected = "three different words a, b, c and at least one other word"
            found = describe([self.analogy.a, self.analogy.b, self.analogy.c])
            raise ConfigError(source, "analogy", expected, found)
