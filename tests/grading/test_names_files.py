"""Safe report names and the reading of a class folder."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from weldsim.grading.files import RefusedFileError, list_jobs, read_job_in
from weldsim.grading.names import MAX_STEM, safe_stem, unique_stems
from weldsim.program import JobError, JobLimits


def _link(target, link):
    try:
        os.symlink(target, link)
    except (OSError, NotImplementedError):  # Windows without the symlink privilege
        pytest.skip("symbolic links are not available")


@pytest.mark.parametrize("stem", ["ana", "Budi_Santoso-2", "siswa.01", "Dewi"])
def test_safe_stems_stay_as_they_are(stem):
    assert safe_stem(stem) == stem


@pytest.mark.parametrize("stem", ["..", ".hidden", "a/../../b", "..\\..\\evil", "CON", "nul.x",
                                  "a:b", "x" * 300, "trail. ", "", "=cmd|' /C calc'!A0",
                                  "new\nline", "\udcff"])
def test_path_tricks_are_neutralised(stem, tmp_path):
    safe = safe_stem(stem)
    assert safe != stem
    assert len(safe) <= MAX_STEM + 9
    assert not safe.startswith(".") and not safe.endswith((".", " "))
    assert all(c.isalnum() or c in "-_." for c in safe)
    assert safe.split(".")[0].upper() not in {"CON", "NUL"}
    target = (tmp_path / f"{safe}.json").resolve()
    assert target.parent == tmp_path.resolve()


def test_unique_stems_ignore_case_and_keep_different_trainees_apart():
    assert unique_stems(["Ana", "ana", "a b", "a_b"]) == [
        "Ana", "ana-2", f"{safe_stem('a b')}", "a_b"]
    assert safe_stem("a b") != "a_b"


def test_list_jobs_sorted_not_recursive_no_hidden(tmp_path):
    for name in ("b.job", "A.JOB", ".x.job", "c.txt"):
        (tmp_path / name).write_text("JOB X\nEND\n", encoding="utf-8")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "d.job").write_text("JOB X\nEND\n", encoding="utf-8")
    jobs = list_jobs(tmp_path)
    assert [j.file for j in jobs] == ["A.JOB", "b.job"]
    assert [j.trainee for j in jobs] == ["A", "b"]
    assert all(j.path.parent == tmp_path.absolute() for j in jobs)


def test_read_refuses_links_out_and_non_files(class_folder, tmp_path):
    limits = JobLimits()
    assert read_job_in(class_folder / "ana.job", class_folder, limits).startswith(b";")
    with pytest.raises(RefusedFileError, match="outside"):
        read_job_in(class_folder / "gita.job", class_folder, limits)
    _link(class_folder / "ana.job", tmp_path / "out.job")
    with pytest.raises(RefusedFileError, match="outside"):
        read_job_in(tmp_path / "out.job", tmp_path, limits)
    (tmp_path / "dir.job").mkdir()
    with pytest.raises(RefusedFileError, match="not a regular file"):
        read_job_in(tmp_path / "dir.job", tmp_path, limits)
    (tmp_path / "big.job").write_bytes(b"A" * (limits.max_bytes + 1))
    with pytest.raises(JobError, match="too large"):
        read_job_in(tmp_path / "big.job", tmp_path, limits)


def test_link_inside_the_folder_is_followed(tmp_path):
    (tmp_path / "real.job").write_text("JOB X\nEND\n", encoding="utf-8")
    _link(tmp_path / "real.job", tmp_path / "alias.job")
    assert read_job_in(Path(tmp_path / "alias.job"), tmp_path, JobLimits()) == b"JOB X\nEND\n"
