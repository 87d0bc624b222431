"""docs/job-format.md: its example job passes its exercise, and the worked example of torch roll
and CONF says what the kinematics do."""

from __future__ import annotations

import re
from pathlib import Path

import numpy as np
import pytest

from weldsim.exercise import run_exercise
from weldsim.kinematics import load_robot
from weldsim.program import parse_job
from weldsim.scenarios.describe import torch_at_seam_start
from weldsim.scenarios.loader import load_scenario

DOC = Path(__file__).resolve().parents[2] / "docs" / "job-format.md"
TEXT = DOC.read_text(encoding="utf-8")
EXAMPLE = TEXT.split("## Example\n```\n")[1].split("```")[0]
ROLL = TEXT.split("## Torch roll and CONF\n")[1].split("## ")[0]
WIRE_USER1 = (0.174, -0.696, -0.696)


def test_the_example_job_passes_its_exercise():
    assert "t-fillet-2f" in EXAMPLE.splitlines()[0]
    run = run_exercise("t-fillet-2f", "example.job", data=EXAMPLE.encode("utf-8"))
    assert not run.trace.contacts, [str(c) for c in run.trace.contacts]
    assert run.trajectory.problems == ()
    assert run.card.passed, [f.what for f in run.card.findings]
    assert run.card.score >= 99.0
    assert all(c.coverage >= 0.97 for c in run.metrics.seams)


def test_the_example_uses_the_torch_pose_scenarios_show_prints():
    s = load_scenario("t-fillet-2f")
    torch = torch_at_seam_start(s, 0, load_robot(s.robot))
    job = parse_job(EXAMPLE)
    start = job.position(2)
    np.testing.assert_allclose(start.matrix(), torch.position.matrix(), atol=1e-12)
    assert job.position(1).conf == torch.position.conf
    assert start.matrix()[:3, 2] == pytest.approx(WIRE_USER1, abs=1e-3)
    # approach and depart 50 mm back along the wire from the seam's ends
    z = start.matrix()[:3, 2]
    np.testing.assert_allclose(job.position(1).matrix()[:3, 3], -0.050 * z, atol=1e-5)
    np.testing.assert_allclose(job.position(4).matrix()[:3, 3],
                               job.position(3).matrix()[:3, 3] - 0.050 * z, atol=1e-5)
    assert (job.position(3).matrix()[:3, 3] == pytest.approx((0.25, 0.0, 0.0)))


def _worked_example():
    block = ROLL.split("```\n")[1]
    job = parse_job("JOB A\nFRAME USER1\n" + block + "END\n")
    joints = {}
    for line in block.splitlines():
        m = re.match(r"P(\d+) = .*J\(([^)]*)\)", line)
        if m:
            joints[int(m.group(1))] = [float(v) for v in m.group(2).split(",")]
    return job, joints


def test_worked_example_rolls_keep_the_wire_and_change_the_reach():
    s = load_scenario("t-fillet-2f")
    robot = load_robot(s.robot)
    job, joints = _worked_example()
    assert sorted(joints) == [1, 2, 3]
    T_base_user = s.user_frames_base()["USER1"]
    for p in job.positions:
        assert p.matrix()[:3, 2] == pytest.approx(WIRE_USER1, abs=1e-3)  # one wire axis
        T = T_base_user @ p.matrix()
        _, ok = robot.ik(T, s.tool)
        if p.number in joints:  # reached in the CONF given, with the joints printed
            q = robot.ik_nearest(T, np.radians(joints[p.number]), s.tool, p.conf)
            np.testing.assert_allclose(np.degrees(q), joints[p.number], atol=0.051)
        else:  # "out of reach in every configuration"
            assert not ok.any()


def test_worked_example_conf_table():
    s = load_scenario("t-fillet-2f")
    robot = load_robot(s.robot)
    job, _ = _worked_example()
    T = s.user_frames_base()["USER1"] @ job.position(1).matrix()
    sols, ok = robot.ik(T, s.tool)
    reached = sorted(robot.configuration(q) for q in sols[ok])
    assert reached == ["FUB", "NUT"]  # "two of the eight exist inside the joint limits"
    rows = re.findall(r"^\| ([NF][UD][TB]) \|(.*)\|.*\|$", ROLL, flags=re.M)
    assert [conf for conf, _ in rows] == ["NUT", "FUT", "FUB"]
    by_conf = {robot.configuration(q): q for q in sols if not np.isnan(q).any()}
    for conf, cells in rows:
        printed = [float(v) for v in cells.split("|")[:6]]
        np.testing.assert_allclose(np.degrees(by_conf[conf]), printed, atol=0.051)
    assert not robot.within_limits(by_conf["FUT"])
