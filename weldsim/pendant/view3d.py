"""The pendant's 3D view of the robot cell: a small CPU renderer (numpy + numba + pygame).

The cell's solids, the floor and its grid, the seams and the targets are static: they are
rasterised once per camera pose into a colour and a depth buffer (and an outlined copy). Each
frame copies those buffers and rasterises the arm's triangles (moved by the link frames of
``q``) depth-tested against them, so the arm is hidden by, and hides, the work exactly; then
the wire, the bead and the wire-tip trail. Depth edges of the pixels drawn this frame are
softened and darkened (outlines); the TCP marker, the torch axis, the world axis triad and the
camera name are drawn on top with pygame.

Why a depth buffer and not the painter's algorithm with ``pygame.draw.polygon``: both were
measured on t-fillet-2f at 800 x 640 (CPU time per frame): painting the arm's sorted faces
over a cached picture of the cell took 3.6 ms (and lets the arm show through the work),
painting the arm and the cell's faces sorted together 4.4 ms (and still gets the big table
and plate faces wrong against the arm: a face's mean depth is not its depth where it overlaps
the arm); this z-buffer frame, outlines and overlays included, takes 4.2 ms and is exact.
``bench/view3d.py`` gives about 150–250 frames/s jogging and 85–110 orbiting (single thread).

>>> view = View3D(load_scenario("t-fillet-2f"), load_robot("fd-b4"))
>>> view.draw(surface, q)                 # surface: a pygame.Surface, q: (6,) rad
>>> view.orbit(0.1, 0.0); view.preset("torch"); view.project(points_world)
"""

from __future__ import annotations

import math
from collections.abc import Callable

import numpy as np
import pygame

from weldsim.errors import InvalidInputError
from weldsim.kinematics import Robot
from weldsim.kinematics.urdf import NOZZLE_FRONT_DIAMETER_SHARE, NOZZLE_RECESS_M
from weldsim.pendant._view import _kernels as K
from weldsim.pendant._view.camera import PRESETS, CameraState, preset_state
from weldsim.pendant._view.helpers import HelperLine, Helpers, live_lines, static_lines
from weldsim.pendant._view.scene import (
    BODY_FRAMES,
    Mesh,
    box_mesh,
    fixed_joint_origin,
    floor_z,
    link_frames,
    merge,
    robot_meshes,
    static_meshes,
    transform,
)
from weldsim.scenarios.spec import Scenario

__all__ = ["BEAD_COLORS", "PRESETS", "View3D"]

#: Bead colour of each quality code (ISO 5817 level met; None = below D).
BEAD_COLORS = {"B": (40, 190, 60), "C": (235, 215, 40), "D": (245, 140, 30), None: (220, 40, 40)}
#: Key and fill light directions (world, toward the light) and their weights.
_KEY = np.array([0.35, 0.45, 1.0]) / np.linalg.norm([0.35, 0.45, 1.0])
_FILL = np.array([-0.5, -0.7, 0.25]) / np.linalg.norm([-0.5, -0.7, 0.25])
_AMBIENT, _KEY_W, _FILL_W = 0.30, 0.62, 0.22
#: Outlines: relative second difference of 1/z that makes an edge, and edge brightness.
OUTLINE_THRESHOLD = 0.02
OUTLINE_KEEP = 0.7
#: At most this many points along a predicted bead's drawn band (its bins are thinned).
RIBBON_POINTS = 120
#: Near plane (m): closer parts of triangles and lines are cut off.
NEAR_M = 0.01
_SEAM_RGB = (230, 30, 30)
_GRID_RGB = (150, 150, 146)
_TRAIL_RGB = (20, 170, 230)
_WIRE_RGB = (200, 200, 205)
_AXIS_RGB = (255, 220, 0)
_TARGET_RGB = (255, 90, 40)
_HIGHLIGHT_RGB = np.array([1.0, 0.1, 0.1])
_SKY_TOP, _SKY_BOTTOM = np.array([150, 170, 195]), np.array([222, 226, 232])


def _pack(rgb) -> np.ndarray:
    """Packed ``R | G << 8 | B << 16`` (uint32) of (..., 3) colours 0 to 255."""
    c = np.clip(np.asarray(rgb), 0, 255).astype(np.uint32)
    return c[..., 0] | (c[..., 1] << 8) | (c[..., 2] << 16)


def _shade(normal_world: np.ndarray, rgb: np.ndarray) -> np.ndarray:
    """Flat Lambert shading with a key and a fill light: colours 0 to 255, (T, 3)."""
    k = np.maximum(normal_world @ _KEY, 0.0)
    f = np.maximum(normal_world @ _FILL, 0.0)
    light = _AMBIENT + _KEY_W * k + _FILL_W * f
    return np.clip(rgb * light[:, None], 0.0, 1.0) * 255.0


