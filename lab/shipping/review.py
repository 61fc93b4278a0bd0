"""Store recommendations and the planners' decisions on them, with an append-only audit trail.

Rules (the same for the CLI, the notebook and the server API):

* a recommendation is ``proposed`` when computed, then ``accepted`` or ``rejected`` by a
  reviewer, or ``expired`` once its recommended ship date is before the planning date;
* every change — creation, decision, expiry, supersession — appends one row to
  ``shipping_recommendation_events`` (never updated, never deleted);
* re-running the planner never touches a decided recommendation and never re-proposes an
  order that already has one; a newer proposal for the same order replaces an older
  *proposed* one, which becomes ``expired`` with the reason "superseded by ...";
* an accepted or rejected recommendation cannot be silently changed: deciding it again raises
  :class:`~lab.shipping.errors.AlreadyDecided` unless ``force=True`` is passed **with a
  comment**; the forced change is recorded with ``forced = true`` and the previous status;
* rejecting needs a comment (the planner's reason is the point of a rejection).

The planning clock ("today") is the latest ``as_of_date`` in the table unless given: demo and
replayed warehouses live at their own date, not at the wall clock.
"""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime
from typing import Any

import duckdb
import pandas as pd

from connectors.frames import insert_frame
from connectors.rows import one_row
from connectors.schema import TABLES
from connectors.warehouse import ensure_schema
from lab.shipping.errors import (
    AlreadyDecided,
    InvalidDecision,
    RecommendationExpired,
    RecommendationNotFound,
)

REC_TABLE = "shipping_recommendations"
EVENT_TABLE = "shipping_recommendation_events"
STATUSES = ("proposed", "accepted", "rejected", "expired")
DECISIONS = {"accept": "accepted", "reject": "rejected"}
SYSTEM_REVIEWER = "orderlens"

REC_COLUMNS = TABLES[REC_TABLE].column_names
EVENT_COLUMNS = TABLES[EVENT_TABLE].column_names


def _now() -> datetime:
    """Wall-clock UTC time (naive, as DuckDB TIMESTAMP stores it) for decided_at stamps."""
    return datetime.now(UTC).replace(tzinfo=None)


def recommendation_id(as_of, order_id: str) -> str:
    """Stable id: one recommendation per order and planning date.

    >>> recommendation_id("2026-11-20", "OL000000123")
    'SR20261120-OL000000123'
    """
    return f"SR{pd.Timestamp(as_of):%Y%m%d}-{order_id}"


def prepare_tables(con: duckdb.DuckDBPyConnection) -> None:
    """Create the two review tables if missing and add declared columns an older file lacks."""
    ensure_schema(con, [REC_TABLE, EVENT_TABLE])
    for name in (REC_TABLE, EVENT_TABLE):
        have = {
            r[0]
            for r in con.execute(
                "select column_name from information_schema.columns where table_name = ?",
                [name],
            ).fetchall()
        }
        for col in TABLES[name].columns:
            if col.name not in have:  # names and types come from connectors.schema, not users
                con.execute(f"alter table {name} add column {col.name} {col.type}")


def _events_frame(rows: list[dict]) -> pd.DataFrame:
    frame = pd.DataFrame(rows, columns=EVENT_COLUMNS)
    frame["event_id"] = [f"SRE-{uuid.uuid4().hex[:16]}" for _ in range(len(frame))]
    frame["forced"] = [bool(r.get("forced", False)) for r in rows]
    return frame


def planning_today(con: duckdb.DuckDBPyConnection) -> date | None:
    """The planning clock: the latest as_of_date among stored recommendations."""
    row = con.execute(f"select max(as_of_date) from {REC_TABLE}").fetchone()
    return row[0] if row else None


