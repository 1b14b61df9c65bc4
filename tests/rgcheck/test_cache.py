"""Disk cache: the key changes when the derivation code or the model structure changes."""

from __future__ import annotations

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
    for name in cache._SOURCES:
        (fake / name).write_bytes((cache._HERE / name).read_bytes())
    monkeypatch.setattr(cache, "_HERE", fake)
    assert cache.cache_key(m, 2) == k1
    (fake / "general_formulas.py").write_bytes(
        (fake / "general_formulas.py").read_bytes() + b"\n# changed\n"
    )
    assert cache.cache_key(m, 2) != k1


def test_store_and_load_round_trip(tmp_path, monkeypatch):
    monkeypatch.setenv("RGCHECK_CACHE_DIR", str(tmp_path))
    m = paper_model()
    res = cache.get_or_derive(m, 2)
    path = cache.store(m, 2, res, tmp_path)
    assert path is not None and path.exists()
    again = cache.load(m, 2)
    assert again["betas"] == res["betas"]


def test_shipped_derivations_match_the_current_code():
    # the package ships the two default structures (3 nu_R; none, as in BM1) so that a fresh
    # install needs no derivation; a change to the derivation code must refresh them
    # (regenerate: cache.store(m, 2, derive(m, loops=2), cache._HERE / "data") for both models)
    for structure in (Structure(), Structure(nu=())):
        key = cache.cache_key(paper_model(structure), 2)
        assert (cache._HERE / "data" / f"{key}.json").exists(), key
