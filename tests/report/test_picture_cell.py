"""The report's picture is rendered in the cell that played the job (no second cell), and it is
the same picture a new cell gives."""

from __future__ import annotations

import numpy as np

from weldsim.exercise import run_exercise
from weldsim.report.html import cell_picture
from weldsim.scenarios.loader import load_scenario
from weldsim.sim import Cell


def test_picture_from_the_cell_that_played_equals_a_fresh_cells(monkeypatch):
    scenario = load_scenario("t-fillet-2f")
    with Cell(scenario) as cell:
        run = run_exercise(scenario, scenario.reference_job, cell=cell)

        def no_second_cell(*args, **kwargs):
            raise AssertionError("the picture built a second cell")

        monkeypatch.setattr(Cell, "__init__", no_second_cell)
        held = cell_picture(run, cell=cell)
        monkeypatch.undo()
    fresh = cell_picture(run)
    assert held.shape == (600, 800, 3) and held.dtype == np.uint8
    assert np.array_equal(held, fresh)
