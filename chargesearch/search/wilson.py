"""Charge sets without a b -> s mu mu effect: C9 = C10 = 0.

By eq. (34), C9 ~ (F_Q3 - F_Q2)(F_E2 + F_L2) and C10 ~ (F_Q3 - F_Q2)(F_E2 - F_L2), so both
vanish exactly when F_Q3 = F_Q2 or F_L2 = F_E2 = 0. Such solutions are flagged in the output of
``find`` and ``enumerate`` (text marker, JSON field, Parquet column ``C9_C10_zero``).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np

#: text marker of a flagged solution
MARKER = "C9 = C10 = 0: no b->s mu mu effect"
#: Parquet column of the flag
COLUMN = "C9_C10_zero"


def wilson_zero(values: Mapping[str, Any]) -> bool:
    """True if C9 = C10 = 0 for these charges."""
    return bool(values["F_Q3"] == values["F_Q2"]
                or (values["F_L2"] == 0 and values["F_E2"] == 0))


def wilson_zero_rows(rows: np.ndarray, names: Sequence[str]) -> np.ndarray:
    """Row-wise :func:`wilson_zero` of an integer array whose columns are ``names``."""
    col = {n: rows[:, names.index(n)] for n in ("F_Q2", "F_Q3", "F_L2", "F_E2")}
    return np.asarray((col["F_Q3"] == col["F_Q2"]) | ((col["F_L2"] == 0) & (col["F_E2"] == 0)),
                      dtype=bool)
