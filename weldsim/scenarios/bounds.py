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
from weldsim.tomlfile import locate_key

__all__ = ["MAX_SEAM_LENGTH_MM", "PLAIN_BOUND", "UNIT_BOUNDS", "Bound", "check_bounds"]


class Bound(NamedTuple):
    """The largest magnitude a number in ``unit`` may have, and why."""

    limit: float
    unit: str
    reason: str


#: Largest magnitude by key suffix. A welding cell fits in a 20 m cube around the world origin;
#: angles are within one turn either way; a time within an hour (the longest cycle target).
UNIT_BOUNDS: dict[str, Bound] = {
    "_mm": Bound(20_000.0, "mm", "a welding cell is at most 20 m across"),
    "_deg": Bound(720.0, "deg", "an angle is within two turns"),
    "_s": Bound(3_600.0, "s", "a time is within an hour"),
    "_pct": Bound(1_000.0, "%", "a deviation is within 1000 %"),
    "_a": Bound(2_000.0, "A", "a welding current is within 2000 A"),
    "_v": Bound(200.0, "V", "an arc voltage is within 200 V"),
    "_cm_min": Bound(10_000.0, "cm/min", "a travel speed is within 100 m/min"),
    "_m_min": Bound(100.0, "m/min", "a wire feed speed is within 100 m/min"),
    "_l_min": Bound(1_000.0, "L/min", "a gas flow is within 1000 L/min"),
}
#: Largest magnitude of a number without a unit (versions, weights, scores, directions).
PLAIN_BOUND = Bound(1.0e6, "", "a number without a unit is within one million")
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


def _shown(value: int | float) -> str:
    if isinstance(value, int) and abs(value) >= 10**15:
        return f"a {len(str(abs(value)))}-digit number"
    return f"{value:g}"


def _error(file: str, text: str, key: str, message: str) -> ModelFileError:
    line = locate_key(text, key)
    where = f"{file}:{line}" if line else file
    return ModelFileError(f"{where}: key '{key}': {message}")


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
        :data:`MAX_SEAM_LENGTH_MM` and for nan/inf.
    """
    for dotted, path, value in _numbers(data, [], ""):
        bound = _bound_of(path)
        if isinstance(value, float) and not math.isfinite(value):
            raise _error(file, text, dotted, f"{value} is not a number a scenario can use")
        if abs(value) > bound.limit:
            unit = f" {bound.unit}" if bound.unit else ""
            shown = _shown(value)
            raise _error(file, text, dotted,
                         f"{shown}{'' if shown.startswith('a ') else unit} is out of bounds "
                         f"(at most "
                         f"{bound.limit:g}{unit}: {bound.reason})")
    seams = data.get("seams")
    if isinstance(seams, list):
        for index, seam in enumerate(seams):
            points = seam.get("points_mm") if isinstance(seam, dict) else None
            length = _polyline_length_mm(points)
            if length > MAX_SEAM_LENGTH_MM:
                raise _error(file, text, f"seams[{index}].points_mm",
                             f"the seam is {length:.0f} mm long, longer than the "
                             f"{MAX_SEAM_LENGTH_MM:g} mm a scenario may have")


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
