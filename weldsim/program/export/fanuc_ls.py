"""Export a Program as a FANUC TP program in ASCII form (``.LS``).

Layout: ``/PROG <name>``, ``/ATTR`` (owner, dates, line count, default group), ``/MN`` with
numbered lines, ``/POS`` with one ``P[n]{ GP1: UF, UT, CONFIG, X..R }`` (Cartesian, in the
user frame the position was taught in) or ``J1..J6`` in degrees (joint positions), ``/END``.

Conventions of the output: linear speeds in ``mm/sec`` (whole numbers) or ``cm/min``; a weld
move without ``S=`` is written ``WELD_SPEED`` (the speed of the arc start schedule); joint
speed in whole %; every motion ends ``FINE``. Numbered conditions become ``Arc Start[n]``,
``Arc End[n]`` and ``Weave <pattern>[n]`` (weld and weave schedules, whose values are listed
in comment lines); ``UFRAME_NUM``/``UTOOL_NUM`` are set before the first move and when the
frame changes. Joint angles are weldsim's (ROS-Industrial zero), as a comment line says.
"""

from __future__ import annotations

import math
from datetime import datetime

from weldsim.program.export._common import (
    ExportError,
    effective_speeds,
    now,
)
from weldsim.program.model import (
    ArcEnd,
    ArcStart,
    CartesianPosition,
    Delay,
    JointPosition,
    MoveC,
    MoveL,
    MoveP,
    Position,
    Program,
    WeaveCondition,
    WeaveEnd,
    WeaveStart,
)

__all__ = ["export_fanuc_ls"]

_MAX_UFRAME = 9
_MAX_UTOOL = 10
_COMMENT_MAX = 32
_WEAVE = {"SINE": "Sine", "CIRCLE": "Circle", "TRIANGLE": "Sine", "TRAPEZOID": "Sine"}


def _speed(speed_m_s: float, unit: str, weld_default: bool) -> str:
    if weld_default:
        return "WELD_SPEED"
    mm_s = speed_m_s * 1000.0
    if unit == "mm/s" and abs(mm_s - round(mm_s)) < 1e-6 and round(mm_s) >= 1:
        return f"{round(mm_s)}mm/sec"
    cm_min = speed_m_s * 6000.0
    return f"{round(cm_min)}cm/min" if abs(cm_min - round(cm_min)) < 1e-6 else \
        f"{cm_min:.1f}cm/min"


def _comment(text: str) -> str:
    return "! " + " ".join(text.split())[:_COMMENT_MAX] + " ;"


def _weave(cond: WeaveCondition) -> str:
    name = _WEAVE[cond.pattern]
    if cond.number is not None:
        return f"Weave {name}[{cond.number}] ;"
    return (f"Weave {name}[{cond.frequency_hz:.1f}Hz,{cond.amplitude_m * 1000:.1f}mm,"
            f"{cond.dwell_s[0]:.3f}s,{cond.dwell_s[2]:.3f}s] ;")


class _Registers:
    """``P[n]`` numbers: a declared ``P<n>`` keeps n; a literal gets the next free number."""

    def __init__(self, program: Program) -> None:
        self.program = program
        self.used: dict[object, int] = {}
        self.order: list[tuple[int, Position]] = []
        taken = {p.number for p in program.positions}
        self._free = (n for n in range(1, 100_000) if n not in taken)

    def p(self, position: Position) -> str:
        key: object = ("P", position.number) if position.number is not None else position
        if key not in self.used:
            number = position.number if position.number is not None else next(self._free)
            self.used[key] = number
            self.order.append((number, position))
        return f"P[{self.used[key]}]"

    def section(self) -> list[str]:
        lines = ["/POS"]
        for number, pos in sorted(self.order, key=lambda item: item[0]):
            lines += [f"P[{number}]{{", "   GP1:"]
            if isinstance(pos, CartesianPosition):
                conf = pos.conf or "NUT"
                uf = pos.user_frame or 0
                x, y, z = (round(v * 1000.0, 3) + 0.0 for v in pos.xyz_m)
                w, p, r = (round(math.degrees(v), 3) + 0.0 for v in pos.rxyz_rad)
                lines += [
                    f"\tUF : {uf}, UT : {self.program.tool},\t\t"
                    f"CONFIG : '{conf[0]} {conf[1]} {conf[2]}, 0, 0, 0',",
                    f"\tX = {x:12.3f}  mm,\tY = {y:12.3f}  mm,\tZ = {z:12.3f}  mm,",
                    f"\tW = {w:12.3f} deg,\tP = {p:12.3f} deg,\tR = {r:12.3f} deg",
                ]
            else:
                j = [round(math.degrees(v), 3) + 0.0 for v in pos.q_rad]
                lines += [
                    f"\tUF : 0, UT : {self.program.tool},",
                    f"\tJ1= {j[0]:12.3f} deg,\tJ2= {j[1]:12.3f} deg,\tJ3= {j[2]:12.3f} deg,",
                    f"\tJ4= {j[3]:12.3f} deg,\tJ5= {j[4]:12.3f} deg,\tJ6= {j[5]:12.3f} deg",
                ]
            lines.append("};")
        return lines


def _frame_of(position: Position) -> int | None:
    if isinstance(position, JointPosition):
        return None  # joint positions do not depend on the user frame
    return position.user_frame or 0


