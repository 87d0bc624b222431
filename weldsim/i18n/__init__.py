"""Messages as data, one catalogue, numbers written for the language.

Every text a trainee or instructor reads (findings, alarms, job errors, report labels, console
lines, pendant screens) is a :class:`Message`: a catalogue key and typed parameters. The model
and scoring layers build messages and never prose; the front ends (console, report, pendant)
render them with :func:`render` in the reader's language.

The catalogue is gettext ``.po`` files read with Babel, one folder per language
(``weldsim/locale/<lang>/LC_MESSAGES/*.po``), every file of a folder merged into one table. A
domain of messages keeps its own file (``pendant.po``, ``findings.po``, ``alarms.po``, ...) so
that each stays readable; a key may be defined in only one file (:func:`catalog` raises
otherwise). Message ids are keys (``alarm.joint_limit``); translations carry ``{name}``
placeholders filled from the parameters.

Parameters render by type: a :class:`Qty` as a number with its unit and the language's
decimal mark (``27,5 V`` in Indonesian, ``27.5 V`` in English), a float with 1 decimal, an
int as it is, a nested :class:`Message` rendered in the same language, anything else with
``str``.
"""

from __future__ import annotations

import functools
import hashlib
import json
import math
import os
import re
import string
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

__all__ = [
    "DEFAULT_LANG",
    "LANGUAGES",
    "LOCALE_DIR",
    "Message",
    "Qty",
    "catalog",
    "check_lang",
    "config_path",
    "env_lang",
    "format_number",
    "placeholders",
    "render",
    "resolve_lang",
    "save_lang",
    "saved_lang",
    "tr",
]

LOCALE_DIR = Path(__file__).resolve().parent.parent / "locale"
"""Folder of the catalogues: ``<lang>/LC_MESSAGES/*.po``."""

LANGUAGES: tuple[str, ...] = ("id", "en")
"""Indonesian (the default: trainees and SMK students read it) and English."""

DEFAULT_LANG = "id"
"""The language when nothing else chooses one."""

_DECIMAL = {"id": ",", "en": "."}
_THOUSANDS = {"id": ".", "en": ","}


@dataclass(frozen=True, slots=True)
class Qty:
    """A number with its unit, rendered with ``digits`` decimals in the reader's language.

    Attributes
    ----------
    value : float
        In the unit given (``mm``, ``V``, ``A``, ``cm/min``, ``deg`` ...), not SI.
    unit : str
        As printed after the number; ``deg`` prints as ``°`` with no space, ``%`` likewise.
    digits : int
        Decimals.
    """

    value: float
    unit: str = ""
    digits: int = 1


@dataclass(frozen=True, slots=True)
class Message:
    """A text to show: a catalogue key and its parameters.

    Build one with :meth:`of`; it is hashable and compares by value, so findings that carry
    messages stay frozen records.
    """

    key: str
    params: tuple[tuple[str, object], ...] = ()

    @classmethod
    def of(cls, key: str, /, **params: object) -> Message:
        """``Message.of("finding.stopped", line=12, joint=1)`` (``key`` is positional only, so
        a message may have a parameter called ``key``)."""
        return cls(key, tuple(sorted(params.items())))

    @property
    def args(self) -> dict[str, object]:
        """The parameters as a dict."""
        return dict(self.params)

    def to_json(self) -> dict:
        """``{"key": ..., "params": {...}}`` with quantities as ``{"value", "unit"}``.

        Each number is written as the text shows it: a :class:`Qty` rounded to its
        ``digits``, a float to 1 decimal (:func:`render`), so the JSON says ``27.5`` where
        the text says ``27,5 V`` and the same message gives the same bytes. NaN and infinity
        (shown as "–") are ``null``: JSON has no NaN.
        """
        return {"key": self.key, "params": {k: _param_json(v) for k, v in self.params}}


def _shown_number(value: float | int, digits: int) -> float | int | None:
    """``value`` rounded as :func:`format_number` shows it; None when not finite, no
    ``-0.0``; an int stays an int."""
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    value = float(value)
    if not math.isfinite(value):
        return None
    value = round(value, digits)
    return 0.0 if value == 0.0 else value


