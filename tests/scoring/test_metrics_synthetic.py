"""Technique metrics on synthetic traces with known answers."""

from __future__ import annotations

import math

import numpy as np
import pytest
from scoring_cases import (
    RATE_HZ,
    STICK_OUT_M,
    X,
    Y,
    Z,
    across,
    circle_seam,
    line_seam,
    make_trace,
    pose,
    scenario_with,
    straight_pass,
    wire_axis,
)

from weldsim.errors import InvalidInputError
from weldsim.scoring import METRIC_NAMES, technique_metrics
from weldsim.scoring import _kernels as K

SEAM = line_seam([0, 0, 0], [0.25, 0, 0])


def metrics_of(T, seams=(SEAM,), **kw):
    return technique_metrics(make_trace(T, **kw), scenario_with(*seams))


@pytest.mark.parametrize("work", [30.0, 45.0, 60.0, 75.0])
@pytest.mark.parametrize("travel", [-10.0, 0.0, 10.0, 20.0])
def test_known_angles_and_aim_give_exactly_those_numbers(work, travel):
    z = wire_axis(X, Y, Z, work, travel)
    u = across(X, z, Y)  # the aim can only move across the wire
    miss_mm = 0.7
    n = 50
    T = np.stack([pose((0.1 + 1e-4 * i) * X + miss_mm * 1e-3 * u - 0.004 * z, z)
                  for i in range(n)])
    m = metrics_of(T)
    np.testing.assert_allclose(m.work_angle_deg, work, atol=1e-9)
    np.testing.assert_allclose(m.travel_angle_deg, travel, atol=1e-9)
    lat, vert = aim_on_faces(miss_mm * u, z)
    np.testing.assert_allclose(m.aim_lateral_mm, lat, atol=1e-9)
    np.testing.assert_allclose(m.aim_vertical_mm, vert, atol=1e-9)
    np.testing.assert_allclose(m.aim_across_mm, miss_mm, atol=1e-9)


def aim_on_faces(offset_mm, z) -> tuple[float, float]:
    """Where a wire through ``offset_mm`` (from the root, mm) along ``z`` meets the T-joint's
    faces (the base plate z = 0 for y >= 0, the web y = 0 for z >= 0): the face it reaches
    last along ``z`` (it leaves the joint's corner through it)."""
    o = np.asarray(offset_mm, dtype=float)
    lam = -o[2] / z[2]  # meets the base plate's plane
    mu = -o[1] / z[1]  # meets the web's plane
    y_on_plate = o[1] + lam * z[1]
    z_on_web = o[2] + mu * z[2]
    if y_on_plate >= 0 and (z_on_web < 0 or lam >= mu):
        return y_on_plate, 0.0
    return 0.0, z_on_web


def test_aim_signs_of_a_fillet():
    z = wire_axis(X, Y, Z, 45.0, 10.0)
    moves = {"toward the plate": Y, "up the web": Z, "along the wire": -z}
    T = np.stack([pose(0.1 * X + 1e-3 * d, z) for d in moves.values()])
    m = metrics_of(T, arc_on=np.ones(3, bool))
    lat, vert = m.aim_lateral_mm, m.aim_vertical_mm
    # the shift the bead sees: 1 mm across the plate reads (1, 0), 1 mm up the web (0, 1)
    np.testing.assert_allclose([lat[0], vert[0]], [1.0, 0.0], atol=1e-9)
    np.testing.assert_allclose([lat[1], vert[1]], [0.0, 1.0], atol=1e-9)
    np.testing.assert_allclose([lat[2], vert[2]], [0.0, 0.0], atol=1e-9)


