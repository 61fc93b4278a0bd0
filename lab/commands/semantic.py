"""``orderlens metrics | dimensions | query | validate``: the semantic layer on the command line.

Why thin: everything is in :mod:`semantic_layer`; these commands parse options, open the
warehouse read-only and print. ``query --json`` prints the same object as ``ask --json``:
``{"sql","columns","rows","interpretation","chart"}`` (chart is null here).
"""

from __future__ import annotations

import datetime as dt
import json
import math
import re
import sys
from decimal import Decimal
from pathlib import Path
from typing import Any

import click

from connectors.errors import ConnectorError
from connectors.schema import TABLES
from connectors.warehouse import default_db_path
from lab.commands._options import open_warehouse, parquet_dir_option, spark_master_option

_TEMPLATE = re.compile(r"\{\{\s*(?:Dimension|TimeDimension|Entity|Metric)\(\s*'([^']+)'[^}]*\}\}")

_MODEL_OPT = click.option(
    "--semantic-model",
    "semantic_model",
    type=click.Path(path_type=Path),
    default=None,
    help="Semantic model: a folder of YAML, a dbt project directory or its target/semantic_manifest.json (default: the built-in model).",
)
_DB_OPT = click.option(
    "--db",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="Warehouse file (default: $ORDERLENS_DB or .orderlens/demo.duckdb).",
)


def register(group: click.Group) -> None:
    """Add the semantic-layer commands to the ``orderlens`` group."""
    for cmd in (metrics_command, dimensions_command, query_command, validate_command):
        group.add_command(cmd)


def _load(semantic_model: Path | None, con: Any = None):
    # lazy: lab/cli.py imports every command module at start; the semantic layer loads on use
    from semantic_layer import SemanticLayerError, load_model

    try:
        return load_model(semantic_model, con=con)
    except SemanticLayerError as exc:
        raise click.ClickException(str(exc)) from exc


def _open(db: Path | None, required: bool):

    path = db if db is not None else default_db_path()
    if not required and not Path(path).exists():
        return None
    return open_warehouse(path, read_only=True)


def json_value(v: Any) -> Any:
    """JSON-safe cell values: ISO dates, floats for decimals, null for NaN/NaT."""
    if v is None or str(v) in ("NaT", "<NA>"):
        return None
    if hasattr(v, "item") and not isinstance(v, str | bytes):
        v = v.item()
    if isinstance(v, Decimal):
        return float(v)
    if isinstance(v, float) and math.isnan(v):
        return None
    if isinstance(v, dt.datetime):
        return v.date().isoformat() if v.time() == dt.time() else v.isoformat()
    if isinstance(v, dt.date):
        return v.isoformat()
    if hasattr(v, "to_pydatetime"):
        return json_value(v.to_pydatetime())
    return v


def _dump(obj: Any) -> str:
    return json.dumps(obj, ensure_ascii=False, default=json_value)


@click.command("metrics")
@_MODEL_OPT
@_DB_OPT
@click.option("--json", "as_json", is_flag=True, help="Print the metrics as a JSON list.")
def metrics_command(semantic_model: Path | None, db: Path | None, as_json: bool) -> None:
    """List the metrics of the semantic model (name, type, label, synonyms)."""
    # lazy: lab/cli.py imports every command module at start; the semantic layer loads on use
    from semantic_layer import build_catalog

    cat = build_catalog(_load(semantic_model))
    if as_json:
        click.echo(
            _dump(
                [
                    {
                        "name": m.name,
                        "label": m.label,
                        "type": m.metric_type,
                        "format": m.value_format,
                        "description": m.description,
                        "synonyms": list(m.synonyms),
                        "implied": m.implied,
                    }
                    for m in cat.metrics
                ]
            )
        )
        return
    width = max(len(m.name) for m in cat.metrics)
    for m in cat.metrics:
        syn = ", ".join(m.synonyms[:4])
        kind = "measure*" if m.implied else m.metric_type
        click.echo(f"{m.name:<{width}}  {kind:<10} {m.label}" + (f"  ({syn})" if syn else ""))
    implied = sum(m.implied for m in cat.metrics)
    click.echo(f"\n{len(cat.metrics) - implied} metrics")
    if implied:
        click.echo(
            f"{implied} measure* without a metric: questions (`orderlens ask`) may name them; "
            "`orderlens query` and MetricFlow do not (publish one with `create_metric: true`)"
        )


