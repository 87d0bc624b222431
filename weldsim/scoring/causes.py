"""Root causes in the trainee's terms: which taught points, which way to move them.

:func:`weld_points` names the points a stretch of the weld was taught with (``P3, P4``);
:func:`aim_move` turns a measured aim into the move that puts the wire back on the root, in
the job's frame (``6 mm in -Z of USER1``). Without the program (a caller that has none), the
points are named by their job lines.
"""

from __future__ import annotations

import numpy as np

from weldsim.i18n import Message
from weldsim.program.model import ArcEnd, ArcStart, MoveC, MoveL, instruction_positions
from weldsim.scoring.seam_frame import seam_frame

__all__ = ["aim_move", "end_point", "lines_of", "start_point", "weld_points"]

#: A move is named by one axis of the job's frame when that axis carries this share of it.
_ONE_AXIS = 0.9


def lines_of(trajectory, idx: np.ndarray) -> list[int]:
    """The job lines of trace samples ``idx``, in order of first appearance."""
    lines = np.asarray(trajectory.line)[idx]
    _, first = np.unique(lines, return_index=True)
    return [int(v) for v in lines[np.sort(first)] if v > 0]


def _by_lines(lines: list[int]) -> Message:
    return Message.of("finding.points.lines", lines=", ".join(str(n) for n in lines))


def weld_points(program, lines: list[int]) -> str | Message:
    """The points of the weld moves on ``lines`` with the point each starts from
    (``"P3, P4"``); "the points of lines 21, 22" (a message) without the program."""
    if program is None:
        return _by_lines(lines)
    names: list[str] = []
    prev = None
    welding = False
    wanted = set(lines)
    for ins in program.instructions:
        if isinstance(ins, ArcStart):
            welding = True
            if ins.line in wanted and prev is not None:
                names.append(prev)
        elif isinstance(ins, ArcEnd):
            welding = False
            if ins.line in wanted and prev is not None:
                names.append(prev)
        positions = instruction_positions(ins)
        if positions and welding and ins.line in wanted and isinstance(ins, MoveL | MoveC):
            if prev is not None:
                names.append(prev)
            names += [p.name or f"L{ins.line}" for p in positions]
        if positions:
            prev = positions[-1].name or f"L{ins.line}"
    seen: list[str] = []
    for n in names:
        if n not in seen:
            seen.append(n)
    return ", ".join(seen) if seen else _by_lines(lines)


def start_point(program, lines: list[int]) -> str | Message:
    """The first point :func:`weld_points` names (the weld's start)."""
    names = weld_points(program, lines)
    return names.split(", ")[0] if isinstance(names, str) else names


def end_point(program, lines: list[int]) -> str | Message:
    """The last point :func:`weld_points` names (the weld's end)."""
    names = weld_points(program, lines)
    return names.split(", ")[-1] if isinstance(names, str) else names


def _frame_of_points(program, scenario, seam) -> tuple[str, np.ndarray]:
    """The job's frame name (``USER1``) and its rotation in the world: the frame its
    positions use, else the frame the exercise teaches the seam in."""
    frame = seam.frame.upper() if seam.frame != "world" else "BASE"
    if program is not None:
        frames = [f for f in program.frames if f != "BASE"]
        if frames:
            frame = frames[0]
    if frame != "BASE":
        T = scenario.frames.get(frame.lower())
        if T is not None:
            return frame, T[:3, :3]
    return "BASE", scenario.T_world_base[:3, :3]


def aim_move(scenario, seam, program, p_m: np.ndarray, z: np.ndarray, lat_mm: np.ndarray,
             vert_mm: np.ndarray) -> tuple[str, float, str]:
    """The move that brings the wire back to the root.

    Parameters
    ----------
    p_m, z : ndarray, shape (N, 3)
        TCP positions (m, world) and wire axes of the samples.
    lat_mm, vert_mm : ndarray, shape (N,)
        Their aim (:mod:`weldsim.scoring.metrics`).

    Returns
    -------
    direction : str
        ``"-Z"`` when one axis of the frame carries the move, else ``"(+0.2, -0.7, +0.7)"``
        (the unit direction in the frame).
    distance_mm : float
    frame : str
        ``USER1`` or ``BASE``.
    """
    f = seam_frame(seam, np.ascontiguousarray(p_m), np.ascontiguousarray(z))
    t, a, b = f.tangent, f.lower_normal, f.upper_normal
    faces_parallel = np.abs(np.einsum("ij,ij->i", a, b)) > 0.98
    e_lat = np.cross(a, t)
    flip = np.einsum("ij,ij->i", e_lat, b) < 0.0
    e_lat[flip & ~faces_parallel] *= -1.0
    e_vert = np.where(faces_parallel[:, None], a, np.cross(b, t))
    flip_v = np.einsum("ij,ij->i", e_vert, a) < 0.0
    e_vert[flip_v & ~faces_parallel] *= -1.0
    lat = np.nan_to_num(lat_mm)[:, None]
    vert = np.nan_to_num(vert_mm)[:, None]
    offset = np.mean(lat * e_lat + vert * e_vert, axis=0)  # mm, world: where the wire aims
    frame, R = _frame_of_points(program, scenario, seam)
    move = R.T @ (-offset)
    dist = float(np.linalg.norm(move))
    if dist < 1e-9:
        return "0", 0.0, frame
    u = move / dist
    k = int(np.argmax(np.abs(u)))
    if abs(u[k]) >= _ONE_AXIS:
        return f"{'+' if u[k] > 0 else '−'}{'XYZ'[k]}", dist, frame
    return "(" + ", ".join(f"{c:+.1f}".replace("-", "−") for c in u) + ")", dist, frame
