"""Cameras of the 3D view: an orbit camera around a target point and the torch camera that
rides behind the nozzle, with the named presets.

Camera frame: x right, y down, z forward (m). ``p_cam = R_cam_world @ (p_world - eye)``.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import numpy as np

from weldsim.errors import InvalidInputError

__all__ = ["PRESETS", "CameraState", "look_at", "preset_state"]

#: Named cameras. ``iso``: over the robot's shoulder; ``front``: facing the robot across the
#: work; ``top``: straight down on the work, the robot at the bottom; ``torch``: along the
#: wire axis from behind the nozzle, following the TCP.
PRESETS = ("iso", "front", "top", "torch")
#: Elevation limits of the orbit camera (rad): just short of the poles keeps "up" defined.
MIN_ELEVATION_RAD = math.radians(-20.0)
MAX_ELEVATION_RAD = math.radians(89.5)
#: Distance limits (m).
MIN_DISTANCE_M = 0.03
MAX_DISTANCE_M = 20.0
#: Torch camera: distance behind the wire tip along the wire axis (m).
TORCH_DISTANCE_M = 0.16
#: Torch camera: how far orbiting may tilt it away from the wire axis, each way (rad).
TORCH_TILT_LIMIT_RAD = math.radians(75.0)


def look_at(eye, target, up) -> np.ndarray:
    """``R_cam_world`` (3, 3) of a camera at ``eye`` looking at ``target`` with ``up``
    (world, (3,) each) toward the top of the picture."""
    f = np.asarray(target, dtype=np.float64) - np.asarray(eye, dtype=np.float64)
    f /= np.linalg.norm(f)
    r = np.cross(f, up)
    norm = np.linalg.norm(r)
    if norm < 1e-9:  # looking along "up": any right-angled right will do
        r = np.cross(f, [1.0, 0.0, 0.0] if abs(f[0]) < 0.9 else [0.0, 1.0, 0.0])
        norm = np.linalg.norm(r)
    r /= norm
    d = np.cross(f, r)
    return np.stack([r, d, f])


@dataclass
class CameraState:
    """Where the camera is: a preset name and the user's orbit, pan and zoom.

    Orbit mode: the eye is ``distance_m`` from ``target_m`` at ``azimuth_rad`` (about world
    +Z, from +X) and ``elevation_rad``. Torch mode: the eye is ``distance_m`` behind the TCP,
    turned by the azimuth and elevation about the wire axis; ``pan_m`` shifts the look-at point
    in the picture plane (camera x, y).
    """

    name: str
    target_m: np.ndarray = field(default_factory=lambda: np.zeros(3))
    distance_m: float = 2.0
    azimuth_rad: float = 0.0
    elevation_rad: float = 0.5
    fov_deg: float = 50.0
    pan_m: np.ndarray = field(default_factory=lambda: np.zeros(2))
    moved: bool = False

    def copy(self) -> CameraState:
        return CameraState(self.name, self.target_m.copy(), self.distance_m, self.azimuth_rad,
                           self.elevation_rad, self.fov_deg, self.pan_m.copy(), self.moved)

    @property
    def follows_tcp(self) -> bool:
        """Whether the pose depends on the TCP (the torch camera)."""
        return self.name == "torch"

    def orbit(self, d_azimuth_rad: float, d_elevation_rad: float) -> None:
        self.azimuth_rad = math.remainder(self.azimuth_rad + d_azimuth_rad, 2.0 * math.pi)
        lim = TORCH_TILT_LIMIT_RAD
        lo, hi = (-lim, lim) if self.follows_tcp else (MIN_ELEVATION_RAD, MAX_ELEVATION_RAD)
        self.elevation_rad = min(max(self.elevation_rad + d_elevation_rad, lo), hi)
        if self.follows_tcp:
            self.azimuth_rad = min(max(self.azimuth_rad, -lim), lim)
        self.moved = True

    def zoom(self, factor: float) -> None:
        self.distance_m = min(max(self.distance_m / factor, MIN_DISTANCE_M), MAX_DISTANCE_M)
        self.moved = True

    def pose(self, T_world_tcp: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """``(R_cam_world (3, 3), eye (3,) world)``."""
        if self.follows_tcp:
            R_wt, p = T_world_tcp[:3, :3], T_world_tcp[:3, 3]
            a, e = self.azimuth_rad, self.elevation_rad
            d_tool = np.array([math.sin(a) * math.cos(e), math.sin(e),
                               -math.cos(a) * math.cos(e)])
            eye = p + self.distance_m * (R_wt @ d_tool)
            R = look_at(eye, p, -R_wt[:, 0])
            shift = R[0] * self.pan_m[0] + R[1] * self.pan_m[1]
            return R, eye + shift
        a, e = self.azimuth_rad, self.elevation_rad
        offset = self.distance_m * np.array([math.cos(e) * math.cos(a),
                                             math.cos(e) * math.sin(a), math.sin(e)])
        eye = self.target_m + offset
        return look_at(eye, self.target_m, np.array([0.0, 0.0, 1.0])), eye

    def pan(self, dx_m: float, dy_m: float, R_cam_world: np.ndarray) -> None:
        """Move the picture by (dx, dy) metres at the target's distance (content follows the
        mouse: the camera moves the other way)."""
        if self.follows_tcp:
            self.pan_m = self.pan_m - np.array([dx_m, dy_m])
        else:
            self.target_m = self.target_m - R_cam_world[0] * dx_m - R_cam_world[1] * dy_m
        self.moved = True


def _from_eye(name: str, eye, target, fov_deg: float) -> CameraState:
    offset = np.asarray(eye, dtype=np.float64) - np.asarray(target, dtype=np.float64)
    dist = float(np.linalg.norm(offset))
    az = math.atan2(offset[1], offset[0])
    el = math.asin(max(-1.0, min(1.0, offset[2] / dist)))
    el = min(max(el, MIN_ELEVATION_RAD), MAX_ELEVATION_RAD)
    return CameraState(name, np.asarray(target, dtype=np.float64).copy(), dist, az, el,
                       fov_deg)


def preset_state(name: str, work_centre, work_size: float, base) -> CameraState:
    """The camera of a named preset for a cell whose work is at ``work_centre`` (world, m),
    ``work_size`` across, and whose robot base is at ``base`` (world, m)."""
    if name not in PRESETS:
        raise InvalidInputError(f"unknown camera {name!r}; cameras: {', '.join(PRESETS)}")
    centre = np.asarray(work_centre, dtype=np.float64)
    base = np.asarray(base, dtype=np.float64)
    toward = centre - base
    toward[2] = 0.0
    norm = np.linalg.norm(toward)
    toward = toward / norm if norm > 1e-9 else np.array([1.0, 0.0, 0.0])
    left = np.cross([0.0, 0.0, 1.0], toward)
    z = np.array([0.0, 0.0, 1.0])
    mid = (centre + base) / 2.0
    if name == "iso":
        target = mid + 0.1 * toward + 0.45 * z
        return _from_eye(name, target + 1.75 * left - 0.35 * toward + 1.0 * z, target, 55.0)
    if name == "front":
        target = 0.7 * centre + 0.3 * base + 0.4 * z
        return _from_eye(name, centre + toward * (1.3 + work_size) + 0.75 * z, target, 50.0)
    if name == "top":
        target = 0.6 * centre + 0.4 * base
        state = _from_eye(name, target - 0.01 * toward + (2.0 + work_size) * z, target, 50.0)
        state.elevation_rad = MAX_ELEVATION_RAD
        return state
    return CameraState("torch", distance_m=TORCH_DISTANCE_M, azimuth_rad=0.0,
                       elevation_rad=0.0, fov_deg=60.0)
