"""Split job text into statements of tokens, and collect the comments.

The lexer knows lines, comments (``;`` and ``REM``), ``+`` continuation lines and tokens; it
knows nothing of instructions. Each token keeps its own line and column, so an error in a
continuation line points into that line.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import NamedTuple

from weldsim.i18n import Message
from weldsim.program.model import Comment

__all__ = ["NUM", "SYM", "WORD", "LexResult", "Statement", "Token", "tokenize"]

NUM = "num"
WORD = "word"
SYM = "sym"
_BAD = "bad"

# White space, then one token: (white space, token) pairs from findall, with no backtracking
# (possessive white space), so matching is linear in the length of the line whatever it holds.
# The token's kind follows from its first character (see _KIND_OF); a lone sign or dot is the
# catch-all branch: a bad character.
_TOKEN_RE = re.compile(
    r"([ \t]*+)("
    r"[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)"
    r"|[A-Za-z_][A-Za-z0-9_-]*"
    r"|[=,()/%]"
    r"|[^ \t])",
    re.DOTALL,
)
_KIND_OF = {
    **dict.fromkeys("0123456789", NUM),
    **dict.fromkeys("+-.", NUM),  # a number when longer than the sign or dot alone
    **dict.fromkeys("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz_", WORD),
    **dict.fromkeys("=,()/%", SYM),
}
_FIRST_WORD_RE = re.compile(r"[ \t]*([A-Za-z_][A-Za-z0-9_]*)")


class Token(NamedTuple):
    """A token: ``kind`` is NUM, WORD or SYM; ``line``/``column`` are 1-based."""

    kind: str
    text: str
    line: int
    column: int


@dataclass(slots=True)
class Statement:
    """The tokens of one statement (its first line plus any ``+`` continuation lines)."""

    tokens: list[Token]
    line: int
    column: int
    last_line: int


@dataclass(slots=True)
class LexResult:
    """What the lexer found: statements, comments and problems ``(line, column, msg, hint)``
    (``msg`` and ``hint`` catalogue messages of ``job.po``; ``hint`` may be None)."""

    statements: list[Statement] = field(default_factory=list)
    comments: list[Comment] = field(default_factory=list)
    problems: list[tuple[int, int, Message, Message | None]] = field(default_factory=list)
    line_count: int = 0
    max_problems: int = 1000  # the lexer stops recording (and scanning a line) beyond this


def _describe(char: str) -> Message:
    if char.isprintable() and not char.isspace():
        return Message.of("job.unexpected_char", char=repr(char))
    return Message.of("job.unexpected_char_code", code=f"U+{ord(char):04X}")


def _tokens(code: str, line: int, offset: int, result: LexResult, out: list[Token]) -> None:
    """Append the tokens of ``code`` (which starts at 0-based ``offset`` of ``line``)."""
    append = out.append
    kind_of = _KIND_OF.get
    make = tuple.__new__  # Token(...) without the namedtuple's Python-level __new__
    column = offset + 1
    # no trailing white space: each failed match would rescan the rest of it (quadratic)
    for space, text in _TOKEN_RE.findall(code.rstrip(" \t")):
        column += len(space)
        kind = kind_of(text[0], _BAD)
        if kind is NUM and len(text) == 1 and text in "+-.":
            kind = _BAD
        if kind is _BAD:
            if len(result.problems) >= result.max_problems:
                return  # the parser stops at its limit anyway; don't scan on
            hint = None
            if text in "-+":
                hint = Message.of("job.hint.sign")
            elif text == ".":
                hint = Message.of("job.hint.fraction")
            elif text in "#/":
                hint = Message.of("job.hint.comment")
            elif text == "\x00":
                hint = Message.of("job.hint.binary")
            result.problems.append((line, column, _describe(text), hint))
        else:
            append(make(Token, (kind, text, line, column)))
        column += len(text)


def tokenize(text: str, max_problems: int = 1000) -> LexResult:
    """Split job text into statements and comments.

    Parameters
    ----------
    text : str
        The whole job. Lines end with ``\\n`` (a ``\\r`` before it is dropped).
    max_problems : int
        Stop recording lexical problems after this many.

    Returns
    -------
    LexResult
        Statements in source order, every comment, and the lexical problems found (unexpected
        characters, a ``+`` line with no statement to continue).
    """
    result = LexResult(max_problems=max_problems)
    lines = text.split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    result.line_count = len(lines)
    current: Statement | None = None  # the statement the previous line belonged to
    for index, raw in enumerate(lines):
        number = index + 1
        line = raw[:-1] if raw.endswith("\r") else raw
        # REM comment: the first word of the line is REM.
        first = _FIRST_WORD_RE.match(line)
        if first is not None and first.group(1).upper() == "REM":
            result.comments.append(Comment(line[first.end():].rstrip(), line=number))
            current = None
            continue
        cut = line.find(";")
        code = line if cut < 0 else line[:cut]
        stripped = code.lstrip(" \t")
        offset = len(code) - len(stripped)
        if cut >= 0:
            inline = bool(stripped.strip())
            result.comments.append(
                Comment(line[cut + 1:].rstrip(), line=number, inline=inline)
            )
        if not stripped.strip():
            if stripped:
                _tokens(stripped, number, offset, result, [])  # stray white space, e.g. \f
            current = None  # a blank or comment-only line ends a statement
            continue
        if stripped.startswith("+"):
            if current is None:
                result.problems.append((
                    number, offset + 1,
                    Message.of("job.orphan_continuation"),
                    Message.of("job.hint.orphan_continuation"),
                ))
                continue
            _tokens(stripped[1:], number, offset + 1, result, current.tokens)
            current.last_line = number
            continue
        tokens: list[Token] = []
        _tokens(stripped, number, offset, result, tokens)
        if not tokens:
            current = None
            continue
        current = Statement(tokens, number, tokens[0].column, number)
        result.statements.append(current)
    return result
