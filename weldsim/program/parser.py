"""Parse and validate a job: text -> :class:`~weldsim.program.model.Program`.

The parser reads every statement, reports every problem it finds (up to
``JobLimits.max_diagnostics``), and raises one :class:`JobError` carrying all of them. It
never raises anything else for any text or bytes: every value is checked before a model
object is built, and the model's own checks are caught as a last resort.

Pipeline: :func:`~weldsim.program.source.decode_source` (limits, UTF-8) ->
:func:`~weldsim.program.lexer.tokenize` (statements, comments) -> one handler per statement
(values, units, ranges) -> resolution of ``P<n>`` and condition numbers (declarations may
come after use) -> the arc/weave ordering rules -> the Program.
"""

from __future__ import annotations

import difflib
import gc
import math
import operator
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, NamedTuple

from weldsim.errors import InvalidInputError
from weldsim.i18n import Message, Qty
from weldsim.program.diagnostics import Diagnostic, JobError
from weldsim.program.fastpath import (
    DECLARATION,
    DELAY,
    MOVE,
    NUMBER,
    SINGLE,
    conf_flags,
    literal_values,
    unit_spelling,
)
from weldsim.program.lexer import NUM, SYM, WORD, ShapedLine, Statement, Token, tokenize
from weldsim.program.limits import MAX_CONDITION_NUMBER, MAX_POSITION_NUMBER, JobLimits
from weldsim.program.model import (
    GASES,
    NAME_RE,
    SPEED_UNITS,
    WEAVE_PATTERNS,
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
    unchecked_builder,
)
from weldsim.program.source import decode_source, read_job_bytes
from weldsim.program.units import KIND_UNITS, MM_PER_M, UNITS, format_number, from_si, to_si

__all__ = ["INSTRUCTION_ALIASES", "KEYWORDS", "load_job", "parse_job"]

INSTRUCTION_ALIASES: dict[str, str] = {
    "MOVJ": "MOVEP",
    "MOVL": "MOVEL",
    "MOVC": "MOVEC",
    "ARCON": "AS",
    "ARCOF": "AE",
    "WVON": "WS",
    "WVOF": "WE",
    "TIMER": "DELAY",
}
"""INFORM alias -> FD mnemonic."""

KEYWORDS: tuple[str, ...] = (
    "JOB", "END", "ROBOT", "TOOL", "FRAME", "ASC", "AEC", "WVC",
    "MOVEP", "MOVEL", "MOVEC", "AS", "AE", "WS", "WE", "DELAY", "REM",
    *INSTRUCTION_ALIASES,
)
"""Every statement keyword (FD mnemonics and INFORM aliases)."""

_POS_NAME_RE = re.compile(r"[Pp]([0-9]+)\Z")
_USER_RE = re.compile(r"USER([0-9]+)\Z", re.IGNORECASE)
_CONFS = frozenset(a + b + c for a in "NF" for b in "UD" for c in "TB")  # [NF][UD][TB]
_INT_RE = re.compile(r"[0-9]+\Z")
_NOT_UNIT = frozenset(",)=(/")  # symbols that cannot start a unit
M = Message.of
"""A job error's message: a key of ``job.po`` and its parameters (job lines as ints, the
trainee's own text as str: it is shown as typed, the job format being the same everywhere)."""
_SPEED_HINT = M("job.hint.speed_units")
_SPEED_UNIT = KIND_UNITS["speed"][0]  # a bare speed is in this unit (mm/s)
assert KIND_UNITS["length"][0] == "mm"  # a bare number in X(...) is in mm: _checked_literal
assert KIND_UNITS["angle"][0] == "deg"  # ... and an angle in degrees
# The records of checked values, built without their own checks (see unchecked_builder and
# the readers of the usual statements): each takes every field in order, line and column last.
_joint_position = unchecked_builder(JointPosition)
_cartesian_position = unchecked_builder(CartesianPosition)
_move_p = unchecked_builder(MoveP)
_move_l = unchecked_builder(MoveL)
_move_c = unchecked_builder(MoveC)
_delay = unchecked_builder(Delay)
_weave_end = unchecked_builder(WeaveEnd)
_UNREAD = object()  # (not in a cache yet)
_make_tuple = tuple.__new__  # a NamedTuple without its Python-level __new__
_SWITCHES = {"AS": (ArcStart, unchecked_builder(ArcStart), "ASC"),
             "AE": (ArcEnd, unchecked_builder(ArcEnd), "AEC"),
             "WS": (WeaveStart, unchecked_builder(WeaveStart), "WVC")}
_FAST_SWITCHES = {word: _SWITCHES[INSTRUCTION_ALIASES.get(word, word)]  # every spelling
                  for word in KEYWORDS if INSTRUCTION_ALIASES.get(word, word) in _SWITCHES}
_JOINT_MOVES = frozenset(word for word in KEYWORDS  # MOVEP and its aliases
                         if INSTRUCTION_ALIASES.get(word, word) == "MOVEP")
_CIRCULAR_MOVES = frozenset(word for word in KEYWORDS  # MOVEC and its aliases
                            if INSTRUCTION_ALIASES.get(word, word) == "MOVEC")


class _Fail(Exception):
    """A problem in one argument; the handler reports it and goes on with the next one."""

    def __init__(self, line: int, column: int, message: Message,
                 hint: Message | None = None) -> None:
        super().__init__(message.key)
        self.where = (line, column)
        self.message = message
        self.hint = hint


class _TooMany(Exception):
    """Raised when ``max_diagnostics`` is reached."""


@dataclass(slots=True)
class _Ref:
    """A reference to a declared position or condition, resolved after all statements."""

    table: str  # "P", "ASC", "AEC", "WVC"
    number: int
    line: int
    column: int


@dataclass(slots=True)
class _Pending:
    """An instruction read from a statement, waiting for its references to be resolved."""

    cls: type
    keyword: str
    line: int
    column: int
    kwargs: dict[str, Any] = field(default_factory=dict)
    ok: bool = True
    built: None = None  # (as _Built's: nothing built yet)


class _Built(NamedTuple):
    """An instruction read complete (its references resolved at once, see _fast_add), with
    what ordering() needs: it stands in the pending list as a :class:`_Pending` would.

    A tuple, made by ``tuple.__new__`` (no Python-level ``__init__`` as a _Pending's): one
    is made for most lines of a job (bench/parse.py)."""

    cls: type
    keyword: str
    line: int
    column: int
    built: Any


@dataclass(slots=True)
class _Quantity:
    value: float  # as written, in `unit`
    unit: str  # canonical spelling
    written: str  # e.g. "45cm/min"
    token: Token


class _Cursor:
    """Walks the tokens of one statement."""

    __slots__ = ("i", "stmt", "tokens")

    def __init__(self, stmt: Statement) -> None:
        self.stmt = stmt
        self.tokens = stmt.tokens
        self.i = 1

    def peek(self, ahead: int = 0) -> Token | None:
        j = self.i + ahead
        return self.tokens[j] if j < len(self.tokens) else None

    def take(self) -> Token | None:
        tok = self.peek()
        if tok is not None:
            self.i += 1
        return tok

    def at_end(self) -> bool:
        return self.i >= len(self.tokens)

    def end_where(self) -> tuple[int, int]:
        """Just after the last token (for a missing value)."""
        last = self.tokens[-1]
        return last.line, last.column + len(last.text)

    def at_named(self) -> bool:
        """Whether a ``KEY=`` argument starts here."""
        tok = self.peek()
        nxt = self.peek(1)
        return (tok is not None and tok.kind == WORD and nxt is not None
                and nxt.kind == SYM and nxt.text == "=")

    def skip_to_named(self) -> None:
        self.i += 1
        while not self.at_end() and not self.at_named():
            self.i += 1


