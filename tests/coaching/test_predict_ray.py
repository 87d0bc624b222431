"""The analytic wire cast (weldsim.sim.wire_cast) against exact geometry, and as the cell's
cast."""

from __future__ import annotations

import dataclasses

import numpy as np
import pytest

from weldsim.jobs import prepare_job
from weldsim.motion import plan
from weldsim.scenarios.geometry import solid_signed_distance
from weldsim.scenarios.loader import load_scenario
from weldsim.sim import Cell
from weldsim.sim.cell import RAY_LENGTH_M
from weldsim.sim.wire_cast import RAY_ROLES, cast_wire

WELDING = ("t-fillet-2f", "butt-1g-weave", "lap-2f", "pipe-plate-2f")


def _down(points) -> np.ndarray:
    """TCP poses at ``points`` with the tool's z pointing straight down (world -z)."""
    T = np.tile(np.eye(4), (len(points), 1, 1))
    T[:, :3, :3] = np.diag([1.0, -1.0, -1.0])
    T[:, :3, 3] = points
    return T


def test_rays_straight_down_meet_each_shape_at_its_top():
    s = load_scenario("pipe-plate-2f")  # a plate (box) with a pipe (cylinder) standing on it
    plate, pipe = s.solids[1], s.solids[2]
    top_plate = plate.T_world_solid[2, 3] + plate.size_m[2] / 2
    top_pipe = pipe.T_world_solid[2, 3] + pipe.length_m / 2
    c = pipe.T_world_solid[:3, 3]
    stick = 0.015
    pts = np.array([
        [c[0] + 0.1, c[1], top_plate - 0.020],  # the contact tip 5 mm inside the plate
        [c[0] + 0.1, c[1], top_plate + 0.010],  # over the plate: CTWD 10 + 15 = 25 mm
        [c[0] + 0.03, c[1], top_pipe],  # on the pipe's top face: CTWD = stick-out
        [c[0] + 0.1, c[1], top_plate + 0.200],  # too high: no hit within the ray
    ])
    hit, point, normal, solid, ctwd = cast_wire(s, _down(pts), stick, RAY_LENGTH_M)
    assert hit.tolist() == [True, True, True, False]
    assert ctwd[0] == 0.0  # a contact tip inside the work: the wire touches
    assert ctwd[1] == pytest.approx(0.025, abs=1e-12)
    assert ctwd[2] == pytest.approx(0.015, abs=1e-12)
    assert solid.tolist() == [1, 1, 2, -1]
    np.testing.assert_allclose(normal[1], [0.0, 0.0, 1.0], atol=1e-12)
    np.testing.assert_allclose(normal[2], [0.0, 0.0, 1.0], atol=1e-12)
    assert np.isnan(ctwd[3]) and np.isnan(point[3]).all()


def test_a_ray_across_the_pipe_meets_its_mantle():
    s = load_scenario("pipe-plate-2f")
    pipe = s.solids[2]
    c = pipe.T_world_solid[:3, 3]
    T = np.eye(4)[None].copy()
    T[0, :3, :3] = np.array([[0, 0, 1], [0, 1, 0], [-1, 0, 0]], dtype=float)  # z = world +x
    T[0, :3, 3] = [c[0] - pipe.radius_m - 0.020 + 0.015, c[1], c[2]]  # tip 20 mm from it
    hit, _point, normal, solid, ctwd = cast_wire(s, T, 0.015, RAY_LENGTH_M)
    assert hit[0] and solid[0] == 2
    assert ctwd[0] == pytest.approx(0.020, abs=1e-12)
    np.testing.assert_allclose(normal[0], [-1.0, 0.0, 0.0], atol=1e-12)


@pytest.fixture(scope="module", params=WELDING)
def casts(request):
    """A reference job's planned samples cast analytically and by the cell."""
    s = load_scenario(request.param)
    ctx = prepare_job(s.reference_job, s)
    traj = plan(ctx.program, ctx.robot, home_q=ctx.home_q, user_frames=ctx.user_frames,
                until_alarm=True)
    with Cell(s, ctx.robot) as cell:
        T = cell.world_tcp(traj.q)
        ours = cast_wire(s, T, ctx.robot.spec.tool(s.tool).stick_out_m, RAY_LENGTH_M)
        theirs = cell.cast_wire(T)
    return s, np.asarray(traj.arc_on), ours, theirs


@pytest.mark.slow
def test_analytic_hits_lie_on_the_solids(casts):
    s, _, (hit, point, _, solid, _), _ = casts
    assert hit.any()
    for k, sol in enumerate(s.solids):
        sel = solid == k
        if not sel.any():
            continue
        assert sol.role in RAY_ROLES
        solid_shape = dataclasses.replace(sol, inner_radius_m=0.0)  # the cell's solid pipe
        d = solid_signed_distance(solid_shape, point[sel])
        assert np.abs(d).max() < 1e-12, (s.id, sol.name)


@pytest.mark.slow
def test_the_cell_casts_the_wire_with_the_analytic_cast(casts):
    """One cast for the run, the prediction and the gauges: the cell's result is the analytic
    one bit for bit (pybullet's ray test, used before, put its hit up to 1.4 mm off the solid
    it named next to a box's edges and around a cylinder's foot)."""
    _s, _arc, ours, theirs = casts
    for a, b in zip(ours, theirs, strict=True):
        np.testing.assert_array_equal(a, b)


@pytest.mark.parametrize("sid", ["pipe-plate-2f", "butt-1g-weave"])
def test_a_contact_tip_inside_the_work_is_a_wire_touch(sid):
    """Inside any workpiece solid the CTWD is 0 (the controller's wire-touch rule), just
    above it the cast meets its top."""
    s = load_scenario(sid)
    tips, kinds = [], []
    for k, sol in enumerate(s.solids):
        if sol.role != "workpiece":
            continue
        if sol.shape == "prism":
            prof = np.asarray(sol.profile_m)
            local = [float(np.mean(sol.x_range_m)), *prof.mean(axis=0)]
        else:
            local = [0.0, 0.0, 0.0]
        centre = sol.T_world_solid[:3, :3] @ np.asarray(local) + sol.T_world_solid[:3, 3]
        inside = solid_signed_distance(dataclasses.replace(sol, inner_radius_m=0.0),
                                       centre[None])[0]
        assert inside < 0.0
        tips.append(centre)
        kinds.append(k)
    T = _down(np.asarray(tips) - [0.0, 0.0, 0.015])  # the contact tips at those points
    hit, _, normal, solid, ctwd = cast_wire(s, T, 0.015, RAY_LENGTH_M)
    assert hit.all() and (ctwd == 0.0).all()
    assert solid.tolist() == kinds
    np.testing.assert_allclose(normal, np.tile([0.0, 0.0, 1.0], (len(T), 1)), atol=1e-12)
