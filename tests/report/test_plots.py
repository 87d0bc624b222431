"""The report's figures: parameter plots, the imperfection map, the cross-section at the worst
point, the histogram and the embedded picture."""

from __future__ import annotations

import base64
import io
import re

import matplotlib
import numpy as np
import pytest

from weldsim.exercise import run_exercise
from weldsim.report import html_report
from weldsim.report import plots as P
from weldsim.report.cross_section import Section, cross_section_svg, worst_section
from weldsim.scenarios.loader import load_scenario


@pytest.fixture(scope="module")
def fillet():
    return load_scenario("t-fillet-2f")


@pytest.fixture(scope="module")
def fast(fillet):
    job = fillet.reference_job.read_text(encoding="utf-8").replace("S=42cm/min", "S=84cm/min")
    return run_exercise(fillet, "fast.job", data=job.encode())


@pytest.fixture(scope="module")
def butt():
    s = load_scenario("butt-1g-weave")
    return run_exercise(s, s.reference_job)


def test_svg_text_is_inline_ready_and_ids_do_not_clash():
    svgs = []
    for key in ("a", "b"):
        with P.style():
            fig = P.figure(2.0, 1.0)
            ax = fig.add_axes((0.1, 0.1, 0.8, 0.8))
            ax.plot([0, 1], [0, 1])
        svgs.append(P.svg_text(fig, key))
    for key, svg in zip(("a", "b"), svgs, strict=True):
        assert svg.startswith("<svg ") and "<?xml" not in svg and "<!DOCTYPE" not in svg
        ids = re.findall(r'\bid="([^"]+)"', svg)
        assert ids and all(i.startswith(f"{key}-") for i in ids)
        for ref in re.findall(r'url\(#([^)]+)\)', svg):
            assert ref in ids  # every reference was renamed with its id
    assert not set(re.findall(r'\bid="([^"]+)"', svgs[0])) & set(
        re.findall(r'\bid="([^"]+)"', svgs[1]))


def test_seam_plots_show_the_windows(fast):
    plots = P.seam_plots(fast, "en")
    assert [k for k, _, _ in plots] == ["aim_lateral", "aim_vertical", "work_angle",
                                        "travel_angle", "ctwd", "travel_speed"]
    for _key, title, svg in plots:
        assert svg.startswith("<svg ") and title in svg
        assert "#b9e4bb" in svg  # the full-marks band
        assert svg.count("stroke-dasharray") >= 2  # the zero edges
    # the travel speed plot's window is the WPS speed ±10 % / ±25 %, drawn in mm/s
    speed = dict((k, s) for k, _, s in plots)["travel_speed"]
    assert "Travel speed (mm/s)" in speed
    assert P.seam_plots(fast, "en") == plots  # warm figures draw the same bytes
    P._FIGURES.cache = {}
    assert P.seam_plots(fast, "en") == plots  # and so do cold ones
    P._FIGURES.cache = {}
    with matplotlib.rc_context({"lines.linewidth": 5.0, "font.size": 20.0,
                                "axes.facecolor": "black"}):
        assert P.seam_plots(fast, "en") == plots  # whatever the caller's global style


def test_two_seams_get_a_legend():
    s = load_scenario("t-fillet-2f-both-sides")
    run = run_exercise(s, s.reference_job)
    plots = P.seam_plots(run, "id")
    assert all("kampuh near" in svg and "kampuh far" in svg for _, _, svg in plots)
    page = html_report(run, picture=False)
    assert "seam near" in page and "seam far" in page


def test_imperfection_map_colours_each_stretch_by_level(fast):
    svg = P.imperfection_map(fast, "en")
    imps = [i for w in fast.welds for i in w.imperfections]
    # every visible imperfection is reported, whatever its level (twice the speed: a convex face)
    assert {i.type for i in imps} == {"undercut", "insufficient_throat", "excess_convexity"}
    assert f'fill="{P.LEVEL_COLOURS["D"]}"><title>undercut: 2–248 mm' in svg
    assert f'fill="{P.LEVEL_COLOURS["worse"]}"><title>throat too small' in svg
    assert ">seam root<" in svg and ">undercut<" in svg
    for key in ("welded", "level B", "level C", "level D", "worse than D", "not graded"):
        assert f">{key}<" in svg  # the legend


