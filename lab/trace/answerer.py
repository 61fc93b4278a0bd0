"""Questions about one order ("where is order JD20260210001?", "订单JD20260210001到哪了")
answered with the order's status trace card instead of a metric.

Why here: a single order is not something a semantic query can express (order numbers are not
dimension values), so without this the engine would refuse or, worse, answer a metric and drop
the number. Why no phrasing rules: the trigger is data, not words — a token shaped like an order
reference (letters and ≥ 6 digits, or ≥ 12 digits) that the warehouse resolves through
``orders`` / ``order_id_map`` / ``shipments`` (channel, ERP, tracking or OrderLens id). Dates,
amounts and words never resolve, so normal questions are untouched; an order-shaped token that
nothing resolves is refused by name ("no system knows order X") rather than ignored.

Why in ``lab``: the timeline and the card are domain analytics shared with the status-trace
notebook and ``orderlens trace``, and ``nl2sql`` may not import ``lab``. :func:`answer_order_question`
is registered with the question engine as the ``order_trace`` answerer (entry point group
``orderlens.answerers`` in ``pyproject.toml``; see :mod:`nl2sql.answerers`). A question
without an order-shaped token costs one regular-expression search: no query is run.

>>> order_shaped_tokens("where is order jd20260210001? 20260210 GMV 1000000")
['JD20260210001']
>>> order_shaped_tokens("GMV by channel last 30 days")
[]
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from typing import Any

import pandas as pd
from sqlglot import exp

from lab.trace.card import cards_for_resolved, render_card_html
from lab.trace.resolve import candidate_references, resolve_references
from lab.trace.timeline import OBSERVATION_COLUMNS, build_timeline
from nl2sql.answerers import SpecialAnswer
from nl2sql.guard import run_guarded

#: Tables the trace reads; without them (a warehouse that is not OrderLens's) it stays off.
TRACE_TABLES = frozenset({"orders", "order_id_map", "shipments", "status_snapshots"})
#: The one table the timeline SELECT reads (the guard's allow-list for it).
TIMELINE_TABLES = frozenset({"status_snapshots"})
#: Timeline columns returned as the answer's rows, in order.
TIMELINE_COLUMNS = ("stage", "stage_zh", *OBSERVATION_COLUMNS)

_SIX_DIGITS = re.compile(r"\d{6}")


def order_shaped_tokens(question: str) -> list[str]:
    """Tokens that could be an order reference: letters with ≥ 6 digits, or ≥ 12 digits.

    Pure digit runs shorter than 12 are dates, amounts or counts and never count.
    """
    if not _SIX_DIGITS.search(unicodedata.normalize("NFKC", question)):
        return []  # the cheap common case: no query
    return [
        c for c in candidate_references(question) if any(ch.isalpha() for ch in c) or len(c) >= 12
    ]


def has_trace_tables(con: Any) -> bool:
    """Whether the warehouse has the tables an order trace needs."""
    try:
        names = {
            r[0].lower()
            for r in con.execute(
                "SELECT table_name FROM duckdb_tables() WHERE schema_name = 'main'"
            ).fetchall()
        }
        names |= {
            r[0].lower()
            for r in con.execute(
                "SELECT view_name FROM duckdb_views() WHERE schema_name = 'main'"
            ).fetchall()
        }
    except Exception:  # not DuckDB or no catalog access: no trace, never an error
        return False
    return names >= TRACE_TABLES


@dataclass
class OrderLookup:
    """What the order-shaped tokens of a question resolved to."""

    reference: str | None = None  # the first token the warehouse knows
    order_id: str | None = None  # its global OrderLens id
    unknown: tuple[str, ...] = ()  # order-shaped tokens nothing knows
    resolved: pd.DataFrame | None = None  # its resolve_references row (reused for the card)


def lookup_orders(question: str, con: Any) -> OrderLookup | None:
    """Resolve the question's order-shaped tokens, or None when there are none (or no tables)."""
    tokens = order_shaped_tokens(question)
    if not tokens or not has_trace_tables(con):
        return None
    table = resolve_references(con, tokens)
    known = table[table["order_id"].notna()]
    unknown = tuple(str(r) for r in table.loc[table["order_id"].isna(), "reference"])
    if known.empty:
        return OrderLookup(unknown=unknown)
    return OrderLookup(
        reference=str(known.iloc[0]["reference"]),
        order_id=str(known.iloc[0]["order_id"]),
        unknown=unknown,
        resolved=known.iloc[:1],
    )


