"""``weldsim grade`` and ``weldsim gradebook``: a whole class in parallel, rows for every file,
results.csv, the gradebook with --resume, dask."""

from __future__ import annotations

import csv
import io
import json
import shutil
import sqlite3
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "grading"))
from grade_cases import EXPECTED, SCENARIO, make_class_folder

from weldsim.cli import main


def _csv(path: Path) -> list[dict]:
    data = path.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    return list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"))))


@pytest.fixture(scope="module")
def batch(tmp_path_factory):
    base = tmp_path_factory.mktemp("grade")
    folder = make_class_folder(base / "jobs", base / "elsewhere")
    out = base / "out"
    code = main(["grade", SCENARIO, str(folder), "--out", str(out), "--workers", "2"])
    return code, folder, out


def test_batch_completes_with_a_row_for_every_job_file(batch, capsys):
    code, _, out = batch
    assert code == 0
    rows = _csv(out / "results.csv")
    assert [r["file"] for r in rows] == sorted(EXPECTED)
    for r in rows:
        status, passed = EXPECTED[r["file"]]
        assert r["passed"] == ("yes" if passed else "no"), r
        assert (r["score"] != "") == (status == "graded"), r
        assert (r["errors"] != "") == (status != "graded"), r
    by_file = {r["file"]: r for r in rows}
    assert by_file["ana.job"]["level"] == "B" and by_file["citra.job"]["worst_1"]
    assert "outside the class folder" in by_file["gita.job"]["errors"]
    assert by_file["dewi.job"]["errors"].startswith("dewi.job:")


def test_reports_are_those_of_weldsim_run(batch, tmp_path):
    _, folder, out = batch
    assert sorted(p.name for p in out.glob("*.json")) == ["ana.json", "budi.json",
                                                           "citra.json"]
    target = tmp_path / "citra.json"
    assert main(["run", SCENARIO, str(folder / "citra.job"), "--json", str(target)]) == 0
    assert (out / "citra.json").read_bytes() == target.read_bytes()
    assert main(["run", SCENARIO, str(folder / "citra.job"), "--report", str(tmp_path)]) == 0
    assert (out / "citra.html").read_bytes() == (tmp_path / "citra.html").read_bytes()


def test_html_reports_and_class_page(batch):
    _, _, out = batch
    assert sorted(p.name for p in out.glob("*.html")) == ["ana.html", "budi.html",
                                                           "citra.html", "index.html"]
    index = (out / "index.html").read_text(encoding="utf-8")
    assert 'href="citra.html"' in index and "gita" in index
    assert "<!DOCTYPE html>" in (out / "ana.html").read_text(encoding="utf-8")


def test_gradebook_holds_the_attempts(batch, capsys):
    _, _, out = batch
    db = sqlite3.connect(out / "gradebook.sqlite")
    try:
        rows = db.execute("SELECT trainee, status, score, passed, report, graded_at "
                          "FROM attempts ORDER BY trainee").fetchall()
    finally:
        db.close()
    # every file that could be read is an attempt; the link out of the folder is not
    assert [r[0] for r in rows] == ["ana", "budi", "citra", "dewi", "eka", "fajar"]
    assert rows[0][1:4] == ("graded", 100.0, 1) and rows[0][4] == str(out / "ana.json")
    assert rows[3][1:4] == ("invalid", None, 0) and rows[3][4] is None
    capsys.readouterr()
    assert main(["gradebook", str(out / "gradebook.sqlite"), "--trainee", "citra"]) == 0
    text = capsys.readouterr().out
    assert "citra" in text and "ana" not in text and "failed" in text


@pytest.mark.parametrize("argv, message", [
    (["grade", SCENARIO, "{tmp}/missing", "--out", "{tmp}/o"], "no such folder"),
    (["grade", "no-such-exercise", "{tmp}", "--out", "{tmp}/o"], "unknown scenario"),
    (["grade", SCENARIO, "{tmp}", "--out", "{tmp}/o", "--key", "{tmp}/none.key"], "cannot read"),
    (["grade", SCENARIO, "{tmp}", "--out", "{tmp}/o", "--workers", "0"], "--workers"),
    (["grade", SCENARIO, "{tmp}", "--out", "{tmp}/o", "--lang", "fr"], "invalid choice"),
    (["grade", SCENARIO, "{tmp}"], "--out"),
    (["gradebook", "{tmp}/none.sqlite"], "no such gradebook"),
])
def test_bad_arguments_exit_2(tmp_path, capsys, argv, message):
    argv = [a.replace("{tmp}", str(tmp_path)) for a in argv]
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert message in err and "Traceback" not in err


