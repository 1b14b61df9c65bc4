"""Discovery pipeline (``chargesearch discover``): search survivors ranked through matching,
Bs mixing and Planck safety; the one place that uses both chargesearch and rgcheck (the latter
through its public API)."""

from chargesearch.discover.config import PRESETS, DiscoverConfig, preset
from chargesearch.discover.pipeline import DiscoveryRun, discover

__all__ = ["PRESETS", "DiscoverConfig", "DiscoveryRun", "discover", "preset"]
