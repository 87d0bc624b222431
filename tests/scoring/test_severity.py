"""Graded severity: an imperfection costs in proportion to its size against its ISO 5817
limits, from nothing at its onset to its stretch's whole score, with no step; the setup loses
in proportion to how far a value lies outside the WPS."""

from __future__ import annotations

import math

import numpy as np
import pytest

from weldsim.scenarios.spec import Range
from weldsim.scoring import severity
from weldsim.scoring.setup import outside_share
from weldsim.weld.iso5817 import limit_mm


def limits(number, t=10.0, a=4.0, b=8.0):
    return {lvl: float(limit_mm(number, lvl, t, a, b, short=True)) for lvl in ("B", "C", "D")}


@pytest.mark.parametrize(("kind", "number"), [
    ("undercut", "5011"), ("insufficient_throat", "5213"), ("leg_asymmetry", "512"),
    ("porosity", "2017"), ("end_crater", "2025"), ("excess_throat", "5214"),
    ("excess_convexity", "503"), ("lack_of_fusion", "401")])
def test_loss_starts_at_the_onset_and_grows_linearly_without_steps(kind, number):
    lim = limits(number)
    sizes = np.linspace(0.0, 12.0, 2401)
    loss = np.array([severity._loss(kind, h, True, lim) for h in sizes])
    assert loss[0] == 0.0 and loss[-1] == 1.0
    assert np.all(np.diff(loss) >= 0.0)
    # no step: 0.005 mm more never costs more than 0.005 / MIN_SPAN_MM of the stretch
    assert np.max(np.diff(loss)) <= 0.005 / severity.MIN_SPAN_MM + 1e-12
    onset = lim["B"] if math.isfinite(lim["B"]) and lim["B"] > 0 else severity.DETECT_MM.get(
        kind, 0.0)
    assert np.all(loss[sizes <= onset] == 0.0)


def test_not_permitted_anywhere_costs_everything_and_spatter_nothing():
    lim = limits("510")
    assert severity._loss("burn_through", 0.1, True, lim) == 1.0
    assert severity._loss("spatter", 5.0, False, {"B": math.inf, "C": math.inf,
                                                   "D": math.inf}) == 0.0
    assert severity._loss("incomplete_weld", 4.0, True, limits("5213")) == 1.0


def _view(start, end, loss):
    return severity.ImperfectionView("undercut", "5011", start, end, 0.7, "C", True, True,
                                     "arc_too_strong", {}, limits("5011"), 4.0, loss)


def test_bead_score_is_the_length_weighted_loss_with_overlaps_counted_once():
    assert severity.bead_score([], 250.0) == 100.0
    assert severity.bead_score([_view(0.0, 250.0, 0.5)], 250.0) == pytest.approx(50.0)
    assert severity.bead_score([_view(0.0, 125.0, 0.4), _view(0.0, 125.0, 0.2)],
                               250.0) == pytest.approx(80.0)
    # a short one is judged over at least MIN_FOOTPRINT_MM
    short = severity.bead_score([_view(100.0, 101.0, 1.0)], 250.0)
    assert short == pytest.approx(100.0 * (1 - severity.MIN_FOOTPRINT_MM / 250.0), abs=0.5)


def test_setup_loss_is_the_distance_outside_in_half_widths():
    r = Range(250.0, 270.0, 290.0)
    assert outside_share(270.0, r) == 0.0 and outside_share(290.0, r) == 0.0
    assert outside_share(300.0, r) == pytest.approx(0.5)
    assert outside_share(240.0, r) == pytest.approx(0.5)
    assert outside_share(400.0, r) == 1.0
