"""Orthographic projection of 3-D points onto a screen, for drawing 3-D views in 2-D.

A camera at azimuth θ (around the z axis) and elevation φ (above the xy plane) looks at the
origin. Its screen axes are the orthonormal vectors

    right = (−sin θ, cos θ, 0)
    up    = (−sin φ cos θ, −sin φ sin θ, cos φ)
    back  = (cos φ cos θ, cos φ sin θ, sin φ)       (towards the camera)

and a point p appears at (p · right, p · up) with depth p · back (larger is nearer).
"""

from __future__ import annotations

import numpy as np
from numpy.typing import ArrayLike, NDArray

FloatArray = NDArray[np.float64]


def camera_axes(azimuth_deg: float, elevation_deg: float) -> FloatArray:
    """The 3 × 3 matrix whose rows are the camera's right, up and back vectors."""
    theta, phi = np.radians(azimuth_deg), np.radians(elevation_deg)
    right = [-np.sin(theta), np.cos(theta), 0.0]
    up = [-np.sin(phi) * np.cos(theta), -np.sin(phi) * np.sin(theta), np.cos(phi)]
    back = [np.cos(phi) * np.cos(theta), np.cos(phi) * np.sin(theta), np.sin(phi)]
    return np.array([right, up, back], dtype=np.float64)


def project(points: ArrayLike, azimuth_deg: float, elevation_deg: float) -> FloatArray:
    """Screen coordinates and depth of 3-D points: rows (x_screen, y_screen, depth)."""
    pts = np.asarray(points, dtype=np.float64)
    return np.asarray(pts @ camera_axes(azimuth_deg, elevation_deg).T, dtype=np.float64)
