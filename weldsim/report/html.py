"""The HTML reports: one self-contained page per graded run, and the class index.

Pages need no network: the CSS is inline, the plots are inline SVG, the cell picture is a
``data:`` URI. They are deterministic (no clock; the same run gives the same bytes, the
picture included: TinyRenderer is deterministic) and every text that comes from a trainee or a
file (job names, the model's texts) is HTML-escaped. Every text comes from the catalogue
(:mod:`weldsim.report.i18n`, ``report.po``) in Indonesian or English, numbers with the
language's decimal mark; the findings' texts are messages rendered in the same language.

>>> write_html_report(run, Path("out/ani.html"), lang="id")
>>> write_class_index(rows, Path("out"), lang="id")   # out/index.html
"""

from __future__ import annotations

import math
import statistics
from html import escape
from pathlib import Path
from urllib.parse import quote

import numpy as np

from weldsim import __version__
from weldsim.atomic import write_atomic
from weldsim.i18n import render, tr
from weldsim.report.cross_section import cross_section_svg, worst_section
from weldsim.report.i18n import check_lang, label, mode_name, model_text, num, text
from weldsim.report.json_report import report_dict
from weldsim.scoring.rubric import LEVEL_ORDER
from weldsim.weld.messages import cause_message

__all__ = ["cell_picture", "class_index_html", "html_report", "write_class_index",
           "write_html_report"]

_CSS = """
*{box-sizing:border-box}
body{font-family:"DejaVu Sans",Arial,Helvetica,sans-serif;margin:0;background:#f3f5f8;
color:#1b1f24;font-size:15px;line-height:1.45}
main{max-width:1120px;margin:0 auto;padding:18px 22px 40px}
h1{font-size:24px;margin:4px 0 2px}h2{font-size:19px;margin:28px 0 10px;
border-bottom:2px solid #d5dae1;padding-bottom:4px}
.sub{color:#5b6470;margin:0 0 14px}
.card{background:#fff;border:1px solid #dde2e8;border-radius:8px;padding:14px 16px}
.top{display:grid;grid-template-columns:minmax(260px,340px) 1fr;gap:16px}
.verdict{text-align:center}
.score{font-size:54px;font-weight:bold;line-height:1.05}
.score small{font-size:20px;color:#6b7380;font-weight:normal}
.badge{display:inline-block;padding:4px 14px;border-radius:16px;font-weight:bold;
font-size:17px;margin:6px 3px 0;color:#fff}
.pass{background:#2e8b3e}.fail{background:#c0392b}.exc{background:#b8860b}.exam{background:#34495e}
.level{margin-top:10px;font-size:15px}.ok{color:#2e8b3e;font-weight:bold}
.bad{color:#c0392b;font-weight:bold}
dl.facts{display:grid;grid-template-columns:max-content 1fr;gap:4px 14px;margin:0}
dl.facts dt{color:#5b6470}dl.facts dd{margin:0;overflow-wrap:anywhere}
.groups{display:flex;gap:10px;flex-wrap:wrap;margin-top:12px}
.group{flex:1;min-width:120px;background:#f6f8fa;border-radius:6px;padding:6px 9px}
.group b{font-size:18px}
.worst{display:grid;grid-template-columns:repeat(auto-fit,minmax(300px,1fr));gap:12px}
.fault{border-left:6px solid #c0392b}.fault.k-technique{border-left-color:#e67e22}
.fault.k-setup{border-left-color:#8e44ad}.fault.k-program{border-left-color:#2c6fbb}
.fault.k-defect{border-left-color:#d35400}
.fault h3{margin:0 0 6px;font-size:16px}.fault .where{color:#5b6470;font-size:13px;
margin-bottom:6px}.fault p{margin:4px 0}.num{display:inline-block;background:#1b1f24;
color:#fff;border-radius:50%;width:24px;height:24px;text-align:center;line-height:24px;
font-size:14px;margin-right:6px}
table{border-collapse:collapse;width:100%;background:#fff;font-size:14px}
table+table,.card+table,.note+table{margin-top:14px}table.imperfections th{white-space:nowrap}
th,td{border:1px solid #dde2e8;padding:5px 8px;text-align:left;vertical-align:top}
th{background:#eef1f5;font-weight:600}td.r{text-align:right;white-space:nowrap}
td.nw{white-space:nowrap}
.bar{background:#e6e9ee;border-radius:3px;height:9px;width:90px;display:inline-block;
margin-left:6px;vertical-align:middle}.bar i{display:block;height:9px;border-radius:3px}
.plots{display:grid;grid-template-columns:repeat(auto-fill,minmax(340px,1fr));gap:10px}
.plots .card{padding:6px}svg.plot,svg.map,svg.section{width:100%;height:auto;display:block}
.pair{display:grid;grid-template-columns:minmax(300px,5fr) 6fr;gap:14px;align-items:start}
.pair img{width:100%;height:auto;display:block;border-radius:4px}
.note{color:#5b6470;font-size:13px}.caption{font-size:13px;margin-top:6px}
dl.bead{display:grid;grid-template-columns:max-content max-content;gap:1px 12px;
font-size:13px;margin:6px 0 0}dl.bead dt{color:#5b6470}dl.bead dd{margin:0}
footer{margin-top:30px;color:#5b6470;font-size:13px}
th.sort{cursor:pointer;white-space:nowrap}th.sort:after{content:" \\21C5";color:#9aa3ad}
.stats{display:flex;gap:12px;flex-wrap:wrap}.stat{min-width:130px}.stat b{font-size:22px}
@media (max-width:760px){.top,.pair{grid-template-columns:1fr}}
@media print{body{background:#fff}.card{border-color:#bbb}}
"""

