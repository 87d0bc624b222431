"""Recognise the usual statements by their shape, straight from their code, without tokens.

A job is mostly position declarations (``P3 = X(245, 0, 0, 134.56, -7.05, 7.11)``), moves
(``MOVEL P3 S=30mm/s``) and switches (``AS 1``, ``WE``, ``DELAY 0.5s``). The lexer gives the
code of each one-line statement to :func:`shape` first; a match proves the line clean (only
good tokens) and keeps the parts of the statement, which the parser then reads without making
a token. Anything else (another form, a unit where none is usual, a continuation line) goes the
token-by-token way, which reports what is wrong. The shapes recognise syntax only: the parser
checks every value as it does for tokens, and falls back to the tokens when one is not usual.

Every token in a shape is an atomic group with the lexer's own token pattern, and the white
space between tokens is possessive: a shape matches a token sequence exactly as the lexer would
split it (``P1S=1`` is one word, never ``P1`` and ``S=1``), and no match can backtrack. A shape
is matched from just after the statement's first word to the end of its code.
"""

from __future__ import annotations

import re

__all__ = ["DECLARATION", "DELAY", "MOVE", "MOVE2", "NUMBER", "SINGLE", "shape"]

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
_END = _S + r"\Z"
_HEAD = re.compile(r"[A-Za-z_][A-Za-z0-9_-]*")

DECLARATION = "declaration"
"""``P<n> = J(...)`` / ``X(...)``. Groups: the letter J/X, six values, CONF key and flags."""
MOVE = "move"
"""A position operand, then an optional argument: groups 1-9 (operand: word, six values, key,
flags), 10-14 (argument: key, number, ``%``, unit word, the word after its ``/``)."""
MOVE2 = "move2"
"""Two position operands (groups 1-9, 10-18), then an optional argument (19-23)."""
NUMBER = "number"
"""A whole number (group 1)."""
SINGLE = "single"
"""Nothing after the keyword."""
DELAY = "delay"
"""A number and an optional unit word (groups 1, 2)."""

_SHAPES: dict[str, tuple[str, re.Pattern[str]]] = {}
for _words, _kind, _pattern in (
    (("MOVEL", "MOVL", "MOVEP", "MOVJ"), MOVE, _OPERAND + "(?:" + _ARGUMENT + ")?" + _END),
    (("MOVEC", "MOVC"), MOVE2, _OPERAND + _OPERAND + "(?:" + _ARGUMENT + ")?" + _END),
    (("AS", "AE", "WS", "ARCON", "ARCOF", "WVON"), NUMBER, _S + "([0-9]++)" + _END),
    (("WE", "WVOF"), SINGLE, _END),
    (("DELAY",), DELAY, _S + "(" + _NUM + ")" + "(?:" + _S + "(" + _WORD + "))?" + _END),
):
    for _word in _words:
        _SHAPES[_word] = (_kind, re.compile(_pattern))
_DECLARATION_RE = re.compile(_S + "=" + _S + "([JjXx])" + _S + _LITERAL + _END)


def shape(code: str) -> tuple[str, str, re.Match[str]] | None:
    """The shape of a usual statement.

    Parameters
    ----------
    code : str
        A statement's line from its first character that is not white space, comment cut off.

    Returns
    -------
    (word, kind, match) or None
        The first word in upper case, the kind of shape (:data:`DECLARATION`, :data:`MOVE`...)
        and the match of its parts; None when the code is not one of the usual shapes.
    """
    head = _HEAD.match(code)
    if head is None:
        return None
    word = head.group().upper()
    if word[:1] == "P" and word[1:].isdigit():
        found = _DECLARATION_RE.match(code, len(word))
        return None if found is None else (word, DECLARATION, found)
    known = _SHAPES.get(word)
    if known is None:
        return None
    found = known[1].match(code, len(word))
    return None if found is None else (word, known[0], found)
