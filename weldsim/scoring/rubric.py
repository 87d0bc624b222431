"""The rubric: criteria, weights, gates, requirements, the total and pass/fail, and the findings
a trainee reads first (welding.md section 5).

- Technique (scenario weight, 45 % by default): each parameter's mean per-sample window score,
  weighted within the group (aim 30, CTWD 20, travel speed 20, work angle 15, travel angle 15,
  weave when weaving). The aim is the distance of the wire from the root as the bead sees it
  (:mod:`weldsim.scoring.metrics`).
- Bead (40 %): the graded ISO 5817 bead score (:mod:`weldsim.scoring.severity`): each
  imperfection costs in proportion to its size against its limits, length-weighted.
- Setup (15 %): the conditions against the WPS, graded by how far outside
  (:mod:`weldsim.scoring.setup`).
- Requirements: each unmet requirement of the exercise (:mod:`weldsim.scoring.requirements`)
  costs its points off the total and fails the run.
- Gates fail the run whatever the total: a collision, burn-through, lack of fusion, settings
  that make a bead crack-prone (and a robot that stopped).
- Pass: total >= the pass score, the weld meets the required level over its whole length, every
  requirement met and no gate. "Excellent": passed, >= the excellent score, level B, current,
  voltage, speed and heat input inside the WPS and the travel angle inside its window.

Findings come cause first (:mod:`weldsim.scoring.findings`): a setting, a taught point or a
requirement, with the imperfections and gates it explains under it.

Pure functions of the arrays and the scenario: no pybullet, no drawing, no prose.
"""

from __future__ import annotations

import itertools
import math
from dataclasses import dataclass, replace

import numpy as np

from weldsim.i18n import Message, Qty
from weldsim.scenarios.spec import Scenario, Window
from weldsim.scoring import severity
from weldsim.scoring.causes import aim_move, lines_of, weld_points
from weldsim.scoring.findings import (
    Consequence,
    Finding,
    Gate,
    group_consequences,
    mm,
    order_findings,
)
from weldsim.scoring.metrics import TechniqueMetrics, technique_window_summaries
from weldsim.scoring.requirements import check_requirements
from weldsim.scoring.windows import WindowSummary, deviation, window_scores, window_summary

__all__ = ["CAUSE_ROOTS", "LEVEL_ORDER", "Criterion", "Finding", "Gate", "ScoreCard",
           "score_targets", "score_weld"]

#: ISO 5817 levels, best first; None (worse than D) comes after.
LEVEL_ORDER = ("B", "C", "D")
#: Depth-to-width ratio of the fused zone above which a bead is prone to solidification
#: (centre-line) cracking; published guidance puts the risk above 1.0-1.2 (heuristic).
CRACK_DEPTH_WIDTH_RATIO = 1.2
#: A technique criterion that costs less than this (points) makes no finding.
MIN_FINDING_POINTS = 0.25
#: Restart consequences: an imperfection this close to a restart (mm) belongs to it.
_RESTART_NEAR_MM = 15.0
_M = Message.of

#: The root findings that explain each cause the weld model names, most likely first:
#: setup checks (current, voltage, speed, gas_flow, heat_input), technique criteria (aim,
#: work_angle, travel_angle, ctwd, travel_speed, weave) and requirements.
CAUSE_ROOTS: dict[str, tuple[str, ...]] = {
    "arc_too_strong": ("current", "speed", "heat_input", "travel_speed"),
    "voltage_high": ("voltage",),
    "voltage_low": ("voltage",),
    "work_angle": ("work_angle",),
    "weave_no_dwell": ("weave_missing", "weave_amplitude", "weave"),
    "ctwd_long": ("ctwd",),
    "ctwd": ("ctwd",),
    "gas_flow": ("gas_flow", "gas"),
    "travel_angle": ("travel_angle",),
    "too_fast": ("speed", "travel_speed", "heat_input"),
    "too_slow": ("speed", "travel_speed", "heat_input"),
    "aim_off_root": ("aim",),
    "aim": ("aim",),
    "low_heat": ("current", "speed", "voltage", "heat_input", "travel_speed"),
    "pool_riding": ("speed", "travel_speed", "current", "heat_input"),
    "current_high_slow": ("current", "speed", "heat_input", "travel_speed"),
    "gap_wide": (),
    "legs_unequal": ("aim", "work_angle"),
    "bead_too_small": ("speed", "current", "travel_speed", "heat_input", "aim"),
    "bead_too_large": ("current", "speed", "travel_speed", "heat_input"),
    "stop_or_overlap": ("speed", "travel_speed"),
    "gravity": ("work_angle", "aim"),
    "no_crater_fill": ("crater_fill",),
    "crater_fill_short": ("crater_fill",),
    "not_welded": ("past_end", "stray_arc"),
}


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


