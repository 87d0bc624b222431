"""Ed25519 signatures of JSON reports.

A signed report carries::

    "signature": {"algorithm": "Ed25519", "public_key": "<base64 of the raw 32 bytes>",
                  "value": "<base64 of the 64-byte signature>"}

signed over the *canonical form* of the report without that field: ``json.dumps(report,
sort_keys=True, separators=(",", ":"), ensure_ascii=False)`` encoded as UTF-8. So a change of
any value, key or string in the report breaks the signature, while re-indenting it does not.

Keys are files: the private key as PEM PKCS#8 (unencrypted: keep it on the instructor's
machine, readable by the owner only), the public key as PEM SubjectPublicKeyInfo.
"""

from __future__ import annotations

import base64
import binascii
import json
import os
from dataclasses import dataclass
from pathlib import Path

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

from weldsim.errors import WeldsimError
from weldsim.i18n import Message, render

__all__ = [
    "ALGORITHM",
    "PRIVATE_KEY_NAME",
    "PUBLIC_KEY_NAME",
    "KeyFileError",
    "Verdict",
    "canonical_bytes",
    "generate_keys",
    "load_private_key",
    "load_public_key",
    "private_key_from_pem",
    "report_text",
    "sign_report",
    "verify_report",
]

ALGORITHM = "Ed25519"
PRIVATE_KEY_NAME = "instructor.key"
PUBLIC_KEY_NAME = "instructor.pub"


class KeyFileError(WeldsimError):
    """A key file that is missing, unreadable, or not an Ed25519 key of the right kind."""


@dataclass(frozen=True)
class Verdict:
    """The outcome of :func:`verify_report`.

    Attributes
    ----------
    genuine : bool
    reason : str
        Why it is (not) genuine, in plain words (English).
    message : weldsim.i18n.Message or None
        The same reason as a catalogue message (:meth:`text` renders it).
    """

    genuine: bool
    reason: str
    message: Message | None = None

    def text(self, lang: str) -> str:
        """The reason in ``lang``."""
        return self.reason if self.message is None else render(self.message, lang)


def _verdict(genuine: bool, key: str, **params) -> Verdict:
    message = Message.of(f"cli.verify.{key}", **params)
    return Verdict(genuine, render(message, "en"), message)


def canonical_bytes(report: dict) -> bytes:
    """The bytes a signature covers: ``report`` without ``"signature"``, canonical JSON."""
    body = {k: v for k, v in report.items() if k != "signature"}
    return json.dumps(body, sort_keys=True, separators=(",", ":"), ensure_ascii=False,
                      allow_nan=False).encode("utf-8")


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def _raw_public(key: Ed25519PublicKey) -> bytes:
    return key.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)


def sign_report(report: dict, key: Ed25519PrivateKey) -> dict:
    """``report`` with a ``"signature"`` field added last (any old one replaced)."""
    body = {k: v for k, v in report.items() if k != "signature"}
    body["signature"] = {"algorithm": ALGORITHM, "public_key": _b64(_raw_public(key.public_key())),
                         "value": _b64(key.sign(canonical_bytes(body)))}
    return body


def report_text(report: dict) -> str:
    """A report as written to a file: as :func:`weldsim.report.report_json` writes it."""
    return json.dumps(report, indent=2, ensure_ascii=False, allow_nan=False) + "\n"


def verify_report(data: bytes, key: Ed25519PublicKey) -> Verdict:
    """Check that the report ``data`` (a JSON file's bytes) was signed by ``key`` unchanged.

    Never raises for a bad report: every way it can fail is a :class:`Verdict` with a reason.
    """
    try:
        report = json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, ValueError) as exc:
        return _verdict(False, "not_json", error=str(exc))
    if not isinstance(report, dict):
        return _verdict(False, "not_object")
    sig = report.get("signature")
    if sig is None:
        return _verdict(False, "unsigned")
    if not isinstance(sig, dict) or set(sig) != {"algorithm", "public_key", "value"}:
        return _verdict(False, "malformed")
    if sig["algorithm"] != ALGORITHM:
        return _verdict(False, "algorithm", found=repr(sig["algorithm"]),
                        expected=ALGORITHM)
    embedded, value = _strict_b64(sig["public_key"], 32), _strict_b64(sig["value"], 64)
    if embedded is None or value is None:
        return _verdict(False, "malformed_base64")
    if embedded != _raw_public(key):
        return _verdict(False, "other_key")
    try:
        key.verify(value, canonical_bytes(report))
    except InvalidSignature:
        return _verdict(False, "changed")
    return _verdict(True, "genuine")


