"""The report's small SVG writer: number formatting, escaping, nice ticks, clipping."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import numpy as np
import pytest

from weldsim.report import plots as P
from weldsim.report.svg import Axes, Svg, fmt, nice_ticks, points, tick_digits, tick_labels


def test_numbers_have_two_decimals_at_most_and_no_minus_zero():
    assert [fmt(v) for v in (0.0, -0.0, -0.004, 0.004, 12.5, 12.499, 3.0, -2.25, 1e12)] == [
        "0", "0", "0", "0", "12.5", "12.5", "3", "-2.25", "1000000"]
    rng = np.random.default_rng(7)
    xs = np.concatenate([rng.normal(0.0, 300.0, 5000), rng.integers(-500, 500, 500) / 100,
                         [0.0, -0.0, -0.001, 0.005, -0.005, 100.0, -1e9]])
    ys = xs[::-1].copy()
    # the fast writer of a polyline's points writes each number as fmt does
    assert points(xs, ys).split(" ") == [f"{fmt(x)},{fmt(y)}" for x, y in zip(xs, ys,
                                                                             strict=True)]
    with pytest.raises(ValueError):
        points(np.zeros(3), np.zeros(2))


@pytest.mark.parametrize("lo, hi, bins, step, ticks", [
    (0.0, 200.0, 10, 20.0, [20.0 * k for k in range(11)]),
    (0.0, 250.0, 10, 25.0, [25.0 * k for k in range(11)]),
    (-2.6, 2.6, 4, 2.0, [-2.0, 0.0, 2.0]),
    (4.9, 14.3, 4, 2.5, [5.0, 7.5, 10.0, 12.5]),
    (-0.51, 0.51, 4, 0.5, [-0.5, 0.0, 0.5]),
    (0.0, 252.5, 6, 50.0, [0.0, 50.0, 100.0, 150.0, 200.0, 250.0]),
])
def test_nice_ticks_as_a_plotting_library_picks_them(lo, hi, bins, step, ticks):
    got_step, got = nice_ticks(lo, hi, bins)
    assert got_step == pytest.approx(step) and got == pytest.approx(ticks)
    assert all(lo <= t <= hi for t in got) and len(got) <= bins + 1


def test_nice_ticks_of_a_degenerate_range_do_not_fail():
    assert nice_ticks(3.0, 3.0, 4) == (1.0, [3.0])
    assert nice_ticks(float("nan"), 1.0, 4) == (1.0, [])


def test_tick_labels_share_their_decimals():
    assert tick_digits(50.0) == 0 and tick_digits(2.5) == 1 and tick_digits(0.25) == 2
    assert tick_labels([5.0, 7.5, 10.0], 2.5, "id") == ["5,0", "7,5", "10,0"]
    assert tick_labels([-2.0, 0.0, 2.0], 2.0, "en") == ["\u22122", "0", "2"]


def test_text_is_escaped_and_the_figure_parses():
    g = Svg(100, 50, cls="plot", label='a "quoted" <label> & more')
    g.text(1, 10, "<script>alert(1)</script> & 'x'")
    g.rect(0, 0, 10, -5, "#fff", title="<b>")  # a negative size is drawn as zero
    g.open_clip(0, 0, 50, 50)
    g.polyline(np.array([0.0, 1.0]), np.array([2.0, 3.0]), "#000", 1.0, title="a & b")
    g.close_clip()
    svg = g.close()
    root = ET.fromstring(svg)
    assert root.get("aria-label") == 'a "quoted" <label> & more'
    assert "<script>" not in svg and "&lt;script&gt;" in svg
    texts = [el.text for el in root.iter() if el.tag.endswith("}text")]
    assert texts == ["<script>alert(1)</script> & 'x'"]
    assert 'height="0"' in svg


def test_an_unclosed_clip_is_a_programming_error():
    g = Svg(10, 10, cls="plot", label="x")
    g.open_clip(0, 0, 5, 5)
    with pytest.raises(RuntimeError):
        g.close()


def test_axes_map_data_up_to_svg_down():
    ax = Axes((10.0, 20.0, 110.0, 70.0), (0.0, 10.0), (-1.0, 1.0))
    assert ax.x(0.0) == 10.0 and ax.x(10.0) == 110.0
    assert ax.y(-1.0) == 70.0 and ax.y(1.0) == 20.0 and ax.y(0.0) == 45.0


def test_a_seam_name_from_a_scenario_file_is_escaped_in_the_plot():
    from weldsim.scenarios.spec import Window

    s = np.linspace(0.0, 50.0, 20)
    svg = P._band_plot("plot-t", "t", ['<b>"root"</b>', "a&b"], [[(s, 0 * s)], [(s, 0 * s)]],
                       Window(0.0, -0.5, 0.5, -1.5, 1.5), 1.0, 0.0, "en")
    root = ET.fromstring(svg)
    texts = [el.text for el in root.iter() if el.tag.endswith("}text")]
    assert 'seam <b>"root"</b>' in texts and "seam a&b" in texts
    assert len([el for el in root.iter() if el.tag.endswith("}polyline")]) == 2
