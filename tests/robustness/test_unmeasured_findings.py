"""Two jobs of the fuzz campaign (bench/fuzz.py, seed 17) that ended in "internal error":
a technique finding averaged samples without a value (NaN in the JSON), and a butt joint's
imperfection carried its legs (a butt weld has none) into its message. Both now grade with
exit 0, a valid JSON report and findings that say what happened in both languages."""

from __future__ import annotations

import json
import math
import re
from pathlib import Path

import pytest

from weldsim.cli import main

FIXTURES = Path(__file__).parent / "fixtures" / "e2e"


def _finite_everywhere(x) -> bool:
    if isinstance(x, dict):
        return all(_finite_everywhere(v) for v in x.values())
    if isinstance(x, list):
        return all(_finite_everywhere(v) for v in x)
    return not isinstance(x, float) or math.isfinite(x)


@pytest.mark.parametrize("scenario", ["lap-2f", "butt-1g-weave"])
@pytest.mark.parametrize("lang", ["en", "id"])
def test_the_fuzz_jobs_grade_with_a_valid_report(scenario, lang, tmp_path, capsys):
    out = tmp_path / "r.json"
    code = main(["run", scenario, str(FIXTURES / f"nan_finding_{scenario}.job"),
                 "--json", str(out), "--lang", lang])
    printed = capsys.readouterr()
    assert code == 0, printed.err
    assert "internal error" not in printed.err
    assert not re.search(r"\bnan\b", printed.out.replace(FIXTURES.name, ""), re.I)
    report = json.loads(out.read_text("utf-8"))
    assert _finite_everywhere(report)
    assert report["passed"] is False


def test_an_arc_held_in_one_place_is_named_as_such(tmp_path, capsys):
    out = tmp_path / "r.json"
    assert main(["run", "lap-2f", str(FIXTURES / "nan_finding_lap-2f.job"), "--json", str(out),
                 "--lang", "en"]) == 0
    text = capsys.readouterr().out
    assert "stood still while the arc burned" in text
