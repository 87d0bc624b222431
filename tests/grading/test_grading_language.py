"""What grading refuses, and why a gradebook cannot be used, in the teacher's language: the
English as before, Indonesian with no English left."""

from __future__ import annotations

import sqlite3
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "i18n"))
from english_check import english_in

from weldsim.errors import WeldsimError
from weldsim.grading.files import RefusedFileError, list_jobs, read_job_in
from weldsim.grading.gradebook import _problem
from weldsim.program import JobLimits


def _both(exc: WeldsimError, english: str, indonesian: str, path: Path | None = None,
          technical: str = "") -> None:
    """``exc`` in both languages; ``path`` and the ``technical`` detail (a library's own
    words) are left out of the check for English."""
    assert exc.message is not None
    assert english in str(exc) and str(exc) == exc.text("en")
    text = exc.text("id")
    assert indonesian in text, text
    checked = text.replace(str(path), "") if path else text
    assert not english_in(checked.replace(technical, "")), text


def test_a_folder_is_refused(tmp_path):
    (tmp_path / "x.job").mkdir()
    with pytest.raises(RefusedFileError) as info:
        read_job_in(tmp_path / "x.job", tmp_path, JobLimits())
    _both(info.value, "not a regular file", "bukan berkas biasa")


def test_a_link_out_of_the_class_is_refused(tmp_path):
    outside = tmp_path / "outside.job"
    outside.write_text("JOB A\nEND\n", encoding="utf-8")
    folder = tmp_path / "class"
    folder.mkdir()
    (folder / "a.job").symlink_to(outside)
    with pytest.raises(RefusedFileError) as info:
        read_job_in(folder / "a.job", folder, JobLimits())
    _both(info.value, "outside the class folder", "di luar folder kelas")


def test_a_missing_class_folder(tmp_path):
    missing = tmp_path / "nope"
    with pytest.raises(WeldsimError) as info:
        list_jobs(missing)
    _both(info.value, "cannot list the class folder: No such file or directory",
          "isi folder kelas tidak bisa dibaca: berkas atau folder itu tidak ada", missing)


@pytest.mark.parametrize(("sqlite_text", "english", "indonesian"), [
    ("database is locked", "another program holds it locked", "program lain sedang menguncinya"),
    ("database disk image is malformed", "the file is damaged", "berkasnya rusak"),
    ("database or disk is full", "the disk is full", "disk penuh"),
])
def test_a_gradebook_problem(tmp_path, sqlite_text, english, indonesian):
    exc = _problem(tmp_path / "g.sqlite", "write to", sqlite3.OperationalError(sqlite_text))
    assert str(exc).startswith(f"{tmp_path / 'g.sqlite'}: cannot write to the gradebook: ")
    # a usual reason is said in the reader's words alone, without SQLite's English
    _both(exc, english, indonesian, tmp_path / "g.sqlite")
    assert sqlite_text not in exc.text("id") and sqlite_text not in exc.text("en")


def test_an_unusual_gradebook_problem_gives_sqlites_words_as_sqlites():
    exc = _problem(Path("g.sqlite"), "read", sqlite3.OperationalError("too many attached"))
    assert exc.text("en") == ("g.sqlite: cannot read the gradebook: the database refused it "
                              "(SQLite: too many attached)")
    assert exc.text("id").endswith("database menolaknya (SQLite: too many attached)")
