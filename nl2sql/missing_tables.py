"""A query that names a table the warehouse does not hold: say which, and what to do.

Why: a model loaded without a warehouse (``orderlens ask --semantic-model DIR --db FILE``)
trusts its relations; when a mart was never built into the warehouse asked, DuckDB's
"Catalog Error: Table with name dim_date does not exist! Did you mean ..." reached the user as
the answer. The user needs the semantic model that reads it and the fix (build it, or point
at the warehouse that holds it), in the question's language.
"""

from __future__ import annotations

import re
from typing import Any

_MISSING = re.compile(r"Table with name (?P<name>[\w.\"]+) does not exist", re.IGNORECASE)


def missing_table(message: str) -> str | None:
    """The table a DuckDB catalog error names as missing, else None.

    >>> missing_table("the query could not run: Catalog Error: Table with name dim_date "
    ...               "does not exist! Did you mean \\"core.dim_date\\"?")
    'dim_date'
    >>> missing_table("Binder Error: column x not found") is None
    True
    """
    m = _MISSING.search(message)
    return m.group("name").replace('"', "") if m else None


def _readers(model: Any, table: str) -> list[str]:
    """The semantic models (or the time spine) of ``model`` that read ``table``."""
    bare = table.rpartition(".")[2].lower()
    names = [
        name
        for name, node in getattr(model, "nodes", {}).items()
        if getattr(node, "view_sql", None) is None and str(node.table).lower() == bare
    ]
    spine = getattr(model, "time_spine", None) or {}
    if str(spine.get("relation", "")).rpartition(".")[2].lower() == bare:
        names.append(f"time spine {spine.get('model') or bare}")
    return names


def missing_table_reason(message: str, model: Any, lang: str) -> tuple[str, str] | None:
    """(English error, reason in ``lang``) for a query that failed on a missing table, else None.

    >>> from types import SimpleNamespace as NS
    >>> m = NS(nodes={"visits": NS(table="fct_visits", view_sql=None)}, time_spine=None)
    >>> err, zh = missing_table_reason("Catalog Error: Table with name fct_visits does "
    ...                                "not exist!", m, "zh")
    >>> err.split(";")[0]
    'the warehouse has no table `fct_visits` (read by semantic model `visits`)'
    >>> "dbt run --select fct_visits" in zh
    True
    """
    table = missing_table(message)
    if table is None:
        return None
    readers = _readers(model, table)
    bare = table.rpartition(".")[2]
    by = f" (read by semantic model {', '.join(f'`{r}`' for r in readers)})" if readers else ""
    error = (
        f"the warehouse has no table `{table}`{by}; build it into this warehouse "
        f"(`dbt run --select {bare}`) or pass --db the warehouse that holds it, then ask again; "
        "`orderlens validate MODEL_DIR --db FILE` lists every table the model misses"
    )
    if lang != "zh":
        return error, error
    zh_by = f"（语义模型 {'、'.join(f'`{r}`' for r in readers)} 读取它）" if readers else ""
    reason = (
        f"数据仓库中没有表 `{table}`{zh_by}：请先把它构建到这个仓库（`dbt run --select {bare}`），"
        "或用 --db 指向包含它的仓库后再问；`orderlens validate MODEL_DIR --db FILE` "
        "会列出模型缺少的所有表"
    )
    return error, reason
