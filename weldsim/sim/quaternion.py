"""pybullet's quaternion of a rotation matrix, without importing scipy.

``scipy.spatial.transform.Rotation.from_matrix(R).as_quat()`` gave the cell's orientations;
importing ``scipy.spatial`` costs a command about 0.3-0.45 s of CPU (it pulls in
``scipy.sparse``, the k-d tree and Qhull) for one 3x3 conversion per body. :func:`quat_xyzw`
is the same computation as scipy's (its ``_from_matrix_orthogonal``: the largest of the
diagonal and the trace picks the formula, then the quaternion is normalised), in the same
floating-point operations and order, so the cell is placed to the same bits
(``tests/sim/test_quaternion.py`` compares with scipy). A matrix scipy would first
orthogonalise (its Gram matrix is off the identity by more than 1e-12) or refuse (determinant
<= 0) is handed to scipy itself, imported only then.
"""

from __future__ import annotations

import math

import numpy as np

__all__ = ["quat_xyzw"]

_ORTHOGONAL_ATOL = 1e-12
"""scipy's tolerance on ``R R^T - I`` below which it skips the SVD (``from_matrix``)."""


def _is_proper_rotation(R: np.ndarray) -> bool:
    """True when scipy's ``from_matrix`` would take R as it is (no SVD, no error)."""
    if not np.all(np.isfinite(R)) or np.linalg.det(R) <= 0:
        return False
    return bool(np.all(np.isclose(R @ R.T, np.eye(3), atol=_ORTHOGONAL_ATOL)))


def quat_xyzw(R) -> list[float]:
    """The quaternion (x, y, z, w) of rotation matrix ``R`` (3x3), as pybullet takes it.

    Parameters
    ----------
    R : array_like, shape (3, 3)
        A rotation matrix (columns: the body's axes in the parent frame).

    Returns
    -------
    list of float
        ``[x, y, z, w]``, unit length, bit for bit what scipy's ``Rotation`` gives.
    """
    m = np.array(R, dtype=float)
    if m.shape != (3, 3) or not _is_proper_rotation(m):
        from scipy.spatial.transform import Rotation  # rare: scipy's own handling

        return Rotation.from_matrix(m).as_quat().tolist()
    a = m.tolist()  # Python floats: IEEE doubles, one operation at a time, as scipy's C loop
    decision = [a[0][0], a[1][1], a[2][2], a[0][0] + a[1][1] + a[2][2]]
    choice = 0  # the first largest, as scipy's _argmax4
    for i in range(1, 4):
        if decision[i] > decision[choice]:
            choice = i
    q = [0.0, 0.0, 0.0, 0.0]
    if choice != 3:
        i = choice
        j = (i + 1) % 3
        k = (j + 1) % 3
        q[i] = 1 - decision[3] + 2 * a[i][i]
        q[j] = a[j][i] + a[i][j]
        q[k] = a[k][i] + a[i][k]
        q[3] = a[k][j] - a[j][k]
    else:
        q[0] = a[2][1] - a[1][2]
        q[1] = a[0][2] - a[2][0]
        q[2] = a[1][0] - a[0][1]
        q[3] = 1 + decision[3]
    norm = math.sqrt(q[0] * q[0] + q[1] * q[1] + q[2] * q[2] + q[3] * q[3])
    return [q[0] / norm, q[1] / norm, q[2] / norm, q[3] / norm]
