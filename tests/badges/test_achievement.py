"""Achievement and issuer files: the bundled example loads; every mistake is located."""

from __future__ import annotations

import pytest

from weldsim.badges.achievement import (
    ACHIEVEMENTS_DIR,
    UnknownAchievementError,
    bundled_achievement_ids,
    level_at_least,
    load_achievement,
    load_issuer,
)
from weldsim.errors import ModelFileError
from weldsim.scenarios.loader import bundled_scenario_ids

EXAMPLE = ACHIEVEMENTS_DIR / "robot-fillet-2f.toml"


def test_bundled_example_is_over_bundled_exercises():
    assert bundled_achievement_ids() == ["robot-fillet-2f"]
    a = load_achievement("robot-fillet-2f")
    assert a.uri == "urn:weldsim:achievement:robot-fillet-2f:v1"
    assert [e.exercise for e in a.rule.exercises] == ["t-fillet-2f", "lap-2f"]
    assert all(e.exercise in bundled_scenario_ids() for e in a.rule.exercises)
    assert all(e.min_score == 70.0 and e.min_level == "C" and e.attempt_mode == "any"
               for e in a.rule.exercises)
    assert a.name("id") != a.name("en") and a.criteria("id") and a.criteria("en")
    assert a.valid_years == 3 and a.image_label == "2F" and a.image_file is None
    assert all(al.target_url.startswith("https://") for al in a.alignments)


def test_levels_order_b_most_stringent():
    assert level_at_least("B", "C") and level_at_least("C", "C")
    assert not level_at_least("D", "C") and not level_at_least(None, "D")
    assert level_at_least(None, None)


def test_unknown_id_names_the_bundled_ones():
    with pytest.raises(UnknownAchievementError, match="robot-fillet-2f"):
        load_achievement("no-such-badge")


@pytest.mark.parametrize(("old", "new", "at", "message"), [
    ('min_level = "C"', 'min_level = "A"', 'min_level = "A"', "rule.min_level"),
    ("min_score = 70.0", "min_score = 170.0", "min_score = 170.0", "out of range"),
    ('id = "lap-2f"', 'id = "t-fillet-2f"', "[[rule.exercises]]",
     "each exercise may be listed once"),
    ('id = "lap-2f"', 'id = "Lap 2F"', 'id = "Lap 2F"', "rule.exercises[1].id"),
    ('label = "2F"', 'label = "FILLET"', 'label = "FILLET"', "at most 4 characters"),
    ('color = "#1d4e89"', 'color = "blue"', 'color = "blue"', "'#rrggbb'"),
    ('target_url = "https://www.iso.org/search.html?q=ISO%205817"', "", "[[alignments]]",
     "requires a web address"),
    ('attempt_mode = "any"', 'attempt_mode = "exams"', 'attempt_mode = "exams"',
     "not one of any, exam"),
    ("valid_years = 3", "valid_years = 3\ncolour = 1", "colour = 1", "unknown key 'colour'"),
    ('achievement_type = "Competency"', 'achievement_type = "Trophy"',
     'achievement_type = "Trophy"', "achievement_type"),
])
def test_mistakes_are_located(tmp_path, old, new, at, message):
    """The message names the key and the file at the line of the mistake (for a missing key
    or a clash, the line of its table)."""
    text = EXAMPLE.read_text(encoding="utf-8")
    assert old in text
    changed = text.replace(old, new, 1)
    line = next(n for n, s in enumerate(changed.splitlines(), 1) if s.startswith(at))
    path = tmp_path / "a.toml"
    path.write_text(changed, encoding="utf-8")
    with pytest.raises(ModelFileError) as err:
        load_achievement(path)
    assert message in str(err.value)
    assert str(err.value).startswith(f"{path}:{line}: ")


def test_own_picture_must_be_png_or_svg_and_small(tmp_path):
    text = EXAMPLE.read_text(encoding="utf-8").replace('# file = "my-badge.svg"',
                                                       'file = "pic.gif"')
    path = tmp_path / "a.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ModelFileError, match=r"\.png or \.svg"):
        load_achievement(path)
    (tmp_path / "pic.png").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(60_000))
    path.write_text(text.replace("pic.gif", "pic.png"), encoding="utf-8")
    with pytest.raises(ModelFileError, match="larger than 48 KiB"):
        load_achievement(path)
    # a PNG cut short (no IEND: nothing to bake the credential before) is refused
    (tmp_path / "pic.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    with pytest.raises(ModelFileError, match="damaged PNG"):
        load_achievement(path)
    from weldsim.badges.image import badge_png

    (tmp_path / "pic.png").write_bytes(badge_png("OK", "#336633", "MINE"))
    assert load_achievement(path).image_file == (tmp_path / "pic.png").resolve()


def test_issuer_file(tmp_path):
    path = tmp_path / "issuer.toml"
    path.write_text('id = "https://smk.sch.id"\nname = "SMK"\nemail = "guru@smk.sch.id"\n',
                    encoding="utf-8")
    issuer = load_issuer(path)
    assert (issuer.id, issuer.name, issuer.email, issuer.url) == (
        "https://smk.sch.id", "SMK", "guru@smk.sch.id", None)
    path.write_text('id = "SMK Negeri 2"\nname = "SMK"\n', encoding="utf-8")
    with pytest.raises(ModelFileError, match=r"issuer.toml:1: key 'id': must be a URI"):
        load_issuer(path)
    path.write_text('id = "https://smk.sch.id"\nname = "SMK"\nphone = "1"\n', encoding="utf-8")
    with pytest.raises(ModelFileError, match=r":3: unknown key 'phone'"):
        load_issuer(path)
