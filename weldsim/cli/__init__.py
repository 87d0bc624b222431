"""The ``weldsim`` command line; ``python -m weldsim`` is the same.

Exit codes: 0 success, 2 a user's mistake (bad argument, file, job or model: the message says
where), 1 an internal error (a bug: please report it with the traceback).
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from weldsim import __version__
from weldsim.errors import WeldsimError
from weldsim.i18n import LANGUAGES, resolve_lang

__all__ = ["EXIT_INTERNAL", "EXIT_OK", "EXIT_USER", "build_parser", "main"]

EXIT_OK = 0
EXIT_INTERNAL = 1
EXIT_USER = 2


_NO_KERNELS = frozenset({"scenarios", "keygen", "verify", "gradebook", "config", "prepare",
                         "badge"})
"""Commands that never call a numba kernel; every other one first prepares the missing
kernels with a progress bar (:func:`weldsim.prepare.ensure_prepared`)."""


class _Parser(argparse.ArgumentParser):
    """argparse with exit code 2 and a plain message for bad arguments."""

    def error(self, message: str):  # argparse's own exit code is also 2
        self.print_usage(sys.stderr)
        self.exit(EXIT_USER, f"weldsim: error: {message}\n")


def build_parser() -> argparse.ArgumentParser:
    """The argument parser with every subcommand."""
    from weldsim.cli import (
        badge,
        check,
        export,
        grade,
        gradebook,
        keys,
        pendant,
        plan,
        prepare,
        robot,
        run,
        scenarios,
    )

    parser = _Parser(prog="weldsim", description="Arc-welding robot training simulator.")
    parser.add_argument("--version", action="version", version=f"weldsim {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    robot.add_parser(sub)
    scenarios.add_parser(sub)
    check.add_parser(sub)
    plan.add_parser(sub)
    export.add_parser(sub)
    run.add_parser(sub)
    grade.add_parser(sub)
    gradebook.add_parser(sub)
    keys.add_parser(sub)
    pendant.add_parser(sub)
    prepare.add_parser(sub)
    badge.add_parser(sub)
    for command in sub.choices.values():
        _add_lang(command)
    return parser


def _add_lang(parser: argparse.ArgumentParser) -> None:
    """``--lang id|en`` on every command; None here, resolved once in :func:`main`."""
    parser.add_argument("--lang", choices=LANGUAGES, default=None,
                        help="language of everything the command writes: id (Indonesian) or "
                        "en (English); default: WELDSIM_LANG, else the saved choice "
                        "('weldsim config lang'), else id")


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit code."""
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # --help, --version, or a bad argument (already printed)
        return exc.code if isinstance(exc.code, int) else EXIT_USER
    args.lang = resolve_lang(getattr(args, "lang", None))
    if not getattr(args, "run", None):
        parser.print_help()
        return EXIT_USER
    try:
        if args.command not in _NO_KERNELS:
            from weldsim.prepare import ensure_prepared

            ensure_prepared(args.lang)
        return int(args.run(args) or EXIT_OK)
    except WeldsimError as exc:
        print(f"weldsim: error: {exc}", file=sys.stderr)
        return EXIT_USER
    except KeyboardInterrupt:
        print("weldsim: interrupted", file=sys.stderr)
        return 130