@dataclass(frozen=True, eq=False)
class ScoreCard:
    """The graded run.

    Attributes
    ----------
    groups : dict of str to float
        Group scores 0–100 (``requirements``: 100 minus the points the unmet requirements
        cost).
    requirements_met : bool
        Every requirement of the exercise met.
    """

    score: float
    passed: bool
    excellent: bool
    iso5817_level: str | None
    groups: dict[str, float]
    criteria: dict[str, Criterion]
    gates: tuple[Gate, ...]
    findings: tuple[Finding, ...]
    requirements_met: bool = True

    def worst(self, n: int = 3) -> tuple[Finding, ...]:
        """The ``n`` findings to fix first (failing ones first, then by points)."""
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


def _worst_stretch(score: np.ndarray):
    """Indices of the longest run of samples scoring below full marks."""
    bad = np.isfinite(score) & (score < 1.0 - 1e-9)
    if not bad.any():
        return None
    edges = np.flatnonzero(np.diff(np.concatenate([[0], bad.astype(np.int8), [0]])))
    starts, ends = edges[::2], edges[1::2]
    k = int(np.argmax(ends - starts))
    return np.arange(starts[k], ends[k])


# -- technique -------------------------------------------------------------------------------

_PARTS = {
    "aim": ("aim_mm", "aim_mm"),
    "work_angle": ("work_angle_deg", "work_angle_deg"),
    "travel_angle": ("travel_angle_deg", "travel_angle_deg"),
    "ctwd": ("ctwd_mm", "ctwd_mm"),
    "travel_speed": ("travel_speed_mm_s", "travel_speed_pct"),
    "weave": ("weave_amplitude_mm", "weave_amplitude_mm"),
}


def _aim_mm(metrics: TechniqueMetrics) -> np.ndarray:
    """The aim's distance from the root (mm): one of lateral and vertical is 0."""
    return np.hypot(metrics.aim_lateral_mm, metrics.aim_vertical_mm)


