"""Every ``--help`` speaks the user's language: the top level, each command and each
sub-command (found in the parser, not listed here), in Indonesian and in English; argparse's
own words ("usage", "options", "show this help message and exit") too."""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "i18n"))
from english_check import foreign_in

from weldsim.cli import build_parser, main
from weldsim.cli.plan import CSV_COLUMNS
from weldsim.i18n import LANGUAGES


def _parsers(parser: argparse.ArgumentParser, path: tuple[str, ...] = ()):
    """(command path, parser) for the parser and every sub-command's parser, depth first."""
    yield path, parser
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for name, sub in action.choices.items():
                yield from _parsers(sub, (*path, name))


COMMANDS = [path for path, _ in _parsers(build_parser("en"))]


def _syntax_words(parser: argparse.ArgumentParser) -> set[str]:
    """The metavars and choices the help shows (REPORT, FILE, {list,show}): syntax, the same
    in every language. They are left out of the check because some are English words the
    checker knows (``weldsim verify REPORT``: "report"); option names it leaves out itself."""
    words = set()
    for action in parser._actions:
        metavar = action.metavar
        if isinstance(metavar, str):
            words.add(metavar)
        elif isinstance(metavar, tuple):
            words.update(metavar)
        elif not action.option_strings and action.choices is None:
            words.add(action.dest)
        if action.choices is not None:
            words.update(str(c) for c in action.choices)
    return words


def _help(capsys, monkeypatch, lang: str, path: tuple[str, ...]) -> str:
    monkeypatch.setenv("WELDSIM_LANG", lang)
    monkeypatch.setenv("COLUMNS", "80")
    assert main([*path, "--help"]) == 0
    out, err = capsys.readouterr()
    assert out.strip() and not err
    return out


def test_the_commands_are_found():
    assert {(), ("check",), ("grade",), ("badge",), ("badge", "issue"),
            ("badge", "verify"), ("config",), ("demo",)} <= set(COMMANDS)


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("path", COMMANDS, ids=lambda p: " ".join(p) or "weldsim")
def test_help_is_in_the_language(capsys, monkeypatch, lang, path):
    text = _help(capsys, monkeypatch, lang, path)
    parser = dict(_parsers(build_parser(lang)))[path]
    syntax = _syntax_words(parser)
    if path == ("plan",):
        # the CSV's column names (t_s ... weave_phase, line): machine fields, English in
        # every language like those of results.csv (docs/glossary.md), and "line" is a word
        # the checker knows
        syntax |= set(CSV_COLUMNS)
    plain = re.sub(r"(?<![\w-])(?:" + "|".join(map(re.escape, sorted(syntax, key=len,
                                                                   reverse=True)))
                   + r")(?![\w-])", " ", text) if syntax else text
    assert foreign_in(plain, lang) == [], text
    usage, options, show_help = {
        "id": ("cara pakai: ", "\nopsi:\n", "tampilkan bantuan ini lalu keluar"),
        "en": ("usage: ", "\noptions:\n", "show this help message and exit"),
    }[lang]
    assert text.startswith(usage + "weldsim") and options in text and show_help in text


def test_argparse_words_are_not_english_in_indonesian(capsys, monkeypatch):
    text = _help(capsys, monkeypatch, "id", ())
    for english in ("usage:", "positional arguments", "options:", "show this help message",
                    "show program's version number"):
        assert english not in text
    assert "argumen posisional:" in text and "nomor versi" in text


def test_lang_option_chooses_the_help_language(capsys, monkeypatch):
    monkeypatch.setenv("WELDSIM_LANG", "en")
    assert main(["check", "--help", "--lang", "id"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("cara pakai: weldsim check") and "berkas .job" in out
    assert main(["badge", "issue", "--lang=id", "--help"]) == 0
    assert "kunci privat instruktur" in capsys.readouterr().out


def _texts(parser: argparse.ArgumentParser):
    """Every help text of a parser tree, in walking order: descriptions, epilogs, argument
    and sub-command help."""
    for _, p in _parsers(parser):
        yield p.description
        yield p.epilog
        for action in p._actions:
            yield action.help
            for choice in getattr(action, "_choices_actions", ()):
                yield choice.help


def test_every_help_text_comes_from_the_catalogue():
    """Built in each language, the parsers differ in every text but the --format list (the
    formats' product names, the same in both): no English literal is left in the code."""
    en, idn = list(_texts(build_parser("en"))), list(_texts(build_parser("id")))
    assert len(en) == len(idn)
    same = {a for a, b in zip(en, idn, strict=True) if a == b and a is not None}
    assert same == {"fanuc: FANUC TP ASCII (.LS); inform: Yaskawa INFORM (.JBI)"}


def test_a_bad_size_is_said_in_the_language(capsys, monkeypatch):
    monkeypatch.setenv("WELDSIM_LANG", "id")
    assert main(["pendant", "--size", "10x10"]) == 2
    assert "argumen --size: jendela paling kecil 800x600" in capsys.readouterr().err
    assert main(["pendant", "--size", "abc", "--lang", "en"]) == 2
    assert "argument --size: size must be WIDTHxHEIGHT, got 'abc'" in capsys.readouterr().err


def test_a_value_given_to_a_flag_is_refused_in_the_language(capsys, monkeypatch):
    monkeypatch.setenv("WELDSIM_LANG", "id")
    assert main(["run", "--exam=1", "a", "b"]) == 2
    assert "argumen --exam: tidak menerima nilai ('1')" in capsys.readouterr().err
