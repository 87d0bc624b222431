"""Teaching and editing: record the current pose as a move at the teach speed setting,
re-teach a point in place (it keeps its number), insert conditions and DELAY, change a move's
speed afterwards, delete, reorder, undo and redo. Every change is autosaved."""

from __future__ import annotations

import math
from dataclasses import replace

from weldsim.i18n import Qty
from weldsim.kinematics import matrix_to_rpy
from weldsim.pendant.editor import MOVES
from weldsim.pendant.forms import FormError, build_condition
from weldsim.pendant.jog import pose_in_frame
from weldsim.pendant.state import RecordSpeed
from weldsim.program import (
    ArcEnd,
    ArcStart,
    CartesianPosition,
    Delay,
    MoveC,
    MoveL,
    MoveP,
    WeaveEnd,
    WeaveStart,
)
from weldsim.program.units import to_si

__all__ = ["Teacher"]


def _speed_m_s(value: float, unit: str) -> float:
    from weldsim.program import SPEED_UNITS

    return float(value) / SPEED_UNITS[unit]


def _in_unit(speed_m_s: float, unit: str) -> float:
    from weldsim.program import SPEED_UNITS

    return round(float(speed_m_s) * SPEED_UNITS[unit], 6)


class Teacher:
    """Teaching and editing for a :class:`~weldsim.pendant.controller.Pendant` (``p``).

    Attributes
    ----------
    record_speed : RecordSpeed
        The speed a recorded move takes (MOVEP R %, MOVEL/MOVEC in mm/s or cm/min). A MOVEL
        or MOVEC recorded between AS and AE takes no speed: it welds at the AS speed.
    """

    def __init__(self, pendant):
        self.p = pendant
        self.record_speed = RecordSpeed()
        self.movec_via = None

    @property
    def editor(self):
        return self.p.editor

    def teach_position(self, number: int | None):
        """The current pose as a Cartesian position in the teach frame (the jog frame if it
        is a user frame, else the user frame last jogged in, else BASE), with the arm
        configuration, rounded to 0.001 mm and 0.001 deg so that the job text reads short."""
        p = self.p
        frame = p.frame if p.frame.startswith("USER") else p.teach_frame
        T = pose_in_frame(p.tcp_base(), frame, p.user_frames)
        xyz = tuple(to_si(round(float(v) * 1000.0, 3) + 0.0, "mm") for v in T[:3, 3])
        rpy = tuple(to_si(round(math.degrees(v), 3) + 0.0, "deg")
                    for v in matrix_to_rpy(T[:3, :3]))
        return CartesianPosition(xyz, rpy, frame, p.robot.configuration(p.q), number)

    def editable(self) -> bool:
        p = self.p
        if not self.editor.editable:
            p.alarm("alarm.job_errors", line=self.editor.diagnostics[0].line)
            return False
        if p.moving or p.busy:
            p.alarm("alarm.busy")
            return False
        return True

    def _welding_at_cursor(self) -> bool:
        """True when an insert at the cursor lands between AS and AE (the arc is on)."""
        arc = False
        for ins in self.editor.instructions[:self.editor.cursor + 1]:
            if isinstance(ins, ArcStart):
                arc = True
            elif isinstance(ins, ArcEnd):
                arc = False
        return arc

    def set_record_speed(self, movep_pct: float | None = None, linear: float | None = None,
                         unit: str | None = None) -> None:
        """Change the teach speed setting (checked against the job language's limits)."""
        from weldsim.program import JobLimits

        lim = JobLimits()
        rs = self.record_speed
        new = RecordSpeed(rs.movep_pct if movep_pct is None else float(movep_pct),
                          rs.linear if linear is None else float(linear),
                          rs.unit if unit is None else unit)
        if new.unit not in ("mm/s", "cm/min"):
            raise ValueError(f"unit must be mm/s or cm/min, got {new.unit!r}")
        if not lim.min_speed_pct <= new.movep_pct <= lim.max_speed_pct:
            self.p.alarm("alarm.out_of_range", field="R", value=f"{new.movep_pct:g}",
                         lo=f"{lim.min_speed_pct:g}", hi=f"{lim.max_speed_pct:g}", unit="%")
            return
        lo, hi = (_in_unit(lim.min_move_speed_m_s, new.unit),
                  _in_unit(lim.max_move_speed_m_s, new.unit))
        if not (math.isfinite(new.linear) and lo <= new.linear <= hi):
            self.p.alarm("alarm.out_of_range", field="S", value=f"{new.linear:g}",
                         lo=f"{lo:g}", hi=f"{hi:g}", unit=new.unit)
            return
        self.record_speed = new
        self.p.note("info.record_speed", r=Qty(new.movep_pct, "%", 0),
                    s=Qty(new.linear, new.unit, 1))

    def record(self, kind: str = "MOVEL", *, speed: float | None = None,
               unit: str | None = None) -> None:
        """Teach the current pose: insert ``MOVEP``, ``MOVEL`` or ``MOVEC`` after the current
        line, at ``speed`` (% for MOVEP, ``unit`` for the others) or else the teach speed
        setting. ``MOVEC`` takes the point marked with :meth:`mark_via` as its via point."""
        if not self.editable():
            return
        rs = self.record_speed
        pos = self.teach_position(self.editor.next_number())
        if kind == "MOVEP":
            ins = MoveP(pos, float(speed) if speed is not None else rs.movep_pct)
        elif kind in ("MOVEL", "MOVEC"):
            u = unit or (rs.unit if speed is None else "mm/s")
            if speed is None and self._welding_at_cursor():
                v, u = None, "mm/s"                       # welds at the AS speed
            else:
                v = _speed_m_s(speed if speed is not None else rs.linear, u)
            if kind == "MOVEL":
                ins = MoveL(pos, v, u)
            else:
                if self.movec_via is None:
                    self.p.alarm("alarm.no_via")
                    return
                via = replace(self.movec_via, number=pos.number)
                pos = replace(pos, number=pos.number + 1)
                ins = MoveC(via, pos, v, u)
                self.movec_via = None
        else:
            raise ValueError(f"kind must be MOVEP, MOVEL or MOVEC, got {kind!r}")
        self.editor.insert(ins)
        self.p.changed()

    def mark_via(self) -> None:
        """Remember the current pose as the via point of the next MOVEC."""
        self.movec_via = self.teach_position(None)
        self.p.note("info.via_marked")

    def _current_move(self):
        c = self.editor.cursor
        ins = self.editor.instructions[c] if c >= 0 else None
        if not isinstance(ins, MOVES):
            self.p.alarm("alarm.not_a_move", line=self.editor.current_line)
            return None
        return ins

    def modify(self) -> None:
        """Re-teach the current move's point to the current pose, in place: same line, same
        kind and speed, same point number (``MOVEL P3`` stays ``MOVEL P3``)."""
        if not self.editable():
            return
        ins = self._current_move()
        if ins is None:
            return
        old = ins.end if isinstance(ins, MoveC) else ins.target
        pos = self.teach_position(old.number if old.number is not None else
                                  self.editor.next_number())
        new = replace(ins, end=pos) if isinstance(ins, MoveC) else replace(ins, target=pos)
        self.editor.replace_current(new)
        self.p.changed()
        self.p.note("info.modified", point=f"P{pos.number}")

    def set_line_speed(self, value: float) -> None:
        """Change the current move's speed: % for MOVEP, the move's own unit for MOVEL and
        MOVEC (mm/s when it had none)."""
        from weldsim.program import JobLimits

        if not self.editable():
            return
        ins = self._current_move()
        if ins is None:
            return
        lim = JobLimits()
        value = float(value)
        if isinstance(ins, MoveP):
            if not lim.min_speed_pct <= value <= lim.max_speed_pct:
                self.p.alarm("alarm.out_of_range", field="R", value=f"{value:g}",
                             lo=f"{lim.min_speed_pct:g}", hi=f"{lim.max_speed_pct:g}", unit="%")
                return
            new = replace(ins, speed_pct=value)
        else:
            unit = ins.speed_unit if ins.speed_m_s is not None else "mm/s"
            lo, hi = (_in_unit(lim.min_move_speed_m_s, unit),
                      _in_unit(lim.max_move_speed_m_s, unit))
            if not (math.isfinite(value) and lo <= value <= hi):
                self.p.alarm("alarm.out_of_range", field="S", value=f"{value:g}",
                             lo=f"{lo:g}", hi=f"{hi:g}", unit=unit)
                return
            new = replace(ins, speed_m_s=_speed_m_s(value, unit), speed_unit=unit)
        self.editor.replace_current(new)
        self.p.changed()

    def line_speed(self) -> tuple[float, str] | None:
        """The current move's speed and unit (``%`` for MOVEP), None when not a move."""
        c = self.editor.cursor
        ins = self.editor.instructions[c] if c >= 0 else None
        if isinstance(ins, MoveP):
            return ins.speed_pct, "%"
        if isinstance(ins, MoveL | MoveC):
            if ins.speed_m_s is None:
                return _in_unit(0.1, "mm/s"), "mm/s"
            return _in_unit(ins.speed_m_s, ins.speed_unit), ins.speed_unit
        return None

    def insert_condition(self, kind: str, values: dict | None = None) -> None:
        """Insert ``AS``, ``AE`` or ``WS`` with a filled form (see :mod:`.forms`), or ``WE``."""
        if not self.editable():
            return
        if kind == "WE":
            self.editor.insert(WeaveEnd())
            self.p.changed()
            return
        types = {"AS": ArcStart, "AE": ArcEnd, "WS": WeaveStart}
        try:
            cond = build_condition(kind, values or {})
        except FormError as exc:
            f = exc.field
            self.p.alarm("alarm.out_of_range", field=f.name, value=exc.value,
                         lo=f"{f.lo:g}", hi=f"{f.hi:g}", unit=f.unit)
            return
        cond = replace(cond, number=self.editor.condition_number(types[kind], cond))
        self.editor.insert(types[kind](cond))
        self.p.changed()

    def insert_delay(self, seconds: float) -> None:
        """Insert ``DELAY`` (0-600 s, the job language's limit)."""
        from weldsim.program import JobLimits

        if not self.editable():
            return
        hi = JobLimits().max_delay_s
        seconds = float(seconds)
        if not (math.isfinite(seconds) and 0.0 <= seconds <= hi):
            self.p.alarm("alarm.out_of_range", field="T", value=f"{seconds:g}", lo="0",
                         hi=f"{hi:g}", unit="s")
            return
        self.editor.insert(Delay(seconds))
        self.p.changed()

    def delete(self) -> None:
        """Delete the current line."""
        if self.editable() and self.editor.cursor >= 0:
            self.editor.delete_current()
            self.p.changed()

    def move_line(self, delta: int) -> None:
        """Move the current line up (-1) or down (+1)."""
        if self.editable():
            try:
                self.editor.move_current(delta)
            except IndexError:
                return
            self.p.changed()

    def undo(self) -> None:
        """Undo the last edit."""
        if not (self.p.moving or self.p.busy) and self.editor.undo():
            self.p.changed()

    def redo(self) -> None:
        """Redo the last undone edit."""
        if not (self.p.moving or self.p.busy) and self.editor.redo():
            self.p.changed()
