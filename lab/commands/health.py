"""``orderlens health``, ``orderlens trace`` and ``orderlens impact``: operations commands.

Why here and thin: the logic lives in :mod:`lab.health`, :mod:`lab.trace` and
:mod:`lab.impact` (unit-tested, shared with the notebooks); commands only parse options, open
the warehouse read-only and print.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import click

from lab.commands._options import db_option, open_warehouse
from lab.spreadsheet_cells import inert_frame


def _dump(obj: Any) -> str:
    return json.dumps(obj, ensure_ascii=False, indent=2, default=str)


@click.command("health")
@db_option
@click.option(
    "--as-of",
    "as_of",
    default=None,
    help="Judge as of this date/time (default: the warehouse's latest status record).",
)
@click.option(
    "--threshold",
    "thresholds",
    multiple=True,
    metavar="CHECK.PARAM=VALUE",
    help="Override a threshold, e.g. status_disagreement.minutes=20 (repeatable).",
)
@click.option(
    "--thresholds-file",
    type=click.Path(dir_okay=False, exists=True, path_type=Path),
    default=None,
    help="YAML file of thresholds: check: {param: value}.",
)
@click.option("--check", "checks", multiple=True, help="Run only this check (repeatable).")
@click.option(
    "--csv",
    "csv_out",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="Also write every finding to this CSV file.",
)
@click.option(
    "--limit",
    type=int,
    default=10,
    show_default=True,
    help="Findings shown per check in the text output.",
)
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object.")
def health_command(
    db: Path | None,
    as_of: str | None,
    thresholds: tuple[str, ...],
    thresholds_file: Path | None,
    checks: tuple[str, ...],
    csv_out: Path | None,
    limit: int,
    as_json: bool,
) -> None:
    """Run the order health checks and list the findings with what to do."""
    # the checks load when they run (kept off every `orderlens` start-up)
    from lab.health import HealthError, load_thresholds, run_checks, summarize

    overrides: dict = dict(load_thresholds(thresholds_file)) if thresholds_file else {}
    for item in thresholds:
        if "=" not in item:
            raise click.BadParameter(f"{item!r}: write CHECK.PARAM=VALUE", param_hint="--threshold")
        key, value = item.split("=", 1)
        overrides[key.strip()] = value.strip()
    con = open_warehouse(db, read_only=True)
    try:
        findings = run_checks(con, as_of=as_of, thresholds=overrides, checks=checks or None)
    except HealthError as exc:
        raise click.ClickException(str(exc)) from exc
    finally:
        con.close()
    if csv_out:
        csv_out.parent.mkdir(parents=True, exist_ok=True)
        inert_frame(findings).to_csv(csv_out, index=False)  # warehouse text stays text
    summary = summarize(findings)
    if checks:
        summary = summary[summary["check"].isin(checks)]
    if as_json:
        click.echo(_dump({
            "as_of": findings.attrs["as_of"],
            "thresholds": findings.attrs["thresholds"],
            "summary": summary.to_dict(orient="records"),
            "findings": findings.to_dict(orient="records"),
        }))  # fmt: skip
        return
    click.echo(f"health as of {findings.attrs['as_of']}: {len(findings)} findings")
    for row in summary.itertuples(index=False):
        click.echo(f"\n[{row.severity.upper()}] {row.check}: {row.findings} — {row.title}")
        part = findings[findings["check"] == row.check].head(limit)
        for f in part.itertuples(index=False):
            ref = f.channel_order_no if isinstance(f.channel_order_no, str) else ""
            click.echo(f"  {f.entity_id} {ref}  {f.summary}")
        if row.findings:
            click.echo(f"  -> {part.iloc[0]['action']}" if not part.empty else "")


@click.command("trace")
@click.argument("references", nargs=-1)
@db_option
@click.option("--sample", type=int, default=None, help="Trace a deterministic sample of N orders.")
@click.option("--seed", type=int, default=0, show_default=True, help="Seed of --sample.")
@click.option(
    "--red-minutes",
    type=float,
    default=15.0,
    show_default=True,
    help="Records later than this behind the first system are red.",
)
@click.option(
    "--html",
    "html_out",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="Write the HTML comparison report here.",
)
@click.option("--json", "as_json", is_flag=True, help="Print the cards as JSON.")
def trace_command(
    references: tuple[str, ...],
    db: Path | None,
    sample: int | None,
    seed: int,
    red_minutes: float,
    html_out: Path | None,
    as_json: bool,
) -> None:
    """Show each system's status records of orders on one timeline (any order id works)."""
    # the trace (Jinja templates) loads when it runs (kept off every `orderlens` start-up)
    from lab.trace import TraceError, sample_orders, trace_cards, write_comparison_report
    from lab.trace.timeline import STAGE_LABELS_EN

    if not references and not sample:
        raise click.UsageError("give ORDER_REF... (channel, ERP, tracking or OL id) or --sample N")
    con = open_warehouse(db, read_only=True)
    try:
        refs = list(references) + (sample_orders(con, sample, seed=seed) if sample else [])
        cards = trace_cards(con, refs, red_minutes=red_minutes)
        if html_out:
            try:
                info = write_comparison_report(con, refs, html_out, red_minutes=red_minutes)
            except TraceError as exc:
                raise click.ClickException(str(exc)) from exc
    finally:
        con.close()
    if as_json:
        click.echo(_dump([c if c else {"reference": r, "error": "unknown reference"}
                          for r, c in zip(refs, cards, strict=True)]))  # fmt: skip
    else:
        for ref, card in zip(refs, cards, strict=True):
            if card is None:
                click.echo(
                    f"{ref}: no system knows this id (try a channel, ERP or tracking number)"
                )
                continue
            click.echo(card["headline_en"])
            for f in card.get("findings") or []:  # the order's health findings, worst first
                click.echo(f"  FINDING {f['severity']:<8} {f['check']}: {f['summary']}")
            for stage in card["stages"]:
                for r in stage["records"]:
                    mark = "RED " if r["red"] else "    "
                    click.echo(
                        f"  {mark}{stage['stage_zh']} {STAGE_LABELS_EN[stage['stage']]:<17} "
                        f"{r['system']:<9} {r['observed_at']}  +{r['lag_minutes']:.0f} min  "
                        f"{r['operator']} / {r['source']}  {r['external_id']}"
                    )
    if html_out:
        click.echo(f"report: {info['path']} ({info['orders']} orders, {info['red_orders']} with red)",
                   err=as_json)  # fmt: skip
    if not any(cards):
        sys.exit(1)


