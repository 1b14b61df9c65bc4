"""Today's data: measurements with sources, and the post-2022 fit-scenario file."""

from __future__ import annotations

import math
from importlib import resources

import pytest
import yaml

from chargesearch.errors import InputError
from chargesearch.measurements import Measurement, measurement, measurements, parse_measurements


def _raw(name: str) -> dict:
    text = resources.files("chargesearch").joinpath(f"data/{name}").read_text("utf-8")
    return yaml.safe_load(text)


def test_every_entry_loads_with_a_source_and_positive_uncertainties():
    table = measurements()
    assert table, "measurements.yaml is empty"
    for key, m in table.items():
        assert isinstance(m, Measurement) and m.key == key
        assert math.isfinite(m.value)
        assert m.sigma_minus > 0 and m.sigma_plus > 0
        assert m.source.strip(), key
        # a citable identifier: an arXiv number, or the PDG / HFLAV / HEPData page
        assert any(tag in m.source for tag in ("arXiv:", "PDG", "HFLAV", "HEPData")), key


def test_total_uncertainty_is_the_quadrature_sum_of_the_quoted_components():
    for m in measurements().values():
        if not m.components:
            continue
        minus = math.hypot(*(c[0] for c in m.components.values()))
        plus = math.hypot(*(c[1] for c in m.components.values()))
        # totals are rounded to two significant digits: allow one unit of the second digit
        tol = 0.1 * 10 ** math.floor(math.log10(max(m.sigma_minus, m.sigma_plus)))
        assert m.sigma_minus == pytest.approx(minus, abs=tol), m.key
        assert m.sigma_plus == pytest.approx(plus, abs=tol), m.key


def test_q2_bins_of_the_lhcb_ratios():
    for key in ("RK_low_LHCb2022", "RKstar_low_LHCb2022"):
        assert measurement(key).q2_bin == (0.1, 1.1)
    for key in ("RK_central_LHCb2022", "RKstar_central_LHCb2022", "RK_central_LHCb2021"):
        assert measurement(key).q2_bin == (1.1, 6.0)


def test_spot_check_lhcb_2022_rk_central():
    # LHCb arXiv:2212.09152 (PRL 131 (2023) 051803): R_K(1.1-6.0) = 0.949 +0.042-0.041 +-0.022,
    # as quoted in flavio's measurements.yml entry 'LHCb RK RK* 2022'
    m = measurement("RK_central_LHCb2022")
    assert m.value == 0.949
    assert m.components["stat"] == (0.041, 0.042)
    assert "2212.09152" in m.source


def test_spot_check_belle2_knunu():
    # Belle II arXiv:2311.14647 abstract: [2.3 +- 0.5 (stat) +0.5 -0.4 (syst)] x 10^-5
    m = measurement("BR_BtoKnunu_BelleII2023")
    assert m.value == pytest.approx(2.3e-5)
    assert m.components["syst"] == pytest.approx((0.4e-5, 0.5e-5))
    assert "2311.14647" in m.source


def test_symmetrised_sigma_and_one_sided_pull():
    m = measurement("RK_low_LHCb2022")
    assert m.sigma == pytest.approx(0.5 * (m.sigma_minus + m.sigma_plus))
    assert m.pull(m.value + m.sigma_plus) == pytest.approx(1.0)
    assert m.pull(m.value - m.sigma_minus) == pytest.approx(-1.0)


@pytest.mark.parametrize(
    "entry, field",
    [
        ({"key": "x", "value": 1.0, "uncertainty": 0.1}, "x.source"),
        ({"key": "x", "value": 1.0, "uncertainty": 0.1, "source": "  "}, "x.source"),
        ({"key": "x", "value": "1e-9", "uncertainty": 0.1, "source": "s"}, "x.value"),
        ({"key": "x", "value": float("nan"), "uncertainty": 0.1, "source": "s"}, "x.value"),
        ({"key": "x", "value": 1.0, "uncertainty": -0.1, "source": "s"}, "x.uncertainty"),
        ({"key": "x", "value": 1.0, "uncertainty": 0, "source": "s"}, "x.uncertainty"),
        ({"key": "x", "value": 1.0, "uncertainty": {"minus": 0.1}, "source": "s"},
         "x.uncertainty"),
        ({"key": "x", "value": 1.0, "uncertainty": {"minus": 0.1, "plus": -1}, "source": "s"},
         "x.uncertainty.plus"),
        ({"key": "x", "value": 1.0, "source": "s"}, "x.uncertainty"),
        ({"key": "x", "value": 1.0, "uncertainty": 0.1, "source": "s", "kind": "guess"},
         "x.kind"),
        ({"value": 1.0, "uncertainty": 0.1, "source": "s"}, "measurements[0].key"),
    ],
)
def test_bad_entries_are_one_line_input_errors(entry, field):
    with pytest.raises(InputError) as err:
        parse_measurements({"measurements": [entry]})
    assert field in str(err.value)
    assert "\n" not in str(err.value)


def test_duplicate_keys_and_bad_documents_are_rejected():
    entry = {"key": "x", "value": 1.0, "uncertainty": 0.1, "source": "s"}
    with pytest.raises(InputError):
        parse_measurements({"measurements": [entry, entry]})
    with pytest.raises(InputError):
        parse_measurements({"nothing": 1})


def test_unknown_measurement_name():
    with pytest.raises(InputError):
        measurement("no such key")
