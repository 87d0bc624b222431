"""The pendant's remembered settings: the language chosen with Ctrl+L is kept for the next
start (in weldsim's one settings file, through :mod:`weldsim.i18n`)."""

from __future__ import annotations

import re

__all__ = ["remember_lang"]

_LANG_LINE = re.compile(r"^lang\s*=.*$", re.M)


def remember_lang(lang: str) -> bool:
    """Keep ``lang`` as the saved language choice; False when it cannot be written (the
    pendant then goes on in that language for this session only).

    Uses ``weldsim.i18n.save_lang`` when there is one; otherwise writes ``lang = "<lang>"``
    at the top level of ``weldsim.i18n.config_path()``, keeping every other line.
    """
    from weldsim import i18n
    from weldsim.errors import WeldsimError

    i18n.check_lang(lang)
    save = getattr(i18n, "save_lang", None)
    try:
        if save is not None:
            save(lang)
            return True
        from weldsim.pendant.files import save_text

        path = i18n.config_path()
        try:
            text = path.read_text(encoding="utf-8")
        except FileNotFoundError:
            text = ""
        line = f'lang = "{lang}"'
        head, sep, tail = text.partition("\n[")       # top-level keys come before any table
        if _LANG_LINE.search(head):
            head = _LANG_LINE.sub(line, head, count=1)
        else:
            head = line + ("\n" + head if head else "\n")
        save_text(path, head + sep + tail)
        return True
    except (OSError, WeldsimError, UnicodeDecodeError):
        return False
