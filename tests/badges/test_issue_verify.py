"""Issue → verify round trips, and every way a credential is refused, each with its reason."""

from __future__ import annotations

import copy
import datetime as dt
import hashlib
import json
import shutil
import struct
import zlib

import pytest
from badge_cases import Attempt, make_gradebook
from conftest import ISSUE_DATE
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from weldsim.badges import (
    RuleNotMetError,
    issue_badge,
    load_achievement,
    load_issuer,
    vcjwt,
    verify_credential_file,
)
from weldsim.badges.baking import PNG_KEYWORD, extract_png
from weldsim.badges.credential import identity_hash
from weldsim.badges.verify import UnreadableCredentialError, verify_token
from weldsim.cli import main
from weldsim.errors import WeldsimError
from weldsim.grading.signing import load_private_key, load_public_key

FILES = ("credential.jwt", "badge.png", "badge.svg")


def _token(world) -> str:
    return (world.badge / "credential.jwt").read_text(encoding="ascii").strip()


def _claims(token: str) -> dict:
    return json.loads(vcjwt.split(token).payload)


def _keys(v) -> list[str]:
    return [m.key for m in v.reasons]


def _fields(v) -> list[str]:
    return [m.args["field"] for m in v.reasons if m.key == "badge.verify.missing_field"]


def _issue(world, out, trainee="ani", gradebook=None, **kw):
    params = dict(achievement=load_achievement("robot-fillet-2f"),
                  issuer=load_issuer(world.issuer), gradebook=gradebook or world.gradebook,
                  trainee=trainee, private_key=world.key, out_dir=out, issued=ISSUE_DATE,
                  lang="en")
    params.update(kw)
    return issue_badge(**params)


# -- the round trip --------------------------------------------------------------------------

@pytest.mark.parametrize("name", FILES)
def test_round_trip_every_form_is_genuine(world, name):
    v = verify_credential_file(world.badge / name, world.pub,
                               now=dt.datetime(2027, 1, 1, tzinfo=dt.UTC))
    assert v.genuine, v.reasons
    assert v.evidence_checked == 2
    assert v.credential["credentialSubject"]["achievement"]["name"] == \
        "Robot Welding Operator: 2F Fillet Welds"


def test_credential_content(world):
    claims = _claims(_token(world))
    vc = claims["vc"]
    assert vc["@context"][:2] == ["https://www.w3.org/ns/credentials/v2",
                                  "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"]
    assert vc["type"] == ["VerifiableCredential", "OpenBadgeCredential"]
    assert vc["issuer"] == {"id": "https://smkn2-contoh.sch.id", "type": ["Profile"],
                            "name": "SMK Negeri 2 Contoh, Teknik Pengelasan",
                            "url": "https://smkn2-contoh.sch.id"}
    assert vc["validFrom"] == "2026-12-07T00:00:00Z"
    assert vc["validUntil"] == "2029-12-07T00:00:00Z"  # valid_years = 3
    assert claims["iss"] == vc["issuer"]["id"] and claims["jti"] == vc["id"]
    assert claims["sub"] == vc["credentialSubject"]["id"]
    assert claims["nbf"] == int(dt.datetime(2026, 12, 7, tzinfo=dt.UTC).timestamp())
    subject = vc["credentialSubject"]
    (ident,) = subject["identifier"]
    assert ident["hashed"] is True and ident["identityType"] == "name"
    assert ident["identityHash"] == identity_hash("ani", ident["salt"])
    results = {r["resultDescription"].split("#")[1]: r["value"] for r in subject["result"]}
    assert results == {"score-t-fillet-2f": "88.50", "iso5817-level-t-fillet-2f": "C",
                       "score-lap-2f": "92.25", "iso5817-level-lap-2f": "B"}
    ev = {e["exerciseId"]: e for e in vc["evidence"]}
    assert set(ev) == {"t-fillet-2f", "lap-2f"}
    for exercise, e in ev.items():
        data = (world.badge / e["reportFile"]).read_bytes()
        assert e["reportSha256"] == hashlib.sha256(data).hexdigest()
        assert e["exerciseVersion"] == 1 and e["reportFile"] == f"evidence/{exercise}-v1.json"
        assert e["type"] == ["Evidence"]
    # the best attempt counts: 88.5 (C), not the failed 64 (D)
    assert json.loads((world.badge / "evidence/t-fillet-2f-v1.json").read_text())["score"] == 88.5