@click.command("impact")
@click.argument("column", required=False)
@click.option(
    "--new-value",
    "new_values",
    multiple=True,
    help="A proposed value not in the data yet, e.g. partial_paid (repeatable).",
)
@click.option(
    "--sql",
    "sql_files",
    multiple=True,
    type=click.Path(exists=True, path_type=Path),
    help="Extra SQL file (or folder of .sql) with rules to check (repeatable).",
)
@click.option(
    "--semantic-model",
    "model_dirs",
    multiple=True,
    type=click.Path(exists=True, path_type=Path),
    help="Semantic model folder [default: the built-in semantic_layer/models].",
)
@click.option(
    "--db",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="Warehouse whose distinct values are checked [default: $ORDERLENS_DB].",
)
@click.option("--no-data", is_flag=True, help="Do not read the warehouse; only --new-value.")
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object.")
def impact_command(
    column: str | None,
    new_values: tuple[str, ...],
    sql_files: tuple[Path, ...],
    model_dirs: tuple[Path, ...],
    db: Path | None,
    no_data: bool,
    as_json: bool,
) -> None:
    """Which rules compare COLUMN to literals and which values they do not handle."""
    # the impact analysis loads when it runs (kept off every `orderlens` start-up)
    from lab.impact import ImpactError, format_report, impact_matrix

    con = None if no_data else open_warehouse(db, read_only=True)
    try:
        report = impact_matrix(
            con, column, new_values=new_values, sql_files=sql_files,
            model_dirs=model_dirs or None,
        )  # fmt: skip
    except ImpactError as exc:
        raise click.ClickException(str(exc)) from exc
    finally:
        if con is not None:
            con.close()
    click.echo(_dump(report.to_json()) if as_json else format_report(report))


def register(group: click.Group) -> None:
    """Add the operations commands to the ``orderlens`` group."""
    group.add_command(health_command)
    group.add_command(trace_command)
    group.add_command(impact_command)
