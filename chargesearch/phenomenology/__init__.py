"""Z' phenomenology grouped by process (paper Sect. 2.4, 2.5, 5)."""
