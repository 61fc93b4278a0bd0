"""Options and helpers shared by every ``orderlens`` command that touches the warehouse.

Why one place: every command must name the same default (``$ORDERLENS_DB`` or the demo file)
and turn a missing or locked warehouse into the same clear message.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import click

if TYPE_CHECKING:
    import duckdb

db_option = click.option(
    "--db",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="Warehouse file [default: $ORDERLENS_DB or .orderlens/demo.duckdb].",
)

spark_master_option = click.option(
    "--spark-master",
    "spark_master",
    default="local[2]",
    show_default=True,
    metavar="URL",
    help="Spark master: local[N], spark://host:7077, yarn, sc://host:15002.",
)

parquet_dir_option = click.option(
    "--parquet-dir",
    "parquet_dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="Spark: Parquet tables (orderlens export parquet); default: --db exported.",
)


def open_warehouse(
    db: Path | str | None, *, read_only: bool, sandbox: bool | None = None
) -> duckdb.DuckDBPyConnection:
    """:func:`connectors.warehouse.connect`, a warehouse that cannot be opened (missing, locked
    by another process, not a DuckDB file) being the command's error message, not a traceback.

    Why here: health, ingest, semantic, windows, reconcile and accounts each wrapped the same
    open in the same ``try``; the connectors load on use (``orderlens --help`` stays light).
    """
    from connectors.errors import WarehouseError
    from connectors.warehouse import connect

    try:
        return connect(db, read_only=read_only, sandbox=sandbox)
    except WarehouseError as exc:
        raise click.ClickException(str(exc)) from exc