_SORT_JS = """
document.querySelectorAll("th.sort").forEach(function(th){th.addEventListener("click",
function(){var table=th.closest("table"),body=table.tBodies[0],i=th.cellIndex,
asc=th.dataset.dir!=="asc";th.dataset.dir=asc?"asc":"desc";
var rows=Array.prototype.slice.call(body.rows);rows.sort(function(a,b){
var x=a.cells[i].dataset.v,y=b.cells[i].dataset.v,nx=parseFloat(x),ny=parseFloat(y);
var c=(!isNaN(nx)&&!isNaN(ny))?nx-ny:String(x).localeCompare(String(y));
return asc?c:-c;});rows.forEach(function(r){body.appendChild(r);});});});
"""

_UNITS = {"aim": "mm", "work_angle": "°", "travel_angle": "°", "ctwd": "mm",
          "travel_speed": "mm/s", "weave": "mm", "cycle_time": "s"}


def _e(value) -> str:
    """HTML-escaped text of ``value`` (quotes too)."""
    return escape(str(value), quote=True)


def _cap(s: str) -> str:
    """``s`` with its first letter upper-case (the model's texts start lower-case)."""
    return s[:1].upper() + s[1:]


_label = label


def _bar(score: float | None) -> str:
    if score is None or not math.isfinite(score):
        return ""
    colour = "#2e8b3e" if score >= 85 else "#d4a017" if score >= 70 else "#c0392b"
    return (f'<span class="bar"><i style="width:{max(0.0, min(score, 100.0)):.0f}%;'
            f'background:{colour}"></i></span>')


def _page(title: str, lang: str, body: str, script: str = "") -> str:
    js = f"<script>{script}</script>\n" if script else ""
    return (f'<!DOCTYPE html>\n<html lang="{lang}">\n<head>\n<meta charset="utf-8">\n'
            f'<meta name="viewport" content="width=device-width, initial-scale=1">\n'
            f'<meta name="generator" content="weldsim {_e(__version__)}">\n'
            f"<title>{_e(title)}</title>\n<style>{_CSS}</style>\n</head>\n<body>\n<main>\n"
            f"{body}</main>\n{js}</body>\n</html>\n")


def _write(path: Path, content: str) -> None:
    """Write UTF-8 text with ``\\n`` line ends, atomically (a reader never sees half a page)."""
    write_atomic(path, content.encode("utf-8"), make_parents=True)


# -- the trainee's page -----------------------------------------------------------------------

