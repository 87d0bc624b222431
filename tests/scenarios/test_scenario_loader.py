"""Scenario files: every bundled one loads; broken variants fail with a located message."""

from __future__ import annotations

import re

import numpy as np
import pytest

from weldsim.errors import ModelFileError, UnknownScenarioError
from weldsim.scenarios.loader import SCENARIOS_DIR, bundled_scenario_ids, load_scenario

EXPECTED = {"jog-basics", "t-fillet-2f", "lap-2f", "butt-1g-weave", "pipe-plate-2f",
            "t-fillet-2f-both-sides"}


def test_library_is_complete():
    assert EXPECTED <= set(bundled_scenario_ids())


@pytest.mark.parametrize("sid", sorted(EXPECTED))
def test_every_scenario_loads_with_texts_and_reference_job(sid):
    s = load_scenario(sid)
    assert s.id == sid
    assert s.title.en and s.title.id and s.instructions.en and s.instructions.id
    assert s.title.en != s.title.id  # really translated
    assert s.reference_job is not None and s.reference_job.name == f"{sid}.job"
    assert s.welds == (sid != "jog-basics")
    if s.welds:
        assert s.wps is not None and s.required_level in ("B", "C", "D")
        assert s.rubric is not None
        assert sum(s.rubric.group_weights.values()) == pytest.approx(100.0)
    else:
        assert len(s.targets) == 5


def test_t_fillet_geometry_is_as_specified():
    s = load_scenario("t-fillet-2f")
    seam = s.seams[0]
    assert seam.length_m == pytest.approx(0.250)
    U = s.frames["user1"]
    # the root line is USER1's X axis from 0 to 250 mm
    local = (seam.points_m - U[:3, 3]) @ U[:3, :3]
    np.testing.assert_allclose(local, [[0, 0, 0], [0.25, 0, 0]], atol=1e-12)
    names = {sol.name: sol for sol in s.solids}
    # the web occupies -10 <= y <= 0 in USER1, 100 mm high; the base plate is 150 mm wide
    web = names["web"]
    c = (web.T_world_solid[:3, 3] - U[:3, 3]) @ U[:3, :3]
    assert c[1] == pytest.approx(-0.005) and web.size_m[1] == pytest.approx(0.010)
    assert web.size_m[2] == pytest.approx(0.100)
    assert names["base plate"].size_m[1] == pytest.approx(0.150)
    assert s.wps.current_a.nominal == 270.0 and s.wps.voltage_v.nominal == 28.0
    assert s.wps.speed_mm_s.nominal == pytest.approx(7.0)  # 42 cm/min
    assert s.bead.leg_mm == 6.0 and s.required_level == "C"


def test_pipe_plate_seam_is_the_root_circle_counter_clockwise():
    s = load_scenario("pipe-plate-2f")
    seam = s.seams[0]
    U = s.frames["user1"]
    local = (seam.points_m - U[:3, 3]) @ U[:3, :3]
    np.testing.assert_allclose(np.hypot(local[:, 0], local[:, 1]), 0.05715, atol=1e-12)
    np.testing.assert_allclose(local[:, 2], 0.0, atol=1e-12)
    angle = np.unwrap(np.arctan2(local[:, 1], local[:, 0]))
    assert np.all(np.diff(angle) > 0)  # counter-clockwise seen from +Z
    assert seam.length_m == pytest.approx(2 * np.pi * 0.05715)
    lower, upper = seam.normals_at(seam.points_m[:3])
    np.testing.assert_allclose(lower, [[0, 0, 1]] * 3, atol=1e-12)
    np.testing.assert_allclose(np.linalg.norm(upper, axis=1), 1.0)


def _variant(tmp_path, sid, old, new):
    text = (SCENARIOS_DIR / f"{sid}.toml").read_text(encoding="utf-8")
    assert old in text, old
    path = tmp_path / f"{sid}.toml"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return path, text.replace(old, new, 1)


def _line_of(text, needle):
    return next(i for i, line in enumerate(text.splitlines(), 1) if needle in line)


@pytest.mark.parametrize(
    ("old", "new", "key", "needle"),
    [
        ("difficulty = 2", "difficulty = 2\ncolour = 'red'", "colour", "colour"),
        ("joint = \"fillet_t\"", "joint = \"fillet_t\"\nwidth_mm = 3", "seams[0].width_mm",
         "width_mm = 3"),
        ("current_a = { min = 250.0, nominal = 270.0, max = 290.0 }",
         "current_a = { min = 300.0, nominal = 270.0, max = 290.0 }", "wps.current_a",
         "current_a = { min = 300.0"),
        ("points_mm = [[0.0, 0.0, 0.0], [250.0, 0.0, 0.0]]",
         "points_mm = [[0.0, 40.0, 30.0], [250.0, 40.0, 30.0]]", "seams[0]", "[[seams]]"),
        ("home_deg = [0.0, -50.0, -55.0, 0.0, -50.0, 0.0]",
         "home_deg = [0.0, -50.0, -55.0, 0.0, -160.0, 0.0]", "robot.home_deg", "home_deg ="),
        ("frame = \"user1\"\nkind = \"line\"", "frame = \"user7\"\nkind = \"line\"",
         "seams[0].frame", "user7"),
        ("position = \"PB\"", "position = \"2F\"", "seams[0].position", "position = \"2F\""),
        ("work_angle_deg = { nominal = 45.0, full = 5.0, zero = 15.0 }",
         "work_angle_deg = { nominal = 45.0, full = 15.0, zero = 5.0 }",
         "windows.work_angle_deg.zero",
         "work_angle_deg"),
        ("technique = 45.0", "technique = 50.0", "rubric.setup", "setup = 15.0"),
    ],
)
def test_broken_scenario_is_located(tmp_path, old, new, key, needle):
    path, text = _variant(tmp_path, "t-fillet-2f", old, new)
    with pytest.raises(ModelFileError) as info:
        load_scenario(path)
    message = str(info.value)
    line = _line_of(text, needle)
    assert message.startswith(f"{path}:{line}: "), message
    assert f"'{key}'" in message


