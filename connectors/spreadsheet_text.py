"""The first characters that make a spreadsheet run a text cell as a formula.

Why in ``connectors`` (the lowest layer): the ingest's rejects CSV, written here, must treat them
as text like every other CSV and workbook OrderLens writes for people to open
(:mod:`lab.spreadsheet_cells`, which re-exports this and holds the rest of the rule).
"""

from __future__ import annotations

import re

#: First characters that make a spreadsheet read a text cell as a formula (OWASP "CSV
#: injection"): ``=``, ``+``, ``-``, ``@``, tab and CR.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")

#: A ``;`` followed by spaces and a formula start (one regex for Python's ``re`` and DuckDB's
#: RE2; group 1 is what follows the ``;``). Why: Excel in German, French or Spanish splits a
#: CSV at ``;`` (the list separator there), not at ``,``; a text cell ``x;=HYPERLINK(…)`` holds
#: no comma, so no CSV writer quotes it, and such an Excel read a cell starting with ``=``.
#: Each such part gets the ``'`` a cell start gets (session 27); spaces are no protection.
AFTER_SEPARATOR = r";( *[=+\-@\t\r])"
#: What replaces :data:`AFTER_SEPARATOR`: the ``;``, a ``'``, then the part unchanged.
AFTER_SEPARATOR_INERT = r";'\1"


def inert_parts(text: str) -> str:
    """``text`` with every ``;``-separated part after the first that starts like a formula
    prefixed with ``'`` (the first part is the cell's start, which the caller guards).

    >>> inert_parts('x;=HYPERLINK("h")'), inert_parts("a; -1;b"), inert_parts("3;4")
    ('x;\\'=HYPERLINK("h")', "a;' -1;b", '3;4')
    """
    return re.sub(AFTER_SEPARATOR, AFTER_SEPARATOR_INERT, text)


def inert_sql(column: str) -> str:
    """DuckDB SQL for ``column`` as text, prefixed with ``'`` where it starts like a formula,
    and every ``;``-separated part likewise (:func:`inert_parts`, by the same regex).

    ``column`` is a column name of OrderLens's own (never user text); the starts are bound as
    the parameter ``$formula_starts`` (:data:`FORMULA_STARTS`); the regex and its replacement
    are constants of this module.
    """
    sql_quoted = AFTER_SEPARATOR_INERT.replace("'", "''")
    text = f"regexp_replace(CAST({column} AS VARCHAR), '{AFTER_SEPARATOR}', '{sql_quoted}', 'g')"
    return (
        f"CASE WHEN list_contains($formula_starts, left({text}, 1)) "
        f"THEN '''' || {text} ELSE {text} END"
    )
