"""Technique metrics: how the torch was held and moved while the arc burned.

:func:`technique_metrics` turns a :class:`~weldsim.sim.trace.Trace` into
:class:`TechniqueMetrics`: per-sample values in the seam frame, their summaries, the seam
coverage, the arc starts and ends and the stretches left unwelded.

Seam frame and sign conventions
-------------------------------
Every arc-on sample belongs to the seam nearest its TCP. On that seam, the **root point** is
the point of the root line nearest the wire axis (:mod:`weldsim.scoring.seam_frame`), with the
tangent ``t`` (welding order) and the outward face normals ``n_lower`` and ``n_upper`` made
normal to ``t``. In the seam's normal plane there:

* **lateral axis** ``e_lat`` lies in the lower plate's face, pointing *away from the upper
  face* (for a T-fillet: across the base plate away from the web);
* **vertical axis** ``e_vert`` lies in the upper face, pointing *away from the lower face*
  (up the web).
* When the face normals are within 10 degrees of parallel (a butt joint, both normals up),
  ``e_lat = n_lower x t`` (across the joint: the welder's left, looking along the travel with
  the torch above) and ``e_vert = n_lower`` (along the normal).

Metrics (arc-on samples; NaN elsewhere):

* ``aim_lateral_mm``, ``aim_vertical_mm``: the **aim**, one definition shared by this metric
  and the bead model (which takes these values): where the wire axis meets the joint's faces,
  measured from the root along the face it meets. Coming from the torch, the wire reaches the
  lower face (the aim is ``(lateral, 0)``, lateral along ``e_lat``) or the upper face
  (``(0, vertical)``, vertical along ``e_vert``); a butt joint's aim is lateral only (where the
  wire meets the plates' plane). The root point is where the root line comes nearest the
  axis, so sliding the torch along its own axis changes the CTWD but not the aim. A torch
  moved 1 mm across the base plate of a T-joint reads ``(1, 0)`` whatever its work angle,
  1 mm up the web ``(0, 1)``; an aim exactly on the root is ``(0, 0)`` and the two branches
  meet there, so the aim is continuous. In a weaving pass the aim is the weave's
  centre line: the centred moving average over one weave period inside whole cycles, the
  nearest whole cycle's value within one period of them (partial cycles at the pass's ends);
  the raw offset across the torch is ``aim_across_mm``.
* ``work_angle_deg``: the torch axis (from the work toward the torch, ``-z``) projected into
  the normal plane, measured from ``e_lat`` toward ``n_lower``: 45 bisects a 90 degree fillet,
  90 is square to a flat butt; larger = steeper on the lower plate.
* ``travel_angle_deg``: ``asin(z . d)`` with ``d`` the travel direction (``t`` when the pass
  runs in welding order, ``-t`` when it runs against it): positive = push (the wire points
  where the torch is going), negative = drag.
* ``ctwd_mm``: the trace's ray cast of the wire axis from the contact tip (NaN without a hit).
* ``travel_speed_mm_s``: rate of change of ``s_mm`` along the travel direction, the centred
  moving average of ``ds/dt`` over one weave period when the pass weaves, else over
  :data:`SPEED_WINDOW_S` (sliding inside the pass at its ends). With the trajectory, the crater fill
  (arc on, standing still after the arc end) has no speed (NaN), nor has a weave's finish: at
  the end of a woven move the controller stops travelling and weaves on to the weave's next
  centre crossing (up to half a period, a whole one for CIRCLE; ``WeaveSpec.next_centre``),
  which is the controller's doing, not the programmed speed (see :func:`_weave_finish`).
* ``weave_amplitude_mm``, ``weave_frequency_hz``: from ``aim_across_mm``, the aim's offset
  across the torch (``t x z``, positive on the lateral side; the lateral offset for a butt
  joint), detrended by its centred moving average over one weave period. A cycle runs from an
  upward zero crossing to the next (counted with a hysteresis of
  :data:`WEAVE_HYSTERESIS_MM`, the crossing time interpolated); its amplitude is half its
  peak-to-peak, its frequency 1 / its duration, given to every sample of the cycle. NaN
  outside whole cycles and for a pass with fewer than :data:`WEAVE_MIN_CYCLES` cycles (not
  weaving). The weave period for the detrending is the programmed one when the trajectory is
  given, else the median cycle of a first pass detrended by the pass mean.

Passes, coverage, arcs
----------------------
A **pass** is a run of consecutive arc-on samples on one seam. ``length_mm`` gives each sample
the step ``|s_k - s_(k-1)|`` along the seam from the previous sample of its pass (0 for the
first): the weights of "percent of arc-on length". A sample is **on the seam** when the wire
axis passes within ``off_seam_mm`` (default :data:`OFF_SEAM_MM`) of the seam proper. The
**welded** part of a seam is the union of ``[min s, max s]`` over the stretches of consecutive
on-seam samples of its passes, clipped to the seam (wrapped round on a closed circle), overlaps
counted once; ``coverage`` is welded length over seam length. Off-seam samples keep their
metrics (measured against the nearest seam, so they score badly) but cover nothing. The
interval of one sample period at each ignition (before the first arc-on sample) is not
counted.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from weldsim._frozen import ReadOnlyArrays
from weldsim.errors import InvalidInputError
from weldsim.scenarios.spec import Scenario
from weldsim.scoring import _kernels as K
from weldsim.scoring.seam_frame import is_closed, seam_frame
from weldsim.scoring.windows import WindowSummary, deviation, window_summary

__all__ = [
    "METRIC_NAMES",
    "OFF_SEAM_MM",
    "SPEED_WINDOW_S",
    "WEAVE_HYSTERESIS_MM",
    "WEAVE_MIN_CYCLES",
    "ArcEvent",
    "SeamCoverage",
    "SeamPoint",
    "Stat",
    "TechniqueMetrics",
    "aim_on_faces",
    "nearest_seam",
    "seam_technique",
    "technique_metrics",
    "technique_window_summaries",
]

#: An arc whose wire axis passes farther than this from the seam burns off the seam (mm).
OFF_SEAM_MM = 5.0
#: Window of the travel speed's moving average when the pass does not weave (s).
SPEED_WINDOW_S = 0.2
#: A woven sample whose distance to its move's end point equals its weave offset to within
#: this (m) stands at the end point: the un-woven path has stopped there (the FK round trip of
#: the planned poses is good to about 1e-12 m; one sample of travel at 0.1 mm/s is 4e-7 m).
#: Pinned by tests/scoring/test_weave_speed.py.
WEAVE_FINISH_TOL_M = 1.0e-7
#: Hysteresis of the weave's zero-crossing counter (mm): smaller wobbles make no cycle.
WEAVE_HYSTERESIS_MM = 0.25
#: Fewest whole cycles for a pass to count as weaving.
WEAVE_MIN_CYCLES = 2
#: Face normals nearer than this (deg) make a butt joint for the aim's axes.
PARALLEL_FACES_DEG = 10.0
_SIN_PARALLEL = math.sin(math.radians(PARALLEL_FACES_DEG))

#: The per-sample metrics, in the order of the report.
METRIC_NAMES = (
    "aim_lateral_mm",
    "aim_vertical_mm",
    "work_angle_deg",
    "travel_angle_deg",
    "ctwd_mm",
    "travel_speed_mm_s",
    "weave_amplitude_mm",
    "weave_frequency_hz",
)


def _none_if_nan(x: float) -> float | None:
    return None if math.isnan(x) else x


@dataclass(frozen=True, slots=True)
class Stat:
    """Mean, minimum and maximum of a metric over the arc-on samples that have a value (NaN
    when none has). The mean is over samples, i.e. over arc time."""

    mean: float
    min: float
    max: float

    def as_dict(self) -> dict[str, float | None]:
        """JSON-ready (NaN becomes None)."""
        return {"mean": _none_if_nan(self.mean), "min": _none_if_nan(self.min),
                "max": _none_if_nan(self.max)}


@dataclass(frozen=True, slots=True)
class ArcEvent:
    """An arc start or end.

    Attributes
    ----------
    kind : str
        ``"start"`` or ``"end"``.
    sample : int
        Trace sample: the first arc-on sample of the run (start), the last one (end).
    t_s : float
        Its time (s).
    line : int
        Its job line.
    seam : int
        Index of the seam it belongs to (``scenario.seams``).
    s_mm : float
        Position along that seam (mm; may lie outside ``[0, length]``, see ``on_seam``).
    off_seam_mm : float
        How far the wire axis passes from the seam (mm).
    on_seam : bool
        ``off_seam_mm`` within the limit.
    """

    kind: str
    sample: int
    t_s: float
    line: int
    seam: int
    s_mm: float
    off_seam_mm: float
    on_seam: bool

    def as_dict(self) -> dict:
        """JSON-ready."""
        return {"kind": self.kind, "sample": self.sample, "t_s": self.t_s, "line": self.line,
                "seam": self.seam, "s_mm": self.s_mm, "off_seam_mm": self.off_seam_mm,
                "on_seam": self.on_seam}


@dataclass(frozen=True, slots=True)
class SeamCoverage:
    """What the arc covered of one seam.

    Attributes
    ----------
    seam : int
        Index into ``scenario.seams``.
    seam_id : str
    length_mm : float
        The seam's length (mm).
    welded_mm : float
        Length covered by the arc on the seam, overlaps counted once (mm).
    welded : tuple of (float, float)
        The covered stretches ``(from_mm, to_mm)``, sorted, disjoint.
    unwelded : tuple of (float, float)
        The stretches left, sorted; on a closed circle one may wrap round the start
        (``from_mm > to_mm``).
    """

    seam: int
    seam_id: str
    length_mm: float
    welded_mm: float
    welded: tuple[tuple[float, float], ...]
    unwelded: tuple[tuple[float, float], ...]

    @property
    def coverage(self) -> float:
        """Welded length over seam length (0–1)."""
        return self.welded_mm / self.length_mm

    def as_dict(self) -> dict:
        """JSON-ready."""
        return {"seam": self.seam, "seam_id": self.seam_id, "length_mm": self.length_mm,
                "welded_mm": self.welded_mm, "coverage": self.coverage,
                "welded": [list(w) for w in self.welded],
                "unwelded": [list(u) for u in self.unwelded]}


@dataclass(frozen=True, eq=False)
class TechniqueMetrics(ReadOnlyArrays):
    """Technique metrics of one trace. Per-sample arrays have the trace's length N, NaN (seam
    -1) where the arc is off; they are read-only. See the module docstring for definitions.

    Attributes
    ----------
    arc_on : ndarray, shape (N,), bool
    seam : ndarray, shape (N,), int64
        Seam of each arc-on sample (index into ``scenario.seams``), -1 where the arc is off.
    s_mm : ndarray, shape (N,)
        Position of the root point along the seam (mm); continuous within a pass, so on a
        closed circle a pass crossing the start runs past the length (take it modulo).
    off_seam_mm : ndarray, shape (N,)
        How far the wire axis passes from the seam proper (mm).
    on_seam : ndarray, shape (N,), bool
        Arc on and ``off_seam_mm <= off_seam_limit_mm``.
    length_mm : ndarray, shape (N,)
        Step along the seam from the previous sample of the pass (mm, >= 0; 0 where off).
    aim_lateral_mm, aim_vertical_mm, aim_across_mm : ndarray, shape (N,)
        Aim offsets (mm).
    work_angle_deg, travel_angle_deg : ndarray, shape (N,)
        Angles (deg).
    ctwd_mm : ndarray, shape (N,)
    travel_speed_mm_s : ndarray, shape (N,)
    weave_amplitude_mm, weave_frequency_hz : ndarray, shape (N,)
    summary : dict of str to Stat
        Keyed by :data:`METRIC_NAMES`.
    seams : tuple of SeamCoverage
        One per seam of the scenario.
    arc_starts, arc_ends : tuple of ArcEvent
        In time order; one of each per run of consecutive arc-on samples.
    off_seam_limit_mm : float
    """

    arc_on: np.ndarray
    seam: np.ndarray
    s_mm: np.ndarray
    off_seam_mm: np.ndarray
    on_seam: np.ndarray
    length_mm: np.ndarray
    aim_lateral_mm: np.ndarray
    aim_vertical_mm: np.ndarray
    aim_across_mm: np.ndarray
    work_angle_deg: np.ndarray
    travel_angle_deg: np.ndarray
    ctwd_mm: np.ndarray
    travel_speed_mm_s: np.ndarray
    weave_amplitude_mm: np.ndarray
    weave_frequency_hz: np.ndarray
    summary: dict[str, Stat]
    seams: tuple[SeamCoverage, ...]
    arc_starts: tuple[ArcEvent, ...]
    arc_ends: tuple[ArcEvent, ...]
    off_seam_limit_mm: float

    def __len__(self) -> int:
        return int(self.arc_on.shape[0])

    @property
    def coverage(self) -> float:
        """Welded length over seam length, all seams together (0–1)."""
        total = sum(c.length_mm for c in self.seams)
        return sum(c.welded_mm for c in self.seams) / total if total > 0 else math.nan

    @property
    def arc_off_seam(self) -> bool:
        """Whether the arc burned off the seam at any sample."""
        return bool(np.any(self.arc_on & ~self.on_seam))

    def as_dict(self) -> dict:
        """The summaries as a JSON-ready dict: ``metrics`` name -> {mean, min, max},
        ``coverage``, ``seams``, ``arc_starts``, ``arc_ends``."""
        return {
            "metrics": {name: self.summary[name].as_dict() for name in METRIC_NAMES},
            "coverage": _none_if_nan(self.coverage),
            "seams": [c.as_dict() for c in self.seams],
            "arc_starts": [e.as_dict() for e in self.arc_starts],
            "arc_ends": [e.as_dict() for e in self.arc_ends],
            "off_seam_limit_mm": self.off_seam_limit_mm,
        }


# --------------------------------------------------------------------------------------------


def _runs(mask: np.ndarray) -> np.ndarray:
    """``(start, stop)`` rows of the runs of True in a 1-D bool array."""
    d = np.diff(np.concatenate([[0], mask.astype(np.int8), [0]]))
    return np.stack([np.flatnonzero(d == 1), np.flatnonzero(d == -1)], axis=1).astype(np.int64)


def _split_runs(keys: np.ndarray, breaks: np.ndarray) -> np.ndarray:
    """Runs of equal ``keys`` over a compact array, also broken before each True of
    ``breaks`` (shape (M,); ``breaks[k]`` breaks between k - 1 and k)."""
    m = keys.shape[0]
    if m == 0:
        return np.zeros((0, 2), dtype=np.int64)
    cut = np.zeros(m, dtype=bool)
    cut[0] = True
    cut[1:] = (keys[1:] != keys[:-1]) | breaks[1:]
    starts = np.flatnonzero(cut)
    stops = np.concatenate([starts[1:], [m]])
    return np.stack([starts, stops], axis=1).astype(np.int64)


def _stat(x: np.ndarray) -> Stat:
    v = x[~np.isnan(x)]
    if v.size == 0:
        return Stat(math.nan, math.nan, math.nan)
    return Stat(float(v.mean()), float(v.min()), float(v.max()))


def _merge(intervals: list[tuple[float, float]]) -> list[tuple[float, float]]:
    out: list[list[float]] = []
    for a, b in sorted(intervals):
        if out and a <= out[-1][1]:
            out[-1][1] = max(out[-1][1], b)
        else:
            out.append([a, b])
    return [(a, b) for a, b in out]


def _coverage(index: int, seam, length_mm: float, spans: list[tuple[float, float]]
              ) -> SeamCoverage:
    """Union of the covered spans (unwrapped s, mm) on one seam."""
    closed = is_closed(seam)
    pieces: list[tuple[float, float]] = []
    for a, b in spans:
        if closed:
            if b - a >= length_mm:
                pieces.append((0.0, length_mm))
                continue
            k = math.floor(a / length_mm)
            a, b = a - k * length_mm, b - k * length_mm
            if b > length_mm:
                pieces += [(a, length_mm), (0.0, b - length_mm)]
            else:
                pieces.append((a, b))
        else:
            a, b = max(a, 0.0), min(b, length_mm)
            if b > a:
                pieces.append((a, b))
    welded = _merge([p for p in pieces if p[1] > p[0]])
    gaps: list[tuple[float, float]] = []
    edge = 0.0
    for a, b in welded:
        if a > edge:
            gaps.append((edge, a))
        edge = b
    if edge < length_mm:
        gaps.append((edge, length_mm))
    if closed and len(gaps) >= 2 and gaps[0][0] == 0.0 and gaps[-1][1] == length_mm:
        gaps = [*gaps[1:-1], (gaps[-1][0], gaps[0][1])]
    welded_mm = float(sum(b - a for a, b in welded))
    return SeamCoverage(seam=index, seam_id=seam.id, length_mm=length_mm,
                        welded_mm=min(welded_mm, length_mm), welded=tuple(welded),
                        unwelded=tuple(gaps))


def _programmed_weave(trajectory, idx: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Programmed weave amplitude (mm) and frequency (Hz) at the arc-on samples, NaN where
    the trajectory does not weave."""
    m = idx.shape[0]
    amp = np.full(m, np.nan)
    freq = np.full(m, np.nan)
    if trajectory is None:
        return amp, freq
    cond = np.asarray(trajectory.weave_condition)[idx]
    for c, wc in enumerate(trajectory.weave_conditions):
        sel = cond == c
        amp[sel] = 1000.0 * wc.amplitude_m
        freq[sel] = wc.frequency_hz
    return amp, freq


