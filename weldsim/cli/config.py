"""``weldsim config``: show the settings; ``weldsim config lang id|en``: save the language.

The saved language is the user's choice for every command and the pendant (``--lang`` and
``WELDSIM_LANG`` still override it); it lives in ``config.toml`` in the user config folder
(:func:`weldsim.i18n.config_path`) and is written atomically by
:func:`weldsim.i18n.save_lang`, the function the pendant's language switch calls too.
"""

from __future__ import annotations

import argparse

from weldsim.errors import WeldsimError
from weldsim.i18n import LANGUAGES, Message, config_path, env_lang, resolve_lang, save_lang, tr
from weldsim.i18n import saved_lang as read_saved_lang

__all__ = ["add_parser", "run"]

SETTINGS = ("lang",)
"""The settings ``weldsim config`` knows."""


def add_parser(sub, lang: str) -> None:
    p = sub.add_parser("config", help=tr("help.config.help", lang),
                       description=tr("help.config.description", lang),
                       epilog=tr("help.config.epilog", lang))
    p.add_argument("setting", metavar="SETTING", nargs="?", help=tr("help.config.setting", lang))
    p.add_argument("value", metavar="VALUE", nargs="?", help=tr("help.config.value", lang))
    p.set_defaults(run=run)


def _language_name(lang: str, in_lang: str) -> str:
    return tr(f"cli.config.lang_{lang}", in_lang)


def run(args: argparse.Namespace) -> int:
    if args.setting is None:
        return _show(args.lang)
    if args.setting not in SETTINGS:
        raise WeldsimError(message=Message.of("cli.config.unknown_setting",
                                              setting=args.setting,
                                              settings=", ".join(SETTINGS)))
    if args.value is None:
        saved = read_saved_lang()
        print(saved if saved is not None else tr("cli.config.not_saved", args.lang))
        return 0
    if args.value not in LANGUAGES:
        raise WeldsimError(message=Message.of("cli.config.bad_lang", value=args.value,
                                              choices=", ".join(LANGUAGES)))
    path = save_lang(args.value)
    lang = resolve_lang(args.lang_given)  # the new choice, unless --lang/WELDSIM_LANG say other
    print(tr("cli.config.saved", lang, language=_language_name(args.value, lang),
             lang=args.value, path=str(path)))
    env = env_lang()
    if env is not None and env != args.value:
        print(tr("cli.config.env_overrides", lang, env=env))
    return 0


def _show(lang: str) -> int:
    saved = read_saved_lang()
    env = env_lang()
    print(tr("cli.config.file", lang, path=str(config_path())))
    print(tr("cli.config.saved_lang", lang,
             value=saved if saved is not None else tr("cli.config.not_saved", lang)))
    if env is not None:
        print(tr("cli.config.env_lang", lang, env=env))
    print(tr("cli.config.in_use", lang, language=_language_name(lang, lang), lang=lang))
    return 0