def test_worst_section_is_at_the_worst_imperfection(fast):
    sec = worst_section(fast)
    assert sec.reason == "imperfection" and sec.imperfection == "insufficient_throat"
    weld = fast.welds[0]
    on = weld.bead.welded
    assert sec.throat_mm == pytest.approx(np.nanmin(weld.bead.throat_mm[on]))
    assert 2.0 <= sec.s_mm <= 248.5
    svg = cross_section_svg(sec, "en")
    assert svg.startswith('<svg class="section"') and svg.count("<polygon") >= 4
    assert f"throat a {sec.throat_mm:.1f} mm" in svg and "(drawing a4.0)" in svg
    assert f"leg {sec.leg_lower_mm:.1f} mm" in svg and "penetration" in svg


def test_butt_section_draws_groove_and_reinforcement(butt):
    sec = worst_section(butt)
    assert sec.reason == "throat" and not sec.is_fillet and sec.backing
    svg = cross_section_svg(sec, "id")
    assert "penguatan" in svg and "celah 2,0 mm" in svg and "pelat penahan" in svg
    assert f"lebar muka {sec.face_width_mm:.1f}".replace(".", ",") in svg


@pytest.mark.parametrize("joint", ["fillet_t", "fillet_lap", "fillet_pipe_plate", "butt_v",
                                   "butt_square"])
def test_every_joint_draws(joint):
    fillet = joint.startswith("fillet")
    sec = Section("root", 10.0, "throat", None, joint, 8.0, 6.0, 0.0 if fillet else 1.5,
                  30.0 if joint == "butt_v" else 0.0, 0.0, False,
                  5.0 if fillet else float("nan"), 6.5 if fillet else float("nan"), 3.5,
                  4.0, 9.0, 0.8, 1.2)
    svg = cross_section_svg(sec, "en")
    assert svg.count("<polygon") >= 3 and "NaN" not in svg and "nan" not in svg
    assert cross_section_svg(None, "en").startswith('<p class="note">')


def test_a_run_that_never_welds_still_reports(fillet):
    job = "\n".join(line for line in fillet.reference_job.read_text(encoding="utf-8")
                    .splitlines() if line.strip() not in ("AS 1", "AE 1"))
    run = run_exercise(fillet, "cold.job", data=job.encode())
    assert not run.welds and worst_section(run) is None
    page = html_report(run, picture=False)
    assert "No bead to show" in page and "FAILED" in page
    assert page.count('<svg class="plot"') == 6
    assert f'fill="{P.LEVEL_COLOURS["worse"]}"><title>not welded: 0–250 mm' in page


def test_collision_is_listed_as_an_event(fillet):
    text = fillet.reference_job.read_text(encoding="utf-8").replace(
        "MOVEL P2 S=100mm/s", "MOVEL P2 S=100mm/s\nMOVEL X(120, -30, 20, -180, 45.86, 104) "
        "S=50mm/s\nMOVEL P2 S=100mm/s")
    run = run_exercise(fillet, "crash.job", data=text.encode())
    page = html_report(run, lang="id", picture=False)
    assert "tabrakan" in page and "menggagalkan latihan" in page
    # the controller stops the robot at the touch: its gate leads the worst three, and the
    # touch is listed as an event
    assert "Robot berhenti di baris 19" in page
    assert "torch menyentuh web" in page  # the touch as an event, in Indonesian too


def test_histogram_and_png():
    svg = P.score_histogram([12.0, 55.0, 71.0, 99.0, 100.0], [False, False, True, True, True])
    assert svg.startswith("<svg ") and ">passed<" in svg and ">failed<" in svg
    assert P.score_histogram([1.0], [None], "id") == P.score_histogram([1.0], [None], "id")
    image = np.zeros((3, 4, 3), dtype=np.uint8)
    image[1, 2] = (255, 0, 0)
    uri = P.png_data_uri(image)
    png = base64.b64decode(uri.removeprefix("data:image/png;base64,"))
    assert png[:8] == b"\x89PNG\r\n\x1a\n" and uri == P.png_data_uri(image)
    assert int.from_bytes(png[16:20], "big") == 4 and int.from_bytes(png[20:24], "big") == 3
    from PIL import Image

    decoded = np.asarray(Image.open(io.BytesIO(png)))
    assert decoded.shape == image.shape and np.array_equal(decoded, image)  # lossless, RGB


def test_a_given_picture_is_embedded(fast):
    image = np.full((6, 8, 3), 200, dtype=np.uint8)
    page = html_report(fast, picture=image)
    assert page.count("data:image/png;base64,") == 1 and P.png_data_uri(image) in page
