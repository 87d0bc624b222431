"""Generate a URDF of a robot model: the same chain as the OPW kinematics, with simple
primitive link shapes sized from the model, masses and inertias, the torch and a ``tcp`` frame.

The joint table is the ROS-Industrial convention of ``robots.md``; with the model's offsets
and signs its link frames equal :meth:`Robot.fk` (checked in the tests against an
independent evaluation of this file and against pybullet).
"""

from __future__ import annotations

import math
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from weldsim.atomic import write_atomic
from weldsim.kinematics.poses import matrix_to_rpy
from weldsim.kinematics.spec import RobotSpec, ToolSpec

__all__ = ["JOINT_NAMES", "LINK_FRAMES", "NOZZLE_BODY_LENGTH_M", "NOZZLE_FRONT_DIAMETER_SHARE",
           "NOZZLE_FRONT_LENGTH_M", "NOZZLE_RECESS_M", "urdf_joint_table", "urdf_text",
           "write_urdf"]

#: Names of the six revolute joints.
JOINT_NAMES = tuple(f"joint_{i}" for i in range(1, 7))
#: URDF link names, base to tcp (``tool0`` is the flange frame, +Z = flange normal).
LINK_FRAMES = ("base_link", "link_1", "link_2", "link_3", "link_4", "link_5", "link_6",
               "tool0", "torch", "tcp")

#: Contact-tip recess: how far the nozzle's front end lies past the contact tip (m). 1/8 in
#: (3.2 mm, taken as 3 mm) is the recess torch makers give for spray, pulsed and flux-cored
#: transfer, "the higher the current the further the recess" (1/4 in above that); flush or
#: protruding tips are for short-circuit (dip) transfer at low current. The bundled exercises
#: weld 1.2 mm solid wire at 220-290 A in 80Ar/20CO2, i.e. spray. Sources: American Weldquip
#: 607CG manual, "Nozzle/tip relationships" (manualshive.com/ru/manual/american-weldquip/
#: 607cg/2930171?page=17); "The tipping point: how contact tip recess affects GMAW quality",
#: The Fabricator (thefabricator.com/article/bernard/the-tipping-point); Goodheart-Willcox,
#: Modern Welding (2020) p. 216. Pinned by tests/sim/test_torch_reach.py (the clearance of
#: the nozzle equals the geometry's, and the window-edge poses of docs/torch.md).
NOZZLE_RECESS_M = 0.003
#: Length of the nozzle's narrowed front (m) and its outer diameter as a share of the
#: nozzle's body diameter (``ToolSpec.nozzle_diameter_m``, 22 mm): a 15 mm long front of
#: 15.4 mm outer diameter, a bottle-neck nozzle around a 1/2 in (12.7 mm) gas bore with a
#: 1.3 mm wall, the slimmest kind of 350 A robotic nozzle (check: no maker's drawing was
#: found; a 5/8 in bore conical nozzle is about 19 mm at its end). It is what lets the torch
#: into a 90 degree corner: at 15 mm CTWD the front stays clear of both plates from 35 to 55
#: degrees of work angle with a 10 degree push (0.4 mm at the ends, docs/torch.md), while at
#: 30 degrees no nozzle fits (the front would have to be under 13.6 mm across).
NOZZLE_FRONT_LENGTH_M = 0.015
NOZZLE_FRONT_DIAMETER_SHARE = 0.70
#: Length of the nozzle's full-diameter body behind the front (m) (check).
NOZZLE_BODY_LENGTH_M = 0.040

_HALF_PI = math.pi / 2.0
_ALONG_X = (0.0, _HALF_PI, 0.0)  # rpy that lays a URDF cylinder (local z) along x
_ALONG_Y = (_HALF_PI, 0.0, 0.0)
_COLORS = {
    "base": (0.25, 0.27, 0.30, 1.0),
    "arm": (0.93, 0.93, 0.90, 1.0),
    "accent": (0.10, 0.33, 0.62, 1.0),
    "torch": (0.12, 0.12, 0.12, 1.0),
    "nozzle": (0.80, 0.50, 0.25, 1.0),
}


