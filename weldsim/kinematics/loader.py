"""Load robot models from TOML files, rejecting anything unknown, missing or impossible.

Bundled models live in ``weldsim/assets/robots/<id>.toml``; ``load_robot_spec`` takes such an
id or a path to a file of the same format. Every error names the file and the key.
"""

from __future__ import annotations

import math
from pathlib import Path

import numpy as np

from weldsim.errors import UnknownRobotError
from weldsim.kinematics.poses import make_pose, rpy_to_matrix
from weldsim.kinematics.spec import (
    LINK_NAMES,
    JointSpec,
    LinkSpec,
    OPWParameters,
    RobotSpec,
    ToolSpec,
)
from weldsim.tomlfile import StrictTable, bundled_ids, read_toml_file, resolve_bundled

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


def _parse(top: StrictTable, file: str) -> RobotSpec:
    version = top.integer("schema_version", lo=1, hi=1_000_000)
    if version != SCHEMA_VERSION:
        raise top.fail("schema_version", f"version {version} is not supported "
                       f"(this weldsim reads version {SCHEMA_VERSION})")
    robot_id = top.string("id")
    name = top.string("name")
    payload = top.number("payload_kg", lo=0.0, hi=1000.0, lo_open=True)
    repeat = top.number("repeatability_mm", lo=0.0, hi=10.0, lo_open=True)

    o = top.table("opw")
    opw = OPWParameters(
        a1=o.number("a1_m", lo=-5, hi=5),
        a2=o.number("a2_m", lo=-5, hi=5),
        b=o.number("b_m", lo=-5, hi=5),
        c1=o.number("c1_m", lo=0, hi=5),
        c2=o.number("c2_m", lo=0, hi=5, lo_open=True),
        c3=o.number("c3_m", lo=0, hi=5, lo_open=True),
        c4=o.number("c4_m", lo=0, hi=5),
        offsets_rad=np.radians(o.vector("offsets_deg", 6)),
        sign_corrections=o.vector("sign_corrections", 6),
    )
    if not np.all(np.abs(opw.sign_corrections) == 1.0):
        raise o.fail("sign_corrections", "each entry must be 1 or -1")
    o.finish()

    j = top.table("joints")
    lower = j.vector("lower_deg", 6)
    upper = j.vector("upper_deg", 6)
    speed = j.vector("max_speed_deg_s", 6)
    accel = j.vector("max_accel_deg_s2", 6)
    for i in range(6):
        if not lower[i] < upper[i]:
            raise j.fail("lower_deg", f"J{i + 1}: lower limit {lower[i]} must be below the "
                         f"upper limit {upper[i]}")
        if upper[i] - lower[i] > 720.0 or abs(lower[i]) > 360 or abs(upper[i]) > 360:
            raise j.fail("upper_deg", f"J{i + 1}: range {lower[i]}..{upper[i]} deg is impossible")
    if (speed <= 0).any():
        raise j.fail("max_speed_deg_s", "every speed must be > 0")
    if (accel <= 0).any():
        raise j.fail("max_accel_deg_s2", "every acceleration must be > 0")
    j.finish()
    joints = JointSpec(np.radians(lower), np.radians(upper), np.radians(speed), np.radians(accel))

    lt = top.table("links")
    links = []
    for link_name in LINK_NAMES:
        t = lt.table(link_name)
        links.append(LinkSpec(link_name, t.number("radius_m", lo=0, hi=2, lo_open=True),
                              t.number("mass_kg", lo=0, hi=5000, lo_open=True)))
        t.finish()
    lt.finish()

    tools = []
    for t in top.tables("tools"):
        tools.append(_parse_tool(t))
        t.finish()
    numbers = [t.number for t in tools]
    if len(set(numbers)) != len(numbers):
        raise top.fail("tools", f"tool numbers must be unique, got {numbers}")
    top.finish()
    return RobotSpec(robot_id, name, payload, repeat, opw, joints, tuple(links), tuple(tools),
                     source=file)


def _parse_tool(t: StrictTable) -> ToolSpec:
    number = t.integer("number", lo=1, hi=99)
    name = t.string("name")
    xyz = t.vector("tcp_xyz_m", 3)
    if np.linalg.norm(xyz) > 2.0:
        raise t.fail("tcp_xyz_m", "the TCP is more than 2 m from the flange")
    rpy = np.radians(t.vector("tcp_rpy_deg", 3))
    neck = t.number("neck_angle_deg", lo=0, hi=90)
    R = rpy_to_matrix(*rpy)
    tilt = math.degrees(math.acos(max(-1.0, min(1.0, R[2, 2]))))
    if abs(tilt - neck) > 0.01:
        raise t.fail("neck_angle_deg", f"{neck} deg does not match tcp_rpy_deg, whose tool "
                     f"axis is tilted {tilt:.3f} deg from the flange normal")
    return ToolSpec(
        number=number,
        name=name,
        T_flange_tcp=make_pose(R, xyz),
        neck_angle_rad=math.radians(neck),
        stick_out_m=t.number("stick_out_m", lo=0, hi=0.05, lo_open=True),
        nozzle_diameter_m=t.number("nozzle_diameter_m", lo=0, hi=0.1, lo_open=True),
        body_diameter_m=t.number("body_diameter_m", lo=0, hi=0.2, lo_open=True),
        mass_kg=t.number("mass_kg", lo=0, hi=50, lo_open=True),
    )
