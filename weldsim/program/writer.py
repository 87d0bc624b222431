"""Write a :class:`~weldsim.program.model.Program` back as job text (FD-style mnemonics).

The writer puts every statement on one line (continuation lines are joined), keeps the
comments in place (by their source line; an inline comment stays on its statement's line),
writes ``FRAME`` where the frame of the Cartesian positions changes, and writes every number
as the shortest decimal that reads back as the very same float. So for any job text ``t``
that parses, ``parse_job(write_job(parse_job(t))) == parse_job(t)`` (equality ignores
source lines and columns, see :mod:`weldsim.program.model`).

Aliases (``MOVJ``, ``ARCON`` ...) come out as their FD mnemonics, ``R=`` is always written,
``GAS=`` is always written, ``FLOW=``, ``DWELL=`` and ``ANGLE=`` only when not the default.
"""

from __future__ import annotations

from dataclasses import dataclass

from weldsim.errors import InvalidInputError
from weldsim.program.model import (
    ArcEnd,
    ArcEndCondition,
    ArcStart,
    ArcStartCondition,
    CartesianPosition,
    Comment,
    Delay,
    Instruction,
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
from weldsim.program.units import format_number, format_quantity

__all__ = [
    "format_condition",
    "format_instruction",
    "format_position",
    "write_job",
]


def format_position(position: Position, *, literal: bool = False) -> str:
    """``P<n>`` (unless ``literal``) or ``J(...)``/``X(...)`` in degrees and millimetres."""
    if position.number is not None and not literal:
        return f"P{position.number}"
    if isinstance(position, JointPosition):
        return "J(" + ", ".join(format_quantity(v, "deg") for v in position.q_rad) + ")"
    values = [format_quantity(v, "mm") for v in position.xyz_m]
    values += [format_quantity(v, "deg") for v in position.rxyz_rad]
    if position.conf is not None:
        values.append(f"CONF={position.conf}")
    return "X(" + ", ".join(values) + ")"


def _speed(speed_m_s: float, unit: str) -> str:
    return format_quantity(speed_m_s, unit) + unit


def format_condition(condition: ArcStartCondition | ArcEndCondition | WeaveCondition) -> str:
    """The ``KEY=value`` arguments of a condition (without keyword or number)."""
    if isinstance(condition, ArcStartCondition):
        parts = [f"I={format_number(condition.current_a)}A",
                 f"U={format_number(condition.voltage_v)}V",
                 f"S={_speed(condition.speed_m_s, condition.speed_unit)}"]
        if condition.wfs_m_min is not None:
            parts.append(f"WFS={format_number(condition.wfs_m_min)}m/min")
        parts.append(f"GAS={condition.gas}")
        if condition.flow_l_min != 15.0:
            parts.append(f"FLOW={format_number(condition.flow_l_min)}L/min")
        return " ".join(parts)
    if isinstance(condition, ArcEndCondition):
        return (f"I={format_number(condition.current_a)}A U={format_number(condition.voltage_v)}V"
                f" T={format_number(condition.crater_time_s)}s")
    parts = [f"PATTERN={condition.pattern}",
             f"AMP={format_quantity(condition.amplitude_m, 'mm')}mm",
             f"FREQ={format_number(condition.frequency_hz)}Hz"]
    if any(condition.dwell_s):
        parts.append("DWELL=" + ",".join(format_number(v) for v in condition.dwell_s))
    if condition.angle_rad:
        parts.append(f"ANGLE={format_quantity(condition.angle_rad, 'deg')}deg")
    return " ".join(parts)


def _switch(keyword: str, condition: ArcStartCondition | ArcEndCondition | WeaveCondition) -> str:
    if condition.number is not None:
        return f"{keyword} {condition.number}"
    return f"{keyword} {format_condition(condition)}"


def format_instruction(ins: Instruction) -> str:
    """One instruction as a job statement (FD mnemonics)."""
    if isinstance(ins, MoveP):
        return f"MOVEP {format_position(ins.target)} R={format_number(ins.speed_pct)}%"
    if isinstance(ins, MoveL):
        text = f"MOVEL {format_position(ins.target)}"
    elif isinstance(ins, MoveC):
        text = f"MOVEC {format_position(ins.via)} {format_position(ins.end)}"
    elif isinstance(ins, ArcStart):
        return _switch("AS", ins.condition)
    elif isinstance(ins, ArcEnd):
        return _switch("AE", ins.condition)
    elif isinstance(ins, WeaveStart):
        return _switch("WS", ins.condition)
    elif isinstance(ins, WeaveEnd):
        return "WE"
    elif isinstance(ins, Delay):
        return f"DELAY {format_number(ins.seconds)}s"
    else:
        raise InvalidInputError(f"not an instruction: {ins!r}")
    if ins.speed_m_s is not None:
        text += f" S={_speed(ins.speed_m_s, ins.speed_unit)}"
    return text


@dataclass(slots=True)
class _Entry:
    """A statement or comment to write, placed by its source line."""

    line: int
    text: str
    frame: str | None = None  # the frame the statement's Cartesian positions need
    is_comment: bool = False


def _frame_of(positions: tuple[Position, ...], what: str) -> str | None:
    frames = {p.frame for p in positions if isinstance(p, CartesianPosition)}
    if len(frames) > 1:
        raise InvalidInputError(f"{what} has Cartesian positions in several frames: "
                                f"{', '.join(sorted(frames))}; one statement has one frame")
    return frames.pop() if frames else None


def _literal_positions(ins: Instruction) -> tuple[Position, ...]:
    return tuple(p for p in instruction_positions(ins) if p.number is None)


def write_job(program: Program) -> str:
    """Write a Program as job text.

    Parameters
    ----------
    program : Program

    Returns
    -------
    str
        The job, ``\\n`` line ends, ending with a newline.

    Raises
    ------
    InvalidInputError
        A statement would need Cartesian positions of two frames (only possible for a
        Program built in code).
    """
    statement_lines = {ins.line for ins in program.instructions if ins.line > 0}
    statement_lines.update(p.line for p in program.positions if p.line > 0)
    for table in (program.arc_start_conditions, program.arc_end_conditions,
                  program.weave_conditions):
        statement_lines.update(c.line for c in table if c.line > 0)
    if program.line > 0:
        statement_lines.add(program.line)
    if program.end_line > 0:
        statement_lines.add(program.end_line)

    inline: dict[int, Comment] = {}
    standalone: list[Comment] = []
    for comment in program.comments:
        if comment.inline and comment.line > 0 and comment.line in statement_lines \
                and comment.line not in inline:
            inline[comment.line] = comment
        else:
            standalone.append(comment)

    def text_at(line: int, text: str) -> str:
        comment = inline.get(line) if line > 0 else None
        return text if comment is None else f"{text}  ;{comment.text}"

    entries: list[_Entry] = []
    for keyword, table in (("ASC", program.arc_start_conditions),
                           ("AEC", program.arc_end_conditions),
                           ("WVC", program.weave_conditions)):
        for cond in table:
            entries.append(_Entry(cond.line, text_at(
                cond.line, f"{keyword} {cond.number} {format_condition(cond)}")))
    for pos in program.positions:
        entries.append(_Entry(pos.line, text_at(
            pos.line, f"P{pos.number} = {format_position(pos, literal=True)}"),
            _frame_of((pos,), f"P{pos.number}")))
    before_job: list[Comment] = []
    after_end: list[Comment] = []
    for comment in standalone:
        if 0 < comment.line < program.line:
            before_job.append(comment)
        elif 0 < program.end_line < comment.line:
            after_end.append(comment)
        else:
            entries.append(_Entry(comment.line, f";{comment.text}", is_comment=True))
    entries.sort(key=lambda e: e.line)  # stable: equal lines keep the order above

    out = [f";{c.text}" for c in before_job]
    out.append(text_at(program.line, f"JOB {program.name}"))
    if program.robot is not None:
        out.append(f"ROBOT {program.robot}")
    out.append(f"TOOL {program.tool}")
    frame = "BASE"

    def emit(entry: _Entry) -> None:
        nonlocal frame
        if entry.frame is not None and entry.frame != frame:
            out.append(f"FRAME {entry.frame}")
            frame = entry.frame
        out.append(entry.text)

    pending = iter(entries)
    waiting = next(pending, None)
    for ins in program.instructions:
        while waiting is not None and (waiting.line == 0 or waiting.line < ins.line):
            emit(waiting)
            waiting = next(pending, None)
        emit(_Entry(ins.line, text_at(ins.line, format_instruction(ins)),
                    _frame_of(_literal_positions(ins), type(ins).__name__)))
    while waiting is not None:
        emit(waiting)
        waiting = next(pending, None)
    out.append(text_at(program.end_line, "END"))
    out.extend(f";{c.text}" for c in after_end)
    return "\n".join(out) + "\n"