def test_the_trainee_name_is_only_on_the_certificate(world):
    header = vcjwt.split(_token(world)).header
    payload = vcjwt.split(_token(world)).payload.decode()
    assert set(header) == {"alg", "typ", "jwk"} and header["alg"] == "EdDSA"
    assert "d" not in header["jwk"]
    assert '"ani"' not in payload and "Ani Wijaya" not in payload
    page = (world.badge / "certificate.html").read_text(encoding="utf-8")
    assert "Ani Wijaya" in page and "Robot Welding Operator" in page
    assert "7 December 2026" in page and "weldsim badge verify" in page


def test_the_recipient_is_checked_with_a_known_name(world):
    path = world.badge / "credential.jwt"
    assert verify_credential_file(path, world.pub, trainee="ani").genuine
    v = verify_credential_file(path, world.pub, trainee="budi")
    assert _keys(v) == ["badge.verify.other_trainee"]


def test_deterministic_given_the_issue_date(world, tmp_path):
    a = _issue(world, tmp_path / "a")
    _issue(world, tmp_path / "b")
    for path in a.files:
        rel = path.relative_to(tmp_path / "a")
        assert path.read_bytes() == (tmp_path / "b" / rel).read_bytes(), rel
    later = _issue(world, tmp_path / "c", issued=dt.date(2026, 12, 8))
    assert later.token != a.token
    assert later.credential["id"] != a.credential["id"]
    salts = {t.credential["credentialSubject"]["identifier"][0]["salt"] for t in (a, later)}
    assert len(salts) == 2


# -- the rule -------------------------------------------------------------------------------

def _missing(world, tmp_path, attempts, trainee="ani"):
    book = make_gradebook(tmp_path / "class", attempts, world.private)
    out = tmp_path / "out"
    with pytest.raises(RuleNotMetError) as err:
        _issue(world, out, trainee=trainee, gradebook=book)
    assert not out.exists()  # nothing written
    return [(m.key, m.args) for m in err.value.missing]


def test_a_trainee_who_has_not_met_the_rule_gets_nothing(world, tmp_path):
    out = tmp_path / "out"
    with pytest.raises(RuleNotMetError) as err:
        _issue(world, out, trainee="budi")
    assert not out.exists()
    [(key, args)] = [(m.key, m.args) for m in err.value.missing]
    assert key == "badge.missing.level"
    assert args == {"exercise": "lap-2f", "required": "C", "reached": "D"}


def test_each_missing_exercise_is_named(world, tmp_path):
    got = _missing(world, tmp_path, [
        Attempt("cici", "t-fillet-2f", 66.0, True, "C"),
        Attempt("cici", "lap-2f", 55.0, False, "D"),
    ], trainee="cici")
    assert got == [("badge.missing.score", {"exercise": "t-fillet-2f", "best": 66.0,
                                            "required": 70.0}),
                   ("badge.missing.not_passed", {"exercise": "lap-2f", "best": 55.0})]
    got = _missing(world, tmp_path / "2", [Attempt("cici", "t-fillet-2f", 90.0, True, "B")],
                   trainee="cici")
    assert got == [("badge.missing.no_attempt", {"exercise": "lap-2f", "trainee": "cici"})]


def test_unsigned_or_replaced_reports_are_no_evidence(world, tmp_path):
    got = _missing(world, tmp_path, [
        Attempt("dedi", "t-fillet-2f", 90.0, True, "B", signed=False),
        Attempt("dedi", "lap-2f", 90.0, True, "B"),
    ], trainee="dedi")
    assert [k for k, _ in got] == ["badge.evidence.not_signed"]
    # the lap-2f report replaced by a later grading of another job into the same file
    book = make_gradebook(tmp_path / "c2", [Attempt("dedi", "t-fillet-2f", 90.0, True, "B"),
                                            Attempt("dedi", "lap-2f", 90.0, True, "B")],
                          world.private)
    first = tmp_path / "c2" / "dedi-lap-2f-1.json"
    report = json.loads(first.read_text())
    report["job"]["sha256"] = "0" * 64
    from weldsim.grading.signing import report_text, sign_report

    first.write_text(report_text(sign_report(report, world.key)), encoding="utf-8")
    with pytest.raises(RuleNotMetError) as err:
        _issue(world, tmp_path / "o2", trainee="dedi", gradebook=book)
    assert [m.key for m in err.value.missing] == ["badge.evidence.other_attempt"]


