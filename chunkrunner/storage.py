"""Files of a run directory: atomic world-readable writes, Parquet parts and their checksums."""

from __future__ import annotations

import hashlib
import os
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import pyarrow

PARTS = "parts"
FILE_MODE = 0o644
_TMP_SUFFIX = ".tmp"


def part_path(out: Path, key: str) -> Path:
    """Where the table of chunk ``key`` lives."""
    return out / PARTS / f"{key}.parquet"


def atomic_write_bytes(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` via a temporary file in the same folder and a rename."""
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=_TMP_SUFFIX)
    try:
        with os.fdopen(fd, "wb") as handle:
            os.fchmod(handle.fileno(), FILE_MODE)
            handle.write(data)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def remove_stray_temporaries(folder: Path, name: str) -> None:
    """Delete the temporary files of files ``name`` (a glob) left behind by a killed writer."""
    for tmp in folder.glob(f".{name}.*{_TMP_SUFFIX}"):
        tmp.unlink(missing_ok=True)


def write_parquet(path: str | Path, table: pyarrow.Table) -> str:
    """Write ``table`` atomically (mode 0o644) as zstd Parquet; returns the file's sha256."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    sink = pa.BufferOutputStream()
    pq.write_table(table, sink, compression="zstd")
    data = sink.getvalue().to_pybytes()
    atomic_write_bytes(Path(path), data)
    return hashlib.sha256(data).hexdigest()


def sha256_file(path: Path) -> str:
    """Checksum of a file, read in blocks."""
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def parquet_rows(path: Path) -> int | None:
    """Row count from the Parquet footer, or None if the file is missing or unreadable."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    try:
        return int(pq.ParquetFile(path).metadata.num_rows)
    except (OSError, pa.ArrowException):
        return None
