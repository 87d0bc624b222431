"""One cause, one finding: a job without any AS fails the current, voltage and speed settings
at once; the instructor names that cause once, with the points of all three (it was listed
three times, identically, and filled the three worst faults by itself)."""

from __future__ import annotations

import pytest

from weldsim.exercise import run_exercise
from weldsim.scenarios.loader import load_scenario


@pytest.fixture(scope="module")
def no_arc():
    fillet = load_scenario("t-fillet-2f")
    lines = fillet.reference_job.read_text(encoding="utf-8").splitlines()
    job = "\n".join(t for t in lines if t.split()[:1] not in (["AS"], ["AE"])) + "\n"
    assert "AS 1" not in job and "MOVEL" in job
    return run_exercise(fillet, "no-arc.job", data=job.encode())


def test_no_arc_is_one_setup_finding_with_the_points_of_the_three(no_arc):
    card = no_arc.card
    setup = [f for f in card.findings if f.kind == "setup"]
    assert [f.what.key for f in setup] == ["finding.setup.no_arc.what"]
    (finding,) = setup
    assert finding.name == "current+voltage+speed"
    # every setup criterion failed outright: the finding costs the setup group's whole weight
    assert card.criteria["setup"].score == 0.0
    assert finding.points == pytest.approx(card.criteria["setup"].weight)


def test_no_two_findings_say_the_same(no_arc):
    card = no_arc.card
    said = [(f.kind, f.what, f.seam, f.start_mm) for f in card.findings]
    assert len(said) == len(set(said))
    worst = card.worst(3)
    assert len({f.what for f in worst}) == len(worst)
