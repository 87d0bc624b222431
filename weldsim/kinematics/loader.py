"""Load robot models from TOML files, rejecting anything unknown, missing or impossible.

Bundled models live in ``weldsim/assets/robots/<id>.toml``; ``load_robot_spec`` takes such an
id or a path to a file of the same format. Every error names the file, the line and the key,
and says what is wrong as a message (``loaders.po``, ``modes.po``) with the value and the
allowed range in the key's unit.
"""

from __future__ import annotations

import math
from pathlib import Path

import numpy as np

from weldsim.errors import UnknownRobotError
from weldsim.i18n import Message, Qty
from weldsim.kinematics.poses import make_pose, rpy_to_matrix
from weldsim.kinematics.spec import (
    LINK_NAMES,
    JointSpec,
    LinkSpec,
    OPWParameters,
    RobotSpec,
    ToolSpec,
)
from weldsim.tomlfile import (
    StrictTable,
    bundled_ids,
    quantity,
    range_problem,
    read_toml_file,
    resolve_bundled,
)

__all__ = ["ROBOTS_DIR", "bundled_robot_ids", "load_robot_spec"]

#: Folder of the bundled robot models.
ROBOTS_DIR = Path(__file__).resolve().parent.parent / "assets" / "robots"

SCHEMA_VERSION = 1


def bundled_robot_ids() -> list[str]:
    """Ids of the robot models shipped with weldsim, sorted."""
    return bundled_ids(ROBOTS_DIR)


def load_robot_spec(robot: str | Path) -> RobotSpec:
    """Read and check a robot model.

    Parameters
    ----------
    robot : str or pathlib.Path
        A bundled id (``"fd-b4"``, ``"ma1440"``) or the path of a TOML file.

    Raises
    ------
    UnknownRobotError
        ``robot`` is neither a bundled id nor a path.
    ModelFileError
        The file is missing, unreadable, not TOML, or has an unknown, missing or impossible
        key; the message names the file and the key.
    """
    path = resolve_bundled(robot, ROBOTS_DIR, "robot", UnknownRobotError)
    data, text = read_toml_file(path, "robot file")
    return _parse(StrictTable(data, "", str(path), text), str(path))


#: Largest magnitude of a joint limit or an OPW offset (deg): one turn either way; a joint
#: range of more than two turns is impossible for a cabled arm.
MAX_JOINT_DEG = 360.0
#: Fastest joint (deg/s): ten turns a second, far above any arc-welding arm (FD-B4 J6 620).
MAX_SPEED_DEG_S = 3_600.0
#: Largest joint acceleration (deg/s²), far above any arc-welding arm (FD-B4 J6 2480).
MAX_ACCEL_DEG_S2 = 100_000.0
#: Farthest TCP from the flange (m): no torch is longer.
MAX_TCP_DISTANCE_M = 2.0
# (the four limits above are pinned by tests/robustness/test_model_file_language.py)
#: The names of the six joints, as the pendant shows them.
JOINTS = tuple(f"J{i + 1}" for i in range(6))


def _entries(t: StrictTable, key: str, names: tuple[str, ...], lo: float, hi: float,
             unit: str, *, lo_open: bool = False) -> np.ndarray:
    """A list of ``len(names)`` finite numbers, each in ``[lo, hi]`` (``(lo, hi]`` with
    ``lo_open``); the first one outside is told by its name (``J3``) with its unit."""
    values = t.vector(key, len(names))
    for name, value in zip(names, values, strict=True):
        if value < lo or value > hi or (lo_open and value == lo):
            raise t.fail(key, Message.of("loaders.value.entry", entry=name, problem=range_problem(
                float(value), lo, hi, unit, lo_open=lo_open)))
    return values


