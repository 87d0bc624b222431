"""Languages of the pendant: gettext catalogs read with Babel.

The pendant reads weldsim's one catalogue (:mod:`weldsim.i18n`); its own screens' texts are
in ``weldsim/locale/<lang>/LC_MESSAGES/pendant.po`` (``id`` Indonesian, ``en`` English).
Message ids are keys (``alarm.joint_limit``), the translations carry ``{placeholders}``
filled with :meth:`str.format`. The ``.po`` files are read at start-up with
:func:`babel.messages.pofile.read_po` (no compile step, so a teacher can fix a word in a text
editor and restart); ``python -m weldsim.pendant.i18n`` compiles ``.mo`` files beside them for
other gettext tools.
"""

from __future__ import annotations

from weldsim.i18n import LANGUAGES, LOCALE_DIR, Message, catalog, render, tr

__all__ = ["LANGUAGES", "LOCALE_DIR", "Translator", "catalog"]


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
        if key not in catalog(self._lang):
            return key
        return tr(key, self._lang, **args)

    def render(self, message: Message) -> str:
        """A :class:`~weldsim.i18n.Message` in the current language."""
        return render(message, self._lang)


def _compile() -> None:  # pragma: no cover - a maintenance command
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    for lang in LANGUAGES:
        for po in sorted((LOCALE_DIR / lang / "LC_MESSAGES").glob("*.po")):
            with po.open("rb") as fh:
                cat = read_po(fh, locale=lang)
            with po.with_suffix(".mo").open("wb") as fh:
                write_mo(fh, cat)
            print(po.with_suffix(".mo"))


if __name__ == "__main__":  # pragma: no cover
    _compile()
