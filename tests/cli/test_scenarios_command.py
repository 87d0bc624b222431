"""``weldsim scenarios`` (list) and ``weldsim scenarios show ID``: what a trainee reads, in
Indonesian (the default) and English, through the scenarios.po catalogue."""

from __future__ import annotations

import re

import numpy as np
import pytest

from weldsim.cli import main
from weldsim.i18n import LOCALE_DIR, catalog, placeholders
from weldsim.program import parse_job
from weldsim.scenarios.describe import describe
from weldsim.scenarios.loader import bundled_scenario_ids, load_scenario


def _po_keys(lang: str) -> set[str]:
    from babel.messages.pofile import read_po

    with (LOCALE_DIR / lang / "LC_MESSAGES" / "scenarios.po").open("rb") as fh:
        return {str(m.id) for m in read_po(fh) if m.id}


def test_catalogue_has_every_key_in_both_languages_with_the_same_placeholders():
    en, id_ = _po_keys("en"), _po_keys("id")
    assert en == id_ and en
    for key in en:
        assert placeholders(catalog("en")[key]) == placeholders(catalog("id")[key]), key


def test_every_key_the_command_uses_is_in_the_catalogue():
    import weldsim.cli.scenarios as mod
    from weldsim.scenarios.spec import JOINT_TYPES

    source = open(mod.__file__, encoding="utf-8").read()
    used = set(re.findall(r'"(scen\.[a-z_.]+)"', source))
    used |= {f"scen.joint.{j}" for j in JOINT_TYPES}
    used |= {f"scen.gas.{g}" for g in ("CO2", "MAG", "MIG")}
    used |= {f"scen.list.col.{c}" for c in ("id", "title", "level", "robot", "difficulty")}
    missing = {k for k in used if k not in catalog("en") or k not in catalog("id")}
    assert not missing


def show(capsys, sid: str, *extra: str) -> str:
    assert main(["scenarios", "show", sid, *extra]) == 0
    return capsys.readouterr().out


def test_show_t_fillet_in_english(capsys):
    out = show(capsys, "t-fillet-2f", "--lang", "en")
    assert "USER1: origin (850.0, -125.0, 10.0) mm" in out
    assert "axes: X (0.000, 1.000, 0.000), Y (-1.000, 0.000, 0.000), Z (0.000, 0.000, 1.000)" in out
    assert "start (0.00, 0.00, 0.00) mm, end (250.00, 0.00, 0.00) mm" in out
    assert "Torch at the start (work angle 45.0°, push 10.0°), in USER1:" in out
    assert "Home: J(0, -50, -55, 0, -50, 0); the TCP at (633.3, 0.0, 403.8) mm in BASE" in out
    assert "- current: 250 A to 290 A, nominal 270 A" in out
    assert "- welding speed: 38 cm/min to 46 cm/min, nominal 42 cm/min" in out
    assert "- work angle 45.0° (full marks from 40.0° to 50.0°)" in out
    assert "- weld quality ISO 5817 level C or better" in out
    # the drawing's throat (a4) the scenario states, which ISO 5817 judges against
    assert "- fillet leg 6.0 mm (throat 4.0 mm)" in out
    assert "Reference program: t-fillet-2f.job" in out
    # the torch pose is printed as job syntax, the same pose describe() computed
    torch = describe(load_scenario("t-fillet-2f")).seams[0].torch
    (line,) = [ln.strip() for ln in out.splitlines() if ln.strip().startswith("X(")]
    parsed = parse_job(f"JOB A\nFRAME USER1\nP1 = {line}\nEND\n").position(1)
    np.testing.assert_allclose(parsed.matrix(), torch.position.matrix(), atol=1e-12)
    assert parsed.conf == torch.position.conf


def test_show_speaks_indonesian_with_decimal_commas(capsys):
    out = show(capsys, "t-fillet-2f", "--lang", "id")
    assert "USER1: titik asal (850,0; -125,0; 10,0) mm" in out
    assert "awal (0,00; 0,00; 0,00) mm, akhir (250,00; 0,00; 0,00) mm" in out
    assert "sudut kerja 45,0°" in out and "sudut dorong (push) 10,0°" in out
    assert "- tegangan: 26,0 V sampai 30,0 V, nominal 28,0 V" in out
    assert "Yang diminta latihan ini:" in out and "kaki las 6,0 mm" in out
    assert "Program acuan: t-fillet-2f.job" in out
    # English words of the catalogue do not leak into the Indonesian text
    for english in ("origin", "start (", "What the exercise", "welding speed", "full marks"):
        assert english not in out
    # job syntax keeps its decimal point: it is copied into a job as printed
    (line,) = [ln.strip() for ln in out.splitlines() if ln.strip().startswith("X(")]
    assert "," in line and parse_job(f"JOB A\nP1 = {line}\nEND\n").position(1).conf


