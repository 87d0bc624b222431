"""The ``weldsim`` command line; ``python -m weldsim`` is the same.

Exit codes: 0 success, 2 a user's mistake (bad argument, file, job or model: the message says
where), 1 an internal error (a bug: please report it with the traceback).
"""

from __future__ import annotations

import argparse
import re
import sys
from collections.abc import Sequence

from weldsim import __version__
from weldsim._cache import announce_fallback
from weldsim.errors import WeldsimError
from weldsim.i18n import LANGUAGES, resolve_lang, tr

__all__ = ["EXIT_INTERNAL", "EXIT_OK", "EXIT_USER", "build_parser", "main"]

EXIT_OK = 0
EXIT_INTERNAL = 1
EXIT_USER = 2


_NO_KERNELS = frozenset({"scenarios", "keygen", "verify", "gradebook", "config", "prepare",
                         "badge"})
"""Commands that never call a numba kernel; every other one first prepares the missing
kernels with a progress bar (:func:`weldsim.prepare.ensure_prepared`)."""

# argparse's own usage errors (English, from its gettext ids) -> catalogue keys with the
# same fields; an error not listed here is shown as argparse wrote it.
_USAGE_ERRORS: tuple[tuple[re.Pattern, str], ...] = tuple(
    (re.compile(pattern + r"\Z", re.S), key) for pattern, key in (
        (r"the following arguments are required: (?P<args>.+)", "cli.usage.required"),
        (r"unrecognized arguments: (?P<args>.+)", "cli.usage.unrecognized"),
        (r"argument (?P<arg>.+?): invalid choice: (?P<value>.+?) \(choose from "
         r"(?P<choices>.+)\)", "cli.usage.invalid_choice"),
        (r"argument (?P<arg>.+?): invalid (?P<type>\w+) value: (?P<value>.+)",
         "cli.usage.invalid_value"),
        (r"argument (?P<arg>.+?): expected one argument", "cli.usage.expected_one"),
        (r"argument (?P<arg>.+?): expected at least one argument", "cli.usage.expected_some"),
        (r"argument (?P<arg>.+?): not allowed with argument (?P<other>.+)",
         "cli.usage.not_allowed"),
        (r"ambiguous option: (?P<option>.+?) could match (?P<matches>.+)",
         "cli.usage.ambiguous"),
        (r"one of the arguments (?P<args>.+) is required", "cli.usage.one_required"),
        (r"argument (?P<arg>.+?): ignored explicit argument (?P<value>.+)",
         "cli.usage.ignored_explicit"),
        # last: any other message about one argument (a type's own ArgumentTypeError, already
        # in the language: see weldsim.cli.pendant's --size)
        (r"argument (?P<arg>.+?): (?P<message>.+)", "cli.usage.argument"),
    ))


def usage_error_text(message: str, lang: str) -> str:
    """argparse's English error ``message`` in ``lang`` (as it is when not in the table)."""
    for pattern, key in _USAGE_ERRORS:
        m = pattern.match(message)
        if m is not None:
            return tr(key, lang, **m.groupdict())
    return message


class _Formatter(argparse.HelpFormatter):
    """argparse's help layout with "usage:" in the parser's language; lines are never broken
    at a hyphen (an id such as ``t-fillet-2f``, Indonesian ``bolak-balik``); the sub-command
    list is measured at its own indent (argparse measures it one level short, which put a
    longer command name such as ``scenarios`` on a line of its own)."""

    lang = "en"  # set by _Parser._get_formatter

    def _split_lines(self, text, width):
        import textwrap

        text = self._whitespace_matcher.sub(" ", text).strip()
        return textwrap.wrap(text, width, break_on_hyphens=False)

    def _fill_text(self, text, width, indent):
        import textwrap

        text = self._whitespace_matcher.sub(" ", text).strip()
        return textwrap.fill(text, width, initial_indent=indent, subsequent_indent=indent,
                             break_on_hyphens=False)

    def add_usage(self, usage, actions, groups, prefix=None):
        if prefix is None:
            prefix = tr("cli.usage.prefix", self.lang) + " "
        super().add_usage(usage, actions, groups, prefix)

    def add_argument(self, action):
        super().add_argument(action)
        if action.help is not argparse.SUPPRESS and isinstance(action,
                                                               argparse._SubParsersAction):
            names = [len(self._format_action_invocation(a)) for a in action._get_subactions()]
            if names:
                self._action_max_length = max(
                    self._action_max_length,
                    max(names) + self._current_indent + self._indent_increment)