@dataclass(frozen=True)
class _Cyl:
    """A cylinder primitive: centre ``xyz`` and ``rpy`` in the link frame (local z = axis)."""

    radius: float
    length: float
    xyz: tuple[float, float, float]
    rpy: tuple[float, float, float]
    color: str

    def volume(self) -> float:
        return math.pi * self.radius**2 * self.length

    def axis(self) -> np.ndarray:
        rx, ry, rz = self.rpy
        from weldsim.kinematics.poses import rpy_to_matrix

        return rpy_to_matrix(rx, ry, rz)[:, 2]


def urdf_joint_table(spec: RobotSpec) -> list[tuple[tuple[float, ...], tuple[int, ...]]]:
    """``[(origin_xyz, axis), ...]`` of the six joints (m; unit axes) in their parent links."""
    o = spec.opw
    return [
        ((0.0, 0.0, o.c1), (0, 0, 1)),
        ((o.a1, o.b, 0.0), (0, 1, 0)),
        ((0.0, 0.0, o.c2), (0, -1, 0)),
        ((0.0, 0.0, -o.a2), (-1, 0, 0)),
        ((o.c3, 0.0, 0.0), (0, -1, 0)),
        ((o.c4, 0.0, 0.0), (-1, 0, 0)),
    ]


def _link_shapes(spec: RobotSpec) -> dict[str, list[_Cyl]]:
    o = spec.opw
    r = {link.name: link.radius_m for link in spec.links}
    hb = 0.55 * o.c1  # height of the fixed base; the turret carries the rest up to J2
    ht = o.c1 - hb
    rise = -o.a2  # forearm axis above the elbow axis
    return {
        "base_link": [_Cyl(r["base"], hb, (0.0, 0.0, hb / 2), (0, 0, 0), "base")],
        "link_1": [
            _Cyl(r["turret"], ht, (0.0, 0.0, -ht / 2), (0, 0, 0), "accent"),
            _Cyl(0.8 * r["turret"], 2 * r["upper_arm"] + 0.05, (o.a1, o.b, 0.0), _ALONG_Y,
                 "accent"),
        ],
        "link_2": [_Cyl(r["upper_arm"], o.c2, (0.0, 0.0, o.c2 / 2), (0, 0, 0), "arm")],
        "link_3": [
            _Cyl(r["elbow"], 2 * r["upper_arm"] + 0.04, (0.0, 0.0, 0.0), _ALONG_Y, "accent"),
            _Cyl(0.9 * r["elbow"], abs(rise), (0.0, 0.0, rise / 2), (0, 0, 0), "arm"),
            _Cyl(0.9 * r["elbow"], 0.24, (-0.04, 0.0, rise), _ALONG_X, "arm"),
        ],
        "link_4": [
            _Cyl(r["forearm"], o.c3 - r["wrist"], ((o.c3 - r["wrist"]) / 2, 0.0, 0.0), _ALONG_X,
                 "arm"),
        ],
        "link_5": [
            _Cyl(r["wrist"], 2.2 * r["wrist"], (0.0, 0.0, 0.0), _ALONG_Y, "accent"),
            _Cyl(0.8 * r["wrist"], max(o.c4 - r["flange"], 1e-3),
                 (max(o.c4 - r["flange"], 1e-3) / 2, 0.0, 0.0), _ALONG_X, "arm"),
        ],
        "link_6": [_Cyl(r["flange"], 0.03, (-0.015, 0.0, 0.0), _ALONG_X, "base")],
    }


