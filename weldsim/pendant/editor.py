"""The job being taught: instructions, positions and conditions, edits with undo/redo, and
the job text with the line of every instruction.

Comments of an opened job are kept: the writer puts each back by the line it stood on
(new instructions carry line 0 and follow the instruction before them).

A job that was opened with errors stays as text (``diagnostics`` set): it can be saved but
not edited step by step or run until it is fixed.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from weldsim.program import (
    ArcEnd,
    ArcStart,
    JobError,
    Program,
    WeaveStart,
    instruction_positions,
    parse_job,
    write_job,
)
from weldsim.program.model import MoveC, MoveL, MoveP

__all__ = ["JobEditor", "Snapshot"]


@dataclass(frozen=True, slots=True)
class Snapshot:
    """One state of the job (what undo and redo swap)."""

    name: str
    robot: str | None
    tool: int
    instructions: tuple
    cursor: int
    raw_text: str | None = None
    comments: tuple = ()
    job_line: int = 0
    end_line: int = 0


def _renumber(pos, number: int):
    return replace(pos, number=number)


class JobEditor:
    """Edits a job; every change is undoable and re-writes the text.

    Parameters
    ----------
    name : str
        Job name (``JOB <name>``).
    robot : str or None
        Robot id written as ``ROBOT``.
    tool : int
        Tool number.

    Attributes
    ----------
    cursor : int
        Index of the current instruction (-1: before the first). Inserts go after it.
    text : str
        The job text.
    lines : list of int
        Job line of each instruction in ``text``.
    diagnostics : list of weldsim.program.Diagnostic
        The job's errors (empty when it is valid).
    """

    def __init__(self, name: str = "JOB1", robot: str | None = None, tool: int = 1):
        self._state = Snapshot(name, robot, tool, (), -1)
        self._undo: list[Snapshot] = []
        self._redo: list[Snapshot] = []
        self.revision = 0
        self._rebuild()

    # -- loading ----------------------------------------------------------------------------
    @classmethod
    def from_text(cls, text: str, filename: str = "<job>") -> JobEditor:
        """An editor on job text; with errors the text is kept as it is (see ``diagnostics``)."""
        ed = cls()
        try:
            program = parse_job(text, filename)
        except JobError as exc:
            ed._state = Snapshot("JOB1", None, 1, (), -1, raw_text=text)
            ed._rebuild(exc.diagnostics)
            return ed
        ed._state = Snapshot(program.name, program.robot, program.tool,
                             tuple(program.instructions), len(program.instructions) - 1,
                             comments=tuple(program.comments), job_line=program.line,
                             end_line=program.end_line)
        ed._rebuild()
        return ed

    # -- reading ----------------------------------------------------------------------------
    @property
    def name(self) -> str:
        """The job name."""
        return self._state.name

    @property
    def instructions(self) -> tuple:
        """The instructions in order."""
        return self._state.instructions

    @property
    def cursor(self) -> int:
        """Index of the current instruction (-1 before the first)."""
        return self._state.cursor

    @property
    def editable(self) -> bool:
        """False while the job is text with errors."""
        return self._state.raw_text is None

    @property
    def current_line(self) -> int:
        """Job line of the current instruction (0 when there is none)."""
        c = self._state.cursor
        return self.lines[c] if 0 <= c < len(self.lines) else 0

    def program(self) -> Program | None:
        """The parsed Program (positions resolved, lines from ``text``); None with errors."""
        return self._program

    def index_of_line(self, line: int) -> int | None:
        """The instruction index at a job line, or the last one before it."""
        best = None
        for i, ln in enumerate(self.lines):
            if ln <= line:
                best = i
        return best

    # -- building ---------------------------------------------------------------------------
    def _build_program(self) -> Program:
        s = self._state
        positions, seen = [], {}
        tables: dict[type, list] = {ArcStart: [], ArcEnd: [], WeaveStart: []}
        for ins in s.instructions:
            for pos in instruction_positions(ins):
                if pos.number is not None and pos.number not in seen:
                    seen[pos.number] = pos
                    positions.append(pos)
            if type(ins) in tables and ins.condition.number is not None:
                rows = tables[type(ins)]
                if all(r.number != ins.condition.number for r in rows):
                    rows.append(ins.condition)
        return Program(s.name, s.instructions, s.robot, s.tool, tuple(positions),
                       tuple(tables[ArcStart]), tuple(tables[ArcEnd]), tuple(tables[WeaveStart]),
                       s.comments, line=s.job_line, end_line=s.end_line)

    def _rebuild(self, diagnostics=None) -> None:
        s = self._state
        self.revision += 1
        if s.raw_text is not None:
            self.text = s.raw_text
            self.lines = []
            self.diagnostics = list(diagnostics or [])
            self._program = None
            return
        self.text = write_job(self._build_program())
        try:
            self._program = parse_job(self.text, f"{s.name}.job")
            self.diagnostics = []
            self.lines = [ins.line for ins in self._program.instructions]
        except JobError as exc:
            self._program = None
            self.diagnostics = list(exc.diagnostics)
            self.lines = self._guess_lines()

    def _guess_lines(self) -> list[int]:
        """Instruction lines of a text that does not parse (the writer's order: instructions
        after the headers, tables and positions, one line each)."""
        text_lines = self.text.split("\n")
        n = len(self._state.instructions)
        end = next(i for i in range(len(text_lines) - 1, -1, -1) if text_lines[i] == "END")
        first = end - n
        return [first + 1 + k for k in range(n)]

    # -- editing ----------------------------------------------------------------------------
    def _change(self, **fields) -> None:
        self._undo.append(self._state)
        self._redo.clear()
        self._state = replace(self._state, **fields)
        self._rebuild()

    def next_number(self) -> int:
        """A free position number ``P<n>``."""
        used = [p.number for ins in self._state.instructions
                for p in instruction_positions(ins) if p.number is not None]
        return max(used, default=0) + 1

    def condition_number(self, kind: type, condition) -> int:
        """The table number for ``condition``: an equal existing row's, else a new one."""
        rows = [ins.condition for ins in self._state.instructions if isinstance(ins, kind)]
        for row in rows:
            if replace(row, number=None) == replace(condition, number=None):
                return row.number
        return max((r.number for r in rows if r.number is not None), default=0) + 1

    def insert(self, ins) -> None:
        """Insert an instruction after the cursor and make it current."""
        c = self._state.cursor + 1
        new = (*self._state.instructions[:c], ins, *self._state.instructions[c:])
        self._change(instructions=new, cursor=c)

    def replace_current(self, ins) -> None:
        """Replace the current instruction (modify / re-teach)."""
        c = self._state.cursor
        if not 0 <= c < len(self._state.instructions):
            raise IndexError("no current instruction")
        new = list(self._state.instructions)
        new[c] = ins
        self._change(instructions=tuple(new))

    def delete_current(self) -> None:
        """Delete the current instruction; the one before becomes current."""
        c = self._state.cursor
        if not 0 <= c < len(self._state.instructions):
            raise IndexError("no current instruction")
        new = self._state.instructions[:c] + self._state.instructions[c + 1:]
        self._change(instructions=new, cursor=min(c, len(new) - 1) if c > 0 else
                     (0 if new else -1))

    def move_current(self, delta: int) -> None:
        """Move the current instruction up (-1) or down (+1)."""
        c = self._state.cursor
        d = c + delta
        ins = list(self._state.instructions)
        if not (0 <= c < len(ins) and 0 <= d < len(ins)):
            raise IndexError("cannot move there")
        ins[c], ins[d] = ins[d], ins[c]
        self._change(instructions=tuple(ins), cursor=d)

    def set_cursor(self, index: int) -> None:
        """Select an instruction (not an undoable change)."""
        n = len(self._state.instructions)
        self._state = replace(self._state, cursor=max(-1, min(n - 1, index)))

    def rename(self, name: str) -> None:
        """Rename the job."""
        self._change(name=name)

    def undo(self) -> bool:
        """Undo the last change; False when there is none."""
        if not self._undo:
            return False
        self._redo.append(self._state)
        self._state = self._undo.pop()
        self._rebuild()
        return True

    def redo(self) -> bool:
        """Redo the last undone change; False when there is none."""
        if not self._redo:
            return False
        self._undo.append(self._state)
        self._state = self._redo.pop()
        self._rebuild()
        return True


MOVES = (MoveP, MoveL, MoveC)
"""Instruction types that move the robot."""
