"""The reconciliation exception family: every failure names the rule, file or field to fix."""

from __future__ import annotations


class ReconciliationError(Exception):
    """Base class for every error raised by ``lab.reconciliation``."""


class RulesError(ReconciliationError):
    """The allocation rules file is invalid (unknown basis, unsafe formula, bad YAML...)."""


class PeriodError(ReconciliationError):
    """A period string is not ``YYYY-MM`` or a date range is inverted."""
