"""The server extension's exception family (configuration problems found at start-up)."""

from __future__ import annotations


class ServerExtensionError(Exception):
    """Base class of errors the OrderLens server extension reports (bad db/model settings)."""
