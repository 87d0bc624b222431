"""Strict reading of weldsim's TOML files (robot models, scenarios).

Every error names the file and the dotted key (``seams[1].points_mm``), so a teacher editing a
file by hand sees where the mistake is. Unknown keys are errors: a typo never silently becomes
a default. Each error carries its text as a :class:`~weldsim.i18n.Message` (``modes.po``), so
the command line shows it in the reader's language; ``str(error)`` is the English.
"""

from __future__ import annotations

import math
import re
import tomllib
from pathlib import Path
from typing import Any

import numpy as np

from weldsim.errors import ModelFileError
from weldsim.i18n import Message, Qty
from weldsim.safe_read import os_reason

__all__ = ["MAX_FILE_BYTES", "StrictTable", "brief", "bundled_ids", "locate_key", "located_error",
           "quantity", "range_problem", "read_toml_file", "resolve_bundled"]

#: Largest model or scenario file accepted (bytes).
MAX_FILE_BYTES = 1 << 20


def bundled_ids(folder: Path) -> list[str]:
    """Ids (file stems) of the TOML files in a bundled-data folder, sorted."""
    return sorted(p.stem for p in folder.glob("*.toml"))


def resolve_bundled(ref: str | Path, folder: Path, what: str, error: type[Exception]) -> Path:
    """The file a reference names: a path (a :class:`~pathlib.Path`, a ``.toml`` name or
    anything with a folder part) as it is, otherwise the bundled ``folder/<ref>.toml``.

    Raises ``error`` naming the bundled ids when ``ref`` is an unknown id.
    """
    candidate = Path(ref)
    if isinstance(ref, Path) or candidate.suffix.lower() == ".toml" or len(candidate.parts) > 1:
        return candidate
    path = folder / f"{ref}.toml"
    if not path.is_file():
        known = ", ".join(bundled_ids(folder))
        if what in _UNKNOWN:
            raise error(message=Message.of(_UNKNOWN[what], ref=repr(str(ref)), known=known))
        raise error(f"unknown {what} {str(ref)!r}; bundled {what}s: {known}")
    return path


_UNKNOWN = {"scenario": "modes.unknown.scenario", "robot": "modes.unknown.robot",
            "achievement": "modes.unknown.achievement"}


def read_toml_file(path: Path, what: str) -> tuple[dict, str]:
    """Read a UTF-8 TOML file of at most 1 MiB; return its data and its text.

    Parameters
    ----------
    path : pathlib.Path
        The file.
    what : str
        What the file is, for messages ("robot file", "scenario file").

    Raises
    ------
    ModelFileError
        Unreadable, too large, not UTF-8 or not TOML; the message names the file (and the
        line and column TOML reports).
    """
    file = str(path)
    thing = _what(what)
    try:
        with open(path, "rb") as fh:
            raw = fh.read(MAX_FILE_BYTES + 1)
    except OSError as exc:
        raise located_error(file, Message.of("modes.toml.cannot_read", what=thing,
                                             reason=os_reason(exc))) from None
    if len(raw) > MAX_FILE_BYTES:
        raise located_error(file, Message.of("modes.toml.too_large", what=thing))
    try:
        text = raw.decode("utf-8")
        return tomllib.loads(text), text
    except UnicodeDecodeError as exc:
        raise located_error(file, Message.of("modes.toml.not_utf8", byte=exc.start)) from None
    except tomllib.TOMLDecodeError as exc:
        raise located_error(file, Message.of("modes.toml.invalid",
                                             detail=_toml_detail(str(exc)))) from None
    except ValueError:  # int() refuses more than 4,300 digits: tomllib lets it through
        line = _long_number_line(text)
        where = f"{file}:{line}" if line else file
        raise located_error(where, Message.of("modes.toml.too_many_digits",
                                              digits=f"{_MAX_DIGITS:,}")) from None


def located_error(where: str, problem: Message) -> ModelFileError:
    """A :class:`ModelFileError` ``WHERE: PROBLEM`` (``where``: the file, ``file:line``)."""
    return ModelFileError(message=Message.of("modes.file.at", where=where, problem=problem))


