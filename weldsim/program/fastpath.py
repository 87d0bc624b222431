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

__all__ = ["COMMENT_GROUP", "DECLARATION", "DELAY", "MOVE", "MOVE2", "NUMBER", "SHAPED_LINE",
           "SHAPE_KINDS", "SINGLE"]

_S = r"[ \t]*+"
_NUM = r"(?>[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+))"
_WORD = r"(?>[A-Za-z_][A-Za-z0-9_-]*)"
_VALUE = _S + "(" + _NUM + ")" + _S
# the inside of J(...) / X(...) from "(": six numbers, then ", CONF = flags" or nothing
_LITERAL = (r"\(" + (_VALUE + ",") * 5 + _VALUE
            + "(?:," + _S + "(" + _WORD + ")" + _S + "=" + _S + "(" + _WORD + ")" + _S + r")?\)")
# a position operand: a word (P3, or J/X before a literal); 9 groups
_OPERAND = _S + "(" + _WORD + ")" + "(?:" + _S + _LITERAL + ")?"
# KEY=number with an optional unit (% or word[/word]); 5 groups
_ARGUMENT = (_S + "(" + _WORD + ")" + _S + "=" + _S + "(" + _NUM + ")"
             + "(?:" + _S + "(?:(%)|(" + _WORD + ")(?:" + _S + "/" + _S + "(" + _WORD + "))?))?")
_KEYWORD_END = "(?![A-Za-z0-9_-])"  # a keyword is the whole word

DECLARATION = "declaration"
"""``P<n> = J(...)`` / ``X(...)``. Groups after the head: the letter J/X, six values, CONF
key and flags."""
MOVE = "move"
"""A position operand, then an optional argument. Groups after the head: 1-9 (operand: word,
six values, key, flags), 10-14 (argument: key, number, ``%``, unit word, the word after its
``/``)."""
MOVE2 = "move2"
"""Two position operands (groups 1-9, 10-18 after the head), then an optional argument
(19-23)."""
NUMBER = "number"
"""A whole number (group 1 after the head)."""
SINGLE = "single"
"""Nothing after the keyword."""
DELAY = "delay"
"""A number and an optional unit word (groups 1, 2 after the head)."""

_SHAPES = (  # kind, head (its keywords, case-insensitive), what follows; the usual first
    (MOVE, "(?i:MOVEL|MOVL|MOVEP|MOVJ)" + _KEYWORD_END, _OPERAND + "(?:" + _ARGUMENT + ")?"),
    (DECLARATION, "[Pp][0-9]++", _S + "=" + _S + "([JjXx])" + _S + _LITERAL),
    (NUMBER, "(?i:AS|AE|WS|ARCON|ARCOF|WVON)" + _KEYWORD_END, _S + "([0-9]++)"),
    (SINGLE, "(?i:WE|WVOF)" + _KEYWORD_END, ""),
    (DELAY, "(?i:DELAY)" + _KEYWORD_END, _S + "(" + _NUM + ")" + "(?:" + _S + "(" + _WORD + "))?"),
    (MOVE2, "(?i:MOVEC|MOVC)" + _KEYWORD_END, _OPERAND + _OPERAND + "(?:" + _ARGUMENT + ")?"),
)


def _line_pattern() -> tuple[re.Pattern[str], tuple[tuple[str, int], ...]]:
    heads = []
    group = 3  # 1: indentation, 2: the code
    kinds = []
    for kind, head, rest in _SHAPES:
        heads.append("(" + head + ")" + rest)
        kinds.append((kind, group))
        group += 1 + re.compile(rest).groups
    pattern = re.compile(
        r"^([ \t]*+)((?:" + "|".join(heads) + r")[ \t]*+)(?:;([^\n]*)|\r?)$", re.MULTILINE)
    assert pattern.groups == group, (pattern.groups, group)  # the last: the comment
    return pattern, tuple(kinds)


SHAPED_LINE, SHAPE_KINDS = _line_pattern()
"""A whole line holding a usual statement. Groups: 1 the indentation, 2 the code (from the
statement's first character to the comment, trailing white space kept), the head of the
shape that matched (see :data:`SHAPE_KINDS`) and its parts, and last the comment after ``;``
(None without one; a trailing ``\\r`` is in it)."""
COMMENT_GROUP = SHAPED_LINE.groups
"""The group of the comment in :data:`SHAPED_LINE`."""
SHAPE_KINDS: tuple[tuple[str, int], ...]
"""``(kind, group of its head)`` of every shape: the shape a line matched is the one whose
head took part in the match; its parts are numbered from the head as the kinds above say."""
