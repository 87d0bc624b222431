"""The predicted bead in a process of its own, so that computing it never holds the window's
GIL (a thread did: frames stalled up to ~145 ms while a prediction ran).

One :class:`PredictionProcess` per pendant: a child process started with the
``multiprocessing`` *spawn* context (the same on Linux, macOS and Windows: a fresh
interpreter, nothing inherited but what is passed), started from a background thread so no
frame waits for it (the window starts it once its own warm-up is done: on a 2-core machine
a child importing weldsim beside the warm-up delayed the first frame by ~0.45 s and the
first keys by ~2.6 s). The child holds the scenario, the robot and one
:class:`~weldsim.coaching.predict.PredictionCache`; it gets job texts and sends back
:class:`~weldsim.coaching.predict.Prediction` s (numpy arrays and
:class:`~weldsim.i18n.Message` s, all picklable).

Only the latest edit matters: the window keeps at most one request in flight and replaces a
waiting one by the newer (:meth:`PredictionProcess.submit`), and the child, before each
prediction, drains its pipe and answers only the newest request there (:func:`serve`).

It dies with the pendant: :meth:`PredictionProcess.close` asks it to stop, then terminates
it; when the pendant's process is killed, the child sees its parent's sentinel close (a
thread waits on it, :func:`_watch_parent`) or its pipe's end of file, and exits. No orphan.
When the process cannot start, dies, or never says it is ready, :attr:`PredictionProcess.failed`
says so (with a line on stderr) and the pendant predicts in a thread as before.

Wire protocol (tuples over one duplex :func:`multiprocessing.Pipe`):

* parent -> child: ``(request_id, job_text)``; ``None`` to stop;
* child -> parent: ``("ready", pid)`` once, then per answered request
  ``("done", request_id, prediction, cpu_s, wall_s)`` or ``("failed", request_id, user_message,
  text, traceback_text)`` (``user_message`` a :class:`Message` for a trainee's mistake,
  None for an internal error).
"""

from __future__ import annotations

import multiprocessing as mp
import os
import pickle
import sys
import threading
import time
import traceback
from collections.abc import Callable

__all__ = ["READY_TIMEOUT_S", "PredictionProcess", "serve"]

READY_TIMEOUT_S = 120.0
"""A child that has not said it is ready this long [s] after its start is given up (the
thread path takes over): importing weldsim and numba's cache on a loaded machine takes a
few seconds, never minutes."""


def _latest(conn, msg):
    """``msg`` or the newest request waiting behind it in ``conn`` (older ones are stale);
    None when a stop came or the pipe closed."""
    while msg is not None and conn.poll():
        try:
            msg = conn.recv()
        except (EOFError, OSError):
            return None
    return msg


def serve(conn, scenario, robot, *, predict: Callable | None = None,
          on_compute: Callable | None = None) -> None:
    """The child's loop: answer the newest request in ``conn`` until a stop (``None``) or the
    end of the pipe.

    Parameters
    ----------
    conn : multiprocessing.connection.Connection
        The child's end of the pipe.
    scenario, robot
        What the predictions are of.
    predict : callable, optional
        ``predict(scenario, robot, text, cache=...)``; :func:`~weldsim.coaching.predict.
        predict_bead` by default (tests pass their own).
    on_compute : callable, optional
        Called with each request id before it is computed (tests count them).
    """
    from weldsim.coaching.predict import PredictionCache

    if predict is None:
        from weldsim.coaching.predict import predict_bead as predict
    cache = PredictionCache()
    conn.send(("ready", os.getpid()))
    while True:
        try:
            msg = conn.recv()
        except (EOFError, OSError):
            return
        msg = _latest(conn, msg)
        if msg is None:
            return
        request_id, text = msg
        if on_compute is not None:
            on_compute(request_id)
        c, w = time.thread_time(), time.perf_counter()
        try:
            prediction = predict(scenario, robot, text, cache=cache)
            reply = ("done", request_id, prediction, time.thread_time() - c,
                     time.perf_counter() - w)
        except Exception as exc:    # handed to the pendant, which says what it was
            reply = _failure(request_id, exc)
        try:
            conn.send(reply)
        except (pickle.PicklingError, TypeError, AttributeError) as exc:
            try:
                conn.send(_failure(request_id, exc))
            except (OSError, EOFError):
                return
        except (OSError, EOFError):
            return


