"""The gradebook records each attempt's mode; a gradebook written before it did is migrated
(its attempts count as practice), or read as it is when opened only to read."""

from __future__ import annotations

import json
import sqlite3

from weldsim.grading.gradebook import Gradebook
from weldsim.grading.worker import ROW_KEYS

# the table as weldsim wrote it before the mode was recorded
_OLD_SCHEMA = """
CREATE TABLE attempts (
    id               INTEGER PRIMARY KEY AUTOINCREMENT,
    trainee          TEXT    NOT NULL,
    scenario         TEXT    NOT NULL,
    scenario_version INTEGER NOT NULL,
    job_sha256       TEXT    NOT NULL,
    status           TEXT    NOT NULL,
    score            REAL,
    passed           INTEGER NOT NULL,
    level            TEXT,
    report           TEXT,
    graded_at        TEXT    NOT NULL,
    row_json         TEXT    NOT NULL
);
CREATE INDEX attempts_key ON attempts (trainee, scenario, scenario_version, job_sha256);
"""


def _row(name, sha, score, mode=None):
    row = {"name": name, "file": f"{name}.job", "status": "graded", "score": score,
           "passed": score >= 70, "level": "B", "worst": ["", "", ""], "cycle_time_s": 40.0,
           "errors": "", "report": None, "json": None, "scenario": "t-fillet-2f",
           "scenario_version": 1, "sha256": sha}
    if mode is not None:
        row["mode"] = mode
    return row


def _old_gradebook(path):
    db = sqlite3.connect(path)
    db.executescript(_OLD_SCHEMA)
    old = _row("ana", "a1", 88.0)  # an old row: no "mode" key either
    db.execute("INSERT INTO attempts (trainee, scenario, scenario_version, job_sha256, status, "
               "score, passed, level, report, graded_at, row_json) VALUES "
               "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
               ("ana", "t-fillet-2f", 1, "a1", "graded", 88.0, 1, "B", None,
                "2026-11-01T08:00:00.000000Z", json.dumps(old)))
    db.commit()
    db.close()


def _columns(path):
    db = sqlite3.connect(path)
    try:
        return [r[1] for r in db.execute("PRAGMA table_info(attempts)")]
    finally:
        db.close()


def test_each_attempt_records_its_mode(tmp_path):
    path = tmp_path / "book.sqlite"
    with Gradebook(path) as book:
        book.record(_row("ana", "a1", 75.0, "practice"))
        book.record(_row("ana", "a1", 80.0, "exam"))
        book.record(_row("budi", "b1", 72.0))  # a row without a mode is practice
        assert [a.mode for a in book.attempts()] == ["practice", "exam", "practice"]
        # the same job graded as practice and as an exam: two attempts, each found by mode
        assert book.find("ana", "t-fillet-2f", 1, "a1")["score"] == 75.0
        assert book.find("ana", "t-fillet-2f", 1, "a1", "exam")["score"] == 80.0
        assert book.find("budi", "t-fillet-2f", 1, "b1", "exam") is None


def test_an_old_gradebook_is_migrated_when_opened_for_grading(tmp_path):
    path = tmp_path / "old.sqlite"
    _old_gradebook(path)
    assert "mode" not in _columns(path)
    with Gradebook(path) as book:
        assert "mode" in _columns(path)
        (old,) = book.attempts()
        assert old.mode == "practice" and old.score == 88.0
        row = book.find("ana", "t-fillet-2f", 1, "a1")
        assert row["mode"] == "practice" and set(ROW_KEYS) <= set(row)  # resumable
        book.record(_row("ana", "a2", 90.0, "exam"))
        assert [a.mode for a in book.attempts()] == ["practice", "exam"]
    with Gradebook(path) as book:  # opened again: nothing more to migrate
        assert [a.mode for a in book.attempts()] == ["practice", "exam"]


def test_an_old_gradebook_opened_to_read_is_left_as_it_is(tmp_path):
    path = tmp_path / "old.sqlite"
    _old_gradebook(path)
    before = path.read_bytes()
    with Gradebook(path, create=False) as book:
        assert [a.mode for a in book.attempts()] == ["practice"]
        assert book.find("ana", "t-fillet-2f", 1, "a1")["mode"] == "practice"
        assert book.find("ana", "t-fillet-2f", 1, "a1", "exam") is None
    assert path.read_bytes() == before and "mode" not in _columns(path)
