"""The live gauges read what the score would: the same numbers as ``technique_metrics`` for
the same poses, the analytic values of poses built from the seam frame, the windows of the
scenario, and an analytic ray that agrees with the cell's."""

from __future__ import annotations

import math

import numpy as np
import pytest
from coaching_poses import joint_angles, played, torch_pose

from weldsim.coaching import GAUGE_NAMES, Coach
from weldsim.coaching.gauges import gauge_state
from weldsim.errors import InvalidInputError
from weldsim.i18n import Message, render
from weldsim.kinematics import load_robot
from weldsim.scenarios.loader import bundled_scenario_ids, load_scenario
from weldsim.scoring import technique_metrics
from weldsim.scoring.windows import window_scores
from weldsim.sim import Cell

SCORED = ("work_angle", "work_angle_deg"), ("travel_angle", "travel_angle_deg"), \
    ("ctwd", "ctwd_mm"), ("aim_lateral", "aim_lateral_mm"), ("aim_vertical", "aim_vertical_mm"), \
    ("along", "s_mm")


@pytest.fixture(scope="module")
def fillet():
    sc = load_scenario("t-fillet-2f")
    robot = load_robot(sc.robot)
    return sc, robot, robot.spec.tool(sc.tool).stick_out_m


def _cases(sc):
    """Torch faults around the exercise's nominal: work and travel angles, heights, aims,
    and both travel directions."""
    w0 = sc.windows["work_angle_deg"].nominal
    fillet = sc.seams[0].joint != "butt"
    cases = []
    for dw in (-12.0, -4.0, 0.0, 7.0, 16.0):
        cases.append(dict(work_deg=w0 + dw))
    for tau in (-8.0, -2.0, 5.0, 12.0, 22.0):
        cases.append(dict(work_deg=w0, travel_deg=tau))
    for c in (9.0, 13.0, 15.0, 18.5, 24.0):
        cases.append(dict(work_deg=w0, ctwd_mm=c))
    for lat in (-0.4, 0.3, 1.0, 2.5):
        cases.append(dict(work_deg=w0, lateral_mm=lat))
    if fillet:
        for v in (0.4, 1.2, 3.0):
            cases.append(dict(work_deg=w0, vertical_mm=v))
    cases.append(dict(work_deg=w0 + 5, travel_deg=15.0, direction=-1, s_mm=160.0))
    cases.append(dict(work_deg=w0 - 6, travel_deg=-3.0, ctwd_mm=17.0, lateral_mm=0.8,
                      direction=-1, s_mm=120.0, roll_deg=20.0))
    return cases


@pytest.mark.parametrize("scenario_id", ["t-fillet-2f", "butt-1g-weave", "lap-2f"])
def test_gauges_equal_the_scoring_metrics_for_the_same_poses(scenario_id):
    """Poses jogged through known angles and heights, each played as a short pass (three
    samples along the seam, arc off between passes) and scored by technique_metrics; the
    coach, with the same cell, reads the same numbers at every sample."""
    sc = load_scenario(scenario_id)
    robot = load_robot(sc.robot)
    stick = robot.spec.tool(sc.tool).stick_out_m
    qs, arc, signs = [], [], []
    q_ref = None
    for case in _cases(sc):
        direction = case.get("direction", 1)
        s0 = case.pop("s_mm", 100.0)
        for k in range(3):
            T = torch_pose(sc, stick, s_mm=s0 + direction * 1.0 * k, **case)
            q_ref = joint_angles(sc, robot, T, q_ref)
            qs.append(q_ref)
            arc.append(True)
            signs.append(direction)
        qs.append(q_ref)
        arc.append(False)
        signs.append(0)
    qs = np.array(qs)
    arc = np.array(arc)
    with Cell(sc, robot) as cell:
        trace = played(cell, qs, arc)
        metrics = technique_metrics(trace, sc)
        coach = Coach(sc, robot, cell=cell)
        assert np.isnan(metrics.weave_amplitude_mm[arc]).all()  # no weave here
        compared = 0
        for i in np.flatnonzero(arc):
            reading = coach.reading(qs[i], travel_sign=signs[i])
            assert reading.seam == metrics.seam[i]
            for gauge, metric in SCORED:
                value = reading.gauge(gauge).value
                expected = getattr(metrics, metric)[i]
                assert value == pytest.approx(expected, abs=1e-6, nan_ok=True), (gauge, i)
            assert reading.off_seam_mm == pytest.approx(metrics.off_seam_mm[i], abs=1e-6)
            if np.isfinite(trace.ctwd_m[i]):
                np.testing.assert_allclose(reading.aim_point_m, trace.hit_point[i], atol=1e-9)
            compared += 1
    assert compared == 3 * len(_cases(sc))


