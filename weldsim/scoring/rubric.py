"""The rubric: criteria, weights, gates, the total and pass/fail, and the findings a trainee
reads first (welding.md section 5).

- Technique (scenario weight, 45 % by default): each parameter's mean per-sample window score,
  weighted within the group (aim 30, CTWD 20, travel speed 20, work angle 15, travel angle 15,
  weave when weaving).
- Bead (40 %): the ISO 5817 bead score (B 100, C 80, D 60, worse 0, length-weighted).
- Setup (15 %): the conditions against the WPS (:mod:`weldsim.scoring.setup`).
- Gates fail the run whatever the total: a collision, burn-through, lack of fusion, settings
  that make a bead crack-prone.
- Pass: total >= the pass score, the weld meets the required level over its whole length and
  no gate; "excellent": >= the excellent score and level B.

Pure functions of the arrays and the scenario: no pybullet, no drawing.
"""

from __future__ import annotations

import itertools
import math
from dataclasses import dataclass

import numpy as np

from weldsim.i18n import Message
from weldsim.scenarios.spec import Scenario, Window
from weldsim.scoring.metrics import TechniqueMetrics
from weldsim.scoring.windows import WindowSummary, deviation, window_scores

__all__ = ["LEVEL_ORDER", "Criterion", "Finding", "Gate", "ScoreCard", "score_targets",
           "score_weld"]

#: ISO 5817 levels, best first; None (worse than D) comes after.
LEVEL_ORDER = ("B", "C", "D")
#: Depth-to-width ratio of the fused zone above which a bead is prone to solidification
#: (centre-line) cracking; published guidance puts the risk above 1.0-1.2 (heuristic).
CRACK_DEPTH_WIDTH_RATIO = 1.2


@dataclass(frozen=True, slots=True)
class Criterion:
    """One scored criterion of the report.

    Attributes
    ----------
    score : float
        0–100.
    weight : float
        Its share of the total (%), e.g. aim 13.5 = 45 % technique × 30/100.
    mean : float or None
        Mean of the measured value (in the window's unit) where there is one.
    in_window : float or None
        Percent of the arc-on length inside the full-marks band.
    window : Window or None
    """

    name: str
    score: float
    weight: float
    mean: float | None = None
    in_window: float | None = None
    window: Window | None = None


@dataclass(frozen=True, slots=True)
class Gate:
    """Something that fails a run whatever its score."""

    name: str  # stopped, collision, burn_through, lack_of_fusion, crack_risk, targets_missed
    line: int
    time_s: float | None
    detail: str


@dataclass(frozen=True, slots=True)
class Finding:
    """A fault as an instructor would point it out: what, where, why and the fix.

    Attributes
    ----------
    kind : str
        ``gate``, ``defect``, ``technique``, ``setup`` or ``program``.
    name : str
        The gate, imperfection, criterion or setting.
    points : float
        Score points it cost (gates: 100).
    line : int
        The job line to change (0 when none is known).
    start_mm, end_mm : float or None
        Where along the seam.
    seam : str or None
    what, cause, fix : str
        Plain words.
    """

    kind: str
    name: str
    points: float
    line: int
    start_mm: float | None
    end_mm: float | None
    seam: str | None
    what: str
    cause: str
    fix: str


@dataclass(frozen=True, eq=False)
class ScoreCard:
    """The graded run."""

    score: float
    passed: bool
    excellent: bool
    iso5817_level: str | None
    groups: dict[str, float]
    criteria: dict[str, Criterion]
    gates: tuple[Gate, ...]
    findings: tuple[Finding, ...]

    def worst(self, n: int = 3) -> tuple[Finding, ...]:
        """The ``n`` findings that cost most (gates first)."""
        return self.findings[:n]


def _level_rank(level: str | None) -> int:
    return LEVEL_ORDER.index(level) if level in LEVEL_ORDER else len(LEVEL_ORDER)


def _meets(level: str | None, required: str | None) -> bool:
    return required is None or _level_rank(level) <= _level_rank(required)


def _mean(values: np.ndarray) -> float | None:
    v = values[np.isfinite(values)]
    return float(v.mean()) if v.size else None


def _line_at(trajectory, idx: np.ndarray) -> int:
    """The most frequent job line among samples ``idx`` (0 when empty)."""
    if not idx.size:
        return 0
    lines = np.asarray(trajectory.line)[idx]
    values, counts = np.unique(lines, return_counts=True)
    return int(values[np.argmax(counts)])


