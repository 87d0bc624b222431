"""``weldsim robot ID``: a summary of a robot model and a check of its reach."""

from __future__ import annotations

import argparse
import json
import time
from typing import TYPE_CHECKING

import numpy as np

from weldsim.i18n import tr
from weldsim.kinematics.loader import bundled_robot_ids

if TYPE_CHECKING:
    from weldsim.kinematics.robot import Robot

__all__ = ["add_parser", "reach_survey", "round_trip_check"]


def add_parser(sub, lang: str) -> None:
    p = sub.add_parser("robot", help=tr("help.robot.help", lang),
                       description=tr("help.robot.description", lang))
    p.add_argument("robot", nargs="?", default="fd-b4",
                   help=tr("help.robot.robot", lang, robots=", ".join(bundled_robot_ids()),
                           default="fd-b4"))
    p.add_argument("--samples", type=int, default=20000, metavar="N",
                   help=tr("help.robot.samples", lang, default=20000))
    p.add_argument("--seed", type=int, default=0, help=tr("help.robot.seed", lang, default=0))
    p.add_argument("--json", action="store_true", help=tr("help.robot.json", lang))
    p.set_defaults(run=run)


def round_trip_check(robot: Robot, samples: int, seed: int) -> dict:
    """FK of random joint angles inside the limits, then IK: worst errors and solution counts.

    Returns
    -------
    dict
        ``samples``, ``max_position_error_m``, ``max_rotation_error``, ``original_found``
        (fraction of samples whose q is among the solutions, modulo 2π), ``mean_solutions``,
        ``us_per_pose``.
    """
    rng = np.random.default_rng(seed)
    q = rng.uniform(robot.lower, robot.upper, size=(samples, 6))
    T = robot.fk(q)
    t0 = time.perf_counter()
    sols, ok = robot.ik(T)
    elapsed = time.perf_counter() - t0
    valid = sols[ok]
    T_back = robot.fk(valid) if len(valid) else np.empty((0, 4, 4))
    T_ref = np.broadcast_to(T[:, None], (samples, 8, 4, 4))[ok]
    pos_err = float(np.abs(T_back[:, :3, 3] - T_ref[:, :3, 3]).max(initial=0.0))
    rot_err = float(np.abs(T_back[:, :3, :3] - T_ref[:, :3, :3]).max(initial=0.0))
    diff = np.abs((sols - q[:, None, :] + np.pi) % (2 * np.pi) - np.pi).max(axis=2)
    found = (np.where(ok, diff, np.inf).min(axis=1) < 1e-8).mean()
    return {
        "samples": samples,
        "max_position_error_m": pos_err,
        "max_rotation_error": rot_err,
        "original_found": float(found),
        "mean_solutions": float(ok.sum(axis=1).mean()),
        "us_per_pose": elapsed / samples * 1e6,
    }


def reach_survey(robot: Robot, heights_m=(0.0, 0.2, 0.4), step_m: float = 0.05) -> dict:
    """Where the robot reaches with the torch axis vertical (wire pointing down).

    A grid of TCP positions in front of the robot (x 0..1.6 m, y -1.2..1.2 m) at each height
    of the base frame; a point counts when some configuration reaches it inside the limits.

    Returns
    -------
    dict
        ``heights_m`` -> ``{"reachable": fraction, "max_radius_m": float, "map": [str]}``;
        the map is a top view (rows +y to -y, columns x), ``#`` reachable, ``.`` not.
    """
    R_down = np.diag([-1.0, 1.0, -1.0])  # tool z = -base z, tool x = -base x
    xs = np.arange(0.0, 1.6 + 1e-9, step_m)
    ys = np.arange(1.2, -1.2 - 1e-9, -step_m)
    out = {}
    for z in heights_m:
        X, Y = np.meshgrid(xs, ys)
        T = np.broadcast_to(np.eye(4), (X.size, 4, 4)).copy()
        T[:, :3, :3] = R_down
        T[:, 0, 3], T[:, 1, 3], T[:, 2, 3] = X.ravel(), Y.ravel(), z
        _, ok = robot.ik(T)
        reach = ok.any(axis=1).reshape(X.shape)
        radius = np.hypot(X, Y)[reach]
        out[f"{z:.2f}"] = {
            "reachable": float(reach.mean()),
            "max_radius_m": float(radius.max(initial=0.0)),
            "map": ["".join("#" if r else "." for r in row) for row in reach],
        }
    return out