def _failure(request_id: int, exc: BaseException) -> tuple:
    from weldsim.errors import WeldsimError
    from weldsim.i18n import Message

    message = getattr(exc, "message", None) if isinstance(exc, WeldsimError) else None
    if isinstance(exc, WeldsimError) and not isinstance(message, Message):
        message = Message.of("coachui.cannot_predict", detail=str(exc))
    return ("failed", request_id, message, str(exc),
            "".join(traceback.format_exception(exc)))


def _watch_parent() -> None:
    """Exit this (child) process as soon as its parent is gone (killed or crashed): the
    parent's sentinel (a pipe end on POSIX, the process handle on Windows) becomes ready."""
    parent = mp.parent_process()
    if parent is None or parent.sentinel is None:
        return
    from multiprocessing.connection import wait

    def watch():
        wait([parent.sentinel])
        os._exit(0)

    threading.Thread(target=watch, name="prediction-parent-watch", daemon=True).start()


def _child_main(conn, payload: bytes) -> None:
    """Entry point of the child process (module level: spawn imports it by name)."""
    _watch_parent()
    scenario, robot = pickle.loads(payload)
    if robot is None:
        from weldsim.kinematics import load_robot

        robot = load_robot(scenario.robot)
    try:
        serve(conn, scenario, robot)
    finally:
        conn.close()