@dataclass(frozen=True, eq=False)
class SeamPoint:
    """Each sample's nearest seam and the seam frame there (the first step of
    :func:`technique_metrics`, shared with the live coaching gauges). Arrays are writable
    copies (M = samples).

    Attributes
    ----------
    seam : ndarray, shape (M,), int64
        Index into ``scenario.seams`` of the seam nearest each TCP.
    s_mm : ndarray, shape (M,)
        Position of the root point along that seam (mm).
    root_m, tangent, lower_normal, upper_normal : ndarray, shape (M, 3)
        The root point (world, m), the unit tangent in welding order and the unit outward
        face normals there (see :mod:`weldsim.scoring.seam_frame`).
    off_seam_mm : ndarray, shape (M,)
        How far the wire axis passes from the seam proper (mm).
    """

    seam: np.ndarray
    s_mm: np.ndarray
    root_m: np.ndarray
    tangent: np.ndarray
    lower_normal: np.ndarray
    upper_normal: np.ndarray
    off_seam_mm: np.ndarray


def nearest_seam(frames, m: int) -> SeamPoint:
    """Each of ``m`` samples on the seam nearest its TCP.

    Parameters
    ----------
    frames : sequence of SeamFrame
        The frame of every seam of the scenario at the same ``m`` samples, in the order of
        ``scenario.seams`` (:func:`~weldsim.scoring.seam_frame.seam_frame`).
    m : int
        Number of samples.

    Returns
    -------
    SeamPoint
    """
    dist = np.stack([f.tcp_distance_mm for f in frames]) if m else np.zeros((1, 0))
    seam_of = np.argmin(dist, axis=0).astype(np.int64)
    rows = np.arange(m)

    def pick(name: str) -> np.ndarray:
        if len(frames) == 1:
            return np.array(getattr(frames[0], name), order="C")  # a writable copy
        stacked = np.stack([getattr(f, name) for f in frames])
        return np.ascontiguousarray(stacked[seam_of, rows])

    return SeamPoint(seam=seam_of, s_mm=pick("s_mm"), root_m=pick("root_m"),
                     tangent=pick("tangent"), lower_normal=pick("lower_normal"),
                     upper_normal=pick("upper_normal"),
                     off_seam_mm=np.hypot(pick("miss_mm"), pick("beyond_mm")))


