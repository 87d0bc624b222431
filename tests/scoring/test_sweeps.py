"""Graded severity, no cliffs (issue #11): along each one-parameter sweep from the t-fillet-2f
reference job, neighbouring steps never differ by more than 15 points unless a gate starts or
ends between them. Each sweep runs its steps end to end (plan, play, weld, score): about 15
runs per sweep, 125 in all."""

from __future__ import annotations

import pytest

from weldsim.scenarios.loader import load_scenario
from weldsim.scoring.sweeps import JUMP_LIMIT, SCENARIO, SWEEPS, cliffs, run_sweep, sweep_job

#: The step sizes the issue asks for.
STEPS = {"aim": 0.25, "ctwd": 1.0, "work_angle": 2.5, "travel_angle": 2.5, "current": 10.0,
         "voltage": 1.0, "gas_flow": 2.0}


@pytest.mark.parametrize("name", sorted(SWEEPS))
def test_no_cliffs_along_the_sweep(name):
    sweep = SWEEPS[name]
    if name in STEPS:
        steps = {round(b - a, 6) for a, b in zip(sweep.values, sweep.values[1:], strict=False)}
        assert steps == {STEPS[name]}
    else:  # travel speed: 5 % of the WPS speed
        steps = [b - a for a, b in zip(sweep.values, sweep.values[1:], strict=False)]
        assert steps == pytest.approx([0.05 * sweep.reference] * len(steps), abs=0.01)
    points = run_sweep(sweep)
    assert len(points) == len(sweep.values) >= 10
    assert not any(p.error for p in points), [p.error for p in points if p.error]
    ref = next(p for p in points if p.value == sweep.reference)
    assert ref.score == pytest.approx(100.0, abs=0.05) and ref.passed and not ref.gates
    assert cliffs(points) == [], f"jumps > {JUMP_LIMIT} points without a gate"
    # and the score does fall away from the reference: every sweep reaches a fault
    assert min(p.score for p in points) < 97.0


def test_sweep_edits_only_what_it_sweeps():
    text = load_scenario(SCENARIO).reference_job.read_text(encoding="utf-8")
    for sweep in SWEEPS.values():
        changed = sweep_job(sweep, sweep.values[0], text).splitlines()
        diff = [i for i, (a, b) in enumerate(zip(text.splitlines(), changed, strict=True))
                if a != b]
        assert diff, sweep.name
        assert all(changed[i].startswith(("P2 ", "P3 ", "P4 ", "P5 ", "ASC 1 ")) for i in diff)
