"""A stretch where the wire axis meets no work: the CTWD finding says so (no "nan mm")."""

from __future__ import annotations

from dataclasses import replace

import numpy as np

from weldsim.exercise import run_exercise
from weldsim.i18n import render
from weldsim.scenarios.loader import SCENARIOS_DIR
from weldsim.scoring.metrics import technique_window_summaries
from weldsim.scoring.rubric import _technique


def test_a_wire_meeting_no_work_is_named_not_averaged():
    run = run_exercise("t-fillet-2f", SCENARIOS_DIR / "t-fillet-2f.job")
    m = run.metrics
    on = np.flatnonzero(m.on_seam)
    ctwd = np.array(m.ctwd_mm, copy=True)
    lost = on[len(on) // 3: len(on) // 2]  # a sixth of the weld: the ray hits nothing
    ctwd[lost] = np.nan
    broken = replace(m, ctwd_mm=ctwd)
    windows = technique_window_summaries(broken, run.scenario, run.trajectory)
    _group, criteria, findings = _technique(run.scenario, broken, windows, run.trajectory,
                                            run.trace, run.job.program)
    assert criteria["ctwd"].score < 100.0
    (finding,) = [f for f in findings if f.name == "ctwd"]
    for lang in ("en", "id"):
        text = " ".join(render(x, lang) for x in (finding.what, finding.cause, finding.fix))
        assert "nan" not in text.lower()
    assert "meets no work" in render(finding.what, "en")
    # the finding's place is the stretch that lost the points
    s = np.asarray(m.s_mm)[lost]
    assert finding.start_mm <= float(s.min()) + 1.0
    assert finding.end_mm >= float(s.max()) - 1.0
