"""``orderlens windows ...``: shipping-window recommendations and the planners' review.

Why a command group: planners work in a loop — compute suggestions for today, list them,
accept or reject each with a reason, and check the policy against history — and every step
must be scriptable and leave an audit trail in the warehouse.
"""

from __future__ import annotations

import getpass
import json
import math
import os
from datetime import date, datetime
from pathlib import Path

import click
import duckdb
import pandas as pd

from connectors.warehouse import default_db_path
from lab.commands._options import db_option, open_warehouse
from lab.shipping.errors import ShippingError
from lab.shipping.review import (
    decide,
    list_recommendations,
    recommendation_history,
    store_recommendations,
)

_DB_OPTION = db_option


def _finite_amount(ctx: click.Context, param: click.Parameter, value: float) -> float:
    """A finite amount of at least 0 (``--min-saving``).

    Why: click's float reads ``nan`` and ``inf``; ``--min-saving nan`` proposed nothing, as
    every comparison with NaN is false, and said nothing about why (session 13).
    """
    if not math.isfinite(value) or value < 0:
        raise click.BadParameter(f"must be a finite amount of at least 0 (CNY), got {value}")
    return value


def _probability(ctx: click.Context, param: click.Parameter, value: float) -> float:
    """A probability in [0, 1] (``--max-extra-risk``): ``inf`` let a delay add any lateness
    risk, ``nan`` allowed no delay at all, each without a word (session 13)."""
    if not 0 <= value <= 1:  # NaN fails both comparisons
        raise click.BadParameter(f"must be a probability in [0, 1], e.g. 0.005, got {value}")
    return value


def _open(db: Path | None, read_only: bool) -> duckdb.DuckDBPyConnection:
    """The warehouse, which must exist: a writer's open would create a mistyped ``--db`` as an
    empty file and fail on DuckDB's "Table with name freight_index does not exist! Did you
    mean pg_index?" (session 13)."""
    path = Path(db or default_db_path())
    if str(path) != ":memory:" and not path.exists():
        raise click.ClickException(
            f"warehouse {path} does not exist: build the demo with `orderlens demo --db {path}` "
            "or point ORDERLENS_DB / --db at your warehouse file"
        )
    return open_warehouse(path, read_only=read_only)


def _default_as_of(con: duckdb.DuckDBPyConnection) -> date:
    """The warehouse's today: the last day with freight quotes (demo data lives in 2026)."""
    row = con.execute("select max(index_date) from freight_index").fetchone()
    if not row or row[0] is None:
        raise click.ClickException(
            "the warehouse has no freight_index rows: pass --as-of or load freight quotes"
        )
    return row[0]


def _reviewer(name: str | None) -> str:
    if name:
        return name
    try:
        return os.environ.get("ORDERLENS_REVIEWER") or getpass.getuser()
    except Exception:  # no login name in some containers
        return "planner"


def _show(df: pd.DataFrame, columns: list[str], limit: int) -> None:
    if df.empty:
        click.echo("(no recommendations)")
        return
    view = df[columns].head(limit).copy()
    for col in view.columns:
        if pd.api.types.is_datetime64_any_dtype(view[col]):
            view[col] = view[col].dt.strftime("%Y-%m-%d")
    click.echo(view.to_string(index=False))
    if len(df) > limit:
        click.echo(f"... {len(df) - limit} more (use --limit)")


LIST_COLUMNS = [
    "recommendation_id",
    "status",
    "lane",
    "shipping_mode",
    "units",
    "ready_date",
    "recommended_ship_date",
    "delay_days",
    "expected_saving",
    "p_late",
]


