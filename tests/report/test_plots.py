"""The report's figures: parameter plots, the imperfection map, the cross-section at the worst
point, the histogram and the embedded picture."""

from __future__ import annotations

import base64
import io
import xml.etree.ElementTree as ET

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


def _xml(svg: str) -> ET.Element:
    """The figure parsed as XML (it must be well-formed to parse)."""
    return ET.fromstring(svg)


def _tag(el: ET.Element) -> str:
    return el.tag.rsplit("}", 1)[-1]


def _all(root: ET.Element, tag: str) -> list[ET.Element]:
    return [el for el in root.iter() if _tag(el) == tag]


def _frame(root: ET.Element) -> tuple[float, float, float, float]:
    """(left, top, right, bottom) of the plot's data area: its nested clipping viewport."""
    inner = [el for el in root if _tag(el) == "svg"]
    assert len(inner) == 1
    x, y, w, h = (float(inner[0].get(k)) for k in ("x", "y", "width", "height"))
    return x, y, x + w, y + h


def _y_ticks(root: ET.Element, left: float) -> dict[float, str]:
    """y position -> label of each y tick: the labels right-aligned left of the frame."""
    out = {}
    for t in _all(root, "text"):
        if t.get("text-anchor") == "end" and float(t.get("x")) < left:
            out[float(t.get("y"))] = t.text
    return out


def test_figures_are_well_formed_inline_svg_without_ids(fast):
    figures = [svg for _, _, svg in P.seam_plots(fast, "id")]
    figures += [P.score_histogram([12.0, 55.0, 99.0], [False, False, True], "id"),
                P.imperfection_map(fast, "id")]
    for svg in figures:
        assert svg.startswith("<svg ") and svg.endswith("</svg>\n")
        assert "<?xml" not in svg and "<!DOCTYPE" not in svg
        root = _xml(svg)  # parses: escaped, closed, quoted
        assert _tag(root) == "svg" and root.get("viewBox") and root.get("role") == "img"
        assert root.get("width") is None  # the page scales it to its card
        # no ids at all: a page can hold any number of figures without a clash
        assert not [el for el in root.iter() if el.get("id")] and "url(#" not in svg
        assert "nan" not in svg.lower() and "inf" not in svg


def test_seam_plots_show_the_windows(fast):
    plots = P.seam_plots(fast, "en")
    assert [k for k, _, _ in plots] == ["aim_lateral", "aim_vertical", "work_angle",
                                        "travel_angle", "ctwd", "travel_speed"]
    s = fast.scenario
    names = dict((key, window) for key, _, window in P.PLOT_PARAMETERS)
    for key, title, svg in plots:
        root = _xml(svg)
        assert root.get("aria-label") == f"plot-{key}" and f">{title}</text>" in svg
        assert ">along the seam (mm)</text>" in svg
        window = s.windows[names[key]]
        scale, offset = 1.0, 0.0
        if key == "travel_speed":  # the window is a percentage of the WPS speed, in mm/s
            offset = s.wps.speed_mm_s.nominal
            scale = offset / 100.0
        edges = [offset + scale * v for v in (window.zero_lo, window.full_lo, window.full_hi,
                                              window.zero_hi)]
        left, top, right, bottom = _frame(root)
        rects = _all(root, "rect")
        bands = {c: [r for r in rects if r.get("fill") == c] for c in (P._FULL, P._PART,
                                                                      P._ZERO)}
        assert [len(bands[c]) for c in (P._FULL, P._PART, P._ZERO)] == [1, 2, 2]
        for r in bands[P._FULL] + bands[P._PART] + bands[P._ZERO]:
            assert float(r.get("x")) == left and float(r.get("width")) == right - left
        # the bands in plot coordinates: y of the zero and full edges, top to bottom
        full = bands[P._FULL][0]
        upper, lower = sorted(bands[P._PART], key=lambda r: float(r.get("y")))
        y_zero_hi, y_full_hi = float(upper.get("y")), float(full.get("y"))
        y_full_lo = y_full_hi + float(full.get("height"))
        y_zero_lo = float(lower.get("y")) + float(lower.get("height"))
        assert float(upper.get("y")) + float(upper.get("height")) == pytest.approx(y_full_hi,
                                                                                   abs=0.02)
        assert float(lower.get("y")) == pytest.approx(y_full_lo, abs=0.02)
        ys = [y_zero_lo, y_full_lo, y_full_hi, y_zero_hi]
        assert top < y_zero_hi < y_full_hi < y_full_lo < y_zero_lo < bottom
        # one linear scale maps the four window edges, and the tick labels agree with it
        gain = (ys[0] - ys[3]) / (edges[3] - edges[0])
        for v, y in zip(edges, ys, strict=True):
            assert ys[0] - (v - edges[0]) * gain == pytest.approx(y, abs=0.03)
        ticks = _y_ticks(root, left)
        assert len(ticks) >= 2
        for y_text, label in ticks.items():
            value = float(label.replace("\u2212", "-"))
            y_tick = y_text - 0.35 * P._TICK_SIZE  # the label's baseline sits below the tick
            assert ys[0] - (value - edges[0]) * gain == pytest.approx(y_tick, abs=0.03)
        # the zero edges dashed red, at the zero band's edges
        dashed = [ln for ln in _all(root, "line") if ln.get("stroke") == P._EDGE]
        assert sorted(float(ln.get("y1")) for ln in dashed) == pytest.approx(
            sorted([y_zero_hi, y_zero_lo]), abs=0.02)
        assert all(ln.get("stroke-dasharray") for ln in dashed)
        # one line per pass (its samples with a value: none is NaN here but at its ends),
        # every point inside the x range of the frame
        passes = P._passes(fast.metrics, dict((k, a) for k, a, _ in P.PLOT_PARAMETERS)[key], 0)
        lines = _all(root, "polyline")
        assert len(lines) == len(passes) == 1
        for line, (s_mm, v) in zip(lines, passes, strict=True):
            pts = [tuple(map(float, p.split(","))) for p in line.get("points").split()]
            assert len(pts) == np.count_nonzero(np.isfinite(v)) <= len(s_mm) <= P._MAX_POINTS
            assert len(pts) > 0.9 * len(s_mm)
            assert all(left <= x <= right for x, _ in pts)
            assert line.get("stroke") == P._SEAM_COLOURS[0]
    speed = dict((k, s) for k, _, s in plots)["travel_speed"]
    assert "Travel speed (mm/s)" in speed
    assert P.seam_plots(fast, "en") == plots  # the same run draws the same bytes


