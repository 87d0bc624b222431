"""The report's texts, read from the catalogue (``report.po``, keys ``report.<name>``).

The fixed texts of the HTML report, the class page, the plots and the console summary live in
``weldsim/locale/<lang>/LC_MESSAGES/report.po``; numbers are written with the language's
decimal mark (:func:`weldsim.i18n.format_number`). The texts of findings, imperfections and
events come from the weld and scoring models as :class:`weldsim.i18n.Message` and are rendered
by :func:`model_text`.
"""

from __future__ import annotations

from weldsim.i18n import LANGUAGES, Message, catalog, check_lang, format_number, render, tr

__all__ = ["LANGUAGES", "PREFIX", "check_lang", "label", "mode_name", "model_text", "num",
           "text"]

PREFIX = "report."
"""Every report key starts with this."""


def text(lang: str, key: str, **fields) -> str:
    """The report text ``key`` (without :data:`PREFIX`) in ``lang``, fields filled.

    Raises
    ------
    KeyError
        No such key (a programming error, never a user's; the catalogue tests catch it).
    """
    return tr(PREFIX + key, lang, **fields)


def label(lang: str, prefix: str, name: str) -> str:
    """The text of ``prefix + name`` (``crit_``, ``imp_``, ``ev_``...); the name itself, with
    spaces, for one the catalogue lacks (a criterion or event kind newer than the
    catalogue)."""
    key = f"{PREFIX}{prefix}{name}"
    table = catalog(check_lang(lang))
    return table[key] if key in table else name.replace("_", " ")


def num(value: float | None, digits: int, lang: str) -> str:
    """``value`` with ``digits`` decimals and the language's decimal mark; "–" for None/NaN."""
    return format_number(value, digits, check_lang(lang))


def model_text(value: Message | str | None, lang: str) -> str:
    """A text from the models (a finding's what/cause/fix, an imperfection's cause, an
    event's detail) in ``lang``.

    The one adapter between the models' texts and the report: a :class:`Message` is rendered
    in ``lang``; a plain string (the English the models wrote before they built messages) is
    shown as it is. Once every model builds messages this becomes ``render(value, lang)``.
    """
    if isinstance(value, Message):
        return render(value, lang)
    return "" if value is None else str(value)


def mode_name(mode: str | None, lang: str) -> str:
    """The name of an attempt's mode (``practice``, ``exam``) in ``lang``, capitalised as a
    value in a table ("Practice", "Latihan"); practice when none is recorded."""
    return tr("modes.name.exam" if mode == "exam" else "modes.name.practice", lang)
