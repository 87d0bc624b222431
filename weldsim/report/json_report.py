"""The JSON report of a run (``schema_version`` 1).

Deterministic: the same scenario and job give the same bytes (no clock, no paths outside the
job's own name, floats rounded to fixed decimals, keys in a fixed order).
"""

from __future__ import annotations

import json
import math
from pathlib import Path

import numpy as np

from weldsim import __version__
from weldsim.i18n import render
from weldsim.scoring.metrics import METRIC_NAMES
from weldsim.weld.messages import cause_message, fix_message

__all__ = ["SCHEMA_VERSION", "event_list", "report_dict", "report_json"]

SCHEMA_VERSION = 1
_EVENT_TYPES = {"joint_limit": "joint_limit", "unreachable": "unreachable",
                "singularity": "singularity", "config_flip": "config_flip",
                "speed_limit": "speed_limit"}


def _num(x, digits: int = 4):
    """A JSON number rounded to ``digits`` decimals; None for NaN, inf or None."""
    if x is None:
        return None
    x = float(x)
    if not math.isfinite(x):
        return None
    value = round(x, digits)
    return 0.0 if value == 0.0 else value  # no "-0.0"


def _window(w):
    if w is None:
        return None
    return {"nominal": _num(w.nominal), "full": [_num(w.full_lo), _num(w.full_hi)],
            "zero": [_num(w.zero_lo), _num(w.zero_hi)]}


def event_list(run, lang: str = "en") -> list[dict]:
    """The run's events (collisions, motion problems, arc starts and ends off the seam) in time
    order: ``type``, ``line``, ``time_s``, ``detail`` (in ``lang``; the JSON report's are
    English)."""
    from weldsim.i18n import Qty
    from weldsim.report.i18n import text

    tr = run.trajectory
    events = [{"type": "collision", "line": c.line, "time_s": _num(c.start_s, 3),
               "detail": text(lang, "ev_collision_detail", link=c.link, other=c.other,
                              depth=Qty(c.depth_mm, "mm", 1))}
              for c in run.trace.contacts]
    events += [{"type": _EVENT_TYPES.get(p.kind, p.kind), "line": p.line,
                "time_s": _num(p.time_s, 3), "detail": p.text(lang)}
               for p in tr.problems]
    if run.metrics is not None:
        for ev in run.metrics.arc_starts + run.metrics.arc_ends:
            if not ev.on_seam:
                events.append({"type": "arc_off_seam", "line": ev.line,
                               "time_s": _num(ev.t_s, 3),
                               "detail": text(lang, f"ev_arc_{ev.kind}_off_seam",
                                              distance=Qty(ev.off_seam_mm, "mm", 1))})
    events.sort(key=lambda e: (e["time_s"] if e["time_s"] is not None else 0.0, e["line"],
                               e["type"]))
    return events


def _english(value) -> str:
    """A model's text (a message or, until every model builds messages, a string) in
    English, for the language-neutral JSON report."""
    from weldsim.report.i18n import model_text

    return model_text(value, "en")


def _messages(**fields) -> dict:
    """The message form (key and parameters) of those fields that are messages."""
    from weldsim.i18n import Message

    return {k: v.to_json() for k, v in fields.items() if isinstance(v, Message)}


