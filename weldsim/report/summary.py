"""The plain-text summary of a run for the terminal: score, pass/fail, the worst faults."""

from __future__ import annotations

from weldsim.i18n import render

__all__ = ["summary_text"]


def summary_text(run, n_worst: int = 3, lang: str = "en") -> str:
    """Score, pass/fail, level, the criteria and the ``n_worst`` faults with where, why and
    the fix, as lines of text."""
    s, card, tr = run.scenario, run.card, run.trajectory
    verdict = "PASSED" if card.passed else "FAILED"
    if card.excellent:
        verdict += " (excellent)"
    lines = [f"{s.title.en}  [{s.id}]", f"job {run.job.filename}",
             f"score {card.score:.1f} / 100   {verdict}"]
    if s.welds:
        level = card.iso5817_level or "worse than D"
        seams = run.metrics.seams
        coverage = sum(c.welded_mm for c in seams) / sum(c.length_mm for c in seams)
        lines.append(f"ISO 5817 level {level} (required {s.required_level}); "
                     f"seam coverage {100 * coverage:.0f} %")
    lines.append(f"cycle time {tr.cycle_time_s:.1f} s (target {s.cycle_time_target_s:g} s), "
                 f"arc on {tr.arc_on_time_s:.1f} s")
    crit = ", ".join(f"{name.replace('_', ' ')} {c.score:.0f}" for name, c in card.criteria.items())
    lines.append(f"criteria: {crit}")
    worst = card.worst(n_worst)
    if not worst:
        lines.append("no faults found")
    for i, f in enumerate(worst, 1):
        where = []
        if f.line:
            where.append(f"line {f.line}")
        if f.seam is not None and f.start_mm is not None:
            where.append(f"seam {f.seam} {f.start_mm:.0f}–{f.end_mm:.0f} mm")
        lines.append(f"{i}. {render(f.what, lang)}" + (f" ({', '.join(where)})" if where else ""))
        lines.append(f"   why: {render(f.cause, lang)}")
        lines.append(f"   fix: {render(f.fix, lang)}")
        lines += [f"   -> {render(c, lang)}" for c in f.consequences]
    return "\n".join(lines) + "\n"
