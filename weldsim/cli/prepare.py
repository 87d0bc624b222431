"""``weldsim prepare``: compile weldsim's kernels for this computer, once, with a progress bar.

A school can run it right after installing; otherwise the first command that needs the kernels
does it (:func:`weldsim.prepare.ensure_prepared`).
"""

from __future__ import annotations

import argparse

from weldsim.i18n import tr

__all__ = ["add_parser", "run"]


def add_parser(sub, lang: str) -> None:
    """Register ``prepare``."""
    p = sub.add_parser("prepare", help=tr("help.prepare.help", lang),
                       description=tr("help.prepare.description", lang))
    p.add_argument("--workers", metavar="N", type=int, default=None,
                   help=tr("help.prepare.workers", lang))
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    """Prepare what is missing; say so when nothing is."""
    from weldsim.prepare import ensure_prepared

    if ensure_prepared(args.lang, workers=args.workers) == 0.0:
        print(tr("prepare.nothing", args.lang))
    return 0