def export_fanuc_ls(program: Program, *, date: datetime | None = None) -> str:
    """Write a Program as a FANUC TP ``.LS`` program.

    Parameters
    ----------
    program : Program
    date : datetime, optional
        For ``CREATE``/``MODIFIED`` (default: now).

    Returns
    -------
    str
        The ``.LS`` text, CRLF line ends.

    Raises
    ------
    ExportError
        A user frame above 9 or a tool above 10 (FANUC's UF/UT ranges), or a job name
        longer than FANUC's 36 characters.
    """
    if program.tool > _MAX_UTOOL:
        raise ExportError(f"TOOL {program.tool}: FANUC tool frames are 1-{_MAX_UTOOL}")
    for frame in program.frames:
        if frame != "BASE" and int(frame[4:]) > _MAX_UFRAME:
            raise ExportError(f"FRAME {frame}: FANUC user frames are 1-{_MAX_UFRAME}")
    registers = _Registers(program)
    mn: list[str] = [_comment("exported by weldsim"),
                     _comment("joint angles: ROS-Industrial"),
                     _comment("zero, not the controller's zero")]
    for cond in program.arc_start_conditions:
        mn.append(_comment(f"Sched {cond.number}: {cond.current_a:g}A {cond.voltage_v:g}V "
                           f"{cond.speed_m_s * 6000:g}cm/min"))
    for cond in program.arc_end_conditions:
        mn.append(_comment(f"Crater {cond.number}: {cond.current_a:g}A {cond.voltage_v:g}V "
                           f"{cond.crater_time_s:g}s"))
    for cond in program.weave_conditions:
        mn.append(_comment(f"Weave {cond.number}: {cond.pattern} {cond.frequency_hz:g}Hz "
                           f"{cond.amplitude_m * 1000:g}mm"))
    mn.append(f"UTOOL_NUM={program.tool} ;")
    uframe: int | None = None

    def set_frame(*targets: Position) -> None:
        nonlocal uframe
        for target in targets:
            frame = _frame_of(target)
            if frame is not None and frame != uframe:
                mn.append(f"UFRAME_NUM={frame} ;")
                uframe = frame

    for ins, speed, arc_on in effective_speeds(program):
        if isinstance(ins, MoveP):
            set_frame(ins.target)
            mn.append(f"J {registers.p(ins.target)} {max(1, round(ins.speed_pct))}% FINE ;")
        elif isinstance(ins, MoveL):
            assert speed is not None
            set_frame(ins.target)
            text = _speed(speed, ins.speed_unit, arc_on and ins.speed_m_s is None)
            mn.append(f"L {registers.p(ins.target)} {text} FINE ;")
        elif isinstance(ins, MoveC):
            assert speed is not None
            set_frame(ins.via, ins.end)
            text = _speed(speed, ins.speed_unit, arc_on and ins.speed_m_s is None)
            mn.append(f"C {registers.p(ins.via)}")
            mn.append(f"    :  {registers.p(ins.end)} {text} FINE ;")
        elif isinstance(ins, ArcStart):
            cond = ins.condition
            mn.append(f"Arc Start[{cond.number}] ;" if cond.number is not None else
                      f"Arc Start[{cond.voltage_v:.1f}V,{cond.current_a:.1f}A] ;")
        elif isinstance(ins, ArcEnd):
            cond = ins.condition
            mn.append(f"Arc End[{cond.number}] ;" if cond.number is not None else
                      f"Arc End[{cond.voltage_v:.1f}V,{cond.current_a:.1f}A,"
                      f"{cond.crater_time_s:.2f}s] ;")
        elif isinstance(ins, WeaveStart):
            mn.append(_weave(ins.condition))
        elif isinstance(ins, WeaveEnd):
            mn.append("Weave End ;")
        elif isinstance(ins, Delay):
            mn.append(f"WAIT {ins.seconds:6.2f}(sec) ;")
    numbered: list[str] = []
    number = 0
    for line in mn:
        if line.startswith("    :"):
            numbered.append(line)  # the second line of a circular move has no number
        else:
            number += 1
            numbered.append(f"{number:4d}:  {line}")
    stamp = now(date)
    day = f"DATE {stamp:%y-%m-%d}  TIME {stamp:%H:%M:%S}"
    attr = [
        "/ATTR",
        "OWNER\t\t= MNEDITOR;",
        'COMMENT\t\t= "weldsim";',
        "PROG_SIZE\t= 0;",
        f"CREATE\t\t= {day};",
        f"MODIFIED\t= {day};",
        "FILE_NAME\t= ;",
        "VERSION\t\t= 0;",
        f"LINE_COUNT\t= {number};",
        "MEMORY_SIZE\t= 0;",
        "PROTECT\t\t= READ_WRITE;",
        "TCD:  STACK_SIZE\t= 0,",
        "      TASK_PRIORITY\t= 50,",
        "      TIME_SLICE\t= 0,",
        "      BUSY_LAMP_OFF\t= 0,",
        "      ABORT_REQUEST\t= 0,",
        "      PAUSE_REQUEST\t= 0;",
        "DEFAULT_GROUP\t= 1,*,*,*,*;",
        "CONTROL_CODE\t= 00000000 00000000;",
    ]
    lines = [f"/PROG  {program.name.upper()}", *attr, "/MN", *numbered,
             *registers.section(), "/END"]
    return "\r\n".join(lines) + "\r\n"
