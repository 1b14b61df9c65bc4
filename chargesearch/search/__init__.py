"""The chargesearch engine (issue #3): problems, symmetries, canonical forms, the exact
enumerators (atlas join, paper join, atlas-orbit expansion), the z3 backend, proofs and
resumable batch runs. See docs/search.md."""
