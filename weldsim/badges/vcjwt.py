"""VC-JWT: a credential signed as a compact JWS with the instructor's Ed25519 key (``EdDSA``).

The JOSE header is ``{"alg": "EdDSA", "typ": "JWT", "jwk": <the public key>}`` (the Open Badges
3.0 header allows exactly ``alg``, ``kid``, ``jwk`` and ``typ``; without a ``kid`` URL to
dereference, the public key travels as ``jwk``, never with its private part ``d``). Signing
and checking the signature use joserfc; the payload is canonical-order JSON, and Ed25519
signatures are deterministic, so the same credential gives the same token.

RFC 9864 deprecates the name ``EdDSA`` in favour of ``Ed25519``; Open Badges 3.0 verifiers
know ``EdDSA``, so it is kept (joserfc's deprecation warning is silenced here only).
"""

from __future__ import annotations

import base64
import binascii
import json
import warnings
from dataclasses import dataclass

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

__all__ = ["ALGORITHM", "HEADER_KEYS", "JwsParts", "public_jwk", "sign", "split", "verify"]

ALGORITHM = "EdDSA"
HEADER_KEYS = frozenset({"alg", "kid", "jwk", "typ"})
"""The JOSE header parameters Open Badges 3.0 allows."""


@dataclass(frozen=True)
class JwsParts:
    """A compact JWS decoded without checking its signature."""

    header: dict
    payload: bytes


def _b64url(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def _unb64url(text: str) -> bytes:
    pad = "=" * (-len(text) % 4)
    return base64.urlsafe_b64decode(text + pad)


def public_jwk(key: Ed25519PublicKey) -> dict:
    """The public key as a JWK (``kty`` OKP, ``crv`` Ed25519, ``x``)."""
    raw = key.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    return {"kty": "OKP", "crv": "Ed25519", "x": _b64url(raw)}


def _payload_bytes(claims: dict) -> bytes:
    return json.dumps(claims, ensure_ascii=False, separators=(",", ":"),
                      allow_nan=False).encode("utf-8")


def sign(claims: dict, key: Ed25519PrivateKey) -> str:
    """The compact JWS of ``claims`` signed with ``key``."""
    from joserfc import jws
    from joserfc.jwk import OKPKey

    pem = key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                            serialization.NoEncryption())
    header = {"alg": ALGORITHM, "typ": "JWT", "jwk": public_jwk(key.public_key())}
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return jws.serialize_compact(header, _payload_bytes(claims), OKPKey.import_key(pem),
                                     algorithms=[ALGORITHM])


def split(token: str) -> JwsParts | None:
    """The header and payload of a compact JWS without checking it; None when malformed."""
    parts = token.split(".")
    if len(parts) != 3 or not all(parts):
        return None
    try:
        header = json.loads(_unb64url(parts[0]).decode("utf-8"))
        payload = _unb64url(parts[1])
    except (binascii.Error, ValueError, UnicodeDecodeError):
        return None
    if not isinstance(header, dict):
        return None
    return JwsParts(header, payload)


def verify(token: str, key: Ed25519PublicKey) -> bytes | None:
    """The payload when ``token``'s signature verifies with ``key``, else None."""
    from joserfc import jws
    from joserfc.errors import JoseError
    from joserfc.jwk import OKPKey

    pem = key.public_bytes(serialization.Encoding.PEM,
                           serialization.PublicFormat.SubjectPublicKeyInfo)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            obj = jws.deserialize_compact(token, OKPKey.import_key(pem), algorithms=[ALGORITHM])
    except (JoseError, ValueError):
        return None
    return obj.payload