def report_dict(run) -> dict:
    """The report of an :class:`weldsim.exercise.ExerciseRun` as plain JSON-ready data."""
    s = run.scenario
    card = run.card
    tr = run.trajectory
    report: dict = {
        "schema_version": SCHEMA_VERSION,
        "weldsim_version": __version__,
        "scenario": {"id": s.id, "version": s.version, "title": s.title.en,
                     "robot": s.robot, "required_level": s.required_level},
        "job": {"file": Path(run.job.filename).name, "name": run.job.program.name,
                "sha256": run.job_sha256},
        "mode": run.mode,
        "score": _num(card.score, 2),
        "passed": bool(card.passed),
        "excellent": bool(card.excellent),
        "iso5817_level": card.iso5817_level,
        "groups": {k: _num(v, 2) for k, v in card.groups.items()},
        "criteria": {
            name: {"score": _num(c.score, 2), "weight": _num(c.weight, 3),
                   "mean": _num(c.mean), "in_window": _num(c.in_window, 2),
                   "window": _window(c.window)}
            for name, c in card.criteria.items()
        },
    }
    metrics = {}
    if run.metrics is not None:
        for name in METRIC_NAMES:
            st = run.metrics.summary[name]
            metrics[name] = {"mean": _num(st.mean), "min": _num(st.min), "max": _num(st.max)}
    report["metrics"] = metrics
    defects = []
    for weld in run.welds:
        for imp in weld.imperfections:
            defects.append({
                "type": imp.type, "iso5817": imp.iso5817, "seam": weld.seam.id,
                "start_mm": _num(imp.start_mm, 2), "end_mm": _num(imp.end_mm, 2),
                "size_mm": _num(imp.size_mm, 3), "level": imp.level,
                "meets_required": bool(imp.meets_required),
                "cause": _english(cause_message(imp)), "fix": _english(fix_message(imp)),
            })
            msgs = _messages(cause=cause_message(imp), fix=fix_message(imp))
            if msgs:
                defects[-1]["messages"] = msgs
    report["defects"] = defects
    report["events"] = event_list(run, "en")
    report["gates"] = [{"type": g.name, "line": g.line, "time_s": _num(g.time_s, 3),
                        "detail": render(g.detail, "en"), "message": g.detail.to_json()}
                       for g in card.gates]
    report["findings"] = [
        {"kind": f.kind, "name": f.name, "points": _num(f.points, 2), "line": f.line,
         "seam": f.seam, "start_mm": _num(f.start_mm, 2), "end_mm": _num(f.end_mm, 2),
         "fails": bool(f.fails),
         "what": render(f.what, "en"), "cause": render(f.cause, "en"),
         "fix": render(f.fix, "en"),
         "consequences": [render(c, "en") for c in f.consequences],
         "messages": {"what": f.what.to_json(), "cause": f.cause.to_json(),
                      "fix": f.fix.to_json(),
                      "consequences": [c.to_json() for c in f.consequences]}}
        for f in card.findings
    ]
    report["setup"] = [{"name": c.name, "ok": bool(c.ok), "value": c.value,
                        "allowed": c.allowed, "line": c.line} for c in run.setup]
    report["cycle_time_s"] = _num(tr.cycle_time_s, 3)
    report["cycle_time_target_s"] = _num(s.cycle_time_target_s, 3)
    report["arc_time_s"] = _num(tr.arc_on_time_s, 3)
    seams = []
    if run.metrics is not None:
        for cov in run.metrics.seams:
            seams.append({"id": cov.seam_id, "length_mm": _num(cov.length_mm, 2),
                          "welded_mm": _num(cov.welded_mm, 2),
                          "unwelded_mm": [[_num(a, 2), _num(b, 2)] for a, b in cov.unwelded]})
        total = sum(c.length_mm for c in run.metrics.seams)
        report["weld_length_mm"] = _num(sum(c.welded_mm for c in run.metrics.seams), 2)
        report["seam_coverage"] = _num(sum(c.welded_mm for c in run.metrics.seams) / total, 4)
    else:
        report["weld_length_mm"] = 0.0
        report["seam_coverage"] = None
    report["seams"] = seams
    heat = [w.bead.summary.heat_input_kj_mm * w.bead.summary.welded_length_mm
            for w in run.welds if np.isfinite(w.bead.summary.heat_input_kj_mm)]
    lengths = [w.bead.summary.welded_length_mm for w in run.welds
               if np.isfinite(w.bead.summary.heat_input_kj_mm)]
    report["heat_input_kj_mm"] = _num(sum(heat) / sum(lengths), 4) if sum(lengths) else None
    report["bead"] = [{
        "seam": w.seam.id, "leg_lower_mm": _num(w.bead.summary.leg_lower_mm, 2),
        "leg_upper_mm": _num(w.bead.summary.leg_upper_mm, 2),
        "throat_mm": _num(w.bead.summary.throat_mm, 2),
        "design_throat_mm": _num(w.bead.summary.design_throat_mm, 2),
        "face_width_mm": _num(w.bead.summary.face_width_mm, 2),
        "penetration_mm": _num(w.bead.summary.penetration_mm, 2),
        "current_a": _num(w.bead.summary.current_a, 1),
        "wire_feed_m_min": _num(w.bead.summary.wire_feed_m_min, 2),
        "t85_s": _num(w.bead.summary.t85_s, 2),
    } for w in run.welds]
    return report


def report_json(run) -> str:
    """The report as JSON text (UTF-8, 2-space indent, trailing newline)."""
    return json.dumps(report_dict(run), indent=2, ensure_ascii=False, allow_nan=False) + "\n"
