"""The scoring pieces the gauges share, made faster for one pose, give the score the same
numbers to the bit."""

from __future__ import annotations

import numpy as np

from weldsim.scoring import _kernels as K


def _numpy_normal_to(n, t):
    """The seam frame's face normals as they were computed with numpy before the kernel."""
    n = np.asarray(n, dtype=np.float64)
    n = n - np.sum(n * t, axis=1, keepdims=True) * t
    norm = np.linalg.norm(n, axis=1, keepdims=True)
    return n / norm


def test_the_normal_kernel_is_numpys_arithmetic_to_the_bit():
    rng = np.random.default_rng(3)
    n_rows = 20_000
    for trial in range(6):
        n = rng.normal(size=(n_rows, 3))
        t = rng.normal(size=(n_rows, 3))
        t /= np.linalg.norm(t, axis=1, keepdims=True)
        if trial % 3 == 1:   # axis-aligned, signed zeros, some parallel (NaN)
            n = np.round(n)
            t = np.eye(3)[rng.integers(0, 3, n_rows)] * rng.choice([-1.0, 1.0], (n_rows, 1))
        if trial % 3 == 2:   # magnitudes from 1e-8 to 1e7
            n = n * 10.0 ** rng.integers(-8, 8, (n_rows, 1))
        with np.errstate(all="ignore"):
            expected = _numpy_normal_to(n, t)
        got, smallest = K.normal_to(np.ascontiguousarray(n), np.ascontiguousarray(t))
        assert np.array_equal(got.view(np.int64), expected.view(np.int64))
        norms = np.linalg.norm(n - np.sum(n * t, axis=1, keepdims=True) * t, axis=1)
        assert smallest == np.nanmin(norms)
    empty, smallest = K.normal_to(np.zeros((0, 3)), np.zeros((0, 3)))
    assert empty.shape == (0, 3) and smallest == np.inf
