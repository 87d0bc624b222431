"""Catalogue benchmark: ``python bench/i18n.py``.

Per item: reading one language's ``.po`` files with Babel (what a new process pays when the
cached table is missing or stale), loading the cached table (what it pays otherwise), rendering
one message, and formatting 1000 job errors (English and Indonesian). CPU time beside the wall
time: on a busy machine it is the steadier number.
"""

from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from weldsim import i18n
from weldsim.i18n import LOCALE_DIR, Message, Qty, render
from weldsim.program import JobError, parse_job


def _time(fn, repeat: int) -> tuple[float, float]:
    """Median wall and best CPU time (s)."""
    wall, cpu = [], []
    for _ in range(repeat):
        t0, c0 = time.perf_counter(), time.process_time()
        fn()
        wall.append(time.perf_counter() - t0)
        cpu.append(time.process_time() - c0)
    return statistics.median(wall), min(cpu)


def main() -> None:
    for lang in i18n.LANGUAGES:
        paths = sorted((LOCALE_DIR / lang / "LC_MESSAGES").glob("*.po"))
        wall, cpu = _time(lambda: i18n._read_catalog(lang, paths), 5)  # noqa: B023
        print(f"read {lang} .po files with Babel ({len(paths)} files): "
              f"{wall * 1000:.1f} ms (CPU {cpu * 1000:.1f} ms)")

        def cached() -> None:
            i18n.catalog.cache_clear()
            i18n.catalog(lang)  # noqa: B023

        cached()
        wall, cpu = _time(cached, 20)
        print(f"load the cached {lang} table ({len(i18n.catalog(lang))} texts): "
              f"{wall * 1000:.2f} ms (CPU {cpu * 1000:.2f} ms)")
    msg = Message.of("job.out_of_range_unit", what="U", written="80V", lo="8", hi="45", unit="V")
    qty = Message.of("report.ev_arc_start_off_seam", distance=Qty(12.5, "mm"))
    wall, cpu = _time(lambda: [render(m, "id") for m in (msg, qty) * 5000], 3)
    print(f"render a message: {wall / 10000 * 1e6:.2f} µs (CPU {cpu / 10000 * 1e6:.2f} µs)")
    text = "JOB A\n" + "FOO\n" * 999 + "END\n"
    try:
        parse_job(text)
    except JobError as exc:
        error = exc
    for lang in i18n.LANGUAGES:
        wall, cpu = _time(lambda: error.text(lang), 5)  # noqa: B023
        print(f"format {len(error.diagnostics)} job errors in {lang}: "
              f"{wall * 1000:.1f} ms (CPU {cpu * 1000:.1f} ms)")


if __name__ == "__main__":
    main()
