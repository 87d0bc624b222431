"""Ed25519 signatures: genuine reports verify; any change, another key or no signature fail."""

from __future__ import annotations

import json
import os
import stat

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from weldsim.errors import WeldsimError
from weldsim.grading.signing import (
    KeyFileError,
    canonical_bytes,
    generate_keys,
    load_private_key,
    load_public_key,
    report_text,
    sign_report,
    verify_report,
)

REPORT = {"schema_version": 1, "scenario": {"id": "t-fillet-2f", "title": "T-Stoß ß"},
          "score": 87.5, "passed": True, "findings": [{"what": "undercut", "line": 21}],
          "cycle_time_s": 43.048, "seam_coverage": None}


@pytest.fixture(scope="module")
def key():
    return Ed25519PrivateKey.generate()


def _signed(key) -> bytes:
    return report_text(sign_report(REPORT, key)).encode("utf-8")


def test_genuine_report_verifies(key):
    signed = json.loads(_signed(key))
    assert list(signed)[-1] == "signature"
    assert signed["signature"]["algorithm"] == "Ed25519"
    verdict = verify_report(_signed(key), key.public_key())
    assert verdict.genuine, verdict.reason


def test_the_same_content_gives_the_same_signature(key):
    assert _signed(key) == _signed(key)  # Ed25519 is deterministic


def test_canonical_form_ignores_the_signature_and_layout(key):
    signed = sign_report(REPORT, key)
    assert canonical_bytes(signed) == canonical_bytes(REPORT)
    assert b" " not in canonical_bytes({"a": 1, "b": [1, 2]})
    reindented = json.dumps(signed, indent=4, ensure_ascii=True).encode("ascii")
    assert verify_report(reindented, key.public_key()).genuine


def test_changed_score_fails(key):
    data = json.loads(_signed(key))
    data["score"] = 97.5
    verdict = verify_report(report_text(data).encode("utf-8"), key.public_key())
    assert not verdict.genuine and "changed" in verdict.reason


def test_every_changed_byte_fails(key):
    """Change each byte of the file in turn: unless the JSON still reads as the same data
    (whitespace between tokens), the report is not genuine."""
    data = _signed(key)
    original = json.loads(data)
    for i in range(len(data)):
        for new in (ord("x"), ord("1"), data[i] ^ 0x01):
            if new == data[i]:
                continue
            changed = data[:i] + bytes([new]) + data[i + 1:]
            try:
                same = json.loads(changed) == original
            except ValueError:
                same = False
            verdict = verify_report(changed, key.public_key())
            assert verdict.genuine == same, (i, chr(data[i]), chr(new), verdict.reason)


def test_another_key_fails(key):
    other = Ed25519PrivateKey.generate()
    verdict = verify_report(_signed(key), other.public_key())
    assert not verdict.genuine and "another key" in verdict.reason
    # a signature made by another key but claiming this key's public key
    forged = json.loads(report_text(sign_report(REPORT, other)))
    forged["signature"]["public_key"] = json.loads(_signed(key))["signature"]["public_key"]
    verdict = verify_report(report_text(forged).encode(), key.public_key())
    assert not verdict.genuine and "changed" in verdict.reason


@pytest.mark.parametrize("signature, why", [
    (None, "not signed"),
    ("abc", "malformed"),
    ({"algorithm": "Ed25519", "value": "AA=="}, "malformed"),
    ({"algorithm": "RSA", "public_key": "AA==", "value": "AA=="}, "algorithm"),
    ({"algorithm": "Ed25519", "public_key": "!!", "value": "AA=="}, "base64"),
    ({"algorithm": "Ed25519", "public_key": "AA==", "value": "AA=="}, "32 and 64 bytes"),
    ({"algorithm": "Ed25519", "public_key": 5, "value": "AA=="}, "base64"),
])
def test_missing_or_malformed_signature_fails(key, signature, why):
    data = dict(REPORT)
    if signature is not None:
        data["signature"] = signature
    verdict = verify_report(report_text(data).encode(), key.public_key())
    assert not verdict.genuine and why in verdict.reason


def test_every_spelling_of_the_signature_but_one_fails(key):
    """base64 ignores the unused low bits of its last character: a second spelling of the
    same signature must not verify (each report has one genuine form)."""
    data = json.loads(_signed(key))
    value = data["signature"]["value"]
    assert value.endswith("==")
    alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"
    last = alphabet.index(value[-3])
    for k in range(4):  # the same two significant bits, other unused bits
        spelling = alphabet[(last & ~0x0F) | (last & 0x30) | k]
        data["signature"]["value"] = value[:-3] + spelling + "=="
        verdict = verify_report(report_text(data).encode(), key.public_key())
        assert verdict.genuine == (spelling == value[-3]), spelling


def test_not_json_fails(key):
    for data in (b"\xff\xfe", b"{", b"[1, 2]"):
        assert not verify_report(data, key.public_key()).genuine


def test_keygen_writes_a_private_key_for_its_owner_only(tmp_path):
    private, public = generate_keys(tmp_path / "keys")
    assert private.read_bytes().startswith(b"-----BEGIN PRIVATE KEY-----")
    assert public.read_bytes().startswith(b"-----BEGIN PUBLIC KEY-----")
    if os.name != "nt":
        assert stat.S_IMODE(private.stat().st_mode) == 0o600
    key, pem = load_private_key(private)
    assert pem == private.read_bytes()
    assert verify_report(report_text(sign_report(REPORT, key)).encode(),
                         load_public_key(public)).genuine


def test_keygen_never_overwrites(tmp_path):
    private, public = generate_keys(tmp_path)
    before = private.read_bytes(), public.read_bytes()
    with pytest.raises(WeldsimError, match="exists already"):
        generate_keys(tmp_path)
    public.unlink()
    with pytest.raises(WeldsimError, match="exists already"):
        generate_keys(tmp_path)
    assert private.read_bytes() == before[0]


def test_bad_key_files(tmp_path):
    private, public = generate_keys(tmp_path)
    with pytest.raises(KeyFileError, match="public key"):
        load_public_key(private)
    with pytest.raises(KeyFileError, match="private key"):
        load_private_key(public)
    with pytest.raises(KeyFileError, match="cannot read"):
        load_private_key(tmp_path / "missing.key")
