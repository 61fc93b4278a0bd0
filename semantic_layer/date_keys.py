"""Integer ``YYYYMMDD`` date keys named as time dimensions are read as the dates they spell.

Why: star-schema facts often carry a conformed ``date_key`` (``20261105``) instead of a date,
and projects name that key as a time dimension (``expr: loan_day_key``). Compared with a date
("last month" is ``>= DATE '2026-11-01'``) DuckDB refuses the query (``Cannot compare values
of type INTEGER and type DATE``), and truncating it to a month fails the same way, so every
time-bounded question on such a model used to end in an error. Read as
``CAST(STRPTIME(CAST(key AS VARCHAR), '%Y%m%d') AS DATE)`` the key filters, groups and joins
the time spine like the date it stands for.

Why only when every value parses: an integer time column may also hold epoch seconds or a
year; rewriting those would give wrong dates, so a column is read as a date key only when all
its non-null values are valid ``YYYYMMDD`` dates (checked in the warehouse at load time), and
only for dimensions at day grain or coarser (a key has no hours).
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Any

from sqlglot import exp

from semantic_layer.model import SemanticModel

_INTEGER_TYPES = {"INTEGER", "BIGINT", "HUGEINT", "UINTEGER", "UBIGINT", "INT", "INT4", "INT8"}
_IDENT = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")
_SUB_DAILY = {"nanosecond", "microsecond", "millisecond", "second", "minute", "hour"}
_FORMAT = "%Y%m%d"


def date_key_expr(column: str) -> str:
    """The date a ``YYYYMMDD`` integer key spells, as a model expression.

    >>> date_key_expr("loan_day_key")
    "CAST(STRPTIME(CAST(loan_day_key AS VARCHAR), '%Y%m%d') AS DATE)"
    """
    return f"CAST(STRPTIME(CAST({column} AS VARCHAR), '{_FORMAT}') AS DATE)"


def _column_type(con: Any, schema: str | None, table: str, column: str) -> str | None:
    sql = (
        "select upper(data_type) from information_schema.columns "
        "where lower(table_name) = lower(?) and lower(column_name) = lower(?)"
    )
    params = [table, column]
    if schema:
        sql += " and lower(table_schema) = lower(?)"
        params.append(schema)
    row = con.execute(sql + " order by table_schema = 'main' desc limit 1", params).fetchone()
    return str(row[0]) if row else None


def _all_date_keys(con: Any, schema: str | None, table: str, column: str) -> bool:
    """Whether the column holds values and every non-null one is a valid YYYYMMDD date."""
    rel = exp.table_(table, db=schema, quoted=True).sql("duckdb")
    col = exp.column(column, quoted=True).sql("duckdb")
    text = f"CAST({col} AS VARCHAR)"
    bad = (
        f"{col} IS NOT NULL AND (length({text}) <> 8 OR try_strptime({text}, '{_FORMAT}') IS NULL)"
    )
    row = con.execute(f"select count({col}), count(*) filter (where {bad}) from {rel}").fetchone()
    return bool(row) and row[0] > 0 and row[1] == 0


def read_date_keys(model: SemanticModel, con: Any) -> list[str]:
    """Rewrite time dimensions over integer YYYYMMDD keys to date expressions (in place).

    Returns the ``semantic_model.dimension`` names rewritten (for the load's log and tests).
    """
    done: list[str] = []
    for node in model.nodes.values():
        if node.view_sql is not None:
            continue
        for name, dim in list(node.dimensions.items()):
            if dim.type != "time" or not _IDENT.match(dim.expr) or dim.granularity in _SUB_DAILY:
                continue
            kind = _column_type(con, node.schema, node.table, dim.expr)
            if kind not in _INTEGER_TYPES:
                continue
            if not _all_date_keys(con, node.schema, node.table, dim.expr):
                continue
            node.dimensions[name] = replace(dim, expr=date_key_expr(dim.expr))
            done.append(f"{node.name}.{name}")
    return done
