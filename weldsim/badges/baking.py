"""Baking: a signed credential (compact JWS) carried inside the badge picture, as Open Badges
3.0 says.

- PNG: one ``iTXt`` chunk with keyword ``openbadgecredential``, uncompressed, no language tag,
  the JWS as its text, inserted before ``IEND``.
- SVG: an ``xmlns:openbadges="https://purl.imsglobal.org/ob/v3p0"`` attribute on ``<svg>``
  and, right after it, ``<openbadges:credential verify="JWS"></openbadges:credential>``.

Extraction checks the PNG's chunk checksums (a changed chunk is reported, not read) and
refuses SVG with a document type declaration (no entity expansion).
"""

from __future__ import annotations

import re
import struct
import zlib
from dataclasses import dataclass

__all__ = ["OB_SVG_NAMESPACE", "PNG_KEYWORD", "Extracted", "bake_png", "bake_svg",
           "extract_png", "extract_svg", "has_svg_element", "is_png", "is_svg", "png_is_whole"]

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
PNG_KEYWORD = b"openbadgecredential"
OB_SVG_NAMESPACE = "https://purl.imsglobal.org/ob/v3p0"
_SVG_OPEN = re.compile(rb"<svg\b[^>]*>", re.S)


@dataclass(frozen=True)
class Extracted:
    """What an image carries: ``text`` (the JWS, or a JSON credential) when ``problem`` is
    None; otherwise why nothing trustworthy could be taken out (``problem`` is a short key:
    ``none``, ``twice``, ``compressed``, ``checksum``, ``malformed``)."""

    text: str | None
    problem: str | None = None


def is_png(data: bytes) -> bool:
    return data.startswith(PNG_SIGNATURE)


def png_is_whole(data: bytes) -> bool:
    """Whether a PNG's chunks are all there, up to ``IEND`` (a credential goes before it)."""
    last = None
    try:
        for _, kind, _, _ in _chunks(data):
            last = kind
    except ValueError:
        return False
    return last == b"IEND"


def has_svg_element(data: bytes) -> bool:
    """Whether an SVG has the ``<svg>`` element a credential is baked into."""
    return _SVG_OPEN.search(re.sub(rb"<!DOCTYPE[^>]*>\s*", b"", data, count=1)) is not None


def is_svg(data: bytes) -> bool:
    head = data[:4096].lstrip(b"\xef\xbb\xbf \t\r\n")
    return head.startswith(b"<") and b"<svg" in data[:65536]


def _chunk(kind: bytes, body: bytes) -> bytes:
    return struct.pack(">I", len(body)) + kind + body + struct.pack(
        ">I", zlib.crc32(kind + body) & 0xFFFFFFFF)


def _chunks(data: bytes):
    """(offset, type, body, crc ok) of each chunk; raises ValueError when truncated."""
    pos = len(PNG_SIGNATURE)
    while pos < len(data):
        if pos + 12 > len(data):
            raise ValueError("truncated chunk")
        (length,) = struct.unpack(">I", data[pos:pos + 4])
        kind = data[pos + 4:pos + 8]
        end = pos + 12 + length
        if end > len(data):
            raise ValueError("truncated chunk")
        body = data[pos + 8:pos + 8 + length]
        (crc,) = struct.unpack(">I", data[pos + 8 + length:end])
        yield pos, kind, body, crc == (zlib.crc32(kind + body) & 0xFFFFFFFF)
        pos = end
        if kind == b"IEND":
            return


def bake_png(png: bytes, token: str) -> bytes:
    """``png`` with the ``openbadgecredential`` chunk holding ``token`` before ``IEND``.

    Raises
    ------
    ValueError
        Not a PNG, or it carries a credential already.
    """
    if not is_png(png):
        raise ValueError("not a PNG image")
    out = [PNG_SIGNATURE]
    for _, kind, body, _ in _chunks(png):
        if kind == b"iTXt" and body.split(b"\x00", 1)[0] == PNG_KEYWORD:
            raise ValueError("the PNG carries a credential already")
        if kind == b"IEND":
            out.append(_chunk(b"iTXt", PNG_KEYWORD + b"\x00\x00\x00\x00\x00"
                              + token.encode("utf-8")))
        out.append(_chunk(kind, body))
    if len(out) == 1 or not out[-1][4:8] == b"IEND":
        raise ValueError("the PNG has no IEND chunk")  # nothing would carry the credential
    return b"".join(out)


def extract_png(png: bytes) -> Extracted:
    """The credential text of a baked PNG (see :class:`Extracted`)."""
    found: list[tuple[bytes, bool]] = []
    try:
        for _, kind, body, ok in _chunks(png):
            if kind == b"iTXt" and body.split(b"\x00", 1)[0] == PNG_KEYWORD:
                found.append((body, ok))
    except ValueError:
        return Extracted(None, "malformed")
    if not found:
        return Extracted(None, "none")
    if len(found) > 1:
        return Extracted(None, "twice")
    body, ok = found[0]
    if not ok:
        return Extracted(None, "checksum")
    rest = body[len(PNG_KEYWORD) + 1:]
    if len(rest) < 2 or rest[0] != 0:
        return Extracted(None, "compressed")
    parts = rest[2:].split(b"\x00", 2)  # language tag, translated keyword, text
    if len(parts) != 3:
        return Extracted(None, "malformed")
    try:
        return Extracted(parts[2].decode("utf-8"))
    except UnicodeDecodeError:
        return Extracted(None, "malformed")


def bake_svg(svg: bytes, token: str) -> bytes:
    """``svg`` with the namespace and the ``<openbadges:credential verify=...>`` element (a
    document type declaration, which baked SVG must not carry, is dropped).

    Raises
    ------
    ValueError
        No ``<svg>`` element, or it carries a credential already.
    """
    if b"openbadges:credential" in svg:
        raise ValueError("the SVG carries a credential already")
    svg = re.sub(rb"<!DOCTYPE[^>]*>\s*", b"", svg, count=1)
    m = _SVG_OPEN.search(svg)
    if m is None:
        raise ValueError("no <svg> element")
    tag = m.group(0)
    close = b"/>" if tag.endswith(b"/>") else b">"
    opened = tag[: -len(close)] + f' xmlns:openbadges="{OB_SVG_NAMESPACE}"'.encode() + b">"
    element = f'\n<openbadges:credential verify="{token}"></openbadges:credential>'.encode()
    tail = b"</svg>" if close == b"/>" else b""
    return svg[:m.start()] + opened + element + tail + svg[m.end():]


def extract_svg(svg: bytes) -> Extracted:
    """The credential text of a baked SVG: the ``verify`` attribute (a JWS) or the element's
    text (a JSON credential)."""
    import xml.etree.ElementTree as ET

    if b"<!DOCTYPE" in svg or b"<!ENTITY" in svg:
        return Extracted(None, "malformed")
    try:
        root = ET.fromstring(svg)
    except ET.ParseError:
        return Extracted(None, "malformed")
    found = list(root.iter(f"{{{OB_SVG_NAMESPACE}}}credential"))
    if not found:
        return Extracted(None, "none")
    if len(found) > 1:
        return Extracted(None, "twice")
    element = found[0]
    verify = element.get("verify")
    text = verify if verify is not None else (element.text or "").strip()
    return Extracted(text) if text else Extracted(None, "none")
