"""Cold first run: ``python bench/cold.py [N]``.

Issue 16's first target: a teacher's first ``weldsim demo`` after installing, with numba's
cache empty (the compile happens then, with weldsim's preparation sentence and progress bar),
must take <= 25 s including the preparation. Each of N runs (default 1) gets a new empty
numba cache folder (``NUMBA_CACHE_DIR``) and a new empty user cache (``XDG_CACHE_HOME``: the
merged message catalogue), runs ``python -m weldsim demo`` from the project root, and prints
its wall time, the CPU time of it and its worker processes (user + system), the "Ready in"
line of the preparation, and the load average (the machine may be shared: CPU time is the
figure to compare). A warm run in the same folders follows each cold one.
"""

from __future__ import annotations

import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _run(env: dict[str, str]) -> tuple[float, float, str]:
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.perf_counter()
    proc = subprocess.run([sys.executable, "-m", "weldsim", "demo"], cwd=ROOT, env=env,
                          capture_output=True, text=True, encoding="utf-8")
    wall = time.perf_counter() - t0
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    if proc.returncode != 0:
        sys.exit(f"weldsim demo failed ({proc.returncode}):\n{proc.stderr[-2000:]}")
    ready = next((ln.strip() for ln in (proc.stderr + proc.stdout).splitlines()
                  if "Ready" in ln or "Siap" in ln), "")
    return wall, cpu, ready


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 1
    cold, warm = [], []
    for i in range(n):
        with tempfile.TemporaryDirectory(prefix="weldsim-cold-") as tmp:
            env = dict(os.environ, NUMBA_CACHE_DIR=str(Path(tmp) / "numba"),
                       XDG_CACHE_HOME=str(Path(tmp) / "cache"), WELDSIM_LANG="en")
            load = os.getloadavg()[0]
            wall, cpu, ready = _run(env)
            cold.append((wall, cpu))
            print(f"cold run {i + 1}: {wall:6.1f} s wall, {cpu:6.1f} s CPU (with workers), "
                  f"load {load:.1f}   [{ready}]")
            wall, cpu, _ = _run(env)
            warm.append((wall, cpu))
            print(f"warm run {i + 1}: {wall:6.2f} s wall, {cpu:6.2f} s CPU")
    print(f"median cold: {statistics.median(w for w, _ in cold):.1f} s wall, "
          f"{statistics.median(c for _, c in cold):.1f} s CPU (target <= 25 s)")
    print(f"median warm: {statistics.median(w for w, _ in warm):.2f} s wall, "
          f"{statistics.median(c for _, c in warm):.2f} s CPU")


if __name__ == "__main__":
    main()
