"""Overseas warehouse days of cover: how long destination stock lasts at the current demand.

Why it matters: a shipment that replenishes an overseas warehouse can wait as long as the stock
already there covers demand. For each order we take the SKUs on its lines, the warehouse in its
destination country, the latest stock snapshot on or before the as-of date (at most
``max_age_days`` old) and ``on_hand / avg_daily_demand``; the order's cover is the smallest over
its SKUs (the first SKU to run out). Orders whose SKUs have no snapshot get NULL: no stock
evidence, so no stock constraint.
"""

from __future__ import annotations

import duckdb
import pandas as pd

MAX_AGE_DAYS = 14

_COVER_SQL = """
with lines as (
    select p.order_id, p.destination_country, p.as_of::date as as_of, l.sku
    from _orderlens_cover_orders p
    join order_lines l on l.order_id = p.order_id
    group by all
),
snap as (
    select lines.order_id, lines.as_of, ws.stock_date, ws.overseas_warehouse, ws.sku,
           ws.on_hand / nullif(ws.avg_daily_demand, 0) as cover
    from lines
    asof join warehouse_stock ws
      on ws.country = lines.destination_country and ws.sku = lines.sku
     and lines.as_of >= ws.stock_date
)
select order_id,
       min(cover) as days_of_cover,
       arg_min(overseas_warehouse, cover) as stock_warehouse,
       arg_min(sku, cover) as limiting_sku
from snap
where date_diff('day', stock_date, as_of) <= ? and cover is not null
group by order_id
"""


def days_of_cover(
    con: duckdb.DuckDBPyConnection, orders: pd.DataFrame, max_age_days: int = MAX_AGE_DAYS
) -> pd.DataFrame:
    """Days of cover per order for ``orders`` (columns order_id, destination_country, as_of).

    Returns order_id, days_of_cover, stock_warehouse, limiting_sku for orders with evidence.
    """
    frame = orders[["order_id", "destination_country", "as_of"]].copy()
    frame["as_of"] = pd.to_datetime(frame["as_of"])
    con.register("_orderlens_cover_orders", frame)
    try:
        return con.execute(_COVER_SQL, [max_age_days]).df()
    finally:
        con.unregister("_orderlens_cover_orders")
