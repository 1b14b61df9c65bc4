"""A small progress bar on stderr: chunks, solutions, rate and ETA (by estimated work)."""

from __future__ import annotations

import sys
import time
from typing import TextIO


def _fmt_seconds(s: float) -> str:
    if s != s or s == float("inf"):
        return "?"
    s = round(s)
    if s < 60:
        return f"{s}s"
    if s < 3600:
        return f"{s // 60}m{s % 60:02d}s"
    return f"{s // 3600}h{(s % 3600) // 60:02d}m"


class Progress:
    """Throttled one-line progress display; ``enabled=False`` makes it silent."""

    def __init__(self, total_chunks: int, total_cost: float, *, enabled: bool = True,
                 stream: TextIO | None = None, interval: float = 0.5) -> None:
        self.total_chunks, self.total_cost = total_chunks, max(total_cost, 1e-9)
        self.enabled, self.stream, self.interval = enabled, stream or sys.stderr, interval
        self.start = time.monotonic()
        self.chunks = 0
        self.cost = 0.0
        self.solutions = 0
        self._last = 0.0
        self._tty = bool(getattr(self.stream, "isatty", lambda: False)())

    def skip(self, cost: float, solutions: int) -> None:
        """Account for chunks already done by an earlier (resumed) run."""
        self.total_cost -= cost
        self.total_chunks -= 1
        self.solutions += solutions

    def update(self, cost: float, solutions: int) -> None:
        self.chunks += 1
        self.cost += cost
        self.solutions += solutions
        now = time.monotonic()
        if now - self._last >= self.interval or self.chunks == self.total_chunks:
            self._last = now
            self._draw(now)

    def line(self, now: float | None = None) -> str:
        now = now if now is not None else time.monotonic()
        elapsed = now - self.start
        frac = min(self.cost / self.total_cost, 1.0) if self.total_cost > 0 else 1.0
        eta = elapsed * (1 - frac) / frac if frac > 0 else float("inf")
        rate = self.solutions / elapsed if elapsed > 0 else 0.0
        width = 24
        filled = int(width * frac)
        bar = "#" * filled + "." * (width - filled)
        return (f"[{bar}] {self.chunks}/{self.total_chunks} chunks {100 * frac:5.1f}% "
                f"{self.solutions} solutions {rate:,.0f}/s elapsed {_fmt_seconds(elapsed)} "
                f"ETA {_fmt_seconds(eta)}")

    def _draw(self, now: float) -> None:
        if not self.enabled:
            return
        end = "\r" if self._tty else "\n"
        self.stream.write(self.line(now) + end)
        self.stream.flush()

    def close(self) -> None:
        if self.enabled and self._tty:
            self.stream.write("\n")
            self.stream.flush()
