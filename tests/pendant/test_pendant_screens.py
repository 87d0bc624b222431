"""Screens of each mode, drawn headless (the pictures are kept for a person to look at), and
the placeholder while the 3D view is missing."""

from __future__ import annotations

import builtins

import pygame
import pytest

from weldsim.pendant import Mode, Pendant
from weldsim.pendant.app import PendantApp
from weldsim.scenarios.loader import load_scenario


@pytest.fixture(scope="module")
def scenario():
    return load_scenario("jog-basics")


def test_screens_of_each_mode(scenario, shots, tmp_path):
    p = Pendant(scenario, cell=False)
    steps = [{"screenshot": str(shots.path / "instructions-id.png")}, {"tap": "return"},
             {"tap": "f2"}, {"tap": "1"}, {"wait": 2},
             {"screenshot": str(shots.path / "teach-alarm-id.png")},
             {"tap": "l", "mod": "ctrl"}, {"tap": "r", "mod": "ctrl"},
             {"key": "space", "down": True}, {"tap": "f5"}, {"tap": "f11"},
             {"screenshot": str(shots.path / "weave-form-en.png")}, {"tap": "escape"},
             {"key": "space", "down": False}, {"tap": "f3"},
             {"screenshot": str(shots.path / "play-en.png")}]
    app = PendantApp(p, lang="id", script=steps)
    try:
        app.run()
        assert p.mode is Mode.PLAY and p.editor.instructions
    finally:
        app.close()
    for name in ("instructions-id", "teach-alarm-id", "weave-form-en", "play-en"):
        png = shots.path / f"{name}.png"
        assert pygame.image.load(str(png)).get_size() == (1280, 720)
        shots.keep(png)


def test_placeholder_until_the_3d_view_lands(scenario, shots, monkeypatch):
    real_import = builtins.__import__

    def no_view(name, *args, **kwargs):
        if name == "weldsim.pendant.view3d":
            raise ImportError("not yet")
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", no_view)
    app = PendantApp(Pendant(scenario, cell=False), lang="en", show_instructions=False)
    try:
        assert app.view is None
        app.run(frames=1, screenshot=shots.path / "placeholder.png")
        r = app.layout.view
        # a plain panel: the view area is the placeholder colour apart from its label
        assert app.screen.get_at((r.left + 5, r.top + 5))[:3] == (22, 24, 30)
    finally:
        app.close()
