"""Builders of synthetic traces and seams for the scoring tests, and the real pipeline.

World frame of the synthetic cases: the seam runs along +X, the lower plate's face normal is +Z
and the upper face's (the web's) is +Y, like ``t-fillet-2f`` in its USER1 frame.
"""

from __future__ import annotations

import dataclasses
import functools
import math
import re
import tempfile
from pathlib import Path

import numpy as np

from weldsim.kinematics import load_robot
from weldsim.motion import plan
from weldsim.program import load_job
from weldsim.scenarios.loader import load_scenario
from weldsim.scenarios.spec import Seam
from weldsim.sim import Cell
from weldsim.sim.trace import Trace

X = np.array([1.0, 0.0, 0.0])
Y = np.array([0.0, 1.0, 0.0])
Z = np.array([0.0, 0.0, 1.0])
RATE_HZ = 250.0
STICK_OUT_M = 0.015


def wire_axis(t, e_lat, n_lower, work_deg: float, travel_deg: float) -> np.ndarray:
    """Unit wire axis (toward the work) with a given work angle (from ``e_lat`` toward
    ``n_lower``) and travel angle (push > 0 along ``t``)."""
    a, b = math.radians(work_deg), math.radians(travel_deg)
    torch = math.cos(b) * (math.cos(a) * np.asarray(e_lat) + math.sin(a) * np.asarray(n_lower))
    return -torch + math.sin(b) * np.asarray(t)


def pose(position_m, z) -> np.ndarray:
    """A TCP pose with the given position and tool Z axis (the other axes arbitrary)."""
    z = np.asarray(z, dtype=float) / np.linalg.norm(z)
    helper = X if abs(z @ X) < 0.9 else Y
    x = np.cross(helper, z)
    x /= np.linalg.norm(x)
    T = np.eye(4)
    T[:3, 0], T[:3, 1], T[:3, 2], T[:3, 3] = x, np.cross(z, x), z, position_m
    return T


def across(t, z, e_lat) -> np.ndarray:
    """Unit vector across the torch (``t x z``), turned toward ``e_lat``."""
    u = np.cross(t, z)
    u /= np.linalg.norm(u)
    return u if u @ e_lat >= 0 else -u


def make_trace(T, arc_on=None, t=None, ctwd_m=None, line=None) -> Trace:
    """A Trace from TCP poses (N, 4, 4); the rest filled in plausibly."""
    T = np.asarray(T, dtype=float)
    n = len(T)
    t = np.arange(n) / RATE_HZ if t is None else np.asarray(t, dtype=float)
    arc_on = np.ones(n, dtype=bool) if arc_on is None else np.asarray(arc_on, dtype=bool)
    ctwd = np.full(n, STICK_OUT_M) if ctwd_m is None else np.asarray(ctwd_m, dtype=float)
    hit = ~np.isnan(ctwd)
    tip = T[:, :3, 3] - STICK_OUT_M * T[:, :3, 2]
    point = np.where(hit[:, None], tip + ctwd[:, None] * T[:, :3, 2], np.nan)
    return Trace(
        t=t, q=np.zeros((n, 6)), T_world_tcp=T, arc_on=arc_on,
        line=np.full(n, 7, dtype=np.int64) if line is None else np.asarray(line),
        ray_hit=hit, hit_point=point, hit_normal=np.where(hit[:, None], Z, np.nan),
        hit_solid=np.where(hit, 0, -1).astype(np.int64), ctwd_m=ctwd, contacts=(),
        solid_names=("plate",), stick_out_m=STICK_OUT_M, ray_length_m=0.1)


def line_seam(p0, p1, lower=Z, upper=Y, joint="fillet_t", sid="root", points=None) -> Seam:
    """A straight (or polyline, with ``points``) seam in the world frame."""
    pts = np.asarray(points if points is not None else [p0, p1], dtype=float)
    return Seam(id=sid, kind="polyline", frame="world", points_m=pts, joint=joint,
                lower_normal=np.asarray(lower, float), upper_normal=np.asarray(upper, float))


