"""Find the other language in a text: the fragments of the other language's catalogue that
no text of this language uses, and a short list of words this language never needs.

``english_in(text)`` finds English in an Indonesian text; ``foreign_in(text, "en")`` finds
Indonesian in an English one.
"""

from __future__ import annotations

import functools
import html
import re
import string

from weldsim.i18n import catalog

# Words a message of the language never contains (the technical words Indonesian keeps, like
# job, torch, frame or weaving, are not in the English list).
ENGLISH_WORDS = frozenset("""
the of and is are with must not after before while missing expected found unknown error
hint line seam weld welded score passed failed please cannot write wrote none yes
along between above below too than only every each given twice declared needs should
report exercise trainee graded grading results level worse required
""".split())
INDONESIAN_WORDS = frozenset("""
dan yang tidak dari untuk dengan harus belum sudah kampuh las busur nilai baris lulus
kesalahan petunjuk peserta latihan laporan sepanjang cacat tingkat pengaturan sumbu
""".split())
_WORDS = {"id": ENGLISH_WORDS, "en": INDONESIAN_WORDS}
_OTHER = {"id": "en", "en": "id"}

_QUOTED = re.compile(r"'[^']*'|\"[^\"]*\"")
# An option name (--trainee, -h) is syntax, the same in every language, like quoted text.
_OPTION = re.compile(r"(?<![\w-])--?[A-Za-z][\w-]*")
_WORD = re.compile(r"[A-Za-z][\w'.-]*")  # identifiers (WELDSIM_LANG, results.csv) are one word


def _words(text: str) -> list[str]:
    return [w.rstrip(".") for w in _WORD.findall(text)]


@functools.cache
def foreign_fragments(lang: str) -> tuple[str, ...]:
    """Runs of 2+ words (8+ letters) of the other language's catalogue that no text of
    ``lang`` contains: if one turns up in a ``lang`` rendering, the other language leaked."""
    other = catalog(_OTHER[lang])
    mine = catalog(lang)
    mine_text = "\n".join(mine.values()).lower()
    found = set()
    for key, text in other.items():
        if mine.get(key) == text:
            continue  # the same in both languages (a unit, a name, a kept term)
        for lit, _, _, _ in string.Formatter().parse(_QUOTED.sub(" ", text)):
            # < > | split too: they mark syntax (USER<n>, ./<JOBNAME>.job, id|en), the same
            # in both languages, not a run of prose
            for part in re.split(r"[:;,()\[\]!?/=–+\n<>|]|\.(?!\w)|\s{2,}", lit):
                words = _words(part)
                if len(words) < 2:
                    continue
                phrase = " ".join(words)
                if sum(len(w) for w in words) >= 8 and phrase.lower() not in mine_text:
                    found.add(phrase)
    return tuple(sorted(found, key=len, reverse=True))


def english_fragments() -> tuple[str, ...]:
    """:func:`foreign_fragments` of Indonesian: English that Indonesian never uses."""
    return foreign_fragments("id")


def foreign_in(text: str, lang: str) -> list[str]:
    """The other language found in ``text``, a rendering in ``lang``: catalogue fragments and
    words, as whole words. Quoted text (what the trainee typed) and option names (--trainee)
    are left out."""
    plain = _OPTION.sub(" ", _QUOTED.sub(" ", text))
    words_only = " ".join(_words(plain))
    hits = _fragment_re(lang).findall(words_only)
    hits += sorted({w for w in _words(plain) if w.lower() in _WORDS[lang]})
    return hits


@functools.cache
def _fragment_re(lang: str) -> re.Pattern:
    """One pattern for every fragment of :func:`foreign_fragments` (longest first), as whole
    words: one search a text instead of one a fragment."""
    alternatives = "|".join(re.escape(f) for f in foreign_fragments(lang))
    return re.compile(r"(?<![\w-])(?:" + (alternatives or r"(?!x)x") + r")(?![\w-])")


def english_in(text: str) -> list[str]:
    """English found in an Indonesian text."""
    return foreign_in(text, "id")


def visible_text(page: str) -> str:
    """The text a reader sees on an HTML page (SVG labels and tooltips included), one piece a
    line, unescaped."""
    page = re.sub(r"<(style|script)\b.*?</\1>", " ", page, flags=re.S)
    page = re.sub(r"<head>.*?</head>", " ", page, flags=re.S)
    pieces = [html.unescape(p).strip() for p in re.split(r"<[^>]*>", page)]
    return "\n".join(p for p in pieces if p)
