"""FK against an independent evaluation of the generated URDF and against pybullet."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import numpy as np
import pybullet as pb
import pytest

from weldsim.kinematics import rpy_to_matrix


def _urdf_chain(path):
    """Parse a URDF into {child: (parent, type, origin (4, 4), axis)} with plain numpy."""
    root = ET.parse(path).getroot()
    joints = {}
    for j in root.findall("joint"):
        origin = j.find("origin")
        xyz = np.array([float(v) for v in origin.get("xyz").split()])
        rpy = [float(v) for v in origin.get("rpy").split()]
        T = np.eye(4)
        T[:3, :3] = rpy_to_matrix(*rpy)
        T[:3, 3] = xyz
        axis_el = j.find("axis")
        axis = None if axis_el is None else np.array([float(v) for v in axis_el.get("xyz").split()])
        joints[j.find("child").get("link")] = (j.find("parent").get("link"), j.get("type"), T,
                                              axis, j.get("name"))
    return joints


def _axis_angle(axis, angle):
    a = axis / np.linalg.norm(axis)
    K = np.array([[0, -a[2], a[1]], [a[2], 0, -a[0]], [-a[1], a[0], 0]])
    T = np.eye(4)
    T[:3, :3] = np.eye(3) + np.sin(angle) * K + (1 - np.cos(angle)) * K @ K
    return T


def _link_pose(chain, link, q):
    T = np.eye(4)
    while link in chain:
        parent, kind, origin, axis, name = chain[link]
        local = origin
        if kind == "revolute":
            local = origin @ _axis_angle(axis, q[int(name.split("_")[1]) - 1])
        T = local @ T
        link = parent
    return T


def test_fk_matches_urdf_chain(robot, tmp_path):
    path = robot.write_urdf(tmp_path)
    chain = _urdf_chain(path)
    rng = np.random.default_rng(7)
    q = rng.uniform(robot.lower, robot.upper, size=(1000, 6))
    T_tcp = robot.fk(q)
    T_flange = robot.fk(q, tool=0)
    worst_p = worst_r = 0.0
    for i in range(len(q)):
        for link, T in (("tcp", T_tcp[i]), ("tool0", T_flange[i])):
            ref = _link_pose(chain, link, q[i])
            worst_p = max(worst_p, np.abs(ref[:3, 3] - T[:3, 3]).max())
            worst_r = max(worst_r, np.abs(ref[:3, :3] - T[:3, :3]).max())
    assert worst_p <= 1e-12
    assert worst_r <= 1e-12


def test_fk_matches_pybullet(robot, tmp_path):
    path = robot.write_urdf(tmp_path)
    client = pb.connect(pb.DIRECT)
    try:
        body = pb.loadURDF(str(path), useFixedBase=True, physicsClientId=client)
        names = {pb.getJointInfo(body, i, physicsClientId=client)[12].decode(): i
                 for i in range(pb.getNumJoints(body, physicsClientId=client))}
        rng = np.random.default_rng(11)
        q = rng.uniform(robot.lower, robot.upper, size=(1000, 6))
        worst_p = worst_r = 0.0
        for qi in q:
            for j in range(6):
                pb.resetJointState(body, j, qi[j], physicsClientId=client)
            for link, tool in (("tcp", 1), ("tool0", 0)):
                st = pb.getLinkState(body, names[link], computeForwardKinematics=True,
                                     physicsClientId=client)
                T = robot.fk(qi, tool=tool)
                R = np.array(pb.getMatrixFromQuaternion(st[5])).reshape(3, 3)
                worst_p = max(worst_p, np.abs(np.array(st[4]) - T[:3, 3]).max())
                worst_r = max(worst_r, np.abs(R - T[:3, :3]).max())
        assert worst_p <= 1e-6
        assert worst_r <= 1e-6
        # base link keeps its centre of mass at its origin (pybullet's IK assumes it)
        dyn = pb.getDynamicsInfo(body, -1, physicsClientId=client)
        assert np.allclose(dyn[3], 0.0, atol=1e-12)
    finally:
        pb.disconnect(client)


def test_urdf_has_limits_masses_and_tcp(fd_b4, tmp_path):
    root = ET.parse(fd_b4.write_urdf(tmp_path)).getroot()
    links = {link.get("name"): link for link in root.findall("link")}
    assert {"base_link", "link_1", "link_6", "tool0", "torch", "tcp"} <= set(links)
    for name in ("link_1", "link_2", "link_3", "link_4", "link_5", "link_6", "torch"):
        mass = float(links[name].find("inertial/mass").get("value"))
        assert mass > 0.5
        inertia = links[name].find("inertial/inertia")
        inertia_tensor = np.array([[float(inertia.get(a)) for a in row] for row in
                      (("ixx", "ixy", "ixz"), ("ixy", "iyy", "iyz"), ("ixz", "iyz", "izz"))])
        assert np.all(np.linalg.eigvalsh(inertia_tensor) > 0)  # positive definite
        ev = np.linalg.eigvalsh(inertia_tensor)
        assert ev[0] + ev[1] >= ev[2] - 1e-12  # triangle inequality of principal moments
        assert links[name].find("collision/geometry") is not None
    revolute = [j for j in root.findall("joint") if j.get("type") == "revolute"]
    assert len(revolute) == 6
    for i, j in enumerate(revolute):
        lim = j.find("limit")
        assert float(lim.get("lower")) == pytest.approx(fd_b4.lower[i])
        assert float(lim.get("upper")) == pytest.approx(fd_b4.upper[i])
        assert float(lim.get("velocity")) == pytest.approx(fd_b4.spec.joints.max_speed_rad_s[i])


def test_upper_arm_centre_of_mass_is_along_the_arm(fd_b4, tmp_path):
    root = ET.parse(fd_b4.write_urdf(tmp_path)).getroot()
    link = next(link for link in root.findall("link") if link.get("name") == "link_2")
    com = np.array([float(v) for v in link.find("inertial/origin").get("xyz").split()])
    assert com[2] == pytest.approx(fd_b4.spec.opw.c2 / 2)
