"""The pendant's 3D view: the arm's chain against the kinematics, cameras, pictures of every
scenario (non-trivial, deterministic, with the arm and the work in them), the rasteriser's
depth test. Screenshots go to /tmp/weldsim-view3d-<scenario>-<camera>.png."""

from __future__ import annotations

import os

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")

import numpy as np
import pygame
import pytest

from weldsim.errors import InvalidInputError
from weldsim.kinematics import load_robot
from weldsim.kinematics.urdf import LINK_FRAMES
from weldsim.pendant._view import _kernels as K
from weldsim.pendant._view.scene import BODY_FRAMES, fixed_joint_origin, link_frames
from weldsim.pendant.view3d import OUTLINE_KEEP, OUTLINE_THRESHOLD, PRESETS, View3D
from weldsim.scenarios.loader import bundled_scenario_ids, load_scenario

SIZE = (800, 640)
SCENARIOS = bundled_scenario_ids()


def weld_q(robot, scenario, frac: float = 0.5) -> np.ndarray:
    """Joint angles with the wire tip on the first seam (``frac`` along it) at 45 degrees into
    the joint, or on the first target along its axis."""
    if scenario.seams:
        seam = scenario.seams[0]
        pts = seam.points_m
        s = frac * (len(pts) - 1)
        i = min(int(s), len(pts) - 2)
        p = pts[i] + (s - i) * (pts[i + 1] - pts[i])
        lower, upper = seam.normals_at(p[None])
        z = -(lower[0] + upper[0])
    else:
        target = scenario.targets[0]
        p, z = target.position_m, np.asarray(target.axis, dtype=float)
    z = z / np.linalg.norm(z)
    ref = np.array([0.0, 0.0, -1.0]) if abs(z[2]) < 0.9 else np.array([-1.0, 0.0, 0.0])
    x = ref - (ref @ z) * z
    x /= np.linalg.norm(x)
    T = np.eye(4)
    T[:3, :3] = np.column_stack([x, np.cross(z, x), z])
    T[:3, 3] = p
    T_base_tcp = np.linalg.inv(scenario.T_world_base) @ T
    return robot.ik_nearest(T_base_tcp, scenario.home_q, tool=scenario.tool)


@pytest.fixture(scope="module")
def views():
    """One view per scenario (the default robot of each), with its weld pose."""
    out = {}
    for sid in SCENARIOS:
        scenario = load_scenario(sid)
        robot = load_robot(scenario.robot)
        out[sid] = (View3D(scenario, robot, size=SIZE), weld_q(robot, scenario))
    return out


def _pixels(surface: pygame.Surface) -> np.ndarray:
    return pygame.surfarray.array3d(surface).astype(np.int16)


def _n_colours(img: np.ndarray) -> int:
    packed = (img[..., 0].astype(np.int32) << 16) | (img[..., 1] << 8) | img[..., 2]
    return len(np.unique(packed))


def _draw(view, q, **kw) -> np.ndarray:
    surface = pygame.Surface(SIZE)
    view.draw(surface, q, **kw)
    return _pixels(surface)


# -- the arm's chain ----------------------------------------------------------------------
def test_chain_matches_fk(robot):
    rng = np.random.default_rng(3)
    q = rng.uniform(robot.lower, robot.upper, size=(300, 6))
    T_link6_tool0 = fixed_joint_origin(robot.spec)
    tools = [0] + [t.number for t in robot.spec.tools]
    worst = 0.0
    for qi in q:
        for tool in tools:
            frames = link_frames(robot.spec, qi, robot.spec.tool(tool).T_flange_tcp,
                                 T_link6_tool0)
            worst = max(worst, np.abs(frames[LINK_FRAMES.index("tool0")]
                                      - robot.fk(qi, tool=0)).max())
            worst = max(worst, np.abs(frames[LINK_FRAMES.index("tcp")]
                                      - robot.fk(qi, tool=tool)).max())
    assert worst <= 1e-9


def test_arm_bodies_follow_the_urdf_frames():
    assert BODY_FRAMES == (*LINK_FRAMES[:7], "torch")


