"""The HTML report and the class page: content, determinism, languages, escaping, and a
headless Chromium that loads them."""

from __future__ import annotations

import base64
import re
import shutil
import subprocess
import tempfile
from pathlib import Path

import pytest

from weldsim.exercise import run_exercise
from weldsim.i18n import render
from weldsim.report import html_report, write_class_index, write_html_report
from weldsim.report.i18n import num, text
from weldsim.scenarios.loader import load_scenario

BAD_NAME = "<script>alert(1)<b>.job"


@pytest.fixture(scope="module")
def fillet():
    return load_scenario("t-fillet-2f")


@pytest.fixture(scope="module")
def passing(fillet):
    return run_exercise(fillet, fillet.reference_job)


@pytest.fixture(scope="module")
def failing(fillet):
    job = fillet.reference_job.read_text(encoding="utf-8").replace("S=42cm/min", "S=84cm/min")
    return run_exercise(fillet, BAD_NAME, data=job.encode())


@pytest.fixture(scope="module")
def jog():
    s = load_scenario("jog-basics")
    return run_exercise(s, s.reference_job)


def _count(page: str, pattern: str) -> int:
    return len(re.findall(pattern, page))


def test_passing_page_has_everything(passing):
    page = html_report(passing, picture=False)
    assert page.startswith("<!DOCTYPE html>") and page.endswith("</html>\n")
    assert 'id="score">100.0<' in page and "PASSED" in page and "excellent" in page
    assert "ISO 5817 quality level" in page and "required C" in page
    for name in ("aim", "work_angle", "travel_angle", "ctwd", "travel_speed", "bead", "setup"):
        assert text("en", f"crit_{name}") in page
    assert _count(page, r'<svg class="plot"') == 6
    assert 'aria-label="imperfection-map"' in page and 'aria-label="cross-section"' in page
    assert "the smallest throat" in page
    assert "No faults found." in page and "No collisions" in page
    assert "data:image/png" not in page and "<img" not in page
    assert not re.search(r'(src|href)="https?:|url\(\s*["\']?https?:|@import', page)
    assert "<metadata>" not in page


def test_failing_page_names_the_faults(failing):
    page = html_report(failing, picture=False)
    assert 'id="score">64.2<' in page and "FAILED" in page and "worse than D" in page
    worst = failing.card.worst(3)
    # cause first: the speed setting, with the small bead and undercut under it
    assert worst[0].name == "speed" and len(worst[0].consequences) >= 2
    for f in worst:  # what, why, fix and consequences, first letter capitalised
        texts = [render(m, "en") for m in f.messages()]
        for t in texts:
            assert t[:1].upper() + t[1:] in page
    assert "job line 8" in page and "seam root, 2–248 mm" in page  # the ASC that writes S=
    assert _count(page, r'<svg class="plot"') == 6
    assert page.count('fill="#d64545"') >= 1  # a stretch worse than D on the map
    assert "the worst imperfection here is throat too small" in page


def test_picture_is_an_embedded_png(passing, tmp_path):
    path = tmp_path / "r.html"
    write_html_report(passing, path, picture=True)
    page = path.read_text(encoding="utf-8")
    m = re.search(r'<img alt="[^"]*" src="data:image/png;base64,([A-Za-z0-9+/=]+)"', page)
    assert m, "no picture"
    png = base64.b64decode(m.group(1))
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    assert int.from_bytes(png[16:20], "big") == 800 and int.from_bytes(png[20:24], "big") == 600
    assert html_report(passing, picture=True) == page  # the picture is deterministic too


def test_same_run_same_bytes(failing, tmp_path):
    a, b = tmp_path / "a.html", tmp_path / "b.html"
    write_html_report(failing, a, picture=False)
    write_html_report(failing, b, picture=False)
    assert a.read_bytes() == b.read_bytes()
    assert b"\r\n" not in a.read_bytes()


def test_indonesian_page(failing, jog):
    page = html_report(failing, lang="id", picture=False)
    assert '<html lang="id">' in page
    assert "TIDAK LULUS" in page and "Yang harus diperbaiki lebih dulu" in page
    assert 'id="score">64,2<' in page  # decimal comma
    assert "What to fix first" not in page and "Criteria" not in page
    assert "bahasa Inggris" not in page and "in English" not in page  # no apology note
    assert "LULUS" in html_report(jog, lang="id", picture=False)
    with pytest.raises(ValueError, match="must be one of"):
        html_report(failing, lang="fr", picture=False)


def test_numbers_follow_the_language():
    assert num(1.25, 1, "id") == "1,2" or num(1.25, 1, "id") == "1,3"
    assert num(-0.01, 1, "en") == "0.0" and num(None, 1, "en") == "–"


def test_trainee_text_is_escaped(failing, tmp_path):
    page = html_report(failing, picture=False)
    assert "<script" not in page and "<b>.job" not in page
    assert "&lt;script&gt;alert(1)&lt;b&gt;.job" in page
    rows = [{"name": "<script>alert('x')</script>", "file": BAD_NAME, "score": 12.5,
             "passed": False, "level": None, "worst": ["<img src=x onerror=alert(1)>"],
             "cycle_time_s": 30.0, "errors": "<b>bad</b>",
             "report": "javascript:alert(1)"}]
    index = write_class_index(rows, tmp_path).read_text(encoding="utf-8")
    assert "<script>alert" not in index and "<img src=x" not in index and "<b>bad" not in index
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;" in index
    assert 'href="javascript:' not in index


