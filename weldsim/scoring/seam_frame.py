"""The seam frame: where a sample is along a seam, and the seam's directions there.

For each sample (a TCP position and, optionally, the wire axis) :func:`seam_frame` finds the
**root point**: the point of the seam's root line nearest to the wire axis (or to the point
itself when no axis is given). With the axis, moving the torch along its own axis changes
nothing here (only the CTWD), which is what "where the wire points" means. There it gives:

* ``s_mm``: position along the seam from its start, in welding order (mm);
* the unit **tangent** (welding order) and the two outward **face normals** (lower, upper),
  made normal to the tangent and unit;
* ``miss_mm``: distance from the root point to the wire axis (to the point without an axis);
* ``beyond_mm``: how far the root point lies beyond the seam's ends. A polyline's first and
  last segments, and an open arc's circle, continue past the ends, so a sample 3 mm before the
  start gets ``s_mm = -3`` and ``beyond_mm = 3`` rather than being clamped to the start;
* ``tcp_distance_mm``: distance from the point itself to the seam proper.

A closed circle (sweep of 360 degrees) has ``s_mm`` in ``[0, length)``;
:func:`unwrap_closed` makes a run of samples continuous across the start point.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, fields

import numpy as np

from weldsim.errors import InvalidInputError
from weldsim.scenarios.spec import Seam
from weldsim.scoring import _kernels as K

__all__ = ["SeamFrame", "SeamGeometry", "frame_at", "is_closed", "seam_frame", "seam_geometry",
           "unwrap_closed"]

#: A circular seam whose sweep is within this of a full turn (rad) is closed.
CLOSED_TOL_RAD = 1.0e-9


@dataclass(frozen=True, eq=False)
class SeamFrame:
    """The seam at N samples; read-only arrays, world frame.

    Attributes
    ----------
    s_mm : ndarray, shape (N,)
        Position of the root point along the seam from its start, in welding order (mm); < 0
        or > length beyond the ends of an open seam, in ``[0, length)`` on a closed circle.
    root_m : ndarray, shape (N, 3)
        The root point (world, m).
    tangent : ndarray, shape (N, 3)
        Unit tangent in welding order.
    lower_normal, upper_normal : ndarray, shape (N, 3)
        Unit outward normals of the lower and upper faces, normal to the tangent.
    miss_mm : ndarray, shape (N,)
        Distance from the root point to the wire axis (or to the point) (mm).
    beyond_mm : ndarray, shape (N,)
        Distance along the (extended) seam from the root point to the nearer end when it lies
        outside the seam, else 0 (mm).
    tcp_distance_mm : ndarray, shape (N,)
        Distance from the sample point to the nearest point of the seam proper (mm).
    """

    s_mm: np.ndarray
    root_m: np.ndarray
    tangent: np.ndarray
    lower_normal: np.ndarray
    upper_normal: np.ndarray
    miss_mm: np.ndarray
    beyond_mm: np.ndarray
    tcp_distance_mm: np.ndarray

    def __post_init__(self) -> None:
        for f in fields(self):
            getattr(self, f.name).setflags(write=False)

    def __len__(self) -> int:
        return int(self.s_mm.shape[0])

    @property
    def off_seam_mm(self) -> np.ndarray:
        """How far the wire axis passes from the seam proper: ``hypot(miss, beyond)`` (mm)."""
        return np.hypot(self.miss_mm, self.beyond_mm)


def is_closed(seam: Seam) -> bool:
    """Whether the seam is a closed circle (a full turn)."""
    return seam.kind == "circle" and abs(abs(seam.sweep_rad) - 2.0 * math.pi) < CLOSED_TOL_RAD


def _as_points(x, name: str) -> np.ndarray:
    try:
        a = np.asarray(x, dtype=np.float64)
    except (TypeError, ValueError) as exc:
        raise InvalidInputError(f"{name} must be a numeric array, got {type(x).__name__}") from exc
    if a.ndim != 2 or a.shape[1] != 3:
        raise InvalidInputError(f"{name} must have shape (N, 3), got {a.shape}")
    if not np.all(np.isfinite(a)):
        raise InvalidInputError(f"{name} contains a non-finite value")
    return np.ascontiguousarray(a)


@dataclass(frozen=True, eq=False)
class SeamGeometry:
    """What :func:`seam_frame` needs of a seam, worked out once (world frame, m).

    Build it with :func:`seam_geometry`; :func:`frame_at` projects samples on it. A caller
    that projects one pose per frame (the live coaching gauges) keeps one per seam, so the
    projection is the same code as the scoring's without redoing this part.
    """

    seam: Seam
    circle: bool
    points: np.ndarray       # (K, 3) root line (polyline)
    cum_m: np.ndarray        # (K,) arc length at each point (polyline)
    center: np.ndarray       # (3,) circle centre
    e1: np.ndarray           # (3,) circle: from the centre to the start
    e2: np.ndarray           # (3,) circle: axis x e1
    radius_m: float
    sigma: float             # +1 / -1: the circle's sense of welding
    span_rad: float
    closed: bool


def seam_geometry(seam: Seam) -> SeamGeometry:
    """The seam's projection data (see :class:`SeamGeometry`)."""
    none = np.zeros(0)
    if seam.kind == "circle":
        center = np.asarray(seam.center_m, dtype=np.float64)
        axis = np.asarray(seam.axis, dtype=np.float64)
        axis = axis / np.linalg.norm(axis)
        e1 = np.asarray(seam.points_m[0], dtype=np.float64) - center
        e1 -= (e1 @ axis) * axis
        e1 /= np.linalg.norm(e1)
        e2 = np.cross(axis, e1)
        sigma = 1.0 if seam.sweep_rad > 0 else -1.0
        return SeamGeometry(seam, True, none, none, center, e1, e2, float(seam.radius_m),
                            sigma, abs(float(seam.sweep_rad)), is_closed(seam))
    pts = np.ascontiguousarray(seam.points_m, dtype=np.float64)
    cum = np.concatenate([[0.0], np.cumsum(np.linalg.norm(np.diff(pts, axis=0), axis=1))])
    return SeamGeometry(seam, False, pts, cum, none, none, none, 0.0, 1.0, 0.0, False)


