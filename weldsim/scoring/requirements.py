"""The exercise's requirements (``[requirements]`` of the scenario), checked on a run.

Each unmet requirement is a :class:`~weldsim.scoring.findings.Finding` of kind
``requirement`` at its job line; it fails the run and costs points in proportion to how far
it is missed, up to :data:`REQUIREMENT_POINTS` each:

* ``past_end``: the arc burns on past a seam's end (off the seam by more than the metrics'
  off-seam limit, along the seam's line): full cost at :data:`PAST_END_FULL_MM`;
* ``stray_arc`` (ISO 6520-1 601): the arc burns away from every joint: full cost at
  :data:`STRAY_FULL_MM` of travel or :data:`STRAY_FULL_S` of arc;
* ``crater_fill``: an arc end without crater fill (its arc-end condition has no time);
* ``weave_missing``, ``weave_pattern``, ``weave_amplitude``, ``weave_frequency``: a pass that
  does not weave (cost by the share of the weld), a pattern other than the one asked, a
  measured amplitude or frequency outside its window (cost by the distance outside, in
  half-widths of the window);
* ``restart_overlap`` (exercises that set a minimum): a restart that overlaps the segment
  before by less than the minimum (a gap is an unwelded stretch): cost by the shortfall
  against the minimum; a segment is a run of the arc at least :data:`MIN_SEGMENT_MM` long;
* ``seam_order``: the seams welded in another order than asked.

Pure functions of the metrics, the trajectory, the trace and the scenario (the program only
names the points).
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass, replace

import numpy as np

from weldsim.i18n import Message, Qty
from weldsim.scoring.causes import end_point, lines_of, start_point
from weldsim.scoring.findings import Finding, mm
from weldsim.scoring.seam_frame import is_closed, seam_frame

__all__ = [
    "GAP_MM",
    "PAST_END_FULL_MM",
    "REQUIREMENT_POINTS",
    "STRAY_FULL_MM",
    "STRAY_FULL_S",
    "Restart",
    "check_requirements",
]

#: Most points one unmet requirement costs.
REQUIREMENT_POINTS = 20.0
#: Welding this far past a seam's end costs all of :data:`REQUIREMENT_POINTS` (mm).
PAST_END_FULL_MM = 50.0
#: A stray arc this long, or burning this long, costs all of it (mm, s).
STRAY_FULL_MM = 10.0
STRAY_FULL_S = 0.5
#: A run of the arc shorter than this along the seam is a spot, not a segment (mm).
MIN_SEGMENT_MM = 5.0
#: A restart this far short of the segment before leaves a gap (mm); nearer, it butts on it.
GAP_MM = 0.5
_M = Message.of


@dataclass(frozen=True, slots=True)
class Restart:
    """A restart on a segmented seam: where, and its overlap with the segment before."""

    seam: str
    s_mm: float
    overlap_mm: float
    line: int


def _runs(mask: np.ndarray) -> list[tuple[int, int]]:
    d = np.diff(np.concatenate([[0], mask.astype(np.int8), [0]]))
    return list(zip(np.flatnonzero(d == 1).tolist(), np.flatnonzero(d == -1).tolist(),
                    strict=True))


def _finding(name: str, points: float, line: int, what: Message, cause: Message, fix: Message,
             seam: str | None = None, start: float | None = None, end: float | None = None
             ) -> Finding:
    return Finding("requirement", name, float(points), int(line), start, end, seam, what, cause,
                   fix, fails=True)


def check_requirements(scenario, metrics, trajectory, trace, program=None, setup=()
                       ) -> tuple[list[Finding], list[Restart]]:
    """The unmet requirements of a run, and the restarts of its segmented seams.

    ``program`` names the points and the arc-end lines; without it, ``setup`` (the
    :class:`~weldsim.scoring.setup.SetupCheck` list) gives the line of an unfilled crater.
    """
    req = scenario.requirements
    out: list[Finding] = []
    if req.arc_on_seam_only:
        out += _off_seam(scenario, metrics, trajectory, trace, program)
    if req.crater_fill:
        out += _crater_fill(scenario, metrics, trajectory, program, setup)
    if req.weave is not None:
        out += _weave(scenario, metrics, trajectory, req.weave)
    restarts = _restarts(scenario, metrics, trajectory) if req.restart_overlap_mm > 0 else []
    for r in restarts:
        if r.overlap_mm < req.restart_overlap_mm - 1e-6 or r.overlap_mm < -GAP_MM:
            need = req.restart_overlap_mm
            short = need - r.overlap_mm
            share = min(1.0, short / need) if need > 0 else 1.0
            what = (_M("finding.req.restart_gap.what", gap=mm(-r.overlap_mm), at=mm(r.s_mm, 0),
                       seam=r.seam, minimum=mm(need, 0))
                    if r.overlap_mm < -GAP_MM else
                    _M("finding.req.restart_overlap.what", overlap=mm(r.overlap_mm),
                       at=mm(r.s_mm, 0), seam=r.seam, minimum=mm(need, 0)))
            point = start_point(program, [r.line])
            after = [_M("finding.req.restart_crater", at=mm(r.s_mm, 0))]
            if r.overlap_mm < -GAP_MM:
                after.insert(0, _M("finding.req.restart_unwelded", gap=mm(-r.overlap_mm),
                                   start=mm(r.s_mm + r.overlap_mm, 0), end=mm(r.s_mm, 0)))
            f = _finding(
                "restart_overlap", 0.5 * REQUIREMENT_POINTS * share, r.line, what,
                _M("finding.req.restart_overlap.cause"),
                _M("finding.req.restart_overlap.fix", point=point, more=mm(short)),
                r.seam, r.s_mm - max(0.0, -r.overlap_mm), r.s_mm)
            out.append(replace(f, consequences=tuple(after)))
    if req.seam_order:
        out += _seam_order(scenario, metrics, trajectory, req.seam_order)
    return out, restarts


def _off_seam(scenario, metrics, trajectory, trace, program) -> list[Finding]:
    """Arc-on samples off every seam: past a seam's end, or a stray arc."""
    off = np.asarray(metrics.arc_on) & ~np.asarray(metrics.on_seam)
    out = []
    limit = metrics.off_seam_limit_mm
    past: dict[int, list] = {}
    stray: list = []
    p_all = np.asarray(trace.T_world_tcp)[:, :3, 3]
    z_all = np.asarray(trace.T_world_tcp)[:, :3, 2]
    for a, b in _runs(off):
        idx = np.arange(a, b)
        k = int(metrics.seam[a])
        seam = scenario.seams[k]
        f = seam_frame(seam, np.ascontiguousarray(p_all[idx]), np.ascontiguousarray(z_all[idx]))
        beyond = np.asarray(f.beyond_mm)
        miss = np.asarray(f.miss_mm)
        along = (miss <= limit) & (beyond > 0.0)
        if not is_closed(seam) and along.any():
            past.setdefault(k, []).append((idx[along], float(beyond[along].max())))
        rest = idx[~along] if not is_closed(seam) else idx
        if rest.size:
            stray.append((rest, float(np.nanmin(np.asarray(metrics.off_seam_mm)[rest]))))
    t = np.asarray(trace.t)
    for k, parts in past.items():
        seam = scenario.seams[k]
        idx = np.concatenate([p[0] for p in parts])
        length = max(p[1] for p in parts)
        lines = lines_of(trajectory, idx)
        line = lines[0] if lines else 0
        L = seam.length_m * 1000.0
        out.append(_finding(
            "past_end", REQUIREMENT_POINTS * min(1.0, length / PAST_END_FULL_MM), line,
            _M("finding.req.past_end.what", length=mm(length, 0), seam=seam.id,
               seam_length=mm(L, 0)),
            _M("finding.req.past_end.cause"),
            _M("finding.req.past_end.fix", points=end_point(program, lines),
               back=mm(length, 0)),
            seam.id, L, L + length))
    if stray:
        idx = np.concatenate([s[0] for s in stray])
        dist = min(s[1] for s in stray)
        p = p_all[idx]
        travel = float(np.linalg.norm(np.diff(p, axis=0), axis=1).sum()) * 1000.0 \
            if len(p) > 1 else 0.0
        dt = float(np.median(np.diff(t))) if len(t) > 1 else 0.0
        duration = dt * len(idx)
        share = min(1.0, max(travel / STRAY_FULL_MM, duration / STRAY_FULL_S))
        lines = lines_of(trajectory, idx)
        out.append(_finding(
            "stray_arc", REQUIREMENT_POINTS * share, lines[0] if lines else 0,
            _M("finding.req.stray_arc.what", length=mm(travel, 0),
               time=Qty(duration, "s", 1), distance=mm(dist, 0)),
            _M("finding.req.stray_arc.cause"),
            _M("finding.req.stray_arc.fix", lines=", ".join(map(str, lines[:4])))))
    return out