def _technique_finding(name: str, scenario: Scenario, metrics: TechniqueMetrics, trajectory,
                       trace, program, sel: np.ndarray, lost: float, nominal: float):
    """The finding of one technique criterion over samples ``sel``, cause first."""
    lines = lines_of(trajectory, sel)
    pts = weld_points(program, lines)
    s_sel = metrics.s_mm[sel]
    seam_idx = int(metrics.seam[sel[0]])
    seam = scenario.seams[seam_idx]
    line = _line_at(trajectory, sel)
    where = (float(np.nanmin(s_sel)), float(np.nanmax(s_sel)))
    measured = {"aim": _aim_mm(metrics), "work_angle": metrics.work_angle_deg,
                "travel_angle": metrics.travel_angle_deg,
                "travel_speed": metrics.travel_speed_mm_s}.get(name)
    if measured is not None and not np.isfinite(np.asarray(measured)[sel]).any():
        # nothing measured where the points were lost: say so, never average nothing
        key = "travel_speed.missing" if name == "travel_speed" else "unmeasured"
        return Finding("technique", name, lost, line, where[0], where[1], seam.id,
                       _M(f"finding.technique.{key}.what", points=pts,
                          criterion=_M(f"report.short_{name}")),
                       _M(f"finding.technique.{key}.cause"),
                       _M(f"finding.technique.{key}.fix", points=pts, line=line))
    if name == "aim":
        lat = metrics.aim_lateral_mm[sel]
        vert = metrics.aim_vertical_mm[sel]
        T = np.asarray(trace.T_world_tcp)[sel]
        direction, dist, frame = aim_move(scenario, seam, program, T[:, :3, 3], T[:, :3, 2],
                                          lat, vert)
        ml, mv = float(np.nanmean(lat)), float(np.nanmean(vert))
        fillet = seam.joint.startswith("fillet")
        side = ("lower" if ml >= 0 else "across") if abs(ml) >= abs(mv) else (
            "upper" if mv >= 0 else "below")
        if not fillet:
            side = "across"
        what = _M("finding.technique.aim.what", points=pts,
                  offset=mm(max(abs(ml), abs(mv))), side=_M(f"finding.side.{side}"))
        fix = _M("finding.technique.aim.fix", points=pts, distance=mm(dist),
                 direction=direction, frame=frame)
    elif name == "ctwd":
        ctwd = metrics.ctwd_mm[sel]
        missing = np.isnan(ctwd)
        if 2 * np.count_nonzero(missing) > missing.size:
            # the wire axis meets no work here: no stick-out to judge, the torch points past
            # the joint (scored 0, like the window's missing samples)
            return Finding("technique", name, lost, line, where[0], where[1], seam.id,
                           _M("finding.technique.ctwd.missing.what", points=pts),
                           _M("finding.technique.ctwd.missing.cause"),
                           _M("finding.technique.ctwd.missing.fix", points=pts))
        v = float(np.mean(ctwd[~missing]))
        way = "long" if v > nominal else "short"
        what = _M("finding.technique.ctwd.what", points=pts, value=mm(v),
                  nominal=mm(nominal, 0))
        fix = _M(f"finding.technique.ctwd.fix.{way}", points=pts, delta=mm(abs(v - nominal)))
    elif name in ("work_angle", "travel_angle"):
        v = float(np.nanmean(getattr(metrics, f"{name}_deg")[sel]))
        way = "high" if v > nominal else "low"
        what = _M(f"finding.technique.{name}.what", points=pts, value=Qty(v, "deg", 0),
                  nominal=Qty(nominal, "deg", 0))
        fix = _M(f"finding.technique.{name}.fix.{way}", points=pts,
                 delta=Qty(abs(v - nominal), "deg", 0), nominal=Qty(nominal, "deg", 0))
    elif name == "travel_speed":
        v = float(np.nanmean(metrics.travel_speed_mm_s[sel]))
        what = _M("finding.technique.travel_speed.what", points=pts,
                  value=Qty(v * 6.0, "cm/min", 0), nominal=Qty(nominal * 6.0, "cm/min", 0))
        fix = _M("finding.technique.travel_speed.fix", line=line)
    else:  # weave
        amp = _mean(metrics.weave_amplitude_mm[sel])
        freq = _mean(metrics.weave_frequency_hz[sel])
        what = _M("finding.technique.weave.what", amplitude=mm(amp if amp is not None else 0.0),
                  frequency=Qty(freq if freq is not None else 0.0, "Hz", 1))
        fix = _M("finding.technique.weave.fix")
    return Finding("technique", name, lost, line, where[0], where[1], seam.id, what,
                   _M(f"finding.technique.{name}.cause"), fix)


