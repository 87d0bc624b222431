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

Every token in a shape is matched as the lexer's own token pattern matches it, without
backtracking (possessive), and so is the white space between tokens: a shape matches a token
sequence exactly as the lexer would split it (``P1S=1`` is one word, never ``P1`` and ``S=1``;
``MOVELP1`` is no ``MOVEL``), and no match can backtrack into a token.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

__all__ = ["DECLARATION", "DELAY", "MOVE", "NUMBER", "SHAPED_LINE", "SHAPES", "SINGLE",
           "conf_flags", "literal_values", "shaped_code", "unit_spelling"]

_S = r"[ \t]*+"
# A number and a word as the lexer's token patterns match them, written possessive: every
# part takes all it can and gives nothing back, and the two branches of a number start
# differently (a digit, a point), so no match can backtrack into a token, as in an atomic group
# (which cost the regex a sixth more time, bench/parse.py).
_NUM = r"[+-]?+(?:[0-9]++(?:\.[0-9]*+)?+|\.[0-9]++)"
_WORD = r"[A-Za-z_][A-Za-z0-9_-]*+"
_VALUE = _S + _NUM + _S
# The groups are few (20), each a part the parser reads as it is: the regex marks every group
# it passes, and a match keeps room for every group of the pattern while the lexer keeps the
# match of most lines (with a group for each number, unit word and flag there were 58).
# The inside of J(...) / X(...) from "(": the six numbers (one group: see literal_values), then
# ", CONF = flags" (one group: see conf_flags) or nothing; 2 groups.
_LITERAL = (r"\(" + "(" + (_VALUE + ",") * 5 + _VALUE + ")"
            + "(?:," + _S + "(" + _WORD + _S + "=" + _S + _WORD + ")" + _S + r")?\)")
# a position operand: a word (P3, or J/X before a literal), then the literal's groups; 3 groups.
# (A word before "=" is no operand: nothing after an operand starts with "=", and saying so
# saves trying the rest of the shape with the key of the argument taken for an operand.)
_OPERAND = _S + "(" + _WORD + ")" + "(?![ \t]*=)" + "(?:" + _S + _LITERAL + ")?"
# KEY=number with an optional unit: % or word[/word] (one group: see unit_spelling); 3 groups
_ARGUMENT = (_S + "(" + _WORD + ")" + _S + "=" + _S + "(" + _NUM + ")"
             + "(?:" + _S + "(%|" + _WORD + "(?:" + _S + "/" + _S + _WORD + ")?))?")
_KEYWORD_END = "(?![A-Za-z0-9_-])"  # a keyword is the whole word

DECLARATION = "declaration"
"""``P<n> = J(...)`` / ``X(...)``. Groups after the head: 1 the letter J/X, 2 the six values,
3 CONF and its flags."""
MOVE = "move"
"""A move: a position operand, perhaps a second one, then an optional argument. Groups after
the head: 1-3 (operand: word, six values, CONF and flags), 4-6 (the second operand), 7-9
(argument: key, number, unit). The shape takes one or two operands whatever the keyword: the
parser checks that the count fits it."""
NUMBER = "number"
"""A whole number (group 1 after the head)."""
SINGLE = "single"
"""Nothing after the keyword."""
DELAY = "delay"
"""A number and an optional unit word (groups 1, 2 after the head)."""

_SHAPES = (  # kind, head (its keywords, case-insensitive), what follows; the usual first
    (DECLARATION, "[Pp][0-9]++", _S + "=" + _S + "([JjXx])" + _S + _LITERAL),
    (MOVE, "(?i:MOVEL|MOVL|MOVEP|MOVJ|MOVEC|MOVC)" + _KEYWORD_END,
     _OPERAND + "(?:" + _OPERAND + ")?" + "(?:" + _ARGUMENT + ")?"),
    (NUMBER, "(?i:AS|AE|WS|ARCON|ARCOF|WVON)" + _KEYWORD_END, _S + "([0-9]++)"),
    (SINGLE, "(?i:WE|WVOF)" + _KEYWORD_END, ""),
    (DELAY, "(?i:DELAY)" + _KEYWORD_END, _S + "(" + _NUM + ")" + "(?:" + _S + "(" + _WORD + "))?"),
)


def _line_pattern() -> tuple[re.Pattern[str], tuple[tuple[str, int], ...]]:
    # One alternative a shape, its head the first group. The last group a match closes
    # (match.lastindex) is always one of the shape that matched (its head at least), so a
    # table of every group names the shape at once, instead of trying each shape's head in
    # turn (a call each).
    alternatives = []
    shapes: list[tuple[str, int]] = [("", 0)]  # (group 0: the whole line)
    for kind, head, rest in _SHAPES:
        alternatives.append("(" + head + ")" + rest)
        head_group = len(shapes)
        shapes += [(kind, head_group)] * (1 + re.compile(rest).groups)
    pattern = re.compile(r"^[ \t]*+(?:" + "|".join(alternatives) + r")[ \t]*+(?:;[^\n]*|\r?)$",
                         re.MULTILINE)
    assert pattern.groups == len(shapes) - 1, (pattern.groups, len(shapes))
    return pattern, tuple(shapes)


SHAPED_LINE, SHAPES = _line_pattern()
"""A whole line holding a usual statement (and perhaps a comment after ``;``, which the code
never holds). Groups: those of the shape that matched, its head (the statement's first word)
first, then its parts as the kinds above say; every other shape's groups are None."""
SHAPES: tuple[tuple[str, int], ...]
"""``SHAPES[match.lastindex]`` is ``(kind, group of its head)`` of the shape a match of
:data:`SHAPED_LINE` is."""


def shaped_code(match: re.Match[str]) -> str:
    """The code of a line :data:`SHAPED_LINE` matched: from the statement's first character to
    the comment (trailing white space kept, a trailing ``\\r`` not)."""
    start = match.start(SHAPES[match.lastindex][1])  # type: ignore[index]
    cut = match.string.find(";", start, match.end())
    code = match.string[start:match.end() if cut < 0 else cut]
    return code[:-1] if cut < 0 and code[-1:] == "\r" else code


def literal_values(values: str) -> Iterator[float]:
    """The six numbers of the values group of a ``J(...)``/``X(...)`` literal, as floats (an
    iterator: the reader unpacks them).

    The group is six numbers of the lexer's number pattern with their commas and white space
    (spaces and tabs) around them; ``float`` ignores that white space, so each is the float of
    its number token."""
    return map(float, values.split(","))


def conf_flags(conf: str) -> tuple[str, str]:
    """The key and the flags of the CONF group of a literal (``CONF = NUT`` gives ``("CONF",
    "NUT")``), as written: two words around ``=``, white space around them."""
    key, flags = conf.replace("=", " ").split()
    return key, flags


def unit_spelling(unit: str) -> str:
    """The unit group of an argument without its white space (``mm / s`` gives ``mm/s``): the
    spelling the lexer's tokens give (the words and the ``/`` joined)."""
    return "".join(unit.split())