def _points(points, name: str) -> np.ndarray:
    """World points as a float64 (N, 3) array ((3,) is one point), or InvalidInputError."""
    try:
        arr = np.asarray(points, dtype=np.float64)
    except (TypeError, ValueError) as exc:
        raise InvalidInputError(f"{name} must be numeric points (N, 3): {exc}") from None
    if arr.shape == (3,):
        arr = arr[None]
    if arr.ndim != 2 or arr.shape[1] != 3:
        raise InvalidInputError(f"{name} must have shape (N, 3), got {arr.shape}")
    return arr


def _signature(value):
    """A comparable copy of a trail or bead argument (so an array changed in place counts
    as changed)."""
    if value is None:
        return None
    if isinstance(value, np.ndarray):
        return (value.shape, value.dtype.str, value.tobytes())
    if isinstance(value, tuple | list):
        return tuple(_signature(v) for v in value)
    return repr(value)


def _names(highlight) -> frozenset[str]:
    if highlight is None:
        return frozenset()
    if isinstance(highlight, str):
        highlight = (highlight,)
    # "robot:link_2" is how the cell's contacts name the arm's own bodies
    return frozenset(str(h).removeprefix("robot:") for h in highlight)


class View3D:
    """A 3D view of a scenario's cell and its robot, drawn into a pygame surface.

    Parameters
    ----------
    scenario : Scenario
        The exercise: solids, seams, targets, ``T_world_base``, the tool.
    robot : Robot
        The robot model.
    size : tuple of int
        ``(width, height)`` in pixels; :meth:`draw` adopts the size of the surface it gets.
    tool : int, optional
        Tool number drawn (default: the scenario's).
    """

    def __init__(self, scenario: Scenario, robot: Robot, size=(800, 640), *,
                 tool: int | None = None):
        if not pygame.font.get_init():
            pygame.font.init()
        self.scenario = scenario
        self.robot = robot
        spec = robot.spec
        self.tool = scenario.tool if tool is None else int(tool)
        self._T_world_base = np.asarray(scenario.T_world_base, dtype=np.float64)
        self._T_flange_tcp = np.asarray(spec.tool(self.tool).T_flange_tcp, dtype=np.float64)
        self._T_link6_tool0 = fixed_joint_origin(spec)
        self._tool_spec = spec.tool(self.tool)
        # the arm: one triangle array, each triangle tagged with its body (BODY_FRAMES index)
        meshes = robot_meshes(spec, self.tool)
        self._arm = merge(meshes)
        self._arm_body = np.concatenate([np.full(len(m), i) for i, m in enumerate(meshes)])
        self._arm_slices = []
        start = 0
        for m in meshes:
            self._arm_slices.append(slice(start, start + len(m)))
            start += len(m)
        # the static cell
        self._floor_z = floor_z(scenario)
        self._static = static_meshes(scenario, spec)
        tri = [m for _, m in self._static]
        self._static_mesh = merge(tri)
        self._static_owner = np.concatenate(
            [np.full(len(m), k) for k, (_, m) in enumerate(self._static)]) \
            if self._static else np.zeros(0, dtype=int)
        self._static_names = [name for name, _ in self._static]
        self._static_shaded = _shade(self._static_mesh.normal, self._static_mesh.rgb)
        self._work_centre, self._work_size = self._work_box()
        self._floor = self._floor_mesh()
        self._grid = self._grid_lines()
        self._static_lines, self._static_line_rgb = self._static_line_set()
        self._q = np.asarray(scenario.home_q, dtype=np.float64).copy()
        self._frames = self._world_frames(self._q)
        self._size = (0, 0)
        self._resize(tuple(int(v) for v in size))
        self._cam = self._preset_state("iso")
        self._caption: Callable[[str, bool], str] | None = None  # set by each draw()
        self._static_key = None
        self._frame_key = None
        self._font = pygame.font.Font(None, 22)
        self._text_cache: dict[str, pygame.Surface] = {}
        #: Soften and darken silhouettes and creases (a cheap stand-in for anti-aliasing).
        self.outlines = True
        self._static_helpers = static_lines(scenario)
        #: The helper segments drawn in the last frame (empty without helpers).
        self.helper_lines: list[HelperLine] = []
        #: Ticks [mm] of the torch camera's distance scale drawn in the last frame.
        self.scale_ticks_mm: list[float] = []
        self._ribbon_cache: dict = {}

    # -- setup -----------------------------------------------------------------------------
    def _work_box(self) -> tuple[np.ndarray, float]:
        pts = [s.T_world_solid[:3, 3] for s in self.scenario.solids if s.role == "workpiece"]
        for seam in self.scenario.seams:
            pts.extend(seam.points_m)
        for target in self.scenario.targets:
            pts.append(target.position_m)
        pts = np.array(pts) if pts else np.array([[0.8, 0.0, 0.0]])
        lo, hi = pts.min(axis=0), pts.max(axis=0)
        return (lo + hi) / 2.0, float(max(np.linalg.norm(hi - lo), 0.25))

    def _floor_mesh(self) -> Mesh:
        centre = (self._work_centre + self._T_world_base[:3, 3]) / 2.0
        T = np.eye(4)
        T[:3, 3] = (centre[0], centre[1], self._floor_z - 0.005)
        slab = transform(box_mesh((8.0, 8.0, 0.01), (0.80, 0.80, 0.78)), T)
        keep = slab.normal[:, 2] > 0.5  # the top face only
        return Mesh(slab.tri[keep], slab.normal[keep], slab.rgb[keep])

    def _grid_lines(self) -> np.ndarray:
        """(S, 2, 3) world segments of the floor grid: 0.25 m squares, 8 m across."""
        segs = []
        centre = (self._work_centre + self._T_world_base[:3, 3]) / 2.0
        step, half = 0.25, 4.0
        z = self._floor_z + 0.0005
        x0 = math.floor((centre[0] - half) / step) * step
        y0 = math.floor((centre[1] - half) / step) * step
        n = round(2 * half / step)
        for k in range(n + 1):
            x = x0 + k * step
            y = y0 + k * step
            segs.append([[x, y0, z], [x, y0 + n * step, z]])
            segs.append([[x0, y, z], [x0 + n * step, y, z]])
        return np.asarray(segs, dtype=np.float64)

    def _static_line_set(self) -> tuple[np.ndarray, np.ndarray]:
        """World segments (S, 2, 3) and packed colours (S,) of the seams and target axes."""
        segs, rgb = [], []
        for seam in self.scenario.seams:
            p = np.asarray(seam.points_m, dtype=np.float64)
            segs.extend(np.stack([p[:-1], p[1:]], axis=1))
            rgb += [_SEAM_RGB] * (len(p) - 1)
        for target in self.scenario.targets:
            p = np.asarray(target.position_m, dtype=np.float64)
            a = np.asarray(target.axis, dtype=np.float64)
            segs.append([p - 0.06 * a, p])
            rgb.append(_TARGET_RGB)
        seg = np.asarray(segs, dtype=np.float64).reshape(-1, 2, 3)
        return seg, _pack(np.array(rgb).reshape(-1, 3))

    def _resize(self, size: tuple[int, int]) -> None:
        w, h = size
        if w < 16 or h < 16:
            raise InvalidInputError(f"view size must be at least 16x16 px, got {w}x{h}")
        if size == self._size:
            return
        self._size = size
        self._color = np.zeros((h, w), dtype=np.uint32)
        self._depth = np.zeros((h, w), dtype=np.float32)
        self._static_color = np.zeros((h, w), dtype=np.uint32)
        self._static_depth = np.zeros((h, w), dtype=np.float32)
        t = np.linspace(0.0, 1.0, h)[:, None]
        sky = (1.0 - t) * _SKY_TOP + t * _SKY_BOTTOM
        self._sky = np.ascontiguousarray(np.broadcast_to(_pack(sky)[:, None], (h, w)))
        self._out = np.zeros((h, w), dtype=np.uint32)
        self._static_out = np.zeros((h, w), dtype=np.uint32)
        self._dirty = np.zeros(4, dtype=np.int64)
        self._surface = pygame.image.frombuffer(self._out, (w, h), "RGBX")
        self._static_key = None
        self._frame_key = None

    def _preset_state(self, name: str) -> CameraState:
        return preset_state(name, self._work_centre, self._work_size, self._T_world_base[:3, 3])

    def _world_frames(self, q) -> np.ndarray:
        return self._T_world_base @ link_frames(self.robot.spec, q, self._T_flange_tcp,
                                                self._T_link6_tool0)

    # -- camera ----------------------------------------------------------------------------
    @property
    def size(self) -> tuple[int, int]:
        """``(width, height)`` of the picture (px)."""
        return self._size

    @property
    def camera_name(self) -> str:
        """The preset the camera came from (``iso``, ``front``, ``top``, ``torch``)."""
        return self._cam.name

    @property
    def focal_px(self) -> float:
        """Focal length (px) of the current camera."""
        return 0.5 * self._size[1] / math.tan(math.radians(self._cam.fov_deg) / 2.0)

    def camera_pose(self) -> tuple[np.ndarray, np.ndarray]:
        """``(R_cam_world (3, 3), eye (3,) world)`` for the last drawn ``q``; camera x right,
        y down, z forward."""
        return self._cam.pose(self._frames[9])

    def orbit(self, d_azimuth_rad: float, d_elevation_rad: float) -> None:
        """Turn the camera about its target (the torch camera: about the wire tip).

        Parameters
        ----------
        d_azimuth_rad : float
            Turn about the world vertical (the torch camera: about the tool's y axis), rad.
        d_elevation_rad : float
            Raise the camera (positive) or lower it, rad; kept between -20 and 89.5 degrees
            (the torch camera: within ±75 degrees of the wire axis).
        """
        self._cam.orbit(float(d_azimuth_rad), float(d_elevation_rad))

    def pan(self, dx_px: float, dy_px: float) -> None:
        """Move the picture by ``(dx, dy)`` pixels: the scene follows the mouse (exactly, at
        the target's distance).

        Parameters
        ----------
        dx_px, dy_px : float
            Pixels right and down.
        """
        R, _ = self.camera_pose()
        scale = self._cam.distance_m / self.focal_px
        self._cam.pan(float(dx_px) * scale, float(dy_px) * scale, R)

    def zoom(self, factor: float) -> None:
        """Move closer to the target (``factor`` > 1) or farther from it (< 1).

        Parameters
        ----------
        factor : float
            The distance to the target is divided by it (kept within 3 cm and 20 m).

        Raises
        ------
        InvalidInputError
            ``factor`` is not a finite number > 0.
        """
        factor = float(factor)
        if not factor > 0.0 or not math.isfinite(factor):
            raise InvalidInputError(f"zoom factor must be > 0, got {factor!r}")
        self._cam.zoom(factor)

    def preset(self, name: str) -> None:
        """Switch to a named camera, undoing orbit, pan and zoom.

        Parameters
        ----------
        name : str
            One of :data:`PRESETS`: ``iso`` (over the robot's shoulder, from its side),
            ``front`` (across the work, facing the robot), ``top`` (down on the work, the robot
            at the bottom), ``torch`` (along the wire axis from behind the nozzle, following
            the TCP; the torch itself is not drawn, the nozzle's mouth is a ring).

        Raises
        ------
        InvalidInputError
            Unknown name.
        """
        self._cam = self._preset_state(name)

    def reset(self) -> None:
        """Back to the current preset's own pose (undo orbit, pan and zoom)."""
        self._cam = self._preset_state(self._cam.name)

    def project(self, points_world) -> np.ndarray:
        """Pixel coordinates of world points, for picking and tests.

        Parameters
        ----------
        points_world : array_like
            (N, 3) or (3,) points in the world frame (m).

        Returns
        -------
        numpy.ndarray
            (N, 2) pixel x (right) and y (down) in the picture; NaN for points behind the
            camera. The torch camera uses the last drawn ``q`` (the scenario's home before
            the first draw).
        """
        p = _points(points_world, "points_world")
        R, eye = self.camera_pose()
        cam = (p - eye) @ R.T
        return self._to_pixels(cam)

    def _to_pixels(self, cam: np.ndarray) -> np.ndarray:
        w, h = self._size
        f = self.focal_px
        out = np.full((len(cam), 2), np.nan)
        ok = cam[:, 2] > 1e-9
        out[ok, 0] = 0.5 * w + f * cam[ok, 0] / cam[ok, 2]
        out[ok, 1] = 0.5 * h + f * cam[ok, 1] / cam[ok, 2]
        return out

    # -- drawing ---------------------------------------------------------------------------
    def draw(self, surface: pygame.Surface, q, *, trail=None, bead=None,
             highlight=None, helpers: Helpers | None = None,
             caption: Callable[[str, bool], str] | None = None) -> None:
        """Draw the cell with the arm at ``q`` into ``surface`` (its top-left corner).

        Parameters
        ----------
        surface : pygame.Surface
            Target; the view takes its size.
        q : array_like
            (6,) joint angles (rad).
        trail : array_like, optional
            (N, 3) world points of the wire-tip trace, drawn as a polyline (a NaN point
            leaves a gap).
        bead : tuple or array_like, optional
            ``(points, values)``: (M, 3) world points along the seam and (M,) quality codes
            ("B", "C", "D", None → green, yellow, orange, red) or (M, 3) RGB colours (0–1
            floats or 0–255 integers); or just the (M, 3) points (drawn green).
        highlight : str or iterable of str, optional
            Names to draw in red: arm bodies (``base_link``, ``link_1`` … ``link_6``,
            ``torch``), solids of the scenario (e.g. the ones the arm touches) or targets
            (``"T1"`` highlights the solid ``"marker T1"``); ``"robot:link_2"`` (the cell's
            name of an arm body it touches) is ``"link_2"``.
        helpers : Helpers, optional
            Coaching helpers (practice mode), drawn on top: the wire axis to its aim point,
            the drop line with its length, the user frames' axes, the seams' start and end
            markers and welding direction, the predicted bead (translucent, outlined) and,
            with the torch camera, a distance scale in mm at the wire tip's distance.
        caption : callable, optional
            ``caption(preset_name, moved) -> str``: the camera's caption in the user's
            language (default: English ``camera: iso``).
        """
        self._caption = caption
        q = np.asarray(q, dtype=np.float64)
        if q.shape != (6,) or not np.isfinite(q).all():
            raise InvalidInputError(f"q must be 6 finite joint angles, got shape {q.shape}")
        self._resize(surface.get_size())
        names = _names(highlight)
        self._q = q.copy()
        self._frames = self._world_frames(q)
        R, eye = self.camera_pose()
        f = self.focal_px
        w, h = self._size
        cx, cy = 0.5 * w, 0.5 * h
        static_names = frozenset((names | {f"marker {n}" for n in names})
                                 & set(self._static_names))
        key = (R.tobytes(), eye.tobytes(), f, self._size, static_names, self.outlines)
        if key != self._static_key:
            self._render_static(R, eye, f, static_names)
            self._static_key = key
        frame_key = (key, q.tobytes(), names, _signature(trail), _signature(bead))
        if frame_key == self._frame_key:  # nothing changed: the last picture is right
            surface.blit(self._surface, (0, 0))
            self._overlay(surface, R, eye)
            self._draw_helpers(surface, R, eye, helpers)
            return
        self._frame_key = None  # until this frame is complete
        np.copyto(self._color, self._static_color)
        np.copyto(self._depth, self._static_depth)
        self._dirty[:] = (w, h, -1, -1)
        self._render_arm(R, eye, f, names)
        self._render_wire(R, eye, f)
        if bead is not None:
            pts, rgb = self._bead_segments(bead)
            if len(pts):
                width = self._bead_width_m()
                K.raster_lines((pts - eye) @ R.T, rgb, 4.0, width, f, cx, cy, NEAR_M,
                               0.6 * width, True, self._color, self._depth, self._dirty)
        if trail is not None:
            p = _points(trail, "trail")
            if len(p) >= 2:
                seg = np.stack([p[:-1], p[1:]], axis=1)
                seg = np.ascontiguousarray(seg[np.isfinite(seg).all(axis=(1, 2))])
                K.raster_lines((seg - eye) @ R.T, np.full(len(seg), _pack(_TRAIL_RGB)), 2.0,
                               0.0, f, cx, cy, NEAR_M, 0.003, False, self._color,
                               self._depth, self._dirty)
        if self.outlines:
            # outside the pixels drawn this frame (and their neighbours) the outlined static
            # picture is already right
            np.copyto(self._out, self._static_out)
            if self._dirty[0] <= self._dirty[2]:
                region = self._dirty + np.array([-1, -1, 1, 1])
                K.outline(self._color, self._depth, OUTLINE_THRESHOLD, OUTLINE_KEEP,
                          self._out, region)
        else:
            np.copyto(self._out, self._color)
        self._frame_key = frame_key
        surface.blit(self._surface, (0, 0))
        self._overlay(surface, R, eye)
        self._draw_helpers(surface, R, eye, helpers)

    def _render_static(self, R, eye, f, static_names) -> None:
        w, h = self._size
        cx, cy = 0.5 * w, 0.5 * h
        np.copyto(self._static_color, self._sky)
        self._static_depth.fill(0.0)
        dirty = np.zeros(4, dtype=np.int64)
        for mesh, shaded in ((self._floor, _shade(self._floor.normal, self._floor.rgb)),
                             (self._static_mesh, self._static_shaded)):
            if not len(mesh):
                continue
            if mesh is self._static_mesh and static_names:
                shaded = shaded.copy()
                hot = np.isin(self._static_owner, [k for k, n in enumerate(self._static_names)
                                                   if n in static_names])
                shaded[hot] = 0.45 * shaded[hot] + 0.55 * 255.0 * _HIGHLIGHT_RGB
            tri_cam = (mesh.tri - eye) @ R.T
            n_cam = mesh.normal @ R.T
            front = np.einsum("ij,ij->i", n_cam, tri_cam[:, 0]) < 0.0
            K.raster_triangles(np.ascontiguousarray(tri_cam[front]), _pack(shaded[front]), f,
                               cx, cy, NEAR_M, self._static_color, self._static_depth, dirty)
        # the grid lies on the floor, which is seen at grazing angles: a generous bias
        K.raster_lines((self._grid - eye) @ R.T, np.full(len(self._grid), _pack(_GRID_RGB)),
                       1.0, 0.0, f, cx, cy, NEAR_M, 0.04, False, self._static_color,
                       self._static_depth, dirty)
        seg_cam = (self._static_lines - eye) @ R.T
        K.raster_lines(seg_cam, self._static_line_rgb, 1.0, 0.0015, f, cx, cy, NEAR_M, 0.003,
                       True, self._static_color, self._static_depth, dirty)
        if self.outlines:
            K.outline(self._static_color, self._static_depth, OUTLINE_THRESHOLD, OUTLINE_KEEP,
                      self._static_out, np.array([0, 0, w - 1, h - 1]))

    def _render_arm(self, R, eye, f, names) -> None:
        w, h = self._size
        arm = self._arm
        tri_cam = np.empty_like(arm.tri)
        n_world = np.empty_like(arm.normal)
        rgb = arm.rgb
        skip_torch = self._cam.follows_tcp
        for i, sl in enumerate(self._arm_slices):
            T = self._frames[i if i < 7 else 8]
            Rw, pw = T[:3, :3], T[:3, 3]
            R_cam_body = R @ Rw
            p_cam_body = R @ (pw - eye)
            tri_cam[sl] = arm.tri[sl] @ R_cam_body.T + p_cam_body
            n_world[sl] = arm.normal[sl] @ Rw.T
        n_cam = n_world @ R.T
        front = np.einsum("ij,ij->i", n_cam, tri_cam[:, 0]) < 0.0
        if skip_torch:  # the torch camera rides inside the torch
            front &= self._arm_body != 7
        hot = [i for i, name in enumerate(BODY_FRAMES) if name in names]
        if hot:
            rgb = rgb.copy()
            mask = np.isin(self._arm_body, hot)
            rgb[mask] = 0.4 * rgb[mask] + 0.6 * _HIGHLIGHT_RGB
        shaded = _shade(n_world[front], rgb[front])
        K.raster_triangles(np.ascontiguousarray(tri_cam[front]), _pack(shaded), f, 0.5 * w,
                           0.5 * h, NEAR_M, self._color, self._depth, self._dirty)

    def _render_wire(self, R, eye, f) -> None:
        if self.tool == 0:
            return
        w, h = self._size
        T = self._frames[9]
        tip, z = T[:3, 3], T[:3, 2]
        contact = tip - self._tool_spec.stick_out_m * z
        seg = np.array([[contact, tip], [tip, tip + 0.03 * z]])
        rgb = _pack(np.array([_WIRE_RGB, _AXIS_RGB]))
        K.raster_lines((seg - eye) @ R.T, rgb, 1.0, 0.0012, f, 0.5 * w, 0.5 * h, NEAR_M,
                       0.001, False, self._color, self._depth, self._dirty)

    def _bead_width_m(self) -> float:
        b = self.scenario.bead
        if b is not None and b.width_mm > 0:
            return b.width_mm / 1000.0
        if b is not None and b.leg_mm > 0:
            return 1.4 * b.leg_mm / 1000.0
        return 0.008

    @staticmethod
    def _bead_segments(bead) -> tuple[np.ndarray, np.ndarray]:
        if isinstance(bead, tuple) and len(bead) == 2:
            pts, values = bead
        else:
            pts, values = bead, None
        pts = _points(pts, "bead")
        m = len(pts)
        if values is None:
            rgb = np.tile(BEAD_COLORS["B"], (m, 1))
        else:
            arr = np.asarray(values, dtype=object if not isinstance(values, np.ndarray)
                             else None)
            if arr.ndim == 2 and arr.shape[1] in (3, 4):
                rgb = np.asarray(arr[:, :3], dtype=np.float64)
                if rgb.max(initial=0.0) <= 1.0:
                    rgb = rgb * 255.0
            else:
                try:
                    rgb = np.array([BEAD_COLORS[None if v is None else str(v)]
                                    for v in list(values)], dtype=np.float64).reshape(-1, 3)
                except KeyError as exc:
                    raise InvalidInputError(
                        f"bead quality codes are 'B', 'C', 'D' or None, got {exc.args[0]!r}"
                    ) from None
            if len(rgb) != m:
                raise InvalidInputError(f"bead has {m} points but {len(rgb)} colours")
        if m < 2:
            return np.zeros((0, 2, 3)), np.zeros(0, dtype=np.uint32)
        seg = np.stack([pts[:-1], pts[1:]], axis=1)
        ok = np.isfinite(seg).all(axis=(1, 2))  # NaN points break the line (gaps)
        return np.ascontiguousarray(seg[ok]), _pack(rgb[:-1][ok])

    # -- overlays --------------------------------------------------------------------------
    def _text(self, text: str) -> pygame.Surface:
        surf = self._text_cache.get(text)
        if surf is None:
            surf = self._font.render(text, True, (20, 20, 25))
            self._text_cache[text] = surf
        return surf

    def _overlay(self, surface: pygame.Surface, R, eye) -> None:
        h = self._size[1]
        T = self._frames[9]
        tip = T[:3, 3]
        cam = (np.array([tip, tip - 0.08 * T[:3, 2]]) - eye) @ R.T
        px = self._to_pixels(cam)
        if np.isfinite(px[0]).all():
            x, y = round(float(px[0, 0])), round(float(px[0, 1]))
            if np.isfinite(px[1]).all() and not self._cam.follows_tcp:
                pygame.draw.line(surface, _AXIS_RGB, (x, y),
                                 (round(float(px[1, 0])), round(float(px[1, 1]))), 1)
            pygame.draw.circle(surface, (255, 255, 255), (x, y), 7, 1)
            pygame.draw.circle(surface, (230, 30, 30), (x, y), 3)
            pygame.draw.line(surface, (230, 30, 30), (x - 11, y), (x - 8, y))
            pygame.draw.line(surface, (230, 30, 30), (x + 8, y), (x + 11, y))
            pygame.draw.line(surface, (230, 30, 30), (x, y - 11), (x, y - 8))
            pygame.draw.line(surface, (230, 30, 30), (x, y + 8), (x, y + 11))
        if self._cam.follows_tcp and self.tool != 0:
            self._nozzle_ring(surface, R, eye, T)
        # world axis triad, bottom left
        ox, oy, length = 42, h - 42, 28.0
        axes = [(R[:, 0], "X", (220, 40, 40)), (R[:, 1], "Y", (30, 160, 40)),
                (R[:, 2], "Z", (40, 80, 220))]
        for d, label, rgb in sorted(axes, key=lambda a: -a[0][2]):
            end = (ox + length * d[0], oy + length * d[1])
            pygame.draw.line(surface, rgb, (ox, oy), end, 3)
            text = self._text(label)
            surface.blit(text, (end[0] + 4 * d[0] - text.get_width() / 2,
                                end[1] + 4 * d[1] - text.get_height() / 2))
        caption = self._caption
        text = caption(self._cam.name, self._cam.moved) if caption is not None else (
            f"camera: {self._cam.name}" + (" (moved)" if self._cam.moved else ""))
        surface.blit(self._text(text), (8, 6))

    def _nozzle_ring(self, surface, R, eye, T_world_tcp) -> None:
        """The nozzle's mouth as a ring around the wire (the torch itself is not drawn)."""
        tool = self._tool_spec
        z, x, y = T_world_tcp[:3, 2], T_world_tcp[:3, 0], T_world_tcp[:3, 1]
        mouth = T_world_tcp[:3, 3] - (tool.stick_out_m - NOZZLE_RECESS_M) * z
        r = NOZZLE_FRONT_DIAMETER_SHARE * tool.nozzle_diameter_m / 2  # the URDF's nozzle
        ang = np.linspace(0.0, 2.0 * np.pi, 33)
        ring = mouth + r * (np.cos(ang)[:, None] * x + np.sin(ang)[:, None] * y)
        px = self._to_pixels((ring - eye) @ R.T)
        if np.isfinite(px).all():
            pygame.draw.lines(surface, (200, 120, 60), True, px.tolist(), 2)


    # -- coaching helpers ------------------------------------------------------------------
    def _draw_helpers(self, surface, R, eye, helpers: Helpers | None) -> None:
        self.helper_lines = []
        self.scale_ticks_mm = []
        if helpers is None:
            return
        for rib in helpers.predicted:
            self._draw_ribbon(surface, R, eye, rib)
        tip = self._frames[9][:3, 3]
        lines = list(self._static_helpers) + live_lines(tip, helpers)
        self.helper_lines = lines
        if not lines:
            return
        ends = np.array([[ln.a, ln.b] for ln in lines]).reshape(-1, 3)
        px = self._to_pixels((ends - eye) @ R.T).reshape(-1, 2, 2)
        for ln, (a, b) in zip(lines, px, strict=True):
            if not (np.isfinite(a).all() and np.isfinite(b).all()):
                continue
            a, b = (round(float(a[0])), round(float(a[1]))), (round(float(b[0])),
                                                               round(float(b[1])))
            width = 1 if ln.kind == "wire_axis" else 2
            pygame.draw.line(surface, ln.rgb, a, b, width)
            if ln.kind == "wire_axis":       # the aim point
                pygame.draw.circle(surface, (255, 255, 255), b, 6, 1)
                pygame.draw.circle(surface, (255, 60, 200), b, 3)
            if ln.label:
                img = self._label(ln.label, ln.rgb)
                at = b if ln.kind.startswith("frame") else \
                    ((a[0] + b[0]) // 2 + 6, (a[1] + b[1]) // 2 - img.get_height() // 2)
                surface.blit(img, at)
        if self._cam.follows_tcp:
            self._torch_scale(surface, R, eye, tip)

    def _label(self, text: str, rgb) -> pygame.Surface:
        key = f"\0{text}\0{rgb}"
        surf = self._text_cache.get(key)
        if surf is None:
            img = self._font.render(text, True, rgb)
            surf = pygame.Surface((img.get_width() + 6, img.get_height() + 2), pygame.SRCALPHA)
            surf.fill((15, 18, 24, 170))
            surf.blit(img, (3, 1))
            self._text_cache[key] = surf
        return surf

    def _draw_ribbon(self, surface, R, eye, rib) -> None:
        """A predicted bead: a translucent band of its width, outlined in its level's colour
        (a real bead is solid). One polygon and two edge lines per stretch of one level and
        unbroken points (at most :data:`RIBBON_POINTS` points along it); the layer is kept
        while the camera and the prediction stay (every frame but the torch camera's)."""
        key = (R.tobytes(), eye.tobytes(), self.focal_px, self._size)
        cached = self._ribbon_cache.get(id(rib))
        if cached is not None and cached[0] is rib and cached[1] == key:
            if cached[2] is not None:
                surface.blit(cached[2], cached[3])
            return
        layer, at = self._ribbon_layer(R, eye, rib)
        if len(self._ribbon_cache) > 8:
            self._ribbon_cache.clear()
        self._ribbon_cache[id(rib)] = (rib, key, layer, at)
        if layer is not None:
            surface.blit(layer, at)

    def _ribbon_layer(self, R, eye, rib):
        """The ribbon drawn on a transparent layer and where it goes, or ``(None, None)``."""
        pts = np.asarray(rib.points_m, dtype=float)
        width = np.asarray(rib.width_m, dtype=float)
        levels = list(rib.levels) if rib.levels else [None] * len(pts)
        step = max(1, -(-len(pts) // RIBBON_POINTS))
        keep = np.unique(np.r_[np.arange(0, len(pts), step), len(pts) - 1])
        # every change of level is kept, so each stretch keeps its own ends
        change = np.flatnonzero([levels[i] != levels[i - 1] for i in range(1, len(pts))])
        keep = np.unique(np.r_[keep, change, change + 1])
        pts, width = pts[keep], width[keep]
        levels = [levels[i] for i in keep]
        cam = (pts - eye) @ R.T
        px = self._to_pixels(cam)
        ok = np.isfinite(px).all(axis=1) & (cam[:, 2] > NEAR_M) & np.isfinite(width)
        if ok.sum() < 2:
            return None, None
        half = np.maximum(0.5 * width * self.focal_px / np.maximum(cam[:, 2], NEAR_M), 2.0)
        d = np.gradient(np.where(ok[:, None], px, 0.0), axis=0)
        n = np.stack([-d[:, 1], d[:, 0]], axis=1)
        n /= np.maximum(np.linalg.norm(n, axis=1, keepdims=True), 1e-9)
        left, right = px + n * half[:, None], px - n * half[:, None]
        allp = np.concatenate([left[ok], right[ok]])
        w, h = self._size
        x0, y0 = np.maximum(np.floor(allp.min(axis=0)).astype(int) - 2, 0)
        x1, y1 = np.minimum(np.ceil(allp.max(axis=0)).astype(int) + 2, (w, h))
        if x1 <= x0 or y1 <= y0:
            return None, None
        layer = pygame.Surface((x1 - x0, y1 - y0), pygame.SRCALPHA)
        off = np.array([x0, y0], dtype=float)
        runs, start = [], None
        for i in range(len(px)):
            if start is not None and (not ok[i] or levels[i] != levels[start]):
                runs.append((start, i if ok[i] else i - 1))
                start = None
            if ok[i] and start is None:
                start = i
        if start is not None:
            runs.append((start, len(px) - 1))
        for i0, i1 in runs:
            if i1 <= i0:
                continue
            rgb = BEAD_COLORS.get(levels[i0], BEAD_COLORS[None])
            l_edge = (left[i0:i1 + 1] - off).tolist()
            r_edge = (right[i0:i1 + 1] - off).tolist()
            pygame.draw.polygon(layer, (*rgb, 95), l_edge + r_edge[::-1])
            pygame.draw.lines(layer, (*rgb, 255), False, l_edge, 2)
            pygame.draw.lines(layer, (*rgb, 255), False, r_edge, 2)
        return layer, (int(x0), int(y0))

    def _torch_scale(self, surface, R, eye, tip) -> None:
        """A ruler [mm] at the wire tip's distance from the torch camera, bottom centre."""
        depth = float(((tip - eye) @ R.T)[2])
        if depth <= NEAR_M:
            return
        px_per_mm = self.focal_px * 0.001 / depth
        total = next((L for L in (2, 5, 10, 20, 50, 100, 200) if L * px_per_mm >= 90),
                     200)
        minor = 1 if px_per_mm >= 4 else (5 if total >= 20 else 1)
        w, h = self._size
        length = total * px_per_mm
        x0, y = round(w / 2 - length / 2), h - 30
        pygame.draw.rect(surface, (15, 18, 24), (x0 - 8, y - 24, round(length) + 16, 38))
        pygame.draw.line(surface, (255, 255, 255), (x0, y), (round(x0 + length), y), 2)
        ticks = []
        for k in range(int(total / minor) + 1):
            mm = k * minor
            x = round(x0 + mm * px_per_mm)
            major = mm % (5 if minor == 1 else 10) == 0 or mm == total
            pygame.draw.line(surface, (255, 255, 255), (x, y), (x, y - (9 if major else 5)), 1)
            ticks.append(float(mm))
        self.scale_ticks_mm = ticks
        img = self._label(f"{total} mm", (255, 255, 255))
        surface.blit(img, (round(x0 + length) + 10, y - img.get_height() + 2))