def cell_picture(run, width: int = 800, height: int = 600, *, cell=None) -> np.ndarray:
    """The cell from the ``iso`` camera with the robot at the last arc-on sample (the last
    sample for a program without arc): (height, width, 3) uint8.

    ``cell``: the :class:`weldsim.sim.Cell` that played the job, when the caller holds one (a
    batch worker, ``weldsim run``): the picture is rendered there instead of in a new cell
    (the same bytes; building a cell costs most of a report's time).
    """
    from weldsim.sim import Cell

    tr = run.trajectory
    on = np.flatnonzero(np.asarray(tr.arc_on))
    if on.size:
        i = int(on[-1])
    elif run.scenario.targets:
        i = _target_rows(run)[-1]["sample"]  # touching the last target
    else:
        i = len(tr.q) - 1
    if cell is not None:
        cell.set_q(np.asarray(tr.q)[i])
        return cell.render("iso", width, height)
    with Cell(run.scenario, run.job.robot) as own:
        own.set_q(np.asarray(tr.q)[i])
        return own.render("iso", width, height)


def _target_rows(run) -> list[dict]:
    """Each target's closest approach: the sample nearest to it among those inside both
    tolerances (which :func:`weldsim.scoring.rubric.score_targets` gives full marks), else the
    one nearest in mm + degrees (the one it scores)."""
    T = run.trace.T_world_tcp
    p, z = T[:, :3, 3], T[:, :3, 2]
    out = []
    for target in run.scenario.targets:
        d_mm = np.linalg.norm(p - target.position_m, axis=1) * 1000.0
        ang = np.degrees(np.arccos(np.clip(z @ target.axis, -1.0, 1.0)))
        inside = (d_mm <= target.tolerance_mm) & (ang <= target.tolerance_deg)
        if inside.any():  # full marks: show the closest approach while inside
            i = int(np.flatnonzero(inside)[np.argmin(d_mm[inside])])
        else:
            i = int(np.argmin(d_mm + ang))
        out.append({"name": target.name, "d_mm": float(d_mm[i]), "ang_deg": float(ang[i]),
                    "tol_mm": target.tolerance_mm, "tol_deg": target.tolerance_deg,
                    "hit": bool(inside.any()), "time_s": float(run.trace.t[i]),
                    "line": int(run.trace.line[i]), "sample": i})
    return out


def _targets(run, lang: str) -> str:
    rows = []
    for r in _target_rows(run):
        ok = "ok" if r["hit"] else "bad"
        rows.append(
            f"<tr><td>{_e(r['name'])}</td>"
            f'<td class="r {ok}">{num(r["d_mm"], 1, lang)} mm</td>'
            f'<td class="r {ok}">{num(r["ang_deg"], 1, lang)} °</td>'
            f'<td class="r">{num(r["tol_mm"], 1, lang)} mm, {num(r["tol_deg"], 0, lang)} °</td>'
            f'<td class="r">{num(r["time_s"], 2, lang)}</td><td class="r">{r["line"]}</td>'
            f"<td class='{ok}'>{_e(text(lang, 'yes' if r['hit'] else 'no'))}</td></tr>")
    if not rows:
        return ""
    head = "".join(f"<th>{_e(text(lang, k))}</th>" for k in (
        "col_target", "col_distance", "col_angle", "col_tolerance", "col_time", "col_line",
        "col_touched"))
    return (f'<table class="targets"><thead><tr>{head}</tr></thead><tbody>\n'
            + "\n".join(rows) + "\n</tbody></table>\n")


