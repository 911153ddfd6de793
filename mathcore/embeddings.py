"""Toy word embeddings built from named feature directions, and analogies a − b + c.

E(word) = Σ_f c_{word,f} · u_f + noise · g_word, with u_f the feature directions and g_word a
seeded standard Gaussian vector scaled by 1/√d.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from mathcore.directions import named_directions

FloatArray = NDArray[np.float64]


@dataclass(frozen=True)
class ToyEmbeddings:
    """Words (``words[i]`` is row i of ``vectors``) in R^d."""

    words: tuple[str, ...]
    vectors: FloatArray

    def __getitem__(self, word: str) -> FloatArray:
        return np.asarray(self.vectors[self.words.index(word)], dtype=np.float64)

    def nearest(
        self, query: FloatArray, k: int = 1, exclude: tuple[str, ...] = ()
    ) -> list[tuple[str, float]]:
        """The k words with the largest cosine similarity to ``query``, best first."""
        norms = np.linalg.norm(self.vectors, axis=1) * np.linalg.norm(query)
        cosines = (self.vectors @ query) / np.where(norms == 0, 1.0, norms)
        order = [int(i) for i in np.argsort(-cosines, kind="stable")]
        ranked = [(self.words[i], float(cosines[i])) for i in order if self.words[i] not in exclude]
        return ranked[:k]

    def analogy(self, a: str, b: str, c: str) -> tuple[FloatArray, str]:
        """E(a) − E(b) + E(c), and the nearest word to it other than a, b and c."""
        target = self[a] - self[b] + self[c]
        return target, self.nearest(target, 1, exclude=(a, b, c))[0][0]


def toy_embeddings(
    words: Mapping[str, Mapping[str, float]], dim: int, seed: int, noise: float = 0.1
) -> ToyEmbeddings:
    """Embed each word as its feature coefficients times exactly perpendicular features + noise."""
    features = sorted({f for coefficients in words.values() for f in coefficients})
    directions = named_directions(tuple(features), dim, seed, tilt=0.0)
    rng = np.random.default_rng([seed, 2])
    rows = []
    for coefficients in words.values():
        vector = sum((v * directions[f] for f, v in coefficients.items()), np.zeros(dim))
        rows.append(vector + noise * rng.standard_normal(dim) / np.sqrt(dim))
    return ToyEmbeddings(tuple(words), np.asarray(rows, dtype=np.float64).reshape(-1, dim))
