"""Checking a model against the tables it reads: every relation and every column must exist.

Why the known tables are passed in: the semantic layer must not know any particular warehouse
schema (the canonical OrderLens schema lives in ``connectors``). Callers pass either a DuckDB
connection (its ``information_schema`` is read) or a ``{table: [columns]}`` mapping.

Why names compare case-insensitively: DuckDB resolves unquoted identifiers case-insensitively,
and dbt-built tables keep mixed-case column names (``Order_ID``) that a model writes in lower
case; comparing exactly reported dozens of false problems on real projects.
"""

from __future__ import annotations

import difflib
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

import sqlglot
from sqlglot import exp

from semantic_layer.checks import suggest
from semantic_layer.errors import QueryError
from semantic_layer.expression_bounds import oversized
from semantic_layer.issues import IssueCollector
from semantic_layer.missing_columns import MissingColumn
from semantic_layer.templates import parse_template

Known = dict[str, list[str]]  # lower-case table key ("t" and "schema.t") -> column names


def parse_views(views: dict[str, str], root: Path, col: IssueCollector) -> dict[str, exp.Query]:
    """The ``<name>.sql`` view files of a plain model folder, each one SELECT."""
    out: dict[str, exp.Query] = {}
    for name, text in views.items():
        file = str((root if root.is_dir() else root.parent) / f"{name}.sql")
        try:
            trees = [t for t in sqlglot.parse(text, dialect="duckdb") if t is not None]
        except sqlglot.errors.ParseError as exc:
            col.add(file, None, f"view `{name}`", str(exc).splitlines()[0], "fix the SQL")
            continue
        if len(trees) != 1 or not isinstance(trees[0], exp.Query):
            col.add(file, None, f"view `{name}`", "is not one SELECT", "write one SELECT statement")
            continue
        too_large = oversized(trees[0])
        if too_large:  # reading its values at start-up would run it without the SQL guard
            col.add(
                file,
                None,
                f"view `{name}`",
                f"may build a value too large to compute: {too_large}",
                "write the sizes as numbers of at most the limit",
            )
            continue
        for node in trees[0].walk():
            node.comments = None
        out[name] = trees[0]
    return out


def table_columns(con: Any) -> Known:
    """Tables and columns of a DuckDB connection, keyed ``table`` and ``schema.table``."""
    rows = con.execute(
        "select table_schema, table_name, column_name from information_schema.columns "
        "order by table_schema = 'main' desc, table_schema, table_name, ordinal_position"
    ).fetchall()
    qualified: Known = {}
    for schema, table, column in rows:
        qualified.setdefault(f"{schema}.{table}".lower(), []).append(column)
    known: Known = dict(qualified)
    for key, cols in qualified.items():
        known.setdefault(key.split(".", 1)[1], cols)  # 'main' first: it wins unqualified names
    return known


def built_relation(rel: str, known: Known, target_schema: str) -> str | None:
    """Where the warehouse holds ``rel`` when it is not where dbt's default naming puts it.

    dbt's default ``generate_schema_name`` builds ``+schema: marts`` into
    ``<target>_marts``; many projects override that macro to use the custom schema as it is
    (``marts``), and a warehouse copied by other means may hold the table in the target schema.
    Tried in that order, then the one table of that name in any schema. None when ``rel`` is
    there as named, or when nothing (or more than one table) fits: the load then reports it.

    >>> known = {"marts.orders": ["id"], "orders": ["id"]}
    >>> built_relation("main_marts.orders", known, "main")
    'marts.orders'
    >>> built_relation("marts.orders", known, "main") is None
    True

    An unqualified name (a project whose model ``.sql`` files are not in the folder, so their
    custom schema is unknown) is read in the target schema; when only another schema holds the
    table, that one is named, else validation passed on the unqualified name and every query
    failed with "table does not exist":

    >>> built_relation("orders", {"marts.orders": ["id"], "orders": ["id"]}, "main")
    'marts.orders'
    >>> built_relation("orders", {"main.orders": ["id"], "orders": ["id"]}, "main") is None
    True
    """
    schema, _, table = rel.lower().rpartition(".")
    if not schema:
        if f"{target_schema.lower()}.{table}" in known:
            return None
        anywhere = [k for k in known if "." in k and k.split(".", 1)[1] == table]
        return anywhere[0] if len(anywhere) == 1 else None
    if rel.lower() in known:
        return None
    prefix = f"{target_schema.lower()}_"
    tries = [f"{schema[len(prefix) :]}.{table}"] if schema.startswith(prefix) else []
    tries.append(f"{target_schema.lower()}.{table}")
    for candidate in tries:
        if candidate in known:
            return candidate
    anywhere = [k for k in known if "." in k and k.split(".", 1)[1] == table]
    return anywhere[0] if len(anywhere) == 1 else None


