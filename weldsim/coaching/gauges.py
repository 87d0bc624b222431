"""Technique gauges at one pose: what the score would say of the torch held as it is now.

:class:`Coach` turns joint angles (or a TCP pose) into a :class:`TechniqueReading`: the
nearest seam, the distance along it, and one :class:`Gauge` per technique metric against the
exercise's window, plus the points the 3D view draws (wire tip, aim point, drop line, root
point). The pendant calls :meth:`Coach.reading` every frame while jogging; :meth:`Coach.hint`
names the jog that brings the worst gauge back (:mod:`weldsim.coaching.hints`).

One code path with the score
----------------------------
A reading is the per-sample part of :func:`weldsim.scoring.metrics.technique_metrics` run on
one sample: the seam frame (:func:`weldsim.scoring.seam_frame.frame_at`), the nearest seam
(:func:`~weldsim.scoring.metrics.nearest_seam`), the angles and the oblique aim
(:func:`~weldsim.scoring.metrics.seam_technique`) and the aim on the joint's faces
(:func:`~weldsim.scoring.metrics.aim_on_faces`), the same functions on the same kernels. What
the score adds over time (the weave's centre line, the travel speed) has no meaning at one
pose and is not here: at a pose inside a weaving pass the gauges show the torch where it is,
not the weave's centre. The CTWD is the cell's ray cast of the wire axis from the contact tip
(:meth:`weldsim.sim.Cell.cast_wire`, one ray) when the coach has a cell, else the same ray
cast analytically against the same solids (:mod:`weldsim.sim.wire_cast`, tested to agree).

Gauges (in this order, :data:`GAUGE_NAMES`)
-------------------------------------------
``work_angle`` (deg), ``travel_angle`` (deg; + push, - drag, for the travel direction given),
``ctwd`` (mm; NaN when the wire axis meets no work within the cell's ray length),
``aim_lateral`` and ``aim_vertical`` (mm; both against the ``aim_mm`` window), ``along`` (mm
from the seam's start, no window). Windows are the scenario's technique windows
(``scenario.windows``: ``work_angle_deg``, ``travel_angle_deg``, ``ctwd_mm``, ``aim_mm``),
the rubric's own. A gauge's ``low``/``high`` are the window's outer edges (where the score
reaches 0), ``full_low``/``full_high`` the full-marks band, ``target`` its nominal. Its state:

* ``"in"``: inside the full-marks band (the score would give this sample 1);
* ``"near"``: outside the band but inside the window (a score between 0 and 1);
* ``"out"``: at or beyond the window's edges (score 0), or not measurable (NaN: a CTWD whose
  wire axis meets nothing scores 0 too);
* ``"none"``: the exercise has no window for it (``along`` always).

Far from the seam: each reading also carries an :class:`~weldsim.coaching.approach.Approach`
(``TechniqueReading.approach``, ``.far``): whether the wire tip is too far from every seam
for the gauges to be judged (:mod:`weldsim.coaching.approach`; :meth:`Coach.reading` keeps
the last state for its hysteresis in :attr:`Coach.was_far`). It changes no gauge's value or
state.

Frames and units: poses in the cell's world frame (the scenario's, the 3D view's), metres;
gauge values in display units (deg, mm).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from weldsim.coaching.approach import Approach, SeamLines
from weldsim.errors import InvalidInputError
from weldsim.i18n import Message
from weldsim.scenarios.spec import Scenario, Window
from weldsim.scoring.metrics import aim_on_faces, nearest_seam, seam_technique
from weldsim.scoring.seam_frame import frame_at, seam_geometry
from weldsim.scoring.windows import window_scores
from weldsim.sim.cell import RAY_LENGTH_M
from weldsim.sim.wire_cast import RaySolids, cast_ray

__all__ = ["AIM_RAY_M", "DROP_RAY_M", "GAUGE_NAMES", "Coach", "Gauge", "TechniqueReading"]

#: The gauges of a reading, in order.
GAUGE_NAMES = ("work_angle", "travel_angle", "ctwd", "aim_lateral", "aim_vertical", "along")
#: The scenario window each gauge is judged against (None: no window).
GAUGE_WINDOWS: dict[str, str | None] = {
    "work_angle": "work_angle_deg", "travel_angle": "travel_angle_deg", "ctwd": "ctwd_mm",
    "aim_lateral": "aim_mm", "aim_vertical": "aim_mm", "along": None,
}
GAUGE_UNITS = {"work_angle": "deg", "travel_angle": "deg", "ctwd": "mm", "aim_lateral": "mm",
               "aim_vertical": "mm", "along": "mm"}
#: How far the wire axis is followed past the cell's CTWD ray for the aim point (m): the 3D
#: view shows where the torch points while it is still far from the work.
AIM_RAY_M = 1.0
#: How far down (world -z) the drop line is followed from the wire tip (m).
DROP_RAY_M = 1.0
_DOWN = (0.0, 0.0, -1.0)


@dataclass(frozen=True, slots=True)
class Gauge:
    """One technique gauge (see the module docstring).

    Attributes
    ----------
    name : str
        One of :data:`GAUGE_NAMES`.
    value : float
        In display units (deg or mm); NaN when not measurable.
    unit : str
        ``"deg"`` or ``"mm"``.
    target : float or None
        The window's nominal (display units); None without a window.
    low, high : float or None
        The window's outer edges, where the score reaches 0 (display units).
    state : str
        ``"in"``, ``"near"``, ``"out"`` or ``"none"``.
    label : Message
        The gauge's name for the screen (``coaching.gauge.<name>``).
    full_low, full_high : float or None
        The full-marks band inside the window (display units).
    """

    name: str
    value: float
    unit: str
    target: float | None
    low: float | None
    high: float | None
    state: str
    label: Message
    full_low: float | None = None
    full_high: float | None = None

    @property
    def has_window(self) -> bool:
        """Whether the exercise judges this gauge."""
        return self.full_low is not None


@dataclass(frozen=True, eq=False)
class TechniqueReading:
    """The technique at one pose (world frame, m; gauges in display units).

    Attributes
    ----------
    seam : int
        Index of the nearest seam in ``scenario.seams`` (nearest to the wire tip, as scoring).
    s_mm : float
        Position of the root point along that seam from its start (mm; < 0 or > length
        beyond the ends of an open seam).
    seam_length_mm : float
    gauges : tuple of Gauge
        In the order of :data:`GAUGE_NAMES`.
    tip_m : ndarray, shape (3,)
        The wire tip (the TCP: contact tip + stick-out along the wire axis).
    aim_point_m : ndarray, shape (3,), or None
        Where the wire axis, cast from the contact tip, first meets the work (within
        :data:`AIM_RAY_M`); None when it meets nothing.
    drop_point_m : ndarray, shape (3,), or None
        Foot of the drop line: the first work surface straight below the wire tip (world
        -z, within :data:`DROP_RAY_M`); None when there is none.
    drop_mm : float
        Length of the drop line (mm), NaN without one.
    root_point_m : ndarray, shape (3,)
        The seam's root point the aim is measured from (nearest the wire axis).
    travel_sign : int
        +1 travelling in the seam's welding order, -1 against it (the travel angle's sense).
    off_seam_mm : float
        How far the wire axis passes from the seam proper (mm; scoring's ``off_seam_mm``).
    approach : Approach or None
        How far the wire tip is from the seams, and whether it is too far for the gauges to
        be judged (:mod:`weldsim.coaching.approach`); the gauges' values and states are the
        scoring's either way.
    """

    seam: int
    s_mm: float
    seam_length_mm: float
    gauges: tuple[Gauge, ...]
    tip_m: np.ndarray
    aim_point_m: np.ndarray | None
    drop_point_m: np.ndarray | None
    drop_mm: float
    root_point_m: np.ndarray
    travel_sign: int = 1
    off_seam_mm: float = math.nan
    approach: Approach | None = None

    @property
    def far(self) -> bool:
        """True when the wire tip is far from the seam (:attr:`approach`): the gauges are
        not to be judged yet."""
        return self.approach is not None and self.approach.far

    def gauge(self, name: str) -> Gauge:
        """The gauge called ``name`` (one of :data:`GAUGE_NAMES`)."""
        for g in self.gauges:
            if g.name == name:
                return g
        raise KeyError(f"no gauge {name!r}; the gauges are {', '.join(GAUGE_NAMES)}")

    def values(self) -> dict[str, float]:
        """Gauge name -> value (display units)."""
        return {g.name: g.value for g in self.gauges}


def gauge_state(value: float, window: Window | None) -> str:
    """``"in"``, ``"near"``, ``"out"`` or ``"none"`` of a value against a window, from the
    scoring's own per-sample score (:func:`weldsim.scoring.windows.window_scores`)."""
    if window is None:
        return "none"
    return _state(value, window)


def _state(value: float, w: Window) -> str:
    """:func:`gauge_state` of a window already checked: the scoring's score kernel on one
    value, without the checks of :func:`~weldsim.scoring.windows.window_scores`."""
    if math.isnan(value):
        return "out"
    # K.window_score's arithmetic on one value, in Python floats (the same IEEE operations,
    # so the same score to the bit; a kernel call on a one-element array costs more)
    zero_lo, full_lo, full_hi, zero_hi = (float(w.zero_lo), float(w.full_lo),
                                          float(w.full_hi), float(w.zero_hi))
    v = float(value)
    if v < full_lo:
        score = (v - zero_lo) / (full_lo - zero_lo) if v > zero_lo else 0.0
    elif v > full_hi:
        score = (zero_hi - v) / (zero_hi - full_hi) if v < zero_hi else 0.0
    else:
        score = 1.0
    return "in" if score >= 1.0 else ("near" if score > 0.0 else "out")


def _travel_sign(travel_sign) -> int:
    if travel_sign is None:
        return 1
    if travel_sign not in (1, -1):
        raise InvalidInputError(f"travel_sign must be +1, -1 or None, got {travel_sign!r}")
    return int(travel_sign)


class Coach:
    """Live technique gauges and hints for one exercise.

    Parameters
    ----------
    scenario : Scenario
        The exercise: seams, solids, windows (world frame).
    robot : Robot
        Its robot (``scenario.robot``).
    cell : weldsim.sim.Cell, optional
        With a cell, the CTWD is its ray cast (one ray per reading, exactly the score's);
        without, the analytic cast of :mod:`weldsim.sim.wire_cast`.

    Raises
    ------
    InvalidInputError
        When the scenario has no seam or the robot is not the scenario's.
    """

    def __init__(self, scenario: Scenario, robot, *, cell=None):
        if not isinstance(scenario, Scenario):
            raise InvalidInputError(f"scenario must be a Scenario, got {type(scenario).__name__}")
        if not scenario.seams:
            raise InvalidInputError(f"scenario {scenario.id!r} has no seam to coach against")
        if robot.id != scenario.robot:
            raise InvalidInputError(f"scenario {scenario.id} is for robot {scenario.robot}, "
                                    f"not {robot.id}")
        self.scenario = scenario
        self.robot = robot
        self.cell = cell
        self.tool = scenario.tool
        self.user_frames = scenario.user_frames_base()
        self.T_world_base = np.asarray(scenario.T_world_base, dtype=np.float64)
        self.stick_out_m = float(robot.spec.tool(self.tool).stick_out_m)
        self._geometry = [seam_geometry(seam) for seam in scenario.seams]
        self._lengths_mm = [1000.0 * seam.length_m for seam in scenario.seams]
        self._solids = RaySolids.of(scenario)
        self._seam_lines = SeamLines(scenario.seams)
        #: Whether the last :meth:`reading` was far from the seam (its hysteresis' history).
        self.was_far: bool | None = None
        self._windows: dict[str, Window | None] = {}
        for name in GAUGE_NAMES:
            key = GAUGE_WINDOWS[name]
            window = scenario.windows.get(key) if key is not None else None
            if window is not None:
                window_scores(np.zeros(1), window)  # checks the window's edges once
            self._windows[name] = window
        self._labels = {name: Message.of(f"coaching.gauge.{name}") for name in GAUGE_NAMES}
        # the last reading and hint: the pendant asks every frame, the robot mostly stands
        self._last_reading: tuple[bytes, int, TechniqueReading] | None = None
        self._last_hint: tuple[bytes, str, int, bool, object] | None = None

    # -- poses --------------------------------------------------------------------------
    def world_tcp(self, q) -> np.ndarray:
        """``T_world_tcp`` (4, 4) of joint angles ``q`` (6,) rad (as the cell computes it)."""
        return self.T_world_base @ self.robot.fk(q, tool=self.tool)

    def window(self, name: str) -> Window | None:
        """The scenario window gauge ``name`` is judged against (None: none)."""
        return self._windows[name]

    # -- readings -----------------------------------------------------------------------
    def reading(self, q, *, travel_sign: int | None = None) -> TechniqueReading:
        """The gauges at joint angles ``q`` ((6,) rad).

        Parameters
        ----------
        q : array_like, shape (6,)
        travel_sign : {+1, -1, None}
            +1 welding along the seam's direction, -1 against it; None: the seam's direction.

        Returns
        -------
        TechniqueReading
            The same object again when ``q`` and ``travel_sign`` are those of the last call
            (a reading is immutable), so a robot standing still costs nothing per frame.
        """
        sign = _travel_sign(travel_sign)
        q = np.asarray(q, dtype=np.float64)
        key = q.tobytes()
        last = self._last_reading
        if last is not None and last[0] == key and last[1] == sign:
            return last[2]
        reading = self.reading_at(self.world_tcp(q), travel_sign=sign, was_far=self.was_far)
        self._last_reading = (key, sign, reading)
        self.was_far = reading.approach.far
        return reading

    def reading_at(self, T_world_tcp, *, travel_sign: int | None = None,
                   was_far: bool | None = None) -> TechniqueReading:
        """The gauges at a TCP pose ((4, 4), world frame, m): what :meth:`reading` does after
        the forward kinematics (for planned or taught poses). ``was_far`` is the far state
        before (the approach's hysteresis, :func:`weldsim.coaching.approach.is_far`; None:
        none). :meth:`reading` passes its last one and keeps the new one in
        :attr:`was_far`; this method keeps nothing."""
        sign = _travel_sign(travel_sign)
        T = np.asarray(T_world_tcp, dtype=np.float64)
        if T.shape != (4, 4) or not np.all(np.isfinite(T)):
            raise InvalidInputError(f"T_world_tcp must be a finite (4, 4) pose, got {T.shape}")
        p = np.ascontiguousarray(T[:3, 3]).reshape(1, 3)
        z = np.ascontiguousarray(T[:3, 2]).reshape(1, 3)
        # the seam frame sees the unit axis (as seam_frame normalises it); the technique
        # kernels the pose's own column, as technique_metrics passes them
        z_unit = z / np.sqrt(z[0, 0] * z[0, 0] + z[0, 1] * z[0, 1] + z[0, 2] * z[0, 2])
        at = nearest_seam([frame_at(g, p, z_unit, True) for g in self._geometry], 1)
        lat, vert, _across, work, travel = seam_technique(p, z, at, np.array([float(sign)]))
        lat, vert = aim_on_faces(lat, vert, z, at)
        tip = p[0].copy()
        ctwd_mm, aim_point, t_drop = self._rays(T, tip)
        drop_point = None if math.isnan(t_drop) else tip + t_drop * np.array(_DOWN)
        seam = int(at.seam[0])
        values = {"work_angle": float(work[0]), "travel_angle": float(travel[0]),
                  "ctwd": ctwd_mm, "aim_lateral": float(lat[0]),
                  "aim_vertical": float(vert[0]), "along": float(at.s_mm[0])}
        gauges = tuple(self._gauge(name, values[name]) for name in GAUGE_NAMES)
        return TechniqueReading(
            seam=seam, s_mm=float(at.s_mm[0]), seam_length_mm=self._lengths_mm[seam],
            gauges=gauges, tip_m=tip, aim_point_m=aim_point, drop_point_m=drop_point,
            drop_mm=1000.0 * float(t_drop), root_point_m=at.root_m[0].copy(), travel_sign=sign,
            off_seam_mm=float(at.off_seam_mm[0]),
            approach=self._seam_lines.approach(tip, was_far))

    def _gauge(self, name: str, value: float) -> Gauge:
        w = self._windows[name]
        if w is None:
            return Gauge(name, value, GAUGE_UNITS[name], None, None, None, "none",
                         self._labels[name])
        return Gauge(name, value, GAUGE_UNITS[name], float(w.nominal), float(w.zero_lo),
                     float(w.zero_hi), _state(value, w), self._labels[name],
                     float(w.full_lo), float(w.full_hi))

    def _rays(self, T: np.ndarray, tip: np.ndarray) -> tuple[float, np.ndarray | None, float]:
        """:meth:`_wire_ray` and the drop ray's length (m, NaN without a hit) in one call of
        the cast kernel (two rays). The cell's cast is this same analytic cast of the same
        solids, and a hit's distance does not depend on how far the ray is followed, so the
        CTWD is the cell's to the bit (``tests/coaching`` compares them)."""
        z = T[:3, 2]
        start = T[:3, 3] - self.stick_out_m * z
        starts = np.empty((2, 3))
        starts[0], starts[1] = start, tip
        dirs = np.empty((2, 3))
        dirs[0], dirs[1] = z, _DOWN
        if AIM_RAY_M != DROP_RAY_M:   # one t_max for both rays
            return (*self._wire_ray(T), cast_ray(self._solids, tip, _DOWN, DROP_RAY_M)[0])
        t, _solid, _normal = self._solids.cast(starts, dirs, AIM_RAY_M)
        t_wire, t_drop = float(t[0]), float(t[1])
        if math.isnan(t_wire):
            return math.nan, None, t_drop
        ctwd = 1000.0 * t_wire if t_wire <= RAY_LENGTH_M else math.nan
        return ctwd, start + t_wire * z, t_drop

    def _wire_ray(self, T: np.ndarray) -> tuple[float, np.ndarray | None]:
        """CTWD (mm, NaN without a hit within the cell's ray) and the aim point (world, m)."""
        z = T[:3, 2]
        start = T[:3, 3] - self.stick_out_m * z
        if self.cell is not None:
            hit, point, _normal, _solid, ctwd_m = self.cell.cast_wire(T[None])
            if hit[0]:
                return 1000.0 * float(ctwd_m[0]), point[0].copy()
            t, _ = cast_ray(self._solids, start, z, AIM_RAY_M)
            return math.nan, (None if math.isnan(t) else start + t * z)
        t, _ = cast_ray(self._solids, start, z, AIM_RAY_M)
        if math.isnan(t):
            return math.nan, None
        ctwd = 1000.0 * float(t) if t <= RAY_LENGTH_M else math.nan
        return ctwd, start + t * z

    # -- hints --------------------------------------------------------------------------
    def hint(self, q, jog_frame: str, reading: TechniqueReading | None = None, *,
             travel_sign: int | None = None):
        """The jog that brings the worst gauge back into its window, or None when every
        judged gauge is in its full-marks band (see :mod:`weldsim.coaching.hints`); far
        from the seam (``reading.far``), the jog that brings the wire tip toward the seam's
        start (:func:`~weldsim.coaching.hints.approach_hint`).

        Parameters
        ----------
        q : array_like, shape (6,)
            Joint angles now (rad).
        jog_frame : str
            The pendant's jog frame: ``"JOINT"``, ``"BASE"``, ``"TOOL"`` or ``"USER<n>"``.
        reading : TechniqueReading, optional
            The reading at ``q`` when the caller has it (saves one reading); its travel sign
            is used.
        travel_sign : {+1, -1, None}
            Used when ``reading`` is None.

        Returns
        -------
        Hint or None
            The last hint again when ``q``, the frame and the travel sign are those of the
            last call.
        """
        from weldsim.coaching.hints import approach_hint, best_hint

        q = np.asarray(q, dtype=np.float64)
        if reading is None:
            reading = self.reading(q, travel_sign=travel_sign)
        key = q.tobytes()
        last = self._last_hint
        if last is not None and (last[0], last[1], last[2], last[3]) == (
                key, jog_frame, reading.travel_sign, reading.far):
            return last[4]
        if reading.far:
            hint = approach_hint(self, q, jog_frame, reading)
        else:
            hint = best_hint(self, q, jog_frame, reading)
        self._last_hint = (key, jog_frame, reading.travel_sign, reading.far, hint)
        return hint
