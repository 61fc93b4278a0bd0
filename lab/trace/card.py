"""The answer card for "where is order JD20260210001?" / "订单JD20260210001到哪了".

Why a dict: the Ask page, ``%ask`` and the CLI render the same data (JSON-serialisable: ids,
ISO timestamps, numbers), so the card is built once here and rendered as HTML by
:func:`render_card_html` or as text by the caller. Cards for many orders are built from three
queries (orders, shipments, snapshots), not one query per order.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path
from typing import Any

import duckdb
import jinja2
import pandas as pd

from lab.trace.resolve import find_order_reference, resolve_references
from lab.trace.timeline import (
    DEFAULT_RED_MINUTES,
    OBSERVATION_COLUMNS,
    SIDE_STAGES,
    STAGE_LABELS_EN,
    STAGE_LABELS_ZH,
    STAGES,
    SYSTEMS,
    build_timeline,
    load_snapshots,
    stage_rank,
)

TEMPLATES = Path(__file__).parent / "templates"
#: Health-finding severities that turn the card red (the current stage is not "fine" then).
ALERT_SEVERITIES = frozenset({"critical"})

_ORDERS_SQL = """
SELECT o.order_id, o.channel, o.channel_order_no, o.erp_order_no, o.order_status,
       o.payment_status, o.created_at,
       CAST(o.promised_delivery_date AS VARCHAR) AS promised_delivery_date, o.destination_country,
       o.destination_city, o.paid_amount
FROM orders AS o SEMI JOIN _trace_orders AS t ON t.order_id = o.order_id
"""

_SHIPMENTS_SQL = """
WITH last_event AS (
    SELECT e.shipment_id,
           ARG_MAX(e.status_code, e.event_time) AS last_event_code,
           ARG_MAX(e.status_text, e.event_time) AS last_event_text,
           ARG_MAX(e.location, e.event_time) AS last_event_location,
           MAX(e.event_time) AS last_event_at
    FROM tracking_events AS e
    SEMI JOIN shipments AS s ON s.shipment_id = e.shipment_id
        AND s.order_id IN (SELECT order_id FROM _trace_orders)
    GROUP BY e.shipment_id
)
SELECT s.order_id, s.shipment_id, s.carrier, s.tracking_no, s.shipping_mode, s.shipment_status,
       s.erp_shipped_at, s.outbound_scan_at, s.pickup_at, s.delivered_at,
       l.last_event_code, l.last_event_text, l.last_event_location, l.last_event_at