def test_indonesian_is_the_default(capsys, monkeypatch):
    monkeypatch.delenv("WELDSIM_LANG", raising=False)
    out = show(capsys, "lap-2f")
    assert "Yang diminta latihan ini:" in out
    assert main(["scenarios"]) == 0
    listing = capsys.readouterr().out
    assert "Latihan" in listing and "judul" in listing and "tingkat kesulitan" in listing


def test_list_headers_in_english(capsys):
    assert main(["scenarios", "--lang", "en"]) == 0
    out = capsys.readouterr().out
    assert "Exercises" in out and "difficulty" in out
    for sid in bundled_scenario_ids():
        assert sid in out


def test_show_circle_gives_centre_radius_start_angle_and_sweep(capsys):
    out = show(capsys, "pipe-plate-2f", "--lang", "en")
    assert "circle: centre (0.00, 0.00, 0.00) mm, radius 57.15 mm" in out
    assert ("start (0.00, 57.15, 0.00) mm at angle 90.0°, sweep 360.0° "
            "(+ counter-clockwise about Z), end (0.00, 57.15, 0.00) mm") in out
    out = show(capsys, "pipe-plate-2f", "--lang", "id")
    assert "lingkaran: pusat (0,00; 0,00; 0,00) mm, jari-jari 57,15 mm" in out
    assert "pada sudut 90,0°, sapuan 360,0°" in out


def test_show_targets_of_the_jogging_exercise(capsys):
    out = show(capsys, "jog-basics", "--lang", "en")
    assert "- target T1:" in out and "Torch at the start" not in out
    assert "- touch each target within" in out


@pytest.mark.parametrize("lang", ["id", "en"])
@pytest.mark.parametrize("sid", bundled_scenario_ids())
def test_show_every_bundled_scenario(capsys, sid, lang):
    out = show(capsys, sid, "--lang", lang)
    s = load_scenario(sid)
    assert s.title.get(lang) in out
    poses = [ln for ln in out.splitlines() if ln.strip().startswith("X(")]
    assert len(poses) == len(s.seams)  # one torch pose per seam
    assert "Traceback" not in out


def test_show_is_deterministic(capsys):
    assert show(capsys, "t-fillet-2f-both-sides") == show(capsys, "t-fillet-2f-both-sides")


def test_mistakes_exit_2_with_a_plain_message(capsys):
    assert main(["scenarios", "show", "--lang", "en"]) == 2
    assert "needs a scenario id" in capsys.readouterr().err
    assert main(["scenarios", "list", "t-fillet-2f", "--lang", "id"]) == 2
    assert "weldsim scenarios show t-fillet-2f" in capsys.readouterr().err
    assert main(["scenarios", "show", "no-such-exercise"]) == 2
    assert "Traceback" not in capsys.readouterr().err


def test_show_a_scenario_file_whose_seam_is_in_the_base_frame(tmp_path, capsys):
    from weldsim.scenarios.loader import SCENARIOS_DIR

    text = (SCENARIOS_DIR / "t-fillet-2f.toml").read_text(encoding="utf-8")
    old = 'frame = "user1"\nkind = "line"\npoints_mm = [[0.0, 0.0, 0.0], [250.0, 0.0, 0.0]]'
    assert old in text
    path = tmp_path / "base-seam.toml"
    text = text.replace(old, 'kind = "line"\n'
                        'points_mm = [[850.0, -125.0, 10.0], [850.0, 125.0, 10.0]]')
    # the normals are given in the seam's frame too: USER1's +Y is the base's -X
    text = text.replace("upper_normal = [0.0, 1.0, 0.0]", "upper_normal = [-1.0, 0.0, 0.0]")
    path.write_text(text, encoding="utf-8")
    out = show(capsys, str(path), "--lang", "en")
    assert "start (850.00, -125.00, 10.00) mm, end (850.00, 125.00, 10.00) mm" in out
    assert "Torch at the start (work angle 45.0°, push 10.0°), in BASE:" in out
    (line,) = [ln.strip() for ln in out.splitlines() if ln.strip().startswith("X(")]
    torch = describe(load_scenario("t-fillet-2f")).seams[0].torch
    T_base_user = load_scenario("t-fillet-2f").user_frames_base()["USER1"]
    parsed = parse_job(f"JOB A\nP1 = {line}\nEND\n").position(1)
    # the same physical pose as in USER1 (up to the printed rounding)
    np.testing.assert_allclose(parsed.matrix(), T_base_user @ torch.position.matrix(), atol=2e-4)
