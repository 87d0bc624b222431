"""Frames per second of the pendant's 3D view (:class:`weldsim.pendant.view3d.View3D`).

Two cases per scenario at the default view size (800 x 640):

- ``jog``: the joint angles change every frame, the camera stays (the static cell is reused);
- ``orbit``: the camera turns every frame (the static cell is drawn again each frame);
- ``torch``: jogging with the torch camera (it follows the TCP, so both change);
- ``idle``: nothing changes (the last picture is blitted again, with the overlays).

Run ``python bench/view3d.py [--frames N] [scenario ...]``. Headless (SDL dummy driver); the
first frame, which loads the compiled kernels, is not counted.
"""

from __future__ import annotations

import argparse
import os
import time

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")

import numpy as np
import pygame

from weldsim.kinematics import load_robot
from weldsim.pendant.view3d import View3D
from weldsim.scenarios.loader import load_scenario

SIZE = (800, 640)


def _jog_path(home: np.ndarray, frames: int) -> np.ndarray:
    """Joint angles (frames, 6): every joint swinging slowly about home, like jogging."""
    t = np.linspace(0.0, 1.0, frames)[:, None]
    amp = np.radians([25.0, 15.0, 15.0, 40.0, 25.0, 60.0])
    phase = np.arange(6)[None, :]
    return home + amp * np.sin(2.0 * np.pi * t + phase)


def bench(scenario_id: str, frames: int) -> dict[str, tuple[float, float]]:
    """Frames per second of the jog, orbit and torch cases of one scenario: by the wall clock
    and by this process's CPU time (what an otherwise idle machine would give)."""
    scenario = load_scenario(scenario_id)
    robot = load_robot(scenario.robot)
    view = View3D(scenario, robot, size=SIZE)
    screen = pygame.Surface((1280, 720))
    surface = screen.subsurface(pygame.Rect(0, 40, *SIZE))
    home = np.asarray(scenario.home_q, dtype=float)
    qs = _jog_path(home, frames)
    trail = np.array([robot.fk(q)[:3, 3] for q in qs[: frames // 2]]) @ \
        scenario.T_world_base[:3, :3].T + scenario.T_world_base[:3, 3]
    out = {}
    for case in ("jog", "orbit", "torch", "idle"):
        view.preset("torch" if case == "torch" else "iso")
        view.draw(surface, home)  # warm-up: kernels loaded, static cell drawn
        start, cpu = time.perf_counter(), time.process_time()
        for k in range(frames):
            if case == "orbit":
                view.orbit(0.01, 0.0)
                view.draw(surface, home, trail=trail)
            elif case == "idle":
                view.draw(surface, home, trail=trail)
            else:
                view.draw(surface, qs[k], trail=trail)
        out[case] = (frames / (time.perf_counter() - start),
                     frames / (time.process_time() - cpu))
    return out


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("scenarios", nargs="*", default=["t-fillet-2f", "pipe-plate-2f"])
    parser.add_argument("--frames", type=int, default=300)
    args = parser.parse_args(argv)
    print(f"View3D at {SIZE[0]}x{SIZE[1]}, {args.frames} frames per case; "
          "frames/s by wall clock (by CPU time)")
    for sid in args.scenarios:
        fps = bench(sid, args.frames)
        print(f"{sid:24s} " + "  ".join(f"{k} {wall:6.1f} ({cpu:6.1f})"
                                          for k, (wall, cpu) in fps.items()))


if __name__ == "__main__":
    main()
