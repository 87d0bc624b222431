"""INFORM (.JBI) and FANUC (.LS) exports: every section, position counts, values, speeds."""

from __future__ import annotations

import math
import re
from datetime import datetime

import numpy as np
import pytest
from program_jobs import EXAMPLE, RICH

from weldsim.program import parse_job
from weldsim.program.export import ExportError, export_fanuc_ls, export_inform

DATE = datetime(2025, 3, 4, 5, 6, 7)


class FakeRobot:
    """fk: a fixed pose whose translation is q1..q3 in metres; configuration 'FDB'."""

    def __init__(self) -> None:
        self.calls: list[tuple[tuple[float, ...], int]] = []

    def fk(self, q_rad: np.ndarray, tool: int = 1) -> np.ndarray:
        self.calls.append((tuple(q_rad), tool))
        c, s = math.cos(0.5), math.sin(0.5)
        pose = np.eye(4)
        pose[:3, :3] = ((c, -s, 0), (s, c, 0), (0, 0, 1))  # Rz(0.5 rad)
        pose[:3, 3] = (1.0, 0.25, 0.5)
        return pose

    def configuration(self, q_rad: np.ndarray) -> str:
        return "FDB"


def jbi_lines(text: str) -> list[str]:
    assert text.endswith("\r\n") and "\n" not in text.replace("\r\n", "")
    return text.split("\r\n")[:-1]


def test_inform_example_structure_and_values() -> None:
    lines = jbi_lines(export_inform(parse_job(EXAMPLE), date=DATE))
    order = ["/JOB", "//NAME T_FILLET_DEMO", "//POS", "///NPOS 4,0,0,0,0,0", "///USER 1",
             "///TOOL 1", "///POSTYPE USER", "///RECTAN",
             "///RCONF 1,0,0" + ",0" * 21, "//INST", "///DATE 2025/03/04 05:06",
             "///ATTR SC,RW", "///GROUP1 RB1", "NOP"]
    indices = [lines.index(x) for x in order]
    assert indices == sorted(indices)
    assert lines[-1] == "END"
    cs = [x for x in lines if re.match(r"C\d{5}=", x)]
    assert cs == ["C00000=-5.000,35.000,35.000,134.5600,-7.0500,7.1100",
                  "C00001=5.000,0.000,0.000,134.5600,-7.0500,7.1100",
                  "C00002=245.000,0.000,0.000,134.5600,-7.0500,7.1100",
                  "C00003=255.000,35.000,35.000,134.5600,-7.0500,7.1100"]
    body = lines[lines.index("NOP") + 1:]
    moves = [x for x in body if not x.startswith("'")]
    assert moves == ["MOVJ C00000 VJ=40.00", "MOVL C00001 V=100.0", "ARCON ASF#(1)",
                     "MOVL C00002 V=7.5",  # no S= inside the weld: ASC 1's 45 cm/min
                     "ARCOF AEF#(1)", "MOVL C00003 V=150.0", "END"]
    comments = [x for x in body if x.startswith("'")]
    assert any("ROS-Industrial" in x for x in comments)
    assert all(len(x) <= 33 for x in comments)
    assert "'ASF#(1) I=260A U=27.5V S=7.5mm/s" in comments[3]


def test_inform_reuses_positions_and_counts_them() -> None:
    lines = jbi_lines(export_inform(parse_job(RICH), robot=FakeRobot(), date=DATE))
    cs = [x for x in lines if re.match(r"C\d{5}=", x)]
    npos = next(x for x in lines if x.startswith("///NPOS"))
    assert npos == f"///NPOS {len(cs)},0,0,0,0,0"
    # P10 (joint), P11, two MOVC literals (MOVC repeats the start point P11), a joint literal
    assert len(cs) == 5
    body = lines[lines.index("NOP"):]
    assert "MOVL C00001 V=3.3" in body  # 20 cm/min
    assert ["MOVC C00001 V=8.3", "MOVC C00002 V=8.3", "MOVC C00003 V=8.3"] == [
        x for x in body if x.startswith("MOVC")]  # weld speed of ASC 3: 0.5 m/min
    assert "MOVL C00001 V=12.0" in body
    assert "WVON WEV#(5)" in body and "WVOF" in body and "TIMER T=1.50" in body
    assert "ARCON AC=200 AV=21 V=5.0" in body
    assert "WVON AMP=1.5 FREQ=2.0" in body
    assert "'J() points: by weldsim FK" in body
    # frames: joint positions come out as BASE RECTAN, USER2 positions under ///USER 2
    assert lines.index("///USER 2") < lines.index(cs[1])
    assert lines.index("///POSTYPE BASE") < lines.index(cs[0])


