"""Scoring: technique metrics in the seam frame and tolerance windows.

:func:`technique_metrics` measures a played trajectory (:class:`~weldsim.sim.trace.Trace`)
against the scenario's seams: aim, work and travel angles, CTWD, travel speed and weave per
sample while the arc burns, their summaries, the seam coverage, arc starts and ends and the
unwelded stretches (:class:`TechniqueMetrics`). :func:`seam_frame` is the seam frame on its
own. :func:`window_scores` and :func:`window_summary` score values against a scenario's
:class:`~weldsim.scenarios.spec.Window`; :func:`technique_window_summaries` does it for every
metric. Units: mm, deg, mm/s, Hz; every name carries its unit. Sees only arrays and the
scenario, never pybullet.

The grading builds on them: :mod:`~weldsim.scoring.rubric` (criteria, gates, the total),
:mod:`~weldsim.scoring.severity` (graded bead score), :mod:`~weldsim.scoring.setup` (the WPS),
:mod:`~weldsim.scoring.requirements` (the exercise's requirements),
:mod:`~weldsim.scoring.causes` and :mod:`~weldsim.scoring.findings` (cause-first findings as
messages) and :mod:`~weldsim.scoring.sweeps` (one-parameter sweeps of the reference job).
"""

from weldsim.scoring.metrics import (
    METRIC_NAMES,
    OFF_SEAM_MM,
    ArcEvent,
    SeamCoverage,
    Stat,
    TechniqueMetrics,
    technique_metrics,
    technique_window_summaries,
)
from weldsim.scoring.seam_frame import SeamFrame, is_closed, seam_frame, unwrap_closed
from weldsim.scoring.windows import WindowSummary, deviation, window_scores, window_summary

__all__ = [
    "METRIC_NAMES",
    "OFF_SEAM_MM",
    "ArcEvent",
    "SeamCoverage",
    "SeamFrame",
    "Stat",
    "TechniqueMetrics",
    "WindowSummary",
    "deviation",
    "is_closed",
    "seam_frame",
    "technique_metrics",
    "technique_window_summaries",
    "unwrap_closed",
    "window_scores",
    "window_summary",
]
