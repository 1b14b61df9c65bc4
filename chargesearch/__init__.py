"""chargesearch: exact search, matching and phenomenology of flavourful U(1)' (Z') models.

Public API (stable; see README):

- charges: :class:`ChargeAssignment`, :func:`read_charges`, :func:`write_charges`
- anomaly conditions (15): :func:`anomaly_sums`, :func:`is_anomaly_free`
- constraint catalogue: :func:`catalogue`, :func:`check_all`, :data:`PAPER_CONSTRAINTS`,
  :func:`parse_formula`
- Yukawa textures (16): :func:`allowed_textures`
- matching (34)-(40): :func:`wilson_coefficients`, :func:`match_alpha4`, :func:`scenario`
- all observables of one model: :func:`summarise`
- benchmarks (Table 3): :func:`benchmark`, :func:`all_benchmarks`
- errors: :class:`InputError`, :class:`NoFitError`
"""

from chargesearch.anomaly import anomaly_sums, is_anomaly_free
from chargesearch.benchmarks import all_benchmarks, benchmark
from chargesearch.chargefile import read_charges, write_charges
from chargesearch.charges import ChargeAssignment
from chargesearch.constraints import PAPER_CONSTRAINTS, catalogue, check_all
from chargesearch.errors import InputError, NoFitError
from chargesearch.expressions import parse_formula
from chargesearch.matching import match_alpha4, wilson_coefficients
from chargesearch.scenarios import scenario
from chargesearch.summary import summarise
from chargesearch.yukawa import allowed_textures

__version__ = "0.1.0"

__all__ = [
    "PAPER_CONSTRAINTS",
    "ChargeAssignment",
    "InputError",
    "NoFitError",
    "all_benchmarks",
    "allowed_textures",
    "anomaly_sums",
    "benchmark",
    "catalogue",
    "check_all",
    "is_anomaly_free",
    "match_alpha4",
    "parse_formula",
    "read_charges",
    "scenario",
    "summarise",
    "wilson_coefficients",
    "write_charges",
]
