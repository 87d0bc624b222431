"""Pendant benchmark (headless, SDL dummy driver), one command:

    python bench/pendant.py [--frames 300] [--warp 5]

Prints, at the default window size:

* time from start to the first frame (the panel; the 3D view says it is loading) and to the
  first full frame (3D view and readout), and the whole ``weldsim pendant --frames 1``;
* frames per second while jogging and while playing;
* Start -> first moving frame (the plan runs in the background; warm: the second Start);
* end of a weld -> score screen on t-fillet-2f's reference job (PLAY, Arc ON): the weld and
  score run in the background while the motion plays (at ``--warp`` times real time, as a
  script's warp), with the longest frame interval meanwhile — the window stays responsive.

Run it twice: the first run may fill the numba cache; the second gives the warm numbers.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))   # this checkout's weldsim, as `python -m` from the root

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")
os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")

CHILD = r"""
import sys, time
t0 = float(sys.argv[1])
from weldsim.pendant.app import PendantApp
from weldsim.pendant.controller import Pendant
p = Pendant.open("jog-basics", background=True)
app = PendantApp(p, lang="id")
app.frame(1 / 60)
first = time.time() - t0
while not app.view_ready:  # as the real loop: 60 frames/s at most
    time.sleep(1 / 60)
    app.frame(1 / 60)
full = time.time() - t0
while not app.ready:
    time.sleep(1 / 60)
    app.frame(1 / 60)
print(f"{first:.3f} {full:.3f} {time.time() - t0:.3f}")
app.close()
"""


def first_frame_s() -> tuple[float, float, float, float]:
    """Seconds from starting a fresh interpreter to the first frame, to the first full frame
    (3D view and readout), to "ready" (jog, planner and cell loaded: keys pressed before
    that wait), and for the whole ``weldsim pendant --frames 1`` process."""
    env = dict(os.environ)
    t0 = time.time()
    out = subprocess.run([sys.executable, "-c", CHILD, repr(t0)], env=env, check=True,
                         capture_output=True, text=True, cwd=ROOT).stdout
    first, full, ready = (float(v) for v in out.strip().splitlines()[-1].split())
    t0 = time.perf_counter()
    subprocess.run([sys.executable, "-m", "weldsim", "pendant", "jog-basics", "--frames", "1"],
                   env=env, check=True, capture_output=True, cwd=ROOT)
    return first, full, ready, time.perf_counter() - t0


def _app(pendant):
    from weldsim.pendant.app import PendantApp

    app = PendantApp(pendant, show_instructions=False)
    app._ready.wait(120)
    return app


def fps(frames: int) -> tuple[float, float]:
    """Frames per second while jogging (J1 held, MED) and while playing t-fillet-2f's
    reference job (dry run, PLAY mode), drawing every frame."""
    from weldsim.pendant import Mode
    from weldsim.pendant.controller import Pendant
    from weldsim.scenarios.loader import load_scenario

    p = Pendant(load_scenario("jog-basics"), background=True)
    app = _app(p)
    p.servo_on()
    p.set_deadman(True)
    p.set_frame("USER1")
    app.frame(1 / 60)
    p.jog_press(0, +1)
    t = time.perf_counter()
    for _ in range(frames):
        app.frame(1 / 60)
        if not p.moving:
            p.reset_alarms()
            p.jog_press(0, -1)
    jog = frames / (time.perf_counter() - t)
    app.close()

    scenario = load_scenario("t-fillet-2f")
    p = Pendant(scenario, background=True)
    p.load_text(scenario.reference_job.read_text(encoding="utf-8"), "ref.job")
    app = _app(p)
    p.set_mode(Mode.PLAY)
    p.servo_on()
    p.play()
    p.worker.wait(120)
    app.frame(1 / 60)
    t = time.perf_counter()
    for _ in range(frames):
        app.frame(1 / 60)
    play = frames / (time.perf_counter() - t)
    assert p.moving, "the job ended before the measurement did"
    app.close()
    return jog, play


def start_latency() -> list[float]:
    """Seconds from Start to the first frame in which the robot has moved (real frame loop),
    for four Starts of t-fillet-2f's reference job from its top (the first may be cold)."""
    import numpy as np

    from weldsim.pendant import Mode
    from weldsim.pendant.controller import Pendant
    from weldsim.scenarios.loader import load_scenario

    scenario = load_scenario("t-fillet-2f")
    p = Pendant(scenario, background=True)
    p.load_text(scenario.reference_job.read_text(encoding="utf-8"), "ref.job")
    app = _app(p)
    p.set_mode(Mode.PLAY)
    p.servo_on()
    out = []
    for _ in range(4):
        settle = time.perf_counter()           # let a stopped run's plan finish first
        while time.perf_counter() - settle < 1.5:
            app.frame(1 / 60)
        p.editor.set_cursor(-1)
        p.q = p.home_q.copy()
        q0 = p.q.copy()
        t0 = time.perf_counter()
        last = t0
        app.do("start")
        while np.array_equal(p.q, q0):
            now = time.perf_counter()
            app.frame(now - last)
            last = now
            if now - t0 > 120:
                raise RuntimeError("the robot never moved")
        out.append(time.perf_counter() - t0)
        p.stop()
        app.frame(1 / 60)
    app.close()
    return out


