"""The predicted bead (weldsim.coaching.predict): the bead of ``weldsim run``, before the arc.

Equality with the run: the same seams, the same bins (``s_mm`` equal), the same welded bins,
imperfections and ISO 5817 levels, and legs, throat, face width and CTWD bit for bit — the
prediction and the cell cast the wire with the same analytic cast
(:mod:`weldsim.sim.wire_cast`). Only contacts are not checked by a prediction.
"""

from __future__ import annotations

import re
from pathlib import Path

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from weldsim.coaching.predict import PredictionCache, predict_bead
from weldsim.exercise import run_exercise
from weldsim.i18n import placeholders, render
from weldsim.kinematics import load_robot
from weldsim.pendant.view3d import BEAD_COLORS, View3D
from weldsim.scenarios.loader import bundled_scenario_ids, load_scenario

WELDING = tuple(sid for sid in bundled_scenario_ids() if load_scenario(sid).welds)


def _job(sid: str) -> tuple:
    s = load_scenario(sid)
    return s, load_robot(s.robot), Path(s.reference_job).read_text("utf-8")


def _line_of(text: str, pattern: str, nth: int = 0) -> int:
    """1-based line of the ``nth`` line matching ``pattern``."""
    found = [i + 1 for i, s in enumerate(text.splitlines()) if re.match(pattern, s)]
    return found[nth]


def _without(text: str, line: int) -> str:
    lines = text.splitlines()
    return "\n".join(lines[:line - 1] + lines[line:]) + "\n"


def _assert_bead_equal(predicted, weld) -> None:
    bead = weld.bead
    assert predicted.seam == weld.index
    assert np.array_equal(predicted.s_mm, bead.s_mm)
    for ours, theirs in ((predicted.leg_lower_mm, bead.leg_lower_mm),
                         (predicted.leg_upper_mm, bead.leg_upper_mm),
                         (predicted.throat_mm, bead.throat_mm),
                         (predicted.width_mm, bead.face_width_mm)):
        np.testing.assert_array_equal(ours, theirs)
    assert np.array_equal(predicted.weld.bead.welded, bead.welded)


@pytest.mark.slow
@pytest.mark.parametrize("sid", WELDING)
def test_the_reference_job_predicts_the_bead_of_weldsim_run_bit_for_bit(sid):
    s, robot, text = _job(sid)
    run = run_exercise(s, s.reference_job, robot=robot)
    pred = predict_bead(s, robot, text)
    assert pred.problem is None
    assert [p.seam for p in pred.seams] == [w.index for w in run.welds]
    for p, w in zip(pred.seams, run.welds, strict=True):
        _assert_bead_equal(p, w)
        np.testing.assert_array_equal(p.weld.samples.ctwd_mm, w.samples.ctwd_mm)
        assert p.weld.imperfections == w.imperfections
        assert set(p.level) <= set(BEAD_COLORS)
    arc_lines = {int(v) for v in np.asarray(run.trajectory.line)[np.asarray(
        run.trajectory.arc_on)]}
    assert set(pred.lines) == arc_lines


@pytest.fixture(scope="module")
def both_sides():
    s, robot, text = _job("t-fillet-2f-both-sides")
    return s, robot, text, predict_bead(s, robot, text)


def test_both_seams_of_the_two_sided_job_are_predicted(both_sides):
    _, _, _, full = both_sides
    assert full.problem is None
    assert [p.seam for p in full.seams] == [0, 1]


def test_a_job_taught_up_to_its_first_seam_predicts_that_seam(both_sides):
    s, robot, text, full = both_sides
    first_ae = _line_of(text, r"AE\b", 0)
    for upto in (first_ae, _line_of(text, r"AS\b", 1) - 1):
        pred = predict_bead(s, robot, text, upto_line=upto)
        assert [p.seam for p in pred.seams] == [0]
        _assert_bead_equal(pred.seams[0], full.seams[0].weld)
        assert max(pred.lines) <= first_ae
    # the same as a job whose text ends there
    lines = text.splitlines()
    short = "\n".join([*lines[:first_ae], "END"]) + "\n"
    pred = predict_bead(s, robot, short)
    assert pred.problem is None
    _assert_bead_equal(pred.seams[0], full.seams[0].weld)


def test_an_arc_without_its_ae_is_welded_up_to_the_last_taught_point():
    s, robot, text = _job("t-fillet-2f")
    as_line = _line_of(text, r"AS\b")
    lines = text.splitlines()
    open_arc = "\n".join([*lines[:_line_of(text, r"MOVEL P4\b")], "END"]) + "\n"
    pred = predict_bead(s, robot, open_arc)
    assert pred.problem is not None and pred.problem.key == "predict.arc_open"
    assert pred.problem_line == as_line == pred.problem.args["line"]
    (seam,) = pred.seams
    welded = seam.s_mm[seam.weld.bead.welded]
    # the weld runs from the start point (x = 2 mm) to the end point (x = 248 mm)
    assert welded.min() < 3.0 and 247.0 < welded.max() < 248.5
    # the arc strikes, the first move taught: the bead to its end point so far
    upto = _line_of(text, r"MOVEL P4\b")
    pred = predict_bead(s, robot, text, upto_line=upto)
    assert pred.problem.key == "predict.arc_open"
    assert pred.seams and pred.seams[0].s_mm[pred.seams[0].weld.bead.welded].max() < 248.5
    # only AS taught: no metal yet
    pred = predict_bead(s, robot, text, upto_line=as_line)
    assert pred.seams == () and pred.problem.key == "predict.arc_open"


