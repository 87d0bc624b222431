"""``weldsim badge issue`` and ``weldsim badge verify``: Open Badges 3.0 credentials."""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path

from weldsim.errors import WeldsimError

__all__ = ["EXIT_NOT_GENUINE", "EXIT_NOT_MET", "add_parser", "issue", "verify"]

EXIT_NOT_MET = 2
"""``weldsim badge issue``: the trainee has not met the rule (nothing written)."""
EXIT_NOT_GENUINE = 3
"""``weldsim badge verify``: the credential is not genuine (the message says why)."""


def add_parser(sub) -> None:
    p = sub.add_parser(
        "badge", help="issue and verify Open Badges 3.0 credentials for passed exercises",
        description="Digital badges: 'weldsim badge issue' checks a trainee's graded attempts "
        "against an achievement's rule and writes a signed Open Badges 3.0 credential, the "
        "badge picture with it baked in, a printable certificate and the evidence; 'weldsim "
        "badge verify' checks one. See docs/badges.md.")
    actions = p.add_subparsers(dest="badge_action", metavar="ACTION",
                               parser_class=type(p))
    lang = dict(choices=("id", "en"), default=argparse.SUPPRESS,
                help="language of the texts (default: WELDSIM_LANG, the saved choice, or id)")
    i = actions.add_parser(
        "issue", help="issue a badge to a trainee who met an achievement's rule",
        description="Check TRAINEE's attempts in the gradebook against ACHIEVEMENT's rule "
        "(exercises, minimum score, ISO 5817 level, attempt mode) and, when it is met, write "
        "into DIR: credential.jwt (the OpenBadgeCredential signed as a VC-JWT with the "
        "instructor's Ed25519 key), badge.png and badge.svg (the credential baked in), "
        "certificate.html (printable, with the trainee's name: the credential only holds a "
        "salted hash of it) and evidence/ (each counted attempt's signed report). The same "
        "inputs and --date give the same files. Every counted report must be signed with "
        "the same key (grade with --key).",
        epilog=f"exit status: 0 written; {EXIT_NOT_MET} the rule is not met (the message says "
        "which exercise, score or level is missing; nothing is written) or a bad argument or "
        "file; 1 an internal error.")
    i.add_argument("achievement", metavar="ACHIEVEMENT",
                   help="an achievement id (bundled: robot-fillet-2f) or TOML file")
    i.add_argument("--gradebook", metavar="FILE", required=True,
                   help="the gradebook written by 'weldsim grade' (only read)")
    i.add_argument("--trainee", metavar="NAME", required=True,
                   help="the trainee as the gradebook names them (their job file's stem)")
    i.add_argument("--key", metavar="PRIVATE", required=True,
                   help="the instructor's private key (instructor.key, 'weldsim keygen')")
    i.add_argument("--issuer", metavar="ISSUER.toml", required=True,
                   help="the issuer's profile: id (a URI), name, optional url, email, "
                   "description")
    i.add_argument("--out", metavar="DIR", required=True, help="output folder (created)")
    i.add_argument("--date", metavar="YYYY-MM-DD",
                   help="issue date (validFrom; default: today, UTC)")
    i.add_argument("--valid-until", metavar="YYYY-MM-DD",
                   help="expiry date (default: the achievement's valid_years, or none)")
    i.add_argument("--name", metavar="TEXT",
                   help="the name printed on the certificate (default: --trainee)")
    i.add_argument("--lang", **lang)
    i.set_defaults(run=issue)
    v = actions.add_parser(
        "verify", help="check a badge: signature, dates, required fields, evidence",
        description="Check a credential (credential.jwt, a JSON file, or a baked badge.png / "
        "badge.svg) with the instructor's public key: the VC-JWT signature, its claims, the "
        "fields Open Badges 3.0 requires, that it is valid today, and each evidence report "
        "(found relative to FILE's folder): its SHA-256, its own signature, its exercise and "
        "that it agrees with the results. Nothing is fetched from the network.",
        epilog=f"exit status: 0 genuine; {EXIT_NOT_GENUINE} not genuine (changed, another key, "
        "expired or not yet valid, a field missing, evidence missing or changed: the message "
        "says why); 2 FILE cannot be read or holds no credential, or PUBLIC is not an Ed25519 "
        "public key.")
    v.add_argument("file", metavar="FILE", help="credential.jwt, a JSON file, or badge.png/svg")
    v.add_argument("--key", metavar="PUBLIC", required=True, help="instructor.pub")
    v.add_argument("--trainee", metavar="NAME",
                   help="also check that the badge was awarded to NAME (as the gradebook names "
                   "them): the credential's salted identity hash must match")
    v.add_argument("--no-evidence", action="store_true",
                   help="do not check the evidence reports (when only the badge was shared)")
    v.add_argument("--lang", **lang)
    v.set_defaults(run=verify)
    p.set_defaults(run=lambda args: _help(p))


def _help(parser: argparse.ArgumentParser) -> int:
    parser.print_help()
    return 2


def _date(value: str | None, option: str, lang: str) -> dt.date | None:
    from weldsim.i18n import tr

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
    from weldsim.i18n import render, tr

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
    from weldsim.i18n import render, tr

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
