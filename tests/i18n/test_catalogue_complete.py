"""The catalogue is complete: every key in both languages, with the same placeholders, in
every .po file (the other domains' files are checked the same way once they are merged), and
no Indonesian text holds English."""

from __future__ import annotations

from babel.messages.pofile import read_po
from english_check import ENGLISH_WORDS, english_in, foreign_in

from weldsim.i18n import LANGUAGES, LOCALE_DIR, Message, Qty, catalog, placeholders, render


def _files(lang: str) -> dict[str, dict[str, str]]:
    out = {}
    for path in sorted((LOCALE_DIR / lang / "LC_MESSAGES").glob("*.po")):
        with path.open("rb") as fh:
            out[path.name] = {str(m.id): str(m.string) for m in read_po(fh) if m.id}
    return out


def test_same_files_and_keys_in_both_languages():
    files = {lang: _files(lang) for lang in LANGUAGES}
    assert set(files["id"]) == set(files["en"])
    assert {"report.po", "cli.po", "job.po", "pendant.po"} <= set(files["en"])
    for name in files["en"]:
        assert set(files["id"][name]) == set(files["en"][name]), name


def test_every_text_is_translated_with_the_same_placeholders():
    en, idn = catalog("en"), catalog("id")
    assert len(en) > 400 and set(en) == set(idn)
    for key in en:
        assert en[key].strip() and idn[key].strip(), key
        assert placeholders(en[key]) == placeholders(idn[key]), key


def test_a_key_lives_in_one_file_only():
    for lang in LANGUAGES:
        seen: dict[str, str] = {}
        for name, table in _files(lang).items():
            for key in table:
                assert key not in seen, f"{key} in {seen.get(key)} and {name}"
                seen[key] = name


def test_every_text_renders_in_both_languages():
    """Each text formats with a value for each of its fields (no stray braces)."""
    for lang in LANGUAGES:
        for key, text in catalog(lang).items():
            values = {name: Qty(1.5, "mm") for name in placeholders(text)}
            assert "{" not in render(Message.of(key, **values), lang), key


def test_no_indonesian_text_holds_english():
    """Generic over the whole catalogue: every Indonesian text, its fields filled with
    neutral values, holds no fragment of the English catalogue and none of the English
    words Indonesian never needs."""
    idn = catalog("id")
    bad = {}
    for key, text in idn.items():
        rendered = render(Message.of(key, **dict.fromkeys(placeholders(text), "7")), "id")
        hits = english_in(rendered)
        if hits:
            bad[key] = (rendered, hits)
    assert not bad, bad


def test_no_english_text_holds_indonesian():
    en = catalog("en")
    bad = {}
    for key, text in en.items():
        rendered = render(Message.of(key, **dict.fromkeys(placeholders(text), "7")), "en")
        if foreign_in(rendered, "en"):
            bad[key] = (rendered, foreign_in(rendered, "en"))
    assert not bad, bad


def test_the_checker_finds_english():
    """The check above can fail: English catalogue text in an Indonesian sentence is found."""
    assert english_in("kampuh 1: the wire was aimed off") or english_in("nilai passed")
    assert "error" in english_in("baris 3: error besar")
    assert not english_in("Servo ON, CTWD 15 mm, stick-out, job T_1, torch, weaving")
    assert "the" in ENGLISH_WORDS and "job" not in ENGLISH_WORDS
