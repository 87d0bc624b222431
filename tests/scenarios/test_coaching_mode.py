"""``[coaching] mode``: practice (the default) or exam, read strictly; an exam cannot be
downgraded by a flag (:func:`weldsim.scenarios.spec.attempt_mode`)."""

from __future__ import annotations

from pathlib import Path

import pytest

from weldsim.errors import InvalidInputError, ModelFileError
from weldsim.scenarios.loader import SCENARIOS_DIR, bundled_scenario_ids, load_scenario
from weldsim.scenarios.spec import EXAM, PRACTICE, attempt_mode


def exam_variant(tmp_path: Path, sid: str = "t-fillet-2f", table: str = 'mode = "exam"') -> Path:
    """The bundled scenario ``sid`` with a ``[coaching]`` table appended, beside its job."""
    text = (SCENARIOS_DIR / f"{sid}.toml").read_text(encoding="utf-8")
    path = tmp_path / f"{sid}.toml"
    path.write_text(text.rstrip("\n") + f"\n\n[coaching]\n{table}\n", encoding="utf-8")
    return path


@pytest.mark.parametrize("sid", bundled_scenario_ids())
def test_bundled_scenarios_are_practice(sid):
    assert load_scenario(sid).coaching_mode == PRACTICE


@pytest.mark.parametrize(("table", "mode"), [('mode = "exam"', EXAM),
                                             ('mode = "practice"', PRACTICE),
                                             ("", PRACTICE)])
def test_the_coaching_table_sets_the_mode(tmp_path, table, mode):
    assert load_scenario(exam_variant(tmp_path, table=table)).coaching_mode == mode


@pytest.mark.parametrize(("table", "key", "needle"), [
    ('mode = "exams"', "coaching.mode", "'exams' is not one of practice, exam"),
    ("mode = 1", "coaching.mode", "must be a non-empty string"),
    ('mode = "exam"\ngauges = false', "coaching.gauges", "unknown key 'coaching.gauges'"),
])
def test_a_bad_coaching_table_is_located(tmp_path, table, key, needle):
    path = exam_variant(tmp_path, table=table)
    lines = path.read_text(encoding="utf-8").splitlines()
    line = next(i for i, text in enumerate(lines, 1)
                if text.startswith(key.split(".")[1]))
    with pytest.raises(ModelFileError) as info:
        load_scenario(path)
    assert str(info.value).startswith(f"{path}:{line}: "), str(info.value)
    assert needle in str(info.value)


def test_coaching_must_be_a_table(tmp_path):
    text = (SCENARIOS_DIR / "t-fillet-2f.toml").read_text(encoding="utf-8")
    path = tmp_path / "s.toml"
    path.write_text('coaching = "exam"\n' + text, encoding="utf-8")
    with pytest.raises(ModelFileError, match="coaching must be a table"):
        load_scenario(path)


@pytest.mark.parametrize(("scenario", "requested", "mode"), [
    (PRACTICE, None, PRACTICE), (PRACTICE, PRACTICE, PRACTICE), (PRACTICE, EXAM, EXAM),
    (EXAM, None, EXAM), (EXAM, PRACTICE, EXAM), (EXAM, EXAM, EXAM),
])
def test_attempt_mode_never_downgrades_an_exam(scenario, requested, mode):
    assert attempt_mode(scenario, requested) == mode


def test_an_unknown_requested_mode_is_refused():
    with pytest.raises(InvalidInputError) as info:
        attempt_mode(PRACTICE, "quiz")
    assert str(info.value) == "unknown mode 'quiz'; modes: practice, exam"
    assert "tidak dikenal" in info.value.text("id")
