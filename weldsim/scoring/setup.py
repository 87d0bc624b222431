"""The setup score: the weld conditions a job programs, against the exercise's WPS.

Every arc start (``AS``) and arc end (``AE``) the job executes is checked: current, voltage,
welding speed (the condition's and any ``S=`` a weld move gives), wire feed (where the WPS
sets one), gas, gas flow, heat input and crater fill. Each check loses a share of its weight in
proportion to how far the value lies outside the WPS (:func:`outside_share`: all of it at half
the window's width outside), so the setup score falls smoothly (welding.md section 5: "setup:
inside the scenario's WPS window; crater filled"). A check that fails carries its finding as
messages (``findings`` domain): the condition and the value written, the value wanted, which
way to change it.
"""

from __future__ import annotations

from dataclasses import dataclass

from weldsim.i18n import Message, Qty
from weldsim.program import ArcEnd, ArcStart, MoveC, MoveL, Program
from weldsim.scenarios.spec import Range, Scenario

__all__ = [
    "SETUP_WEIGHTS",
    "WPS_CHECKS",
    "SetupCheck",
    "heat_input_window",
    "outside_share",
    "setup_checks",
    "setup_score",
    "wps_met",
]

#: Weights of the checks (those that do not apply are left out of the share).
SETUP_WEIGHTS = {"current": 25.0, "voltage": 20.0, "speed": 20.0, "wire_feed": 5.0,
                 "gas": 10.0, "gas_flow": 5.0, "heat_input": 5.0, "crater_fill": 10.0}
#: Arc efficiency of MAG/MIG for the heat input (EN 1011-1).
_K_ARC = 0.8
_MM_S_PER_CM_MIN = 1.0 / 6.0
#: The checks whose failure bars "excellent": the arc's energy outside the WPS.
WPS_CHECKS = ("current", "voltage", "speed", "heat_input")
_M = Message.of


@dataclass(frozen=True, slots=True)
class SetupCheck:
    """One setting against the WPS.

    Attributes
    ----------
    name : str
        A key of :data:`SETUP_WEIGHTS`.
    ok : bool
    value : str
        What the job programs (with unit), the worst one where it programs several
        (language-neutral data for the JSON report).
    allowed : str
        What the WPS allows (likewise).
    line : int
        Job line where the value is written: the arc-start condition (``ASC``), the ``AS``
        of an inline condition, the weld move with its own ``S=``, the ``AE`` (0 when the job
        lacks it).
    loss : float
        Share of the check's weight lost, 0–1 (:func:`outside_share`).
    what, cause, fix : Message or None
        The finding when not ``ok``.
    """

    name: str
    ok: bool
    value: str
    allowed: str
    line: int
    loss: float = 0.0
    what: Message | None = None
    cause: Message | None = None
    fix: Message | None = None

    @property
    def weight(self) -> float:
        return SETUP_WEIGHTS[self.name]


def outside_share(value: float, r: Range) -> float:
    """How far ``value`` lies outside ``r``, in half-widths of the window, clipped to [0, 1]
    (0 inside; 1 at half the window's width outside or farther)."""
    excess = max(r.min - value, value - r.max, 0.0)
    tol = 0.5 * (r.max - r.min)
    if excess <= 1e-9:
        return 0.0
    return 1.0 if tol <= 0.0 else float(min(1.0, excess / tol))


def _range_text(r: Range, unit: str, scale: float = 1.0, digits: int = 0) -> str:
    return f"{r.min * scale:.{digits}f}–{r.max * scale:.{digits}f} {unit}"


def _num(v: float) -> str:
    """A number as a job writes it (``270``, ``27.5``)."""
    return f"{v:.1f}".rstrip("0").rstrip(".") if not float(v).is_integer() else f"{v:.0f}"


def _line(start) -> int:
    """The job line where an arc start's condition is written (its ASC, else the AS)."""
    return start.condition.line or start.line


def _cond(c) -> str:
    """``ASC 1`` (or ``AS`` for an inline condition)."""
    return f"ASC {c.number}" if c.number is not None else "AS"


def _worst(values: list, r: Range):
    """The item farthest outside ``r`` (or the first), and whether all are inside;
    ``values`` holds ``(value, line, ...)`` tuples."""
    def outside(v: float) -> float:
        return max(r.min - v, v - r.max, 0.0)

    item = max(values, key=lambda vl: outside(vl[0]))
    return item, all(outside(v[0]) <= 1e-9 for v in values)


def _weld_speeds(program: Program) -> list[tuple]:
    """Travel speeds (mm/s) of the moves made with the arc on: ``(speed, line, source)``,
    ``source`` the condition or the move that set it."""
    out, condition = [], None
    for ins in program.instructions:
        if isinstance(ins, ArcStart):
            condition = ins.condition
        elif isinstance(ins, ArcEnd):
            condition = None
        elif condition is not None and isinstance(ins, MoveL | MoveC):
            if ins.speed_m_s is not None:
                out.append((ins.speed_m_s * 1000.0, ins.line, ins))
            else:
                out.append((condition.speed_m_s * 1000.0, condition.line or ins.line, condition))
    return out


