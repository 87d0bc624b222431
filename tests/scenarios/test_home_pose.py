"""Every bundled scenario's home pose is retracted on the robot's side, clear above all the work,
so that home -> approach point -> seam never crosses the work; its reference program still
scores full marks from there."""

from __future__ import annotations

import numpy as np
import pytest

from weldsim.kinematics import load_robot, make_pose, rpy_to_matrix
from weldsim.scenarios.describe import home_info
from weldsim.scenarios.geometry import solid_signed_distance, solid_top_z
from weldsim.scenarios.loader import bundled_scenario_ids, load_scenario
from weldsim.scenarios.spec import Solid

IDS = bundled_scenario_ids()
CLEARANCE_MM = 100.0


def _surface_points(solid: Solid, n: int = 40) -> np.ndarray:
    """Points on (and just inside) a solid, world frame: a dense sample to compare with."""
    rng = np.random.default_rng(0)
    if solid.shape == "box":
        local = (rng.uniform(-0.5, 0.5, (n ** 2, 3))) * np.asarray(solid.size_m)
        corners = np.array([[x, y, z] for x in (-.5, .5) for y in (-.5, .5) for z in (-.5, .5)])
        local = np.vstack([local, corners * np.asarray(solid.size_m)])
    elif solid.shape == "cylinder":
        a = rng.uniform(0, 2 * np.pi, n ** 2)
        a = np.concatenate([a, np.linspace(0, 2 * np.pi, 3601)])
        h = np.concatenate([rng.uniform(-.5, .5, n ** 2), np.full(3601, 0.5)]) * solid.length_m
        local = np.column_stack([solid.radius_m * np.cos(a), solid.radius_m * np.sin(a), h])
        local = np.vstack([local, local * [1, 1, -1]])
    else:
        x0, x1 = solid.x_range_m
        local = np.vstack([np.column_stack([np.full(len(solid.profile_m), x), solid.profile_m])
                           for x in (x0, x1)])
    return local @ solid.T_world_solid[:3, :3].T + solid.T_world_solid[:3, 3]


@pytest.mark.parametrize("rpy_deg", [(0, 0, 0), (45, 0, 0), (30, 60, 10), (90, 0, 0)])
@pytest.mark.parametrize("shape", ["box", "cylinder", "prism"])
def test_solid_top_z_is_the_highest_point(shape, rpy_deg):
    T = make_pose(rpy_to_matrix(*np.radians(rpy_deg)), [0.8, 0.1, 0.05])
    kw = {"box": dict(size_m=(0.2, 0.1, 0.04)),
          "cylinder": dict(radius_m=0.05, length_m=0.3),
          "prism": dict(profile_m=np.array([[0.0, 0.0], [0.03, 0.0], [0.0, 0.05]]),
                        x_range_m=(-0.1, 0.12))}[shape]
    solid = Solid("s", "workpiece", shape, T, **kw)
    top = solid_top_z(solid)
    pts = _surface_points(solid)
    assert pts[:, 2].max() <= top + 1e-9
    assert pts[:, 2].max() == pytest.approx(top, abs=2e-5)
    # a point just above the highest sample is outside the solid
    highest = pts[np.argmax(pts[:, 2])]
    assert solid_signed_distance(solid, (highest + np.array([0.0, 0.0, 1e-4]))[None])[0] > 0


def test_solid_top_z_of_the_bundled_work_is_as_drawn():
    s = load_scenario("t-fillet-2f")
    tops = {sol.name: solid_top_z(sol) for sol in s.solids}
    assert tops["web"] == pytest.approx(0.110)  # 10 mm base plate + 100 mm web
    assert tops["base plate"] == pytest.approx(0.010)
    pipe = {sol.name: solid_top_z(sol) for sol in load_scenario("pipe-plate-2f").solids}
    assert pipe["pipe"] == pytest.approx(0.090)


@pytest.mark.parametrize("sid", IDS)
def test_home_is_clear_above_all_the_work_and_on_the_robots_side(sid):
    s = load_scenario(sid)
    robot = load_robot(s.robot)
    T_world_base = s.T_world_base
    tcp = (T_world_base @ robot.fk(s.home_q, s.tool))[:3, 3]
    flange = (T_world_base @ robot.fk(s.home_q, 0))[:3, 3]
    work = [sol for sol in s.solids if sol.role != "table"]
    assert work
    for sol in work:
        # above the highest point of every solid but the table, and that far from it
        assert tcp[2] - solid_top_z(sol) >= CLEARANCE_MM / 1000, sol.name
        assert flange[2] - solid_top_z(sol) >= CLEARANCE_MM / 1000, sol.name
        assert solid_signed_distance(sol, tcp[None])[0] >= CLEARANCE_MM / 1000, sol.name
    # retracted: nearer the robot's J1 axis than every point to weld or touch
    base = np.linalg.inv(T_world_base)
    pts = [seam.points_m for seam in s.seams] + [t.position_m[None] for t in s.targets]
    pts = np.vstack(pts) @ base[:3, :3].T + base[:3, 3]
    tcp_base = robot.fk(s.home_q, s.tool)[:3, 3]
    assert np.hypot(*tcp_base[:2]) + CLEARANCE_MM / 1000 <= np.hypot(pts[:, 0], pts[:, 1]).min()
    # the torch points down, the wrist is out of its singularity
    assert robot.fk(s.home_q, s.tool)[2, 2] < -0.9
    assert not robot.singularities(s.home_q).any
    # what `weldsim scenarios show` reports agrees
    info = home_info(s, robot)
    assert info.above_work_mm == pytest.approx(
        1000 * (tcp[2] - max(solid_top_z(sol) for sol in work)))
    assert info.above_work_mm >= CLEARANCE_MM and info.toward_robot_mm >= CLEARANCE_MM


@pytest.mark.parametrize("sid", IDS)
def test_nothing_touches_anything_at_home(sid):
    from weldsim.sim import Cell

    s = load_scenario(sid)
    with Cell(s, load_robot(s.robot)) as cell:
        cell.set_q(s.home_q)
        assert cell.contacts_now() == []


@pytest.mark.parametrize("sid", IDS)
def test_reference_program_starts_and_ends_at_home_with_full_marks(sid):
    from weldsim.exercise import run_exercise

    s = load_scenario(sid)
    run = run_exercise(s, s.reference_job)
    q = np.asarray(run.trajectory.q)
    np.testing.assert_allclose(q[0], s.home_q, atol=1e-12)
    np.testing.assert_allclose(q[-1], s.home_q, atol=1e-9)  # it returns home
    assert not run.trace.contacts, [str(c) for c in run.trace.contacts]
    assert run.card.passed and round(run.card.score, 1) == 100.0, [
        f.what for f in run.card.findings]
