"""A run: its :class:`Job` and :class:`Chunk` objects, and its :class:`RunSummary`."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import pyarrow


@dataclass(frozen=True)
class Chunk:
    """One independent unit of work."""

    key: str  # file-name safe, unique in the job
    cost: float  # relative work estimate (progress ETA, scheduling: costly chunks first)
    spec: dict  # JSON-able description of the chunk, passed to work()


@dataclass(frozen=True)
class Job:
    """A run: chunks, the worker function and what identifies the run in its manifest."""

    kind: str  # format tag written to the manifest, e.g. "chargesearch-enumeration/1"
    spec: dict  # JSON-able; identifies the run; on resume it must equal the manifest's
    chunks: tuple[Chunk, ...]
    # module-level (picklable) function: work(payload, chunk.spec) -> table
    work: Callable[[Any, dict], pyarrow.Table]
    payload: Any = None  # picklable, passed to every work() call
    unit: str = "rows"  # progress label, e.g. "solutions", "trajectories"
    provenance: dict = field(default_factory=dict)  # extra manifest entries (command line, ...)


@dataclass(frozen=True)
class RunSummary:
    """Outcome of a (possibly resumed) run."""

    rows: int  # all rows of the job, resumed chunks included
    seconds: float  # wall time of this run
    chunks: int
    chunks_run: int
    chunks_resumed: int
    out: str | None
