"""Preparing the kernels: the record covers what weldsim uses, the cache check reads numba's
index without loading code, and a preparation fills exactly what was missing."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from weldsim import prepare as p
from weldsim.cli import main


def test_every_recorded_type_decodes_to_what_was_encoded():
    sigs = p.recorded_signatures()
    assert len(sigs) >= 20  # the demo alone compiles more than twenty kernels
    for sig in sigs:
        types_ = p._numba_sig(sig.args)
        assert p._args_json(types_) == sig.args, sig
        assert callable(p._dispatcher(sig.module, sig.name))
        assert sig.cost_s > 0


def test_recorded_kernels_are_longest_first():
    costs = [s.cost_s for s in p.recorded_signatures()]
    assert costs == sorted(costs, reverse=True)


def test_every_kernel_module_has_a_recorded_cost_and_groups_by_module():
    sigs = p.recorded_signatures()
    assert set(p.module_costs()) == {s.module for s in sigs} == set(p.KERNEL_MODULES)
    groups = p._groups(sigs)
    assert sorted(len(g) for g in groups) == sorted(
        sum(s.module == m for s in sigs) for m in p.KERNEL_MODULES)
    assert all(len({s.module for s in g}) == 1 for g in groups)
    costs = p.module_costs()
    assert [costs[g[0].module] for g in groups] == sorted(costs.values(), reverse=True)


def test_a_command_prepares_only_the_modules_it_uses():
    others = set(p.KERNEL_MODULES) - set(p.PENDANT_MODULES)
    todo = p.missing(p.recorded_signatures(), modules=others)
    assert all(s.module in others for s in todo)


def test_unknown_numba_types_are_refused_when_recording():
    from numba.core import types

    with pytest.raises(TypeError, match="cannot record"):
        p._encode(types.unicode_type)


@pytest.mark.slow
def test_the_record_covers_the_representative_workload():
    """Run the workload in a new process (warm cache) and compare what it compiled or loaded
    with the record: a kernel or signature added without re-recording fails here."""
    code = ("import json, weldsim.prepare as p; p.representative_workload(); "
            "print(json.dumps(sorted({(s.module, s.name, s.args) for s in p.used_signatures()})))")
    env = dict(os.environ, SDL_VIDEODRIVER="dummy", SDL_AUDIODRIVER="dummy")
    out = subprocess.run([sys.executable, "-c", code], env=env, check=True,
                         capture_output=True, text=True).stdout.strip().splitlines()[-1]
    used = {tuple(x) for x in json.loads(out)}
    recorded = {(s.module, s.name, s.args) for s in p.recorded_signatures()}
    assert used - recorded == set(), "re-record with: python -m weldsim.prepare --record"


def test_an_empty_cache_misses_everything_and_preparing_one_kernel_fills_it(tmp_path):
    """In a new process with an empty cache: all missing; compile the cheapest kernel with two
    workers; then exactly that one is cached."""
    cheapest = min(p.recorded_signatures(), key=lambda s: s.cost_s)
    code = (
        "import json, weldsim.prepare as p\n"
        "sigs = p.recorded_signatures()\n"
        "before = len(p.missing(sigs))\n"
        f"one = [s for s in sigs if (s.module, s.name, s.args) == "
        f"({cheapest.module!r}, {cheapest.name!r}, {cheapest.args!r})]\n"
        "p.prepare(one, workers=2)\n"
        "after = {(s.module, s.name, s.args) for s in p.missing(sigs)}\n"
        "print(json.dumps([before, len(sigs), len(after), "
        "[one[0].module, one[0].name, one[0].args] in [list(a) for a in after]]))\n")
    env = dict(os.environ, NUMBA_CACHE_DIR=str(tmp_path / "numba"))
    out = subprocess.run([sys.executable, "-c", code], env=env, check=True,
                         capture_output=True, text=True).stdout.strip().splitlines()[-1]
    before, total, after, still_missing = json.loads(out)
    assert before == total
    assert after == total - 1
    assert not still_missing


def test_prepare_command_on_a_prepared_machine_says_so(capsys):
    p.prepare(p.missing(), workers=1)  # the suite's cache: whatever is missing, once
    assert main(["prepare", "--lang", "en"]) == 0
    assert "already prepared" in capsys.readouterr().out
    assert main(["prepare", "--lang", "id"]) == 0
    assert "sudah siap" in capsys.readouterr().out


def test_first_command_prepares_with_one_sentence_in_the_users_language(tmp_path):
    """A command that needs kernels, on an empty cache, says once what it does."""
    env = dict(os.environ, NUMBA_CACHE_DIR=str(tmp_path / "numba"), WELDSIM_LANG="id")
    code = ("import weldsim.prepare as p, sys\n"
            "p.prepare = lambda sigs, workers=None, on_done=None: 0.0\n"  # no real compile
            "sys.exit(p.ensure_prepared('id') != 0.0)\n")
    done = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True,
                          text=True)
    assert done.returncode == 0, done.stderr
    assert "Menyiapkan weldsim untuk komputer ini, sekali saja" in done.stderr
