"""Physical bounds of a scenario's numbers, checked on the raw TOML before anything is built.

The loader checks each key's exact range when it reads it; this pass runs first, over every
number in the file, so that no value a welding cell cannot have (a seam of 10^9 mm, a user
frame 10^15 mm away, a window nominal of 1e308) ever reaches the arithmetic that sizes an
array or converts to float. A key's unit is the suffix of its own name or of the nearest
table above it that has one (``windows.work_angle_deg.nominal`` is in degrees).

One source of truth: :data:`UNIT_BOUNDS` (largest magnitude per unit suffix),
:data:`PLAIN_BOUND` (numbers without a unit) and :data:`MAX_SEAM_LENGTH_MM`. Pinned by
``tests/robustness/test_scenario_bounds.py``.
"""

from __future__ import annotations

import math
from collections.abc import Iterator
from typing import Any, NamedTuple

from weldsim.errors import ModelFileError
from weldsim.i18n import Message
from weldsim.tomlfile import locate_key, located_error

__all__ = ["MAX_SEAM_LENGTH_MM", "PLAIN_BOUND", "UNIT_BOUNDS", "Bound", "check_bounds"]


class Bound(NamedTuple):
    """The largest magnitude a number in ``unit`` may have, and why (``reason``: the
    catalogue key of the plain sentence, ``modes.po``)."""

    limit: float
    unit: str
    reason: str

    @property
    def why(self) -> Message:
        """The reason as a message."""
        return Message.of(self.reason)


#: Largest magnitude by key suffix. A welding cell fits in a 20 m cube around the world origin;
#: angles are within one turn either way; a time within an hour (the longest cycle target).
UNIT_BOUNDS: dict[str, Bound] = {
    "_mm": Bound(20_000.0, "mm", "modes.bounds.cell"),
    "_deg": Bound(720.0, "deg", "modes.bounds.angle"),
    "_s": Bound(3_600.0, "s", "modes.bounds.time"),
    "_pct": Bound(1_000.0, "%", "modes.bounds.percent"),
    "_a": Bound(2_000.0, "A", "modes.bounds.current"),
    "_v": Bound(200.0, "V", "modes.bounds.voltage"),
    "_cm_min": Bound(10_000.0, "cm/min", "modes.bounds.travel_speed"),
    "_m_min": Bound(100.0, "m/min", "modes.bounds.wire_speed"),
    "_l_min": Bound(1_000.0, "L/min", "modes.bounds.gas_flow"),
}
#: Largest magnitude of a number without a unit (versions, weights, scores, directions).
PLAIN_BOUND = Bound(1.0e6, "", "modes.bounds.plain")
#: Longest seam (sum of its segments), mm: the cell's size; a seam is sampled every few mm.
MAX_SEAM_LENGTH_MM = 20_000.0


def _bound_of(path: list[str]) -> Bound:
    """The bound of a key from its path (innermost key first wins)."""
    for name in reversed(path):
        # longest suffix first: "_cm_min" before "_min"-like shorter ones
        for suffix in sorted(UNIT_BOUNDS, key=len, reverse=True):
            if name.endswith(suffix):
                return UNIT_BOUNDS[suffix]
    return PLAIN_BOUND


def _numbers(value: Any, path: list[str], dotted: str) -> Iterator[tuple[str, list[str], Any]]:
    """Every number under ``value``: ``(dotted key path, key names, number)``."""
    if isinstance(value, bool):
        return
    if isinstance(value, int | float):
        yield dotted, path, value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _numbers(item, [*path, str(key)], f"{dotted}.{key}" if dotted else key)
    elif isinstance(value, list):
        tables = any(isinstance(item, dict) for item in value)
        for index, item in enumerate(value):
            # an array of tables is indexed in messages; a list of numbers is one key
            yield from _numbers(item, path, f"{dotted}[{index}]" if tables else dotted)


def _shown(value: int | float, unit: str) -> Message:
    """The value as the message shows it: ``1e+08 mm``, or ``a 401-digit number``."""
    if isinstance(value, int) and abs(value) >= 10**15:
        return Message.of("modes.bounds.digits", digits=len(str(abs(value))))
    return Message.of("modes.bounds.value", value=f"{value:g}", unit=f" {unit}" if unit else "")


def _error(file: str, text: str, key: str, problem: Message) -> ModelFileError:
    line = locate_key(text, key)
    where = f"{file}:{line}" if line else file
    return located_error(where, Message.of("modes.file.key", key=key, problem=problem))


def check_bounds(data: dict, file: str, text: str) -> None:
    """Refuse a scenario whose numbers are beyond what a welding cell can hold.

    Parameters
    ----------
    data : dict
        The parsed TOML.
    file, text : str
        The file's name and text, to locate the key in messages.

    Raises
    ------
    ModelFileError
        ``FILE:LINE: key 'seams[0].points_mm': 1e+08 mm is out of bounds (at most 20000 mm:
        a welding cell is at most 20 m across)``; the same for a seam longer than
        :data:`MAX_SEAM_LENGTH_MM` and for nan/inf. Its message is in ``modes.po``.
    """
    for dotted, path, value in _numbers(data, [], ""):
        bound = _bound_of(path)
        if isinstance(value, float) and not math.isfinite(value):
            raise _error(file, text, dotted, Message.of("modes.bounds.not_finite",
                                                        value=str(value)))
        if abs(value) > bound.limit:
            unit = f" {bound.unit}" if bound.unit else ""
            raise _error(file, text, dotted, Message.of(
                "modes.bounds.out_of_bounds", value=_shown(value, bound.unit),
                limit=f"{bound.limit:g}{unit}", reason=bound.why))
    seams = data.get("seams")
    if isinstance(seams, list):
        for index, seam in enumerate(seams):
            points = seam.get("points_mm") if isinstance(seam, dict) else None
            length = _polyline_length_mm(points)
            if length > MAX_SEAM_LENGTH_MM:
                raise _error(file, text, f"seams[{index}].points_mm", Message.of(
                    "modes.bounds.seam_too_long", length=f"{length:.0f}",
                    limit=f"{MAX_SEAM_LENGTH_MM:g}"))


def _polyline_length_mm(points: Any) -> float:
    """Length of a list of [x, y, z] points (0 when it is not one; the loader says why)."""
    if not isinstance(points, list):
        return 0.0
    total, last = 0.0, None
    for point in points:
        if (not isinstance(point, list) or len(point) != 3
                or not all(isinstance(v, int | float) and not isinstance(v, bool)
                           for v in point)):
            return 0.0
        here = tuple(float(v) for v in point)  # bounded above, so no overflow
        if last is not None:
            total += math.dist(last, here)
        last = here
    return total