def _strict_b64(text, size: int) -> bytes | None:
    """The ``size`` bytes whose canonical base64 is ``text``, else None.

    Canonical only: base64 ignores the unused low bits of the last character, so ``...4=``
    and ``...5=`` would decode alike; a signed report must not have two spellings.
    """
    if not isinstance(text, str):
        return None
    try:
        data = base64.b64decode(text, validate=True)
    except (binascii.Error, ValueError):
        return None
    return data if len(data) == size and _b64(data) == text else None


def _read(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except OSError as exc:
        raise KeyFileError(message=Message.of("cli.keys.cannot_read_key", path=str(path),
                                              reason=str(exc.strerror or exc))) from None


def private_key_from_pem(pem: bytes, where: str = "<key>") -> Ed25519PrivateKey:
    """An Ed25519 private key from PEM PKCS#8 bytes.

    Raises
    ------
    KeyFileError
        Not an unencrypted PEM Ed25519 private key.
    """
    try:
        key = serialization.load_pem_private_key(pem, password=None)
    except (ValueError, TypeError) as exc:
        raise KeyFileError(message=Message.of("cli.keys.not_pem_private", path=str(where),
                                              reason=str(exc))) from None
    if not isinstance(key, Ed25519PrivateKey):
        raise KeyFileError(message=Message.of("cli.keys.not_ed25519_private", path=str(where)))
    return key


def load_private_key(path: str | Path) -> tuple[Ed25519PrivateKey, bytes]:
    """The private key in ``path`` and the file's PEM bytes (to hand to worker processes)."""
    path = Path(path)
    pem = _read(path)
    return private_key_from_pem(pem, str(path)), pem


def load_public_key(path: str | Path) -> Ed25519PublicKey:
    """The Ed25519 public key in the PEM file ``path``.

    Raises
    ------
    KeyFileError
        Unreadable, or not a PEM Ed25519 public key (a private key is refused, so that it is
        never handed around by mistake).
    """
    path = Path(path)
    pem = _read(path)
    try:
        key = serialization.load_pem_public_key(pem)
    except (ValueError, TypeError) as exc:
        raise KeyFileError(message=Message.of("cli.keys.not_pem_public", path=str(path),
                                              reason=str(exc))) from None
    if not isinstance(key, Ed25519PublicKey):
        raise KeyFileError(message=Message.of("cli.keys.not_ed25519_public", path=str(path)))
    return key


def _create(path: Path, data: bytes, mode: int) -> None:
    """Write a new file with ``mode`` from its creation; never replaces an existing file."""
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)
    fd = os.open(path, flags, mode)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
    except BaseException:
        path.unlink(missing_ok=True)
        raise
    if os.name != "nt":  # the umask may have removed bits; on Windows chmod only sets read-only
        os.chmod(path, mode)


def generate_keys(folder: str | Path) -> tuple[Path, Path]:
    """Create ``instructor.key`` (mode 0o600) and ``instructor.pub`` in ``folder``.

    On Windows the file mode cannot restrict reading to the owner (``os.open``'s mode only
    controls the read-only flag there); the key is as private as the folder it is in.

    Raises
    ------
    WeldsimError
        Either file exists already (keys are never overwritten), or they cannot be written.
    """
    folder = Path(folder)
    private, public = folder / PRIVATE_KEY_NAME, folder / PUBLIC_KEY_NAME
    for path in (private, public):
        if path.exists() or path.is_symlink():
            raise WeldsimError(message=Message.of("cli.keys.exists", path=str(path)))
    key = Ed25519PrivateKey.generate()
    pem = key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                            serialization.NoEncryption())
    pub = key.public_key().public_bytes(serialization.Encoding.PEM,
                                        serialization.PublicFormat.SubjectPublicKeyInfo)
    try:
        folder.mkdir(parents=True, exist_ok=True)
        _create(private, pem, 0o600)
        try:
            _create(public, pub, 0o644)
        except BaseException:
            private.unlink(missing_ok=True)
            raise
    except FileExistsError as exc:
        raise WeldsimError(message=Message.of("cli.keys.exists", path=str(exc.filename))) from None
    except OSError as exc:
        raise WeldsimError(message=Message.of("cli.keys.cannot_write", path=str(folder),
                                              reason=str(exc.strerror or exc))) from None
    return private, public