def _ae_line_after(program, setup, line: int) -> int:
    """The job line of the arc end (AE) that ends the weld whose last move is on ``line``."""
    from weldsim.program.model import ArcEnd

    if program is not None:
        after = [ins.line for ins in program.instructions
                 if isinstance(ins, ArcEnd) and ins.line > line]
        if after:
            return min(after)
    crater = [c for c in setup if c.name == "crater_fill" and not c.ok and c.line]
    return crater[0].line if crater else line


def _crater_fill(scenario, metrics, trajectory, program, setup) -> list[Finding]:
    """Every arc end fills its crater: the run of arc-on samples ends with crater fill whose
    condition has a time."""
    out = []
    arc = np.asarray(metrics.arc_on)
    crater = np.asarray(trajectory.crater_condition)
    lines = np.asarray(trajectory.line)
    for a, b in _runs(arc):
        c = crater[a:b]
        used = c[c >= 0]
        filled = used.size > 0 and all(trajectory.crater_conditions[int(i)].crater_time_s > 0.0
                                       for i in np.unique(used))
        if filled:
            continue
        cond = trajectory.crater_conditions[int(used[0])] if used.size else None
        name = f"AEC {cond.number}" if cond is not None and cond.number is not None else "AE"
        line = int(lines[b - 1]) if used.size else _ae_line_after(program, setup,
                                                                  int(lines[b - 1]))
        seam = int(metrics.seam[b - 1])
        out.append(_finding(
            "crater_fill", 0.25 * REQUIREMENT_POINTS, line,
            _M("finding.req.crater_fill.what", line=line),
            _M("finding.req.crater_fill.cause"), _M("finding.req.crater_fill.fix", cond=name),
            scenario.seams[seam].id if seam >= 0 else None, float(metrics.s_mm[b - 1]),
            float(metrics.s_mm[b - 1])))
    return out


