"""Exactly perpendicular directions in 2-D and 3-D: why n dimensions hold at most n.

The superposition clip's perpendicular beat shows two paths, each a direction that tries to
join the perpendicular axes and cannot:

* in the plane, a third direction turning once round, u(φ) = (cos φ, sin φ): its line meets
  the x axis at α = arccos |cos φ| and the y axis at β = arccos |sin φ|, and α + β = 90°, so
  it is never at 90° to both;
* in space, a fourth direction kept at 90° to one axis, say x: it lies on the circle
  u(t) = cos t · e_y + sin t · e_z, where the same holds for its angles to y and z.

Angles between lines are those of :func:`mathcore.cramming.axis_angles_deg`, arccos |u_i|.
"""

from __future__ import annotations

import math

import numpy as np
from numpy.typing import NDArray

FloatArray = NDArray[np.float64]


def plane_turn(frames: int, start_deg: float = 45.0, turns: float = 1.0) -> FloatArray:
    """A unit direction in the plane turning ``turns`` times counter-clockwise from
    ``start_deg``: ``frames`` rows (cos φ, sin φ), φ evenly from start to start + 360° · turns
    (both ends included). Shape (frames, 2)."""
    angles = np.radians(np.linspace(start_deg, start_deg + 360.0 * turns, frames))
    return np.column_stack([np.cos(angles), np.sin(angles)])


def circle_perpendicular_to(
    axis: int, frames: int, start_deg: float = 45.0, turns: float = 1.0
) -> FloatArray:
    """A unit direction in 3-D kept at 90° to coordinate axis ``axis`` (0, 1 or 2): it runs
    ``turns`` times round the circle cos t · e_a + sin t · e_b of the other two axes a < b,
    from t = ``start_deg``. Shape (frames, 3); every row u has u[axis] = 0."""
    if axis not in (0, 1, 2):
        raise ValueError(f"axis {axis} is not 0, 1 or 2")
    first, second = (k for k in range(3) if k != axis)
    angles = np.radians(np.linspace(start_deg, start_deg + 360.0 * turns, frames))
    path = np.zeros((frames, 3))
    path[:, first] = np.cos(angles)
    path[:, second] = np.sin(angles)
    return path


def right_angle_corner(a: FloatArray, b: FloatArray, size: float) -> FloatArray:
    """The three corners of a right-angle mark between perpendicular directions ``a`` and
    ``b`` at the origin: size · â, size · (â + b̂), size · b̂ (â, b̂ the unit directions), the
    square's sides along the two lines. Shape (3, len(a))."""
    unit_a = np.asarray(a, dtype=float) / np.linalg.norm(a)
    unit_b = np.asarray(b, dtype=float) / np.linalg.norm(b)
    return np.asarray(size * np.vstack([unit_a, unit_a + unit_b, unit_b]), dtype=np.float64)


def closest_to_all_perpendicular_deg(path: FloatArray) -> float:
    """How near a path of directions comes to being perpendicular to every coordinate axis:
    the least, over its rows u, of the largest |90° − angle(u's line, axis)|. Zero only if
    some row is perpendicular to every axis, which no nonzero vector is."""
    rows = np.asarray(path, dtype=float)
    units = rows / np.linalg.norm(rows, axis=1, keepdims=True)
    off = 90.0 - np.degrees(np.arccos(np.clip(np.abs(units), 0.0, 1.0)))
    return float(np.abs(off).max(axis=1).min())


def best_off_perpendicular_deg(dims: int) -> float:
    """Closed form for a direction among ``dims`` perpendicular axes: its largest |u_i| is at
    least 1/√dims, so some axis is within arccos(1/√dims) of its line, and it is at least
    90° − arccos(1/√dims) off perpendicular to that axis (equality on the diagonal).
    45° in 2-D; 35.26° in 3-D."""
    return 90.0 - math.degrees(math.acos(1.0 / math.sqrt(dims)))