def _param_json(value: object) -> object:
    if isinstance(value, Qty):
        return {"value": _shown_number(value.value, value.digits), "unit": value.unit}
    if isinstance(value, Message):
        return value.to_json()
    if isinstance(value, tuple | list):
        return [_param_json(v) for v in value]
    if isinstance(value, float):
        return _shown_number(value, 1)
    return value


def check_lang(lang: str) -> str:
    """``lang`` when it is one of :data:`LANGUAGES`.

    Raises
    ------
    ValueError
        Any other language, naming the ones there are.
    """
    if lang not in LANGUAGES:
        raise ValueError(f"language must be one of {', '.join(LANGUAGES)}, got {lang!r}")
    return lang


@functools.cache
def catalog(lang: str) -> Mapping[str, str]:
    """Every message of one language: key -> text (untranslated entries left out).

    The ``.po`` files are read with Babel; the merged table is kept in the user's cache
    folder under the SHA-256 of the files' names and bytes, so a new process loads it in a
    millisecond instead of parsing every file again (about 0.1 s per language) and a changed
    file is read again at once.

    Raises
    ------
    ValueError
        An unknown language.
    RuntimeError
        Two files of the language define the same key (a packaging bug).
    """
    check_lang(lang)
    paths = sorted((LOCALE_DIR / lang / "LC_MESSAGES").glob("*.po"))
    digest = hashlib.sha256()
    for path in paths:
        digest.update(path.name.encode("utf-8") + b"\0" + path.read_bytes() + b"\0")
    cached = _cache_file(lang, digest.hexdigest())
    if cached.is_file():
        try:
            table = json.loads(cached.read_text(encoding="utf-8"))
            if isinstance(table, dict):
                return table
        except (OSError, ValueError):
            pass
    table = _read_catalog(lang, paths)
    from weldsim.atomic import write_atomic
    from weldsim.errors import WeldsimError

    try:
        write_atomic(cached, json.dumps(table, ensure_ascii=False).encode("utf-8"),
                     make_parents=True)
    except (WeldsimError, OSError):  # a cache that cannot be written is only slower
        pass
    return table


def _cache_file(lang: str, digest: str) -> Path:
    """Where the merged table of ``lang`` with this digest is cached."""
    import platformdirs

    folder = Path(platformdirs.user_cache_dir("weldsim", appauthor=False)) / "catalog"
    return folder / f"{lang}-{digest[:32]}.json"


def _read_catalog(lang: str, paths: list[Path]) -> dict[str, str]:
    """The ``.po`` files of ``lang`` read with Babel and merged (see :func:`catalog`)."""
    from babel.messages.pofile import read_po

    table: dict[str, str] = {}
    where: dict[str, str] = {}
    for path in paths:
        with path.open("rb") as fh:
            cat = read_po(fh, locale=lang)
        for m in cat:
            if not m.id or not m.string:
                continue
            key = str(m.id)
            if key in table:
                raise RuntimeError(f"message {key!r} is in both {where[key]} and {path.name}")
            table[key] = str(m.string)
            where[key] = path.name
    return table


def format_number(value: float, digits: int, lang: str) -> str:
    """``value`` with ``digits`` decimals and the language's decimal mark; "–" for NaN/inf.

    Thousands are grouped (``12.500`` in Indonesian, ``12,500`` in English) from 10,000 up, so
    years, line numbers and small values read as they are typed.
    """
    if value is None or not math.isfinite(value):
        return "–"
    s = f"{value:.{digits}f}"
    if s.startswith("-") and float(s) == 0.0:
        s = s[1:]  # no "-0.0"
    sign = "-" if s.startswith("-") else ""
    whole, _, frac = s.lstrip("-").partition(".")
    if len(whole) > 4:
        groups = []
        while whole:
            groups.append(whole[-3:])
            whole = whole[:-3]
        whole = _THOUSANDS[lang].join(reversed(groups))
    return sign + whole + (_DECIMAL[lang] + frac if frac else "")


