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
from weldsim.program.fastpath import SHAPED_LINE, SHAPES, shaped_code
from weldsim.program.model import Comment, unchecked_builder

__all__ = ["NUM", "SYM", "WORD", "LexResult", "ShapedLine", "Statement", "Token", "tokenize"]

NUM = "num"
WORD = "word"
SYM = "sym"
_BAD = "bad"

# One token (its kind follows from its first character, see _KIND_OF).
_TOKEN = (r"[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)"
          r"|[A-Za-z_][A-Za-z0-9_-]*"
          r"|[=,()/%]")
# White space, then one token: (white space, token) pairs from findall, with no backtracking
# (possessive white space), so matching is linear in the length of the line whatever it holds.
# A lone sign or dot is the catch-all branch: a bad character.
_TOKEN_RE = re.compile(r"([ \t]*+)(" + _TOKEN + r"|[^ \t])", re.DOTALL)
# The code of a line from its first token on, when every token is good (the catch-all branch
# above never matches): the loop is possessive and each step is the tokenizer's own first
# match, so this succeeds exactly when the tokenizer finds no bad character. Group 1 is the
# first token when it is a word.
_CLEAN_RE = re.compile(
    r"(?>([A-Za-z_][A-Za-z0-9_-]*)|" + _TOKEN + r")(?:[ \t]*+(?:" + _TOKEN + r"))*+[ \t]*+\Z")
_KIND_OF = {
    **dict.fromkeys("0123456789", NUM),
    **dict.fromkeys("+-.", NUM),  # a number when longer than the sign or dot alone
    **dict.fromkeys("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz_", WORD),
    **dict.fromkeys("=,()/%", SYM),
}
_comment = unchecked_builder(Comment)  # (text, line, inline): see _inline_comment
_REM = frozenset(a + b + c for a in "Rr" for b in "Ee" for c in "Mm")
_WORD_CHARS = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_")


class Token(NamedTuple):
    """A token: ``kind`` is NUM, WORD or SYM; ``line``/``column`` are 1-based."""

    kind: str
    text: str
    line: int
    column: int


class Statement:
    """The tokens of one statement (its first line plus any ``+`` continuation lines).

    A statement of one line without bad characters keeps its code text and makes its tokens
    only when they are first asked for. (A line of a usual shape is a :class:`ShapedLine`
    instead, until the parser needs its tokens.)

    Attributes
    ----------
    line, column : int
        Where its first token is (1-based).
    last_line : int
        Its last line (a continuation line's number, or ``line``).
    word : str
        The first token in upper case when it is a word (the keyword), else ``""``.
    code : str or None
        The code of its line from the first token on, comment cut off (trailing white space
        kept); None once continuation lines were added.
    shape : None
        As :attr:`ShapedLine.shape`: a Statement is read token by token.
    """

    __slots__ = ("_tokens", "code", "column", "last_line", "line", "word")

    shape = None

    def __init__(self, tokens: list[Token] | None, line: int, column: int, last_line: int,
                 word: str, code: str | None = None) -> None:
        self._tokens = tokens
        self.line = line
        self.column = column
        self.last_line = last_line
        self.word = word
        self.code = code

    @property
    def tokens(self) -> list[Token]:
        """The tokens, made from :attr:`code` on first use."""
        tokens = self._tokens
        if tokens is None:
            tokens = self._tokens = []
            assert self.code is not None
            _tokens(self.code, self.line, self.column - 1, None, tokens)
        return tokens

    def extend(self, code: str, line: int, offset: int, result: LexResult) -> None:
        """Add the tokens of a continuation line."""
        _tokens(code, line, offset, result, self.tokens)
        self.code = None
        self.last_line = line


class ShapedLine(NamedTuple):
    """A statement of a usual shape on one line (see :mod:`weldsim.program.fastpath`), which
    the parser reads from the match of its line, without tokens.

    A tuple, made by ``tuple.__new__``, because one is made for most lines of a job: making
    a :class:`Statement` cost a third of the lexer's own work on the bench job
    (bench/parse.py). :meth:`statement` gives the Statement when the parser needs tokens
    after all (a value that is not usual) or a continuation line follows.

    Attributes
    ----------
    line, column : int
        Where its first token is (1-based).
    word : str
        The keyword (or ``P<n>``) in upper case.
    kind : str
        The kind of shape (``fastpath.MOVE``...).
    match : re.Match
        The match of its line (:data:`~weldsim.program.fastpath.SHAPED_LINE`).
    head : int
        The group of its head in ``match``; its parts follow, as the kind says.
    """

    line: int
    column: int
    word: str
    kind: str
    match: re.Match[str]
    head: int

    _tokens = None  # (as an unread Statement's: no tokens kept)

    @property
    def last_line(self) -> int:
        """Its last line: its only one."""
        return self.line

    @property
    def shape(self) -> tuple[str, str, re.Match[str], int]:
        """``(word, kind, match, head)``: the usual statement it is."""
        return self.word, self.kind, self.match, self.head

    @property
    def code(self) -> str:
        """The code of its line from the first token on, comment cut off."""
        return shaped_code(self.match)

    @property
    def tokens(self) -> list[Token]:
        """Its tokens, made anew (the parser reads tokens from :meth:`statement`)."""
        tokens: list[Token] = []
        _tokens(self.code, self.line, self.column - 1, None, tokens)
        return tokens

    def statement(self) -> Statement:
        """The same statement as a :class:`Statement`, read token by token."""
        return Statement(self.tokens, self.line, self.column, self.line, self.word, self.code)


