"""A scenario file's mistakes are told in the reader's language: the same located English as
before, and Indonesian with no English sentence left (the keys, values and file names a
teacher typed stay as typed)."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "i18n"))
from english_check import english_in

from weldsim.cli import main
from weldsim.errors import ModelFileError, UnknownScenarioError
from weldsim.scenarios.loader import SCENARIOS_DIR, load_scenario

SID = "t-fillet-2f"

# (text to replace, its replacement, a part of the English message)
CASES = [
    ("difficulty = 2", "difficulty = 2\ncolour = 'red'", "unknown key 'colour'"),
    ("difficulty = 2", "difficulty = 2\ncolour = 'red'\nshade = 1", "(and 1 more)"),
    ("difficulty = 2", "difficulty = 9", "must be a whole number from 1 to 5, got 9"),
    ("difficulty = 2", "difficulty = 'two'", "must be a whole number from 1 to 5"),
    ("difficulty = 2", "", "missing key 'difficulty'"),
    ("cycle_time_target_s = 60.0", "cycle_time_target_s = 0.0",
     "value 0 is out of range (must be > 0 and <= 3600)"),
    ("cycle_time_target_s = 60.0", "cycle_time_target_s = 'x'", "must be a number, got 'x'"),
    ("current_a = { min = 250.0, nominal = 270.0, max = 290.0 }",
     "current_a = { min = 300.0, nominal = 270.0, max = 290.0 }",
     "min 300 is greater than max 290"),
    ("current_a = { min = 250.0, nominal = 270.0, max = 290.0 }",
     "current_a = { min = 250.0, nominal = 295.0, max = 290.0 }",
     "nominal 295 is outside min..max (250..290)"),
    ("points_mm = [[0.0, 0.0, 0.0], [250.0, 0.0, 0.0]]",
     "points_mm = [[0.0, 40.0, 30.0], [250.0, 40.0, 30.0]]",
     "seam 'root' is not on the workpiece"),
    ("home_deg = [0.0, -50.0, -55.0, 0.0, -50.0, 0.0]",
     "home_deg = [0.0, -50.0, -55.0, 0.0, -160.0, 0.0]", "J5 = -160 deg is outside its limits"),
    ("home_deg = [0.0, -50.0, -55.0, 0.0, -50.0, 0.0]", "home_deg = [0.0, -50.0]",
     "must be a list of 6 numbers, got [0.0, -50.0]"),
    ('frame = "user1"\nkind = "line"', 'frame = "user7"\nkind = "line"',
     "unknown frame 'user7'; frames: world, user1"),
    ('position = "PB"', 'position = "2F"', "'2F' is not one of PA"),
    ("work_angle_deg = { nominal = 45.0, full = 5.0, zero = 15.0 }",
     "work_angle_deg = { nominal = 45.0, full = 15.0, zero = 5.0 }",
     "the zero band must contain the full-marks band"),
    ("technique = 45.0", "technique = 50.0", "technique + bead + setup must be 100, got 105"),
    ("crater_fill = true", "crater_fill = 'yes'", "must be true or false, got 'yes'"),
    ("schema_version = 1", "schema_version = 2", "version 2 is not supported"),
    ('id = "t-fillet-2f"', 'id = "T Fillet"', "must be lower-case letters"),
    ("tool = 1", "tool = 7", "robot 'fd-b4' has no tool 7; its tools are 0 (flange), 1"),
    (None, "[coaching]\nmode = 'quiz'", "'quiz' is not one of practice, exam"),
    ("schema_version = 1", "schema_version = 1 = 2", "not valid TOML: "),
]


def _variant(tmp_path: Path, old: str | None, new: str) -> Path:
    """The scenario with ``old`` replaced by ``new`` (``new`` appended when ``old`` is
    None)."""
    text = (SCENARIOS_DIR / f"{SID}.toml").read_text(encoding="utf-8")
    assert old is None or old in text, old
    path = tmp_path / f"{SID}.toml"
    path.write_text(text + "\n" + new + "\n" if old is None else text.replace(old, new, 1),
                    encoding="utf-8")
    return path


@pytest.mark.parametrize(("old", "new", "english"), CASES)
def test_a_mistake_reads_in_both_languages(tmp_path, old, new, english):
    path = _variant(tmp_path, old, new)
    with pytest.raises(ModelFileError) as info:
        load_scenario(path)
    exc = info.value
    assert exc.message is not None, str(exc)  # a message, not English-only text
    assert str(exc) == exc.text("en") and english in str(exc)
    where = str(exc).split(": ", 1)[0]
    assert where.startswith(str(path)), str(exc)
    indonesian = exc.text("id")
    assert indonesian.startswith(where + ": "), indonesian
    assert not english_in(indonesian.replace(str(path), "")), indonesian


def test_a_key_keeps_its_name_in_indonesian(tmp_path):
    path = _variant(tmp_path, "difficulty = 2", "difficulty = 9")
    with pytest.raises(ModelFileError) as info:
        load_scenario(path)
    assert info.value.text("id").endswith(
        "kunci 'difficulty': harus bilangan bulat dari 1 sampai 5, tertulis 9")


def test_an_unknown_scenario_in_indonesian():
    with pytest.raises(UnknownScenarioError) as info:
        load_scenario("no-such-exercise")
    assert str(info.value).startswith("unknown scenario 'no-such-exercise'; bundled scenarios:")
    text = info.value.text("id")
    assert text.startswith("skenario 'no-such-exercise' tidak dikenal; skenario bawaan: ")
    assert not english_in(text), text


def test_a_missing_scenario_file_in_indonesian(tmp_path, capsys):
    job = str(SCENARIOS_DIR / f"{SID}.job")
    missing = tmp_path / "nope.toml"
    assert main(["check", job, "--scenario", str(missing), "--lang", "id"]) == 2
    err = capsys.readouterr().err
    assert f"{missing}: berkas skenario tidak bisa dibaca: berkas atau folder itu tidak ada" \
        in err, err
