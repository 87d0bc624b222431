"""Far from the seam: the approach boundary (pinned by the reference jobs' approach points),
its hysteresis along jog paths, the gauges' values untouched, and the approach hint that,
followed with the pendant's own jog keys, brings the wire tip to the seam."""

from __future__ import annotations

import itertools
import math

import numpy as np
import pytest

from weldsim.coaching import Coach
from weldsim.coaching.approach import APPROACH_HYSTERESIS_MM, APPROACH_MM, SeamLines, is_far
from weldsim.i18n import catalog, placeholders, render
from weldsim.kinematics import load_robot
from weldsim.pendant import Pendant
from weldsim.program import load_job
from weldsim.program.model import ArcStart, MoveC
from weldsim.scenarios.loader import bundled_scenario_ids, load_scenario

#: Jog time per tick while following a hint (s); hints asked at most, and ticks per hint.
TICK_S = 0.05
MAX_HINTS = 60
TICKS_PER_HINT = 8


@pytest.fixture(scope="module")
def fillet():
    sc = load_scenario("t-fillet-2f")
    return sc, load_robot(sc.robot)


def _seam_distance_mm(scenario, tip) -> float:
    """The test's own distance from a point to the nearest seam (dense sampling)."""
    best = math.inf
    for seam in scenario.seams:
        pts = np.asarray(seam.points_m, dtype=float)
        for a, b in itertools.pairwise(pts):
            t = np.linspace(0.0, 1.0, 2001)[:, None]
            best = min(best, float(np.min(np.linalg.norm(a + t * (b - a) - tip, axis=1))))
    return 1000.0 * best


def _approach_points(sid):
    """World TCP poses of the taught points just before each arc start (the approach point)
    of a scenario's reference job."""
    sc = load_scenario(sid)
    job = load_job(sc.reference_job)
    user = sc.user_frames_base()
    T_wb = np.asarray(sc.T_world_base, dtype=float)
    ins = job.instructions
    out = []
    for k, i in enumerate(ins):
        if isinstance(i, ArcStart):
            move = ins[k - 2]            # the approach: the move before the arc start point
            pos = move.end if isinstance(move, MoveC) else move.target
            T = (user[pos.frame] if pos.frame != "BASE" else np.eye(4)) @ pos.matrix()
            out.append(T_wb @ T)
    return sc, out


WELDING = [s for s in bundled_scenario_ids()
           if load_scenario(s).seams and load_scenario(s).reference_job
           and load_scenario(s).welds]


def test_the_boundary_and_its_hysteresis():
    assert APPROACH_MM == 60.0 and APPROACH_HYSTERESIS_MM == 10.0
    for was in (None, True, False):
        assert not is_far(APPROACH_MM - 0.01, was)
        assert is_far(APPROACH_MM + APPROACH_HYSTERESIS_MM + 0.01, was)
        assert is_far(math.nan, was)
    inside_band = APPROACH_MM + 0.5 * APPROACH_HYSTERESIS_MM
    assert is_far(inside_band, None) and is_far(inside_band, True)
    assert not is_far(inside_band, False)


@pytest.mark.parametrize("sid", WELDING)
def test_the_reference_jobs_approach_points_read_at_the_seam(sid):
    """The source of APPROACH_MM: every reference job's approach point is taught ~50 mm back
    from the weld's start along the torch axis; there the gauges must be live, with the 10 mm
    to spare the constant claims."""
    sc, poses = _approach_points(sid)
    coach = Coach(sc, load_robot(sc.robot))
    assert poses
    for T in poses:
        r = coach.reading_at(T)
        assert 45.0 < r.approach.seam_mm < APPROACH_MM - 9.0
        assert r.approach.seam_mm == pytest.approx(_seam_distance_mm(sc, T[:3, 3]), abs=0.01)
        assert not r.far


def test_home_is_far_with_the_distance_to_the_seams_start(fillet):
    sc, robot = fillet
    coach = Coach(sc, robot)
    r = coach.reading(sc.home_q)
    tip = coach.world_tcp(sc.home_q)[:3, 3]
    start = np.asarray(sc.seams[0].points_m, dtype=float)[0]
    assert r.far and r.approach.far and coach.was_far is True
    assert r.approach.seam_mm == pytest.approx(_seam_distance_mm(sc, tip), abs=0.01)
    assert r.approach.seam_mm > 200.0
    assert r.approach.start_mm == pytest.approx(1000.0 * np.linalg.norm(tip - start), abs=1e-9)
    d = f"{r.approach.start_mm:.0f}"
    assert render(r.approach.message, "id") == (
        f"Torch masih jauh dari kampuh ({d} mm ke titik awalnya). "
        "Bawa dulu ke titik awal kampuh.")
    assert render(r.approach.message, "en").startswith(
        f"The torch is still far from the seam ({d} mm to its start).")
    # the far state changes no gauge: the values and states are those of the plain reading
    plain = Coach(sc, robot).reading_at(coach.world_tcp(sc.home_q))
    assert [(g.value, g.state) for g in r.gauges] == [(g.value, g.state) for g in plain.gauges]