def seam_frame(seam: Seam, points_m, axes=None) -> SeamFrame:
    """The seam frame at each sample.

    Parameters
    ----------
    seam : Seam
        A polyline or circular seam (world frame).
    points_m : array_like, shape (N, 3)
        Sample points, usually the TCP (world, m).
    axes : array_like, shape (N, 3), optional
        Wire axes (world, toward the work; normalised here). When given, the root point is the
        seam point nearest to the line ``point + v axis``; otherwise nearest to the point.

    Returns
    -------
    SeamFrame

    Raises
    ------
    InvalidInputError
        When an array has the wrong shape, a non-finite value or a zero axis.
    """
    p = _as_points(points_m, "points_m")
    if axes is None:
        z = np.zeros_like(p)
        use_axis = False
    else:
        z = _as_points(axes, "axes")
        if z.shape != p.shape:
            raise InvalidInputError(f"axes must have shape {p.shape}, got {z.shape}")
        norm = np.linalg.norm(z, axis=1)
        if np.any(norm < 1e-9):
            raise InvalidInputError("axes contains a zero vector")
        z = z / norm[:, None]
        use_axis = True
    return frame_at(seam_geometry(seam), p, z, use_axis)


def frame_at(geometry: SeamGeometry, p: np.ndarray, z: np.ndarray, use_axis: bool
             ) -> SeamFrame:
    """:func:`seam_frame` on checked input: ``p`` and ``z`` C-contiguous float64 (N, 3),
    ``z`` unit wire axes (zeros without ``use_axis``). No checks: the caller's job."""
    g = geometry
    if g.circle:
        s, root, tan, miss, beyond, tcp = K.project_circle(
            g.center, g.e1, g.e2, g.radius_m, g.sigma, g.span_rad, g.closed, p, z, use_axis)
    else:
        s, root, tan, miss, beyond, tcp = K.project_polyline(g.points, g.cum_m, p, z,
                                                             use_axis)
    seam = g.seam
    lower, upper = seam.normals_at(root) if len(root) else (np.zeros((0, 3)), np.zeros((0, 3)))
    lower = _normal_to(lower, tan)
    upper = _normal_to(upper, tan)
    return SeamFrame(s_mm=1000.0 * s, root_m=root, tangent=tan, lower_normal=lower,
                     upper_normal=upper, miss_mm=1000.0 * miss, beyond_mm=1000.0 * beyond,
                     tcp_distance_mm=1000.0 * tcp)


def _normal_to(n: np.ndarray, t: np.ndarray) -> np.ndarray:
    """``n`` made normal to the unit vectors ``t`` and unit, row by row."""
    out, smallest = K.normal_to(np.ascontiguousarray(n, dtype=np.float64),
                                np.ascontiguousarray(t, dtype=np.float64))
    if smallest < 1e-9:
        raise InvalidInputError("a face normal of the seam is parallel to its tangent")
    return out


def unwrap_closed(s_mm, bounds, length_mm: float) -> np.ndarray:
    """Make positions on a closed seam continuous inside each run of samples.

    Parameters
    ----------
    s_mm : array_like, shape (M,)
        Positions in ``[0, length_mm)`` (mm).
    bounds : array_like, shape (P, 2), int
        Runs ``(start, stop)`` (half-open) of consecutive samples.
    length_mm : float
        The seam's length (mm).

    Returns
    -------
    ndarray, shape (M,)
        A copy in which a step of more than half the length between consecutive samples of a
        run counts as crossing the start point: a run crossing it forward continues past
        ``length_mm``. Take ``s % length_mm`` for the position on the seam.
    """
    s = np.array(s_mm, dtype=np.float64)
    b = np.asarray(bounds, dtype=np.int64).reshape(-1, 2)
    if not length_mm > 0.0:
        raise InvalidInputError(f"length_mm must be > 0, got {length_mm!r}")
    if b.size and (b.min() < 0 or b.max() > s.shape[0] or np.any(b[:, 1] < b[:, 0])):
        raise InvalidInputError("bounds must be (start, stop) rows inside the samples")
    K.unwrap_segments(s, np.ascontiguousarray(b), float(length_mm))
    return s