def _nearest(word: str, choices: tuple[str, ...] | list[str]) -> str | None:
    match = difflib.get_close_matches(word.upper(), choices, n=1, cutoff=0.5)
    return match[0] if match else None


def _fmt(value: float) -> str:
    return format_number(round(value, 6))


_UNIT_WORDS = frozenset(u.split("/")[0] for u in UNITS)
"""The first word of every unit (``mm`` of ``mm/s``): what may follow a number."""


def _kind(kind: str) -> Message:
    """The words for a kind of quantity (``a speed``) as a message."""
    return M(f"job.kind.{kind}")


def _decimal_comma(cur: _Cursor, key: str) -> tuple[int, int, Message, Message] | None:
    """A number written with a decimal comma (``U=27,5V``, ``DELAY 0,5``) at the cursor: the
    place of the comma and the error saying to write a point, else None.

    The cursor is on the ``,`` right after the number just read; the comma counts as a decimal
    comma when it touches the digits on both sides. The job format stays point-only (files
    are the same on every machine), so this is an error with the fix spelled out.
    """
    tokens, i = cur.tokens, cur.i
    if not 0 < i < len(tokens) - 1:
        return None
    number, comma, frac = tokens[i - 1], tokens[i], tokens[i + 1]
    if not (number.kind == NUM and comma.kind == SYM and comma.text == ","
            and frac.kind == NUM and _INT_RE.match(frac.text)
            and comma.line == number.line == frac.line
            and comma.column == number.column + len(number.text)
            and frac.column == comma.column + 1):
        return None
    unit = ""
    after = tokens[i + 2] if i + 2 < len(tokens) else None
    if (after is not None and after.line == frac.line
            and (after.text == "%" or (after.kind == WORD and after.text.lower() in _UNIT_WORDS))
            and not (i + 3 < len(tokens) and tokens[i + 3].text == "=")):  # not the next KEY=
        gap = after.column - (frac.column + len(frac.text))
        unit = (" " if gap > 0 else "") + after.text
        nxt = tokens[i + 3] if i + 4 < len(tokens) else None
        if (nxt is not None and nxt.text == "/" and tokens[i + 4].kind == WORD
                and nxt.column == after.column + len(after.text)):
            unit += "/" + tokens[i + 4].text
    prefix = f"{key} " if key in ("DELAY", "TIMER") else f"{key}="
    typed = f"{prefix}{number.text},{frac.text}{unit}"
    fixed = f"{prefix}{number.text}.{frac.text}{unit}"
    return (comma.line, comma.column, M("job.decimal_comma", typed=typed, fixed=fixed),
            M("job.hint.decimal_point", fixed=fixed))


def _whole(digits: str, upper: int) -> int | None:
    """The value of a run of decimal ``digits`` when it is within 1..``upper``, else None.

    The length is checked before ``int()``: a number of thousands of digits is out of range,
    never Python's ``ValueError`` (int() refuses more than 4,300 digits).
    """
    if len(digits) < 19:  # the usual case: int() of a few digits
        number = int(digits)
        return number if 1 <= number <= upper else None
    significant = digits.lstrip("0")
    if len(significant) > len(str(upper)):
        return None
    number = int(significant or "0")
    return number if 1 <= number <= upper else None


def _indexes(items: list[str], item: str) -> list[int]:
    """The places of ``item`` in ``items``, in order."""
    found: list[int] = []
    at = -1
    while True:
        try:
            at = items.index(item, at + 1)
        except ValueError:
            return found
        found.append(at)


_WORD_OF = operator.attrgetter("word")


def _shown(text: str, keep: int = 12) -> str | Message:
    """``text`` for a message: a long run of digits is cut, with its length (in the reader's
    words)."""
    if len(text) <= 2 * keep:
        return text
    return M("job.cut_text", start=text[:keep], length=Qty(len(text), "", 0))


