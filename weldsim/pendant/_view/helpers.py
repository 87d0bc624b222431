"""The 3D view's coaching helpers as world geometry: the wire axis to its aim point, the
drop line, the user frames' axes, the seams' start and end markers and welding-direction
arrows, and the predicted bead as a translucent ribbon.

Everything here is numpy, in the world frame and metres; :class:`~weldsim.pendant.view3d.
View3D` projects it and draws it on top of the picture (practice mode only).
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

__all__ = [
    "FRAME_AXIS_M",
    "DropLine",
    "HelperLine",
    "Helpers",
    "PredictedRibbon",
    "drop_line",
    "live_lines",
    "ribbon",
    "static_lines",
]

FRAME_AXIS_M = 0.05
"""Length of a user frame's drawn axes [m]."""
ARROW_M = 0.04
"""Length of a seam's welding-direction arrow [m]."""
ARROW_LIFT_M = 0.012
"""The arrow floats this far off the joint, on the open side of it [m]."""
SEAM_TICK_M = 0.008
"""Half length of the cross tick at a seam's start and end [m]."""

RGB = {"wire_axis": (255, 220, 0), "aim": (255, 60, 200), "drop": (0, 230, 255),
       "drop_inside": (255, 90, 60),
       "frame_x": (230, 40, 40), "frame_y": (40, 180, 40), "frame_z": (50, 90, 235),
       "seam_start": (40, 200, 70), "seam_end": (230, 40, 40), "seam_arrow": (255, 255, 255)}


@dataclass(frozen=True)
class HelperLine:
    """One helper segment: ``kind`` (a key of :data:`RGB`), world end points [m]."""

    kind: str
    a: np.ndarray = field(repr=False)
    b: np.ndarray = field(repr=False)
    label: str = ""

    @property
    def rgb(self) -> tuple[int, int, int]:
        return RGB[self.kind]


@dataclass(frozen=True)
class PredictedRibbon:
    """A predicted bead to draw: centre line (N, 3) world [m], width (N,) [m] and the ISO 5817
    level at each point (``"B"``, ``"C"``, ``"D"`` or None)."""

    points_m: np.ndarray = field(repr=False)
    width_m: np.ndarray = field(repr=False)
    levels: tuple = ()


@dataclass(frozen=True)
class Helpers:
    """What the view draws to help see the joint (practice mode).

    Attributes
    ----------
    aim_point_m : ndarray (3,) or None
        Where the wire axis meets the work (world, m).
    drop_point_m : ndarray (3,) or None
        The foot of the drop line from the wire tip on the work (world, m).
    drop_mm : float or None
        The drop line's length [mm] (drawn as its label).
    predicted : tuple of PredictedRibbon
        Predicted beads (translucent, outlined).
    drop_label : str
        The drop length as the reader writes it (``12,3 mm``).
    drop_inside : bool
        The wire tip is inside the work (see :func:`drop_line`): the line and its label are
        drawn in the warning colour.
    """

    aim_point_m: np.ndarray | None = None
    drop_point_m: np.ndarray | None = None
    drop_mm: float | None = None
    predicted: tuple = ()
    drop_label: str = ""
    drop_inside: bool = False

    def signature(self) -> tuple:
        def b(a):
            return None if a is None else np.asarray(a, dtype=float).tobytes()
        return (b(self.aim_point_m), b(self.drop_point_m), self.drop_mm, self.drop_label,
                self.drop_inside,
                tuple((b(r.points_m), b(r.width_m), r.levels) for r in self.predicted))


def _unit(v) -> np.ndarray | None:
    v = np.asarray(v, dtype=float)
    n = float(np.linalg.norm(v))
    return v / n if n > 1e-12 else None