def test_inform_joint_position_through_robot_fk() -> None:
    robot = FakeRobot()
    program = parse_job("JOB J\nTOOL 3\nP1 = J(200, 0, 0, 190, 0, 0)\nMOVEP P1 R=10\nEND\n")
    lines = jbi_lines(export_inform(program, robot=robot, date=DATE))
    assert "C00000=1000.000,250.000,500.000,0.0000,0.0000,28.6479" in lines
    # no-flip=0 (F), lower arm=1 (D), rear=1 (B); R (q4) and S (q1) beyond 180 deg
    assert "///RCONF 0,1,1,1,0,1" + ",0" * 18 in lines
    assert "///TOOL 3" in lines
    assert robot.calls == [(tuple(math.radians(v) for v in (200, 0, 0, 190, 0, 0)), 3)]


def test_inform_joint_position_without_robot_is_refused() -> None:
    program = parse_job("JOB J\nMOVEP J(0, 0, 0, 0, 0, 0)\nEND\n")
    with pytest.raises(ExportError, match="joint position: INFORM export needs the robot"):
        export_inform(program)


def test_inform_movec_first_is_refused() -> None:
    program = parse_job("JOB J\nMOVEC X(0,0,0,0,0,0) X(1,1,0,0,0,0)\nEND\n")
    with pytest.raises(ExportError, match="first move"):
        export_inform(program)


def ls_sections(text: str) -> list[str]:
    lines = text.split("\r\n")[:-1]
    return [x.split()[0] for x in lines if x.startswith("/")]


def test_fanuc_example_structure_and_values() -> None:
    text = export_fanuc_ls(parse_job(EXAMPLE), date=DATE)
    assert ls_sections(text) == ["/PROG", "/ATTR", "/MN", "/POS", "/END"]
    lines = text.split("\r\n")[:-1]
    assert lines[0] == "/PROG  T_FILLET_DEMO"
    assert "CREATE\t\t= DATE 25-03-04  TIME 05:06:07;" in lines
    mn = lines[lines.index("/MN") + 1:lines.index("/POS")]
    assert f"LINE_COUNT\t= {len(mn)};" in lines
    instructions = [x.split(":", 1)[1].strip() for x in mn if "!" not in x]
    assert instructions == ["UTOOL_NUM=1 ;", "UFRAME_NUM=1 ;", "J P[1] 40% FINE ;",
                            "L P[2] 100mm/sec FINE ;", "Arc Start[1] ;",
                            "L P[3] WELD_SPEED FINE ;", "Arc End[1] ;",
                            "L P[4] 150mm/sec FINE ;"]
    assert any("ROS-Industrial" in x for x in mn)
    pos = "\n".join(lines[lines.index("/POS"):])
    assert pos.count("GP1:") == 4 and pos.count("};") == 4
    assert "UF : 1, UT : 1,\t\tCONFIG : 'N U T, 0, 0, 0'," in pos
    assert re.search(r"P\[1\]\{\n   GP1:\n.*\n\tX = +-5\.000  mm,\tY = +35\.000  mm,"
                     r"\tZ = +35\.000  mm,\n\tW = +134\.560 deg,\tP = +-7\.050 deg,"
                     r"\tR = +7\.110 deg\n\};", pos)


def test_fanuc_rich_job() -> None:
    text = export_fanuc_ls(parse_job(RICH), date=DATE)
    lines = text.split("\r\n")[:-1]
    mn = lines[lines.index("/MN") + 1:lines.index("/POS")]
    joined = "\n".join(mn)
    assert "J P[10] 50% FINE ;" in joined
    assert "L P[11] 20cm/min FINE ;" in joined
    assert "Weave Sine[5] ;" in joined and "Weave End ;" in joined
    assert re.search(r"C P\[1\]\n    :  P\[2\] WELD_SPEED FINE ;", joined)  # literals: P[1], P[2]
    assert "L P[11] 12mm/sec FINE ;" in joined
    assert "WAIT   1.50(sec) ;" in joined
    assert "Arc Start[21.0V,200.0A] ;" in joined
    assert "UFRAME_NUM=2 ;" in joined
    # the circular move's second line is not numbered; the count matches
    numbered = [x for x in mn if re.match(r" *\d+:", x)]
    assert f"LINE_COUNT\t= {len(numbered)};" in lines
    assert len(numbered) == len(mn) - 1
    pos = "\n".join(lines[lines.index("/POS"):])
    assert "\tJ1=        0.000 deg,\tJ2=      -30.000 deg,\tJ3=       20.000 deg," in pos
    assert "UF : 2, UT : 2,\t\tCONFIG : 'F D B, 0, 0, 0'," in pos
    assert pos.count("GP1:") == 5  # P[1], P[2] (MOVC literals), P[3] (joint literal), P10, P11


def test_fanuc_ranges() -> None:
    with pytest.raises(ExportError, match="user frames are 1-9"):
        export_fanuc_ls(parse_job("JOB A\nFRAME USER12\nMOVEL X(0,0,0,0,0,0)\nEND\n"))
    with pytest.raises(ExportError, match="tool frames are 1-10"):
        export_fanuc_ls(parse_job("JOB A\nTOOL 11\nEND\n"))
