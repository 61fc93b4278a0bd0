"""``orderlens ingest``, ``orderlens ids report`` and ``orderlens export parquet``.

Thin on purpose: the work is in :mod:`connectors.ingest`, :mod:`connectors.ids` and
:mod:`connectors.export`; commands parse options, open the warehouse and print.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from connectors.errors import ConnectorError, WarehouseError
from connectors.export import export_parquet
from connectors.ids import consistency_report
from connectors.sources import FORMATS
from connectors.warehouse import write_connection
from lab.commands._options import db_option, open_warehouse

_DB = db_option


@click.command("ingest")
@click.argument("fmt", metavar="FORMAT", type=click.Choice(list(FORMATS)))
@click.argument("paths", nargs=-1, required=True)
@_DB
@click.option(
    "--mapping",
    type=click.Path(dir_okay=False, exists=True, path_type=Path),
    help="YAML mapping (orders-csv, postgres).",
)
@click.option(
    "--rejects",
    "rejects_dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="Directory for rejects CSVs [default: .orderlens/rejects].",
)
@click.option("--query", help="postgres: the SELECT to ingest.")
@click.option("--table", "pg_table", help="postgres: a table (or schema.table) to ingest.")
@click.option(
    "--target",
    type=click.Choice(["orders"]),
    default="orders",
    show_default=True,
    help="postgres: canonical table the rows feed.",
)
@click.option(
    "--amount-format",
    type=click.Choice(["1,234.56", "1.234,56", "1,23,456.78"]),
    default=None,
    help="bank-csv: how the bank writes amounts; a value in any other shape is rejected "
    "[default: read off the file's decimal marks; a file that shows none, such as 1.234 "
    "alone, is refused].",
)
@click.option(
    "--date-era",
    type=click.Choice(["buddhist", "gregorian"]),
    default=None,
    help="bank-csv: the era of two-digit years (a Thai statement's 15/03/69 is 2569 of the "
    "Buddhist era, 2026) [default: as the statement's full dates show; a Thai export that "
    "shows none is refused].",
)
@click.option(
    "--currency",
    default=None,
    help="bank-csv: the account's currency (ISO 4217, e.g. CNY) for a file that does not state "
    "it; a file that states another is refused.",
)
@click.option("--json", "as_json", is_flag=True, help="Print the report as JSON.")
@click.option("--no-progress", is_flag=True, help="No progress bars.")
def ingest_cmd(
    fmt,
    paths,
    db,
    mapping,
    rejects_dir,
    query,
    pg_table,
    target,
    amount_format,
    date_era,
    currency,
    as_json,
    no_progress,
) -> None:
    """Load FORMAT files (or a postgres connection string) into the warehouse, safely.

    One transaction for all PATHS (a bad file changes nothing); files already ingested are
    skipped (SHA-256 in ingest_log); rows that fail validation go to a rejects CSV with file,
    line and reason. FORMAT: taobao, jd, orders-csv (--mapping), tracking, mt940, camt053,
    bank-csv, alipay, wechat, postgres (PATH = connection string, plus --query or --table).
    """
    # every format's reader (tqdm, charset_normalizer) loads for ingests only (not at start-up)
    from connectors.ingest import ingest_files

    options: dict[str, str] = {"amount_format": amount_format} if amount_format else {}
    if currency:
        options["currency"] = currency
    if date_era:
        options["date_era"] = date_era
    if fmt == "postgres":
        if bool(query) == bool(pg_table):
            raise click.UsageError("postgres needs exactly one of --query or --table")
        options.update(query=query, table=pg_table, target=target)

    try:
        # waits (and says for whom) while a server reads or another ingest writes
        with write_connection(db, purpose=f"orderlens ingest {fmt}") as con:
            report = ingest_files(
                con,
                fmt,
                list(paths),
                mapping=mapping,
                rejects_dir=rejects_dir,
                progress=not no_progress and sys.stderr.isatty(),
                options=options,
            )
    except WarehouseError as exc:
        raise click.ClickException(str(exc)) from exc
    except ConnectorError as exc:
        raise click.ClickException(
            f"{exc}\nNothing was written (the batch was rolled back)."
        ) from exc
    if as_json:
        click.echo(json.dumps(report.to_dict(), ensure_ascii=False, indent=2, default=str))
    else:
        click.echo(report.summary())


@click.group("ids")
def ids_group() -> None:
    """Order-ID governance: global order ids across platform, ERP, WMS, courier and CRM."""


@ids_group.command("report")
@_DB
@click.option("--json", "as_json", is_flag=True, help="Print the full report as JSON.")
@click.option("--limit", default=20, show_default=True, help="Conflicts to list (text mode).")
def ids_report(db, as_json, limit) -> None:
    """Cross-system ID consistency rate, learned id shapes per system, conflicting ids."""

    con = open_warehouse(db, read_only=True)
    try:
        rep = consistency_report(con)
    finally:
        con.close()
    if as_json:
        click.echo(json.dumps(rep.to_dict(), ensure_ascii=False, indent=2, default=str))
        return
    click.echo(rep.summary())
    click.echo("\nid shapes per system (share of ids):")
    for system, pats in rep.patterns.items():
        shown = ", ".join(f"{p.regex} {p.share:.1%}" for p in pats[:4])
        more = f" (+{len(pats) - 4} more)" if len(pats) > 4 else ""
        click.echo(f"  {system}: {shown}{more}")
    if len(rep.conflicts):
        click.echo(f"\nconflicting ids (first {limit} of {len(rep.conflicts)}):")
        for r in rep.conflicts.head(limit).itertuples(index=False):
            click.echo(
                f"  {r.order_id} {r.system}: {r.external_id} (map: {r.expected}) — {r.reason}"
            )


@click.group("export")
def export_group() -> None:
    """Export the warehouse for other engines."""


@export_group.command("parquet")
@click.argument("out_dir", type=click.Path(file_okay=False, path_type=Path))
@_DB
@click.option("--tables", default=None, help="Comma-separated tables [default: all present].")
def export_parquet_cmd(out_dir, db, tables) -> None:
    """Write each table to OUT_DIR/<table>.parquet (for Spark: --engine spark)."""

    con = open_warehouse(db, read_only=True, sandbox=False)  # COPY writes files: no sandbox
    try:
        counts = export_parquet(con, out_dir, tables.split(",") if tables else None)
    except ConnectorError as exc:
        raise click.ClickException(str(exc)) from exc
    finally:
        con.close()
    for t, n in counts.items():
        click.echo(f"{out_dir / (t + '.parquet')}: {n} rows")


def register(group: click.Group) -> None:
    """Add the ingest, ids and export commands."""
    group.add_command(ingest_cmd)
    group.add_command(ids_group)
    group.add_command(export_group)
