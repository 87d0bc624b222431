"""Atomic writes (normal permissions, orphans cleaned, links never followed) and the numba
cache folder (an unusable NUMBA_CACHE_DIR falls back to the user's cache, never the package)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

import weldsim
from weldsim import atomic
from weldsim.atomic import remove_orphans, write_atomic

POSIX = pytest.mark.skipif(os.name == "nt", reason="POSIX modes, pids and links")


def _umask() -> int:
    old = os.umask(0)
    os.umask(old)
    return old


@POSIX
@pytest.mark.parametrize("mask", [0o022, 0o002, 0o077])
def test_new_files_get_the_users_normal_permissions(tmp_path: Path, mask: int) -> None:
    old = os.umask(mask)
    try:
        write_atomic(tmp_path / "a.job", b"JOB A\nEND\n")
    finally:
        os.umask(old)
    assert (tmp_path / "a.job").stat().st_mode & 0o777 == 0o666 & ~mask


@POSIX
def test_a_replaced_file_keeps_its_permissions(tmp_path: Path) -> None:
    path = tmp_path / "a.job"
    path.write_bytes(b"old")
    path.chmod(0o640)
    write_atomic(path, b"new")
    assert path.read_bytes() == b"new" and path.stat().st_mode & 0o777 == 0o640


@POSIX
def test_orphans_of_a_killed_writer_are_removed_on_the_next_write(tmp_path: Path) -> None:
    path = tmp_path / "a.job"
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"],
                          capture_output=True, text=True, check=True)
    dead_pid = int(dead.stdout)  # a process that has ended
    orphan = tmp_path / f".a.job.{dead_pid}.0badc0de.tmp"
    orphan.write_bytes(b"half a jo")
    old_style = tmp_path / ".a.job.x1y2z3w4.tmp"  # mkstemp's name, no pid: removed when old
    old_style.write_bytes(b"half")
    os.utime(old_style, (1, 1))
    fresh_old_style = tmp_path / ".a.job.k9k9k9k9.tmp"  # recent, writer unknown: kept
    fresh_old_style.write_bytes(b"maybe in progress")
    alive = tmp_path / f".a.job.{os.getppid()}.12345678.tmp"  # a live writer's file: kept
    alive.write_bytes(b"in progress")
    other = tmp_path / f".b.job.{dead_pid}.0badc0de.tmp"  # another file's: not ours to judge
    other.write_bytes(b"b")
    write_atomic(path, b"JOB A\nEND\n")
    assert path.read_bytes() == b"JOB A\nEND\n"
    assert not orphan.exists() and not old_style.exists()
    assert fresh_old_style.exists() and alive.exists() and other.exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(
        ["a.job", fresh_old_style.name, alive.name, other.name])


@POSIX
def test_a_killed_write_leaves_an_orphan_that_the_next_start_removes(tmp_path: Path) -> None:
    """kill -9 between creating the temporary file and replacing: the next writer cleans."""
    path = tmp_path / "a.job"
    code = ("import os, sys\n"
            "from weldsim import atomic\n"
            "real = os.replace\n"
            "def die(*a): os.kill(os.getpid(), 9)\n"
            "atomic.os.replace = die\n"
            f"atomic.write_atomic({str(path)!r}, b'x' * 1000)\n")
    proc = subprocess.run([sys.executable, "-c", code], cwd=Path(weldsim.__file__).parents[1])
    assert proc.returncode == -9
    (orphan,) = tmp_path.iterdir()
    assert orphan.name.startswith(".a.job.") and orphan.name.endswith(".tmp")
    assert remove_orphans(path) == [orphan]
    assert list(tmp_path.iterdir()) == []


@POSIX
def test_a_planted_link_at_the_temporary_name_is_never_followed(tmp_path: Path,
                                                                 monkeypatch) -> None:
    victim = tmp_path / "victim.txt"
    victim.write_bytes(b"precious")
    names = iter([".a.job.1.planted.tmp", ".a.job.1.free0000.tmp"])
    monkeypatch.setattr(atomic, "temp_name", lambda name: next(names))
    (tmp_path / ".a.job.1.planted.tmp").symlink_to(victim)
    write_atomic(tmp_path / "a.job", b"JOB A\nEND\n")
    assert victim.read_bytes() == b"precious"
    assert (tmp_path / "a.job").read_bytes() == b"JOB A\nEND\n"
    assert (tmp_path / ".a.job.1.planted.tmp").is_symlink()  # a link is never removed either


def _cache_env(env_value: str | None, home: Path, lang: str | None = None) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("NUMBA_CACHE_DIR", "WELDSIM_LANG")}
    env["XDG_CACHE_HOME"] = str(home / "cache")
    env["XDG_CONFIG_HOME"] = str(home / "config")  # no saved language choice
    if env_value is not None:
        env["NUMBA_CACHE_DIR"] = env_value
    if lang is not None:
        env["WELDSIM_LANG"] = lang
    return env


def _cache_dir_in_child(env_value: str | None, home: Path,
                        lang: str | None = None) -> subprocess.CompletedProcess:
    """A program that imports weldsim and one of its kernel modules, as a user's script does."""
    return subprocess.run(
        [sys.executable, "-c",
         "import os, weldsim, weldsim._jit; print(os.environ['NUMBA_CACHE_DIR'])"],
        capture_output=True, text=True, env=_cache_env(env_value, home, lang),
        cwd=Path(weldsim.__file__).parents[1], check=True)