def _header(run, data: dict, lang: str) -> str:
    s, card = run.scenario, run.card
    welding = run.metrics is not None
    verdict = (f'<span class="badge pass">{_e(text(lang, "passed"))}</span>' if card.passed
               else f'<span class="badge fail">{_e(text(lang, "failed"))}</span>')
    if card.excellent:
        verdict += f'<span class="badge exc">★ {_e(text(lang, "excellent"))}</span>'
    if run.mode == "exam":
        verdict += f'<span class="badge exam">{_e(mode_name(run.mode, lang))}</span>'
    if welding:
        level = card.iso5817_level or text(lang, "level_worse")
        required = s.required_level
        ok = required is None or (card.iso5817_level in LEVEL_ORDER and required in LEVEL_ORDER
                                  and LEVEL_ORDER.index(card.iso5817_level)
                                  <= LEVEL_ORDER.index(required))
        level_html = (f'<div class="level">{_e(text(lang, "iso_level"))}: '
                      f'<span class="{"ok" if ok else "bad"}">{_e(level)}</span> '
                      f'({_e(text(lang, "level_required", level=required or "–"))})</div>')
    else:
        level_html = (f'<div class="level">{_e(text(lang, "iso_level"))}: '
                      f'{_e(text(lang, "level_none"))}</div>')
    facts = [
        (text(lang, "trainee"), run.job.program.name),
        (text(lang, "job_file"), Path(run.job.filename).name),
        (text(lang, "exercise"), f"{s.id} (v{s.version})"),
        (tr("modes.label", lang), tr("modes.explain." + run.mode, lang)),
        (text(lang, "robot"), s.robot),
        (text(lang, "cycle_time"), text(lang, "cycle_time_value",
                                        time=num(data["cycle_time_s"], 1, lang),
                                        target=num(s.cycle_time_target_s, 0, lang))),
    ]
    if welding:
        facts.append((text(lang, "arc_time"), f"{num(data['arc_time_s'], 1, lang)} s"))
        cov = data["seam_coverage"]
        facts.append((text(lang, "seam_coverage"),
                      f"{num(None if cov is None else 100 * cov, 0, lang)} % "
                      f"({num(data['weld_length_mm'], 0, lang)} mm)"))
        if data["heat_input_kj_mm"] is not None:
            facts.append((text(lang, "heat_input"),
                          f"{num(data['heat_input_kj_mm'], 2, lang)} kJ/mm"))
    dl = "".join(f"<dt>{_e(k)}</dt><dd>{_e(v)}</dd>" for k, v in facts)
    groups = "".join(
        f'<div class="group">{_e(_label(lang, "group_", g))}<br><b>{num(v, 0, lang)}</b>'
        f"{_bar(v)}</div>" for g, v in card.groups.items())
    return (f"<h1>{_e(s.title.get(lang))}</h1>\n"
            f'<p class="sub">{_e(text(lang, "report_title"))} · {_e(s.id)}</p>\n'
            f'<div class="top">\n<div class="card verdict">'
            f'<div>{_e(text(lang, "score"))}</div>'
            f'<div class="score" id="score">{num(card.score, 1, lang)}<small> / 100</small>'
            f"</div>{verdict}{level_html}</div>\n"
            f'<div class="card"><dl class="facts">{dl}</dl>'
            f'<div class="groups">{groups}</div></div>\n</div>\n')


def _where(f, lang: str) -> str:
    parts = []
    if f.seam is not None and f.start_mm is not None and f.end_mm is not None:
        parts.append(text(lang, "where_seam", seam=f.seam, start=num(f.start_mm, 0, lang),
                          end=num(f.end_mm, 0, lang)))
    if f.line:
        parts.append(text(lang, "where_line", line=f.line))
    return ", ".join(parts)


def _points(f, lang: str) -> str:
    if f.kind == "gate":
        return text(lang, "fails_exercise")
    return text(lang, "points_lost", points=num(f.points, 1, lang))


def _lost(f, lang: str) -> str:
    return text(lang, "fails_exercise") if f.kind == "gate" else num(f.points, 1, lang)


def _consequences(f, lang: str) -> str:
    """The consequences a finding explains, as a list under it."""
    if not f.consequences:
        return ""
    items = "".join(f"<li>{_e(_cap(render(c, lang)))}</li>" for c in f.consequences)
    return f'<ul class="consequences">{items}</ul>'


