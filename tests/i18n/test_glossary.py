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


def glossary() -> list[tuple[str, tuple[str, ...]]]:
    """(English, Indonesian words) of the table under '## Terms', longest English first.

    A homonym has one row per sense ("joint": the robot axis "sumbu", the weld joint
    "sambungan"); its words are those of its rows in table order, and a text that uses the
    term must contain the word of one of its senses."""
    text = GLOSSARY.read_text(encoding="utf-8")
    table = text.split("## Terms", 1)[1].split("\n## ", 1)[0]
    senses: dict[str, list[str]] = {}
    for line in table.splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if len(cells) < 2 or cells[0] in ("English", "") or set(cells[0]) <= {"-"}:
            continue
        senses.setdefault(cells[0], []).append(cells[1])
    rows = [(term, tuple(words)) for term, words in senses.items()]
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


def uses_of_terms(en: str) -> list[tuple[str, tuple[str, ...]]]:
    """The glossary terms (with the Indonesian words of their senses) that ``en`` uses (a
    longer term hides the shorter terms inside it)."""
    text = _english_words(en)
    out = []
    for term, words in glossary():
        pattern = _pattern(term)
        if pattern.search(text):
            out.append((term, words))
            text = pattern.sub(" ", text)
    return out


def wrong_terms(en: str, idn: str) -> list[tuple[str, tuple[str, ...]]]:
    """The terms ``en`` uses whose Indonesian ``idn`` contains the word of none of their
    senses."""
    target = idn.lower()
    return [(term, words) for term, words in uses_of_terms(en)
            if not any(word.lower() in target for word in words)]


def test_glossary_table_is_read():
    rows = dict(glossary())
    assert len(rows) >= 50
    assert rows["seam"] == ("kampuh",) and rows["Servo ON"] == ("Servo ON",)
    assert rows["stick-out"] == ("stick-out",) and rows["job"] == ("job",)
    assert rows["CTWD"] == ("CTWD",) and {"Teach", "Play"} <= set(rows)
    # homonyms: one row per sense, the first row the sense the pendant uses
    assert rows["joint"] == ("sumbu", "sambungan")
    assert rows["line"] == ("baris", "garis")


def test_matching_rules():
    assert uses_of_terms("end the weld with AE before a joint move") == [
        ("joint move", ("gerak joint",)), ("weld", ("las",))]
    assert ("joint", ("sumbu", "sambungan")) in uses_of_terms("Joints [deg]")
    assert uses_of_terms("jog in JOINT to move J5") == [("jog", ("jog",))]
    assert uses_of_terms("J{joint} at its limit: '{seam}'") == []
    assert ("seam", ("kampuh",)) in uses_of_terms("Seams welded")


def test_catalogue_uses_the_glossary_terms():
    en, idn = catalog("en"), catalog("id")
    wrong = []
    for key, text in en.items():
        for term, words in wrong_terms(text, idn[key]):
            wrong.append(f"{key}: '{term}' should read '{' or '.join(words)}' in: {idn[key]}")
    assert not wrong, "\n".join(wrong)


@pytest.mark.parametrize("en, idn", [("seam {seam}", "jahitan {seam}"),
                                     ("Joint limit", "batas sendi"),
                                     ("off the joint line", "melenceng dari alur"),
                                     ("levels reached: {reached}", "tingkat yang diraih"),
                                     ("the crater at the arc end", "kawah di akhir busur"),
                                     ("the bead is narrow", "jalur las sempit")])
def test_a_wrong_term_is_found(en, idn):
    """The check can fail: an Indonesian text with another word for a term (in any of its
    senses) is caught."""
    assert wrong_terms(en, idn)


@pytest.mark.parametrize("en, idn", [("Joint limit", "batas sumbu"),
                                     ("off the joint line", "melenceng dari garis sambungan"),
                                     ("J4 and J6 line up", "J4 dan J6 segaris"),
                                     ("the weave's amplitude", "amplitudo weaving")])
def test_a_right_term_passes(en, idn):
    """Each sense of a homonym is accepted with its own word."""
    assert not wrong_terms(en, idn)