def expire_stale(con: duckdb.DuckDBPyConnection, today) -> int:
    """Mark proposals whose recommended ship date is before ``today`` expired (audited)."""
    prepare_tables(con)
    today = pd.Timestamp(today).date()
    stale = con.execute(
        f"select recommendation_id from {REC_TABLE} "
        "where status = 'proposed' and recommended_ship_date < ?",
        [today],
    ).fetchall()
    if not stale:
        return 0
    ids = [r[0] for r in stale]
    now = _now()
    con.execute("begin transaction")
    try:
        con.execute(
            f"update {REC_TABLE} set status = 'expired', reviewer = ?, decided_at = ?, "
            "comment = ? where status = 'proposed' and recommended_ship_date < ?",
            [SYSTEM_REVIEWER, now, f"recommended ship date passed (planning date {today})", today],
        )
        insert_frame(con, EVENT_TABLE, _events_frame([
            {"recommendation_id": i, "status": "expired", "reviewer": SYSTEM_REVIEWER,
             "decided_at": now, "comment": f"recommended ship date passed (planning date {today})",
             "previous_status": "proposed"}
            for i in ids
        ]))  # fmt: skip
        con.execute("commit")
    except Exception:
        con.execute("rollback")
        raise
    return len(ids)


def store_recommendations(
    con: duckdb.DuckDBPyConnection, plan: pd.DataFrame, as_of, created_at: datetime | None = None
) -> dict[str, int]:
    """Persist the delayed rows of a plan as ``proposed`` recommendations.

    Returns counts: ``proposed`` (new), ``refreshed`` (same id, still proposed, numbers
    updated), ``kept_decided`` (orders with an accepted/rejected recommendation: untouched),
    ``superseded`` (older proposals for the same orders, now expired) and ``expired``.
    """
    prepare_tables(con)
    as_of = pd.Timestamp(as_of).normalize()
    counts = {"proposed": 0, "refreshed": 0, "kept_decided": 0, "superseded": 0, "expired": 0}
    counts["expired"] = expire_stale(con, as_of)
    rows = plan[plan["delay_days"] > 0].copy()
    if rows.empty:
        return counts
    rows["recommendation_id"] = [recommendation_id(as_of, o) for o in rows["order_id"]]
    existing = con.execute(
        f"select recommendation_id, order_id, status from {REC_TABLE} "
        "where order_id in (select unnest(?))",
        [rows["order_id"].tolist()],
    ).df()
    decided = set(existing.loc[existing["status"].isin(["accepted", "rejected"]), "order_id"])
    counts["kept_decided"] = int(rows["order_id"].isin(decided).sum())
    rows = rows[~rows["order_id"].isin(decided)]
    same = existing[(existing["status"] == "proposed")]
    refreshed = set(same["recommendation_id"]) & set(rows["recommendation_id"])
    older = same[~same["recommendation_id"].isin(rows["recommendation_id"])]
    older = older[older["order_id"].isin(rows["order_id"])]
    new_id = dict(zip(rows["order_id"], rows["recommendation_id"], strict=True))
    now = created_at or _now()

    out = pd.DataFrame({
        "recommendation_id": rows["recommendation_id"],
        "created_at": now,
        "as_of_date": as_of,
        "order_id": rows["order_id"],
        "lane": rows["lane"],
        "shipping_mode": rows["shipping_mode"],
        "units": rows["units"].astype("int64"),
        "ready_date": rows["ready_date"],
        "recommended_ship_date": rows["recommended_ship_date"],
        "delay_days": rows["delay_days"].astype("int64"),
        "expected_saving": rows["expected_saving"].round(2),
        "p_late": rows["p_late"].astype(float),
        "evidence": rows["evidence"],
        "status": "proposed",
        "reviewer": None,
        "decided_at": pd.NaT,
        "comment": None,
        "destination_country": rows["destination_country"],
        "promised_delivery_date": rows["promised_delivery_date"],
        "baseline_cost": rows["baseline_cost"].round(2),
        "expected_cost": rows["expected_cost"].round(2),
    })  # fmt: skip
    events = [
        {"recommendation_id": r, "status": "proposed", "reviewer": SYSTEM_REVIEWER,
         "decided_at": now, "comment": f"computed for planning date {as_of.date()}"
         + (" (refreshed)" if r in refreshed else ""), "previous_status": None}
        for r in out["recommendation_id"]
    ]  # fmt: skip
    events += [
        {"recommendation_id": r.recommendation_id, "status": "expired",
         "reviewer": SYSTEM_REVIEWER, "decided_at": now,
         "comment": f"superseded by {new_id[r.order_id]}", "previous_status": "proposed"}
        for r in older.itertuples()
    ]  # fmt: skip
    con.execute("begin transaction")
    try:
        if refreshed:
            con.execute(
                f"delete from {REC_TABLE} where status = 'proposed' "
                "and recommendation_id in (select unnest(?))",
                [sorted(refreshed)],
            )
        if len(older):
            con.execute(
                f"update {REC_TABLE} set status = 'expired', reviewer = ?, decided_at = ?, "
                "comment = 'superseded by a newer recommendation' "
                "where recommendation_id in (select unnest(?))",
                [SYSTEM_REVIEWER, now, older["recommendation_id"].tolist()],
            )
        insert_frame(con, REC_TABLE, out[REC_COLUMNS])
        insert_frame(con, EVENT_TABLE, _events_frame(events))
        con.execute("commit")
    except Exception:
        con.execute("rollback")
        raise
    counts["refreshed"] = len(refreshed)
    counts["proposed"] = len(out) - len(refreshed)
    counts["superseded"] = len(older)
    return counts