def _technique(scenario: Scenario, metrics: TechniqueMetrics,
               windows: dict[str, WindowSummary], trajectory, trace, program):
    """Criteria of the technique group and their findings."""
    rubric = scenario.rubric
    group_w = rubric.group_weights["technique"]
    # the technique is judged on the seam; an arc elsewhere is a requirement's finding
    if not windows or np.any(np.asarray(metrics.arc_on) != np.asarray(metrics.on_seam)):
        seam_only = replace(metrics, arc_on=np.asarray(metrics.on_seam))
        windows = technique_window_summaries(seam_only, scenario, trajectory)
    on = np.flatnonzero(metrics.on_seam)
    weights = dict(rubric.technique_weights)
    weaving = "weave_amplitude_mm" in windows or "weave_frequency_hz" in windows
    if not weaving:
        weights.pop("weave", None)
    wsum = sum(weights.values()) or 1.0
    w = scenario.windows
    nominal_speed = scenario.wps.speed_mm_s.nominal
    summaries_of = dict(windows)
    aim = _aim_mm(metrics)
    if "aim_mm" in w:
        summaries_of["aim_mm"] = window_summary(aim[on], w["aim_mm"], metrics.length_mm[on])
    criteria: dict[str, Criterion] = {}
    findings: list[Finding] = []
    for name, weight in weights.items():
        metric_name, window_name = _PARTS[name]
        names = [metric_name] + (["weave_frequency_hz"] if name == "weave" else [])
        summaries = [summaries_of[m] for m in names if m in summaries_of]
        scores = [s.mean_score for s in summaries if not math.isnan(s.mean_score)]
        score = 100.0 * (float(np.mean(scores)) if scores else 0.0)
        in_band = [s.full_band_pct for s in summaries if not math.isnan(s.full_band_pct)]
        values = aim[on] if name == "aim" else getattr(metrics, metric_name)[on]
        mean = _mean(values)
        share = group_w * weight / wsum
        criteria[name] = Criterion(name, score, share, mean, min(in_band) if in_band else None,
                                   w.get(window_name))
        lost = share * (100.0 - score) / 100.0
        if lost < MIN_FINDING_POINTS or not on.size:
            continue
        window = w[window_name]
        scored = deviation(values, nominal_speed, percent=True) if name == "travel_speed" \
            else values
        per_sample = window_scores(scored, window) if name != "weave" else np.zeros(len(on))
        if name == "ctwd":  # a wire that meets no work scores 0 (see the CTWD summary)
            per_sample = np.where(np.isnan(values), 0.0, per_sample)
        stretch = _worst_stretch(per_sample)
        sel = on[stretch] if stretch is not None else on
        nominal = nominal_speed if name == "travel_speed" else window.nominal
        findings.append(_technique_finding(name, scenario, metrics, trajectory, trace, program,
                                           sel, lost, nominal))
    group = sum(c.score * c.weight for c in criteria.values()) / group_w if group_w else 100.0
    return group, criteria, findings


# -- bead ------------------------------------------------------------------------------------

_MEASURES = {
    "insufficient_throat": "finding.measure.throat_short",
    "excess_throat": "finding.measure.throat_over",
    "leg_asymmetry": "finding.measure.legs",
    "incomplete_weld": "finding.measure.unwelded",
}


def _level_msg(level: str | None) -> Message:
    return _M(f"finding.level.{level or 'none'}")


def _defect_what(v: severity.ImperfectionView) -> Message:
    """``throat 3.5 mm, 0.7 mm short of a4 at 120–250 mm (worse than level D)``."""
    kind = _M(f"finding.kind.{v.kind}")
    h = v.size_mm
    if v.kind in ("insufficient_throat", "excess_throat"):
        a = v.design_throat_mm
        throat = a - h if v.kind == "insufficient_throat" else a + h
        measure = _M(_MEASURES[v.kind], throat=mm(throat), size=mm(h), design=f"{a:g}")
    elif v.kind == "leg_asymmetry":
        legs = v.params.get("leg_lower_mm"), v.params.get("leg_upper_mm")
        measure = _M("finding.measure.legs", lower=mm(legs[0] or 0.0), upper=mm(legs[1] or 0.0),
                     size=mm(h))
    elif v.kind == "incomplete_weld":
        measure = _M("finding.measure.unwelded", length=mm(v.end_mm - v.start_mm, 0))
    else:
        measure = _M(f"finding.measure.{v.kind}", size=mm(h))
    return _M("finding.defect.what", kind=kind, measure=measure, start=mm(v.start_mm, 0),
              end=mm(v.end_mm, 0), level=_level_msg(v.level) if v.graded else "")


