"""Hints: followed with the pendant's own jog keys, each brings its gauge back into the
window; none when all is well; the messages exist in both languages."""

from __future__ import annotations

import pytest
from coaching_poses import joint_angles, torch_pose

from weldsim.coaching import Coach, Hint
from weldsim.coaching.hints import excess
from weldsim.i18n import Message, catalog, placeholders, render
from weldsim.kinematics import load_robot
from weldsim.pendant import Pendant
from weldsim.pendant.state import JOG_AXES
from weldsim.scenarios.loader import load_scenario

#: Jog time per tick while following a hint (s), at the LOW speed (10 mm/s, 2 deg/s): 0.5 mm
#: or 0.1 degree per tick.
TICK_S = 0.05
#: Ticks one hint is followed for before it is asked again, and hints asked at most.
TICKS_PER_HINT = 10
MAX_HINTS = 30


@pytest.fixture(scope="module")
def fillet():
    sc = load_scenario("t-fillet-2f")
    robot = load_robot(sc.robot)
    return sc, robot, robot.spec.tool(sc.tool).stick_out_m


def _follow(coach: Coach, pendant: Pendant, frame: str, gauge: str, travel_sign: int = 1):
    """Follow the coach's hints, asked in the trainee's jog ``frame``, with the jog keys of
    the frame each hint names, until ``gauge`` is in its band; the hints given and the final
    reading."""
    hints = []
    for _ in range(MAX_HINTS):
        reading = coach.reading(pendant.q, travel_sign=travel_sign)
        hint = coach.hint(pendant.q, frame, reading)
        if hint is None or reading.gauge(gauge).state == "in":
            break
        hints.append(hint)
        pendant.set_frame(hint.frame)
        pendant.jog_press(hint.axis, hint.sign)
        for _ in range(TICKS_PER_HINT):
            pendant.tick(TICK_S)
            if coach.reading(pendant.q, travel_sign=travel_sign).gauge(gauge).state == "in":
                break
        pendant.jog_release()
        assert not pendant.alarms, pendant.alarms
    return hints, coach.reading(pendant.q, travel_sign=travel_sign)


FAULTS = [
    ("work_angle", dict(work_deg=57.0)),
    ("work_angle", dict(work_deg=35.0)),
    ("travel_angle", dict(travel_deg=-6.0)),
    ("travel_angle", dict(travel_deg=19.0)),
    ("ctwd", dict(ctwd_mm=21.5)),
    ("ctwd", dict(ctwd_mm=10.5)),
    ("aim_lateral", dict(lateral_mm=1.6)),
    ("aim_vertical", dict(vertical_mm=1.4)),
]


@pytest.mark.parametrize("frame", ["TOOL", "BASE", "USER1", "JOINT"])
@pytest.mark.parametrize(("gauge", "fault"), FAULTS,
                         ids=[f"{g}-{'-'.join(f'{k}{v}' for k, v in f.items())}"
                              for g, f in FAULTS])
def test_following_the_hint_brings_the_gauge_into_its_window(fillet, frame, gauge, fault):
    sc, robot, stick = fillet
    coach = Coach(sc, robot)
    pendant = Pendant(sc, robot, cell=False)
    pendant.q = joint_angles(sc, robot, torch_pose(sc, stick, s_mm=120.0, **fault))
    start = coach.reading(pendant.q)
    assert start.gauge(gauge).state != "in"
    others_in = [g.name for g in start.gauges if g.state == "in"]
    pendant.servo_on()
    pendant.set_deadman(True)
    pendant.set_speed(1)
    hints, end = _follow(coach, pendant, frame, gauge)
    assert hints and hints[0].gauge == gauge and hints[0].frame in (frame, "TOOL")
    assert end.gauge(gauge).state == "in", (hints, end.values())
    # the gauges that were in their band are not pushed out of the window
    for name in others_in:
        assert end.gauge(name).state != "out", (name, end.values())


BUTT_FAULTS = [
    ("work_angle", dict(work_deg=80.0)),
    ("travel_angle", dict(work_deg=90.0, travel_deg=-4.0)),
    ("ctwd", dict(work_deg=90.0, ctwd_mm=20.5)),
    ("aim_lateral", dict(work_deg=90.0, lateral_mm=-1.2)),
]


@pytest.mark.parametrize("frame", ["TOOL", "BASE"])
@pytest.mark.parametrize(("gauge", "fault"), BUTT_FAULTS, ids=[g for g, _ in BUTT_FAULTS])
def test_hints_on_a_butt_joint(frame, gauge, fault):
    sc = load_scenario("butt-1g-weave")
    robot = load_robot(sc.robot)
    stick = robot.spec.tool(sc.tool).stick_out_m
    coach = Coach(sc, robot)
    pendant = Pendant(sc, robot, cell=False)
    pendant.q = joint_angles(sc, robot, torch_pose(sc, stick, s_mm=100.0, **fault))
    assert coach.reading(pendant.q).gauge(gauge).state != "in"
    pendant.servo_on()
    pendant.set_deadman(True)
    pendant.set_speed(1)
    hints, end = _follow(coach, pendant, frame, gauge)
    assert hints and hints[0].gauge == gauge
    assert end.gauge(gauge).state == "in", (hints, end.values())


