"""The HTML comparison report of a list of orders: one self-contained file, no CDN, no scripts.

Why self-contained: operations mail it or attach it to a ticket; it must open anywhere, offline.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import duckdb

from lab.trace.card import _environment, _systems_of, trace_cards
from lab.trace.errors import TraceError
from lab.trace.timeline import DEFAULT_RED_MINUTES


def comparison_rows(cards: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The summary table: one row per order, worst disagreement first."""
    rows = [
        {
            "order_id": c["order_id"],
            "reference": c["reference"],
            "channel_order_no": c["channel_order_no"],
            "order_status": c["order_status"],
            "current_stage": c["current_stage"],
            "current_stage_zh": c["current_stage_zh"],
            "red_count": c["red_count"],
            "max_spread_minutes": c["max_spread_minutes"],
            "red_stages": [s["stage"] for s in c["stages"] if s["red"]],
        }
        for c in cards
    ]
    return sorted(rows, key=lambda r: (-r["red_count"], -r["max_spread_minutes"], r["order_id"]))


def render_report_html(
    cards: list[dict[str, Any]],
    *,
    title: str = "OrderLens status trace",
    missing: list[str] | None = None,
    red_minutes: float = DEFAULT_RED_MINUTES,
) -> str:
    """Render cards into one HTML document (summary table + one card per order)."""
    env = _environment()
    card_template = env.get_template("card.html")
    order = {r["order_id"]: i for i, r in enumerate(comparison_rows(cards))}
    ordered = sorted(cards, key=lambda c: order[c["order_id"]])
    return env.get_template("report.html").render(
        title=title,
        generated_at=dt.datetime.now().strftime("%Y-%m-%d %H:%M"),
        rows=comparison_rows(cards),
        cards_html=[
            card_template.render(card=c, systems=_systems_of(c), lang="en") for c in ordered
        ],
        missing=missing or [],
        red_minutes=red_minutes,
    )


def write_comparison_report(
    con: duckdb.DuckDBPyConnection,
    references: Iterable[str],
    out: str | Path,
    *,
    red_minutes: float = DEFAULT_RED_MINUTES,
    title: str = "OrderLens status trace",
) -> dict[str, Any]:
    """Build cards for ``references`` and write the HTML report to ``out``.

    Returns ``{"path", "orders", "missing", "red_orders"}``. Raises TraceError when none of the
    references is known.
    """
    refs = list(references)
    cards = trace_cards(con, refs, red_minutes=red_minutes)
    found = [c for c in cards if c is not None]
    missing = [r for r, c in zip(refs, cards, strict=True) if c is None]
    if not found:
        raise TraceError(
            f"none of the references {refs[:5]} is known to the warehouse: give a channel order "
            "number, an ERP number, a tracking number or a global order id (OL...)"
        )
    path = Path(out)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(
        render_report_html(found, title=title, missing=missing, red_minutes=red_minutes),
        encoding="utf-8",
    )
    return {
        "path": str(path),
        "orders": len(found),
        "missing": missing,
        "red_orders": sum(1 for c in found if c["red_count"]),
    }
