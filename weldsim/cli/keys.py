"""``weldsim keygen --out DIR`` and ``weldsim verify REPORT --key PUBLIC``: signed reports."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from weldsim.i18n import tr

__all__ = ["EXIT_NOT_GENUINE", "add_parser", "keygen", "verify"]

EXIT_NOT_GENUINE = 3
"""``weldsim verify``: the report was changed, signed with another key, or not (well) signed."""


def add_parser(sub, lang: str) -> None:
    k = sub.add_parser("keygen", help=tr("help.keygen.help", lang),
                       description=tr("help.keygen.description", lang),
                       epilog=tr("help.keygen.epilog", lang))
    k.add_argument("--out", metavar="DIR", required=True, help=tr("help.keygen.out", lang))
    k.set_defaults(run=keygen)
    v = sub.add_parser("verify", help=tr("help.verify.help", lang),
                       description=tr("help.verify.description", lang),
                       epilog=tr("help.verify.epilog", lang, not_genuine=EXIT_NOT_GENUINE))
    v.add_argument("report", metavar="REPORT", help=tr("help.verify.report", lang))
    v.add_argument("--key", metavar="PUBLIC", required=True, help=tr("help.arg.public_key", lang))
    v.set_defaults(run=verify)


def keygen(args: argparse.Namespace) -> int:
    from weldsim.grading.signing import generate_keys

    private, public = generate_keys(args.out)
    print(tr("cli.keys.wrote_private", args.lang, path=str(private)))
    print(tr("cli.keys.wrote_public", args.lang, path=str(public)))
    return 0


def verify(args: argparse.Namespace) -> int:
    from weldsim.cli.check import safe_output
    from weldsim.grading.signing import load_public_key, read_report, verify_report

    safe_output()
    key = load_public_key(args.key)
    path = Path(args.report)
    data = read_report(path)  # a regular file of bounded size; a FIFO never blocks
    verdict = verify_report(data, key)
    reason = verdict.text(args.lang)
    if verdict.genuine:
        print(tr("cli.keys.genuine", args.lang, path=str(path), reason=reason))
        return 0
    print(tr("cli.keys.not_genuine", args.lang, path=str(path), reason=reason), file=sys.stderr)
    return EXIT_NOT_GENUINE
