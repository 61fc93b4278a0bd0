"""The impact matrix: for a column, every place comparing it to literals and the values the
data (or a proposed new value) holds that the place does not handle.

Why "handled" is per place: ``payment_status = 'unpaid'`` in an auto-cancel job handles exactly
``unpaid``; every other value is silently *excluded* from what the job does. A ``<>``/``NOT IN``
silently *includes* new values; a ``CASE col WHEN`` sends them to ``ELSE``. The matrix lists
those values per place, marks values that look like variants of a handled value
(``partial_paid`` next to ``unpaid``) and proposed new values, and ranks automation first.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

import duckdb
import pandas as pd
from sqlglot import exp

from connectors.schema import TABLES
from lab.impact.comparisons import find_comparisons
from lab.impact.errors import ImpactError
from lab.impact.sources import Place, collect_places

MAX_CATEGORIES = 50
AUTOMATION_KINDS = frozenset(
    {"automation", "health_check", "allocation_rule", "reconciliation_step", "sql_file"}
)
EFFECTS = {
    "=": "excluded: the place skips rows with these values",
    "in": "excluded: the place skips rows with these values",
    "!=": "included: the place treats these values like every other non-listed value",
    "not in": "included: the place treats these values like every other non-listed value",
    "case": "falls to ELSE: the CASE has no branch for these values",
}
MATRIX_COLUMNS = [
    "column", "risk", "kind", "location", "name", "op", "handled", "unhandled", "variants",
    "new_values_unhandled", "effect", "snippet",
]  # fmt: skip


def categorical_columns() -> dict[str, list[str]]:
    """VARCHAR column name -> tables that have it (from the schema contract)."""
    out: dict[str, list[str]] = {}
    for table in TABLES.values():
        for col in table.columns:
            if col.type == "VARCHAR":
                out.setdefault(col.name, []).append(table.name)
    return out


def distinct_values(
    con: duckdb.DuckDBPyConnection, column: str, tables: Iterable[str] | None = None
) -> dict[str, list[str]]:
    """Distinct non-null values of ``column`` per table holding it (at most MAX_CATEGORIES + 1).

    Identifiers come from the schema contract and are quoted by sqlglot, never from user text.
    """
    holders = categorical_columns().get(column, [])
    if tables is not None:
        holders = [t for t in holders if t in set(tables)]
    present = {
        r[0] for r in con.execute("SELECT table_name FROM information_schema.tables").fetchall()
    }
    out: dict[str, list[str]] = {}
    for table in holders:
        if table not in present:
            continue
        query = (
            exp.select(exp.column(column, quoted=True))
            .distinct()
            .from_(exp.to_table(table, quoted=True))
            .where(exp.column(column, quoted=True).is_(exp.null()).not_())
            .order_by(exp.column(column, quoted=True))
            .limit(MAX_CATEGORIES + 1)
        )
        out[table] = [str(r[0]) for r in con.execute(query.sql(dialect="duckdb")).fetchall()]
    return out


def _tokens(value: str) -> list[str]:
    return [t for t in re.split(r"[^0-9a-zA-Z]+|_", value.lower()) if len(t) >= 4]


def variant_of(value: str, handled: Iterable[str]) -> str | None:
    """The handled value ``value`` looks like a variant of (shares a word), if any.

    >>> variant_of("partial_paid", ["unpaid"])
    'unpaid'
    >>> variant_of("refunded", ["unpaid"]) is None
    True
    """
    for h in handled:
        if h.lower() != value.lower() and any(t in h.lower() for t in _tokens(value)):
            return h
    return None


@dataclass
class ImpactReport:
    """The matrix (one row per place comparing the column) and the value × place pivot."""

    columns: list[str]
    values: dict[str, list[str]]
    new_values: list[str]
    matrix: pd.DataFrame
    places_scanned: int
    kinds_scanned: dict[str, int] = field(default_factory=dict)

    def flagged(self, value: str) -> pd.DataFrame:
        """Rows whose unhandled values include ``value``."""
        mask = self.matrix["unhandled"].map(lambda vs: value in vs)
        return self.matrix[mask]

    def pivot(self) -> pd.DataFrame:
        """Value × place: ``handled``, ``excluded``, ``included`` or ``else``."""
        rows = []
        for r in self.matrix.itertuples(index=False):
            verdict = {"=": "excluded", "in": "excluded", "case": "else"}.get(r.op, "included")
            for v in sorted({*r.handled, *r.unhandled}):
                rows.append(
                    {
                        "column": r.column,
                        "value": v,
                        "place": r.location,
                        "status": "handled" if v in r.handled else verdict,
                    }
                )
        if not rows:
            return pd.DataFrame()
        frame = pd.DataFrame(rows).drop_duplicates(["column", "value", "place"])
        return frame.pivot(index=["column", "value"], columns="place", values="status").fillna("")

    def to_json(self) -> dict[str, Any]:
        """JSON-friendly dict (lists, not tuples)."""
        return {
            "columns": self.columns,
            "values": self.values,
            "new_values": self.new_values,
            "places_scanned": self.places_scanned,
            "kinds_scanned": self.kinds_scanned,
            "rows": [
                {k: (list(v) if isinstance(v, tuple | list) else v) for k, v in row.items()}
                for row in self.matrix.to_dict(orient="records")
            ],
        }


def _risk(kind: str, unhandled: list[str], variants: list[str], new_unhandled: list[str]) -> str:
    if not unhandled:
        return "none"
    if new_unhandled or variants:
        return "high" if kind in AUTOMATION_KINDS else "medium"
    return "low"


def impact_matrix(
    con: duckdb.DuckDBPyConnection | None,
    column: str | None = None,
    *,
    new_values: Iterable[str] = (),
    places: list[Place] | None = None,
    **collect_kwargs: Any,
) -> ImpactReport:
    """Build the impact matrix for ``column`` (None: every categorical column compared anywhere).

    Args:
        con: warehouse to read the values the data holds (None: only ``new_values``).
        column: column name, e.g. ``payment_status``.
        new_values: proposed values not in the data yet (``--new-value partial_paid``).
        places: pre-collected places (default :func:`collect_places` with ``collect_kwargs``).
    """
    places = collect_places(**collect_kwargs) if places is None else places
    cats = categorical_columns()
    if column is not None and column not in cats:
        raise ImpactError(
            f"column {column!r} is not a categorical (VARCHAR) warehouse column; known: "
            f"{', '.join(sorted(c for c in cats if not c.endswith(('_id', '_no'))))}"
        )
    comparisons = [(p, c) for p in places for c in find_comparisons(p.tree, column)]
    columns = [column] if column else sorted({c.column for _, c in comparisons if c.column in cats})
    values: dict[str, list[str]] = {}
    per_table: dict[str, dict[str, list[str]]] = {}
    for col in columns:
        per_table[col] = distinct_values(con, col) if con is not None else {}
        merged = sorted({v for vs in per_table[col].values() for v in vs})
        if len(merged) > MAX_CATEGORIES:  # an identifier, not a category
            per_table[col], merged = {}, []
        values[col] = merged
    new = [v for v in dict.fromkeys(new_values)]
    rows = []
    for place, comp in comparisons:
        if comp.column not in values:
            continue
        table_values = per_table[comp.column].get(comp.table or "", values[comp.column])
        universe = list(dict.fromkeys([*table_values, *new]))
        handled = list(comp.values)
        unhandled = [v for v in universe if v not in handled]
        variants = [f"{v}~{variant_of(v, handled)}" for v in unhandled if variant_of(v, handled)]
        new_unhandled = [v for v in new if v not in handled]
        rows.append(
            {
                "column": comp.column,
                "risk": _risk(place.kind, unhandled, variants, new_unhandled),
                "kind": place.kind,
                "location": place.location,
                "name": place.name,
                "op": comp.op,
                "handled": handled,
                "unhandled": unhandled,
                "variants": variants,
                "new_values_unhandled": new_unhandled,
                "effect": EFFECTS[comp.op],
                "snippet": comp.snippet if len(comp.snippet) <= 160 else comp.snippet[:157] + "...",
            }
        )
    rank = {"high": 0, "medium": 1, "low": 2, "none": 3}
    matrix = pd.DataFrame(rows, columns=MATRIX_COLUMNS)
    if not matrix.empty:
        matrix = matrix.sort_values(
            ["risk", "column", "kind", "location"],
            key=lambda s: s.map(rank) if s.name == "risk" else s,
            ignore_index=True,
        )
    kinds: dict[str, int] = {}
    for p in places:
        kinds[p.kind] = kinds.get(p.kind, 0) + 1
    return ImpactReport(columns, values, new, matrix, len(places), kinds)


def format_report(report: ImpactReport) -> str:
    """Plain-text rendering for the terminal."""
    lines = [
        f"scanned {report.places_scanned} SQL places "
        + "("
        + ", ".join(f"{k}: {n}" for k, n in sorted(report.kinds_scanned.items()))
        + ")"
    ]
    for col in report.columns:
        shown = report.values.get(col) or []
        lines.append(f"{col}: data holds {', '.join(shown) or '(no data)'}"
                     + (f"; proposed {', '.join(report.new_values)}" if report.new_values else ""))  # fmt: skip
    if report.matrix.empty:
        lines.append("no place compares these columns to literal values")
        return "\n".join(lines)
    for r in report.matrix.itertuples(index=False):
        if not r.unhandled:
            continue
        lines.append(
            f"[{r.risk.upper()}] {r.kind} {r.location}\n"
            f"    {r.snippet}\n"
            f"    handles {', '.join(r.handled)}; NOT {', '.join(r.unhandled)} -> {r.effect}"
            + (f"\n    looks like a variant: {', '.join(r.variants)}" if r.variants else "")
        )
    return "\n".join(lines)