@click.command("dimensions")
@_MODEL_OPT
@_DB_OPT
@click.option("--metric", default=None, help="Only the dimensions this metric can be grouped by.")
@click.option("--json", "as_json", is_flag=True, help="Print the dimensions as a JSON list.")
def dimensions_command(
    semantic_model: Path | None, db: Path | None, metric: str | None, as_json: bool
) -> None:
    """List the dimensions (entity__name) with their values when the warehouse is available."""
    # lazy: lab/cli.py imports every command module at start; the semantic layer loads on use
    from semantic_layer import build_catalog

    con = _open(db, required=db is not None)
    try:
        model = _load(semantic_model)
        cat = build_catalog(model, con=con)
    finally:
        if con is not None:
            con.close()
    dims = list(cat.dimensions)
    if metric:
        m = cat.metric(metric)
        if m is None:
            raise click.ClickException(f"unknown metric `{metric}` (see `orderlens metrics`)")
        dims = [d for d in dims if d.name in m.dimensions]
    if as_json:
        click.echo(
            _dump(
                [
                    {
                        "name": d.name,
                        "label": d.label,
                        "type": d.dim_type,
                        "values": list(d.values),
                        "synonyms": list(d.synonyms),
                    }
                    for d in dims
                ]
            )
        )
        return
    width = max(len(d.name) for d in dims)
    for d in dims:
        vals = (
            f"  [{', '.join(d.values[:8])}{', …' if len(d.values) > 8 else ''}]" if d.values else ""
        )
        click.echo(f"{d.name:<{width}}  {d.dim_type:<11} {d.label}{vals}")
    click.echo(f"\n{len(dims)} dimensions")


def _split(values: tuple[str, ...]) -> list[str]:
    return [p.strip() for v in values for p in v.split(",") if p.strip()]


def interpretation(query, catalog) -> str:
    """A plain-English one-liner for a semantic query, e.g. ``GMV by sales channel``."""

    def mlabel(n: str) -> str:
        m = catalog.metric(n)
        return m.label if m else n

    def dlabel(n: str) -> str:
        base, _, grain = n.rpartition("__")
        if grain in ("day", "week", "month", "quarter", "year"):
            inner = "time" if base == "metric_time" else dlabel(base)
            return f"{inner} ({grain})"
        d = catalog.dimension(n)
        if d:
            return d.label
        e = next((e for e in catalog.entities if e.name == n), None)
        return e.label if e else n.replace("__", " ")

    text = " and ".join(mlabel(m) for m in query.metrics)
    if query.group_by:
        text += " by " + ", ".join(dlabel(g) for g in query.group_by)
    conds = [
        f"{dlabel(f.dimension)} {f.op} {', '.join(map(str, f.values))}".strip()
        for f in query.filters
    ]
    conds += [_TEMPLATE.sub(lambda m: dlabel(m.group(1)), w) for w in query.where]
    conds += [f"{mlabel(h.metric)} {h.op} {h.value:g}" for h in query.having]
    if conds:
        text += " where " + " and ".join(conds)
    tr = query.time_range
    if tr is not None and (tr.start or tr.end):
        text += f", from {tr.start or 'the start'} to {tr.end or 'now'} (end exclusive)"
    if query.limit:
        text += f", top {query.limit}"
    return text


