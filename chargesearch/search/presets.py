"""Named search presets (issue #3, item 1).

- ``atlas``: the anomaly conditions (15) only -- the anomaly-free atlas of Allanach, Davighi and
  Melville (JHEP 2019).
- ``paper``: the paper's default set, SPEC section 1: (15), (5), (6), (7), (8), (10), (17),
  (19), (23) and the Wilson-sign pattern (40).
- ``paper-3rd-gen``: Appendix D variant, quark Yukawas (17) for the third generation only.
"""

from __future__ import annotations

from chargesearch.constraints import PAPER_CONSTRAINTS
from chargesearch.errors import InputError

PRESETS: dict[str, tuple[str, ...]] = {
    "atlas": ("anomaly",),
    "paper": PAPER_CONSTRAINTS,
    "paper-3rd-gen": tuple(
        "quark-yukawa-3rd" if c == "quark-yukawa" else c for c in PAPER_CONSTRAINTS
    ),
}

PRESET_HELP = {
    "atlas": "anomaly conditions (15) only",
    "paper": "SPEC section 1 defaults incl. (10) and the Wilson-sign pattern (40)",
    "paper-3rd-gen": "as paper, quark Yukawas (17) for the third generation only (App. D)",
}


def preset_constraints(name: str) -> tuple[str, ...]:
    """Catalogue names of a preset; unknown presets raise :class:`InputError`."""
    if name not in PRESETS:
        raise InputError("preset", "one of " + ", ".join(PRESETS), name)
    return PRESETS[name]
