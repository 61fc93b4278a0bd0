"""The connectors' exception family: every failure names the file/table and the fix."""

from __future__ import annotations


class ConnectorError(Exception):
    """Base class for every error raised by ``connectors``."""


class WarehouseError(ConnectorError):
    """The warehouse file is missing, locked, or lacks a table a feature needs."""


class IngestError(ConnectorError):
    """A source file could not be ingested; nothing was written."""


class CurrencyUnknownError(IngestError):
    """A bank statement states no currency and none was given (``--currency``): refused, never
    guessed. Its own class so a caller that knows the account (an eval harness acting as the
    user) can give the currency and try again, as a person reading the message would."""


class EngineError(ConnectorError):
    """An engine could not run a query (engine missing, tables missing, SQL failed)."""
