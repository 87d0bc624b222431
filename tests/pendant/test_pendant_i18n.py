"""Every message of the pendant exists in Indonesian and English, with the same
placeholders, and every key the code uses is in the catalogs."""

from __future__ import annotations

import re
import string
from pathlib import Path

import pytest

import weldsim.pendant as pendant_pkg
from weldsim.pendant.actions import SOFT_KEYS
from weldsim.pendant.forms import FORMS
from weldsim.pendant.i18n import LANGUAGES, Translator, catalog
from weldsim.pendant.state import SPEED_LEVELS

KEY_RE = re.compile(
    r"""["']((?:alarm|info|ui|key|speed|field|crit|word|file|hint)\.[A-Za-z_]+)["']""")
CRITERIA = ("aim", "ctwd", "travel_speed", "work_angle", "travel_angle", "bead", "setup",
            "targets", "order", "cycle_time")


def used_keys() -> set[str]:
    folder = Path(pendant_pkg.__file__).parent
    keys = set()
    for path in folder.glob("*.py"):
        if path.name == "view3d.py":
            continue
        keys.update(KEY_RE.findall(path.read_text(encoding="utf-8")))
    keys.update(f"speed.{lvl.name}" for lvl in SPEED_LEVELS)
    keys.update(f"field.{f.name}" for fields in FORMS.values() for f in fields)
    keys.update(f"ui.form_{kind}" for kind in (*FORMS, "SPEED", "LINESPEED", "DELAY"))
    keys.update(label for _, label, _ in SOFT_KEYS)
    keys.update(f"crit.{name}" for name in CRITERIA)
    return keys


def placeholders(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def test_both_languages_have_the_same_keys():
    assert set(catalog("id")) == set(catalog("en"))
    assert len(catalog("en")) > 100


@pytest.mark.parametrize("key", sorted(used_keys()))
def test_every_key_used_is_translated(key):
    for lang in LANGUAGES:
        assert key in catalog(lang), f"{key} missing in {lang}"
        assert catalog(lang)[key].strip()


@pytest.mark.parametrize("key", sorted(catalog("en")))
def test_placeholders_match(key):
    assert placeholders(catalog("id")[key]) == placeholders(catalog("en")[key])


def test_switching_language_at_run_time():
    tr = Translator("en")
    assert tr("ui.passed") == "PASSED"
    tr.lang = "id"
    assert tr("ui.passed") == "LULUS"
    from weldsim.i18n import Qty

    text = tr("alarm.joint_limit", joint=2, side="+", limit=Qty(205.0, "deg", 1),
              value=Qty(205.3, "deg", 1))
    assert text.startswith("J2") and "205,0°" in text and "205,3°" in text
    with pytest.raises(ValueError):
        tr.lang = "fr"
