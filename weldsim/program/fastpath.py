"""Recognise the lines of the usual statements by their shape, without making tokens.

A job is mostly position declarations (``P3 = X(245, 0, 0, 134.56, -7.05, 7.11)``), moves
(``MOVEL P3 S=30mm/s``) and switches (``AS 1``, ``WE``, ``DELAY 0.5s``), one a line. The lexer
scans the whole text with :data:`SHAPED_LINE`; a match is a whole line holding one such
statement (and perhaps a ``;`` comment), proves the line clean (only good tokens), and keeps
the parts of the statement, which the parser then reads without making a token. Every other
line (another statement, a unit where none is usual, a bad character, REM...) goes the
line-by-line, token-by-token way, which reports what is wrong. The shapes recognise syntax
only: the parser checks every value as it does for tokens, and goes the token way when one is
not usual.

Every token in a shape is an atomic group with the lexer's own token pattern, and the white
space between tokens is possessive: a shape matches a token sequence exactly as the lexer would
split it (``P1S=1`` is one word, never ``P1`` and ``S=1``; ``MOVELP1`` is no ``MOVEL``), and
no match can backtrack into a token.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

__all__ = ["DECLARATION", "DELAY", "MOVE", "MOVE2", "NUMBER", "SHAPED_LINE", "SHAPES", "SINGLE",
           "literal_values", "shaped_code"]

_S = r"[ \t]*+"
_NUM = r"(?>[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+))"
_WORD = r"(?>[A-Za-z_][A-Za-z0-9_-]*)"
_VALUE = _S + _NUM + _S
# the inside of J(...) / X(...) from "(": six numbers (one group), then ", CONF = flags" or
# nothing. The six are one group, split at the commas by literal_values: a group each cost the
# regex a fifth more time and the parser six look-ups (bench/parse.py).
_LITERAL = (r"\(" + "(" + (_VALUE + ",") * 5 + _VALUE + ")"
            + "(?:," + _S + "(" + _WORD + ")" + _S + "=" + _S + "(" + _WORD + ")" + _S + r")?\)")
# a position operand: a word (P3, or J/X before a literal); 4 groups
_OPERAND = _S + "(" + _WORD + ")" + "(?:" + _S + _LITERAL + ")?"
# KEY=number with an optional unit (% or word[/word]); 5 groups
_ARGUMENT = (_S + "(" + _WORD + ")" + _S + "=" + _S + "(" + _NUM + ")"
             + "(?:" + _S + "(?:(%)|(" + _WORD + ")(?:" + _S + "/" + _S + "(" + _WORD + "))?))?")
_KEYWORD_END = "(?![A-Za-z0-9_-])"  # a keyword is the whole word
# the end of a line after a statement: white space, then a comment after ";" (its group; a
# trailing "\r" is in it) or an optional "\r"
_END = _S + r"(?:;([^\n]*)|\r?)"

DECLARATION = "declaration"
"""``P<n> = J(...)`` / ``X(...)``. Groups after the head: the letter J/X, the six values (see
:func:`literal_values`), CONF key and flags."""
MOVE = "move"
"""A position operand, then an optional argument. Groups after the head: 1-4 (operand: word,
six values, key, flags), 5-9 (argument: key, number, ``%``, unit word, the word after its
``/``)."""
MOVE2 = "move2"
"""Two position operands (groups 1-4, 5-8 after the head), then an optional argument (9-13)."""
NUMBER = "number"
"""A whole number (group 1 after the head)."""
SINGLE = "single"
"""Nothing after the keyword."""
DELAY = "delay"
"""A number and an optional unit word (groups 1, 2 after the head)."""

_SHAPES = (  # kind, head (its keywords, case-insensitive), what follows; the usual first
    (DECLARATION, "[Pp][0-9]++", _S + "=" + _S + "([JjXx])" + _S + _LITERAL),
    (MOVE, "(?i:MOVEL|MOVL|MOVEP|MOVJ)" + _KEYWORD_END, _OPERAND + "(?:" + _ARGUMENT + ")?"),
    (NUMBER, "(?i:AS|AE|WS|ARCON|ARCOF|WVON)" + _KEYWORD_END, _S + "([0-9]++)"),
    (SINGLE, "(?i:WE|WVOF)" + _KEYWORD_END, ""),
    (DELAY, "(?i:DELAY)" + _KEYWORD_END, _S + "(" + _NUM + ")" + "(?:" + _S + "(" + _WORD + "))?"),
    (MOVE2, "(?i:MOVEC|MOVC)" + _KEYWORD_END, _OPERAND + _OPERAND + "(?:" + _ARGUMENT + ")?"),
)


def _line_pattern() -> tuple[re.Pattern[str], tuple[tuple[str, int, int] | None, ...]]:
    # Each shape is a whole alternative: its head, the rest, the end of the line with its own
    # comment group, and last an empty group, its marker. The marker closes last in any
    # match, so match.lastindex names the shape at once (trying each shape's head group in
    # turn cost a tenth of reading a line).
    alternatives = []
    group = 2  # 1: the indentation
    shapes: list[tuple[str, int, int] | None] = [None] * 2
    for kind, head, rest in _SHAPES:
        alternatives.append("(" + head + ")" + rest + _END + "()")
        rest_groups = re.compile(rest).groups
        comment = group + 1 + rest_groups
        shapes += [None] * (comment + 1 - len(shapes)) + [(kind, group, comment)]
        group = comment + 2
    pattern = re.compile(r"^([ \t]*+)(?:" + "|".join(alternatives) + ")$", re.MULTILINE)
    assert pattern.groups == group - 1 == len(shapes) - 1, (pattern.groups, group)
    return pattern, tuple(shapes)


SHAPED_LINE, SHAPES = _line_pattern()
"""A whole line holding a usual statement. Groups: 1 the indentation, then the shape that
matched: its head (the statement's first word), its parts as the kinds above say, the
comment after ``;`` (None without one; a trailing ``\\r`` is in it), and an empty marker
group; every other shape's groups are None."""
SHAPES: tuple[tuple[str, int, int] | None, ...]
"""``SHAPES[match.lastindex]`` is ``(kind, group of its head, group of its comment)`` of the
shape a match of :data:`SHAPED_LINE` is."""


def shaped_code(match: re.Match[str]) -> str:
    """The code of a line :data:`SHAPED_LINE` matched: from the statement's first character to
    the comment (trailing white space kept, a trailing ``\\r`` not)."""
    shape = SHAPES[match.lastindex]  # type: ignore[index]
    assert shape is not None
    end = match.start(shape[2]) - 1 if match[shape[2]] is not None else match.end()
    code = match.string[match.end(1):end]
    return code[:-1] if code[-1:] == "\r" else code


def literal_values(values: str) -> Iterator[float]:
    """The six numbers of the values group of a ``J(...)``/``X(...)`` literal, as floats (an
    iterator: the reader unpacks them).

    The group is six numbers of the lexer's number pattern with their commas and white space
    (spaces and tabs) around them; ``float`` ignores that white space, so each is the float of
    its number token."""
    return map(float, values.split(","))
