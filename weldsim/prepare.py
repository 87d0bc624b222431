"""Prepare weldsim for this computer: compile its numba kernels once, in parallel.

weldsim's kernels are compiled by numba on first use and kept in the user's cache folder
(:mod:`weldsim._cache`). Compiled one after the other inside the first command, they cost a
teacher's first ``weldsim demo`` most of a minute with no word of what is happening. Here they
are compiled up front, spread over the machine's cores, with a progress bar:

- :data:`SIGNATURES_FILE` lists every kernel and argument-type signature that weldsim's
  commands use (recorded by ``python -m weldsim.prepare --record``, which runs a representative
  workload; ``tests/test_prepare.py`` checks that the record still covers what the demo uses).
- :func:`missing` says which of them the cache lacks, reading only numba's cache index files
  (no compiled code is loaded), so a command can ask cheaply before it starts.
- :func:`prepare` compiles the missing ones in worker processes (started with *spawn*, as on
  Windows), longest first, each worker writing numba's cache as it goes.

``weldsim prepare`` runs it on purpose (a school can run it once after installing); every
command that needs the kernels runs it first when something is missing
(:func:`ensure_prepared`).

The readiness check reads numba's cache index the way numba itself does (``FunctionCache``'s
index key); it relies on numba internals, so :func:`missing` treats any surprise in them as
"missing" and the price of a wrong answer is a preparation that finds everything cached.
"""

from __future__ import annotations

import importlib
import json
import os
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

__all__ = [
    "KERNEL_MODULES",
    "PENDANT_MODULES",
    "SIGNATURES_FILE",
    "KernelSignature",
    "ensure_prepared",
    "load_recorded",
    "missing",
    "prepare",
    "recorded_signatures",
]

KERNEL_MODULES: tuple[str, ...] = (
    "weldsim.kinematics._kernels",
    "weldsim.motion._kernels",
    "weldsim.scoring._kernels",
    "weldsim.weld._kernels",
    "weldsim.sim._kernels",
    "weldsim.pendant._view._kernels",
)
"""Every module of numba kernels (the design keeps kernels in ``_kernels.py`` modules)."""

PENDANT_MODULES: tuple[str, ...] = ("weldsim.pendant._view._kernels",)
"""Kernels only the pendant's window uses: other commands do not prepare them."""

SIGNATURES_FILE = Path(__file__).with_name("_kernel_signatures.json")
"""The recorded kernels, their argument types and compile cost (JSON)."""


@dataclass(frozen=True, slots=True)
class KernelSignature:
    """One compiled specialisation of a kernel.

    Attributes
    ----------
    module, name : str
        Where the dispatcher lives (``weldsim.weld._kernels``, ``bead_grid``).
    args : str
        The argument types, each in :func:`_encode` form, as canonical JSON (a list).
    cost_s : float
        Compile time measured when recorded [s], used to schedule the longest first.
    """

    module: str
    name: str
    args: str
    cost_s: float = 0.0


# --- argument types <-> JSON ----------------------------------------------------------------
def _encode(t) -> object:
    """A numba type as JSON data; raises TypeError for a kind the record cannot carry."""
    from numba.core import types

    if isinstance(t, types.Array):
        return {"array": str(t.dtype), "ndim": t.ndim, "layout": t.layout,
                "readonly": not t.mutable}
    if isinstance(t, types.UniTuple):
        return {"unituple": _encode(t.dtype), "count": t.count}
    if isinstance(t, types.Tuple):
        return {"tuple": [_encode(x) for x in t.types]}
    if isinstance(t, types.Boolean | types.Number | types.NoneType):
        return str(t)
    raise TypeError(f"cannot record the numba type {t!r}")


def _decode(data: object):
    """The numba type that :func:`_encode` wrote."""
    import numpy as np
    from numba import from_dtype
    from numba.core import types

    if isinstance(data, str):
        return getattr(types, data)
    if "array" in data:
        return types.Array(from_dtype(np.dtype(data["array"])), data["ndim"], data["layout"],
                           readonly=data["readonly"])
    if "unituple" in data:
        return types.UniTuple(_decode(data["unituple"]), data["count"])
    return types.Tuple([_decode(x) for x in data["tuple"]])


