"""Public API and CLI behaviour (issue #4 items 4-6)."""

from __future__ import annotations

import json
from fractions import Fraction

import numpy as np
import pytest

import rgcheck
from rgcheck.benchmarks import benchmark
from rgcheck.cli import main
from rgcheck.errors import RGInputError

COUPLING_NAMES = (
    "g1",
    "g2",
    "g3",
    "g4",
    "g14",
    "yt",
    "yb",
    "y",
    "lam",
    "s",
    "u",
    "v",
    "delta",
    "deltatilde",
    "w",
)


def point(**kw):
    p = dict.fromkeys(COUPLING_NAMES, 0.1)
    p.update(kw)
    return p


def test_string_and_fraction_charges_agree():
    ch = benchmark("BM3")
    as_str = {k: f"{v.numerator}/{v.denominator}" for k, v in ch.items()}
    a = rgcheck.betas(ch).evaluate(point())
    b = rgcheck.betas(as_str).evaluate(point())
    assert a == b
    assert set(a) == set(COUPLING_NAMES)


def test_new_charge_set_is_substituted_exactly():
    # a new assignment reuses the charge-symbolic derivation (timing: benchmarks/bench_rgcheck.py)
    ch = dict(benchmark("BM2"))
    ch["F_phi"] = Fraction(2, 7)
    system = rgcheck.betas(ch)
    base = rgcheck.betas(benchmark("BM2")).evaluate(point())
    new = system.evaluate(point())
    assert new["g2"] == base["g2"]  # F_phi does not enter the SU(2) beta
    assert new["g4"] != base["g4"]  # but it enters the U(1)' one (phi is charged)


def test_numba_backend_agrees_with_numpy():
    pytest.importorskip("numba")
    system = rgcheck.betas(benchmark("BM3"))
    rng = np.random.default_rng(1)
    X = rng.uniform(-0.5, 0.5, size=(len(COUPLING_NAMES), 64))
    a = system.evaluate_array(X, backend="numpy")
    b = system.evaluate_array(X, backend="numba")
    np.testing.assert_allclose(b, a, rtol=1e-12, atol=1e-15)


def test_vectorised_evaluate_matches_scalar():
    system = rgcheck.betas(benchmark("BM1"))
    rng = np.random.default_rng(3)
    arrs = {k: rng.uniform(0.0, 0.6, size=(4, 5)) for k in COUPLING_NAMES}
    out = system.evaluate(arrs)
    assert out["lam"].shape == (4, 5)
    single = system.evaluate({k: float(v[2, 3]) for k, v in arrs.items()})
    for k in COUPLING_NAMES:
        assert abs(out[k][2, 3] - single[k]) <= 1e-12 * max(1.0, abs(single[k]))


def test_evaluate_matches_expressions():
    import sympy as sp

    system = rgcheck.betas(benchmark("BM4"))
    ex = system.expressions()
    syms = system.symbols()
    p = point(g4=0.4, g14=0.05, y=0.9)
    num = system.evaluate(p)
    for k in COUPLING_NAMES:
        val = float(ex[k].subs({syms[n]: p[n] for n in COUPLING_NAMES}).evalf(30))
        assert abs(val - num[k]) <= 1e-12 * max(1e-8, abs(val))
        assert isinstance(ex[k], sp.Expr)


def test_loops_one_is_one_loop_part():
    ch = benchmark("BM3")
    one = rgcheck.betas(ch, loops=1)
    two = rgcheck.betas(ch, loops=2)
    assert one.polynomials(1) == two.polynomials(1)
    k = 1 / (16 * np.pi**2)
    p = point()
    for name in COUPLING_NAMES:
        manual = (
            sum(float(c) * np.prod([p[v] for v in m]) for m, c in one.polynomials(1)[name].items())
            * k
        )
        assert abs(one.evaluate(p)[name] - manual) <= 1e-12 * max(1e-9, abs(manual))


def test_chargeassignment_mapping_is_accepted():
    cs = pytest.importorskip("chargesearch.benchmarks")
    ca = cs.benchmark("BM2").charges
    a = rgcheck.betas(ca).evaluate(point())
    b = rgcheck.betas(benchmark("BM2")).evaluate(point())
    for k in COUPLING_NAMES:
        assert a[k] == pytest.approx(b[k], rel=1e-13, abs=1e-18)


@pytest.mark.parametrize(
    "bad, field",
    [
        ({"F_Q9": "1"}, "F_Q9"),
        ({"F_Q1": "abc"}, "F_Q1"),
        ({"F_Q1": 0.1}, "F_Q1"),
    ],
)
def test_bad_charges(bad, field):
    ch = {k: str(v) for k, v in benchmark("BM3").items()}
    ch.update(bad)
    with pytest.raises(RGInputError) as exc:
        rgcheck.betas(ch)
    assert exc.value.field == field


def test_yukawa_invariance_violation_names_coupling():
    ch = dict(benchmark("BM3"))
    ch["F_U3"] = Fraction(1, 3)
    with pytest.raises(RGInputError, match="yt"):
        rgcheck.betas(ch)
    ch = dict(benchmark("BM3"))
    ch["F_S"] = Fraction(1, 2)
    with pytest.raises(RGInputError, match="Yukawa y"):
        rgcheck.betas(ch)


@pytest.mark.parametrize("fmt", ["latex", "json", "python"])
def test_cli_formats(fmt, capsys):
    assert main(["betas", "--bm", "BM3", "--loops", "1", "--format", fmt]) == 0
    out = capsys.readouterr().out
    assert ("g_{4}" if fmt == "latex" else "g4") in out
    if fmt == "json":
        data = json.loads(out)
        assert data["betas"]["loop1"]["g1"] == [[["g1", "g1", "g1"], "41/6"]]


def test_cli_charges_file(tmp_path, capsys):
    f = tmp_path / "c.yaml"
    f.write_text("\n".join(f'{k}: "{v}"' for k, v in benchmark("BM1").items()))
    assert main(["betas", "--charges", str(f), "--loops", "1", "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["charges"]["F_phi"] == "1/5"


@pytest.mark.parametrize(
    "content, field",
    [
        ("F_Q1: [1, 2]\n", "F_Q1"),
        ("F_Q1: 1/2\nF_X: 3\n", "F_X"),
        ("F_Q1: [unclosed\n", "--charges"),
    ],
)
def test_cli_bad_input(tmp_path, capsys, content, field):
    f = tmp_path / "bad.yaml"
    f.write_text(content)
    assert main(["betas", "--charges", str(f)]) == 2
    cap = capsys.readouterr()
    assert cap.out == ""
    assert len(cap.err.strip().splitlines()) == 1
    assert field in cap.err


def test_cli_unreadable_file(capsys):
    assert main(["betas", "--charges", "/nonexistent/x.yaml"]) == 2
    cap = capsys.readouterr()
    assert cap.out == "" and "--charges" in cap.err


def test_symbolic_charges_substitute_to_charge_set():
    """Exactness in the charges: the symbolic polynomials (in F_X) evaluated at BM2 equal the
    per-charge-set betas."""
    from rgcheck.api import symbolic_betas
    from rgcheck.polynomial import substitute_values

    sym = symbolic_betas()
    assert any("F_Q3" in m for m in sym.polynomials(2)["g4"])
    ch = benchmark("BM2")
    direct = rgcheck.betas(ch)
    for loop in (1, 2):
        for c, p in sym.polynomials(loop).items():
            assert substitute_values(p, ch) == direct.polynomials(loop)[c]