def seam_technique(p: np.ndarray, z: np.ndarray, at: SeamPoint, direction: np.ndarray
                   ) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """The per-sample technique of poses on their seams, before any smoothing over time.

    Parameters
    ----------
    p, z : ndarray, shape (M, 3)
        TCP positions (world, m) and unit wire axes (C-contiguous float64).
    at : SeamPoint
        Their seam points (:func:`nearest_seam`).
    direction : ndarray, shape (M,)
        +1 where the torch travels in welding order, -1 against it.

    Returns
    -------
    aim_lateral_mm, aim_vertical_mm : ndarray, shape (M,)
        The oblique miss coordinates (mm); :func:`aim_on_faces` makes them the aim.
    aim_across_mm, work_angle_deg, travel_angle_deg : ndarray, shape (M,)
        See the module docstring.
    """
    return K.technique(p, z, at.root_m, at.tangent, at.lower_normal, at.upper_normal,
                       direction, _SIN_PARALLEL)


def aim_on_faces(lat_mm: np.ndarray, vert_mm: np.ndarray, z: np.ndarray, at: SeamPoint
                 ) -> tuple[np.ndarray, np.ndarray]:
    """The aim (mm) where the wire axis meets the joint's faces, from the oblique miss
    coordinates of :func:`seam_technique` (or their weave centre)."""
    return K.aim_on_faces(lat_mm, vert_mm, z, at.tangent, at.lower_normal, at.upper_normal,
                          _SIN_PARALLEL)


