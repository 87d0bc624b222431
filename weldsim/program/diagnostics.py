"""Located messages about a job, and the error that carries them."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from weldsim.errors import WeldsimError

__all__ = ["Diagnostic", "JobError"]


@dataclass(frozen=True, slots=True)
class Diagnostic:
    """One problem in a job, with where it is.

    Attributes
    ----------
    file : str
        The file name given to the parser (``"<job>"`` for text without a file).
    line, column : int
        1-based line and column (a column counts characters, a tab is one).
    message : str
        What is wrong, in plain words.
    hint : str or None
        How to fix it, when that helps.
    severity : {"error", "warning"}
        Errors stop the job; warnings are advice.
    """

    file: str
    line: int
    column: int
    message: str
    hint: str | None = None
    severity: Literal["error", "warning"] = "error"

    def format(self) -> str:
        """``<file>:<line>:<column>: <severity>: <message>`` and, if any, ``hint: <hint>``."""
        text = f"{self.file}:{self.line}:{self.column}: {self.severity}: {self.message}"
        if self.hint:
            text += f"\nhint: {self.hint}"
        return text

    def __str__(self) -> str:
        return self.format()


class JobError(WeldsimError):
    """A job that cannot be run: every problem found, each located.

    Parameters
    ----------
    diagnostics : sequence of Diagnostic
        At least one; kept sorted by line and column.

    Attributes
    ----------
    diagnostics : list of Diagnostic
    """

    def __init__(self, diagnostics: list[Diagnostic] | tuple[Diagnostic, ...]) -> None:
        self.diagnostics: list[Diagnostic] = sorted(
            diagnostics, key=lambda d: (d.line, d.column)
        )
        super().__init__(self.__str__())

    def __str__(self) -> str:
        return "\n".join(d.format() for d in self.diagnostics)

    @property
    def errors(self) -> list[Diagnostic]:
        """The diagnostics of severity ``"error"``."""
        return [d for d in self.diagnostics if d.severity == "error"]
