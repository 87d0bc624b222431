"""A database that is not a weldsim gradebook (another program's file given by mistake) is
refused with its reason and left exactly as it was: weldsim never adds a table or a column to
it. An empty file becomes a gradebook."""

from __future__ import annotations

import sqlite3
import sys
from pathlib import Path

import pytest

from weldsim.cli import main
from weldsim.errors import WeldsimError
from weldsim.grading.gradebook import Gradebook
from weldsim.i18n import render

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "i18n"))
from english_check import english_in


def _database(path, *statements: str) -> bytes:
    db = sqlite3.connect(path)
    for sql in statements:
        db.execute(sql)
    db.commit()
    db.close()
    return path.read_bytes()


@pytest.mark.parametrize(("statements", "reason"), [
    (("CREATE TABLE students (nis TEXT, name TEXT)",
      "INSERT INTO students VALUES ('0042', 'Sari')"),
     "it holds another program's tables (students) and no attempts"),
    (("CREATE TABLE attempts (id INTEGER, trainee TEXT, score REAL)",),
     "its attempts table is another program's, not weldsim's"),
])
@pytest.mark.parametrize("create", [True, False])
def test_another_programs_database_is_refused_and_left_untouched(tmp_path, statements, reason,
                                                                 create):
    path = tmp_path / "school.sqlite"
    before = _database(path, *statements)
    with pytest.raises(WeldsimError) as caught:
        Gradebook(path, create=create)
    assert render(caught.value.message, "en") == f"{path}: not a weldsim gradebook ({reason})"
    indonesian = render(caught.value.message, "id")
    assert indonesian.startswith(f"{path}: bukan buku nilai weldsim (")
    assert not english_in(indonesian.replace(str(tmp_path), "")), indonesian
    assert path.read_bytes() == before


def test_grade_into_another_programs_database_leaves_it_untouched(tmp_path, capsys):
    path = tmp_path / "school.sqlite"
    before = _database(path, "CREATE TABLE students (nis TEXT)")
    jobs = tmp_path / "class"
    jobs.mkdir()
    (jobs / "ani.job").write_text("JOB A\nEND\n", encoding="utf-8")
    code = main(["grade", "t-fillet-2f", str(jobs), "--gradebook", str(path),
                 "--out", str(tmp_path / "out"), "--no-report", "--lang", "id"])
    assert code == 2
    assert "bukan buku nilai weldsim (isinya tabel program lain (students), bukan percobaan)" \
        in capsys.readouterr().err
    assert path.read_bytes() == before


def test_an_empty_database_becomes_a_gradebook(tmp_path):
    path = tmp_path / "new.sqlite"
    _database(path)
    with Gradebook(path) as book:
        assert book.attempts() == []
