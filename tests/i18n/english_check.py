"""Find English left in an Indonesian text: the fragments of the English catalogue that no
Indonesian message uses, and a short list of English words Indonesian never needs."""

from __future__ import annotations

import functools
import re
import string

from weldsim.i18n import catalog

# English words that an Indonesian message never contains (the technical words Indonesian
# keeps, like job, torch, frame or weaving, are not here).
ENGLISH_WORDS = frozenset("""
the of and is are with must not after before while missing expected found unknown error
hint line seam weld welded score passed failed please cannot write wrote none yes
along between above below too than only every each given twice declared needs should
report exercise trainee graded grading results level worse required
""".split())

_QUOTED = re.compile(r"'[^']*'|\"[^\"]*\"")
_WORD = re.compile(r"[A-Za-z][\w'.-]*")  # identifiers (WELDSIM_LANG, results.csv) are one word


def _words(text: str) -> list[str]:
    return [w.rstrip(".") for w in _WORD.findall(text)]


def _literals(text: str) -> list[str]:
    """The literal parts of a catalogue text (between its placeholders)."""
    return [lit for lit, _, _, _ in string.Formatter().parse(text)]


@functools.cache
def english_fragments() -> tuple[str, ...]:
    """Runs of 2+ words (8+ letters) of the English catalogue that no Indonesian text
    contains: if one turns up in an Indonesian rendering, English leaked into it."""
    en, idn = catalog("en"), catalog("id")
    id_text = "\n".join(idn.values()).lower()
    found = set()
    for key, text in en.items():
        if idn.get(key) == text:
            continue  # the same in both languages (a unit, a name, a kept term)
        for lit in _literals(_QUOTED.sub(" ", text)):
            for part in re.split(r"[:;,()\[\]!?/=–+\n]|\.(?!\w)|\s{2,}", lit):
                words = _words(part)
                if len(words) < 2:
                    continue
                phrase = " ".join(words)
                if sum(len(w) for w in words) >= 8 and phrase.lower() not in id_text:
                    found.add(phrase)
    return tuple(sorted(found, key=len, reverse=True))


def english_in(text: str) -> list[str]:
    """The English found in ``text`` (an Indonesian rendering): catalogue fragments and
    English words, as whole words. Quoted text (what the trainee typed) is left out."""
    plain = _QUOTED.sub(" ", text)
    words_only = " ".join(_words(plain))
    hits = [f for f in english_fragments()
            if re.search(r"(?<![\w-])" + re.escape(f) + r"(?![\w-])", words_only)]
    hits += sorted({w for w in _words(plain) if w in ENGLISH_WORDS})
    return hits
