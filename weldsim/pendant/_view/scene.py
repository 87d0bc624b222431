"""Triangle meshes of the cell and the arm for the 3D view, and the arm's link frames.

The arm's shapes and joints come from the URDF generator (:mod:`weldsim.kinematics.urdf`), so
the view draws the same bodies pybullet collides; :func:`link_frames` chains the URDF joint
transforms with numpy (equal to :meth:`Robot.fk`, checked in the tests).
"""

from __future__ import annotations

import math
import xml.etree.ElementTree as ET
from dataclasses import dataclass

import numpy as np

from weldsim.kinematics.poses import rpy_to_matrix
from weldsim.kinematics.spec import RobotSpec
from weldsim.kinematics.urdf import (
    _COLORS,
    LINK_FRAMES,
    _link_shapes,
    _torch_shapes,
    urdf_joint_table,
    urdf_text,
)
from weldsim.scenarios.spec import Scenario, Solid

__all__ = [
    "BODY_FRAMES",
    "Mesh",
    "box_mesh",
    "cylinder_mesh",
    "fixed_joint_origin",
    "link_frames",
    "merge",
    "prism_mesh",
    "robot_meshes",
    "static_meshes",
    "transform",
]

#: The arm's frames that carry shapes, in the order of :func:`link_frames`' first rows.
BODY_FRAMES = (*LINK_FRAMES[:7], "torch")
#: Sides of the arm's cylinders.
ARM_SIDES = 16
#: Floor height below the lowest solid when nothing lower is given (m).
FLOOR_Z_M = -0.75


@dataclass(frozen=True)
class Mesh:
    """Flat-shaded triangles.

    Attributes
    ----------
    tri : numpy.ndarray
        (T, 3, 3) vertices (m) in the mesh's frame.
    normal : numpy.ndarray
        (T, 3) outward unit normals in the same frame.
    rgb : numpy.ndarray
        (T, 3) base colours, 0 to 1.
    """

    tri: np.ndarray
    normal: np.ndarray
    rgb: np.ndarray

    def __len__(self) -> int:
        return len(self.tri)


def _mesh(tri, normal, rgb) -> Mesh:
    tri = np.asarray(tri, dtype=np.float64).reshape(-1, 3, 3)
    normal = np.asarray(normal, dtype=np.float64).reshape(-1, 3)
    rgb = np.broadcast_to(np.asarray(rgb, dtype=np.float64), (len(tri), 3)).copy()
    return Mesh(tri, normal, rgb)


def merge(meshes) -> Mesh:
    """One mesh of several (an empty mesh when there are none)."""
    meshes = [m for m in meshes if len(m)]
    if not meshes:
        return Mesh(np.zeros((0, 3, 3)), np.zeros((0, 3)), np.zeros((0, 3)))
    return Mesh(np.concatenate([m.tri for m in meshes]),
                np.concatenate([m.normal for m in meshes]),
                np.concatenate([m.rgb for m in meshes]))


def transform(mesh: Mesh, T_a_mesh: np.ndarray) -> Mesh:
    """The mesh expressed in frame ``a``, given the pose (4, 4) of its frame in ``a``."""
    R, p = T_a_mesh[:3, :3], T_a_mesh[:3, 3]
    return Mesh(mesh.tri @ R.T + p, mesh.normal @ R.T, mesh.rgb)


def _quads(a, b, c, d):
    """Two triangles per quad ``a b c d`` (each (K, 3)): (2K, 3, 3)."""
    return np.concatenate([np.stack([a, b, c], axis=1), np.stack([a, c, d], axis=1)])


def _unit(v):
    return v / np.linalg.norm(v, axis=-1, keepdims=True)


def cylinder_mesh(radius: float, length: float, rgb, sides: int = ARM_SIDES,
                  inner_radius: float = 0.0) -> Mesh:
    """A cylinder (or a tube when ``inner_radius`` > 0) along its z, centred on its origin."""
    ang = np.linspace(0.0, 2.0 * np.pi, sides, endpoint=False)
    ring = np.stack([np.cos(ang), np.sin(ang), np.zeros(sides)], axis=1)
    ring_next = np.roll(ring, -1, axis=0)
    h = np.array([0.0, 0.0, length / 2.0])
    mid = _unit(ring + ring_next)
    tris, normals = [], []
    # outer wall
    tris.append(_quads(radius * ring - h, radius * ring_next - h, radius * ring_next + h,
                       radius * ring + h))
    normals.append(np.concatenate([mid, mid]))
    zn = np.tile([0.0, 0.0, 1.0], (sides, 1))
    if inner_radius > 0.0:
        r = inner_radius
        tris.append(_quads(r * ring + h, r * ring_next + h, r * ring_next - h, r * ring - h))
        normals.append(np.concatenate([-mid, -mid]))
        for sign in (1.0, -1.0):  # annular caps
            tris.append(_quads(radius * ring + sign * h, radius * ring_next + sign * h,
                               r * ring_next + sign * h, r * ring + sign * h))
            normals.append(np.concatenate([sign * zn, sign * zn]))
    else:
        for sign in (1.0, -1.0):
            centre = np.broadcast_to(sign * h, (sides, 3))
            tris.append(np.stack([centre, radius * ring + sign * h,
                                  radius * ring_next + sign * h], axis=1))
            normals.append(sign * zn)
    return _mesh(np.concatenate(tris), np.concatenate(normals), rgb)


