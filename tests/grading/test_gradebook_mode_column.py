"""``weldsim gradebook`` shows each attempt's mode: practice and exam attempts of one trainee
at one exercise are two rows, each with its own best and latest, the mode in the reader's
language (Latihan / Ujian); a file that is no gradebook is told in it too."""

from __future__ import annotations

import re

from weldsim.cli import main
from weldsim.grading.gradebook import Gradebook, history


def _row(name, sha, score, mode):
    return {"name": name, "file": f"{name}.job", "status": "graded", "score": score,
            "passed": score >= 70, "level": "B", "worst": ["", "", ""], "cycle_time_s": 40.0,
            "errors": "", "report": None, "json": None, "scenario": "t-fillet-2f",
            "scenario_version": 1, "sha256": sha, "mode": mode}


def _book(tmp_path):
    path = tmp_path / "book.sqlite"
    with Gradebook(path) as book:
        book.record(_row("ana", "a1", 61.0, "practice"))
        book.record(_row("ana", "a2", 93.0, "practice"))
        book.record(_row("ana", "a3", 74.0, "exam"))
        book.record(_row("ana", "a4", 88.0, "practice"))
        book.record(_row("budi", "b1", 72.0, "exam"))
    return path


def test_history_keeps_practice_and_exam_apart(tmp_path):
    with Gradebook(_book(tmp_path), create=False) as book:
        rows = history(book.attempts())
    assert [(h.trainee, h.mode, [a.score for a in h.attempts]) for h in rows] == [
        ("ana", "practice", [61.0, 93.0, 88.0]), ("ana", "exam", [74.0]),
        ("budi", "exam", [72.0])]
    assert rows[1].best.score == 74.0  # the exam's best is not the practice's 93


def _table_rows(out: str) -> list[list[str]]:
    """The cells of the table's body rows (rich's box characters as separators)."""
    rows = []
    for line in out.splitlines():
        if line.startswith("│"):
            rows.append([c.strip() for c in line.strip("│").split("│")])
    return rows


def _run(path, lang, capsys, *extra):
    assert main(["gradebook", str(path), "--lang", lang, *extra]) == 0
    return capsys.readouterr().out


def test_the_mode_column_in_indonesian(tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("COLUMNS", "200")
    out = _run(_book(tmp_path), "id", capsys)
    header = next(line for line in out.splitlines() if line.startswith("┃"))
    assert [c.strip() for c in header.strip("┃").split("┃")][2] == "Mode"
    rows = _table_rows(out)
    assert [(r[0], r[2], r[3]) for r in rows] == [
        ("ana", "Latihan", "3"), ("ana", "Ujian", "1"), ("budi", "Ujian", "1")]
    assert rows[0][6] == "61 → 93 → 88" and rows[1][6] == "74"
    assert "Practice" not in out and "Exam" not in out


def test_the_mode_column_in_english(tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("COLUMNS", "200")
    out = _run(_book(tmp_path), "en", capsys, "--trainee", "ana")
    assert [r[2] for r in _table_rows(out)] == ["Practice", "Exam"]
    assert not re.search(r"Latihan|Ujian", out)


def test_an_old_attempt_without_a_mode_is_practice(tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("COLUMNS", "200")
    path = tmp_path / "book.sqlite"
    with Gradebook(path) as book:
        row = _row("citra", "c1", 80.0, "practice")
        del row["mode"]
        book.record(row)
    assert [r[2] for r in _table_rows(_run(path, "id", capsys))] == ["Latihan"]


def test_a_database_that_is_not_a_gradebook_says_so_in_indonesian(tmp_path, capsys):
    import sqlite3
    import sys
    from pathlib import Path

    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "i18n"))
    from english_check import english_in

    other = tmp_path / "other.sqlite"
    db = sqlite3.connect(other)
    db.execute("CREATE TABLE x (a)")
    db.commit()
    db.close()
    junk = tmp_path / "junk.sqlite"
    junk.write_bytes(b"not a database at all" * 100)
    for path, reason in ((other, "isinya tabel program lain (x), bukan percobaan"),
                         (junk, "berkasnya rusak")):
        assert main(["gradebook", str(path), "--lang", "id"]) == 2
        err = capsys.readouterr().err
        assert f"{path}: " in err and f"({reason})" in err, err
        assert not english_in(err.replace(str(tmp_path), "")), err
