"""The setup score: the weld conditions a job programs, against the exercise's WPS.

Every arc start (``AS``) and arc end (``AE``) the job executes is checked: current, voltage,
welding speed (the condition's and any ``S=`` a weld move gives), wire feed (where the WPS
sets one), gas, gas flow, heat input and crater fill. The score is the weighted share of the
checks passed (welding.md section 5: "setup: inside the scenario's WPS window; crater filled").
"""

from __future__ import annotations

from dataclasses import dataclass

from weldsim.program import ArcEnd, ArcStart, MoveC, MoveL, Program
from weldsim.scenarios.spec import Range, Scenario

__all__ = ["SETUP_WEIGHTS", "SetupCheck", "setup_checks", "setup_score"]

#: Weights of the checks (those that do not apply are left out of the share).
SETUP_WEIGHTS = {"current": 25.0, "voltage": 20.0, "speed": 20.0, "wire_feed": 5.0,
                 "gas": 10.0, "gas_flow": 5.0, "heat_input": 5.0, "crater_fill": 10.0}
#: Arc efficiency of MAG/MIG for the heat input (EN 1011-1).
_K_ARC = 0.8
_MM_S_PER_CM_MIN = 1.0 / 6.0


@dataclass(frozen=True, slots=True)
class SetupCheck:
    """One setting against the WPS.

    Attributes
    ----------
    name : str
        A key of :data:`SETUP_WEIGHTS`.
    ok : bool
    value : str
        What the job programs (with unit), the worst one where it programs several.
    allowed : str
        What the WPS allows.
    line : int
        Job line of the instruction that sets it (0 when the job lacks it).
    cause, fix : str
        Plain words (empty when ``ok``).
    """

    name: str
    ok: bool
    value: str
    allowed: str
    line: int
    cause: str = ""
    fix: str = ""

    @property
    def weight(self) -> float:
        return SETUP_WEIGHTS[self.name]


def _range_text(r: Range, unit: str, scale: float = 1.0, digits: int = 0) -> str:
    return f"{r.min * scale:.{digits}f}–{r.max * scale:.{digits}f} {unit}"


def _worst(values: list[tuple[float, int]], r: Range) -> tuple[float, int, bool]:
    """The value farthest outside ``r`` (or the first), its line, and whether all are inside."""
    def outside(v: float) -> float:
        return max(r.min - v, v - r.max, 0.0)

    value, line = max(values, key=lambda vl: outside(vl[0]))
    return value, line, all(outside(v) <= 1e-9 for v, _ in values)


def _weld_speeds(program: Program) -> list[tuple[float, int]]:
    """Travel speeds (mm/s) of the moves made with the arc on, with their job lines."""
    out, condition = [], None
    for ins in program.instructions:
        if isinstance(ins, ArcStart):
            condition = ins.condition
        elif isinstance(ins, ArcEnd):
            condition = None
        elif condition is not None and isinstance(ins, MoveL | MoveC):
            speed = ins.speed_m_s if ins.speed_m_s is not None else condition.speed_m_s
            out.append((speed * 1000.0, ins.line))
    return out


