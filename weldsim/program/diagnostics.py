"""Located messages about a job, and the error that carries them.

A diagnostic keeps its text twice: as English strings (``message``, ``hint``: what ``str``,
the tests and the JSON of a batch show) and, for the parser's and lexer's errors, as catalogue
messages (``msg``, ``hint_msg``; domain ``job.po``) that :meth:`Diagnostic.format` renders in
the reader's language.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from weldsim.errors import WeldsimError
from weldsim.i18n import Message, render, tr

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
    msg, hint_msg : weldsim.i18n.Message or None
        ``message`` and ``hint`` as catalogue messages (None for a diagnostic built from
        English text only: then every language shows the English).
    """

    file: str
    line: int
    column: int
    message: str
    hint: str | None = None
    severity: Literal["error", "warning"] = "error"
    msg: Message | None = None
    hint_msg: Message | None = None

    @classmethod
    def of(cls, file: str, line: int, column: int, msg: Message, hint: Message | None = None,
           severity: Literal["error", "warning"] = "error") -> Diagnostic:
        """A diagnostic from messages; its English strings are rendered from the catalogue."""
        return cls(file, line, column, render(msg, "en"),
                   None if hint is None else render(hint, "en"), severity, msg, hint)

    def message_in(self, lang: str) -> str:
        """What is wrong, in ``lang``."""
        return self.message if self.msg is None else render(self.msg, lang)

    def hint_in(self, lang: str) -> str | None:
        """How to fix it, in ``lang`` (None when there is no hint)."""
        if self.hint_msg is not None:
            return render(self.hint_msg, lang)
        return self.hint

    def format(self, lang: str = "en") -> str:
        """``<file>:<line>:<column>: <severity>: <message>`` and, if any, ``hint: <hint>``,
        in ``lang`` (the words ``error``, ``warning`` and ``hint`` too)."""
        severity = tr(f"job.severity.{self.severity}", lang)
        text = f"{self.file}:{self.line}:{self.column}: {severity}: {self.message_in(lang)}"
        hint = self.hint_in(lang)
        if hint:
            text += f"\n{tr('job.severity.hint', lang)}: {hint}"
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

    def text(self, lang: str) -> str:
        """Every diagnostic, one a line (with its hint), in ``lang``."""
        return "\n".join(d.format(lang) for d in self.diagnostics)

    @property
    def errors(self) -> list[Diagnostic]:
        """The diagnostics of severity ``"error"``."""
        return [d for d in self.diagnostics if d.severity == "error"]