def _worst(card, lang: str) -> str:
    worst = card.worst(3)
    if not worst:
        return f'<p class="card ok">{_e(text(lang, "no_findings"))}</p>\n'
    cards = []
    for i, f in enumerate(worst, 1):
        cards.append(
            f'<div class="card fault k-{_e(f.kind)}"><h3><span class="num">{i}</span>'
            f"{_e(_cap(model_text(f.what, lang)))}</h3>"
            f'<div class="where">{_e(_label(lang, "kind_", f.kind))} · {_e(_where(f, lang))}'
            f" · {_e(_points(f, lang))}</div>"
            f'<p><b>{_e(text(lang, "why"))}:</b> {_e(_cap(model_text(f.cause, lang)))}</p>'
            f'<p><b>{_e(text(lang, "fix"))}:</b> {_e(_cap(model_text(f.fix, lang)))}</p>'
            + _consequences(f, lang) + "</div>")
    return '<div class="worst">\n' + "\n".join(cards) + "\n</div>\n"


def _window_text(name: str, w, run, lang: str) -> str:
    if w is None:
        return text(lang, "none")
    unit = _UNITS.get(name, "")
    lo, hi, zlo, zhi = w.full_lo, w.full_hi, w.zero_lo, w.zero_hi
    if name == "travel_speed" and run.scenario.wps is not None:
        ref = run.scenario.wps.speed_mm_s.nominal
        lo, hi, zlo, zhi = (ref * (1 + v / 100) for v in (lo, hi, zlo, zhi))
    digits = 1 if name in ("aim", "travel_speed", "weave") else 0
    return (f"{num(lo, digits, lang)} … {num(hi, digits, lang)} {unit} / "
            f"{num(zlo, digits, lang)} … {num(zhi, digits, lang)} {unit}")


def _criteria(run, lang: str) -> str:
    rows = []
    for name, c in run.card.criteria.items():
        unit = _UNITS.get(name, "")
        mean = "" if c.mean is None else f"{num(c.mean, 1, lang)} {unit}"
        in_w = "" if c.in_window is None else f"{num(c.in_window, 0, lang)} %"
        rows.append(
            f"<tr><td>{_e(_label(lang, 'crit_', name))}</td>"
            f'<td class="r">{num(c.score, 1, lang)}{_bar(c.score)}</td>'
            f'<td class="r">{num(c.weight, 1, lang)} %</td><td class="r">{_e(mean)}</td>'
            f'<td class="r">{_e(in_w)}</td>'
            f'<td class="nw">{_e(_window_text(name, c.window, run, lang))}</td></tr>')
    head = "".join(f"<th>{_e(text(lang, k))}</th>" for k in (
        "col_criterion", "col_score", "col_weight", "col_mean", "col_in_window", "col_window"))
    return (f'<table class="criteria"><thead><tr>{head}</tr></thead><tbody>\n'
            + "\n".join(rows) + "\n</tbody></table>\n")


def _imperfections_table(run, lang: str) -> str:
    rows = []
    for weld in run.welds:
        for i in weld.imperfections:
            level = (i.level or text(lang, "level_worse")) if i.graded else text(
                lang, "map_not_graded")
            where = text(lang, "where_seam", seam=weld.seam.id, start=num(i.start_mm, 0, lang),
                         end=num(i.end_mm, 0, lang))
            rows.append(
                f"<tr><td>{_e(_label(lang, 'imp_', i.type))}</td><td>{_e(i.iso5817 or '–')}"
                f"</td><td class='nw'>{_e(where)}</td>"
                f"<td class='r'>{num(i.size_mm, 1, lang)} mm</td><td>{_e(level)}</td>"
                f"<td>{_e(model_text(cause_message(i), lang))}</td></tr>")
    if not rows:
        return ""
    head = "".join(f"<th>{_e(text(lang, k))}</th>" for k in (
        "col_imperfection", "col_iso", "col_where", "col_size", "col_level", "col_why"))
    return (f'<table class="imperfections"><thead><tr>{head}</tr></thead><tbody>\n'
            + "\n".join(rows) + "\n</tbody></table>\n")