def _exam_achievement(tmp_path):
    text = (load_achievement("robot-fillet-2f").source.read_text(encoding="utf-8")
            .replace('attempt_mode = "any"', 'attempt_mode = "exam"'))
    path = tmp_path / "exam.toml"
    path.write_text(text, encoding="utf-8")
    return load_achievement(path)


def test_exam_mode_counts_only_recorded_exam_attempts(world, tmp_path):
    with pytest.raises(RuleNotMetError) as err:
        _issue(world, tmp_path / "out", achievement=_exam_achievement(tmp_path))
    assert [m.key for m in err.value.missing] == ["badge.missing.exam"] * 2


def test_exam_attempts_recorded_by_the_gradebook_meet_an_exam_rule(world, tmp_path):
    """The better practice attempt (95) does not count for an exam rule: the exam (88.5) is
    the evidence."""
    attempts = [Attempt("ani", "t-fillet-2f", 95.0, True, "B", job="JOB P\nEND\n"),
                Attempt("ani", "t-fillet-2f", 88.5, True, "C", mode="exam"),
                Attempt("ani", "lap-2f", 92.25, True, "B", mode="exam")]
    from weldsim.badges.rule import check_rule

    book = make_gradebook(tmp_path / "class", attempts, world.private)
    achievement = _exam_achievement(tmp_path)
    outcome = check_rule(achievement.rule, book, "ani", world.pub)
    assert [(c.score, c.mode) for c in outcome.counted] == [(88.5, "exam"), (92.25, "exam")]
    assert _issue(world, tmp_path / "out", gradebook=book, achievement=achievement).files


def test_an_exam_attempt_whose_report_says_practice_is_not_evidence(world, tmp_path):
    attempts = [Attempt("ani", "t-fillet-2f", 88.5, True, "C", mode="exam",
                        report_mode="practice"),
                Attempt("ani", "lap-2f", 92.25, True, "B", mode="exam")]
    book = make_gradebook(tmp_path / "class", attempts, world.private)
    with pytest.raises(RuleNotMetError) as err:
        _issue(world, tmp_path / "out", gradebook=book, achievement=_exam_achievement(tmp_path))
    assert [m.key for m in err.value.missing] == ["badge.evidence.other_attempt"]


# -- refused credentials ----------------------------------------------------------------------

def _resign(world, token: str, change) -> str:
    """``token`` with ``change(claims)`` applied and signed again with the same key (so that
    only the content check can refuse it)."""
    claims = copy.deepcopy(_claims(token))
    change(claims)
    return vcjwt.sign(claims, world.key)


def _drop(path: str):
    def change(claims):
        node = claims["vc"]
        *parents, last = path.split(".")
        for p in parents:
            node = node[p]
        del node[last]
    return change


@pytest.mark.parametrize(("path", "field"), [
    ("@context", "@context"),
    ("id", "id"),
    ("type", "type"),
    ("issuer", "issuer"),
    ("issuer.id", "issuer.id"),
    ("issuer.type", "issuer.type"),
    ("validFrom", "validFrom"),
    ("credentialSubject", "credentialSubject"),
    ("credentialSubject.type", "credentialSubject.type"),
    ("credentialSubject.achievement", "credentialSubject.achievement"),
    ("credentialSubject.achievement.id", "credentialSubject.achievement.id"),
    ("credentialSubject.achievement.type", "credentialSubject.achievement.type"),
    ("credentialSubject.achievement.name", "credentialSubject.achievement.name"),
    ("credentialSubject.achievement.description", "credentialSubject.achievement.description"),
    ("credentialSubject.achievement.criteria", "credentialSubject.achievement.criteria"),
])
def test_each_required_field_missing_is_named(world, path, field):
    v = verify_token(_resign(world, _token(world), _drop(path)), world.pub,
                     folder=world.badge)
    assert not v.genuine
    assert field in _fields(v)