def static_lines(scenario) -> list[HelperLine]:
    """Helper segments that depend on the exercise only: each user frame's X, Y, Z axes at its
    origin (labelled with the frame's name on X), and each seam's start and end ticks and its
    welding-direction arrow (seam order of its points)."""
    out: list[HelperLine] = []
    for name, T in sorted(scenario.frames.items()):
        T = np.asarray(T, dtype=float)
        o = T[:3, 3]
        for i, kind in enumerate(("frame_x", "frame_y", "frame_z")):
            out.append(HelperLine(kind, o, o + FRAME_AXIS_M * T[:3, i],
                                  name.upper() if i == 0 else ""))
    for seam in scenario.seams:
        pts = np.asarray(seam.points_m, dtype=float)
        if pts.ndim != 2 or len(pts) < 2:
            continue
        try:
            lower, upper = seam.normals_at(pts)
        except (TypeError, ValueError, AttributeError):
            lower = upper = np.tile([0.0, 0.0, 1.0], (len(pts), 1))
        for kind, k, t in (("seam_start", 0, pts[min(1, len(pts) - 1)] - pts[0]),
                           ("seam_end", len(pts) - 1, pts[-1] - pts[-2])):
            t = _unit(t)
            out_dir = _unit(lower[k] + upper[k]) if _unit(lower[k] + upper[k]) is not None \
                else np.array([0.0, 0.0, 1.0])
            if t is None:
                continue
            side = _unit(np.cross(t, out_dir))
            p = pts[k]
            out.append(HelperLine(kind, p - SEAM_TICK_M * out_dir, p + 2 * SEAM_TICK_M * out_dir))
            if side is not None:
                out.append(HelperLine(kind, p - SEAM_TICK_M * side, p + SEAM_TICK_M * side))
        # the arrow at the middle of the seam, pointing the way it is welded
        seg = np.diff(pts, axis=0)
        cum = np.concatenate([[0.0], np.cumsum(np.linalg.norm(seg, axis=1))])
        half = cum[-1] / 2.0
        i = int(np.clip(np.searchsorted(cum, half, side="right") - 1, 0, len(seg) - 1))
        t = _unit(seg[i])
        if t is None:
            continue
        frac = (half - cum[i]) / max(cum[i + 1] - cum[i], 1e-12)
        mid = pts[i] + frac * seg[i]
        lift = _unit(lower[i] + upper[i])
        lift = lift if lift is not None else np.array([0.0, 0.0, 1.0])
        base = mid + ARROW_LIFT_M * lift - 0.5 * ARROW_M * t
        tip = base + ARROW_M * t
        out.append(HelperLine("seam_arrow", base, tip))
        for s in (+1.0, -1.0):
            back = _unit(-t * np.cos(np.radians(28)) + s * lift * np.sin(np.radians(28)))
            out.append(HelperLine("seam_arrow", tip, tip + 0.35 * ARROW_M * back))
    return out


def live_lines(tip_m, helpers: Helpers) -> list[HelperLine]:
    """Helper segments of the pose now: the wire axis from the tip to its aim point, a
    short cross at the aim point, the drop line (labelled with its length)."""
    out: list[HelperLine] = []
    tip = np.asarray(tip_m, dtype=float)
    if helpers.aim_point_m is not None:
        aim = np.asarray(helpers.aim_point_m, dtype=float)
        if np.isfinite(aim).all():
            out.append(HelperLine("wire_axis", tip, aim))
    if helpers.drop_point_m is not None:
        foot = np.asarray(helpers.drop_point_m, dtype=float)
        if np.isfinite(foot).all():
            out.append(HelperLine("drop_inside" if helpers.drop_inside else "drop", tip, foot,
                                  helpers.drop_label))
    return out


@dataclass(frozen=True)
class DropLine:
    """The drop line from the wire tip, as the trainee sees it.

    Attributes
    ----------
    foot_m : ndarray (3,) or None
        Its other end, on the work (world, m); None without one.
    mm : float
        Its signed length [mm]: the height of the tip above the work below it, or (negative)
        how deep the tip is under the work's surface above it; NaN without one.
    inside : bool
        The wire tip is inside the work.
    """

    foot_m: np.ndarray | None = field(repr=False)
    mm: float
    inside: bool = False


_UP = np.array([0.0, 0.0, 1.0])
_DOWN = -_UP
_SINGLES: dict = {}


