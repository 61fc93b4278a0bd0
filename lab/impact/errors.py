"""The one exception family of the impact matrix."""

from __future__ import annotations


class ImpactError(Exception):
    """The impact matrix could not read a source or a column; the message says which."""