def _check(trace, scenario: Scenario, trajectory) -> None:
    if not isinstance(scenario, Scenario):
        raise InvalidInputError(f"scenario must be a Scenario, got {type(scenario).__name__}")
    if not scenario.seams:
        raise InvalidInputError(f"scenario {scenario.id!r} has no seam to measure against")
    n = len(trace.t)
    T = np.asarray(trace.T_world_tcp)
    if T.shape != (n, 4, 4) or np.asarray(trace.arc_on).shape != (n,):
        raise InvalidInputError(f"trace arrays disagree in length: t {n}, T_world_tcp "
                                f"{T.shape}, arc_on {np.asarray(trace.arc_on).shape}")
    if n > 1 and not np.all(np.diff(trace.t) > 0.0):
        raise InvalidInputError("trace times must increase")
    arc = np.asarray(trace.arc_on, dtype=bool)
    if not np.all(np.isfinite(T[arc])):
        raise InvalidInputError("trace has a non-finite TCP pose while the arc is on")
    if trajectory is not None and len(trajectory.t) != n:
        raise InvalidInputError(f"trajectory has {len(trajectory.t)} samples, the trace {n}: "
                                "pass the trajectory the trace was played from")


def technique_metrics(trace, scenario: Scenario, trajectory=None, *,
                      off_seam_mm: float = OFF_SEAM_MM) -> TechniqueMetrics:
    """Measure the welding technique of a played trajectory.

    Parameters
    ----------
    trace : weldsim.sim.trace.Trace
        The played trajectory (world frame).
    scenario : Scenario
        The exercise: its seams (world frame).
    trajectory : weldsim.motion.Trajectory, optional
        The trajectory the trace was played from (same samples). When given, the programmed
        weave period sets the smoothing windows and the crater fill has no travel speed.
    off_seam_mm : float
        An arc-on sample whose wire axis passes farther than this from the seam is off the
        seam (mm, > 0).

    Returns
    -------
    TechniqueMetrics

    Raises
    ------
    InvalidInputError
        When the scenario has no seam, the arrays disagree, or the trajectory does not match.
    """
    _check(trace, scenario, trajectory)
    if not (math.isfinite(off_seam_mm) and off_seam_mm > 0.0):
        raise InvalidInputError(f"off_seam_mm must be finite and > 0, got {off_seam_mm!r}")
    n = len(trace.t)
    arc = np.asarray(trace.arc_on, dtype=bool).copy()
    idx = np.flatnonzero(arc)
    m = idx.shape[0]
    t = np.ascontiguousarray(trace.t, dtype=np.float64)[idx]
    T = np.asarray(trace.T_world_tcp, dtype=np.float64)[idx]
    p = np.ascontiguousarray(T[:, :3, 3])
    z = np.ascontiguousarray(T[:, :3, 2])

    # seam frame of every seam; each sample takes the seam nearest its TCP
    at = nearest_seam([seam_frame(seam, p, z) for seam in scenario.seams], m)
    seam_of, s, off = at.seam, at.s_mm, at.off_seam_mm

    # passes: consecutive arc-on samples on one seam
    gap = np.zeros(m, dtype=bool)
    gap[1:] = np.diff(idx) != 1
    passes = _split_runs(seam_of, gap)
    pass_seam = seam_of[passes[:, 0]] if m else np.zeros(0, dtype=np.int64)
    lengths_mm = np.array([1000.0 * sc.length_m for sc in scenario.seams])
    for j, seam in enumerate(scenario.seams):
        if is_closed(seam):
            sel = passes[pass_seam == j]
            K.unwrap_segments(s, np.ascontiguousarray(sel), float(lengths_mm[j]))
    direction = np.ones(m)
    for a, b in passes:
        if s[b - 1] < s[a]:
            direction[a:b] = -1.0

    lat, vert, across, work, travel = seam_technique(p, z, at, direction)
    ctwd = 1000.0 * np.asarray(trace.ctwd_m, dtype=np.float64)[idx]

    # weave
    _, prog_freq = _programmed_weave(trajectory, idx)
    amp, freq, period = _weave(t, np.nan_to_num(across), passes, prog_freq)
    # a weaving pass aims with the centre of its weave
    lat = _weave_centre(t, lat, passes, period, amp)
    vert = _weave_centre(t, vert, passes, period, amp)
    # ... and the aim is where that centre line's wire meets the joint's faces
    lat, vert = aim_on_faces(lat, vert, z, at)
    # ... and its CTWD where the weave crosses its centre line: in a groove the wire meets
    # the groove's faces nearer the tip at the weave's edges, which is not a stick-out fault
    ctwd = _ctwd_at_weave_centre(t, ctwd, np.nan_to_num(across), passes, period, amp)

    # travel speed, without the crater fill and the weaves' finishes when the trajectory
    # tells them
    crater = np.zeros(m, dtype=bool)
    if trajectory is not None:
        crater = np.asarray(trajectory.crater_condition)[idx] >= 0
        crater |= _weave_finish(trajectory, idx, p)
    half = 0.5 * np.where(np.isnan(period), SPEED_WINDOW_S, period)
    pass_id = np.repeat(np.arange(len(passes)), passes[:, 1] - passes[:, 0])
    speed_runs = _intersect(passes, _runs(~crater))
    speed_half = half[pass_id[speed_runs[:, 0]]] if len(speed_runs) else np.zeros(0)
    speed = K.centred_slope(t, s, speed_runs, np.ascontiguousarray(speed_half)) * direction

    # lengths, on/off the seam, coverage
    step = np.zeros(m)
    if m > 1:
        step[1:] = np.abs(np.diff(s))
        step[passes[:, 0]] = 0.0
    on = off <= off_seam_mm
    spans: list[list[tuple[float, float]]] = [[] for _ in scenario.seams]
    for (a, b), j in zip(passes, pass_seam, strict=True):
        for c, d in _runs(on[a:b]):
            seg = s[a + c:a + d]
            spans[j].append((float(seg.min()), float(seg.max())))
    coverage = tuple(_coverage(j, seam, float(lengths_mm[j]), spans[j])
                     for j, seam in enumerate(scenario.seams))

    # arc starts and ends (runs of the arc, whatever the seam)
    starts, ends = [], []
    line = np.asarray(trace.line)
    tt = np.asarray(trace.t, dtype=np.float64)
    for a, b in _runs(arc):
        for kind, i, out in (("start", a, starts), ("end", b - 1, ends)):
            k = int(np.searchsorted(idx, i))
            out.append(ArcEvent(kind=kind, sample=int(i), t_s=float(tt[i]), line=int(line[i]),
                                seam=int(seam_of[k]), s_mm=float(s[k]),
                                off_seam_mm=float(off[k]), on_seam=bool(on[k])))

    def full(x, fill=np.nan, dtype=np.float64) -> np.ndarray:
        out = np.full(n, fill, dtype=dtype)
        out[idx] = x
        return out

    arrays = {
        "aim_lateral_mm": full(lat), "aim_vertical_mm": full(vert),
        "work_angle_deg": full(work), "travel_angle_deg": full(travel), "ctwd_mm": full(ctwd),
        "travel_speed_mm_s": full(speed), "weave_amplitude_mm": full(amp),
        "weave_frequency_hz": full(freq),
    }
    summary = {name: _stat(arrays[name][idx]) for name in METRIC_NAMES}
    return TechniqueMetrics(
        arc_on=arc, seam=full(seam_of, -1, np.int64), s_mm=full(s), off_seam_mm=full(off),
        on_seam=full(on, False, bool), length_mm=full(step, 0.0), aim_across_mm=full(across),
        summary=summary, seams=coverage, arc_starts=tuple(starts), arc_ends=tuple(ends),
        off_seam_limit_mm=float(off_seam_mm), **arrays)