def _singles(solids) -> list:
    """Each solid of ``solids`` as a :class:`~weldsim.sim.wire_cast.RaySolids` of its own
    (kept per ``solids``)."""
    got = _SINGLES.get(id(solids))
    if got is not None and got[0] is solids:
        return got[1]
    out = []
    for k in range(len(solids.index)):
        keep = np.zeros(len(solids.index), dtype=bool)
        keep[k] = True
        out.append(type(solids)(index=solids.index[keep], R=solids.R[keep],
                                origin=solids.origin[keep], normals=solids.normals[keep],
                                offsets=solids.offsets[keep], n_planes=solids.n_planes[keep],
                                kind=solids.kind[keep], radius=solids.radius[keep]))
    if len(_SINGLES) > 16:
        _SINGLES.clear()
    _SINGLES[id(solids)] = (solids, out)
    return out


def drop_line(solids, tip_m, drop_mm: float, drop_point_m, ray_m: float = 1.0) -> DropLine:
    """The drop line of the reading's drop (``drop_mm``, ``drop_point_m``: straight down from
    the wire tip, :class:`~weldsim.coaching.gauges.TechniqueReading`), made sensible when the
    tip is inside the work.

    A ray starting inside a solid meets it at 0, so a tip a hair inside the web read "0.0 mm"
    although it stood 3 mm above the flange. Then: along the vertical through the tip, the
    nearest work surface — the next one below the solids the tip is in (the tip's height
    above it: the web's side touched, the height above the flange still shown), or the top of
    a solid the tip is in (negative: how deep the tip is under it, the plate below pierced),
    whichever is nearer — with ``inside`` set, so the view draws it in the warning colour and
    says "wire tip in the work". ``ray_m`` [m]: how far up and down surfaces are looked for.
    """
    tip = np.asarray(tip_m, dtype=float)
    if not (drop_mm == 0.0):          # outside the work (or nothing below): as it is
        return DropLine(None if drop_point_m is None else np.asarray(drop_point_m, dtype=float),
                        float(drop_mm) if drop_mm is not None else float("nan"), False)
    below = above = float("nan")
    lifted = tip + ray_m * _UP
    for one in _singles(solids):     # each solid on its own: the vertical through the tip
        t = float(one.cast(tip, _DOWN, ray_m)[0][0])
        if t > 0.0:                   # below the tip, the tip outside it
            below = t if np.isnan(below) else min(below, t)
        elif t == 0.0:                # the tip is in it: how far under its top
            t_top = float(one.cast(lifted, _DOWN, 2.0 * ray_m)[0][0])
            if t_top > 0.0:           # (a tip on the surface: the rounding's side of 0)
                depth = max(ray_m - t_top, 0.0)
                above = depth if np.isnan(above) else min(above, depth)
    if not np.isnan(above) and (np.isnan(below) or above < below):
        return DropLine(tip + above * _UP, -1000.0 * above + 0.0, True)
    if not np.isnan(below):
        return DropLine(tip + below * _DOWN, 1000.0 * below, True)
    return DropLine(None, float("nan"), True)


def drop_label(drop: DropLine, lang: str, tr) -> str:
    """The drop line's label: its length (``3,0 mm``; ``-0,4 mm`` under a surface), and
    with the tip inside the work "· wire tip in the work" (``coachui.drop_inside``)."""
    from weldsim.i18n import format_number

    if not np.isfinite(drop.mm):
        return tr("coachui.drop_inside", length="–") if drop.inside else ""
    length = format_number(drop.mm, 1, lang) + " mm"
    return tr("coachui.drop_inside", length=length) if drop.inside else length


def ribbon(points_m, width_m, levels) -> PredictedRibbon | None:
    """A :class:`PredictedRibbon` from a predicted seam's arrays (a scalar width or level
    applies to every point); None with fewer than two finite points."""
    pts = np.asarray(points_m, dtype=float)
    if pts.ndim != 2 or pts.shape[1] != 3 or len(pts) < 2:
        return None
    n = len(pts)
    w = np.broadcast_to(np.asarray(width_m, dtype=float), (n,)).copy()
    if isinstance(levels, str) or levels is None:
        lv = (levels,) * n
    else:
        lv = tuple(None if v is None else str(v) for v in levels)
        if len(lv) != n:
            lv = (lv[0] if lv else None,) * n
    return PredictedRibbon(pts, w, lv)