def test_a_subject_without_id_and_identifier_is_refused(world):
    def change(claims):
        subject = claims["vc"]["credentialSubject"]
        del subject["id"], subject["identifier"]
    v = verify_token(_resign(world, _token(world), change), world.pub, folder=world.badge)
    assert "credentialSubject.id / identifier" in _fields(v)
    assert "badge.verify.claim_mismatch" in _keys(v)  # sub no longer matches


def test_a_changed_score_is_refused(world):
    token = _token(world)
    # changed in the token without the key: the signature no longer matches
    claims = _claims(token)
    claims["vc"]["credentialSubject"]["result"][0]["value"] = "99.00"
    header, _, sig = token.split(".")
    forged = ".".join((header, vcjwt._b64url(json.dumps(claims).encode()), sig))
    assert _keys(verify_token(forged, world.pub)) == ["badge.verify.bad_signature"]

    # signed again, but the evidence report says otherwise

    def change(claims):
        claims["vc"]["credentialSubject"]["result"][0]["value"] = "99.00"
    v = verify_token(_resign(world, token, change), world.pub, folder=world.badge,
                     now=dt.datetime(2027, 1, 1, tzinfo=dt.UTC))
    assert _keys(v) == ["badge.verify.result_score"]
    assert v.reasons[0].args["stated"] == "99.00" and v.reasons[0].args["report"] == "88.5"


def test_expired_and_not_yet_valid(world, tmp_path):
    old = _issue(world, tmp_path / "old", issued=dt.date(2020, 1, 1),
                 valid_until=dt.date(2021, 1, 1))
    v = verify_credential_file(tmp_path / "old" / "badge.png", world.pub)
    assert _keys(v) == ["badge.verify.expired"]
    assert v.reasons[0].args["date"] == "2021-01-01T00:00:00Z"
    assert old.credential["validUntil"] == "2021-01-01T00:00:00Z"
    _issue(world, tmp_path / "future", issued=dt.date(2999, 1, 1))
    v = verify_credential_file(tmp_path / "future" / "credential.jwt", world.pub)
    assert _keys(v) == ["badge.verify.not_yet_valid"]
    # the shared badge itself: valid today, expired after 7 December 2029
    v = verify_credential_file(world.badge / "credential.jwt", world.pub,
                               now=dt.datetime(2029, 12, 7, tzinfo=dt.UTC))
    assert _keys(v) == ["badge.verify.expired"]


def test_another_key_is_refused(world):
    other = load_public_key(world.other_public)
    assert _keys(verify_credential_file(world.badge / "badge.svg", other)) == [
        "badge.verify.other_key"]
    # a token without the jwk header, signed by someone else
    other_private = load_private_key(world.other_private)[0]
    claims = _claims(_token(world))
    from cryptography.hazmat.primitives import serialization
    from joserfc import jws
    from joserfc.jwk import OKPKey

    pem = other_private.private_bytes(serialization.Encoding.PEM,
                                      serialization.PrivateFormat.PKCS8,
                                      serialization.NoEncryption())
    import warnings

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        bare = jws.serialize_compact({"alg": "EdDSA"}, json.dumps(claims).encode(),
                                     OKPKey.import_key(pem), algorithms=["EdDSA"])
    assert _keys(verify_token(bare, world.pub)) == ["badge.verify.bad_signature"]


def test_a_header_with_a_private_key_or_other_algorithm_is_refused(world):
    token = _token(world)
    _, payload, sig = token.split(".")
    for header, key in (({"alg": "none"}, "badge.verify.algorithm"),
                        ({"alg": "EdDSA", "x5u": "https://x"}, "badge.verify.header_extra"),
                        ({"alg": "EdDSA", "jwk": {**vcjwt.public_jwk(world.pub), "d": "AA"}},
                         "badge.verify.private_jwk")):
        forged = ".".join((vcjwt._b64url(json.dumps(header).encode()), payload, sig))
        assert _keys(verify_token(forged, world.pub)) == [key]


