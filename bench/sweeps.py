"""One-parameter sweeps from the t-fillet-2f reference job: score, criteria and imperfections
against each parameter (issue #11, "graded severity, no cliffs").

Run: ``python bench/sweeps.py [--out DIR] [--only NAME ...]``. For each sweep of
:data:`weldsim.scoring.sweeps.SWEEPS` it runs every step (plan, play, weld, score), prints one
line per step (value, score, pass, level, gates, the time it took) and the largest jump between
neighbouring steps, and writes ``DIR/sweep-<name>.png``: the total score, the group and
criterion scores, and the imperfections' sizes against the parameter, with the steps where a
gate holds shaded. Neighbouring steps more than 15 points apart with no gate change are
listed as cliffs (the test ``tests/scoring/test_sweeps.py`` fails on them).
"""

from __future__ import annotations

import argparse
import itertools
import math
import time
from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt

from weldsim.scoring.sweeps import JUMP_LIMIT, SWEEPS, cliffs, run_sweep


def plot(sweep, points, path: Path) -> None:
    xs = [p.value for p in points]
    fig, (ax1, ax2, ax3) = plt.subplots(3, 1, figsize=(8, 9), sharex=True)
    ax1.plot(xs, [p.score for p in points], "k-o", lw=2, label="total")
    for g in ("technique", "bead", "setup", "requirements"):
        ax1.plot(xs, [p.groups.get(g, math.nan) for p in points], "--", label=g)
    for p in points:
        if p.gates:
            for ax in (ax1, ax2, ax3):
                ax.axvspan(p.value - 0.5 * _step(sweep), p.value + 0.5 * _step(sweep),
                           color="red", alpha=0.12, lw=0)
        if not p.passed and not p.error:
            ax1.plot([p.value], [p.score], "rx", ms=9)
    ax1.axvline(sweep.reference, color="g", lw=0.8)
    ax1.set_ylabel("score")
    ax1.set_ylim(-2, 102)
    ax1.legend(fontsize=7, ncol=3, loc="lower left")
    ax1.set_title(f"{sweep.name}: score (red x: failed; red band: a gate holds)")
    names = sorted({k for p in points for k in p.criteria})
    for n in names:
        ax2.plot(xs, [p.criteria.get(n, math.nan) for p in points], "-", label=n)
    ax2.set_ylabel("criterion score")
    ax2.set_ylim(-2, 102)
    ax2.legend(fontsize=7, ncol=4, loc="lower left")
    kinds = sorted({k for p in points for k in p.imperfections})
    for k in kinds:
        ax3.plot(xs, [p.imperfections.get(k, 0.0) for p in points], "-o", ms=3, label=k)
    ax3.set_ylabel("imperfection size (mm)")
    if kinds:
        ax3.legend(fontsize=7, ncol=3)
    ax3.set_xlabel(sweep.label)
    fig.tight_layout()
    fig.savefig(path, dpi=80)
    plt.close(fig)


def _step(sweep) -> float:
    v = sweep.values
    return (v[1] - v[0]) if len(v) > 1 else 1.0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", default="bench/out", help="folder of the PNGs")
    parser.add_argument("--only", nargs="*", choices=sorted(SWEEPS), help="sweeps to run")
    args = parser.parse_args()
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    total_bad = 0
    for name in args.only or SWEEPS:
        sweep = SWEEPS[name]
        t0 = time.perf_counter()
        points = run_sweep(sweep)
        dt = time.perf_counter() - t0
        print(f"-- {name} ({len(points)} steps, {dt / len(points):.2f} s per step)")
        for p in points:
            mark = "PASS" if p.passed else "fail"
            extra = p.error.splitlines()[0][:60] if p.error else ",".join(p.gates)
            print(f"  {p.value:8.2f}  {p.score:6.1f}  {mark}  level {p.level or '-'}  {extra}")
        jumps = [abs(b.score - a.score) for a, b in itertools.pairwise(points)
                 if not (a.error or b.error)]
        bad = cliffs(points)
        total_bad += len(bad)
        print(f"  largest step {max(jumps, default=0.0):.1f} points; cliffs > {JUMP_LIMIT:g} "
              f"without a gate: {bad or 'none'}")
        plot(sweep, points, out / f"sweep-{name}.png")
    print(f"cliffs: {total_bad}; PNGs in {out}")


if __name__ == "__main__":
    main()
