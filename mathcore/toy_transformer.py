"""A toy transformer small enough to draw: tokens, embeddings, attention, a normalisation and
one fact-storing MLP neuron, repeated layer after layer, arranged as GPT-style models are
(*pre-norm*): the residual stream is never rescaled; only the copies that the blocks read are.

Every token t has a unit direction u_t (:func:`mathcore.named_directions`); the fact's first
name, last name and attribute are the directions M, J and B. Token i's stream starts as its
embedding x_i = u_{t_i}. Write norm(v) = v / ‖v‖ (a toy RMSNorm: rescaled to length 1, no
gain). Layer ℓ = 1 … L then applies, to the whole sequence X (one row per token):

attention   n_i = norm(x_i);   x_i ← x_i + a_ℓ Σ_{j<i} A_ij n_j,
            A_ij = softmax_{j≤i}( f · (M + J)·n_j ),   a_ℓ = a · r^(ℓ−1)
            (a toy head that looks back, itself included, for the person's name, and
            moves forward what it finds in the EARLIER tokens: what token i holds itself is
            already in its stream. At "Jordan" it adds M, not a second J; the first token,
            with nothing before it, gets nothing)
norm        n_i = norm(x_i)    (the copy the MLP reads; the stream x_i is left as it is)
MLP         x_i ← x_i + g · relu((M + J − k B)·n_i − θ) · B + ε r^(ℓ−1) W n_i
            (the same block for every token: a fact neuron that stops adding B once the
            copy holds enough B, and a small fixed seeded matrix W, ‖W‖₂ = 1, that nudges
            every vector)

So the stream only ever has things ADDED to it: after L layers
x_i = u_{t_i} + Σ_ℓ (attention output + MLP output), and what a block adds stays. The
prediction reads norm(x_last), the final normalisation GPT applies before its unembedding.

The embeddings have length 1, so in layer 1 attention reads the embeddings themselves. The
attention strength and the nudge shrink by r each layer, so the first layers do the moving
and the later ones change little: with r < 1 the sum of all strengths is at most a / (1 − r).
The brake k keeps the fact neuron from drowning the names in B.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

import numpy as np
from numpy.typing import ArrayLike, NDArray

from mathcore.directions import NamedDirections, named_directions
from mathcore.walkthrough import from_units, units

FloatArray = NDArray[np.float64]
Step = Literal["attention", "norm", "mlp"]
STEPS: tuple[Step, ...] = ("attention", "norm", "mlp")


@dataclass(frozen=True)
class FlowSettings:
    """The toy layer's constants (see the module docstring)."""

    strength: float = 1.0  # a: attention strength in layer 1
    decay: float = 0.5  # r: each layer's attention strength is r times the last one's
    focus: float = 4.0  # f: how sharply the head picks the tokens holding the name
    threshold: float = 1.0  # θ: the neuron fires when (M + J)·n > θ
    gain: float = 2.5  # g: how much B the neuron adds per unit of activation
    brake: float = 1.0  # k: how much B already present holds the neuron back
    mix: float = 0.1  # ε: the nudge W n added to every vector in layer 1


@dataclass(frozen=True)
class FlowStep:
    """The residual stream after one step of one layer (vectors are rows, one per token).

    ``added`` is what the step added to the stream (zero for the norm step, which only makes
    the normalised copy ``normalised`` that the next block reads)."""

    layer: int  # 1-based
    step: Step
    vectors: FloatArray  # the stream after the step
    added: FloatArray  # the stream after the step minus the stream before it
    normalised: FloatArray  # norm(x_i) of the stream the step's block reads
    attention: FloatArray | None = None  # A (n × n) for an attention step
    norms: FloatArray | None = None  # ‖x_i‖ of the stream, for a norm step
    neuron: FloatArray | None = None  # relu((M + J − k B)·n_i − θ) per token, for an MLP step


@dataclass(frozen=True)
class ToyFlow:
    """The embeddings, every step of the first ``detailed`` layers, the stream after the last
    layer, its normalised last row (what the unembedding reads), and the features M·x, J·x,
    B·x of every token's stream after every step of every layer."""

    tokens: tuple[str, ...]
    space: NamedDirections
    embeddings: FloatArray
    steps: tuple[FlowStep, ...]
    final: FloatArray  # the residual stream after the last layer (not normalised)
    n_layers: int
    features: FloatArray  # (1 + 3 L, n_tokens, 3): after the embedding, then after each step

    @property
    def readout(self) -> FloatArray:
        """norm(x_last): the final normalisation of the last token's stream (GPT's ln_f)."""
        last = self.final[-1]
        return np.asarray(last / np.linalg.norm(last), dtype=np.float64)

    def step(self, layer: int, step: Step) -> FlowStep:
        """The recorded step ``step`` of layer ``layer`` (1-based; a detailed layer)."""
        for item in self.steps:
            if item.layer == layer and item.step == step:
                return item
        raise KeyError(f"layer {layer} {step} is not recorded (only the first layers are)")

    def feature_index(self, layer: int, step: Step) -> int:
        """Row of ``features`` after ``step`` of ``layer``."""
        return 1 + 3 * (layer - 1) + STEPS.index(step)


