"""``weldsim run SCENARIO JOB``: plan, simulate, weld and score a job; ``weldsim demo``: the
default exercise with its reference program."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from weldsim.atomic import write_atomic
from weldsim.cli.check import guarded, safe_output
from weldsim.i18n import tr

__all__ = ["add_parser"]

DEMO_SCENARIO = "t-fillet-2f"


def add_parser(sub, lang: str) -> None:
    p = sub.add_parser("run", help=tr("help.run.help", lang),
                       description=tr("help.run.description", lang),
                       epilog=tr("help.run.epilog", lang))
    p.add_argument("scenario", metavar="SCENARIO", help=tr("help.arg.scenario", lang))
    p.add_argument("job", metavar="JOB", help=tr("help.arg.job", lang))
    _common(p, lang)
    p.set_defaults(run=guarded(run))
    d = sub.add_parser("demo", help=tr("help.demo.help", lang, scenario=DEMO_SCENARIO),
                       epilog=tr("help.run.epilog", lang))
    _common(d, lang)
    d.set_defaults(run=guarded(demo))


def _common(p: argparse.ArgumentParser, lang: str) -> None:
    p.add_argument("--json", metavar="PATH", help=tr("help.run.json", lang))
    p.add_argument("--report", metavar="DIR", help=tr("help.run.report", lang))
    p.add_argument("--key", metavar="PRIVATE", help=tr("help.run.key", lang))
    p.add_argument("--exam", action="store_true", help=tr("help.run.exam", lang))


def _execute(scenario, job, args: argparse.Namespace) -> int:
    from weldsim.exercise import run_exercise
    from weldsim.grading.names import display_path
    from weldsim.grading.worker import job_report_text
    from weldsim.i18n import Qty, render
    from weldsim.program import JobLimits
    from weldsim.program.source import read_job_bytes
    from weldsim.report import summary_text

    safe_output()
    pem = None
    if args.key:
        from weldsim.grading.signing import load_private_key

        _, pem = load_private_key(args.key)
    from weldsim.scenarios.loader import load_scenario
    from weldsim.scenarios.spec import Scenario
    from weldsim.sim import Cell

    if not isinstance(scenario, Scenario):
        scenario = load_scenario(scenario)
    with Cell(scenario) as cell:  # one cell: it plays the job and renders the report's picture
        shown = display_path(job)  # a file name that is not text is escaped in the report
        data = None if shown == Path(job) else read_job_bytes(job, JobLimits())
        result = run_exercise(scenario, shown, data=data, cell=cell,
                              mode="exam" if args.exam else None)
        text = job_report_text(result, pem)
        if args.json == "-":
            sys.stdout.write(text)
        else:
            if result.alarm is not None:
                alarm = result.alarm
                print(tr("ctl.run.stopped", args.lang, headline=render(alarm.headline, args.lang)))
                print(tr("ctl.run.stopped_at", args.lang, time=Qty(alarm.time_s, "s", 2)))
            print(summary_text(result, lang=args.lang), end="")
            if args.json:
                write_atomic(args.json, text.encode("utf-8"), protect=job)
        if args.report:
            _write_report(result, Path(args.report), text, args.lang, cell)
        return 0


def _write_report(result, folder: Path, text: str, lang: str, cell) -> None:
    from weldsim.errors import WeldsimError
    from weldsim.i18n import Message
    from weldsim.report.html import cell_picture, write_html_report
    from weldsim.safe_read import os_reason

    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise WeldsimError(message=Message.of("modes.run.cannot_create_folder",
                                              folder=str(folder),
                                              reason=os_reason(exc))) from None
    stem = Path(result.job.filename).stem
    write_atomic(folder / f"{stem}.json", text.encode("utf-8"))
    image = cell_picture(result, cell=cell)  # rendered once, for the page and the PNG
    try:
        write_html_report(result, folder / f"{stem}.html", lang=lang, picture=image)
    except OSError as exc:
        raise WeldsimError(message=Message.of("cli.cannot_write",
                                              path=str(folder / f"{stem}.html"),
                                              reason=os_reason(exc))) from None
    write_atomic(folder / f"{stem}.png", _png(image))


def _png(image) -> bytes:
    """PNG bytes of an RGB image (the report's writer: Pillow, without matplotlib)."""
    from weldsim.report.plots import png_bytes

    return png_bytes(image)


def run(args: argparse.Namespace) -> int:
    return _execute(args.scenario, args.job, args)


def demo(args: argparse.Namespace) -> int:
    from weldsim.scenarios.loader import load_scenario

    scenario = load_scenario(DEMO_SCENARIO)
    return _execute(scenario, scenario.reference_job, args)