def test_jog_basics_page_has_targets_and_no_seam_plots(jog):
    page = html_report(jog, picture=False)
    assert "Targets" in page and text("en", "crit_targets") in page
    assert text("en", "crit_cycle_time") in page and "no weld" in page
    assert "<svg" not in page
    assert "PASSED" in page
    rows = re.findall(r"<tr><td>(T\d)</td><td class=\"r ok\">0.0 mm</td>", page)
    assert rows == ["T1", "T2", "T3", "T4", "T5"]  # each target's closest approach


def test_class_index(tmp_path, passing, failing):
    rows = [
        {"name": "Ani", "file": "ani.job", "score": passing.card.score, "passed": True,
         "level": "B", "worst": [], "cycle_time_s": 25.1, "errors": None,
         "report": "ani job.html"},
        {"name": "Budi", "file": "budi.job", "score": failing.card.score, "passed": False,
         "level": None, "worst": [render(f.what, "en") for f in failing.card.worst(3)],
         "cycle_time_s": 25.5, "errors": None, "report": "budi.html"},
        {"name": "Citra", "file": "citra.job", "score": None, "passed": None, "level": None,
         "worst": [], "cycle_time_s": None, "errors": "line 4: unknown instruction 'MOVX'",
         "report": None},
    ]
    path = write_class_index(rows, tmp_path / "class", lang="en")
    assert path == tmp_path / "class" / "index.html"
    page = path.read_text(encoding="utf-8")
    assert _count(page, r"<tr>") == 4  # heading and three trainees
    assert 'href="ani%20job.html"' in page and 'href="budi.html"' in page
    assert "unknown instruction &#x27;MOVX&#x27;" in page
    assert "Trainees<br><b>3</b>" in page and "Graded<br><b>2</b>" in page
    assert "Pass rate<br><b>50 %</b>" in page
    mean = (passing.card.score + failing.card.score) / 2
    assert f"Mean score<br><b>{mean:.1f}</b>" in page
    assert _count(page, r"<svg") == 1 and 'aria-label="histogram"' in page
    again = write_class_index(rows, tmp_path / "class", lang="en").read_text(encoding="utf-8")
    assert again == page
    page_id = write_class_index(rows, tmp_path / "id", lang="id").read_text(encoding="utf-8")
    assert "Persentase lulus" in page_id and "Sebaran nilai" in page_id
    empty = write_class_index([], tmp_path / "empty").read_text(encoding="utf-8")
    assert "No trainees yet." in empty and "<svg" not in empty


# -- headless Chromium -----------------------------------------------------------------------

_CHROMIUM_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
                   "--no-first-run", "--disable-background-networking",
                   "--disable-component-update", "--disable-sync", "--hide-scrollbars",
                   "--enable-logging=stderr", "--v=0"]


@pytest.fixture(scope="module")
def chromium():
    """Debian's chromium when it is installed (``.ci/run`` installs it where the machine
    allows); the test is skipped, saying why, otherwise. Tests never install packages."""
    exe = shutil.which("chromium")
    if exe is None:
        pytest.skip("chromium is not installed (Debian: apt-get install chromium; "
                    ".ci/run does it where it may)")
    return exe


def _open(exe: str, page: Path, shot: Path, profile: Path) -> subprocess.Popen:
    return subprocess.Popen(
        [exe, *_CHROMIUM_FLAGS, f"--user-data-dir={profile}", f"--screenshot={shot}",
         "--dump-dom", "--window-size=1200,3000", page.resolve().as_uri()],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, encoding="utf-8",
        errors="replace")


def test_chromium_loads_the_pages(chromium, passing, failing, tmp_path):
    pages = {"pass": passing, "fail": failing}
    out = Path(tempfile.gettempdir())
    procs = {}
    for name, run in pages.items():
        path = tmp_path / f"{name}.html"
        write_html_report(run, path, picture=True)
        procs[name] = (path, out / f"weldsim-report-{name}.png",
                       _open(chromium, path, out / f"weldsim-report-{name}.png",
                             tmp_path / f"profile-{name}"))
    rows = [{"name": name, "file": f"{name}.job", "score": run.card.score,
             "passed": run.card.passed, "level": run.card.iso5817_level,
             "worst": [render(f.what, "en") for f in run.card.worst(3)], "cycle_time_s": 25.0,
             "errors": None, "report": f"{name}.html"} for name, run in pages.items()]
    index = write_class_index(rows, tmp_path)
    procs["index"] = (index, out / "weldsim-report-index.png",
                      _open(chromium, index, out / "weldsim-report-index.png",
                            tmp_path / "profile-index"))
    for name, (path, shot, proc) in procs.items():
        try:
            dom, log = proc.communicate(timeout=60)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.communicate()
            pytest.fail(f"chromium did not finish {name} within 60 s")
        source = path.read_text(encoding="utf-8")
        console = [line for line in log.splitlines() if ":CONSOLE" in line]
        assert not console, f"{name}: {console}"
        assert "<main>" in dom, f"{name}: no DOM ({log[-500:]})"
        for tag in ("<svg", "<img", "<table"):
            assert dom.count(tag) == source.count(tag), (name, tag)
        png = shot.read_bytes()
        assert png[:8] == b"\x89PNG\r\n\x1a\n"
        assert int.from_bytes(png[16:20], "big") == 1200, name
    assert procs["pass"][0].read_text(encoding="utf-8").count("<img") == 1