@pytest.fixture
def badge_copy(world, tmp_path):
    out = tmp_path / "badge"
    shutil.copytree(world.badge, out)
    return out


def test_a_tampered_evidence_report_is_refused(world, badge_copy):
    path = badge_copy / "evidence" / "lap-2f-v1.json"
    path.write_text(path.read_text().replace('"score": 92.25', '"score": 99.25'))
    v = verify_credential_file(badge_copy / "credential.jwt", world.pub)
    assert _keys(v) == ["badge.verify.evidence_hash"]
    assert v.reasons[0].args["file"] == "evidence/lap-2f-v1.json"


def test_missing_evidence_says_what_is_needed(world, badge_copy):
    shutil.rmtree(badge_copy / "evidence")
    v = verify_credential_file(badge_copy / "badge.png", world.pub)
    assert _keys(v) == ["badge.verify.evidence_missing"] * 2
    assert verify_credential_file(badge_copy / "badge.png", world.pub,
                                  check_evidence=False).genuine


def test_evidence_signed_by_another_key_is_refused(world, badge_copy):
    from weldsim.grading.signing import report_text, sign_report

    path = badge_copy / "evidence" / "lap-2f-v1.json"
    report = json.loads(path.read_text())
    path.write_text(report_text(sign_report(report, load_private_key(world.other_private)[0])))
    # the credential's hash is of the original, so re-issue the hash too (as a forger would)
    new_sha = hashlib.sha256(path.read_bytes()).hexdigest()

    def change(claims):
        for e in claims["vc"]["evidence"]:
            if e["exerciseId"] == "lap-2f":
                e["reportSha256"] = new_sha
    v = verify_token(_resign(world, _token(world), change), world.pub, folder=badge_copy)
    assert _keys(v) == ["badge.verify.evidence_signature"]


def test_evidence_outside_the_folder_is_never_read(world):
    def change(claims):
        claims["vc"]["evidence"][0]["reportFile"] = "../../etc/passwd"
    v = verify_token(_resign(world, _token(world), change), world.pub, folder=world.badge)
    assert "badge.verify.evidence_path" in _keys(v)


def _png_chunk_text_offset(data: bytes) -> int:
    """An offset inside the JWS payload baked in the PNG."""
    text = data.index(PNG_KEYWORD) + len(PNG_KEYWORD) + 5
    return data.index(b".", text) + 100


def test_a_tampered_baked_png_is_refused(world, badge_copy):
    path = badge_copy / "badge.png"
    data = bytearray(path.read_bytes())
    at = _png_chunk_text_offset(bytes(data))
    data[at] = ord("A") if data[at] != ord("A") else ord("B")
    path.write_bytes(bytes(data))
    assert _keys(verify_credential_file(path, world.pub)) == ["badge.verify.image_checksum"]
    # the same change with the chunk's checksum fixed: the signature catches it
    start = bytes(data).index(PNG_KEYWORD) - 8
    (length,) = struct.unpack(">I", data[start:start + 4])
    body = bytes(data[start + 4:start + 8 + length])
    data[start + 8 + length:start + 12 + length] = struct.pack(">I", zlib.crc32(body))
    path.write_bytes(bytes(data))
    assert extract_png(bytes(data)).text is not None
    assert _keys(verify_credential_file(path, world.pub)) == ["badge.verify.bad_signature"]


def test_a_tampered_baked_svg_is_refused(world, badge_copy):
    path = badge_copy / "badge.svg"
    text = path.read_text(encoding="utf-8")
    token = _token(world)
    forged = _claims(token)
    forged["vc"]["credentialSubject"]["result"][1]["value"] = "B"
    header, _, sig = token.split(".")
    path.write_text(text.replace(token, ".".join(
        (header, vcjwt._b64url(json.dumps(forged).encode()), sig))), encoding="utf-8")
    assert _keys(verify_credential_file(path, world.pub)) == ["badge.verify.bad_signature"]


