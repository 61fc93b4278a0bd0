"""The one exception family of the health checks."""

from __future__ import annotations


class HealthError(Exception):
    """A health check could not be configured or run; the message says what to fix."""