class _Parser:
    """One parse of one job."""

    def __init__(self, filename: str, limits: JobLimits) -> None:
        self.filename = filename
        self.limits = limits
        self.diagnostics: list[Diagnostic] = []
        self.frame = "BASE"
        self.name: str | None = None
        self.robot: str | None = None
        self.tool = 1
        self.job_line = 0
        self.end_line = 0
        self.body_started = False
        self.seen: dict[str, int] = {}  # header keyword -> line
        self.header_at: dict[str, tuple[int, int]] = {}  # header keyword -> (line, column)
        self.positions: dict[int, Position] = {}
        # the same positions by their name as declared, in upper case (P3, P03), when read from
        # the shape of their line: most operands are found by their text in one look-up
        # (_fast_operand) instead of reading their number first
        self.declared: dict[str, Position] = {}
        self.speeds: dict[tuple[str, str | None], tuple[float, str] | None] = {}  # _fast_speed
        self.broken: set[tuple[str, int]] = set()  # declarations that had errors
        self.tables: dict[str, dict[int, Any]] = {"ASC": {}, "AEC": {}, "WVC": {}}
        self.pending: list[_Pending | _Built] = []  # the instructions in order
        self.handlers = {
            "ROBOT": self._robot, "TOOL": self._tool, "FRAME": self._frame,
            "ASC": self._asc, "AEC": self._aec, "WVC": self._wvc,
            "MOVEP": self._movep, "MOVEL": self._movel, "MOVEC": self._movec,
            "AS": self._as, "AE": self._ae, "WS": self._ws, "WE": self._we,
            "DELAY": self._delay,
        }
        self.fast_readers = {
            DECLARATION: self._fast_declaration, MOVE: self._fast_move,
            NUMBER: self._fast_switch, SINGLE: self._fast_weave_end, DELAY: self._fast_delay,
        }

    # -- reporting ---------------------------------------------------------------------------

    def error(self, line: int, column: int, message: Message,
              hint: Message | None = None) -> None:
        self.diagnostics.append(Diagnostic.of(self.filename, line, column, message, hint))
        if len(self.diagnostics) >= self.limits.max_diagnostics:
            raise _TooMany

    def fail(self, exc: _Fail) -> None:
        self.error(*exc.where, exc.message, exc.hint)

    def at(self, tok: Token, message: Message, hint: Message | None = None) -> None:
        self.error(tok.line, tok.column, message, hint)

    # -- values ------------------------------------------------------------------------------

    def quantity(self, cur: _Cursor, what: str, kind: str) -> _Quantity:
        """A number with an optional unit of ``kind`` (a bare number is in the first unit)."""
        tok = cur.take()
        if tok is None:
            raise _Fail(*cur.end_where(), M("job.missing_value", what=what))
        if tok.kind != NUM:
            hint = None
            if tok.text.lower() in ("nan", "inf", "infinity"):
                hint = M("job.hint.ordinary_numbers")
            raise _Fail(tok.line, tok.column,
                        M("job.expected_number", what=what, found=_shown(tok.text)), hint)
        value = float(tok.text)
        units = KIND_UNITS[kind]
        unit = units[0]
        written = tok.text
        nxt = cur.peek()
        if nxt is None or (nxt.kind == SYM and nxt.text in _NOT_UNIT):
            return _Quantity(value, unit, written, tok)  # fast path: a bare number
        spelled: str | None = None
        if nxt is not None and nxt.kind == SYM and nxt.text == "%":
            cur.i += 1
            spelled = "%"
        elif nxt is not None and nxt.kind == WORD and not cur.at_named():
            cur.i += 1
            spelled = nxt.text
            slash, tail = cur.peek(), cur.peek(1)
            if (slash is not None and slash.kind == SYM and slash.text == "/"
                    and tail is not None and tail.kind == WORD):
                cur.i += 2
                spelled = f"{nxt.text}/{tail.text}"
        if spelled is not None:
            unit_tok = nxt
            assert unit_tok is not None
            written += (" " if unit_tok.column > tok.column + len(tok.text) else "") + spelled
            known = UNITS.get(spelled.lower())
            choices = ", ".join(units)
            if known is None:
                hint = M("job.hint.takes_units", what=what, kind=_kind(kind), choices=choices)
                if spelled[:1] in "eE" and (len(spelled) == 1 or spelled[1:2].isdigit()):
                    hint = M("job.hint.exponent")
                raise _Fail(unit_tok.line, unit_tok.column,
                            M("job.unknown_unit", unit=_shown(spelled), what=what), hint)
            if known[0] != kind:
                raise _Fail(unit_tok.line, unit_tok.column,
                            M("job.wrong_unit_kind", what=what, unit=spelled,
                              found_kind=_kind(known[0]), kind=_kind(kind)),
                            _SPEED_HINT if kind == "speed" else M("job.hint.use_units",
                                                                  choices=choices))
            unit = known[1]
        return _Quantity(value, unit, written, tok)

    def integer(self, cur: _Cursor, what: Message, upper: int) -> tuple[int, Token]:
        """A whole number 1..upper (a table or tool number)."""
        tok = cur.take()
        if tok is None:
            raise _Fail(*cur.end_where(), M("job.missing", what=what))
        if tok.kind != NUM or not _INT_RE.match(tok.text):
            raise _Fail(tok.line, tok.column,
                        M("job.not_whole", what=what, upper=upper, found=_shown(tok.text)))
        number = _whole(tok.text, upper)
        if number is None:
            raise _Fail(tok.line, tok.column,
                        M("job.number_out_of_range", what=what, value=_shown(tok.text),
                          upper=upper))
        return number, tok

    def check(self, q: _Quantity, what: str, si: float, lo: float, hi: float,
              unit: str = "") -> None:
        """Raise a located range error when ``si`` is outside ``[lo, hi]`` (given in SI)."""
        if lo <= si <= hi:
            return
        shown = q.unit if unit == "" else unit
        lo_t, hi_t = _fmt(from_si(lo, shown)), _fmt(from_si(hi, shown))
        raise _Fail(q.token.line, q.token.column,
                    M("job.out_of_range_unit" if shown else "job.out_of_range", what=what,
                      written=_shown(q.written), lo=lo_t, hi=hi_t, unit=shown))

    def speed(self, q: _Quantity, what: str, lo: float, hi: float) -> float:
        si = to_si(q.value, q.unit)
        if si <= 0:
            raise _Fail(q.token.line, q.token.column,
                        M("job.speed_negative" if si < 0 else "job.speed_zero", what=what,
                          written=_shown(q.written)))
        self.check(q, what, si, lo, hi)
        return si

    def current(self, q: _Quantity) -> float:
        lim = self.limits
        if q.value > lim.max_current_a:
            raise _Fail(q.token.line, q.token.column,
                        M("job.current_above_max", written=_shown(q.written),
                          max=_fmt(lim.max_current_a)))
        self.check(q, "I", q.value, lim.min_current_a, lim.max_current_a)
        return q.value

    # -- positions ---------------------------------------------------------------------------

    def position(self, cur: _Cursor, number: int | None = None) -> Position | _Ref:
        """``P<n>`` or a literal ``J(...)``/``X(...)``."""
        tok = cur.take()
        if tok is None:
            raise _Fail(*cur.end_where(), M("job.missing_position"), M("job.hint.position"))
        if tok.kind == WORD:
            match = _POS_NAME_RE.match(tok.text)
            if match is not None and number is None:
                n = _whole(match.group(1), MAX_POSITION_NUMBER)
                if n is None:
                    raise _Fail(tok.line, tok.column,
                                M("job.position_number_range",
                                  number=_shown(match.group(1)), upper=MAX_POSITION_NUMBER))
                return _Ref("P", n, tok.line, tok.column)
            nxt = cur.peek()
            if tok.text.upper() in ("J", "X") and nxt is not None and nxt.text == "(":
                cur.i += 1
                return self.literal(cur, tok, number)
        raise _Fail(tok.line, tok.column, M("job.expected_position", found=tok.text),
                    M("job.hint.position"))

    def literal(self, cur: _Cursor, head: Token, number: int | None) -> Position:
        """The inside of ``J(...)`` or ``X(...)``; the cursor is after ``(``."""
        fast = self._plain_literal(cur, head, number)
        if fast is not None:
            return fast
        joint = head.text.upper() == "J"
        kinds = ("angle",) * 6 if joint else ("length",) * 3 + ("angle",) * 3
        names = ("j1", "j2", "j3", "j4", "j5", "j6") if joint else ("x", "y", "z", "rx", "ry", "rz")
        values: list[_Quantity] = []
        conf: str | None = None
        form = "J(j1, j2, j3, j4, j5, j6)" if joint else "X(x, y, z, rx, ry, rz [, CONF=NUT])"
        while True:
            if not joint and cur.at_named():
                key = cur.take()
                assert key is not None
                if key.text.upper() != "CONF":
                    raise _Fail(key.line, key.column, M("job.unknown_x_arg", name=key.text),
                                M("job.hint.x_conf"))
                cur.i += 1
                flags = cur.take()
                if flags is None:
                    raise _Fail(*cur.end_where(), M("job.missing_value", what="CONF"))
                conf = flags.text.upper()
                if flags.kind != WORD or conf not in _CONFS:
                    raise _Fail(flags.line, flags.column, M("job.bad_conf", value=flags.text),
                                M("job.hint.conf"))
            else:
                index = len(values)
                if index >= 6:
                    tok = cur.peek()
                    where = cur.end_where() if tok is None else (tok.line, tok.column)
                    raise _Fail(*where, M("job.too_many_values", head=head.text.upper()),
                                M("job.hint.write_form", form=form))
                values.append(self.quantity(cur, names[index], kinds[index]))
            sep = cur.take()
            if sep is None:
                raise _Fail(*cur.end_where(), M("job.missing_paren", head=head.text.upper()),
                            M("job.hint.write_form", form=form))
            if sep.text == ")" and sep.kind == SYM:
                break
            if sep.text != "," or sep.kind != SYM or conf is not None:
                raise _Fail(sep.line, sep.column, M("job.expected_sep", found=sep.text),
                            M("job.hint.write_form", form=form))
        if len(values) != 6:
            raise _Fail(head.line, head.column,
                        M("job.wrong_count", head=head.text.upper(), count=len(values)),
                        M("job.hint.write_form", form=form))
        lim = self.limits
        si = []
        for q, kind, name in zip(values, kinds, names, strict=True):
            value = to_si(q.value, q.unit)
            if kind == "length":
                self.check(q, name, value, -lim.max_coordinate_m, lim.max_coordinate_m)
            elif joint:
                self.check(q, name, value, -lim.max_joint_rad, lim.max_joint_rad)
            else:
                self.check(q, name, value, -lim.max_rotation_rad, lim.max_rotation_rad)
            si.append(value)
        if joint:
            return JointPosition(tuple(si), number,  # type: ignore[arg-type]
                                 line=head.line, column=head.column)
        return CartesianPosition(tuple(si[:3]), tuple(si[3:]),  # type: ignore[arg-type]
                                 self.frame, conf, number, line=head.line, column=head.column)

    def _plain_literal(self, cur: _Cursor, head: Token, number: int | None) -> Position | None:
        """The common case of :meth:`literal` in one pass: six bare numbers (in mm and deg)
        and, for X, an optional ``CONF=`` flag, all in range. None for anything else (units,
        a missing value, a range error...): :meth:`literal` then reads it step by step and
        reports what is wrong, so both paths accept exactly the same texts."""
        toks, i = cur.tokens, cur.i
        if len(toks) < i + 12:
            return None
        joint = head.text.upper() == "J"
        values = []
        for k in range(i, i + 12, 2):
            tok, sep = toks[k], toks[k + 1]
            if tok[0] != NUM or sep[0] != SYM or sep[1] not in ",)":
                return None
            values.append(float(tok[1]))
        end, conf = i + 12, None
        if toks[i + 11][1] == ",":  # only X(..., CONF=flags)
            if joint or len(toks) < i + 16:
                return None
            key, eq, flags, close = toks[i + 12:i + 16]
            conf = flags[1].upper()
            if (key[0] != WORD or key[1].upper() != "CONF" or eq[1] != "=" or eq[0] != SYM
                    or flags[0] != WORD or conf not in _CONFS or close[0] != SYM
                    or close[1] != ")"):
                return None
            end = i + 16
        if any(toks[k][1] != "," for k in range(i + 1, i + 10, 2)):
            return None
        position = self._checked_literal(joint, values, conf, number, head.line, head.column)
        if position is not None:
            cur.i = end
        return position

    def _checked_literal(self, joint: bool, values: Iterable[float], conf: str | None,
                         number: int | None, line: int, column: int) -> Position | None:
        """The position of six bare numbers (mm and deg) when all are in range, else None."""
        lim = self.limits  # (no NaN here: the values are decimal numbers)
        radians = math.radians
        if joint:
            si = tuple(map(radians, values))
            top = lim.max_joint_rad
            if not -top <= min(si) <= max(si) <= top:
                return None
            return _joint_position(si, number, line, column)
        x, y, z, rx, ry, rz = values
        # mm -> m as units.to_si does (tests/program/test_fastpath.py), written out rather than
        # three calls of its converter
        x, y, z = x / MM_PER_M, y / MM_PER_M, z / MM_PER_M
        top = lim.max_coordinate_m
        if not (-top <= x <= top and -top <= y <= top and -top <= z <= top):
            return None
        rx, ry, rz = radians(rx), radians(ry), radians(rz)
        top = lim.max_rotation_rad
        if not (-top <= rx <= top and -top <= ry <= top and -top <= rz <= top):
            return None
        return _cartesian_position((x, y, z), (rx, ry, rz), self.frame, conf, number, line,
                                   column)

    # -- named arguments -----------------------------------------------------------------------

    def named(self, cur: _Cursor, keyword: str, spec: dict[str, Any],
              required: tuple[str, ...] = ()) -> dict[str, Any] | None:
        """Read ``KEY=value`` arguments; every problem is reported, None if any."""
        out: dict[str, Any] = {}
        given: set[str] = set()
        ok = True
        while not cur.at_end():
            if not cur.at_named():
                tok = cur.peek()
                assert tok is not None
                self.at(tok, M("job.unexpected_in", found=tok.text, keyword=keyword))
                ok = False
                cur.skip_to_named()
                continue
            key_tok = cur.take()
            assert key_tok is not None
            cur.i += 1  # '='
            key = key_tok.text.upper()
            reader = spec.get(key)
            if reader is None:
                near = _nearest(key, list(spec))
                allowed = " ".join(f"{k}=" for k in spec)
                self.at(key_tok, M("job.unknown_arg", name=key_tok.text, keyword=keyword),
                        M("job.hint.did_you_mean_arg", near=near, keyword=keyword,
                          allowed=allowed) if near
                        else M("job.hint.takes", keyword=keyword, allowed=allowed))
                ok = False
                cur.i -= 1
                cur.skip_to_named()
                continue
            if key in given:
                self.at(key_tok, M("job.given_twice", key=key))
                ok = False
                cur.i -= 1
                cur.skip_to_named()
                continue
            given.add(key)
            try:
                out[key] = reader(cur, key)
            except _Fail as exc:
                self.fail(exc)
                ok = False
                cur.i -= 1
                cur.skip_to_named()
                continue
            if not cur.at_end() and not cur.at_named():
                tok = cur.peek()
                assert tok is not None
                comma = _decimal_comma(cur, key)
                if comma is not None:
                    self.error(*comma)
                else:
                    self.at(tok, M("job.unexpected_after_key", found=tok.text, key=key))
                ok = False
                cur.skip_to_named()
        for key in required:
            if key not in given:
                self.at(cur.tokens[0], M("job.missing_key", keyword=keyword, key=key))
                ok = False
        return out if ok else None

    def _condition_spec(self, table: str) -> dict[str, Any]:
        lim = self.limits
        if table == "ASC":
            def s_reader(cur: _Cursor, key: str) -> tuple[float, str]:
                q = self.quantity(cur, key, "speed")
                return self.speed(q, key, lim.min_weld_speed_m_s, lim.max_weld_speed_m_s), q.unit

            def wfs_reader(cur: _Cursor, key: str) -> float:
                q = self.quantity(cur, key, "speed")
                if q.unit != "m/min":
                    raise _Fail(q.token.line, q.token.column,
                                M("job.wfs_unit", written=_shown(q.written)))
                self.check(q, key, q.value, lim.min_wfs_m_min, lim.max_wfs_m_min)
                return q.value

            return {
                "I": lambda cur, key: self.current(self.quantity(cur, key, "current")),
                "U": self._voltage,
                "S": s_reader,
                "WFS": wfs_reader,
                "GAS": lambda cur, key: self.choice(cur, key, GASES),
                "FLOW": lambda cur, key: self.plain(cur, key, "flow", lim.min_flow_l_min,
                                                    lim.max_flow_l_min),
            }
        if table == "AEC":
            return {
                "I": lambda cur, key: self.current(self.quantity(cur, key, "current")),
                "U": self._voltage,
                "T": lambda cur, key: self.plain(cur, key, "time", 0.0, lim.max_crater_time_s),
            }

        def dwell_reader(cur: _Cursor, key: str) -> tuple[float, float, float]:
            out = []
            for index in range(3):
                if index:
                    sep = cur.take()
                    if sep is None or sep.text != ",":
                        where = cur.end_where() if sep is None else (sep.line, sep.column)
                        raise _Fail(*where, M("job.dwell_three"), M("job.hint.dwell"))
                out.append(self.plain(cur, key, "time", 0.0, lim.max_dwell_s))
            return out[0], out[1], out[2]

        def amp_reader(cur: _Cursor, key: str) -> float:
            q = self.quantity(cur, key, "length")
            si = to_si(q.value, q.unit)
            self.check(q, key, si, lim.min_amplitude_m, lim.max_amplitude_m)
            return si

        def angle_reader(cur: _Cursor, key: str) -> float:
            q = self.quantity(cur, key, "angle")
            si = to_si(q.value, q.unit)
            self.check(q, key, si, -lim.max_weave_angle_rad, lim.max_weave_angle_rad)
            return si

        return {
            "PATTERN": lambda cur, key: self.choice(cur, key, WEAVE_PATTERNS),
            "AMP": amp_reader,
            "FREQ": lambda cur, key: self.plain(cur, key, "frequency", lim.min_frequency_hz,
                                                lim.max_frequency_hz),
            "DWELL": dwell_reader,
            "ANGLE": angle_reader,
        }

    def _voltage(self, cur: _Cursor, key: str) -> float:
        return self.plain(cur, key, "voltage", self.limits.min_voltage_v,
                          self.limits.max_voltage_v)

    def plain(self, cur: _Cursor, key: str, kind: str, lo: float, hi: float) -> float:
        """A quantity whose unit is its SI unit (A, V, s, Hz, %, L/min), range-checked."""
        q = self.quantity(cur, key, kind)
        self.check(q, key, q.value, lo, hi)
        return q.value

    def choice(self, cur: _Cursor, key: str, choices: tuple[str, ...]) -> str:
        tok = cur.take()
        if tok is None:
            raise _Fail(*cur.end_where(), M("job.missing_value", what=key))
        value = tok.text.upper()
        if tok.kind != WORD or value not in choices:
            near = _nearest(value, choices)
            raise _Fail(tok.line, tok.column, M("job.not_one_of", key=key, value=tok.text,
                                                choices=", ".join(choices)),
                        M("job.hint.did_you_mean", near=near) if near else None)
        return value

    def condition(self, cur: _Cursor, table: str, keyword: str, number: int | None,
                  line: int, column: int) -> Any | None:
        """The values of a condition (table row or inline); None after reporting problems."""
        spec = self._condition_spec(table)
        required = {"ASC": ("I", "U", "S"), "AEC": ("I", "U", "T"),
                    "WVC": ("PATTERN", "AMP", "FREQ")}[table]
        args = self.named(cur, keyword, spec, required)
        if args is None:
            return None
        where = {"line": line, "column": column}
        if table == "ASC":
            speed, unit = args["S"]
            return ArcStartCondition(args["I"], args["U"], speed, args.get("WFS"),
                                     args.get("GAS", "MAG"), args.get("FLOW", 15.0), number,
                                     unit, **where)
        if table == "AEC":
            return ArcEndCondition(args["I"], args["U"], args["T"], number, **where)
        return WeaveCondition(args["PATTERN"], args["AMP"], args["FREQ"],
                              args.get("DWELL", (0.0, 0.0, 0.0)), args.get("ANGLE", 0.0),
                              number, **where)

    # -- statements --------------------------------------------------------------------------

    def header(self, cur: _Cursor, keyword: str) -> bool:
        first = cur.tokens[0]
        if keyword in self.seen:
            self.at(first, M("job.header_twice", keyword=keyword, line=self.seen[keyword]))
            return False
        self.seen[keyword] = first.line
        self.header_at[keyword] = (first.line, first.column)
        if self.body_started:
            self.at(first, M("job.header_late", keyword=keyword), M("job.hint.header_late"))
            return False
        return True

    def _robot(self, cur: _Cursor, keyword: str) -> None:
        if not self.header(cur, keyword):
            return
        tok = cur.take()
        if tok is None or tok.kind != WORD:
            where = cur.end_where() if tok is None else (tok.line, tok.column)
            self.error(*where, M("job.robot_needs_id"), M("job.hint.robot"))
            return
        self.robot = tok.text
        self.trailing(cur, keyword)

    def _tool(self, cur: _Cursor, keyword: str) -> None:
        if not self.header(cur, keyword):
            return
        try:
            self.tool, _ = self.integer(cur, M("job.what.tool_number"), self.limits.max_tool)
        except _Fail as exc:
            self.fail(exc)
            return
        self.trailing(cur, keyword)

    def _frame(self, cur: _Cursor, keyword: str) -> None:
        tok = cur.take()
        hint = M("job.hint.frame")
        if tok is None:
            self.error(*cur.end_where(), M("job.frame_needs"), hint)
            return
        text = tok.text.upper()
        match = _USER_RE.match(text)
        if tok.kind == WORD and text == "BASE":
            self.frame = "BASE"
        elif tok.kind == WORD and match is not None:
            n = _whole(match.group(1), self.limits.max_user_frame)
            if n is None:
                self.at(tok, M("job.user_frame_range", number=_shown(match.group(1)),
                               upper=self.limits.max_user_frame))
                return
            self.frame = f"USER{n}"
        else:
            self.at(tok, M("job.not_a_frame", value=tok.text), hint)
            return
        self.trailing(cur, keyword)

    def trailing(self, cur: _Cursor, keyword: str) -> None:
        tok = cur.peek()
        if tok is not None:
            comma = _decimal_comma(cur, keyword) if keyword in ("DELAY", "TIMER") else None
            if comma is not None:
                self.error(*comma)
            else:
                self.at(tok, M("job.unexpected_after", found=tok.text, keyword=keyword))

    def _declare_position(self, stmt: Statement) -> None:
        cur = _Cursor(stmt)
        head = stmt.tokens[0]
        match = _POS_NAME_RE.match(head.text)
        assert match is not None
        number = _whole(match.group(1), MAX_POSITION_NUMBER)
        if number is None:
            self.at(head, M("job.position_number_range", number=_shown(match.group(1)),
                            upper=MAX_POSITION_NUMBER))
            return
        eq = cur.take()
        if eq is None or eq.text != "=":
            where = cur.end_where() if eq is None else (eq.line, eq.column)
            self.error(*where, M("job.expected_equals", name=head.text),
                       M("job.hint.declare", name=head.text))
            return
        try:
            tok = cur.peek()
            if tok is None or tok.text.upper() not in ("J", "X"):
                where = cur.end_where() if tok is None else (tok.line, tok.column)
                raise _Fail(*where, M("job.declare_as", name=head.text),
                            M("job.hint.declare", name=head.text))
            value = self.position(cur, number)
        except _Fail as exc:
            self.fail(exc)
            self.broken.add(("P", number))
            return
        self.trailing(cur, head.text)
        assert not isinstance(value, _Ref)
        if number in self.positions:
            first = self.positions[number]
            self.at(head, M("job.position_twice", number=number, line=first.line),
                    M("job.hint.position_once"))
            return
        # the position keeps the place of its name, not of J/X
        self.positions[number] = _relocate(value, head)

    def _table(self, cur: _Cursor, keyword: str) -> None:
        try:
            number, tok = self.integer(cur, M("job.what.table_number", table=keyword),
                                       MAX_CONDITION_NUMBER)
        except _Fail as exc:
            self.fail(exc)
            return
        head = cur.tokens[0]
        cond = self.condition(cur, keyword, keyword, number, head.line, head.column)
        if cond is None:
            self.broken.add((keyword, number))
            return
        table = self.tables[keyword]
        if number in table:
            self.at(tok, M("job.condition_twice", table=keyword, number=number,
                           line=table[number].line))
            return
        table[number] = cond

    def _asc(self, cur: _Cursor, keyword: str) -> None:
        self._table(cur, "ASC")

    def _aec(self, cur: _Cursor, keyword: str) -> None:
        self._table(cur, "AEC")

    def _wvc(self, cur: _Cursor, keyword: str) -> None:
        self._table(cur, "WVC")

    def pend(self, cls: type, cur: _Cursor, keyword: str) -> _Pending:
        head = cur.tokens[0]
        item = _Pending(cls, keyword, head.line, head.column)
        self.pending.append(item)
        return item

    def _movep(self, cur: _Cursor, keyword: str) -> None:
        item = self.pend(MoveP, cur, keyword)
        try:
            item.kwargs["target"] = self.position(cur)
        except _Fail as exc:
            self.fail(exc)
            item.ok = False
            return
        key = "VJ" if keyword == "MOVJ" else "R"
        lim = self.limits
        args = self.named(cur, keyword, {
            key: lambda c, k: self.plain(c, k, "percent", lim.min_speed_pct, lim.max_speed_pct)})
        if args is None:
            item.ok = False
        elif key in args:
            item.kwargs["speed_pct"] = args[key]

    def _linear_args(self, cur: _Cursor, keyword: str, item: _Pending) -> None:
        key = "V" if keyword in ("MOVL", "MOVC") else "S"
        lim = self.limits

        def reader(c: _Cursor, k: str) -> tuple[float, str]:
            q = self.quantity(c, k, "speed")
            return self.speed(q, k, lim.min_move_speed_m_s, lim.max_move_speed_m_s), q.unit

        args = self.named(cur, keyword, {key: reader})
        if args is None:
            item.ok = False
        elif key in args:
            item.kwargs["speed_m_s"], item.kwargs["speed_unit"] = args[key]

    def _movel(self, cur: _Cursor, keyword: str) -> None:
        item = self.pend(MoveL, cur, keyword)
        try:
            item.kwargs["target"] = self.position(cur)
        except _Fail as exc:
            self.fail(exc)
            item.ok = False
            return
        self._linear_args(cur, keyword, item)

    def _movec(self, cur: _Cursor, keyword: str) -> None:
        item = self.pend(MoveC, cur, keyword)
        try:
            item.kwargs["via"] = self.position(cur)
            item.kwargs["end"] = self.position(cur)
        except _Fail as exc:
            self.fail(exc)
            item.ok = False
            return
        self._linear_args(cur, keyword, item)

    def _switch(self, cur: _Cursor, keyword: str, cls: type, table: str) -> None:
        """AS / AE / WS: a condition number or inline condition values."""
        item = self.pend(cls, cur, keyword)
        tok = cur.peek()
        if tok is not None and tok.kind == NUM:
            try:
                number, tok = self.integer(cur, M("job.what.table_number", table=table),
                                           MAX_CONDITION_NUMBER)
            except _Fail as exc:
                self.fail(exc)
                item.ok = False
                return
            item.kwargs["condition"] = _Ref(table, number, tok.line, tok.column)
            self.trailing(cur, keyword)
            return
        if tok is None:
            self.error(*cur.end_where(), M("job.switch_needs", keyword=keyword),
                       M(f"job.hint.switch_{table.lower()}", keyword=keyword))
            item.ok = False
            return
        cond = self.condition(cur, table, keyword, None, item.line, item.column)
        if cond is None:
            item.ok = False
        else:
            item.kwargs["condition"] = cond

    def _as(self, cur: _Cursor, keyword: str) -> None:
        self._switch(cur, keyword, ArcStart, "ASC")

    def _ae(self, cur: _Cursor, keyword: str) -> None:
        self._switch(cur, keyword, ArcEnd, "AEC")

    def _ws(self, cur: _Cursor, keyword: str) -> None:
        self._switch(cur, keyword, WeaveStart, "WVC")

    def _we(self, cur: _Cursor, keyword: str) -> None:
        self.pend(WeaveEnd, cur, keyword)
        self.trailing(cur, keyword)

    def _delay(self, cur: _Cursor, keyword: str) -> None:
        item = self.pend(Delay, cur, keyword)
        lim = self.limits
        if keyword == "TIMER":
            args = self.named(cur, keyword, {
                "T": lambda c, k: self.plain(c, k, "time", 0.0, lim.max_delay_s)}, ("T",))
            if args is None:
                item.ok = False
            else:
                item.kwargs["seconds"] = args["T"]
            return
        try:
            item.kwargs["seconds"] = self.plain(cur, "DELAY", "time", 0.0, lim.max_delay_s)
        except _Fail as exc:
            self.fail(exc)
            item.ok = False
            return
        self.trailing(cur, keyword)

    # -- the usual statements, read from their code (see fastpath.py) -------------------------

    # Each reader takes a ShapedLine (its place, keyword, the match of its line and the group
    # of its head: see fastpath.py), and reads it from the parts of the match; it returns
    # False, having changed nothing, when a value is not usual (the token-by-token handlers
    # then read the statement and report what is wrong). On True the parser is as the handler
    # leaves it. Every shape is a body statement: statements() sets body_started first.
    #
    # Chosen for speed (bench/parse.py, most lines of a job come this way): the parts are
    # read as ``match[g]`` (a third of the cost of ``match.group(g)``, a method call); a
    # reference to a position or condition declared above is resolved at once and the
    # instruction built then, by an unchecked builder (every value is checked here, within
    # tighter bounds than the record's own): only a reference to a later declaration waits
    # for instructions(). Resolving early gives the same record: a declaration is never
    # replaced (a second one is an error), and one that had errors ("broken") makes the job
    # fail anyway, whatever its references hold.

    def _fast_add(self, cls: type, word: str, line: int, column: int, instruction: Any) -> bool:
        """Add an instruction complete at once (its references resolved)."""
        self.pending.append(_make_tuple(_Built, (cls, word, line, column, instruction)))
        return True

    def _fast_pend(self, cls: type, word: str, line: int, column: int,
                   kwargs: dict[str, Any]) -> bool:
        """Add an instruction with a reference to a later declaration (``kwargs`` hold it)."""
        self.pending.append(_Pending(cls, word, line, column, kwargs, True))
        return True

    def _fast_declaration(self, stmt: ShapedLine) -> bool:
        """``P<n> = X(...)`` / ``J(...)`` of six bare numbers in range, a new ``n``."""
        line, column, word, _, match, head = stmt
        digits = word[1:]  # (as _whole reads it, without a call in the usual case)
        number = int(digits) if len(digits) < 19 else _whole(digits, MAX_POSITION_NUMBER)
        if number is None or not 1 <= number <= MAX_POSITION_NUMBER or number in self.positions:
            return False
        position = self._fast_literal(match, head + 2, number, line, column)
        if position is None:
            return False
        self.positions[number] = position  # at the place of its name, as _declare_position
        self.declared[word] = position
        return True

    def _fast_literal(self, match: re.Match[str], first: int, number: int | None,
                      line: int, column: int) -> Position | None:
        """The position of the literal whose six values are group ``first`` of ``match``
        (after the letter J/X; then the CONF key and flags), as :meth:`_plain_literal` reads
        it; None otherwise."""
        joint = match[first - 1] in "Jj"
        conf = match[first + 1]
        if conf is not None:
            key, flags = conf_flags(conf)
            conf = flags.upper()
            if joint or key.upper() != "CONF" or conf not in _CONFS:
                return None
        return self._checked_literal(joint, literal_values(match[first]), conf, number, line,
                                     column)

    def _fast_operand(self, match: re.Match[str], group: int, line: int) -> Any:
        """The position operand of groups ``group``.. (see fastpath.MOVE) on ``line``: the
        position (a literal, or one declared above), a reference to a later one, or None."""
        word = match[group]
        if match[group + 1] is not None:  # a literal: J(...) or X(...)
            if word not in ("J", "j", "X", "x"):
                return None
            column = match.start(group) - match.start() + 1
            return self._fast_literal(match, group + 1, None, line, column)
        position = self.declared.get(word)
        if position is not None:  # the usual case: named as it was declared above
            return position
        digits = word[1:]  # P<n> (a word is ASCII: isdigit is [0-9]+, as _POS_NAME_RE)
        number = _whole(digits, MAX_POSITION_NUMBER) if (
            word[:1] in "Pp" and digits.isdigit()) else None
        if number is None:
            return None
        position = self.positions.get(number)
        if position is not None:
            return position
        return _Ref("P", number, line, match.start(group) - match.start() + 1)

    def _fast_speed(self, match: re.Match[str], group: int) -> tuple[float, str] | None:
        """``S=``/``V=`` of a linear or circular move at groups ``group``.. (number, unit):
        its value [m/s] and unit when usual and in range, else None.

        A job writes a few speeds many times: each spelling is read once, then looked up."""
        written = match.group(group, group + 1)
        read = self.speeds.get(written, _UNREAD)
        if read is _UNREAD:
            read = self.speeds[written] = self._read_speed(*written)
        return read  # type: ignore[return-value]

    def _read_speed(self, number: str, spelled: str | None) -> tuple[float, str] | None:
        """A speed of :meth:`_fast_speed` (its number and unit as written) read."""
        unit = _SPEED_UNIT
        if spelled is not None:
            known = UNITS.get(unit_spelling(spelled).lower())  # (None for %)
            if known is None or known[0] != "speed":
                return None
            unit = known[1]
        si = float(number) / SPEED_UNITS[unit]  # = to_si(value, unit), one step
        lim = self.limits
        if not (si > 0 and lim.min_move_speed_m_s <= si <= lim.max_move_speed_m_s):
            return None
        return si, unit

    def _fast_move(self, stmt: ShapedLine) -> bool:
        """MOVEP/MOVEL: a position (``P<n>`` or a literal), then at most the speed (MOVEC, of
        the same shape: :meth:`_fast_movec`)."""
        line, column, word, _, match, head = stmt
        if word in _CIRCULAR_MOVES:
            return self._fast_movec(stmt)
        if match[head + 4] is not None:  # a second position
            return False
        target = self._fast_operand(match, head + 1, line)
        if target is None:
            return False
        key = match[head + 7]
        if word in _JOINT_MOVES:
            speed_pct = 20.0  # MoveP's default
            if key is not None:
                speed_pct = float(match[head + 8])
                lim = self.limits
                unit = match[head + 9]
                if (key.upper() != ("VJ" if word == "MOVJ" else "R")
                        or (unit is not None and unit != "%")
                        or not lim.min_speed_pct <= speed_pct <= lim.max_speed_pct):
                    return False
            if type(target) is _Ref:
                kwargs: dict[str, Any] = {"target": target}
                if key is not None:
                    kwargs["speed_pct"] = speed_pct
                return self._fast_pend(MoveP, word, line, column, kwargs)
            return self._fast_add(MoveP, word, line, column,
                                  _move_p(target, speed_pct, line, column))
        speed, unit = None, "mm/s"  # MoveL's defaults
        if key is not None:
            if key.upper() != ("V" if word == "MOVL" else "S"):
                return False
            read = self._fast_speed(match, head + 8)
            if read is None:
                return False
            speed, unit = read
        if type(target) is _Ref:
            kwargs = {"target": target}
            if key is not None:
                kwargs["speed_m_s"], kwargs["speed_unit"] = speed, unit
            return self._fast_pend(MoveL, word, line, column, kwargs)
        return self._fast_add(MoveL, word, line, column,
                              _move_l(target, speed, unit, line, column))

    def _fast_movec(self, stmt: ShapedLine) -> bool:
        """MOVEC: two positions, then at most the speed."""
        line, column, word, _, match, head = stmt
        if match[head + 4] is None:  # one position only
            return False
        via = self._fast_operand(match, head + 1, line)
        end = None if via is None else self._fast_operand(match, head + 4, line)
        if end is None:
            return False
        speed, unit = None, "mm/s"  # MoveC's defaults
        key = match[head + 7]
        if key is not None:
            if key.upper() != ("V" if word == "MOVC" else "S"):
                return False
            read = self._fast_speed(match, head + 8)
            if read is None:
                return False
            speed, unit = read
        if type(via) is _Ref or type(end) is _Ref:
            kwargs: dict[str, Any] = {"via": via, "end": end}
            if key is not None:
                kwargs["speed_m_s"], kwargs["speed_unit"] = speed, unit
            return self._fast_pend(MoveC, word, line, column, kwargs)
        return self._fast_add(MoveC, word, line, column,
                              _move_c(via, end, speed, unit, line, column))

    def _fast_switch(self, stmt: ShapedLine) -> bool:
        """AS / AE / WS with a condition number."""
        line, column, word, _, match, head = stmt
        cls, build, table = _FAST_SWITCHES[word]
        number = _whole(match[head + 1], MAX_CONDITION_NUMBER)
        if number is None:
            return False
        condition = self.tables[table].get(number)
        if condition is not None:
            return self._fast_add(cls, word, line, column, build(condition, line, column))
        ref = _Ref(table, number, line, column + match.start(head + 1) - match.start(head))
        return self._fast_pend(cls, word, line, column, {"condition": ref})

    def _fast_weave_end(self, stmt: ShapedLine) -> bool:
        line, column, word = stmt[:3]
        return self._fast_add(WeaveEnd, word, line, column, _weave_end(line, column))

    def _fast_delay(self, stmt: ShapedLine) -> bool:
        """DELAY with a number of seconds."""
        line, column, word, _, match, head = stmt
        unit = match[head + 2]
        value = float(match[head + 1])
        if ((unit is not None and unit.lower() != "s")
                or not 0.0 <= value <= self.limits.max_delay_s):
            return False
        return self._fast_add(Delay, word, line, column, _delay(value, line, column))

    def statements(self, statements: list[Statement | ShapedLine]) -> None:
        """Read the statements between JOB and END, in order."""
        readers = self.fast_readers
        for stmt in statements:
            if type(stmt) is ShapedLine:  # a usual statement (see fastpath.py), a body statement
                self.body_started = True
                if readers[stmt.kind](stmt):
                    continue
                stmt = stmt.statement()  # a value that is not usual: the token way says why
            self.statement(stmt)  # type: ignore[arg-type]

    def statement(self, stmt: Statement) -> None:
        """Read a statement token by token."""
        head = stmt.tokens[0]
        word = head.text.upper() if head.kind == WORD else ""
        if head.kind == WORD and _POS_NAME_RE.match(head.text):
            self.body_started = True
            self._declare_position(stmt)
            return
        keyword = INSTRUCTION_ALIASES.get(word, word)
        handler = self.handlers.get(keyword)
        if handler is None:
            if head.kind != WORD:
                self.at(head, M("job.expected_instruction", found=head.text))
                return
            near = _nearest(word, KEYWORDS)
            self.at(head, M("job.unknown_instruction", found=head.text),
                    M("job.hint.did_you_mean", near=near) if near else None)
            return
        if keyword not in ("ROBOT", "TOOL", "FRAME"):
            self.body_started = True
        handler(_Cursor(stmt), word)

    # -- whole job ---------------------------------------------------------------------------

    def structure(self, statements: list[Statement | ShapedLine]
                  ) -> list[Statement | ShapedLine]:
        """Check JOB first and END last; return the statements in between."""
        if not statements:
            self.error(1, 1, M("job.empty"), M("job.hint.empty"))
            return []
        # (the keywords and the places of JOB and END found by loops in C: a loop in Python
        # over every statement cost as much as reading the header statements)
        words = list(map(_WORD_OF, statements))
        jobs = _indexes(words, "JOB")
        end = words.index("END") if "END" in words else None
        first = statements[0]
        if not jobs:
            self.at(first.tokens[0], M("job.must_start"), M("job.hint.must_start"))
        else:
            if jobs[0] != 0:
                self.at(statements[jobs[0]].tokens[0], M("job.job_first"),
                        M("job.hint.job_first"))
            for extra in jobs[1:]:
                began = statements[jobs[0]].line
                self.at(statements[extra].tokens[0], M("job.second_job", line=began),
                        M("job.hint.one_job"))
            self.job(statements[jobs[0]])
        if end is None:
            last = statements[-1]
            self.at(last.tokens[0], M("job.missing_end"), M("job.hint.add_end"))
        else:
            stmt = statements[end]
            self.end_line = stmt.line
            if len(stmt.tokens) > 1:
                tok = stmt.tokens[1]
                self.at(tok, M("job.unexpected_after", found=tok.text, keyword="END"))
            for later in statements[end + 1:]:
                self.at(later.tokens[0], M("job.after_end"))
        stop = len(statements) if end is None else end
        if jobs == [0]:  # the usual job
            return statements[1:stop]
        skip = set(jobs)
        return [s for i, s in enumerate(statements[:stop]) if i not in skip]

    def job(self, stmt: Statement) -> None:
        self.job_line = stmt.line
        tokens = stmt.tokens
        hint = M("job.hint.name")
        if len(tokens) < 2:
            head = tokens[0]
            self.error(head.line, head.column + len(head.text), M("job.needs_name"), hint)
            return
        # the name is every token glued to the first one ("1bad" lexes as 1 and bad)
        tok = tokens[1]
        end = 2
        text = tok.text
        while end < len(tokens) and tokens[end].line == tok.line and (
                tokens[end].column == tok.column + len(text)):
            text += tokens[end].text
            end += 1
        if not NAME_RE.match(text):
            self.at(tok, M("job.bad_name", name=text), hint)
        else:
            self.name = text
        if len(tokens) > end:
            self.at(tokens[end], M("job.unexpected_after_name", found=tokens[end].text),
                    M("job.hint.name_one_word"))

    def resolve(self, ref: _Ref) -> Any | None:
        if (ref.table, ref.number) in self.broken:
            return None  # its declaration has errors, already reported
        if ref.table == "P":
            found = self.positions.get(ref.number)
            if found is None:
                self.error(ref.line, ref.column, M("job.position_undeclared", number=ref.number),
                           M("job.hint.declare_position", number=ref.number))
            return found
        found = self.tables[ref.table].get(ref.number)
        if found is None:
            example = {"ASC": "I=.. U=.. S=..", "AEC": "I=.. U=.. T=..",
                       "WVC": "PATTERN=.. AMP=.. FREQ=.."}[ref.table]
            self.error(ref.line, ref.column,
                       M("job.condition_undeclared", table=ref.table, number=ref.number),
                       M("job.hint.declare_condition", table=ref.table, number=ref.number,
                         example=example))
        return found

    def instructions(self) -> list[Any]:
        out = []
        append, resolve = out.append, self.resolve
        for item in self.pending:
            if item.built is not None:
                append(item.built)
                continue
            kwargs = item.kwargs
            ok = item.ok
            for key, value in kwargs.items():
                if type(value) is _Ref:
                    value = kwargs[key] = resolve(value)  # (a value, not a key: iteration safe)
                    ok = ok and value is not None
            if ok:
                append(item.cls(**kwargs, line=item.line, column=item.column))
        return out

    def ordering(self) -> None:
        """The arc and weave rules of job-format.md, over the instructions in order."""
        arc_since = 0  # line of the AS in force, 0 when the arc is off
        weave_since = 0
        for item in self.pending:
            kw, cls = item.keyword, item.cls
            if cls is MoveP and arc_since:
                self.error(item.line, item.column,
                           M("job.movep_in_weld", keyword=kw, line=arc_since),
                           M("job.hint.movep_in_weld"))
            elif cls is ArcStart:
                if arc_since:
                    self.error(item.line, item.column,
                               M("job.arc_already_on", keyword=kw, line=arc_since),
                               M("job.hint.end_weld_first"))
                else:
                    arc_since = item.line
            elif cls is ArcEnd:
                if not arc_since:
                    self.error(item.line, item.column, M("job.arc_off", keyword=kw),
                               M("job.hint.start_weld_first"))
                if weave_since:
                    self.error(item.line, item.column,
                               M("job.ae_while_weaving", keyword=kw, line=weave_since),
                               M("job.hint.we_before_ae"))
                arc_since = weave_since = 0
            elif cls is WeaveStart:
                if weave_since:
                    self.error(item.line, item.column,
                               M("job.already_weaving", keyword=kw, line=weave_since),
                               M("job.hint.end_weaving_first"))
                else:
                    if not arc_since:
                        self.error(item.line, item.column, M("job.weave_arc_off", keyword=kw),
                                   M("job.hint.ws_after_as"))
                    weave_since = item.line  # even so, a WE after it is not an error
            elif cls is WeaveEnd:
                if not weave_since:
                    self.error(item.line, item.column, M("job.not_weaving", keyword=kw),
                               M("job.hint.we_ends"))
                weave_since = 0
        if arc_since:
            line = self.end_line or arc_since
            self.error(line, 1, M("job.ends_arc_on", line=arc_since), M("job.hint.add_ae"))

    def run(self, text: str) -> Program:
        lexed = tokenize(text, self.limits.max_diagnostics)
        try:
            for line, column, message, hint in lexed.problems:
                self.error(line, column, message, hint)
            self.statements(self.structure(lexed.statements))
            instructions = self.instructions()
            self.ordering()
        except _TooMany:
            self.diagnostics.append(Diagnostic.of(
                self.filename, self.diagnostics[-1].line, self.diagnostics[-1].column,
                M("job.too_many_errors", count=self.limits.max_diagnostics)))
            raise JobError(self.diagnostics) from None
        if self.diagnostics or self.name is None:
            raise JobError(self.diagnostics
                           or [Diagnostic.of(self.filename, 1, 1, M("job.no_name"))])
        return Program(
            self.name, tuple(instructions), self.robot, self.tool,
            tuple(self.positions.values()),
            tuple(self.tables["ASC"].values()), tuple(self.tables["AEC"].values()),
            tuple(self.tables["WVC"].values()), tuple(lexed.comments),
            filename=self.filename, line=self.job_line, end_line=self.end_line,
            robot_at=self.header_at.get("ROBOT", (0, 0)),
            tool_at=self.header_at.get("TOOL", (0, 0)),
        )


