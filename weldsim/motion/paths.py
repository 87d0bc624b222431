"""Geometric paths of the TCP: straight lines and circular arcs, parametrised on [0, 1].

A path maps a normalised parameter ``u`` in [0, 1] to a pose ``T_frame_tcp``; the time
scaling (:mod:`weldsim.motion.profiles`) decides ``u`` at each sample. Positions are in
metres; all poses of one path are in the same frame (usually ``base``).

* :class:`LinePath` (MOVEL): position linear in ``u``, orientation by slerp (shorter arc).
* :class:`ArcPath` (MOVEC): the exact circle through start, via and end; position at arc angle
  ``u * angle``; orientation slerps start -> via over the arc up to the via point, then
  via -> end, each part parametrised by its share of the arc angle.

``u`` is proportional to arc length for both; the orientation "length" (rotation angle) is
given so the planner can limit the rotation speed as well.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import numpy as np

from weldsim.errors import InvalidInputError
from weldsim.i18n import Message
from weldsim.kinematics.poses import check_pose
from weldsim.motion import _kernels
from weldsim.motion._validate import as_array

__all__ = ["ArcPath", "DegeneratePathError", "LinePath", "arc_path", "line_path"]

MIN_CHORD_M = 1e-6
"""Shortest chord (m) between arc points: closer points are taken as coincident."""
MIN_SINE = 1e-6
"""Smallest sine of the angle at the via point: a flatter triangle is taken as collinear."""


class DegeneratePathError(InvalidInputError):
    """The points of a path do not define it: coincident, or collinear for a circle."""


def _as_u(u) -> np.ndarray:
    a = as_array(u, "u", (None,))
    if a.size and (a.min() < 0.0 or a.max() > 1.0):
        raise InvalidInputError("u must lie in [0, 1]")
    return a


@dataclass(frozen=True, eq=False)
class LinePath:
    """Straight-line path between two poses (build with :func:`line_path`).

    Attributes
    ----------
    T_start, T_end : ndarray, shape (4, 4)
        Start and end poses (m).
    length : float
        Distance between the positions (m).
    rotation : float
        Rotation angle between the orientations (rad, in [0, pi]).
    """

    T_start: np.ndarray
    T_end: np.ndarray
    length: float
    rotation: float
    _q0: np.ndarray = field(repr=False)
    _q1: np.ndarray = field(repr=False)

    def poses(self, u) -> np.ndarray:
        """Poses at the normalised parameters ``u``.

        Parameters
        ----------
        u : array_like, shape (N,)
            In [0, 1]; ``u == 1`` gives exactly ``T_end``, ``u == 0`` exactly ``T_start``.

        Returns
        -------
        ndarray, shape (N, 4, 4)
        """
        u = _as_u(u)
        T = _kernels.line_poses(self.T_start[:3, 3], self.T_end[:3, 3], self._q0, self._q1, u)
        T[u == 0.0] = self.T_start
        T[u == 1.0] = self.T_end
        return T

    def tangents(self, u) -> np.ndarray:
        """Unit direction of travel at ``u``, shape (N, 3); raises for a zero-length line."""
        u = _as_u(u)
        if self.length == 0.0:
            raise DegeneratePathError(message=Message.of("modes.path.zero_line"))
        d = (self.T_end[:3, 3] - self.T_start[:3, 3]) / self.length
        return np.broadcast_to(d, (u.size, 3)).copy()


def line_path(T_start, T_end) -> LinePath:
    """Straight line from ``T_start`` to ``T_end``.

    Parameters
    ----------
    T_start, T_end : array_like, shape (4, 4)
        Poses in one frame (m). A zero-length line (pure reorientation) is allowed.

    Raises
    ------
    InvalidInputError
        When a pose is malformed.
    """
    T0 = check_pose(T_start, "T_start", allow_batch=False)
    T1 = check_pose(T_end, "T_end", allow_batch=False)
    q0 = _kernels.matrix_to_quat(T0[:3, :3])
    q1 = _kernels.matrix_to_quat(T1[:3, :3])
    length = float(np.linalg.norm(T1[:3, 3] - T0[:3, 3]))
    return LinePath(T0, T1, length, float(_kernels.quat_angle(q0, q1)), q0, q1)


@dataclass(frozen=True, eq=False)
class ArcPath:
    """Circular arc from a start pose through a via pose to an end pose (see :func:`arc_path`).

    Attributes
    ----------
    T_start, T_via, T_end : ndarray, shape (4, 4)
    centre : ndarray, shape (3,)
        Circle centre (m).
    radius : float
        Circle radius (m).
    normal : ndarray, shape (3,)
        Unit normal of the circle's plane; the arc turns positively (right-hand rule) about it.
    angle : float
        Arc angle start -> end (rad, in (0, 2 pi)).
    via_angle : float
        Arc angle start -> via (rad, in (0, angle)).
    rotation : float
        Sum of the rotation angles start -> via and via -> end (rad).
    """

    T_start: np.ndarray
    T_via: np.ndarray
    T_end: np.ndarray
    centre: np.ndarray
    radius: float
    normal: np.ndarray
    angle: float
    via_angle: float
    rotation: float
    _e1: np.ndarray = field(repr=False)
    _e2: np.ndarray = field(repr=False)
    _q: tuple[np.ndarray, np.ndarray, np.ndarray] = field(repr=False)

    @property
    def length(self) -> float:
        """Arc length (m)."""
        return self.radius * self.angle

    @property
    def u_via(self) -> float:
        """Normalised parameter at which the arc passes the via point."""
        return self.via_angle / self.angle

    def poses(self, u) -> np.ndarray:
        """Poses at the normalised parameters ``u`` (shape (N,) in [0, 1]) -> (N, 4, 4).

        ``u == 0`` and ``u == 1`` give exactly ``T_start`` and ``T_end``.
        """
        u = _as_u(u)
        q0, qv, q1 = self._q
        T = _kernels.arc_poses(
            self.centre,
            self.radius,
            self._e1,
            self._e2,
            self.angle,
            self.via_angle,
            q0,
            qv,
            q1,
            u,
        )
        T[u == 0.0] = self.T_start
        T[u == 1.0] = self.T_end
        return T

    def tangents(self, u) -> np.ndarray:
        """Unit direction of travel at ``u``, shape (N, 3)."""
        u = _as_u(u)
        return _kernels.arc_tangents(self._e1, self._e2, self.angle, u)


def arc_path(T_start, T_via, T_end) -> ArcPath:
    """The circular arc from ``T_start`` through ``T_via`` to ``T_end``.

    Parameters
    ----------
    T_start, T_via, T_end : array_like, shape (4, 4)
        Poses in one frame (m).

    Raises
    ------
    DegeneratePathError
        When two of the three positions are closer than :data:`MIN_CHORD_M`, or the three are
        collinear (the sine of the angle between the chords start->via and via->end is below
        :data:`MIN_SINE`), so no unique circle passes through them.
    InvalidInputError
        When a pose is malformed.
    """
    T0 = check_pose(T_start, "T_start", allow_batch=False)
    Tv = check_pose(T_via, "T_via", allow_batch=False)
    T1 = check_pose(T_end, "T_end", allow_batch=False)
    p0, pv, p1 = T0[:3, 3], Tv[:3, 3], T1[:3, 3]
    for (pa, pb), names in (
        ((p0, pv), "modes.path.start_via"),
        ((pv, p1), "modes.path.via_end"),
        ((p0, p1), "modes.path.start_end"),
    ):
        d = float(np.linalg.norm(pb - pa))
        if d < MIN_CHORD_M:
            raise DegeneratePathError(message=Message.of(
                "modes.path.arc_coincide", points=Message.of(names), distance=f"{d * 1e3:.4g}"))
    a = pv - p0
    b = p1 - pv
    axb = np.cross(a, b)
    naxb = float(np.linalg.norm(axb))
    sine = naxb / (np.linalg.norm(a) * np.linalg.norm(b))
    if sine < MIN_SINE:
        raise DegeneratePathError(message=Message.of("modes.path.arc_collinear"))
    normal = axb / naxb
    # circumcentre relative to p0: with u = pv - p0, w = p1 - p0,
    # c = (|u|^2 (w x (u x w)) + |w|^2 ((u x w) x u)) / (2 |u x w|^2)
    u_ = a
    w_ = p1 - p0
    uxw = np.cross(u_, w_)
    den = 2.0 * float(uxw @ uxw)
    c_rel = (float(u_ @ u_) * np.cross(w_, uxw) + float(w_ @ w_) * np.cross(uxw, u_)) / den
    centre = p0 + c_rel
    radius = float(np.linalg.norm(c_rel))
    e1 = -c_rel / radius
    e2 = np.cross(normal, e1)

    def angle_of(p: np.ndarray) -> float:
        r = p - centre
        th = math.atan2(float(r @ e2), float(r @ e1))
        return th if th >= 0.0 else th + 2.0 * math.pi

    via_angle = angle_of(pv)
    angle = angle_of(p1)
    if not 0.0 < via_angle < angle:
        # cannot happen for a positively oriented triangle; guard against rounding
        raise DegeneratePathError(message=Message.of("modes.path.arc_via_order"))
    q0 = _kernels.matrix_to_quat(T0[:3, :3])
    qv = _kernels.matrix_to_quat(Tv[:3, :3])
    q1 = _kernels.matrix_to_quat(T1[:3, :3])
    rotation = float(_kernels.quat_angle(q0, qv) + _kernels.quat_angle(qv, q1))
    return ArcPath(
        T0,
        Tv,
        T1,
        centre,
        radius,
        normal,
        angle,
        via_angle,
        rotation,
        e1,
        e2,
        (q0, qv, q1),
    )
