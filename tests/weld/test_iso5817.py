"""ISO 5817 limits, short imperfections, weld level and the bead score."""

from __future__ import annotations

import numpy as np
import pytest

from weldsim.weld import Imperfection, bead_score, level_profile, weld_level
from weldsim.weld.iso5817 import LIMITS, level_codes, limit_mm, short_flags


@pytest.mark.parametrize(("number", "level", "t", "a", "b", "expected"), [
    ("5011", "D", 10.0, 4.0, 8.0, 1.0),      # 0.2 t = 2, max 1
    ("5011", "C", 4.0, 4.0, 8.0, 0.4),       # 0.1 t
    ("5011", "B", 10.0, 4.0, 8.0, 0.5),      # 0.05 t, max 0.5
    ("503", "B", 10.0, 4.0, 8.0, 1.8),       # 1 + 0.1 b
    ("503", "D", 10.0, 4.0, 30.0, 5.0),      # max 5
    ("512", "C", 10.0, 4.0, 8.0, 2.6),       # 2 + 0.15 a
    ("512", "B", 10.0, 4.0, 8.0, 2.1),       # 1.5 + 0.15 a
    ("5213", "C", 10.0, 4.0, 8.0, 0.7),      # 0.3 + 0.1 a
    ("5213", "D", 10.0, 30.0, 8.0, 2.0),     # max 2
    ("5214", "C", 10.0, 4.0, 8.0, 1.8),      # 1 + 0.2 a
    ("2017", "D", 10.0, 4.0, 8.0, 1.2),      # 0.3 a
    ("2025", "C", 10.0, 4.0, 8.0, 1.0),      # 0.1 t, max 1
    ("401", "D", 10.0, 4.0, 8.0, 1.6),       # 0.4 a (short only)
])
def test_limits(number, level, t, a, b, expected):
    assert limit_mm(number, level, t, a, b) == pytest.approx(expected)


@pytest.mark.parametrize(("number", "level"), [
    ("5213", "B"), ("2017", "B"), ("2025", "B"), ("401", "C"), ("401", "B"), ("510", "D")])
def test_not_permitted(number, level):
    assert limit_mm(number, level, 10.0, 4.0, 8.0) == -np.inf


def test_short_only_limits_fail_long_imperfections():
    assert limit_mm("5213", "D", 10.0, 4.0, 8.0, short=False) == -np.inf
    assert limit_mm("5214", "D", 10.0, 4.0, 8.0, short=False) == np.inf


def test_level_codes_are_nested():
    h = np.array([0.0, 0.4, 0.6, 0.9, 1.5])
    assert level_codes("5011", h, 10.0, 4.0).tolist() == [3, 3, 1, 1, 0]
    assert level_codes("512", np.array([2.0, 2.5, 2.7, 3.0]), 10.0, 4.0).tolist() == [3, 2, 1, 0]


def test_every_limit_is_looser_from_b_to_d():
    for number in LIMITS:
        for h in np.linspace(0.0, 12.0, 121):
            codes = [level_codes(number, np.array([h]), 10.0, 4.0, 8.0, short=s)[0]
                     for s in (True, False)]
            assert codes[1] <= codes[0]


def test_short_imperfections_per_100mm():
    # 20 mm alone is short; two 20 mm stretches within 100 mm are 40 > 25: long
    assert short_flags([10.0], [30.0], 300.0).tolist() == [True]
    assert short_flags([10.0, 60.0], [30.0, 80.0], 300.0).tolist() == [False, False]
    assert short_flags([10.0, 200.0], [30.0, 220.0], 300.0).tolist() == [True, True]
    assert short_flags([0.0], [30.0], 300.0).tolist() == [False]
    # shorter welds: 25 % of the weld length
    assert short_flags([0.0], [20.0], 80.0).tolist() == [True]
    assert short_flags([0.0], [21.0], 80.0).tolist() == [False]


def imp(kind, start, end, level, graded=True):
    return Imperfection(type=kind, iso5817=None, start_mm=start, end_mm=end, size_mm=1.0,
                        level=level, graded=graded, short=False, meets_required=True,
                        cause="x")


def test_bead_score_is_length_weighted_worst_level():
    imps = [imp("undercut", 0.0, 50.0, "C"),       # 50 mm at 80
            imp("porosity", 25.0, 75.0, "D"),      # overlaps: 25-50 worst D (60), 50-75 D
            imp("insufficient_throat", 90.0, 100.0, None),  # 10 mm at 0
            imp("spatter", 0.0, 100.0, None, graded=False)]
    expected = (25 * 80 + 50 * 60 + 15 * 100 + 10 * 0) / 100.0
    assert bead_score(imps, 100.0) == pytest.approx(expected)
    edges, codes = level_profile(imps, 100.0)
    assert edges[0] == 0.0 and edges[-1] == 100.0
    assert codes.min() == 0
    assert weld_level(imps) is None
    assert weld_level(imps[:2]) == "D"
    assert weld_level([]) == "B"
    assert bead_score([], 100.0) == 100.0
    assert bead_score([imps[3]], 100.0) == 100.0  # spatter is not graded
