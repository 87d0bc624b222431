"""The example of the job format and a job using every statement parse to the right values."""

from __future__ import annotations

import math

import numpy as np
import pytest
from program_jobs import EXAMPLE, RICH

from weldsim.program import (
    ArcEnd,
    ArcEndCondition,
    ArcStart,
    ArcStartCondition,
    CartesianPosition,
    Delay,
    JointPosition,
    MoveC,
    MoveL,
    MoveP,
    WeaveEnd,
    WeaveStart,
    load_job,
    parse_job,
)


def test_example_header_and_tables() -> None:
    program = parse_job(EXAMPLE, "example.job")
    assert program.name == "T_FILLET_DEMO"
    assert program.tool == 1
    assert program.robot is None
    (asc,) = program.arc_start_conditions
    assert asc == ArcStartCondition(260.0, 27.5, 45 / 6000, None, "MAG", 15.0, 1, "cm/min")
    assert asc.speed_m_s == pytest.approx(0.0075)
    assert (asc.line, asc.column) == (6, 1)
    (aec,) = program.arc_end_conditions
    assert aec == ArcEndCondition(180.0, 22.0, 0.5, 1)
    assert [p.number for p in program.positions] == [1, 2, 3, 4]


def test_example_positions_are_si_in_user1() -> None:
    program = parse_job(EXAMPLE)
    p1 = program.position(1)
    assert isinstance(p1, CartesianPosition)
    assert p1.frame == "USER1" and p1.user_frame == 1 and p1.conf is None
    assert p1.xyz_m == pytest.approx((-0.005, 0.035, 0.035))
    assert p1.rxyz_rad == pytest.approx(tuple(math.radians(v) for v in (134.56, -7.05, 7.11)))
    assert (p1.line, p1.column) == (8, 1)
    # the doc: the tool axis z = (0.174, -0.696, -0.696) in USER1
    assert p1.matrix()[:3, 2] == pytest.approx((0.174, -0.696, -0.696), abs=1e-3)
    np.testing.assert_allclose(p1.matrix()[:3, 3], (-0.005, 0.035, 0.035))


def test_example_instructions() -> None:
    program = parse_job(EXAMPLE)
    kinds = [type(i) for i in program.instructions]
    assert kinds == [MoveP, MoveL, ArcStart, MoveL, ArcEnd, MoveL]
    movep, to_start, arc_on, seam, arc_off, depart = program.instructions
    assert movep.target.number == 1 and movep.speed_pct == 40.0
    assert to_start.speed_m_s == pytest.approx(0.1) and to_start.speed_unit == "mm/s"
    assert arc_on.number == 1 and arc_on.condition.current_a == 260.0
    assert seam.speed_m_s is None  # runs at the welding speed of ASC 1
    assert seam.target == program.position(3)
    assert arc_off.condition.crater_time_s == 0.5
    assert depart.speed_m_s == pytest.approx(0.15)
    assert [(i.line, i.column) for i in program.instructions] == [
        (12, 1), (13, 1), (14, 1), (15, 1), (16, 1), (17, 1)]


def test_example_comments_kept_with_lines() -> None:
    program = parse_job(EXAMPLE)
    assert [c.line for c in program.comments] == [1, 2, 8, 9, 10, 11]
    assert program.comments[2].text == " approach: 50 mm back along the torch axis"
    assert program.comments[2].inline and not program.comments[0].inline


