"""Build an Open Badges 3.0 ``OpenBadgeCredential`` (on the Verifiable Credentials 2.0 data
model) from an achievement, its issuer and the attempts that met the rule, and its VC-JWT
claims.

The trainee appears only as a salted SHA-256 ``IdentityObject`` (``identityType`` ``name``:
their name as the gradebook records it), never in plain text. The salt, the credential's id
and the subject's id are derived from the issuer's private key and the issue's inputs
(HMAC-SHA256), so that the same inputs give the same credential, byte for byte, while nobody
without the key can predict them.
"""

from __future__ import annotations

import calendar
import datetime as dt
import hashlib
import hmac
import uuid
from dataclasses import dataclass

from weldsim.badges.achievement import ISO5817_LEVELS, Achievement, Issuer
from weldsim.badges.contexts import OB_V3_CONTEXT, VC_V2_CONTEXT, WELDSIM_CONTEXT
from weldsim.badges.rule import CountedAttempt
from weldsim.i18n import tr

__all__ = ["CONTEXT", "EvidenceFile", "build_credential", "identity_hash", "jwt_claims",
           "level_result_id", "numeric_date", "parse_datetime", "score_result_id",
           "valid_until_from_years", "xsd_datetime"]

CONTEXT = [VC_V2_CONTEXT, OB_V3_CONTEXT, WELDSIM_CONTEXT]
"""The ``@context`` of every weldsim credential, in the order the data model requires."""

IDENTITY_TYPE = "name"


@dataclass(frozen=True)
class EvidenceFile:
    """A counted attempt and where its report is copied, relative to the credential's folder
    (a POSIX path such as ``evidence/t-fillet-2f-v1.json``)."""

    counted: CountedAttempt
    file: str


def identity_hash(value: str, salt: str) -> str:
    """Open Badges' ``IdentityHash``: ``sha256$`` and the hex SHA-256 of ``value + salt``
    (UTF-8)."""
    return "sha256$" + hashlib.sha256((value + salt).encode("utf-8")).hexdigest()


def _derive(secret: bytes, purpose: str, *parts: str) -> bytes:
    msg = "\x00".join(("weldsim-badge", purpose, *parts)).encode("utf-8")
    return hmac.new(secret, msg, hashlib.sha256).digest()


def _urn_uuid(raw: bytes) -> str:
    return f"urn:uuid:{uuid.UUID(bytes=raw[:16], version=4)}"


def xsd_datetime(day: dt.date) -> str:
    """Midnight UTC of ``day`` as ``YYYY-MM-DDT00:00:00Z``."""
    return f"{day.isoformat()}T00:00:00Z"


def parse_datetime(text: str) -> dt.datetime | None:
    """A ``DateTimeZ`` (ISO 8601 with a time zone, ``Z`` or ``+hh:mm``) as an aware datetime,
    None when it is not one."""
    if not isinstance(text, str) or "T" not in text:
        return None
    try:
        value = dt.datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        return None
    return value if value.tzinfo is not None else None


def numeric_date(text: str) -> int:
    """A JWT ``NumericDate`` (whole seconds since 1970 UTC) of a ``DateTimeZ``."""
    value = parse_datetime(text)
    if value is None:
        raise ValueError(f"not a date-time with a time zone: {text!r}")
    return calendar.timegm(value.astimezone(dt.UTC).timetuple())


def valid_until_from_years(issued: dt.date, years: int) -> dt.date:
    """``issued`` plus whole years (29 February becomes 28 February)."""
    try:
        return issued.replace(year=issued.year + years)
    except ValueError:
        return issued.replace(year=issued.year + years, day=28)


def score_result_id(achievement: Achievement, exercise: str) -> str:
    return f"{achievement.uri}#score-{exercise}"


def level_result_id(achievement: Achievement, exercise: str) -> str:
    return f"{achievement.uri}#iso5817-level-{exercise}"


def _score_value(score: float) -> str:
    return f"{score:.2f}"


def _achievement(a: Achievement, lang: str, image_uri: str) -> dict:
    out: dict = {
        "id": a.uri,
        "type": ["Achievement"],
        "achievementType": a.achievement_type,
        "name": a.name(lang),
        "description": a.description(lang),
        "criteria": {"narrative": a.criteria(lang)},
        "image": {"id": image_uri, "type": "Image", "caption": a.name(lang)},
        "inLanguage": lang,
        "version": str(a.version),
    }
    if a.alignments:
        out["alignment"] = [_alignment(al) for al in a.alignments]
    descriptions = []
    for ex in a.rule.exercises:
        descriptions.append({
            "id": score_result_id(a, ex.exercise), "type": ["ResultDescription"],
            "name": tr("badge.cred.score_name", lang, exercise=ex.exercise),
            "resultType": "Percent", "valueMin": "0", "valueMax": "100",
            "requiredValue": _score_value(ex.min_score)})
        level = {
            "id": level_result_id(a, ex.exercise), "type": ["ResultDescription"],
            "name": tr("badge.cred.level_name", lang, exercise=ex.exercise),
            "resultType": "PerformanceLevel", "allowedValue": list(ISO5817_LEVELS)}
        if ex.min_level is not None:
            level["requiredValue"] = ex.min_level
        descriptions.append(level)
    out["resultDescription"] = descriptions
    return out