def read_relation(rel: str, known: Known, target_schema: str) -> str | None:
    """The relation a query must name to read ``rel`` in this warehouse, else None.

    Why one function: the semantic models, the time spine and a model re-read at question time
    (``semantic_layer.rehome``) must resolve a dbt ``ref()`` the same way; the spine alone kept
    dbt's name, so every cumulative metric by a period failed with "table does not exist".
    ``rel`` itself when the warehouse holds it as DuckDB resolves the name (an unqualified name
    lives in the target schema: a ``core.dim_date`` does not make ``dim_date`` readable), else
    where :func:`built_relation` finds it, else None (nowhere, or ambiguous).

    >>> known = {"core.dim_date": ["d"], "dim_date": ["d"], "main.orders": ["id"], "orders": ["id"]}
    >>> read_relation("dim_date", known, "main"), read_relation("orders", known, "main")
    ('core.dim_date', 'orders')
    >>> read_relation("main_core.dim_date", known, "main"), read_relation("x", known, "main")
    ('core.dim_date', None)
    """
    schema, _, table = rel.lower().rpartition(".")
    if (rel.lower() if schema else f"{target_schema.lower()}.{table}") in known:
        return rel
    return built_relation(rel, known, target_schema)


def _lowered(tables: Mapping[str, Sequence[str]]) -> Known:
    return {str(t).lower(): list(cols) for t, cols in tables.items()}


def check_tables(
    sms: list[Any],
    tables: dict[str, str],
    views: dict[str, exp.Query],
    origins: dict[tuple[str, str], str],
    col: IssueCollector,
    *,
    con: Any = None,
    known_tables: Mapping[str, Sequence[str]] | None = None,
    missing: list[MissingColumn] | None = None,
) -> None:
    """Every view's tables, every semantic model's relation and every column its exprs read.

    Without ``con`` or ``known_tables`` only the views' references to each other are checked.
    With ``missing``, a dimension or measure reading an unknown column is appended there
    instead of being an error (:mod:`semantic_layer.missing_columns` decides).
    """
    if con is not None:
        known = table_columns(con)
    elif known_tables is not None and sum(
        t.lower() in _lowered(known_tables) or t in views for t in tables.values()
    ) * 2 > len(tables):
        known = _lowered(known_tables)
    else:
        # a model of some other warehouse (and no connection to it): its tables are checked by
        # `orderlens validate --db`
        known = {}
    strict = con is not None
    for vname, tree in views.items():
        for t in tree.find_all(exp.Table):
            name = t.name.lower()
            if (
                name
                and name not in known
                and t.name not in views
                and (strict or _near(name, known))
            ):
                col.add(
                    f"{vname}.sql",
                    None,
                    f"view `{vname}`",
                    f"reads unknown table `{t.name}`",
                    suggest(t.name, list(known)),
                )
        known[vname.lower()] = [s.alias_or_name for s in tree.selects]
    if not known:
        return
    # entities some model is keyed by: a foreign entity named so joins; any other joins nothing
    joined = {
        str(e.name).lower()
        for m in sms
        for e in m.entities
        if getattr(e.type, "value", e.type) in ("primary", "unique", "natural")
    } | {str(m.primary_entity).lower() for m in sms if getattr(m, "primary_entity", None)}
    for sm in sms:
        file = origins[("semantic_model", sm.name)]
        line = sm.metadata.file_slice.start_line_number if sm.metadata else None
        table = tables[sm.name]
        if table.lower() not in known:
            if strict or _near(table.lower(), known):
                col.add(
                    file,
                    line,
                    f"semantic model `{sm.name}`",
                    f"`ref('{table.split('.')[-1]}')` names no warehouse table"
                    + (f" (looked for `{table}`)" if "." in table else ""),
                    suggest(table, list(known)),
                )
            continue
        _check_columns(sm, known[table.lower()], table, file, line, col, missing, joined)