def _row_dict(con: duckdb.DuckDBPyConnection, rec_id: str) -> dict | None:
    cur = con.execute(f"select * from {REC_TABLE} where recommendation_id = ?", [rec_id])
    row = cur.fetchone()
    if row is None:
        return None
    names = [d[0] for d in cur.description]
    out: dict[str, Any] = {}
    for k, v in zip(names, row, strict=True):
        if isinstance(v, date):  # also datetime
            out[k] = v.isoformat()
        elif hasattr(v, "as_tuple"):  # Decimal
            out[k] = float(v)
        else:
            out[k] = v
    return out


def list_recommendations(con: duckdb.DuckDBPyConnection, status: str | None = None) -> pd.DataFrame:
    """Stored recommendations, newest planning date first, then by expected saving.

    ``status`` filters to one of proposed / accepted / rejected / expired.
    """
    if status is not None and status not in STATUSES:
        raise InvalidDecision(
            f"unknown status {status!r}: use one of {', '.join(STATUSES)} (or none for all)"
        )
    present = one_row(
        con.execute(
            "select count(*) from information_schema.tables where table_name = ?", [REC_TABLE]
        )
    )[0]
    if not present:
        return pd.DataFrame(columns=REC_COLUMNS)
    sql = f"select * from {REC_TABLE} where (? is null or status = ?) " + (
        "order by as_of_date desc, expected_saving desc, recommendation_id"
    )
    df = con.execute(sql, [status, status]).df()
    for col in ("expected_saving", "baseline_cost", "expected_cost"):
        if col in df:
            df[col] = df[col].astype(float)
    return with_window_keys(df)


def with_window_keys(df: pd.DataFrame) -> pd.DataFrame:
    """Add ``window_week`` (Monday of the ready date's week) and ``saving_per_unit``: the keys
    a planner groups proposals by ("this week's German orders, 3 days later, 1.20 CNY a unit")
    in every consumer of the stored rows (CLI, notebook, the server's API)."""
    out = df.copy()
    ready = pd.to_datetime(out["ready_date"]).dt.normalize()
    out["window_week"] = ready - pd.to_timedelta(ready.dt.day_of_week, unit="D")
    units = pd.to_numeric(out["units"], errors="coerce").clip(lower=1)
    out["saving_per_unit"] = (out["expected_saving"].astype(float) / units).round(2)
    return out