def setup_checks(scenario: Scenario, program: Program) -> list[SetupCheck]:
    """Check the conditions a job programs against the scenario's WPS.

    Returns an empty list for an exercise without a WPS (nothing to set up).
    """
    wps = scenario.wps
    if wps is None:
        return []
    starts = [ins for ins in program.instructions if isinstance(ins, ArcStart)]
    ends = [ins for ins in program.instructions if isinstance(ins, ArcEnd)]
    if not starts:
        return [SetupCheck(name, False, "no arc start", "an AS instruction", 0,
                           "the job never starts the arc", "add AS before the weld and AE "
                           "after it") for name in ("current", "voltage", "speed")]
    checks: list[SetupCheck] = []

    current, line, ok = _worst([(s.condition.current_a, s.line) for s in starts], wps.current_a)
    checks.append(SetupCheck(
        "current", ok, f"{current:.0f} A", _range_text(wps.current_a, "A"), line,
        *(() if ok else (
            f"welding current {current:.0f} A is outside the WPS "
            f"({_range_text(wps.current_a, 'A')})",
            f"set I={wps.current_a.nominal:.0f}A in the arc-start condition")),
    ))
    voltage, line, ok = _worst([(s.condition.voltage_v, s.line) for s in starts], wps.voltage_v)
    checks.append(SetupCheck(
        "voltage", ok, f"{voltage:.1f} V", _range_text(wps.voltage_v, "V", digits=1), line,
        *(() if ok else (
            f"arc voltage {voltage:.1f} V is outside the WPS "
            f"({_range_text(wps.voltage_v, 'V', digits=1)})",
            f"set U={wps.voltage_v.nominal:g}V in the arc-start condition")),
    ))
    speeds = _weld_speeds(program) or [(s.condition.speed_m_s * 1000.0, s.line) for s in starts]
    speed, line, ok = _worst(speeds, wps.speed_mm_s)
    cm = 1.0 / _MM_S_PER_CM_MIN
    checks.append(SetupCheck(
        "speed", ok, f"{speed * cm:.0f} cm/min", _range_text(wps.speed_mm_s, "cm/min", cm), line,
        *(() if ok else (
            f"welding speed {speed * cm:.0f} cm/min is outside the WPS "
            f"({_range_text(wps.speed_mm_s, 'cm/min', cm)})",
            f"set S={wps.speed_mm_s.nominal * cm:.0f}cm/min in the arc-start condition and "
            "leave S= off the weld moves")),
    ))
    if wps.wfs_m_min is not None:
        given = [(s.condition.wfs_m_min, s.line) for s in starts if s.condition.wfs_m_min]
        if given:
            wfs, line, ok = _worst(given, wps.wfs_m_min)
            checks.append(SetupCheck(
                "wire_feed", ok, f"{wfs:.1f} m/min", _range_text(wps.wfs_m_min, "m/min",
                                                                  digits=1), line,
                *(() if ok else (f"wire feed {wfs:.1f} m/min is outside the WPS",
                                 f"set WFS={wps.wfs_m_min.nominal:g}m/min or leave WFS out "
                                 "(the power source's synergic line sets it)")),
            ))
    bad_gas = [s for s in starts if s.condition.gas != wps.gas]
    checks.append(SetupCheck(
        "gas", not bad_gas, bad_gas[0].condition.gas if bad_gas else wps.gas, wps.gas,
        bad_gas[0].line if bad_gas else starts[0].line,
        *(() if not bad_gas else (
            f"shielding gas {bad_gas[0].condition.gas} is not the WPS gas {wps.gas}",
            f"set GAS={wps.gas}")),
    ))
    flow, line, ok = _worst([(s.condition.flow_l_min, s.line) for s in starts], wps.flow_l_min)
    checks.append(SetupCheck(
        "gas_flow", ok, f"{flow:g} L/min", _range_text(wps.flow_l_min, "L/min"), line,
        *(() if ok else (
            f"gas flow {flow:g} L/min is outside the WPS ({_range_text(wps.flow_l_min, 'L/min')})"
            + ("; too little gas lets air into the arc (porosity)" if flow < wps.flow_l_min.min
               else "; too much gas stirs air into the shield (porosity)"),
            f"set FLOW={wps.flow_l_min.nominal:g}")),
    ))
    q_lo = _K_ARC * wps.voltage_v.min * wps.current_a.min / wps.speed_mm_s.max / 1000.0
    q_hi = _K_ARC * wps.voltage_v.max * wps.current_a.max / wps.speed_mm_s.min / 1000.0
    heat = []
    for s in starts:
        v = s.condition.speed_m_s * 1000.0
        heat.append((_K_ARC * s.condition.voltage_v * s.condition.current_a / v / 1000.0, s.line))
    q, line, ok = _worst(heat, Range(q_lo, (q_lo + q_hi) / 2, q_hi))
    checks.append(SetupCheck(
        "heat_input", ok, f"{q:.2f} kJ/mm", f"{q_lo:.2f}–{q_hi:.2f} kJ/mm", line,
        *(() if ok else (
            f"heat input {q:.2f} kJ/mm is outside what the WPS allows ({q_lo:.2f}–{q_hi:.2f})"
            + (": risk of lack of fusion" if q < q_lo else ": risk of burn-through, distortion "
               "and a coarse, brittle heat-affected zone"),
            "bring current, voltage and speed back to the WPS values")),
    ))
    if wps.crater_fill_required:
        unfilled = [e for e in ends if e.condition.crater_time_s <= 0.0]
        missing = len(ends) < len(starts)
        ok = not unfilled and not missing and bool(ends)
        where = unfilled[0].line if unfilled else (ends[-1].line if ends else starts[-1].line)
        value = ("no crater fill time" if unfilled else "no AE" if missing or not ends
                 else f"T={min(e.condition.crater_time_s for e in ends):g} s")
        checks.append(SetupCheck(
            "crater_fill", ok, value, "crater fill time T > 0 at every arc end", where,
            *(() if ok else (
                "the arc ends without filling the crater: a crater (and crater cracks) stays "
                "at the end of the weld",
                "give the arc-end condition a crater time, e.g. AEC 1 I=200A U=23V T=0.5s")),
        ))
    return checks


def setup_score(checks: list[SetupCheck]) -> float:
    """Weighted share of the checks passed, 0–100 (100 when there is nothing to check)."""
    total = sum(c.weight for c in checks)
    if total == 0.0:
        return 100.0
    return 100.0 * sum(c.weight for c in checks if c.ok) / total