def _worst_stretch(score: np.ndarray, s_mm: np.ndarray, idx: np.ndarray):
    """Indices (into ``idx``) of the longest run of samples scoring below full marks."""
    bad = np.isfinite(score) & (score < 1.0 - 1e-9)
    if not bad.any():
        return None
    edges = np.flatnonzero(np.diff(np.concatenate([[0], bad.astype(np.int8), [0]])))
    starts, ends = edges[::2], edges[1::2]
    k = int(np.argmax(ends - starts))
    return np.arange(starts[k], ends[k])


# -- technique advice ------------------------------------------------------------------------

_ADVICE = {
    "aim": ("the wire was aimed {mean:.1f} mm off the root on average",
            "an aim off the root puts the metal on one plate: unequal legs or lack of fusion",
            "re-teach the weld points so the wire tip is exactly on the root line (check it "
            "with step check and the torch view)"),
    "work_angle": ("the work angle was {mean:.0f}° (it should be {nominal:.0f}°)",
                   "a wrong work angle pushes the bead onto one plate: unequal legs and "
                   "undercut on the other",
                   "re-teach the torch orientation: {nominal:.0f}° from the lower plate (the "
                   "torch bisects a fillet joint)"),
    "travel_angle": ("the travel angle was {mean:+.0f}° (it should be {nominal:+.0f}°, push)",
                     "dragging or a steep lean makes an unstable arc, spatter and poor gas "
                     "cover",
                     "lean the torch {nominal:.0f}° toward the travel direction (push) at every "
                     "weld point"),
    "ctwd": ("the contact tip to work distance was {mean:.1f} mm (it should be "
             "{nominal:.0f} mm)",
             "a long stick-out lowers the current and lets air into the arc (porosity); a "
             "short one burns back and spatters",
             "move the weld points along the torch axis until the wire tip touches the root "
             "at {nominal:.0f} mm from the contact tip"),
    "travel_speed": ("the travel speed was {mean:.1f} mm/s (the WPS asks {nominal:.1f} mm/s)",
                     "too fast makes a small, convex bead and undercut; too slow a large bead "
                     "and cold lap",
                     "leave S= off the weld moves so they run at the WPS speed of the arc-start "
                     "condition"),
    "weave": ("the weave did not match the programmed pattern",
              "an irregular weave leaves the groove edges unfused or undercut",
              "check the WVC amplitude and frequency and that the torch is not slowed by a "
              "joint limit"),
}


def _technique(scenario: Scenario, metrics: TechniqueMetrics,
               windows: dict[str, WindowSummary], trajectory):
    """Criteria of the technique group and their findings."""
    rubric = scenario.rubric
    group_w = rubric.group_weights["technique"]
    on = np.flatnonzero(metrics.arc_on)
    weights = dict(rubric.technique_weights)
    weaving = "weave_amplitude_mm" in windows or "weave_frequency_hz" in windows
    if not weaving:
        weights.pop("weave", None)
    wsum = sum(weights.values()) or 1.0
    w = scenario.windows
    nominal_speed = scenario.wps.speed_mm_s.nominal
    parts = {
        "aim": (("aim_lateral_mm", "aim_vertical_mm"), "aim_mm"),
        "work_angle": (("work_angle_deg",), "work_angle_deg"),
        "travel_angle": (("travel_angle_deg",), "travel_angle_deg"),
        "ctwd": (("ctwd_mm",), "ctwd_mm"),
        "travel_speed": (("travel_speed_mm_s",), "travel_speed_pct"),
        "weave": (("weave_amplitude_mm", "weave_frequency_hz"), "weave_amplitude_mm"),
    }
    criteria: dict[str, Criterion] = {}
    findings: list[Finding] = []
    for name, weight in weights.items():
        metric_names, window_name = parts[name]
        summaries = [windows[m] for m in metric_names if m in windows]
        scores = [s.mean_score for s in summaries if not math.isnan(s.mean_score)]
        score = 100.0 * (float(np.mean(scores)) if scores else 0.0)
        in_band = [s.full_band_pct for s in summaries if not math.isnan(s.full_band_pct)]
        if name == "aim":
            mean = _mean(np.hypot(metrics.aim_lateral_mm[on], metrics.aim_vertical_mm[on]))
        elif name == "weave":
            mean = _mean(metrics.weave_amplitude_mm[on])
        else:
            mean = _mean(getattr(metrics, metric_names[0])[on])
        share = group_w * weight / wsum
        criteria[name] = Criterion(name, score, share, mean, min(in_band) if in_band else None,
                                   w.get(window_name))
        lost = share * (100.0 - score) / 100.0
        if lost < 0.05:
            continue
        # where: the longest stretch below full marks of the first metric of the criterion
        values = getattr(metrics, metric_names[0])[on]
        window = w[window_name]
        if name == "travel_speed":
            values = deviation(values, nominal_speed, percent=True)
        per_sample = window_scores(values, window) if name != "weave" else np.zeros(len(on))
        stretch = _worst_stretch(per_sample, metrics.s_mm[on], on)
        sel = on[stretch] if stretch is not None else on
        s_sel = metrics.s_mm[sel]
        seam_idx = int(metrics.seam[sel[0]]) if sel.size else -1
        nominal = nominal_speed if name == "travel_speed" else window.nominal
        what, cause, fix = _ADVICE[name]
        fmt = {"mean": mean if mean is not None else float("nan"), "nominal": nominal}
        findings.append(Finding(
            "technique", name, lost, _line_at(trajectory, sel),
            float(np.nanmin(s_sel)) if s_sel.size else None,
            float(np.nanmax(s_sel)) if s_sel.size else None,
            scenario.seams[seam_idx].id if seam_idx >= 0 else None,
            what.format(**fmt), cause, fix.format(**fmt)))
    group = sum(c.score * c.weight for c in criteria.values()) / group_w if group_w else 100.0
    return group, criteria, findings