def _weave_finish(trajectory, idx: np.ndarray, p: np.ndarray) -> np.ndarray:
    """Which arc-on samples ``idx`` are a weave's finish: the samples after the un-woven path
    has arrived at the end of a woven move, where the controller weaves on, travel stopped,
    to the weave's next centre crossing (:meth:`weldsim.motion.planner._Planner.weave_phase`).

    A woven sample stands at its move's end point ``p_end`` (the move's last sample, where the
    offset is zero) when ``|p - p_end|`` equals its offset ``hypot(lateral, along)`` (the
    weave axis is normal to the travel, so this holds whatever the travel direction) to within
    :data:`WEAVE_FINISH_TOL_M`; walking back from the end, the standing samples are the finish
    and the arrival sample before it (kept: it ends the travel).

    Parameters
    ----------
    trajectory : weldsim.motion.Trajectory
    idx : ndarray, shape (M,), int64
        The arc-on samples.
    p : ndarray, shape (M, 3)
        Their TCP positions (m; any frame: only distances are used).
    """
    from weldsim.motion.weave import WeavePattern, WeaveSpec, weave_offsets

    m = idx.shape[0]
    finish = np.zeros(m, dtype=bool)
    cond = np.asarray(trajectory.weave_condition)[idx]
    if m == 0 or not (cond >= 0).any():
        return finish
    phase = np.asarray(trajectory.weave_phase)[idx]
    offset = np.zeros(m)
    for c, wc in enumerate(trajectory.weave_conditions):
        sel = cond == c
        if sel.any():
            spec = WeaveSpec(WeavePattern[wc.pattern], wc.amplitude_m, wc.frequency_hz,
                             *wc.dwell_s, angle_rad=wc.angle_rad)
            lateral, along = weave_offsets(spec, phase[sel])
            offset[sel] = np.hypot(lateral, along)
    line = np.asarray(trajectory.line)[idx]
    gap = np.zeros(m, dtype=bool)
    gap[1:] = np.diff(idx) != 1
    for a, b in _split_runs(np.where(cond >= 0, line, -1), gap):
        if cond[a] < 0:
            continue
        end = b - 1
        k = end
        while k > a and abs(float(np.linalg.norm(p[k - 1] - p[end])) - offset[k - 1]) \
                < WEAVE_FINISH_TOL_M:
            k -= 1
        finish[k + 1:b] = True  # after the arrival sample k
    return finish


