"""Named feature directions: unit vectors that are nearly, but not exactly, perpendicular.

A "feature" such as *first name Michael* is a unit direction u in R^d. A vector E encodes the
feature when E · u = 1 (or more) and does not when E · u ≤ 0.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

import numpy as np
from numpy.typing import ArrayLike, NDArray

FloatArray = NDArray[np.float64]


@dataclass(frozen=True)
class NamedDirections:
    """k unit vectors (rows of ``vectors``, shape (k, d)) each with a name."""

    names: tuple[str, ...]
    vectors: FloatArray

    def __getitem__(self, name: str) -> FloatArray:
        return np.asarray(self.vectors[self.names.index(name)], dtype=np.float64)

    @property
    def dim(self) -> int:
        """The dimension d of the space the directions live in."""
        return int(self.vectors.shape[1])

    def dot_products(self) -> FloatArray:
        """The Gram matrix G[i, j] = u_i · u_j (ones on the diagonal)."""
        return np.asarray(self.vectors @ self.vectors.T, dtype=np.float64)

    def angles_deg(self) -> FloatArray:
        """Pairwise angles θ[i, j] = arccos(u_i · u_j) in degrees."""
        return np.degrees(np.arccos(np.clip(self.dot_products(), -1.0, 1.0)))

    def encode(self, features: dict[str, float]) -> FloatArray:
        """The shortest vector E with E · u_name = value for every named direction.

        Names not in ``features`` get value 0. E = Uᵀ (U Uᵀ)⁻¹ c, the minimum-norm solution
        of U E = c; it exists because the directions are linearly independent.
        """
        unknown = set(features) - set(self.names)
        if unknown:
            raise KeyError(f"unknown direction(s) {sorted(unknown)}; known: {list(self.names)}")
        targets = np.array([features.get(name, 0.0) for name in self.names], dtype=np.float64)
        coefficients = np.linalg.solve(self.dot_products(), targets)
        return np.asarray(self.vectors.T @ coefficients, dtype=np.float64)


def named_directions(
    names: tuple[str, ...] | list[str], dim: int, seed: int, tilt: float = 0.1
) -> NamedDirections:
    """k = len(names) unit vectors in R^dim, nearly perpendicular, reproducible from ``seed``.

    Start from an orthonormal set (QR of a seeded Gaussian matrix), add ``tilt`` times seeded
    Gaussian noise scaled by 1/√dim, and renormalise. With tilt = 0 the directions are exactly
    perpendicular; |u_i · u_j| grows roughly like tilt·√(2/dim) as tilt rises. Needs k ≤ dim.
    """
    k = len(names)
    if len(set(names)) != k:
        raise ValueError(f"direction names must be distinct, got {list(names)}")
    if not 1 <= k <= dim:
        raise ValueError(f"need 1 <= number of directions <= dim, got {k} in {dim} dimensions")
    if tilt < 0:
        raise ValueError(f"tilt must be >= 0, got {tilt}")
    rng = np.random.default_rng(seed)
    gaussian = rng.standard_normal((dim, k))
    orthonormal, upper = np.linalg.qr(gaussian)
    # Fix QR's sign ambiguity so that the basis depends only on the seed.
    orthonormal = orthonormal * np.sign(np.diag(upper))
    tilted = orthonormal.T + tilt * rng.standard_normal((k, dim)) / np.sqrt(dim)
    unit = tilted / np.linalg.norm(tilted, axis=1, keepdims=True)
    return NamedDirections(tuple(names), np.asarray(unit, dtype=np.float64))


def span_coordinates(basis_vectors: ArrayLike, points: ArrayLike) -> FloatArray:
    """Coordinates of ``points`` (rows) in an orthonormal basis of span(``basis_vectors``).

    The basis is Q from the QR factorisation of the (k, d) matrix's transpose, with signs fixed
    so that each basis vector has a positive component along the matching input vector. Lengths
    and angles of points inside the span are preserved exactly, which lets a 3-D view show three
    directions of a high-dimensional space faithfully.
    """
    q, r = np.linalg.qr(np.asarray(basis_vectors, dtype=np.float64).T)
    q = q * np.where(np.diag(r) < 0, -1.0, 1.0)
    return np.asarray(np.asarray(points, dtype=np.float64) @ q, dtype=np.float64)


def projection_onto(vector: ArrayLike, direction: ArrayLike) -> tuple[float, FloatArray]:
    """The dot product v · u and the foot of the perpendicular from v onto the line of u.

    foot = ((v · u) / (u · u)) u; for a unit u (every named direction) that is (v · u) u, so
    the foot's signed length along u is the dot product itself: the reading of v along u.
    """
    v = np.asarray(vector, dtype=np.float64)
    u = np.asarray(direction, dtype=np.float64)
    dot = float(v @ u)
    return dot, np.asarray((dot / float(u @ u)) * u, dtype=np.float64)


def path_point(stops: ArrayLike, t: float) -> FloatArray:
    """The point at parameter t of the polyline through ``stops`` (rows), one unit of t per
    segment: t = 0 is the first stop, t = k the (k+1)-th; t is clipped to [0, len − 1].

    Between stops the point moves in a straight line, so any dot product with it (a linear
    function) moves linearly too: the live readout passes through every value in between.
    """
    points = np.asarray(stops, dtype=np.float64)
    last = len(points) - 1
    if last < 0:
        raise ValueError("need at least one stop")
    t = min(max(float(t), 0.0), float(last))
    index = min(int(np.floor(t)), max(last - 1, 0))
    if last == 0:
        return np.asarray(points[0], dtype=np.float64)
    fraction = t - index
    return np.asarray((1 - fraction) * points[index] + fraction * points[index + 1])


Band = Literal["yes", "no", "partial"]


def reading_band(value: float, tolerance: float = 0.1) -> Band:
    """How a reading r = E · u is interpreted: "yes" (E encodes the feature) when
    r ≥ 1 − tolerance, "no" when r ≤ tolerance (about zero, or negative), "partial" between.

    A reading above 1 still means yes: the feature is present, only more strongly.
    """
    if not 0.0 <= tolerance < 0.5:
        raise ValueError(f"tolerance must be in [0, 0.5), got {tolerance}")
    if value >= 1.0 - tolerance:
        return "yes"
    if value <= tolerance:
        return "no"
    return "partial"


def arc_between(a: ArrayLike, b: ArrayLike, radius: float, samples: int = 24) -> FloatArray:
    """Points of the circular arc of ``radius`` from direction a to direction b (rows), in
    the plane they span, for drawing the angle between them.

    With â = a/|a| and w the unit part of b orthogonal to â, the arc is
    r (cos t â + sin t w) for t from 0 to θ = arccos(â · b̂).
    """
    u = np.asarray(a, dtype=np.float64)
    v = np.asarray(b, dtype=np.float64)
    u = u / np.linalg.norm(u)
    v = v / np.linalg.norm(v)
    theta = float(np.arccos(np.clip(u @ v, -1.0, 1.0)))
    w = v - (u @ v) * u
    norm = float(np.linalg.norm(w))
    if norm < 1e-12:
        raise ValueError("a and b are parallel: the plane of the arc is not defined")
    w = w / norm
    t = np.linspace(0.0, theta, samples)[:, None]
    return np.asarray(radius * (np.cos(t) * u + np.sin(t) * w), dtype=np.float64)


def facing_camera(a: ArrayLike, b: ArrayLike) -> FloatArray:
    """The camera (rows right, up, back, as mathcore.projection.camera_axes) that looks
    straight at the plane of two 3-D directions a and b, so the angle between them is seen at
    its true size: right = â, back = (a × b)/|a × b| (towards the camera), up = back × right.

    On screen a then points right and b at its true angle θ = arccos(â · b̂) anticlockwise
    from it, at (cos θ, sin θ) |b|; a third direction perpendicular to both points straight
    at the viewer (or away) and shrinks to a dot.
    """
    u = np.asarray(a, dtype=np.float64)
    v = np.asarray(b, dtype=np.float64)
    normal = np.cross(u, v)
    size = float(np.linalg.norm(normal))
    if size <= 1e-12 * float(np.linalg.norm(u) * np.linalg.norm(v)):
        raise ValueError("a and b are parallel: the plane to face is not defined")
    right = u / np.linalg.norm(u)
    back = normal / size
    return np.array([right, np.cross(back, right), back], dtype=np.float64)


def turn_camera(start: ArrayLike, end: ArrayLike, s: float) -> FloatArray:
    """The camera a fraction s of the way from ``start`` to ``end`` (3 × 3 rotations, rows
    right, up, back) along the shortest turn: C(s) = C₀ exp(s log(C₀ᵀ C₁)), so C(0) = C₀,
    C(1) = C₁, and the camera turns at a steady rate about one fixed axis in between."""
    from scipy.spatial.transform import Rotation

    c0 = np.asarray(start, dtype=np.float64)
    c1 = np.asarray(end, dtype=np.float64)
    step = Rotation.from_matrix(c0.T @ c1).as_rotvec()
    return np.asarray(c0 @ Rotation.from_rotvec(float(s) * step).as_matrix(), dtype=np.float64)


def camera_angles(camera: ArrayLike) -> tuple[float, float]:
    """(azimuth, elevation) in degrees of the direction the camera looks from (its back row
    (cos φ cos θ, cos φ sin θ, sin φ), mathcore.projection): φ = asin(back_z), θ =
    atan2(back_y, back_x). A camera turned about its line of sight has the same angles."""
    back = np.asarray(camera, dtype=np.float64)[2]
    elevation = float(np.degrees(np.arcsin(np.clip(back[2], -1.0, 1.0))))
    azimuth = float(np.degrees(np.arctan2(back[1], back[0])))
    return azimuth, elevation