def _parse(top: StrictTable, file: str) -> RobotSpec:
    version = top.integer("schema_version", lo=1, hi=1_000_000)
    if version != SCHEMA_VERSION:
        raise top.fail("schema_version", Message.of("loaders.file.schema_version",
                                                     version=version,
                                                     supported=SCHEMA_VERSION))
    robot_id = top.string("id")
    name = top.string("name")
    payload = top.number("payload_kg", lo=0.0, hi=1000.0, lo_open=True, unit="kg")
    repeat = top.number("repeatability_mm", lo=0.0, hi=10.0, lo_open=True, unit="mm")

    o = top.table("opw")
    opw = OPWParameters(
        a1=o.number("a1_m", lo=-5, hi=5, unit="m"),
        a2=o.number("a2_m", lo=-5, hi=5, unit="m"),
        b=o.number("b_m", lo=-5, hi=5, unit="m"),
        c1=o.number("c1_m", lo=0, hi=5, unit="m"),
        c2=o.number("c2_m", lo=0, hi=5, lo_open=True, unit="m"),
        c3=o.number("c3_m", lo=0, hi=5, lo_open=True, unit="m"),
        c4=o.number("c4_m", lo=0, hi=5, unit="m"),
        offsets_rad=np.radians(_entries(o, "offsets_deg", JOINTS, -MAX_JOINT_DEG,
                                        MAX_JOINT_DEG, "°")),
        sign_corrections=o.vector("sign_corrections", 6),
    )
    for joint, sign in zip(JOINTS, opw.sign_corrections, strict=True):
        if abs(sign) != 1.0:
            raise o.fail("sign_corrections", Message.of("loaders.robot.sign", entry=joint,
                                                        value=f"{sign:g}"))
    o.finish()

    j = top.table("joints")
    lower = _entries(j, "lower_deg", JOINTS, -MAX_JOINT_DEG, MAX_JOINT_DEG, "°")
    upper = _entries(j, "upper_deg", JOINTS, -MAX_JOINT_DEG, MAX_JOINT_DEG, "°")
    speed = _entries(j, "max_speed_deg_s", JOINTS, 0.0, MAX_SPEED_DEG_S, "°/s", lo_open=True)
    accel = _entries(j, "max_accel_deg_s2", JOINTS, 0.0, MAX_ACCEL_DEG_S2, "°/s²",
                     lo_open=True)
    for i, joint in enumerate(JOINTS):
        if not lower[i] < upper[i]:
            raise j.fail("lower_deg", Message.of(
                "loaders.robot.limits_order", joint=joint, lower=quantity(lower[i], "°"),
                upper=quantity(upper[i], "°")))
    j.finish()
    joints = JointSpec(np.radians(lower), np.radians(upper), np.radians(speed), np.radians(accel))

    lt = top.table("links")
    links = []
    for link_name in LINK_NAMES:
        t = lt.table(link_name)
        links.append(LinkSpec(link_name, t.number("radius_m", lo=0, hi=2, lo_open=True, unit="m"),
                              t.number("mass_kg", lo=0, hi=5000, lo_open=True, unit="kg")))
        t.finish()
    lt.finish()

    tools = []
    for t in top.tables("tools"):
        tools.append(_parse_tool(t))
        t.finish()
    seen: set[int] = set()
    for tool in tools:
        if tool.number in seen:
            raise top.fail("tools", Message.of("loaders.robot.tool_twice", number=tool.number))
        seen.add(tool.number)
    top.finish()
    return RobotSpec(robot_id, name, payload, repeat, opw, joints, tuple(links), tuple(tools),
                     source=file)


def _parse_tool(t: StrictTable) -> ToolSpec:
    number = t.integer("number", lo=1, hi=99)
    name = t.string("name")
    limit = MAX_TCP_DISTANCE_M
    xyz = _entries(t, "tcp_xyz_m", ("x", "y", "z"), -limit, limit, "m")
    distance = float(np.linalg.norm(xyz))
    if distance > limit:
        raise t.fail("tcp_xyz_m", Message.of("loaders.robot.tcp_far",
                                             distance=Qty(distance, "m", 3),
                                             limit=quantity(limit, "m")))
    rpy = np.radians(_entries(t, "tcp_rpy_deg", ("rx", "ry", "rz"), -MAX_JOINT_DEG,
                              MAX_JOINT_DEG, "°"))
    neck = t.number("neck_angle_deg", lo=0, hi=90, unit="°")
    R = rpy_to_matrix(*rpy)
    tilt = math.degrees(math.acos(max(-1.0, min(1.0, R[2, 2]))))
    if abs(tilt - neck) > 0.01:
        raise t.fail("neck_angle_deg", Message.of("loaders.robot.neck",
                                                  neck=quantity(neck, "°"),
                                                  tilt=Qty(tilt, "°", 3)))
    return ToolSpec(
        number=number,
        name=name,
        T_flange_tcp=make_pose(R, xyz),
        neck_angle_rad=math.radians(neck),
        stick_out_m=t.number("stick_out_m", lo=0, hi=0.05, lo_open=True, unit="m"),
        nozzle_diameter_m=t.number("nozzle_diameter_m", lo=0, hi=0.1, lo_open=True, unit="m"),
        body_diameter_m=t.number("body_diameter_m", lo=0, hi=0.2, lo_open=True, unit="m"),
        mass_kg=t.number("mass_kg", lo=0, hi=50, lo_open=True, unit="kg"),
    )
