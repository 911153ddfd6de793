"""Directions, angles and bounds against brute force and closed forms."""

import itertools
import math
import subprocess
import sys

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import mathcore


def test_named_directions_are_unit_nearly_perpendicular_and_seeded() -> None:
    names = ("Michael", "Jordan", "basketball")
    a = mathcore.named_directions(names, 50, seed=4, tilt=0.1)
    b = mathcore.named_directions(names, 50, seed=4, tilt=0.1)
    c = mathcore.named_directions(names, 50, seed=5, tilt=0.1)
    assert np.array_equal(a.vectors, b.vectors)
    assert not np.allclose(a.vectors, c.vectors)
    assert np.linalg.norm(a.vectors, axis=1) == pytest.approx(np.ones(3))
    off_diagonal = a.dot_products()[~np.eye(3, dtype=bool)]
    assert 0 < np.max(np.abs(off_diagonal)) < 0.1
    exact = mathcore.named_directions(names, 50, seed=4, tilt=0.0)
    assert exact.dot_products() == pytest.approx(np.eye(3), abs=1e-12)


def test_angles_match_arccos_of_dot_products() -> None:
    d = mathcore.named_directions(("a", "b"), 3, seed=0, tilt=0.3)
    dot = float(d["a"] @ d["b"])
    assert d.angles_deg()[0, 1] == pytest.approx(math.degrees(math.acos(dot)))
    assert mathcore.angle_deg(dot) == pytest.approx(math.degrees(math.acos(dot)))
    assert mathcore.angle_deg(1.0000001) == 0.0


@settings(max_examples=30, deadline=None)
@given(st.integers(3, 8), st.integers(0, 10_000), st.floats(0, 0.5))
def test_encode_gives_the_requested_dot_products(dim: int, seed: int, tilt: float) -> None:
    d = mathcore.named_directions(("M", "J", "B"), dim, seed, tilt)
    e = d.encode({"M": 1.0, "J": 1.0})
    assert d.vectors @ e == pytest.approx([1.0, 1.0, 0.0], abs=1e-9)


def test_span_coordinates_preserve_lengths_and_angles() -> None:
    d = mathcore.named_directions(("M", "J", "B"), 40, seed=2, tilt=0.2)
    e = d.encode({"M": 1.0, "J": 1.0})
    points = np.vstack([d.vectors, e])
    coords = mathcore.span_coordinates(d.vectors, points)
    assert coords.shape == (4, 3)
    assert coords @ coords.T == pytest.approx(points @ points.T, abs=1e-12)


def test_welch_bound_closed_forms() -> None:
    # The figure: 10,000 vectors in 100 dimensions.
    assert mathcore.welch_bound(10_000, 100) == pytest.approx(0.0995, abs=5e-5)
    assert math.degrees(math.acos(mathcore.welch_bound(10_000, 100))) == pytest.approx(
        84.29, abs=0.01
    )
    # A regular simplex (d + 1 vectors in d dimensions) meets the bound: every cos is −1/d.
    dim = 5
    simplex = np.eye(dim + 1) - 1 / (dim + 1)
    simplex = mathcore.normalize_rows(simplex)
    gram = simplex @ simplex.T
    assert np.max(np.abs(gram[~np.eye(dim + 1, dtype=bool)])) == pytest.approx(
        mathcore.welch_bound(dim + 1, dim)
    )
    assert mathcore.welch_bound(3, 3) == 0.0
    assert mathcore.rms_cosine_bound(10_000, 100) == mathcore.welch_bound(10_000, 100)


@settings(max_examples=25, deadline=None)
@given(st.integers(2, 40), st.integers(1, 6), st.integers(1, 17), st.integers(0, 10_000))
def test_blocked_histogram_equals_brute_force(n: int, dim: int, block: int, seed: int) -> None:
    vectors = np.random.default_rng(seed).normal(size=(n, dim))
    edges = np.linspace(0, 180, 19)
    unit = vectors / np.linalg.norm(vectors, axis=1, keepdims=True)
    angles = [
        math.degrees(math.acos(max(-1.0, min(1.0, float(unit[i] @ unit[j])))))
        for i, j in itertools.combinations(range(n), 2)
    ]
    expected = np.histogram(angles, bins=edges)[0]
    got = mathcore.pairwise_angle_histogram(vectors, edges, block=block)
    assert got.tolist() == expected.tolist()
    assert got.sum() == n * (n - 1) // 2


def test_random_vectors_cluster_near_ninety_degrees() -> None:
    # In 100 dimensions, random cosines have standard deviation 1/√100 = 0.1 (≈ ±5.7°).
    vectors = np.random.default_rng(0).normal(size=(400, 100))
    counts = mathcore.pairwise_angle_histogram(vectors, [0, 84.3, 95.7, 180], block=64)
    assert counts[1] / counts.sum() == pytest.approx(0.68, abs=0.03)


def test_softmax_closed_forms() -> None:
    # Two scores: softmax is the logistic function of their difference.
    p = mathcore.softmax([2.0, 0.5])
    assert p[0] == pytest.approx(1 / (1 + math.exp(-1.5)))
    assert mathcore.softmax([1.0, 1.0, 1.0]) == pytest.approx([1 / 3] * 3)
    assert mathcore.softmax([1000.0, 0.0])[0] == pytest.approx(1.0)
    cold = mathcore.softmax([1.0, 2.0, 3.0], temperature=0.01)
    assert cold[2] == pytest.approx(1.0)
    hot = mathcore.softmax([1.0, 2.0, 3.0], temperature=1e6)
    assert hot == pytest.approx([1 / 3] * 3, abs=1e-5)
    with pytest.raises(ValueError):
        mathcore.softmax([1.0], temperature=0)
    u = np.array([[1.0, 0.0], [0.0, 2.0]])
    assert mathcore.logits(u, [3.0, 4.0]).tolist() == [3.0, 8.0]


def test_toy_embeddings_analogy_finds_aunt() -> None:
    words = {
        "man": {"male": 1.0},
        "woman": {"female": 1.0},
        "uncle": {"male": 1.0, "sibling_of_parent": 1.0},
        "aunt": {"female": 1.0, "sibling_of_parent": 1.0},
        "king": {"male": 1.0, "royal": 1.0},
        "queen": {"female": 1.0, "royal": 1.0},
    }
    emb = mathcore.toy_embeddings(words, dim=20, seed=1, noise=0.1)
    _target, nearest = emb.analogy("uncle", "man", "woman")
    assert nearest == "aunt"
    assert emb.analogy("king", "man", "woman")[1] == "queen"
    best = emb.nearest(emb["queen"], k=1)
    assert best[0][0] == "queen" and best[0][1] == pytest.approx(1.0)


def test_projection_axes_are_orthonormal_and_look_down_x() -> None:
    axes = mathcore.camera_axes(37.0, 21.0)
    assert axes @ axes.T == pytest.approx(np.eye(3), abs=1e-12)
    # From azimuth 0, elevation 0, the camera looks along −x: y is right, z is up.
    assert mathcore.project([[0, 1, 0], [0, 0, 1], [1, 0, 0]], 0, 0) == pytest.approx(
        np.array([[1, 0, 0], [0, 1, 0], [0, 0, 1]]), abs=1e-12
    )


def test_mathcore_imports_without_manim() -> None:
    code = "import sys, mathcore; sys.exit('manim' in sys.modules)"
    assert subprocess.run([sys.executable, "-c", code], check=False).returncode == 0
