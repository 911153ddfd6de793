"""The analogy a − b + c ≈ d in a toy embedding, and a faithful 3-D picture of it.

The target t = E(a) − E(b) + E(c) is compared with every other word by cosine similarity,
cos(t, E(w)) = t·E(w) / (‖t‖ ‖E(w)‖). The picture's three axes are an orthonormal basis of
span(E(a) − E(b), E(b), E(c)): E(a), E(b), E(c) and t lie in that span, so their lengths and
angles are drawn exactly; the nearest word is drawn as its projection onto the span.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from mathcore.directions import span_coordinates
from mathcore.embeddings import ToyEmbeddings

FloatArray = NDArray[np.float64]


@dataclass(frozen=True)
class AnalogyPicture:
    """The analogy's words, the nearest word to the target and its cosine, and 3-D
    coordinates of E(a), E(b), E(c), the target and the nearest word."""

    a: str
    b: str
    c: str
    nearest: str
    cosine: float
    target: FloatArray
    coords: dict[str, FloatArray]  # keys: "a", "b", "c", "target", "nearest"

    @property
    def difference(self) -> FloatArray:
        """E(a) − E(b) in the picture's coordinates (the arrow that is moved)."""
        return np.asarray(self.coords["a"] - self.coords["b"], dtype=np.float64)

    @property
    def miss(self) -> float:
        """Distance in the picture between the moved arrow's tip and the nearest word."""
        return float(np.linalg.norm(self.coords["target"] - self.coords["nearest"]))


def analogy_picture(vocabulary: ToyEmbeddings, a: str, b: str, c: str) -> AnalogyPicture:
    """E(a) − E(b) + E(c), its nearest word other than a, b, c, and the 3-D coordinates."""
    target = vocabulary[a] - vocabulary[b] + vocabulary[c]
    nearest, cosine = vocabulary.nearest(target, 1, exclude=(a, b, c))[0]
    basis = np.array([vocabulary[a] - vocabulary[b], vocabulary[b], vocabulary[c]])
    points = np.array([vocabulary[a], vocabulary[b], vocabulary[c], target, vocabulary[nearest]])
    coords = span_coordinates(basis, points)
    keys = ("a", "b", "c", "target", "nearest")
    return AnalogyPicture(
        a, b, c, nearest, cosine, target, {k: coords[i] for i, k in enumerate(keys)}
    )
