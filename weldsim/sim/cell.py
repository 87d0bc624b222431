"""The robot cell in pybullet: the arm from the generated URDF, its torch, the table, the
workpiece and the clamps, built from a scenario. The only package that imports pybullet.

Each :class:`Cell` owns its own pybullet client (DIRECT by default, so it runs without a
screen); several cells can live in one process. Trajectories are played kinematically: the
arm is put at each sample's joint angles, contacts are collected and the wire axis is
ray-cast against the workpiece.
"""

from __future__ import annotations

import tempfile
from dataclasses import dataclass
from itertools import pairwise
from pathlib import Path

import numpy as np

from weldsim._runtime import paused_gc
from weldsim.errors import InvalidInputError, WeldsimError
from weldsim.kinematics import Robot, load_robot
from weldsim.kinematics.urdf import JOINT_NAMES, write_urdf
from weldsim.scenarios.spec import Scenario, Solid
from weldsim.sim import _kernels
from weldsim.sim._pybullet import pb
from weldsim.sim.quaternion import quat_xyzw as _quat_xyzw
from weldsim.sim.trace import Contact, ContactEvent, Trace
from weldsim.sim.wire_cast import RaySolids, cast_wire

__all__ = ["COLLISION_TOLERANCE_M", "RAY_LENGTH_M", "Cell", "SimulationError"]

#: Penetration below this is "touching", not a collision (m): primitives that rest on each
#: other report contacts of a few micrometres. The shapes are exact (the links' collision
#: margins are taken off, see below), so a collision is a real overlap of the modelled torch
#: or arm with the work, as on the real robot, whose shock sensor trips on contact; pinned by
#: tests/sim/test_torch_reach.py (window edges clear, impossible poses alarm).
COLLISION_TOLERANCE_M = 1.0e-4
#: The arm's shapes are exact: pybullet builds a URDF cylinder as a convex hull padded by a
#: collision margin (1 mm, its ``gUrdfDefaultCollisionMargin``; ``changeDynamics`` cannot
#: change it on a link), which made every link 1 mm fatter than the model, so the nozzle
#: "touched" a plate 1.1 mm away. The padding is a sphere swept over the hull, so the cell
#: takes each link's margin off the depths and distances pybullet reports: contacts are those
#: of the shapes of :mod:`weldsim.kinematics.urdf` (within the 32-sided hull's 0.5 % of a
#: radius); tests/sim/test_torch_reach.py pins it.
#: How far the wire axis is cast from the contact tip (m).
RAY_LENGTH_M = 0.10
#: Contacts are checked again once any point of the arm may have moved this far (m) since
#: the last check; stationary and slow (welding) samples share one check.
CHECK_STEP_M = 1.0e-3
#: Collision groups (``_WORK``: the solids the wire can meet, :data:`wire_cast.RAY_ROLES`).
_WORK, _OTHER, _ROBOT = 1, 2, 4
#: The arm's bodies in chain order; pairs at most this many apart are not checked against
#: each other (neighbours touch by construction of the primitive shapes).
_CHAIN = ("base_link", "link_1", "link_2", "link_3", "link_4", "link_5", "link_6", "torch")
_NEIGHBOURHOOD = 2


class SimulationError(WeldsimError):
    """pybullet failed to build or play the cell."""


