"""Benchmark of the weld process model: a 60 s weld of 15,000 samples (300 mm at 5 mm/s).

Run: ``python bench/weld.py``. Runs once to compile (numba caches the kernels on disk), then
times ``repeat`` warm runs of each stage and prints the best and median cost per sample:

* ``kernels: bead`` — :func:`bin_samples` + :func:`pool_speed` + :func:`bead_grid`;
* ``kernel: imperfections`` — :func:`imperfection_sizes` on the bead grid;
* ``simulate_bead`` and ``find_imperfections`` — the public calls (input checks, stretches,
  ISO levels, limits);
* ``numpy binning`` — the same sample-to-grid step written with ``np.bincount`` (each segment
  to the bin of its midpoint), for comparison with the numba kernel.

Target: <= 50 ns per sample for the kernels.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # this checkout's weldsim

from weldsim.weld import (
    JointGeometry,
    WeldConditions,
    WeldSamples,
    find_imperfections,
    simulate_bead,
)
from weldsim.weld import _kernels as K

N = 15_000
RATE_HZ = 250.0


def samples() -> WeldSamples:
    """A 300 mm weld at 5 mm/s with a wandering CTWD, a speed dip and a 1.5 Hz weave."""
    t = np.arange(N) / RATE_HZ
    speed = 5.0 + 1.0 * np.sin(t / 3.0)
    s = np.concatenate(([0.0], np.cumsum(0.5 * (speed[1:] + speed[:-1]) / RATE_HZ)))
    lat = 1.5 * np.sin(2.0 * np.pi * 1.5 * t)
    on = np.ones(N, dtype=bool)
    on[7000:7050] = False  # a 0.2 s arc break
    return WeldSamples(
        s_mm=s, speed_mm_s=speed, ctwd_mm=15.0 + 6.0 * np.sin(t / 5.0),
        work_angle_deg=45.0 + 8.0 * np.sin(t / 7.0), travel_angle_deg=np.full(N, 10.0),
        aim_lateral_mm=lat, aim_vertical_mm=0.3 * np.cos(t), weave_amp_mm=np.full(N, 1.5),
        weave_freq_hz=np.full(N, 1.5), arc_on=on, t_s=t)


def numpy_binning(sm: WeldSamples, s0: float, bin_mm: float, nb: int) -> np.ndarray:
    """Arc time per bin with numpy: each arc-on segment to the bin of its midpoint."""
    both = sm.arc_on[1:] & sm.arc_on[:-1]
    mid = 0.5 * (sm.s_mm[1:] + sm.s_mm[:-1])
    idx = np.clip(((mid - s0) / bin_mm).astype(np.int64), 0, nb - 1)
    dt = np.diff(sm.t_s)
    time = np.bincount(idx[both], weights=dt[both], minlength=nb)
    w = dt[both]
    for arr in (sm.ctwd_mm, sm.work_angle_deg, sm.travel_angle_deg, sm.aim_lateral_mm,
                sm.aim_vertical_mm, sm.weave_amp_mm, sm.weave_freq_hz, sm.speed_mm_s):
        val = 0.5 * (arr[1:] + arr[:-1])[both]
        np.bincount(idx[both], weights=w * val, minlength=nb)
    return time


def timed(fn, repeat: int) -> list[float]:
    out = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        out.append(time.perf_counter() - t0)
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=50)
    args = parser.parse_args()
    cond = WeldConditions(270.0, 28.0, 5.0, crater_current_a=180.0, crater_voltage_v=22.0,
                          crater_time_s=0.5)
    geom = JointGeometry("fillet_t", 10.0, 10.0, design_throat_mm=4.0)
    sm = samples()
    seam = float(sm.s_mm[-1])
    t0 = time.perf_counter()
    bead = simulate_bead(cond, geom, sm)
    imps = find_imperfections(bead, cond, geom, sm, seam)
    first = time.perf_counter() - t0

    dwell = np.zeros(N)
    nb = bead.s_mm.size
    s0 = bead.s0_mm

    def kernels_bead():
        tb, par = K.bin_samples(sm.s_mm, sm.t_s, True, sm.speed_mm_s, sm.ctwd_mm,
                                sm.work_angle_deg, sm.travel_angle_deg, sm.aim_lateral_mm,
                                sm.aim_vertical_mm, sm.weave_amp_mm, sm.weave_freq_hz, dwell,
                                sm.arc_on, s0, bead.bin_mm, nb)
        v = K.pool_speed(tb, bead.bin_mm, 10)
        K.bead_grid(v, par, bead.scal)

    rows = {
        "kernels: bead": timed(kernels_bead, args.repeat),
        "kernel: imperfections": timed(
            lambda: K.imperfection_sizes(bead.rows, bead.params, bead.scal), args.repeat),
        "simulate_bead": timed(lambda: simulate_bead(cond, geom, sm), args.repeat),
        "find_imperfections": timed(lambda: find_imperfections(bead, cond, geom, sm, seam),
                                    args.repeat),
        "numpy binning": timed(lambda: numpy_binning(sm, s0, bead.bin_mm, nb), args.repeat),
    }
    print(f"samples          {N} ({N / RATE_HZ:.0f} s, seam {seam:.0f} mm, {nb} bins of "
          f"{bead.bin_mm} mm)")
    print(f"imperfections    {len(imps)}: {', '.join(sorted({i.type for i in imps}))}")
    print(f"first run        {first * 1e3:8.1f} ms (compile or load the numba cache)")
    print(f"{'stage':24s} {'best':>10s} {'median':>10s} {'ns/sample':>10s}")
    for name, times in rows.items():
        best, median = min(times), statistics.median(times)
        print(f"{name:24s} {best * 1e3:8.3f} ms {median * 1e3:7.3f} ms {median / N * 1e9:10.1f}")
    kern = statistics.median(rows["kernels: bead"]) + statistics.median(
        rows["kernel: imperfections"])
    verdict = "met" if kern / N * 1e9 <= 50.0 else "NOT met"
    print(f"target           50 ns/sample for the kernels -> {kern / N * 1e9:.1f} ns: {verdict}")


if __name__ == "__main__":
    main()
