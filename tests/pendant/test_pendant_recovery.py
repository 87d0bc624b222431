"""Autosave recovery: a pendant process that is killed after an edit offers the edit back
when it is started again."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time


def pendant_cmd(tmp_path, script_steps, *extra):
    script = tmp_path / f"s{len(list(tmp_path.glob('s*.jsonl')))}.jsonl"
    script.write_text("\n".join(json.dumps(s) for s in script_steps) + "\n", encoding="utf-8")
    return [sys.executable, "-m", "weldsim", "pendant", "jog-basics", "--job",
            str(tmp_path / "work.job"), "--recovery-dir", str(tmp_path / "rec"), "--lang", "en",
            "--no-instructions", "--script", str(script), *extra]


def test_killed_session_offers_its_edit_back(tmp_path, shots):
    env = dict(os.environ, SDL_VIDEODRIVER="dummy", SDL_AUDIODRIVER="dummy")
    edit = [{"tap": "f2"}, {"key": "space", "down": True}, {"tap": "tab", "repeat": 3},
            {"key": "3", "down": True}, {"wait": 30}, {"key": "3", "down": False},
            {"tap": "f5"}, {"wait": 100000}]
    proc = subprocess.Popen(pendant_cmd(tmp_path, edit), env=env, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE)
    try:
        deadline = time.monotonic() + 40.0
        while time.monotonic() < deadline and not list((tmp_path / "rec").glob("*.json")):
            assert proc.poll() is None, proc.communicate()
            time.sleep(0.1)
        assert list((tmp_path / "rec").glob("*.json")), "no autosave within 40 s"
    finally:
        proc.kill()
        proc.communicate()
    assert not (tmp_path / "work.job").exists()        # never saved
    shot = shots.path / "recover.png"
    restore = [{"screenshot": str(shot)}, {"tap": "y"}, {"tap": "s", "mod": "ctrl"}]
    done = subprocess.run(pendant_cmd(tmp_path, restore), env=env, capture_output=True,
                          text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    shots.keep(shot)
    text = (tmp_path / "work.job").read_text(encoding="utf-8")
    assert "MOVEP P1" in text
    assert not list((tmp_path / "rec").glob("*.json"))  # saved: the recovery file is gone