def test_a_job_with_an_error_is_predicted_up_to_the_line_before():
    s, robot, text = _job("t-fillet-2f-both-sides")
    second_as = _line_of(text, r"AS\b", 1)
    lines = text.splitlines()
    broken = "\n".join([*lines[:second_as - 1], "MOVEL P77 S=oops", *lines[second_as - 1:]])
    pred = predict_bead(s, robot, broken)
    assert pred.problem.key == "predict.job_error"
    assert pred.problem_line == second_as == pred.problem.args["line"]
    assert [p.seam for p in pred.seams] == [0]
    for lang in ("id", "en"):
        assert str(second_as) in render(pred.problem, lang)
    # an error before any weld: nothing predicted, the error located
    early = "\n".join([*lines[:4], "MOVEL P77 S=oops", *lines[4:]])
    pred = predict_bead(s, robot, early)
    assert pred.seams == () and pred.problem_line == 5


def test_an_unreachable_weld_point_stops_the_prediction_with_the_alarm():
    s, robot, text = _job("t-fillet-2f")
    far = text.replace("P4 = X(248, 0, 0,", "P4 = X(2480, 0, 0,")
    pred = predict_bead(s, robot, far)
    assert pred.problem is not None and pred.problem.key == "predict.stopped"
    assert pred.problem_line == _line_of(text, r"MOVEL P4\b")


@pytest.mark.parametrize("edit", [
    lambda t: "",
    lambda t: "JOB\n",
    lambda t: t.replace("END", ""),
    lambda t: t.replace("AS 1", "AS 9"),
    lambda t: t.replace("AE 1", "WE"),
    lambda t: t.replace("MOVEL P3", "MOVEC P3 P3"),
    lambda t: t.replace("MOVEL P4", "MOVEP P4 R=30%"),
    lambda t: t.replace("P3 = X(2, 0, 0,", "P3 = X(2, 0, -40,"),  # the tip in the plate
    lambda t: t.replace("TOOL 1", "TOOL 7"),
    lambda t: "\n".join(t.splitlines()[::2]),
    lambda t: t.replace("\n", "\r\n"),
])
def test_a_broken_job_returns_a_located_problem_never_raises(edit):
    s, robot, text = _job("t-fillet-2f")
    pred = predict_bead(s, robot, edit(text))
    assert isinstance(pred.seams, tuple)
    if pred.problem is not None:
        for lang in ("id", "en"):
            assert render(pred.problem, lang)


def test_no_weld_yet_and_no_seam_to_weld():
    s, robot, text = _job("t-fillet-2f")
    no_weld = _without(_without(text, _line_of(text, r"AE\b")), _line_of(text, r"AS\b"))
    pred = predict_bead(s, robot, no_weld)
    assert pred.seams == () and pred.problem.key == "predict.no_weld"
    jog = load_scenario("jog-basics")
    pred = predict_bead(jog, None, Path(jog.reference_job).read_text("utf-8"))
    assert pred.seams == () and pred.problem.key == "predict.no_seams"


def test_the_cache_replans_only_the_moves_that_changed():
    s, robot, text = _job("t-fillet-2f")
    cache = PredictionCache()
    first = predict_bead(s, robot, text, cache=cache)
    moves = cache.misses
    assert cache.hits == 0 and moves == 4  # MOVEP P1, MOVEL P2, P3, P4 (the weld)
    again = predict_bead(s, robot, text, cache=cache)
    assert (cache.hits, cache.misses) == (moves, moves)
    np.testing.assert_array_equal(again.seams[0].throat_mm, first.seams[0].throat_mm)
    # a comment line above shifts every line: nothing is planned again
    shifted = predict_bead(s, robot, "; a note\n" + text, cache=cache)
    assert cache.misses == moves
    assert shifted.lines == tuple(v + 1 for v in first.lines)
    np.testing.assert_array_equal(shifted.seams[0].throat_mm, first.seams[0].throat_mm)
    # the weld's end point moved: only the weld move is planned again
    moved = text.replace("P4 = X(248, 0, 0,", "P4 = X(240, 0, 0,")
    pred = predict_bead(s, robot, moved, cache=cache)
    assert cache.misses == moves + 1
    fresh = predict_bead(s, robot, moved)
    for a, b in zip(pred.seams, fresh.seams, strict=True):
        _assert_bead_equal(a, b.weld)
    assert pred.seams[0].s_mm[pred.seams[0].weld.bead.welded].max() < 241.0