def _seam_line(trajectory, weld, start_mm: float, end_mm: float) -> int:
    s = weld.samples.s_mm
    inside = (s >= start_mm - 1.0) & (s <= end_mm + 1.0)
    idx = weld.samples_idx[inside] if inside.any() else weld.samples_idx
    return _line_at(trajectory, idx)


def score_weld(scenario: Scenario, trajectory, trace, metrics: TechniqueMetrics,
               windows: dict[str, WindowSummary], welds, setup, *, alarm=None) -> ScoreCard:
    """Grade a welding exercise.

    Parameters
    ----------
    welds : sequence of weldsim.weld.seam_weld.SeamWeld
        The bead and imperfections of each seam the arc burned on.
    setup : sequence of SetupCheck
    alarm : weldsim.controller.Alarm, optional
        Why the controller stopped the robot: a ``stopped`` gate whose finding comes first.
    """
    from weldsim.scoring.setup import setup_score
    from weldsim.weld import bead_score, weld_level

    rubric = scenario.rubric
    gw = rubric.group_weights
    technique, criteria, findings = _technique(scenario, metrics, windows, trajectory)

    # bead: length-weighted over every seam; an unwelded seam scores 0
    total_len = sum(seam.length_m for seam in scenario.seams) * 1000.0
    by_seam = {w.index: w for w in welds}
    bead_points = 0.0
    all_imps = []
    for k, seam in enumerate(scenario.seams):
        length = seam.length_m * 1000.0
        if k in by_seam:
            imps = by_seam[k].imperfections
            bead_points += bead_score(list(imps), length) * length
            all_imps.extend((by_seam[k], imp) for imp in imps)
    bead = bead_points / total_len if total_len else 0.0
    level = weld_level([imp for _, imp in all_imps]) if len(welds) == len(scenario.seams) \
        else None
    criteria["bead"] = Criterion("bead", bead, gw["bead"])
    for weld, imp in all_imps:
        if not imp.graded or imp.level == "B":
            continue
        length = max(imp.length_mm, 1.0)
        lost = gw["bead"] * (100.0 - {"C": 80.0, "D": 60.0}.get(imp.level, 0.0)) / 100.0 * (
            length / total_len)
        where = f"{imp.start_mm:.0f}–{imp.end_mm:.0f} mm"
        level_txt = f"level {imp.level}" if imp.level else "worse than level D"
        findings.append(Finding(
            "defect", imp.type, lost, _seam_line(trajectory, weld, imp.start_mm, imp.end_mm),
            imp.start_mm, imp.end_mm, weld.seam.id,
            f"{imp.type.replace('_', ' ')} ({imp.size_mm:.1f} mm, {level_txt}) at {where}",
            imp.cause_text, imp.fix_text))
    for k, seam in enumerate(scenario.seams):
        if k not in by_seam:
            findings.append(Finding(
                "defect", "incomplete_weld", gw["bead"] * seam.length_m * 1000.0 / total_len,
                0, 0.0, seam.length_m * 1000.0, seam.id, f"seam {seam.id} was not welded",
                "the arc never burned on this seam", "add AS/AE and weld moves along it"))

    setup_pts = setup_score(list(setup))
    criteria["setup"] = Criterion("setup", setup_pts, gw["setup"])
    setup_total = sum(c.weight for c in setup) or 1.0
    for c in setup:
        if not c.ok:
            findings.append(Finding("setup", c.name, gw["setup"] * c.weight / setup_total,
                                    c.line, None, None, None,
                                    f"{c.name.replace('_', ' ')}: {c.value} (WPS: {c.allowed})",
                                    c.cause, c.fix))

    gates = _stopped_gate(alarm, trace)
    for weld, imp in all_imps:
        if imp.type in ("burn_through", "lack_of_fusion") and not imp.meets_required:
            gates.append(Gate(imp.type, _seam_line(trajectory, weld, imp.start_mm, imp.end_mm),
                              None, f"{imp.type.replace('_', ' ')} at {imp.start_mm:.0f}–"
                              f"{imp.end_mm:.0f} mm on seam {weld.seam.id}"))
    for weld in welds:
        b = weld.bead
        with np.errstate(invalid="ignore", divide="ignore"):
            ratio = np.where(b.welded, b.penetration_mm / b.face_width_mm, 0.0)
        if np.nanmax(ratio, initial=0.0) > CRACK_DEPTH_WIDTH_RATIO:
            gates.append(Gate("crack_risk", _line_at(trajectory, weld.samples_idx), None,
                              f"the bead on seam {weld.seam.id} is deeper than "
                              f"{CRACK_DEPTH_WIDTH_RATIO:g} times its width: it may crack "
                              "along its centre"))
    total = (gw["technique"] * technique + gw["bead"] * bead + gw["setup"] * setup_pts) / 100.0
    required = scenario.required_level
    passed = total >= rubric.pass_score and _meets(level, required) and not gates
    excellent = passed and total >= rubric.excellent_score and level == "B"
    findings = [_gate_finding(g, alarm) for g in gates] + sorted(
        findings, key=lambda f: (-f.points, f.line, f.name))
    return ScoreCard(total, passed, excellent, level,
                     {"technique": technique, "bead": bead, "setup": setup_pts},
                     criteria, tuple(gates), tuple(findings))


