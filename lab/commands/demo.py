"""``orderlens demo``: build the seeded demo warehouse and say what to try next.

Why thin: the generator lives in :mod:`connectors.demo.generate` (only ``connectors`` writes
the warehouse); this command parses options, shows progress and prints a summary.
"""

from __future__ import annotations

import datetime as dt
import time
from pathlib import Path

import click

from connectors.errors import ConnectorError
from connectors.rows import one_row
from connectors.warehouse import connect, default_db_path

DEFAULT_ORDERS = 20_000
DEFAULT_SEED = 7

NEXT_STEPS = """\
Try next:
  orderlens ask "上个月各渠道的销售额" --db {db}
  orderlens ask "Which SKUs had a return rate above 15% in the last 30 days?" --db {db}
  orderlens health --db {db}
  orderlens windows --help
"""


def _summary(db: Path, counts: dict[str, int], seconds: float) -> str:
    con = connect(db, read_only=True)
    try:
        anomalies = con.execute(
            "SELECT anomaly_type, count(*) FROM anomaly_labels GROUP BY 1 ORDER BY 1"
        ).fetchall()
        first, last = one_row(
            con.execute("SELECT min(created_at)::DATE, max(created_at)::DATE FROM orders")
        )
    finally:
        con.close()
    width = max(len(t) for t in counts)
    lines = [f"Built demo warehouse {db} in {seconds:.1f} s (orders {first} .. {last})", ""]
    lines += [f"  {table:<{width}}  {rows:>12,}" for table, rows in counts.items()]
    lines += ["", "Injected anomalies (ground truth in table anomaly_labels):"]
    lines += [f"  {kind:<32} {n:>6,}" for kind, n in anomalies]
    lines += ["", NEXT_STEPS.format(db=db)]
    return "\n".join(lines)


@click.command("demo")
@click.option(
    "--orders",
    type=click.IntRange(min=100),
    default=DEFAULT_ORDERS,
    show_default=True,
    help="Number of orders to generate.",
)
@click.option("--seed", type=int, default=DEFAULT_SEED, show_default=True, help="Random seed.")
@click.option(
    "--end-date",
    type=click.DateTime(formats=["%Y-%m-%d"]),
    default=None,
    help="Last day of the two-year history (YYYY-MM-DD) [default: today].",
)
@click.option(
    "--db",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="Warehouse file to (re)create [default: $ORDERLENS_DB or .orderlens/demo.duckdb].",
)
@click.option("--quiet", is_flag=True, help="No progress bar.")
def demo(
    orders: int, seed: int, end_date: dt.datetime | None, db: Path | None, quiet: bool
) -> None:
    """Build (or rebuild) the seeded demo warehouse: orders, shipments, payments, anomalies."""

    # the generator (tqdm, asyncio) loads for `orderlens demo` only (not at start-up)
    from connectors.demo.generate import build_demo_warehouse

    path = db or default_db_path()
    start = time.perf_counter()
    try:
        counts = build_demo_warehouse(
            path,
            orders=orders,
            seed=seed,
            end_date=end_date.date() if end_date else None,
            progress=not quiet,
        )
    except ConnectorError as exc:
        raise click.ClickException(str(exc)) from exc
    except OSError as exc:
        raise click.ClickException(f"cannot write {path}: {exc}") from exc
    click.echo(_summary(path, counts, time.perf_counter() - start))


def register(group: click.Group) -> None:
    """Add ``orderlens demo`` to the CLI."""
    group.add_command(demo)
