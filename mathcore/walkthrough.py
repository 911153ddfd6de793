"""The numbers the MLP walkthrough shows, rounded once, with every displayed sum computed from
its displayed terms.

Rule (say it once, hold it everywhere): a number on screen is the true value rounded to
``decimals`` digits, EXCEPT a sum whose terms are all on screen, which is the exact sum of the
displayed (rounded) terms. So ``up + b_up = pre`` and ``E + MLP(E) = E_out`` add up as
displayed, entry by entry, and a value shown in two beats comes from this one record.

Rounding is done in integer units of 10^-decimals (no float drift): ``units(x) = rint(x·10^d)``.

The steps, for the focused vector E (column convention):

    up    = round(W_up E)                     a dot product per row (terms not all shown)
    pre   = up + round(b_up)                  exact sum of displayed terms
    h     = σ(pre)                            ReLU of a displayed value is exact; GELU rounded
    down  = round(W_down h)                   a weighted sum of columns (not all shown)
    out   = down + round(b_down)              exact sum of displayed terms
    E_out = round(E) + out                    exact sum of displayed terms
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np
from numpy.typing import ArrayLike, NDArray

from mathcore.activations import activation
from mathcore.toyfact import FACT_NEURON, ToyFact

FloatArray = NDArray[np.float64]
IntArray = NDArray[np.int64]


def units(values: ArrayLike, decimals: int) -> IntArray:
    """values in integer units of 10^-decimals, rounded half to even: units(0.26, 1) = 3."""
    scaled = np.rint(np.asarray(values, dtype=np.float64) * 10**decimals)
    return np.asarray(scaled, dtype=np.int64)


def from_units(counts: ArrayLike, decimals: int) -> FloatArray:
    """The displayed values of integer ``counts`` of 10^-decimals (+0.0: never −0.0)."""
    return np.asarray(np.asarray(counts, dtype=np.float64) / 10**decimals + 0.0)


def rounded(values: ArrayLike, decimals: int) -> FloatArray:
    """values rounded to ``decimals`` digits, as displayed."""
    return from_units(units(values, decimals), decimals)


@dataclass(frozen=True)
class Equation:
    """A displayed sum: ``terms[0] + terms[1] + ... = total`` (each an array of the same shape
    or a scalar), all as shown on screen, in beat ``beat``."""

    beat: str
    what: str
    terms: tuple[FloatArray, ...]
    total: FloatArray


@dataclass(frozen=True)
class DisplayedPass:
    """One vector's pass through the block, as displayed (see the module's rule)."""

    embedding: FloatArray
    up: FloatArray
    b_up: FloatArray
    pre: FloatArray
    neurons: FloatArray
    down: FloatArray
    b_down: FloatArray
    output: FloatArray
    residual: FloatArray


def displayed_pass(
    toy: ToyFact, embedding: ArrayLike, decimals: int, activation_name: str = "relu"
) -> DisplayedPass:
    """The pass of ``embedding`` through ``toy``'s block with every displayed sum exact.

    Entry 1 of W_up E is shown elsewhere as M·E + J·E (row 1 is M + J), so it is that sum of
    the two displayed dot products, not the rounded total (they can differ by one unit)."""
    d = decimals
    w = toy.weights
    e_true = np.asarray(embedding, dtype=np.float64)
    e_units = units(e_true, d)
    up_units = units(w.w_up @ e_true, d)
    m, j = toy.directions[toy.first_name], toy.directions[toy.last_name]
    up_units[FACT_NEURON] = units(m @ e_true, d) + units(j @ e_true, d)
    b_up_units = units(w.b_up, d)
    pre_units = up_units + b_up_units
    pre = from_units(pre_units, d)
    neurons = rounded(activation(activation_name)(pre), d)
    down_units = units(w.w_down @ neurons, d)
    b_down_units = units(w.b_down, d)
    out_units = down_units + b_down_units
    residual_units = e_units + out_units
    return DisplayedPass(
        embedding=from_units(e_units, d),
        up=from_units(up_units, d),
        b_up=from_units(b_up_units, d),
        pre=pre,
        neurons=neurons,
        down=from_units(down_units, d),
        b_down=from_units(b_down_units, d),
        output=from_units(out_units, d),
        residual=from_units(residual_units, d),
    )


@dataclass(frozen=True)
class ProbeRow:
    """Entry 1 for one name, as displayed: M·E + J·E = up, up + b = pre, σ(pre) = neuron.

    ``m_only`` is the entry when row 1 is M alone (= M·E)."""

    label: str
    m_dot: float
    j_dot: float
    up: float
    pre: float
    neuron: float


def probe_rows(
    toy: ToyFact,
    labels: Sequence[str],
    embeddings: Sequence[ArrayLike],
    decimals: int,
    activation_name: str = "relu",
) -> tuple[ProbeRow, ...]:
    """Entry 1 (the fact neuron) for each named vector; sums exact as displayed."""
    d = decimals
    m, j = toy.directions[toy.first_name], toy.directions[toy.last_name]
    bias = int(units(toy.weights.b_up[FACT_NEURON], d))
    sigma = activation(activation_name)
    rows = []
    for label, vector in zip(labels, embeddings, strict=True):
        e = np.asarray(vector, dtype=np.float64)
        m_units, j_units = int(units(m @ e, d)), int(units(j @ e, d))
        pre = (m_units + j_units + bias) / 10**d + 0.0
        neuron = float(rounded(sigma(pre), d))
        up = (m_units + j_units) / 10**d + 0.0
        rows.append(ProbeRow(label, m_units / 10**d + 0.0, j_units / 10**d + 0.0, up, pre, neuron))
    return tuple(rows)


def group_by_value(
    labels: Sequence[str], values: Sequence[tuple[float, ...]]
) -> list[tuple[tuple[float, ...], list[str]]]:
    """Names that share a displayed point, together: one dot per distinct point (so two probe
    dots never sit on top of each other), in order of first appearance."""
    groups: dict[tuple[float, ...], list[str]] = {}
    for label, value in zip(labels, values, strict=True):
        key = tuple(float(v) + 0.0 for v in value)
        groups.setdefault(key, []).append(label)
    return list(groups.items())


def half_plane_in_box(
    a: float, b: float, c: float, box: tuple[float, float, float, float]
) -> list[tuple[float, float]]:
    """The polygon {(x, y) in box : a x + b y + c ≥ 0}, box = (x0, x1, y0, y1): the box's
    corners clipped by one half-plane (one Sutherland-Hodgman step), counter-clockwise."""
    x0, x1, y0, y1 = box
    corners = [(x0, y0), (x1, y0), (x1, y1), (x0, y1)]
    inside = [a * x + b * y + c >= 0 for x, y in corners]
    polygon: list[tuple[float, float]] = []
    for i, (p, q) in enumerate(zip(corners, corners[1:] + corners[:1], strict=True)):
        p_in, q_in = inside[i], inside[(i + 1) % 4]
        if p_in:
            polygon.append(p)
        if p_in != q_in:
            fp, fq = a * p[0] + b * p[1] + c, a * q[0] + b * q[1] + c
            t = fp / (fp - fq)
            polygon.append((p[0] + t * (q[0] - p[0]), p[1] + t * (q[1] - p[1])))
    return polygon


def whole_levels(values: ArrayLike) -> tuple[int, ...]:
    """The whole numbers k with min(values) ≤ k ≤ max(values): the level lines
    M·E + J·E = k drawn on the threshold beat's plane (one through every name whose linear
    value is a whole number, as the toy's are)."""
    shown = np.asarray(values, dtype=np.float64)
    low, high = int(np.ceil(shown.min() - 1e-9)), int(np.floor(shown.max() + 1e-9))
    return tuple(range(low, high + 1))


