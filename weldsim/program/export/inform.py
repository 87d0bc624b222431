"""Export a Program as a Yaskawa INFORM job (``.JBI``).

Layout: ``/JOB``, ``//NAME``, ``//POS`` with ``///NPOS`` and the teaching positions
``Cxxxxx`` as Cartesian data (``///RECTAN``) in the frame they were taught in
(``///POSTYPE BASE`` or ``///USER n`` + ``///POSTYPE USER``), each preceded by the
``///RCONF`` of its configuration; ``//INST`` with ``///DATE``, ``///ATTR``, ``///GROUP1``;
then ``NOP``, the instructions, ``END``.

Conventions of the output: ``V=`` is in mm/s and is always written (a weld move without
``S=`` gets the arc-start condition's welding speed), ``VJ=`` in %, ``TIMER T=`` in s.
Numbered conditions become ``ARCON ASF#(n)``, ``ARCOF AEF#(n)`` and ``WVON WEV#(n)``; their
values are listed in comment lines so that the condition files can be set up on the
controller. Joint positions need a robot (forward kinematics) because a ``PULSE`` position
needs the controller's pulses-per-degree, which weldsim does not know.
"""

from __future__ import annotations

import math
from datetime import datetime

import numpy as np

from weldsim.program.export._common import (
    ExportError,
    KinematicRobot,
    effective_speeds,
    fixed_xyz_angles,
    now,
)
from weldsim.program.model import (
    ArcEnd,
    ArcEndCondition,
    ArcStart,
    ArcStartCondition,
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
    instruction_positions,
)

__all__ = ["export_inform"]

_COMMENT_MAX = 32  # INFORM comments hold up to 32 characters
# JOINT_ZERO_NOTE cut into comment lines of at most 32 characters
_INFORM_NOTE = ("'weldsim joints: ROS-Industrial", "'zero, not the controller's zero")
_FK_NOTE = "'J() points: by weldsim FK"


def _rconf(conf: str, q_rad: tuple[float, ...] | None) -> str:
    flags = [
        1 if conf[0] == "N" else 0,  # 0 flip, 1 no-flip
        1 if conf[1] == "D" else 0,  # 0 upper arm, 1 lower arm
        1 if conf[2] == "B" else 0,  # 0 front, 1 rear
    ]
    if q_rad is None:
        flags += [0, 0, 0]
    else:  # R (axis 4), T (axis 6), S (axis 1) at or beyond 180 degrees
        flags += [int(abs(q_rad[i]) >= math.pi) for i in (3, 5, 0)]
    return "///RCONF " + ",".join(str(f) for f in flags + [0] * 18)


def _fixed(value: float, places: int) -> str:
    """Fixed-point text without a ``-0.000``."""
    return f"{round(value, places) + 0.0:.{places}f}"


def _comment(text: str) -> str:
    text = " ".join(text.split())
    return "'" + text[:_COMMENT_MAX]


def _condition_text(cond: ArcStartCondition | ArcEndCondition | WeaveCondition) -> str:
    if isinstance(cond, ArcStartCondition):
        text = (f"I={cond.current_a:g}A U={cond.voltage_v:g}V "
                f"S={cond.speed_m_s * 1000:.1f}mm/s {cond.gas}")
        return text + ("" if cond.wfs_m_min is None else f" WFS={cond.wfs_m_min:g}m/min")
    if isinstance(cond, ArcEndCondition):
        return f"I={cond.current_a:g}A U={cond.voltage_v:g}V T={cond.crater_time_s:g}s"
    return (f"{cond.pattern} AMP={cond.amplitude_m * 1000:g}mm FREQ={cond.frequency_hz:g}Hz "
            f"DWELL={','.join(f'{d:g}' for d in cond.dwell_s)}s "
            f"ANGLE={math.degrees(cond.angle_rad):g}deg")


