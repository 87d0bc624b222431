"""``weldsim scenarios``: list the exercises; ``weldsim scenarios show ID``: describe one."""

from __future__ import annotations

import argparse

import numpy as np

from weldsim.scenarios.loader import bundled_scenario_ids, load_scenario
from weldsim.scenarios.spec import reflow

__all__ = ["add_parser"]

def add_parser(sub) -> None:
    p = sub.add_parser("scenarios", help="list the exercises, or describe one",
                       description="List the bundled exercises, or describe one (an id or a "
                       "scenario file).")
    p.add_argument("action", nargs="?", choices=("list", "show"), default="list")
    p.add_argument("scenario", nargs="?", help="with 'show': a scenario id or TOML path")
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from rich.console import Console
    from rich.table import Table

    from weldsim.errors import InvalidInputError

    console = Console()
    if args.action == "list":
        if args.scenario:
            raise InvalidInputError("'weldsim scenarios' lists them all; to describe one use "
                                    f"'weldsim scenarios show {args.scenario}'")
        table = Table(title="Exercises" if args.lang == "en" else "Latihan")
        for col in ("id", "title", "level", "robot", "difficulty"):
            table.add_column(col)
        for sid in bundled_scenario_ids():
            s = load_scenario(sid)
            table.add_row(s.id, s.title.get(args.lang), s.required_level or "-", s.robot,
                          "*" * s.difficulty)
        console.print(table)
        return 0
    if not args.scenario:
        raise InvalidInputError("'weldsim scenarios show' needs a scenario id, e.g. "
                                "'weldsim scenarios show t-fillet-2f'")
    s = load_scenario(args.scenario)
    console.print(f"[bold]{s.title.get(args.lang)}[/bold]  ({s.id}, version {s.version}, "
                  f"difficulty {s.difficulty}/5)")
    console.print(reflow(s.instructions.get(args.lang)), highlight=False)
    console.print(f"\nrobot {s.robot}, tool {s.tool}, home "
                  f"{np.round(np.degrees(s.home_q), 1).tolist()} deg")
    for name, T in s.frames.items():
        console.print(f"{name.upper()}: origin {np.round(T[:3, 3] * 1000, 1).tolist()} mm "
                      "(world)")
    for seam in s.seams:
        console.print(f"seam {seam.id}: {seam.joint}, {seam.position}, "
                      f"{seam.length_m * 1000:.1f} mm, plates {seam.thickness_mm[0]:g}/"
                      f"{seam.thickness_mm[1]:g} mm")
    if s.wps is not None:
        w = s.wps
        per_cm_min = 6.0  # mm/s -> cm/min
        console.print(
            f"WPS: {w.wire_diameter_mm:g} mm {w.wire}, {w.gas}; current {w.current_a.min:g}-"
            f"{w.current_a.max:g} A ({w.current_a.nominal:g}), voltage {w.voltage_v.min:g}-"
            f"{w.voltage_v.max:g} V ({w.voltage_v.nominal:g}), speed "
            f"{w.speed_mm_s.min * per_cm_min:.0f}-{w.speed_mm_s.max * per_cm_min:.0f} cm/min "
            f"({w.speed_mm_s.nominal * per_cm_min:.0f}), CTWD {w.ctwd_mm.nominal:g} mm"
        )
    if s.bead is not None and s.bead.leg_mm:
        console.print(f"nominal leg {s.bead.leg_mm:g} mm; required ISO 5817 level "
                      f"{s.required_level}")
    for t in s.targets:
        console.print(f"target {t.name}: {np.round(t.position_m * 1000, 1).tolist()} mm, "
                      f"±{t.tolerance_mm:g} mm, ±{t.tolerance_deg:g} deg")
    console.print(f"cycle-time target {s.cycle_time_target_s:g} s; reference program: "
                  f"{s.reference_job.name if s.reference_job else 'none'}")
    return 0