def _recommend_cmd() -> click.Command:
    @click.command("recommend")
    @click.option("--as-of", type=click.DateTime(["%Y-%m-%d"]), default=None,
                  help="Planning date [default: last day of the freight index].")  # fmt: skip
    @click.option("--horizon", "horizon", type=int, default=21, show_default=True,
                  help="Latest delay considered, in days after the ready date.")  # fmt: skip
    @click.option("--min-saving", type=float, default=0.0, show_default=True,
                  callback=_finite_amount,
                  help="Smallest expected saving (CNY per order) worth proposing.")  # fmt: skip
    @click.option("--on-time", "on_time", type=float, default=0.95, show_default=True,
                  help="Required probability of meeting the promised delivery date.")  # fmt: skip
    @click.option("--max-extra-risk", type=float, default=0.005, show_default=True,
                  callback=_probability,
                  help="Largest lateness probability a delay may add vs shipping when ready.")  # fmt: skip
    @click.option("--limit", type=int, default=20, show_default=True)
    @click.option("--json", "as_json", is_flag=True, help="Print the stored rows as JSON.")
    @_DB_OPTION
    def recommend_cmd(
        as_of: datetime | None,
        horizon: int,
        min_saving: float,
        on_time: float,
        max_extra_risk: float,
        limit: int,
        as_json: bool,
        db: Path | None,
    ) -> None:
        """Compute and store proposals for every pending export order."""
        # the forecast loads when proposals are computed (kept off every `orderlens` start-up)
        from lab.shipping.recommend import WindowParams, recommend

        # the semantic layer (lane names) loads for grouped proposals only (not at start-up)
        from lab.shipping.windows import windows_by_lane_week

        if not 0 < on_time <= 1:
            raise click.BadParameter("must be in (0, 1], e.g. 0.95", param_hint="--on-time")
        con = _open(db, read_only=False)
        try:
            day = as_of.date() if as_of else _default_as_of(con)
            params = WindowParams(horizon_days=horizon, on_time_target=on_time,
                                  max_extra_risk=max_extra_risk, min_saving=min_saving)  # fmt: skip
            plan = recommend(con, day, params)
            counts = store_recommendations(con, plan, day)
            stored = list_recommendations(con, "proposed")
            stored = stored[pd.to_datetime(stored["as_of_date"]) == pd.Timestamp(day)]
        except ShippingError as exc:
            raise click.ClickException(str(exc)) from exc
        finally:
            con.close()
        if as_json:
            click.echo(stored.to_json(orient="records", date_format="iso", force_ascii=False))
            return

        delayed = plan[plan["delay_days"] > 0]
        click.echo(
            f"planning date {day}: {len(plan)} pending export orders, {len(delayed)} worth "
            f"delaying, expected (risk-adjusted) saving {delayed['expected_saving'].sum():,.2f} CNY"
        )
        windows = windows_by_lane_week(plan, day)
        if len(windows):
            click.echo("per lane and week:")
            for sentence in windows["sentence_zh"].head(limit):
                click.echo(f"  {sentence}")
        click.echo(", ".join(f"{k} {v}" for k, v in counts.items()))
        _show(stored, LIST_COLUMNS, limit)

    return recommend_cmd


def _list_cmd() -> click.Command:
    @click.command("list")
    @click.option("--status", type=click.Choice(["proposed", "accepted", "rejected", "expired"]),
                  default=None, help="Only this status.")  # fmt: skip
    @click.option("--limit", type=int, default=50, show_default=True)
    @click.option("--json", "as_json", is_flag=True)
    @_DB_OPTION
    def list_cmd(status: str | None, limit: int, as_json: bool, db: Path | None) -> None:
        """List stored recommendations (newest planning date, biggest saving first)."""

        con = _open(db, read_only=True)
        try:
            df = list_recommendations(con, status)
        except ShippingError as exc:
            raise click.ClickException(str(exc)) from exc
        finally:
            con.close()
        if as_json:
            click.echo(df.to_json(orient="records", date_format="iso", force_ascii=False))
        else:
            _show(df, LIST_COLUMNS, limit)

    return list_cmd