def _alignment(al) -> dict:
    out = {"type": ["Alignment"], "targetName": al.target_name, "targetUrl": al.target_url}
    for key, value in (("targetCode", al.target_code), ("targetFramework", al.target_framework),
                       ("targetDescription", al.target_description),
                       ("targetType", al.target_type)):
        if value is not None:
            out[key] = value
    return out


def _issuer(issuer: Issuer) -> dict:
    out = {"id": issuer.id, "type": ["Profile"], "name": issuer.name}
    for key, value in (("url", issuer.url), ("email", issuer.email),
                       ("description", issuer.description)):
        if value is not None:
            out[key] = value
    return out


def build_credential(achievement: Achievement, issuer: Issuer, evidence: list[EvidenceFile],
                     trainee: str, issued: dt.date, valid_until: dt.date | None, lang: str,
                     secret: bytes, image_uri: str) -> dict:
    """The credential (JSON-ready, keys in a fixed order).

    Parameters
    ----------
    achievement, issuer
    evidence : list of EvidenceFile
        One per exercise of the rule, in its order.
    trainee : str
        Hashed with a salt; never written in plain text.
    issued : datetime.date
        ``validFrom`` is its midnight UTC.
    valid_until : datetime.date or None
        ``validUntil`` (midnight UTC), or none.
    lang : str
        Language of the texts (``inLanguage``).
    secret : bytes
        The issuer's private key material, for the salt and the ids.
    image_uri : str
        The achievement's picture (a ``data:`` URI).
    """
    inputs = (achievement.uri, issuer.id, trainee, issued.isoformat(), lang)
    salt = _derive(secret, "salt", *inputs).hex()[:32]
    subject: dict = {
        "id": _urn_uuid(_derive(secret, "subject", *inputs)),
        "type": ["AchievementSubject"],
        "identifier": [{"type": "IdentityObject", "identityHash": identity_hash(trainee, salt),
                        "identityType": IDENTITY_TYPE, "hashed": True, "salt": salt}],
        "achievement": _achievement(achievement, lang, image_uri),
    }
    results = []
    for ev in evidence:
        c = ev.counted
        results.append({"type": ["Result"],
                        "resultDescription": score_result_id(achievement, c.rule.exercise),
                        "value": _score_value(c.score)})
        if c.level is not None:
            results.append({"type": ["Result"],
                            "resultDescription": level_result_id(achievement, c.rule.exercise),
                            "value": c.level})
    subject["result"] = results
    credential: dict = {
        "@context": CONTEXT,
        "id": _urn_uuid(_derive(secret, "credential", *inputs)),
        "type": ["VerifiableCredential", "OpenBadgeCredential"],
        "issuer": _issuer(issuer),
        "validFrom": xsd_datetime(issued),
    }
    if valid_until is not None:
        credential["validUntil"] = xsd_datetime(valid_until)
    credential["name"] = achievement.name(lang)
    credential["description"] = achievement.description(lang)
    credential["credentialSubject"] = subject
    credential["evidence"] = [_evidence(ev, lang) for ev in evidence]
    return credential


def _evidence(ev: EvidenceFile, lang: str) -> dict:
    c = ev.counted
    return {
        "type": ["Evidence"],
        "name": tr("badge.cred.evidence_name", lang, exercise=c.rule.exercise,
                   version=c.exercise_version),
        "description": tr("badge.cred.evidence_description", lang, score=_score_value(c.score),
                          level=c.level or "–", file=ev.file),
        "genre": tr("badge.cred.evidence_genre", lang),
        "exerciseId": c.rule.exercise,
        "exerciseVersion": c.exercise_version,
        "reportFile": ev.file,
        "reportSha256": c.report_sha256,
    }


def jwt_claims(credential: dict) -> dict:
    """The VC-JWT payload of ``credential``: ``iss``, ``jti``, ``nbf``, ``exp`` (when it has
    ``validUntil``), ``sub`` and the credential as ``vc``."""
    issuer = credential["issuer"]
    claims: dict = {
        "iss": issuer["id"] if isinstance(issuer, dict) else issuer,
        "jti": credential["id"],
        "nbf": numeric_date(credential["validFrom"]),
    }
    if "validUntil" in credential:
        claims["exp"] = numeric_date(credential["validUntil"])
    claims["sub"] = credential["credentialSubject"]["id"]
    claims["vc"] = credential
    return claims