def _relocate(position: Position, tok: Token) -> Position:
    if isinstance(position, JointPosition):
        return JointPosition(position.q_rad, position.number, line=tok.line, column=tok.column)
    return CartesianPosition(position.xyz_m, position.rxyz_rad, position.frame, position.conf,
                             position.number, line=tok.line, column=tok.column)


def parse_job(text: str | bytes, filename: str = "<job>", *,
              limits: JobLimits = JobLimits()) -> Program:  # noqa: B008 (frozen default)
    """Parse and validate a job.

    Parameters
    ----------
    text : str or bytes
        The job (bytes are decoded as UTF-8 after the size and line limits are checked).
    filename : str
        Used in messages.
    limits : JobLimits
        File limits and value ranges.

    Returns
    -------
    Program
        The job, with positions and condition numbers resolved, in SI units.

    Raises
    ------
    JobError
        With every problem found, each located as ``<file>:<line>:<column>``.
    TypeError
        ``text`` is neither str nor bytes.
    """
    source = decode_source(text, filename, limits)
    parser = _Parser(filename, limits)
    collecting = gc.isenabled()
    if collecting:  # a parse makes many small objects and no cycles: no collections meanwhile
        gc.disable()
    try:
        return parser.run(source)
    except InvalidInputError as exc:  # a model check the parser missed: still a located error
        line = parser.diagnostics[-1].line if parser.diagnostics else 1
        raise JobError([*parser.diagnostics,
                        Diagnostic.of(filename, line, 1,
                                      M("job.invalid", error=str(exc)))]) from None
    except RecursionError:  # pragma: no cover - the parser does not recurse
        raise JobError([Diagnostic.of(filename, 1, 1, M("job.too_complex"))]) from None
    finally:
        if collecting:
            gc.enable()


def load_job(path: str | Path, *, limits: JobLimits = JobLimits()) -> Program:  # noqa: B008
    """Read and parse a job file.

    The size is checked before the file is read, and the size and line count before it is
    decoded, so a huge or binary file is refused at once.

    Parameters
    ----------
    path : str or pathlib.Path
        The ``.job`` file.
    limits : JobLimits
        File limits and value ranges.

    Returns
    -------
    Program

    Raises
    ------
    JobError
        The file is too large, binary, not UTF-8, or the job has errors.
    WeldsimError
        The file cannot be read.
    """
    path = Path(path)
    return parse_job(read_job_bytes(path, limits), str(path), limits=limits)