@pytest.mark.parametrize("work", [30.0, 45.0, 60.0])
def test_aim_is_the_shift_whatever_the_work_angle_and_continuous_through_the_root(work):
    z = wire_axis(X, Y, Z, work, 10.0)
    shifts = np.linspace(-1.0, 1.0, 41)  # mm across the plate (- toward the web)
    T = np.stack([pose(0.1 * X + 1e-3 * d * Y, z) for d in shifts])
    m = metrics_of(T, arc_on=np.ones(len(shifts), bool))
    plate = shifts >= 0
    np.testing.assert_allclose(m.aim_lateral_mm[plate], shifts[plate], atol=1e-9)
    np.testing.assert_allclose(m.aim_vertical_mm[plate], 0.0, atol=1e-9)
    # toward the web the wire meets the web, tan(work) higher per mm: no jump at the root
    web = ~plate
    np.testing.assert_allclose(m.aim_vertical_mm[web],
                               -shifts[web] * math.tan(math.radians(work)), atol=1e-9)
    np.testing.assert_allclose(m.aim_lateral_mm[web], 0.0, atol=1e-9)


def test_oblique_fillet_aim_is_along_the_faces():
    # a 120 degree joint: the upper face leans back by 30 degrees. A wire square to the upper
    # face, passing 1 mm up it from the root, reads vertical 1 and lateral 0 (oblique axes).
    lean = math.radians(30.0)
    n_up = np.array([0.0, math.cos(lean), math.sin(lean)])  # outward normal of the upper face
    up_face = np.array([0.0, -math.sin(lean), math.cos(lean)])  # up the upper face
    seam = line_seam([0, 0, 0], [0.25, 0, 0], lower=Z, upper=n_up)
    z = -math.cos(math.radians(10)) * n_up + math.sin(math.radians(10)) * X
    m = metrics_of(np.stack([pose(0.1 * X + 1e-3 * up_face - 0.015 * z, z)] * 3), seams=(seam,))
    np.testing.assert_allclose(m.aim_lateral_mm, 0.0, atol=1e-9)
    np.testing.assert_allclose(m.aim_vertical_mm, 1.0, atol=1e-9)
    np.testing.assert_allclose(m.work_angle_deg, 30.0, atol=1e-9)
    np.testing.assert_allclose(m.travel_angle_deg, 10.0, atol=1e-9)


def test_butt_joint_axes_and_work_angle():
    seam = line_seam([0, 0, 0], [0.2, 0, 0], lower=Z, upper=Z, joint="butt_v")
    z_square = -Z
    z_tilted = wire_axis(X, Y, Z, 80.0, 0.0)
    T = np.stack([pose(0.1 * X + 0.002 * Y, z_square), pose(0.1 * X - 0.001 * Y, z_square),
                  pose(0.1 * X - 0.01 * z_tilted, z_tilted)])
    m = metrics_of(T, seams=(seam,))
    # lateral = n x t = +Y (the welder's left travelling +X), vertical along the normal
    np.testing.assert_allclose(m.aim_lateral_mm, [2.0, -1.0, 0.0], atol=1e-9)
    np.testing.assert_allclose(m.aim_vertical_mm, 0.0, atol=1e-9)
    np.testing.assert_allclose(m.work_angle_deg, [90.0, 90.0, 80.0], atol=1e-9)


def test_constant_speed_and_push_angle():
    tt, T = straight_pass(speed_mm_s=7.0, x0_mm=2.0, x1_mm=248.0)
    m = metrics_of(T, t=tt)
    np.testing.assert_allclose(m.travel_speed_mm_s, 7.0, rtol=1e-9)
    assert m.summary["travel_speed_mm_s"].mean == pytest.approx(7.0)
    assert np.all(np.isnan(m.weave_amplitude_mm)) and np.all(np.isnan(m.weave_frequency_hz))
    end = m.s_mm[-1]
    assert end == pytest.approx(248.0, abs=0.03)
    assert m.seams[0].coverage == pytest.approx((end - 2.0) / 250.0)
    np.testing.assert_allclose(m.seams[0].unwelded, [(0.0, 2.0), (end, 250.0)])


def test_moving_torch_along_its_axis_changes_only_ctwd():
    tt, T0 = straight_pass(x0_mm=10, x1_mm=60)
    _, T1 = straight_pass(x0_mm=10, x1_mm=60, slide_mm=13.0)
    a, b = metrics_of(T0, t=tt), metrics_of(T1, t=tt)
    for name in ("aim_lateral_mm", "aim_vertical_mm", "work_angle_deg", "travel_angle_deg",
                 "travel_speed_mm_s"):
        np.testing.assert_allclose(getattr(a, name), getattr(b, name), atol=1e-9, err_msg=name)


