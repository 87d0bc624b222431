"""Autosave recovery: a pendant process that is killed after an edit offers the edit back
when it is started again."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path


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


def test_the_issue_sequence_in_real_processes(tmp_path, shots):
    """Issue 13 as a trainee met it: ``weldsim pendant t-fillet-2f`` with no --job, teach,
    Ctrl+S, edit again, the process killed, the same command again: the saved job is open,
    the newer autosave is offered beside it, Enter takes it, Ctrl+S keeps both edits."""
    root = Path(__file__).resolve().parents[2]
    env = dict(os.environ, SDL_VIDEODRIVER="dummy", SDL_AUDIODRIVER="dummy",
               PYTHONPATH=str(root) + os.pathsep + os.environ.get("PYTHONPATH", ""))
    rec = tmp_path / "rec"

    def cmd(steps):
        script = tmp_path / f"s{len(list(tmp_path.glob('s*.jsonl')))}.jsonl"
        script.write_text("\n".join(json.dumps(s) for s in steps) + "\n", encoding="utf-8")
        return [sys.executable, "-m", "weldsim", "pendant", "t-fillet-2f", "--recovery-dir",
                str(rec), "--lang", "en", "--no-instructions", "--script", str(script)]

    up = [{"key": "3", "down": True}, {"wait": 20}, {"key": "3", "down": False}]
    first = [{"tap": "f2"}, {"key": "space", "down": True}, {"tap": "tab", "repeat": 3},
             *up, {"tap": "f5"}, {"tap": "s", "mod": "ctrl"}, *up, {"tap": "f6"},
             {"wait": 100000}]
    job = tmp_path / "T_FILLET_2F.job"
    proc = subprocess.Popen(cmd(first), env=env, cwd=tmp_path, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE)
    try:
        deadline = time.monotonic() + 120.0
        while time.monotonic() < deadline:
            assert proc.poll() is None, proc.communicate()
            autosaves = list(rec.glob("*.json"))
            if job.exists() and autosaves and "MOVEL" in autosaves[0].read_text("utf-8"):
                break
            time.sleep(0.1)
    finally:
        proc.kill()
        proc.communicate()
    saved = job.read_text(encoding="utf-8")
    assert "MOVEP P1" in saved and "MOVEL" not in saved
    shot = shots.path / "issue13-offer.png"
    second = [{"screenshot": str(shot)}, {"tap": "return"}, {"tap": "s", "mod": "ctrl"}]
    done = subprocess.run(cmd(second), env=env, cwd=tmp_path, capture_output=True, text=True,
                          timeout=120)
    assert done.returncode == 0, done.stderr
    shots.keep(shot)
    text = job.read_text(encoding="utf-8")
    assert "MOVEP P1" in text and "MOVEL P2" in text
    assert not list(rec.glob("*.json"))
