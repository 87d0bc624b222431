"""The cell's quaternions without scipy are scipy's, bit for bit (weldsim.sim.quaternion)."""

from __future__ import annotations

import numpy as np
import pytest
from scipy.spatial.transform import Rotation

from weldsim.scenarios.loader import bundled_scenario_ids, load_scenario
from weldsim.sim.quaternion import quat_xyzw


def _scipy(R) -> list[float]:
    return Rotation.from_matrix(np.asarray(R, dtype=float)).as_quat().tolist()


def _axis_aligned() -> list[np.ndarray]:
    """Every rotation that maps axes onto axes (24), where ties pick the formula."""
    out = []
    for perm in ([0, 1, 2], [0, 2, 1], [1, 0, 2], [1, 2, 0], [2, 0, 1], [2, 1, 0]):
        for signs in np.ndindex(2, 2, 2):
            R = np.zeros((3, 3))
            for row, col in enumerate(perm):
                R[row, col] = -1.0 if signs[row] else 1.0
            if np.linalg.det(R) > 0:
                out.append(R)
    return out


def test_random_rotations_give_scipys_bits():
    rng = np.random.default_rng(16)
    mats = Rotation.random(2000, rng=rng).as_matrix()
    for R in mats:
        assert quat_xyzw(R) == _scipy(R)


def test_axis_aligned_and_half_turns_give_scipys_bits():
    mats = _axis_aligned()
    assert len(mats) == 24
    for angle in (np.pi, -np.pi, np.pi / 2, 1e-9, 0.0):
        for axis in np.eye(3):
            mats.append(Rotation.from_rotvec(axis * angle).as_matrix())
    for R in mats:
        assert quat_xyzw(R) == _scipy(R)


def test_the_bodies_of_every_bundled_scenario_give_scipys_bits():
    count = 0
    for sid in bundled_scenario_ids():
        s = load_scenario(sid)
        for T in [s.T_world_base] + [solid.T_world_solid for solid in s.solids]:
            R = np.asarray(T, dtype=float)[:3, :3]
            assert quat_xyzw(R) == _scipy(R), (sid, R)
            count += 1
    assert count > 2 * len(bundled_scenario_ids())


def test_a_matrix_scipy_would_orthogonalise_is_handed_to_scipy():
    R = Rotation.from_rotvec([0.1, 0.2, 0.3]).as_matrix() * (1 + 1e-9)
    assert quat_xyzw(R) == _scipy(R)


def test_a_reflection_is_refused_as_scipy_refuses_it():
    with pytest.raises(ValueError):
        quat_xyzw(np.diag([1.0, 1.0, -1.0]))