def _collision_gates(trace) -> list[Gate]:
    gates = []
    for c in trace.contacts:
        gates.append(Gate("collision", c.line, c.start_s,
                          f"the {c.link.replace('_', ' ')} touches {c.other} "
                          f"({c.depth_mm:.1f} mm deep)"))
    return gates


_GATE_TEXT = {
    "collision": ("the robot would crash here: the real robot stops with a collision alarm, "
                  "and the torch or the work is damaged",
                  "add an approach point above the work, or move this point away from the "
                  "part and the clamps; step-check the path slowly"),
    "burn_through": ("too much heat for the plate: the weld pool fell through",
                     "lower the current or raise the travel speed to the WPS values"),
    "lack_of_fusion": ("the weld metal did not fuse with the plate: the joint is not welded "
                       "there",
                       "aim the wire at the root with the WPS work angle, and keep the current "
                       "and speed in the WPS"),
    "crack_risk": ("a bead much deeper than wide cracks along its centre as it solidifies",
                   "lower the current or raise the voltage (a wider, flatter bead)"),
    "targets_missed": ("a target was not touched within its tolerance",
                       "jog to each target again, check the position in the USER frame and "
                       "re-teach the point"),
}


def _stopped_gate(alarm, trace) -> list[Gate]:
    """The gate of a robot the controller stopped, first of all, then the collision gates
    (but the touch that stopped it, which the stopped gate tells)."""
    collisions = _collision_gates(trace)
    if alarm is None:
        return collisions
    from weldsim.i18n import render

    if alarm.kind == "collision":
        collisions = [g for g in collisions if g.time_s != alarm.time_s]
    return [Gate("stopped", alarm.line, alarm.time_s, render(alarm.headline, "en")),
            *collisions]


