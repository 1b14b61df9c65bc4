"""Weak-effective-theory interfaces: WCxf export and an optional flavio likelihood.

:mod:`chargesearch.wet.wcxf_export` needs only the core dependencies (``running="wilson"``
needs the ``flavio`` extra); :mod:`chargesearch.wet.flavio_likelihood` needs the extra
``pip install -e '.[flavio]'`` and raises :class:`~chargesearch.errors.InputError` without it.
flavio itself is imported lazily (it takes several seconds).
"""

from chargesearch.wet.flavio_likelihood import (
    GROUP_NAMES,
    GROUPS,
    GroupChi2,
    ObservableGroup,
    RayFit,
    best_alpha4_along_ray,
    flavio_available,
    group_chi2,
    model_chi2,
    prepare,
)
from chargesearch.wet.wcxf_export import (
    DEFAULT_SCALE_GEV,
    EXPORTED_KEYS,
    RUNNING_MODES,
    check_wcxf_path,
    tree_coefficients,
    wcxf_document,
    wet_coefficients,
    write_wcxf,
    write_wcxf_values,
)

__all__ = [
    "DEFAULT_SCALE_GEV",
    "EXPORTED_KEYS",
    "GROUPS",
    "GROUP_NAMES",
    "RUNNING_MODES",
    "GroupChi2",
    "ObservableGroup",
    "RayFit",
    "best_alpha4_along_ray",
    "check_wcxf_path",
    "flavio_available",
    "group_chi2",
    "model_chi2",
    "prepare",
    "tree_coefficients",
    "wcxf_document",
    "wet_coefficients",
    "write_wcxf",
    "write_wcxf_values",
]
