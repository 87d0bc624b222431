"""``weldsim check --scenario`` benchmark: ``python bench/check.py [REPEATS]``.

The controller's dry run with collisions (parse, plan until the first alarm, play in the cell
with contacts and the wire ray cast) on every bundled reference job, in a warm process (numba
compiled, modules imported): per job the median of REPEATS (default 5) of the whole command
(``weldsim.cli.main(["check", job, "--scenario", id])``, which builds its own cell), and of
its parts: parse, cell build, plan, play; CPU seconds of this process (the wall time on a
shared machine mostly measures the other processes). Target: <= 0.5 s for a one-minute
reference job.
"""

from __future__ import annotations

import contextlib
import io
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from weldsim.cli import main
from weldsim.jobs import prepare_job
from weldsim.motion import plan
from weldsim.scenarios.loader import bundled_scenario_ids, load_scenario
from weldsim.sim import Cell


def _median(fn, repeats: int) -> float:
    """Median CPU time (s) of ``fn`` in this process: on a shared machine the wall time says
    how busy the others are; the CPU time is what the check costs (pybullet runs in-process,
    one thread)."""
    times = []
    for _ in range(repeats):
        t0 = time.process_time()
        fn()
        times.append(time.process_time() - t0)
    return statistics.median(times)


def _check(job: Path, sid: str) -> None:
    with contextlib.redirect_stdout(io.StringIO()):
        code = main(["check", str(job), "--scenario", sid, "--lang", "en"])
    assert code == 0, (sid, code)


def main_bench(repeats: int) -> None:
    ids = bundled_scenario_ids()
    for sid in ids:  # warm: numba kernels, imports, the scenario caches
        _check(load_scenario(sid).reference_job, sid)
    print(f"{'scenario':24s} {'cycle':>7s} {'samples':>8s} {'check':>7s} {'parse':>7s} "
          f"{'cell':>7s} {'plan':>7s} {'play':>7s}")
    for sid in ids:
        s = load_scenario(sid)
        ctx = prepare_job(s.reference_job, s)
        traj = plan(ctx.program, ctx.robot, home_q=ctx.home_q, user_frames=ctx.user_frames,
                    until_alarm=True)
        whole = _median(lambda s=s, sid=sid: _check(s.reference_job, sid), repeats)
        parse = _median(lambda s=s: prepare_job(s.reference_job, s), repeats)
        build = _median(lambda s=s, ctx=ctx: Cell(s, ctx.robot).close(), repeats)
        planning = _median(lambda ctx=ctx: plan(
            ctx.program, ctx.robot, home_q=ctx.home_q, user_frames=ctx.user_frames,
            until_alarm=True), repeats)
        with Cell(s, ctx.robot) as cell:
            play = _median(lambda cell=cell, traj=traj: cell.play(traj, until_contact=True),
                           repeats)
        print(f"{sid:24s} {traj.cycle_time_s:6.1f}s {len(traj):8d} {whole:6.3f}s "
              f"{parse:6.3f}s {build:6.3f}s {planning:6.3f}s {play:6.3f}s")


if __name__ == "__main__":
    main_bench(int(sys.argv[1]) if len(sys.argv) > 1 else 5)