def _section_block(run, lang: str) -> str:
    sec = worst_section(run)
    svg = cross_section_svg(sec, lang)
    if sec is None:
        return svg
    why = (text(lang, "xs_why_imperfection", name=_label(lang, "imp_", sec.imperfection))
           if sec.reason == "imperfection" else text(lang, "xs_why_throat"))
    caption = text(lang, "xs_at", seam=sec.seam_id, s=num(sec.s_mm, 0, lang), why=why)
    if sec.is_fillet:
        upper = {"fillet_lap": "xs_upper_plate", "fillet_pipe_plate": "xs_pipe"}.get(
            sec.joint, "xs_web")
        values = [f"{text(lang, 'xs_lower_plate')}: "
                  + text(lang, "xs_leg_lower", value=num(sec.leg_lower_mm, 1, lang)),
                  f"{text(lang, upper)}: "
                  + text(lang, "xs_leg_upper", value=num(sec.leg_upper_mm, 1, lang))]
    else:
        values = [text(lang, "xs_reinforcement", value=num(sec.convexity_mm, 1, lang)),
                  text(lang, "xs_face_width", value=num(sec.face_width_mm, 1, lang))]
    values += [text(lang, "xs_throat", value=num(sec.throat_mm, 1, lang)) + " "
               + text(lang, "xs_throat_design", value=num(sec.design_throat_mm, 1, lang)),
               text(lang, "xs_penetration", value=num(sec.penetration_mm, 1, lang))]
    return (f'{svg}<p class="caption">{_e(caption)}<br>'
            f'{" · ".join(_e(v) for v in values)}</p>\n')


def _findings(card, lang: str) -> str:
    if not card.findings:
        return f'<p>{_e(text(lang, "no_findings"))}</p>\n'
    head = "".join(f"<th>{_e(text(lang, k))}</th>" for k in (
        "col_kind", "col_what", "col_where", "col_why", "col_fix", "col_points"))
    rows = [f"<tr><td>{_e(_label(lang, 'kind_', f.kind))}</td>"
            f"<td>{_e(_cap(model_text(f.what, lang)))}{_consequences(f, lang)}</td>"
            f"<td>{_e(_where(f, lang))}</td><td>{_e(_cap(model_text(f.cause, lang)))}</td>"
            f"<td>{_e(_cap(model_text(f.fix, lang)))}</td>"
            f"<td class='r'>{_e(_lost(f, lang))}</td></tr>" for f in card.findings]
    return (f'<table class="findings"><thead><tr>{head}</tr></thead><tbody>\n'
            + "\n".join(rows) + "\n</tbody></table>\n")


def _sound_everywhere(run) -> bool:
    """Every seam welded (no seam or stretch the scoring calls unwelded) and no imperfection
    found: only then may the page say the bead meets level B everywhere (a seam left unwelded
    has no imperfection either, but it is no sound weld)."""
    welds = [w for w in run.welds if w is not None]
    unwelded = any(f.name == "incomplete_weld"
                   or any(m.key == "finding.measure.unwelded" for m in f.consequences)
                   for f in run.card.findings)  # a root cause may have taken it
    return (len(welds) == len(run.scenario.seams) and not unwelded
            and not any(w.imperfections for w in welds))


def _events(run, lang: str) -> str:
    from weldsim.report.json_report import event_list

    events = event_list(run, lang)
    if not events:
        return f'<p>{_e(text(lang, "no_events"))}</p>\n'
    head = "".join(f"<th>{_e(text(lang, k))}</th>" for k in (
        "col_time", "col_line", "col_event", "col_detail"))
    rows = [f"<tr><td class='r'>{num(ev['time_s'], 2, lang)}</td><td class='r'>{ev['line']}"
            f"</td><td>{_e(_label(lang, 'ev_', ev['type']))}</td><td>{_e(ev['detail'])}</td>"
            f"</tr>" for ev in events]
    return (f'<table class="events"><thead><tr>{head}</tr></thead><tbody>\n'
            + "\n".join(rows) + "\n</tbody></table>\n")


