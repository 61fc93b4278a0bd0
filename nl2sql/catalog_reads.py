"""Reading a model's dimension values within a time limit when the catalog is built.

Why: the catalog (the values of every categorical dimension: the names a question may use) is
built before the first question is answered, on every new warehouse version. Its queries ran
without the guard's time limit (session 15's red team: a slow but bounded dimension expression
over a large table held the first question, and every question waiting for the catalog, for as
long as it took). Now each read is interrupted at :data:`PER_QUERY_S` (the guard's limit) and
all of them together get :data:`BUDGET_ENV` seconds (default :data:`DEFAULT_BUDGET_S`); rows
are capped at :data:`MAX_ROWS` (each query asks for at most 51 anyway). A dimension whose read
ran out of time is listed without values (``Catalog.unread_values``), answers say so
(:func:`unread_note`), and the catalog is not kept on disk, so the next start reads it again.
"""

from __future__ import annotations

import os
import time
from typing import Any

import duckdb

from nl2sql.guard import DEFAULT_TIMEOUT_S, check_functions, time_limited
from semantic_layer.catalog import Catalog

#: Environment variable: seconds all of one catalog's value reads may take together.
BUDGET_ENV = "ORDERLENS_CATALOG_READ_S"
#: Default of :data:`BUDGET_ENV`: a 1M-order warehouse's catalog reads in tens of seconds.
DEFAULT_BUDGET_S = 120.0
#: One read's limit (the guard's limit of an answer's query).
PER_QUERY_S = DEFAULT_TIMEOUT_S
#: Rows one read returns at most.
MAX_ROWS = 10_000


def budget_s() -> float:
    """:data:`BUDGET_ENV` as a positive number of seconds (the default when unset or invalid).

    >>> budget_s() > 0
    True
    """
    raw = os.environ.get(BUDGET_ENV, "").strip()
    try:
        value = float(raw) if raw else DEFAULT_BUDGET_S
    except ValueError:
        return DEFAULT_BUDGET_S
    return value if value > 0 and value == value and value != float("inf") else DEFAULT_BUDGET_S


class BoundedReader:
    """``read(sql, dimension)`` for :func:`semantic_layer.build_catalog` and the value index:
    the rows, or None when the read ran out of time (the dimension is then remembered in
    :attr:`unread`). Other errors are raised as they are (the callers treat them as a table
    the warehouse lacks)."""

    def __init__(self, con: Any, total_s: float | None = None) -> None:
        self.con = con
        self.total_s = budget_s() if total_s is None else total_s
        self.spent_s = 0.0  # time inside reads only: the catalog's Python work is not counted
        self.unread: list[str] = []

    def __call__(self, sql: str, dimension: str) -> list[tuple[Any, ...]] | None:
        left = self.total_s - self.spent_s
        if left <= 0:
            self._unread(dimension)
            return None
        check_functions(sql)  # a hostile model's expression: refused like an answer's query
        started = time.monotonic()
        try:
            with time_limited(self.con, min(PER_QUERY_S, left)):
                return list(self.con.execute(sql).fetchmany(MAX_ROWS))
        except duckdb.InterruptException:
            self._unread(dimension)
            return None
        finally:
            self.spent_s += time.monotonic() - started

    def _unread(self, dimension: str) -> None:
        if dimension and dimension not in self.unread:
            self.unread.append(dimension)


def unread_note(catalog: Catalog, lang: str) -> str:
    """What an answer says when some dimensions' values were not read ("" when all were).

    >>> from semantic_layer.catalog import CatalogDimension
    >>> c = Catalog(metrics=(), dimensions=(CatalogDimension("o__city", "City"),),
    ...             unread_values=("o__city",))
    >>> unread_note(c, "en")
    'the values of City were not read (reading them took too long), so a value of it named in a question is not recognised'
    """
    if not catalog.unread_values:
        return ""
    labels = []
    for name in catalog.unread_values:
        dim = catalog.dimension(name)
        labels.append(dim.label if dim is not None else name)
    if lang == "zh":
        return f"{'、'.join(labels)}的取值未能读取（读取时间过长），问题中提到的这些取值无法识别"
    return (
        f"the values of {', '.join(labels)} were not read (reading them took too long), so a "
        "value of it named in a question is not recognised"
    )


def note_unread(answer: Any, catalog: Catalog, lang: str) -> None:
    """Say in ``answer`` (its interpretation, or a refusal's reason) that some dimensions'
    values were not read: a value of one named in the question was not recognised."""
    note = unread_note(catalog, lang)
    if not note:
        return
    wrap = ("（", "）") if lang == "zh" else (" (", ")")
    if answer.refused or answer.error:
        answer.reason = f"{answer.reason or answer.error or ''}{wrap[0]}{note}{wrap[1]}"
    elif answer.interpretation:
        answer.interpretation = f"{answer.interpretation}{wrap[0]}{note}{wrap[1]}"
