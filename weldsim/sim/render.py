"""Pictures of the cell with pybullet's TinyRenderer (CPU, headless) from named cameras."""

from __future__ import annotations

import numpy as np

from weldsim.errors import InvalidInputError
from weldsim.sim._pybullet import pb

__all__ = ["CAMERAS", "camera_pose", "render"]

#: Named cameras. ``iso``: over the robot's shoulder; ``front``: facing the robot across the
#: work; ``top``: straight down on the work; ``side``: from the robot's left; ``torch``: along
#: the wire axis from behind the nozzle.
CAMERAS = ("iso", "front", "top", "side", "torch")


def _work_box(cell) -> tuple[np.ndarray, float]:
    """Centre (world) and size (m) of the workpiece (all workpiece solids' frames and seams)."""
    pts = [s.T_world_solid[:3, 3] for s in cell.scenario.solids if s.role == "workpiece"]
    for seam in cell.scenario.seams:
        pts.extend(seam.points_m)
    for target in cell.scenario.targets:
        pts.append(target.position_m)
    pts = np.array(pts) if pts else np.array([[0.8, 0.0, 0.0]])
    lo, hi = pts.min(axis=0), pts.max(axis=0)
    return (lo + hi) / 2, float(max(np.linalg.norm(hi - lo), 0.25))


def camera_pose(cell, camera: str) -> tuple[np.ndarray, np.ndarray, np.ndarray, float]:
    """Eye, target, up (world) and vertical field of view (deg) of a named camera."""
    if camera not in CAMERAS:
        raise InvalidInputError(f"unknown camera {camera!r}; cameras: {', '.join(CAMERAS)}")
    centre, size = _work_box(cell)
    base = cell.T_world_base[:3, 3]
    toward = centre - base
    toward[2] = 0.0
    toward = toward / (np.linalg.norm(toward) or 1.0)  # from the robot to the work
    left = np.cross([0.0, 0.0, 1.0], toward)
    up = np.array([0.0, 0.0, 1.0])
    if camera == "iso":
        mid = (centre + base) / 2
        eye = mid + 1.9 * left + 0.9 * toward + np.array([0.0, 0.0, 1.4])
        return eye, mid + np.array([0.0, 0.0, 0.3]), up, 58.0
    if camera == "front":
        eye = centre + toward * (1.6 + size) + np.array([0.0, 0.0, 0.9])
        target = (centre + base) / 2 + np.array([0.0, 0.0, 0.35])
        return eye, target, up, 50.0
    if camera == "top":
        eye = centre + np.array([0.0, 0.0, 0.6 + 2.0 * size])
        return eye, centre, toward, 45.0
    if camera == "side":
        eye = (centre + base) / 2 + left * 2.4 + np.array([0.0, 0.0, 0.5])
        target = (centre + base) / 2 + np.array([0.0, 0.0, 0.35])
        return eye, target, up, 50.0
    T = cell.world_tcp(cell.current_q())
    z = T[:3, 2]
    eye = T[:3, 3] - 0.16 * z - 0.06 * T[:3, 0]
    return eye, T[:3, 3] + 0.02 * z, -T[:3, 0], 60.0


def render(cell, camera: str = "iso", width: int = 640, height: int = 480, *,
           segmentation: bool = False, shadow: bool = False):
    """An RGB picture ``(height, width, 3)`` uint8 of the cell from a named camera.

    With ``segmentation``, also a ``(height, width)`` int array naming what each pixel shows:
    the index of a solid in ``cell.scenario.solids``, -2 for the robot, -1 for anything else
    (floor, seams, background). ``shadow`` casts shadows (about 2.5 times slower: 0.31 s
    instead of 0.13 s at 800 x 600 here).
    """
    if not (16 <= width <= 4096 and 16 <= height <= 4096):
        raise InvalidInputError("picture size must be 16..4096 pixels each way")
    eye, target, up, fov = camera_pose(cell, camera)
    view = pb.computeViewMatrix(eye.tolist(), target.tolist(), up.tolist(),
                                physicsClientId=cell.client)
    proj = pb.computeProjectionMatrixFOV(fov, width / height, 0.02, 10.0,
                                         physicsClientId=cell.client)
    _, _, rgba, _, seg = pb.getCameraImage(width, height, view, proj,
                                           renderer=pb.ER_TINY_RENDERER,
                                           lightDirection=[0.4, 0.6, 1.0], shadow=int(shadow),
                                           physicsClientId=cell.client)
    img = np.asarray(rgba, dtype=np.uint8).reshape(height, width, 4)[:, :, :3].copy()
    if not segmentation:
        return img
    body = np.asarray(seg, dtype=np.int64).reshape(height, width)
    body = np.where(body >= 0, body & ((1 << 24) - 1), -1)  # low 24 bits: the body id
    out = np.full_like(body, -1)
    out[body == cell.body] = -2
    for body_id, solid in cell.solid_bodies.items():
        out[body == body_id] = cell.solid_names.index(solid.name)
    return img, out