def _passes(metrics, k: int) -> list[tuple[int, int]]:
    """Runs of consecutive arc-on samples on seam ``k`` (on the seam), in time order."""
    return _runs(np.asarray(metrics.on_seam) & (np.asarray(metrics.seam) == k))


def _weave(scenario, metrics, trajectory, want) -> list[Finding]:
    out = []
    amp_all = np.asarray(metrics.weave_amplitude_mm)
    freq_all = np.asarray(metrics.weave_frequency_hz)
    weave_cond = np.asarray(trajectory.weave_condition)
    total = sum(seam.length_m for seam in scenario.seams) * 1000.0
    flat_len, flat_line = 0.0, 0
    weaving = []
    patterns = set()
    for k, _seam in enumerate(scenario.seams):
        for a, b in _passes(metrics, k):
            s = np.asarray(metrics.s_mm)[a:b]
            length = float(np.nanmax(s) - np.nanmin(s)) if b > a else 0.0
            if not np.isfinite(amp_all[a:b]).any():
                flat_len += length
                flat_line = flat_line or lines_of(trajectory, np.arange(a, b))[0]
            else:
                weaving.append(np.arange(a, b))
            for c in np.unique(weave_cond[a:b]):
                if c >= 0:
                    patterns.add((trajectory.weave_conditions[int(c)].pattern,
                                  trajectory.weave_conditions[int(c)].line))
    amp_mid = 0.5 * sum(want.amplitude_mm)
    f_mid = 0.5 * sum(want.frequency_hz)
    pattern = want.pattern or "SINE"
    if flat_len > 0.0:
        out.append(_finding(
            "weave_missing", REQUIREMENT_POINTS * min(1.0, flat_len / total), flat_line,
            _M("finding.req.weave_missing.what", length=mm(flat_len, 0), pattern=pattern,
               amplitude=mm(amp_mid), frequency=Qty(f_mid, "Hz", 1)),
            _M("finding.req.weave_missing.cause"),
            _M("finding.req.weave_missing.fix",
               syntax=f"WVC 1 PATTERN={pattern} AMP={amp_mid:g}mm FREQ={f_mid:g}Hz")))
    if want.pattern is not None:
        for name, line in sorted(patterns, key=lambda x: x[1]):
            if name != want.pattern:
                out.append(_finding(
                    "weave_pattern", 0.5 * REQUIREMENT_POINTS, line,
                    _M("finding.req.weave_pattern.what", written=name, wanted=want.pattern),
                    _M("finding.req.weave_pattern.cause"),
                    _M("finding.req.weave_pattern.fix", syntax=f"PATTERN={want.pattern}",
                       line=line)))
    if weaving:
        idx = np.concatenate(weaving)
        line = lines_of(trajectory, idx)[0]
        wvc_line = min((ln for _, ln in patterns), default=line)
        for name, values, (lo, hi), unit, key in (
                ("weave_amplitude", amp_all[idx], want.amplitude_mm, "mm", "AMP"),
                ("weave_frequency", freq_all[idx], want.frequency_hz, "Hz", "FREQ")):
            v = values[np.isfinite(values)]
            if not v.size:
                continue
            mean = float(v.mean())
            excess = max(lo - mean, mean - hi, 0.0)
            if excess <= 1e-9:
                continue
            share = min(1.0, excess / max(0.5 * (hi - lo), 1e-9))
            mid = 0.5 * (lo + hi)
            out.append(_finding(
                name, 0.5 * REQUIREMENT_POINTS * share, wvc_line,
                _M(f"finding.req.{name}.what", value=Qty(mean, unit, 1), lo=Qty(lo, unit, 1),
                   hi=Qty(hi, unit, 1)),
                _M(f"finding.req.{name}.cause"),
                _M("finding.req.weave_value.fix", syntax=f"{key}={mid:g}{unit}", line=wvc_line)))
    return out