@pytest.mark.parametrize(("amp_mm", "freq_hz", "speed"), [(3.0, 1.5, 2.7), (1.0, 4.0, 7.0),
                                                          (2.0, 0.8, 5.0)])
def test_sine_weave_amplitude_and_frequency_within_one_percent(amp_mm, freq_hz, speed):
    # a slow drift of the weave centre (0.5 mm over the pass) must not bias the measurement
    tt, T = straight_pass(speed_mm_s=speed, x0_mm=5, x1_mm=195, offset=lambda t: amp_mm * math.sin(
        2 * math.pi * freq_hz * t) + 0.5 * t / 70.0)
    m = metrics_of(T, t=tt)
    measured = ~np.isnan(m.weave_amplitude_mm)
    assert measured.mean() > 0.95
    np.testing.assert_allclose(m.weave_amplitude_mm[measured], amp_mm, rtol=0.01)
    np.testing.assert_allclose(m.weave_frequency_hz[measured], freq_hz, rtol=0.01)
    # weaving inflates neither the speed nor the aim (the weave centre counts)
    np.testing.assert_allclose(m.travel_speed_mm_s, speed, rtol=1e-6)
    centre = 0.5 * tt / 70.0
    z = wire_axis(X, Y, Z, 45, 10)
    u = across(X, z, Y)
    expected = np.array([aim_on_faces(c * u, z)[0] for c in centre])
    # 0.01 mm across the wire, as the faces see it (x 1.41 at 45 degrees)
    np.testing.assert_allclose(m.aim_lateral_mm, expected, atol=0.015)


def test_small_wobble_is_not_a_weave():
    tt, T = straight_pass(x0_mm=5, x1_mm=100, offset=lambda t: 0.1 * math.sin(2 * math.pi * 2 * t))
    m = metrics_of(T, t=tt)
    assert np.all(np.isnan(m.weave_amplitude_mm))
    assert math.isnan(m.summary["weave_frequency_hz"].mean)


def test_drag_and_a_pass_against_the_welding_order():
    z_drag = wire_axis(X, Y, Z, 45.0, -10.0)
    n = 200
    forward = np.stack([pose((0.05 + 2e-5 * i) * X, z_drag) for i in range(n)])
    # welding backwards (-X) with the wire pointing to -X is a push
    z_back = wire_axis(-X, Y, Z, 45.0, 10.0)
    backward = np.stack([pose((0.2 - 2e-5 * i) * X, z_back) for i in range(n)])
    arc = np.r_[np.ones(n, bool), np.zeros(1, bool), np.ones(n, bool)]
    T = np.concatenate([forward, backward[:1], backward])
    m = metrics_of(T, arc_on=arc)
    np.testing.assert_allclose(m.travel_angle_deg[:n], -10.0, atol=1e-9)
    np.testing.assert_allclose(m.travel_angle_deg[n + 1:], 10.0, atol=1e-9)
    np.testing.assert_allclose(m.travel_speed_mm_s[n + 1:], 2e-2 * RATE_HZ, rtol=1e-9)
    np.testing.assert_allclose(m.work_angle_deg[n + 1:], 45.0, atol=1e-9)
    assert [e.s_mm for e in m.arc_starts] == pytest.approx([50.0, 200.0])