def _decide_cmd(decision: str) -> click.Command:
    name = "accept" if decision == "accept" else "reject"

    # click ≥ 8.3 treats default=None as a given default: only accept gets one
    comment_kw = {"required": True} if decision == "reject" else {"default": ""}

    @click.command(name)
    @click.argument("recommendation_id")
    @click.option("--comment", **comment_kw,
                  help="Why (required to reject and to --force a change).")  # fmt: skip
    @click.option("--reviewer", default=None, help="Your name [default: login name].")
    @click.option("--force", is_flag=True,
                  help="Change an accepted/rejected decision (audited; needs --comment).")  # fmt: skip
    @_DB_OPTION
    def decide_cmd(
        recommendation_id: str,
        comment: str,  # required to reject; "" by default to accept
        reviewer: str | None,
        force: bool,
        db: Path | None,
    ) -> None:
        con = _open(db, read_only=False)
        try:
            row = decide(con, recommendation_id, decision, _reviewer(reviewer), comment,
                         force=force)  # fmt: skip
        except ShippingError as exc:
            raise click.ClickException(str(exc)) from exc
        finally:
            con.close()
        click.echo(
            f"{row['recommendation_id']}: {row['status']} by {row['reviewer']} "
            f"(ship {row['recommended_ship_date']}, saving {row['expected_saving']:.2f} CNY)"
        )

    decide_cmd.help = (
        "Accept a proposal (ship on the recommended date)."
        if decision == "accept"
        else "Reject a proposal (ship when ready); --comment is required."
    )
    return decide_cmd


def _history_cmd() -> click.Command:
    @click.command("history")
    @click.argument("recommendation_id")
    @_DB_OPTION
    def history_cmd(recommendation_id: str, db: Path | None) -> None:
        """Show the audit trail of one recommendation."""

        con = _open(db, read_only=True)
        try:
            df = recommendation_history(con, recommendation_id)
        finally:
            con.close()
        if df.empty:
            raise click.ClickException(f"no events for {recommendation_id!r}")
        click.echo(df.drop(columns=["event_id"]).to_string(index=False))

    return history_cmd


def _backtest_cmd() -> click.Command:
    @click.command("backtest")
    @click.option("--horizon", type=int, default=21, show_default=True)
    @click.option("--on-time", "on_time", type=float, default=0.95, show_default=True)
    @click.option("--max-extra-risk", type=float, default=0.005, show_default=True,
                  callback=_probability)  # fmt: skip
    @click.option("--json", "as_json", is_flag=True)
    @_DB_OPTION
    def backtest_cmd(
        horizon: int, on_time: float, max_extra_risk: float, as_json: bool, db: Path | None
    ) -> None:
        """Replay past export shipments: the policy vs shipping as soon as ready."""
        # the backtest loads when it runs (kept off every `orderlens` start-up)
        from lab.shipping.backtest import run_backtest
        from lab.shipping.recommend import WindowParams

        con = _open(db, read_only=True)
        try:
            result = run_backtest(con, WindowParams(horizon_days=horizon, on_time_target=on_time,
                                                    max_extra_risk=max_extra_risk))  # fmt: skip
        except ShippingError as exc:
            raise click.ClickException(str(exc)) from exc
        finally:
            con.close()
        if as_json:
            click.echo(json.dumps(result.summary, ensure_ascii=False))
            return
        click.echo(result.line())
        click.echo(result.by_lane.to_string(index=False))

    return backtest_cmd


def register(group: click.Group) -> None:
    """Add ``orderlens windows`` and its subcommands to the CLI."""

    @group.group("windows")
    def windows() -> None:
        """Shipping-window recommendations: compute, review (accept/reject), backtest."""

    for cmd in (_recommend_cmd(), _list_cmd(), _decide_cmd("accept"), _decide_cmd("reject"),
                _history_cmd(), _backtest_cmd()):  # fmt: skip
        windows.add_command(cmd)
