"""The words of the imperfections live in the catalogue (weld.po, both languages)."""

from __future__ import annotations

from pathlib import Path

import pytest
from babel.messages.pofile import read_po
from weld_cases import run, steady, wps

from weldsim.i18n import LANGUAGES, Message, catalog, placeholders, render
from weldsim.weld import CAUSES, KINDS
from weldsim.weld.messages import cause_and_fix, message_params, title

LOCALE = Path(__file__).resolve().parents[2] / "weldsim" / "locale"


def _po(lang):
    with (LOCALE / lang / "LC_MESSAGES" / "weld.po").open("rb") as f:
        return {m.id: m.string for m in read_po(f) if m.id}


def test_weld_po_has_every_key_in_both_languages_with_the_same_placeholders():
    keys = {f"imperfection.{k}.title" for k in KINDS}
    keys |= {f"imperfection.{k}.{part}.{c}" for k in KINDS for c in CAUSES[k]
             for part in ("cause", "fix")}
    tables = {lang: _po(lang) for lang in LANGUAGES}
    for lang, table in tables.items():
        assert set(table) == keys, lang
        assert all(text.strip() for text in table.values())
    for key in keys:
        assert placeholders(tables["id"][key]) == placeholders(tables["en"][key]), key
    assert tables["id"] != tables["en"]


def test_no_prose_in_the_weld_layer():
    weld = Path(__file__).resolve().parents[2] / "weldsim" / "weld"
    assert not (weld / "texts.py").exists()
    for path in weld.glob("*.py"):
        assert "lang:" not in path.read_text(encoding="utf-8"), path  # no lang argument


@pytest.mark.parametrize("cond, samples", [
    (wps(current_a=340.0, voltage_v=34.0), None),
    (wps(speed_mm_s=25.0 / 6.0), steady(speed_mm_s=25.0 / 6.0)),
    (wps(voltage_v=22.0, gas_flow_l_min=3.0), None),
    (wps(crater_time_s=0.0), steady(travel_angle_deg=-25.0, ctwd_mm=26.0)),
])
def test_every_message_renders_with_the_values(cond, samples):
    _, imps = run(cond, samples=samples or steady(speed_mm_s=cond.speed_mm_s))
    assert imps
    for imp in imps:
        params = message_params(imp)
        for msg in (title(imp.type), *cause_and_fix(imp)):
            assert isinstance(msg, Message)
            for lang in LANGUAGES:
                assert placeholders(catalog(lang)[msg.key]) <= set(params) | {"size"}
                text = render(msg, lang)
                assert "{" not in text and text.strip()


def test_fix_names_the_value_written_and_the_value_wanted():
    _, imps = run(wps(voltage_v=22.0))
    cx = next(i for i in imps if i.type == "excess_convexity")
    _, fix = cause_and_fix(cx)
    assert render(fix, "en") == "raise the voltage from 22.0 V to about 27.5 V"
    assert render(fix, "id") == "naikkan tegangan dari 22,0 V ke sekitar 27,5 V"