def _args_json(types_: Iterable) -> str:
    """Argument types as canonical JSON (the form :class:`KernelSignature` keeps)."""
    return json.dumps([_encode(t) for t in types_], sort_keys=True, separators=(",", ":"))


def recorded_signatures(path: Path = SIGNATURES_FILE) -> tuple[KernelSignature, ...]:
    """The kernels recorded in :data:`SIGNATURES_FILE`, longest compile first."""
    data = json.loads(path.read_text(encoding="utf-8"))
    sigs = [KernelSignature(k["module"], k["name"],
                            json.dumps(k["args"], sort_keys=True, separators=(",", ":")),
                            float(k["cost_s"])) for k in data["kernels"]]
    return tuple(sorted(sigs, key=lambda s: (-s.cost_s, s.module, s.name)))


def _dispatcher(module: str, name: str):
    return getattr(importlib.import_module(module), name)


def _numba_sig(args: str) -> tuple:
    return tuple(_decode(a) for a in json.loads(args))


# --- readiness ------------------------------------------------------------------------------
def _is_cached(sig: KernelSignature) -> bool:
    """True when numba's cache index holds this specialisation (nothing is loaded)."""
    try:
        disp = _dispatcher(sig.module, sig.name)
        cache = disp._cache
        key = cache._index_key(_numba_sig(sig.args), disp.targetctx.codegen())
        return key in cache._cache_file._load_index()
    except Exception:  # numba internals moved: count it as missing (see the module doc)
        return False


def missing(signatures: Iterable[KernelSignature] | None = None, *,
            modules: Iterable[str] | None = None) -> list[KernelSignature]:
    """The recorded kernels (of ``modules`` only, when given) that numba's cache lacks."""
    sigs = recorded_signatures() if signatures is None else tuple(signatures)
    if modules is not None:
        wanted = set(modules)
        sigs = [s for s in sigs if s.module in wanted]
    return [s for s in sigs if not _is_cached(s)]


def load_recorded(modules: Iterable[str]) -> int:
    """Load every recorded specialisation of the kernel ``modules`` that this process has
    not loaded yet: from numba's cache (compiled when missing), without calling it. A
    long-lived process (the pendant) does it at start-up, in the background, so that the
    first call costs what any later one does. Returns how many were loaded."""
    wanted = set(modules)
    count = 0
    for sig in recorded_signatures():
        if sig.module not in wanted:
            continue
        disp = _dispatcher(sig.module, sig.name)
        types = _numba_sig(sig.args)
        if types in disp.overloads:
            continue
        disp.compile(types)
        count += 1
    return count


# --- compiling ------------------------------------------------------------------------------
def _compile_one(module: str, name: str, args: str) -> tuple[str, str, float]:
    """Worker: compile one specialisation (numba saves it to the cache); returns its time."""
    from weldsim._cache import configure_numba_cache

    configure_numba_cache()
    disp = _dispatcher(module, name)  # importing numba and the module is not compiling
    start = time.perf_counter()
    disp.compile(_numba_sig(args))
    return module, name, time.perf_counter() - start


def default_workers() -> int:
    """One worker per core, at most 4 (compiling is memory- and CPU-bound)."""
    return max(1, min(4, os.cpu_count() or 1))


def _compile_group(items: list[tuple[str, str, str]]) -> float:
    """Worker: compile one module's specialisations in one process (a kernel another one calls
    is compiled once there, not once per caller); returns the time [s]."""
    start = time.perf_counter()
    for module, name, args in items:
        _compile_one(module, name, args)
    return time.perf_counter() - start


def _groups(sigs: Iterable[KernelSignature]) -> list[list[KernelSignature]]:
    """The signatures by module, the costliest module first (longest first: the workers
    finish together), each module's costliest kernel first."""
    by_module: dict[str, list[KernelSignature]] = {}
    for s in sigs:
        by_module.setdefault(s.module, []).append(s)
    costs = module_costs()
    groups = [sorted(g, key=lambda s: -s.cost_s) for g in by_module.values()]
    return sorted(groups, key=lambda g: -costs.get(g[0].module, sum(s.cost_s for s in g)))


