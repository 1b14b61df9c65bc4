"""Disk cache of derived (charge-symbolic) beta functions.

Key = hash(derivation source code, model structure, loops). The source code hashed is that of
every rgcheck module the derivation imports, found by following the import statements from
``rgcheck.derive`` (:func:`derivation_modules`), so a new formula module cannot be left out by
hand: any change of the derivation code changes the key and stale results are never reused.
Lookup order: $RGCHECK_CACHE_DIR (default ~/.cache/rgcheck), then the files shipped in
rgcheck/data/ (precomputed for the paper's default structures)."""

from __future__ import annotations

import ast
import hashlib
import json
import os
import sys
import tempfile
from pathlib import Path

from rgcheck.model import Model
from rgcheck.polynomial import from_json, to_json

_HERE = Path(__file__).resolve().parent
_ROOT_MODULE = "derive"


def _imported_rgcheck_modules(path: Path) -> set[str]:
    """Names of the rgcheck modules imported by one source file (any import form)."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(), str(path))):
        if isinstance(node, ast.ImportFrom) and node.module:
            if node.module == "rgcheck":
                found |= {a.name for a in node.names}
            elif node.module.startswith("rgcheck."):
                found.add(node.module.split(".")[1])
        elif isinstance(node, ast.Import):
            found |= {a.name.split(".")[1] for a in node.names if a.name.startswith("rgcheck.")}
    return {m for m in found if (_HERE / f"{m}.py").is_file()}


def derivation_modules(here: Path | None = None) -> tuple[str, ...]:
    """File names of ``rgcheck.derive`` and every rgcheck module it imports, transitively."""
    here = here or _HERE
    seen: set[str] = set()
    todo = [_ROOT_MODULE]
    while todo:
        name = todo.pop()
        if name in seen:
            continue
        seen.add(name)
        path = here / f"{name}.py"
        todo.extend(_imported_rgcheck_modules(path) - seen)
    return tuple(sorted(f"{m}.py" for m in seen))


def code_hash() -> str:
    """Hash of the source of every module of the derivation (see :func:`derivation_modules`)."""
    h = hashlib.sha256()
    for name in derivation_modules(_HERE):
        h.update(name.encode())
        h.update((_HERE / name).read_bytes())
    return h.hexdigest()[:16]


def cache_key(model: Model, loops: int) -> str:
    return f"betas-{model.structure_key()}-L{loops}-{code_hash()}"


def cache_dir() -> Path:
    d = os.environ.get("RGCHECK_CACHE_DIR")
    return Path(d) if d else Path.home() / ".cache" / "rgcheck"


def _candidates(key: str) -> list[Path]:
    return [cache_dir() / f"{key}.json", _HERE / "data" / f"{key}.json"]


def load(model: Model, loops: int) -> dict | None:
    key = cache_key(model, loops)
    for p in _candidates(key):
        if p.is_file():
            try:
                data = json.loads(p.read_text())
            except (OSError, ValueError):
                continue
            return {
                "betas": {
                    c: {int(l): from_json(v) for l, v in per.items()}
                    for c, per in data["betas"].items()
                },
                "info": data.get("info", {}),
            }
    return None


def store(model: Model, loops: int, result: dict, directory: Path | None = None) -> Path | None:
    key = cache_key(model, loops)
    d = directory or cache_dir()
    payload = {
        "key": key,
        "betas": {
            c: {str(l): to_json(p) for l, p in per.items()} for c, per in result["betas"].items()
        },
        "info": result.get("info", {}),
    }
    try:
        d.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=d, suffix=".tmp")
        with os.fdopen(fd, "w") as fh:
            json.dump(payload, fh)
        target = d / f"{key}.json"
        os.chmod(tmp, 0o644)
        os.replace(tmp, target)
        return target
    except OSError:
        return None


def get_or_derive(model: Model, loops: int) -> dict:
    """Cached derivation (derives and stores on a miss). A 2-loop result also serves loops=1."""
    for L in (loops, 2) if loops == 1 else (loops,):
        hit = load(model, L)
        if hit is not None:
            if L != loops:
                hit["betas"] = {c: {1: per[1]} for c, per in hit["betas"].items()}
            return hit
    from rgcheck.derive import derive

    announce_derivation(model, loops)
    res = derive(model, loops=loops)
    store(model, loops, res)
    return res


#: cache keys whose derivation this process has announced
_announced: set[str] = set()


def announce_derivation(model: Model, loops: int) -> None:
    """One line on stderr the first time this process derives a key: a cold derivation of a new
    field content takes about 12 s and would otherwise look like a hang."""
    key = cache_key(model, loops)
    if key in _announced:
        return
    _announced.add(key)
    order = {1: "one-loop", 2: "two-loop"}.get(loops, f"{loops}-loop")
    fields = f"{len(model.weyls)} fermion and {len(model.scalars)} scalar fields"
    sys.stderr.write(f"rgcheck: deriving {order} beta functions for model '{model.name}' "
                     f"({fields}, first time, ~12 s; cached in {cache_dir()})\n")
    sys.stderr.flush()