_UNIT_FACTOR = {"mm/s": 1.0, "cm/min": 6.0, "m/min": 0.06}


def _written(speed_mm_s: float, unit: str) -> str:
    """The speed as written in ``unit`` (``42cm/min``)."""
    return f"{_num(round(speed_mm_s * _UNIT_FACTOR.get(unit, 1.0), 2))}{unit}"


def _direction(value: float, r: Range) -> str:
    return "high" if value > r.max else "low"


def _range_check(name: str, symbol: str, unit: str, values: list, r: Range, digits: int,
                 cond_of) -> SetupCheck:
    """Current, voltage, wire feed or gas flow of the arc-start conditions against ``r``."""
    (value, line, c), ok = _worst(values, r)
    shown = f"{value:.{digits}f} {unit}"
    allowed = _range_text(r, unit, digits=digits)
    if ok:
        return SetupCheck(name, True, shown, allowed, line)
    way = _direction(value, r)
    return SetupCheck(
        name, False, shown, allowed, line, outside_share(value, r),
        _M(f"finding.setup.{name}.what", cond=cond_of(c), value=Qty(value, unit, digits),
           lo=Qty(r.min, unit, digits), hi=Qty(r.max, unit, digits)),
        _M(f"finding.setup.{name}.cause.{way}"),
        _M("finding.setup.write_in", syntax=f"{symbol}={_num(r.nominal)}{unit.replace(' ', '')}",
           cond=cond_of(c)))


def _speed_check(program: Program, starts, wps) -> SetupCheck:
    r = wps.speed_mm_s
    cm = 1.0 / _MM_S_PER_CM_MIN
    speeds = _weld_speeds(program) or [(s.condition.speed_m_s * 1000.0, _line(s), s.condition)
                                       for s in starts]
    (speed, line, source), ok = _worst(speeds, r)
    shown = f"{speed * cm:.0f} cm/min"
    allowed = _range_text(r, "cm/min", cm)
    if ok:
        return SetupCheck("speed", True, shown, allowed, line)
    unit = getattr(source, "speed_unit", "mm/s")
    written = _written(speed, unit)
    is_move = isinstance(source, MoveL | MoveC)
    where = f"line {line}" if is_move else _cond(source)
    nominal = Qty(r.nominal, "mm/s", 1)
    number = speed * _UNIT_FACTOR.get(unit, 1.0)
    loss = outside_share(speed, r)
    if unit == "mm/s" and r.min * cm <= number <= r.max * cm:
        # the number is right for cm/min: the unit was left off (a bare number is mm/s)
        return SetupCheck(
            "speed", False, shown, allowed, line, loss,
            _M("finding.setup.speed_unit.what", where=where, written=f"S={_num(number)}",
               value=Qty(speed, "mm/s", 0), ratio=Qty(speed / r.nominal, "", 0),
               nominal=nominal),
            _M(f"finding.setup.speed.cause.{_direction(speed, r)}"),
            _M("finding.setup.speed_unit.fix", syntax=f"S={_num(number)}cm/min", where=where))
    what = _M("finding.setup.speed.what", where=where, written=f"S={written}",
              value=Qty(speed * cm, "cm/min", 0), lo=Qty(r.min * cm, "cm/min", 0),
              hi=Qty(r.max * cm, "cm/min", 0))
    if is_move:
        fix = _M("finding.setup.speed_move.fix", line=line)
    else:
        fix = _M("finding.setup.speed.fix", syntax=f"S={_num(round(r.nominal * cm))}cm/min",
                 cond=where)
    return SetupCheck("speed", False, shown, allowed, line, loss, what,
                      _M(f"finding.setup.speed.cause.{_direction(speed, r)}"), fix)


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
        return [SetupCheck(name, False, "no arc start", "an AS instruction", 0, 1.0,
                           _M("finding.setup.no_arc.what"), _M("finding.setup.no_arc.cause"),
                           _M("finding.setup.no_arc.fix"))
                for name in ("current", "voltage", "speed")]
    checks: list[SetupCheck] = []
    conds = [(s.condition.current_a, _line(s), s.condition) for s in starts]
    checks.append(_range_check("current", "I", "A", conds, wps.current_a, 0, _cond))
    conds = [(s.condition.voltage_v, _line(s), s.condition) for s in starts]
    checks.append(_range_check("voltage", "U", "V", conds, wps.voltage_v, 1, _cond))
    checks.append(_speed_check(program, starts, wps))
    if wps.wfs_m_min is not None:
        given = [(s.condition.wfs_m_min, _line(s), s.condition) for s in starts
                 if s.condition.wfs_m_min]
        if given:
            checks.append(_range_check("wire_feed", "WFS", "m/min", given, wps.wfs_m_min, 1,
                                       _cond))
    bad_gas = [s for s in starts if s.condition.gas != wps.gas]
    if bad_gas:
        c = bad_gas[0].condition
        checks.append(SetupCheck(
            "gas", False, c.gas, wps.gas, _line(bad_gas[0]), 1.0,
            _M("finding.setup.gas.what", cond=_cond(c), value=c.gas, wanted=wps.gas),
            _M("finding.setup.gas.cause"),
            _M("finding.setup.write_in", syntax=f"GAS={wps.gas}", cond=_cond(c))))
    else:
        checks.append(SetupCheck("gas", True, wps.gas, wps.gas, starts[0].line))
    conds = [(s.condition.flow_l_min, _line(s), s.condition) for s in starts]
    checks.append(_range_check("gas_flow", "FLOW", "L/min", conds, wps.flow_l_min, 0, _cond))
    checks.append(_heat_check(starts, wps))
    if wps.crater_fill_required:
        checks.append(_crater_check(starts, ends))
    return checks


