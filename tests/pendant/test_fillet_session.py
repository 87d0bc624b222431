"""A scripted session on t-fillet-2f: teach approach, start, end and depart; insert AS/AE
from the conditions form; step check backward and forward; weld in PLAY mode; the score
shown equals ``weldsim run`` on the saved job."""

from __future__ import annotations

import json
import re

from pendant_scriptgen import ScriptBuilder

from weldsim.cli import main
from weldsim.kinematics import load_robot
from weldsim.pendant.state import FRAMES_FIXED
from weldsim.program import load_job
from weldsim.scenarios.loader import load_scenario


def fillet_script(shots) -> str:
    scenario = load_scenario("t-fillet-2f")
    robot = load_robot(scenario.robot)
    user = scenario.user_frames_base()
    reference = load_job(scenario.reference_job)
    poses = {p.number: user[p.frame] @ p.matrix() for p in reference.positions
             if p.number in range(1, 7)}  # P1 above, P2 approach, P3 start, P4 end, P5, P6
    b = ScriptBuilder(FRAMES_FIXED + tuple(sorted(user)), robot.fk(scenario.home_q), user)
    b.tap("return").tap("f2").add(key="space", down=True)
    b.set_warp(4)
    b.move_to(poses[1][:3, 3], "USER1")
    b.turn_to(poses[1][:3, :3])
    b.tap("f5")                                   # MOVEP P1
    for n in (2, 3):
        b.move_to(poses[n][:3, 3], z_first=False)
        b.tap("f6")                               # MOVEL approach, MOVEL start
    b.tap("f9")                                   # AS form: 270 A, 28 V, 42 cm/min, MAG, 18
    for value in ("270", "28", "42"):
        b.add(text=value).tap("down")
    b.tap("down").add(text="18").tap("return")
    b.add(screenshot=str(shots.path / "form.png"))
    b.move_to(poses[4][:3, 3])
    b.tap("f6")                                   # MOVEL end (at the welding speed)
    b.tap("f10")                                  # AE form: 200 A, 23 V, 0.6 s
    for value in ("200", "23"):
        b.add(text=value).tap("down")
    b.add(text="0.6").tap("return")
    for n in (5, 6):
        b.move_to(poses[n][:3, 3])
        b.tap("f6")
    b.set_speed(2)
    b.set_warp(10)
    for k in range(8):                            # step check back to before the first move
        b.tap("left").add(wait="idle")
        if k == 3:
            b.add(screenshot=str(shots.path / "step-back.png"))
    for _ in range(8):                            # and forward to the end
        b.tap("right").add(wait="idle")
    b.add(key="space", down=False)
    b.tap("up", repeat=12)                        # Start runs from the cursor: go to the top
    b.tap("f3").tap("f2").tap("w", mod="ctrl")    # PLAY, Servo ON, arc ON
    b.tap("return").wait(30)
    b.add(screenshot=str(shots.path / "play.png"))
    b.add(wait="idle").wait(2)
    b.add(screenshot=str(shots.path / "score.png"))
    b.tap("escape").tap("s", mod="ctrl")
    b.tap("l", mod="ctrl").wait(1)                # Indonesian
    b.add(screenshot=str(shots.path / "play-id.png"))
    return b.text()


def test_fillet_scripted_session(tmp_path, shots, capsys):
    script = tmp_path / "fillet.jsonl"
    script.write_text(fillet_script(shots), encoding="utf-8")
    job = tmp_path / "fillet.job"
    code = main(["pendant", "t-fillet-2f", "--job", str(job), "--lang", "en", "--script",
                 str(script), "--recovery-dir", str(tmp_path / "rec")])
    out = capsys.readouterr().out
    assert code == 0, out
    assert "alarm:" not in out, out
    for name in ("form", "step-back", "play", "score", "play-id"):
        shots.keep(shots.path / f"{name}.png")
    text = job.read_text(encoding="utf-8")
    assert re.search(r"^ASC 1 I=270A U=28V S=42cm/min GAS=MAG FLOW=18", text, re.M), text
    assert re.search(r"^AEC 1 I=200A U=23V T=0\.6s", text, re.M), text
    shown = float(re.search(r"weld score: ([0-9.]+)", out).group(1))
    assert main(["run", "t-fillet-2f", str(job), "--json", str(tmp_path / "r.json")]) == 0
    report = json.loads((tmp_path / "r.json").read_text(encoding="utf-8"))
    assert f"{report['score']:.1f}" == f"{shown:.1f}"
    assert report["passed"] == ("(passed)" in out)
    assert report["passed"], report  # the points were taught where the reference has them
