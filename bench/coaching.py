"""Benchmark of the live coaching: microseconds per gauge reading and per hint.

Run: ``python bench/coaching.py``. For each welding scenario (t-fillet-2f, butt-1g-weave,
pipe-plate-2f) a torch pose near the seam is read once to warm up (numba loads its cached
kernels), then timed: ``Coach.reading(q)`` while jogging (a new pose every call) without a cell
(the analytic ray) and with the cell (one pybullet ray), and standing (the same pose: the
last reading again), and ``Coach.hint(q, frame)`` at a faulty pose (work angle 12 degrees
off) in TOOL and BASE. Prints the best and the median of ``repeat`` rounds, each the mean of
``number`` calls, and the best CPU time of the process per call (on a shared machine the wall
time includes waiting for a core). Target: a reading <= 1 ms warm (the pendant reads every
frame at 60 fps).
"""

from __future__ import annotations

import argparse
import statistics
import time

import numpy as np

from weldsim.coaching import Coach
from weldsim.kinematics import load_robot
from weldsim.scenarios.loader import load_scenario
from weldsim.sim import Cell


def _pose_q(scenario, robot, work_offset_deg: float) -> np.ndarray:
    """Joint angles of a torch 15 mm above the first seam's middle, at the exercise's work
    angle plus ``work_offset_deg``, 10 degrees push (built from the seam, solved by IK)."""
    import math

    from weldsim.scoring.seam_frame import seam_frame

    seam = scenario.seams[0]
    pts = np.asarray(seam.points_m, dtype=float)
    mid = pts[len(pts) // 2]
    fr = seam_frame(seam, mid[None])
    t, a, b = fr.tangent[0], fr.lower_normal[0], fr.upper_normal[0]
    lat = np.cross(a, t)
    if lat @ b < 0:
        lat = -lat
    w = math.radians(scenario.windows["work_angle_deg"].nominal + work_offset_deg)
    u = math.cos(w) * lat + math.sin(w) * a
    tau = math.radians(10.0)
    z = -math.cos(tau) * u + math.sin(tau) * t
    z /= np.linalg.norm(z)
    stick = robot.spec.tool(scenario.tool).stick_out_m
    p = fr.root_m[0] - (0.015 - stick) * z
    x = t - (t @ z) * z
    x /= np.linalg.norm(x)
    T = np.eye(4)
    T[:3, 0], T[:3, 1], T[:3, 2], T[:3, 3] = x, np.cross(z, x), z, p
    sols, _ = robot.ik(np.linalg.inv(scenario.T_world_base) @ T, tool=scenario.tool)
    ok = [s for s in sols if not np.isnan(s).any() and robot.within_limits(s)]
    home = np.asarray(scenario.home_q, dtype=float)
    return min(ok, key=lambda s: float(np.abs(s - home).max()))


def _cycle(coach, qs, frame: str | None = None):
    """A call reading (or, with a frame, hinting at) the next of ``qs`` each time, never
    the cached last pose."""
    state = {"k": 0}

    def call():
        state["k"] = (state["k"] + 1) % len(qs)
        q = qs[state["k"]]
        return coach.reading(q) if frame is None else coach.hint(q, frame)

    return call


def _time_us(fn, number: int, repeat: int) -> tuple[float, float, float]:
    """Best and median wall time and best CPU time of this process (us per call). On a
    shared machine the wall time includes waiting for a core; the CPU time does not."""
    fn()
    rounds, cpu = [], []
    for _ in range(repeat):
        t0, c0 = time.perf_counter(), time.process_time()
        for _ in range(number):
            fn()
        rounds.append((time.perf_counter() - t0) / number * 1e6)
        cpu.append((time.process_time() - c0) / number * 1e6)
    return min(rounds), statistics.median(rounds), min(cpu)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--number", type=int, default=200, help="calls per round (readings)")
    ap.add_argument("--repeat", type=int, default=5, help="rounds")
    args = ap.parse_args()
    print(f"{'scenario':<16} {'what':<28} {'best us':>9} {'median us':>10} {'CPU us':>9}")
    for sid in ("t-fillet-2f", "butt-1g-weave", "pipe-plate-2f"):
        sc = load_scenario(sid)
        robot = load_robot(sc.robot)
        good = _pose_q(sc, robot, 0.0)
        bad = _pose_q(sc, robot, 12.0)
        coach = Coach(sc, robot)
        # jogging: a new pose every call (J1 turning 0.01 degree per frame); standing: the same
        jog = [good + np.array([np.radians(0.01) * k, 0, 0, 0, 0, 0]) for k in range(64)]
        rows = [("reading jogging (analytic)", _cycle(coach, jog), args.number),
                ("reading standing (analytic)", lambda c=coach, q=good: c.reading(q),
                 args.number)]
        with Cell(sc, robot) as cell:
            with_cell = Coach(sc, robot, cell=cell)
            rows.append(("reading jogging (cell ray)", _cycle(with_cell, jog), args.number))
            hint_n = max(1, args.number // 20)
            bad_jog = [bad + np.array([np.radians(0.01) * k, 0, 0, 0, 0, 0])
                       for k in range(64)]
            for frame in ("TOOL", "BASE"):
                rows.append((f"hint {frame} (work +12 deg)",
                             _cycle(coach, bad_jog, frame), hint_n))
            for what, fn, n in rows:
                best, median, cpu = _time_us(fn, n, args.repeat)
                print(f"{sid:<16} {what:<28} {best:>9.1f} {median:>10.1f} {cpu:>9.1f}")


if __name__ == "__main__":
    main()
