"""Verify a credential: a compact JWS file, a JSON file, or a baked PNG or SVG badge.

The steps of Open Badges 3.0's verification for a VC-JWT: the signature with the instructor's
public key (and the header allowed by the spec), the JWT claims against the credential
(``iss``, ``jti``, ``sub``, ``nbf``, ``exp``), the fields the data model requires, the dates
(not yet valid, expired); then weldsim's own evidence: each report named in ``evidence``,
found relative to the credential's folder, must hash to its ``reportSha256``, carry the
instructor's own valid signature, be about the exercise named, and agree with the results.

Every reason is a :class:`~weldsim.i18n.Message`; a file that cannot be read at all raises
:class:`UnreadableCredentialError`.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import math
import re
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from weldsim.badges import baking, vcjwt
from weldsim.badges.contexts import OB_V3_CONTEXT, VC_V2_CONTEXT
from weldsim.badges.credential import numeric_date, parse_datetime
from weldsim.errors import WeldsimError
from weldsim.i18n import Message
from weldsim.safe_read import os_reason

__all__ = ["MAX_CREDENTIAL_BYTES", "UnreadableCredentialError", "Verdict", "read_token",
           "recipient_matches", "verify_credential_file", "verify_token"]

MAX_CREDENTIAL_BYTES = 8 << 20
_MAX_REPORT_BYTES = 16 << 20
_URI = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:\S+$")
_IDENTITY_HASH = re.compile(r"^(sha256\$[0-9a-fA-F]{64}|md5\$[0-9a-fA-F]{32})$")
_JWS = re.compile(r"^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*\.[A-Za-z0-9_-]+$")


class UnreadableCredentialError(WeldsimError):
    """The file cannot be read, or holds no credential in any form weldsim knows.

    Attributes
    ----------
    message : Message
        Why, to render in the reader's language (``str()`` is the key and file).
    """

    def __init__(self, message: Message) -> None:
        super().__init__(f"{message.key}: {message.args}")
        self.message = message


@dataclass(frozen=True)
class Verdict:
    """The outcome of a verification.

    Attributes
    ----------
    genuine : bool
    reasons : tuple of Message
        Why it is not genuine (empty when it is).
    credential : dict or None
        The credential, once its signature verified.
    evidence_checked : int
        Evidence reports checked (hash, signature, exercise, results).
    """

    genuine: bool
    reasons: tuple[Message, ...] = ()
    credential: dict | None = None
    evidence_checked: int = 0
    notes: tuple[Message, ...] = field(default=())


def read_token(path: str | Path) -> tuple[str | None, Message | None]:
    """The compact JWS a file carries, or (None, why it is not genuine).

    Raises
    ------
    UnreadableCredentialError
        The file cannot be read, or is none of: a JWS, a JSON credential, a PNG, an SVG.
    """
    path = Path(path)
    f = dict(file=str(path))
    try:
        with path.open("rb") as fh:
            data = fh.read(MAX_CREDENTIAL_BYTES + 1)
    except OSError as exc:
        raise UnreadableCredentialError(Message.of(
            "badge.read.cannot_read", reason=os_reason(exc), **f)) from None
    if len(data) > MAX_CREDENTIAL_BYTES:
        raise UnreadableCredentialError(Message.of("badge.read.too_large", **f))
    if baking.is_png(data):
        got = baking.extract_png(data)
    elif baking.is_svg(data):
        got = baking.extract_svg(data)
    else:
        try:
            text = data.decode("utf-8-sig").strip()
        except UnicodeDecodeError:
            raise UnreadableCredentialError(Message.of("badge.read.unknown", **f)) from None
        return _text_token(text, f)
    if got.problem == "none":
        raise UnreadableCredentialError(Message.of("badge.read.no_credential", **f))
    if got.problem == "malformed":
        raise UnreadableCredentialError(Message.of("badge.read.damaged_image", **f))
    if got.problem is not None:
        return None, Message.of(f"badge.verify.image_{got.problem}", **f)
    return _text_token(got.text, f)


def _text_token(text: str, f: dict) -> tuple[str | None, Message | None]:
    if _JWS.match(text):
        return text, None
    try:
        value = json.loads(text)
    except ValueError:
        raise UnreadableCredentialError(Message.of("badge.read.unknown", **f)) from None
    if isinstance(value, str) and _JWS.match(value.strip()):
        return value.strip(), None
    if isinstance(value, dict):
        jws = value.get("compactJwsString")
        if isinstance(jws, list) and len(jws) == 1 and isinstance(jws[0], str) \
                and _JWS.match(jws[0]):
            return jws[0], None
        if "credentialSubject" in value or "@context" in value:
            return None, Message.of("badge.verify.no_proof", **f)
    raise UnreadableCredentialError(Message.of("badge.read.unknown", **f))


def verify_credential_file(path: str | Path, key, *, now: dt.datetime | None = None,
                           check_evidence: bool = True, trainee: str | None = None) -> Verdict:
    """Verify the credential in ``path`` with the instructor's public ``key``.

    Evidence reports are looked for relative to ``path``'s folder. With ``trainee``, the
    credential must also have been awarded to that name (its identity hash matches).

    Raises
    ------
    UnreadableCredentialError
        See :func:`read_token`.
    """
    path = Path(path)
    token, problem = read_token(path)
    if token is None:
        return Verdict(False, (problem,))
    return verify_token(token, key, folder=path.parent, now=now, check_evidence=check_evidence,
                        trainee=trainee)


def verify_token(token: str, key, *, folder: Path | None = None,
                 now: dt.datetime | None = None, check_evidence: bool = True,
                 trainee: str | None = None) -> Verdict:
    """Verify a compact JWS credential (see the module's docstring)."""
    parts = vcjwt.split(token)
    if parts is None:
        return Verdict(False, (Message.of("badge.verify.not_jws"),))
    header_problem = _header(parts.header, key)
    if header_problem is not None:
        return Verdict(False, (header_problem,))
    payload = vcjwt.verify(token, key)
    if payload is None:
        return Verdict(False, (Message.of("badge.verify.bad_signature"),))
    try:
        claims = json.loads(payload.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        return Verdict(False, (Message.of("badge.verify.payload_not_json"),))
    if not isinstance(claims, dict) or not isinstance(claims.get("vc"), dict):
        return Verdict(False, (Message.of("badge.verify.missing_field", field="vc"),))
    vc = claims["vc"]
    reasons = _conformance(vc)
    reasons += _claims(claims, vc)
    reasons += _dates(vc, now or dt.datetime.now(dt.UTC))
    if trainee is not None and not reasons and not recipient_matches(vc, trainee):
        reasons.append(Message.of("badge.verify.other_trainee", name=trainee))
    checked = 0
    notes: list[Message] = []
    if check_evidence and not reasons:
        ev_reasons, checked = _evidence(vc, key, folder or Path("."))
        reasons += ev_reasons
    elif not check_evidence:
        notes.append(Message.of("badge.verify.evidence_skipped"))
    return Verdict(not reasons, tuple(reasons), vc, checked, tuple(notes))


def recipient_matches(vc: dict, name: str) -> bool:
    """Open Badges' recipient check with a known identifier: whether one of the subject's
    ``name`` identifiers is ``name`` (hashed with its salt, or in plain text)."""
    from weldsim.badges.credential import identity_hash

    subject = vc.get("credentialSubject")
    for ident in _items(subject.get("identifier")) if isinstance(subject, dict) else []:
        if not isinstance(ident, dict) or ident.get("identityType") != "name":
            continue
        want = ident.get("identityHash")
        if ident.get("hashed") is True:
            salt = ident.get("salt", "")
            if isinstance(want, str) and isinstance(salt, str) and want.lower() == \
                    identity_hash(name, salt).lower():
                return True
        elif want == name:
            return True
    return False


def _header(header: dict, key) -> Message | None:
    if header.get("alg") != vcjwt.ALGORITHM:
        return Message.of("badge.verify.algorithm", alg=str(header.get("alg")))
    extra = sorted(set(header) - vcjwt.HEADER_KEYS)
    if extra:
        return Message.of("badge.verify.header_extra", names=", ".join(extra))
    if "typ" in header and header["typ"] != "JWT":
        return Message.of("badge.verify.header_typ", typ=str(header["typ"]))
    jwk = header.get("jwk")
    if jwk is not None:
        if not isinstance(jwk, dict):
            return Message.of("badge.verify.header_jwk")
        if "d" in jwk:
            return Message.of("badge.verify.private_jwk")
        mine = vcjwt.public_jwk(key)
        if any(jwk.get(k) != v for k, v in mine.items()):  # kty, crv, x
            return Message.of("badge.verify.other_key")
    return None


def _items(value) -> list:
    """A JSON-LD value as a list: an array as it is, one value as a list of one."""
    if value is None:
        return []
    return value if isinstance(value, list) else [value]


def _types(node: dict) -> list:
    t = node.get("type")
    return t if isinstance(t, list) else [t]


def _is_uri(value) -> bool:
    return isinstance(value, str) and bool(_URI.match(value))


def _nonempty(value) -> bool:
    return isinstance(value, str) and bool(value.strip())


def _conformance(vc: dict) -> list[Message]:
    """The fields the VC 2.0 / Open Badges 3.0 data model requires, each missing or malformed
    one a reason."""
    out: list[Message] = []

    def need(ok: bool, name: str) -> None:
        if not ok:
            out.append(Message.of("badge.verify.missing_field", field=name))

    ctx = vc.get("@context")
    need(isinstance(ctx, list) and len(ctx) >= 2 and ctx[0] == VC_V2_CONTEXT
         and ctx[1] == OB_V3_CONTEXT, "@context")
    need(_is_uri(vc.get("id")), "id")
    types = _types(vc)
    need("VerifiableCredential" in types and (
        "OpenBadgeCredential" in types or "AchievementCredential" in types), "type")
    issuer = vc.get("issuer")
    if isinstance(issuer, dict):
        need(_is_uri(issuer.get("id")), "issuer.id")
        need("Profile" in _types(issuer), "issuer.type")
    else:
        need(_is_uri(issuer), "issuer")
    need(parse_datetime(vc.get("validFrom")) is not None, "validFrom")
    if "validUntil" in vc:
        need(parse_datetime(vc.get("validUntil")) is not None, "validUntil")
    subject = vc.get("credentialSubject")
    if not isinstance(subject, dict):
        need(False, "credentialSubject")
        return out
    need("AchievementSubject" in _types(subject), "credentialSubject.type")
    identifiers = _items(subject.get("identifier"))
    need("id" in subject or bool(identifiers), "credentialSubject.id / identifier")
    if "id" in subject:
        need(_is_uri(subject["id"]), "credentialSubject.id")
    for i, ident in enumerate(identifiers):
        where = f"credentialSubject.identifier[{i}]"
        if not isinstance(ident, dict):
            need(False, where)
            continue
        need(ident.get("type") == "IdentityObject", where + ".type")
        need(isinstance(ident.get("hashed"), bool), where + ".hashed")
        need(_nonempty(ident.get("identityType")), where + ".identityType")
        h = ident.get("identityHash")
        need(_nonempty(h) and (not ident.get("hashed") or bool(_IDENTITY_HASH.match(h))),
             where + ".identityHash")
    out += _achievement(subject.get("achievement"))
    ids = {d["id"] for d in _list(subject.get("achievement"), "resultDescription")
           if isinstance(d.get("id"), str)}
    for i, r in enumerate(_items(subject.get("result"))):
        where = f"credentialSubject.result[{i}]"
        need(isinstance(r, dict) and "Result" in _types(r), where + ".type")
        if isinstance(r, dict) and "resultDescription" in r:
            link = r["resultDescription"]
            need(isinstance(link, str) and link in ids, where + ".resultDescription")
    for i, e in enumerate(_items(vc.get("evidence"))):
        need(isinstance(e, dict) and "Evidence" in _types(e), f"evidence[{i}].type")
    return out


def _list(node, key: str) -> list[dict]:
    if not isinstance(node, dict):
        return []
    return [v for v in _items(node.get(key)) if isinstance(v, dict)]


def _achievement(a) -> list[Message]:
    out: list[Message] = []
    p = "credentialSubject.achievement"

    def need(ok: bool, name: str) -> None:
        if not ok:
            out.append(Message.of("badge.verify.missing_field", field=name))

    if not isinstance(a, dict):
        need(False, p)
        return out
    need(_is_uri(a.get("id")), p + ".id")
    need("Achievement" in _types(a), p + ".type")
    need(_nonempty(a.get("name")), p + ".name")
    need(_nonempty(a.get("description")), p + ".description")
    criteria = a.get("criteria")
    need(isinstance(criteria, dict) and (_is_uri(criteria.get("id"))
                                         or _nonempty(criteria.get("narrative"))),
         p + ".criteria")
    if "image" in a:
        image = a["image"]
        need(isinstance(image, dict) and _is_uri(image.get("id"))
             and image.get("type") == "Image", p + ".image")
    for i, al in enumerate(_items(a.get("alignment"))):
        w = f"{p}.alignment[{i}]"
        ok = isinstance(al, dict)
        need(ok and "Alignment" in _types(al), w + ".type")
        need(ok and _nonempty(al.get("targetName")), w + ".targetName")
        need(ok and _is_uri(al.get("targetUrl")), w + ".targetUrl")
    for i, d in enumerate(_items(a.get("resultDescription"))):
        w = f"{p}.resultDescription[{i}]"
        ok = isinstance(d, dict)
        need(ok and _is_uri(d.get("id")), w + ".id")
        need(ok and "ResultDescription" in _types(d), w + ".type")
        need(ok and _nonempty(d.get("name")), w + ".name")
        need(ok and _nonempty(d.get("resultType")), w + ".resultType")
    return out


def _claims(claims: dict, vc: dict) -> list[Message]:
    """The VC-JWT claims must repeat the credential's issuer, id, subject and dates."""
    out = []
    issuer = vc.get("issuer")
    issuer_id = issuer.get("id") if isinstance(issuer, dict) else issuer
    subject = vc.get("credentialSubject")
    subject_id = subject.get("id") if isinstance(subject, dict) else None
    for claim, expected in (("iss", issuer_id), ("jti", vc.get("id")), ("sub", subject_id)):
        if claims.get(claim) is None or claims.get(claim) != expected:
            out.append(Message.of("badge.verify.claim_mismatch", claim=claim))
    for claim, key, required in (("nbf", "validFrom", True), ("exp", "validUntil", False)):
        if key not in vc:
            if claim in claims or required:
                out.append(Message.of("badge.verify.claim_mismatch", claim=claim))
            continue
        try:
            expected = numeric_date(vc[key])
        except ValueError:
            continue  # reported by the conformance check
        value = claims.get(claim)
        if isinstance(value, bool) or not isinstance(value, int | float) or value != expected:
            out.append(Message.of("badge.verify.claim_mismatch", claim=claim))
    return out


def _dates(vc: dict, now: dt.datetime) -> list[Message]:
    out = []
    start = parse_datetime(vc.get("validFrom"))
    if start is not None and now < start:
        out.append(Message.of("badge.verify.not_yet_valid", date=vc["validFrom"]))
    end = parse_datetime(vc.get("validUntil")) if "validUntil" in vc else None
    if end is not None and now >= end:
        out.append(Message.of("badge.verify.expired", date=vc["validUntil"]))
    return out


def _results(vc: dict) -> dict[str, str]:
    """resultDescription id -> value."""
    subject = vc.get("credentialSubject", {})
    return {r.get("resultDescription"): r.get("value")
            for r in _items(subject.get("result")) if isinstance(r, dict)}


def _evidence(vc: dict, key, folder: Path) -> tuple[list[Message], int]:
    from weldsim.grading.signing import verify_report

    out: list[Message] = []
    checked = 0
    achievement = vc["credentialSubject"]["achievement"]
    results = _results(vc)
    for i, e in enumerate(_items(vc.get("evidence"))):
        if not isinstance(e, dict) or "reportFile" not in e:
            continue
        file, want = e.get("reportFile"), e.get("reportSha256")
        f = dict(file=str(file))
        rel = PurePosixPath(file) if isinstance(file, str) else None
        if rel is None or rel.is_absolute() or ".." in rel.parts or not rel.parts \
                or "\\" in file or ":" in file:
            out.append(Message.of("badge.verify.evidence_path", index=i, **f))
            continue
        path = folder.joinpath(*rel.parts)
        try:
            with path.open("rb") as fh:
                data = fh.read(_MAX_REPORT_BYTES + 1)
        except OSError:
            out.append(Message.of("badge.verify.evidence_missing", path=str(path), **f))
            continue
        if hashlib.sha256(data).hexdigest() != want:
            out.append(Message.of("badge.verify.evidence_hash", **f))
            continue
        verdict = verify_report(data, key)
        if not verdict.genuine:
            out.append(Message.of("badge.verify.evidence_signature",
                                  reason=verdict.message or verdict.reason, **f))
            continue
        report = json.loads(data.decode("utf-8"))
        exercise, version = e.get("exerciseId"), e.get("exerciseVersion")
        scenario = report.get("scenario") if isinstance(report.get("scenario"), dict) else {}
        if scenario.get("id") != exercise or scenario.get("version") != version:
            out.append(Message.of("badge.verify.evidence_exercise", exercise=str(exercise),
                                  **f))
            continue
        out += _agree(report, achievement, results, str(exercise), f)
        checked += 1
    return out, checked


def _agree(report: dict, achievement: dict, results: dict, exercise: str,
           f: dict) -> list[Message]:
    """The results the credential states for ``exercise`` must be the report's."""
    out = []
    uri = achievement.get("id")
    score = results.get(f"{uri}#score-{exercise}")
    value = report.get("score")
    try:
        same = score is not None and isinstance(value, int | float) and math.isclose(
            float(score), float(value), abs_tol=0.005)
    except (TypeError, ValueError):
        same = False
    if not same:
        out.append(Message.of("badge.verify.result_score", exercise=exercise,
                              stated=str(score), report=str(value), **f))
    level_id = f"{uri}#iso5817-level-{exercise}"
    if level_id in results and results[level_id] != report.get("iso5817_level"):
        out.append(Message.of("badge.verify.result_level", exercise=exercise,
                              stated=str(results[level_id]),
                              report=str(report.get("iso5817_level")), **f))
    return out