def _unusable_cache_dir(tmp_path: Path, kind: str) -> Path:
    blocker = tmp_path / "blocker"
    if kind == "a file":
        blocker.write_text("not a folder")
        return blocker
    if kind == "under a file":
        blocker.write_text("not a folder")
        return blocker / "numba"
    blocker.mkdir()
    blocker.chmod(0o500)
    return blocker


@POSIX
@pytest.mark.parametrize("kind", ["a file", "under a file", "read-only"])
def test_an_unusable_numba_cache_dir_falls_back_to_the_user_cache(tmp_path: Path,
                                                                  kind: str) -> None:
    if kind == "read-only" and os.geteuid() == 0:
        pytest.skip("root writes into read-only folders")
    bad = _unusable_cache_dir(tmp_path, kind)
    proc = _cache_dir_in_child(str(bad), tmp_path, lang="en")
    chosen = Path(proc.stdout.strip())
    assert chosen == tmp_path / "cache" / "weldsim" / "numba"
    assert chosen.is_dir()
    package = Path(weldsim.__file__).parent
    assert package not in chosen.parents
    assert proc.stderr == (f"weldsim: warning: NUMBA_CACHE_DIR={bad} cannot be written; "
                           f"compiled kernels are kept in {chosen} instead\n")


def test_the_cache_warning_of_a_program_is_in_the_saved_language_indonesian_by_default(
        tmp_path: Path) -> None:
    bad = _unusable_cache_dir(tmp_path, "a file")
    proc = _cache_dir_in_child(str(bad), tmp_path)
    chosen = Path(proc.stdout.strip())
    assert proc.stderr == (f"weldsim: peringatan: folder NUMBA_CACHE_DIR={bad} tidak bisa "
                           f"ditulisi; kernel yang sudah dikompilasi disimpan di {chosen}\n")


@pytest.mark.parametrize(("lang", "said"), [
    ("id", "weldsim: peringatan: folder NUMBA_CACHE_DIR={bad} tidak bisa ditulisi; kernel yang "
           "sudah dikompilasi disimpan di {chosen}\n"),
    ("en", "weldsim: warning: NUMBA_CACHE_DIR={bad} cannot be written; compiled kernels are "
           "kept in {chosen} instead\n"),
])
def test_the_command_line_says_the_cache_warning_once_in_its_lang(tmp_path: Path, lang: str,
                                                                  said: str) -> None:
    bad = _unusable_cache_dir(tmp_path, "a file")
    env = _cache_env(str(bad), tmp_path, lang="en" if lang == "id" else "id")  # --lang wins
    proc = subprocess.run(
        [sys.executable, "-m", "weldsim", "scenarios", "--lang", lang],
        capture_output=True, text=True, env=env, cwd=tmp_path, check=False)
    assert proc.returncode == 0, proc.stderr
    chosen = tmp_path / "cache" / "weldsim" / "numba"
    assert proc.stderr == said.format(bad=bad, chosen=chosen)


def test_a_usable_numba_cache_dir_is_kept_without_a_warning(tmp_path: Path) -> None:
    proc = _cache_dir_in_child(str(tmp_path / "mine"), tmp_path)
    assert Path(proc.stdout.strip()) == tmp_path / "mine"
    assert "warning" not in proc.stderr


def test_without_numba_cache_dir_the_user_cache_is_used(tmp_path: Path) -> None:
    proc = _cache_dir_in_child(None, tmp_path)
    assert Path(proc.stdout.strip()) == tmp_path / "cache" / "weldsim" / "numba"
    assert "warning" not in proc.stderr