# -- cameras ------------------------------------------------------------------------------
@pytest.mark.parametrize("sid", SCENARIOS)
def test_torch_camera_centres_the_tcp(views, sid):
    view, q = views[sid]
    view.preset("torch")
    for qi in (q, q + np.radians([3.0, -2.0, 4.0, 10.0, -5.0, 20.0])):
        _draw(view, qi)
        T_world_tcp = view.scenario.T_world_base @ view.robot.fk(qi, tool=view.scenario.tool)
        px = view.project(T_world_tcp[:3, 3][None])[0]
        assert px == pytest.approx((SIZE[0] / 2, SIZE[1] / 2), abs=1e-6)
    view.preset("iso")


def test_project_behind_the_camera_is_nan(views):
    view, _ = views["t-fillet-2f"]
    view.preset("iso")
    R, eye = view.camera_pose()
    behind = eye - 1.0 * R[2]
    ahead = eye + 1.0 * R[2]
    px = view.project(np.array([behind, ahead]))
    assert np.isnan(px[0]).all()
    assert px[1] == pytest.approx((SIZE[0] / 2, SIZE[1] / 2))


def test_tcp_marker_is_drawn_where_project_says(views):
    view, q = views["t-fillet-2f"]
    view.preset("front")
    img = _draw(view, q)
    tcp = (view.scenario.T_world_base @ view.robot.fk(q, tool=view.scenario.tool))[:3, 3]
    x, y = np.round(view.project(tcp[None])[0]).astype(int)
    assert tuple(img[x, y]) == (230, 30, 30)


def test_orbit_pan_zoom_change_the_picture_and_reset_restores_it(views):
    view, q = views["pipe-plate-2f"]
    view.preset("iso")
    base = _draw(view, q)
    for move in (lambda: view.orbit(0.2, 0.0), lambda: view.orbit(0.0, -0.1),
                 lambda: view.zoom(1.3), lambda: view.pan(25, -10)):
        move()
        moved = _draw(view, q)
        assert (moved != base).any(axis=2).mean() > 0.05
        base = moved
    view.reset()
    view.preset("iso")
    assert np.array_equal(_draw(view, q), _draw(view, q))
    view.orbit(0.3, 0.1)
    view.reset()
    again = _draw(view, q)
    view.preset("iso")
    assert np.array_equal(again, _draw(view, q))


@pytest.mark.parametrize("preset", ["iso", "torch"])
def test_pan_moves_the_picture_with_the_mouse(views, preset):
    view, q = views["butt-1g-weave"]
    view.preset(preset)
    _draw(view, q)
    R, eye = view.camera_pose()
    if preset == "torch":
        T = view.scenario.T_world_base @ view.robot.fk(q, tool=view.scenario.tool)
        point = T[:3, 3]
    else:
        point = eye + R[2] * np.linalg.norm(view._cam.target_m - eye)
    before = view.project(point[None])[0]
    view.pan(30.0, -20.0)
    after = view.project(point[None])[0]
    assert after - before == pytest.approx((30.0, -20.0), abs=1e-6)
    view.preset("iso")


def test_bad_arguments_are_reported(views):
    view, q = views["t-fillet-2f"]
    with pytest.raises(InvalidInputError, match="camera"):
        view.preset("nope")
    with pytest.raises(InvalidInputError, match="zoom"):
        view.zoom(0.0)
    surface = pygame.Surface(SIZE)
    with pytest.raises(InvalidInputError, match="q"):
        view.draw(surface, q[:5])
    with pytest.raises(InvalidInputError, match="trail"):
        view.draw(surface, q, trail=np.zeros((4, 2)))
    with pytest.raises(InvalidInputError, match="points_world"):
        view.project([[1.0, 2.0]])
    with pytest.raises(InvalidInputError, match="quality"):
        view.draw(surface, q, bead=(np.zeros((3, 3)), ["B", "X", None]))


# -- pictures -----------------------------------------------------------------------------
@pytest.mark.parametrize("sid", SCENARIOS)
def test_every_scenario_draws_the_arm_at_its_work(views, sid):
    view, q = views[sid]
    for name in PRESETS:
        view.preset(name)
        surface = pygame.Surface(SIZE)
        view.draw(surface, q)
        pygame.image.save(surface, f"/tmp/weldsim-view3d-{sid}-{name}.png")
        img = _pixels(surface)
        assert _n_colours(img) >= 20, name
        if name == "torch":
            continue  # the torch camera sees the work only
        arm = (_draw(view, q, highlight=BODY_FRAMES) != img).any(axis=2).sum()
        assert arm > 3000, name
    view.preset("iso")
    img = _draw(view, q)
    assert _n_colours(img) >= 60
    work = [s.name for s in view.scenario.solids if s.role == "workpiece"]
    visible = (_draw(view, q, highlight=work) != img).any(axis=2).sum()
    assert visible > 300
    arm = (_draw(view, q, highlight=BODY_FRAMES) != img).any(axis=2).sum()
    assert arm > 10000


