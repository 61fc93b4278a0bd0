"""The enum-drift impact matrix: which rules a new categorical value silently breaks.

``impact_matrix(con, "payment_status", new_values=["partial_paid"])`` parses, with sqlglot,
the semantic models, health checks, allocation rules, notebook SQL, automation rules and any
SQL files, and lists for every comparison of the column to literals the values it does not
handle.
"""

from __future__ import annotations

from lab.impact.comparisons import Comparison, find_comparisons
from lab.impact.errors import ImpactError
from lab.impact.matrix import (
    ImpactReport,
    categorical_columns,
    distinct_values,
    format_report,
    impact_matrix,
    variant_of,
)
from lab.impact.sources import Place, collect_places, render_dbt_jinja

__all__ = [
    "Comparison",
    "ImpactError",
    "ImpactReport",
    "Place",
    "categorical_columns",
    "collect_places",
    "distinct_values",
    "find_comparisons",
    "format_report",
    "impact_matrix",
    "render_dbt_jinja",
    "variant_of",
]