def html_report(run, *, lang: str = "en", picture: bool | np.ndarray = True) -> str:
    """The trainee's report page as HTML text.

    Parameters
    ----------
    run : weldsim.exercise.ExerciseRun
    lang : str
        ``"en"`` or ``"id"``.
    picture : bool or numpy.ndarray
        True: render the cell at the end of the weld (:func:`cell_picture`, about 0.3 s) and
        embed it as a PNG; False: no picture; an RGB array (H, W, 3) uint8: embed that one
        (a caller that already rendered it).

    Raises
    ------
    ValueError
        An unknown language.
    """
    from weldsim.report.plots import imperfection_map, png_data_uri, seam_plots

    check_lang(lang)
    data = report_dict(run)
    welding = run.metrics is not None
    parts = [_header(run, data, lang),
             f'<h2>{_e(text(lang, "sec_fix_first"))}</h2>\n', _worst(run.card, lang)]
    if welding:
        parts += [f'<h2>{_e(text(lang, "sec_criteria"))}</h2>\n', _criteria(run, lang)]
        plots = "".join(f'<div class="card">{svg}</div>\n'
                        for _, _, svg in seam_plots(run, lang))
        parts += [f'<h2>{_e(text(lang, "sec_plots"))}</h2>\n',
                  f'<p class="note">{_e(text(lang, "sec_plots_note"))}</p>\n',
                  f'<div class="plots">\n{plots}</div>\n',
                  f'<h2>{_e(text(lang, "sec_map"))}</h2>\n',
                  f'<div class="card">{imperfection_map(run, lang)}</div>\n']
        if _sound_everywhere(run):
            parts.append(f'<p class="note">{_e(text(lang, "map_none"))}</p>\n')
        parts.append(_imperfections_table(run, lang))
        section = (f'<div class="card"><h3>{_e(text(lang, "sec_section"))}</h3>'
                   f"{_section_block(run, lang)}</div>\n")
    else:
        parts += [f'<h2>{_e(text(lang, "sec_targets"))}</h2>\n',
                  f'<p class="note">{_e(text(lang, "no_weld_note"))}</p>\n',
                  _criteria(run, lang), _targets(run, lang)]
        section = ""
    pic = ""
    image = picture if isinstance(picture, np.ndarray) else (
        cell_picture(run) if picture else None)
    if image is not None:
        key = "sec_picture" if welding else "sec_picture_jog"
        pic = (f'<div class="card"><h3>{_e(text(lang, key))}</h3>'
               f'<img alt="{_e(text(lang, key))}" src="{png_data_uri(image)}"></div>\n')
    if section or pic:
        cls = "pair" if section and pic else ""
        parts.append(f'<div class="{cls}" style="margin-top:22px">\n{section}{pic}</div>\n')
    parts += [f'<h2>{_e(text(lang, "sec_findings"))}</h2>\n', _findings(run.card, lang),
              f'<h2>{_e(text(lang, "sec_events"))}</h2>\n', _events(run, lang),
              f'<footer><p>{_e(text(lang, "generated_by", version=__version__))} '
              f'{_e(text(lang, "job_sha256", sha=run.job_sha256[:16]))}</p></footer>\n']
    title = f"{text(lang, 'report_title')}: {run.job.program.name} – {run.scenario.id}"
    return _page(title, lang, "".join(parts))


def write_html_report(run, path: Path, *, lang: str = "en",
                      picture: bool | np.ndarray = True) -> None:
    """Write the trainee's report page (see :func:`html_report`) to ``path`` (UTF-8).

    The parent folder is created when missing; the file is replaced atomically.
    """
    _write(Path(path), html_report(run, lang=lang, picture=picture))


# -- the class page ---------------------------------------------------------------------------

def _cell(value, shown: str, cls: str = "") -> str:
    """A table cell showing ``shown`` (already escaped) that sorts by ``value``."""
    v = "" if value is None else value
    c = f' class="{cls}"' if cls else ""
    return f'<td{c} data-v="{_e(v)}">{shown}</td>'


