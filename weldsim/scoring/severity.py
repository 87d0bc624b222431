"""Graded severity of the weld's imperfections and the bead score, with no cliffs.

The ISO 5817 level of an imperfection decides pass/fail (:mod:`weldsim.scoring.rubric`); the
points it costs grow with its size against its limits:

* ``h0``, where it starts to cost: the level-B limit when B permits it, else the size a gauge
  or the eye resolves (:data:`DETECT_MM`; 0 for the rest);
* ``h_scale``: the loosest finite limit of D (else C);
* ``h_zero = h0 + max(2 (h_scale - h0), h_scale, MIN_SPAN_MM)``, where it costs the
  stretch's whole score: twice as far past ``h0`` as the loosest limit, at least the loosest
  limit's own size past it and at least :data:`MIN_SPAN_MM` (the levels' bands are narrow
  for some kinds: 2.1, 2.6 and 2.8 mm of leg difference for B, C and D on an a4 fillet, and
  a fillet's throat changes by about 1 mm per mm of aim);
* its loss over its stretch: ``(h - h0) / (h_zero - h0)``, clipped to [0, 1]. Kinds no level
  permits (burn-through) and an unwelded stretch lose everything.

The bead score of a seam is ``100 (1 - mean loss)`` over 1 mm bins of the seam, a bin taking
the largest loss of the imperfections over it; each imperfection covers at least
:data:`MIN_FOOTPRINT_MM` (a pore or a crater is judged on its surroundings, as ISO 5817 judges
short imperfections per length of weld).

This module is the one place that reads :class:`weldsim.weld.Imperfection` (see
:func:`view`); everything else in the scoring reads :class:`ImperfectionView`.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from weldsim.weld.iso5817 import limit_mm

__all__ = ["DETECT_MM", "MIN_FOOTPRINT_MM", "MIN_SPAN_MM", "ImperfectionView", "bead_score", "view"]

#: Sizes below which a kind that level B does not permit goes unseen (mm): a fillet gauge
#: resolves about 0.3 mm of throat, the eye a crater about 0.3 mm deep (as the weld model
#: reports them, weldsim.weld.imperfections).
DETECT_MM = {"insufficient_throat": 0.3, "lack_of_fusion": 0.05, "end_crater": 0.3}
#: No imperfection goes from costing nothing to costing its stretch's whole score within less
#: than this much of its size (mm): a 0.25 mm step of the torch must not cost a cliff.
MIN_SPAN_MM = 1.5
#: Shortest stretch an imperfection is judged over (mm).
MIN_FOOTPRINT_MM = 10.0
_BIN_MM = 1.0


@dataclass(frozen=True, slots=True)
class ImperfectionView:
    """What the scoring needs of one imperfection.

    Attributes
    ----------
    kind : str
        ``undercut``, ``insufficient_throat``, ... (weldsim.weld.KINDS).
    iso : str or None
        ISO 6520-1 / 5817 reference number.
    start_mm, end_mm : float
    size_mm : float
        Its governing size ``h`` (mm).
    level : str or None
        ISO 5817 level it meets (None: worse than D).
    graded, meets_required : bool
    cause : str
        The model's cause key.
    params : dict
        The driving values (unit in each name).
    limits_mm : dict of str to float
        The ISO 5817 limit of ``h`` at B, C, D (``-inf`` where not permitted, ``inf`` where
        unlimited).
    design_throat_mm : float
        The throat ``a`` the weld is judged against.
    loss : float
        Share (0–1) of its stretch's bead score it costs.
    """

    kind: str
    iso: str | None
    start_mm: float
    end_mm: float
    size_mm: float
    level: str | None
    graded: bool
    meets_required: bool
    cause: str
    params: dict
    limits_mm: dict
    design_throat_mm: float
    loss: float

    @property
    def footprint_mm(self) -> tuple[float, float]:
        """The stretch it is judged over (at least :data:`MIN_FOOTPRINT_MM` long)."""
        mid = 0.5 * (self.start_mm + self.end_mm)
        half = 0.5 * max(self.end_mm - self.start_mm, MIN_FOOTPRINT_MM)
        return mid - half, mid + half


def _loss(kind: str, h: float, graded: bool, limits: dict) -> float:
    if not graded:
        return 0.0
    if kind == "incomplete_weld":
        return 1.0
    lim_b = limits["B"]
    h0 = lim_b if math.isfinite(lim_b) and lim_b > 0.0 else DETECT_MM.get(kind, 0.0)
    finite = [limits[k] for k in ("D", "C") if math.isfinite(limits[k]) and limits[k] > h0]
    if not finite:
        return 1.0 if h > h0 else 0.0
    scale = finite[0]
    zero = h0 + max(2.0 * (scale - h0), scale, MIN_SPAN_MM)
    return float(np.clip((h - h0) / (zero - h0), 0.0, 1.0))


def view(weld, imp) -> ImperfectionView:
    """The scoring's view of one imperfection of a seam weld (``weldsim.exercise.SeamWeld``)."""
    geometry, bead = weld.geometry, weld.bead
    t = geometry.thickness_mm if geometry.is_fillet else geometry.t1_mm
    a = float(bead.summary.design_throat_mm)
    inside = (bead.s_mm >= imp.start_mm) & (bead.s_mm <= imp.end_mm)
    widths = np.asarray(bead.face_width_mm)[inside]
    widths = widths[np.isfinite(widths)]
    b = float(widths.mean()) if widths.size else 0.0
    limits = {}
    for level in ("B", "C", "D"):
        limits[level] = (float(limit_mm(imp.iso5817, level, t, a, b, short=True))
                         if imp.iso5817 else math.inf)
    return ImperfectionView(
        kind=imp.type, iso=imp.iso5817, start_mm=float(imp.start_mm), end_mm=float(imp.end_mm),
        size_mm=float(imp.size_mm), level=imp.level, graded=bool(imp.graded),
        meets_required=bool(imp.meets_required), cause=str(imp.cause), params=dict(imp.params),
        limits_mm=limits, design_throat_mm=a,
        loss=_loss(imp.type, float(imp.size_mm), bool(imp.graded), limits))


def bead_score(views, seam_length_mm: float) -> float:
    """The bead score of one seam, 0–100 (see the module docstring)."""
    L = float(seam_length_mm)
    n = max(1, math.ceil(L / _BIN_MM))
    mids = (np.arange(n) + 0.5) * (L / n)
    loss = np.zeros(n)
    for v in views:
        if v.loss <= 0.0:
            continue
        a, b = v.footprint_mm
        covered = (mids >= a) & (mids <= b)
        loss[covered] = np.maximum(loss[covered], v.loss)
    return float(100.0 * (1.0 - loss.mean()))
