"""``weldsim grade`` with messy class folders (repro/grade): names that are not text, a
trainee named ``index``, a gradebook damaged or locked mid-batch, kill -9 of the grader.

Most jobs here are invalid on purpose (parsed, never run): the batch's file handling is under
test, and an invalid job is graded in milliseconds.
"""

from __future__ import annotations

import csv
import io
import json
import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

import weldsim
from weldsim.cli import main
from weldsim.grading import gradebook as gradebook_module
from weldsim.grading.names import display_text, unique_stems
from weldsim.scenarios.loader import SCENARIOS_DIR

REFERENCE = (SCENARIOS_DIR / "t-fillet-2f.job").read_bytes()
SCENARIO = "t-fillet-2f"
POSIX = pytest.mark.skipif(os.name == "nt", reason="POSIX file names and signals")


def _invalid(k: int) -> bytes:
    return f"JOB T{k}\nMOVEQ P{k}\nEND\n".encode()


def _csv(path: Path) -> list[dict]:
    return list(csv.DictReader(io.StringIO(path.read_bytes().decode("utf-8-sig"))))


def _trainees(book: Path) -> list[str]:
    db = sqlite3.connect(book)
    try:
        return [r[0] for r in db.execute("SELECT trainee FROM attempts ORDER BY id")]
    finally:
        db.close()


# -- make_badname.sh --------------------------------------------------------------------------


def test_names_that_are_not_text_are_escaped_and_kept_apart() -> None:
    a, b = os.fsdecode(b"bad\xffname"), os.fsdecode(b"bad\xfename")
    shown_a, shown_b = display_text(a), display_text(b)
    assert shown_a.startswith("bad\\xffname [") and shown_b.startswith("bad\\xfename [")
    assert shown_a != shown_b
    assert display_text(os.fsdecode(b"bad\\xffname")) != shown_a  # the literal text is apart
    shown_a.encode("utf-8")  # storable
    assert display_text("Budi Santoso") == "Budi Santoso"
    stems = unique_stems([a, b])
    assert len(set(stems)) == 2 and all(s.isascii() for s in stems)


@POSIX
def test_run_and_grade_with_a_name_that_is_not_text(tmp_path: Path, capsys) -> None:
    """make_badname.sh: 'run --json' and 'grade' used to crash (exit 1)."""
    folder = tmp_path / "cls"
    folder.mkdir()
    bad_ff = os.fsdecode(bytes(folder) + b"/bad\xffname.job")
    bad_fe = os.fsdecode(bytes(folder) + b"/bad\xfename.job")
    Path(bad_ff).write_bytes(REFERENCE)
    Path(bad_fe).write_bytes(_invalid(1))
    target = tmp_path / "out.json"
    assert main(["run", SCENARIO, bad_ff, "--json", str(target)]) == 0
    shown = json.loads(target.read_text(encoding="utf-8"))["job"]["file"]
    assert shown.startswith("bad\\xffname.job [") and shown.endswith("]")
    out = tmp_path / "out"
    assert main(["grade", SCENARIO, str(folder), "--out", str(out), "--workers", "1"]) == 0
    err = capsys.readouterr().err
    assert "Traceback" not in err
    rows = _csv(out / "results.csv")
    names = sorted(r["name"] for r in rows)
    assert len(set(names)) == 2, names  # two trainees, never one
    assert names[0].startswith("bad\\xfename [") and names[1].startswith("bad\\xffname [")
    by_name = {r["name"]: r for r in rows}
    assert by_name[names[1]]["passed"] == "yes" and by_name[names[0]]["passed"] == "no"
    assert sorted(set(_trainees(out / "gradebook.sqlite"))) == names
    reports = sorted(p.name for p in out.glob("*.json"))
    assert len(reports) == 1 and reports[0].isascii()


# -- index_collision.sh -----------------------------------------------------------------------


def test_a_trainee_named_index_keeps_the_report(tmp_path: Path) -> None:
    folder, out = tmp_path / "cls", tmp_path / "out"
    folder.mkdir()
    (folder / "index.job").write_bytes(REFERENCE)
    (folder / "Index.JOB").write_bytes(_invalid(2))
    assert main(["grade", SCENARIO, str(folder), "--out", str(out), "--workers", "1"]) == 0
    page = (out / "index.html").read_text(encoding="utf-8")
    rows = {r["file"]: r for r in _csv(out / "results.csv")}
    assert rows["index.job"]["passed"] == "yes"
    (report,) = [p for p in out.glob("*.html") if p.name != "index.html"]
    assert report.name.startswith("_index-")
    assert report.read_text(encoding="utf-8") != page
    assert f'href="{report.name}"' in page  # the class page links the trainee's report


# -- gradebook_corrupt_mid.sh -----------------------------------------------------------------


def _class(folder: Path, count: int) -> None:
    folder.mkdir()
    for k in range(count):
        (folder / f"t{k:02d}.job").write_bytes(_invalid(k))


