"""The first characters that make a spreadsheet run a text cell as a formula.

Why in ``connectors`` (the lowest layer): the ingest's rejects CSV, written here, must treat them
as text like every other CSV and workbook OrderLens writes for people to open
(:mod:`lab.spreadsheet_cells`, which re-exports this and holds the rest of the rule).
"""

from __future__ import annotations

#: First characters that make a spreadsheet read a text cell as a formula (OWASP "CSV
#: injection"): ``=``, ``+``, ``-``, ``@``, tab and CR.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def inert_sql(column: str) -> str:
    """DuckDB SQL for ``column`` as text, prefixed with ``'`` where it starts like a formula.

    ``column`` is a column name of OrderLens's own (never user text); the starts are bound as
    the parameter ``$formula_starts`` (:data:`FORMULA_STARTS`).
    """
    text = f"CAST({column} AS VARCHAR)"
    return (
        f"CASE WHEN list_contains($formula_starts, left({text}, 1)) "
        f"THEN '''' || {text} ELSE {text} END"
    )