def test_reading_a_pose_built_from_the_seam_frame(fillet):
    """A torch at 45 degrees work angle, 10 degrees push, CTWD 15 mm, aimed at the root reads
    those numbers; 1 mm across the base plate reads aim (1, 0), 1 mm up the web (0, 1)."""
    sc, robot, stick = fillet
    coach = Coach(sc, robot)
    T = torch_pose(sc, stick, work_deg=45.0, travel_deg=10.0, ctwd_mm=15.0, s_mm=80.0)
    r = coach.reading(joint_angles(sc, robot, T))
    v = r.values()
    assert v["work_angle"] == pytest.approx(45.0, abs=1e-6)
    assert v["travel_angle"] == pytest.approx(10.0, abs=1e-6)
    assert v["ctwd"] == pytest.approx(15.0, abs=1e-6)
    assert v["aim_lateral"] == pytest.approx(0.0, abs=1e-6)
    assert v["aim_vertical"] == pytest.approx(0.0, abs=1e-6)
    assert v["along"] == pytest.approx(80.0, abs=1e-6)
    assert r.seam == 0 and r.seam_length_mm == pytest.approx(250.0)
    assert all(g.state == "in" for g in r.gauges if g.name != "along")
    assert r.gauge("along").state == "none" and r.gauge("along").low is None
    # the points the 3D view draws
    np.testing.assert_allclose(r.tip_m, T[:3, 3], atol=1e-9)
    np.testing.assert_allclose(r.aim_point_m, r.root_point_m, atol=1e-9)  # aimed at the root
    assert r.root_point_m == pytest.approx([0.85, -0.125 + 0.080, 0.01], abs=1e-9)
    # the drop line: straight down from the tip to the base plate's top (z = 10 mm)
    assert r.drop_mm == pytest.approx(1000.0 * (T[2, 3] - 0.01), abs=1e-9)
    np.testing.assert_allclose(r.drop_point_m, [T[0, 3], T[1, 3], 0.01], atol=1e-12)
    # pushing the other way is dragging
    drag = coach.reading(joint_angles(sc, robot, T), travel_sign=-1)
    assert drag.gauge("travel_angle").value == pytest.approx(-10.0, abs=1e-6)
    assert drag.gauge("travel_angle").state == "out"
    for lat, vert in ((1.0, 0.0), (0.0, 1.0)):
        T = torch_pose(sc, stick, lateral_mm=lat, vertical_mm=vert)
        v = coach.reading(joint_angles(sc, robot, T)).values()
        assert (v["aim_lateral"], v["aim_vertical"]) == pytest.approx((lat, vert), abs=1e-6)
        assert v["ctwd"] == pytest.approx(15.0, abs=1e-6)


def test_heights_and_a_wire_that_misses(fillet):
    sc, robot, stick = fillet
    coach = Coach(sc, robot)
    for ctwd in (8.0, 12.0, 15.0, 19.0, 40.0, 95.0):
        T = torch_pose(sc, stick, ctwd_mm=ctwd)
        r = coach.reading(joint_angles(sc, robot, T))
        assert r.gauge("ctwd").value == pytest.approx(ctwd, abs=1e-6)
    # farther than the cell's ray (100 mm): no CTWD, the aim point still shown
    T = torch_pose(sc, stick, ctwd_mm=130.0)
    r = coach.reading(joint_angles(sc, robot, T))
    assert math.isnan(r.gauge("ctwd").value) and r.gauge("ctwd").state == "out"
    np.testing.assert_allclose(r.aim_point_m, r.root_point_m, atol=1e-9)
    # the wire pointing straight up, 50 mm off the web, meets nothing
    T = np.eye(4)
    T[:3, 3] = (0.80, 0.0, 0.06)
    r = coach.reading_at(T)
    assert math.isnan(r.gauge("ctwd").value) and r.aim_point_m is None