def test_circle_seam_crossing_its_start_is_continuous_and_covers_all():
    r = 0.05715
    seam = circle_seam(r, 90.0, 360.0)
    L = 2 * math.pi * r * 1000
    # one pass from 270 deg round through the start (90 deg) to 102 deg, as pipe-plate-2f
    deg = np.linspace(270.0, 462.0, 2000)
    T = []
    for d in deg:
        a = math.radians(d)
        root = np.array([r * math.cos(a), r * math.sin(a), 0.0])
        tangent = np.array([-math.sin(a), math.cos(a), 0.0])
        z = wire_axis(tangent, root / r, Z, 45.0, 10.0)
        T.append(pose(root, z))
    m1 = metrics_of(np.stack(T), seams=(seam,))
    s = m1.s_mm
    assert np.all(np.diff(s) > 0)  # continuous across the start
    np.testing.assert_allclose(s[[0, -1]], [L / 2, L / 2 + L * 192 / 360], atol=1e-6)
    np.testing.assert_allclose(m1.work_angle_deg, 45.0, atol=1e-9)
    np.testing.assert_allclose(m1.travel_angle_deg, 10.0, atol=1e-9)
    np.testing.assert_allclose(m1.aim_lateral_mm, 0.0, atol=1e-9)
    np.testing.assert_allclose(m1.travel_speed_mm_s, np.diff(s).mean() * RATE_HZ, rtol=1e-6)
    cov = m1.seams[0]
    assert cov.coverage == pytest.approx(192 / 360)
    np.testing.assert_allclose(cov.welded, [(0.0, L * 12 / 360), (L / 2, L)])
    np.testing.assert_allclose(cov.unwelded, [(L * 12 / 360, L / 2)])
    # and a second pass from 90 to 282 deg closes the ring
    arc = np.r_[np.ones(2000, bool), False]
    T2 = [*T, T[0]]
    for d in np.linspace(90.0, 282.0, 2000):
        a = math.radians(d)
        root = np.array([r * math.cos(a), r * math.sin(a), 0.0])
        tangent = np.array([-math.sin(a), math.cos(a), 0.0])
        T2.append(pose(root, wire_axis(tangent, root / r, Z, 45.0, 10.0)))
    m2 = metrics_of(np.stack(T2), seams=(seam,), arc_on=np.r_[arc, np.ones(2000, bool)])
    assert m2.coverage == pytest.approx(1.0)
    assert m2.seams[0].unwelded == ()


def test_overlaps_count_once_and_gaps_are_listed():
    passes = [(10.0, 100.0), (80.0, 150.0), (200.0, 240.0)]
    T, arc = [], []
    z = wire_axis(X, Y, Z, 45.0, 10.0)
    for a, b in passes:
        for x in np.linspace(a, b, 200):
            T.append(pose(x * 1e-3 * X, z))
            arc.append(True)
        T.append(pose(0.3 * X + 0.05 * Z, z))
        arc.append(False)
    m = metrics_of(np.stack(T), arc_on=np.array(arc))
    cov = m.seams[0]
    np.testing.assert_allclose(cov.welded, [(10.0, 150.0), (200.0, 240.0)])
    np.testing.assert_allclose(cov.unwelded, [(0.0, 10.0), (150.0, 200.0), (240.0, 250.0)])
    assert m.coverage == pytest.approx(180.0 / 250.0)
    np.testing.assert_allclose([e.s_mm for e in m.arc_ends], [100.0, 150.0, 240.0])
    assert all(e.on_seam for e in m.arc_ends)


def test_arc_off_the_seam_is_flagged_and_not_counted():
    z = -Z
    T = np.stack([pose(np.array([x, 0.03, 0.0]), z) for x in np.linspace(0.05, 0.1, 100)])
    m = metrics_of(T)
    assert not m.arc_starts[0].on_seam
    assert m.arc_starts[0].off_seam_mm == pytest.approx(30.0)
    assert m.arc_off_seam
    assert m.coverage == 0.0


def test_samples_go_to_the_nearest_seam():
    near = line_seam([0, 0, 0], [0.25, 0, 0], sid="near")
    far = line_seam([0, -0.01, 0], [0.25, -0.01, 0], upper=-Y, sid="far")
    z_near = wire_axis(X, Y, Z, 45.0, 10.0)
    z_far = wire_axis(X, -Y, Z, 45.0, 10.0)
    T = np.stack([*(pose(np.array([x, 0, 0]), z_near) for x in np.linspace(0.0, 0.25, 50)),
                  pose(np.array([0.1, 0, 0.1]), -Z),
                  *(pose(np.array([x, -0.01, 0]), z_far) for x in np.linspace(0.25, 0.0, 50))])
    arc = np.r_[np.ones(50, bool), False, np.ones(50, bool)]
    m = metrics_of(T, seams=(near, far), arc_on=arc)
    assert list(m.seam[:50]) == [0] * 50 and list(m.seam[51:]) == [1] * 50 and m.seam[50] == -1
    # on the far seam the lateral axis points -Y (away from the web), so the torch is at 45 deg
    np.testing.assert_allclose(m.work_angle_deg[51:], 45.0, atol=1e-9)
    np.testing.assert_allclose(m.aim_lateral_mm[arc], 0.0, atol=1e-9)
    # the far pass runs against its seam's order: still a push
    np.testing.assert_allclose(m.travel_angle_deg[51:], -10.0, atol=1e-9)
    assert [c.coverage for c in m.seams] == pytest.approx([1.0, 1.0])


