"""Cell benchmark: ``python bench/sim.py``.

Times building the t-fillet-2f cell (pybullet client, URDF, solids) and playing a 60 s welding
job (about 15,000 samples at 250 Hz) with contact checks and wire-axis ray casts, in a warm
process; and one rendered picture per camera. Targets: build <= 0.3 s, play <= 0.5 s.
"""

from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from weldsim.kinematics import load_robot
from weldsim.motion import plan
from weldsim.program import parse_job
from weldsim.scenarios.loader import load_scenario
from weldsim.sim import CAMERAS, Cell


def sixty_second_job(scenario) -> str:
    """The reference job of t-fillet-2f welded at 25 cm/min: about 60 s of arc."""
    text = scenario.reference_job.read_text(encoding="utf-8")
    return text.replace("S=42cm/min", "S=25cm/min")


def main() -> None:
    s = load_scenario("t-fillet-2f")
    robot = load_robot(s.robot)
    trajectory = plan(parse_job(sixty_second_job(s), "bench.job"), robot, home_q=s.home_q,
                      user_frames=s.user_frames_base())
    n = len(trajectory)
    print(f"job: {n} samples, {trajectory.cycle_time_s:.1f} s, arc on "
          f"{trajectory.arc_on_time_s:.1f} s")
    builds, plays = [], []
    for _ in range(5):
        t0 = time.perf_counter()
        cell = Cell(s, robot)
        builds.append(time.perf_counter() - t0)
        t0 = time.perf_counter()
        trace = cell.play(trajectory)
        plays.append(time.perf_counter() - t0)
        cell.close()
    play = min(plays)
    print(f"build the cell      best {min(builds) * 1000:7.1f} ms  median "
          f"{statistics.median(builds) * 1000:7.1f} ms   (target 300 ms)")
    print(f"play + trace        best {play * 1000:7.1f} ms  median "
          f"{statistics.median(plays) * 1000:7.1f} ms   (target 500 ms)  "
          f"{play / n * 1e6:.1f} µs/sample, {trajectory.cycle_time_s / play:.0f}x real time")
    print(f"contacts: {len(trace.contacts)}; wire on the work while welding: "
          f"{trace.ray_hit[trace.arc_on].mean() * 100:.1f} %")
    with Cell(s, robot) as cell:
        cell.set_q(trajectory.q[n // 2])
        for camera in CAMERAS:
            t0 = time.perf_counter()
            cell.render(camera, 640, 480)
            print(f"render {camera:<6} 640x480  {(time.perf_counter() - t0) * 1000:6.1f} ms")


if __name__ == "__main__":
    main()