class _Parser(argparse.ArgumentParser):
    """argparse with exit code 2 and a plain message for bad arguments, its help and its
    messages in the language of ``--lang`` as far as it can be read before parsing
    (:func:`argv_lang`; :func:`build_parser` sets it on every parser)."""

    lang = "en"

    def __init__(self, *args, **kwargs) -> None:
        kwargs.setdefault("formatter_class", _Formatter)
        super().__init__(*args, **kwargs)

    def _get_formatter(self) -> argparse.HelpFormatter:
        formatter = super()._get_formatter()
        formatter.lang = self.lang
        return formatter

    def error(self, message: str):  # argparse's own exit code is also 2
        self.print_usage(sys.stderr)
        self.exit(EXIT_USER, f"weldsim: {tr('cli.error', self.lang)}: "
                  f"{usage_error_text(message, self.lang)}\n")


def argv_lang(argv: Sequence[str]) -> str:
    """The language for argparse's own messages: a well-formed ``--lang X`` or ``--lang=X``
    in ``argv``, else :func:`weldsim.i18n.resolve_lang` (WELDSIM_LANG, saved choice, id)."""
    args = list(argv)
    for i, arg in enumerate(args):
        if arg == "--":
            break
        value = None
        if arg == "--lang" and i + 1 < len(args):
            value = args[i + 1]
        elif arg.startswith("--lang="):
            value = arg[len("--lang="):]
        if value in LANGUAGES:
            return value
    return resolve_lang(None)


def _localize(parser: argparse.ArgumentParser, lang: str) -> None:
    """argparse's own texts in ``lang`` on the parser and every subcommand's parser: the
    section titles, ``-h``'s help, and ``lang`` for "usage:" and the error messages."""
    parser.lang = lang
    parser._positionals.title = tr("help.argparse.positionals", lang)
    parser._optionals.title = tr("help.argparse.options", lang)
    for action in parser._actions:
        if isinstance(action, argparse._HelpAction):
            action.help = tr("help.argparse.help", lang)
        elif isinstance(action, argparse._SubParsersAction):
            for sub in action.choices.values():
                _localize(sub, lang)


def build_parser(lang: str | None = None) -> argparse.ArgumentParser:
    """The argument parser with every subcommand, every help text in ``lang`` (default:
    :func:`weldsim.i18n.resolve_lang`).

    Each module's ``add_parser(sub, lang)`` takes its texts from the catalogue
    (``help.po``); argparse's own texts are set here (:func:`_localize`).
    """
    lang = resolve_lang(lang)
    from weldsim.cli import (
        badge,
        check,
        config,
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

    parser = _Parser(prog="weldsim", description=tr("help.weldsim.description", lang))
    parser.add_argument("--version", action="version", version=f"weldsim {__version__}",
                        help=tr("help.weldsim.version", lang))
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    for module in (robot, scenarios, check, plan, export, run, grade, gradebook, keys, pendant,
                   config, prepare, badge):
        module.add_parser(sub, lang)
    for command in sub.choices.values():
        _add_lang(command, lang)
    _localize(parser, lang)
    return parser


def _add_lang(parser: argparse.ArgumentParser, lang: str) -> None:
    """``--lang id|en`` on every command; None here, resolved once in :func:`main`."""
    parser.add_argument("--lang", choices=LANGUAGES, default=None, help=tr("help.lang", lang))


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit code."""
    argv = sys.argv[1:] if argv is None else list(argv)
    parser = build_parser(argv_lang(argv))
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # --help, --version, or a bad argument (already printed)
        return exc.code if isinstance(exc.code, int) else EXIT_USER
    args.lang_given = getattr(args, "lang", None)  # --lang itself, for 'weldsim config'
    args.lang = resolve_lang(args.lang_given)
    announce_fallback(args.lang)
    if not getattr(args, "run", None):
        parser.print_help()
        return EXIT_USER
    try:
        if args.command not in _NO_KERNELS:
            from weldsim.prepare import KERNEL_MODULES, PENDANT_MODULES, ensure_prepared

            ensure_prepared(args.lang, modules=KERNEL_MODULES if args.command == "pendant"
                            else set(KERNEL_MODULES) - set(PENDANT_MODULES))
        return int(args.run(args) or EXIT_OK)
    except WeldsimError as exc:
        print(f"weldsim: {tr('cli.error', args.lang)}: {exc.text(args.lang)}", file=sys.stderr)
        return EXIT_USER
    except KeyboardInterrupt:
        print(f"weldsim: {tr('cli.interrupted', args.lang)}", file=sys.stderr)
        return 130