def _seam_line(trajectory, weld, start_mm: float, end_mm: float) -> int:
    s = weld.samples.s_mm
    inside = (s >= start_mm - 1.0) & (s <= end_mm + 1.0)
    idx = weld.samples_idx[inside] if inside.any() else weld.samples_idx
    return _line_at(trajectory, idx)


def _bead(scenario: Scenario, trajectory, welds, restarts):
    """Bead score, level, imperfection consequences and gates."""
    from weldsim.weld import weld_level

    gw = scenario.rubric.group_weights["bead"]
    total_len = sum(seam.length_m for seam in scenario.seams) * 1000.0
    by_seam = {w.index: w for w in welds}
    points = 0.0
    consequences: list[Consequence] = []
    gates: list[Gate] = []
    all_imps = []
    for k, seam in enumerate(scenario.seams):
        length = seam.length_m * 1000.0
        if k not in by_seam:
            consequences.append(Consequence(Finding(
                "defect", "incomplete_weld", gw * length / total_len, 0, 0.0, length, seam.id,
                _M("finding.defect.not_welded.what", seam=seam.id),
                _M("finding.defect.not_welded.cause"), _M("finding.defect.not_welded.fix")),
                ()))
            continue
        weld = by_seam[k]
        views = [severity.view(weld, imp) for imp in weld.imperfections]
        all_imps.extend(weld.imperfections)
        seam_score = severity.bead_score(views, length)
        points += seam_score * length
        near = [r for r in restarts if r.seam == seam.id]
        # each imperfection's share of what the seam lost (overlapping ones share it)
        raw = []
        for v in views:
            a, b = v.footprint_mm
            raw.append(v.loss * max(0.0, min(b, length) - max(a, 0.0)))
        scale = (gw * (100.0 - seam_score) / 100.0 * length / total_len) / sum(raw) \
            if sum(raw) > 0 else 0.0
        for v, share in zip(views, raw, strict=True):
            if not v.graded or (v.loss <= 0.0 and v.level == "B"):
                continue
            lost = share * scale
            line = _seam_line(trajectory, weld, v.start_mm, v.end_mm)
            gate = v.kind in ("burn_through", "lack_of_fusion") and not v.meets_required
            what = _defect_what(v)
            f = Finding("defect", v.kind, max(lost, 0.0), line, v.start_mm, v.end_mm, seam.id,
                        what, _M(f"finding.defect.{v.kind}.cause"),
                        _M(f"finding.defect.{v.kind}.fix"), fails=gate)
            roots = CAUSE_ROOTS.get(v.cause, ())
            if any(v.start_mm - _RESTART_NEAR_MM <= r.s_mm <= v.end_mm + _RESTART_NEAR_MM
                   for r in near) and v.kind in ("incomplete_weld", "end_crater",
                                                 "excess_throat"):
                roots = ("restart_overlap", *roots)
            consequences.append(Consequence(f, roots))
            if gate:
                gates.append(Gate(v.kind, line, None, what, v.cause, v.start_mm, v.end_mm,
                                  seam.id))
    for weld in welds:
        b = weld.bead
        with np.errstate(invalid="ignore", divide="ignore"):
            ratio = np.where(b.welded, b.penetration_mm / b.face_width_mm, 0.0)
        worst = float(np.nanmax(ratio, initial=0.0))
        if worst > CRACK_DEPTH_WIDTH_RATIO:
            line = _line_at(trajectory, weld.samples_idx)
            detail = _M("finding.gate.crack_risk.what", seam=weld.seam.id,
                        ratio=Qty(worst, "", 1), limit=Qty(CRACK_DEPTH_WIDTH_RATIO, "", 1))
            gates.append(Gate("crack_risk", line, None, detail, "crack", None, None,
                              weld.seam.id))
            consequences.append(Consequence(Finding(
                "gate", "crack_risk", 0.0, line, None, None, weld.seam.id, detail,
                _M("finding.gate.crack_risk.cause"), _M("finding.gate.crack_risk.fix"),
                fails=True), ("current", "voltage", "heat_input")))
    bead = points / total_len if total_len else 0.0
    level = weld_level(all_imps) if len(welds) == len(scenario.seams) else None
    return bead, level, consequences, gates