@click.command("query")
@click.option(
    "--metrics", "metrics", multiple=True, required=True, help="Metric names, comma-separated."
)
@click.option(
    "--group-by",
    "group_by",
    multiple=True,
    help="Group-by items, e.g. metric_time__month,order__channel.",
)
@click.option(
    "--where",
    "where",
    multiple=True,
    help="dbt filter template, e.g. \"{{ Dimension('order__channel') }} = 'jd'\" (repeatable).",
)
@click.option("--start", default=None, metavar="YYYY-MM-DD", help="Time range start (inclusive).")
@click.option("--end", default=None, metavar="YYYY-MM-DD", help="Time range end (exclusive).")
@click.option(
    "--order-by", "order_by", multiple=True, help="name or -name (descending); comma-separated."
)
@click.option("--limit", type=int, default=None)
@click.option(
    "--dialect",
    default="duckdb",
    show_default=True,
    type=click.Choice(["duckdb", "postgres", "spark", "trino", "snowflake", "bigquery"]),
)
@click.option("--sql-only", is_flag=True, help="Print the SQL and do not run it.")
@click.option(
    "--json",
    "as_json",
    is_flag=True,
    help='Print {"sql","columns","rows","interpretation","chart"}.',
)
@click.option(
    "--engine",
    "engine",
    type=click.Choice(["duckdb", "spark"]),
    default="duckdb",
    show_default=True,
    help="Where the query runs (spark: compiled as Spark SQL).",
)
@spark_master_option
@parquet_dir_option
@_MODEL_OPT
@_DB_OPT
def query_command(
    metrics,
    group_by,
    where,
    start,
    end,
    order_by,
    limit,
    dialect,
    sql_only,
    as_json,
    engine,
    spark_master,
    parquet_dir,
    semantic_model,
    db,
) -> None:
    """Run (or print) a semantic query (on DuckDB, or on Spark with --engine spark)."""
    # lazy: lab/cli.py imports every command module at start; the semantic layer loads on use
    from semantic_layer import (
        OrderBy,
        SemanticLayerError,
        SemanticQuery,
        TimeRange,
        build_catalog,
        compile_query,
        query,
    )
    from semantic_layer.implied import implied_names, implied_refusal

    try:
        q = SemanticQuery(
            metrics=_split(metrics),
            group_by=_split(group_by),
            where=list(where),
            time_range=TimeRange(start=start, end=end) if (start or end) else None,
            order_by=[
                OrderBy(name=o.lstrip("-"), descending=o.startswith("-")) for o in _split(order_by)
            ],
            limit=limit,
        )
    except ValueError as exc:
        raise click.ClickException(f"invalid query: {exc}") from exc
    if engine == "spark":
        if dialect not in ("duckdb", "spark"):
            raise click.UsageError(f"--engine spark runs Spark SQL; drop --dialect {dialect}")
        dialect = "spark"
    model = _load(semantic_model)
    implied = implied_names(model, q.metrics)
    if implied:
        raise click.ClickException(implied_refusal(implied))
    if engine == "spark" and not sql_only:
        _run_on_spark(model, q, db, parquet_dir, spark_master, as_json)
        return
    try:
        if sql_only or dialect != "duckdb":
            compiled = compile_query(model, q, dialect=dialect)
            if as_json:
                click.echo(
                    _dump(
                        {
                            "sql": compiled.sql,
                            "columns": compiled.columns,
                            "rows": None,
                            "interpretation": interpretation(q, build_catalog(model)),
                            "chart": None,
                        }
                    )
                )
            else:
                click.echo(compiled.sql)
            return
        con = _open(db, required=True)
        try:
            res = query(q, model=model, con=con)
        finally:
            con.close()
    except SemanticLayerError as exc:
        if as_json:
            click.echo(_dump({"error": str(exc), "suggestions": []}))
            sys.exit(2)
        raise click.ClickException(str(exc)) from exc
    except Exception as exc:  # the database refused the SQL: show it with the SQL
        raise click.ClickException(f"{type(exc).__name__}: {exc}") from exc
    if as_json:
        rows = [[json_value(v) for v in r] for r in res.df.itertuples(index=False, name=None)]
        click.echo(
            _dump(
                {
                    "sql": res.sql,
                    "columns": res.compiled.columns,
                    "rows": rows,
                    "interpretation": interpretation(q, build_catalog(model)),
                    "chart": None,
                }
            )
        )
        return
    import pandas as pd  # heavy: pandas only to print a result table

    click.echo(interpretation(q, build_catalog(model)))
    with pd.option_context("display.max_rows", 100, "display.width", 160):
        click.echo(res.df.to_string(index=False))