def circle_seam(radius_m: float, start_deg: float, sweep_deg: float, center=(0.0, 0.0, 0.0),
                sid="root") -> Seam:
    """A circle about +Z (a pipe on a plate): lower normal +Z, upper normal radial."""
    c = np.asarray(center, dtype=float)
    start, sweep = math.radians(start_deg), math.radians(sweep_deg)
    steps = max(2, math.ceil(abs(sweep_deg) / 0.5) + 1)
    a = start + np.linspace(0.0, sweep, steps)
    pts = np.stack([c[0] + radius_m * np.cos(a), c[1] + radius_m * np.sin(a),
                    np.full_like(a, c[2])], axis=1)
    return Seam(id=sid, kind="circle", frame="world", points_m=pts, joint="fillet_pipe_plate",
                lower_normal=Z.copy(), upper_normal="radial", center_m=c, axis=Z.copy(),
                radius_m=radius_m, sweep_rad=sweep)


@functools.cache
def base_scenario():
    """``t-fillet-2f`` (windows, WPS): the synthetic cases replace its seams."""
    return load_scenario("t-fillet-2f")


def scenario_with(*seams: Seam):
    """The base scenario with other seams."""
    return dataclasses.replace(base_scenario(), seams=tuple(seams))


def straight_pass(speed_mm_s=7.0, x0_mm=0.0, x1_mm=250.0, work=45.0, travel=10.0,
                  offset=lambda tt: 0.0, slide_mm=0.0):
    """Poses of a pass along the +X seam at constant speed; ``offset(t)`` (mm) moves the torch
    across itself (weave), ``slide_mm`` along its own axis (away from the work)."""
    duration = (x1_mm - x0_mm) / speed_mm_s
    n = round(duration * RATE_HZ) + 1
    tt = np.arange(n) / RATE_HZ
    z = wire_axis(X, Y, Z, work, travel)
    u = across(X, z, Y)
    T = np.empty((n, 4, 4))
    for i, ti in enumerate(tt):
        p = (x0_mm + speed_mm_s * ti) * 1e-3 * X + offset(ti) * 1e-3 * u - slide_mm * 1e-3 * z
        T[i] = pose(p, z)
    return tt, T


# --------------------------------------------------------------------------------------------
# the real pipeline


def play(scenario_id: str, job_text: str | None = None):
    """Plan and play a scenario's reference job, or a given job text: ``(trace, trajectory)``."""
    s = load_scenario(scenario_id)
    robot = load_robot(s.robot)
    if job_text is None:
        program = load_job(s.reference_job)
    else:
        with tempfile.TemporaryDirectory() as d:
            path = Path(d) / "fault.job"
            path.write_text(job_text, encoding="utf-8")
            program = load_job(path)
    trajectory = plan(program, robot, home_q=s.home_q, user_frames=s.user_frames_base())
    with Cell(s, robot) as cell:
        trace = cell.play(trajectory)
    return trace, trajectory


_POINT = re.compile(r"^(P\d+)\s*=\s*X\(([^)]*)\)", re.MULTILINE)
_MOVE = re.compile(r"^\s*MOVE[LCJP]\s+(P\d+)(?:\s+(P\d+))?", re.MULTILINE)


def weld_points(text: str) -> tuple[str, str]:
    """Names of the arc-start and arc-end points of a single-pass job: the target of the move
    before ``AS`` and the last target of the move after it."""
    lines = text.splitlines()
    at = next(i for i, ln in enumerate(lines) if re.match(r"^\s*AS\b", ln))
    before = [m for ln in lines[:at] if (m := _MOVE.match(ln))]
    after = [m for ln in lines[at + 1:] if (m := _MOVE.match(ln))]
    return before[-1].group(1), (after[0].group(2) or after[0].group(1))


def edit_points(text: str, names, fn) -> str:
    """Replace ``X(x, y, z, rx, ry, rz, ...)`` of the named points with ``fn(values)``."""

    def repl(m: re.Match) -> str:
        if m.group(1) not in names:
            return m.group(0)
        parts = [p.strip() for p in m.group(2).split(",")]
        values = [float(v) for v in parts[:6]]
        new = fn(values)
        body = ", ".join(f"{v:.4f}" for v in new) + "".join(f", {p}" for p in parts[6:])
        return f"{m.group(1)} = X({body})"

    return _POINT.sub(repl, text)


def point_values(text: str, name: str) -> list[float]:
    """The six numbers of a point."""
    for m in _POINT.finditer(text):
        if m.group(1) == name:
            return [float(v) for v in m.group(2).split(",")[:6]]
    raise KeyError(name)
