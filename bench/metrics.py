"""Benchmark of the technique metrics: ns per sample of each scoring kernel over a 15,000-sample
trace (60 s at 250 Hz), and of the whole :func:`weldsim.scoring.technique_metrics`.

Run: ``python bench/metrics.py``. Calls everything once to compile (numba caches the kernels on
disk), then times ``repeat`` warm runs and prints the best and median ns per sample. Two
traces: a straight fillet seam with a 2 mm, 1.5 Hz sine weave, and a full circle (pipe on a
plate). The per-sample technique kernel is compared with a plain numpy version of the same
arithmetic. Target: <= 50 ns per sample for the per-sample kernels.

Last, the whole weld + score of a 60 s job (t-fillet-2f at 25 cm/min: the seam takes 59 s):
technique metrics, the bead and imperfections of every seam, the setup checks and the rubric
with its requirements and cause-first findings, timed from the played trace (the cell's
playing is not scoring). Target: <= 50 ms.
"""

from __future__ import annotations

import argparse
import dataclasses
import math
import statistics
import time
from functools import partial

import numpy as np

from weldsim.scenarios.loader import load_scenario
from weldsim.scenarios.spec import Seam
from weldsim.scoring import _kernels as K
from weldsim.scoring import technique_metrics
from weldsim.scoring.metrics import PARALLEL_FACES_DEG
from weldsim.sim.trace import Trace

N = 15_000
RATE_HZ = 250.0


def _poses(p: np.ndarray, z: np.ndarray) -> np.ndarray:
    x = np.cross(np.array([0.0, 0.0, 1.0]), z)
    x /= np.linalg.norm(x, axis=1, keepdims=True)
    T = np.zeros((len(p), 4, 4))
    T[:, :3, 0], T[:, :3, 1], T[:, :3, 2], T[:, :3, 3] = x, np.cross(z, x), z, p
    T[:, 3, 3] = 1.0
    return T


def _trace(T: np.ndarray) -> Trace:
    n = len(T)
    return Trace(t=np.arange(n) / RATE_HZ, q=np.zeros((n, 6)), T_world_tcp=T,
                 arc_on=np.ones(n, bool), line=np.zeros(n, np.int64), ray_hit=np.ones(n, bool),
                 hit_point=T[:, :3, 3].copy(), hit_normal=np.tile([0.0, 0, 1], (n, 1)),
                 hit_solid=np.zeros(n, np.int64), ctwd_m=np.full(n, 0.015), contacts=(),
                 solid_names=("plate",), stick_out_m=0.015, ray_length_m=0.1)


def straight_case():
    """A 60 s weaving pass along +X (T-fillet, work 45, push 10)."""
    t = np.arange(N) / RATE_HZ
    a, b = math.radians(45.0), math.radians(10.0)
    z = np.array([math.sin(b), -math.cos(b) * math.cos(a), -math.cos(b) * math.sin(a)])
    u = np.cross([1.0, 0, 0], z)
    u /= np.linalg.norm(u)
    p = (np.outer(0.004 * t, [1.0, 0, 0]) + np.outer(0.002 * np.sin(2 * math.pi * 1.5 * t), u))
    seam = Seam(id="root", kind="polyline", frame="world",
                points_m=np.array([[0.0, 0, 0], [0.25, 0, 0]]),
                lower_normal=np.array([0.0, 0, 1]), upper_normal=np.array([0.0, 1, 0]))
    return _poses(p, np.tile(z, (N, 1))), seam


