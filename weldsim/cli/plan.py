"""``weldsim plan JOB``: plan a job's motion, summarise it and optionally write it as CSV."""

from __future__ import annotations

import argparse
import csv
import io
import math
from pathlib import Path

import numpy as np

from weldsim.atomic import write_atomic
from weldsim.cli import EXIT_OK, EXIT_USER
from weldsim.cli.check import (
    JobContext,
    Report,
    add_job_arguments,
    describe,
    guarded,
    load_context,
    plan_context,
    safe_output,
)
from weldsim.errors import InvalidInputError
from weldsim.i18n import Message, format_number, tr
from weldsim.motion import DEFAULT_RATE_HZ, Trajectory

__all__ = [
    "CSV_COLUMNS",
    "MAX_RATE_HZ",
    "MIN_RATE_HZ",
    "add_parser",
    "fixed_xyz_deg",
    "run",
    "trajectory_csv",
    "write_atomic",
]

CSV_COLUMNS = (
    "t_s", "j1_deg", "j2_deg", "j3_deg", "j4_deg", "j5_deg", "j6_deg",
    "x_mm", "y_mm", "z_mm", "rx_deg", "ry_deg", "rz_deg", "arc_on", "weave_phase", "line",
)
"""Header of ``--csv``: the TCP pose is ``T_base_tcp`` (base frame), its angles the job's
``R = Rz(rz) Ry(ry) Rx(rx)``; ``arc_on`` is 0/1; ``weave_phase`` is in cycles since the weave
started and empty where there is no weave; ``line`` is the job line (0 for the home pose)."""

MIN_RATE_HZ = 1.0
MAX_RATE_HZ = 1000.0


def add_parser(sub, lang: str) -> None:
    p = sub.add_parser(
        "plan", help=tr("help.plan.help", lang),
        description=tr("help.plan.description", lang, columns=", ".join(CSV_COLUMNS)),
        epilog=tr("help.job.epilog", lang))
    add_job_arguments(p, lang)
    p.add_argument("--csv", metavar="FILE", help=tr("help.plan.csv", lang))
    p.add_argument("--rate", metavar="HZ", type=float, default=DEFAULT_RATE_HZ,
                   help=tr("help.plan.rate", lang, low=f"{MIN_RATE_HZ:g}",
                           high=f"{MAX_RATE_HZ:g}", default=f"{DEFAULT_RATE_HZ:g}"))
    p.set_defaults(run=guarded(run))


def fixed_xyz_deg(R: np.ndarray) -> np.ndarray:
    """``(rx, ry, rz)`` [deg] of rotations ``R = Rz(rz) Ry(ry) Rx(rx)``.

    Parameters
    ----------
    R : ndarray, shape (N, 3, 3)

    Returns
    -------
    ndarray, shape (N, 3)
        ``ry`` in [-90, 90]; at ``ry = ±90`` (gimbal lock) ``rx`` is 0 and the rotation about
        the vertical is in ``rz`` (as :func:`weldsim.kinematics.matrix_to_rpy`).
    """
    ry = np.arctan2(-R[:, 2, 0], np.hypot(R[:, 0, 0], R[:, 1, 0]))
    locked = np.hypot(R[:, 0, 0], R[:, 1, 0]) <= 1e-12
    rx = np.where(locked, 0.0, np.arctan2(R[:, 2, 1], R[:, 2, 2]))
    rz = np.where(locked, np.arctan2(-R[:, 0, 1], R[:, 1, 1]),
                  np.arctan2(R[:, 1, 0], R[:, 0, 0]))
    return np.degrees(np.stack([rx, ry, rz], axis=1))


def _fmt(value: float) -> str:
    text = f"{value:.6f}"
    return "0.000000" if text == "-0.000000" else text


def trajectory_csv(trajectory: Trajectory) -> str:
    """The trajectory as CSV text (header :data:`CSV_COLUMNS`, one row per sample)."""
    q = np.degrees(trajectory.q)
    T = trajectory.T_base_tcp
    xyz = T[:, :3, 3] * 1000.0
    angles = fixed_xyz_deg(T[:, :3, :3])
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(CSV_COLUMNS)
    for i in range(len(trajectory)):
        phase = float(trajectory.weave_phase[i])
        writer.writerow([
            _fmt(trajectory.t[i]),
            *(_fmt(v) for v in q[i]),
            *(_fmt(v) for v in xyz[i]),
            *(_fmt(v) for v in angles[i]),
            int(trajectory.arc_on[i]),
            "" if math.isnan(phase) else _fmt(phase),
            int(trajectory.line[i]),
        ])
    return out.getvalue()


def _summary(ctx: JobContext, trajectory: Trajectory, report: Report, lang: str) -> list[str]:
    """The plan's summary and its problem count, one ``label   value`` line each, the labels
    aligned, in ``lang``."""
    def number(value: float, digits: int, unit: str) -> str:
        return f"{format_number(value, digits, lang)} {unit}"

    rows = [
        ("job", f"{ctx.program.name} ({ctx.filename})"),
        ("setup", describe(ctx, lang)),
        ("cycle_time", number(trajectory.cycle_time_s, 3, "s")),
        ("arc_on_time", number(trajectory.arc_on_time_s, 3, "s")),
        ("path_length", number(trajectory.path_length_m * 1000.0, 1, "mm")),
        ("samples", tr("cli.plan.samples_at", lang, n=str(len(trajectory)),
                       rate=f"{trajectory.rate_hz:g}")),
        ("problems", report.counts()),
    ]
    labels = [tr(f"cli.plan.{key}", lang) for key, _ in rows]
    width = max(map(len, labels)) + 2
    return [f"{label:<{width}}{value}" for label, (_, value) in zip(labels, rows, strict=True)]


def run(args: argparse.Namespace) -> int:
    if not (math.isfinite(args.rate) and MIN_RATE_HZ <= args.rate <= MAX_RATE_HZ):
        raise InvalidInputError(message=Message.of(
            "cli.plan.rate_range", low=f"{MIN_RATE_HZ:g}", high=f"{MAX_RATE_HZ:g}",
            rate=f"{args.rate:g}"))
    safe_output()
    report = Report(lang=args.lang)
    ctx = load_context(args)
    if not isinstance(ctx, JobContext):
        for diag in ctx:
            report.diagnostic(diag)
        report.print()
        print(f"{Path(args.job)}: {report.counts()}")
        return EXIT_USER
    trajectory = plan_context(ctx, report, partial=False, rate_hz=args.rate)
    if trajectory is None:
        report.print()
        print(tr("cli.plan.not_planned", args.lang, path=ctx.filename, counts=report.counts()))
        return EXIT_USER
    for line in _summary(ctx, trajectory, report, args.lang):
        print(line)
    report.print()
    if args.csv:
        write_atomic(args.csv, trajectory_csv(trajectory).encode("utf-8"), protect=ctx.filename)
        print(tr("cli.plan.wrote", args.lang, path=str(args.csv), n=str(len(trajectory))))
    return EXIT_USER if report.errors else EXIT_OK
