"""``weldsim badge issue`` and ``weldsim badge verify``: Open Badges 3.0 credentials."""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path

from weldsim.errors import WeldsimError
from weldsim.i18n import tr

__all__ = ["EXIT_NOT_GENUINE", "EXIT_NOT_MET", "add_parser", "issue", "verify"]

EXIT_NOT_MET = 2
"""``weldsim badge issue``: the trainee has not met the rule (nothing written)."""
EXIT_NOT_GENUINE = 3
"""``weldsim badge verify``: the credential is not genuine (the message says why)."""


def add_parser(sub, lang: str) -> None:
    p = sub.add_parser("badge", help=tr("help.badge.help", lang),
                       description=tr("help.badge.description", lang))
    actions = p.add_subparsers(dest="badge_action", metavar="ACTION",
                               parser_class=type(p))
    lang_option = dict(choices=("id", "en"), default=argparse.SUPPRESS,
                       help=tr("help.badge.lang", lang))
    i = actions.add_parser("issue", help=tr("help.badge.issue.help", lang),
                           description=tr("help.badge.issue.description", lang),
                           epilog=tr("help.badge.issue.epilog", lang, not_met=EXIT_NOT_MET))
    i.add_argument("achievement", metavar="ACHIEVEMENT",
                   help=tr("help.badge.issue.achievement", lang))
    i.add_argument("--gradebook", metavar="FILE", required=True,
                   help=tr("help.badge.issue.gradebook", lang))
    i.add_argument("--trainee", metavar="NAME", required=True,
                   help=tr("help.badge.issue.trainee", lang))
    i.add_argument("--key", metavar="PRIVATE", required=True,
                   help=tr("help.badge.issue.key", lang))
    i.add_argument("--issuer", metavar="ISSUER.toml", required=True,
                   help=tr("help.badge.issue.issuer", lang))
    i.add_argument("--out", metavar="DIR", required=True, help=tr("help.arg.out_dir", lang))
    i.add_argument("--date", metavar="YYYY-MM-DD", help=tr("help.badge.issue.date", lang))
    i.add_argument("--valid-until", metavar="YYYY-MM-DD",
                   help=tr("help.badge.issue.valid_until", lang))
    i.add_argument("--name", metavar="TEXT", help=tr("help.badge.issue.name", lang))
    i.add_argument("--lang", **lang_option)
    i.set_defaults(run=issue)
    v = actions.add_parser("verify", help=tr("help.badge.verify.help", lang),
                           description=tr("help.badge.verify.description", lang),
                           epilog=tr("help.badge.verify.epilog", lang,
                                     not_genuine=EXIT_NOT_GENUINE))
    v.add_argument("file", metavar="FILE", help=tr("help.badge.verify.file", lang))
    v.add_argument("--key", metavar="PUBLIC", required=True, help=tr("help.arg.public_key", lang))
    v.add_argument("--trainee", metavar="NAME", help=tr("help.badge.verify.trainee", lang))
    v.add_argument("--no-evidence", action="store_true",
                   help=tr("help.badge.verify.no_evidence", lang))
    v.add_argument("--lang", **lang_option)
    v.set_defaults(run=verify)
    p.set_defaults(run=lambda args: _help(p))


def _help(parser: argparse.ArgumentParser) -> int:
    parser.print_help()
    return 2


def _date(value: str | None, option: str, lang: str) -> dt.date | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise WeldsimError(tr("badge.cli.bad_date", lang, option=option, value=value)) from None


def issue(args: argparse.Namespace) -> int:
    from weldsim.badges import RuleNotMetError, issue_badge, load_achievement, load_issuer
    from weldsim.cli.check import safe_output
    from weldsim.grading.signing import load_private_key
    from weldsim.i18n import render

    safe_output()
    lang = args.lang
    issued = _date(args.date, "--date", lang) or dt.datetime.now(dt.UTC).date()
    until = _date(args.valid_until, "--valid-until", lang)
    achievement = load_achievement(args.achievement)
    issuer = load_issuer(args.issuer)
    key, _ = load_private_key(args.key)
    try:
        done = issue_badge(achievement=achievement, issuer=issuer, gradebook=args.gradebook,
                           trainee=args.trainee, private_key=key, out_dir=args.out,
                           issued=issued, valid_until=until, lang=lang,
                           display_name=args.name)
    except RuleNotMetError as exc:
        print(tr("badge.cli.not_met", lang, trainee=args.trainee,
                 achievement=achievement.name(lang)), file=sys.stderr)
        for m in exc.missing:
            print(f"  - {render(m, lang)}", file=sys.stderr)
        return EXIT_NOT_MET
    print(tr("badge.cli.issued", lang, achievement=achievement.name(lang),
             trainee=args.trainee, count=len(done.credential["evidence"])))
    for path in done.files:
        print(tr("badge.cli.wrote", lang, path=str(path)))
    return 0


def verify(args: argparse.Namespace) -> int:
    from weldsim.badges import UnreadableCredentialError, verify_credential_file
    from weldsim.cli.check import safe_output
    from weldsim.grading.signing import load_public_key
    from weldsim.i18n import render

    safe_output()
    lang = args.lang
    key = load_public_key(args.key)
    path = Path(args.file)
    try:
        verdict = verify_credential_file(path, key, check_evidence=not args.no_evidence,
                                         trainee=args.trainee)
    except UnreadableCredentialError as exc:
        raise WeldsimError(render(exc.message, lang)) from None
    if not verdict.genuine:
        print(tr("badge.cli.not_genuine", lang, file=str(path)), file=sys.stderr)
        for m in verdict.reasons:
            print(f"  - {render(m, lang)}", file=sys.stderr)
        return EXIT_NOT_GENUINE
    vc = verdict.credential
    issuer = vc["issuer"]
    print(tr("badge.cli.genuine", lang, file=str(path)))
    print(tr("badge.cli.summary", lang, name=vc["credentialSubject"]["achievement"]["name"],
             issuer=issuer.get("name", issuer["id"]) if isinstance(issuer, dict) else issuer,
             valid_from=vc["validFrom"]))
    if "validUntil" in vc:
        print(tr("badge.cli.valid_until", lang, date=vc["validUntil"]))
    if args.trainee is not None:
        print(tr("badge.cli.trainee_matches", lang, name=args.trainee))
    if args.no_evidence:
        for m in verdict.notes:
            print(f"  {render(m, lang)}")
    else:
        print(tr("badge.cli.evidence_checked", lang, count=verdict.evidence_checked))
    return 0
