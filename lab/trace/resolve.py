"""Turning whatever id a person has (channel number, ERP number, tracking number, global id)
into the global ``order_id``.

Why one resolver: customers quote the platform number (``JD20260210001``), the warehouse
quotes the ERP number, the courier the tracking number; ``order_id_map`` holds them all, so the
trace, the Ask card and the CLI accept any of them. References are normalised the way people
mistype them (full-width characters, spaces, lower case) and bound as data, never pasted into
SQL.

>>> normalize_reference(" ｊｄ２０２６０２１０００１ ")
'JD20260210001'
>>> candidate_references("where is order JD20260210001? 订单SO2602100001到哪了")
['JD20260210001', 'SO2602100001']
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

import duckdb
import pandas as pd

# An id-looking token: optional letters, then digits (≥ 6), possibly with dashes (POS numbers).
_TOKEN = re.compile(r"[A-Z]{0,6}-?(?:[A-Z0-9]+-)*\d{6,}(?:-[A-Z0-9]+)*", re.ASCII)

_RESOLVE_SQL = """
WITH refs AS (
    SELECT reference, UPPER(reference) AS ref FROM _trace_refs
), hits AS (
    SELECT r.reference, o.order_id, 'order_id' AS matched_system, 0 AS priority
    FROM refs AS r JOIN orders AS o ON o.order_id = r.ref
    UNION ALL
    SELECT r.reference, m.order_id, m.system,
        CASE m.system WHEN 'platform' THEN 1 WHEN 'erp' THEN 2 WHEN 'courier' THEN 3
            WHEN 'wms' THEN 4 WHEN 'crm' THEN 5 ELSE 6 END
    FROM refs AS r JOIN order_id_map AS m ON UPPER(m.external_id) = r.ref
    UNION ALL
    SELECT r.reference, o.order_id, 'platform', 7
    FROM refs AS r JOIN orders AS o ON UPPER(o.channel_order_no) = r.ref
    UNION ALL
    SELECT r.reference, o.order_id, 'erp', 8
    FROM refs AS r JOIN orders AS o ON UPPER(o.erp_order_no) = r.ref
    UNION ALL
    SELECT r.reference, s.order_id, 'courier', 9
    FROM refs AS r JOIN shipments AS s ON UPPER(s.tracking_no) = r.ref
)
SELECT reference, ARG_MIN(order_id, priority) AS order_id, ARG_MIN(matched_system, priority) AS matched_system
FROM hits
GROUP BY reference
"""


def normalize_reference(text: str) -> str:
    """Upper-case, half-width, without spaces: how ids are compared."""
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text)).upper()


def candidate_references(text: str) -> list[str]:
    """Id-looking tokens in free text, in order of appearance, normalised, de-duplicated."""
    norm = unicodedata.normalize("NFKC", text).upper()
    seen: list[str] = []
    for token in _TOKEN.findall(norm):
        token = token.strip("-")
        if token not in seen:
            seen.append(token)
    return seen


def resolve_references(con: duckdb.DuckDBPyConnection, references: Iterable[str]) -> pd.DataFrame:
    """Map each reference to its global order id and the system whose id matched.

    Returns columns ``reference`` (as given, normalised), ``order_id`` (None if unknown) and
    ``matched_system`` (``order_id``, ``platform``, ``erp``, ``wms``, ``courier``, ``crm``...).
    """
    refs = [normalize_reference(r) for r in references if r and r.strip()]
    frame = pd.DataFrame({"reference": pd.Series(list(dict.fromkeys(refs)), dtype="object")})
    if frame.empty:
        return frame.assign(order_id=None, matched_system=None)
    con.register("_trace_refs", frame)
    try:
        hits = con.execute(_RESOLVE_SQL).df()
    finally:
        con.unregister("_trace_refs")
    out = frame.merge(hits, on="reference", how="left")
    return out.astype(object).where(out.notna(), None)


def resolve_reference(con: duckdb.DuckDBPyConnection, reference: str) -> tuple[str, str] | None:
    """``(order_id, matched_system)`` for one reference, or None if nothing knows it."""
    table = resolve_references(con, [reference])
    if table.empty or table.loc[0, "order_id"] is None:
        return None
    return table.loc[0, "order_id"], table.loc[0, "matched_system"]


def find_order_reference(text: str, con: duckdb.DuckDBPyConnection | None = None) -> str | None:
    """The first order reference in a question ("where is order JD20260210001?").

    With a connection, only tokens the warehouse knows count (so a date like 20260210 or an
    amount is not mistaken for an order); without one, the first id-looking token is returned.
    """
    candidates = [
        c for c in candidate_references(text) if any(ch.isalpha() for ch in c) or len(c) >= 12
    ]
    if not candidates:
        return None
    if con is None:
        return candidates[0]
    table = resolve_references(con, candidates)
    known = table[table["order_id"].notna()]
    return None if known.empty else str(known.iloc[0]["reference"])
