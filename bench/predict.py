"""Predicted-bead benchmark: ``python bench/predict.py [REPEATS]``.

In a warm process (numba compiled, modules imported, scenarios loaded), per bundled welding
reference job, the median of REPEATS (default 5) of:

* ``full (new cache)``: :func:`weldsim.coaching.predict_bead` on the job with an empty
  :class:`~weldsim.coaching.predict.PredictionCache` (every move planned);
* ``full (warm cache)``: the same job again with the cache of the previous call (nothing
  changed: what a condition-free redraw costs);
* ``one point``: the arc-end point of the first weld moved in X (by 0.5, 1.0, 1.5 ... mm,
  a new position each call), with the session's cache: the incremental update after a
  MODIFY of one point. On
  t-fillet-2f that point ends a 250 mm seam welded in one MOVEL (9,000 samples at 250 Hz).

Wall and CPU time of this process are both printed: on the shared 2-core machine the wall time
also measures the other processes. Target: the one-point update of the 250 mm seam <= 100 ms.
"""

from __future__ import annotations

import re
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from weldsim.coaching.predict import PredictionCache, predict_bead
from weldsim.kinematics import load_robot
from weldsim.scenarios.loader import bundled_scenario_ids, load_scenario


def _timed(fn, repeats: int) -> tuple[float, float]:
    """Median wall and CPU seconds of ``fn`` over ``repeats`` calls."""
    wall, cpu = [], []
    for k in range(repeats):
        w0, c0 = time.perf_counter(), time.process_time()
        fn(k)
        wall.append(time.perf_counter() - w0)
        cpu.append(time.process_time() - c0)
    return statistics.median(wall), statistics.median(cpu)


def _moved(text: str, shift_mm: float) -> str:
    """The job with the point of the first weld's last move shifted ``shift_mm`` in X."""
    lines = text.splitlines()
    start = next(i for i, s in enumerate(lines) if re.match(r"\s*AS\b", s, re.I))
    end = next(i for i in range(start, len(lines)) if re.match(r"\s*AE\b", lines[i], re.I))
    move = next(lines[i] for i in range(end - 1, start, -1)
                if re.match(r"\s*MOVE[LC]\b", lines[i], re.I))
    name = re.findall(r"\bP\d+\b", move)[-1]
    decl = next(i for i, s in enumerate(lines) if re.match(rf"\s*{name}\s*=", s))
    shifted = re.sub(r"X\(\s*([-\d.]+)",
                     lambda m: f"X({float(m.group(1)) + shift_mm:.3f}", lines[decl], count=1)
    if shifted == lines[decl]:  # a joint position: move J1 by a fiftieth of its shift
        shifted = re.sub(r"J\(\s*([-\d.]+)",
                         lambda m: f"J({float(m.group(1)) + shift_mm / 50:.4f}", lines[decl],
                         count=1)
    return "\n".join([*lines[:decl], shifted, *lines[decl + 1:]]) + "\n"


def main_bench(repeats: int) -> None:
    jobs = []
    for sid in bundled_scenario_ids():
        s = load_scenario(sid)
        if s.welds and s.seams:
            jobs.append((s, load_robot(s.robot), Path(s.reference_job).read_text("utf-8")))
    for s, robot, text in jobs:  # warm: numba kernels, imports
        predict_bead(s, robot, text)
    print(f"{'scenario':24s} {'samples':>8s} {'full, new cache':>17s} {'full, warm cache':>17s} "
          f"{'one point moved':>17s}   (wall / CPU ms)")
    for s, robot, text in jobs:
        first = predict_bead(s, robot, text)
        assert first.seams, (s.id, first.problem)
        samples = sum(len(p.weld.samples_idx) for p in first.seams)
        full = _timed(lambda k, s=s, robot=robot, text=text: predict_bead(
            s, robot, text, cache=PredictionCache()), repeats)
        cache = PredictionCache()
        predict_bead(s, robot, text, cache=cache)
        warm = _timed(lambda k, s=s, robot=robot, text=text, cache=cache: predict_bead(
            s, robot, text, cache=cache), repeats)
        # each call a new position (0.5, 1.0, 1.5 ... mm), so no call finds its move cached
        one = _timed(lambda k, s=s, robot=robot, text=text, cache=cache: predict_bead(
            s, robot, _moved(text, 0.5 * (k + 1)), cache=cache), repeats)
        print(f"{s.id:24s} {samples:8d} " + " ".join(
            f"{1e3 * w:8.1f}/{1e3 * c:6.1f}  " for w, c in (full, warm, one)))


if __name__ == "__main__":
    main_bench(int(sys.argv[1]) if len(sys.argv) > 1 else 5)
