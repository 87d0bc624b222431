"""docs/glossary.md fixes the Indonesian word of each welding and robot term; the catalogue
uses it: every Indonesian text whose English text uses a term contains the term's word."""

from __future__ import annotations

import re
import string
from pathlib import Path

import pytest

from weldsim.i18n import catalog

GLOSSARY = Path(__file__).resolve().parents[2] / "docs" / "glossary.md"
_QUOTED = re.compile(r"'[^']*'|\"[^\"]*\"")


def glossary() -> list[tuple[str, str]]:
    """(English, Indonesian) rows of the table under '## Terms', longest English first."""
    text = GLOSSARY.read_text(encoding="utf-8")
    table = text.split("## Terms", 1)[1].split("\n## ", 1)[0]
    rows = []
    for line in table.splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if len(cells) < 2 or cells[0] in ("English", "") or set(cells[0]) <= {"-"}:
            continue
        rows.append((cells[0], cells[1]))
    return sorted(rows, key=lambda r: len(r[0]), reverse=True)


def _pattern(term: str) -> re.Pattern:
    """The term as a word, lower case or capitalised as written, plural and -ed/-ing too;
    not in capitals (TEACH, JOINT are mode names) unless the term itself is."""
    forms = {term, term[:1].upper() + term[1:]}
    alt = "|".join(re.escape(f) for f in sorted(forms))
    return re.compile(r"(?<![\w-])(?:" + alt + r")(?:s|es|d|ed|ing)?(?![\w-])")


def _english_words(text: str) -> str:
    """The literal words of an English text: placeholders and quoted words left out."""
    literal = " ".join(lit for lit, _, _, _ in string.Formatter().parse(text))
    return _QUOTED.sub(" ", literal)


def uses_of_terms(en: str) -> list[tuple[str, str]]:
    """The glossary rows whose English term ``en`` uses (a longer term hides the shorter
    terms inside it)."""
    text = _english_words(en)
    out = []
    for term, word in glossary():
        pattern = _pattern(term)
        if pattern.search(text):
            out.append((term, word))
            text = pattern.sub(" ", text)
    return out


def test_glossary_table_is_read():
    rows = dict(glossary())
    assert len(rows) >= 50
    assert rows["seam"] == "kampuh" and rows["Servo ON"] == "Servo ON"
    assert rows["stick-out"] == "stick-out" and rows["job"] == "job" and rows["CTWD"] == "CTWD"
    assert {"Teach", "Play"} <= set(rows)


def test_matching_rules():
    assert uses_of_terms("end the weld with AE before a joint move") == [
        ("joint move", "gerak joint"), ("weld", "las")]
    assert ("joint", "sumbu") in uses_of_terms("Joints [deg]")
    assert uses_of_terms("jog in JOINT to move J5") == [("jog", "jog")]
    assert uses_of_terms("J{joint} at its limit: '{seam}'") == []
    assert ("seam", "kampuh") in uses_of_terms("Seams welded")


def test_catalogue_uses_the_glossary_terms():
    en, idn = catalog("en"), catalog("id")
    wrong = []
    for key, text in en.items():
        target = idn[key].lower()
        for term, word in uses_of_terms(text):
            if word.lower() not in target:
                wrong.append(f"{key}: '{term}' should read '{word}' in: {idn[key]}")
    assert not wrong, "\n".join(wrong)


@pytest.mark.parametrize("en, idn", [("seam {seam}", "jahitan {seam}"),
                                     ("Joint limit", "batas sendi")])
def test_a_wrong_term_is_found(en, idn):
    """The check can fail: an Indonesian text with another word for a term is caught."""
    assert any(word.lower() not in idn.lower() for _, word in uses_of_terms(en))
