"""The connectors' exception family: every failure names the file/table and the fix."""

from __future__ import annotations


class ConnectorError(Exception):
    """Base class for every error raised by ``connectors``."""


class WarehouseError(ConnectorError):
    """The warehouse file is missing, locked, or lacks a table a feature needs."""


class IngestError(ConnectorError):
    """A source file could not be ingested; nothing was written."""


class EngineError(ConnectorError):
    """An engine could not run a query (engine missing, tables missing, SQL failed)."""
