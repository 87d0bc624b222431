"""``weldsim export``: vendor structure, stdout and --out, errors."""

from __future__ import annotations

from weldsim.cli import main
from weldsim.scenarios.loader import load_scenario

T_FILLET = load_scenario("t-fillet-2f").reference_job

JOINT_JOB = """\
JOB JOINTS
ASC 1 I=200A U=22V S=40cm/min
AEC 1 I=150A U=19V T=0.3s
P1 = J(0, 10, 10, 0, -60, 0)
P2 = X(900, 0, 300, 180, 30, 180)
P3 = X(950, 0, 300, 180, 30, 180)
MOVEP P1 R=50%
MOVEL P2 S=100mm/s
AS 1
MOVEL P3
AE 1
END
"""


def write(tmp_path, text: str, name: str = "job.job"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_inform_to_stdout(capsys):
    assert main(["export", str(T_FILLET), "--format", "inform", "--scenario",
                 "t-fillet-2f"]) == 0
    captured = capsys.readouterr()
    text = captured.out
    assert "\r\r\n" not in text  # CRLF written as is, not translated twice
    lines = text.split("\r\n")
    assert lines[0] == "/JOB" and lines[1].startswith("//NAME ")
    for section in ("//POS", "///USER 1", "///POSTYPE USER", "//INST", "NOP"):
        assert section in lines
    assert any(line.startswith("C00000=") for line in lines)
    assert any(line.startswith("MOVL C") and " V=" in line for line in lines)
    assert any(line.startswith("ARCON ASF#(") for line in lines)
    assert lines[-2:] == ["END", ""]
    assert captured.err == ""


def test_fanuc_to_file(tmp_path, capsys):
    path = write(tmp_path, JOINT_JOB)
    out = tmp_path / "JOINTS.LS"
    assert main(["export", str(path), "--format", "fanuc", "--out", str(out)]) == 0
    assert f"wrote {out}" in capsys.readouterr().err
    data = out.read_bytes()
    text = data.decode("utf-8")
    assert text.startswith("/PROG  JOINTS") and "\r\n/MN\r\n" in text
    assert "/POS\r\n" in text and text.endswith("/END\r\n")
    assert "Arc Start[1]" in text and "Arc End[1]" in text
    assert "J1=" in text  # the joint position stays a joint position
    assert sorted(p.name for p in tmp_path.iterdir()) == ["JOINTS.LS", "job.job"]


def test_out_replaces_an_existing_file(tmp_path, capsys):
    path = write(tmp_path, JOINT_JOB)
    out = tmp_path / "x.JBI"
    out.write_text("old", encoding="utf-8")
    assert main(["export", str(path), "--format", "inform", "--robot", "fd-b4",
                 "--out", str(out)]) == 0
    capsys.readouterr()
    assert out.read_bytes().startswith(b"/JOB\r\n//NAME JOINTS\r\n")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["job.job", "x.JBI"]


def test_joint_positions_with_the_default_robot_are_noted(tmp_path, capsys):
    path = write(tmp_path, JOINT_JOB)
    assert main(["export", str(path), "--format", "inform"]) == 0
    captured = capsys.readouterr()
    assert "J(...) positions converted with robot fd-b4 (the default)" in captured.err
    assert "RECTAN" in captured.out
    assert main(["export", str(path), "--format", "inform", "--robot", "ma1440"]) == 0
    assert capsys.readouterr().err == ""


def test_job_with_errors_is_not_exported(tmp_path, capsys):
    path = write(tmp_path, JOINT_JOB.replace("MOVEL P3", "MOVEL P9"))
    out = tmp_path / "x.LS"
    assert main(["export", str(path), "--format", "fanuc", "--out", str(out)]) == 2
    captured = capsys.readouterr()
    assert f"{path}:10:7: error: P9 is not declared" in captured.err
    assert captured.out == "" and not out.exists()


def test_format_that_cannot_express_the_job(tmp_path, capsys):
    text = "JOB ARC\nMOVEC J(0, 10, 10, 0, -60, 0) J(0, 12, 10, 0, -60, 0)\nEND\n"
    path = write(tmp_path, text)
    assert main(["export", str(path), "--format", "inform"]) == 2
    captured = capsys.readouterr()
    assert f"{path}: error: MOVEC at line 2 is the first move" in captured.err
    assert captured.out == ""


def test_robot_mismatch(tmp_path, capsys):
    path = write(tmp_path, "JOB R\nROBOT ma1440\nEND\n")
    assert main(["export", str(path), "--format", "fanuc", "--scenario", "t-fillet-2f"]) == 2
    assert f"{path}:2:1: error: the job is for robot 'ma1440'" in capsys.readouterr().err


def test_file_errors(tmp_path, capsys):
    assert main(["export", str(tmp_path / "none.job"), "--format", "fanuc"]) == 2
    assert "cannot read the job" in capsys.readouterr().err
    path = write(tmp_path, JOINT_JOB)
    assert main(["export", str(path), "--format", "fanuc", "--out", str(path)]) == 2
    assert "refusing to overwrite the job" in capsys.readouterr().err
    assert path.read_text(encoding="utf-8") == JOINT_JOB
    assert main(["export", str(path), "--format", "fanuc", "--out",
                 str(tmp_path / "missing" / "x.LS")]) == 2
    assert "cannot write" in capsys.readouterr().err


def test_format_is_required(tmp_path, capsys):
    path = write(tmp_path, JOINT_JOB)
    assert main(["export", str(path)]) == 2
    assert "--format" in capsys.readouterr().err
