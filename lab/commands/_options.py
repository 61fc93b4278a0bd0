"""Options and helpers shared by every ``orderlens`` command that touches the warehouse.

Why one place: every command must name the same default (``$ORDERLENS_DB`` or the demo file)
and turn a missing or locked warehouse into the same clear message.
"""

from __future__ import annotations

from pathlib import Path

import click

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
