"""Robot model files: bundled models load; broken files fail naming the file and the key."""

from __future__ import annotations

import re

import numpy as np
import pytest

from weldsim.errors import ModelFileError, UnknownRobotError, WeldsimError
from weldsim.kinematics import bundled_robot_ids, load_robot, load_robot_spec
from weldsim.kinematics.loader import ROBOTS_DIR


def test_bundled_models():
    assert {"fd-b4", "ma1440"} <= set(bundled_robot_ids())
    spec = load_robot_spec("fd-b4")
    assert spec.opw.c2 == 0.580 and spec.opw.a2 == -0.200
    assert np.degrees(spec.joints.upper_rad[5]) == pytest.approx(205.0)
    tool1 = spec.tool(1)
    assert np.degrees(tool1.neck_angle_rad) == pytest.approx(45.0)
    assert tool1.stick_out_m == pytest.approx(0.015)
    # tool +Z (wire axis) tilted 45° from the flange normal, neck on the tool's -X side
    z = tool1.T_flange_tcp[:3, 2]
    assert np.degrees(np.arccos(z[2])) == pytest.approx(45.0)
    assert load_robot("fd-b4").reach_m() == pytest.approx(1.4105, abs=1e-3)


def _write_variant(tmp_path, old, new, count=1):
    text = (ROBOTS_DIR / "fd-b4.toml").read_text(encoding="utf-8")
    assert old in text
    path = tmp_path / "robot.toml"
    path.write_text(text.replace(old, new, count), encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("old", "new", "key"),
    [
        ("payload_kg = 4.0", "payload_kg = 4.0\ncolour = 'blue'", "colour"),
        ("c2_m = 0.580", "c2_m = 0.580\nc5_m = 0.1", "opw.c5_m"),
        ("c2_m = 0.580\n", "", "opw.c2_m"),
        ("c2_m = 0.580", "c2_m = -0.580", "opw.c2_m"),
        ("c2_m = 0.580", "c2_m = '0.58'", "opw.c2_m"),
        ("sign_corrections = [1, 1, -1, -1, -1, -1]", "sign_corrections = [1, 1, -1, -1, -1, 2]",
         "opw.sign_corrections"),
        ("lower_deg = [-170.0,", "lower_deg = [175.0,", "joints.lower_deg"),
        ("max_speed_deg_s = [210.0,", "max_speed_deg_s = [0.0,", "joints.max_speed_deg_s"),
        ("upper_deg = [170.0, 155.0, 250.0, 155.0, 135.0, 205.0]",
         "upper_deg = [170.0, 155.0, 250.0]", "joints.upper_deg"),
        ("mass_kg = 45.0", "mass_kg = -1.0", "links.base.mass_kg"),
        ("neck_angle_deg = 45.0", "neck_angle_deg = 30.0", "tools[0].neck_angle_deg"),
        ("number = 2", "number = 1", "tools"),
        ("schema_version = 1", "schema_version = 9", "schema_version"),
    ],
)
def test_broken_model_names_file_and_key(tmp_path, old, new, key):
    path = _write_variant(tmp_path, old, new)
    with pytest.raises(ModelFileError) as info:
        load_robot_spec(path)
    message = str(info.value)
    assert message.startswith(str(path))
    assert f"'{key}'" in message


def test_not_toml(tmp_path):
    path = tmp_path / "broken.toml"
    path.write_text("id = 'x'\n[opw\n", encoding="utf-8")
    with pytest.raises(ModelFileError, match=re.escape(str(path)) + ": not valid TOML"):
        load_robot_spec(path)


def test_binary_file(tmp_path):
    path = tmp_path / "binary.toml"
    path.write_bytes(b"\xff\xfe\x00garbage")
    with pytest.raises(ModelFileError, match="not UTF-8"):
        load_robot_spec(path)


def test_missing_file(tmp_path):
    with pytest.raises(ModelFileError, match="cannot read"):
        load_robot_spec(tmp_path / "nothing.toml")


def test_unknown_robot_id():
    with pytest.raises(UnknownRobotError, match=r"unknown robot 'kr6'.*fd-b4") as info:
        load_robot("kr6")
    assert isinstance(info.value, WeldsimError)
