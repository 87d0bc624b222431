"""The bead's cross-section at its worst point, drawn to scale as inline SVG.

:func:`worst_section` picks the point: inside the stretch of the worst graded imperfection
(lowest ISO 5817 level, then largest size) the bin with the smallest throat, else the smallest
throat of the whole weld. :func:`cross_section_svg` draws the plates, the fused zone and the
weld there: a fillet (T, lap, pipe-to-plate) with both legs, the throat and the penetration
dimensioned; a butt joint with its groove, the reinforcement, the face width, the gap and the
penetration. Coordinates are millimetres in the joint's plane (x across the joint, z up); the
SVG is written by hand (a few polygons and dimension lines, far faster than a plotting
library) and is deterministic.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from html import escape

import numpy as np

from weldsim.report.i18n import num, text

__all__ = ["Section", "cross_section_svg", "worst_section"]

_STEEL = "#c9ced6"
_STEEL_EDGE = "#6b7380"
_FUSED = "#f6d3a8"
_WELD = "#e08a3c"
_WELD_EDGE = "#8a4a12"
_DIM = "#1f3b73"


@dataclass(frozen=True, slots=True)
class Section:
    """The bead at one point along a seam (mm).

    Attributes
    ----------
    seam_id : str
    s_mm : float
        Where along the seam.
    reason : str
        ``"imperfection"`` (the worst one is here) or ``"throat"`` (the smallest throat).
    imperfection : str or None
        The imperfection's type when ``reason`` is ``"imperfection"``.
    joint : str
        The joint type (``fillet_t``, ``fillet_lap``, ``fillet_pipe_plate``, ``butt_v``,
        ``butt_square``).
    t1_mm, t2_mm, gap_mm, bevel_deg, root_face_mm : float
        The joint: lower (or first) plate, upper plate or web, root gap, bevel of each side,
        root face.
    backing : bool
    leg_lower_mm, leg_upper_mm : float
        Fillet legs (NaN for butt joints).
    throat_mm, design_throat_mm, face_width_mm, convexity_mm, penetration_mm : float
        The bead there; convexity is the reinforcement of a butt weld (negative: underfill).
    """

    seam_id: str
    s_mm: float
    reason: str
    imperfection: str | None
    joint: str
    t1_mm: float
    t2_mm: float
    gap_mm: float
    bevel_deg: float
    root_face_mm: float
    backing: bool
    leg_lower_mm: float
    leg_upper_mm: float
    throat_mm: float
    design_throat_mm: float
    face_width_mm: float
    convexity_mm: float
    penetration_mm: float

    @property
    def is_fillet(self) -> bool:
        """A fillet weld (legs, throat at 45°) rather than a butt weld."""
        return self.joint.startswith("fillet")


def _section(weld, i: int, reason: str, kind: str | None) -> Section:
    b, g = weld.bead, weld.geometry
    return Section(
        seam_id=weld.seam.id, s_mm=float(b.s_mm[i]), reason=reason, imperfection=kind,
        joint=g.joint, t1_mm=float(g.t1_mm), t2_mm=float(g.t2_mm), gap_mm=float(g.gap_mm),
        bevel_deg=float(g.bevel_deg), root_face_mm=float(g.root_face_mm),
        backing=bool(g.backing), leg_lower_mm=float(b.leg_lower_mm[i]),
        leg_upper_mm=float(b.leg_upper_mm[i]), throat_mm=float(b.throat_mm[i]),
        design_throat_mm=float(b.summary.design_throat_mm),
        face_width_mm=float(b.face_width_mm[i]), convexity_mm=float(b.convexity_mm[i]),
        penetration_mm=float(b.penetration_mm[i]))


def _valid(bead) -> np.ndarray:
    return bead.welded & np.isfinite(bead.throat_mm)


def worst_section(run) -> Section | None:
    """The point of the weld to draw; None when nothing was welded.

    The worst graded imperfection that lies on the bead (a missing weld has no section) is
    the one meeting the lowest level, then the largest; the point is its stretch's bin with
    the smallest throat. Without one, the bin with the smallest throat of all seams.
    """
    best = None  # (level code, -size, weld order, imperfection order), weld, imperfection
    for k, weld in enumerate(run.welds):
        for j, imp in enumerate(weld.imperfections):
            if not imp.graded or imp.type == "incomplete_weld":
                continue
            b = weld.bead
            inside = _valid(b) & (b.s_mm >= imp.start_mm - 0.5 * b.bin_mm) & (
                b.s_mm <= imp.end_mm + 0.5 * b.bin_mm)
            if not inside.any():
                continue
            key = (imp.level_code, -imp.size_mm, k, j)
            if best is None or key < best[0]:
                best = (key, weld, imp, inside)
    if best is not None:
        _, weld, imp, inside = best
        idx = np.flatnonzero(inside)
        i = int(idx[np.argmin(weld.bead.throat_mm[idx])])
        return _section(weld, i, "imperfection", imp.type)
    pick = None
    for weld in run.welds:
        idx = np.flatnonzero(_valid(weld.bead))
        if idx.size:
            i = int(idx[np.argmin(weld.bead.throat_mm[idx])])
            if pick is None or weld.bead.throat_mm[i] < pick[0].bead.throat_mm[pick[1]]:
                pick = (weld, i)
    return _section(pick[0], pick[1], "throat", None) if pick is not None else None


# -- drawing ---------------------------------------------------------------------------------

class _Svg:
    """A tiny SVG writer in millimetres, z up (SVG's y is -z)."""

    def __init__(self, font_mm: float) -> None:
        self.items: list[str] = []
        self.font = font_mm
        self.lo = [math.inf, math.inf]
        self.hi = [-math.inf, -math.inf]

    def _grow(self, x: float, z: float, pad: float = 0.0) -> None:
        self.lo[0] = min(self.lo[0], x - pad)
        self.lo[1] = min(self.lo[1], z - pad)
        self.hi[0] = max(self.hi[0], x + pad)
        self.hi[1] = max(self.hi[1], z + pad)

    def poly(self, pts, fill: str, stroke: str, width: float = 0.12, closed: bool = True,
             dash: str | None = None) -> None:
        pts = [(float(x), float(z)) for x, z in pts]
        for x, z in pts:
            self._grow(x, z)
        d = " ".join(f"{x:.3f},{-z:.3f}" for x, z in pts)
        tag = "polygon" if closed else "polyline"
        extra = f' stroke-dasharray="{dash}"' if dash else ""
        self.items.append(f'<{tag} points="{d}" fill="{fill}" stroke="{stroke}" '
                          f'stroke-width="{width:.3f}" stroke-linejoin="round"{extra}/>')

    def line(self, a, b, colour: str = _DIM, width: float = 0.09, arrows: bool = False,
             dash: str | None = None) -> None:
        self.poly([a, b], "none", colour, width, closed=False, dash=dash)
        if arrows:
            self.items[-1] = self.items[-1].replace(
                "/>", ' marker-start="url(#xs-arrow)" marker-end="url(#xs-arrow)"/>')

    def label(self, x: float, z: float, s: str, anchor: str = "start", size: float = 1.0,
              colour: str = "#1b1b1b", weight: str = "normal") -> None:
        fs = self.font * size
        width = (0.66 if weight == "bold" else 0.6) * fs * len(s)
        x0 = {"start": x, "middle": x - 0.5 * width, "end": x - width}[anchor]
        self._grow(x0, z - 0.3 * fs)
        self._grow(x0 + width, z + fs)
        self.items.append(f'<text x="{x:.3f}" y="{-z:.3f}" font-size="{fs:.3f}" '
                          f'text-anchor="{anchor}" fill="{colour}" font-weight="{weight}">'
                          f'{escape(s)}</text>')

    def svg(self, margin: float) -> str:
        x0, z0 = self.lo[0] - margin, self.lo[1] - margin
        w = self.hi[0] - self.lo[0] + 2 * margin
        h = self.hi[1] - self.lo[1] + 2 * margin
        y0 = -(z0 + h)
        return (f'<svg class="section" xmlns="http://www.w3.org/2000/svg" role="img" '
                f'aria-label="cross-section" viewBox="{x0:.3f} {y0:.3f} {w:.3f} {h:.3f}" '
                f'font-family="DejaVu Sans, Arial, sans-serif">\n'
                f'<defs><marker id="xs-arrow" viewBox="0 0 10 10" refX="5" refY="5" '
                f'markerWidth="5" markerHeight="5" orient="auto-start-reverse">'
                f'<path d="M 0 1 L 10 5 L 0 9 z" fill="{_DIM}"/></marker></defs>\n'
                + "\n".join(self.items) + "\n</svg>\n")


def _smooth(points, n: int = 8) -> list[tuple[float, float]]:
    """A Catmull-Rom curve through ``points`` (end points kept), ``n`` steps per span."""
    p = np.asarray(points, dtype=float)
    ext = np.vstack([2 * p[0] - p[1], p, 2 * p[-1] - p[-2]])
    out = []
    for k in range(1, len(ext) - 2):
        p0, p1, p2, p3 = ext[k - 1], ext[k], ext[k + 1], ext[k + 2]
        for t in np.linspace(0.0, 1.0, n, endpoint=k == len(ext) - 3):
            t2, t3 = t * t, t * t * t
            out.append(tuple(0.5 * ((2 * p1) + (-p0 + p2) * t + (2 * p0 - 5 * p1 + 4 * p2 - p3)
                                    * t2 + (-p0 + 3 * p1 - 3 * p2 + p3) * t3)))
    return out


def _face(a, b, bulge: float, n: int = 16) -> list[tuple[float, float]]:
    """A parabolic face from ``a`` to ``b`` bulging ``bulge`` to the right of a→b (outward
    for a fillet drawn from the lower toe to the upper one)."""
    a, b = np.asarray(a, float), np.asarray(b, float)
    d = b - a
    normal = np.array([d[1], -d[0]]) / max(np.hypot(*d), 1e-9)
    u = np.linspace(0.0, 1.0, n)[:, None]
    pts = (1 - u) * a + u * b + 4 * u * (1 - u) * bulge * normal
    return [tuple(p) for p in pts]


def _fillet(sec: Section, lang: str) -> _Svg:
    z1 = max(sec.leg_lower_mm, 0.5)
    z2 = max(sec.leg_upper_mm, 0.5)
    t1, t2 = sec.t1_mm, sec.t2_mm
    size = max(z1, z2, 4.0)
    g = _Svg(font_mm=0.11 * size + 0.3)
    p = min(max(sec.penetration_mm, 0.0), 0.9 * min(t1, t2))
    lap = sec.joint == "fillet_lap"
    # the plates near the joint only: cut edges dashed, real surfaces solid
    depth = min(t1, max(0.9 * size, 1.6 * p + 1.0))
    right = z1 + 0.5 * size + 2.0
    web = min(t2, 0.8 * size)
    left = -(web + (0.6 * size if lap or web < t2 else 0.5 * size))
    top = t2 if lap else z2 + 0.7 * size + 1.0
    g.poly([(left, -depth), (right, -depth), (right, 0), (left, 0)], _STEEL, "none")
    g.poly([(-web if not lap else left, 0), (0, 0), (0, top), (-web if not lap else left, top)],
           _STEEL, "none")
    cut = "0.5,0.35"
    g.line((left, -depth), (right, -depth), _STEEL_EDGE, 0.06,
           dash=cut if depth < t1 else None)
    g.line((right, -depth), (right, 0), _STEEL_EDGE, 0.06, dash=cut)
    g.line((left, -depth), (left, 0 if not lap else top), _STEEL_EDGE, 0.06, dash=cut)
    g.line((0, 0), (right, 0), _STEEL_EDGE, 0.12)
    g.line((0, 0), (0, top), _STEEL_EDGE, 0.12)
    if lap:
        g.line((left, top), (0, top), _STEEL_EDGE, 0.12)
    else:
        g.line((left, 0), (-web, 0), _STEEL_EDGE, 0.12)
        g.line((-web, 0), (-web, top), _STEEL_EDGE, 0.12, dash=None if web >= t2 else cut)
        g.line((-web, top), (0, top), _STEEL_EDGE, 0.06, dash=cut)
    # fused parent metal
    d = 0.5 * p
    pen_pt = (-p / math.sqrt(2), -p / math.sqrt(2))
    if p > 0.05:
        curve = _smooth([(z1, 0.0), (0.45 * z1, -d), pen_pt, (-d, 0.45 * z2), (0.0, z2)])
        g.poly([*curve, (0.0, 0.0)], _FUSED, "#c98b4a", 0.06, dash="0.3,0.2")
    # the weld
    face = _face((z1, 0.0), (0.0, z2), sec.convexity_mm)
    g.poly([(0.0, 0.0), *face], _WELD, _WELD_EDGE, 0.1)
    # throat: root to the hypotenuse of the largest inscribed isosceles triangle
    m = min(z1, z2)
    g.line((0.0, 0.0), (m / 2, m / 2), "#ffffff", 0.22)
    g.line((0.0, 0.0), (m / 2, m / 2), _DIM, 0.08, arrows=True)
    zh = z2 + 0.15 * size + 0.8  # height of the lower leg's dimension line
    xv = z1 + 0.15 * size + 0.8  # x of the upper leg's dimension line
    lead = (xv + 0.8, zh + 2.2 * g.font)
    g.line((m / 3, m / 3), lead, _DIM, 0.05)
    thr = text(lang, "xs_throat", value=num(sec.throat_mm, 1, lang))
    if math.isfinite(sec.design_throat_mm):
        thr += " " + text(lang, "xs_throat_design", value=num(sec.design_throat_mm, 1, lang))
    g.label(lead[0] + 0.2, lead[1] - 0.3 * g.font, thr, colour=_DIM, weight="bold")
    # legs: dimensions in the free quadrant above and right of the weld
    g.line((z1, 0.0), (z1, zh + 0.5), "#7a7a7a", 0.04)
    g.line((0.0, zh), (z1, zh), arrows=True)
    g.label(z1 / 2, zh + 0.3 * g.font,
            text(lang, "xs_leg_lower", value=num(sec.leg_lower_mm, 1, lang)), "middle")
    g.line((0.0, z2), (xv + 0.5, z2), "#7a7a7a", 0.04)
    g.line((xv, 0.0), (xv, z2), arrows=True)
    g.label(xv + 0.35, 0.25 * z2 - 0.35 * g.font,
            text(lang, "xs_leg_upper", value=num(sec.leg_upper_mm, 1, lang)))
    # penetration, labelled below the plate
    below = -depth - 1.3 * g.font
    if p > 0.05:
        g.line((0.0, 0.0), pen_pt, "#a0521a", 0.08, arrows=True)
        g.line(pen_pt, (pen_pt[0], below + 0.9 * g.font), "#a0521a", 0.04)
    g.label(pen_pt[0], below,
            text(lang, "xs_penetration", value=num(sec.penetration_mm, 1, lang)), "middle",
            colour="#a0521a")
    # plates
    g.label(right - 0.3, -depth + 0.35 * g.font, text(lang, "xs_lower_plate"), "end", 0.8,
            "#3d434d")
    upper = {"fillet_lap": "xs_upper_plate", "fillet_pipe_plate": "xs_pipe"}.get(
        sec.joint, "xs_web")
    if lap:
        g.label(left + 0.3, top - 1.1 * g.font, text(lang, upper), "start", 0.8, "#3d434d")
    else:
        g.label(-0.3, top - 1.1 * g.font, text(lang, upper), "end", 0.8, "#3d434d")
    return g


def _butt(sec: Section, lang: str) -> _Svg:
    t = sec.t1_mm
    gap = max(sec.gap_mm, 0.0)
    tanb = math.tan(math.radians(sec.bevel_deg)) if sec.joint == "butt_v" else 0.0
    rf = min(sec.root_face_mm, t) if sec.joint == "butt_v" else t
    top_half = gap / 2 + (t - rf) * tanb
    b = max(sec.face_width_mm, 2 * top_half)
    h = sec.convexity_mm
    g = _Svg(font_mm=0.07 * max(b, t) + 0.5)
    w = b / 2 + 0.6 * t + 4.0
    for s in (-1.0, 1.0):
        g.poly([(s * w, 0), (s * gap / 2, 0), (s * gap / 2, rf), (s * top_half, t), (s * w, t)],
               _STEEL, _STEEL_EDGE)
    if sec.backing:
        g.poly([(-top_half - 6, -3), (top_half + 6, -3), (top_half + 6, 0),
                (-top_half - 6, 0)], "#dfe2e7", _STEEL_EDGE)
    p = min(max(sec.penetration_mm, 0.0), 0.6 * t)
    if p > 0.05:
        bottom = -min(p, 2.5) * 0.5 if sec.backing else 0.0
        side = [(b / 2, t), (top_half + 0.8 * p, 0.6 * t), (gap / 2 + p, 0.2 * rf + 0.1 * t),
                (0.0, bottom)]
        curve = _smooth(side + [(-x, z) for x, z in reversed(side[:-1])])
        g.poly(curve, _FUSED, "#c98b4a", 0.08, dash="0.4,0.25")
    cap = _face((b / 2, t), (-b / 2, t), h, 24)
    g.poly([(-gap / 2, 0), (gap / 2, 0), (gap / 2, rf), (top_half, t), *cap, (-top_half, t),
            (-gap / 2, rf)], _WELD, _WELD_EDGE, 0.12)
    # plate thickness on the left
    g.line((-w - 1.2, 0.0), (-w - 1.2, t), arrows=True)
    g.label(-w - 1.6, t / 2 - 0.35 * g.font, text(lang, "xs_thickness", value=num(t, 0, lang)),
            "end")
    # face width above, reinforcement on the right
    ztop = t + max(h, 0.0)
    zb = ztop + 2.0 + 0.6 * g.font
    for s in (-1.0, 1.0):
        g.line((s * b / 2, t), (s * b / 2, zb + 0.6), "#7a7a7a", 0.05)
    g.line((-b / 2, zb), (b / 2, zb), arrows=True)
    g.label(0.0, zb + 0.35 * g.font,
            text(lang, "xs_face_width", value=num(sec.face_width_mm, 1, lang)), "middle")
    xr = b / 2 + 1.5
    if abs(h) > 0.05:
        g.line((0.0, t + h), (xr + 0.6, t + h), "#7a7a7a", 0.05)
        g.line((xr, t), (xr, t + h), arrows=True)
    g.label(xr + 0.5, t + h / 2 - 0.35 * g.font,
            text(lang, "xs_reinforcement", value=num(h, 1, lang)))
    # gap and penetration below
    zg = (-3.0 if sec.backing else 0.0) - 1.5 - g.font
    if gap > 0:
        for s in (-1.0, 1.0):
            g.line((s * gap / 2, 0.0), (s * gap / 2, zg - 0.6), "#7a7a7a", 0.05)
        g.line((-gap / 2, zg), (gap / 2, zg), arrows=True)
        g.label(gap / 2 + 0.8, zg - 0.35 * g.font,
                text(lang, "xs_gap", value=num(gap, 1, lang)))
    g.label(-w, zg - 2.0 * g.font,
            text(lang, "xs_penetration", value=num(sec.penetration_mm, 1, lang)),
            colour="#a0521a")
    if p > 0.05:
        g.line((-(top_half + 0.8 * p), 0.6 * t), (-w + 0.5, zg - 1.2 * g.font), "#a0521a",
               0.05)
    if sec.backing:
        g.label(top_half + 6.4, -2.2, text(lang, "xs_backing"), "start", 0.8, "#3d434d")
    g.label(w - 0.4, 0.4, text(lang, "xs_plate"), "end", 0.8, "#3d434d")
    return g


def cross_section_svg(section: Section | None, lang: str = "en") -> str:
    """The section drawn to scale as an ``<svg>`` element (a note when ``section`` is None)."""
    if section is None:
        return f'<p class="note">{escape(text(lang, "xs_none"))}</p>\n'
    g = _fillet(section, lang) if section.is_fillet else _butt(section, lang)
    return g.svg(margin=0.8)
