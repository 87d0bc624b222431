"""Pendant scripts: a recorded list of input events, one JSON object per line.

Each line is one step; blank lines and lines starting with ``#`` are skipped.

``{"key": "space", "down": true}`` / ``{"key": "space", "down": false}``
    Press / release a key (pygame key names: ``"1"``, ``"q"``, ``"space"``, ``"f2"``,
    ``"return"``, ``"page up"``...). ``"mod"``: ``"ctrl"``, ``"shift"``, ``"alt"`` or a list.
``{"tap": "f2", "mod": "ctrl", "repeat": 3}``
    Press and release, ``repeat`` times (default 1), all in the same frame.
``{"text": "270"}``
    Type characters (into the open form).
``{"click": [x, y], "button": 1}``
    Click the mouse (window pixels); ``"down"``/``"up"`` instead of ``"click"`` for one half.
``{"wait": 30}``
    Let 30 frames pass before the next step (each frame is 1/60 s in a scripted run).
``{"wait": "idle"}``
    Wait until the robot stands still and nothing runs in the background (a step check or
    a run, its weld and its score have finished).
``{"time": 0.25}``
    Let exactly 0.25 s pass (in frames of at most 1/60 s times the warp, the last one
    shorter): what ``--record`` writes between events, so that a replay moves the robot the
    same distance as the live session.
``{"warp": 4}``
    From now on each frame lets 4 x 1/60 s pass (1-20; fast-forward for long runs; a jog
    key held for a frame then moves 4 times as far).
``{"action": "frame", "arg": "USER1"}``
    Call a pendant action by name, as a soft key does (see ``ACTIONS`` in
    :mod:`weldsim.pendant.actions`).
``{"screenshot": "teach.png"}``
    Save the window.
``{"quit": true}``
    Quit (without the unsaved-work question).

A scripted run steps time by exactly 1/60 s per frame, so a script gives the same result on
every machine.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

__all__ = ["SCRIPT_DT", "ScriptError", "ScriptRunner", "read_script"]

SCRIPT_DT = 1.0 / 60.0
"""Time per frame in a scripted run [s]."""

_KINDS = ("key", "tap", "text", "click", "down", "up", "wait", "time", "warp", "action",
          "screenshot", "quit")

MAX_TIME_S = 3600.0
"""Longest ``time`` step [s]."""


class ScriptError(ValueError):
    """A malformed script line (the message gives the file and line)."""


def read_script(path: Path | str) -> list[dict]:
    """The steps of a script file."""
    path = Path(path)
    steps = []
    for number, raw in enumerate(path.read_text(encoding="utf-8-sig").splitlines(), start=1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        try:
            step = json.loads(line)
        except ValueError as exc:
            raise ScriptError(f"{path}:{number}: not JSON: {exc}") from exc
        if not isinstance(step, dict) or not any(k in step for k in _KINDS):
            raise ScriptError(f"{path}:{number}: a step needs one of {', '.join(_KINDS)}")
        if "time" in step:
            t = step["time"]
            if isinstance(t, bool) or not isinstance(t, int | float) \
                    or not 0.0 <= t <= MAX_TIME_S:
                raise ScriptError(f"{path}:{number}: time must be 0 to {MAX_TIME_S:g} s")
        step["_line"] = number
        steps.append(step)
    return steps


@dataclass
class ScriptRunner:
    """Hands out the steps of a script frame by frame (``wait`` holds the rest back)."""

    steps: list
    position: int = 0
    waiting: int = 0
    until_idle: bool = False
    time_left: float = 0.0

    @property
    def done(self) -> bool:
        """True when every step has run and no wait is pending."""
        return (self.position >= len(self.steps) and self.waiting == 0 and not self.until_idle
                and self.time_left <= 0.0)

    def take_dt(self, default: float) -> float:
        """This frame's time step [s]: ``default``, or less to end a ``time`` step exactly."""
        if self.time_left <= 0.0:
            return default
        dt = min(default, self.time_left)
        self.time_left = self.time_left - dt if self.time_left - dt > 1e-12 else 0.0
        return dt

    def frame(self, idle: bool = True) -> list[dict]:
        """The steps to run in this frame (``idle``: the robot stands still)."""
        if self.time_left > 0.0:
            return []
        if self.until_idle:
            if not idle:
                return []
            self.until_idle = False
        out = []
        while self.waiting == 0 and self.position < len(self.steps):
            step = self.steps[self.position]
            self.position += 1
            if step.get("wait") == "idle":
                self.until_idle = True
                break
            if "wait" in step:
                self.waiting = int(step["wait"])
                break
            if "time" in step:
                self.time_left = float(step["time"])
                if self.time_left > 0.0:
                    break
                continue
            out.append(step)
        if self.waiting > 0:
            self.waiting -= 1
        return out