def attention_weights(vectors: ArrayLike, query: ArrayLike, focus: float) -> FloatArray:
    """A_ij = exp(f q·x_j) / Σ_{k≤i} exp(f q·x_k) for j ≤ i, else 0 (causal, self included).

    Every row sums to 1: token i looks back at itself and the tokens before it, most at
    those whose vectors line up with the query q.
    """
    x = np.asarray(vectors, dtype=np.float64)
    scores = focus * (x @ np.asarray(query, dtype=np.float64))
    n = x.shape[0]
    weights = np.zeros((n, n))
    for i in range(n):
        shifted = np.exp(scores[: i + 1] - scores[: i + 1].max())
        weights[i, : i + 1] = shifted / shifted.sum()
    return weights


def mix_matrix(dim: int, seed: int) -> FloatArray:
    """W: a seeded Gaussian dim × dim matrix divided by its largest singular value (‖W‖₂ = 1)."""
    w = np.random.default_rng(seed + 1).standard_normal((dim, dim))
    return np.asarray(w / np.linalg.norm(w, 2), dtype=np.float64)


def unit_rows(vectors: ArrayLike) -> tuple[FloatArray, FloatArray]:
    """(X / ‖X‖ row by row, the lengths ‖x_i‖ before rescaling)."""
    x = np.asarray(vectors, dtype=np.float64)
    norms = np.linalg.norm(x, axis=1)
    return x / np.where(norms == 0, 1.0, norms)[:, None], norms


def fact_neuron(
    vectors: ArrayLike,
    first: ArrayLike,
    last: ArrayLike,
    threshold: float,
    attribute: ArrayLike | None = None,
    brake: float = 0.0,
) -> FloatArray:
    """relu((M + J − k B)·x_i − θ) per row: positive only for a vector holding both names
    (and not yet much of the attribute B; without ``attribute`` the brake k is left out)."""
    x = np.asarray(vectors, dtype=np.float64)
    query = np.asarray(first, dtype=np.float64) + np.asarray(last, dtype=np.float64)
    if attribute is not None:
        query = query - brake * np.asarray(attribute, dtype=np.float64)
    return np.asarray(np.maximum(x @ query - threshold, 0.0), dtype=np.float64)


def displayed_addition(
    before: ArrayLike, after: ArrayLike, decimals: int
) -> tuple[FloatArray, FloatArray, FloatArray]:
    """(x, Δ, x + Δ) as displayed, for a block adding Δ to the stream x.

    The streams are the true values rounded to ``decimals`` digits (so a stream shown in two
    beats reads the same), and the Δ shown is their difference in integer units of
    10^-decimals: round(x) + Δ = round(x + Δ_true) holds digit for digit, and the Δ shown is
    within one unit of round(Δ_true).
    """
    low, high = units(before, decimals), units(after, decimals)
    return from_units(low, decimals), from_units(high - low, decimals), from_units(high, decimals)


def toy_flow(
    tokens: tuple[str, ...] | list[str],
    extra_names: tuple[str, ...] | list[str],
    fact: tuple[str, str, str],
    n_layers: int,
    dim: int,
    seed: int,
    tilt: float = 0.1,
    settings: FlowSettings | None = None,
    detailed: int = 2,
) -> ToyFlow:
    """Run the pre-norm toy transformer of the module docstring on ``tokens``.

    ``extra_names`` get directions too (the vocabulary read out at the end); ``fact`` names
    the (first name, last name, attribute) directions, each a token or an extra name. Every
    step of the first ``detailed`` layers is kept; of the others only the features.
    """
    s = settings or FlowSettings()
    names = tuple(dict.fromkeys((*tokens, *extra_names)))
    space = named_directions(names, dim, seed, tilt)
    first, last, attribute = (space[name] for name in fact)
    probes = np.vstack([first, last, attribute]).T
    x = np.array([space[t] for t in tokens], dtype=np.float64).reshape(len(tokens), dim)
    embeddings = x.copy()
    steps: list[FlowStep] = []
    features = [x @ probes]
    nudge = mix_matrix(dim, seed)
    for layer in range(1, n_layers + 1):
        keep = layer <= detailed
        shrink = s.decay ** (layer - 1)
        read, _ = unit_rows(x)
        weights = attention_weights(read, first + last, s.focus)
        added = s.strength * shrink * (np.tril(weights, -1) @ read)  # earlier tokens only
        x = x + added
        features.append(x @ probes)
        if keep:
            steps.append(FlowStep(layer, "attention", x.copy(), added, read, attention=weights))
        read, norms = unit_rows(x)
        features.append(x @ probes)
        if keep:
            steps.append(FlowStep(layer, "norm", x.copy(), np.zeros_like(x), read, norms=norms))
        neuron = fact_neuron(read, first, last, s.threshold, attribute, s.brake)
        added = s.gain * np.outer(neuron, attribute) + s.mix * shrink * read @ nudge.T
        x = x + added
        features.append(x @ probes)
        if keep:
            steps.append(FlowStep(layer, "mlp", x.copy(), added, read, neuron=neuron))
    return ToyFlow(
        tuple(tokens),
        space,
        embeddings,
        tuple(steps),
        x,
        n_layers,
        np.asarray(features, dtype=np.float64),
    )
