"""The credential is JSON-LD every term of which the shipped contexts define (no network), and
every badge message exists in both languages with the same placeholders."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from weldsim.badges import vcjwt
from weldsim.badges.contexts import SHIPPED, context_document, document_loader
from weldsim.i18n import catalog, placeholders


def _vc(world) -> dict:
    token = (world.badge / "credential.jwt").read_text(encoding="ascii").strip()
    return json.loads(vcjwt.split(token).payload)["vc"]


def _one(value):
    """JSON-LD compaction writes a one-element array as the element: compare alike."""
    if isinstance(value, list):
        return _one(value[0]) if len(value) == 1 else [_one(v) for v in value]
    if isinstance(value, dict):
        return {k: _one(v) for k, v in value.items() if k != "@context"}
    return value


def _expand_compact(doc: dict) -> dict:
    jsonld = pytest.importorskip("pyld.jsonld")
    options = {"documentLoader": document_loader}
    expanded = jsonld.expand(doc, options)
    return jsonld.compact(expanded, {"@context": doc["@context"]}, options)


def test_every_term_is_defined_by_the_shipped_contexts(world):
    """Expansion drops a term no context defines, so expanding and compacting again gives the
    credential back only when every term (weldsim's evidence terms too) is defined."""
    vc = _vc(world)
    assert _one(_expand_compact(vc)) == _one(vc)


def test_an_undefined_term_would_be_caught(world):
    vc = _vc(world)
    vc["credentialSubject"]["achievement"]["colourOfTheBadge"] = "blue"
    assert _one(_expand_compact(vc)) != _one(vc)


def test_no_other_document_is_ever_loaded():
    with pytest.raises(KeyError):
        document_loader("https://example.org/context.json")
    for url in SHIPPED:
        assert "@context" in context_document(url)


def _used_keys() -> set[str]:
    root = Path(__file__).resolve().parents[2] / "weldsim"
    keys = set()
    for path in [*(root / "badges").rglob("*.py"), root / "cli" / "badge.py"]:
        text = path.read_text(encoding="utf-8")
        keys |= set(re.findall(r'"(badge\.[a-z_]+\.[a-z_0-9]+)"', text))
    keys |= {f"badge.verify.image_{p}" for p in ("twice", "compressed", "checksum")}
    return keys


def test_catalogue_in_both_languages():
    en, id_ = catalog("en"), catalog("id")
    mine = {k for k in en if k.startswith("badge.")}
    assert mine == {k for k in id_ if k.startswith("badge.")}
    for key in mine:
        assert placeholders(en[key]) == placeholders(id_[key]), key
        assert en[key] != id_[key] or key == "badge.cert.credential_id", key
    used = _used_keys()
    assert used - mine == set()
    assert len(used) > 40
