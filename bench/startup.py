"""Warm start-up benchmark: ``python bench/startup.py [N] [--as-is]``.

Each item is the median of N (default 5) fresh processes, wall and CPU (user + system of the
child), with numba's cache already filled (one unmeasured run of each first):

- ``bare six``: ``import numpy, scipy, numba, pybullet, pygame, matplotlib`` (issue 16's
  reference: the demo's target is <= 1.2 s or <= 1.8x this);
- ``bare demo deps``: importing only weldsim's declared dependencies that a ``weldsim demo``
  really imports (found by running one; scipy's public subpackages too, as scipy loads them
  lazily);
- ``weldsim --help`` and ``weldsim demo`` (``python -m weldsim`` from this worktree);
- ``demo, numba load``: the demo with ``WELDSIM_NUMBA_FULL_LOAD=1``, i.e. numba's own cache
  load, which refreshes numba's whole target context first (weldsim's lean load skips that,
  see ``weldsim/_jit.py``);
- the numba kernels a demo loads from the cache: how many and their load time (ms).

Python's bytecode cache: an installed weldsim has its ``.pyc`` files, but this machine sets
``PYTHONDONTWRITEBYTECODE``, which makes every fresh process compile weldsim's sources again.
By default the children run with bytecode caching on, in a private folder
(``PYTHONPYCACHEPREFIX``, nothing written into the worktree); ``--as-is`` keeps the parent's
environment. The load average is printed with the results (the machine is shared).
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SIX = "numpy, scipy, numba, pybullet, pygame, matplotlib"

_DEPS = r"""
import contextlib, io, json, sys
from weldsim.cli import main
with contextlib.redirect_stdout(io.StringIO()):
    main(["demo"])
declared = ("numpy", "scipy", "numba", "pybullet", "pygame", "rich", "matplotlib",
            "cryptography", "babel", "platformdirs", "joserfc")
mods = sorted(m for m in sys.modules if m.split(".")[0] in declared
              and (m.count(".") == 0 or (m.startswith("scipy.") and m.count(".") == 1
                                         and not m.split(".")[1].startswith("_"))))
print(json.dumps(mods))
"""

_KERNELS = r"""
import contextlib, io, json, time
import weldsim
from numba.core import caching
loads = []
_orig = caching.Cache._load_overload  # what numba's load and weldsim's lean load both call
def _timed(self, sig, ctx):
    t = time.perf_counter()
    try:
        return _orig(self, sig, ctx)
    finally:
        loads.append(time.perf_counter() - t)
caching.Cache._load_overload = _timed
from weldsim.cli import main
with contextlib.redirect_stdout(io.StringIO()):
    main(["demo"])
print(json.dumps([len(loads), sum(loads), loads[0] if loads else 0.0]))
"""


def _env(as_is: bool, pycache: str) -> dict[str, str]:
    env = dict(os.environ, PYGAME_HIDE_SUPPORT_PROMPT="1")
    if not as_is:
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        env["PYTHONPYCACHEPREFIX"] = pycache
    return env


def _run(argv: list[str], env: dict[str, str]) -> tuple[float, float, str]:
    """Wall and CPU time [s] of one child process, and its standard output."""
    start = time.perf_counter()
    proc = subprocess.Popen(argv, cwd=ROOT, env=env, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE)
    out, err = proc.communicate()
    wall = time.perf_counter() - start
    if proc.returncode != 0:
        raise SystemExit(f"{argv}: exit {proc.returncode}\n{err.decode(errors='replace')}")
    return wall, 0.0, out.decode("utf-8", errors="replace")


def _timed(argv: list[str], env: dict[str, str]) -> tuple[float, float, str]:
    """Like :func:`_run` with the child's CPU time from the children's rusage."""
    try:
        import resource
    except ImportError:  # Windows: wall time only
        return _run(argv, env)
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    wall, _, out = _run(argv, env)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu, out


def _median(argv: list[str], env: dict[str, str], n: int) -> tuple[float, float]:
    _timed(argv, env)  # warm: bytecode, numba's cache, the OS's file cache
    runs = [_timed(argv, env)[:2] for _ in range(n)]
    return statistics.median(r[0] for r in runs), statistics.median(r[1] for r in runs)


def main() -> None:
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    n = int(args[0]) if args else 5
    as_is = "--as-is" in sys.argv[1:]
    py = sys.executable
    with tempfile.TemporaryDirectory(prefix="weldsim-pyc-") as pycache:
        env = _env(as_is, pycache)
        deps = json.loads(_run([py, "-c", _DEPS], env)[2].strip().splitlines()[-1])
        rows = [
            ("bare six", [py, "-c", f"import {SIX}"]),
            ("bare demo deps", [py, "-c", "import " + ", ".join(deps)]),
            ("weldsim --help", [py, "-m", "weldsim", "--help"]),
            ("weldsim demo", [py, "-m", "weldsim", "demo"]),
            ("demo, numba load", [py, "-m", "weldsim", "demo"]),
        ]
        print(f"load average {os.getloadavg()[0]:.2f} (1 min) before; median of {n} fresh "
              f"processes; bytecode {'as the environment says' if as_is else 'cached'}"
              if hasattr(os, "getloadavg") else f"median of {n} fresh processes")
        print(f"the demo's dependencies: {', '.join(deps)}")
        print(f"{'item':16s} {'wall s':>8s} {'cpu s':>8s}")
        results = {}
        for label, argv in rows:
            child_env = (dict(env, WELDSIM_NUMBA_FULL_LOAD="1") if label == "demo, numba load"
                         else env)
            wall, cpu = _median(argv, child_env, n)
            results[label] = (wall, cpu)
            print(f"{label:16s} {wall:8.3f} {cpu:8.3f}", flush=True)
        demo_w, demo_c = results["weldsim demo"]
        for label in ("bare six", "bare demo deps"):
            w, c = results[label]
            print(f"demo / {label:14s} {demo_w / w:6.2f}x wall {demo_c / c:6.2f}x cpu")
        kernels = [json.loads(_run([py, "-c", _KERNELS], env)[2].strip().splitlines()[-1])
                   for _ in range(n)]
        count = kernels[0][0]
        total = statistics.median(k[1] for k in kernels)
        first = statistics.median(k[2] for k in kernels)
        print(f"numba kernels loaded by a demo: {count}, {total * 1000:.0f} ms "
              f"(the first {first * 1000:.0f} ms)")
        if hasattr(os, "getloadavg"):
            print(f"load average {os.getloadavg()[0]:.2f} (1 min) after")


if __name__ == "__main__":
    main()