def prepare(signatures: Iterable[KernelSignature] | None = None, *, workers: int | None = None,
            on_done: Callable[[list[KernelSignature], float], None] | None = None) -> float:
    """Compile ``signatures`` (default: the missing ones) in worker processes, one module
    per task.

    Parameters
    ----------
    signatures : iterable of KernelSignature, optional
    workers : int, optional
        Processes to use (default :func:`default_workers`); 1 compiles in this process.
    on_done : callable, optional
        Called with each module's kernels and their compile time [s] as they finish (for a
        progress bar).

    Returns
    -------
    float
        The wall time [s].
    """
    sigs = missing() if signatures is None else list(signatures)
    start = time.perf_counter()
    if not sigs:
        return 0.0
    groups = _groups(sigs)
    workers = default_workers() if workers is None else max(1, workers)
    if workers == 1:
        for group in groups:
            dt = _compile_group([(s.module, s.name, s.args) for s in group])
            if on_done is not None:
                on_done(group, dt)
        return time.perf_counter() - start
    from concurrent.futures import ProcessPoolExecutor, as_completed  # only when compiling
    from multiprocessing import get_context

    with ProcessPoolExecutor(max_workers=min(workers, len(groups)),
                             mp_context=get_context("spawn")) as pool:
        futures = {pool.submit(_compile_group, [(s.module, s.name, s.args) for s in g]): g
                   for g in groups}
        for fut in as_completed(futures):
            dt = fut.result()
            if on_done is not None:
                on_done(futures[fut], dt)
    return time.perf_counter() - start


def module_costs(path: Path = SIGNATURES_FILE) -> dict[str, float]:
    """Recorded compile time [s] of each kernel module's kernels in one new process."""
    data = json.loads(path.read_text(encoding="utf-8"))
    return {k: float(v) for k, v in data.get("modules", {}).items()}


def estimate_s(signatures: Iterable[KernelSignature], workers: int) -> float:
    """A rough wall time [s] to compile ``signatures`` on ``workers`` processes: the recorded
    module times spread over the workers, a module's share by its missing kernels."""
    costs = module_costs()
    loads = [0.0] * max(1, workers)
    for group in _groups(signatures):
        module = group[0].module
        whole = [s for s in recorded_signatures() if s.module == module]
        share = sum(s.cost_s for s in group) / max(sum(s.cost_s for s in whole), 1e-9)
        cost = costs.get(module, sum(s.cost_s for s in group)) * min(1.0, share)
        loads[loads.index(min(loads))] += cost
    return max(loads) + 2.0  # + starting the workers and importing numba in each


def ensure_prepared(lang: str, *, workers: int | None = None, stream=None,
                    modules: Iterable[str] | None = None) -> float:
    """Prepare the missing kernels (of ``modules`` only, when given: a command prepares what
    it uses) with a progress bar and one plain sentence; 0.0 when none are missing. Returns
    the wall time [s]."""
    import sys

    from weldsim.i18n import Qty, tr

    todo = missing(modules=modules)
    if not todo:
        return 0.0
    stream = sys.stderr if stream is None else stream
    workers = default_workers() if workers is None else max(1, workers)
    seconds = estimate_s(todo, workers)
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TimeElapsedColumn

    console = Console(file=stream, highlight=False)
    console.print(tr("prepare.once", lang, seconds=Qty(round(seconds), "s", 0)))
    with Progress("{task.description}", BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                  console=console, transient=False) as progress:
        task = progress.add_task(tr("prepare.task", lang), total=len(todo))
        wall = prepare(todo, workers=workers,
                       on_done=lambda group, dt: progress.advance(task, len(group)))
    console.print(tr("prepare.done", lang, seconds=Qty(wall, "s", 0)))
    return wall


# --- recording (maintainers) ----------------------------------------------------------------
def _all_dispatchers():
    from numba.core.registry import CPUDispatcher

    for module in KERNEL_MODULES:
        mod = importlib.import_module(module)
        for name, obj in sorted(vars(mod).items()):
            if isinstance(obj, CPUDispatcher) and obj.__module__ == module:
                yield module, name, obj


