"""A small progress line on stderr: chunks, rows, rate and ETA (by estimated work)."""

from __future__ import annotations

import math
import sys
import time
from typing import TextIO


def _fmt_seconds(s: float) -> str:
    if not math.isfinite(s):
        return "?"
    s = round(s)
    if s < 60:
        return f"{s}s"
    if s < 3600:
        return f"{s // 60}m{s % 60:02d}s"
    return f"{s // 3600}h{(s % 3600) // 60:02d}m"


class Progress:
    """Throttled one-line progress display; ``enabled=False`` makes it silent.

    Chunks, percent (by cost) and rows count the whole job; rate and ETA count only the work
    of this run: chunks done by an earlier run are registered with :meth:`skip`.
    """

    def __init__(self, total_chunks: int, total_cost: float, *, unit: str = "rows",
                 enabled: bool = True, stream: TextIO | None = None,
                 interval: float = 0.5) -> None:
        self.total_chunks, self.total_cost, self.unit = total_chunks, total_cost, unit
        self.enabled, self.stream, self.interval = enabled, stream or sys.stderr, interval
        self.start = time.monotonic()
        self.chunks, self.cost, self.rows = 0, 0.0, 0  # whole job
        self.new_cost, self.new_rows = 0.0, 0  # this run only
        self._last = -math.inf
        self._tty = bool(getattr(self.stream, "isatty", lambda: False)())

    def skip(self, cost: float, rows: int) -> None:
        """Account for a chunk done by an earlier (resumed) run."""
        self.chunks += 1
        self.cost += cost
        self.rows += rows

    def update(self, cost: float, rows: int) -> None:
        """Account for a chunk done by this run (redraws at most every ``interval`` s)."""
        self.skip(cost, rows)
        self.new_cost += cost
        self.new_rows += rows
        now = time.monotonic()
        if now - self._last >= self.interval or self.chunks == self.total_chunks:
            self._last = now
            self._draw(now)

    def line(self, now: float | None = None) -> str:
        """The progress line at time ``now`` (monotonic clock)."""
        now = now if now is not None else time.monotonic()
        elapsed = now - self.start
        frac = min(self.cost / self.total_cost, 1.0) if self.total_cost > 0 else 1.0
        remaining = max(self.total_cost - self.cost, 0.0)
        eta = elapsed * remaining / self.new_cost if self.new_cost > 0 else (
            0.0 if remaining == 0 else math.inf)
        rate = self.new_rows / elapsed if elapsed > 0 else 0.0
        width = 24
        filled = int(width * frac)
        bar = "#" * filled + "." * (width - filled)
        return (f"[{bar}] {self.chunks}/{self.total_chunks} chunks {100 * frac:5.1f}% "
                f"{self.rows} {self.unit} {rate:,.0f}/s elapsed {_fmt_seconds(elapsed)} "
                f"ETA {_fmt_seconds(eta)}")

    def _draw(self, now: float) -> None:
        if not self.enabled:
            return
        end = "\r" if self._tty else "\n"
        self.stream.write(self.line(now) + end)
        self.stream.flush()

    def close(self) -> None:
        """End the line on a terminal."""
        if self.enabled and self._tty:
            self.stream.write("\n")
            self.stream.flush()
