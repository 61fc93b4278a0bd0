"""Maintenance tools: scripts that derive shipped data files (not used at run time)."""