def test_rich_job_values() -> None:
    program = parse_job(RICH)
    assert program.name == "rich-job_2" and program.robot == "fd-b4" and program.tool == 2
    (asc,) = program.arc_start_conditions
    assert (asc.current_a, asc.voltage_v, asc.wfs_m_min, asc.gas, asc.flow_l_min) == (
        220.0, 24.5, 9.5, "CO2", 18.0)
    assert asc.speed_m_s == pytest.approx(0.5 / 60) and asc.speed_unit == "m/min"
    (wvc,) = program.weave_conditions
    assert wvc.pattern == "TRIANGLE" and wvc.amplitude_m == pytest.approx(0.0025)
    assert wvc.dwell_s == (0.1, 0.0, 0.1) and wvc.angle_rad == pytest.approx(math.radians(10))
    p10, p11 = program.positions
    assert isinstance(p10, JointPosition)
    assert p10.q_rad == pytest.approx(tuple(math.radians(v) for v in (0, -30, 20, 0, 45, 0)))
    assert isinstance(p11, CartesianPosition) and p11.frame == "USER2" and p11.conf == "FDB"
    ins = program.instructions
    assert [type(i) for i in ins] == [MoveP, MoveL, ArcStart, WeaveStart, MoveC, WeaveEnd,
                                      MoveL, ArcEnd, Delay, Delay, ArcStart, WeaveStart,
                                      WeaveEnd, ArcEnd, MoveP]
    assert ins[0].speed_pct == 50.0
    assert ins[1].speed_m_s == pytest.approx(0.2 / 60) and ins[1].speed_unit == "cm/min"
    assert ins[2].condition is asc
    assert ins[4].via.frame == "USER2" and ins[4].via.number is None
    assert ins[4].end.xyz_m == pytest.approx((0.12, 0.2, 0.3))
    assert ins[6].speed_m_s == pytest.approx(0.012)  # a bare number is mm/s
    assert ins[8].seconds == 1.5 and ins[9].seconds == 2.0
    assert ins[10].condition.number is None and ins[10].condition.current_a == 200.0
    assert ins[11].condition.amplitude_m == pytest.approx(0.0015)
    assert ins[13].condition == ArcEndCondition(120.0, 18.0, 0.2)
    assert ins[14].target.q_rad[4] == pytest.approx(math.pi / 2)
    assert program.comments[-1].text == " trailing comment"
    assert program.frames == ("USER2",)


def test_keywords_and_units_case_insensitive_names_case_sensitive() -> None:
    text = ("job Mixed_Case\nasc 1 i=200a u=20v s=30CM/MIN gas=mag\naec 1 i=150 u=18 t=0.2S\n"
            "p1 = x(0,0,0,0,0,0, conf=nut)\nmovep p1 r=10%\nas 1\nae 1\nend\n")
    program = parse_job(text)
    assert program.name == "Mixed_Case"
    assert program.arc_start_conditions[0].speed_m_s == pytest.approx(0.005)
    assert program.position(1).conf == "NUT"


def test_declarations_may_come_after_use() -> None:
    program = parse_job("JOB A\nMOVEP P7\nAS 2\nAE 3\nP7 = J(0,0,0,0,0,0)\n"
                        "ASC 2 I=100 U=18 S=5\nAEC 3 I=90 U=17 T=0\nEND\n")
    assert program.instructions[0].target.number == 7
    assert program.instructions[1].condition.number == 2
    assert program.instructions[0].speed_pct == 20.0  # default R


def test_frame_applies_from_its_line_on() -> None:
    program = parse_job("JOB A\nP1 = X(0,0,0,0,0,0)\nFRAME USER3\nP2 = X(0,0,0,0,0,0)\n"
                        "FRAME BASE\nMOVEL P1\nMOVEL P2\nEND\n")
    assert program.position(1).frame == "BASE"
    assert program.position(2).frame == "USER3"


def test_quantity_spellings() -> None:
    program = parse_job("JOB A\nP1 = X(1 mm, 2mm, 3, 4 deg, 5deg, 6)\nMOVEL P1 S=6 m/min\n"
                        "MOVEL P1 S=.5\nMOVEL P1 S=+3.\nDELAY 0\nEND\n")
    assert program.position(1).xyz_m == pytest.approx((0.001, 0.002, 0.003))
    speeds = [i.speed_m_s for i in program.instructions[:3]]
    assert speeds == pytest.approx([0.1, 0.0005, 0.003])


def test_crlf_bom_tabs_and_blank_lines() -> None:
    text = "\ufeff\r\n\tJOB A\r\n\r\n  \tMOVEP J(0,0,0,0,0,0)\r\nEND\r\n"
    program = parse_job(text.encode("utf-8"))
    assert program.instructions[0].line == 4
    assert program.instructions[0].column == 4


def test_load_job_reads_a_file(tmp_path) -> None:
    path = tmp_path / "example.job"
    path.write_bytes(EXAMPLE.encode("utf-8"))
    assert load_job(path) == parse_job(EXAMPLE)
    assert load_job(str(path)).filename == str(path)