def recommendation_history(con: duckdb.DuckDBPyConnection, rec_id: str) -> pd.DataFrame:
    """The audit trail of one recommendation, oldest event first."""
    return con.execute(
        f"select * from {EVENT_TABLE} where recommendation_id = ? order by decided_at, event_id",
        [rec_id],
    ).df()


def decide(
    con: duckdb.DuckDBPyConnection,
    recommendation_id: str,
    decision: str,
    reviewer: str,
    comment: str = "",
    *,
    force: bool = False,
    today=None,
) -> dict:
    """Accept or reject one recommendation; returns the updated row (ISO dates).

    Raises :class:`InvalidDecision` (unknown decision, no reviewer, reject or force without
    a comment), :class:`RecommendationNotFound`, :class:`RecommendationExpired` (ship date
    passed: the proposal is marked expired) and :class:`AlreadyDecided` (accepted/rejected
    already and ``force`` not given).
    """
    new_status = DECISIONS.get((decision or "").strip().lower())
    if new_status is None:
        raise InvalidDecision(f"unknown decision {decision!r}: use 'accept' or 'reject'")
    reviewer = (reviewer or "").strip()
    comment = (comment or "").strip()
    if not reviewer:
        raise InvalidDecision("a decision needs a reviewer name (CLI: --reviewer NAME)")
    if new_status == "rejected" and not comment:
        raise InvalidDecision(
            f"rejecting {recommendation_id} needs a comment saying why (CLI: --comment TEXT)"
        )
    prepare_tables(con)
    row = _row_dict(con, recommendation_id)
    if row is None:
        raise RecommendationNotFound(
            f"no shipping recommendation {recommendation_id!r}: "
            "list them with `orderlens windows list`"
        )
    status = row["status"]
    if status == "expired":
        raise RecommendationExpired(
            f"{recommendation_id} expired ({row.get('comment') or 'ship date passed'}); "
            "run `orderlens windows recommend` for a fresh proposal"
        )
    clock = pd.Timestamp(today).date() if today is not None else planning_today(con)
    ship = date.fromisoformat(row["recommended_ship_date"])
    if status == "proposed" and clock is not None and ship < clock:
        expire_stale(con, clock)
        raise RecommendationExpired(
            f"{recommendation_id} recommended shipping on {ship}, before the planning date "
            f"{clock}: it is now expired; run `orderlens windows recommend` again"
        )
    if status in ("accepted", "rejected"):
        if not force:
            raise AlreadyDecided(
                f"{recommendation_id} was already {status} by {row['reviewer']} at "
                f"{row['decided_at']}: a decision is never changed silently; to change it, "
                "pass force (CLI: --force) with a --comment explaining why"
            )
        if not comment:
            raise InvalidDecision(
                f"changing the {status} decision on {recommendation_id} needs a comment "
                "(CLI: --force --comment TEXT)"
            )
    now = _now()
    con.execute("begin transaction")
    try:
        con.execute(
            f"update {REC_TABLE} set status = ?, reviewer = ?, decided_at = ?, comment = ? "
            "where recommendation_id = ?",
            [new_status, reviewer, now, comment or None, recommendation_id],
        )
        insert_frame(con, EVENT_TABLE, _events_frame([{
            "recommendation_id": recommendation_id, "status": new_status, "reviewer": reviewer,
            "decided_at": now, "comment": comment or None, "previous_status": status,
            "forced": status in ("accepted", "rejected"),
        }]))  # fmt: skip
        con.execute("commit")
    except Exception:
        con.execute("rollback")
        raise
    decided = _row_dict(con, recommendation_id)
    if decided is None:  # only a concurrent delete between our commit and this read gets here
        raise RecommendationNotFound(
            f"shipping recommendation {recommendation_id!r} disappeared right after the "
            "decision was recorded; list them with `orderlens windows list`"
        )
    return decided