def test_plot_lines_are_thinned_to_the_same_points_as_before(butt):
    # a weave: every sample is kept up to _MAX_POINTS a pass, then every k-th, first included
    m = butt.metrics
    on = np.flatnonzero(m.arc_on & (m.seam == 0))
    passes = P._passes(m, "aim_lateral_mm", 0)
    assert sum(len(s) for s, _ in passes) <= P._MAX_POINTS * len(passes)
    step = -(-on.size // P._MAX_POINTS) if len(passes) == 1 else None
    if step is not None:
        assert np.array_equal(passes[0][0], m.s_mm[on[::step]])
    svg = dict((k, s) for k, _, s in P.seam_plots(butt, "en"))["aim_lateral"]
    line = _all(_xml(svg), "polyline")
    assert [len(el.get("points").split()) for el in line] == [len(s) for s, _ in passes]


def test_a_gap_in_the_data_breaks_the_line():
    from weldsim.scenarios.spec import Window

    s = np.linspace(0.0, 100.0, 11)
    v = np.array([0.1, 0.2, np.nan, 0.3, 0.2, 0.1, 0.0, np.nan, np.nan, -0.1, -0.2])
    svg = P._band_plot("plot-t", "t", ["root"], [[(s, v)]], Window(0.0, -0.5, 0.5, -1.5, 1.5),
                       1.0, 0.0, "en")
    lines = _all(_xml(svg), "polyline")
    assert [len(el.get("points").split()) for el in lines] == [2, 4, 2]
    assert "nan" not in svg.lower()


@pytest.mark.parametrize("lang, half", [("id", "0,5"), ("en", "0.5")])
def test_tick_labels_use_the_decimal_mark(lang, half):
    from weldsim.scenarios.spec import Window

    s = np.linspace(0.0, 12.5, 30)
    svg = P._band_plot("plot-t", "t", ["root"], [[(s, 0.1 * np.sin(s))]],
                       Window(0.0, -0.1, 0.1, -0.3, 0.3), 1.0, 0.0, lang)
    labels = [t.text for t in _all(_xml(svg), "text")]
    other = "0.5" if lang == "id" else "0,5"
    assert half in labels and f"\u2212{half}" in labels and other not in labels
    assert "2,5" in labels if lang == "id" else "2.5" in labels  # the x axis: steps of 2.5
    # every label of an axis has the same decimals (0,0 0,5 1,0, as before)
    assert ("0,0" if lang == "id" else "0.0") in labels


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
    # one bar a non-empty bin and outcome, its height its count (100 falls in 90-100)
    bars = {r.find("{http://www.w3.org/2000/svg}title").text: float(r.get("height"))
            for r in _all(_xml(svg), "rect") if r.find("{http://www.w3.org/2000/svg}title")
            is not None}
    assert sorted(bars) == ["10–20: 1 failed", "50–60: 1 failed", "70–80: 1 passed",
                            "90–100: 2 passed"]
    assert bars["90–100: 2 passed"] == pytest.approx(2 * bars["70–80: 1 passed"], abs=0.02)
    labels = [t.text for t in _all(_xml(P.score_histogram([5.0] * 3, [True] * 3, "id")), "text")]
    assert labels[labels.index("0"):labels.index("100") + 1] == [str(k) for k in range(0, 101,
                                                                                       10)]
    assert {"0", "1", "2", "3", "nilai", "peserta"} <= set(labels)  # whole trainees
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