# -- gates -----------------------------------------------------------------------------------

def _collision_gates(trace) -> list[Gate]:
    gates = []
    for c in trace.contacts:
        gates.append(Gate("collision", c.line, c.start_s,
                          _M("finding.gate.collision.what", link=c.link.replace("_", " "),
                             other=c.other, depth=mm(c.depth_mm))))
    return gates


def _stopped_gate(alarm, trace) -> list[Gate]:
    """The ``stopped`` gate of a robot the controller stopped (:class:`weldsim.controller.Alarm`),
    then the collision gates but the touch that stopped it, which the stopped gate tells."""
    collisions = _collision_gates(trace)
    if alarm is None:
        return collisions
    if alarm.kind == "collision":
        collisions = [g for g in collisions if g.time_s != alarm.time_s]
    return [Gate("stopped", alarm.line, alarm.time_s, alarm.headline), *collisions]


def _stopped_first(findings: tuple[Finding, ...]) -> tuple[Finding, ...]:
    """The robot's stop leads every list: nothing after it was welded as programmed."""
    return (tuple(f for f in findings if f.name == "stopped")
            + tuple(f for f in findings if f.name != "stopped"))


def _gate_finding(g: Gate, alarm=None) -> Finding:
    if g.name == "stopped" and alarm is not None:
        return Finding("gate", g.name, 0.0, g.line, None, None, None, g.detail,
                       _M("ctl.stopped_cause"),
                       _M("finding.gate.stopped.fix", fixes=tuple(alarm.fixes)), fails=True)
    return Finding("gate", g.name, 0.0, g.line, g.start_mm, g.end_mm, g.seam, g.detail,
                   _M(f"finding.gate.{g.name}.cause"), _M(f"finding.gate.{g.name}.fix"),
                   fails=True)


# -- the card --------------------------------------------------------------------------------

def _measured_in_wps(scenario: Scenario, metrics: TechniqueMetrics) -> bool:
    """The torch's mean travel angle inside its window and its mean travel speed inside the
    WPS (what the robot did, whatever the job wrote)."""
    on = np.asarray(metrics.on_seam)
    w = scenario.windows.get("travel_angle_deg")
    angle = _mean(metrics.travel_angle_deg[on])
    if w is not None and angle is not None and not w.zero_lo <= angle <= w.zero_hi:
        return False
    speed = _mean(metrics.travel_speed_mm_s[on])
    r = scenario.wps.speed_mm_s
    return speed is None or r.min - 1e-6 <= speed <= r.max + 1e-6