@dataclass(slots=True)
class LexResult:
    """What the lexer found: statements, comments and problems ``(line, column, msg, hint)``
    (``msg`` and ``hint`` catalogue messages of ``job.po``; ``hint`` may be None)."""

    statements: list[Statement | ShapedLine] = field(default_factory=list)
    comments: list[Comment] = field(default_factory=list)
    problems: list[tuple[int, int, Message, Message | None]] = field(default_factory=list)
    line_count: int = 0
    max_problems: int = 1000  # the lexer stops recording (and scanning a line) beyond this


def _describe(char: str) -> Message:
    if char.isprintable() and not char.isspace():
        return Message.of("job.unexpected_char", char=repr(char))
    return Message.of("job.unexpected_char_code", code=f"U+{ord(char):04X}")


def _tokens(code: str, line: int, offset: int, result: LexResult | None,
            out: list[Token]) -> None:
    """Append the tokens of ``code`` (which starts at 0-based ``offset`` of ``line``); bad
    characters go to ``result.problems`` (``result`` is None for code known to be clean)."""
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
            assert result is not None, "a bad character in code checked clean"
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


def _inline_comment(text: str, line: int) -> Comment:
    """The comment after a usual statement on ``line``: ``text`` is the rest of the line after
    ``;``, trailing white space removed.

    Comment checks that its text is one line without NUL or trailing white space; that holds
    here but for a ``\\r`` inside, or a NUL in a text the parser refuses anyway, so the record
    is built without the check otherwise (a comment follows many lines of a job)."""
    if "\r" in text or "\x00" in text:
        return Comment(text, line=line, inline=True)
    return _comment(text, line, True)


class _Lines:
    """The lexer's walk over the lines that are not of a usual shape."""

    __slots__ = ("current", "result")

    def __init__(self, result: LexResult) -> None:
        self.result = result
        # the statement the previous line belonged to (the last of result.statements)
        self.current: Statement | ShapedLine | None = None

    def line(self, line: str, number: int) -> None:
        """Read line ``number`` (without its ``\\n``)."""
        result = self.result
        if line[-1:] == "\r":
            line = line[:-1]
        cut = line.find(";")
        code = line if cut < 0 else line[:cut]
        stripped = code.lstrip(" \t")
        offset = len(code) - len(stripped)
        # REM comment: the first word of the line is REM (the first word is in the code)
        if stripped[:3] in _REM and stripped[3:4] not in _WORD_CHARS:
            result.comments.append(Comment(line[offset + 3:].rstrip(), line=number))
            self.current = None
            return
        if cut >= 0:
            result.comments.append(Comment(line[cut + 1:].rstrip(), line=number,
                                           inline=bool(stripped.strip())))
        if stripped[:1] == "+":
            if self.current is None:
                result.problems.append((
                    number, offset + 1,
                    Message.of("job.orphan_continuation"),
                    Message.of("job.hint.orphan_continuation"),
                ))
            else:
                current = self.current
                if type(current) is ShapedLine:  # now a statement of tokens, to add to
                    assert result.statements[-1] is current
                    current = self.current = result.statements[-1] = current.statement()
                current.extend(stripped[1:], number, offset + 1, result)
            return
        match = _CLEAN_RE.match(stripped)
        if match is not None:  # a clean line: its tokens are made when needed
            word = match.group(1)
            self.current = Statement(None, number, offset + 1, number,
                                     "" if word is None else word.upper(), stripped)
            result.statements.append(self.current)
            return
        if not stripped.strip():
            if stripped:
                _tokens(stripped, number, offset, result, [])  # stray white space, e.g. \f
            self.current = None  # a blank or comment-only line ends a statement
            return
        tokens: list[Token] = []
        _tokens(stripped, number, offset, result, tokens)
        if not tokens:
            self.current = None
            return
        head = tokens[0]
        self.current = Statement(tokens, number, head.column, number,
                                 head.text.upper() if head.kind is WORD else "")
        result.statements.append(self.current)


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
        characters, a ``+`` line with no statement to continue). A line of a usual shape
        (see :mod:`weldsim.program.fastpath`) is a :class:`ShapedLine`, which keeps the match
        of its parts and makes no tokens; another clean line makes its tokens only when the
        parser asks for them.
    """
    result = LexResult(max_problems=max_problems)
    result.line_count = text.count("\n") + (1 if text and not text.endswith("\n") else 0)
    append, comments = result.statements.append, result.comments
    shapes = SHAPES
    make = tuple.__new__  # ShapedLine(...) without the namedtuple's Python-level __new__
    walk = _Lines(result)
    number = 0  # lines read
    at = 0  # where the next line starts
    for match in SHAPED_LINE.finditer(text):
        start, end = match.span()
        if start > at:  # the lines in between, each ending with "\n"
            for line in text[at:start - 1].split("\n"):
                number += 1
                walk.line(line, number)
        number += 1
        kind, head = shapes[match.lastindex]  # type: ignore[index]
        code = match.start(head)
        current = make(ShapedLine, (number, code - start + 1, match[head].upper(), kind, match,
                                    head))
        append(current)
        walk.current = current
        cut = text.find(";", code, end)  # (the code holds none)
        if cut >= 0:
            comments.append(_inline_comment(text[cut + 1:end].rstrip(), number))
        at = end + 1
    if at < len(text):
        rest = text[at:].split("\n")
        if rest[-1] == "":
            rest.pop()
        for line in rest:
            number += 1
            walk.line(line, number)
    return result
