"""The one exception family of the status trace."""

from __future__ import annotations


class TraceError(Exception):
    """A trace could not be built; the message names the reference or file to fix."""
