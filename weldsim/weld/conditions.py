"""Inputs of the weld process model: weld conditions, joint geometry and the samples along the seam.

Units inside :mod:`weldsim.weld` are the welder's: mm, mm², A, V, mm/s, kJ/mm, °C; every
name carries its unit. The seam frame follows the scenario's user frame for a fillet
(``docs/job-format.md``): X along the seam, **lateral** = across the lower plate away from the
web (USER1 +Y), **vertical** = up the web (USER1 +Z); the root line is the X axis.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field, fields

import numpy as np

from weldsim.errors import InvalidInputError

__all__ = [
    "GASES",
    "JOINT_TYPES",
    "MATERIALS",
    "POSITIONS",
    "WIRES_MM",
    "WIRE_DIAMETERS_MM",
    "WIRE_KINDS",
    "JointGeometry",
    "WeldConditions",
    "WeldInputError",
    "WeldSamples",
]

GASES: tuple[str, ...] = ("CO2", "MAG", "MIG")
"""Shielding gases: pure CO2, MAG = 80 % Ar / 20 % CO2, MIG = inert (Ar)."""
WIRE_KINDS: tuple[str, ...] = ("solid", "flux_cored")
"""Solid wire (ISO 14341, e.g. G3Si1 / ER70S-6) and gas-shielded flux-cored wire (ISO 17632,
e.g. T46 / E71T-1)."""
WIRES_MM: dict[str, tuple[float, ...]] = {
    "solid": (0.8, 0.9, 1.0, 1.2, 1.4, 1.6),
    "flux_cored": (1.2, 1.4, 1.6),
}
"""Wire diameters (mm) the model knows, by wire kind."""
WIRE_DIAMETERS_MM: tuple[float, ...] = WIRES_MM["solid"]
"""Solid wire diameters (mm)."""
JOINT_TYPES: tuple[str, ...] = (
    "fillet_t", "fillet_lap", "fillet_pipe_plate", "butt_v", "butt_square", "bead_on_plate")
FILLET_JOINTS: tuple[str, ...] = ("fillet_t", "fillet_lap", "fillet_pipe_plate")
POSITIONS: tuple[str, ...] = ("PA", "PB", "PC", "PD", "PE", "PF", "PG")
"""Welding positions of ISO 6947 (PA flat, PB horizontal-vertical fillet = 2F, PC horizontal,
PD horizontal-overhead, PE overhead, PF vertical up, PG vertical down)."""
MATERIALS: tuple[str, ...] = ("carbon_steel",)


class WeldInputError(InvalidInputError):
    """A weld condition, joint or sample array is missing, non-finite or out of range."""


def check_wire(diameter_mm: float, kind: str = "solid") -> None:
    """Raise :class:`WeldInputError` unless the model knows this wire."""
    known = WIRES_MM.get(kind)
    if known is None:
        raise WeldInputError(f"unknown wire kind {kind!r}; the model knows "
                             f"{', '.join(WIRE_KINDS)}")
    if diameter_mm not in known:
        raise WeldInputError(
            f"unknown wire: diameter {diameter_mm!r} mm; the model knows "
            f"{', '.join(str(d) for d in known)} mm {kind.replace('_', '-')} wire")


def _finite(obj: object, *names: str) -> None:
    for name in names:
        value = getattr(obj, name)
        if value is None:
            continue
        if (isinstance(value, bool) or not isinstance(value, (int, float))
                or not math.isfinite(value)):
            raise WeldInputError(
                f"{type(obj).__name__}.{name} must be a finite number, got {value!r}")


def _positive(obj: object, *names: str) -> None:
    for name in names:
        value = getattr(obj, name)
        if value is not None and value <= 0.0:
            raise WeldInputError(f"{type(obj).__name__}.{name} must be > 0, got {value!r}")


def _non_negative(obj: object, *names: str) -> None:
    for name in names:
        value = getattr(obj, name)
        if value < 0.0:
            raise WeldInputError(f"{type(obj).__name__}.{name} must be >= 0, got {value!r}")


def _one_of(obj: object, name: str, allowed: tuple) -> None:
    value = getattr(obj, name)
    if value not in allowed:
        shown = ", ".join(str(a) for a in allowed)
        raise WeldInputError(f"{type(obj).__name__}.{name} must be one of {shown}, got {value!r}")


@dataclass(frozen=True, slots=True)
class WeldConditions:
    """Welding conditions, constant over one weld (an ``ASC``/``AEC`` pair and the torch).

    Attributes
    ----------
    current_a : float
        Set current (A). On a synergic power source it fixes the wire feed speed at the nominal
        stick-out (:func:`weldsim.weld.synergic.wire_feed_m_min`).
    voltage_v : float
        Set arc voltage (V); the power source holds it (constant voltage).
    speed_mm_s : float
        Programmed welding speed ``S`` (mm/s). The bead uses the measured speed of each sample;
        this value is the WPS reference of the humping heuristic and of the nominal throat.
    wire_feed_m_min : float or None
        Explicit wire feed speed (m/min); overrides the synergic line when given.
    wire_diameter_mm : float
        One of ``WIRES_MM[wire_kind]``.
    wire_kind : str
        One of :data:`WIRE_KINDS`.
    gas : str
        One of :data:`GASES`.
    gas_flow_l_min : float
        Shielding gas flow (L/min).
    crater_current_a, crater_voltage_v : float
        Crater-fill current (A) and voltage (V) at the arc end.
    crater_time_s : float
        Crater-fill time (s); 0 = no crater fill.
    stickout_mm : float
        Nominal stick-out (mm) of the tool: the TCP is the wire tip at this distance from the
        contact tip, so a TCP on the root gives CTWD = stick-out.
    """

    current_a: float
    voltage_v: float
    speed_mm_s: float
    wire_feed_m_min: float | None = None
    wire_diameter_mm: float = 1.2
    wire_kind: str = "solid"
    gas: str = "MAG"
    gas_flow_l_min: float = 15.0
    crater_current_a: float = 0.0
    crater_voltage_v: float = 0.0
    crater_time_s: float = 0.0
    stickout_mm: float = 15.0

    def __post_init__(self) -> None:
        _finite(self, *(f.name for f in fields(self) if f.name not in ("wire_kind", "gas")))
        _positive(self, "current_a", "voltage_v", "speed_mm_s", "wire_feed_m_min", "stickout_mm")
        _non_negative(self, "gas_flow_l_min", "crater_current_a", "crater_voltage_v",
                      "crater_time_s")
        _one_of(self, "wire_kind", WIRE_KINDS)
        check_wire(self.wire_diameter_mm, self.wire_kind)
        _one_of(self, "gas", GASES)
        if self.crater_time_s > 0.0 and self.crater_current_a <= 0.0:
            raise WeldInputError(
                "WeldConditions.crater_current_a must be > 0 when crater_time_s > 0")

    @classmethod
    def from_program(cls, start, end=None, *, wire_diameter_mm: float = 1.2,
                     stickout_mm: float = 15.0, wire_kind: str = "solid") -> WeldConditions:
        """Build the conditions of one weld from the job's arc-start and arc-end conditions.

        Parameters
        ----------
        start : weldsim.program.model.ArcStartCondition
            The ``ASC`` row (SI speed, converted here to mm/s).
        end : weldsim.program.model.ArcEndCondition or None
            The ``AEC`` row; None = no crater fill.
        wire_diameter_mm, stickout_mm : float
            From the scenario's torch and wire.
        wire_kind : str
            From the scenario's wire (:data:`WIRE_KINDS`).
        """
        return cls(
            current_a=float(start.current_a),
            voltage_v=float(start.voltage_v),
            speed_mm_s=float(start.speed_m_s) * 1e3,
            wire_feed_m_min=None if start.wfs_m_min is None else float(start.wfs_m_min),
            wire_diameter_mm=wire_diameter_mm,
            wire_kind=wire_kind,
            gas=start.gas,
            gas_flow_l_min=float(start.flow_l_min),
            crater_current_a=0.0 if end is None else float(end.current_a),
            crater_voltage_v=0.0 if end is None else float(end.voltage_v),
            crater_time_s=0.0 if end is None else float(end.crater_time_s),
            stickout_mm=stickout_mm,
        )


@dataclass(frozen=True, slots=True)
class JointGeometry:
    """The joint being welded.

    Attributes
    ----------
    joint : str
        One of :data:`JOINT_TYPES`. For fillets, plate 1 is the lower (base) plate and plate 2
        the web (``fillet_t``, ``fillet_pipe_plate``) or the upper sheet whose edge is welded
        (``fillet_lap``). For butt joints both plates are ``t1_mm`` thick.
    t1_mm, t2_mm : float
        Plate thicknesses (mm).
    gap_mm : float
        Root gap (mm).
    bevel_deg : float
        Bevel angle of each plate of a ``butt_v`` (deg; the groove angle is twice this).
    backing : bool
        A backing strip or ceramic backing under the root.
    work_angle_deg : float
        Nominal work angle (deg): 45 bisects a T-joint, 90 for a flat butt.
    position : str
        Welding position, one of :data:`POSITIONS`.
    preheat_c : float
        Preheat / interpass temperature T0 (°C).
    material : str
        One of :data:`MATERIALS`.
    design_throat_mm : float or None
        Nominal throat ``a`` of the drawing (mm). None: the throat the conditions give at the
        programmed speed, nominal angles and stick-out (fillets); ``t1_mm`` for butt welds.
    root_face_mm : float
        Root face of a ``butt_v`` (mm).
    """

    joint: str
    t1_mm: float
    t2_mm: float
    gap_mm: float = 0.0
    bevel_deg: float = 0.0
    backing: bool = False
    work_angle_deg: float = 45.0
    position: str = "PB"
    preheat_c: float = 20.0
    material: str = "carbon_steel"
    design_throat_mm: float | None = None
    root_face_mm: float = 0.0

    def __post_init__(self) -> None:
        _one_of(self, "joint", JOINT_TYPES)
        _one_of(self, "position", POSITIONS)
        _one_of(self, "material", MATERIALS)
        _finite(self, "t1_mm", "t2_mm", "gap_mm", "bevel_deg", "work_angle_deg", "preheat_c",
                "design_throat_mm", "root_face_mm")
        _positive(self, "t1_mm", "t2_mm", "design_throat_mm")
        _non_negative(self, "gap_mm", "bevel_deg", "root_face_mm")
        if not isinstance(self.backing, bool):
            raise WeldInputError(
                f"JointGeometry.backing must be True or False, got {self.backing!r}")
        if self.bevel_deg >= 80.0:
            raise WeldInputError(f"JointGeometry.bevel_deg must be < 80, got {self.bevel_deg!r}")
        if not 0.0 < self.work_angle_deg < 180.0:
            raise WeldInputError(
                f"JointGeometry.work_angle_deg must be in (0, 180), got {self.work_angle_deg!r}")
        if not -50.0 <= self.preheat_c < 450.0:
            raise WeldInputError(
                f"JointGeometry.preheat_c must be in [-50, 450), got {self.preheat_c!r}")

    @property
    def is_fillet(self) -> bool:
        """True for the fillet joints (legs and throat), False for butt joints."""
        return self.joint in FILLET_JOINTS

    @property
    def thickness_mm(self) -> float:
        """The plate thickness ``t`` of ISO 5817 (mm): the thinner plate of the joint."""
        return min(self.t1_mm, self.t2_mm)


_ARRAYS = ("s_mm", "speed_mm_s", "ctwd_mm", "work_angle_deg", "travel_angle_deg",
           "aim_lateral_mm", "aim_vertical_mm", "weave_amp_mm", "weave_freq_hz")


@dataclass(frozen=True, eq=False)
class WeldSamples:
    """The torch along the seam, one entry per trace sample (N samples), read-only arrays.

    Attributes
    ----------
    s_mm : ndarray, shape (N,)
        Position of the wire's aim point along the seam (mm from the seam start).
    speed_mm_s : ndarray, shape (N,)
        Travel speed along the seam tangent (mm/s, >= 0).
    ctwd_mm : ndarray, shape (N,)
        Contact-tip-to-work distance along the wire axis (mm, > 0).
    work_angle_deg : ndarray, shape (N,)
        Angle between the torch axis projected into the seam's normal plane and the lower
        plate's face (deg); larger = steeper, pointing more at the lower plate.
    travel_angle_deg : ndarray, shape (N,)
        Lean along the seam (deg); positive = push (forehand), negative = drag.
    aim_lateral_mm : ndarray, shape (N,)
        The aim: the shift of the wire axis from the root, across the lower plate, positive
        *away from the web* (USER1 +Y) (mm).
    aim_vertical_mm : ndarray, shape (N,)
        The same, positive *up the web* (USER1 +Z) (mm). The bead reads only the shift across
        the joint, ``aim_lateral_mm - aim_vertical_mm`` (legs: 2 mm of leg split per mm;
        fusion: the wire misses the root by ``|lat - vert| / √2``), so a torch moved 1 mm
        across the lower plate reads the same whether the metric reports it as ``(1, 0)``
        or, in the seam's oblique frame, ``(0.5, -0.5)``.
    weave_amp_mm : ndarray, shape (N,)
        Weave amplitude = half the weave width (mm); 0 when not weaving.
    weave_freq_hz : ndarray, shape (N,)
        Weave frequency (Hz); 0 when not weaving.
    arc_on : ndarray, shape (N,), bool
        The welding arc burns (welding condition in force). The crater-fill hold after an arc
        end is *not* arc-on here: :class:`WeldConditions` ``crater_*`` describe it.
    t_s : ndarray, shape (N,) or None
        Sample times (s). When given, the time the arc spends on each millimetre (including
        stops at the arc start) sets the deposit; otherwise ``1 / speed``.
    weave_dwell_s : ndarray, shape (N,) or None
        Dwell at the weave edges (s); None = no dwell.
    arc_start_mm, arc_end_mm : tuple of float or None
        Arc start and end positions along the seam (mm); None = taken from ``arc_on``.
    """

    s_mm: np.ndarray
    speed_mm_s: np.ndarray
    ctwd_mm: np.ndarray
    work_angle_deg: np.ndarray
    travel_angle_deg: np.ndarray
    aim_lateral_mm: np.ndarray
    aim_vertical_mm: np.ndarray
    weave_amp_mm: np.ndarray
    weave_freq_hz: np.ndarray
    arc_on: np.ndarray
    t_s: np.ndarray | None = None
    weave_dwell_s: np.ndarray | None = None
    arc_start_mm: tuple[float, ...] | None = field(default=None)
    arc_end_mm: tuple[float, ...] | None = field(default=None)

    def __post_init__(self) -> None:
        n = None
        for name in (*_ARRAYS, "t_s", "weave_dwell_s"):
            value = getattr(self, name)
            if value is None:
                continue
            arr = np.array(value, dtype=np.float64, copy=True)
            if arr.ndim != 1:
                raise WeldInputError(f"WeldSamples.{name} must be 1-D, got shape {arr.shape}")
            n = arr.shape[0] if n is None else n
            if arr.shape[0] != n:
                raise WeldInputError(
                    f"WeldSamples.{name} has {arr.shape[0]} samples, s_mm has {n}")
            bad = np.flatnonzero(~np.isfinite(arr))
            if bad.size:
                raise WeldInputError(
                    f"WeldSamples.{name}[{bad[0]}] is {float(arr[bad[0]])!r}: "
                    "every value must be finite")
            arr.setflags(write=False)
            object.__setattr__(self, name, arr)
        if n is None or n == 0:
            raise WeldInputError("WeldSamples needs at least one sample")
        on = np.array(self.arc_on, copy=True)
        if on.shape != (n,) or on.dtype != np.bool_:
            raise WeldInputError(f"WeldSamples.arc_on must be a bool array of shape ({n},)")
        on.setflags(write=False)
        object.__setattr__(self, "arc_on", on)
        for name, lo in (("speed_mm_s", 0.0), ("weave_amp_mm", 0.0), ("weave_freq_hz", 0.0),
                         ("weave_dwell_s", 0.0)):
            arr = getattr(self, name)
            if arr is not None and np.any(arr < lo):
                i = int(np.argmax(arr < lo))
                raise WeldInputError(
                    f"WeldSamples.{name}[{i}] is {float(arr[i])!r}: must be >= {lo}")
        if np.any(self.ctwd_mm <= 0.0):
            i = int(np.argmax(self.ctwd_mm <= 0.0))
            raise WeldInputError(
                f"WeldSamples.ctwd_mm[{i}] is {float(self.ctwd_mm[i])!r}: must be > 0")
        if self.t_s is not None and np.any(np.diff(self.t_s) < 0.0):
            raise WeldInputError("WeldSamples.t_s must not decrease")
        starts, ends = _arc_transitions(self.s_mm, on)
        for name, default in (("arc_start_mm", starts), ("arc_end_mm", ends)):
            value = getattr(self, name)
            value = default if value is None else tuple(float(v) for v in value)
            if not all(math.isfinite(v) for v in value):
                raise WeldInputError(f"WeldSamples.{name} must hold finite positions")
            object.__setattr__(self, name, value)

    def __len__(self) -> int:
        return int(self.s_mm.shape[0])

    @classmethod
    def constant(cls, length_mm: float, *, speed_mm_s: float, ctwd_mm: float = 15.0,
                 work_angle_deg: float = 45.0, travel_angle_deg: float = 10.0,
                 aim_lateral_mm: float = 0.0, aim_vertical_mm: float = 0.0,
                 weave_amp_mm: float = 0.0, weave_freq_hz: float = 0.0,
                 rate_hz: float = 250.0, start_mm: float = 0.0) -> WeldSamples:
        """Samples of a steady straight weld from ``start_mm`` over ``length_mm`` (tests, tools).

        The time grid is ``1 / rate_hz``; the arc is on at every sample.
        """
        if not (math.isfinite(length_mm) and length_mm > 0 and speed_mm_s > 0 and rate_hz > 0):
            raise WeldInputError("WeldSamples.constant needs length_mm, speed_mm_s and rate_hz > 0")
        n = math.floor(length_mm / speed_mm_s * rate_hz + 1e-9) + 1
        t = np.arange(n) / rate_hz
        s = start_mm + speed_mm_s * t

        def full(v: float) -> np.ndarray:
            return np.full(n, float(v))

        return cls(s_mm=s, speed_mm_s=full(speed_mm_s), ctwd_mm=full(ctwd_mm),
                   work_angle_deg=full(work_angle_deg), travel_angle_deg=full(travel_angle_deg),
                   aim_lateral_mm=full(aim_lateral_mm), aim_vertical_mm=full(aim_vertical_mm),
                   weave_amp_mm=full(weave_amp_mm), weave_freq_hz=full(weave_freq_hz),
                   arc_on=np.ones(n, dtype=bool), t_s=t)

    def replace(self, **changes) -> WeldSamples:
        """A copy with some arrays replaced (arc start/end re-derived unless given)."""
        kw = {f.name: getattr(self, f.name) for f in fields(self)}
        if "arc_on" in changes or "s_mm" in changes:
            kw["arc_start_mm"] = None
            kw["arc_end_mm"] = None
        kw.update(changes)
        return WeldSamples(**kw)


def _arc_transitions(s_mm: np.ndarray,
                     on: np.ndarray) -> tuple[tuple[float, ...], tuple[float, ...]]:
    """Seam positions where the arc goes on and off, in sample order."""
    padded = np.concatenate(([False], on, [False])).astype(np.int8)
    d = np.diff(padded)
    starts = np.flatnonzero(d == 1)
    ends = np.flatnonzero(d == -1) - 1
    return tuple(float(s_mm[i]) for i in starts), tuple(float(s_mm[i]) for i in ends)