def _intersect(runs: np.ndarray, keep: np.ndarray) -> np.ndarray:
    """Pieces of ``runs`` inside the ``keep`` runs (both (start, stop) rows, sorted)."""
    out = []
    for a, b in runs:
        for c, d in keep:
            lo, hi = max(a, c), min(b, d)
            if hi > lo:
                out.append((lo, hi))
    return np.array(out, dtype=np.int64).reshape(-1, 2)


def _weave(t: np.ndarray, x: np.ndarray, passes: np.ndarray, prog_freq: np.ndarray
           ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Per-sample weave amplitude and frequency, and each pass's weave period (NaN when the
    pass does not weave)."""
    npass = len(passes)
    period = np.full(npass, np.nan)
    for j, (a, b) in enumerate(passes):
        f = prog_freq[a:b]
        f = f[~np.isnan(f)]
        if f.size:
            period[j] = 1.0 / float(np.median(f))
    # first pass: the pass mean removed; it gives the period where none is programmed
    todo = np.isnan(period)
    if np.any(todo):
        whole = np.full(npass, np.inf)
        detrended = x - K.centred_mean(t, x, passes, whole)
        _, freq, ncyc = K.weave_cycles(t, detrended, passes, WEAVE_HYSTERESIS_MM)
        for j in np.flatnonzero(todo & (ncyc >= WEAVE_MIN_CYCLES)):
            a, b = passes[j]
            period[j] = 1.0 / float(np.nanmedian(freq[a:b]))
    half = np.where(np.isnan(period), np.inf, 0.5 * period)
    detrended = x - K.centred_mean(t, x, passes, np.ascontiguousarray(half))
    amp, freq, ncyc = K.weave_cycles(t, detrended, passes, WEAVE_HYSTERESIS_MM)
    for j in np.flatnonzero(ncyc < WEAVE_MIN_CYCLES):
        a, b = passes[j]
        amp[a:b] = np.nan
        freq[a:b] = np.nan
        period[j] = np.nan
    return amp, freq, period


def _weave_centre(t: np.ndarray, x: np.ndarray, passes: np.ndarray, period: np.ndarray,
                  amp: np.ndarray) -> np.ndarray:
    """``x`` with each weaving pass replaced by its centre line: the centred moving average
    over one period inside whole cycles; within one period of them (a partial cycle at the
    pass's ends) the nearest whole-cycle value; the raw value farther away."""
    half = np.ascontiguousarray(np.where(np.isnan(period), 0.0, 0.5 * period))
    centre = K.centred_mean(t, x, passes, half)
    out = x.copy()
    for j in np.flatnonzero(~np.isnan(period)):
        a, b = passes[j]
        inside = np.flatnonzero(~np.isnan(amp[a:b])) + a
        k = np.clip(np.searchsorted(inside, np.arange(a, b)), 1, len(inside) - 1)
        left, right = inside[k - 1], inside[k]
        near = np.where(np.abs(t[a:b] - t[left]) <= np.abs(t[right] - t[a:b]), left, right)
        use = np.abs(t[a:b] - t[near]) <= period[j]
        out[a:b] = np.where(use, centre[near], x[a:b])
        out[inside] = centre[inside]
    return out


def _ctwd_at_weave_centre(t: np.ndarray, ctwd: np.ndarray, across: np.ndarray,
                          passes: np.ndarray, period: np.ndarray, amp: np.ndarray) -> np.ndarray:
    """In each weaving pass, the CTWD measured where the torch crosses the weave's centre line
    (within a quarter of the amplitude), interpolated in time between crossings."""
    centre = _weave_centre(t, across, passes, period, amp)
    out = ctwd.copy()
    for j in np.flatnonzero(~np.isnan(period)):
        a, b = passes[j]
        a_mm = np.nanmedian(amp[a:b]) if np.any(~np.isnan(amp[a:b])) else np.nan
        if not np.isfinite(a_mm) or a_mm <= 0.0:
            continue
        near = (np.abs(across[a:b] - centre[a:b]) <= 0.25 * a_mm) & np.isfinite(ctwd[a:b])
        if near.sum() >= 2:
            out[a:b] = np.interp(t[a:b], t[a:b][near], ctwd[a:b][near])
    return out


def technique_window_summaries(metrics: TechniqueMetrics, scenario: Scenario, trajectory=None
                               ) -> dict[str, WindowSummary]:
    """Each metric against the scenario's window (welding.md section 1).

    ``aim_mm`` scores both aim offsets; ``travel_speed_pct`` the speed's deviation from the WPS
    nominal speed in percent (left out without a WPS); ``weave_amplitude_mm`` the measured
    minus the programmed amplitude and ``weave_frequency_pct`` the deviation from the
    programmed frequency in percent (both left out without a trajectory that weaves). A CTWD
    with the wire axis meeting nothing scores 0; other missing values are left out.

    Returns
    -------
    dict of str to WindowSummary
        Keyed by the metric names of :data:`METRIC_NAMES` that could be scored.
    """
    if not isinstance(metrics, TechniqueMetrics):
        raise InvalidInputError(f"metrics must be TechniqueMetrics, got {type(metrics).__name__}")
    w = scenario.windows
    on = metrics.arc_on
    length = metrics.length_mm[on]
    out: dict[str, WindowSummary] = {}

    def add(name: str, window_name: str, values: np.ndarray, **kw) -> None:
        if window_name in w:
            out[name] = window_summary(values, w[window_name], length, **kw)

    add("aim_lateral_mm", "aim_mm", metrics.aim_lateral_mm[on])
    add("aim_vertical_mm", "aim_mm", metrics.aim_vertical_mm[on])
    add("work_angle_deg", "work_angle_deg", metrics.work_angle_deg[on])
    add("travel_angle_deg", "travel_angle_deg", metrics.travel_angle_deg[on])
    add("ctwd_mm", "ctwd_mm", metrics.ctwd_mm[on], missing_score=0.0)
    if scenario.wps is not None:
        ref = scenario.wps.speed_mm_s.nominal
        add("travel_speed_mm_s", "travel_speed_pct",
            deviation(metrics.travel_speed_mm_s[on], ref, percent=True))
    if trajectory is not None and len(trajectory.t) == len(metrics):
        prog_amp, prog_freq = _programmed_weave(trajectory, np.flatnonzero(on))
        if np.any(~np.isnan(prog_amp)):
            add("weave_amplitude_mm", "weave_amplitude_mm",
                metrics.weave_amplitude_mm[on] - prog_amp)
            dev = 100.0 * (metrics.weave_frequency_hz[on] - prog_freq) / prog_freq
            add("weave_frequency_hz", "weave_frequency_pct", dev)
    return out
