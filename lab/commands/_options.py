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
