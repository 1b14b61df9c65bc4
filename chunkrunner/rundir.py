"""A run directory: ``manifest.json`` (written by the main process only) and ``parts/``."""

from __future__ import annotations

import json
import platform
import time
from pathlib import Path
from typing import TYPE_CHECKING, Any

from chunkrunner.errors import RunnerInputError
from chunkrunner.job import Job
from chunkrunner.storage import (
    PARTS,
    atomic_write_bytes,
    parquet_rows,
    part_path,
    remove_stray_temporaries,
    sha256_file,
)

if TYPE_CHECKING:
    import pyarrow

MANIFEST = "manifest.json"
#: manifest entries owned by the runner (a job's provenance may not use these keys)
RESERVED = frozenset({"format", "spec", "versions", "chunks", "complete", "rows",
                      "elapsed_seconds", "runs"})
_SAME_RUN = "an empty directory or one holding the same run (same kind, spec and chunks)"


def runtime_versions() -> dict[str, str]:
    """Versions of the interpreter and of the libraries the runner relies on."""
    import numpy
    import pyarrow

    return {"python": platform.python_version(), "numpy": numpy.__version__,
            "pyarrow": pyarrow.__version__}


def check_out_dir(out: str | Path, field: str = "out") -> Path:
    """``out`` as a Path if it can hold a run directory: an existing folder, or a new one whose
    parent folder exists; else RunnerInputError (checked before anything is written)."""
    path = Path(out)
    if path.exists() and not path.is_dir():
        raise RunnerInputError(field, "a folder (this path is an existing file)", str(out))
    if not path.exists() and not path.absolute().parent.is_dir():
        raise RunnerInputError(field, "a folder whose parent folder exists", str(out))
    return path


def read_manifest(out: str | Path) -> dict[str, Any]:
    """The manifest of run directory ``out``."""
    path = Path(out) / MANIFEST
    try:
        data = json.loads(path.read_text("utf-8"))
    except (OSError, ValueError):
        data = None
    if not isinstance(data, dict) or not isinstance(data.get("chunks"), dict):
        raise RunnerInputError(str(path), "a readable manifest (delete the directory to start "
                               "afresh)")
    return data


def read_table(out: str | Path) -> pyarrow.Table:
    """All parts of a run directory, concatenated in chunk order."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    outp = Path(out)
    paths = [part_path(outp, key) for key in read_manifest(outp)["chunks"]]
    tables = [pq.read_table(p) for p in paths if p.exists()]
    return pa.concat_tables(tables) if tables else pa.table({})


def annotate(out: str | Path, entries: dict[str, Any]) -> None:
    """Add caller-owned top-level entries to the manifest of ``out`` (e.g. after a run)."""
    check_entries("entries", entries)
    data = read_manifest(out)
    data.update(_jsonable("entries", entries))
    _save(Path(out) / MANIFEST, data)


def check_entries(name: str, entries: dict[str, Any]) -> None:
    """Refuse caller entries that would overwrite the runner's own."""
    clash = sorted(RESERVED & set(entries))
    if clash:
        raise RunnerInputError(name, f"keys other than {', '.join(sorted(RESERVED))}", clash)


def _jsonable(name: str, value: Any) -> Any:
    """``value`` as it reads back from JSON (tuples become lists), or RunnerInputError."""
    try:
        return json.loads(json.dumps(value))
    except (TypeError, ValueError):
        raise RunnerInputError(name, "JSON-able data (dicts, lists, str, numbers)") from None


def _save(path: Path, data: dict[str, Any]) -> None:
    atomic_write_bytes(path, (json.dumps(data, indent=1) + "\n").encode("utf-8"))


def _timestamp() -> str:
    return time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())


