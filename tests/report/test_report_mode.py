"""The mode of an attempt in the run's result, the JSON report, the summary and the HTML
report, in both languages; ``weldsim run --exam``."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "scenarios"))
from test_coaching_mode import exam_variant

from weldsim.cli import main
from weldsim.errors import InvalidInputError
from weldsim.exercise import run_exercise
from weldsim.report import report_dict, report_json, summary_text
from weldsim.report.html import class_index_html, html_report
from weldsim.scenarios.loader import load_scenario

SID = "t-fillet-2f"
pytestmark = pytest.mark.slow  # runs whole exercises


@pytest.fixture(scope="module")
def practice_run():
    s = load_scenario(SID)
    return run_exercise(s, s.reference_job)


@pytest.fixture(scope="module")
def exam_run():
    s = load_scenario(SID)
    return run_exercise(s, s.reference_job, mode="exam")


def test_the_run_carries_its_mode(practice_run, exam_run):
    assert practice_run.mode == "practice" and exam_run.mode == "exam"
    # the mode changes nothing of the grading
    assert practice_run.card.score == exam_run.card.score


def test_an_exam_scenario_is_not_downgraded_by_the_caller(tmp_path):
    s = load_scenario(exam_variant(tmp_path))
    assert s.coaching_mode == "exam"
    job = load_scenario(SID).reference_job
    assert run_exercise(s, job, mode="practice").mode == "exam"


def test_an_unknown_mode_is_refused_before_anything_runs():
    s = load_scenario(SID)
    with pytest.raises(InvalidInputError, match="unknown mode 'test'"):
        run_exercise(s, "missing.job", mode="test")  # the missing job is never read


def test_json_report_has_the_mode_after_the_job(practice_run, exam_run):
    keys = list(report_dict(exam_run))
    assert keys[keys.index("job") + 1] == "mode"
    assert json.loads(report_json(exam_run))["mode"] == "exam"
    assert json.loads(report_json(practice_run))["mode"] == "practice"
    assert report_json(exam_run) == report_json(exam_run)  # deterministic


@pytest.mark.parametrize(("lang", "practice", "exam"), [("en", "Mode: Practice", "Mode: Exam"),
                                                        ("id", "Mode: Latihan", "Mode: Ujian")])
def test_the_summary_says_the_mode(practice_run, exam_run, lang, practice, exam):
    assert practice in summary_text(practice_run, lang=lang).splitlines()
    assert exam in summary_text(exam_run, lang=lang).splitlines()


@pytest.mark.parametrize(("lang", "practice", "exam"), [
    ("en", "Practice (with coaching)", "Exam (no coaching)"),
    ("id", "Latihan (dengan panduan)", "Ujian (tanpa panduan)")])
def test_the_html_report_says_the_mode(practice_run, exam_run, lang, practice, exam):
    page = html_report(exam_run, lang=lang, picture=False)
    assert f"<dt>Mode</dt><dd>{exam}</dd>" in page
    assert 'class="badge exam"' in page
    page = html_report(practice_run, lang=lang, picture=False)
    assert f"<dt>Mode</dt><dd>{practice}</dd>" in page
    assert 'class="badge exam"' not in page


@pytest.mark.parametrize(("lang", "name"), [("en", "Exam"), ("id", "Ujian")])
def test_the_class_page_says_the_mode(lang, name):
    row = {"name": "ana", "file": "ana.job", "score": 80.0, "passed": True, "level": "C",
           "worst": [], "cycle_time_s": 40.0, "errors": None, "report": "ana.html",
           "mode": "exam"}
    assert f"Mode<br><b>{name}</b>" in class_index_html([row], lang=lang)
    assert "Mode<br>" not in class_index_html([{**row, "mode": None}], lang=lang)


@pytest.mark.parametrize(("argv", "mode"), [([], "practice"), (["--exam"], "exam")])
def test_weldsim_run_exam_flag(tmp_path, capsys, argv, mode):
    job = str(load_scenario(SID).reference_job)
    assert main(["run", SID, job, "--json", str(tmp_path / "r.json"), *argv]) == 0
    assert json.loads((tmp_path / "r.json").read_text(encoding="utf-8"))["mode"] == mode
    assert f"Mode: {mode.capitalize()}" in capsys.readouterr().out


def test_weldsim_run_on_an_exam_scenario_is_an_exam_without_the_flag(tmp_path, capsys):
    job = str(load_scenario(SID).reference_job)
    path = exam_variant(tmp_path)
    assert main(["run", str(path), job, "--json", "-", "--lang", "id"]) == 0
    assert json.loads(capsys.readouterr().out)["mode"] == "exam"