def circle_case():
    """A 60 s pass once round a 57 mm circle (pipe on plate, work 45, push 10)."""
    r = 0.05715
    ang = np.linspace(0.0, 2 * math.pi, N, endpoint=False)
    radial = np.stack([np.cos(ang), np.sin(ang), np.zeros(N)], axis=1)
    tangent = np.stack([-np.sin(ang), np.cos(ang), np.zeros(N)], axis=1)
    a, b = math.radians(45.0), math.radians(10.0)
    z = (-math.cos(b) * (math.cos(a) * radial + math.sin(a) * np.array([0.0, 0, 1]))
         + math.sin(b) * tangent)
    pts = r * np.stack([np.cos(np.radians(np.arange(0, 360.5, 0.5))),
                        np.sin(np.radians(np.arange(0, 360.5, 0.5))), np.zeros(721)], axis=1)
    seam = Seam(id="root", kind="circle", frame="world", points_m=pts,
                joint="fillet_pipe_plate", lower_normal=np.array([0.0, 0, 1]),
                upper_normal="radial", center_m=np.zeros(3), axis=np.array([0.0, 0, 1]),
                radius_m=r, sweep_rad=2 * math.pi)
    return _poses(r * radial, z), seam


def technique_numpy(p, z, root, t, n_lo, n_up, direction):
    """The per-sample technique kernel (fillet branch) in plain numpy, for comparison."""

    def unit(v):
        return v / np.linalg.norm(v, axis=1, keepdims=True)

    def dot(a, b):
        return np.einsum("ij,ij->i", a, b)

    a = unit(n_lo - dot(n_lo, t)[:, None] * t)
    b = unit(n_up - dot(n_up, t)[:, None] * t)
    lat_ax = np.cross(a, t)
    lat_ax *= np.sign(dot(lat_ax, b))[:, None]
    v_ax = np.cross(b, t)
    v_ax *= np.sign(dot(v_ax, a))[:, None]
    d = root - p
    m = dot(d, z)[:, None] * z - d
    m -= dot(m, t)[:, None] * t
    mx, my = dot(m, lat_ax), dot(m, a)
    vert = my / dot(v_ax, a)
    lat = mx - vert * dot(v_ax, lat_ax)
    x = np.cross(t, z)
    nx = np.linalg.norm(x, axis=1) * np.sign(dot(x, lat_ax))
    across = dot(m, x) / nx
    work = np.degrees(np.arctan2(dot(-z, a), dot(-z, lat_ax)))
    travel = np.degrees(np.arcsin(np.clip(direction * dot(z, t), -1, 1)))
    return 1e3 * lat, 1e3 * vert, 1e3 * across, work, travel


def timeit(fn, repeat: int, clock=time.perf_counter) -> tuple[float, float]:
    fn()
    times = []
    for _ in range(repeat):
        t0 = clock()
        fn()
        times.append(clock() - t0)
    return min(times), statistics.median(times)


def run_case(label: str, T: np.ndarray, seam: Seam, repeat: int) -> None:
    """Time every kernel on one trace and print ns per sample."""
    t = np.arange(N) / RATE_HZ
    bounds = np.array([[0, N]], dtype=np.int64)
    p = np.ascontiguousarray(T[:, :3, 3])
    z = np.ascontiguousarray(T[:, :3, 2])
    if seam.kind == "circle":
        e1 = seam.points_m[0] / np.linalg.norm(seam.points_m[0])
        e2 = np.cross(seam.axis, e1)
        project = partial(K.project_circle, seam.center_m, e1, e2, seam.radius_m, 1.0,
                          2 * math.pi, True, p, z, True)
    else:
        pts = np.ascontiguousarray(seam.points_m)
        project = partial(K.project_polyline, pts, np.array([0.0, 0.25]), p, z, True)
    s, root, tan, *_ = project()
    lo, up = (np.ascontiguousarray(n) for n in seam.normals_at(root))
    direction = np.ones(N)
    sin_par = math.sin(math.radians(PARALLEL_FACES_DEG))
    geometry = (p, z, root, tan, lo, up, direction)
    lat = K.technique(*geometry, sin_par)[2]
    half = np.array([1 / 3.0])
    scenario = dataclasses.replace(load_scenario("t-fillet-2f"), seams=(seam,))
    rows = {
        "seam projection (wire axis)": project,
        "technique kernel (aim, angles)": partial(K.technique, *geometry, sin_par),
        "  same in plain numpy": partial(technique_numpy, *geometry),
        "travel speed (centred slope)": partial(K.centred_slope, t, s, bounds, half),
        "weave detrend (centred mean)": partial(K.centred_mean, t, lat, bounds, half),
        "weave cycles": partial(K.weave_cycles, t, lat, bounds, 0.25),
        "window score": partial(K.window_score, lat, -1.5, -0.5, 0.5, 1.5),
        "technique_metrics (all, public)": partial(technique_metrics, _trace(T), scenario),
    }
    print(f"-- {label}")
    for name, fn in rows.items():
        best, med = timeit(fn, repeat)
        print(f"  {name:34s} {1e9 * best / N:8.1f} {1e9 * med / N:8.1f}")
    same = np.allclose(K.technique(*geometry, sin_par), technique_numpy(*geometry), atol=1e-9)
    print(f"  numpy version agrees: {same}")