def run(args: argparse.Namespace) -> int:
    from weldsim.errors import InvalidInputError
    from weldsim.i18n import Message

    if not 1 <= args.samples <= 10_000_000:
        raise InvalidInputError(message=Message.of("cli.robot.bad_samples", lo=1,
                                                   hi="10000000"))
    from weldsim.kinematics.robot import load_robot  # numba: only when the command runs

    robot = load_robot(args.robot)
    check = round_trip_check(robot, args.samples, args.seed)
    survey = reach_survey(robot)
    if args.json:
        print(json.dumps(_as_dict(robot, check, survey), indent=2))
        return 0
    _print_rich(robot, check, survey, args.lang)
    ok = check["max_position_error_m"] < 1e-9 and check["original_found"] == 1.0
    return 0 if ok else 1


def _as_dict(robot: Robot, check: dict, survey: dict) -> dict:
    spec = robot.spec
    return {
        "id": spec.id,
        "name": spec.name,
        "source": spec.source,
        "payload_kg": spec.payload_kg,
        "reach_m": robot.reach_m(),
        "joints": [
            {"joint": f"J{i + 1}", "lower_deg": float(np.degrees(spec.joints.lower_rad[i])),
             "upper_deg": float(np.degrees(spec.joints.upper_rad[i])),
             "max_speed_deg_s": float(np.degrees(spec.joints.max_speed_rad_s[i]))}
            for i in range(6)
        ],
        "tools": [
            {"number": t.number, "name": t.name,
             "tcp_xyz_mm": [round(float(v) * 1000, 3) for v in t.T_flange_tcp[:3, 3]],
             "neck_angle_deg": float(np.degrees(t.neck_angle_rad)),
             "stick_out_mm": t.stick_out_m * 1000}
            for t in spec.tools
        ],
        "round_trip": check,
        "reach_torch_vertical": {k: {kk: vv for kk, vv in v.items() if kk != "map"}
                                 for k, v in survey.items()},
    }


def _print_rich(robot: Robot, check: dict, survey: dict, lang: str = "en") -> None:
    from rich.console import Console
    from rich.table import Table

    from weldsim.i18n import format_number

    def n(value: float, digits: int = 0) -> str:
        return format_number(float(value), digits, lang)

    def sci(value: float) -> str:
        text = f"{value:.1e}"
        return text.replace(".", ",") if lang == "id" else text

    console = Console()
    spec = robot.spec
    o = spec.opw
    console.print(tr("cli.robot.title", lang, name=f"[bold]{spec.name}[/bold]", id=spec.id))
    console.print(tr("cli.robot.summary", lang, payload=n(spec.payload_kg, 1),
                     repeatability=n(spec.repeatability_mm, 2),
                     reach=n(robot.reach_m() * 1000)))
    console.print(f"OPW a1={o.a1:g} a2={o.a2:g} b={o.b:g} c1={o.c1:g} c2={o.c2:g} c3={o.c3:g} "
                  f"c4={o.c4:g} m")
    joints = Table(title=tr("cli.robot.joints_title", lang))
    for col in ("joint", "lower", "upper", "max_speed"):
        joints.add_column(tr(f"cli.robot.col_{col}", lang), justify="right")
    j = spec.joints
    for i in range(6):
        joints.add_row(f"J{i + 1}", n(np.degrees(j.lower_rad[i])), n(np.degrees(j.upper_rad[i])),
                       n(np.degrees(j.max_speed_rad_s[i])))
    console.print(joints)
    tools = Table(title=tr("cli.robot.tools_title", lang))
    for col in ("no", "torch", "tcp", "neck", "stick_out"):
        tools.add_column(tr(f"cli.robot.col_{col}", lang))
    tools.add_row("0", tr("cli.robot.flange", lang), "0, 0, 0", "-", "-")
    for t in spec.tools:
        xyz = "; ".join(n(v * 1000) for v in t.T_flange_tcp[:3, 3]) if lang == "id" else \
            ", ".join(n(v * 1000) for v in t.T_flange_tcp[:3, 3])
        tools.add_row(str(t.number), t.name, xyz, n(np.degrees(t.neck_angle_rad)),
                      n(t.stick_out_m * 1000))
    console.print(tools)
    console.print(tr("cli.robot.round_trip", lang, samples=check["samples"],
                     position=sci(check["max_position_error_m"]),
                     rotation=sci(check["max_rotation_error"]),
                     found=n(check["original_found"] * 100, 2),
                     solutions=n(check["mean_solutions"], 2), us=n(check["us_per_pose"], 2)))
    reach = Table(title=tr("cli.robot.reach_title", lang))
    for col in ("height", "reachable", "farthest"):
        reach.add_column(tr(f"cli.robot.col_{col}", lang), justify="right")
    for z, s in survey.items():
        reach.add_row(n(float(z) * 1000), f"{n(s['reachable'] * 100)} %",
                      n(s["max_radius_m"] * 1000))
    console.print(reach)
    z0 = next(iter(survey))
    console.print(tr("cli.robot.top_view", lang, height=n(float(z0) * 1000)))
    for row in survey[z0]["map"][::2]:
        console.print("  " + row, highlight=False)