_WHAT = {"scenario file": "modes.what.scenario_file", "robot file": "modes.what.robot_file",
         "achievement file": "modes.what.achievement_file",
         "issuer file": "modes.what.issuer_file"}


def _what(what: str) -> Message | str:
    """What a file is, as a message when the catalogue names it."""
    return Message.of(_WHAT[what]) if what in _WHAT else what


# tomllib's own messages (Python 3.11-3.13) -> catalogue keys; any other stays as tomllib
# wrote it.
_TOML_MESSAGES = {
    "Invalid value": "modes.toml.msg.invalid_value",
    "Invalid statement": "modes.toml.msg.invalid_statement",
    "Expected newline or end of document after a statement":
        "modes.toml.msg.expected_newline",
    "Expected '=' after a key in a key/value pair": "modes.toml.msg.expected_equals",
    "Invalid initial character for a key part": "modes.toml.msg.invalid_key",
    "Cannot overwrite a value": "modes.toml.msg.overwrite",
    "Unclosed array": "modes.toml.msg.unclosed_array",
    "Unclosed inline table": "modes.toml.msg.unclosed_table",
    "Unterminated string": "modes.toml.msg.unterminated_string",
    "Illegal character": "modes.toml.msg.illegal_character",
    "Expected ']' at the end of a table declaration": "modes.toml.msg.expected_bracket",
    "Expected ']]' at the end of an array declaration": "modes.toml.msg.expected_brackets",
}
# tomllib's messages with a part of the file in them (a table's name, a character) -> keys of
# loaders.po with that part as a field; also those of modes.po's table that carry one.
_TOML_PATTERNS: tuple[tuple[re.Pattern, str], ...] = tuple(
    (re.compile(pattern + r"\Z", re.S), key) for pattern, key in (
        (r"Cannot declare (?P<table>\(.*\)) twice", "loaders.toml.declared_twice"),
        (r"Cannot mutate immutable namespace (?P<table>\(.*\))", "loaders.toml.immutable"),
        (r"Cannot redefine namespace (?P<table>\(.*\))", "loaders.toml.redefine"),
        (r"Duplicate inline table key (?P<key>'.*'|\".*\")", "loaders.toml.inline_twice"),
        (r"Expected (?P<char>'.*'|\".*\")", "loaders.toml.expected"),
        (r"(?:Found invalid|Illegal) character (?P<char>'.*'|\".*\")",
         "loaders.toml.bad_character"),
        (r"Unescaped '\\' in a string", "loaders.toml.backslash"),
        (r"Escaped character is not a Unicode scalar value", "loaders.toml.bad_escape"),
        (r"Invalid date or datetime", "loaders.toml.bad_date"),
        (r"Invalid hex value", "loaders.toml.bad_hex"),
    ))


def _dotted(table: str) -> str:
    """tomllib's ``('links', 'foo')`` as the ``links.foo`` a teacher wrote."""
    import ast

    try:
        parts = ast.literal_eval(table)
    except (ValueError, SyntaxError):
        return table
    if isinstance(parts, tuple) and all(isinstance(p, str) for p in parts):
        return ".".join(parts)
    return table


def _toml_what(what: str) -> Message | str:
    """One of tomllib's messages as a message of the catalogue, else as it is."""
    known = _TOML_MESSAGES.get(what)
    if known:
        return Message.of(known)
    for pattern, key in _TOML_PATTERNS:
        m = pattern.match(what)
        if m is not None:
            fields = m.groupdict()
            if "table" in fields:
                fields["table"] = _dotted(fields["table"])
            return Message.of(key, **fields)
    return what


_TOML_AT = re.compile(r"^(?P<what>.*?) \(at line (?P<line>\d+), column (?P<column>\d+)\)$", re.S)
_TOML_END = re.compile(r"^(?P<what>.*?) \(at end of document\)$", re.S)


