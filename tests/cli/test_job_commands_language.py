"""``check``, ``plan``, ``export`` and ``run`` say everything about a job in the reader's
language: every problem of the job (the parser's, the ROBOT/TOOL header's, the controller's),
the plan's summary, an unreadable file and a bad option, located as in English and with the
same exit code; no English left in Indonesian and no Indonesian in English."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "i18n"))
from english_check import foreign_in

from weldsim.cli import main
from weldsim.scenarios.loader import SCENARIOS_DIR

PARSER_REPRO = Path(__file__).resolve().parents[1] / "robustness" / "fixtures" / "parser"

JOBS = {
    "syntax": "JOB BAD\nMOVX J(0, 0, 0, 0, -60, 0)\nMOVEL J(0, 0, 0, 0, -60, 0) S=27V\nEND\n",
    "far": "JOB FAR\nMOVEP J(0, 10, 10, 0, -60, 0) R=50%\n"
           "MOVEL X(3000, 0, 400, 180, 0, 180)\nEND\n",
    "wrist": "JOB NEAR_WRIST\nMOVEP J(0, 20, 10, 0, -20, 0)\n"
             "MOVEL J(0, 20, 10, 0, -3, 0) S=50mm/s\nEND\n",
    "user1": "JOB IN_USER1\nMOVEP J(0, 10, 10, 0, -60, 0)\nFRAME USER1\n"
             "MOVEL X(0, 0, 50, 180, 0, 90)\nEND\n",
    "other_robot": "JOB R\nROBOT ma1440\nTOOL 2\nMOVEP J(0, 0, 0, 0, -60, 0)\nEND\n",
    "case": "JOB R\nROBOT FD-B4\nEND\n",
    "no_tool": "JOB T\nTOOL 7\nEND\n",
    "not_mounted": "JOB T\nTOOL 2\nEND\n",
}

# (command line with {job}/{tmp}, exit code, the located start every language shares)
CASES = {
    "check a syntax error": (["check", "{syntax}"], 2, "{syntax}:2:1: "),
    "export a syntax error": (["export", "{syntax}", "--format", "inform"], 2, "{syntax}:2:1: "),
    "run a syntax error": (["run", "t-fillet-2f", "{syntax}"], 2, "{syntax}:2:1: "),
    "check out of reach": (["check", "{far}"], 2, "{far}:3:1: "),
    "check a singularity": (["check", "{wrist}"], 0, "{wrist}:3: "),
    "plan a singularity": (["plan", "{wrist}", "--csv", "{tmp}/t.csv"], 0, "{wrist}:3: "),
    "check a user frame": (["check", "{user1}"], 0, "{user1}:4: "),
    "plan a user frame": (["plan", "{user1}"], 2, "{user1}:4:1: "),
    "another robot than the scenario's": (
        ["check", "{other_robot}", "--scenario", "t-fillet-2f"], 2, "{other_robot}:2:1: "),
    "another robot than --robot": (
        ["check", "{other_robot}", "--robot", "fd-b4"], 2, "{other_robot}:2:1: "),
    "a robot id in capitals": (["check", "{case}"], 2, "{case}:2:1: "),
    "a tool the robot lacks": (["check", "{no_tool}"], 2, "{no_tool}:2:1: "),
    "a tool the scenario does not mount": (
        ["check", "{not_mounted}", "--scenario", "t-fillet-2f"], 2, "{not_mounted}:2:1: "),
    "a 4,301-digit tool number": (["check", "{repro}"], 2, "{repro}:2:6: "),
    "check a missing file": (["check", "{tmp}/none.job"], 2, "{tmp}/none.job: "),
    "plan a folder": (["plan", "{tmp}"], 2, "{tmp}: "),
    "run a missing file": (["run", "t-fillet-2f", "{tmp}/none.job"], 2, "{tmp}/none.job: "),
    "plan at a rate of 0 Hz": (["plan", "{wrist}", "--rate", "0"], 2, "--rate"),
    "check the reference job": (["check", "{reference}", "--scenario", "t-fillet-2f"], 0,
                                "{reference}: "),
    "plan the reference job": (["plan", "{reference}", "--scenario", "t-fillet-2f"], 0,
                               "job "),
}


def _said(tmp_path: Path, case: str, lang: str, capsys) -> tuple[int, str, str]:
    paths = {"tmp": str(tmp_path), "repro": str(PARSER_REPRO / "int_tool.job"),
             "reference": str(SCENARIOS_DIR / "t-fillet-2f.job")}
    for name, text in JOBS.items():
        path = tmp_path / f"{name}.job"
        path.write_text(text, encoding="utf-8")
        paths[name] = str(path)
    argv, code, where = CASES[case]
    got = main([a.format(**paths) for a in argv] + ["--lang", lang])
    out = capsys.readouterr()
    assert got == code, out.out + out.err
    return got, out.out + out.err, where.format(**paths)


@pytest.mark.parametrize("case", sorted(CASES))
@pytest.mark.parametrize("lang", ["id", "en"])
def test_every_word_about_a_job_is_in_the_readers_language(tmp_path: Path, case: str,
                                                           lang: str, capsys) -> None:
    _, text, where = _said(tmp_path, case, lang, capsys)
    assert where in text
    assert "Traceback" not in text
    # file names carry English words (none.job, t-fillet-2f.job): only the words said count
    said = text.replace(str(tmp_path), "").replace(os.sep, " ")
    for name in [*JOBS, "none", "t-fillet-2f", "int_tool"]:
        said = said.replace(f"{name}.job", "")
    assert foreign_in(said, lang) == [], text


def test_the_plan_summary_is_aligned_in_each_language(tmp_path: Path, capsys) -> None:
    for lang, first, last in (("id", "job", "masalah"), ("en", "job", "problems")):
        _, text, _ = _said(tmp_path, "plan the reference job", lang, capsys)
        rows = text.splitlines()[:7]
        assert rows[0].startswith(first) and rows[-1].startswith(last)
        starts = {len(row) - len(row.split("  ")[-1].lstrip()) for row in rows}
        assert len(starts) == 1, rows  # every value starts in the same column
        if lang == "id":
            assert "waktu siklus" in text and "43,048 s" in text