def test_states_follow_the_scenarios_windows(fillet):
    """The gauge's window is the scenario's; its state is the scoring's per-sample score:
    1 in, between 0 and 1 near, 0 out."""
    sc, robot, stick = fillet
    coach = Coach(sc, robot)
    r = coach.reading(joint_angles(sc, robot, torch_pose(sc, stick, work_deg=53.0)))
    g = r.gauge("work_angle")
    w = sc.windows["work_angle_deg"]
    assert (g.target, g.low, g.high, g.full_low, g.full_high) == \
        (w.nominal, w.zero_lo, w.zero_hi, w.full_lo, w.full_hi)
    assert g.state == "near" and g.unit == "deg"
    assert r.gauge("ctwd").unit == "mm"
    for name, key in (("aim_lateral", "aim_mm"), ("aim_vertical", "aim_mm"),
                      ("travel_angle", "travel_angle_deg"), ("ctwd", "ctwd_mm")):
        assert coach.window(name) is sc.windows[key]
    for x in np.linspace(w.zero_lo - 5, w.zero_hi + 5, 301):
        score = window_scores(np.array([x]), w)[0]
        state = gauge_state(float(x), w)
        assert state == ("in" if score == 1.0 else "near" if score > 0.0 else "out")
    assert gauge_state(1.0, None) == "none"


def test_readings_are_in_order_and_labelled(fillet):
    sc, robot, _ = fillet
    r = Coach(sc, robot).reading(sc.home_q)
    assert tuple(g.name for g in r.gauges) == GAUGE_NAMES
    for g in r.gauges:
        assert isinstance(g.label, Message)
        for lang in ("id", "en"):
            assert render(g.label, lang) and render(g.label, lang) != g.label.key
    with pytest.raises(KeyError):
        r.gauge("speed")


def test_bad_input_is_refused(fillet):
    sc, robot, _ = fillet
    coach = Coach(sc, robot)
    with pytest.raises(InvalidInputError):
        coach.reading(sc.home_q, travel_sign=2)
    with pytest.raises(InvalidInputError):
        coach.reading_at(np.full((4, 4), np.nan))
    with pytest.raises(InvalidInputError):
        coach.hint(sc.home_q, "WORLD")
    with pytest.raises(InvalidInputError):
        Coach(load_scenario("jog-basics"), robot)


@pytest.mark.parametrize("scenario_id", [s for s in bundled_scenario_ids()
                                         if load_scenario(s).seams])
def test_the_analytic_ray_agrees_with_the_cell(scenario_id):
    """Without a cell the CTWD is cast analytically against the same solids: it agrees with
    the cell's ray cast to 0.01 mm away from the root's corner, and within 0.3 mm on the
    corner itself, where pybullet's convex cast rounds (the score takes the cell's: a coach
    with a cell reads exactly that); both hit or both miss."""
    sc = load_scenario(scenario_id)
    robot = load_robot(sc.robot)
    stick = robot.spec.tool(sc.tool).stick_out_m
    coach = Coach(sc, robot)
    rng = np.random.default_rng(7)
    poses = []
    for seam in range(len(sc.seams)):
        length = sc.seams[seam].length_m * 1000.0
        w0 = sc.windows["work_angle_deg"].nominal
        for _ in range(25):
            poses.append(torch_pose(
                sc, stick, seam=seam, s_mm=float(rng.uniform(0.1, 0.9) * length),
                work_deg=w0 + float(rng.uniform(-15, 15)),
                travel_deg=float(rng.uniform(-10, 20)), ctwd_mm=float(rng.uniform(8, 60)),
                lateral_mm=float(rng.uniform(0.5, 4.0)), roll_deg=float(rng.uniform(0, 90))))
    poses = np.array(poses)
    with Cell(sc, robot) as cell:
        hit, _, _, _, ctwd = cell.cast_wire(poses)
    mine = np.array([coach.reading_at(T).gauge("ctwd").value for T in poses])
    assert np.array_equal(np.isnan(mine), ~hit)
    np.testing.assert_allclose(mine[hit], 1000.0 * ctwd[hit], atol=0.01)
    # aimed at the root's corner itself
    corner = np.array([torch_pose(sc, stick, seam=seam, s_mm=50.0 + 10 * k,
                                  work_deg=sc.windows["work_angle_deg"].nominal)
                       for seam in range(len(sc.seams)) for k in range(5)])
    with Cell(sc, robot) as cell:
        hit, _, _, _, ctwd = cell.cast_wire(corner)
    mine = np.array([coach.reading_at(T).gauge("ctwd").value for T in corner])
    assert hit.all() and not np.isnan(mine).any()
    np.testing.assert_allclose(mine, 1000.0 * ctwd, atol=0.3)
