"""The toy fact "Michael Jordan plays basketball" stored in an MLP block.

Given nearly perpendicular unit directions M (first name), J (last name) and B (attribute):

    W_up[0]      = M + J     so (W_up E)[0] = M·E + J·E: 2 for the full name, 1 for half
    b_up[0]      = −1        so the first neuron's input is 1 for the full name, ≤ 0 otherwise
    W_down[:, 0] = B (+ F₁ + F₂ …)  so when neuron 0 fires with value 1, the block adds B
                                  (and the directions Fᵢ of any other facts about the person)

Every other row and column is seeded Gaussian noise of scale ``noise`` (other neurons, other
questions); the other biases are noise too.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from mathcore.directions import NamedDirections, named_directions
from mathcore.mlp import MLPTrace, MLPWeights, mlp_forward

FloatArray = NDArray[np.float64]

FACT_NEURON = 0  # the neuron (row of W_up, column of W_down) that stores the fact


@dataclass(frozen=True)
class Probe:
    """A name fed to the toy block: which directions its embedding encodes (value 1 each)."""

    label: str
    features: tuple[str, ...]


@dataclass(frozen=True)
class ToyFact:
    """The directions, the weights built from them, and each probe's forward pass."""

    directions: NamedDirections
    weights: MLPWeights
    first_name: str
    last_name: str
    attribute: str
    probes: tuple[Probe, ...]
    traces: tuple[MLPTrace, ...]

    def trace(self, label: str) -> MLPTrace:
        """The forward pass of the probe called ``label``."""
        for probe, trace in zip(self.probes, self.traces, strict=True):
            if probe.label == label:
                return trace
        raise KeyError(f"no probe {label!r}; probes: {[p.label for p in self.probes]}")


def build_toy_fact(
    first_name: str,
    last_name: str,
    attribute: str,
    probes: tuple[Probe, ...],
    d_model: int,
    d_mlp: int,
    seed: int,
    tilt: float = 0.1,
    noise: float = 0.1,
    activation_name: str = "relu",
    extra_names: tuple[str, ...] = (),
    other_facts: tuple[str, ...] = (),
) -> ToyFact:
    """Directions for every name in the fact, the probes, ``other_facts`` and ``extra_names``
    (e.g. the other words of a prompt), the weights above, and each probe's trace.

    ``other_facts`` are more things known about the person: their directions are added to
    the attribute's in W_down's first column, so the one neuron writes all of them."""
    names: list[str] = [first_name, last_name, attribute]
    names.extend(dict.fromkeys(f for f in other_facts if f not in names))
    for probe in probes:
        names.extend(f for f in probe.features if f not in names)
    names.extend(dict.fromkeys(n for n in extra_names if n not in names))
    directions = named_directions(tuple(names), d_model, seed, tilt)
    rng = np.random.default_rng([seed, 1])
    w_up = noise * rng.standard_normal((d_mlp, d_model))
    b_up = noise * rng.standard_normal(d_mlp)
    w_down = noise * rng.standard_normal((d_model, d_mlp))
    b_down = noise * rng.standard_normal(d_model)
    w_up[FACT_NEURON] = directions[first_name] + directions[last_name]
    b_up[FACT_NEURON] = -1.0
    w_down[:, FACT_NEURON] = directions[attribute] + sum(
        (directions[f] for f in other_facts), np.zeros(d_model)
    )
    weights = MLPWeights(w_up, b_up, w_down, b_down)
    traces = tuple(
        mlp_forward(directions.encode(dict.fromkeys(p.features, 1.0)), weights, activation_name)
        for p in probes
    )
    return ToyFact(directions, weights, first_name, last_name, attribute, probes, traces)


def token_features(
    prompt: tuple[str, ...], first_name: str, last_name: str
) -> list[tuple[str, ...]]:
    """Which named directions each prompt token's vector encodes, under the toy assumptions.

    The first name's token encodes the first name; a last-name token right after it encodes
    both names (an earlier attention block moved the first name into it); every other token
    encodes only its own word.
    """
    features: list[tuple[str, ...]] = []
    for index, token in enumerate(prompt):
        if token == last_name and index > 0 and prompt[index - 1] == first_name:
            features.append((first_name, last_name))
        else:
            features.append((token,))
    return features


def sequence_trace(
    fact: ToyFact, features: list[tuple[str, ...]], activation_name: str = "relu"
) -> MLPTrace:
    """The block on a whole sequence at once: row t of X encodes the features of token t."""
    rows = np.array([fact.directions.encode(dict.fromkeys(f, 1.0)) for f in features])
    return mlp_forward(rows, fact.weights, activation_name)
