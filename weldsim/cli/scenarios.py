"""``weldsim scenarios``: list the exercises; ``weldsim scenarios show ID``: describe one.

``show`` prints what a trainee needs to write the job: each seam's start and end in the frame
the job uses (and a circle's centre, start angle and sweep), how each user frame lies in the
base frame, the home pose, the WPS, what the exercise asks for, and a torch orientation
(``X(...)`` as a job writes it) that meets the work and travel angles at each seam's start.
The facts come from :mod:`weldsim.scenarios.describe`; every text from the catalogue
(``weldsim/locale/<lang>/LC_MESSAGES/scenarios.po``) in ``args.lang``, numbers with the
language's decimal mark. ``X(...)`` and ``J(...)`` stay job syntax (a decimal point in every
language), so they can be copied into a job as printed.
"""

from __future__ import annotations

import argparse

from weldsim.i18n import Message, Qty, tr

__all__ = ["add_parser", "show_lines"]


def add_parser(sub, lang: str) -> None:
    p = sub.add_parser("scenarios", help=tr("help.scenarios.help", lang),
                       description=tr("help.scenarios.description", lang))
    p.add_argument("action", nargs="?", choices=("list", "show"), default="list")
    p.add_argument("scenario", nargs="?", help=tr("help.scenarios.scenario", lang))
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from weldsim.cli.check import safe_output
    from weldsim.errors import InvalidInputError
    from weldsim.scenarios.loader import load_scenario

    lang = args.lang
    safe_output()
    if args.action == "list":
        if args.scenario:
            raise InvalidInputError(tr("scen.error.list_takes_no_id", lang, id=args.scenario))
        _print_list(lang)
        return 0
    if not args.scenario:
        raise InvalidInputError(tr("scen.error.show_needs_id", lang))
    for line in show_lines(load_scenario(args.scenario), lang):
        print(line)
    return 0


def _print_list(lang: str) -> None:
    from rich.console import Console
    from rich.table import Table

    from weldsim.scenarios.loader import bundled_scenario_ids, load_scenario

    table = Table(title=tr("scen.list.title", lang))
    for col in ("id", "title", "level", "robot", "difficulty"):
        table.add_column(tr(f"scen.list.col.{col}", lang))
    for sid in bundled_scenario_ids():
        s = load_scenario(sid)
        table.add_row(s.id, s.title.get(lang), s.required_level or "-", s.robot,
                      "*" * s.difficulty)
    Console().print(table)


# -- show ------------------------------------------------------------------------------------

def _mm(v: float, digits: int = 1) -> Qty:
    return Qty(float(v), "mm", digits)


def _deg(v: float, digits: int = 1) -> Qty:
    return Qty(float(v), "deg", digits)


def _num(v: float, digits: int = 0) -> Qty:
    return Qty(float(v), "", digits)


def _point(v, lang: str, unit: str = "mm", digits: int = 1) -> str:
    """A point or vector ``(x; y; z)`` (Indonesian) / ``(x, y, z)`` (English) with a unit."""
    x, y, z = (Qty(float(c), "", digits) for c in v)
    text = tr("scen.vec3", lang, x=x, y=y, z=z)
    return f"{text} {unit}" if unit else text


def _joints(q_deg) -> str:
    """``J(...)`` as a job writes it (decimal point in every language)."""
    from weldsim.program.units import format_number

    return "J(" + ", ".join(format_number(round(float(v), 2) + 0.0) for v in q_deg) + ")"


def _range(lang: str, what: str, r, unit: str, digits: int = 0, scale: float = 1.0) -> str:
    return tr("scen.wps.range", lang, what=Message.of(what),
              low=Qty(r.min * scale, unit, digits), high=Qty(r.max * scale, unit, digits),
              nominal=Qty(r.nominal * scale, unit, digits))


def _travel(angle_deg: float) -> Message:
    if angle_deg >= 0.0:
        return Message.of("scen.angle.push", angle=_deg(angle_deg))
    return Message.of("scen.angle.drag", angle=_deg(-angle_deg))