def test_the_work_hides_the_arm_and_the_arm_hides_the_work(views):
    view, q = views["t-fillet-2f"]
    T_world_tcp = view.scenario.T_world_base @ view.robot.fk(q, tool=view.scenario.tool)
    nozzle = T_world_tcp[:3, 3] - 0.02 * T_world_tcp[:3, 2]
    # seen from the front, across the joint, the web (10 mm) stands between camera and torch
    view.preset("front")
    _draw(view, q)
    R, eye = view.camera_pose()
    x, y = np.round(view.project(nozzle[None])[0]).astype(int)
    z_nozzle = (R @ (nozzle - eye))[2]
    assert view._depth[y, x] > 1.0 / (z_nozzle - 0.01)  # something nearer than the nozzle
    assert view._depth[y, x] == view._static_depth[y, x]  # ... and it is the cell
    # seen from above, the torch covers part of the plates
    view.preset("top")
    plain = _draw(view, q)
    work = [s.name for s in view.scenario.solids if s.role == "workpiece"]
    arm = (_draw(view, q, highlight=BODY_FRAMES) != plain).any(axis=2)
    view.draw(pygame.Surface(SIZE), q)
    static_work = (_static_picture(view, work) != _static_picture(view, [])).any(axis=2)
    assert (arm & static_work).sum() > 200
    view.preset("iso")


def _static_picture(view, highlight):
    """The cached static picture (W, H, 3) of the current camera with ``highlight``."""
    view._render_static(*view.camera_pose(), view.focal_px, frozenset(highlight))
    view._static_key = None
    rgb = view._static_color.T
    return np.stack([rgb & 0xFF, (rgb >> 8) & 0xFF, (rgb >> 16) & 0xFF], axis=2)


@pytest.mark.parametrize("sid", ["t-fillet-2f", "pipe-plate-2f"])
def test_pictures_are_deterministic(views, sid):
    view, q = views[sid]
    view.preset("iso")
    first = _draw(view, q)
    assert np.array_equal(first, _draw(view, q))  # unchanged: the last picture again
    _draw(view, q + 0.1)
    assert np.array_equal(first, _draw(view, q))
    fresh = View3D(view.scenario, view.robot, size=SIZE)
    assert np.array_equal(first, _draw(fresh, q))


@pytest.mark.parametrize("preset", ["iso", "torch"])
def test_outlines_of_the_drawn_region_equal_a_full_pass(views, preset):
    view, q = views["t-fillet-2f"]
    view.preset(preset)
    seam = view.scenario.seams[0].points_m
    _draw(view, q, trail=seam + 0.01)
    _draw(view, q + 0.05, trail=seam + 0.01)  # the static picture is reused (not for torch)
    full = np.zeros_like(view._out)
    h, w = full.shape
    K.outline(view._color, view._depth, OUTLINE_THRESHOLD, OUTLINE_KEEP, full,
              np.array([0, 0, w - 1, h - 1]))
    assert np.array_equal(full, view._out)
    view.preset("iso")


def test_trail_and_bead_are_drawn(views):
    view, q = views["t-fillet-2f"]
    view.preset("iso")
    view.zoom(3.0)
    plain = _draw(view, q)
    seam = view.scenario.seams[0].points_m
    pts = seam[0] + np.linspace(0.0, 1.0, 50)[:, None] * (seam[-1] - seam[0])
    codes = ["B"] * 20 + ["C"] * 10 + ["D"] * 10 + [None] * 10
    with_bead = _draw(view, q, bead=(pts, codes))
    changed = (with_bead != plain).any(axis=2)
    assert changed.sum() > 200
    for rgb in ((40, 190, 60), (235, 215, 40), (245, 140, 30)):
        assert (with_bead == rgb).all(axis=2).any(), rgb
    rgb_bead = _draw(view, q, bead=(pts, np.tile([0.0, 0.0, 1.0], (50, 1))))
    assert (rgb_bead == (0, 0, 255)).all(axis=2).any()
    trail = pts + np.array([0.0, -0.02, 0.03])
    with_trail = _draw(view, q, trail=trail)
    assert ((with_trail != plain).any(axis=2)).sum() > 100
    gappy = trail.copy()
    with_gap = _draw(view, q, trail=gappy)
    gappy[20:25] = np.nan  # changed in place: the view must notice
    with_gap = _draw(view, q, trail=gappy)
    assert 0 < ((with_gap != plain).any(axis=2)).sum() < ((with_trail != plain).any(axis=2)).sum()
    view.reset()