def _toml_detail(text: str) -> Message | str:
    """tomllib's ``Invalid value (at line 3, column 9)`` as a message (the same English)."""
    for pattern, key in ((_TOML_AT, "modes.toml.at"), (_TOML_END, "modes.toml.at_end")):
        m = pattern.match(text)
        if m is not None:
            params = {k: int(v) for k, v in m.groupdict().items() if k != "what"}
            return Message.of(key, what=_toml_what(m.group("what")), **params)
    return text


#: Python's int() limit on decimal digits (sys.get_int_max_str_digits() default).
_MAX_DIGITS = 4_300
_LONG_NUMBER = re.compile(rf"[0-9_]{{{_MAX_DIGITS + 1},}}")


def _long_number_line(text: str) -> int | None:
    """Line (1-based) of the first run of more than 4,300 digits in ``text``."""
    match = _LONG_NUMBER.search(text)
    return None if match is None else text.count("\n", 0, match.start()) + 1


def _to_float(value: int | float) -> float | None:
    """``float(value)``, or None when an integer is too large for a float."""
    try:
        return float(value)
    except OverflowError:
        return None


_PART = re.compile(r"([A-Za-z0-9_\-]+)(?:\[(\d+)\])?")


def locate_key(text: str, key_path: str) -> int | None:
    """Line (1-based) of the dotted ``key_path`` (``seams[1].points_mm``) in TOML ``text``.

    A light scan of table headers and ``key =`` lines, good enough to point a person at the
    place; the line of the longest matching prefix when the key itself is absent (a missing
    key points at its table). None when nothing matches.
    """
    target = [(name, int(idx) if idx else None) for name, idx in _PART.findall(key_path)]
    current: list[tuple[str, int | None]] = []
    counts: dict[tuple[str, ...], int] = {}
    best_line, best_len = None, 0
    for lineno, line in enumerate(text.splitlines(), 1):
        s = line.strip()
        if s.startswith("[["):
            key = tuple(part.strip() for part in s[2:s.find("]]")].split("."))
            counts[key] = counts.get(key, -1) + 1
            current = [(n, None) for n in key[:-1]] + [(key[-1], counts[key])]
            path = current
        elif s.startswith("["):
            key = tuple(part.strip() for part in s[1:s.find("]")].split("."))
            # a sub-table of the last array entry keeps that entry's index
            current = [(n, counts.get(key[: i + 1])) for i, n in enumerate(key)]
            path = current
        elif "=" in s and not s.startswith("#"):
            path = [*current, (s.split("=", 1)[0].strip().strip('"'), None)]
        else:
            continue
        n = 0
        for (name, idx), (tname, tidx) in zip(path, target, strict=False):
            if name != tname or (tidx is not None and idx is not None and idx != tidx):
                break
            n += 1
        if n == len(path) and n > best_len:
            best_line, best_len = lineno, n
            if n == len(target):
                return lineno
    return best_line


def brief(value: Any, limit: int = 80) -> Message | str:
    """``repr(value)`` cut to ``limit`` characters for a message (a value may be huge); an
    integer of more than 15 digits as ``a 400-digit number``."""
    if isinstance(value, int) and not isinstance(value, bool) and abs(value) >= 10**15:
        try:
            return Message.of("modes.bounds.digits", digits=len(str(abs(value))))
        except ValueError:  # an int of more than 4,300 digits
            return Message.of("modes.toml.number_too_long")
    try:
        text = repr(value)
    except ValueError:  # an int of more than 4,300 digits
        return Message.of("modes.toml.number_too_long")
    return text if len(text) <= limit else text[: limit - 3] + "..."


_brief = brief  # the name the readers below use


#: Largest magnitude shown as a plain number with its unit; beyond it ``1e+300 m``.
_PLAIN_LIMIT = 1e9


def quantity(value: float, unit: str) -> Qty | Message:
    """``value`` in ``unit`` for a message, with as many decimals as it was written with
    (at most 6): ``0.05 m`` (``0,05 m`` in Indonesian), ``1e+300 m`` when it is huge."""
    if not math.isfinite(value) or abs(value) >= _PLAIN_LIMIT:
        return Message.of("modes.bounds.value", value=f"{value:g}",
                          unit=unit if unit in ("", "°") else f" {unit}")  # as a Qty is
    digits = next((d for d in range(7) if abs(round(value, d) - value) <= 1e-9 * max(
        1.0, abs(value))), 6)
    return Qty(float(value), unit, digits)


