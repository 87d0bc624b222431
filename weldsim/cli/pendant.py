"""``weldsim pendant [SCENARIO]``: the virtual teach pendant window."""

from __future__ import annotations

import argparse
import functools
import os
from pathlib import Path

from weldsim.i18n import format_number, tr

__all__ = ["add_parser"]

DEFAULT_SCENARIO = "jog-basics"


def _size(text: str, lang: str = "en") -> tuple[int, int]:
    """``--size WxH``: the window's width and height, at least 800x600; a bad value is said
    in ``lang`` (argparse prints it after "argument --size:")."""
    try:
        w, h = (int(v) for v in text.lower().split("x"))
    except ValueError as exc:
        raise argparse.ArgumentTypeError(tr("cli.pendant.bad_size", lang,
                                            value=repr(text))) from exc
    if w < 800 or h < 600:
        raise argparse.ArgumentTypeError(tr("cli.pendant.small_size", lang))
    return w, h


def add_parser(sub, lang: str) -> None:
    p = sub.add_parser("pendant", help=tr("help.pendant.help", lang),
                       description=tr("help.pendant.description", lang))
    p.add_argument("scenario", metavar="SCENARIO", nargs="?", default=DEFAULT_SCENARIO,
                   help=tr("help.pendant.scenario", lang, default=DEFAULT_SCENARIO))
    p.add_argument("--job", metavar="FILE", help=tr("help.pendant.job", lang))
    p.add_argument("--script", metavar="FILE", help=tr("help.pendant.script", lang))
    p.add_argument("--record", metavar="FILE", help=tr("help.pendant.record", lang))
    p.add_argument("--screenshot", metavar="PNG", help=tr("help.pendant.screenshot", lang))
    p.add_argument("--frames", metavar="N", type=int, help=tr("help.pendant.frames", lang))
    size = functools.partial(_size, lang=lang)
    size.__name__ = "size"  # argparse names the type in "invalid size value"
    p.add_argument("--size", metavar="WxH", type=size, default=(1280, 720),
                   help=tr("help.pendant.size", lang, default="1280x720"))
    p.add_argument("--recovery-dir", metavar="DIR", help=tr("help.pendant.recovery_dir", lang))
    p.add_argument("--exam", action="store_true", help=tr("help.pendant.exam", lang))
    p.add_argument("--no-instructions", action="store_true",
                   help=tr("help.pendant.no_instructions", lang))
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