def class_index_html(rows: list[dict], *, lang: str = "en") -> str:
    """The class page as HTML text (see :func:`write_class_index`)."""
    from weldsim.report.plots import score_histogram

    check_lang(lang)
    none = text(lang, "none")
    body_rows = []
    for r in rows:
        score = r.get("score")
        passed = r.get("passed")
        cyc = r.get("cycle_time_s")
        report = r.get("report")
        worst = [model_text(w, lang) for w in r.get("worst") or []]
        passed_txt = none if passed is None else text(lang, "yes" if passed else "no")
        passed_cls = "" if passed is None else ("ok" if passed else "bad")
        link = (f'<a href="{_e(quote(str(report), safe="/#"))}">{_e(text(lang, "open_report"))}'
                f"</a>" if report else none)
        worst_html = "<br>".join(_e(w) for w in worst[:3]) if worst else none
        body_rows.append(
            "<tr>" + _cell(str(r.get("name", "")).casefold(), _e(r.get("name", "")))
            + _cell(r.get("file", ""), _e(r.get("file", "")))
            + _cell("" if score is None else f"{score:.3f}",
                    num(score, 1, lang) + (_bar(score) if score is not None else ""), "r")
            + _cell("" if passed is None else int(bool(passed)), _e(passed_txt), passed_cls)
            + _cell(r.get("level") or "", _e(r.get("level") or none))
            + _cell(worst[0] if worst else "", worst_html)
            + _cell("" if cyc is None else f"{cyc:.3f}", num(cyc, 1, lang), "r")
            + _cell(r.get("errors") or "", _e(r.get("errors") or none))
            + _cell(report or "", link) + "</tr>")
    head = "".join(f'<th class="sort">{_e(text(lang, k))}</th>' for k in (
        "col_name", "col_file", "col_score", "col_passed", "col_level", "col_worst",
        "col_cycle_time", "col_errors", "col_report"))
    graded = [r for r in rows if r.get("score") is not None]
    scores = [float(r["score"]) for r in graded]
    n_pass = sum(1 for r in graded if r.get("passed"))
    stats = [(text(lang, "stat_count"), str(len(rows))),
             (text(lang, "stat_graded"), str(len(graded))),
             (text(lang, "stat_pass_rate"),
              f"{num(100 * n_pass / len(graded), 0, lang)} %" if graded else none),
             (text(lang, "stat_mean"), num(statistics.fmean(scores), 1, lang)
              if scores else none),
             (text(lang, "stat_median"), num(statistics.median(scores), 1, lang)
              if scores else none)]
    modes = sorted({r["mode"] for r in rows if r.get("mode")})
    if modes:
        stats.insert(0, (tr("modes.label", lang),
                         ", ".join(mode_name(m, lang) for m in modes)))
    stats_html = "".join(f'<div class="card stat">{_e(k)}<br><b>{_e(v)}</b></div>'
                         for k, v in stats)
    table = (f'<p class="note">{_e(text(lang, "sort_hint"))}</p>\n'
             f'<table class="class"><thead><tr>{head}</tr></thead><tbody>\n'
             + "\n".join(body_rows) + "\n</tbody></table>\n") if rows else (
        f'<p>{_e(text(lang, "no_rows"))}</p>\n')
    hist = ""
    if scores:
        hist = (f'<h2>{_e(text(lang, "histogram"))}</h2>\n<div class="card" '
                f'style="max-width:620px">'
                f'{score_histogram(scores, [r.get("passed") for r in graded], lang)}</div>\n')
    body = (f'<h1>{_e(text(lang, "class_title"))}</h1>\n'
            f'<h2>{_e(text(lang, "stats"))}</h2>\n<div class="stats">{stats_html}</div>\n'
            f"{hist}<h2>{_e(text(lang, 'stat_count'))}</h2>\n{table}"
            f'<footer><p>{_e(text(lang, "generated_by", version=__version__))}</p></footer>\n')
    return _page(text(lang, "class_title"), lang, body, _SORT_JS)


def write_class_index(rows: list[dict], folder: Path, *, lang: str = "en") -> Path:
    """Write the class page ``folder/index.html`` and return its path.

    Parameters
    ----------
    rows : list of dict
        One per trainee, in the order to show: ``name``, ``file``, ``score`` (float or None),
        ``passed`` (bool or None), ``level`` (str or None), ``worst`` (list of str, the three
        worst faults), ``cycle_time_s`` (float or None), ``errors`` (str or None: why the job
        could not be graded), ``report`` (str or None: a link relative to ``folder``),
        optional ``mode`` (``practice`` or ``exam``: the page says which).
    folder : pathlib.Path
        Created when missing.
    lang : str
        ``"en"`` or ``"id"``.
    """
    path = Path(folder) / "index.html"
    _write(path, class_index_html(rows, lang=lang))
    return path