def score_weld(scenario: Scenario, trajectory, trace, metrics: TechniqueMetrics,
               windows: dict[str, WindowSummary], welds, setup, *, program=None,
               alarm=None) -> ScoreCard:
    """Grade a welding exercise.

    Parameters
    ----------
    welds : sequence of weldsim.exercise.SeamWeld
        The bead and imperfections of each seam the arc burned on.
    setup : sequence of SetupCheck
    program : weldsim.program.Program, optional
        The job: lets the findings name its points (``P3, P4``) instead of its lines.
    alarm : weldsim.controller.Alarm, optional
        Why the controller stopped the robot: a ``stopped`` gate whose finding comes first.
    """
    from weldsim.scoring.setup import setup_score, wps_met

    rubric = scenario.rubric
    gw = rubric.group_weights
    technique, criteria, tech_findings = _technique(scenario, metrics, windows, trajectory,
                                                    trace, program)
    req_findings, restarts = check_requirements(scenario, metrics, trajectory, trace, program,
                                                list(setup))
    bead, level, consequences, bead_gates = _bead(scenario, trajectory, welds, restarts)
    criteria["bead"] = Criterion("bead", bead, gw["bead"])

    setup = list(setup)
    setup_pts = setup_score(setup)
    criteria["setup"] = Criterion("setup", setup_pts, gw["setup"])
    setup_total = sum(c.weight for c in setup) or 1.0
    setup_findings = []
    req_names = {f.name for f in req_findings}
    for c in setup:
        if c.ok or c.what is None:
            continue
        pts = gw["setup"] * c.weight * c.loss / setup_total
        if c.name in req_names:  # crater fill: the requirement's finding takes its points
            req_findings = [f if f.name != c.name else _add_points(f, pts / sum(
                g.name == c.name for g in req_findings)) for f in req_findings]
            continue
        same = next((i for i, f in enumerate(setup_findings) if f.what == c.what), None)
        if same is not None:  # one cause, one finding (no AS at all fails three settings)
            f = setup_findings[same]
            setup_findings[same] = replace(
                f, name=f"{f.name}+{c.name}", points=f.points + pts)
            continue
        setup_findings.append(Finding("setup", c.name, pts, c.line, None, None, None,
                                      c.what, c.cause, c.fix))
    # a heat input outside the WPS because a setting is: under that setting
    settings = {"current", "voltage", "speed"} & {f.name for f in setup_findings}
    if settings:
        heat = [f for f in setup_findings if f.name == "heat_input"]
        setup_findings = [f for f in setup_findings if f.name != "heat_input"]
        consequences += [Consequence(f, ("speed", "current", "voltage")) for f in heat]

    # the measured speed follows the programmed one: under the setting when that is wrong
    roots = req_findings + setup_findings
    tech_roots = []
    for f in tech_findings:
        if f.name == "travel_speed" and any(s.name == "speed" for s in setup_findings):
            consequences.append(Consequence(f, ("speed",)))
        else:
            tech_roots.append(f)
    roots += tech_roots

    gates = _stopped_gate(alarm, trace) + bead_gates
    findings = group_consequences(roots, consequences)
    explained = {id(g) for g in bead_gates}
    findings += [_gate_finding(g, alarm) for g in gates if id(g) not in explained]

    req_points = sum(f.points for f in req_findings)
    met = not req_findings
    total = (gw["technique"] * technique + gw["bead"] * bead + gw["setup"] * setup_pts) / 100.0
    total = max(0.0, total - req_points)
    required = scenario.required_level
    passed = (total >= rubric.pass_score and _meets(level, required) and not gates and met)
    excellent = (passed and total >= rubric.excellent_score and level == "B"
                 and wps_met(setup) and _measured_in_wps(scenario, metrics))
    groups = {"technique": technique, "bead": bead, "setup": setup_pts,
              "requirements": max(0.0, 100.0 - req_points)}
    return ScoreCard(total, passed, excellent, level, groups, criteria, tuple(gates),
                     _stopped_first(order_findings(findings)), met)


def _add_points(f: Finding, pts: float) -> Finding:
    return replace(f, points=f.points + pts)


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
                              _M("finding.gate.targets_missed.what", target=target.name,
                                 distance=mm(d_mm[i]), angle=Qty(ang[i], "deg", 1),
                                 tol_mm=mm(target.tolerance_mm, 0),
                                 tol_deg=Qty(target.tolerance_deg, "deg", 0))))
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
                                _M("finding.program.order.what"),
                                _M("finding.program.order.cause"),
                                _M("finding.program.order.fix")))
    if time_score < 100.0:
        findings.append(Finding("program", "cycle_time", 15.0 * (100 - time_score) / 100, 0,
                                None, None, None,
                                _M("finding.program.cycle_time.what", time=Qty(cycle, "s", 1),
                                   target=Qty(goal, "s", 0)),
                                _M("finding.program.cycle_time.cause"),
                                _M("finding.program.cycle_time.fix")))
    total = (70.0 * target_score + 15.0 * order_score + 15.0 * time_score) / 100.0
    passed = total >= 70.0 and in_order and not gates
    findings = [_gate_finding(g, alarm) for g in gates] + findings
    return ScoreCard(total, passed, passed and total >= 85.0, None,
                     {"targets": target_score, "order": order_score, "cycle_time": time_score},
                     criteria, tuple(gates), _stopped_first(order_findings(findings)))
