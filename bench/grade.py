"""Batch grading benchmark: ``python bench/grade.py [N]``.

``weldsim grade`` on N (default 100) t-fillet-2f jobs (the reference with the travel speed,
current and voltage varied) in a new process with the default workers (all cores), with
reports (JSON + HTML per trainee, index.html) and with ``--no-report``; issue 16's targets are
CPU time for 100 jobs: <= 40 s with reports, <= 20 s without. Each line gives the CPU time
the batch took (POSIX; on a busy machine the wall time says little, CPU / cores is what the
batch needs of idle cores); then the report of one trainee in a warm process (JSON, plots,
picture; CPU and wall).
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

from weldsim.grading.batch import default_workers
from weldsim.scenarios.loader import load_scenario


def make_jobs(folder: Path, n: int) -> None:
    """``n`` variants of the reference job: speed 30-54 cm/min, 250-290 A, 26-30 V."""
    text = load_scenario("t-fillet-2f").reference_job.read_text(encoding="utf-8")
    for k in range(n):
        job = (text.replace("S=42cm/min", f"S={30 + (k * 7) % 25}cm/min")
               .replace("I=270A", f"I={250 + (k * 3) % 41}A")
               .replace("U=28V", f"U={26 + k % 5}V"))
        (folder / f"trainee{k:03d}.job").write_text(job, encoding="utf-8")


def _children_cpu() -> float:
    """CPU seconds (user + system) of the finished child processes and theirs (POSIX)."""
    try:
        import resource
    except ImportError:  # Windows
        return float("nan")
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def grade(folder: Path, out: Path, *extra: str) -> tuple[float, float]:
    """Wall and CPU seconds of one ``weldsim grade`` in a new process."""
    cpu0, t0 = _children_cpu(), time.perf_counter()
    subprocess.run([sys.executable, "-m", "weldsim", "grade", "t-fillet-2f", str(folder),
                    "--out", str(out), *extra], check=True, capture_output=True)
    return time.perf_counter() - t0, _children_cpu() - cpu0


def report_times() -> None:
    """One trainee's report in a warm process, as a grade worker writes it (the picture from
    the cell that played the job), and with a picture from a new cell; CPU and wall."""
    from weldsim.exercise import run_exercise
    from weldsim.grading.worker import job_report_text
    from weldsim.report.html import cell_picture, html_report
    from weldsim.report.plots import png_data_uri, seam_plots
    from weldsim.sim import Cell

    s = load_scenario("t-fillet-2f")
    cell = Cell(s)
    run = run_exercise(s, s.reference_job, cell=cell)
    html_report(run, picture=False)  # warm up
    parts = {
        "JSON": lambda: job_report_text(run),
        "seam plots": lambda: seam_plots(run, "id"),
        "picture (render, playing cell)": lambda: cell_picture(run, cell=cell),
        "picture render + PNG": lambda: png_data_uri(cell_picture(run, cell=cell)),
        "report as a worker writes it (JSON + HTML + picture from the cell)": lambda: (
            job_report_text(run),
            html_report(run, lang="id", picture=cell_picture(run, cell=cell))),
        "report with a picture from a new cell": lambda: (
            job_report_text(run), html_report(run, lang="id", picture=True)),
    }
    for label, work in parts.items():
        walls, cpus = [], []
        for _ in range(5):
            t0, c0 = time.perf_counter(), time.process_time()
            work()
            walls.append(time.perf_counter() - t0)
            cpus.append(time.process_time() - c0)
        print(f"{label}: CPU median {statistics.median(cpus) * 1000:.0f} ms, wall median "
              f"{statistics.median(walls) * 1000:.0f} ms")
    cell.close()


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 100
    print(f"{n} jobs, {default_workers()} workers (cores {os.cpu_count()}); load average "
          f"{os.getloadavg()[0]:.1f}" if hasattr(os, "getloadavg") else "")
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "class"
        folder.mkdir()
        make_jobs(folder, n)
        for label, extra, target in (("--no-report", ("--no-report",), 20.0),
                                     ("with reports", (), 40.0)):
            wall, cpu = grade(folder, Path(tmp) / label.strip("-").replace(" ", "-"), *extra)
            print(f"grade {label}: {wall:.1f} s wall, {wall / n * 1000:.0f} ms per job; CPU "
                  f"{cpu:.1f} s (target {target:g} s CPU for 100 jobs), so at least "
                  f"{cpu / default_workers():.1f} s on {default_workers()} idle cores")
    report_times()


if __name__ == "__main__":
    main()
