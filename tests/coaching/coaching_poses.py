"""Torch poses built from a seam's frame: a known work angle, travel angle, CTWD and aim, and
the joint angles that hold them (the test's own construction, independent of the kernels)."""

from __future__ import annotations

import math
from types import SimpleNamespace

import numpy as np

from weldsim.scoring.seam_frame import seam_frame


def unit(v) -> np.ndarray:
    v = np.asarray(v, dtype=float)
    return v / np.linalg.norm(v)


def seam_axes(scenario, seam: int, s_mm: float):
    """Root point (m), tangent, lateral axis, vertical axis, lower normal at ``s_mm``."""
    sm = scenario.seams[seam]
    pts = np.asarray(sm.points_m, dtype=float)
    cum = np.concatenate([[0.0], np.cumsum(np.linalg.norm(np.diff(pts, axis=0), axis=1))])
    near = np.array([np.interp(1e-3 * s_mm, cum, pts[:, k]) for k in range(3)])
    fr = seam_frame(sm, near[None])
    t, a, b = fr.tangent[0], fr.lower_normal[0], fr.upper_normal[0]
    lat = np.cross(a, t)
    if np.linalg.norm(np.cross(a, b)) > math.sin(math.radians(10.0)):
        if lat @ b < 0:
            lat = -lat
        vert = np.cross(b, t)
        if vert @ a < 0:
            vert = -vert
    else:
        vert = a.copy()
    return fr.root_m[0], t, unit(lat), unit(vert), a


def torch_pose(scenario, stick_out_m: float, *, seam: int = 0, s_mm: float = 100.0,
               work_deg: float = 45.0, travel_deg: float = 10.0, ctwd_mm: float = 15.0,
               lateral_mm: float = 0.0, vertical_mm: float = 0.0, direction: int = 1,
               roll_deg: float = 0.0) -> np.ndarray:
    """``T_world_tcp`` with the wire meeting the joint at the aim given, the work and travel
    angles given (for travel along ``direction``), and the contact tip ``ctwd_mm`` from where
    the wire meets the work."""
    root, t, lat, vert, a = seam_axes(scenario, seam, s_mm)
    w, tau = math.radians(work_deg), math.radians(travel_deg)
    u = math.cos(w) * lat + math.sin(w) * a            # from the work toward the torch
    d = direction * t
    z = unit(-math.cos(tau) * u + math.sin(tau) * d)   # the wire, toward the work
    target = root + 1e-3 * lateral_mm * lat + 1e-3 * vertical_mm * vert
    p = target - (1e-3 * ctwd_mm - stick_out_m) * z
    x = unit(d - (d @ z) * z)
    c, s = math.cos(math.radians(roll_deg)), math.sin(math.radians(roll_deg))
    y = np.cross(z, x)
    x, y = c * x + s * y, -s * x + c * y
    T = np.eye(4)
    T[:3, 0], T[:3, 1], T[:3, 2], T[:3, 3] = x, y, z, p
    return T


def joint_angles(scenario, robot, T_world_tcp: np.ndarray, q_ref=None) -> np.ndarray:
    """The joint angles holding ``T_world_tcp`` nearest ``q_ref`` (home by default) that are
    within limits; the roll about the wire is the caller's."""
    T_base = np.linalg.inv(scenario.T_world_base) @ T_world_tcp
    q_ref = np.asarray(scenario.home_q if q_ref is None else q_ref, dtype=float)
    sols, _ = robot.ik(T_base, tool=scenario.tool)
    ok = [s for s in sols if not np.isnan(s).any() and robot.within_limits(s)]
    assert ok, "the test pose is out of reach"
    d = [np.abs((s - q_ref + np.pi) % (2 * np.pi) - np.pi).max() for s in ok]
    return np.asarray(ok[int(np.argmin(d))], dtype=float)


def played(cell, qs: np.ndarray, arc_on: np.ndarray, dt: float = 0.004):
    """A trace as the cell records one (``world_tcp`` and the wire's ray cast), with what
    ``technique_metrics`` reads of it."""
    T = cell.world_tcp(qs)
    _, point, _, _, ctwd = cell.cast_wire(T)
    n = len(qs)
    return SimpleNamespace(t=dt * np.arange(n), q=qs, T_world_tcp=T, arc_on=arc_on,
                           ctwd_m=ctwd, hit_point=point, line=np.ones(n, dtype=np.int64))
