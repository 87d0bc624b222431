"""The pendant window speaks its language: the 3D view's camera caption (it was English only) and
the error marked beside a job line."""

from __future__ import annotations

import pytest

pygame = pytest.importorskip("pygame")

from weldsim.pendant import Pendant  # noqa: E402
from weldsim.pendant.app import PendantApp  # noqa: E402
from weldsim.pendant.view3d import View3D  # noqa: E402


@pytest.mark.parametrize(("lang", "still", "moved"), [
    ("id", "kamera: atas", "kamera: depan (digeser)"),
    ("en", "camera: top", "camera: front (moved)"),
])
def test_caption_in_the_window_language(lang, still, moved):
    p = Pendant.open("jog-basics", cell=False)
    app = PendantApp(p, lang=lang)
    try:
        assert app.camera_caption("top", False) == still
        assert app.camera_caption("front", True) == moved
        for preset in ("iso", "front", "top", "torch"):
            assert "view.cam" not in app.camera_caption(preset, False)
    finally:
        app.close()


def test_the_view_draws_the_caption_it_is_given():
    p = Pendant.open("jog-basics", cell=False)
    try:
        view = View3D(p.scenario, p.robot, (320, 240))
        seen = []
        surface = pygame.Surface((320, 240))
        view.draw(surface, p.q, caption=lambda name, moved: seen.append((name, moved)) or "x")
        assert seen == [("iso", False)]
        view.draw(surface, p.q)  # no caption: the English default, no stale callable
        assert seen == [("iso", False)]
    finally:
        p.close()


@pytest.mark.parametrize(("lang", "said"), [
    ("id", "<- P1 belum dideklarasikan"),
    ("en", "<- P1 is not declared"),
])
def test_a_job_line_with_an_error_is_marked_in_the_window_language(monkeypatch, lang, said):
    from weldsim.pendant import draw

    p = Pendant.open("jog-basics", cell=False)
    app = PendantApp(p, lang=lang)
    drawn: list[str] = []
    real_text = draw._text

    def spy(surface, font, text, *args, **kwargs):
        drawn.append(text)
        return real_text(surface, font, text, *args, **kwargs)

    try:
        p.load_text("JOB A\nMOVL P1 V=10\nEND\n", "a.job")
        monkeypatch.setattr(draw, "_text", spy)
        app.draw()
        assert said in drawn, [t for t in drawn if t.startswith("<-")]
    finally:
        app.close()
