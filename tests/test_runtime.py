"""Lean hot paths: the collector paused and the kernels on one thread change nothing but time."""

from __future__ import annotations

import gc
import threading

import numba
import numpy as np
import pytest

from weldsim._runtime import lean, paused_gc, serial_kernels


def test_paused_gc_nests_and_restores_the_collector():
    assert gc.isenabled()
    with paused_gc():
        assert not gc.isenabled()
        with paused_gc():
            assert not gc.isenabled()
        assert not gc.isenabled()  # the inner block does not switch it back on
    assert gc.isenabled()
    with pytest.raises(KeyError), paused_gc():
        raise KeyError("inside")
    assert gc.isenabled()


def test_paused_gc_leaves_a_disabled_collector_disabled():
    gc.disable()
    try:
        with paused_gc():
            pass
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_paused_gc_across_threads_ends_with_the_last_block():
    inside, release = threading.Event(), threading.Event()

    def hold():
        with paused_gc():
            inside.set()
            release.wait(10)

    worker = threading.Thread(target=hold)
    worker.start()
    inside.wait(10)
    with paused_gc():
        pass
    assert not gc.isenabled()  # the other thread's block is still open
    release.set()
    worker.join(10)
    assert gc.isenabled()


def test_serial_kernels_restore_the_thread_count():
    before = numba.get_num_threads()
    with serial_kernels():
        assert numba.get_num_threads() == 1
    assert numba.get_num_threads() == before


def test_the_parallel_kinematics_give_the_same_bytes_on_one_thread():
    from weldsim.kinematics import load_robot
    from weldsim.scenarios.loader import load_scenario

    robot = load_robot(load_scenario("t-fillet-2f").robot)
    q = np.random.default_rng(7).uniform(-1.5, 1.5, (5000, 6))
    many = robot.fk(q)
    with serial_kernels():
        one = robot.fk(q)
    assert one.tobytes() == many.tobytes()


def test_lean_keeps_the_function_and_its_result():
    @lean
    def work(a, *, b):
        """Doc."""
        assert not gc.isenabled() and numba.get_num_threads() == 1
        return a + b

    assert work(1, b=2) == 3 and work.__doc__ == "Doc." and gc.isenabled()