def test_ctwd_comes_from_the_ray_cast_and_nan_without_a_hit():
    tt, T = straight_pass(x0_mm=10, x1_mm=20)
    ctwd = np.full(len(tt), 0.017)
    ctwd[:5] = np.nan
    m = metrics_of(T, t=tt, ctwd_m=ctwd)
    assert np.all(np.isnan(m.ctwd_mm[:5]))
    np.testing.assert_allclose(m.ctwd_mm[5:], 17.0)
    assert m.summary["ctwd_mm"].mean == pytest.approx(17.0)


def test_arrays_have_the_trace_length_and_are_nan_where_the_arc_is_off():
    tt, T = straight_pass(x0_mm=10, x1_mm=20)
    arc = np.ones(len(tt), bool)
    arc[:10] = False
    m = metrics_of(T, t=tt, arc_on=arc)
    for name in METRIC_NAMES:
        x = getattr(m, name)
        assert x.shape == (len(tt),) and not x.flags.writeable
        assert np.all(np.isnan(x[:10])), name
    assert set(m.as_dict()["metrics"]) == set(METRIC_NAMES)
    assert m.length_mm.sum() == pytest.approx(m.s_mm[-1] - m.s_mm[10])


def test_no_arc_at_all():
    m = metrics_of(np.stack([pose(0.1 * X, -Z)] * 5), arc_on=np.zeros(5, bool))
    assert m.coverage == 0.0 and m.arc_starts == () and math.isnan(m.summary["ctwd_mm"].mean)
    assert m.seams[0].unwelded == ((0.0, 250.0),)


def test_deterministic_bit_for_bit():
    tt, T = straight_pass(x0_mm=5, x1_mm=100, offset=lambda t: 2 * math.sin(2 * math.pi * t))
    a, b = metrics_of(T, t=tt), metrics_of(T.copy(), t=tt.copy())
    for name in (*METRIC_NAMES, "s_mm", "off_seam_mm", "aim_across_mm"):
        assert np.array_equal(getattr(a, name), getattr(b, name), equal_nan=True), name
    assert a.as_dict() == b.as_dict()


def test_technique_kernel_matches_its_python_version():
    rng = np.random.default_rng(7)
    n = 30
    z = rng.normal(size=(n, 3))
    z /= np.linalg.norm(z, axis=1, keepdims=True)
    args = (rng.normal(size=(n, 3)) * 0.01, z, rng.normal(size=(n, 3)) * 0.01,
            np.tile(X, (n, 1)), np.tile(Z, (n, 1)), np.tile(Y, (n, 1)), np.ones(n), 0.17)
    for a, b in zip(K.technique(*args), K.technique.py_func(*args), strict=True):
        np.testing.assert_allclose(a, b, rtol=1e-12, atol=1e-12)


def test_input_errors():
    trace = make_trace(np.stack([pose(0.1 * X, -Z)] * 5))
    with pytest.raises(InvalidInputError, match="no seam"):
        technique_metrics(trace, scenario_with())
    with pytest.raises(InvalidInputError, match="off_seam_mm"):
        technique_metrics(trace, scenario_with(SEAM), off_seam_mm=-1.0)

    class Short:
        t = np.zeros(3)

    with pytest.raises(InvalidInputError, match="trajectory has 3 samples"):
        technique_metrics(trace, scenario_with(SEAM), Short())
    assert STICK_OUT_M == trace.stick_out_m
