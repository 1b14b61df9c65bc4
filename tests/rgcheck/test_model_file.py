"""Model files: a user-described BSM sector without touching code (issue #4 item 1)."""

from __future__ import annotations

from pathlib import Path

import pytest

import rgcheck
from rgcheck.api import model_betas
from rgcheck.benchmarks import benchmark
from rgcheck.cli import main
from rgcheck.errors import RGInputError
from rgcheck.model_file import load_model, model_from_dict

EXAMPLE = Path(rgcheck.__file__).parent / "data" / "example_model.yaml"


def test_example_file_reproduces_builtin_model_one_loop():
    model, charges = load_model(EXAMPLE)
    a = model_betas(model, charges, loops=1)
    b = rgcheck.betas(benchmark("BM3"), loops=1)
    assert set(a.names) == set(b.names)
    for c in b.names:
        assert a.polynomials(1)[c] == b.polynomials(1)[c], c


def test_model_file_cli(capsys):
    assert main(["betas", "--model", str(EXAMPLE), "--loops", "1", "--format", "python"]) == 0
    assert "beta1_g4" in capsys.readouterr().out


def test_small_custom_model():
    """A vector-like lepton doublet and a neutral complex scalar, numeric U(1)' charges."""
    model, ch = model_from_dict(
        {
            "fermions": [
                {"name": "chiL", "su2": "2", "Y": "-1/2", "F": "1/3"},
                {"name": "chiRc", "su2": "2", "Y": "1/2", "F": "-1/3"},
            ],
            "scalars": [{"name": "X", "F": "0"}],
            "quartics": [{"coupling": "kx", "kind": "bilinear", "fields": ["X", "X"]}],
        }
    )
    system = model_betas(model, ch, loops=1)
    p = system.polynomials(1)
    # one Dirac doublet with Y = -1/2: b1 = 4/3 * 2 * 1/4 = 2/3; b2 = 4/3 * 1/2 = 2/3
    assert p["g1"] == {("g1",) * 3: __import__("fractions").Fraction(2, 3)}
    assert p["kx"] == {("kx", "kx"): 20}


@pytest.mark.parametrize(
    "data, field",
    [
        ({"fermions": [{"name": "a", "su2": "3"}]}, "fermions[0].su2"),
        ({"bogus": 1}, "bogus"),
        (
            {
                "scalars": [{"name": "X"}],
                "quartics": [{"coupling": "k", "kind": "bilinear", "fields": ["Y", "Y"]}],
            },
            "quartics[0].fields",
        ),
    ],
)
def test_bad_model_files(data, field):
    with pytest.raises(RGInputError) as exc:
        model_from_dict(data)
    assert exc.value.field == field


def test_non_invariant_interaction_is_rejected(tmp_path, capsys):
    """A Yukawa that violates hypercharge is caught by the tensor gauge-invariance check."""
    import yaml

    from rgcheck.derive import DerivationError

    data = {
        "fermions": [
            {"name": "a", "su2": "2", "Y": "1/2", "F": "1"},
            {"name": "b", "Y": "0", "F": "-1"},
        ],
        "scalars": [{"name": "X", "su2": "2", "Y": "-1/2"}],
        "yukawas": [{"coupling": "k", "kind": "dag", "scalar": "X", "psi1": "a", "psi2": "b"}],
    }
    model, ch = model_from_dict(data)
    with pytest.raises(DerivationError, match="Yukawa k"):
        model_betas(model, ch, loops=1)
    f = tmp_path / "m.yaml"
    f.write_text(yaml.safe_dump(data))
    assert main(["betas", "--model", str(f), "--loops", "1"]) == 2
    cap = capsys.readouterr()
    assert cap.out == "" and "Yukawa k" in cap.err


def test_forked_and_serial_derivations_agree(monkeypatch):
    """The quartic betas computed in the forked worker equal the serial computation."""
    from rgcheck.derive import derive

    model, _ = model_from_dict(
        {
            "fermions": [{"name": "a", "F": "F_a"}, {"name": "b", "F": {"F_a": -1}}],
            "scalars": [{"name": "X", "F": "0"}, {"name": "Z", "F": "F_z"}],
            "quartics": [
                {"coupling": "q1", "kind": "bilinear", "fields": ["X", "X"]},
                {"coupling": "q2", "kind": "bilinear", "fields": ["X", "Z"]},
                {"coupling": "q3", "kind": "bilinear", "fields": ["Z", "Z"]},
            ],
        }
    )
    forked = derive(model, loops=2)["betas"]
    monkeypatch.setenv("RGCHECK_SERIAL", "1")
    serial = derive(model, loops=2)["betas"]
    assert forked == serial
