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
import math
import os
import re
from dataclasses import dataclass
from pathlib import Path

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

from weldsim.errors import WeldsimError
from weldsim.i18n import Message, render
from weldsim.safe_read import Refused, read_regular, refusal_reason

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
    "read_report",
    "report_text",
    "sign_report",
    "verify_report",
]

ALGORITHM = "Ed25519"
PRIVATE_KEY_NAME = "instructor.key"
PUBLIC_KEY_NAME = "instructor.pub"
#: Largest report ``verify`` reads (bytes); a weldsim report is a few kB to a few hundred kB.
MAX_REPORT_BYTES = 16 << 20
#: Deepest nesting of objects and arrays in a report; weldsim writes at most 5 levels.
MAX_REPORT_DEPTH = 64


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
    Only a document every JSON reader reads the same way can be genuine: a key given twice in
    one object (a reader may see either value), NaN, Infinity, a number beyond a float
    (``1e400``), a lone surrogate (not text) or nesting deeper than :data:`MAX_REPORT_DEPTH`
    make it not genuine, whatever the signature.
    """
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        return _verdict(False, "not_json", error=Message.of("modes.verify.not_utf8",
                                                            byte=exc.start))
    problem = _too_deep(text)
    if problem is not None:
        return _verdict(False, "not_canonical", reason=problem)
    try:
        report = json.loads(text, object_pairs_hook=_unique_keys,
                            parse_constant=_no_constant, parse_float=_finite_float)
    except _NotCanonical as exc:
        return _verdict(False, "not_canonical", reason=exc.message)
    except json.JSONDecodeError as exc:
        return _verdict(False, "not_json", error=Message.of(
            "modes.verify.json_at", what=_json_problem(exc.msg), line=exc.lineno,
            column=exc.colno))
    except (ValueError, RecursionError) as exc:
        return _verdict(False, "not_json", error=str(exc))
    problem = _not_text(report)
    if problem is not None:
        return _verdict(False, "not_canonical", reason=problem)
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


class _NotCanonical(ValueError):
    """A JSON value canonical JSON cannot carry, or a key given twice; its message says
    which (``str()`` is the English)."""

    def __init__(self, message: Message) -> None:
        super().__init__(render(message, "en"))
        self.message = message


# the json module's own messages -> catalogue keys; any other stays as json wrote it
_JSON_MESSAGES = {
    "Expecting value": "modes.verify.json.value",
    "Expecting ',' delimiter": "modes.verify.json.comma",
    "Expecting ':' delimiter": "modes.verify.json.colon",
    "Expecting property name enclosed in double quotes": "modes.verify.json.name",
    "Unterminated string starting at": "modes.verify.json.string",
    "Invalid control character at": "modes.verify.json.control",
    "Invalid \\escape": "modes.verify.json.escape",
    "Extra data": "modes.verify.json.extra",
}


def _json_problem(msg: str) -> Message | str:
    """What the json module said (``Expecting value``), as a message when known."""
    key = _JSON_MESSAGES.get(msg)
    return Message.of(key) if key else msg


def _unique_keys(pairs: list[tuple[str, object]]) -> dict:
    out: dict = {}
    for key, value in pairs:
        if key in out:
            raise _NotCanonical(Message.of("modes.verify.duplicate_key", key=_short(key)))
        out[key] = value
    return out


def _no_constant(name: str) -> float:
    raise _NotCanonical(Message.of("modes.verify.constant", name=name))


def _finite_float(text: str) -> float:
    value = float(text)
    if not math.isfinite(value):
        raise _NotCanonical(Message.of("modes.verify.too_large", number=_short(text)))
    return value


_STRING_OR_BRACKET = re.compile(r'"(?:[^"\\]|\\.)*+"|[\[\]{}]')


def _too_deep(text: str) -> Message | None:
    """Why ``text`` nests objects and arrays too deeply, else None (strings are skipped)."""
    if text.count("[") + text.count("{") <= MAX_REPORT_DEPTH:
        return None
    depth = 0
    for match in _STRING_OR_BRACKET.finditer(text):
        char = match.group()
        if char in "[{":
            depth += 1
            if depth > MAX_REPORT_DEPTH:
                return Message.of("modes.verify.too_deep", depth=MAX_REPORT_DEPTH)
        elif char in "]}":
            depth -= 1
    return None


def _not_text(value: object) -> Message | None:
    """Why a string in ``value`` is not text (a lone surrogate), else None."""
    stack = [value]
    while stack:
        item = stack.pop()
        if isinstance(item, dict):
            stack.extend(item.keys())
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)
        elif isinstance(item, str):
            try:
                item.encode("utf-8")
            except UnicodeEncodeError as exc:
                return Message.of("modes.verify.surrogate",
                                  code=f"U+{ord(item[exc.start]):04X}")
    return None


def _short(text: str, limit: int = 40) -> str:
    shown = ascii(text)
    return shown if len(shown) <= limit else shown[: limit - 3] + "..."


def read_report(path: str | Path) -> bytes:
    """The bytes of the report file ``path``: a regular file of at most
    :data:`MAX_REPORT_BYTES`, read without blocking on a FIFO or a device.

    Raises
    ------
    WeldsimError
        Missing or unreadable, not a regular file (a folder, a FIFO, a device), or too large.
    """
    return _read_regular(Path(path), MAX_REPORT_BYTES, "report", WeldsimError)


#: Largest key file read (bytes); a PEM Ed25519 key is about 120 bytes.
MAX_KEY_BYTES = 64 << 10


def _read_regular(path: Path, limit: int, what: str, error: type[WeldsimError]) -> bytes:
    """At most ``limit`` bytes of the regular file ``path``; ``error`` names ``what`` it is."""
    try:
        return read_regular(path, limit)
    except Refused as exc:
        why = refusal_reason(exc)
        raise error(message=Message.of("modes.file.at", where=str(path), problem=Message.of(
            f"modes.read.cannot_read_{what}", reason=why))) from None


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
    return _read_regular(path, MAX_KEY_BYTES, "key", KeyFileError)


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
