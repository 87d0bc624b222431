"""Far from the seam: whether the wire tip is close enough to the joint for the technique
gauges to mean anything.

At the home pose the wire tip stands a few hundred millimetres from the work; measured
against the nearest seam from there, the aim reads hundreds of millimetres off, the angles
are those of a torch pointing at nothing, and a hint would jog toward a gauge's window. An
instructor says none of that: "bring the torch to the start of the seam first". So a reading
carries an :class:`Approach`: how far the wire tip is from the nearest seam and from that
seam's start, and whether it is **far** (the pendant then greys the gauges, says how far the
start is and gives one approach hint, :func:`weldsim.coaching.hints.approach_hint`).

The boundary
------------
:data:`APPROACH_MM` (mm): the wire tip within this distance of the seam (the nearest point
of its line, ends included) is at the seam. Source: every bundled reference job teaches its
approach point, the last point before the arc start, 50 mm back along the torch axis from
the weld's start (49.5-49.7 mm from the seam line: ``tests/coaching/test_approach.py``
measures them all); that is where a trainee lines the torch up, so the gauges must be live
there, with :data:`APPROACH_MM` - 50 = 10 mm to spare for an approach point taught a little
farther out. Farther than that the aim and CTWD are meaningless (their windows are a few mm
wide) and the angles are not yet being set.

Hysteresis: a tip that has come within :data:`APPROACH_MM` is far again only beyond
:data:`APPROACH_MM` + :data:`APPROACH_HYSTERESIS_MM`, so a trainee jogging to and fro at the
edge does not see the panel switch at every inching step (the test follows such a jog
path). Without history (``was_far`` None) the boundary is :data:`APPROACH_MM`.

The distance is a continuous function of the tip (the minimum over every seam's segments),
so the state switches only where it crosses a threshold, never by a change of the nearest
seam. Nothing of a gauge's value or state changes: the scoring's numbers stay as they are,
far or not.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from weldsim.i18n import Message, Qty

__all__ = ["APPROACH_HYSTERESIS_MM", "APPROACH_MM", "Approach", "SeamLines", "is_far"]

#: The wire tip within this distance [mm] of a seam's line is at the seam: the gauges are
#: live (the reference jobs' approach points are 49.5-49.7 mm out, + 10 mm to spare).
APPROACH_MM = 60.0
#: Once at the seam, the tip is far again only beyond APPROACH_MM + this [mm].
APPROACH_HYSTERESIS_MM = 10.0


def is_far(distance_mm: float, was_far: bool | None = None) -> bool:
    """Whether a wire tip ``distance_mm`` from the seam is far from it, given the state
    before (``was_far``; None: no history, as far)."""
    if math.isnan(distance_mm):
        return True
    limit = APPROACH_MM if was_far is None or was_far else APPROACH_MM + APPROACH_HYSTERESIS_MM
    return distance_mm > limit


@dataclass(frozen=True, eq=False)
class Approach:
    """Where the wire tip is against the seams (world frame).

    Attributes
    ----------
    far : bool
        True when the tip is farther from every seam than the approach distance (with
        hysteresis, see the module docstring): the gauges are not to be judged yet.
    seam : int
        Index in ``scenario.seams`` of the seam nearest the wire tip.
    seam_mm : float
        Distance from the wire tip to that seam's line (mm).
    start_mm : float
        Distance from the wire tip to that seam's start (mm).
    start_m : ndarray, shape (3,)
        That seam's start (world, m): where the approach hint leads.
    """

    far: bool
    seam: int
    seam_mm: float
    start_mm: float
    start_m: np.ndarray

    @property
    def message(self) -> Message:
        """"The torch is still far from the seam (N mm): bring it to the seam's start first"
        (``coaching.approach.far``, the distance to the start in whole mm)."""
        return Message.of("coaching.approach.far", distance=Qty(self.start_mm, "mm", 0))


class SeamLines:
    """Every seam's segments, for the distance of a point to the nearest seam.

    Parameters
    ----------
    seams : sequence of Seam
        The scenario's seams (``points_m`` (N, 3), world frame, in welding order).
    """

    def __init__(self, seams):
        a, d, owner, starts = [], [], [], []
        for k, seam in enumerate(seams):
            pts = np.asarray(seam.points_m, dtype=np.float64).reshape(-1, 3)
            starts.append(pts[0].copy())
            if len(pts) == 1:
                pts = np.vstack([pts, pts])
            a.append(pts[:-1])
            d.append(pts[1:] - pts[:-1])
            owner.append(np.full(len(pts) - 1, k))
        self.a = np.ascontiguousarray(np.concatenate(a))
        self.d = np.ascontiguousarray(np.concatenate(d))
        dd = np.einsum("ij,ij->i", self.d, self.d)
        self.inv_dd = np.where(dd > 0.0, 1.0 / np.where(dd > 0.0, dd, 1.0), 0.0)
        self.owner = np.concatenate(owner)
        self.starts = np.array(starts)
        self.start_lists = [p.tolist() for p in self.starts]

    def approach(self, tip_m, was_far: bool | None = None) -> Approach:
        """The :class:`Approach` of a wire tip ``tip_m`` ((3,), world, m)."""
        tip = np.asarray(tip_m, dtype=np.float64)
        rel = tip - self.a
        t = np.dot(rel * self.d, _ONES) * self.inv_dd
        np.clip(t, 0.0, 1.0, out=t)
        rel -= t[:, None] * self.d
        dist2 = np.dot(rel * rel, _ONES)
        k = int(dist2.argmin())
        seam = int(self.owner[k])
        seam_mm = 1000.0 * math.sqrt(float(dist2[k]))
        start = self.starts[seam]
        start_mm = 1000.0 * math.dist(tip.tolist(), self.start_lists[seam])
        return Approach(far=is_far(seam_mm, was_far), seam=seam, seam_mm=seam_mm,
                        start_mm=start_mm, start_m=start.copy())


_ONES = np.ones(3)