class Cell:
    """A scenario's robot cell in its own pybullet client.

    Parameters
    ----------
    scenario : Scenario
        The exercise: robot id, tool, base placement, solids, seams.
    robot : Robot, optional
        The robot model (loaded from ``scenario.robot`` when None).
    gui : bool
        Open pybullet's own window instead of running headless (DIRECT).

    Use as a context manager, or call :meth:`close`, to free the client.
    """

    def __init__(self, scenario: Scenario, robot: Robot | None = None, *, gui: bool = False):
        self.scenario = scenario
        self.robot = robot if robot is not None else load_robot(scenario.robot)
        if self.robot.id != scenario.robot:
            raise InvalidInputError(f"scenario {scenario.id} is for robot {scenario.robot}, "
                                    f"not {self.robot.id}")
        self.tool = scenario.tool
        self.T_world_base = np.asarray(scenario.T_world_base, dtype=float)
        self._client = pb.connect(pb.GUI if gui else pb.DIRECT)
        if self._client < 0:
            raise SimulationError("pybullet could not start (GUI mode needs a display)")
        try:
            self._build()
        except Exception:
            pb.disconnect(self._client)
            self._client = -1
            raise

    # -- lifetime -------------------------------------------------------------------------
    def close(self) -> None:
        """Disconnect the pybullet client (idempotent)."""
        if self._client >= 0:
            pb.disconnect(self._client)
            self._client = -1

    def __enter__(self) -> Cell:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    @property
    def client(self) -> int:
        """The pybullet client id (for code inside ``weldsim.sim`` only)."""
        if self._client < 0:
            raise SimulationError("the cell is closed")
        return self._client

    # -- building ---------------------------------------------------------------------------
    def _build(self) -> None:
        c = self._client
        with tempfile.TemporaryDirectory(prefix="weldsim-urdf-") as folder:
            path = write_urdf(self.robot.spec, Path(folder), tool=self.tool)
            self.body = pb.loadURDF(
                str(path),
                basePosition=self.T_world_base[:3, 3].tolist(),
                baseOrientation=_quat_xyzw(self.T_world_base[:3, :3]),
                useFixedBase=True,
                flags=pb.URDF_USE_SELF_COLLISION | pb.URDF_USE_INERTIA_FROM_FILE,
                physicsClientId=c,
            )
        n = pb.getNumJoints(self.body, physicsClientId=c)
        self.link_index: dict[str, int] = {"base_link": -1}
        joint_index = {}
        for i in range(n):
            info = pb.getJointInfo(self.body, i, physicsClientId=c)
            joint_index[info[1].decode()] = i
            self.link_index[info[12].decode()] = i
        self._joints = [joint_index[name] for name in JOINT_NAMES]
        self.link_name = {i: name for name, i in self.link_index.items()}
        for i in self.link_index.values():
            pb.setCollisionFilterGroupMask(self.body, i, _ROBOT, _WORK | _OTHER | _ROBOT,
                                           physicsClientId=c)
        # each link's collision margin (m), taken off what pybullet reports (see above)
        self._margin = {i: float(pb.getDynamicsInfo(self.body, i, physicsClientId=c)[-1])
                        for i in self.link_index.values()}
        for a in range(len(_CHAIN)):
            for b in range(a + 1, min(len(_CHAIN), a + _NEIGHBOURHOOD + 1)):
                pb.setCollisionFilterPair(self.body, self.body, self.link_index[_CHAIN[a]],
                                          self.link_index[_CHAIN[b]], 0, physicsClientId=c)
        self.solid_bodies: dict[int, Solid] = {}
        self.solid_names = tuple(s.name for s in self.scenario.solids)
        for solid in self.scenario.solids:
            body = self._add_solid(solid)
            self.solid_bodies[body] = solid
        self._ray_solids: RaySolids | None = None  # the wire cast's solids, prepared once
        for seam in self.scenario.seams:
            self._add_polyline(seam.points_m, radius=0.0006, rgba=(0.9, 0.1, 0.1, 1.0))
        self._add_surroundings()
        spec = self.robot.spec
        tool = spec.tool(self.tool)
        o = spec.opw
        # levers of the contact-check bound (see _kernels.check_samples): how far points of
        # each part of the arm can be from the axis or point they turn about
        tool_m = float(np.linalg.norm(tool.T_flange_tcp[:3, 3]))
        rad = max(link.radius_m for link in spec.links)
        self._arm_radius_m = float(o.c1 + o.c2 + abs(o.a1) + abs(o.a2) + o.c3 + o.c4
                                   + tool_m + rad)
        side = abs(o.b) + rad
        self._levers_m = np.array([abs(o.a1) + side, abs(o.a1) + o.c2 + abs(o.a2) + side,
                                   o.c2 + abs(o.a2) + side, abs(o.a2) + side,
                                   o.c4 + rad, tool_m + rad], dtype=np.float64)
        self._T_tcp_flange = np.linalg.inv(tool.T_flange_tcp)
        self._c4_m = float(o.c4)
        self.set_q(self.scenario.home_q)

    def _add_solid(self, solid: Solid) -> int:
        c = self._client
        T = solid.T_world_solid
        rgba = list(solid.rgba)
        if solid.shape == "box":
            half = [s / 2 for s in solid.size_m]
            col = pb.createCollisionShape(pb.GEOM_BOX, halfExtents=half, physicsClientId=c)
            vis = pb.createVisualShape(pb.GEOM_BOX, halfExtents=half, rgbaColor=rgba,
                                       physicsClientId=c)
        elif solid.shape == "cylinder":
            col = pb.createCollisionShape(pb.GEOM_CYLINDER, radius=solid.radius_m,
                                          height=solid.length_m, physicsClientId=c)
            vis = pb.createVisualShape(pb.GEOM_CYLINDER, radius=solid.radius_m,
                                       length=solid.length_m, rgbaColor=rgba,
                                       physicsClientId=c)
        else:  # prism: a static triangle mesh (exact surface, no collision margin)
            vertices, indices = _prism_mesh(solid.profile_m, solid.x_range_m)
            col = pb.createCollisionShape(pb.GEOM_MESH, vertices=vertices.tolist(),
                                          indices=indices, physicsClientId=c)
            vis = pb.createVisualShape(pb.GEOM_MESH, vertices=vertices.tolist(),
                                       indices=indices, rgbaColor=rgba, physicsClientId=c)
        if col < 0 or vis < 0:
            raise SimulationError(f"pybullet could not build solid {solid.name!r}")
        if solid.role == "marker":
            col = -1
        body = pb.createMultiBody(baseMass=0.0, baseCollisionShapeIndex=col,
                                  baseVisualShapeIndex=vis,
                                  basePosition=T[:3, 3].tolist(),
                                  baseOrientation=_quat_xyzw(T[:3, :3]), physicsClientId=c)
        group = _WORK if solid.role in ("workpiece", "backing") else _OTHER
        pb.setCollisionFilterGroupMask(body, -1, group, _ROBOT | _WORK | _OTHER,
                                       physicsClientId=c)
        return body

    def _add_surroundings(self) -> None:
        """Visual-only floor and robot pedestal, so pictures are not floating in white."""
        c = self._client
        floor_z = min([-0.75] + [float(s.T_world_solid[2, 3]) for s in self.scenario.solids])
        base = self.T_world_base[:3, 3]
        vis = pb.createVisualShape(pb.GEOM_BOX, halfExtents=[4.0, 4.0, 0.005],
                                   rgbaColor=[0.80, 0.80, 0.78, 1.0], physicsClientId=c)
        pb.createMultiBody(0.0, -1, vis, basePosition=[base[0], base[1], floor_z - 0.005],
                           physicsClientId=c)
        height = base[2] - floor_z
        if height > 0.01:
            radius = 1.1 * self.robot.spec.link("base").radius_m
            vis = pb.createVisualShape(pb.GEOM_CYLINDER, radius=radius, length=height,
                                       rgbaColor=[0.30, 0.30, 0.32, 1.0], physicsClientId=c)
            pb.createMultiBody(0.0, -1, vis, basePosition=[base[0], base[1],
                                                           floor_z + height / 2],
                               physicsClientId=c)

    def _add_polyline(self, points: np.ndarray, radius: float, rgba) -> None:
        """A visual-only tube along a polyline (seams, wire-tip traces), as one mesh body:
        one body whatever the number of points, so it costs the collision pass nothing."""
        vertices, indices = _tube_mesh(np.asarray(points, dtype=float), radius)
        if not len(indices):
            return
        c = self._client
        vis = pb.createVisualShape(pb.GEOM_MESH, vertices=vertices.tolist(), indices=indices,
                                   rgbaColor=list(rgba), physicsClientId=c)
        pb.createMultiBody(baseMass=0.0, baseCollisionShapeIndex=-1, baseVisualShapeIndex=vis,
                           physicsClientId=c)

    # -- the arm ----------------------------------------------------------------------------
    def set_q(self, q) -> None:
        """Put the arm at joint angles ``q`` (6,) rad."""
        q = np.asarray(q, dtype=float)
        # one call for all six joints: about 3x faster than six resetJointState calls
        pb.resetJointStatesMultiDof(self.body, self._joints, [[float(v)] for v in q],
                                    physicsClientId=self._client)
        self._q = q.copy()

    def current_q(self) -> np.ndarray:
        """The arm's joint angles (6,) rad."""
        return self._q.copy()

    def render(self, camera: str = "iso", width: int = 640, height: int = 480, *,
               segmentation: bool = False, shadow: bool = False):
        """An RGB picture (height, width, 3) uint8 from a named camera (see ``CAMERAS``);
        with ``segmentation`` also what each pixel shows (see :func:`weldsim.sim.render`)."""
        from weldsim.sim.render import render

        return render(self, camera, width, height, segmentation=segmentation, shadow=shadow)

    def world_tcp(self, q) -> np.ndarray:
        """``T_world_tcp`` of joint angles ``q``: (6,) -> (4, 4), (N, 6) -> (N, 4, 4)."""
        return self.T_world_base @ self.robot.fk(q, tool=self.tool)

    def contacts_now(self) -> list[Contact]:
        """Contacts of the arm at its current joint angles (:class:`Contact`: link, other,
        role, depth_m, position) for every penetration deeper than
        :data:`COLLISION_TOLERANCE_M`."""
        c = self._client
        pb.performCollisionDetection(physicsClientId=c)
        out = []
        for pt in pb.getContactPoints(bodyA=self.body, physicsClientId=c):
            body_a, body_b, link_a, link_b = pt[1], pt[2], pt[3], pt[4]
            if body_a != self.body:  # keep the robot on side A
                body_a, body_b, link_a, link_b = body_b, body_a, link_b, link_a
            depth = -pt[8] - self._margin[link_a]
            if body_b == self.body:
                depth -= self._margin[link_b]
            if depth <= COLLISION_TOLERANCE_M:
                continue
            if body_b == self.body:
                other, role = f"robot:{self.link_name[link_b]}", "robot"
            elif body_b in self.solid_bodies:
                solid = self.solid_bodies[body_b]
                other, role = solid.name, solid.role
            else:
                continue
            out.append(Contact(self.link_name[link_a], other, role, depth, tuple(pt[5])))
        return out

    def clearance(self, link: str = "torch", reach_m: float = 0.05) -> tuple[float, str]:
        """Least distance (m) from an arm link at the current joint angles to the scenario's
        solids (the work, fixtures and table), and the name of the nearest; negative when
        they overlap. ``(inf, "")`` when nothing is within ``reach_m``."""
        c = self._client
        index = self.link_index[link]
        margin = self._margin[index]
        best, name = float("inf"), ""
        for body, solid in self.solid_bodies.items():
            if solid.role == "marker":
                continue
            for pt in pb.getClosestPoints(self.body, body, reach_m + margin, linkIndexA=index,
                                          physicsClientId=c):
                if pt[8] + margin < best:
                    best, name = float(pt[8]) + margin, solid.name
        return best, name

    def cast_wire(self, T_world_tcp: np.ndarray, ray_length_m: float = RAY_LENGTH_M):
        """Cast the wire axis of TCP poses (N, 4, 4) from the contact tip against the work.

        The cast is analytic against the scenario's solids (:mod:`weldsim.sim.wire_cast`),
        exact where pybullet's ray test is off by up to 1.4 mm next to a joint's edges; the
        same cast serves the predicted bead and the live gauges.

        Returns
        -------
        hit : (N,) bool, point : (N, 3), normal : (N, 3), solid : (N,) int64, ctwd_m : (N,)
            NaN / -1 where the axis meets no workpiece solid within ``ray_length_m``;
            ``solid`` indexes ``scenario.solids``.
        """
        if self._ray_solids is None:
            self._ray_solids = RaySolids.of(self.scenario)
        stick_out = self.robot.spec.tool(self.tool).stick_out_m
        return cast_wire(self._ray_solids, T_world_tcp, stick_out, ray_length_m)

    # -- playing ------------------------------------------------------------------------------
    def reset(self) -> None:
        """Put the arm back at the scenario's home pose: a reused cell starts every job as a
        fresh one (the cell keeps no other state between plays)."""
        self.set_q(self.scenario.home_q)

    def play(self, trajectory, ray_length_m: float = RAY_LENGTH_M, *,
             until_contact: bool = False) -> Trace:
        """Play a trajectory kinematically and record a :class:`Trace`.

        Every sample puts the arm at its joint angles and collects contacts (samples where the
        arm has not moved reuse the previous result); the wire axis of every sample is cast
        against the workpiece.

        Parameters
        ----------
        trajectory : weldsim.motion.Trajectory
            The planned motion (its ``q``, ``t``, ``arc_on``, ``line``, ``tool``).
        until_contact : bool
            Stop at the first sample in contact, as a controller's collision detection does
            (the touch trips it): the trace then ends on that sample, its only contact event
            is that touch, also given as :attr:`Trace.stop_contact` (its ``sample`` the index
            of the sample in contact).
        """
        if trajectory.tool != self.tool:
            raise InvalidInputError(f"the trajectory uses tool {trajectory.tool}, the cell "
                                    f"tool {self.tool}")
        with paused_gc():  # a contact check and a ray make tuples: see weldsim._runtime
            return self._play(trajectory, ray_length_m, until_contact)

    def _play(self, trajectory, ray_length_m: float, until_contact: bool) -> Trace:
        q = np.asarray(trajectory.q, dtype=float)
        t = np.asarray(trajectory.t, dtype=float)
        lines = np.asarray(trajectory.line, dtype=np.int64)
        T = self.world_tcp(q)
        T_flange = T @ self._T_tcp_flange
        wrist_centre = T_flange[:, :3, 3] - self._c4_m * T_flange[:, :3, 2]
        check = _check_samples(q, wrist_centre, T_flange, self._levers_m, CHECK_STEP_M)
        q_lists = iter(q[check][:, :, None].tolist())  # only the checked poses go to pybullet
        c = self._client
        events: dict[tuple[str, str], _OpenEvent] = {}
        finished: list[ContactEvent] = []
        current: list = []
        stop: ContactEvent | None = None
        # contacts change only at checked samples: from each one to the next check, samples
        # are walked one by one only while something touches or an event is still open
        bounds = np.append(np.flatnonzero(check), len(q)).tolist()
        for first, after in pairwise(bounds):
            pb.resetJointStatesMultiDof(self.body, self._joints, next(q_lists),
                                        physicsClientId=c)
            current = self.contacts_now()
            for i in range(first, after):
                if until_contact and current:
                    link, other, role, depth, pos = max(current, key=lambda ct: ct.depth_m)
                    stop = ContactEvent(link, other, role, int(lines[i]), float(t[i]),
                                        float(t[i]), depth * 1000.0,
                                        tuple(float(v) for v in pos), sample=i)
                    break
                if not current and not events:
                    break  # nothing touches until the next check
                seen = set()
                for link, other, role, depth, pos in current:
                    key = (link, other)
                    if key in seen:
                        events[key].deepen(depth, pos)
                        continue
                    seen.add(key)
                    ev = events.get(key)
                    if ev is None:
                        events[key] = _OpenEvent(role, int(lines[i]), i, float(t[i]),
                                                 float(t[i]), depth, pos)
                    else:
                        ev.end_s = float(t[i])
                        ev.deepen(depth, pos)
                for key in [k for k in events if k not in seen]:
                    finished.append(_event(key, events.pop(key)))
            if stop is not None:
                break
        finished.extend(_event(key, ev) for key, ev in events.items())
        finished.sort(key=lambda e: (e.start_s, e.link, e.other))
        if stop is not None:
            finished = [stop]
        n = len(q) if stop is None else stop.sample + 1
        q, t, lines, T = q[:n], t[:n], lines[:n], T[:n]
        hit, point, normal, solid, ctwd = self.cast_wire(T, ray_length_m)
        self.set_q(q[-1])
        return Trace(
            t=t.copy(), q=q.copy(), T_world_tcp=T,
            arc_on=np.asarray(trajectory.arc_on)[:n].copy(),
            line=lines.copy(), ray_hit=hit, hit_point=point, hit_normal=normal,
            hit_solid=solid, ctwd_m=ctwd, contacts=tuple(finished),
            solid_names=self.solid_names,
            stick_out_m=self.robot.spec.tool(self.tool).stick_out_m, ray_length_m=ray_length_m,
            stop_contact=stop,
        )


