"""HTML report benchmark: ``python bench/report.py``.

Time per trainee report in a warm process (target <= 0.3 s): the page without the picture
(plots, imperfection map, cross-section, tables), the six seam plots alone (hand-written SVG),
the cell picture alone (build the cell, render 800x600, PNG), the whole page with the picture,
and the class index for 30 trainees. Runs are graded once beforehand; only the report is timed.
The first page of a process also loads the report's modules and catalogue and is shown apart.
CPU time is printed beside the wall time: on a busy machine it is the steadier number.
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from weldsim.exercise import run_exercise
from weldsim.report.html import cell_picture, html_report, write_class_index, write_html_report
from weldsim.report.plots import png_data_uri, seam_plots
from weldsim.scenarios.loader import load_scenario


def _time(fn, repeat: int) -> tuple[float, float, float]:
    """Best and median wall time, and the best CPU time of this process (less disturbed by
    other processes on a busy machine), in seconds."""
    times, cpu = [], []
    for _ in range(repeat):
        c0, t0 = time.process_time(), time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
        cpu.append(time.process_time() - c0)
    return min(times), statistics.median(times), min(cpu)


def _ms(label: str, best: float, med: float, cpu: float, target: str = "") -> str:
    return (f"  {label}: best {best * 1000:.0f} ms, median {med * 1000:.0f} ms, CPU "
            f"{cpu * 1000:.0f} ms{target}")


def main() -> None:
    s = load_scenario("t-fillet-2f")
    fast = s.reference_job.read_text(encoding="utf-8").replace("S=42cm/min", "S=84cm/min")
    runs = {"passing (reference)": run_exercise(s, s.reference_job),
            "failing (S=84cm/min)": run_exercise(s, "fast.job", data=fast.encode())}
    weave = load_scenario("butt-1g-weave")
    runs["butt-1g-weave (reference)"] = run_exercise(weave, weave.reference_job)
    first = next(iter(runs.values()))
    t0 = time.perf_counter()
    html_report(first, picture=False)
    print(f"first page of the process (loads the report's modules and catalogue): "
          f"{(time.perf_counter() - t0) * 1000:.0f} ms")
    with tempfile.TemporaryDirectory() as folder:
        out = Path(folder)
        for name, run in runs.items():
            print(f"{name}: score {run.card.score:.1f}, {len(run.trajectory)} samples")
            for lang in ("en", "id"):
                print(_ms(f"page without picture ({lang})", *_time(
                    lambda run=run, lang=lang: write_html_report(
                        run, out / "r.html", lang=lang, picture=False), 7),
                    " (target 300 ms)"))
            print(_ms("seam plots alone (six SVG figures, id)",
                      *_time(lambda run=run: seam_plots(run, "id"), 7)))
            print(_ms("cell picture alone (cell + render 800x600 + PNG)",
                      *_time(lambda run=run: png_data_uri(cell_picture(run)), 3)))
            timing = _time(lambda run=run: write_html_report(run, out / "r.html", picture=True),
                           3)
            size = (out / "r.html").stat().st_size
            print(_ms("page with picture", *timing, f" (target 300 ms); {size / 1024:.0f} KiB"))
        runs_list = list(runs.values())
        rows = [{"name": f"Trainee {k:02d}", "file": f"t{k:02d}.job",
                 "score": runs_list[k % 3].card.score, "passed": runs_list[k % 3].card.passed,
                 "level": runs_list[k % 3].card.iso5817_level,
                 "worst": [f.what for f in runs_list[k % 3].card.worst(3)],
                 "cycle_time_s": runs_list[k % 3].trajectory.cycle_time_s, "errors": None,
                 "report": f"t{k:02d}.html"} for k in range(30)]
        print(_ms("class index, 30 trainees", *_time(lambda: write_class_index(rows, out), 5)))


if __name__ == "__main__":
    main()
