"""What a trainee needs to read an exercise, as data: where each seam lies in the frame the job
uses, how the user frames lie in the base frame, where the home pose is, what the exercise
asks for, and a torch orientation that meets the WPS angles at each seam's start.

Nothing here prints or translates: :func:`describe` returns frozen records in millimetres and
degrees (the units a job is written in), and ``weldsim scenarios show`` renders them
(:mod:`weldsim.cli.scenarios`).

Frames: a seam is described in its own frame, ``USER<n>`` when the scenario gives it in a user
frame, else ``BASE`` (the robot's base frame). User frames are given in the base frame, as the
controller stores them.

The torch at a seam's start
---------------------------
The wire axis follows from the seam frame of :mod:`weldsim.scoring.seam_frame` (tangent ``t``
in welding order, lower face normal ``n``, lateral axis ``l`` in the lower face away from the
upper one, as the technique metrics define them) and the nominal work angle ``W`` and push
angle ``tau`` of the exercise's windows::

    z = sin(tau) t - cos(tau) (cos(W) l + sin(W) n)

A turn of the torch about its own wire axis (its **roll**) leaves the wire, hence the weld,
unchanged and only moves the torch body and the arm: :func:`torch_at_seam_start` turns it in
1 degree steps and keeps the roll whose joint angles stay farthest from the joint limits, the
wrist singularity and the stretched elbow, at the seam's start and (for a straight seam, with
the same orientation) at its end.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from weldsim.kinematics import Robot, invert_pose, load_robot, make_pose, matrix_to_rpy
from weldsim.kinematics.robot import format_configuration
from weldsim.program.model import CartesianPosition
from weldsim.scenarios.geometry import solid_top_z
from weldsim.scenarios.spec import Scenario, Seam, Window

__all__ = [
    "POSITION_DECIMALS",
    "ROLL_STEP_DEG",
    "FrameInfo",
    "HomeInfo",
    "Requirements",
    "ScenarioDescription",
    "SeamInfo",
    "TorchPose",
    "describe",
    "home_info",
    "seam_frame_pose",
    "torch_at_seam_start",
    "wire_axis",
]

#: Step of the torch roll search (deg); 360 candidates cost one batched IK call.
ROLL_STEP_DEG = 1.0
#: Decimals of the millimetres and degrees of a printed position (as a pendant shows them).
POSITION_DECIMALS = 2

Vec3 = tuple[float, float, float]


def _vec(v, scale: float = 1.0) -> Vec3:
    a = np.asarray(v, dtype=float) * scale
    return (float(a[0]), float(a[1]), float(a[2]))


@dataclass(frozen=True, slots=True)
class FrameInfo:
    """A user frame as the controller stores it: in the robot's base frame.

    Attributes
    ----------
    name : str
        ``USER<n>``.
    origin_mm : tuple of 3 float
        The frame's origin in the base frame (mm).
    x_axis, y_axis, z_axis : tuple of 3 float
        The frame's unit axes in the base frame.
    """

    name: str
    origin_mm: Vec3
    x_axis: Vec3
    y_axis: Vec3
    z_axis: Vec3


@dataclass(frozen=True, slots=True)
class TorchPose:
    """A torch pose at a seam's start that meets the exercise's work and travel angles.

    Attributes
    ----------
    position : CartesianPosition
        The pose as a job writes it: ``X(x, y, z, rx, ry, rz, CONF=...)`` in ``frame`` (mm and
        deg rounded to :data:`POSITION_DECIMALS`, stored in SI). The TCP lies on the seam's
        start, moved back along the wire when the WPS CTWD differs from the tool's stick-out.
    q_deg : tuple of 6 float
        Joint angles of that pose in its configuration (deg).
    work_angle_deg, travel_angle_deg : float
        The angles it meets: the nominal work angle and push (+) / drag (-) angle of the
        exercise's windows (deg).
    roll_deg : float
        Turn of the torch about its wire axis, from the tool's +X pointing along the travel
        direction, right-handed about the wire (deg, in [-180, 180)).
    margin_deg : float
        How far the joints stay from their limits, the wrist from J5 = 0 and the elbow from
        stretched, the least of them over the seam's start (and end, for a straight seam) (deg).
    """

    position: CartesianPosition
    q_deg: tuple[float, ...]
    work_angle_deg: float
    travel_angle_deg: float
    roll_deg: float
    margin_deg: float


@dataclass(frozen=True, slots=True)
class SeamInfo:
    """One seam in the frame a job uses for it.

    Attributes
    ----------
    frame : str
        ``USER<n>`` or ``BASE``.
    start_mm, end_mm : tuple of 3 float
        First and last point of the root line, in welding order, in ``frame`` (mm).
    center_mm, radius_mm, start_angle_deg, sweep_deg
        For a circular seam: its centre (in ``frame``), radius, the angle of its start from the
        frame's +X about the circle's axis, and its sweep (positive: counter-clockwise seen
        from the axis' tip); None for a line or polyline.
    torch : TorchPose or None
        None when no roll of the torch reaches the seam's start.
    """

    id: str
    kind: str
    frame: str
    joint: str
    position: str
    length_mm: float
    thickness_mm: tuple[float, float]
    start_mm: Vec3
    end_mm: Vec3
    torch: TorchPose | None
    center_mm: Vec3 | None = None
    radius_mm: float | None = None
    start_angle_deg: float | None = None
    sweep_deg: float | None = None


@dataclass(frozen=True, slots=True)
class HomeInfo:
    """The home pose and how far it keeps the torch from the work.

    Attributes
    ----------
    q_deg : tuple of 6 float
        Home joint angles (deg).
    tcp_mm : tuple of 3 float
        The TCP at home in the base frame (mm).
    above_work_mm : float
        Height of the TCP above the highest point of every solid but the table (mm).
    toward_robot_mm : float
        How much nearer the J1 axis the TCP is than the nearest seam point or target,
        horizontally (mm); positive: the torch waits on the robot's side of the work.
    """

    q_deg: tuple[float, ...]
    tcp_mm: Vec3
    above_work_mm: float
    toward_robot_mm: float


@dataclass(frozen=True, slots=True)
class Requirements:
    """What the exercise asks for, as its scenario file states it; None where it says nothing.

    Angles and lengths in deg and mm; ``travel_speed_pct`` is the full-marks band around the
    WPS speed in percent; ``*_full`` are the full-marks bands ``(low, high)``.
    """

    pass_score: float | None
    excellent_score: float | None
    required_level: str | None
    leg_mm: float | None
    throat_mm: float | None
    width_mm: float | None
    crater_fill: bool | None
    cycle_time_target_s: float
    work_angle_deg: float | None
    work_angle_full: tuple[float, float] | None
    travel_angle_deg: float | None
    travel_angle_full: tuple[float, float] | None
    aim_full_mm: float | None
    ctwd_mm: float | None
    ctwd_full: tuple[float, float] | None
    travel_speed_pct: float | None
    target_tolerance_mm: float | None
    target_tolerance_deg: float | None


@dataclass(frozen=True, slots=True)
class ScenarioDescription:
    """Everything :func:`describe` finds about one exercise."""

    scenario_id: str
    robot: str
    tool: int
    home: HomeInfo
    frames: tuple[FrameInfo, ...]
    seams: tuple[SeamInfo, ...]
    requirements: Requirements


def describe(scenario: Scenario, robot: Robot | None = None) -> ScenarioDescription:
    """Describe an exercise for a trainee.

    Parameters
    ----------
    scenario : Scenario
        The exercise.
    robot : Robot, optional
        Its robot, when the caller has it loaded already.
    """
    if robot is None:
        robot = load_robot(scenario.robot)
    frames = tuple(_frame_info(name, T) for name, T in sorted(
        scenario.user_frames_base().items(), key=lambda kv: int(kv[0][4:])))
    seams = tuple(_seam_info(scenario, k, robot) for k in range(len(scenario.seams)))
    return ScenarioDescription(scenario.id, scenario.robot, scenario.tool,
                               home_info(scenario, robot), frames, seams,
                               _requirements(scenario))


def _frame_info(name: str, T_base_user: np.ndarray) -> FrameInfo:
    R = T_base_user[:3, :3]
    return FrameInfo(name, _vec(T_base_user[:3, 3], 1000.0), _vec(R[:, 0]), _vec(R[:, 1]),
                     _vec(R[:, 2]))


def seam_frame_pose(scenario: Scenario, seam: Seam) -> tuple[str, np.ndarray]:
    """The job frame of a seam and its pose in the world: (``USER<n>`` or ``BASE``,
    ``T_world_frame``)."""
    if seam.frame in scenario.frames:
        return seam.frame.upper(), scenario.frames[seam.frame]
    return "BASE", scenario.T_world_base


def _seam_info(scenario: Scenario, k: int, robot: Robot) -> SeamInfo:
    seam = scenario.seams[k]
    name, T_world_frame = seam_frame_pose(scenario, seam)
    T_frame_world = invert_pose(T_world_frame)

    def local(p) -> np.ndarray:
        return T_frame_world[:3, :3] @ np.asarray(p) + T_frame_world[:3, 3]

    start, end = local(seam.points_m[0]), local(seam.points_m[-1])
    circle: dict = {}
    if seam.kind == "circle":
        centre = local(seam.center_m)
        axis = T_frame_world[:3, :3] @ np.asarray(seam.axis)
        radial = start - centre
        # the loader lays a circle in its frame's XY plane: its start angle is measured there
        angle = math.degrees(math.atan2(radial[1], radial[0]))
        sweep = math.degrees(seam.sweep_rad) * (1.0 if axis[2] >= 0.0 else -1.0)
        circle = dict(center_mm=_vec(centre, 1000.0), radius_mm=seam.radius_m * 1000.0,
                      start_angle_deg=angle, sweep_deg=sweep)
    return SeamInfo(
        id=seam.id, kind=seam.kind, frame=name, joint=seam.joint, position=seam.position,
        length_mm=seam.length_m * 1000.0, thickness_mm=seam.thickness_mm,
        start_mm=_vec(start, 1000.0), end_mm=_vec(end, 1000.0),
        torch=torch_at_seam_start(scenario, k, robot), **circle)


def home_info(scenario: Scenario, robot: Robot | None = None) -> HomeInfo:
    """Where the home pose puts the TCP, relative to the work (see :class:`HomeInfo`)."""
    if robot is None:
        robot = load_robot(scenario.robot)
    T_base_tcp = robot.fk(scenario.home_q, scenario.tool)
    tcp_world = (scenario.T_world_base @ T_base_tcp)[:3, 3]
    tops = [solid_top_z(s) for s in scenario.solids if s.role != "table"]
    above = (tcp_world[2] - max(tops)) if tops else math.inf
    T_base_world = invert_pose(scenario.T_world_base)
    work = [seam.points_m for seam in scenario.seams]
    work += [t.position_m[None] for t in scenario.targets]
    toward = math.inf
    if work:
        pts = np.vstack(work) @ T_base_world[:3, :3].T + T_base_world[:3, 3]
        toward = np.hypot(pts[:, 0], pts[:, 1]).min() - math.hypot(*T_base_tcp[:2, 3])
    return HomeInfo(tuple(float(v) for v in np.degrees(scenario.home_q)),
                    _vec(T_base_tcp[:3, 3], 1000.0), float(above) * 1000.0,
                    float(toward) * 1000.0)


def wire_axis(tangent, lower_normal, upper_normal, work_angle_deg: float,
              travel_angle_deg: float) -> np.ndarray:
    """The wire axis (unit, toward the work) that meets a work and a travel angle.

    Parameters
    ----------
    tangent, lower_normal, upper_normal : array_like, shape (3,)
        The seam frame at a point (unit tangent in welding order; outward face normals normal
        to it), as :func:`weldsim.scoring.seam_frame.seam_frame` gives them.
    work_angle_deg : float
        Angle of the torch (``-z``) in the seam's normal plane from the lateral axis toward
        the lower face's normal (deg): 45 bisects a 90 degree fillet, 90 is square to a butt.
    travel_angle_deg : float
        Push (+) or drag (-) angle along the welding direction (deg).
    """
    from weldsim.scoring.metrics import PARALLEL_FACES_DEG

    t = np.asarray(tangent, dtype=float)
    n = np.asarray(lower_normal, dtype=float)
    b = np.asarray(upper_normal, dtype=float)
    lateral = np.cross(n, t)
    if np.linalg.norm(np.cross(n, b)) > math.sin(math.radians(PARALLEL_FACES_DEG)):
        if lateral @ b < 0.0:  # a fillet: across the lower face, away from the upper one
            lateral = -lateral
    w, tau = math.radians(work_angle_deg), math.radians(travel_angle_deg)
    z = math.sin(tau) * t - math.cos(tau) * (math.cos(w) * lateral + math.sin(w) * n)
    return z / np.linalg.norm(z)


def _quality(robot: Robot, q: np.ndarray) -> np.ndarray:
    """Least distance (deg) of joint angles (N, 6) from a limit, the wrist singularity and the
    stretched elbow."""
    limits = np.minimum(q - robot.lower, robot.upper - q).min(axis=1)
    sing = robot.singularities(q)
    return np.degrees(np.minimum(limits, np.minimum(sing.wrist_rad, sing.elbow_rad)))


def torch_at_seam_start(scenario: Scenario, k: int, robot: Robot | None = None
                        ) -> TorchPose | None:
    """A reachable torch pose at the start of seam ``k`` with the exercise's nominal work and
    travel angles; None when no roll of the torch about its wire reaches it.

    The roll (and configuration) chosen keeps the joints farthest from their limits and
    singularities (see the module's notes); the position is written in the seam's frame.
    """
    from weldsim.scoring.seam_frame import seam_frame

    if robot is None:
        robot = load_robot(scenario.robot)
    seam = scenario.seams[k]
    work = scenario.windows["work_angle_deg"].nominal
    travel = scenario.windows["travel_angle_deg"].nominal
    start = np.asarray(seam.points_m[0], dtype=float)
    f = seam_frame(seam, start[None])
    t = f.tangent[0]
    z = wire_axis(t, f.lower_normal[0], f.upper_normal[0], work, travel)
    x0 = t - (t @ z) * z
    if np.linalg.norm(x0) < 1e-9:  # the wire along the seam: any reference will do
        x0 = np.cross(z, f.lower_normal[0])
    x0 /= np.linalg.norm(x0)
    y0 = np.cross(z, x0)
    stick_mm = robot.spec.tool(scenario.tool).stick_out_m * 1000.0
    back_m = ((scenario.wps.ctwd_mm.nominal if scenario.wps else stick_mm) - stick_mm) / 1000.0
    tcp = start - back_m * z

    rolls = np.radians(np.arange(-180.0, 180.0, ROLL_STEP_DEG))
    xs = np.cos(rolls)[:, None] * x0 + np.sin(rolls)[:, None] * y0
    R = np.stack([xs, np.cross(z, xs), np.broadcast_to(z, xs.shape)], axis=2)
    T_base_world = invert_pose(scenario.T_world_base)
    ends = [tcp]
    if seam.kind != "circle" and len(seam.points_m) == 2:  # one orientation to its end
        ends.append(np.asarray(seam.points_m[-1], dtype=float) - back_m * z)
    quality = np.full((len(rolls), 8), np.inf)
    sols0 = None
    for p in ends:
        T = np.broadcast_to(make_pose(np.eye(3), p), (len(rolls), 4, 4)).copy()
        T[:, :3, :3] = R
        sols, ok = robot.ik(T_base_world @ T, scenario.tool)
        if sols0 is None:
            sols0 = sols
        q = np.nan_to_num(sols.reshape(-1, 6))
        qual = _quality(robot, q).reshape(len(rolls), 8)
        quality = np.minimum(quality, np.where(ok, qual, -np.inf))
    best = int(np.argmax(quality))
    if not np.isfinite(quality.flat[best]):
        return None
    i, row = divmod(best, 8)
    q = sols0[i, row]
    conf = format_configuration(robot.configuration_flags(q))

    # the pose as a job writes it, rounded; its joints from the rounded pose
    name, T_world_frame = seam_frame_pose(scenario, seam)
    T_frame_tcp = invert_pose(T_world_frame) @ make_pose(R[i], tcp)
    xyz = np.round(T_frame_tcp[:3, 3] * 1000.0, POSITION_DECIMALS) / 1000.0
    rpy = np.radians(np.round(np.degrees(matrix_to_rpy(T_frame_tcp[:3, :3])), POSITION_DECIMALS))
    position = CartesianPosition(tuple(float(v) + 0.0 for v in xyz),
                                 tuple(float(v) + 0.0 for v in rpy), frame=name, conf=conf)
    T_base_tcp = T_base_world @ T_world_frame @ position.matrix()
    q = robot.ik_nearest(T_base_tcp, q, scenario.tool, conf)
    return TorchPose(position, tuple(float(v) for v in np.degrees(q)), work, travel,
                     float(np.degrees(rolls[i])), float(quality.flat[best]))


def _full(window: Window | None) -> tuple[float, float] | None:
    return None if window is None else (window.full_lo, window.full_hi)


def _requirements(s: Scenario) -> Requirements:
    w = s.windows
    work, travel = w.get("work_angle_deg"), w.get("travel_angle_deg")
    ctwd = w.get("ctwd_mm")
    return Requirements(
        pass_score=s.rubric.pass_score if s.rubric else None,
        excellent_score=s.rubric.excellent_score if s.rubric else None,
        required_level=s.required_level,
        leg_mm=(s.bead.leg_mm or None) if s.bead else None,
        throat_mm=(s.bead.throat_mm or None) if s.bead else None,
        width_mm=(s.bead.width_mm or None) if s.bead else None,
        crater_fill=s.wps.crater_fill_required if s.wps else None,
        cycle_time_target_s=s.cycle_time_target_s,
        work_angle_deg=work.nominal if work else None,
        work_angle_full=_full(work),
        travel_angle_deg=travel.nominal if travel else None,
        travel_angle_full=_full(travel),
        aim_full_mm=w["aim_mm"].full_hi if "aim_mm" in w else None,
        ctwd_mm=ctwd.nominal if ctwd else None,
        ctwd_full=_full(ctwd),
        travel_speed_pct=w["travel_speed_pct"].full_hi if "travel_speed_pct" in w else None,
        target_tolerance_mm=min(t.tolerance_mm for t in s.targets) if s.targets else None,
        target_tolerance_deg=min(t.tolerance_deg for t in s.targets) if s.targets else None,
    )
