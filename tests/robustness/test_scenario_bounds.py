"""Scenario values beyond a welding cell's bounds: a message naming file, line and key, exit 2,
before any array is sized (repro/scenario)."""

from __future__ import annotations

from pathlib import Path

import pytest

from weldsim.cli import main
from weldsim.errors import ModelFileError
from weldsim.scenarios.bounds import MAX_SEAM_LENGTH_MM, PLAIN_BOUND, UNIT_BOUNDS
from weldsim.scenarios.loader import SCENARIOS_DIR, bundled_scenario_ids, load_scenario

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "scenario"
REFERENCE_JOB = SCENARIOS_DIR / "t-fillet-2f.job"

# file -> (line, the rest of the message after "FILE:LINE: ")
EXPECTED = {
    "huge_int_number.toml": (11, "key 'cycle_time_target_s': a 401-digit number is out of "
                                 "bounds (at most 3600 s: a time is within an hour)"),
    "huge_int_vector.toml": (43, "key 'robot.home_deg': a 401-digit number is out of bounds "
                                 "(at most 720 deg: an angle is within two turns)"),
    "int_4301_digits.toml": (9, "a number of more than 4,300 digits is out of range"),
    "seam_1e7mm.toml": (76, "key 'seams[0].points_mm': 1e+07 mm is out of bounds (at most "
                            "20000 mm: a welding cell is at most 20 m across)"),
    "seam_1e8mm.toml": (76, "key 'seams[0].points_mm': 1e+08 mm is out of bounds"),
    "seam_1e9mm.toml": (76, "key 'seams[0].points_mm': 1e+09 mm is out of bounds"),
    "seam_1e12mm.toml": (76, "key 'seams[0].points_mm': 1e+12 mm is out of bounds"),
    "seam_1e308.toml": (76, "key 'seams[0].points_mm': -1e+308 mm is out of bounds"),
    "user_frame_huge_offset.toml": (46, "key 'frames.user1.origin_mm': 1e+15 mm is out of "
                                        "bounds"),
    "window_nominal_huge.toml": (101, "key 'windows.work_angle_deg.nominal': 1e+308 deg is "
                                      "out of bounds (at most 720 deg"),
}


def test_every_reproducer_has_a_case() -> None:
    assert sorted(p.name for p in FIXTURES.glob("*.toml")) == sorted(EXPECTED)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_loader_names_file_line_and_key(name: str) -> None:
    line, message = EXPECTED[name]
    path = FIXTURES / name
    with pytest.raises(ModelFileError) as info:
        load_scenario(path)
    assert str(info.value).startswith(f"{path}:{line}: {message}"), str(info.value)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_check_with_the_scenario_exits_2(name: str, capsys) -> None:
    code = main(["check", str(REFERENCE_JOB), "--scenario", str(FIXTURES / name)])
    out = capsys.readouterr()
    assert code == 2
    line, message = EXPECTED[name]
    assert f"{name}:{line}: {message}" in out.err
    assert "Traceback" not in out.err + out.out


def test_bundled_scenarios_are_within_bounds() -> None:
    for sid in bundled_scenario_ids():
        load_scenario(sid)


def test_the_bounds_are_those_documented() -> None:
    """One source of truth, pinned: cell 20 m, angles two turns, an hour, a long seam."""
    assert UNIT_BOUNDS["_mm"].limit == 20_000.0 and UNIT_BOUNDS["_mm"].unit == "mm"
    assert UNIT_BOUNDS["_deg"].limit == 720.0
    assert UNIT_BOUNDS["_s"].limit == 3_600.0
    assert PLAIN_BOUND.limit == 1.0e6
    assert MAX_SEAM_LENGTH_MM == 20_000.0


def _variant(tmp_path: Path, old: str, new: str) -> Path:
    text = (SCENARIOS_DIR / "t-fillet-2f.toml").read_text(encoding="utf-8")
    assert old in text
    path = tmp_path / "s.toml"
    path.write_text(text.replace(old, new), encoding="utf-8")
    return path


def test_a_long_zigzag_seam_within_the_cell_is_refused(tmp_path: Path) -> None:
    """Every point is inside the cell, but the seam is 40 x 19 m long."""
    zigzag = ", ".join(f"[{(i % 2) * 19_000.0}, {i * 0.5}, 0.0]" for i in range(41))
    path = _variant(tmp_path, "points_mm = [[0.0, 0.0, 0.0], [250.0, 0.0, 0.0]]",
                    f"kind = \"polyline\"\npoints_mm = [{zigzag}]")
    path.write_text(path.read_text().replace('kind = "line"\n', ""))
    with pytest.raises(ModelFileError, match=r"seams\[0\]\.points_mm'.*longer than the 20000"):
        load_scenario(path)


@pytest.mark.parametrize(("old", "new", "key"), [
    ("difficulty = 2", "difficulty = " + "9" * 400, "difficulty"),
    ("leg_mm = 6.0", "leg_mm = 1e400", "bead.leg_mm"),  # TOML reads 1e400 as inf
    ("leg_mm = 6.0", "leg_mm = nan", "bead.leg_mm"),
    ("size_mm = [700.0, 1000.0, 40.0]", "size_mm = [700.0, " + "9" * 30 + ", 40.0]",
     "solids[0].size_mm"),
])
def test_extreme_values_name_their_key(tmp_path: Path, old: str, new: str, key: str) -> None:
    with pytest.raises(ModelFileError) as info:
        load_scenario(_variant(tmp_path, old, new))
    assert f"key '{key}'" in str(info.value)