def box_mesh(size, rgb) -> Mesh:
    """A box of full extents ``size`` (3,) centred on its origin."""
    hx, hy, hz = (float(s) / 2.0 for s in size)
    tris, normals = [], []
    for axis in range(3):
        for sign in (1.0, -1.0):
            n = np.zeros(3)
            n[axis] = sign
            u = np.zeros(3)
            v = np.zeros(3)
            u[(axis + 1) % 3] = 1.0
            v[(axis + 2) % 3] = 1.0
            half = np.array([hx, hy, hz])
            c = n * half
            du, dv = u * half, v * half
            quad = [c - du - dv, c + du - dv, c + du + dv, c - du + dv]
            tris.append(_quads(*(np.array([p]) for p in quad)))
            normals.append(np.array([n, n]))
    return _mesh(np.concatenate(tris), np.concatenate(normals), rgb)


def prism_mesh(profile_yz: np.ndarray, x_range, rgb) -> Mesh:
    """A convex polygon (K, 2) of the y-z plane extruded along x over ``x_range``."""
    p = np.asarray(profile_yz, dtype=np.float64)
    k = len(p)
    x0, x1 = float(x_range[0]), float(x_range[1])
    centroid = p.mean(axis=0)
    a0 = np.column_stack([np.full(k, x0), p])
    a1 = np.column_stack([np.full(k, x1), p])
    b0, b1 = np.roll(a0, -1, axis=0), np.roll(a1, -1, axis=0)
    edge = np.roll(p, -1, axis=0) - p
    n2 = np.column_stack([edge[:, 1], -edge[:, 0]])
    mid = (p + np.roll(p, -1, axis=0)) / 2.0
    n2 *= np.sign(np.einsum("ij,ij->i", n2, mid - centroid))[:, None]
    side_n = _unit(np.column_stack([np.zeros(k), n2]))
    tris = [_quads(a0, b0, b1, a1)]
    normals = [np.concatenate([side_n, side_n])]
    for x, sign in ((x0, -1.0), (x1, 1.0)):
        c = np.broadcast_to(np.array([x, *centroid]), (k, 3))
        ring = np.column_stack([np.full(k, x), p])
        tris.append(np.stack([c, ring, np.roll(ring, -1, axis=0)], axis=1))
        normals.append(np.tile([sign, 0.0, 0.0], (k, 1)))
    return _mesh(np.concatenate(tris), np.concatenate(normals), rgb)


def solid_mesh(solid: Solid, sides: int = 48) -> Mesh:
    """A scenario solid's mesh in the world frame."""
    rgb = solid.rgba[:3]
    if solid.shape == "box":
        local = box_mesh(solid.size_m, rgb)
    elif solid.shape == "prism":
        local = prism_mesh(solid.profile_m, solid.x_range_m, rgb)
    else:
        n = sides if solid.radius_m > 0.02 else ARM_SIDES
        local = cylinder_mesh(solid.radius_m, solid.length_m, rgb, n, solid.inner_radius_m)
    return transform(local, np.asarray(solid.T_world_solid, dtype=np.float64))


def floor_z(scenario: Scenario) -> float:
    """Height of the shop floor (m, world): below every solid and at least 0.75 m down."""
    lows = [FLOOR_Z_M]
    for s in scenario.solids:
        lows.append(float(s.T_world_solid[2, 3]))
    return min(lows)


def static_meshes(scenario: Scenario, spec: RobotSpec, solids=None) -> list[tuple[str, Mesh]]:
    """``(name, world mesh)`` of every solid, the table legs, the robot's pedestal and the
    floor slab."""
    fz = floor_z(scenario)
    out = []
    for solid in scenario.solids if solids is None else solids:
        out.append((solid.name, solid_mesh(solid)))
        if solid.role == "table" and solid.shape == "box":
            out.append((solid.name, _table_legs(solid, fz)))
    base = np.asarray(scenario.T_world_base, dtype=np.float64)[:3, 3]
    height = float(base[2] - fz)
    if height > 0.01:
        pedestal = cylinder_mesh(1.1 * spec.link("base").radius_m, height, (0.30, 0.30, 0.32),
                                 24)
        T = np.eye(4)
        T[:3, 3] = (base[0], base[1], fz + height / 2.0)
        out.append(("pedestal", transform(pedestal, T)))
    return out


