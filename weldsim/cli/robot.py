"""``weldsim robot ID``: a summary of a robot model and a check of its reach."""

from __future__ import annotations

import argparse
import json
import time

import numpy as np

from weldsim.kinematics import bundled_robot_ids, load_robot
from weldsim.kinematics.robot import Robot

__all__ = ["add_parser", "reach_survey", "round_trip_check"]


def add_parser(sub) -> None:
    p = sub.add_parser(
        "robot",
        help="describe a robot model and check its kinematics and reach",
        description="Summary of a robot model (reach, joint limits, speeds, tools), a round "
        "trip of random poses through FK and IK, and a reach map of the torch held vertical.",
    )
    p.add_argument("robot", nargs="?", default="fd-b4",
                   help=f"bundled id ({', '.join(bundled_robot_ids())}) or a TOML path "
                   "(default fd-b4)")
    p.add_argument("--samples", type=int, default=20000, metavar="N",
                   help="random poses for the round-trip check (default 20000)")
    p.add_argument("--seed", type=int, default=0, help="random seed (default 0)")
    p.add_argument("--json", action="store_true", help="print the results as JSON")
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

    if not 1 <= args.samples <= 10_000_000:
        raise InvalidInputError("--samples must be from 1 to 10000000")
    robot = load_robot(args.robot)
    check = round_trip_check(robot, args.samples, args.seed)
    survey = reach_survey(robot)
    if args.json:
        print(json.dumps(_as_dict(robot, check, survey), indent=2))
        return 0
    _print_rich(robot, check, survey)
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


def _print_rich(robot: Robot, check: dict, survey: dict) -> None:
    from rich.console import Console
    from rich.table import Table

    console = Console()
    spec = robot.spec
    o = spec.opw
    console.print(f"[bold]{spec.name}[/bold]  (id {spec.id}; a model for training, "
                  "not the vendor's data)")
    console.print(f"payload {spec.payload_kg:g} kg, repeatability ±{spec.repeatability_mm:g} mm, "
                  f"reach of the wrist centre {robot.reach_m() * 1000:.0f} mm from the J1 axis")
    console.print(f"OPW a1={o.a1:g} a2={o.a2:g} b={o.b:g} c1={o.c1:g} c2={o.c2:g} c3={o.c3:g} "
                  f"c4={o.c4:g} m")
    joints = Table(title="Joints (model convention: upper arm vertical, forearm horizontal at 0)")
    for col in ("joint", "lower (deg)", "upper (deg)", "max speed (deg/s)"):
        joints.add_column(col, justify="right")
    j = spec.joints
    for i in range(6):
        joints.add_row(f"J{i + 1}", f"{np.degrees(j.lower_rad[i]):.0f}",
                       f"{np.degrees(j.upper_rad[i]):.0f}",
                       f"{np.degrees(j.max_speed_rad_s[i]):.0f}")
    console.print(joints)
    tools = Table(title="Tools (TCP = wire tip at nominal stick-out)")
    for col in ("no.", "torch", "TCP in flange (mm)", "neck (deg)", "stick-out (mm)"):
        tools.add_column(col)
    tools.add_row("0", "flange", "0, 0, 0", "-", "-")
    for t in spec.tools:
        xyz = ", ".join(f"{v * 1000:.0f}" for v in t.T_flange_tcp[:3, 3])
        tools.add_row(str(t.number), t.name, xyz, f"{np.degrees(t.neck_angle_rad):.0f}",
                      f"{t.stick_out_m * 1000:.0f}")
    console.print(tools)
    console.print(
        f"IK round trip of {check['samples']} random poses: worst position error "
        f"{check['max_position_error_m']:.1e} m, worst rotation error "
        f"{check['max_rotation_error']:.1e}; the original joint angles were among the "
        f"solutions for {check['original_found'] * 100:.2f} % of poses; "
        f"{check['mean_solutions']:.2f} valid solutions per pose on average "
        f"({check['us_per_pose']:.2f} µs per pose)."
    )
    reach = Table(title="Reach with the torch vertical (wire down), grid 50 mm in front of J1")
    for col in ("height above base (mm)", "grid reachable", "farthest (mm)"):
        reach.add_column(col, justify="right")
    for z, s in survey.items():
        reach.add_row(f"{float(z) * 1000:.0f}", f"{s['reachable'] * 100:.0f} %",
                      f"{s['max_radius_m'] * 1000:.0f}")
    console.print(reach)
    z0 = next(iter(survey))
    console.print(f"Top view at {float(z0) * 1000:.0f} mm (x to the right 0..1600 mm, "
                  "+y up; # reachable):")
    for row in survey[z0]["map"][::2]:
        console.print("  " + row, highlight=False)