def test_the_distance_is_the_nearest_seams_on_two_seams():
    sc = load_scenario("t-fillet-2f-both-sides")
    lines = SeamLines(sc.seams)
    rng = np.random.default_rng(3)
    lo = np.min([np.min(s.points_m, axis=0) for s in sc.seams], axis=0) - 0.1
    hi = np.max([np.max(s.points_m, axis=0) for s in sc.seams], axis=0) + 0.1
    for tip in rng.uniform(lo, hi, size=(40, 3)):
        a = lines.approach(tip)
        assert a.seam_mm == pytest.approx(_seam_distance_mm(sc, tip), abs=0.01)
        assert a.far == (a.seam_mm > APPROACH_MM)
        assert np.array_equal(a.start_m, np.asarray(sc.seams[a.seam].points_m)[0])


def _line_path(coach, robot, T0, direction, distances_mm):
    """Joint angles along a straight line of the TCP from ``T0`` (world), IK from the last."""
    T_bw = np.linalg.inv(coach.T_world_base)
    q = None
    out = []
    for d in distances_mm:
        T = T0.copy()
        T[:3, 3] = T0[:3, 3] + 1e-3 * d * direction
        seed = q if q is not None else coach.scenario.home_q
        q = np.asarray(robot.ik_nearest(T_bw @ T, seed, tool=coach.tool), dtype=float)
        out.append(q)
    return out


def test_a_jog_path_to_and_fro_at_the_edge_switches_once_each_way(fillet):
    """Away from the approach point along its torch axis in 1 mm steps, back, then to and
    fro by 3 mm across the 60 mm line: the far state switches once going out (beyond 70
    mm), once coming in (within 60 mm), and never while the tip wobbles at the edge."""
    sc, robot = fillet
    coach = Coach(sc, robot)
    _, (T0,) = _approach_points("t-fillet-2f")
    back = -T0[:3, 2]                                   # back along the wire axis
    out = list(range(0, 41))                           # 50 mm ... ~90 mm from the seam
    path = _line_path(coach, robot, T0, back, out + out[::-1])
    wobble = [8, 11, 8, 11, 8, 11, 9, 12, 9, 12]       # ~58 ... ~62 mm, over and over
    path_wobble = _line_path(coach, robot, T0, back, wobble)
    states, dist = [], []
    for q in path + path_wobble:
        r = coach.reading(q)
        states.append(r.far)
        dist.append(r.approach.seam_mm)
    switches = [k for k in range(1, len(states)) if states[k] != states[k - 1]]
    assert len(switches) == 2, switches
    k_out, k_in = switches
    assert states[k_out] and dist[k_out] > APPROACH_MM + APPROACH_HYSTERESIS_MM
    assert dist[k_out - 1] <= APPROACH_MM + APPROACH_HYSTERESIS_MM
    assert not states[k_in] and dist[k_in] <= APPROACH_MM and dist[k_in - 1] > APPROACH_MM
    wobbled = dist[len(path):]
    assert min(wobbled) < APPROACH_MM < max(wobbled)   # it did cross the entry line
    assert not any(states[len(path):])
    # a plain boundary (no history) would have flickered on the same path
    plain = [coach.reading_at(coach.world_tcp(q)).far for q in path_wobble]
    assert sum(plain[k] != plain[k - 1] for k in range(1, len(plain))) >= 4


@pytest.mark.parametrize("frame", ["BASE", "USER1", "TOOL", "JOINT"])
def test_following_the_approach_hint_brings_the_tip_to_the_seam(fillet, frame):
    """From home, far: the hint is an approach hint in the trainee's frame; followed with the
    pendant's own jog (MED speed) as a trainee watching the distance does (the key released
    when the distance stops shrinking), each hint's key shortens the distance to the seam's
    start, and within a bounded number of hints the gauges are live."""
    sc, robot = fillet
    coach = Coach(sc, robot)
    p = Pendant(sc, robot, cell=False)
    p.q = np.asarray(sc.home_q, dtype=float).copy()
    p.servo_on()
    p.set_deadman(True)
    p.set_frame(frame)
    p.set_speed(2)
    start = np.asarray(sc.seams[0].points_m, dtype=float)[0]

    def distance():
        return 1000.0 * float(np.linalg.norm(coach.world_tcp(p.q)[:3, 3] - start))

    firsts = []
    for _ in range(MAX_HINTS):
        reading = coach.reading(p.q)
        if not reading.far:
            break
        hint = coach.hint(p.q, frame, reading)
        assert hint is not None and hint.gauge == "approach" and hint.frame == frame
        assert hint.message.key == "coaching.approach.hint"
        before = distance()
        p.jog_press(hint.axis, hint.sign)
        for k in range(TICKS_PER_HINT):
            last = distance()
            p.tick(TICK_S)
            if k == 0:
                firsts.append((before, distance()))
            if not coach.reading(p.q).far or distance() >= last:
                break
        p.jog_release()
        assert not p.alarms, p.alarms
    assert not coach.reading(p.q).far, firsts
    assert firsts and all(after < before for before, after in firsts), firsts


def test_the_approach_messages_exist_in_both_languages():
    for key in ("coaching.approach.far", "coaching.approach.hint"):
        got = {lang: catalog(lang)[key] for lang in ("id", "en")}
        assert placeholders(got["id"]) == placeholders(got["en"])