def _render_param(value: object, lang: str) -> str:
    if isinstance(value, Message):
        return render(value, lang)
    if isinstance(value, Qty):
        number = format_number(value.value, value.digits, lang)
        if value.unit in ("deg", "°"):
            return number + "°"
        if value.unit == "%":
            return number + " %"
        return f"{number} {value.unit}" if value.unit else number
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, float):
        return format_number(value, 1, lang)
    if isinstance(value, tuple | list):
        return ", ".join(_render_param(v, lang) for v in value)
    return str(value)


def tr(key: str, lang: str, /, **params: object) -> str:
    """The text of ``key`` in ``lang`` with its parameters rendered.

    Raises
    ------
    KeyError
        The key is not in the catalogue (a programming error; the catalogue tests catch it).
    """
    text = catalog(check_lang(lang))[key]
    if not params:
        return text
    return text.format(**{k: _render_param(v, lang) for k, v in params.items()})


def render(message: Message, lang: str) -> str:
    """A :class:`Message` as text in ``lang``."""
    return tr(message.key, lang, **message.args)


def placeholders(text: str) -> set[str]:
    """The ``{name}`` fields of a catalogue text."""
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def env_lang() -> str | None:
    """``WELDSIM_LANG`` when it names a language, else None."""
    value = os.environ.get("WELDSIM_LANG", "").strip().lower()
    return value if value in LANGUAGES else None


def config_path() -> Path:
    """The user's weldsim settings file (``config.toml`` in the user config folder)."""
    import platformdirs

    return Path(platformdirs.user_config_dir("weldsim", appauthor=False)) / "config.toml"


def saved_lang() -> str | None:
    """The language saved in the user's settings (``lang = "id"``), None when none is saved.

    A missing, unreadable or malformed settings file counts as no choice: the settings never
    stop a command from running.
    """
    import tomllib

    try:
        with config_path().open("rb") as fh:
            value = tomllib.load(fh).get("lang")
    except (OSError, tomllib.TOMLDecodeError, UnicodeDecodeError):
        return None
    return value if isinstance(value, str) and value in LANGUAGES else None


_LANG_LINE = re.compile(r"^[ \t]*lang[ \t]*=.*$", re.M)


def save_lang(lang: str) -> Path:
    """Save ``lang`` as the user's choice (``lang = "id"`` in :func:`config_path`).

    The file is replaced atomically (a reader never sees half of it); its other settings and
    comments are kept. The pendant's language switch and ``weldsim config lang`` call this.

    Returns
    -------
    pathlib.Path
        The settings file written.

    Raises
    ------
    ValueError
        An unknown language.
    weldsim.errors.WeldsimError
        The settings file exists but is not valid TOML (it is left alone: the message says
        to fix or delete it), or it cannot be written.
    """
    import tomllib

    from weldsim.atomic import write_atomic
    from weldsim.errors import WeldsimError

    check_lang(lang)
    path = config_path()
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        text = ""
    except (OSError, UnicodeDecodeError) as exc:
        raise WeldsimError(f"{path}: cannot read the settings: {exc}",
                           message=Message.of("cli.config.unreadable", path=str(path))) from None
    try:
        tomllib.loads(text)
    except tomllib.TOMLDecodeError:
        raise WeldsimError(f"{path}: the settings file is not valid TOML; fix or delete it",
                           message=Message.of("cli.config.malformed", path=str(path))) from None
    line = f'lang = "{lang}"'
    first_table = re.search(r"^[ \t]*\[", text, re.M)
    head_end = first_table.start() if first_table else len(text)
    head, tail = text[:head_end], text[head_end:]
    if _LANG_LINE.search(head):
        head = _LANG_LINE.sub(line, head, count=1)
    else:
        head = line + "\n" + head
    write_atomic(path, (head + tail).encode("utf-8"), make_parents=True)
    return path


def resolve_lang(explicit: str | None = None) -> str:
    """The language to speak: ``explicit`` (``--lang``) > ``WELDSIM_LANG`` > the saved choice
    > :data:`DEFAULT_LANG` (Indonesian)."""
    if explicit is not None:
        return check_lang(explicit)
    return env_lang() or saved_lang() or DEFAULT_LANG
