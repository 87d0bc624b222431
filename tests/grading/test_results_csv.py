"""``results.csv``: a BOM for Excel, one row per file, no formulas from trainees' names."""

from __future__ import annotations

import csv
import io

from weldsim.grading.results import CSV_COLUMNS, write_results_csv


def _row(**kw):
    row = {"name": "ana", "file": "ana.job", "status": "graded", "score": 87.456,
           "passed": True, "level": "B", "worst": ["a (line 3)", "", ""], "cycle_time_s": 43.0481,
           "errors": "", "report": None, "json": "ana.json"}
    row.update(kw)
    return row


def test_bom_header_and_rows(tmp_path):
    rows = [_row(), _row(name="=HYPERLINK(\"x\")", file="=HYPERLINK(\"x\").job", status="invalid",
                         score=None, passed=False, level=None, worst=["", "", ""],
                         cycle_time_s=None, errors="-x.job:1:1: the job is empty")]
    path = tmp_path / "results.csv"
    write_results_csv(rows, path)
    data = path.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    table = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
    assert tuple(table[0]) == CSV_COLUMNS
    assert table[1] == ["ana", "ana.job", "87.46", "yes", "B", "a (line 3)", "", "", "43.048", "",
                        "practice"]
    assert table[2][0].startswith("'=") and table[2][1].startswith("'=")
    assert table[2][2:5] == ["", "no", ""] and table[2][-2].startswith("'-x.job")
    assert not list(tmp_path.glob(".*.tmp"))


def test_the_mode_column_says_which_mode_each_attempt_was(tmp_path):
    """The last column: ``exam`` for an exam attempt, ``practice`` otherwise (also for a row
    kept from a gradebook that did not record the mode)."""
    rows = [_row(mode="exam"), _row(name="budi", mode="practice"), _row(name="citra")]
    path = tmp_path / "results.csv"
    write_results_csv(rows, path)
    table = list(csv.reader(io.StringIO(path.read_bytes().decode("utf-8-sig"))))
    assert CSV_COLUMNS[-1] == "mode" and table[0][-1] == "mode"
    assert [r[-1] for r in table[1:]] == ["exam", "practice", "practice"]