def _torch_shapes(tool: ToolSpec) -> list[_Cyl]:
    """Torch body in the flange frame (``tool0``): a straight body along the flange normal to
    the bend, the swan neck to the nozzle, and the nozzle (its body, then its narrowed front)
    ending :data:`NOZZLE_RECESS_M` past the contact tip."""
    T = tool.T_flange_tcp
    tip = T[:3, 3]
    z = T[:3, 2]
    contact = tip - tool.stick_out_m * z
    nozzle_end = contact + NOZZLE_RECESS_M * z
    # bend: where the tool axis meets the flange normal (x = 0), or the tip's height
    if abs(z[0]) > 1e-9:
        t = -nozzle_end[0] / z[0]
        bend = nozzle_end + t * z
    else:
        bend = np.array([0.0, 0.0, nozzle_end[2] - 0.1])
    shapes = []
    rb = tool.body_diameter_m / 2
    body_len = max(float(bend[2]), 1e-3)
    shapes.append(_Cyl(rb, body_len, (0.0, 0.0, body_len / 2), (0, 0, 0), "torch"))
    # nozzle: its body, then its narrowed front (real nozzles taper, which is what lets them
    # into a 90 degree corner at 12 mm from the root)
    tip_start = nozzle_end - NOZZLE_FRONT_LENGTH_M * z
    neck_start, neck_end = bend, tip_start - NOZZLE_BODY_LENGTH_M * z
    if float(np.linalg.norm(neck_end - neck_start)) > 1e-3:
        shapes.append(_cyl_between(0.8 * rb, neck_start, neck_end, "torch"))
    shapes.append(_cyl_between(tool.nozzle_diameter_m / 2, neck_end, tip_start, "nozzle"))
    front_radius = NOZZLE_FRONT_DIAMETER_SHARE * tool.nozzle_diameter_m / 2
    shapes.append(_cyl_between(front_radius, tip_start, nozzle_end, "nozzle"))
    return shapes


def _cyl_between(radius: float, a: np.ndarray, b: np.ndarray, color: str) -> _Cyl:
    d = b - a
    length = float(np.linalg.norm(d))
    z = d / length
    # rotation whose z column is the direction: Rz(yaw) Ry(pitch)
    pitch = math.atan2(math.hypot(z[0], z[1]), z[2])
    yaw = math.atan2(z[1], z[0])
    return _Cyl(radius, length, tuple((a + b) / 2), (0.0, pitch, yaw), color)


def _inertial(shapes: list[_Cyl], mass: float, about_origin: bool):
    """Centre of mass and inertia tensor (about the COM, link axes) of uniform cylinders."""
    vols = np.array([s.volume() for s in shapes])
    masses = mass * vols / vols.sum()
    centres = np.array([s.xyz for s in shapes], dtype=float)
    com = np.zeros(3) if about_origin else (masses[:, None] * centres).sum(axis=0) / mass
    inertia = np.zeros((3, 3))
    for s, m, c in zip(shapes, masses, centres, strict=True):
        axial = 0.5 * m * s.radius**2
        radial = m * (3 * s.radius**2 + s.length**2) / 12.0
        a = s.axis()
        local = radial * np.eye(3) + (axial - radial) * np.outer(a, a)
        d = c - com
        inertia += local + m * (d @ d * np.eye(3) - np.outer(d, d))
    return com, inertia


def _fmt(values) -> str:
    return " ".join(repr(float(v)) for v in values)


def _add_link(robot: ET.Element, name: str, shapes: list[_Cyl], mass: float,
              about_origin: bool = False) -> None:
    link = ET.SubElement(robot, "link", name=name)
    if not shapes:  # a pure frame: a negligible mass keeps pybullet from inventing 1 kg
        inertial = ET.SubElement(link, "inertial")
        ET.SubElement(inertial, "origin", xyz="0 0 0", rpy="0 0 0")
        ET.SubElement(inertial, "mass", value="1e-06")
        ET.SubElement(inertial, "inertia", ixx="1e-09", ixy="0", ixz="0", iyy="1e-09",
                      iyz="0", izz="1e-09")
    else:
        com, inertia = _inertial(shapes, mass, about_origin)
        inertial = ET.SubElement(link, "inertial")
        ET.SubElement(inertial, "origin", xyz=_fmt(com), rpy="0 0 0")
        ET.SubElement(inertial, "mass", value=f"{mass:.6g}")
        ET.SubElement(inertial, "inertia", ixx=f"{inertia[0, 0]:.6g}",
                      ixy=f"{inertia[0, 1]:.6g}", ixz=f"{inertia[0, 2]:.6g}",
                      iyy=f"{inertia[1, 1]:.6g}", iyz=f"{inertia[1, 2]:.6g}",
                      izz=f"{inertia[2, 2]:.6g}")
    for s in shapes:
        for kind in ("visual", "collision"):
            el = ET.SubElement(link, kind)
            ET.SubElement(el, "origin", xyz=_fmt(s.xyz), rpy=_fmt(s.rpy))
            geom = ET.SubElement(el, "geometry")
            ET.SubElement(geom, "cylinder", radius=f"{s.radius:.6g}", length=f"{s.length:.6g}")
            if kind == "visual":
                ET.SubElement(el, "material", name=s.color)