@dataclass(frozen=True)
class Walkthrough:
    """Everything the walkthrough displays, and the sums it displays (for the tests)."""

    decimals: int
    focus: DisplayedPass
    probes: tuple[ProbeRow, ...]
    points: FloatArray  # (M·E, J·E) per probe, displayed
    levels: tuple[int, ...]  # the level lines row₁·E = k of the threshold beat
    switched_off: DisplayedPass  # the focus pass with the fact neuron forced to 0
    attribute_on: float  # B · (W_down h), neuron 1 on / off
    attribute_off: float
    column: FloatArray  # W_down's column 1, displayed
    column_readouts: dict[str, float]  # fact → its direction · column 1
    readouts: dict[str, float]  # feature name → its direction · E_out (true residual)
    values: dict[tuple[str, str], float] = field(default_factory=dict)
    equations: list[Equation] = field(default_factory=list)


def switch_off(shown: DisplayedPass, toy: ToyFact, decimals: int) -> DisplayedPass:
    """``shown`` with the fact neuron forced to 0: down, out and E_out recomputed."""
    d = decimals
    neurons = shown.neurons.copy()
    neurons[FACT_NEURON] = 0.0
    down_units = units(toy.weights.w_down @ neurons, d)
    out_units = down_units + units(shown.b_down, d)
    return DisplayedPass(
        shown.embedding, shown.up, shown.b_up, shown.pre, neurons,
        from_units(down_units, d), shown.b_down, from_units(out_units, d),
        from_units(units(shown.embedding, d) + out_units, d),
    )  # fmt: skip


