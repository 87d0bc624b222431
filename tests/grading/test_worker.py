"""``grade_file``: one row per file, whatever the file; the report is ``weldsim run``'s."""

from __future__ import annotations

import pytest
from grade_cases import EXPECTED, SCENARIO

from weldsim.cli import main
from weldsim.grading.worker import ROW_KEYS, GradeOptions, grade_file


@pytest.fixture(scope="module")
def graded(class_folder, tmp_path_factory):
    out = tmp_path_factory.mktemp("out")
    options = GradeOptions(folder=str(class_folder))
    rows = {name: grade_file(SCENARIO, str(class_folder / name), str(out), options)
            for name in EXPECTED}
    return out, rows


def test_every_row_is_right(graded):
    _, rows = graded
    for name, (status, passed) in EXPECTED.items():
        row = rows[name]
        assert tuple(row) == ROW_KEYS
        assert (row["status"], row["passed"]) == (status, passed), (name, row)
        assert row["file"] == name and row["name"] == name[:-4]
        assert len(row["worst"]) == 3
        if status == "graded":
            assert row["score"] is not None and row["cycle_time_s"] > 0 and not row["errors"]
            assert row["json"] == f"{name[:-4]}.json" and len(row["sha256"]) == 64
            assert row["report"] == f"{name[:-4]}.html"
        else:
            assert row["score"] is None and row["errors"]
            assert row["json"] is None and row["report"] is None


def test_reasons_are_located_and_plain(graded):
    _, rows = graded
    assert rows["ana.job"]["worst"] == ["", "", ""] and rows["ana.job"]["level"] == "B"
    # double the WPS speed: below the pass mark (graded: no longer a cliff to 47), failed
    assert rows["citra.job"]["score"] < 70 and "line" in rows["citra.job"]["worst"][0]
    assert rows["dewi.job"]["errors"].startswith("dewi.job:")
    assert "MOVEQ" in rows["dewi.job"]["errors"]
    assert rows["eka.job"]["errors"] == "eka.job:1:1: the job is empty"
    assert "not a text file" in rows["fajar.job"]["errors"]
    assert "outside the class folder" in rows["gita.job"]["errors"]
    assert rows["gita.job"]["sha256"] is None


def test_json_is_byte_identical_to_weldsim_run(graded, class_folder, tmp_path):
    out, _ = graded
    for name in ("ana.job", "citra.job"):
        target = tmp_path / f"run-{name}.json"
        assert main(["run", SCENARIO, str(class_folder / name), "--json", str(target)]) == 0
        assert (out / f"{name[:-4]}.json").read_bytes() == target.read_bytes()


def test_nothing_but_reports_is_written(graded):
    out, _ = graded
    assert sorted(p.name for p in out.iterdir()) == [
        f"{n}.{e}" for n in ("ana", "budi", "citra") for e in ("html", "json")]


def test_no_report_writes_nothing(class_folder, tmp_path):
    options = GradeOptions(folder=str(class_folder), write_report=False)
    row = grade_file(SCENARIO, str(class_folder / "ana.job"), str(tmp_path), options)
    assert row["status"] == "graded" and row["json"] is None and row["report"] is None
    assert not list(tmp_path.iterdir())


def test_tricky_file_names_only_write_into_the_output_folder(tmp_path):
    import os
    import shutil

    from weldsim.grading.files import list_jobs
    from weldsim.scenarios.loader import load_scenario

    folder, out = tmp_path / "jobs", tmp_path / "out"
    folder.mkdir()
    out.mkdir()
    names = ["CON.job"] + (["a\\..\\..\\b .job"] if os.name != "nt" else [])
    for name in names:
        shutil.copyfile(load_scenario(SCENARIO).reference_job, folder / name)
    jobs = list_jobs(folder)
    assert [j.file for j in jobs] == names
    options = GradeOptions(folder=str(folder), write_report=True)
    for job in jobs:
        row = grade_file(SCENARIO, str(job.path), str(out), options, out_stem=job.out_stem)
        assert row["status"] == "graded" and row["name"] == job.file[:-4]
        assert row["json"] == f"{job.out_stem}.json"
    written = sorted(p.name for p in out.iterdir())
    assert len(written) == 2 * len(names)
    assert all(n.startswith(("_CON-", "a_.._.._b_-")) and "\\" not in n for n in written)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["jobs", "out"]
