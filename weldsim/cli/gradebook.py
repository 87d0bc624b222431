"""``weldsim gradebook FILE``: each trainee's best and latest attempt and progress over time,
practice and exam attempts on separate rows (the Mode column)."""

from __future__ import annotations

import argparse

from weldsim.i18n import tr

__all__ = ["add_parser", "run"]


def add_parser(sub, lang: str) -> None:
    p = sub.add_parser("gradebook", help=tr("help.gradebook.help", lang),
                       description=tr("help.gradebook.description", lang),
                       epilog=tr("help.gradebook.epilog", lang))
    p.add_argument("file", metavar="FILE", help=tr("help.gradebook.file", lang))
    p.add_argument("--scenario", metavar="ID", help=tr("help.gradebook.scenario", lang))
    p.add_argument("--trainee", metavar="NAME", help=tr("help.gradebook.trainee", lang))
    p.set_defaults(run=run)


def _score(a, lang: str) -> str:
    from weldsim.i18n import format_number

    return "x" if a.score is None else format_number(a.score, 0, lang)


def _attempt(a, lang: str) -> str:
    from weldsim.i18n import format_number

    when = a.graded_at[:16].replace("T", " ") + " UTC"
    if a.score is None:
        return tr("cli.gradebook.errors", lang, when=when)
    verdict = tr("cli.grade.passed" if a.passed else "cli.grade.failed", lang)
    return tr("cli.gradebook.attempt", lang, score=format_number(a.score, 1, lang),
              verdict=verdict, level=a.level or "-", when=when)


def run(args: argparse.Namespace) -> int:
    from rich.console import Console
    from rich.markup import escape
    from rich.table import Table

    from weldsim.cli.check import safe_output
    from weldsim.grading.gradebook import Gradebook, history

    safe_output()
    with Gradebook(args.file, create=False) as book:
        attempts = book.attempts(scenario=args.scenario, trainee=args.trainee)
    lang = args.lang
    console = Console(soft_wrap=False)
    if not attempts:
        console.print(tr("cli.gradebook.no_match" if args.scenario or args.trainee
                         else "cli.gradebook.no_attempts", lang))
        return 0
    table = Table(title=tr("cli.gradebook.title", lang, path=escape(str(args.file))))
    for key in ("cli.gradebook.col_trainee", "cli.gradebook.col_exercise", "modes.label",
                "cli.gradebook.col_attempts", "cli.gradebook.col_best",
                "cli.gradebook.col_latest", "cli.gradebook.col_progress"):
        table.add_column(tr(key, lang), overflow="fold")
    for h in history(attempts):
        progress = " → ".join(_score(a, lang) for a in h.attempts)
        table.add_row(escape(h.trainee), escape(h.scenario), tr(f"modes.name.{h.mode}", lang),
                      str(len(h.attempts)), _attempt(h.best, lang), _attempt(h.latest, lang),
                      progress)
    console.print(table)
    return 0