def heat_input_window(wps) -> Range:
    """The heat input (kJ/mm) the WPS allows: its corners, EN 1011-1 with k = 0.8."""
    q_lo = _K_ARC * wps.voltage_v.min * wps.current_a.min / wps.speed_mm_s.max / 1000.0
    q_hi = _K_ARC * wps.voltage_v.max * wps.current_a.max / wps.speed_mm_s.min / 1000.0
    q_nom = _K_ARC * wps.voltage_v.nominal * wps.current_a.nominal / wps.speed_mm_s.nominal \
        / 1000.0
    return Range(q_lo, min(max(q_nom, q_lo), q_hi), q_hi)


def _heat_check(starts, wps) -> SetupCheck:
    r = heat_input_window(wps)
    heat = []
    for s in starts:
        c = s.condition
        heat.append((_K_ARC * c.voltage_v * c.current_a / (c.speed_m_s * 1000.0) / 1000.0,
                     _line(s), c))
    (q, line, c), ok = _worst(heat, r)
    shown, allowed = f"{q:.2f} kJ/mm", f"{r.min:.2f}–{r.max:.2f} kJ/mm"
    if ok:
        return SetupCheck("heat_input", True, shown, allowed, line)
    cm = 1.0 / _MM_S_PER_CM_MIN
    return SetupCheck(
        "heat_input", False, shown, allowed, line, outside_share(q, r),
        _M("finding.setup.heat_input.what", cond=_cond(c), value=Qty(q, "kJ/mm", 2),
           lo=Qty(r.min, "kJ/mm", 2), hi=Qty(r.max, "kJ/mm", 2)),
        _M(f"finding.setup.heat_input.cause.{_direction(q, r)}"),
        _M("finding.setup.heat_input.fix", cond=_cond(c),
           current=Qty(wps.current_a.nominal, "A", 0), voltage=Qty(wps.voltage_v.nominal, "V", 1),
           speed=Qty(wps.speed_mm_s.nominal * cm, "cm/min", 0)))


def _crater_check(starts, ends) -> SetupCheck:
    unfilled = [e for e in ends if e.condition.crater_time_s <= 0.0]
    missing = len(ends) < len(starts)
    ok = not unfilled and not missing and bool(ends)
    where = unfilled[0].line if unfilled else (ends[-1].line if ends else starts[-1].line)
    value = ("no crater fill time" if unfilled else "no AE" if missing or not ends
             else f"T={min(e.condition.crater_time_s for e in ends):g} s")
    allowed = "crater fill time T > 0 at every arc end"
    if ok:
        return SetupCheck("crater_fill", True, value, allowed, where)
    cond = (f"AEC {unfilled[0].condition.number}" if unfilled and unfilled[0].number is not None
            else "AE")
    return SetupCheck("crater_fill", False, value, allowed, where, 1.0,
                      _M("finding.req.crater_fill.what", line=where),
                      _M("finding.req.crater_fill.cause"),
                      _M("finding.req.crater_fill.fix", cond=cond))


def setup_score(checks: list[SetupCheck]) -> float:
    """100 minus the weighted share of the checks' losses, 0–100 (100 when there is nothing
    to check)."""
    total = sum(c.weight for c in checks)
    if total == 0.0:
        return 100.0
    return 100.0 * (1.0 - sum(c.weight * c.loss for c in checks) / total)


def wps_met(checks: list[SetupCheck]) -> bool:
    """Whether current, voltage, speed and heat input are all inside the WPS."""
    return all(c.ok for c in checks if c.name in WPS_CHECKS)
