"""weldsim.scoring (filled in by its own issue)."""
