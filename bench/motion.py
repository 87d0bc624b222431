"""Benchmark of the motion planner: a 60 s welding job with weaving (about 15,000 samples).

Run: ``python bench/motion.py``. Plans once to compile (numba caches the kernels on disk),
then times ``repeat`` warm runs and prints the best and median time and the cost per sample.
Target: <= 50 ms warm.
"""

from __future__ import annotations

import argparse
import collections
import math
import statistics
import time

import numpy as np

from weldsim.kinematics import load_robot
from weldsim.motion.planner import plan
from weldsim.program.model import (
    ArcEnd,
    ArcEndCondition,
    ArcStart,
    ArcStartCondition,
    CartesianPosition,
    MoveL,
    MoveP,
    Program,
    WeaveCondition,
    WeaveEnd,
    WeaveStart,
)

HOME_Q = np.radians([0.0, 0.0, 0.0, 0.0, -90.0, 0.0])


def _x(x_mm: float, y_mm: float, z_mm: float) -> CartesianPosition:
    """A TCP pose in the base frame with the torch pointing straight down."""
    return CartesianPosition((x_mm / 1e3, y_mm / 1e3, z_mm / 1e3), (math.pi, 0.0, 0.0))


def welding_job() -> Program:
    """A 300 mm weld at 5 mm/s (60 s) with a 2 mm, 1.5 Hz sine weave, approach and depart."""
    asc = ArcStartCondition(220.0, 24.0, 0.005)
    aec = ArcEndCondition(160.0, 20.0, 0.4)
    wvc = WeaveCondition("SINE", 0.002, 1.5)
    return Program(
        "BENCH",
        instructions=(
            MoveP(_x(800, -150, 330), 50.0, line=1),
            MoveL(_x(800, -150, 300), 0.1, line=2),
            ArcStart(asc, line=3),
            WeaveStart(wvc, line=4),
            MoveL(_x(800, 150, 300), line=5),
            WeaveEnd(line=6),
            ArcEnd(aec, line=7),
            MoveL(_x(800, 150, 350), 0.1, line=8),
        ),
    )


def _time_robot_calls(robot, totals: collections.Counter) -> None:
    """Wrap the robot's methods the planner calls so that their time adds up in ``totals``."""
    for name in ("ik_path", "configuration_flags", "singularities", "fk", "ik_nearest", "ik"):
        method = getattr(robot, name)

        def timed(*args, _method=method, _name=name, **kwargs):
            t0 = time.perf_counter()
            try:
                return _method(*args, **kwargs)
            finally:
                totals[_name] += time.perf_counter() - t0

        setattr(robot, name, timed)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=20)
    parser.add_argument(
        "--breakdown", action="store_true", help="also time the robot's kinematics calls"
    )
    args = parser.parse_args()
    robot = load_robot("fd-b4")
    totals: collections.Counter = collections.Counter()
    if args.breakdown:
        _time_robot_calls(robot, totals)
    job = welding_job()
    t0 = time.perf_counter()
    traj = plan(job, robot, home_q=HOME_Q)
    first = time.perf_counter() - t0
    totals.clear()
    times = []
    for _ in range(args.repeat):
        t0 = time.perf_counter()
        traj = plan(job, robot, home_q=HOME_Q)
        times.append(time.perf_counter() - t0)
    n = len(traj)
    best, median = min(times), statistics.median(times)
    print(f"samples          {n} ({traj.cycle_time_s:.2f} s, arc on {traj.arc_on_time_s:.2f} s)")
    print(f"problems         {len(traj.problems)}")
    print(f"first run        {first * 1e3:8.1f} ms (compile or load the numba cache)")
    print(f"warm best        {best * 1e3:8.1f} ms  ({best / n * 1e6:.2f} us/sample)")
    print(f"warm median      {median * 1e3:8.1f} ms  ({median / n * 1e6:.2f} us/sample)")
    print(f"target           {50.0:8.1f} ms  -> {'met' if median <= 0.050 else 'NOT met'}")
    if args.breakdown:
        mean = statistics.fmean(times)
        print(f"breakdown of the mean warm run ({mean * 1e3:.1f} ms):")
        for name, total in totals.most_common():
            print(f"  robot.{name:20s} {total / args.repeat * 1e3:8.2f} ms")
        own = mean - sum(totals.values()) / args.repeat
        print(f"  {'motion (the rest)':26s} {own * 1e3:8.2f} ms")


if __name__ == "__main__":
    main()
