"""Wall-clock limits for whole commands (``--timeout``), also while Python code runs.

:func:`wall_clock` arms two watchdogs for ``seconds``: a ``SIGALRM`` timer that raises
:class:`WallClockTimeout` in the main thread as soon as Python code runs, and a timer thread
that interrupts z3 (``Context.interrupt``), so that a long z3 call returns at once and the
alarm can fire. Solver calls additionally get the time left as their own timeout
(:meth:`Deadline.left`). Outside the main thread only the z3 interrupt and the deadline
checks apply.
"""

from __future__ import annotations

import math
import signal
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from types import FrameType

from chargesearch.errors import InputError

#: largest accepted ``--timeout`` (one week)
MAX_TIMEOUT_S = 7 * 24 * 3600.0


class WallClockTimeout(BaseException):
    """The wall-clock limit of a command expired (a BaseException, like KeyboardInterrupt, so
    that no ``except Exception`` on the way swallows it)."""

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        super().__init__(f"timed out: wall-clock limit --timeout {seconds:g} s reached")


class Deadline:
    """Seconds left until a fixed time (``None``: no limit)."""

    def __init__(self, seconds: float | None) -> None:
        self.seconds = seconds
        self.end = None if seconds is None else time.monotonic() + seconds

    def expired(self) -> bool:
        """True once the time is up."""
        return self.end is not None and time.monotonic() >= self.end

    def message(self) -> str:
        """The line that reports the expiry."""
        return str(WallClockTimeout(self.seconds or 0.0))

    def left(self, cap: float | None = None) -> float:
        """Seconds left (at least 1 ms), at most ``cap``; raises once expired."""
        if self.end is None:
            return cap if cap is not None else math.inf
        rest = self.end - time.monotonic()
        if rest <= 0:
            assert self.seconds is not None
            raise WallClockTimeout(self.seconds)
        return max(min(rest, cap if cap is not None else rest), 0.001)


def parse_timeout(value: object, field: str = "timeout") -> float:
    """A positive finite number of seconds (at most one week), else :class:`InputError`."""
    try:
        seconds = float(str(value)) if not isinstance(value, float) else value
    except ValueError:
        seconds = math.nan
    if not (0 < seconds <= MAX_TIMEOUT_S):  # also rejects nan and inf
        raise InputError(field, f"a positive number of seconds up to {MAX_TIMEOUT_S:g}",
                         str(value)[:40])
    return seconds


def _interrupt_z3() -> None:
    import z3

    z3.main_ctx().interrupt()


@contextmanager
def wall_clock(seconds: float | None) -> Iterator[Deadline]:
    """Raise :class:`WallClockTimeout` in the body once ``seconds`` have passed (see module)."""
    deadline = Deadline(seconds)
    if seconds is None:
        yield deadline
        return

    def on_alarm(_signum: int, _frame: FrameType | None) -> None:
        raise WallClockTimeout(seconds)

    timer = threading.Timer(seconds, _interrupt_z3)
    timer.daemon = True
    main = threading.current_thread() is threading.main_thread()
    previous = signal.signal(signal.SIGALRM, on_alarm) if main else None
    try:
        if main:
            signal.setitimer(signal.ITIMER_REAL, seconds)
        timer.start()
        yield deadline
    finally:
        timer.cancel()
        if main:
            signal.setitimer(signal.ITIMER_REAL, 0)
            signal.signal(signal.SIGALRM, previous)