def _table_legs(table: Solid, fz: float) -> Mesh:
    sx, sy, sz = table.size_m
    T = np.asarray(table.T_world_solid, dtype=np.float64)
    bottom = float((T @ [0.0, 0.0, -sz / 2.0, 1.0])[2])
    height = bottom - fz
    if height <= 0.01:
        return merge([])
    leg = 0.05
    legs = []
    for ex in (-1.0, 1.0):
        for ey in (-1.0, 1.0):
            local = np.eye(4)
            local[:3, 3] = (ex * (sx / 2 - leg), ey * (sy / 2 - leg), 0.0)
            world = T @ local
            world[2, 3] = fz + height / 2.0
            legs.append(transform(box_mesh((leg, leg, height), np.array(table.rgba[:3]) * 0.7),
                                  world))
    return merge(legs)


def _cyl_mesh(cyl, sides: int) -> Mesh:
    rgb = _COLORS[cyl.color][:3]
    T = np.eye(4)
    T[:3, :3] = rpy_to_matrix(*cyl.rpy)
    T[:3, 3] = cyl.xyz
    return transform(cylinder_mesh(cyl.radius, cyl.length, rgb, sides), T)


def robot_meshes(spec: RobotSpec, tool: int) -> list[Mesh]:
    """The arm's meshes, one per frame of :data:`BODY_FRAMES`, each in its link frame (the
    torch in the flange frame ``tool0``; empty for tool 0)."""
    shapes = _link_shapes(spec)
    out = [merge([_cyl_mesh(c, ARM_SIDES) for c in shapes[name]]) for name in LINK_FRAMES[:7]]
    torch = _torch_shapes(spec.tool(tool)) if tool != 0 else []
    out.append(merge([_cyl_mesh(c, ARM_SIDES) for c in torch]))
    return out


def _axis_angle(axis, angle: float) -> np.ndarray:
    x, y, z = axis
    c, s = math.cos(angle), math.sin(angle)
    t = 1.0 - c
    return np.array([[t * x * x + c, t * x * y - s * z, t * x * z + s * y],
                     [t * x * y + s * z, t * y * y + c, t * y * z - s * x],
                     [t * x * z - s * y, t * y * z + s * x, t * z * z + c]])


def fixed_joint_origin(spec: RobotSpec, name: str = "link_6-tool0") -> np.ndarray:
    """Origin (4, 4) of a fixed joint of the generated URDF, read from its text (so the view
    follows the generator, e.g. the ``link_6 -> tool0`` flange frame)."""
    root = ET.fromstring(urdf_text(spec, 0).split("\n", 2)[2])
    for joint in root.findall("joint"):
        if joint.get("name") == name:
            origin = joint.find("origin")
            T = np.eye(4)
            T[:3, :3] = rpy_to_matrix(*(float(v) for v in origin.get("rpy").split()))
            T[:3, 3] = [float(v) for v in origin.get("xyz").split()]
            return T
    raise KeyError(name)


def link_frames(spec: RobotSpec, q, T_flange_tcp: np.ndarray,
                T_link6_tool0: np.ndarray | None = None) -> np.ndarray:
    """Poses of the URDF frames for joint angles ``q``, chained from the URDF joint table.

    Parameters
    ----------
    spec : RobotSpec
        The robot model.
    q : array_like
        (6,) joint angles (rad).
    T_flange_tcp : numpy.ndarray
        (4, 4) TCP of the tool in the flange frame.
    T_link6_tool0 : numpy.ndarray, optional
        (4, 4) the URDF's fixed flange joint (:func:`fixed_joint_origin`; read when None).

    Returns
    -------
    numpy.ndarray
        (10, 4, 4) ``T_base_<frame>`` for the frames of :data:`LINK_FRAMES` (``base_link``,
        ``link_1`` … ``link_6``, ``tool0`` (flange), ``torch`` (= ``tool0``), ``tcp``).
    """
    q = np.asarray(q, dtype=np.float64)
    out = np.empty((len(LINK_FRAMES), 4, 4))
    T = np.eye(4)
    out[0] = T
    for i, (xyz, axis) in enumerate(urdf_joint_table(spec)):
        local = np.eye(4)
        local[:3, :3] = _axis_angle(np.asarray(axis, dtype=np.float64), float(q[i]))
        local[:3, 3] = xyz
        T = T @ local
        out[i + 1] = T
    if T_link6_tool0 is None:
        T_link6_tool0 = fixed_joint_origin(spec)
    out[7] = T @ T_link6_tool0
    out[8] = out[7]
    out[9] = out[7] @ T_flange_tcp
    return out
