"""Every message key the scoring builds is in both catalogues (findings.po, id and en) with the
same placeholders; the scoring layer holds no prose and no language."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from weldsim.i18n import catalog, placeholders
from weldsim.weld import KINDS

SCORING = Path(__file__).resolve().parents[2] / "weldsim" / "scoring"


def _literal_keys() -> set[str]:
    keys = set()
    for path in SCORING.glob("*.py"):
        text = path.read_text(encoding="utf-8")
        keys |= set(re.findall(r'(?<![{\w])"(finding\.[a-z_.]+[a-z_])"', text))
    return keys


def _template_keys() -> set[str]:
    keys = set()
    for name in ("current", "voltage", "wire_feed", "gas_flow"):
        keys.add(f"finding.setup.{name}.what")
    for name in ("current", "voltage", "wire_feed", "gas_flow", "speed", "heat_input"):
        keys |= {f"finding.setup.{name}.cause.high", f"finding.setup.{name}.cause.low"}
    for name in ("aim", "work_angle", "travel_angle", "ctwd", "travel_speed", "weave"):
        keys.add(f"finding.technique.{name}.cause")
    keys |= {"finding.technique.ctwd.fix.long", "finding.technique.ctwd.fix.short"}
    for name in ("work_angle", "travel_angle"):
        keys |= {f"finding.technique.{name}.what", f"finding.technique.{name}.fix.high",
                 f"finding.technique.{name}.fix.low"}
    keys |= {f"finding.side.{s}" for s in ("lower", "upper", "across", "below")}
    keys |= {f"finding.level.{lv}" for lv in ("B", "C", "D", "none")}
    for kind in KINDS:
        keys |= {f"finding.kind.{kind}", f"finding.defect.{kind}.cause",
                 f"finding.defect.{kind}.fix"}
    # every imperfection kind the weld model has, but those measured by their own key
    for kind in set(KINDS) - {"insufficient_throat", "excess_throat", "leg_asymmetry",
                              "incomplete_weld"}:
        keys.add(f"finding.measure.{kind}")
    for gate in ("collision", "burn_through", "lack_of_fusion", "crack_risk", "targets_missed"):
        keys |= {f"finding.gate.{gate}.cause", f"finding.gate.{gate}.fix"}
    for name in ("weave_amplitude", "weave_frequency"):
        keys |= {f"finding.req.{name}.what", f"finding.req.{name}.cause"}
    return keys


KEYS = sorted(_literal_keys() | _template_keys())


def test_the_scan_finds_the_keys():
    assert len(_literal_keys()) > 40 and "finding.req.past_end.what" in KEYS


@pytest.mark.parametrize("key", KEYS)
def test_key_in_both_languages_with_the_same_placeholders(key):
    en, id_ = catalog("en").get(key), catalog("id").get(key)
    assert en and id_, key
    assert placeholders(en) == placeholders(id_), key


def test_scoring_has_no_language_argument():
    for path in SCORING.glob("*.py"):
        text = path.read_text(encoding="utf-8")
        assert not re.search(r"\blang\b", text), path.name