def range_problem(value: float, lo: float, hi: float, unit: str, *,
                  lo_open: bool = False) -> Message:
    """``0.06 m is out of range: it must be more than 0 m and at most 0.05 m`` (``loaders.po``);
    an infinite bound is left out (``at least 0 m``, ``at most 5 m``)."""
    v = quantity(value, unit)
    if not math.isfinite(hi):
        return Message.of("loaders.value.above" if lo_open else "loaders.value.at_least",
                          value=v, lo=quantity(lo, unit))
    if not math.isfinite(lo):
        return Message.of("loaders.value.at_most", value=v, hi=quantity(hi, unit))
    return Message.of("loaders.value.out_of_range_open" if lo_open
                      else "loaders.value.out_of_range",
                      value=v, lo=quantity(lo, unit), hi=quantity(hi, unit))


class StrictTable:
    """Typed, strict access to one TOML table; remembers which keys were read.

    Call :meth:`finish` after reading every key to reject the unknown ones.
    """

    def __init__(self, data: Any, where: str, file: str, text: str | None = None):
        self.data, self.where, self.file, self.text = data, where, file, text
        if not isinstance(data, dict):
            raise self._error(where, Message.of("modes.toml.not_table", key=where) if where
                              else Message.of("modes.toml.file_not_table"))
        self.used: set[str] = set()

    def _error(self, key_path: str, message: Message | str) -> ModelFileError:
        line = locate_key(self.text, key_path) if self.text and key_path else None
        where = f"{self.file}:{line}" if line else self.file
        if isinstance(message, Message):
            return located_error(where, message)
        return ModelFileError(f"{where}: {message}")  # a caller's English text

    def key_path(self, key: str) -> str:
        """Dotted path of ``key`` in this table."""
        return f"{self.where}.{key}" if self.where else key

    def fail(self, key: str, message: Message | str) -> ModelFileError:
        """An error located at ``key`` (raise it): ``FILE:LINE: key 'a.b': message``.

        ``message`` is a :class:`~weldsim.i18n.Message` (or, from older callers, English
        text: then the whole error is English only).
        """
        path = self.key_path(key)
        if isinstance(message, Message):
            return self._error(path, Message.of("modes.file.key", key=path, problem=message))
        return self._error(path, f"key '{path}': {message}")

    def has(self, key: str) -> bool:
        """Whether the optional ``key`` is present."""
        return key in self.data

    def raw(self, key: str) -> Any:
        """The value of a required key, unchecked."""
        if key not in self.data:
            raise self._error(self.where, Message.of("modes.toml.missing_key",
                                                     key=self.key_path(key)))
        self.used.add(key)
        return self.data[key]

    def number(self, key: str, *, lo: float = -math.inf, hi: float = math.inf,
               lo_open: bool = False, unit: str | None = None) -> float:
        """A finite number in ``[lo, hi]`` (``(lo, hi]`` with ``lo_open``).

        With ``unit`` (``"m"``, ``"kg"``, ``"°"``; ``""`` for a plain number) a value out of
        range is told with its unit and the range in it (:func:`range_problem`); without, in
        the older words of ``modes.po``. nan and inf are refused as not usable numbers.
        """
        value = self.raw(key)
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise self.fail(key, Message.of("modes.toml.not_number", got=_brief(value)))
        as_float = _to_float(value)
        if as_float is None:
            raise self.fail(key, Message.of("modes.toml.digits_out_of_range",
                                            digits=len(str(abs(value)))))
        value = as_float
        if not math.isfinite(value):
            raise self.fail(key, Message.of("loaders.value.not_finite", value=str(value)))
        if value < lo or value > hi or (lo_open and value == lo):
            if unit is not None:
                raise self.fail(key, range_problem(value, lo, hi, unit, lo_open=lo_open))
            raise self.fail(key, Message.of(
                "modes.toml.out_of_range_open" if lo_open else "modes.toml.out_of_range",
                value=f"{value:g}", lo=f"{lo:g}", hi=f"{hi:g}"))
        return value

    def string(self, key: str, choices: tuple[str, ...] | None = None) -> str:
        """A non-empty string, one of ``choices`` when given."""
        value = self.raw(key)
        if not isinstance(value, str) or not value.strip():
            raise self.fail(key, Message.of("modes.toml.not_string", got=_brief(value)))
        if choices is not None and value not in choices:
            raise self.fail(key, Message.of("modes.toml.not_one_of", value=_brief(value),
                                            choices=", ".join(choices)))
        return value

    def integer(self, key: str, *, lo: int, hi: int) -> int:
        """A whole number in ``[lo, hi]``."""
        value = self.raw(key)
        if isinstance(value, bool) or not isinstance(value, int) or not lo <= value <= hi:
            raise self.fail(key, Message.of("modes.toml.not_integer", lo=str(lo), hi=str(hi),
                                            got=_brief(value)))
        return value

    def boolean(self, key: str) -> bool:
        """``true`` or ``false``."""
        value = self.raw(key)
        if not isinstance(value, bool):
            raise self.fail(key, Message.of("modes.toml.not_boolean", got=_brief(value)))
        return value

    def vector(self, key: str, n: int | None = None) -> np.ndarray:
        """A list of ``n`` finite numbers (any length when ``n`` is None) as float64."""
        value = self.raw(key)
        if (
            not isinstance(value, list)
            or (n is not None and len(value) != n)
            or any(isinstance(v, bool) or not isinstance(v, int | float) for v in value)
        ):
            if n is None:
                raise self.fail(key, Message.of("modes.toml.not_numbers", got=_brief(value)))
            raise self.fail(key, Message.of("modes.toml.not_vector", count=n,
                                            got=_brief(value)))
        return self._finite(key, value)

    def _finite(self, key: str, value: list) -> np.ndarray:
        """``value`` (numbers, or lists of them) as float64; huge integers, nan, inf refused."""
        try:
            arr = np.array(value, dtype=float)
        except OverflowError:
            raise self.fail(key, Message.of("modes.toml.integer_too_large")) from None
        if not np.isfinite(arr).all():
            raise self.fail(key, Message.of("modes.toml.not_finite"))
        return arr

    def matrix(self, key: str, cols: int, min_rows: int = 1) -> np.ndarray:
        """A list of at least ``min_rows`` lists of ``cols`` finite numbers, (rows, cols)."""
        value = self.raw(key)
        ok = isinstance(value, list) and len(value) >= min_rows and all(
            isinstance(row, list) and len(row) == cols
            and all(not isinstance(v, bool) and isinstance(v, int | float) for v in row)
            for row in value
        )
        if not ok:
            raise self.fail(key, Message.of("modes.toml.not_matrix", rows=min_rows, cols=cols,
                                            got=_brief(value)))
        return self._finite(key, value)

    def table(self, key: str) -> StrictTable:
        """A sub-table."""
        return StrictTable(self.raw(key), self.key_path(key), self.file, self.text)

    def tables(self, key: str, *, min_count: int = 1) -> list[StrictTable]:
        """An array of tables (``[[key]]``) with at least ``min_count`` entries."""
        value = self.raw(key)
        if not isinstance(value, list) or len(value) < min_count:
            raise self.fail(key, Message.of("modes.toml.not_tables", count=min_count,
                                            name=key))
        return [StrictTable(v, f"{self.key_path(key)}[{i}]", self.file, self.text)
                for i, v in enumerate(value)]

    def finish(self) -> None:
        """Reject keys that were never read."""
        unknown = sorted(set(self.data) - self.used)
        if unknown:
            path = self.key_path(unknown[0])
            message = (Message.of("modes.toml.unknown_keys", key=path, more=len(unknown) - 1)
                       if len(unknown) > 1 else Message.of("modes.toml.unknown_key", key=path))
            raise self._error(path, message)
