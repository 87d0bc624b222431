"""Pendant benchmark: time from ``weldsim pendant`` to the first frame, and frames per second
while jogging and while playing a job, at the default window size (headless, SDL dummy).

    python bench/pendant.py [--frames 300]

Run it twice: the first run may fill the numba cache; the second is the warm number.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import time

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")
os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")

CHILD = r"""
import sys, time
t0 = float(sys.argv[1])
from weldsim.pendant.app import PendantApp
from weldsim.pendant.controller import Pendant
p = Pendant.open("jog-basics")
app = PendantApp(p, lang="id")
app.frame(1 / 60)
first = time.time() - t0
while not app.ready:  # as the real loop: 60 frames/s at most
    time.sleep(1 / 60)
    app.frame(1 / 60)
print(f"{first:.3f} {time.time() - t0:.3f}")
app.close()
"""


def first_frame_s() -> tuple[float, float, float]:
    """Seconds from starting a fresh interpreter to the first frame (the window with the
    panel; the 3D view says it is loading), to the first full frame (3D view and position
    readout), and for the whole ``weldsim pendant --frames 1`` process."""
    env = dict(os.environ)
    t0 = time.time()
    out = subprocess.run([sys.executable, "-c", CHILD, repr(t0)], env=env, check=True,
                         capture_output=True, text=True).stdout
    first, full = (float(v) for v in out.strip().splitlines()[-1].split())
    t0 = time.perf_counter()
    subprocess.run([sys.executable, "-m", "weldsim", "pendant", "jog-basics", "--frames", "1"],
                   env=env, check=True, capture_output=True)
    return first, full, time.perf_counter() - t0


def fps(frames: int) -> tuple[float, float]:
    """Frames per second while jogging (J1 held, MED) and while playing t-fillet-2f's
    reference job (dry run, PLAY mode), drawing every frame."""
    from weldsim.pendant import Mode
    from weldsim.pendant.app import PendantApp
    from weldsim.pendant.controller import Pendant
    from weldsim.scenarios.loader import load_scenario

    p = Pendant.open("jog-basics")
    app = PendantApp(p, show_instructions=False)
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
    p = Pendant(scenario)
    p.load_text(scenario.reference_job.read_text(encoding="utf-8"), "ref.job")
    app = PendantApp(p, show_instructions=False)
    p.set_mode(Mode.PLAY)
    p.servo_on()
    p.play()
    app.frame(1 / 60)
    t = time.perf_counter()
    for _ in range(frames):
        app.frame(1 / 60)
    play = frames / (time.perf_counter() - t)
    assert p.moving, "the job ended before the measurement did"
    app.close()
    return jog, play


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--frames", type=int, default=300)
    args = ap.parse_args()
    first, full, process = first_frame_s()
    print(f"first frame:        {first:.2f} s after start (target <= 2 s)")
    print(f"first full frame:   {full:.2f} s (3D view and readout drawn)")
    print(f"'weldsim pendant --frames 1': {process:.2f} s for the whole process")
    jog, play = fps(args.frames)
    print(f"jogging:            {jog:.0f} frames/s at 1280x720")
    print(f"playing (dry run):  {play:.0f} frames/s at 1280x720")


if __name__ == "__main__":
    main()