def _gate_finding(g: Gate, alarm=None) -> Finding:
    if g.name == "stopped" and alarm is not None:
        from weldsim.i18n import render

        fixes = "; or ".join(render(f, "en") for f in alarm.fixes)
        return Finding("gate", g.name, 100.0, g.line, None, None, None, g.detail,
                       render(Message.of("ctl.stopped_cause"), "en"), fixes)
    cause, fix = _GATE_TEXT[g.name]
    return Finding("gate", g.name, 100.0, g.line, None, None, None, g.detail, cause, fix)


# -- jog-basics: targets ---------------------------------------------------------------------

def _band(err: float, tol: float) -> float:
    """1 within the tolerance, falling linearly to 0 at three times it."""
    return float(np.clip((3.0 * tol - err) / (2.0 * tol), 0.0, 1.0))


def score_targets(scenario: Scenario, trajectory, trace, *, alarm=None) -> ScoreCard:
    """Grade a touch-the-targets exercise: each target's closest approach (position and torch
    axis against its tolerances, full marks inside, zero at three times), the order, the
    cycle time against the target, and collisions (a gate).

    Weights: targets 70, order 15, cycle time 15; pass: every target within its tolerances,
    in order, no collision, score >= 70.
    """
    p = trace.T_world_tcp[:, :3, 3]
    z = trace.T_world_tcp[:, :3, 2]
    scores, hits, findings = [], [], []
    gates = _stopped_gate(alarm, trace)
    for target in scenario.targets:
        d_mm = np.linalg.norm(p - target.position_m, axis=1) * 1000.0
        ang = np.degrees(np.arccos(np.clip(z @ target.axis, -1.0, 1.0)))
        inside = (d_mm <= target.tolerance_mm) & (ang <= target.tolerance_deg)
        i = int(np.argmax(inside)) if inside.any() else int(np.argmin(d_mm + ang))
        score = min(_band(d_mm[i], target.tolerance_mm), _band(ang[i], target.tolerance_deg))
        scores.append(score)
        hits.append(trace.t[i] if inside.any() else None)
        if not inside.any():
            gates.append(Gate("targets_missed", int(trace.line[i]), float(trace.t[i]),
                              f"{target.name}: closest {d_mm[i]:.1f} mm and {ang[i]:.1f}° "
                              f"(allowed {target.tolerance_mm:g} mm, "
                              f"{target.tolerance_deg:g}°)"))
    touched = [t for t in hits if t is not None]
    in_order = len(touched) == len(hits) and all(a < b for a, b in itertools.pairwise(touched))
    target_score = 100.0 * float(np.mean(scores)) if scores else 0.0
    order_score = 100.0 if in_order else 0.0
    goal = scenario.cycle_time_target_s
    cycle = trajectory.cycle_time_s
    time_score = 100.0 * float(np.clip((2.0 * goal - cycle) / goal, 0.0, 1.0))
    criteria = {
        "targets": Criterion("targets", target_score, 70.0, None,
                             100.0 * sum(h is not None for h in hits) / max(len(hits), 1)),
        "order": Criterion("order", order_score, 15.0),
        "cycle_time": Criterion("cycle_time", time_score, 15.0, cycle),
    }
    if not in_order and len(touched) == len(hits):
        findings.append(Finding("program", "order", 15.0, 0, None, None, None,
                                "the targets were touched out of order",
                                "the exercise asks for T1 to T5 in turn",
                                "reorder the moves so the targets come in order"))
    if time_score < 100.0:
        findings.append(Finding("program", "cycle_time", 15.0 * (100 - time_score) / 100, 0,
                                None, None, None,
                                f"the program takes {cycle:.1f} s (target {goal:g} s)",
                                "slow joint moves and detours cost time",
                                "raise R= on the air moves and go straight between targets"))
    total = (70.0 * target_score + 15.0 * order_score + 15.0 * time_score) / 100.0
    passed = total >= 70.0 and in_order and not gates
    findings = [_gate_finding(g, alarm) for g in gates] + sorted(findings,
                                                                 key=lambda f: -f.points)
    return ScoreCard(total, passed, passed and total >= 85.0, None,
                     {"targets": target_score, "order": order_score, "cycle_time": time_score},
                     criteria, tuple(gates), tuple(findings))