def test_unreadable_files(world, tmp_path):
    text = tmp_path / "notes.txt"
    text.write_text("hello", encoding="utf-8")
    with pytest.raises(UnreadableCredentialError) as err:
        verify_credential_file(text, world.pub)
    assert err.value.message.key == "badge.read.unknown"
    plain = tmp_path / "plain.png"
    from weldsim.badges.image import badge_png

    plain.write_bytes(badge_png("2F", "#1d4e89", "ISO 5817 · C"))
    with pytest.raises(UnreadableCredentialError) as err:
        verify_credential_file(plain, world.pub)
    assert err.value.message.key == "badge.read.no_credential"
    with pytest.raises(UnreadableCredentialError):
        verify_credential_file(tmp_path / "missing.jwt", world.pub)


def test_json_forms(world, tmp_path):
    token = _token(world)
    shutil.copytree(world.badge / "evidence", tmp_path / "evidence")
    wrapped = tmp_path / "response.json"
    wrapped.write_text(json.dumps({"compactJwsString": [token]}), encoding="utf-8")
    assert verify_credential_file(wrapped, world.pub).genuine
    bare = tmp_path / "bare.json"
    bare.write_text(json.dumps(_claims(token)["vc"]), encoding="utf-8")
    assert _keys(verify_credential_file(bare, world.pub)) == ["badge.verify.no_proof"]


# -- the command line -------------------------------------------------------------------------

def test_cli_issue_and_verify(world, tmp_path, capsys):
    base = ["badge", "issue", "robot-fillet-2f", "--gradebook", str(world.gradebook),
            "--key", str(world.private), "--issuer", str(world.issuer), "--date", "2026-12-07",
            "--lang", "en"]
    assert main([*base, "--trainee", "ani", "--out", str(tmp_path / "a")]) == 0
    assert "Issued Robot Welding Operator" in capsys.readouterr().out
    assert (tmp_path / "a" / "badge.png").read_bytes() == (world.badge / "badge.png").read_bytes()
    assert main([*base, "--trainee", "budi", "--out", str(tmp_path / "b")]) == 2
    err = capsys.readouterr().err
    assert "budi has not met the rule" in err and "lap-2f" in err and "level C" in err
    assert not (tmp_path / "b").exists()
    pub = str(world.public)
    assert main(["badge", "verify", str(tmp_path / "a" / "badge.svg"), "--key", pub,
                 "--lang", "id"]) == 0
    out = capsys.readouterr().out
    assert "ASLI" in out and "2 laporan bukti diperiksa" in out
    assert main(["badge", "verify", str(tmp_path / "a" / "credential.jwt"), "--key",
                 str(world.other_public)]) == 3
    assert "signed with another key" in capsys.readouterr().err
    (tmp_path / "x.txt").write_text("x")
    assert main(["badge", "verify", str(tmp_path / "x.txt"), "--key", pub]) == 2
    assert "not a credential" in capsys.readouterr().err
    assert main([*base[:-2], "--trainee", "ani", "--out", str(tmp_path / "c"),
                 "--date", "7/12/2026"]) == 2
    assert "is not a date YYYY-MM-DD" in capsys.readouterr().err


def test_cli_mistakes_exit_2(world, tmp_path, capsys):
    assert main(["badge"]) == 2
    assert "issue" in capsys.readouterr().out
    assert main(["badge", "issue", "robot-fillet-2f", "--gradebook", str(tmp_path / "no.sqlite"),
                 "--trainee", "ani", "--key", str(world.private), "--issuer", str(world.issuer),
                 "--out", str(tmp_path / "o")]) == 2
    assert "no such gradebook" in capsys.readouterr().err
    assert main(["badge", "verify", str(world.badge / "badge.png"), "--key",
                 str(world.private)]) == 2
    assert "not a PEM public key" in capsys.readouterr().err


