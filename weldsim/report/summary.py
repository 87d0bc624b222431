"""The plain-text summary of a run for the terminal: score, pass/fail, the worst faults."""

from __future__ import annotations

from weldsim.i18n import tr as translate
from weldsim.report.i18n import check_lang, label, mode_name, model_text, num, text

__all__ = ["summary_text"]


def summary_text(run, n_worst: int = 3, lang: str = "en") -> str:
    """Score, pass/fail, level, the criteria and the ``n_worst`` faults with where, why and
    the fix, as lines of text in ``lang`` (numbers with the language's decimal mark)."""
    check_lang(lang)
    s, card, tr = run.scenario, run.card, run.trajectory
    verdict = text(lang, "passed" if card.passed else "failed")
    if card.excellent:
        verdict += f" ({text(lang, 'excellent')})"
    lines = [f"{s.title.get(lang)}  [{s.id}]", text(lang, "sum_job", file=run.job.filename),
             translate("modes.summary", lang, mode=mode_name(run.mode, lang)),
             text(lang, "sum_score", score=num(card.score, 1, lang), verdict=verdict)]
    if s.welds:
        level = card.iso5817_level or text(lang, "level_worse")
        seams = run.metrics.seams
        coverage = sum(c.welded_mm for c in seams) / sum(c.length_mm for c in seams)
        lines.append(text(lang, "sum_level", level=level, required=s.required_level or "–",
                          coverage=num(100 * coverage, 0, lang)))
    lines.append(text(lang, "sum_cycle", time=num(tr.cycle_time_s, 1, lang),
                      target=num(s.cycle_time_target_s, 0, lang),
                      arc=num(tr.arc_on_time_s, 1, lang)))
    crit = ", ".join(f"{label(lang, 'short_', name)} {num(c.score, 0, lang)}"
                     for name, c in card.criteria.items())
    lines.append(text(lang, "sum_criteria", criteria=crit))
    worst = card.worst(n_worst)
    if not worst:
        lines.append(text(lang, "sum_no_faults"))
    for i, f in enumerate(worst, 1):
        where = []
        if f.line:
            where.append(text(lang, "sum_line", line=f.line))
        if f.seam is not None and f.start_mm is not None:
            where.append(text(lang, "sum_seam", seam=f.seam, start=num(f.start_mm, 0, lang),
                              end=num(f.end_mm, 0, lang)))
        lines.append(f"{i}. {model_text(f.what, lang)}"
                     + (f" ({', '.join(where)})" if where else ""))
        lines.append(f"   {text(lang, 'sum_why')}: {model_text(f.cause, lang)}")
        lines.append(f"   {text(lang, 'sum_fix')}: {model_text(f.fix, lang)}")
        lines += [f"   -> {model_text(c, lang)}" for c in f.consequences]
    return "\n".join(lines) + "\n"
