"""Order health checks: silent failures found before customers find them.

``run_checks(con, as_of=..., thresholds=...)`` runs every check in :mod:`lab.health.checks`
and returns one findings DataFrame; :mod:`lab.health.kpis` computes the five operations KPIs
against the industry baselines through the semantic layer.
"""

from __future__ import annotations

from lab.health.checks import CHECKS, SEVERITIES, Check, get_check
from lab.health.errors import HealthError
from lab.health.run import (
    FINDING_COLUMNS,
    default_as_of,
    parse_as_of,
    run_check,
    run_checks,
    summarize,
)
from lab.health.thresholds import effective_thresholds, load_thresholds, normalize_thresholds

__all__ = [
    "CHECKS",
    "FINDING_COLUMNS",
    "SEVERITIES",
    "Check",
    "HealthError",
    "default_as_of",
    "effective_thresholds",
    "get_check",
    "load_thresholds",
    "normalize_thresholds",
    "parse_as_of",
    "run_check",
    "run_checks",
    "summarize",
]