class PredictionProcess:
    """The prediction worker process of one pendant (see the module docstring).

    Parameters
    ----------
    scenario, robot
        Picklable; sent to the child once (``robot`` None: the scenario's, loaded there).
    done : callable
        ``done(request_id, prediction, cpu_s, wall_s)`` (the child's CPU and wall time of
        the prediction [s]), called in :meth:`poll` (the window's thread).
    failed : callable
        ``failed(request_id, user_message, text, traceback_text)``, likewise.
    start : bool
        Start the child at once (from a background thread); else :meth:`start` does, and
        requests wait until it has.

    Attributes
    ----------
    failed_reason : str or None
        Why the process is not (or no longer) usable; None while it is.
    pid : int or None
        The child's process id once it is ready.
    """

    def __init__(self, scenario, robot, done, failed, *, start: bool = True):
        self._done, self._failed = done, failed
        self._ctx = mp.get_context("spawn")
        self._conn, self._child_conn = self._ctx.Pipe(duplex=True)
        self._payload = pickle.dumps((scenario, robot), protocol=pickle.HIGHEST_PROTOCOL)
        self._proc = None
        self._started = threading.Event()
        self._start_error: BaseException | None = None
        self._starter: threading.Thread | None = None
        self._start_time = time.monotonic()
        self.ready = False
        self.pid: int | None = None
        self.failed_reason: str | None = None
        self._in_flight: int | None = None
        self._waiting: tuple[int, str] | None = None
        self._closed = False
        if start:
            self.start()

    # -- life -------------------------------------------------------------------------------
    def start(self) -> None:
        """Start the child from a background thread (returns at once)."""
        if self._starter is not None:
            return
        self._start_time = time.monotonic()
        self._starter = threading.Thread(target=self._start, name="prediction-start",
                                         daemon=True)
        self._starter.start()

    def _make_process(self):
        """The child's :class:`multiprocessing.Process` (spawn context), not started."""
        return self._ctx.Process(target=_child_main, args=(self._child_conn, self._payload),
                                 name="weldsim-prediction", daemon=True)

    def _start(self) -> None:
        try:
            proc = self._make_process()
            proc.start()
            self._proc = proc
        except BaseException as exc:   # any failure: the thread path takes over
            self._start_error = exc
        finally:
            self._started.set()
            self._child_conn.close()     # the child has its own copy now

    @property
    def started(self) -> bool:
        """True once :meth:`start` was called."""
        return self._starter is not None

    @property
    def usable(self) -> bool:
        """True while requests go to the process (starting or running)."""
        return self.failed_reason is None and not self._closed

    @property
    def busy(self) -> bool:
        """True while a request is waiting for or being computed by the child."""
        return self.usable and (self._in_flight is not None or self._waiting is not None)

    def _fail(self, reason: str) -> None:
        if self.failed_reason is None:
            self.failed_reason = reason
            print(f"weldsim pendant: the prediction process {reason}; predicting in a thread "
                  "of the window's process instead", file=sys.stderr)
            self._stop_child()

    def pending_text(self) -> tuple[int, str] | None:
        """The newest request not answered yet, ``(request_id, text)`` (for the thread path
        when the process has failed)."""
        return self._waiting if self._waiting is not None else self._last_sent

    _last_sent: tuple[int, str] | None = None

    # -- requests ---------------------------------------------------------------------------
    def submit(self, request_id: int, text: str) -> bool:
        """Ask for the prediction of ``text``; an older request not sent yet is dropped.
        False when the process is not usable (the caller predicts in a thread)."""
        if not self.usable:
            return False
        self._waiting = (request_id, text)
        self._send_waiting()
        return self.usable

    def _send_waiting(self) -> None:
        if not self.ready or self._in_flight is not None or self._waiting is None:
            return
        request_id, text = self._waiting
        try:
            self._conn.send((request_id, text))
        except (OSError, EOFError, ValueError) as exc:
            self._fail(f"cannot be reached ({exc})")
            return
        self._in_flight, self._last_sent, self._waiting = request_id, (request_id, text), None

    def poll(self) -> None:
        """Take in the child's answers (calling ``done``/``failed``) and send the waiting
        request when the child is free; notice a child that died or never came up."""
        if not self.usable:
            return
        if self._started.is_set() and self._start_error is not None:
            self._fail(f"could not start ({self._start_error!r})")
            return
        try:
            while self._conn.poll():
                self._take(self._conn.recv())
        except (EOFError, OSError) as exc:
            self._fail(f"could not start ({self._start_error!r})" if self._start_error
                       is not None else f"stopped ({exc.__class__.__name__})")
            return
        if self._started.is_set():
            if self._proc is not None and not self._proc.is_alive():
                self._fail(f"ended (exit code {self._proc.exitcode})")
                return
        if not self.ready and self._starter is not None and \
                time.monotonic() - self._start_time > READY_TIMEOUT_S:
            self._fail(f"was not ready after {READY_TIMEOUT_S:.0f} s")
            return
        self._send_waiting()

    def _take(self, msg) -> None:
        kind = msg[0]
        if kind == "ready":
            self.ready, self.pid = True, int(msg[1])
            return
        request_id = msg[1]
        if request_id == self._in_flight:
            self._in_flight = None
        if self._waiting is not None and self._waiting[0] != request_id:
            return    # a newer edit is waiting: this answer is stale
        if kind == "done":
            self._done(request_id, msg[2], msg[3], msg[4])
        else:
            self._failed(request_id, msg[2], msg[3], msg[4])

    def wait(self, timeout: float | None = None) -> None:
        """Block until every request has been answered (a scripted run, a test) or the
        process has failed."""
        end = None if timeout is None else time.monotonic() + timeout
        if self.busy:
            self.start()
        if self._starter is not None:
            self._starter.join(timeout)
        while self.busy:
            left = None if end is None else end - time.monotonic()
            if left is not None and left <= 0:
                return
            self._conn.poll(0.05 if left is None else min(0.05, left))
            self.poll()

    # -- the end ----------------------------------------------------------------------------
    def _stop_child(self) -> None:
        if self._starter is not None:
            self._starter.join(30.0)
        else:                       # never started: the child's end is still ours
            self._child_conn.close()
        try:
            self._conn.send(None)
        except (OSError, EOFError, ValueError):
            pass
        self._conn.close()
        proc = self._proc
        if proc is None:
            return
        if self.ready:       # a child still importing has nothing to finish: no waiting
            proc.join(2.0)
        if proc.is_alive():
            proc.terminate()
            proc.join(2.0)
        if proc.is_alive():
            proc.kill()
            proc.join(2.0)

    def close(self) -> None:
        """Stop the child (politely, then by force); answers not taken in are dropped."""
        if self._closed:
            return
        self._closed = True
        if self.failed_reason is None:
            self._stop_child()

    @property
    def process(self):
        """The child's :class:`multiprocessing.Process` (None before it started)."""
        return self._proc