def _restarts(scenario, metrics, trajectory) -> list[Restart]:
    """Each restart of a seam welded in more than one pass, with its overlap (mm; negative:
    a gap) with the pass before, and the closing of a closed seam."""
    out = []
    s_all = np.asarray(metrics.s_mm)
    for k, seam in enumerate(scenario.seams):
        passes = [(a, b) for a, b in _passes(metrics, k)
                  if b - a > 1 and np.ptp(s_all[a:b]) >= MIN_SEGMENT_MM]
        if len(passes) < 2:
            continue
        L = seam.length_m * 1000.0
        closed = is_closed(seam)

        def overlap(prev_end: float, start: float, forward: bool, closed=closed, L=L) -> float:
            d = prev_end - start if forward else start - prev_end
            if closed:
                d = (d + 0.5 * L) % L - 0.5 * L
            return d

        for (_, b0), (a1, b1) in itertools.pairwise(passes):
            forward = s_all[b1 - 1] >= s_all[a1]
            ov = overlap(float(s_all[b0 - 1]), float(s_all[a1]), forward)
            line = lines_of(trajectory, np.arange(a1, min(b1, a1 + 3)))
            out.append(Restart(seam.id, float(s_all[a1] % L if closed else s_all[a1]), ov,
                               line[0] if line else 0))
        if closed:
            covered = sum(abs(float(s_all[b - 1] - s_all[a])) for a, b in passes)
            if covered >= 0.5 * L:
                (a0, _), (a1, b1) = passes[0], passes[-1]
                forward = s_all[b1 - 1] >= s_all[a1]
                ov = overlap(float(s_all[b1 - 1]), float(s_all[a0]), forward)
                line = lines_of(trajectory, np.arange(max(a1, b1 - 3), b1))
                out.append(Restart(seam.id, float(s_all[a0] % L), ov, line[-1] if line else 0))
    return out


def _seam_order(scenario, metrics, trajectory, order) -> list[Finding]:
    ids = [s.id for s in scenario.seams]
    first = {}
    on = np.asarray(metrics.on_seam)
    seam_of = np.asarray(metrics.seam)
    for k, sid in enumerate(ids):
        idx = np.flatnonzero(on & (seam_of == k))
        if idx.size:
            first[sid] = int(idx[0])
    done = sorted(first, key=first.get)
    wanted = [s for s in order if s in first]
    if done == wanted:
        return []
    k = next(i for i, (x, y) in enumerate(zip(done, wanted, strict=True)) if x != y)
    line = int(np.asarray(trajectory.line)[first[done[k]]])
    return [_finding("seam_order", 0.5 * REQUIREMENT_POINTS, line,
                     _M("finding.req.seam_order.what", done=", ".join(done),
                        wanted=", ".join(order)),
                     _M("finding.req.seam_order.cause"),
                     _M("finding.req.seam_order.fix", first=order[0]))]
