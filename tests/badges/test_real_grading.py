"""End to end with the real pipeline: 'weldsim grade' the bundled reference jobs of the two
exercises with a key into one gradebook, then 'weldsim badge issue' and 'weldsim badge
verify' (the reports are the real signed JSON reports, not stand-ins)."""

from __future__ import annotations

import json
import shutil

from weldsim.cli import main
from weldsim.grading.signing import generate_keys
from weldsim.scenarios.loader import load_scenario


def test_grade_then_issue_then_verify(tmp_path, capsys):
    private, public = generate_keys(tmp_path / "keys")
    issuer = tmp_path / "issuer.toml"
    issuer.write_text('id = "https://smk.sch.id"\nname = "SMK"\n', encoding="utf-8")
    book = tmp_path / "gradebook.sqlite"
    for exercise in ("t-fillet-2f", "lap-2f"):
        jobs = tmp_path / f"jobs-{exercise}"
        jobs.mkdir()
        shutil.copyfile(load_scenario(exercise).reference_job, jobs / "sari.job")
        assert main(["grade", exercise, str(jobs), "--out", str(tmp_path / exercise),
                     "--key", str(private), "--gradebook", str(book), "--workers", "1"]) == 0
    out = tmp_path / "badge"
    assert main(["badge", "issue", "robot-fillet-2f", "--gradebook", str(book), "--trainee",
                 "sari", "--key", str(private), "--issuer", str(issuer), "--out", str(out),
                 "--date", "2026-12-07", "--lang", "id"]) == 0
    capsys.readouterr()
    for name in ("credential.jwt", "badge.png", "badge.svg"):
        assert main(["badge", "verify", str(out / name), "--key", str(public)]) == 0
        assert "2 evidence report(s) checked" in capsys.readouterr().out
    for exercise in ("t-fillet-2f", "lap-2f"):
        copied = (out / "evidence" / f"{exercise}-v1.json").read_bytes()
        assert copied == (tmp_path / exercise / "sari.json").read_bytes()
        assert json.loads(copied)["scenario"]["id"] == exercise
    page = (out / "certificate.html").read_text(encoding="utf-8")
    assert "Diberikan kepada" in page and "sari" in page
