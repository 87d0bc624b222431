"""The words of an imperfection, as :class:`weldsim.i18n.Message` (the weld layer holds none).

Keys live in the ``weld`` catalogue (``weldsim/locale/<lang>/LC_MESSAGES/weld.po``):

* ``imperfection.<kind>.title``: the name;
* ``imperfection.<kind>.cause.<cause>``: what happened, with the size and the values written;
* ``imperfection.<kind>.fix.<cause>``: which way to change what, with the values wanted.

Parameters come from :attr:`Imperfection.parameters` as :class:`weldsim.i18n.Qty` in the
welder's units (speeds in cm/min, as a Daihen job writes them), named without their unit
suffix (``current_a`` -> ``current``), plus ``size`` (the imperfection's size in mm).
"""

from __future__ import annotations

import math

from weldsim.i18n import Message, Qty
from weldsim.weld.imperfections import Imperfection

__all__ = ["cause_and_fix", "cause_message", "fix_message", "message_params", "title"]

# suffix -> (unit shown, factor from the model unit, decimals); longest suffixes first
_UNITS: tuple[tuple[str, str, float, int], ...] = (
    ("_mm_s", "cm/min", 6.0, 0),
    ("_kj_mm", "kJ/mm", 1.0, 2),
    ("_l_min", "L/min", 1.0, 0),
    ("_mm2", "mm²", 1.0, 1),
    ("_deg", "deg", 1.0, 0),
    ("_mm", "mm", 1.0, 1),
    ("_hz", "Hz", 1.0, 1),
    ("_a", "A", 1.0, 0),
    ("_v", "V", 1.0, 1),
    ("_s", "s", 1.0, 1),
)


def _qty(name: str, value: float) -> tuple[str, Qty]:
    for suffix, unit, factor, digits in _UNITS:
        if name.endswith(suffix):
            return name[: -len(suffix)], Qty(float(value) * factor, unit, digits)
    return name, Qty(float(value), "", 2)


def message_params(imp: Imperfection) -> dict[str, Qty]:
    """The parameters of an imperfection's messages: ``size`` and its driving values (those
    with a value: a butt joint has no legs, so its NaN legs are left out)."""
    params = dict(_qty(k, v) for k, v in imp.parameters if math.isfinite(float(v)))
    params["size"] = Qty(imp.size_mm, "mm", 1)
    return params


def title(kind: str) -> Message:
    """The name of an imperfection kind."""
    return Message.of(f"imperfection.{kind}.title")


def cause_message(imp: Imperfection) -> Message:
    """What happened, in the trainee's terms."""
    return Message.of(f"imperfection.{imp.type}.cause.{imp.cause}", **message_params(imp))


def fix_message(imp: Imperfection) -> Message:
    """Which way to change what."""
    return Message.of(f"imperfection.{imp.type}.fix.{imp.cause}", **message_params(imp))


def cause_and_fix(imp: Imperfection) -> tuple[Message, Message]:
    """``(cause, fix)`` of an imperfection (the shim the report and the rubric call)."""
    return cause_message(imp), fix_message(imp)