def timeline_sql(order_id: str) -> str:
    """The guarded SELECT of one order's status snapshots (the rows the timeline is built from).

    ``order_id`` is the warehouse's own id (already resolved), rendered as a SQL literal by
    sqlglot, never pasted as text.

    >>> print(timeline_sql("OL000000007"))
    SELECT order_id, status AS stage, system, observed_at, operator, source, external_id, snapshot_id FROM status_snapshots WHERE order_id = 'OL000000007' ORDER BY observed_at NULLS FIRST, snapshot_id NULLS FIRST
    """
    query = (
        exp.select(
            "order_id",
            exp.alias_(exp.column("status"), "stage"),
            "system",
            "observed_at",
            "operator",
            "source",
            "external_id",
            "snapshot_id",
        )
        .from_("status_snapshots")
        .where(exp.column("order_id").eq(exp.Literal.string(order_id)))
        .order_by("observed_at", "snapshot_id")
    )
    return query.sql(dialect="duckdb")


def interpretation(reference: str, order_id: str, lang: str) -> str:
    """One line saying what was answered.

    >>> interpretation("JD20260210001", "OL000000007", "zh")
    '订单 JD20260210001 的状态轨迹（OL000000007）'
    >>> interpretation("OL000000007", "OL000000007", "en")
    'Status trace of order OL000000007'
    """
    suffix = (
        "" if reference == order_id else (f"（{order_id}）" if lang == "zh" else f" ({order_id})")
    )
    return (
        f"订单 {reference} 的状态轨迹" if lang == "zh" else f"Status trace of order {reference}"
    ) + suffix


def unknown_order_message(reference: str, lang: str) -> str:
    """The refusal for an order number that no system knows.

    >>> unknown_order_message("JD29990210001", "en")[:39]
    'no system knows order JD29990210001: it'
    """
    if lang == "zh":
        return (
            f"没有任何系统认识订单 {reference}（no system knows order {reference}）："
            "它不是本仓库中的渠道单号、ERP 单号、运单号或 OrderLens 订单号；请核对单号。"
        )
    return (
        f"no system knows order {reference}: it is not a channel, ERP, tracking or "
        "OrderLens order number in this warehouse; check the number"
    )


@dataclass
class TraceAnswer:
    """The parts of an answer for one order (the card, its timeline rows and the SQL)."""

    sql: str
    df: pd.DataFrame
    truncated: bool
    card: dict[str, Any]
    card_html: str
    interpretation: str


def trace_answer(
    con: Any, found: OrderLookup, lang: str, *, max_rows: int, timeout_s: float
) -> TraceAnswer | None:
    """The card, the timeline rows (through the guard) and the interpretation for one order."""
    assert found.reference is not None and found.order_id is not None
    assert found.resolved is not None
    card = cards_for_resolved(con, found.resolved)[0]
    if card is None:  # resolved a moment ago; gone now (a concurrent rebuild)
        return None
    sql = timeline_sql(found.order_id)
    result = run_guarded(con, sql, set(TIMELINE_TABLES), max_rows=max_rows, timeout_s=timeout_s)
    timeline = build_timeline(result.df, red_minutes=card["red_minutes"])
    return TraceAnswer(
        sql=sql,
        df=timeline[list(TIMELINE_COLUMNS)].reset_index(drop=True),
        truncated=result.truncated,
        card=card,
        card_html=render_card_html(card, lang=lang),
        interpretation=interpretation(found.reference, found.order_id, lang),
    )


def answer_order_question(
    question: str,
    con: Any,
    *,
    lang: str,
    known_values: frozenset[str],
    max_rows: int,
    timeout_s: float,
) -> SpecialAnswer | None:
    """The ``order_trace`` answerer: the status trace card of the order the question names.

    A known order reference gets the card; an order-shaped token that no system knows (and that
    is not a value of the model either) is refused by name, because answering a metric while
    dropping the number would be a guess. None when the question names no order.
    """
    found = lookup_orders(question, con)
    if found is None:
        return None
    if found.reference is None:
        unknown = [u for u in found.unknown if u not in known_values]
        if not unknown:
            return None
        return SpecialAnswer(
            engine="trace", refused=True, error=unknown_order_message(unknown[0], lang)
        )
    got = trace_answer(con, found, lang, max_rows=max_rows, timeout_s=timeout_s)
    if got is None:
        return None
    return SpecialAnswer(
        engine="trace",
        interpretation=got.interpretation,
        sql=got.sql,
        df=got.df,
        truncated=got.truncated,
        card=got.card,
        card_html=got.card_html,
    )
