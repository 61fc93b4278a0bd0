"""Running the health checks against a warehouse: one vectorised DuckDB query per check.

Why one DataFrame: findings of every check share one shape (check, severity, entity,
entity_id, order_id, summary, evidence, action) so the notebook can count them by severity,
chart them and export them, and the evaluator can compare them to ground truth, without
knowing which check produced which row.
"""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Iterable, Mapping
from typing import Any

import duckdb
import pandas as pd

from lab.health.checks import CHECKS, SEVERITIES, Check, get_check
from lab.health.errors import HealthError
from lab.health.thresholds import normalize_thresholds

FINDING_COLUMNS: list[str] = [
    "check",
    "severity",
    "entity",
    "entity_id",
    "order_id",
    "channel_order_no",
    "summary",
    "evidence",
    "action",
    "detected_at",  # the first moment the finding was detectable (its condition held)
]


def default_as_of(con: duckdb.DuckDBPyConnection) -> dt.datetime:
    """The warehouse's "now": the end of the day of its latest status snapshot.

    Why the day's end (the next midnight) and not the latest record itself: warehouses are
    loaded by whole days, and a delivery promised for that day is missed once the day is over;
    judging at 23:59:59 would leave every order due on the last day out of ``overdue_delivery``.
    Pass an explicit ``as_of`` to judge a live warehouse in the middle of a day. Falls back to
    the current time for an empty warehouse.
    """
    rows = con.execute("SELECT MAX(observed_at) FROM status_snapshots").fetchall()
    row = rows[0] if rows else None
    if not row or row[0] is None:
        return dt.datetime.now().replace(microsecond=0)
    latest: dt.datetime = row[0]
    return dt.datetime.combine(latest.date() + dt.timedelta(days=1), dt.time())


def parse_as_of(value: str | dt.date | dt.datetime | None) -> dt.datetime | None:
    """Accept ``2026-11-20``, ``2026-11-20 08:00`` or date/datetime objects.

    >>> parse_as_of("2026-11-20")
    datetime.datetime(2026, 11, 20, 0, 0)
    """
    if value is None or isinstance(value, dt.datetime):
        return value
    if isinstance(value, dt.date):
        return dt.datetime.combine(value, dt.time())
    try:
        return dt.datetime.fromisoformat(str(value).strip())
    except ValueError as exc:
        raise HealthError(
            f"as_of {value!r} is not a date or timestamp; write e.g. 2026-11-20 or 2026-11-20T08:00"
        ) from exc


def run_check(
    con: duckdb.DuckDBPyConnection,
    check: Check | str,
    *,
    as_of: dt.datetime,
    params: Mapping[str, Any] | None = None,
) -> pd.DataFrame:
    """Run one check; return its raw rows (entity_id, order_id, summary, evidence)."""
    check = get_check(check) if isinstance(check, str) else check
    bound = {"as_of": as_of, **check.parameters(params)}
    try:
        return con.execute(check.sql, bound).df()
    except duckdb.Error as exc:
        raise HealthError(
            f"check {check.name} failed on this warehouse ({check.sql_path.name}): {exc}; "
            f"it reads tables {list(check.reads)}"
        ) from exc


def run_checks(
    con: duckdb.DuckDBPyConnection,
    as_of: str | dt.date | dt.datetime | None = None,
    thresholds: Mapping[str, Any] | None = None,
    checks: Iterable[str] | None = None,
) -> pd.DataFrame:
    """Run the health checks; return every finding as one DataFrame.

    Args:
        con: warehouse connection (read-only is enough).
        as_of: the moment to judge at; default the warehouse's latest status snapshot.
            Events after ``as_of`` are ignored.
        thresholds: overrides, nested (``{"status_disagreement": {"minutes": 20}}``) or dotted.
        checks: names of the checks to run (default all).

    Returns:
        Columns ``FINDING_COLUMNS``; ``df.attrs`` holds ``as_of``, ``thresholds`` and
        ``timings`` (seconds per check).
    """
    when = parse_as_of(as_of) or default_as_of(con)
    norm = normalize_thresholds(thresholds)
    names = list(checks) if checks is not None else list(CHECKS)
    frames: list[pd.DataFrame] = []
    timings: dict[str, float] = {}
    used: dict[str, dict[str, Any]] = {}
    for name in names:
        check = get_check(name)
        used[name] = check.parameters(norm.get(name))
        started = time.perf_counter()
        rows = run_check(con, check, as_of=when, params=norm.get(name))
        timings[name] = time.perf_counter() - started
        rows.insert(0, "check", name)
        rows.insert(1, "severity", check.severity)
        rows.insert(2, "entity", check.entity)
        rows["action"] = check.action
        frames.append(rows)
    findings = pd.concat(frames, ignore_index=True) if frames else pd.DataFrame()
    findings = _attach_channel_numbers(con, findings)
    findings = findings.reindex(columns=FINDING_COLUMNS)
    rank = {s: i for i, s in enumerate(SEVERITIES)}
    findings = findings.sort_values(
        ["severity", "check", "order_id", "entity_id"],
        key=lambda s: s.map(rank) if s.name == "severity" else s,
        ignore_index=True,
    )
    findings.attrs.update(as_of=when, thresholds=used, timings=timings)
    return findings


def _attach_channel_numbers(con: duckdb.DuckDBPyConnection, findings: pd.DataFrame) -> pd.DataFrame:
    """Add the channel order number people recognise (JD2026...) next to the global id."""
    if findings.empty:
        return findings.assign(channel_order_no=pd.Series(dtype="string"))
    ids = pd.DataFrame({"order_id": findings["order_id"].dropna().unique()})
    con.register("_health_finding_ids", ids)
    try:
        numbers = con.execute(
            "SELECT o.order_id, o.channel_order_no FROM orders AS o "
            "SEMI JOIN _health_finding_ids AS f ON f.order_id = o.order_id"
        ).df()
    finally:
        con.unregister("_health_finding_ids")
    return findings.merge(numbers, on="order_id", how="left")


def summarize(findings: pd.DataFrame) -> pd.DataFrame:
    """Counts of findings per check and severity, every check listed (zero included)."""
    counts = findings.groupby("check").size() if not findings.empty else pd.Series(dtype=int)
    rows = [
        {
            "check": c.name,
            "title": c.title,
            "severity": c.severity,
            "findings": int(counts.get(c.name, 0)),
        }
        for c in CHECKS.values()
    ]
    return pd.DataFrame(rows)
