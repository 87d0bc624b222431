"""weldsim.scenarios (filled in by its own issue)."""
