"""End-to-end benchmark: ``python bench/run.py``.

``weldsim run`` on a 60 s welding job (t-fillet-2f at 25 cm/min, about 15,000 samples): plan +
simulate + weld + score + JSON in a warm process, with a new cell per job and with one cell
reused (as ``grade``'s workers do; issue 16's target: <= 200 ms), wall and CPU time; and a
new process from the shell (``python -m weldsim run ...``) with a warm numba cache (target
<= 3 s).
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from weldsim.exercise import run_exercise
from weldsim.report import report_json
from weldsim.scenarios.loader import load_scenario
from weldsim.sim import Cell


def main() -> None:
    s = load_scenario("t-fillet-2f")
    text = s.reference_job.read_text(encoding="utf-8").replace("S=42cm/min", "S=25cm/min")
    data = text.encode("utf-8")
    run = run_exercise(s, "bench.job", data=data)  # warm up: load the numba cache
    if hasattr(os, "getloadavg"):
        print(f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
    print(f"job: {len(run.trajectory)} samples, {run.trajectory.cycle_time_s:.1f} s, arc on "
          f"{run.trajectory.arc_on_time_s:.1f} s; score {run.card.score:.1f}")
    for label, cell in (("a new cell per job", None), ("one cell, reused", Cell(s))):
        times, cpu = [], []
        for _ in range(7):
            t0, c0 = time.perf_counter(), time.process_time()
            run = run_exercise(s, "bench.job", data=data, cell=cell)
            report_json(run)
            times.append(time.perf_counter() - t0)
            cpu.append(time.process_time() - c0)
        print(f"warm run, {label} (plan + play + weld + score + JSON): wall best "
              f"{min(times) * 1000:.0f} ms, median {statistics.median(times) * 1000:.0f} ms; "
              f"CPU median {statistics.median(cpu) * 1000:.0f} ms (target 200 ms)")
        if cell is not None:
            cell.close()
    with tempfile.TemporaryDirectory() as folder:
        job = Path(folder) / "bench.job"
        job.write_bytes(data)
        walls = []
        for _ in range(3):
            t0 = time.perf_counter()
            subprocess.run([sys.executable, "-m", "weldsim", "run", "t-fillet-2f", str(job)],
                           check=True, capture_output=True)
            walls.append(time.perf_counter() - t0)
    print(f"new process 'python -m weldsim run' (warm numba cache): best {min(walls):.2f} s, "
          f"median {statistics.median(walls):.2f} s (target 3 s)")


if __name__ == "__main__":
    main()
