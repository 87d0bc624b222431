"""``weldsim keygen --out DIR`` and ``weldsim verify REPORT --key PUBLIC``: signed reports."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from weldsim.i18n import tr

__all__ = ["EXIT_NOT_GENUINE", "add_parser", "keygen", "verify"]

EXIT_NOT_GENUINE = 3
"""``weldsim verify``: the report was changed, signed with another key, or not (well) signed."""


def add_parser(sub) -> None:
    k = sub.add_parser(
        "keygen", help="create an instructor's signing key pair",
        description="Create instructor.key (Ed25519 private key, PEM PKCS#8, unencrypted, "
        "readable by its owner only: on Windows the file mode cannot enforce that, keep it "
        "in a private folder) and instructor.pub (the public key to hand out) in DIR. "
        "Existing keys are never overwritten.",
        epilog="exit status: 0 written; 2 a key exists already or DIR cannot be written.")
    k.add_argument("--out", metavar="DIR", required=True, help="folder for the two key files")
    k.set_defaults(run=keygen)
    v = sub.add_parser(
        "verify", help="check a signed JSON report against an instructor's public key",
        description="Check that a JSON report written with --key was signed with the private "
        "key of PUBLIC and not changed since.",
        epilog=f"exit status: 0 genuine; {EXIT_NOT_GENUINE} not genuine (changed content, "
        "another key, no or a malformed signature: the message says which); 2 a file cannot "
        "be read or PUBLIC is not an Ed25519 public key.")
    v.add_argument("report", metavar="REPORT", help="the JSON report")
    v.add_argument("--key", metavar="PUBLIC", required=True, help="instructor.pub")
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
