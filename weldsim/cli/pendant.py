"""``weldsim pendant [SCENARIO]``: the virtual teach pendant window."""

from __future__ import annotations

import argparse
import os
from pathlib import Path

from weldsim.i18n import format_number, tr

__all__ = ["add_parser"]

DEFAULT_SCENARIO = "jog-basics"


def _size(text: str) -> tuple[int, int]:
    try:
        w, h = (int(v) for v in text.lower().split("x"))
    except ValueError as exc:
        raise argparse.ArgumentTypeError(f"size must be WIDTHxHEIGHT, got {text!r}") from exc
    if w < 800 or h < 600:
        raise argparse.ArgumentTypeError("the window must be at least 800x600")
    return w, h


def add_parser(sub) -> None:
    p = sub.add_parser(
        "pendant", help="open the virtual teach pendant on an exercise",
        description="Open the virtual teach pendant: jog the robot, teach points, edit the "
        "job, step-check it, run it dry or with the arc and get the score. Works headless "
        "with SDL_VIDEODRIVER=dummy (with --script, --frames and --screenshot).")
    p.add_argument("scenario", metavar="SCENARIO", nargs="?", default=DEFAULT_SCENARIO,
                   help=f"exercise id or scenario TOML path (default {DEFAULT_SCENARIO})")
    p.add_argument("--job", metavar="FILE", help="the job file to open (created on save; "
                   "default ./<JOBNAME>.job, reopened when it exists)")
    p.add_argument("--script", metavar="FILE", help="play recorded input events "
                   "(JSON lines, see docs/pendant.md); time runs at 1/60 s per frame")
    p.add_argument("--record", metavar="FILE", help="write this session's keyboard and "
                   "mouse input as a script that --script plays back")
    p.add_argument("--screenshot", metavar="PNG", help="save the window when quitting")
    p.add_argument("--frames", metavar="N", type=int, help="quit after N frames")
    p.add_argument("--size", metavar="WxH", type=_size, default=(1280, 720),
                   help="window size (default 1280x720)")
    p.add_argument("--recovery-dir", metavar="DIR", help="folder of autosaved work "
                   "(default: the user data folder's weldsim/recovery)")
    p.add_argument("--exam", action="store_true",
                   help="exam mode: no technique gauges, hints, predicted bead or 3D helpers "
                   "(default: the scenario's coaching mode, practice when it has none)")
    p.add_argument("--no-instructions", action="store_true",
                   help="do not show the exercise's instructions first")
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")  # before pygame is imported
    from weldsim.errors import InvalidInputError
    from weldsim.i18n import render
    from weldsim.pendant import files
    from weldsim.pendant.controller import Pendant
    from weldsim.pendant.script import ScriptError, read_script

    script = None
    if args.script:
        try:
            script = read_script(args.script)
        except (OSError, UnicodeDecodeError, ScriptError) as exc:
            raise InvalidInputError(f"cannot read the script: {exc}") from exc
    recovery_dir = Path(args.recovery_dir) if args.recovery_dir else files.default_recovery_dir()
    job = Path(args.job) if args.job else None
    try:
        pendant = Pendant.open(args.scenario, job, recovery_dir=recovery_dir, background=True,
                               exam=bool(getattr(args, "exam", False)))
    except files.JobFileError as exc:
        raise InvalidInputError(render(exc.message, args.lang)) from None
    from weldsim.pendant.app import PendantApp

    app = PendantApp(pendant, lang=args.lang, size=args.size, script=script,
                     recovery=pendant.recovery_offer(),
                     show_instructions=not args.no_instructions,
                     record=Path(args.record) if args.record else None)
    try:
        app.run(frames=args.frames, screenshot=Path(args.screenshot) if args.screenshot
                else None)
    finally:
        app.close()
    if pendant.last_run is not None:
        card = pendant.last_run.card
        verdict = tr("cli.pendant.passed" if card.passed else "cli.pendant.not_passed",
                     args.lang)
        print(tr("cli.pendant.score", args.lang, score=format_number(card.score, 1, args.lang),
                 verdict=verdict))
    if pendant.job_path.exists() and not pendant.dirty:
        print(tr("cli.pendant.job", args.lang, path=str(pendant.job_path)))
    for alarm in pendant.alarms:
        print(tr("cli.pendant.alarm", args.lang, text=alarm.text(app.tr)))
    return 0
