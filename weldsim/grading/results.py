"""``results.csv``: one row per job file of a batch, for a spreadsheet.

UTF-8 with a byte-order mark (so Excel reads the names right), CRLF line ends, written
atomically. A text cell that a spreadsheet would take for a formula (it starts with ``=``,
``+``, ``-``, ``@``, a tab or a carriage return: a file name is chosen by a trainee) gets a
leading ``'``.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

__all__ = ["CSV_COLUMNS", "results_csv", "write_results_csv"]

CSV_COLUMNS = ("name", "file", "score", "passed", "level", "worst_1", "worst_2", "worst_3",
               "cycle_time_s", "errors", "mode")
"""Header of ``results.csv``. ``passed`` is ``yes``/``no``; ``score``, ``level`` and
``cycle_time_s`` are empty for a job that was not graded, whose ``errors`` says why.
``mode`` is ``practice`` or ``exam``, the mode the attempt was taken in (last, so that the
columns before it keep their places).

The header, ``yes``/``no``, the mode and the numbers (with a decimal point) are machine
fields and stay the same in every language, so scripts and spreadsheet formulas keep
working; only the trainees' texts (``worst_1..3``, ``errors``) are in the language of the
batch (``--lang``)."""

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _text(value: str) -> str:
    return "'" + value if value.startswith(_FORMULA_START) else value


def _number(value, fmt: str) -> str:
    return "" if value is None else format(value, fmt)


def results_csv(rows: list[dict]) -> str:
    """The CSV text (without the byte-order mark) of result rows from
    :func:`weldsim.grading.worker.grade_file`."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    for r in rows:
        worst = list(r["worst"]) + [""] * 3
        writer.writerow([
            _text(r["name"]), _text(r["file"]), _number(r["score"], ".2f"),
            "yes" if r["passed"] else "no", r["level"] or "",
            *(_text(w) for w in worst[:3]), _number(r["cycle_time_s"], ".3f"),
            _text(r["errors"] or ""), "exam" if r.get("mode") == "exam" else "practice",
        ])
    return out.getvalue()


def write_results_csv(rows: list[dict], path: str | Path) -> None:
    """Write :func:`results_csv` to ``path`` as UTF-8 with a BOM, atomically."""
    from weldsim.atomic import write_atomic

    write_atomic(path, results_csv(rows).encode("utf-8-sig"))
