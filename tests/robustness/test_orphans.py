"""Temporary files of killed writes are removed when a program starts in their folder.

``weldsim.atomic.remove_orphans_in`` removes, in one folder, the ``.NAME.<pid>.<hex>.tmp``
files whose writer has ended, whatever file they were writing; the pendant calls it for its
job's folder (when it reads the job) and its recovery folder (when it looks for autosaved
work), ``grade`` for its output folder.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from weldsim.atomic import remove_orphans_in, temp_name
from weldsim.grading.batch import grade_with_pool
from weldsim.grading.worker import GradeOptions
from weldsim.pendant import files

POSIX = pytest.mark.skipif(os.name == "nt", reason="POSIX pids")


def _dead_pid() -> int:
    done = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"],
                          capture_output=True, text=True, check=True)
    return int(done.stdout)  # a process that has ended


def _plant(folder: Path, *names: str) -> list[Path]:
    paths = []
    for name in names:
        path = folder / name
        path.write_bytes(b"half a fi")
        paths.append(path)
    return paths


@POSIX
def test_orphans_of_every_file_in_a_folder_are_removed(tmp_path: Path) -> None:
    dead = _dead_pid()
    orphans = _plant(tmp_path, f".a.job.{dead}.0badc0de.tmp", f".b c.job.{dead}.12345678.tmp",
                     f".index.html.{dead}.abcdef01.tmp", f".x.json.tmp.{dead}.00000000.tmp")
    kept = _plant(tmp_path, f".a.job.{os.getppid()}.12345678.tmp",  # a live writer's
                  ".notes.abcdefgh.tmp", ".x.tmp", "a.job", f"a.job.{dead}.0badc0de.tmp",
                  f".a.job.{dead}.0badc0de.tmp.bak")
    (tmp_path / f".d.{dead}.0badc0de.tmp").mkdir()  # a folder of that name: never removed
    removed = remove_orphans_in(tmp_path)
    assert sorted(removed) == sorted(orphans), removed
    assert not any(p.exists() for p in orphans)
    assert all(p.exists() for p in kept)
    assert (tmp_path / f".d.{dead}.0badc0de.tmp").is_dir()


def test_a_missing_folder_is_nothing_to_clean(tmp_path: Path) -> None:
    assert remove_orphans_in(tmp_path / "missing") == []
    assert remove_orphans_in(tmp_path) == []


def test_the_names_it_looks_for_are_the_names_writes_use() -> None:
    name = temp_name("a b.job")
    assert name.startswith(".a b.job.") and name.endswith(".tmp")
    from weldsim.atomic import _TEMP_NAME_RE

    match = _TEMP_NAME_RE.match(name)
    assert match is not None and match.group(1) == "a b.job"


@POSIX
def test_the_pendant_cleans_its_job_folder_when_it_opens_the_job(tmp_path: Path) -> None:
    job = tmp_path / "a.job"
    job.write_text("JOB A\nEND\n", encoding="utf-8")
    orphans = _plant(tmp_path, f".a.job.{_dead_pid()}.0badc0de.tmp",
                     f".b.job.{_dead_pid()}.0badc0de.tmp")
    assert files.read_job_file(job) == "JOB A\nEND\n"
    assert not any(p.exists() for p in orphans)
    # also when the job does not exist yet (it is created on save)
    (orphan,) = _plant(tmp_path, f".new.job.{_dead_pid()}.0badc0de.tmp")
    assert files.read_job_file(tmp_path / "new.job") is None
    assert not orphan.exists()


@POSIX
def test_the_pendant_cleans_its_recovery_folder_at_start(tmp_path: Path) -> None:
    recovery = tmp_path / "recovery"
    recovery.mkdir()
    job = tmp_path / "a.job"
    files.autosave(recovery, files.recovery_key(job), "JOB A\nEND\n")
    orphans = _plant(recovery, f".0123456789abcdef.json.{_dead_pid()}.0badc0de.tmp")
    offer = files.recovery_offer(recovery, job, None)
    assert offer is not None and offer.text == "JOB A\nEND\n"  # the autosave is kept
    assert not any(p.exists() for p in orphans)
    assert files.recovery_offer(tmp_path / "none", job, None) is None  # no folder: fine


@POSIX
def test_grade_cleans_its_output_folder_at_start(tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    orphans = _plant(out, f".results.csv.{_dead_pid()}.0badc0de.tmp",
                     f".budi.html.{_dead_pid()}.0badc0de.tmp")
    report = _plant(out, "budi.html")
    rows = grade_with_pool("t-fillet-2f", [], out, GradeOptions(folder=str(tmp_path)),
                           workers=1, scenario_id="t-fillet-2f", version=1,
                           on_row=lambda k, row: None)
    assert rows == []
    assert not any(p.exists() for p in orphans)
    assert all(p.exists() for p in report)