class _Positions:
    """The teaching positions ``Cxxxxx``, one per distinct position, in order of first use."""

    def __init__(self, program: Program, robot: KinematicRobot | None) -> None:
        self.program = program
        self.robot = robot
        self.index: dict[object, int] = {}
        self.rows: list[tuple[str, str, str]] = []  # (frame header, rconf, C line)

    def c(self, position: Position) -> str:
        key: object = ("P", position.number) if position.number is not None else position
        if key not in self.index:
            self.index[key] = len(self.rows)
            self.rows.append(self._row(len(self.rows), position))
        return f"C{self.index[key]:05d}"

    def _row(self, index: int, position: Position) -> tuple[str, str, str]:
        if isinstance(position, CartesianPosition):
            xyz = [v * 1000.0 for v in position.xyz_m]
            angles = [math.degrees(v) for v in position.rxyz_rad]
            frame = position.frame
            rconf = _rconf(position.conf or "NUT", None)
        else:
            xyz, angles, rconf = self._joint(position)
            frame = "BASE"
        values = ",".join(_fixed(v, 3) for v in xyz) + "," + ",".join(_fixed(a, 4) for a in angles)
        return frame, rconf, f"C{index:05d}={values}"

    def _joint(self, position: JointPosition) -> tuple[list[float], list[float], str]:
        if self.robot is None:
            name = position.name or f"J(...) at line {position.line}"
            raise ExportError(
                f"{name} is a joint position: INFORM export needs the robot to convert it to "
                "a Cartesian (RECTAN) position; pass robot=..."
            )
        q = np.asarray(position.q_rad, dtype=float)
        pose = np.asarray(self.robot.fk(q, tool=self.program.tool), dtype=float)
        if pose.shape != (4, 4) or not np.all(np.isfinite(pose)):
            raise ExportError(f"robot.fk returned no valid (4, 4) pose for {position.name}")
        conf = self.robot.configuration(q)
        if not isinstance(conf, str) or len(conf) != 3:
            raise ExportError(f"robot.configuration returned {conf!r}, expected e.g. 'NUT'")
        xyz = [v * 1000.0 for v in pose[:3, 3]]
        angles = [math.degrees(v) for v in fixed_xyz_angles(pose[:3, :3])]
        return xyz, angles, _rconf(conf.upper(), position.q_rad)

    def pos_section(self) -> list[str]:
        lines = ["//POS", f"///NPOS {len(self.rows)},0,0,0,0,0"]
        frame = rconf = None
        for row_frame, row_rconf, text in self.rows:
            if row_frame != frame:
                if row_frame == "BASE":
                    lines += [f"///TOOL {self.program.tool}", "///POSTYPE BASE"]
                else:
                    lines += [f"///USER {int(row_frame[4:])}", f"///TOOL {self.program.tool}",
                              "///POSTYPE USER"]
                lines.append("///RECTAN")
                frame, rconf = row_frame, None
            if row_rconf != rconf:
                lines.append(row_rconf)
                rconf = row_rconf
            lines.append(text)
        if not self.rows:
            lines += [f"///TOOL {self.program.tool}", "///POSTYPE BASE", "///RECTAN"]
        return lines


def _speed(speed_m_s: float) -> str:
    return f"V={speed_m_s * 1000.0:.1f}"


def export_inform(program: Program, *, robot: KinematicRobot | None = None,
                  date: datetime | None = None) -> str:
    """Write a Program as a Yaskawa INFORM job.

    Parameters
    ----------
    program : Program
    robot : KinematicRobot, optional
        Needed only when the job has joint positions: ``robot.fk(q_rad, tool=n)`` gives
        ``T_base_tcp`` (metres) and ``robot.configuration(q_rad)`` the ``"NUT"`` letters;
        the position is written as a Cartesian BASE position.
    date : datetime, optional
        For ``///DATE`` (default: now).

    Returns
    -------
    str
        The ``.JBI`` text, CRLF line ends.

    Raises
    ------
    ExportError
        A joint position without ``robot``, or a MOVEC as the first move (INFORM needs the
        start point of the arc as a position).
    """
    positions = _Positions(program, robot)
    body: list[str] = ["NOP", _comment("exported by weldsim"), *_INFORM_NOTE]
    if any(isinstance(p, JointPosition) for ins in program.instructions
           for p in instruction_positions(ins)):
        body.append(_FK_NOTE)
    for cond in program.arc_start_conditions:
        body.append(_comment(f"ASF#({cond.number}) {_condition_text(cond)}"))
    for cond in program.arc_end_conditions:
        body.append(_comment(f"AEF#({cond.number}) {_condition_text(cond)}"))
    for cond in program.weave_conditions:
        body.append(_comment(f"WEV#({cond.number}) {_condition_text(cond)}"))
    last: Position | None = None
    for ins, speed, _arc in effective_speeds(program):
        if isinstance(ins, MoveP):
            body.append(f"MOVJ {positions.c(ins.target)} VJ={ins.speed_pct:.2f}")
            last = ins.target
        elif isinstance(ins, MoveL):
            assert speed is not None
            body.append(f"MOVL {positions.c(ins.target)} {_speed(speed)}")
            last = ins.target
        elif isinstance(ins, MoveC):
            assert speed is not None
            if last is None:
                raise ExportError(f"MOVEC at line {ins.line} is the first move: INFORM needs "
                                  "the arc's start point; move there first")
            for point in (last, ins.via, ins.end):
                body.append(f"MOVC {positions.c(point)} {_speed(speed)}")
            last = ins.end
        elif isinstance(ins, ArcStart):
            cond = ins.condition
            body.append(f"ARCON ASF#({cond.number})" if cond.number is not None else
                        f"ARCON AC={cond.current_a:g} AV={cond.voltage_v:g} "
                        f"{_speed(cond.speed_m_s)}")
        elif isinstance(ins, ArcEnd):
            cond = ins.condition
            body.append(f"ARCOF AEF#({cond.number})" if cond.number is not None else
                        f"ARCOF AC={cond.current_a:g} AV={cond.voltage_v:g} "
                        f"T={cond.crater_time_s:.2f}")
        elif isinstance(ins, WeaveStart):
            cond = ins.condition
            body.append(f"WVON WEV#({cond.number})" if cond.number is not None else
                        f"WVON AMP={cond.amplitude_m * 1000:.1f} FREQ={cond.frequency_hz:.1f}")
        elif isinstance(ins, WeaveEnd):
            body.append("WVOF")
        elif isinstance(ins, Delay):
            body.append(f"TIMER T={ins.seconds:.2f}")
    body.append("END")
    stamp = now(date)
    lines = ["/JOB", f"//NAME {program.name.upper()}", *positions.pos_section(), "//INST",
             f"///DATE {stamp:%Y/%m/%d %H:%M}", "///ATTR SC,RW", "///GROUP1 RB1", *body]
    return "\r\n".join(lines) + "\r\n"