def test_a_robot_standing_still_is_read_once(fillet):
    """The pendant asks every frame; the same pose gives the same reading (and hint) back
    without computing it again, a new pose a new one."""
    sc, robot, stick = fillet
    coach = Coach(sc, robot)
    q = joint_angles(sc, robot, torch_pose(sc, stick, work_deg=55.0))
    r = coach.reading(q)
    assert coach.reading(q.copy()) is r
    assert coach.reading(q, travel_sign=-1) is not r
    q2 = q.copy()
    q2[0] += 1e-3
    r2 = coach.reading(q2)
    assert r2 is not r and r2.gauge("along").value != r.gauge("along").value
    h = coach.hint(q, "TOOL")
    assert coach.hint(q.copy(), "TOOL") is h
    assert coach.hint(q, "BASE") is not h
    fresh = Coach(sc, robot)
    assert fresh.reading(q2).values() == r2.values()


def test_hint_points_the_right_way_in_tool(fillet):
    """Raising the work angle of a T-fillet torch in TOOL is a rotation about the tool's
    travel axis (X along the seam here); the CTWD is the tool's Z."""
    sc, robot, stick = fillet
    coach = Coach(sc, robot)
    low = joint_angles(sc, robot, torch_pose(sc, stick, work_deg=35.0))
    h = coach.hint(low, "TOOL")
    assert (h.gauge, h.axis) == ("work_angle", 3)
    assert h.message.key == "coaching.hint.work_angle.up"
    assert render(h.message, "en").startswith("rotate RX")
    high = joint_angles(sc, robot, torch_pose(sc, stick, work_deg=55.0))
    h2 = coach.hint(high, "TOOL")
    assert (h2.gauge, h2.axis, h2.sign) == ("work_angle", 3, -h.sign)
    assert h2.message.key == "coaching.hint.work_angle.down"
    long = joint_angles(sc, robot, torch_pose(sc, stick, ctwd_mm=21.0))
    h3 = coach.hint(long, "TOOL")
    assert (h3.gauge, h3.axis, h3.sign) == ("ctwd", 2, 1)   # along the wire, toward the work
    assert render(h3.message, "en") == "move Z+ in TOOL to shorten the CTWD"
    assert render(h3.message, "id") == "geser Z+ di frame TOOL untuk memperpendek CTWD"


def test_the_worst_gauge_is_fixed_first(fillet):
    sc, robot, stick = fillet
    coach = Coach(sc, robot)
    q = joint_angles(sc, robot, torch_pose(sc, stick, work_deg=58.0, ctwd_mm=17.6))
    r = coach.reading(q)
    assert excess(r.gauge("work_angle")) > excess(r.gauge("ctwd")) > 0.0
    assert coach.hint(q, "BASE", r).gauge == "work_angle"


def test_no_hint_when_every_gauge_is_in_its_band(fillet):
    sc, robot, stick = fillet
    coach = Coach(sc, robot)
    q = joint_angles(sc, robot, torch_pose(sc, stick))
    for frame in ("JOINT", "BASE", "TOOL", "USER1"):
        assert coach.hint(q, frame) is None
    # dragging on the same pose: the travel angle is out, and the hint says so
    h = coach.hint(q, "TOOL", travel_sign=-1)
    assert isinstance(h, Hint) and h.gauge == "travel_angle"


def test_hint_messages_exist_in_both_languages():
    """Every message a hint or gauge can carry is in both catalogues with the same
    placeholders, and renders with the axes the pendant labels its keys with."""
    keys = [f"coaching.hint.{g}.{d}" for g in ("work_angle", "travel_angle", "ctwd",
                                               "aim_lateral", "aim_vertical")
            for d in ("up", "down")]
    keys += [f"coaching.move.{k}" for k in ("rotate", "translate", "joint")]
    keys += [f"coaching.gauge.{g}" for g in ("work_angle", "travel_angle", "ctwd",
                                             "aim_lateral", "aim_vertical", "along")]
    en, idn = catalog("en"), catalog("id")
    for key in keys:
        assert key in en and key in idn, key
        assert placeholders(en[key]) == placeholders(idn[key]), key
    move = Message.of("coaching.move.rotate", axis=JOG_AXES["CART"][3], sign="\u2212",
                      frame="TOOL")
    msg = Message.of("coaching.hint.work_angle.up", move=move)
    assert render(msg, "en") == "rotate RX\u2212 in TOOL to raise the work angle"
    assert render(msg, "id") == "putar RX\u2212 di frame TOOL untuk menaikkan sudut kerja"
