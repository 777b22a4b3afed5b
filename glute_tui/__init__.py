"""glute-tui: a terminal workout timer for a runner's glute-strengthening routine."""