def test_missing_seam(tmp_path):
    text = (SCENARIOS_DIR / "t-fillet-2f.toml").read_text(encoding="utf-8")
    start = text.index("[[seams]]")
    end = text.index("[wps]")
    path = tmp_path / "noseam.toml"
    path.write_text(text[:start] + text[end:], encoding="utf-8")
    with pytest.raises(ModelFileError, match=r"'seams'.*needs at least one"):
        load_scenario(path)


def test_seam_off_the_work_names_the_point(tmp_path):
    path, _ = _variant(tmp_path, "t-fillet-2f",
                       "points_mm = [[0.0, 0.0, 0.0], [250.0, 0.0, 0.0]]",
                       "points_mm = [[0.0, 0.0, 0.0], [250.0, 5.0, 20.0]]")
    with pytest.raises(ModelFileError, match=r"seam 'root' is not on the workpiece.*from every"):
        load_scenario(path)


def test_unknown_scenario_and_bad_toml(tmp_path):
    with pytest.raises(UnknownScenarioError, match=r"unknown scenario 'nope'.*t-fillet-2f"):
        load_scenario("nope")
    bad = tmp_path / "bad.toml"
    bad.write_text("id = \n", encoding="utf-8")
    with pytest.raises(ModelFileError, match=re.escape(str(bad)) + ": not valid TOML"):
        load_scenario(bad)


# -- requirements and the drawing's throat ----------------------------------------------------

def test_requirements_are_read_from_every_welding_exercise():
    weave = load_scenario("butt-1g-weave").requirements.weave
    assert weave.pattern == "SINE" and weave.amplitude_mm == (2.5, 3.5)
    assert weave.frequency_hz == (1.3, 1.7)
    assert load_scenario("pipe-plate-2f").requirements.restart_overlap_mm == 10.0
    assert load_scenario("t-fillet-2f-both-sides").requirements.seam_order == ("near", "far")
    for sid in sorted(EXPECTED - {"jog-basics"}):
        req = load_scenario(sid).requirements
        assert req.arc_on_seam_only and req.crater_fill
    assert not load_scenario("jog-basics").requirements.arc_on_seam_only


def test_drawing_throat_is_stated_and_defaults_to_the_drawn_step(tmp_path):
    assert load_scenario("t-fillet-2f").bead.throat_mm == 4.0  # a4 for a 6 mm leg
    path, _ = _variant(tmp_path, "t-fillet-2f", "throat_mm = 4.0", "")
    assert load_scenario(path).bead.throat_mm == 4.0  # 0.707 x 6 = 4.24, drawn as a4


_REQ = "crater_fill = true           # every arc end fills its crater (AE with T > 0)"


@pytest.mark.parametrize(
    ("new", "key", "needle"),
    [
        (_REQ + "\nstray_arcs = false", "requirements.stray_arcs", "stray_arcs"),
        (_REQ + "\nrestart_overlap_mm = -3.0", "requirements.restart_overlap_mm",
         "restart_overlap_mm"),
        (_REQ + "\nseam_order = [\"root\", \"far\"]", "requirements.seam_order", "seam_order"),
        (_REQ + "\nseam_order = \"root\"", "requirements.seam_order", "seam_order"),
        (_REQ + "\n[requirements.weave]\npattern = \"ZIGZAG\"\namplitude_mm = [1.0, 2.0]\n"
         "frequency_hz = [1.0, 2.0]", "requirements.weave.pattern", "ZIGZAG"),
        (_REQ + "\n[requirements.weave]\namplitude_mm = [3.0, 2.0]\nfrequency_hz = [1.0, 2.0]",
         "requirements.weave.amplitude_mm", "amplitude_mm"),
        (_REQ + "\n[requirements.weave]\namplitude_mm = [1.0, 2.0]",
         "requirements.weave.frequency_hz", "[requirements.weave]"),
    ],
)
def test_broken_requirements_are_located(tmp_path, new, key, needle):
    path, text = _variant(tmp_path, "t-fillet-2f", _REQ, new)
    with pytest.raises(ModelFileError) as info:
        load_scenario(path)
    message = str(info.value)
    assert f"'{key}'" in message, message
    assert message.startswith(f"{path}:{_line_of(text, needle)}: "), message