def weld_to_score(warp: float) -> tuple[float, float, float, float]:
    """Play and weld t-fillet-2f's reference job (PLAY, Arc ON, override 100 %) in the
    window's real frame loop, the motion at ``warp`` times real time. Returns the motion's
    wall time, the weld's background time, the time from the end of the motion to the score
    screen, and the longest frame interval meanwhile [s]."""
    from weldsim.pendant import Mode
    from weldsim.pendant.controller import Pendant
    from weldsim.pendant.overlays import ScoreScreen
    from weldsim.scenarios.loader import load_scenario

    scenario = load_scenario("t-fillet-2f")
    p = Pendant(scenario, background=True)
    p.load_text(scenario.reference_job.read_text(encoding="utf-8"), "ref.job")
    app = _app(p)
    p.set_mode(Mode.PLAY)
    p.servo_on()
    p.set_weld(True)
    t0 = last = time.perf_counter()
    app.do("start")
    worst = 0.0
    motion_end = weld_end = None
    while not any(isinstance(d, ScoreScreen) for d in app.dialogs):
        now = time.perf_counter()
        worst = max(worst, now - last)
        app.frame((now - last) * warp)
        last = now
        if motion_end is None and p.runner._motion_done:
            motion_end = time.perf_counter()
        if weld_end is None and p.runner._weld is not None:
            weld_end = time.perf_counter()
        if p.alarms or now - t0 > 600:
            raise RuntimeError(f"no score: {p.alarms}")
    shown = time.perf_counter()
    motion_end = motion_end or shown
    weld_end = weld_end or shown
    app.close()
    return motion_end - t0, weld_end - t0, shown - motion_end, worst


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--frames", type=int, default=300)
    ap.add_argument("--warp", type=float, default=5.0)
    args = ap.parse_args()
    first, full, ready, process = first_frame_s()
    print(f"first frame:        {first:.2f} s after start (target <= 2 s)")
    print(f"first full frame:   {full:.2f} s (3D view and readout drawn)")
    print(f"ready for keys:     {ready:.2f} s (jog and planner kernels, collision cell; keys "
          "pressed before wait and keep their order and timing)")
    print(f"'weldsim pendant --frames 1': {process:.2f} s for the whole process")
    jog, play = fps(args.frames)
    print(f"jogging:            {jog:.0f} frames/s at 1280x720")
    print(f"playing (dry run):  {play:.0f} frames/s at 1280x720")
    starts = start_latency()
    warm = sorted(starts[1:])
    print(f"Start -> first moving frame: {starts[0]:.3f} s first; warm "
          f"{', '.join(f'{v:.3f}' for v in starts[1:])} s (median {warm[len(warm) // 2]:.3f}; "
          "target <= 0.3 s warm)")
    motion, weld, latency, worst = weld_to_score(args.warp)
    print(f"weld: motion {motion:.1f} s (x{args.warp:g}), weld+score in the background "
          f"{weld:.1f} s")
    print(f"end of weld -> score screen: {latency:.3f} s (target <= 1 s warm); longest frame "
          f"meanwhile {worst * 1000:.0f} ms")


if __name__ == "__main__":
    main()
