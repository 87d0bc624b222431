"""Units of the job language: their kinds, conversion to SI, and exact number formatting.

Every quantity in job text is converted to SI exactly once, by :func:`to_si`. The writer turns
SI back into text with :func:`format_quantity`, which picks the shortest decimal whose
conversion gives back the very same float, so that parse -> write -> parse is the identity.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from decimal import Decimal

__all__ = [
    "KIND_NAMES",
    "KIND_UNITS",
    "MM_PER_M",
    "UNITS",
    "converter",
    "format_number",
    "format_quantity",
    "from_si",
    "to_si",
]

UNITS: dict[str, tuple[str, str]] = {
    "mm/s": ("speed", "mm/s"),
    "cm/min": ("speed", "cm/min"),
    "m/min": ("speed", "m/min"),
    "a": ("current", "A"),
    "v": ("voltage", "V"),
    "s": ("time", "s"),
    "%": ("percent", "%"),
    "mm": ("length", "mm"),
    "deg": ("angle", "deg"),
    "hz": ("frequency", "Hz"),
    "l/min": ("flow", "L/min"),
}
"""Lower-case spelling -> (kind, canonical spelling)."""

KIND_NAMES: dict[str, str] = {
    "speed": "a speed",
    "current": "a current",
    "voltage": "a voltage",
    "time": "a time",
    "percent": "a percentage",
    "length": "a length",
    "angle": "an angle",
    "frequency": "a frequency",
    "flow": "a gas flow",
}
"""Kind -> words for messages."""

KIND_UNITS: dict[str, tuple[str, ...]] = {}
for _spelling, (_kind, _canon) in UNITS.items():
    KIND_UNITS.setdefault(_kind, ())
    KIND_UNITS[_kind] += (_canon,)
"""Kind -> canonical units of that kind."""

MM_PER_M = 1000.0
"""Millimetres in a metre: a length in mm is ``value / MM_PER_M`` m (division by an exact
integer, so that 5 mm is the float nearest to 0.005 m)."""

# value in unit -> SI. Linear units divide by an exact integer so that e.g. 5 mm is the float
# nearest to 0.005 m; angles go through math.radians.
_TO_SI: dict[str, Callable[[float], float]] = {
    "mm/s": lambda v: v / 1000.0,
    "cm/min": lambda v: v / 6000.0,
    "m/min": lambda v: v / 60.0,
    "mm": lambda v: v / MM_PER_M,
    "deg": math.radians,
}
_FROM_SI: dict[str, Callable[[float], float]] = {
    "mm/s": lambda v: v * 1000.0,
    "cm/min": lambda v: v * 6000.0,
    "m/min": lambda v: v * 60.0,
    "mm": lambda v: v * MM_PER_M,
    "deg": math.degrees,
}


def _identity(value: float) -> float:
    return value


def converter(unit: str) -> Callable[[float], float]:
    """The function :func:`to_si` applies for ``unit`` (for many values of one unit)."""
    return _TO_SI.get(unit, _identity)


def to_si(value: float, unit: str) -> float:
    """Convert a value written in ``unit`` (canonical spelling) to SI.

    Speeds go to m/s, ``mm`` to m, ``deg`` to rad; A, V, s, Hz, % and L/min are kept.
    The wire feed speed is the one speed kept in m/min: callers pass it with unit ``""``.
    """
    return _TO_SI.get(unit, _identity)(value)


def from_si(value: float, unit: str) -> float:
    """Convert an SI value to ``unit`` (the inverse of :func:`to_si`, rounded)."""
    return _FROM_SI.get(unit, _identity)(value)


def format_number(value: float) -> str:
    """The shortest decimal text of a float, without exponent (``5``, ``-0.25``, ``0.00001``)."""
    text = repr(float(value))
    if "e" in text or "E" in text:
        text = format(Decimal(text), "f")
    if text.endswith(".0"):
        text = text[:-2]
    return text


def format_quantity(si: float, unit: str) -> str:
    """The shortest number text ``t`` in ``unit`` with ``to_si(float(t), unit) == si``.

    Parameters
    ----------
    si : float
        The value in SI (see :func:`to_si`).
    unit : str
        Canonical unit spelling, or ``""`` for a value kept as is.

    Returns
    -------
    str
        The number only (the caller appends the unit). When no decimal converts back exactly
        (possible only for values not read from text), the nearest one.
    """
    convert = _TO_SI.get(unit)
    if convert is None:
        return format_number(si)
    guess = _FROM_SI[unit](si)
    text = format_number(guess)
    if len(text) <= 10 and convert(float(text)) == si:
        return text  # the common case: a short decimal that reads back exactly
    best: str | None = None
    candidates = [guess]
    up = down = guess
    for _ in range(4):
        up = math.nextafter(up, math.inf)
        down = math.nextafter(down, -math.inf)
        candidates += [up, down]
    for candidate in candidates:
        text = format_number(candidate)
        if convert(float(text)) == si and (best is None or len(text) < len(best)):
            best = text
    return best if best is not None else format_number(guess)