def used_signatures() -> list[KernelSignature]:
    """Every specialisation compiled or loaded so far in this process."""
    out = []
    for module, name, disp in _all_dispatchers():
        for sig in disp.signatures:
            out.append(KernelSignature(module, name, _args_json(sig)))
    return out


def representative_workload() -> None:
    """What a teacher's first hour uses: the demo (plan, cell, weld, score, JSON and HTML
    report), the reference program of every bundled exercise, and the pendant's readouts and
    3D view (headless)."""
    import os as _os
    import tempfile

    _os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
    _os.environ.setdefault("SDL_AUDIODRIVER", "dummy")
    from weldsim.exercise import run_exercise
    from weldsim.scenarios.loader import bundled_scenario_ids, load_scenario

    for sid in bundled_scenario_ids():
        scenario = load_scenario(sid)
        run = run_exercise(scenario, scenario.reference_job)
        with tempfile.TemporaryDirectory() as tmp:
            from weldsim.report import report_json, write_html_report

            report_json(run)
            write_html_report(run, Path(tmp) / "r.html", lang="id")
    import pygame

    from weldsim.pendant.controller import Pendant
    from weldsim.pendant.view3d import View3D

    pygame.init()
    scenario = load_scenario("t-fillet-2f")
    pendant = Pendant(scenario)
    pendant.readout()
    view = View3D(scenario, pendant.robot, (640, 480))
    view.draw(pygame.Surface((640, 480)), pendant.q)


def _record(path: Path) -> None:  # pragma: no cover - a maintenance command
    """Run the workload with an empty cache, then time each specialisation's compile and each
    module's in a fresh process, and write :data:`SIGNATURES_FILE`."""
    import subprocess
    import sys
    import tempfile

    with tempfile.TemporaryDirectory() as cache:
        env = dict(os.environ, NUMBA_CACHE_DIR=cache)
        out = subprocess.run(
            [sys.executable, "-c", "import json, weldsim.prepare as p; "
             "p.representative_workload(); "
             "print(json.dumps([[s.module, s.name, s.args] "
             "for s in p.used_signatures()]))"],
            env=env, check=True, capture_output=True, text=True).stdout.strip().splitlines()[-1]
    kernels = []
    for module, name, args in json.loads(out):
        with tempfile.TemporaryDirectory() as cache:
            env = dict(os.environ, NUMBA_CACHE_DIR=cache)
            cost = subprocess.run(
                [sys.executable, "-c", "import json, sys, weldsim.prepare as p; "
                 f"print(p._compile_one({module!r}, {name!r}, {args!r})[2])"],
                env=env, check=True, capture_output=True, text=True).stdout.split()[-1]
        kernels.append({"module": module, "name": name, "args": json.loads(args),
                        "cost_s": round(float(cost), 2)})
        print(f"{module}.{name}: {float(cost):.2f} s", file=sys.stderr)
    kernels.sort(key=lambda k: (k["module"], k["name"], json.dumps(k["args"])))
    modules = {}
    for module in sorted({k["module"] for k in kernels}):
        items = [(k["module"], k["name"], json.dumps(k["args"], sort_keys=True,
                                                     separators=(",", ":")))
                 for k in kernels if k["module"] == module]
        with tempfile.TemporaryDirectory() as cache:
            env = dict(os.environ, NUMBA_CACHE_DIR=cache)
            cost = subprocess.run(
                [sys.executable, "-c", "import weldsim.prepare as p; "
                 f"print(p._compile_group({items!r}))"],
                env=env, check=True, capture_output=True, text=True).stdout.split()[-1]
        modules[module] = round(float(cost), 2)
        print(f"{module}: {float(cost):.2f} s in one process", file=sys.stderr)
    path.write_text(json.dumps({"numba_kernels_of": "weldsim", "modules": modules,
                                "kernels": kernels}, indent=1) + "\n", encoding="utf-8")


if __name__ == "__main__":  # pragma: no cover
    import sys

    if sys.argv[1:] == ["--record"]:
        _record(SIGNATURES_FILE)
    else:
        print("usage: python -m weldsim.prepare --record", file=sys.stderr)
        sys.exit(2)
