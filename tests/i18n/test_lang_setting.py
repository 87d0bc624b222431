"""One language setting: --lang > WELDSIM_LANG > the saved choice ('weldsim config lang') >
Indonesian, in this process and in a new console."""

from __future__ import annotations

import os
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

from weldsim.cli import main, usage_error_text
from weldsim.errors import WeldsimError
from weldsim.i18n import config_path, resolve_lang, save_lang, saved_lang

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def config_home(tmp_path, monkeypatch):
    """An empty user config folder and no WELDSIM_LANG."""
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path))
    monkeypatch.setenv("APPDATA", str(tmp_path))
    monkeypatch.delenv("WELDSIM_LANG", raising=False)
    assert str(config_path()).startswith(str(tmp_path))
    return tmp_path


def _weldsim(args: list[str], home: Path, lang_env: str | None) -> subprocess.CompletedProcess:
    """``python -m weldsim ARGS`` in a new process (a new console) with its own settings."""
    env = {**os.environ, "XDG_CONFIG_HOME": str(home), "APPDATA": str(home),
           "PYTHONIOENCODING": "utf-8"}
    env.pop("WELDSIM_LANG", None)
    if lang_env is not None:
        env["WELDSIM_LANG"] = lang_env
    return subprocess.run([sys.executable, "-m", "weldsim", *args], cwd=ROOT, env=env,
                          capture_output=True, text=True, encoding="utf-8", timeout=300)


def test_saved_choice_works_across_a_new_console(tmp_path):
    bad = ["robot", "--samples", "0"]  # a user's mistake, refused before any work
    first = _weldsim(bad, tmp_path, None)
    assert first.returncode == 2
    assert first.stderr == "weldsim: kesalahan: --samples harus dari 1 sampai 10000000\n"
    saved = _weldsim(["config", "lang", "en"], tmp_path, None)
    assert saved.returncode == 0, saved.stderr
    assert saved.stdout.startswith("language saved: English (en) in ")
    settings = next(tmp_path.rglob("config.toml"))
    assert tomllib.loads(settings.read_text(encoding="utf-8")) == {"lang": "en"}
    again = _weldsim(bad, tmp_path, None)  # a new process reads the saved choice
    assert again.stderr == "weldsim: error: --samples must be from 1 to 10000000\n"
    env = _weldsim(bad, tmp_path, "id")  # WELDSIM_LANG beats the saved choice
    assert env.stderr.startswith("weldsim: kesalahan: --samples harus")
    flag = _weldsim([*bad, "--lang", "en"], tmp_path, "id")  # --lang beats both
    assert flag.stderr.startswith("weldsim: error: --samples must be")
    shown = _weldsim(["config"], tmp_path, "id")
    assert "bahasa yang disimpan: en" in shown.stdout
    assert "WELDSIM_LANG: id" in shown.stdout
    assert "bahasa yang dipakai: bahasa Indonesia (id)" in shown.stdout


def test_order_of_the_settings(config_home, monkeypatch):
    assert resolve_lang() == "id"  # nothing chosen: Indonesian
    save_lang("en")
    assert saved_lang() == "en" and resolve_lang() == "en"
    monkeypatch.setenv("WELDSIM_LANG", "id")
    assert resolve_lang() == "id" and resolve_lang("en") == "en"
    monkeypatch.setenv("WELDSIM_LANG", "xx")  # not a language: ignored
    assert resolve_lang() == "en"


def test_config_command(config_home, capsys):
    assert main(["config", "lang", "id"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("bahasa disimpan: bahasa Indonesia (id) di ")
    assert main(["config", "lang"]) == 0
    assert capsys.readouterr().out == "id\n"
    assert main(["config", "lang", "fr"]) == 2
    assert capsys.readouterr().err == ("weldsim: kesalahan: 'fr' bukan bahasa yang tersedia: "
                                       "pilih id, en\n")
    assert main(["config", "colour", "red", "--lang", "en"]) == 2
    assert "unknown setting 'colour' (settings: lang)" in capsys.readouterr().err
    assert saved_lang() == "id"


def test_saving_keeps_other_settings_and_comments(config_home):
    path = config_path()
    path.parent.mkdir(parents=True)
    path.write_text('# my settings\nlang = "id"  # was id\ntheme = "dark"\n\n[pendant]\n'
                    'lang = "kept"\n', encoding="utf-8")
    save_lang("en")
    text = path.read_text(encoding="utf-8")
    assert text == '# my settings\nlang = "en"\ntheme = "dark"\n\n[pendant]\nlang = "kept"\n'
    path.write_text('theme = "dark"\n', encoding="utf-8")
    save_lang("id")
    assert tomllib.loads(path.read_text(encoding="utf-8")) == {"lang": "id", "theme": "dark"}
    assert sorted(p.name for p in path.parent.iterdir()) == ["config.toml"]  # no temp files


def test_a_broken_settings_file_is_left_alone(config_home, capsys):
    path = config_path()
    path.parent.mkdir(parents=True)
    path.write_text("lang = \n[[[", encoding="utf-8")
    assert saved_lang() is None and resolve_lang() == "id"  # never stops a command
    with pytest.raises(WeldsimError) as info:
        save_lang("en")
    assert "not valid TOML" in str(info.value)
    assert "bukan TOML yang benar" in info.value.text("id")
    assert path.read_text(encoding="utf-8") == "lang = \n[[["
    with pytest.raises(ValueError):
        save_lang("fr")


def test_argparse_errors_speak_the_language(config_home, capsys):
    assert main(["grade", "--lang", "id"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("cara pakai: weldsim grade")
    assert "weldsim: kesalahan: argumen berikut wajib diisi: SCENARIO, FOLDER, --out" in err
    assert main(["grade", "--lang=en"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("usage: weldsim grade")
    assert "weldsim: error: the following arguments are required: SCENARIO" in err
    assert main(["robot", "--samples", "many"]) == 2  # no --lang, nothing saved: Indonesian
    assert "argumen --samples: nilai int tidak sah: 'many'" in capsys.readouterr().err
    assert usage_error_text("something argparse may say one day", "id") == (
        "something argparse may say one day")
