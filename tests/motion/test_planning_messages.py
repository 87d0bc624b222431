"""A job the planner cannot plan is refused with a located message in the reader's
language: the same English as before, Indonesian with no English left."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "i18n"))
from english_check import english_in
from test_motion_planner import AEC, ASC, HOME, X, robot, weld_job  # noqa: F401

from weldsim.motion import PlanningError, plan
from weldsim.motion.weave import WeavePattern, WeaveSpec
from weldsim.program.model import (
    ArcEnd,
    ArcStart,
    MoveC,
    MoveP,
    Program,
    WeaveCondition,
    WeaveStart,
)


@pytest.mark.parametrize(("instructions", "line", "english", "indonesian"), [
    ((ArcStart(ASC, line=2), ArcStart(ASC, line=3)), 3, "AS while the arc is already on",
     "AS padahal busur sudah menyala"),
    ((ArcEnd(AEC, line=2),), 2, "AE while the arc is off", "AE padahal busur mati"),
    ((WeaveStart(WeaveCondition("SINE", 1e-3, 1.0), line=2),), 2,
     "weaving is only allowed while the arc is on", "weaving hanya boleh saat busur menyala"),
    ((ArcStart(ASC, line=2), MoveP(X(800, 0, 300), line=3)), 3, "MOVEP inside a weld",
     "MOVEP di tengah pengelasan"),
])
def test_ordering_errors_in_both_languages(robot, instructions, line, english,  # noqa: F811
                                           indonesian):
    with pytest.raises(PlanningError) as info:
        plan(Program("O", instructions=instructions), robot, home_q=HOME)
    exc = info.value
    assert exc.line == line
    assert str(exc) == exc.text("en") == f"<job>:{line}: error: {english}"
    assert exc.text("id").startswith(f"<job>:{line}: kesalahan: {indonesian}")
    assert not english_in(exc.text("id").replace("<job>", "")), exc.text("id")


@pytest.mark.parametrize(("via", "end", "indonesian"), [
    (X(800, 0, 300), X(800, 50, 300), "titik awal, via dan akhir segaris"),
    (X(800, 50, 300), X(800, 50, 300), "titik via dan akhir berimpit"),
])
def test_a_degenerate_arc_in_indonesian(robot, via, end, indonesian):  # noqa: F811
    with pytest.raises(PlanningError) as info:
        plan(weld_job(MoveC(via, end, line=10)), robot, home_q=HOME)
    text = info.value.text("id")
    assert text.startswith("<job>:10: kesalahan: busur lingkaran: ") and indonesian in text
    assert not english_in(text.replace("<job>", "")), text
    assert "circular arc" in str(info.value)


def test_weave_dwells_that_fill_the_period_in_indonesian():
    with pytest.raises(ValueError) as info:
        WeaveSpec(WeavePattern.SINE, 1e-3, 2.0, 0.2, 0.1, 0.2)
    assert "fill the whole period 0.5 s at 2 Hz" in str(info.value)
    text = info.value.text("id")
    assert "mengisi seluruh periode 0.5 s pada 2 Hz" in text
    assert not english_in(text), text