def test_highlight_tints_solids_and_targets(views):
    view, q = views["jog-basics"]
    view.preset("top")
    plain = _draw(view, q)
    by_target = _draw(view, q, highlight="T2")
    by_solid = _draw(view, q, highlight=["marker T2"])
    assert np.array_equal(by_target, by_solid)
    assert 0 < (by_target != plain).any(axis=2).sum() < 2000
    assert np.array_equal(_draw(view, q), plain)
    view.preset("iso")
    assert np.array_equal(_draw(view, q, highlight={"link_2", "robot:link_5"}),
                          _draw(view, q, highlight=["link_5", "link_2"]))


def test_every_robot_model_is_drawn(robot):
    scenario = load_scenario("t-fillet-2f")
    view = View3D(scenario, robot, size=(320, 240), tool=robot.spec.tools[0].number)
    img = _draw_sized(view, scenario.home_q, (320, 240))
    arm = _draw_sized(view, scenario.home_q, (320, 240), highlight=BODY_FRAMES)
    assert (arm != img).any(axis=2).sum() > 1000


def _draw_sized(view, q, size, **kw):
    surface = pygame.Surface(size)
    view.draw(surface, q, **kw)
    return _pixels(surface)


def test_the_view_takes_the_surface_size(views):
    view, q = views["lap-2f"]
    view.preset("torch")
    surface = pygame.Surface((400, 300))
    view.draw(surface, q)
    assert view.size == (400, 300)
    tcp = (view.scenario.T_world_base @ view.robot.fk(q, tool=view.scenario.tool))[:3, 3]
    assert view.project(tcp[None])[0] == pytest.approx((200.0, 150.0))
    _draw(view, q)
    assert view.size == SIZE
    view.preset("iso")


# -- the rasteriser -----------------------------------------------------------------------
def test_nearer_triangle_wins_whatever_the_order():
    near = np.array([[-1.0, -1.0, 2.0], [1.0, -1.0, 2.0], [0.0, 1.0, 2.0]])
    far = near * [1.0, 1.0, 2.0]  # the same picture, twice as far
    rgb = np.array([1, 2], dtype=np.uint32)
    for order in ((0, 1), (1, 0)):
        tris = np.array([near, far])[list(order)]
        colour = np.zeros((64, 64), dtype=np.uint32)
        depth = np.zeros((64, 64), dtype=np.float32)
        dirty = np.array([64, 64, -1, -1])
        K.raster_triangles(tris, rgb[list(order)], 32.0, 32.0, 32.0, 0.01, colour, depth,
                           dirty)
        assert colour[32, 32] == 1
        assert depth[32, 32] == pytest.approx(0.5)
        ys, xs = np.nonzero(colour)
        assert dirty[0] <= xs.min() and dirty[1] <= ys.min()  # covers what was drawn
        assert dirty[2] >= xs.max() and dirty[3] >= ys.max()


def test_triangles_crossing_the_near_plane_are_clipped():
    tri = np.array([[[-1.0, 0.5, -1.0], [1.0, 0.5, -1.0], [0.0, 0.5, 3.0]]])
    colour = np.zeros((64, 64), dtype=np.uint32)
    depth = np.zeros((64, 64), dtype=np.float32)
    dirty = np.array([64, 64, -1, -1])
    K.raster_triangles(tri, np.array([7], dtype=np.uint32), 32.0, 32.0, 32.0, 0.1, colour,
                       depth, dirty)
    assert (colour == 7).sum() > 50
    assert depth.max() <= 1.0 / 0.1 + 1e-3