def test_the_cache_holds_a_bounded_number_of_samples():
    s, robot, text = _job("t-fillet-2f")
    cache = PredictionCache(max_samples=20_000)
    for k in range(4):
        predict_bead(s, robot, text.replace("P4 = X(248,", f"P4 = X({240 + k},"), cache=cache)
    assert cache._held <= 20_000 + 10_000  # one move may overshoot until the next is dropped
    assert len(cache._moves) < 4 * 4


def test_the_predicted_seam_draws_in_view3d_and_answers_at_the_cursor(both_sides):
    s, _, _, full = both_sides
    for p in full.seams:
        n = len(p.s_mm)
        for a in (p.leg_lower_mm, p.leg_upper_mm, p.throat_mm, p.width_mm, p.level):
            assert a.shape == (n,)
        assert p.points_m.shape == (n, 3)
        welded = p.weld.bead.welded
        assert np.isfinite(p.points_m[welded]).all() and np.isnan(p.points_m[~welded]).all()
        # the bead centre lies within its legs of the seam's root line
        seam = s.seams[p.seam]
        root = np.asarray(seam.points_m)
        d = np.linalg.norm(np.cross(p.points_m[welded] - root[0], root[-1] - root[0]),
                           axis=1) / np.linalg.norm(root[-1] - root[0])
        assert d.max() * 1000.0 <= np.nanmax(p.leg_lower_mm) / 2
        segments, colours = View3D._bead_segments((p.points_m, p.level))
        assert len(segments) >= welded.sum() - 2 and len(colours) == len(segments)
        k = int(np.flatnonzero(welded)[len(np.flatnonzero(welded)) // 2])
        at = p.at(float(p.s_mm[k]) + 0.1)
        assert at == {"leg_lower_mm": float(p.leg_lower_mm[k]),
                      "leg_upper_mm": float(p.leg_upper_mm[k]),
                      "throat_mm": float(p.throat_mm[k]), "level": p.level[k]}


def test_messages_exist_in_both_languages_with_the_same_placeholders():
    from weldsim.i18n import catalog

    keys = [k for k in catalog("en") if k.startswith("predict.")]
    assert len(keys) >= 7
    for k in keys:
        assert placeholders(catalog("id")[k]) == placeholders(catalog("en")[k]), k


@pytest.mark.parametrize("sid, old, new", [
    ("butt-1g-weave", "P4 = X(197, 0, 0,", "P4 = X(190, 0.5, 0,"),  # a woven weld
    ("pipe-plate-2f", "P4 = X(-44.41, 35.97, 0,", "P4 = X(-44.3, 36.1, 0,"),  # a MOVEC via
])
def test_a_cached_prediction_after_an_edit_equals_a_fresh_one(sid, old, new):
    s, robot, text = _job(sid)
    assert old in text
    cache = PredictionCache()
    predict_bead(s, robot, text, cache=cache)
    misses = cache.misses
    edited = text.replace(old, new)
    cached = predict_bead(s, robot, edited, cache=cache)
    assert misses < cache.misses < 2 * misses  # some moves reused, some planned again
    fresh = predict_bead(s, robot, edited)
    assert cached.lines == fresh.lines and cached.problem == fresh.problem
    assert len(cached.seams) == len(fresh.seams) >= 1
    for a, b in zip(cached.seams, fresh.seams, strict=True):
        _assert_bead_equal(a, b.weld)
        np.testing.assert_array_equal(a.points_m, b.points_m)
        assert list(a.level) == list(b.level)


def test_repeated_predictions_compile_no_new_kernel_specialisation():
    from weldsim.prepare import used_signatures

    s, robot, text = _job("t-fillet-2f")
    cache = PredictionCache()
    predict_bead(s, robot, text, cache=cache)
    before = set(used_signatures())
    for k in range(3):
        predict_bead(s, robot, text.replace("P4 = X(248,", f"P4 = X({245 + k},"), cache=cache)
        predict_bead(s, robot, text, upto_line=_line_of(text, r"MOVEL P4\b"), cache=cache)
    assert set(used_signatures()) == before


@pytest.mark.slow
@settings(max_examples=12, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.tuples(st.sampled_from(["drop", "copy", "cut"]), st.integers(0, 40)),
                min_size=1, max_size=3))
def test_any_edit_of_a_reference_job_gives_a_prediction_never_an_exception(edits):
    s, robot, text = _job("t-fillet-2f-both-sides")
    lines = text.splitlines()
    for kind, k in edits:
        k %= len(lines)
        if kind == "drop":
            lines = lines[:k] + lines[k + 1:]
        elif kind == "copy":
            lines = lines[:k + 1] + lines[k:]
        else:
            lines = [*lines[:k], lines[k][: len(lines[k]) // 2], *lines[k + 1:]]
        if not lines:
            lines = [""]
    pred = predict_bead(s, robot, "\n".join(lines), cache=_SHARED)
    assert isinstance(pred.problem_line, int)
    if pred.problem is not None:
        render(pred.problem, "id")
    for p in pred.seams:
        assert p.points_m.shape == (len(p.s_mm), 3)


_SHARED = PredictionCache()
