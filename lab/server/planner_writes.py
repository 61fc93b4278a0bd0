"""The planners' recommendations read from, and their decisions written to, the warehouse.

Why apart from :mod:`lab.server.service`: answering questions only ever reads; this is the one
place the server writes (a planner's decision), under the warehouse gate's writer side, with
the open read-only handle released first.
"""

from __future__ import annotations

import json
from typing import Any

import duckdb

from connectors.warehouse import connect
from lab.server.answer_cache import _jsonable
from lab.server.errors import Unavailable
from lab.server.open_warehouse import OpenWarehouse
from lab.shipping.review import decide, list_recommendations


def recommendations(warehouse: OpenWarehouse, db: str, status: str | None) -> list[dict[str, Any]]:
    """Shipping-window recommendations (``lab.shipping.review``), newest first."""

    with warehouse.gate.read():
        con = connect(db, read_only=True)
        try:
            df = list_recommendations(con, status=status)
        finally:
            con.close()
    return json.loads(df.to_json(orient="records", date_format="iso", force_ascii=False))


def record_decision(
    warehouse: OpenWarehouse,
    db: str,
    recommendation_id: str,
    decision: str,
    reviewer: str,
    comment: str = "",
    *,
    force: bool = False,
) -> dict[str, Any]:
    """Record a planner's decision (the only write this server makes, under the gate)."""

    with warehouse.gate.write():
        warehouse.release()
        try:
            con = connect(db, read_only=False)
        except duckdb.ConnectionException as exc:  # still open read-only in this process
            raise Unavailable(
                f"the warehouse cannot be opened for writing the decision right now ({exc}); "
                "try again in a moment"
            ) from exc
        try:
            row = decide(con, recommendation_id, decision, reviewer, comment, force=force)
        finally:
            con.close()
    return _jsonable(row)