def _check_columns(
    sm: Any,
    columns: list[str],
    table: str,
    file: str,
    line: int | None,
    col: IssueCollector,
    missing: list[MissingColumn] | None,
    joined: frozenset[str] | set[str] = frozenset(),
) -> None:
    """Every column each element reads exists. With ``missing``, a dimension or measure that
    misses one is collected there (``missing_columns`` decides), and a *foreign* entity that
    misses one and that no model is keyed by (``joined``) is left out with a warning: it joins
    nothing, so leaving it out changes no join path, and a public project's misspelt key
    (`assessment_sdentifier`) no longer stops the load. Any other entity on a missing column
    decides a join and stays an error."""
    lower = {c.lower() for c in columns}
    entities = {id(e) for e in sm.entities}
    dropped: set[str] = set()
    for el in [*sm.entities, *sm.dimensions, *sm.measures]:
        text = el.expr or el.name
        try:
            tree = parse_template(text, allow_columns=True).expression
        except QueryError as exc:
            col.add(
                file, line, f"`{el.name}` of semantic model `{sm.name}`", str(exc), "fix its `expr`"
            )
            continue
        for c in tree.find_all(exp.Column):
            if c.name.startswith("__ol_ref_") or c.table:
                continue
            if c.name.lower() not in lower and c.name.lower() not in {"true", "false"}:
                message = f"column `{c.name}` does not exist in table `{table}`"
                fix = suggest(c.name, sorted(columns))
                if missing is not None and id(el) not in entities:
                    missing.append(MissingColumn(sm.name, el.name, file, line, message, fix))
                    break
                if (
                    missing is not None
                    and getattr(el.type, "value", el.type) == "foreign"
                    and el.name.lower() not in joined
                ):
                    element = f"`{el.name}` of semantic model `{sm.name}`"
                    col.warn(
                        file, line, element, f"{message}; the entity is left out of the model", fix
                    )
                    dropped.add(el.name)
                    break
                col.add(
                    file,
                    line,
                    f"`{el.name}` of semantic model `{sm.name}`",
                    f"column `{c.name}` does not exist in table `{table}`",
                    suggest(c.name, sorted(columns)),
                )
    if dropped:
        sm.entities = [e for e in sm.entities if e.name not in dropped]


def _near(name: str, known: Known) -> bool:
    """An unknown table that looks like a typo of a known one (checked even without a warehouse)."""
    return bool(difflib.get_close_matches(name, list(known), n=1, cutoff=0.8))


def check_time_spine(spine: dict[str, Any], con: Any, file: str, col: IssueCollector) -> None:
    """The project's time spine is a warehouse table with its day and custom-grain columns.

    A warning, not an error: dbt projects often declare a spine that is not built in every
    warehouse. Without the table, periods of cumulative metrics and ``join_to_timespine`` are
    generated instead of read from it; a query at a custom granularity fails with the
    database's message.
    """
    relation = str(spine["relation"])
    known = table_columns(con)
    what = f"time spine `{spine['model']}`"
    held = read_relation(relation, known, "main")
    columns = known.get(held.lower()) if held == relation else None
    if columns is None:
        spine["missing"] = True  # periods are generated instead of read from it
        col.warn(
            file,
            None,
            what,
            f"names no warehouse table (looked for `{relation}`)",
            f"build it (`dbt run --select {spine['model']}`) before querying custom granularities",
        )
        return
    lower = {c.lower() for c in columns}
    for c in [spine["column"], *spine["custom"].values()]:
        if c.lower() not in lower:
            col.warn(
                file,
                None,
                what,
                f"column `{c}` does not exist in table `{relation}`",
                suggest(c, sorted(columns)),
            )
