"""The data model of a weld job: positions, conditions, instructions and the Program.

Everything is a frozen, slotted dataclass holding SI values (m, rad, s, A, V); degrees and
millimetres exist only in job text. The exceptions are named after their unit: a gas flow
``flow_l_min`` (L/min), a wire feed speed ``wfs_m_min`` (m/min) and a joint-move speed
``speed_pct`` (% of the slowest joint's maximum speed).

Equality
--------
Every object keeps where it came from (``line``, ``column``, 1-based; 0 when built in code),
but those fields are declared with ``compare=False``: two Programs are equal when they mean
the same job, wherever its statements stood in the file. That is what makes
``parse_job(write_job(p)) == p`` hold although the writer joins continuation lines and
re-indents. Comments compare by their text and order only.

Units the user wrote
--------------------
Linear and circular speeds keep the unit the user wrote (``speed_unit``: ``"mm/s"``,
``"cm/min"`` or ``"m/min"``) so that the writer gives ``S=45cm/min`` back rather than
``S=7.5mm/s``; the value itself is always ``speed_m_s``.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from dataclasses import dataclass, field, fields
from typing import Any, TypeAlias, TypeVar

import numpy as np

from weldsim.errors import InvalidInputError

__all__ = [
    "GASES",
    "NAME_RE",
    "ROBOT_ID_RE",
    "SPEED_UNITS",
    "WEAVE_PATTERNS",
    "ArcEnd",
    "ArcEndCondition",
    "ArcStart",
    "ArcStartCondition",
    "CartesianPosition",
    "Comment",
    "Delay",
    "Instruction",
    "JointPosition",
    "MoveC",
    "MoveL",
    "MoveP",
    "Position",
    "Program",
    "WeaveCondition",
    "WeaveEnd",
    "WeaveStart",
    "instruction_positions",
]

SPEED_UNITS: dict[str, float] = {"mm/s": 1000.0, "cm/min": 6000.0, "m/min": 60.0}
"""Speed units of the job language and the divisor that turns a value in that unit into m/s
(``speed_m_s = value / SPEED_UNITS[unit]``)."""

WEAVE_PATTERNS: tuple[str, ...] = ("SINE", "TRIANGLE", "TRAPEZOID", "CIRCLE")
"""Weave patterns of ``WVC``/``WS``, canonical (upper case) spelling."""

GASES: tuple[str, ...] = ("CO2", "MAG", "MIG")
"""Shielding gases of ``ASC``/``AS``; MAG is 80 % Ar / 20 % CO2."""

_Record = TypeVar("_Record")

_FRAME_RE = re.compile(r"BASE|USER[1-9][0-9]*\Z")
_COMMON_FRAMES = frozenset(["BASE", *(f"USER{n}" for n in range(1, 10))])  # all match _FRAME_RE
_CONF_RE = re.compile(r"[NF][UD][TB]\Z")
NAME_RE = re.compile(r"[A-Za-z][A-Za-z0-9_-]{0,31}\Z")
"""A job name: a letter, then up to 31 letters, digits, ``_`` or ``-``."""
ROBOT_ID_RE = re.compile(r"[A-Za-z_][A-Za-z0-9_-]*\Z")
"""A robot id in ``ROBOT <id>``: one word of letters, digits, ``_`` and ``-``."""


def _set(obj: object, name: str, value: object) -> None:
    object.__setattr__(obj, name, value)


def _floats(obj: object, name: str, n: int) -> None:
    values = getattr(obj, name)
    if type(values) is tuple and len(values) == n:  # the usual case, checked cheaply
        for value in values:
            if type(value) is not float:
                break
        else:
            if math.isfinite(sum(values)):  # (a sum of finite floats may overflow: then below)
                return
    try:
        values = tuple(map(float, values))
    except (TypeError, ValueError) as exc:
        raise InvalidInputError(f"{name} must be {n} numbers, got {values!r}") from exc
    if len(values) != n or not all(map(math.isfinite, values)):
        raise InvalidInputError(f"{name} must be {n} finite numbers, got {values!r}")
    _set(obj, name, values)


def _finite(obj: object, *names: str, optional: tuple[str, ...] = ()) -> None:
    for name in names:
        value = getattr(obj, name)
        if type(value) is float and value - value == 0.0:  # a finite float: nothing to do
            continue
        if value is None and name in optional:
            continue
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            raise InvalidInputError(f"{name} must be a number, got {value!r}")
        if not math.isfinite(value):
            raise InvalidInputError(f"{name} must be finite, got {value!r}")
        _set(obj, name, float(value))


def _number(value: int | None, upper: int, what: str) -> None:
    if value is None:
        return
    if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= upper:
        raise InvalidInputError(f"{what} number must be an integer 1-{upper}, got {value!r}")


def _speed_unit(unit: object) -> None:
    if unit not in SPEED_UNITS:
        raise InvalidInputError(f"speed_unit must be one of {', '.join(SPEED_UNITS)}, got {unit!r}")


# --------------------------------------------------------------------------------------------
# Positions


@dataclass(frozen=True, slots=True)
class JointPosition:
    """A robot position given as six joint angles.

    Attributes
    ----------
    q_rad : tuple of 6 float
        Joint angles [rad], weldsim's (ROS-Industrial) joint zero.
    number : int or None
        ``n`` of the declared position ``P<n>``; None for a literal ``J(...)`` in an instruction.
    line, column : int
        Where it was declared (or written, for a literal); 1-based, 0 when built in code.
    """

    q_rad: tuple[float, float, float, float, float, float]
    number: int | None = None
    line: int = field(default=0, compare=False, kw_only=True)
    column: int = field(default=0, compare=False, kw_only=True)

    def __post_init__(self) -> None:
        _floats(self, "q_rad", 6)
        _number(self.number, 9999, "position")

    @property
    def name(self) -> str | None:
        """``"P<n>"`` for a declared position, None for a literal."""
        return None if self.number is None else f"P{self.number}"

    @property
    def q_deg(self) -> tuple[float, ...]:
        """Joint angles [deg]."""
        return tuple(math.degrees(v) for v in self.q_rad)


@dataclass(frozen=True, slots=True)
class CartesianPosition:
    """A TCP pose in a frame: position and fixed-axis X-Y-Z rotation angles.

    The rotation of the tool frame is ``R = Rz(rz) @ Ry(ry) @ Rx(rx)`` (the W, P, R of common
    controllers).

    Attributes
    ----------
    xyz_m : tuple of 3 float
        TCP position x, y, z [m] in ``frame``.
    rxyz_rad : tuple of 3 float
        Rotation angles rx, ry, rz [rad].
    frame : str
        ``"BASE"`` or ``"USER<n>"``: the FRAME in force where the position was written.
    conf : str or None
        Arm configuration, three letters ``[NF][UD][TB]`` (wrist no-flip/flip, elbow up/down,
        front/back), e.g. ``"NUT"``; None lets the planner pick the nearest solution.
    number : int or None
        ``n`` of the declared position ``P<n>``; None for a literal ``X(...)``.
    line, column : int
        Where it was declared (or written); 1-based, 0 when built in code.
    """

    xyz_m: tuple[float, float, float]
    rxyz_rad: tuple[float, float, float]
    frame: str = "BASE"
    conf: str | None = None
    number: int | None = None
    line: int = field(default=0, compare=False, kw_only=True)
    column: int = field(default=0, compare=False, kw_only=True)

    def __post_init__(self) -> None:
        _floats(self, "xyz_m", 3)
        _floats(self, "rxyz_rad", 3)
        if (type(self.frame) is not str or self.frame not in _COMMON_FRAMES) and (
                not isinstance(self.frame, str) or not _FRAME_RE.match(self.frame)):
            raise InvalidInputError(f"frame must be 'BASE' or 'USER<n>', got {self.frame!r}")
        if self.conf is not None and (
            not isinstance(self.conf, str) or not _CONF_RE.match(self.conf)
        ):
            raise InvalidInputError(f"conf must be three letters [NF][UD][TB], got {self.conf!r}")
        _number(self.number, 9999, "position")

    @property
    def name(self) -> str | None:
        """``"P<n>"`` for a declared position, None for a literal."""
        return None if self.number is None else f"P{self.number}"

    @property
    def user_frame(self) -> int | None:
        """The user frame number ``n`` of ``"USER<n>"``, None for ``"BASE"``."""
        return None if self.frame == "BASE" else int(self.frame[4:])

    def matrix(self) -> np.ndarray:
        """The pose as a homogeneous transform.

        Returns
        -------
        numpy.ndarray, shape (4, 4), float64
            ``T_frame_tcp``: the TCP pose expressed in ``frame`` (translation in metres).
        """
        rx, ry, rz = self.rxyz_rad
        cx, sx, cy, sy, cz, sz = (
            math.cos(rx), math.sin(rx), math.cos(ry), math.sin(ry), math.cos(rz), math.sin(rz)
        )
        out = np.eye(4)
        out[:3, :3] = (
            (cz * cy, cz * sy * sx - sz * cx, cz * sy * cx + sz * sx),
            (sz * cy, sz * sy * sx + cz * cx, sz * sy * cx - cz * sx),
            (-sy, cy * sx, cy * cx),
        )
        out[:3, 3] = self.xyz_m
        return out


Position: TypeAlias = JointPosition | CartesianPosition
"""A robot position: joint angles or a Cartesian TCP pose."""


# --------------------------------------------------------------------------------------------
# Condition tables


@dataclass(frozen=True, slots=True)
class ArcStartCondition:
    """Arc start / welding condition (``ASC`` table row, or inline ``AS I=.. U=.. S=..``).

    Attributes
    ----------
    current_a : float
        Welding current [A].
    voltage_v : float
        Arc voltage [V].
    speed_m_s : float
        Welding (travel) speed [m/s], used by moves without ``S=`` while the arc is on.
    wfs_m_min : float or None
        Wire feed speed [m/min]; None lets the process model derive it from the current.
    gas : str
        Shielding gas, one of :data:`GASES` (default ``"MAG"``).
    flow_l_min : float
        Gas flow [L/min] (default 15).
    number : int or None
        Table number ``n`` (1-99) of ``ASC <n>``; None for an inline condition.
    speed_unit : str
        The unit the speed was written in (a key of :data:`SPEED_UNITS`).
    """

    current_a: float
    voltage_v: float
    speed_m_s: float
    wfs_m_min: float | None = None
    gas: str = "MAG"
    flow_l_min: float = 15.0
    number: int | None = None
    speed_unit: str = "mm/s"
    line: int = field(default=0, compare=False, kw_only=True)
    column: int = field(default=0, compare=False, kw_only=True)

    def __post_init__(self) -> None:
        _finite(self, "current_a", "voltage_v", "speed_m_s", "wfs_m_min", "flow_l_min",
                optional=("wfs_m_min",))
        if self.gas not in GASES:
            raise InvalidInputError(f"gas must be one of {', '.join(GASES)}, got {self.gas!r}")
        _number(self.number, 99, "arc start condition")
        _speed_unit(self.speed_unit)


@dataclass(frozen=True, slots=True)
class ArcEndCondition:
    """Arc end / crater condition (``AEC`` table row, or inline ``AE I=.. U=.. T=..``).

    Attributes
    ----------
    current_a : float
        Crater-fill current [A].
    voltage_v : float
        Crater-fill voltage [V].
    crater_time_s : float
        Crater-fill time [s] at the end position before the arc goes off.
    number : int or None
        Table number (1-99); None for an inline condition.
    """

    current_a: float
    voltage_v: float
    crater_time_s: float
    number: int | None = None
    line: int = field(default=0, compare=False, kw_only=True)
    column: int = field(default=0, compare=False, kw_only=True)

    def __post_init__(self) -> None:
        _finite(self, "current_a", "voltage_v", "crater_time_s")
        _number(self.number, 99, "arc end condition")


@dataclass(frozen=True, slots=True)
class WeaveCondition:
    """Weaving condition (``WVC`` table row, or inline ``WS PATTERN=.. AMP=.. FREQ=..``).

    Attributes
    ----------
    pattern : str
        One of :data:`WEAVE_PATTERNS`.
    amplitude_m : float
        Half the weave width [m].
    frequency_hz : float
        Weave cycles per second [Hz].
    dwell_s : tuple of 3 float
        Dwell at the left edge, centre and right edge [s].
    angle_rad : float
        Tilt of the weave plane about the travel direction [rad].
    number : int or None
        Table number (1-99); None for an inline condition.
    """

    pattern: str
    amplitude_m: float
    frequency_hz: float
    dwell_s: tuple[float, float, float] = (0.0, 0.0, 0.0)
    angle_rad: float = 0.0
    number: int | None = None
    line: int = field(default=0, compare=False, kw_only=True)
    column: int = field(default=0, compare=False, kw_only=True)

    def __post_init__(self) -> None:
        if self.pattern not in WEAVE_PATTERNS:
            raise InvalidInputError(
                f"pattern must be one of {', '.join(WEAVE_PATTERNS)}, got {self.pattern!r}"
            )
        _finite(self, "amplitude_m", "frequency_hz", "angle_rad")
        _floats(self, "dwell_s", 3)
        _number(self.number, 99, "weave condition")


# --------------------------------------------------------------------------------------------
# Instructions


@dataclass(frozen=True, slots=True)
class MoveP:
    """``MOVEP``/``MOVJ``: joint interpolation to ``target``.

    Attributes
    ----------
    target : Position
        Where to go (declared, with its number, or literal).
    speed_pct : float
        The slowest joint runs at this percentage (1-100) of its maximum speed; default 20.
    """

    target: Position
    speed_pct: float = 20.0
    line: int = field(default=0, compare=False, kw_only=True)
    column: int = field(default=0, compare=False, kw_only=True)

    def __post_init__(self) -> None:
        _finite(self, "speed_pct")


@dataclass(frozen=True, slots=True)
class MoveL:
    """``MOVEL``/``MOVL``: straight TCP line to ``target``, orientation by slerp.

    Attributes
    ----------
    target : Position
    speed_m_s : float or None
        TCP speed [m/s]; None means the default: the welding speed of the arc-start
        condition while the arc is on, 0.1 m/s otherwise.
    speed_unit : str
        The unit the speed was written in; ``"mm/s"`` when ``speed_m_s`` is None.
    """

    target: Position
    speed_m_s: float | None = None
    speed_unit: str = "mm/s"
    line: int = field(default=0, compare=False, kw_only=True)
    column: int = field(default=0, compare=False, kw_only=True)

    def __post_init__(self) -> None:
        _finite(self, "speed_m_s", optional=("speed_m_s",))
        _speed_unit(self.speed_unit)
        if self.speed_m_s is None:
            _set(self, "speed_unit", "mm/s")


@dataclass(frozen=True, slots=True)
class MoveC:
    """``MOVEC``/``MOVC``: circular arc from the current TCP through ``via`` to ``end``.

    Attributes
    ----------
    via, end : Position
    speed_m_s : float or None
        TCP speed [m/s]; None means the default (as :class:`MoveL`).
    speed_unit : str
        The unit the speed was written in; ``"mm/s"`` when ``speed_m_s`` is None.
    """

    via: Position
    end: Position
    speed_m_s: float | None = None
    speed_unit: str = "mm/s"
    line: int = field(default=0, compare=False, kw_only=True)
    column: int = field(default=0, compare=False, kw_only=True)

    def __post_init__(self) -> None:
        _finite(self, "speed_m_s", optional=("speed_m_s",))
        _speed_unit(self.speed_unit)
        if self.speed_m_s is None:
            _set(self, "speed_unit", "mm/s")


@dataclass(frozen=True, slots=True)
class ArcStart:
    """``AS``/``ARCON``: strike the arc at the current position.

    Attributes
    ----------
    condition : ArcStartCondition
        The resolved condition; ``condition.number`` is the table number (None when inline).
    """

    condition: ArcStartCondition
    line: int = field(default=0, compare=False, kw_only=True)
    column: int = field(default=0, compare=False, kw_only=True)

    @property
    def number(self) -> int | None:
        """The ``ASC`` table number, None for an inline condition."""
        return self.condition.number


@dataclass(frozen=True, slots=True)
class ArcEnd:
    """``AE``/``ARCOF``: crater fill at the current position, then arc off.

    Attributes
    ----------
    condition : ArcEndCondition
        The resolved condition; ``condition.number`` is the table number (None when inline).
    """

    condition: ArcEndCondition
    line: int = field(default=0, compare=False, kw_only=True)
    column: int = field(default=0, compare=False, kw_only=True)

    @property
    def number(self) -> int | None:
        """The ``AEC`` table number, None for an inline condition."""
        return self.condition.number


@dataclass(frozen=True, slots=True)
class WeaveStart:
    """``WS``/``WVON``: weave on, for the moves that follow.

    Attributes
    ----------
    condition : WeaveCondition
        The resolved condition; ``condition.number`` is the table number (None when inline).
    """

    condition: WeaveCondition
    line: int = field(default=0, compare=False, kw_only=True)
    column: int = field(default=0, compare=False, kw_only=True)

    @property
    def number(self) -> int | None:
        """The ``WVC`` table number, None for an inline condition."""
        return self.condition.number


@dataclass(frozen=True, slots=True)
class WeaveEnd:
    """``WE``/``WVOF``: weave off."""

    line: int = field(default=0, compare=False, kw_only=True)
    column: int = field(default=0, compare=False, kw_only=True)


@dataclass(frozen=True, slots=True)
class Delay:
    """``DELAY``/``TIMER T=``: wait.

    Attributes
    ----------
    seconds : float
        Waiting time [s].
    """

    seconds: float
    line: int = field(default=0, compare=False, kw_only=True)
    column: int = field(default=0, compare=False, kw_only=True)

    def __post_init__(self) -> None:
        _finite(self, "seconds")


Instruction: TypeAlias = MoveP | MoveL | MoveC | ArcStart | ArcEnd | WeaveStart | WeaveEnd | Delay
"""Any executable instruction of a job."""


# --------------------------------------------------------------------------------------------
# Comments and the Program


@dataclass(frozen=True, slots=True)
class Comment:
    """A comment of the job text, kept so that the writer can put it back.

    Attributes
    ----------
    text : str
        Everything after ``;`` (or after the word ``REM``), trailing white space removed.
    line : int
        Source line (1-based); the writer places the comment by it. Not compared.
    inline : bool
        True when the comment followed a statement on the same line. Not compared.
    """

    text: str
    line: int = field(default=0, compare=False, kw_only=True)
    inline: bool = field(default=False, compare=False, kw_only=True)

    def __post_init__(self) -> None:
        if not isinstance(self.text, str) or "\n" in self.text or "\r" in self.text:
            raise InvalidInputError(f"comment text must be one line, got {self.text!r}")
        if "\x00" in self.text or self.text != self.text.rstrip():
            raise InvalidInputError(
                f"comment text must have no NUL and no trailing white space: {self.text!r}"
            )


@dataclass(frozen=True, slots=True)
class Program:
    """A parsed, validated weld job.

    Attributes
    ----------
    name : str
        Job name (``JOB <name>``), matching :data:`NAME_RE`.
    instructions : tuple of Instruction
        The executable instructions in order; positions and conditions are resolved objects.
    robot : str or None
        ``ROBOT <id>`` when given; the scenario checks it matches its robot.
    tool : int
        ``TOOL <n>``: tool number in the robot's tool table (default 1).
    positions : tuple of Position
        The declared positions ``P<n>`` in declaration order (each has its ``number``).
    arc_start_conditions, arc_end_conditions, weave_conditions : tuple
        The ``ASC``, ``AEC`` and ``WVC`` table rows in declaration order.
    comments : tuple of Comment
        Every comment of the source, in source order.
    filename : str
        Where the job came from (for messages). Not compared.
    line, end_line : int
        Lines of the ``JOB`` and ``END`` statements. Not compared.
    robot_at, tool_at : tuple of int
        ``(line, column)`` of the ``ROBOT`` and ``TOOL`` statements; ``(0, 0)`` when the job
        has none. Not compared.
    """

    name: str
    instructions: tuple[Instruction, ...] = ()
    robot: str | None = None
    tool: int = 1
    positions: tuple[Position, ...] = ()
    arc_start_conditions: tuple[ArcStartCondition, ...] = ()
    arc_end_conditions: tuple[ArcEndCondition, ...] = ()
    weave_conditions: tuple[WeaveCondition, ...] = ()
    comments: tuple[Comment, ...] = ()
    filename: str = field(default="<job>", compare=False, kw_only=True)
    line: int = field(default=0, compare=False, kw_only=True)
    end_line: int = field(default=0, compare=False, kw_only=True)
    robot_at: tuple[int, int] = field(default=(0, 0), compare=False, kw_only=True)
    tool_at: tuple[int, int] = field(default=(0, 0), compare=False, kw_only=True)

    def __post_init__(self) -> None:
        if not isinstance(self.name, str) or not NAME_RE.match(self.name):
            raise InvalidInputError(
                f"job name must match [A-Za-z][A-Za-z0-9_-]{{0,31}}, got {self.name!r}"
            )
        if self.robot is not None and (
            not isinstance(self.robot, str) or not ROBOT_ID_RE.match(self.robot)
        ):
            raise InvalidInputError(f"robot id must be one word, got {self.robot!r}")
        if isinstance(self.tool, bool) or not isinstance(self.tool, int) or self.tool < 0:
            raise InvalidInputError(f"tool must be a tool number, got {self.tool!r}")
        for name in ("instructions", "positions", "arc_start_conditions",
                     "arc_end_conditions", "weave_conditions", "comments"):
            _set(self, name, tuple(getattr(self, name)))
        for kind, rows in (("position", self.positions),
                           ("ASC", self.arc_start_conditions),
                           ("AEC", self.arc_end_conditions),
                           ("WVC", self.weave_conditions)):
            numbers = [row.number for row in rows]
            if None in numbers or len(set(numbers)) != len(numbers):
                raise InvalidInputError(f"every declared {kind} needs a distinct number")

    def position(self, number: int) -> Position:
        """The declared position ``P<number>``; raises KeyError when there is none."""
        for pos in self.positions:
            if pos.number == number:
                return pos
        raise KeyError(f"P{number}")

    @property
    def frames(self) -> tuple[str, ...]:
        """The frames of all Cartesian positions (declared and literal), first use first."""
        seen: dict[str, None] = {}
        for pos in self.positions:
            if isinstance(pos, CartesianPosition):
                seen.setdefault(pos.frame)
        for ins in self.instructions:
            for pos in instruction_positions(ins):
                if isinstance(pos, CartesianPosition):
                    seen.setdefault(pos.frame)
        return tuple(seen)


def unchecked_builder(cls: type[_Record]) -> Callable[..., _Record]:
    """A function that makes a ``cls`` from the values of all its fields, in field order and
    by position (``line`` and ``column`` too), without the checks of ``__post_init__``.

    For the parser only, on values it has already checked against tighter bounds than the
    record's own (a number read from a decimal, range-checked, so finite; a unit, frame or
    flags it has matched): the record is the very one ``cls(...)`` would make, equal, with
    the same hash and repr (tests/program/test_model.py builds every record both ways).

    Chosen for speed: ``CartesianPosition(...)`` costs about 3 times this (its __init__ sets
    each frozen field by name through ``object.__setattr__``, then __post_init__ looks at
    every value again), and building the records was the largest part of reading a job
    (bench/parse.py). The function is generated, as dataclasses generates ``__init__``: each
    field is set by its slot's own setter, one call each and no loop.
    """
    names = [f.name for f in fields(cls)]  # type: ignore[arg-type]
    scope: dict[str, Any] = {"_new": object.__new__, "_cls": cls}
    for name in names:
        scope[f"_set_{name}"] = cls.__dict__[name].__set__  # the slot's member descriptor
    body = "".join(f"    _set_{name}(obj, {name})\n" for name in names)
    exec(f"def build({', '.join(names)}):\n    obj = _new(_cls)\n{body}    return obj\n",
         scope)
    build = scope["build"]
    build.__qualname__ = f"unchecked_builder.<{cls.__name__}>"
    return build  # type: ignore[no-any-return]


def instruction_positions(ins: Instruction) -> tuple[Position, ...]:
    """The positions an instruction moves to (``()`` for non-moves, ``(via, end)`` for MoveC)."""
    if isinstance(ins, MoveP | MoveL):
        return (ins.target,)
    if isinstance(ins, MoveC):
        return (ins.via, ins.end)
    return ()
