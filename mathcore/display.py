"""Choosing what part of a big array to show, and how to write big counts.

Pure helpers: the scenes never decide which entries or digits appear on their own.
"""

from __future__ import annotations

import math

import numpy as np
from numpy.typing import NDArray


def shown_indices(total: int, shown: int) -> list[int | None]:
    """Indices to draw when only ``shown`` of ``total`` entries fit, None marking the ellipsis.

    All indices when total ≤ shown; otherwise the first shown − 2, an ellipsis, and the last,
    so the reader sees both where the list starts and that it ends:
    shown_indices(10, 5) == [0, 1, 2, None, 9].
    """
    if total <= shown:
        return list(range(total))
    if shown < 3:
        raise ValueError(f"shown must be >= 3 to elide {total} entries, got {shown}")
    return [*range(shown - 2), None, total - 1]


def thousands(count: int) -> str:
    """An integer with comma thousands separators: 603979776 → '603,979,776'."""
    return f"{count:,}"


def rounded_label(count: float) -> str:
    """A count rounded to about three significant figures with K/M/B/T: 603979776 → '604M',
    1207959552 → '1.21B', 175181291520 → '175B'."""
    if count < 0:
        return "-" + rounded_label(-count)
    if count < 1000:
        return f"{count:g}"
    exponent = min(int(math.log10(count)) // 3, 4)
    # Rounding may carry into the next unit (999,999,999 → 1000M): move up one.
    value = count / 1000**exponent
    if round(value, max(0, 2 - int(math.log10(value)))) >= 1000 and exponent < 4:
        exponent += 1
        value = count / 1000**exponent
    digits = max(0, 2 - math.floor(math.log10(value)))
    text = f"{value:.{digits}f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text + " KMBT"[exponent]


def ratio_label(numerator: int, denominator: int) -> str:
    """numerator / denominator written briefly: (49152, 12288) → '4', (11008, 4096) → '2.69'."""
    ratio = numerator / denominator
    return f"{ratio:g}" if ratio == int(ratio) else f"{ratio:.3g}"


def neuron_values(d_mlp: int, tokens: int) -> int:
    """How many neuron values one MLP block computes for a prompt: d_mlp × tokens."""
    return d_mlp * tokens


def fixed(value: float, decimals: int) -> str:
    """value with ``decimals`` digits after the point, never '-0.00' for a tiny negative."""
    rounded = round(float(value), decimals) + 0.0
    return f"{rounded:.{decimals}f}"


def signed_terms(coefficients: list[float], decimals: int) -> list[tuple[str, str]]:
    """(sign, magnitude) per coefficient for writing a sum: the first sign is '' or '-',
    later ones ' + ' or ' - ', so 1, -0.5 reads '1.00 - 0.50', not '1.00 + -0.50'."""
    terms = []
    for index, value in enumerate(coefficients):
        text = fixed(value, decimals)
        negative = text.startswith("-")
        magnitude = text.lstrip("-")
        if index == 0:
            terms.append(("-" if negative else "", magnitude))
        else:
            terms.append((" - " if negative else " + ", magnitude))
    return terms


def sample_weights(rows: int, columns: int, seed: int, scale: float = 0.1) -> NDArray[np.float64]:
    """Seeded N(0, scale²) numbers standing for a big matrix's entries in a picture.

    Only the drawn corner is sampled (rows × columns, the sizes on screen), never the real
    matrix: a picture of W_up for GPT-3 must not allocate 49,152 × 12,288 numbers.
    """
    return np.asarray(np.random.default_rng(seed).normal(0.0, scale, (rows, columns)))


def layer_grid(n_layers: int, max_icons: int, max_per_row: int) -> tuple[int, bool, int]:
    """Layer icons to draw, whether an ellipsis stands for the rest, and icons per row,
    balanced so that rows are (nearly) equally long: 32 layers → 2 rows of 16."""
    shown, elided = (n_layers, False) if n_layers <= max_icons else (max_icons - 1, True)
    cells = shown + elided
    rows = math.ceil(cells / max_per_row)
    return shown, elided, math.ceil(cells / rows)


def percent(share: float, decimals: int = 1) -> str:
    """A share in [0, 1] written as a percentage: 0.662 → '66.2%'."""
    return f"{100 * share:.{decimals}f}%"