def _add_fixed(robot: ET.Element, name: str, parent: str, child: str, xyz, rpy) -> None:
    joint = ET.SubElement(robot, "joint", name=name, type="fixed")
    ET.SubElement(joint, "origin", xyz=_fmt(xyz), rpy=_fmt(rpy))
    ET.SubElement(joint, "parent", link=parent)
    ET.SubElement(joint, "child", link=child)


def urdf_text(spec: RobotSpec, tool: int = 1) -> str:
    """The URDF of ``spec`` with tool ``tool``'s torch and ``tcp`` frame, as a string."""
    robot = ET.Element("robot", name=spec.id.replace("-", "_"))
    for name, rgba in _COLORS.items():
        mat = ET.SubElement(robot, "material", name=name)
        ET.SubElement(mat, "color", rgba=_fmt(rgba))
    shapes = _link_shapes(spec)
    masses = {link.name: link.mass_kg for link in spec.links}
    link_mass = dict(zip(LINK_FRAMES[:7], (masses[n] for n in (
        "base", "turret", "upper_arm", "elbow", "forearm", "wrist", "flange")), strict=True))
    for name in LINK_FRAMES[:7]:
        _add_link(robot, name, shapes[name], link_mass[name], about_origin=name == "base_link")
    j = spec.joints
    effort = (1000.0, 1000.0, 600.0, 60.0, 60.0, 30.0)  # N·m, order of magnitude only
    for i, (xyz, axis) in enumerate(urdf_joint_table(spec)):
        joint = ET.SubElement(robot, "joint", name=JOINT_NAMES[i], type="revolute")
        ET.SubElement(joint, "origin", xyz=_fmt(xyz), rpy="0 0 0")
        ET.SubElement(joint, "parent", link=LINK_FRAMES[i])
        ET.SubElement(joint, "child", link=LINK_FRAMES[i + 1])
        ET.SubElement(joint, "axis", xyz=_fmt(axis))
        ET.SubElement(joint, "limit", lower=f"{j.lower_rad[i]:.12g}",
                      upper=f"{j.upper_rad[i]:.12g}", effort=f"{effort[i]:g}",
                      velocity=f"{j.max_speed_rad_s[i]:.12g}")
    _add_link(robot, "tool0", [], 0.0)
    _add_fixed(robot, "link_6-tool0", "link_6", "tool0", (0, 0, 0), (math.pi, -_HALF_PI, 0.0))
    t = spec.tool(tool)
    if tool != 0:
        _add_link(robot, "torch", _torch_shapes(t), t.mass_kg)
        _add_fixed(robot, "tool0-torch", "tool0", "torch", (0, 0, 0), (0, 0, 0))
    _add_link(robot, "tcp", [], 0.0)
    T = t.T_flange_tcp
    _add_fixed(robot, "tool0-tcp", "tool0", "tcp", T[:3, 3], matrix_to_rpy(T[:3, :3]))
    ET.indent(robot)
    header = (f"<?xml version=\"1.0\"?>\n<!-- Generated by weldsim from {spec.id}: "
              f"{spec.name}. Do not edit: change the TOML model. -->\n")
    return header + ET.tostring(robot, encoding="unicode") + "\n"


def write_urdf(spec: RobotSpec, folder, tool: int = 1) -> Path:
    """Write ``<id>.urdf`` (tool ``tool``) into ``folder`` atomically; return its path."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{spec.id}.urdf"
    write_atomic(path, urdf_text(spec, tool).encode("utf-8"))
    return path
