"""Disk cache: the key changes when the derivation code or the model structure changes."""

from __future__ import annotations

import subprocess
import sys

from rgcheck import cache
from rgcheck.model import Structure, paper_model


def test_key_depends_on_structure_and_loops():
    a = cache.cache_key(paper_model(Structure()), 2)
    b = cache.cache_key(paper_model(Structure(nu=())), 2)
    c = cache.cache_key(paper_model(Structure()), 1)
    assert len({a, b, c}) == 3


def test_key_depends_on_code(monkeypatch, tmp_path):
    m = paper_model()
    k1 = cache.cache_key(m, 2)
    fake = tmp_path / "pkg"
    fake.mkdir()
    for name in cache.derivation_modules():
        (fake / name).write_bytes((cache._HERE / name).read_bytes())
    monkeypatch.setattr(cache, "_HERE", fake)
    assert cache.cache_key(m, 2) == k1
    (fake / "general_formulas.py").write_bytes(
        (fake / "general_formulas.py").read_bytes() + b"\n# changed\n"
    )
    assert cache.cache_key(m, 2) != k1


def _loaded(statement: str) -> set[str]:
    names = "' '.join(m for m in sys.modules if m.startswith('rgcheck.'))"
    code = f"import sys; {statement}; print({names})"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return {m.split(".")[1] + ".py" for m in out.stdout.split()}


def test_hashed_modules_are_every_module_the_derivation_imports():
    # the key covers what importing rgcheck.derive really loads (no hand-kept list)
    by_derive = _loaded("import rgcheck.derive") - _loaded("import rgcheck")
    hashed = set(cache.derivation_modules())
    assert by_derive and by_derive <= hashed
    assert {"derive.py", "general_formulas.py", "tensors.py", "model.py", "polynomial.py"} <= hashed


def test_a_new_imported_module_changes_the_key(monkeypatch, tmp_path):
    fake = tmp_path / "pkg"
    fake.mkdir()
    for name in cache.derivation_modules():
        (fake / name).write_bytes((cache._HERE / name).read_bytes())
    monkeypatch.setattr(cache, "_HERE", fake)
    k1 = cache.code_hash()
    (fake / "extra_formula.py").write_text("X = 1\n")
    assert cache.code_hash() == k1  # not imported: not part of the derivation
    derive = fake / "derive.py"
    derive.write_text("from rgcheck.extra_formula import X\n" + derive.read_text())
    k2 = cache.code_hash()
    (fake / "extra_formula.py").write_text("X = 2\n")
    assert len({k1, k2, cache.code_hash()}) == 3


def test_store_and_load_round_trip(tmp_path, monkeypatch):
    monkeypatch.setenv("RGCHECK_CACHE_DIR", str(tmp_path))
    m = paper_model()
    res = cache.get_or_derive(m, 2)
    path = cache.store(m, 2, res, tmp_path)
    assert path is not None and path.exists()
    again = cache.load(m, 2)
    assert again["betas"] == res["betas"]


def test_shipped_derivations_match_the_current_code():
    # the package ships the default structures with 0-3 nu_R (BM1 has none, BM2-4 three; the
    # discovery pipeline uses all four) so that a fresh install needs no derivation; a change to
    # the derivation code must refresh them (regenerate:
    # cache.store(m, 2, derive(m, loops=2), cache._HERE / "data") for each model)
    for structure in (Structure(), Structure(nu=()), Structure(nu=(1,)), Structure(nu=(1, 2))):
        key = cache.cache_key(paper_model(structure), 2)
        assert (cache._HERE / "data" / f"{key}.json").exists(), key