def _check_samples(q: np.ndarray, wrist_centre: np.ndarray, T_flange: np.ndarray,
                   levers_m: np.ndarray, step_m: float) -> np.ndarray:
    """Samples at which to check contacts: the first, the last, and each one where any point
    of the arm may have moved ``step_m`` since the last checked sample (the bound of
    :func:`weldsim.sim._kernels.check_samples`)."""
    return _kernels.check_samples(np.ascontiguousarray(q, dtype=np.float64),
                                  np.ascontiguousarray(wrist_centre, dtype=np.float64),
                                  np.ascontiguousarray(T_flange, dtype=np.float64),
                                  np.ascontiguousarray(levers_m, dtype=np.float64), step_m)


@dataclass
class _OpenEvent:
    """A contact event still being recorded by :meth:`Cell.play`."""

    role: str
    line: int
    sample: int
    start_s: float
    end_s: float
    depth_m: float
    position: tuple

    def deepen(self, depth_m: float, position: tuple) -> None:
        """Keep the deepest contact point."""
        if depth_m > self.depth_m:
            self.depth_m, self.position = depth_m, position


def _event(key: tuple[str, str], ev: _OpenEvent) -> ContactEvent:
    return ContactEvent(link=key[0], other=key[1], other_role=ev.role, line=ev.line,
                        start_s=ev.start_s, end_s=ev.end_s, depth_mm=float(ev.depth_m) * 1000.0,
                        position_m=tuple(float(v) for v in ev.position), sample=ev.sample)


