"""Baking a JWS into PNG and SVG as Open Badges 3.0 says, and taking it out again."""

from __future__ import annotations

import io
import struct
import zlib

import pytest

from weldsim.badges.baking import (
    OB_SVG_NAMESPACE,
    PNG_KEYWORD,
    bake_png,
    bake_svg,
    extract_png,
    extract_svg,
)
from weldsim.badges.image import badge_png, badge_svg

TOKEN = "aGVhZGVy.cGF5bG9hZA.c2lnbmF0dXJl"


@pytest.fixture(scope="module")
def png():
    return badge_png("2F", "#1d4e89", "ISO 5817 · C")


@pytest.fixture(scope="module")
def svg():
    return badge_svg("2F", "#1d4e89", "ISO 5817 · C")


def _chunk_types(data: bytes) -> list[bytes]:
    pos, out = 8, []
    while pos < len(data):
        (n,) = struct.unpack(">I", data[pos:pos + 4])
        out.append(data[pos + 4:pos + 8])
        pos += 12 + n
    return out


def test_png_itxt_before_iend_uncompressed(png):
    baked = bake_png(png, TOKEN)
    types = _chunk_types(baked)
    assert types[-2:] == [b"iTXt", b"IEND"] and types.count(b"iTXt") == 1
    at = baked.index(PNG_KEYWORD)
    assert baked[at + len(PNG_KEYWORD):at + len(PNG_KEYWORD) + 5] == b"\x00\x00\x00\x00\x00"
    assert extract_png(baked).text == TOKEN
    assert bake_png(png, TOKEN) == baked  # deterministic
    from PIL import Image

    with Image.open(io.BytesIO(baked)) as picture:  # still a valid PNG, with the text chunk
        picture.load()
        assert picture.size == (512, 512)
        assert picture.text["openbadgecredential"] == TOKEN
    with pytest.raises(ValueError, match="already"):
        bake_png(baked, TOKEN)


def _itxt(flag: int) -> bytes:
    body = PNG_KEYWORD + bytes([0, flag, 0, 0, 0]) + TOKEN.encode()
    return struct.pack(">I", len(body)) + b"iTXt" + body + struct.pack(
        ">I", zlib.crc32(b"iTXt" + body))


def test_png_refuses_two_credentials_or_a_compressed_one(png):
    iend = png.rindex(b"IEND") - 4
    assert extract_png(png[:iend] + _itxt(0) + _itxt(0) + png[iend:]).problem == "twice"
    assert extract_png(png[:iend] + _itxt(1) + png[iend:]).problem == "compressed"
    assert extract_png(png[:iend] + _itxt(0) + png[iend:]).text == TOKEN
    assert extract_png(png[:50]).problem == "malformed"


def test_svg_element_right_after_the_svg_tag(svg):
    baked = bake_svg(svg, TOKEN)
    text = baked.decode("utf-8")
    assert "<!DOCTYPE" not in text
    assert f'xmlns:openbadges="{OB_SVG_NAMESPACE}"' in text
    head, _, rest = text.partition(">\n<openbadges:credential")
    assert head.rstrip().split("<svg", 1)[1] and rest.startswith(f' verify="{TOKEN}">')
    assert extract_svg(baked).text == TOKEN
    with pytest.raises(ValueError, match="already"):
        bake_svg(baked, TOKEN)


def test_svg_with_entities_is_not_parsed():
    evil = (b'<?xml version="1.0"?><!DOCTYPE svg [<!ENTITY a "aaaa">]>'
            b'<svg xmlns="http://www.w3.org/2000/svg">&a;</svg>')
    assert extract_svg(evil).problem == "malformed"
    two = (f'<svg xmlns="http://www.w3.org/2000/svg" xmlns:openbadges="{OB_SVG_NAMESPACE}">'
           f'<openbadges:credential verify="{TOKEN}"/><openbadges:credential verify="x"/>'
           "</svg>").encode()
    assert extract_svg(two).problem == "twice"


def test_badge_pictures_are_deterministic(png, svg):
    assert badge_png("2F", "#1d4e89", "ISO 5817 · C") == png
    assert badge_svg("2F", "#1d4e89", "ISO 5817 · C") == svg
    assert png[:8] == b"\x89PNG\r\n\x1a\n" and len(svg) < 40_000