def test_resume_grades_only_new_jobs(tmp_path, capsys):
    reference = Path(__file__).resolve().parents[2] / "weldsim/scenarios/data/t-fillet-2f.job"
    folder, out = tmp_path / "jobs", tmp_path / "out"
    folder.mkdir()
    shutil.copyfile(reference, folder / "ana.job")
    (folder / "bad.job").write_text("JOB X\nMOVEQ P1\nEND\n", encoding="utf-8")
    argv = ["grade", SCENARIO, str(folder), "--out", str(out), "--workers", "1", "--no-report"]
    assert main(argv) == 0  # "interrupted" after two jobs
    text = reference.read_text(encoding="utf-8")
    (folder / "citra.job").write_text(text.replace("S=42cm/min", "S=84cm/min"),
                                      encoding="utf-8")
    (folder / "bad.job").write_text("JOB X\nMOVEQ P2\nEND\n", encoding="utf-8")  # changed
    capsys.readouterr()
    assert main([*argv, "--resume"]) == 0
    assert "1 job(s) already in the gradebook" in capsys.readouterr().err
    db = sqlite3.connect(out / "gradebook.sqlite")
    try:
        trainees = [r[0] for r in db.execute("SELECT trainee FROM attempts ORDER BY trainee, id")]
    finally:
        db.close()
    assert trainees == ["ana", "bad", "bad", "citra"]
    rows = _csv(out / "results.csv")
    assert [(r["file"], r["passed"]) for r in rows] == [
        ("ana.job", "yes"), ("bad.job", "no"), ("citra.job", "no")]
    assert "MOVEQ P2" not in rows[1]["errors"] and "bad.job:2:1" in rows[1]["errors"]
    assert not list(out.glob("*.json"))
    assert main(["gradebook", str(out / "gradebook.sqlite")]) == 0
    history = capsys.readouterr().out
    assert "x → x" in history and "100" in history


def test_dask_gives_the_same_reports_as_the_process_pool(batch, tmp_path):
    distributed = pytest.importorskip("dask.distributed")
    _, folder, out = batch
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                  dashboard_address=None) as cluster:
        dask_out = tmp_path / "dask"
        assert main(["grade", SCENARIO, str(folder), "--out", str(dask_out), "--dask",
                     cluster.scheduler_address]) == 0
    names = sorted(p.name for p in [*out.glob("*.json"), *out.glob("*.html")])
    assert names == sorted(p.name for p in [*dask_out.glob("*.json"),
                                            *dask_out.glob("*.html")])
    assert len(names) == 7
    for name in names:
        assert (out / name).read_bytes() == (dask_out / name).read_bytes()
    assert (out / "results.csv").read_bytes() == (dask_out / "results.csv").read_bytes()


def test_bad_dask_address_exits_2(tmp_path, capsys):
    pytest.importorskip("dask.distributed")
    (tmp_path / "jobs").mkdir()
    assert main(["grade", SCENARIO, str(tmp_path / "jobs"), "--out", str(tmp_path / "o"),
                 "--dask", "nonsense"]) == 2
    assert "not a scheduler address" in capsys.readouterr().err


def test_exam_grading_is_recorded_everywhere(tmp_path, capsys):
    """``--exam``: the reports, results.csv, the gradebook and the summary say exam; the same
    job graded again as practice with --resume is a new attempt, not a skipped one."""
    reference = Path(__file__).resolve().parents[2] / "weldsim/scenarios/data/t-fillet-2f.job"
    folder, out = tmp_path / "jobs", tmp_path / "out"
    folder.mkdir()
    shutil.copyfile(reference, folder / "ana.job")
    argv = ["grade", SCENARIO, str(folder), "--out", str(out), "--workers", "1"]
    assert main([*argv, "--exam", "--lang", "id"]) == 0
    assert "Mode: Ujian" in capsys.readouterr().out
    assert [r["mode"] for r in _csv(out / "results.csv")] == ["exam"]
    assert json.loads((out / "ana.json").read_text(encoding="utf-8"))["mode"] == "exam"
    assert "Mode<br><b>Ujian</b>" in (out / "index.html").read_text(encoding="utf-8")
    assert main([*argv, "--resume", "--exam"]) == 0  # already graded as an exam: skipped
    assert "1 job(s) already in the gradebook" in capsys.readouterr().err
    assert main([*argv, "--resume"]) == 0  # as practice: graded again
    assert "Mode: Practice" in capsys.readouterr().out
    assert [r["mode"] for r in _csv(out / "results.csv")] == ["practice"]
    db = sqlite3.connect(out / "gradebook.sqlite")
    try:
        modes = [r[0] for r in db.execute("SELECT mode FROM attempts ORDER BY id")]
    finally:
        db.close()
    assert modes == ["exam", "practice"]