def test_a_damaged_gradebook_still_gives_the_results_exit_2(tmp_path: Path, capsys) -> None:
    folder, out = tmp_path / "cls", tmp_path / "out"
    _class(folder, 40)
    argv = ["grade", SCENARIO, str(folder), "--out", str(out), "--workers", "1"]
    assert main(argv) == 0
    book = out / "gradebook.sqlite"
    data = bytearray(book.read_bytes())
    assert len(data) > 8192  # pages beyond the header to damage
    rng = random.Random(5)
    for i in range(4096, len(data), 97):
        data[i] = rng.randrange(256)
    book.write_bytes(bytes(data))
    (folder / "t01.job").write_bytes(_invalid(101))  # a changed job: something to record
    (out / "results.csv").unlink()
    capsys.readouterr()
    for extra in ([], ["--resume"]):
        assert main([*argv, *extra]) == 2
        err = capsys.readouterr().err
        assert "Traceback" not in err
        assert f"{book}: cannot" in err and "the file is damaged" in err, err
        assert "the results are written" in err
        rows = _csv(out / "results.csv")
        assert len(rows) == 40 and (out / "index.html").is_file()
        (out / "results.csv").unlink()


# -- gradebook_locked_mid.sh ------------------------------------------------------------------


def test_a_gradebook_locked_mid_batch_still_gives_the_results_exit_2(
        tmp_path: Path, capsys, monkeypatch) -> None:
    """Another program takes a write lock after the first attempt is recorded."""
    folder, out = tmp_path / "cls", tmp_path / "out"
    _class(folder, 8)
    out.mkdir()
    book = out / "gradebook.sqlite"
    holder: list[sqlite3.Connection] = []
    real_record = gradebook_module.Gradebook.record

    def record_then_lock(self, row, report=None):
        real_record(self, row, report)
        if not holder:  # a second program locks the file now
            other = sqlite3.connect(book, isolation_level=None)
            other.execute("BEGIN EXCLUSIVE")
            holder.append(other)

    monkeypatch.setattr(gradebook_module.Gradebook, "record", record_then_lock)
    try:
        code = main(["grade", SCENARIO, str(folder), "--out", str(out), "--workers", "1"])
    finally:
        for other in holder:
            other.rollback()
            other.close()
    err = capsys.readouterr().err
    assert code == 2 and "Traceback" not in err
    assert "another program holds it locked" in err, err
    assert "7 attempt(s) of this batch are not in the gradebook" in err
    assert len(_csv(out / "results.csv")) == 8
    assert _trainees(book) == ["t00"]


def test_an_unusable_gradebook_from_the_start_still_gives_the_results(tmp_path: Path,
                                                                      capsys) -> None:
    folder, out = tmp_path / "cls", tmp_path / "out"
    _class(folder, 3)
    not_a_book = tmp_path / "notes.txt"
    not_a_book.write_text("not a database, " * 400)
    assert main(["grade", SCENARIO, str(folder), "--out", str(out), "--workers", "1",
                 "--gradebook", str(not_a_book)]) == 2
    err = capsys.readouterr().err
    assert "not a weldsim gradebook" in err and "3 attempt(s)" in err
    assert len(_csv(out / "results.csv")) == 3


# -- kill9_orphans.sh -------------------------------------------------------------------------


def _children(pid: int) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            if int(stat.rsplit(")", 1)[1].split()[1]) == pid:
                found.append(int(entry.name))
    return found


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="Linux /proc")
def test_kill_9_of_grade_ends_its_workers(tmp_path: Path) -> None:
    folder = tmp_path / "cls"
    folder.mkdir()
    for k in range(6):
        (folder / f"t{k}.job").write_bytes(REFERENCE.replace(b"I=270A", f"I={256 + k}A".encode()))
    grader = subprocess.Popen(
        [sys.executable, "-m", "weldsim", "grade", SCENARIO, str(folder), "--out",
         str(tmp_path / "out"), "--workers", "2"],
        cwd=Path(weldsim.__file__).parents[1], stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL)
    try:
        workers: list[int] = []
        for _ in range(600):  # until both workers (and the resource tracker) run; 60 s at most
            workers = _children(grader.pid)
            if len(workers) >= 3 or grader.poll() is not None:
                break
            time.sleep(0.1)
        assert len(workers) >= 3, "the pool did not start"
        grader.send_signal(signal.SIGKILL)
        grader.wait()
        for _ in range(300):  # they watch their parent: gone within moments (30 s at most)
            if not any(_alive(p) for p in workers):
                break
            time.sleep(0.1)
        left = [p for p in workers if _alive(p)]
        for pid in left:
            os.kill(pid, signal.SIGKILL)
        assert left == [], "workers outlived the grader"
    finally:
        if grader.poll() is None:
            grader.kill()