def show_lines(scenario, lang: str) -> list[str]:
    """The lines ``weldsim scenarios show`` prints for an exercise, in ``lang``."""
    from weldsim.program.writer import format_position
    from weldsim.scenarios.describe import describe
    from weldsim.scenarios.spec import reflow

    s = scenario
    d = describe(s)
    out = [tr("scen.show.header", lang, title=s.title.get(lang), id=s.id, version=s.version,
              difficulty=s.difficulty), ""]
    out += reflow(s.instructions.get(lang)).splitlines()
    out += ["", tr("scen.show.robot", lang, robot=d.robot, tool=d.tool)]
    h = d.home
    out.append(tr("scen.show.home", lang, joints=_joints(h.q_deg), tcp=_point(h.tcp_mm, lang),
                  above=_mm(h.above_work_mm, 0), toward=_mm(h.toward_robot_mm, 0)))

    if d.frames:
        out += ["", tr("scen.show.frames_title", lang)]
    for f in d.frames:
        out.append(tr("scen.show.frame", lang, name=f.name, origin=_point(f.origin_mm, lang)))
        out.append(tr("scen.show.frame_axes", lang, x=_point(f.x_axis, lang, "", 3),
                      y=_point(f.y_axis, lang, "", 3), z=_point(f.z_axis, lang, "", 3)))

    any_torch = False
    for seam in d.seams:
        out += ["", tr("scen.show.seam", lang, id=seam.id,
                       joint=Message.of(f"scen.joint.{seam.joint}"), position=seam.position,
                       length=_mm(seam.length_mm), t1=_mm(seam.thickness_mm[0], 0),
                       t2=_mm(seam.thickness_mm[1], 0), frame=seam.frame)]
        if seam.kind == "circle":
            out.append(tr("scen.show.seam_circle", lang,
                          centre=_point(seam.center_mm, lang, digits=2),
                          radius=_mm(seam.radius_mm, 2)))
            out.append(tr("scen.show.seam_arc", lang, start=_point(seam.start_mm, lang, digits=2),
                          angle=_deg(seam.start_angle_deg), sweep=_deg(seam.sweep_deg),
                          end=_point(seam.end_mm, lang, digits=2)))
        else:
            out.append(tr("scen.show.seam_line", lang, start=_point(seam.start_mm, lang, digits=2),
                          end=_point(seam.end_mm, lang, digits=2)))
        torch = seam.torch
        if torch is None:
            out.append(tr("scen.show.no_torch", lang))
            continue
        any_torch = True
        out.append(tr("scen.show.torch", lang, work=_deg(torch.work_angle_deg),
                      travel=_travel(torch.travel_angle_deg), frame=seam.frame))
        out.append("    " + format_position(torch.position, literal=True))
        out.append(tr("scen.show.torch_joints", lang, joints=_joints(torch.q_deg),
                      roll=_deg(torch.roll_deg, 0)))
    if any_torch:
        out.append(tr("scen.show.torch_note", lang))

    if s.wps is not None:
        w = s.wps
        out += ["", tr("scen.wps.title", lang),
                tr("scen.wps.wire", lang, wire=w.wire, diameter=_mm(w.wire_diameter_mm),
                   gas=Message.of(f"scen.gas.{w.gas}")),
                _range(lang, "scen.wps.current", w.current_a, "A"),
                _range(lang, "scen.wps.voltage", w.voltage_v, "V", 1),
                _range(lang, "scen.wps.speed", w.speed_mm_s, "cm/min", 0, 6.0),
                _range(lang, "scen.wps.ctwd", w.ctwd_mm, "mm"),
                _range(lang, "scen.wps.flow", w.flow_l_min, "L/min")]
        if w.wfs_m_min is not None:
            out.append(_range(lang, "scen.wps.wfs", w.wfs_m_min, "m/min", 1))
        out.append(tr("scen.wps.crater_yes" if w.crater_fill_required else "scen.wps.crater_no",
                      lang))

    out += ["", tr("scen.req.title", lang)]
    out += [f"- {line}" for line in _requirement_lines(d.requirements, lang)]
    for t in s.targets:
        out.append(tr("scen.show.target", lang, name=t.name,
                      position=_point(t.position_m * 1000.0, lang), mm=_mm(t.tolerance_mm),
                      deg=_deg(t.tolerance_deg)))
    ref = s.reference_job
    out += ["", tr("scen.show.reference", lang, name=ref.name) if ref else
            tr("scen.show.no_reference", lang)]
    return out


def _requirement_lines(r, lang: str) -> list[str]:
    out = []
    if r.pass_score is not None:
        out.append(tr("scen.req.pass", lang, score=_num(r.pass_score),
                      excellent=_num(r.excellent_score)))
    if r.required_level is not None:
        out.append(tr("scen.req.level", lang, level=r.required_level))
    if r.leg_mm is not None:
        out.append(tr("scen.req.leg", lang, leg=_mm(r.leg_mm), throat=_mm(r.throat_mm)))
    elif r.throat_mm is not None:
        out.append(tr("scen.req.throat", lang, throat=_mm(r.throat_mm)))
    if r.width_mm is not None:
        out.append(tr("scen.req.width", lang, width=_mm(r.width_mm)))
    if r.work_angle_deg is not None:
        lo, hi = r.work_angle_full
        out.append(tr("scen.req.work_angle", lang, angle=_deg(r.work_angle_deg),
                      low=_deg(lo), high=_deg(hi)))
    if r.travel_angle_deg is not None:
        lo, hi = r.travel_angle_full
        out.append(tr("scen.req.travel_angle", lang, angle=_travel(r.travel_angle_deg),
                      low=_deg(lo), high=_deg(hi)))
    if r.aim_full_mm is not None:
        out.append(tr("scen.req.aim", lang, aim=_mm(r.aim_full_mm)))
    if r.ctwd_mm is not None:
        lo, hi = r.ctwd_full
        out.append(tr("scen.req.ctwd", lang, ctwd=_mm(r.ctwd_mm), low=_mm(lo), high=_mm(hi)))
    if r.travel_speed_pct is not None:
        out.append(tr("scen.req.speed", lang, pct=Qty(r.travel_speed_pct, "%", 0)))
    if r.crater_fill:
        out.append(tr("scen.req.crater", lang))
    if r.target_tolerance_mm is not None:
        out.append(tr("scen.req.targets", lang, mm=_mm(r.target_tolerance_mm),
                      deg=_deg(r.target_tolerance_deg)))
    out.append(tr("scen.req.cycle", lang, seconds=Qty(r.cycle_time_target_s, "s", 0)))
    return out
