"""Languages of the pendant: gettext catalogs read with Babel.

The source of every visible string is ``weldsim/pendant/locale/<lang>/LC_MESSAGES/weldsim.po``
(``id`` Indonesian, ``en`` English). Message ids are keys (``alarm.joint_limit``), the
translations carry ``{placeholders}`` filled with :meth:`str.format`. The ``.po`` files are
read at start-up with :func:`babel.messages.pofile.read_po` (no compile step, so a teacher can
fix a word in a text editor and restart); ``python -m weldsim.pendant.i18n`` compiles ``.mo``
files beside them for other gettext tools.
"""

from __future__ import annotations

import functools
from pathlib import Path

__all__ = ["LANGUAGES", "LOCALE_DIR", "Translator", "catalog"]

LOCALE_DIR = Path(__file__).with_name("locale")
"""Folder of the catalogs."""

LANGUAGES: tuple[str, ...] = ("id", "en")
"""The pendant's languages: Indonesian (default at training centres) and English."""


@functools.cache
def catalog(lang: str) -> dict[str, str]:
    """The messages of one language: key -> text (untranslated entries left out)."""
    from babel.messages.pofile import read_po

    if lang not in LANGUAGES:
        raise ValueError(f"language must be one of {', '.join(LANGUAGES)}, got {lang!r}")
    path = LOCALE_DIR / lang / "LC_MESSAGES" / "weldsim.po"
    with path.open("rb") as fh:
        cat = read_po(fh, locale=lang)
    return {str(m.id): str(m.string) for m in cat if m.id and m.string}


class Translator:
    """Turns message keys into text in the current language; switch with :attr:`lang`.

    A key missing from the catalog shows as the key itself (and the catalog test fails).
    """

    def __init__(self, lang: str = "id"):
        self.lang = lang

    @property
    def lang(self) -> str:
        """``"id"`` or ``"en"``."""
        return self._lang

    @lang.setter
    def lang(self, value: str) -> None:
        catalog(value)
        self._lang = value

    def __call__(self, key: str, **args) -> str:
        text = catalog(self._lang).get(key, key)
        return text.format(**args) if args else text


def _compile() -> None:  # pragma: no cover - a maintenance command
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    for lang in LANGUAGES:
        folder = LOCALE_DIR / lang / "LC_MESSAGES"
        with (folder / "weldsim.po").open("rb") as fh:
            cat = read_po(fh, locale=lang)
        with (folder / "weldsim.mo").open("wb") as fh:
            write_mo(fh, cat)
        print(folder / "weldsim.mo")


if __name__ == "__main__":  # pragma: no cover
    _compile()