FROM shipments AS s
SEMI JOIN _trace_orders AS t ON t.order_id = s.order_id
LEFT JOIN last_event AS l ON l.shipment_id = s.shipment_id
ORDER BY s.order_id, COALESCE(s.erp_shipped_at, s.ready_at), s.shipment_id
"""


def _iso(value: Any) -> Any:
    """JSON-friendly scalars: timestamps/dates as ISO text, NaN/NaT as None."""
    if value is None or (not isinstance(value, str | list | dict) and pd.isna(value)):
        return None
    if hasattr(value, "isoformat"):
        text = value.isoformat()
        return text.replace("T", " ")[:19] if "T" in text else text
    if hasattr(value, "item"):
        return value.item()
    return value


def _records(frame: pd.DataFrame) -> list[dict[str, Any]]:
    return [{k: _iso(v) for k, v in row.items()} for row in frame.to_dict(orient="records")]


def _query(con: duckdb.DuckDBPyConnection, sql: str, order_ids: list[str]) -> pd.DataFrame:
    con.register("_trace_orders", pd.DataFrame({"order_id": pd.Series(order_ids, dtype="object")}))
    try:
        return con.execute(sql).df()
    finally:
        con.unregister("_trace_orders")


def current_stage(snapshots: pd.DataFrame) -> tuple[str, Any, str] | None:
    """Where the order is now: ``(stage, since, system)``.

    Walks the snapshots in time order: the journey only moves forward (a lagging system's
    record of an earlier stage does not move it back), while a rollback (awaiting_shipment)
    or a cancellation always applies.

    >>> snaps = pd.DataFrame({"stage": ["created", "paid", "created"],
    ...     "observed_at": pd.to_datetime(["2026-01-01 09:00", "2026-01-01 09:05",
    ...                                    "2026-01-01 09:20"]), "system": ["platform", "erp", "crm"]})
    >>> current_stage(snaps)[0]
    'paid'
    """
    current: tuple[str, Any, str] | None = None
    ordered = snapshots.sort_values("observed_at", kind="stable")
    for stage, when, system in zip(
        ordered["stage"], ordered["observed_at"], ordered["system"], strict=True
    ):
        if current is None or stage in SIDE_STAGES or current[0] in SIDE_STAGES:
            if current is None or current[0] != stage:
                current = (stage, when, system)
        elif stage_rank(stage) > stage_rank(current[0]):
            current = (stage, when, system)
    return current


def _stage_rows(timeline: pd.DataFrame) -> list[dict[str, Any]]:
    rows = []
    present = set(timeline["stage"])
    for stage in [*STAGES, *[s for s in SIDE_STAGES if s in present]]:
        part = timeline[timeline["stage"] == stage]
        records = _records(part[list(OBSERVATION_COLUMNS)])
        rows.append(
            {
                "stage": stage,
                "stage_zh": STAGE_LABELS_ZH[stage],
                "label": STAGE_LABELS_EN[stage],
                "reached": not part.empty,
                "first_at": _iso(part["observed_at"].min()) if not part.empty else None,
                "spread_minutes": round(float(part["spread_minutes"].max()), 1)
                if not part.empty
                else None,
                "red": bool(part["red"].any()),
                "records": records,
            }
        )
    return rows


def _headlines(card: dict[str, Any]) -> tuple[str, str]:
    ref = card["channel_order_no"] or card["order_id"]
    stage = card["current_stage"]
    if stage is None:
        return (
            f"Order {ref}: no system has reported a status yet.",
            f"订单{ref}：尚无任何系统的状态记录。",
        )
    en = f"Order {ref} is {STAGE_LABELS_EN[stage]} (since {card['current_stage_at']}, per {card['current_system']})."
    zh = f"订单{ref}当前状态：{STAGE_LABELS_ZH[stage]}（{card['current_stage_at']}，来源 {card['current_system']}）。"
    last = next((s for s in reversed(card["shipments"]) if s.get("last_event_at")), None)
    if last:
        where = last.get("last_event_location") or ""
        en += f" Last courier event: {last['last_event_text']} {where} at {last['last_event_at']} ({last['carrier']} {last['tracking_no']})."
        zh += f"最新物流：{last['last_event_text']} {where} {last['last_event_at']}（{last['carrier']} {last['tracking_no']}）。"
    critical = [f for f in card.get("findings") or [] if f["severity"] in ALERT_SEVERITIES]
    if critical:  # the health finding comes first: the stage alone would read as "all fine"
        en = f"⚠ {critical[0]['title']}: {critical[0]['summary']}. " + en
        zh = f"⚠ {critical[0]['title_zh'] or critical[0]['title']}：{critical[0]['summary']}。" + zh
    if card["red_count"]:
        en += (
            f" {card['red_count']} system record(s) lag more than {card['red_minutes']:g} minutes."
        )
        zh += f"有 {card['red_count']} 条系统记录延迟超过 {card['red_minutes']:g} 分钟。"
    return en, zh


def trace_cards(
    con: duckdb.DuckDBPyConnection,
    references: Iterable[str],
    red_minutes: float = DEFAULT_RED_MINUTES,
) -> list[dict[str, Any] | None]:
    """One card per reference (None where nothing in the warehouse knows the reference)."""
    return cards_for_resolved(
        con, resolve_references(con, list(references)), red_minutes=red_minutes
    )


def _health_findings(
    con: duckdb.DuckDBPyConnection, order_ids: list[str]
) -> tuple[dict[str, list[dict[str, Any]]], str | None]:
    """The orders' health findings (:mod:`lab.health.order_findings`), or why there are none.

    Why on the card: a parcel the ERP marked shipped that no courier picked up shows the stage
    "outbound" like any healthy order; only the health checks know it is stuck. A warehouse
    the checks cannot read (a partial fixture, an older file) still gets its card, with the
    reason the findings are missing instead of a silent "no findings".
    """
    # the health checks load when a card is built, not with every `orderlens ask` (lab.trace)
    from lab.health.errors import HealthError
    from lab.health.order_findings import findings_for_orders

    try:
        return findings_for_orders(con, order_ids), None
    except HealthError as exc:
        return {}, f"health checks not available for this warehouse: {exc}"


def cards_for_resolved(
    con: duckdb.DuckDBPyConnection,
    resolved: pd.DataFrame,
    red_minutes: float = DEFAULT_RED_MINUTES,
) -> list[dict[str, Any] | None]:
    """One card per row of a :func:`resolve_references` table.

    Why separate from :func:`trace_cards`: the question engine has already resolved the
    question's references (to tell known from unknown ones), and resolving again costs a scan of
    ``order_id_map`` per answer. Each card carries the order's health ``findings`` (most severe
    first); a critical one (:data:`ALERT_SEVERITIES`) sets ``alert`` and leads the headline.
    """
    order_ids = [o for o in dict.fromkeys(resolved["order_id"]) if o is not None]
    if not order_ids:
        return [None] * len(resolved)
    orders = _query(con, _ORDERS_SQL, order_ids).set_index("order_id")
    shipments = _query(con, _SHIPMENTS_SQL, order_ids)
    timeline = build_timeline(load_snapshots(con, order_ids), red_minutes=red_minutes)
    snaps_by_order = dict(tuple(timeline.groupby("order_id"))) if not timeline.empty else {}
    findings, findings_error = _health_findings(con, order_ids)
    cards: list[dict[str, Any] | None] = []
    for reference, order_id, matched in resolved[
        ["reference", "order_id", "matched_system"]
    ].itertuples(index=False):
        if order_id is None or order_id not in orders.index:
            cards.append(None)
            continue
        info = {k: _iso(v) for k, v in orders.loc[order_id].to_dict().items()}
        tl = snaps_by_order.get(order_id, timeline.iloc[0:0])
        now = current_stage(tl) if not tl.empty else None
        card: dict[str, Any] = {
            "reference": reference,
            "matched_system": matched,
            "order_id": order_id,
            **info,
            "shipments": _records(
                shipments[shipments["order_id"] == order_id].drop(columns="order_id")
            ),
            "current_stage": now[0] if now else None,
            "current_stage_zh": STAGE_LABELS_ZH[now[0]] if now else None,
            "current_stage_at": _iso(now[1]) if now else None,
            "current_system": now[2] if now else None,
            "red_minutes": float(red_minutes),
            "red_count": int(tl["red"].sum()) if not tl.empty else 0,
            "max_spread_minutes": round(float(tl["spread_minutes"].max()), 1)
            if not tl.empty
            else 0.0,
            "stages": _stage_rows(tl),
            "findings": findings.get(order_id, []),
            "findings_error": findings_error,
        }
        card["alert"] = any(f["severity"] in ALERT_SEVERITIES for f in card["findings"])
        card["headline_en"], card["headline_zh"] = _headlines(card)
        cards.append(card)
    return cards


def trace_card(
    con: duckdb.DuckDBPyConnection, reference: str, red_minutes: float = DEFAULT_RED_MINUTES
) -> dict[str, Any] | None:
    """The timeline card of the order any id refers to (channel, ERP, tracking, global id).

    Returns None when no system knows the reference.
    """
    if not reference or not reference.strip():
        return None
    return trace_cards(con, [reference], red_minutes=red_minutes)[0]


def card_for_question(
    con: duckdb.DuckDBPyConnection, question: str, red_minutes: float = DEFAULT_RED_MINUTES
) -> dict[str, Any] | None:
    """The card for the order a question mentions ("订单JD20260210001到哪了"), or None."""
    reference = find_order_reference(question, con)
    return trace_card(con, reference, red_minutes=red_minutes) if reference else None


@lru_cache(maxsize=1)
def _environment() -> jinja2.Environment:
    return jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES),
        autoescape=jinja2.select_autoescape(["html"]),
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )


def render_card_html(card: dict[str, Any], *, lang: str = "en") -> str:
    """A self-contained HTML fragment (inline CSS, no scripts, no CDN) for one card."""
    return (
        _environment()
        .get_template("card.html")
        .render(card=card, systems=_systems_of(card), lang=lang)
    )


def _systems_of(card: dict[str, Any]) -> list[str]:
    seen = {r["system"] for s in card["stages"] for r in s["records"]}
    return [s for s in SYSTEMS if s in seen] + sorted(seen - set(SYSTEMS))