class Manifest:
    """The manifest of one run directory, kept in memory and saved after every change."""

    def __init__(self, out: Path, data: dict[str, Any]) -> None:
        self.out, self.data = out, data
        self.chunks: dict[str, dict[str, Any]] = data["chunks"]

    @classmethod
    def open(cls, out: Path, job: Job, versions: dict[str, str]) -> Manifest:
        """Start a run in ``out``: a fresh manifest, or the one of the same run to resume."""
        provenance = _jsonable("provenance", job.provenance)
        fresh = _fresh(job, provenance, versions)
        if (out / MANIFEST).exists():
            data = read_manifest(out)
            if not _same_run(data, fresh):
                raise RunnerInputError("out", _SAME_RUN, str(out))
        elif any((out / PARTS).glob("*.parquet")):
            raise RunnerInputError("out", _SAME_RUN, str(out))
        else:
            data = fresh
        data.update(provenance)  # the latest run's
        data["runs"].append({"started": _timestamp(), "versions": versions})
        (out / PARTS).mkdir(parents=True, exist_ok=True)
        remove_stray_temporaries(out, MANIFEST)
        remove_stray_temporaries(out / PARTS, "*.parquet")
        manifest = cls(out, data)
        manifest.save()
        return manifest

    def save(self) -> None:
        """Write the manifest atomically."""
        _save(self.out / MANIFEST, self.data)

    def resume(self, keys: list[str]) -> dict[str, int]:
        """Rows of the chunks an earlier run completed (see :meth:`_settle`); saves."""
        done = {key: int(self.chunks[key]["rows"]) for key in keys if self._settle(key)}
        self.save()
        return done

    def _settle(self, key: str) -> bool:
        """Whether chunk ``key`` is complete on disk: a part recorded as done whose rows and
        checksum match, or a part written but not yet recorded (adopted). A part that does not
        match is deleted and the chunk marked pending."""
        entry, path = self.chunks[key], part_path(self.out, key)
        rows = parquet_rows(path)
        if rows is not None:
            sha = sha256_file(path)
            if entry["status"] != "done":  # killed between the rename and the manifest save
                entry.update(status="done", rows=rows, seconds=None, sha256=sha)
            if (entry["rows"], entry["sha256"]) == (rows, sha):
                return True
        path.unlink(missing_ok=True)
        entry.update(status="pending", rows=None, seconds=None, sha256=None)
        return False

    def record(self, key: str, rows: int, seconds: float, sha256: str | None) -> None:
        """Mark chunk ``key`` done (its part file exists) and save."""
        self.chunks[key].update(status="done", rows=rows, seconds=round(seconds, 3),
                                sha256=sha256)
        self.save()

    def finish(self, seconds: float) -> None:
        """Add this run's wall time, update completeness and the total row count, save."""
        self.data["elapsed_seconds"] = round(float(self.data["elapsed_seconds"]) + seconds, 3)
        complete = all(c["status"] == "done" for c in self.chunks.values())
        self.data["complete"] = complete
        self.data["rows"] = sum(int(c["rows"]) for c in self.chunks.values()) if complete else None
        self.save()


def _fresh(job: Job, provenance: dict[str, Any], versions: dict[str, str]) -> dict[str, Any]:
    """The manifest of a run that has not started."""
    return {
        "format": job.kind,
        "spec": _jsonable("spec", job.spec),
        **provenance,
        "versions": versions,
        "chunks": {c.key: {"cost": float(c.cost), "spec": _jsonable("chunks", c.spec),
                           "status": "pending", "rows": None, "seconds": None, "sha256": None}
                   for c in job.chunks},
        "complete": False,
        "rows": None,
        "elapsed_seconds": 0.0,
        "runs": [],
    }


def _same_run(old: dict[str, Any], fresh: dict[str, Any]) -> bool:
    """Same kind, spec and chunks (costs may differ: they are estimates)."""
    def specs(data: dict[str, Any]) -> dict[str, Any]:
        return {key: entry.get("spec") for key, entry in data["chunks"].items()}

    return (old.get("format"), old.get("spec"), specs(old)) == (
        fresh["format"], fresh["spec"], specs(fresh))
