"""Issue a badge: check the rule, build and sign the credential, bake it into the badge
picture, write the certificate page and copy the evidence reports.

Nothing is written unless the rule is met. Everything written is a function of the inputs and
the issue date (deterministic), each file written atomically:

- ``credential.jwt``: the signed credential (compact JWS, VC-JWT);
- ``badge.png`` and ``badge.svg``: the badge with the credential baked in (only the format of
  the achievement's own picture when it has one);
- ``certificate.html``: the printable certificate with the trainee's name;
- ``evidence/<exercise>-v<version>.json``: each counted attempt's signed report, unchanged.
"""

from __future__ import annotations

import base64
import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from cryptography.hazmat.primitives import serialization

from weldsim.badges import baking, vcjwt
from weldsim.badges.achievement import (
    ISO5817_LEVELS,
    Achievement,
    Issuer,
    PictureError,
    read_picture,
)
from weldsim.badges.certificate import certificate_html
from weldsim.badges.credential import (
    EvidenceFile,
    build_credential,
    jwt_claims,
    valid_until_from_years,
)
from weldsim.badges.rule import check_rule
from weldsim.errors import WeldsimError
from weldsim.i18n import Message, tr
from weldsim.safe_read import os_reason
from weldsim.tomlfile import located_error

__all__ = ["CERTIFICATE_NAME", "CREDENTIAL_NAME", "EVIDENCE_DIR", "Issued", "RuleNotMetError",
           "issue_badge"]

CREDENTIAL_NAME = "credential.jwt"
CERTIFICATE_NAME = "certificate.html"
EVIDENCE_DIR = "evidence"


class RuleNotMetError(WeldsimError):
    """The trainee has not met the achievement's rule; ``missing`` says what is missing."""

    def __init__(self, missing: tuple[Message, ...]) -> None:
        super().__init__("; ".join(f"{m.key} {m.args}" for m in missing))
        self.missing = missing


@dataclass(frozen=True)
class Issued:
    """What :func:`issue_badge` wrote."""

    credential: dict
    token: str
    files: tuple[Path, ...]


def _picture(achievement: Achievement, lang: str) -> tuple[str, dict[str, bytes]]:
    """The achievement's image as a data URI, and the unbaked pictures by file name."""
    if achievement.image_file is not None:
        try:  # read and checked again: it may have changed since the achievement was read
            data = read_picture(achievement.image_file)
        except PictureError as exc:
            raise located_error(str(achievement.source), exc.problem) from None
        if achievement.image_file.suffix.lower() == ".svg":
            return "data:image/svg+xml;base64," + base64.b64encode(data).decode(), \
                {"badge.svg": data}
        return "data:image/png;base64," + base64.b64encode(data).decode(), {"badge.png": data}
    from weldsim.badges.image import badge_png, badge_svg

    levels = [ex.min_level for ex in achievement.rule.exercises if ex.min_level]
    if levels:
        ribbon = f"ISO 5817 · {min(levels, key=ISO5817_LEVELS.index)}"
    else:
        ribbon = tr("badge.image.ribbon", lang)
    svg = badge_svg(achievement.image_label, achievement.image_color, ribbon)
    png = badge_png(achievement.image_label, achievement.image_color, ribbon)
    return "data:image/svg+xml;base64," + base64.b64encode(svg).decode(), \
        {"badge.png": png, "badge.svg": svg}


def issue_badge(*, achievement: Achievement, issuer: Issuer, gradebook: str | Path,
                trainee: str, private_key, out_dir: str | Path, issued: dt.date,
                valid_until: dt.date | None = None, lang: str = "id",
                display_name: str | None = None) -> Issued:
    """Issue ``achievement`` to ``trainee`` when their attempts meet its rule.

    Parameters
    ----------
    private_key : Ed25519PrivateKey
        The instructor's key (``weldsim keygen``); the counted reports must be signed with it.
    issued : datetime.date
        The issue date (``validFrom``).
    valid_until : datetime.date, optional
        Default: ``issued`` plus the achievement's ``valid_years``, or no expiry.
    display_name : str, optional
        The name printed on the certificate (default ``trainee``); never in the credential.

    Raises
    ------
    RuleNotMetError
        The rule is not met (nothing is written).
    WeldsimError
        The gradebook cannot be read, or the output cannot be written.
    """
    from weldsim.atomic import write_atomic

    outcome = check_rule(achievement.rule, gradebook, trainee, private_key.public_key())
    if not outcome.met:
        raise RuleNotMetError(outcome.missing)
    if valid_until is None and achievement.valid_years is not None:
        valid_until = valid_until_from_years(issued, achievement.valid_years)
    if valid_until is not None and valid_until <= issued:
        raise WeldsimError(message=Message.of("badge.issue.until_before",
                                              until=valid_until.isoformat(),
                                              date=issued.isoformat()))
    evidence = [EvidenceFile(c, f"{EVIDENCE_DIR}/{c.rule.exercise}-v{c.exercise_version}.json")
                for c in outcome.counted]
    image_uri, pictures = _picture(achievement, lang)
    secret = private_key.private_bytes(serialization.Encoding.Raw,
                                       serialization.PrivateFormat.Raw,
                                       serialization.NoEncryption())
    credential = build_credential(achievement, issuer, evidence, trainee, issued, valid_until,
                                  lang, secret, image_uri)
    token = vcjwt.sign(jwt_claims(credential), private_key)
    out = Path(out_dir)
    files: dict[Path, bytes] = {out / CREDENTIAL_NAME: (token + "\n").encode("ascii")}
    for name, data in pictures.items():
        # the achievement's own picture was checked by read_picture: baking cannot fail
        baked = baking.bake_png(data, token) if name.endswith(".png") else \
            baking.bake_svg(data, token)
        files[out / name] = baked
    page = certificate_html(
        achievement=achievement, issuer=issuer, trainee_name=display_name or trainee,
        issued=issued, valid_until=valid_until,
        results=[(c.rule.exercise, c.score, c.level) for c in outcome.counted],
        credential_id=credential["id"], image_uri=image_uri, lang=lang,
        badge_file=min(pictures))
    files[out / CERTIFICATE_NAME] = page.encode("utf-8")
    for ev in evidence:
        files[out.joinpath(*ev.file.split("/"))] = ev.counted.report
    try:
        (out / EVIDENCE_DIR).mkdir(parents=True, exist_ok=True)
        for path, data in files.items():
            write_atomic(path, data)
    except OSError as exc:
        raise WeldsimError(message=Message.of("loaders.badge.cannot_write", path=str(out),
                                              reason=os_reason(exc))) from None
    return Issued(credential, token, tuple(files))