def _tube_mesh(points: np.ndarray, radius: float, sides: int = 6):
    """Vertices (K*sides, 3) and triangle indices of a tube of ``radius`` along a polyline."""
    keep = np.concatenate([[True], np.linalg.norm(np.diff(points, axis=0), axis=1) > 1e-6])
    points = points[keep]
    if len(points) < 2:
        return np.zeros((0, 3)), []
    tangents = np.gradient(points, axis=0)
    tangents /= np.linalg.norm(tangents, axis=1, keepdims=True)
    ref = np.array([0.0, 0.0, 1.0])
    rings = []
    for p, t in zip(points, tangents, strict=True):
        a = np.cross(t, ref if abs(t @ ref) < 0.9 else np.array([1.0, 0.0, 0.0]))
        a /= np.linalg.norm(a)
        b = np.cross(t, a)
        ang = 2 * np.pi * np.arange(sides) / sides
        rings.append(p + radius * (np.outer(np.cos(ang), a) + np.outer(np.sin(ang), b)))
    vertices = np.vstack(rings)
    idx: list[int] = []
    for k in range(len(points) - 1):
        for j in range(sides):
            a0, a1 = k * sides + j, k * sides + (j + 1) % sides
            b0, b1 = a0 + sides, a1 + sides
            idx += [a0, a1, b1, a0, b1, b0]
    return vertices, idx


def _prism_mesh(profile: np.ndarray, x_range: tuple[float, float]):
    """Vertices (2K, 3) and triangle indices of a convex YZ polygon extruded along X."""
    k = len(profile)
    x0, x1 = x_range
    v0 = np.column_stack([np.full(k, x0), profile])
    v1 = np.column_stack([np.full(k, x1), profile])
    vertices = np.vstack([v0, v1])
    area = np.sum(profile[:, 0] * np.roll(profile[:, 1], -1) - np.roll(profile[:, 0], -1)
                  * profile[:, 1])
    ccw = area > 0  # counter-clockwise seen from +X
    idx: list[int] = []
    for i in range(1, k - 1):  # caps: fans, outward normals -X and +X
        idx += [0, i + 1, i] if ccw else [0, i, i + 1]
        idx += [k, k + i, k + i + 1] if ccw else [k, k + i + 1, k + i]
    for i in range(k):  # sides
        j = (i + 1) % k
        a, b, c_, d = i, j, k + j, k + i
        idx += [a, b, c_, a, c_, d] if ccw else [a, c_, b, a, d, c_]
    return vertices, idx