def _run_on_spark(
    model, q, db: Path | None, parquet_dir: Path | None, master: str, as_json: bool
) -> None:
    """Compile ``q`` for Spark SQL and run it on ``master`` over Parquet (``connectors.engines``)."""
    import pandas as pd  # heavy: pandas only to print a result table

    from connectors.engines import run_sql  # heavy: connectors.engines imports pandas

    # lazy: lab/cli.py imports every command module at start; the semantic layer loads on use
    from semantic_layer import SemanticLayerError, build_catalog, compile_query

    def fail(message: str) -> None:
        if as_json:
            click.echo(_dump({"error": message, "suggestions": []}))
            sys.exit(2)
        raise click.ClickException(message)

    try:
        compiled = compile_query(model, q, dialect="spark")
    except SemanticLayerError as exc:
        fail(str(exc))
    if parquet_dir is None:
        db = db if db is not None else default_db_path()
        if not Path(db).exists():
            raise click.ClickException(f"warehouse {db} does not exist: pass --db or --parquet-dir")
    try:
        df = run_sql(
            compiled.sql,
            engine="spark",
            db=db,
            parquet_dir=parquet_dir,
            spark_master=master,
            dialect="spark",
        )
    except ConnectorError as exc:
        fail(str(exc))
    text = interpretation(q, build_catalog(model))
    if as_json:
        rows = [[json_value(v) for v in r] for r in df.itertuples(index=False, name=None)]
        click.echo(
            _dump(
                {
                    "sql": compiled.sql,
                    "columns": compiled.columns,
                    "rows": rows,
                    "interpretation": text,
                    "chart": None,
                }
            )
        )
        return
    click.echo(text)
    with pd.option_context("display.max_rows", 100, "display.width", 160):
        click.echo(df.to_string(index=False))


@click.command("validate")
@click.argument("directory", required=False, type=click.Path(path_type=Path))
@_MODEL_OPT
@_DB_OPT
@click.option("--json", "as_json", is_flag=True, help="Print the issues as one JSON object.")
def validate_command(
    directory: Path | None, semantic_model: Path | None, db: Path | None, as_json: bool
) -> None:
    """Check a semantic model (default: the built-in one) against the warehouse.

    DIRECTORY is a folder of YAML, a dbt project (dbt_project.yml) or a dbt
    target/semantic_manifest.json. Every table and column the model names must exist in the
    warehouse (without one, the canonical OrderLens schema); every reference must resolve.
    Exit status 1 with one line per problem (file, element, fix) otherwise; with --json,
    ``{"ok", "errors": [...], "warnings": [...]}`` where each issue has level, file, line,
    element, message and fix.
    """
    # lazy: lab/cli.py imports every command module at start; the semantic layer loads on use
    from semantic_layer import ModelValidationError, SemanticLayerError, load_model

    target = directory or semantic_model
    con = _open(db, required=db is not None)
    warnings: list[Any] = []
    canonical = {name: t.column_names for name, t in TABLES.items()}
    try:
        model = load_model(
            target, con=con, known_tables=None if con else canonical, warnings=warnings
        )
    except SemanticLayerError as exc:
        if as_json:
            errors = (
                [i.to_dict() for i in exc.structured]
                if isinstance(exc, ModelValidationError) and exc.structured
                else [
                    {
                        "level": "error",
                        "file": str(target or ""),
                        "line": None,
                        "element": "model",
                        "message": str(exc),
                        "fix": "",
                    }
                ]
            )
            click.echo(
                json.dumps(
                    {"ok": False, "errors": errors, "warnings": [w.to_dict() for w in warnings]},
                    ensure_ascii=False,
                )
            )
        else:
            click.echo(str(exc), err=True)
        sys.exit(1)
    finally:
        if con is not None:
            con.close()
    visible = [m for m in model.metrics.values() if not m.hidden and not m.implied]
    if as_json:
        click.echo(
            json.dumps(
                {"ok": True, "errors": [], "warnings": [w.to_dict() for w in warnings]},
                ensure_ascii=False,
            )
        )
        return
    for w in warnings:
        click.echo(f"warning: {w}", err=True)
    where = (
        "against the warehouse"
        if con is not None
        else "(no warehouse found: only canonical OrderLens tables checked)"
    )
    click.echo(
        f"OK: {len(model.nodes)} semantic models, {len(visible)} metrics, "
        f"{sum(len(n.dimensions) for n in model.nodes.values())} dimensions valid {where}"
    )