def weld_and_score_case(repeat: int) -> None:
    """Time metrics + weld + score of a 60 s job from its played trace."""
    from weldsim.exercise import _weld_seam, run_exercise
    from weldsim.scoring import technique_window_summaries
    from weldsim.scoring.rubric import score_weld
    from weldsim.scoring.setup import setup_checks

    scenario = load_scenario("t-fillet-2f")
    text = scenario.reference_job.read_text(encoding="utf-8").replace("S=42cm/min",
                                                                      "S=25cm/min")
    run = run_exercise(scenario, "slow.job", data=text.encode("utf-8"))
    arc_s = float(run.trajectory.arc_on_time_s)

    def once():
        m = technique_metrics(run.trace, scenario, run.trajectory)
        w = technique_window_summaries(m, scenario, run.trajectory)
        welds = tuple(x for k in range(len(scenario.seams))
                      if (x := _weld_seam(scenario, k, run.trajectory, m)) is not None)
        checks = tuple(setup_checks(scenario, run.job.program))
        return score_weld(scenario, run.trajectory, run.trace, m, w, welds, checks,
                          program=run.job.program)

    m = technique_metrics(run.trace, scenario, run.trajectory)
    w = technique_window_summaries(m, scenario, run.trajectory)
    welds = tuple(x for k in range(len(scenario.seams))
                  if (x := _weld_seam(scenario, k, run.trajectory, m)) is not None)
    checks = tuple(setup_checks(scenario, run.job.program))
    parts = {
        "technique metrics + windows": lambda: technique_window_summaries(
            technique_metrics(run.trace, scenario, run.trajectory), scenario, run.trajectory),
        "bead + imperfections (all seams)": lambda: [
            _weld_seam(scenario, k, run.trajectory, m) for k in range(len(scenario.seams))],
        "setup + rubric + findings": lambda: score_weld(
            scenario, run.trajectory, run.trace, m, w, welds,
            tuple(setup_checks(scenario, run.job.program)), program=run.job.program),
    }
    print(f"-- weld + score of a {arc_s:.0f} s weld ({len(run.trace.t)} samples), ms of process "
          "CPU time (best / median; the machine is shared)")
    for name, fn in parts.items():
        best, med = timeit(fn, repeat, time.process_time)
        print(f"  {name:34s} {1e3 * best:8.1f} {1e3 * med:8.1f}")
    best, med = timeit(once, repeat, time.process_time)
    print(f"  {'all of it':34s} {1e3 * best:8.1f} {1e3 * med:8.1f}   (target <= 50 ms)")
    del checks


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=30)
    args = parser.parse_args()
    print(f"{N} samples; ns per sample (best / median of {args.repeat})")
    run_case("straight, weaving", *straight_case(), args.repeat)
    run_case("closed circle", *circle_case(), args.repeat)
    weld_and_score_case(max(3, args.repeat // 3))


if __name__ == "__main__":
    main()
