r"""Cramming more directions than dimensions into a small space, and the pictures around it.

N unit vectors v_i in R^d (rows of V), cosines c_ij = v_i · v_j. Two directions are as far
from overlapping as they can be when perpendicular (c = 0); a direction and its opposite
carry the same feature, so the angle that matters between two lines is

    θ_ij = arccos |c_ij|  ∈ [0°, 90°].

The optimiser spreads the vectors by minimising a smooth stand-in for the largest |c_ij|,

    L_p(V) = Σ_{i<j} c_ij^(2p),      ∂L_p/∂v_i = Σ_{j≠i} 2p c_ij^(2p−1) v_j,

by projected gradient descent on the sphere (each step removes the gradient's radial part,
moves along the rest, and renormalises the rows), with p doubling on a schedule so that the
last steps push down only the worst pairs. Normalising each step by the gradient's largest
row keeps the step length in degrees, whatever the size of L_p.

Known optima this reaches (tests): N ≤ d vectors become exactly perpendicular; four lines in
the plane end 45° apart; six lines in 3-D end 63.43° apart (the icosahedron's diagonals,
arccos(1/√5)).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

FloatArray = NDArray[np.float64]
FINAL_SHRINK = 0.005  # the last step moves this fraction of the first step's length


@dataclass(frozen=True)
class CrammingResult:
    """Every step of one run: the vectors and the worst (smallest) angle between lines.

    ``vectors[k]`` is V after k steps (shape steps + 1, N, d); ``worst_angle_deg[k]`` is
    min_{i<j} arccos |c_ij| at that step, and ``worst_pair[k]`` the pair (i, j) reaching it.
    """

    vectors: FloatArray
    worst_angle_deg: FloatArray
    worst_pair: NDArray[np.int64]

    @property
    def steps(self) -> int:
        """Steps taken (one less than the frames recorded)."""
        return int(self.vectors.shape[0]) - 1

    @property
    def final(self) -> FloatArray:
        """V after the last step."""
        return np.asarray(self.vectors[-1])

    @property
    def off_perpendicular_deg(self) -> FloatArray:
        """How far the worst pair is from perpendicular after each step, 90° − θ_min: the
        same for two arrows and for their lines (arrows at 63.4° or at 116.6° are both
        26.6° off), so a picture of arrows can carry it."""
        return np.asarray(90.0 - self.worst_angle_deg, dtype=np.float64)

    def pair_angles_deg(self, step: int = -1) -> FloatArray:
        """arccos |c_ij| for every pair i < j at ``step``, in degrees (ascending order of i,
        then j)."""
        return line_angles_deg(self.vectors[step])


def seeded_directions(n_vectors: int, dim: int, seed: int) -> FloatArray:
    """N seeded Gaussian vectors in R^d, normalised to unit length (float64)."""
    points = np.random.default_rng(seed).standard_normal((n_vectors, dim))
    return np.asarray(points / np.linalg.norm(points, axis=1, keepdims=True))


def line_angles_deg(vectors: FloatArray) -> FloatArray:
    """arccos |v_i · v_j| in degrees for every pair i < j of unit rows (0° = same line,
    90° = perpendicular)."""
    cosines = np.abs(vectors @ vectors.T)
    upper = np.triu_indices(vectors.shape[0], k=1)
    return np.asarray(np.degrees(np.arccos(np.clip(cosines[upper], 0.0, 1.0))), dtype=np.float64)


def worst_pair(vectors: FloatArray) -> tuple[float, int, int]:
    """(smallest angle between two lines in degrees, i, j) over the unit rows of V."""
    cosines = np.abs(vectors @ vectors.T)
    np.fill_diagonal(cosines, -1.0)
    flat = int(np.argmax(cosines))
    i, j = divmod(flat, vectors.shape[0])
    angle = math.degrees(math.acos(min(1.0, float(cosines[i, j]))))
    return angle, min(i, j), max(i, j)


def _gradient(vectors: FloatArray, power: int) -> FloatArray:
    """∂L_p/∂V projected onto the sphere's tangent space at each row. Cosines are divided
    by the largest |c| first (L_p changes by a constant factor), so that c^(2p − 1) never
    underflows for large p."""
    cosines = vectors @ vectors.T
    np.fill_diagonal(cosines, 0.0)
    scale = max(float(np.max(np.abs(cosines))), 1e-12)
    weights = 2 * power * (cosines / scale) ** (2 * power - 1)
    grad = weights @ vectors
    radial = np.sum(grad * vectors, axis=1, keepdims=True)
    return np.asarray(grad - radial * vectors)


def cram(
    n_vectors: int,
    dim: int,
    seed: int,
    steps: int = 240,
    step_deg: float = 2.0,
    powers: tuple[int, ...] = (2, 4, 8, 16, 32),
) -> CrammingResult:
    """Spread N seeded unit vectors in R^d so that no two lines are close (module docstring).

    Parameters: ``steps`` steps in all, split evenly between the ``powers`` p (in order);
    ``step_deg`` is the first step's largest move of a row in degrees, shrinking
    geometrically to FINAL_SHRINK of it by the last step. Deterministic: the same inputs
    give the same run.
    """
    if n_vectors < 2 or dim < 1 or steps < 1:
        raise ValueError("need at least 2 vectors, 1 dimension and 1 step")
    vectors = seeded_directions(n_vectors, dim, seed)
    frames = [vectors.copy()]
    for step in range(steps):
        power = powers[min(len(powers) - 1, step * len(powers) // steps)]
        grad = _gradient(vectors, power)
        largest = float(np.max(np.linalg.norm(grad, axis=1)))
        if largest > 1e-12:
            shrink = FINAL_SHRINK ** (step / max(steps - 1, 1))
            move = math.radians(step_deg) * shrink
            vectors = vectors - move * grad / largest
            vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
        frames.append(vectors.copy())
    stacked = np.stack(frames)
    worst = [worst_pair(frame) for frame in stacked]
    return CrammingResult(
        vectors=stacked,
        worst_angle_deg=np.array([w[0] for w in worst]),
        worst_pair=np.array([(w[1], w[2]) for w in worst], dtype=np.int64),
    )


def best_cram(
    n_vectors: int, dim: int, seed: int, tries: int = 4, steps: int = 240
) -> CrammingResult:
    """The run, among ``tries`` seeded starts (seed, seed + 1, ...), whose final worst
    angle is largest: gradient descent can stop at a local optimum, a few starts avoid it."""
    runs = [cram(n_vectors, dim, seed + k, steps) for k in range(tries)]
    return max(runs, key=lambda run: float(run.worst_angle_deg[-1]))


def fourth_vector_bound_deg() -> float:
    """How close to perpendicular a fourth direction can get to three perpendicular axes in
    3-D: for a unit u, max_i |u_i| ≥ 1/√3, so some axis is within arccos(1/√3) ≈ 54.74° of
    its line: it is at least 90° − 54.74° = 35.26° off perpendicular, at best (the cube's
    diagonal)."""
    return 90.0 - math.degrees(math.acos(1 / math.sqrt(3)))


def jostle_path(frames: int, seed: int, wander_deg: float = 40.0) -> FloatArray:
    """A fourth unit vector wandering among the three axes of R^3: seeded random waypoints
    in the positive octant joined by great-circle arcs, ending on the cube's diagonal
    (1, 1, 1)/√3, the best spot there is. Shape (frames, 3)."""
    rng = np.random.default_rng(seed)
    diagonal = np.ones(3) / math.sqrt(3)
    waypoints = [diagonal]
    for _ in range(4):
        tilt = rng.standard_normal(3)
        tilt -= tilt @ diagonal * diagonal
        tilt /= np.linalg.norm(tilt)
        angle = math.radians(wander_deg) * rng.uniform(0.5, 1.0)
        waypoints.append(math.cos(angle) * diagonal + math.sin(angle) * tilt)
    waypoints.append(diagonal)
    points = []
    legs = len(waypoints) - 1
    for k in range(frames):
        t = k / max(frames - 1, 1) * legs
        leg = min(int(t), legs - 1)
        points.append(_slerp(waypoints[leg], waypoints[leg + 1], t - leg))
    return np.asarray(points)


def _slerp(a: FloatArray, b: FloatArray, t: float) -> FloatArray:
    """The point a fraction t of the way along the great circle from a to b (unit vectors)."""
    cosine = float(np.clip(a @ b, -1.0, 1.0))
    omega = math.acos(cosine)
    if omega < 1e-9:
        return np.asarray(a)
    point = (math.sin((1 - t) * omega) * a + math.sin(t * omega) * b) / math.sin(omega)
    return np.asarray(point / np.linalg.norm(point))


def degrees_off_perpendicular(cosine: float, decimals: int) -> float:
    """How far two directions with this cosine are from perpendicular, in degrees:
    90° − arccos |c|, where the angle arccos |c| is rounded to ``decimals`` first, so that the
    angle and its distance from 90° add up to 90° as displayed."""
    angle = round(math.degrees(math.acos(min(1.0, abs(float(cosine))))), decimals)
    return round(90.0 - angle, decimals)


def arrow_angle_deg(first: FloatArray, second: FloatArray) -> float:
    """The angle in degrees between two arrows from the origin, arccos(a · b / |a||b|), in
    [0°, 180°] (not folded onto lines: what is seen between the two arrows)."""
    a, b = np.asarray(first, dtype=float), np.asarray(second, dtype=float)
    cosine = float(a @ b) / float(np.linalg.norm(a) * np.linalg.norm(b))
    return math.degrees(math.acos(min(1.0, max(-1.0, cosine))))


def arc_between(first: FloatArray, second: FloatArray, radius: float, count: int) -> FloatArray:
    """``count`` points at distance ``radius`` from the origin along the great circle from
    the direction of ``first`` to that of ``second``: the arc that marks their angle (in
    3-D, to be projected). Shape (count, dim)."""
    a = np.asarray(first, dtype=float) / np.linalg.norm(first)
    b = np.asarray(second, dtype=float) / np.linalg.norm(second)
    return np.asarray([radius * _slerp(a, b, k / max(count - 1, 1)) for k in range(count)])


def facing_view(
    first: FloatArray, second: FloatArray, low_deg: float, high_deg: float
) -> tuple[float, float]:
    """(azimuth, elevation) in degrees of a camera (mathcore.projection) looking along the
    normal n = a × b of the plane of two 3-D directions, so that the angle between them is
    seen at its true size; n is taken with n_z ≥ 0, and the elevation asin(n_z / |n|) is
    clamped to [low_deg, high_deg] so the z axis never shrinks to a dot."""
    normal = np.cross(np.asarray(first, dtype=float), np.asarray(second, dtype=float))
    normal = normal / max(float(np.linalg.norm(normal)), 1e-12)
    if normal[2] < 0:
        normal = -normal
    elevation = min(max(math.degrees(math.asin(min(1.0, float(normal[2])))), low_deg), high_deg)
    azimuth = math.degrees(math.atan2(float(normal[1]), float(normal[0])))
    return azimuth, elevation


def axis_angles_deg(vector: FloatArray) -> FloatArray:
    """Angle in degrees between the line of ``vector`` and each coordinate axis's line,
    arccos |u_i| / |u|."""
    unit = np.asarray(vector, dtype=float) / np.linalg.norm(vector)
    return np.asarray(np.degrees(np.arccos(np.clip(np.abs(unit), 0.0, 1.0))), dtype=np.float64)


def polysemantic_patterns(
    features: int, neurons: int, seed: int, threshold: float = 0.5, rotations: int = 32
) -> FloatArray:
    """How strongly each neuron takes part in each feature when F features share n < F
    neurons: the F crammed directions in neuron space (``best_cram``), seen in a seeded
    random basis (the neurons' axes have no reason to line up with the features: a rotation
    keeps every angle), as |components| divided by each row's largest, so every feature's
    strongest neuron shows at 1. Of ``rotations`` seeded bases, the first in which every
    feature has at least two neurons at ``threshold`` or more is used (else the one where
    the fewest features rest on a single neuron). Shape (features, neurons)."""
    spread = best_cram(features, neurons, seed).final
    rng = np.random.default_rng(seed)
    best: FloatArray | None = None
    best_score = -1
    for _ in range(rotations):
        basis, _upper = np.linalg.qr(rng.standard_normal((neurons, neurons)))
        magnitude = np.abs(spread @ basis)
        patterns = np.asarray(magnitude / magnitude.max(axis=1, keepdims=True))
        score = int(np.sum((patterns >= threshold).sum(axis=1) >= 2))
        if score > best_score:
            best, best_score = patterns, score
        if score == features:
            break
    assert best is not None
    return best


def busiest_neuron(patterns: FloatArray, threshold: float) -> tuple[int, list[int]]:
    """The neuron taking part (at least ``threshold`` of a feature's strongest) in the most
    features, and those features: the polysemantic neuron to point at."""
    involved = patterns >= threshold
    neuron = int(np.argmax(involved.sum(axis=0)))
    return neuron, [int(f) for f in np.flatnonzero(involved[:, neuron])]


def wedge_width(distance: float, tolerance_deg: float) -> float:
    """Width across a wedge of half-angle ``tolerance_deg`` at ``distance`` from its apex,
    measured perpendicular to its centre line: 2 · distance · tan(tolerance)."""
    return 2.0 * distance * math.tan(math.radians(tolerance_deg))


def nice_zoom(width: float, target: float) -> int:
    """The largest magnification of the form 1, 2 or 5 × 10^k that makes ``width`` at most
    ``target`` wide (at least 1: a wedge already wide enough is shown as it is)."""
    if width <= 0 or target <= width:
        return 1
    limit = target / width
    best = 1
    for exponent in range(int(math.log10(limit)) + 1):
        for mantissa in (1, 2, 5):
            zoom = mantissa * 10**exponent
            if zoom <= limit:
                best = max(best, zoom)
    return best


NICE_STEPS = (1.0, 2.0, 5.0, 10.0, 15.0, 30.0)  # degrees between a number line's numbers


def window_around(angle_deg: float, max_steps: int = 6) -> tuple[float, float, float]:
    """A window (low, high, step) of angles symmetric about 90°: the smallest step of
    NICE_STEPS for which the window, ending on multiples of the step and reaching at least
    one step past ``angle_deg`` (and its mirror 180° − angle), has at most ``max_steps``
    steps. Room on a number line for a point at that angle and its label, with numbers
    that do not crowd."""
    off = abs(90.0 - angle_deg)
    for step in NICE_STEPS:
        half = min(step * (math.ceil(off / step) + 1), 90.0)
        if 2 * half / step <= max_steps:
            return 90.0 - half, 90.0 + half, step
    return 0.0, 180.0, NICE_STEPS[-1]