def test_the_achievements_own_picture_is_baked(world, tmp_path):
    from weldsim.badges.image import badge_svg

    text = (load_achievement("robot-fillet-2f").source.read_text(encoding="utf-8")
            .replace('# file = "my-badge.svg"', 'file = "mine.svg"'))
    (tmp_path / "a.toml").write_text(text, encoding="utf-8")
    (tmp_path / "mine.svg").write_bytes(badge_svg("OK", "#336633", "MINE"))
    done = _issue(world, tmp_path / "out", achievement=load_achievement(tmp_path / "a.toml"))
    assert sorted(p.name for p in done.files if p.parent == tmp_path / "out") == [
        "badge.svg", "certificate.html", "credential.jwt"]
    assert verify_credential_file(tmp_path / "out" / "badge.svg", world.pub).genuine
    image = done.credential["credentialSubject"]["achievement"]["image"]["id"]
    assert image.startswith("data:image/svg+xml;base64,")
    assert "verify badge.svg" in (tmp_path / "out" / "certificate.html").read_text()
    # a file named .png that is no PNG is the instructor's mistake, not a crash: told when
    # the achievement is read, at its key
    (tmp_path / "a.toml").write_text(text.replace("mine.svg", "fake.png"), encoding="utf-8")
    (tmp_path / "fake.png").write_bytes(b"GIF89a")
    with pytest.raises(WeldsimError, match=r"a\.toml:\d+: key 'image\.file': .*fake\.png is "
                       "not a PNG picture"):
        load_achievement(tmp_path / "a.toml")
    # ... and when it changed after the achievement was read: refused, nothing written
    from weldsim.badges.image import badge_png

    (tmp_path / "fake.png").write_bytes(badge_png("OK", "#336633", "MINE"))
    achievement = load_achievement(tmp_path / "a.toml")
    (tmp_path / "fake.png").write_bytes(b"GIF89a")
    with pytest.raises(WeldsimError, match=r"a\.toml: .*fake\.png is not a PNG picture"):
        _issue(world, tmp_path / "out2", achievement=achievement)
    assert not (tmp_path / "out2").exists()


# What a JSON signer can carry: no NaN and no infinity (JSON has neither).
_JSON = st.recursive(
    st.none() | st.booleans() | st.integers(-5, 5)
    | st.floats(allow_nan=False, allow_infinity=False) | st.text(max_size=8),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=6), inner,
                                                                max_size=3),
    max_leaves=8)


def _paths(node, prefix=()):
    """Every path (tuple of keys and indices) into a JSON value."""
    yield prefix
    if isinstance(node, dict):
        for k, v in node.items():
            yield from _paths(v, (*prefix, k))
    elif isinstance(node, list):
        for i, v in enumerate(node):
            yield from _paths(v, (*prefix, i))


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                  HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_any_signed_content_gives_a_verdict_never_a_crash(world, data):
    """Whatever a key holder signs, verification answers with reasons (bounded: 120 cases)."""
    claims = _claims(_token(world))
    paths = [p for p in _paths(claims["vc"]) if p]
    path = data.draw(st.sampled_from(paths))
    value = data.draw(_JSON)
    node = claims["vc"]
    for step in path[:-1]:
        node = node[step]
    node[path[-1]] = value
    token = vcjwt.sign(claims, world.key)
    v = verify_token(token, world.pub, folder=world.badge,
                     now=dt.datetime(2027, 1, 1, tzinfo=dt.UTC), trainee="ani")
    assert isinstance(v.genuine, bool)
    assert v.genuine or v.reasons


@settings(max_examples=80, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(name=st.sampled_from(FILES), at=st.integers(0, 10**9), byte=st.integers(0, 255),
       cut=st.booleans())
def test_damaged_files_are_refused_or_unreadable_never_a_crash(world, tmp_path, name, at,
                                                               byte, cut):
    """A flipped byte or a truncation anywhere (bounded: 80 cases) is read, refused with a
    reason, or reported unreadable."""
    data = bytearray((world.badge / name).read_bytes())
    at %= len(data)
    if cut:
        data = data[:at]
    else:
        data[at] = byte
    path = tmp_path / f"damaged-{name}"
    path.write_bytes(bytes(data))
    try:
        v = verify_credential_file(path, world.pub, check_evidence=False,
                                   now=dt.datetime(2027, 1, 1, tzinfo=dt.UTC))
    except UnreadableCredentialError as exc:
        assert exc.message.key.startswith("badge.read.")
        return
    assert v.genuine or v.reasons