def scaled_columns(weights: ArrayLike, neurons: ArrayLike, indices: Sequence[int]) -> FloatArray:
    """The column reading of W h = Σ_i h_i W[:, i]: column i of ``weights`` times neuron
    h_i, for each i in ``indices``, as the columns of a (rows, len(indices)) array.

    Over every column the terms add up to W h; a neuron at 0 gives a zero column."""
    w = np.asarray(weights, dtype=np.float64)
    h = np.asarray(neurons, dtype=np.float64)
    chosen = list(indices)
    return np.asarray(w[:, chosen] * h[chosen])


def walkthrough_numbers(
    toy: ToyFact,
    focus: ArrayLike,
    labels: Sequence[str],
    embeddings: Sequence[ArrayLike],
    decimals: int,
    activation_name: str = "relu",
    readout_names: Sequence[str] = (),
    column_names: Sequence[str] = (),
) -> Walkthrough:
    """The numbers of every beat, for the focused vector and the named vectors (the full name
    first, then the probes, then a vector holding neither name)."""
    d = decimals
    shown = displayed_pass(toy, focus, d, activation_name)
    rows = probe_rows(toy, labels, embeddings, d, activation_name)
    points = np.array([[r.m_dot, r.j_dot] for r in rows])
    levels = whole_levels([r.up for r in rows])
    off = switch_off(shown, toy, d)
    b = toy.directions[toy.attribute]
    residual_true = np.asarray(focus, dtype=np.float64) + shown.output
    readouts = {n: float(rounded(toy.directions[n] @ residual_true, 2)) for n in readout_names}
    column = toy.weights.w_down[:, FACT_NEURON]
    column_readouts = {n: float(rounded(toy.directions[n] @ column, 2)) for n in column_names}
    result = Walkthrough(
        d, shown, rows, points, levels, off,
        float(rounded(b @ shown.down, 2)), float(rounded(b @ off.down, 2)),
        rounded(column, d), column_readouts, readouts,
    )  # fmt: skip
    _record(result)
    return result


def _record(w: Walkthrough) -> None:
    """Fill ``values`` (beat, name) → displayed value and ``equations`` for every beat."""
    p = w.focus
    full = w.probes[0]
    for beat in ("rows_as_questions", "bias"):
        w.equations.append(
            Equation(beat, "M·E + J·E", (np.array(full.m_dot), np.array(full.j_dot)),
                     np.array(full.up))
        )  # fmt: skip
    for row in w.probes:
        w.equations.append(
            Equation("rows_as_questions", f"{row.label}: M·E + J·E",
                     (np.array(row.m_dot), np.array(row.j_dot)), np.array(row.up))
        )  # fmt: skip
        w.equations.append(
            Equation("bias", f"{row.label}: entry 1 + bias",
                     (np.array(row.up), p.b_up[FACT_NEURON : FACT_NEURON + 1].reshape(())),
                     np.array(row.pre))
        )  # fmt: skip
    w.equations.extend([
        Equation("bias", "W_up E + b_up", (p.up, p.b_up), p.pre),
        Equation("down_bias", "W_down h + b_down", (p.down, p.b_down), p.output),
        Equation("residual", "E + MLP(E)", (p.embedding, p.output), p.residual),
        Equation("down_projection", "switched off: W_down h' + b_down",
                 (w.switched_off.down, w.switched_off.b_down), w.switched_off.output),
    ])  # fmt: skip
    vectors = {
        "E": ("flow", "up_projection", "residual"),
        "up": ("up_projection", "rows_as_questions", "bias"),
        "b_up": ("bias",),
        "pre": ("bias", "relu"),
        "neurons": ("relu", "neurons", "down_projection", "down_bias"),
        "down": ("down_projection", "down_bias"),
        "b_down": ("down_bias",),
        "output": ("down_bias", "residual"),
        "residual": ("residual", "flow"),
    }
    arrays = {
        "E": p.embedding, "up": p.up, "b_up": p.b_up, "pre": p.pre, "neurons": p.neurons,
        "down": p.down, "b_down": p.b_down, "output": p.output, "residual": p.residual,
    }  # fmt: skip
    for name, beats in vectors.items():
        for beat in beats:
            for index, value in enumerate(arrays[name]):
                w.values[beat, f"{name}[{index}]"] = float(value)
    for beat in ("rows_as_questions", "bias", "threshold", "relu"):
        for row in w.probes:
            w.values[beat, f"{row.label}: M·E"] = row.m_dot
            w.values[beat, f"{row.label}: J·E"] = row.j_dot
    for beat in ("rows_as_questions", "bias", "relu"):
        for row in w.probes:
            w.values[beat, f"{row.label}: up"] = row.up
    # Entry 1 of the focus vector is the full name's entry 1 (the same vector).
    w.values["rows_as_questions", "up[0]"] = full.up
    w.values["bias", "pre[0]"] = full.pre
    w.values["relu", "neurons[0]"] = full.neuron
