"""``weldsim export JOB --format inform|fanuc``: write a job in a vendor's program format."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from weldsim.atomic import write_atomic
from weldsim.cli import EXIT_OK, EXIT_USER
from weldsim.cli.check import (
    DEFAULT_ROBOT,
    JobContext,
    add_job_arguments,
    load_context,
    safe_output,
)
from weldsim.i18n import tr
from weldsim.program import JointPosition, instruction_positions
from weldsim.program.export import ExportError, export_fanuc_ls, export_inform

__all__ = ["FORMATS", "add_parser", "export_text", "run"]

FORMATS = {"inform": "Yaskawa INFORM (.JBI)", "fanuc": "FANUC TP ASCII (.LS)"}
"""``--format`` choices and what they are."""


def add_parser(sub, lang: str) -> None:
    p = sub.add_parser("export", help=tr("help.export.help", lang),
                       description=tr("help.export.description", lang, default=DEFAULT_ROBOT),
                       epilog=tr("help.export.epilog", lang))
    add_job_arguments(p, lang)
    # the formats' names, the same in every language
    p.add_argument("--format", required=True, choices=sorted(FORMATS),
                   help="; ".join(f"{k}: {v}" for k, v in sorted(FORMATS.items())))
    p.add_argument("--out", metavar="FILE", help=tr("help.export.out", lang))
    p.set_defaults(run=run)


def export_text(ctx: JobContext, fmt: str) -> str:
    """The job in format ``fmt`` (a key of :data:`FORMATS`).

    Raises
    ------
    ExportError
        The format cannot express the job (e.g. a MOVEC as the first INFORM move).
    """
    if fmt == "inform":
        return export_inform(ctx.program, robot=ctx.robot)
    return export_fanuc_ls(ctx.program)


def _uses_joint_positions(ctx: JobContext) -> bool:
    return any(isinstance(pos, JointPosition) for ins in ctx.program.instructions
               for pos in instruction_positions(ins))


def _write_stdout(data: bytes) -> None:
    """Write bytes unchanged (no newline translation, which would double the CRs)."""
    buffer = getattr(sys.stdout, "buffer", None)
    if buffer is None:  # a text-only stream
        sys.stdout.write(data.decode("utf-8"))
        return
    sys.stdout.flush()
    buffer.write(data)
    buffer.flush()


def run(args: argparse.Namespace) -> int:
    safe_output()
    ctx = load_context(args)
    if not isinstance(ctx, JobContext):
        for diag in ctx:
            print(diag.format(args.lang), file=sys.stderr)
        print(tr("cli.export.not_exported", args.lang, path=str(Path(args.job))),
              file=sys.stderr)
        return EXIT_USER
    try:
        text = export_text(ctx, args.format)
    except ExportError as exc:
        print(tr("cli.export.error", args.lang, path=ctx.filename, message=exc.text(args.lang)),
              file=sys.stderr)
        return EXIT_USER
    if (args.format == "inform" and ctx.robot_source == "default"
            and _uses_joint_positions(ctx)):
        print(tr("cli.export.default_robot", args.lang, path=ctx.filename, robot=ctx.robot.id),
              file=sys.stderr)
    data = text.encode("utf-8")
    if args.out:
        write_atomic(args.out, data, protect=ctx.filename)
        print(tr("cli.export.wrote", args.lang, path=str(args.out),
                 format=FORMATS[args.format]), file=sys.stderr)
    else:
        _write_stdout(data)
    return EXIT_OK
