"""The lean load of cached kernels (``weldsim/_jit.py``): installed by every kernel module, used
only for weldsim's kernels, and giving the same results as numba's own load."""

from __future__ import annotations

import importlib
import io
import json
import os
import subprocess
import sys

import numba
import pytest
from numba.core import caching

import weldsim._jit as jit
from weldsim import prepare

# What a fresh process runs: every bundled exercise's reference job to JSON, the pendant's
# readout and 3D view (the representative workload's kernels), then reports a digest of the
# outputs, whether numba ever refreshed its target context (``numba.np.arraymath`` is one of
# the modules only the refresh imports) and how many kernels were loaded from the cache.
_PROBE = r"""
import hashlib, json, os, sys
os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")
import pygame
from weldsim import prepare
from weldsim.exercise import run_exercise
from weldsim.report import report_json, write_html_report
import tempfile
from pathlib import Path
from weldsim.scenarios.loader import bundled_scenario_ids, load_scenario
from weldsim.pendant.controller import Pendant
from weldsim.pendant.view3d import View3D

digest = hashlib.sha256()
for sid in bundled_scenario_ids():
    scenario = load_scenario(sid)
    run = run_exercise(scenario, scenario.reference_job)
    digest.update(json.dumps(report_json(run), sort_keys=True).encode())
    with tempfile.TemporaryDirectory() as tmp:
        write_html_report(run, Path(tmp) / "r.html", lang="id")
        digest.update((Path(tmp) / "r.html").read_bytes())
pygame.init()
scenario = load_scenario("t-fillet-2f")
pendant = Pendant(scenario)
digest.update(repr(pendant.readout()).encode())
surface = pygame.Surface((320, 240))
View3D(scenario, pendant.robot, (320, 240)).draw(surface, pendant.q)
digest.update(pygame.image.tobytes(surface, "RGB"))
used = sorted({(s.module, s.name, s.args) for s in prepare.used_signatures()})
hits = sum(sum(d._cache_hits.values()) for _, _, d in prepare._all_dispatchers())
misses = sum(sum(d._cache_misses.values()) for _, _, d in prepare._all_dispatchers())
import weldsim._jit as jit
print(json.dumps({"digest": digest.hexdigest(), "hits": hits, "used": used, "misses": misses,
                  "refreshed": "numba.np.arraymath" in sys.modules,
                  "lean": jit.lean_cache_load_installed()}))
"""


def _probe(**env: str) -> dict:
    full = dict(os.environ, SDL_VIDEODRIVER="dummy", SDL_AUDIODRIVER="dummy", **env)
    out = subprocess.run([sys.executable, "-c", _PROBE], env=full, check=True,
                         capture_output=True, text=True).stdout
    return json.loads(out.strip().splitlines()[-1])


def test_every_kernel_module_takes_its_decorators_from_weldsim_jit():
    for module in prepare.KERNEL_MODULES:
        mod = importlib.import_module(module)
        assert mod.njit is jit.njit, module
    assert jit.lean_cache_load_installed()


def test_other_packages_kernels_keep_numbas_own_load(monkeypatch):
    calls = []
    monkeypatch.setattr(jit, "_numba_load_overload",
                        lambda self, sig, ctx: calls.append(self) or None)

    def outsider(x):
        return x + 1

    outsider.__module__ = "someone_else"
    cache = caching.FunctionCache(numba.njit(outsider).py_func)
    assert caching.Cache.load_overload(cache, None, None) is None
    assert calls == [cache]


def test_the_switch_keeps_numbas_own_load(monkeypatch):
    monkeypatch.setenv("WELDSIM_NUMBA_FULL_LOAD", "1")
    monkeypatch.setattr(caching.Cache, "load_overload", jit._numba_load_overload)
    assert not jit.install_lean_cache_load()
    assert not jit.lean_cache_load_installed()
    monkeypatch.delenv("WELDSIM_NUMBA_FULL_LOAD")
    assert jit.install_lean_cache_load()


@pytest.mark.slow
def test_lean_load_gives_numbas_results_without_the_refresh():
    """With a prepared cache, a fresh process loads every kernel it needs the lean way (numba's
    registries never load, nothing compiles) and produces exactly what numba's own load
    does: the JSON of every bundled reference job, the pendant's readout and its 3D view."""
    prepare.ensure_prepared("en", stream=io.StringIO())
    lean = _probe()
    full = _probe(WELDSIM_NUMBA_FULL_LOAD="1")
    assert lean["lean"] and not full["lean"]
    # The same specialisations, every one loaded from the cache (inner helpers come linked
    # into their callers' code, so a warm process loads only the kernels Python calls).
    assert lean["used"] == full["used"]
    assert {tuple(u) for u in lean["used"]} <= {
        (s.module, s.name, s.args) for s in prepare.recorded_signatures()}
    assert lean["hits"] == len(lean["used"]) > 0 and lean["misses"] == 0
    assert not lean["refreshed"]
    assert full["refreshed"]
    assert lean["digest"] == full["digest"]
