"""A scripted session on jog-basics: Servo ON, hold the deadman, jog to each target in the
USER1 and TOOL frames, record the points, save; the saved job passes the exercise."""

from __future__ import annotations

import numpy as np
from pendant_scriptgen import ScriptBuilder

from weldsim.cli import main
from weldsim.exercise import run_exercise
from weldsim.kinematics import load_robot
from weldsim.pendant.state import FRAMES_FIXED
from weldsim.scenarios.loader import load_scenario

ABOVE_MM = 60.0


def jog_basics_script(shots) -> str:
    scenario = load_scenario("jog-basics")
    robot = load_robot(scenario.robot)
    user = scenario.user_frames_base()
    T_base_world = np.linalg.inv(scenario.T_world_base)
    b = ScriptBuilder(FRAMES_FIXED + tuple(sorted(user)), robot.fk(scenario.home_q), user)
    b.tap("return")                      # close the instructions
    b.tap("f2")                          # Servo ON
    b.add(key="space", down=True)        # hold the deadman
    b.set_warp(4)                        # each frame 4/60 s: HIGH jogs 16.7 mm a frame
    for k, target in enumerate(scenario.targets):
        p = T_base_world[:3, :3] @ target.position_m + T_base_world[:3, 3]
        a = T_base_world[:3, :3] @ target.axis
        above = p - a * ABOVE_MM / 1000.0
        b.turn_wire_to(a, "USER1", robot, scenario.home_q, (above, p))
        b.move_to(above, "USER1")
        b.tap("f5")                      # record MOVEP above the target
        b.set_frame("TOOL")
        b.jog(2, ABOVE_MM)               # down the wire axis onto the target
        b.tap("f6")                      # record MOVEL on the target
        if k == 0:
            b.add(screenshot=str(shots.path / "teach-jog.png"))
        b.jog(2, -ABOVE_MM)              # back up the wire axis
        b.tap("f6")                      # record MOVEL
    b.add(key="space", down=False)
    b.tap("s", mod="ctrl")
    return b.text()


def test_jog_basics_scripted_session(tmp_path, shots, capsys):
    script = tmp_path / "jog.jsonl"
    script.write_text(jog_basics_script(shots), encoding="utf-8")
    job = tmp_path / "jog.job"
    code = main(["pendant", "jog-basics", "--job", str(job), "--lang", "en", "--script",
                 str(script), "--recovery-dir", str(tmp_path / "rec"), "--screenshot",
                 str(shots.path / "teach-end.png")])
    out = capsys.readouterr().out
    assert code == 0
    assert "alarm:" not in out
    assert job.exists()
    shots.keep(shots.path / "teach-jog.png")
    text = job.read_text(encoding="utf-8")
    assert text.count("MOVEP") == 5 and text.count("MOVEL") == 10
    run = run_exercise("jog-basics", job)
    assert run.card.passed, run.card.gates
    assert run.card.criteria["targets"].score == 100.0
    assert run.card.criteria["order"].score == 100.0
