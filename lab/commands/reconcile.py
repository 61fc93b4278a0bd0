"""``orderlens reconcile``: close a month from the command line (the notebook's engine).

Why thin: matching, status and allocation live in :mod:`lab.reconciliation` (unit-tested and
shared with ``notebooks/reconciliation.ipynb``); this command parses options, opens the
warehouse for writing, runs one period (or a range) and prints the summary.
"""

from __future__ import annotations

import json
from pathlib import Path

import click

from lab.commands._options import db_option, open_warehouse
from lab.reconciliation.errors import ReconciliationError


@click.command("reconcile")
@click.option(
    "--period",
    "periods",
    multiple=True,
    metavar="YYYY-MM",
    help="Month to reconcile (repeatable); default: every month with bank lines or bills.",
)
@db_option
@click.option(
    "--rules",
    "rules_file",
    type=click.Path(dir_okay=False, exists=True, path_type=Path),
    default=None,
    help="Allocation rules YAML [default: lab/reconciliation/rules/default.yml].",
)
@click.option(
    "--tolerance",
    type=float,
    default=None,
    help="Relative tolerance before a flow turns yellow, e.g. 0.005 (= 0.5%).",
)
@click.option(
    "--export",
    "export_dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="Write reconciliation.xlsx and CSVs for the accountants into this folder.",
)
@click.option("--top", type=int, default=10, show_default=True, help="Unmatched flows to list.")
@click.option("--json", "as_json", is_flag=True, help="Print the key figures as JSON.")
def reconcile_command(
    periods: tuple[str, ...],
    db: Path | None,
    rules_file: Path | None,
    tolerance: float | None,
    export_dir: Path | None,
    top: int,
    as_json: bool,
) -> None:
    """Match bank lines and settlement bills to orders, colour them, allocate to lines.

    Re-running a period is idempotent; decisions a reviewer made are kept.
    """
    # the engine and its views (Altair) load when it runs (kept off every `orderlens` start-up)
    from lab.reconciliation import views
    from lab.reconciliation.engine import reconcile_all, reconcile_range
    from lab.reconciliation.rules import load_rules

    con = open_warehouse(db, read_only=False)
    try:
        rules = load_rules(rules_file)
        results = []
        if periods:
            for p in periods:
                results += reconcile_range(con, p, p, rules=rules, tolerance=tolerance)
        else:
            results = reconcile_all(con, rules=rules, tolerance=tolerance)
        labels = [r.period for r in results]
        unmatched = views.top_unmatched(con, labels, limit=top) if labels else None
        paths = {}
        if export_dir is not None and labels:
            # the Excel export (openpyxl, Altair) loads only with --export
            from lab.reconciliation.export import export_period

            paths = export_period(con, labels, export_dir)
    except ReconciliationError as exc:
        raise click.ClickException(str(exc)) from exc
    finally:
        con.close()
    if as_json:
        payload = {
            "periods": [r.to_dict() for r in results],
            "top_unmatched": [] if unmatched is None else json.loads(
                unmatched.to_json(orient="records", date_format="iso", force_ascii=False)
            ),
            "exports": {k: str(v) for k, v in paths.items()},
        }  # fmt: skip
        click.echo(json.dumps(payload, ensure_ascii=False, indent=2, default=str))
        return
    if not results:
        click.echo("no bank lines or settlement bills in the warehouse: nothing to reconcile")
        return
    for r in results:
        for line in r.summary_lines():
            click.echo(line)
    flows = sum(r.flows for r in results)
    if len(results) > 1:
        auto = sum(r.automation_rate * r.flows for r in results) / flows if flows else 0.0
        click.echo(f"all {len(results)} periods: {flows} flows, automation rate {auto:.1%}")
    if unmatched is not None and len(unmatched):
        click.echo(f"top {len(unmatched)} unmatched flows:")
        for row in unmatched.itertuples():
            click.echo(
                f"  {row.period} {row.flow_id} {row.amount:>12} {row.counterparty}: {row.reason}"
            )
    for name, path in paths.items():
        if name == "xlsx":
            click.echo(f"exported {path} (+ {len(paths) - 1} CSV files)")


def register(group: click.Group) -> None:
    """Add ``reconcile`` to the ``orderlens`` CLI."""
    group.add_command(reconcile_command)
