"""Tolerance windows: per-sample scores, deviations and summaries."""

from __future__ import annotations

import math

import numpy as np
import pytest

from weldsim.errors import InvalidInputError
from weldsim.scenarios.spec import Window
from weldsim.scoring import deviation, window_scores, window_summary

WORK = Window(45.0, 40.0, 50.0, 30.0, 60.0)
TRAVEL = Window(10.0, 5.0, 15.0, 0.0, 20.0)


def test_symmetric_window_is_flat_then_linear_then_zero():
    v = np.array([45.0, 40.0, 50.0, 35.0, 55.0, 30.0, 60.0, 25.0, 70.0, np.nan])
    np.testing.assert_allclose(window_scores(v, WORK),
                               [1, 1, 1, 0.5, 0.5, 0, 0, 0, 0, np.nan])


def test_travel_window_is_asymmetric_and_drag_scores_zero():
    v = np.array([-10.0, -0.1, 0.0, 2.5, 5.0, 10.0, 15.0, 17.5, 20.0, 25.0])
    np.testing.assert_allclose(window_scores(v, TRAVEL), [0, 0, 0, 0.5, 1, 1, 1, 0.5, 0, 0])


def test_window_without_a_ramp_on_one_side():
    w = Window(0.0, -1.0, 1.0, -1.0, 3.0)
    np.testing.assert_allclose(window_scores([-1.0, -1.01, 2.0], w), [1.0, 0.0, 0.5])


def test_relative_deviation_in_percent_and_in_units():
    np.testing.assert_allclose(deviation([7.7, 7.0, 6.3, np.nan], 7.0, percent=True),
                               [10.0, 0.0, -10.0, np.nan])
    np.testing.assert_allclose(deviation([3.5, 2.0], 3.0, percent=False), [0.5, -1.0])
    speed = Window(0.0, -10.0, 10.0, -25.0, 25.0)
    np.testing.assert_allclose(window_scores(deviation([7.0, 8.05, 5.25], 7.0, percent=True),
                                             speed), [1.0, 2 / 3, 0.0])


def test_summary_weights_full_band_by_length_and_mean_by_samples():
    values = np.array([45.0, 45.0, 35.0, 35.0])
    length = np.array([3.0, 1.0, 0.0, 0.0])  # the out-of-band samples stand still
    s = window_summary(values, WORK, length)
    assert s.mean_score == pytest.approx(0.75)
    assert s.full_band_pct == pytest.approx(100.0)
    s = window_summary(values, WORK, np.array([1.0, 1.0, 1.0, 1.0]))
    assert s.full_band_pct == pytest.approx(50.0)
    assert s.measured_pct == 100.0


def test_missing_values_left_out_or_scored():
    values = np.array([15.0, np.nan, 15.0, np.nan])
    ctwd = Window(15.0, 13.0, 17.0, 10.0, 20.0)
    ones = np.ones(4)
    left_out = window_summary(values, ctwd, ones)
    assert (left_out.mean_score, left_out.full_band_pct, left_out.measured_pct) == (1, 100, 50)
    zero = window_summary(values, ctwd, ones, missing_score=0.0)
    assert (zero.mean_score, zero.full_band_pct) == (0.5, 50.0)
    empty = window_summary(np.array([]), ctwd, np.array([]))
    assert math.isnan(empty.mean_score) and empty.as_dict()["mean_score"] is None


@pytest.mark.parametrize(("call", "message"), [
    (lambda: window_scores([1.0], Window(0, 1, -1, -2, 2)), "zero_lo <= full_lo"),
    (lambda: window_scores(np.ones((2, 2)), WORK), "shape"),
    (lambda: deviation([1.0], 0.0, percent=True), "> 0"),
    (lambda: window_summary([1.0], WORK, [-1.0]), ">= 0"),
    (lambda: window_summary([1.0, 2.0], WORK, [1.0]), "shape"),
    (lambda: window_summary([1.0], WORK, [1.0], missing_score=2.0), "missing_score"),
])
def test_errors(call, message):
    with pytest.raises(InvalidInputError, match=message):
        call()
