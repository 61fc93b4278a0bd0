"""Writes ``fresh_eval.yaml``: questions typed the way users type, written *after* the engine.

Why a second set: ``orders_eval.yaml`` was written together with the rules engine, so it mostly
tests phrasings the engine was built for. These questions were written fresh (polite prefixes,
trailing punctuation and emoji, abbreviations such as "amt"/"avg", hyphenated "on-time", "X的SKU
的Y" chains, "which ..., A or B", "how many VIP customers", "分布") and checked by hand; gold
SQL reuses the hand-written patterns of ``make_orders_eval.py`` or is written out below. Re-run
after editing: ``.venv/bin/python tests/eval/make_fresh_eval.py``.
"""

from __future__ import annotations

import sys
from pathlib import Path

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent))
from make_orders_eval import FROM, LINE_RETURNS, TODAY, R, net_revenue_sql, return_rate_sql, sql

Q: list[dict] = []


def add(question: str, gold: str) -> None:
    Q.append({"question": question, "gold_sql": gold})


def refuse(question: str) -> None:
    Q.append({"question": question, "refuse": True})


# Two named years side by side: one row per year (refused until session 11, when two named
# periods in one question became a comparison rather than two time ranges).
R["y2025_y2026"] = ("2025-01-01", "2027-01-01")
add("2025年和2026年的GMV", sql(["gmv"], group=["grain:year"], time="y2025_y2026"))


def between(col: str, period: str) -> str:
    s, e = R[period]
    return f"CAST({col} AS DATE) >= DATE '{s}' AND CAST({col} AS DATE) < DATE '{e}'"


SHIP = "FROM shipments sh LEFT JOIN orders o ON sh.order_id = o.order_id"
ON_TIME = (
    "CAST(SUM(CASE WHEN CAST(sh.delivered_at AS DATE) <= o.promised_delivery_date THEN 1 "
    "ELSE 0 END) AS DOUBLE) / NULLIF(COUNT(sh.delivered_at), 0)"
)
CANCEL = (
    "CAST(COUNT(CASE WHEN o.order_status = 'cancelled' THEN o.order_id END) AS DOUBLE) "
    "/ NULLIF(COUNT(o.order_id), 0)"
)


def refund_rate_by_channel(period: str) -> str:
    """refunds later paid on returns of the period's orders / paid amount of those orders (both
    by order date: the sales cohort)."""
    return (
        f"WITH a AS (SELECT o.channel AS k, SUM(x.ra) AS ra {FROM['l']} JOIN {LINE_RETURNS} "
        f"WHERE {between('o.created_at', period)} GROUP BY 1), "
        f"b AS (SELECT o.channel AS k, SUM(o.paid_amount) AS pa {FROM['o']} "
        f"WHERE {between('o.created_at', period)} GROUP BY 1) "
        "SELECT b.k, CAST(COALESCE(a.ra, 0) AS DOUBLE) / NULLIF(b.pa, 0) "
        "FROM b LEFT JOIN a ON a.k IS NOT DISTINCT FROM b.k"
    )


# ---- "X的<entity>的<metric>": a threshold on the noun makes it the grain -------------------
add(
    "最近30天退货率>15%的SKU的复购率",
    return_rate_sql("sku", "last30", "rr > 0.15", repurchase=True),
)
add(
    "repurchase rate of SKUs with return rate above 15% in the last 30 days",
    return_rate_sql("sku", "last30", "rr > 0.15", repurchase=True),
)

# ---- comparisons of listed values ------------------------------------------------------------
add(
    "上个月京东和天猫的GMV对比",
    sql(["gmv"], group=["channel"], where=["o.channel IN ('jd', 'tmall')"], time="lastmonth"),
)
add(
    "GMV for JD vs Tmall last month",
    sql(["gmv"], group=["channel"], where=["o.channel IN ('jd', 'tmall')"], time="lastmonth"),
)
add("京东对比天猫的客单价", sql(["aov"], group=["channel"], where=["o.channel IN ('jd', 'tmall')"]))
add("天猫和京东哪个GMV高", sql(["gmv"], group=["channel"], where=["o.channel IN ('jd', 'tmall')"]))
add(
    "which channel sold more units last month, jd or tmall",
    sql(
        ["units_sold"], group=["channel"], where=["o.channel IN ('jd', 'tmall')"], time="lastmonth"
    ),
)

# ---- counting things named inside a value ("VIP customers") ---------------------------------
add("VIP客户本月下了多少单", sql(["order_count"], where=["c.tier = 'VIP'"], time="thismonth"))
add("有多少VIP客户", sql(["buyers"], where=["c.tier = 'VIP'"]))
add(
    "how many VIP customers placed orders this year",
    sql(["buyers"], where=["c.tier = 'VIP'"], time="thisyear"),
)
add("how many customers placed orders this year", sql(["buyers"], time="thisyear"))
add("有多少客户在京东下过单", sql(["buyers"], where=["o.channel = 'jd'"]))
add("how many orders did we get yesterday?", sql(["order_count"], time="yesterday"))

# ---- group-by in many spellings --------------------------------------------------------------
add("show me return rate per category in 2026", return_rate_sql("category", "thisyear"))
add("哪个渠道的退货率最高", return_rate_sql("channel", None) + " ORDER BY rr DESC LIMIT 1")
add(
    "GMV by month for tmall this year",
    sql(["gmv"], group=["grain:month"], where=["o.channel = 'tmall'"], time="thisyear"),
)
add("各地区客户数", sql(["buyers"], group=["region"]))
add("number of customers by tier", sql(["buyers"], group=["tier"]))
add("refund amount by reason last 90 days", sql(["refund_amount"], group=["reason"], time="last90"))
add("retrun rate by chanel", return_rate_sql("channel", None))
add("各渠道订单量！！", sql(["order_count"], group=["channel"]))
add("帮我看一下本季度各品类的销量", sql(["units_sold"], group=["category"], time="thisq"))
add("上周每天的订单数", sql(["order_count"], group=["grain:day"], time="lastweek"))
add(
    "top 5 categories by refund amount",
    sql(["refund_amount"], group=["category"], top=("refund_amount", True, 5)),
)
add("2026年每月GMV趋势", sql(["gmv"], group=["grain:month"], time="thisyear"))
add(
    "monthly orders on taobao in 2026",
    sql(["order_count"], group=["grain:month"], where=["o.channel = 'taobao'"], time="thisyear"),
)
add("各品类退货率排名", return_rate_sql("category", None))
add("average order value per channel this year", sql(["aov"], group=["channel"], time="thisyear"))
add("avg order value by month last 3 months", sql(["aov"], group=["grain:month"], time="last3m"))
add("最近7天每天的GMV", sql(["gmv"], group=["grain:day"], time="last7"))
add("gmv last 7 days by day", sql(["gmv"], group=["grain:day"], time="last7"))
add("weekly GMV for the last 30 days", sql(["gmv"], group=["grain:week"], time="last30"))
add("按渠道和月份统计GMV", sql(["gmv"], group=["grain:month", "channel"]))
add("GMV by channel and month", sql(["gmv"], group=["grain:month", "channel"]))
add("各国家的订单数", sql(["order_count"], group=["country"]))
add("cancellation rate by promotion", f"SELECT o.promotion, {CANCEL} {FROM['o']} GROUP BY 1")
add("订单取消率按渠道", f"SELECT o.channel, {CANCEL} {FROM['o']} GROUP BY 1")
add("cancel rate per channel", f"SELECT o.channel, {CANCEL} {FROM['o']} GROUP BY 1")
add(
    "orders by payment status last week",
    sql(["order_count"], group=["payment_status"], time="lastweek"),
)
add("units sold per brand", sql(["units_sold"], group=["brand"]))
add("今年每个季度的退款金额", sql(["refund_amount"], group=["grain:quarter"], time="thisyear"))
add(
    "refund amount by quarter this year",
    sql(["refund_amount"], group=["grain:quarter"], time="thisyear"),
)
add("refund rate by channel last quarter", refund_rate_by_channel("lastq"))
add("各个渠道上个季度的退款率分别是多少", refund_rate_by_channel("lastq"))
add("各品类的退款金额，从高到低排序", sql(["refund_amount"], group=["category"]))
add("refund amount by category sorted high to low", sql(["refund_amount"], group=["category"]))
add("GMV per channel, sorted descending", sql(["gmv"], group=["channel"]))
add("Please show GMV by region.", sql(["gmv"], group=["region"]))
add("GMV by channel 😀", sql(["gmv"], group=["channel"]))

# ---- top / bottom ----------------------------------------------------------------------------
add(
    "今年退货最多的品类",
    sql(["return_count"], group=["category"], time="thisyear", top=("return_count", True, 1)),
)
add(
    "which category had the most returns this year",
    sql(["return_count"], group=["category"], time="thisyear", top=("return_count", True, 1)),
)
add("退货率最低的3个品类", return_rate_sql("category", None) + " ORDER BY rr ASC LIMIT 3")
add(
    "3 categories with the lowest return rate",
    return_rate_sql("category", None) + " ORDER BY rr ASC LIMIT 3",
)
add("订单数最少的三个地区", sql(["order_count"], group=["region"], top=("order_count", False, 3)))
add(
    "lowest 3 regions by orders",
    sql(["order_count"], group=["region"], top=("order_count", False, 3)),
)

# ---- thresholds --------------------------------------------------------------------------------
add(
    "上个月退款金额超过1000的渠道",
    sql(
        ["refund_amount"],
        group=["channel"],
        time="lastmonth",
        having=["SUM(r.refund_amount) > 1000"],
    ),
)
add(
    "退货率超过5%的品类的销量",
    "SELECT k, rr, us FROM ("
    + return_rate_sql("category", None).replace(
        "CAST(COALESCE(a.ru, 0) AS DOUBLE) / NULLIF(b.us, 0) AS rr",
        "CAST(COALESCE(a.ru, 0) AS DOUBLE) / NULLIF(b.us, 0) AS rr, b.us AS us",
    )
    + ") x WHERE rr > 0.05",
)

# ---- filters, politeness, punctuation, abbreviations -------------------------------------------
add("请问上个月的GMV是多少？", sql(["gmv"], time="lastmonth"))
add("can you tell me the GMV for last month?", sql(["gmv"], time="lastmonth"))
add(
    "What's our return rate?",
    return_rate_sql("channel", None)
    .replace("o.channel AS k", "1 AS k")
    .replace("SELECT b.k AS k, ", "SELECT "),
)
add(
    "退货率是多少呀",
    return_rate_sql("channel", None)
    .replace("o.channel AS k", "1 AS k")
    .replace("SELECT b.k AS k, ", "SELECT "),
)
add("GMV, please", sql(["gmv"]))
add("华东地区今年的客单价", sql(["aov"], where=["c.region = '华东'"], time="thisyear"))
add(
    "what's the cancellation rate on JD this year",
    f"SELECT {CANCEL} {FROM['o']} WHERE o.channel = 'jd' AND {between('o.created_at', 'thisyear')}",
)
add("京东的退款金额是多少", sql(["refund_amount"], where=["o.channel = 'jd'"]))
add("jd的gmv", sql(["gmv"], where=["o.channel = 'jd'"]))
add("Tmall GMV last month", sql(["gmv"], where=["o.channel = 'tmall'"], time="lastmonth"))
add("jd orders this month", sql(["order_count"], where=["o.channel = 'jd'"], time="thismonth"))
add(
    "天猫上个月的订单数和GMV",
    sql(["order_count", "gmv"], where=["o.channel = 'tmall'"], time="lastmonth"),
)
add(
    "GMV and orders for tmall last month",
    sql(["gmv", "order_count"], where=["o.channel = 'tmall'"], time="lastmonth"),
)
add(
    "Whats the refund amt for tmall this month",
    sql(["refund_amount"], where=["o.channel = 'tmall'"], time="thismonth"),
)
add("What is the AOV for VIP customers?", sql(["aov"], where=["c.tier = 'VIP'"]))
add(
    "GMV from Germany this year",
    sql(["gmv"], where=["o.destination_country = 'DE'"], time="thisyear"),
)
add("德国订单的GMV", sql(["gmv"], where=["o.destination_country = 'DE'"]))
add("双十一的GMV", sql(["gmv"], where=["o.promotion = '双11'"]))
add("查一下10月份天猫的退货数", sql(["return_count"], where=["o.channel = 'tmall'"], time="oct"))
add("returns on tmall in october", sql(["return_count"], where=["o.channel = 'tmall'"], time="oct"))
add("本月到目前为止的GMV", sql(["gmv"], time="thismonth"))
add("GMV so far this month", sql(["gmv"], time="thismonth"))

# ---- "分布" / distribution = counts of what the dimension describes ------------------------------
add("退货原因分布", sql(["return_count"], group=["reason"]))
add("各渠道的退货原因分布", sql(["return_count"], group=["channel", "reason"]))
add("order status distribution", sql(["order_count"], group=["order_status"]))

# ---- shipments (hand-written over `shipments`) ---------------------------------------------------
add("各快递公司的准时率", f"SELECT sh.carrier, {ON_TIME} {SHIP} GROUP BY 1")
add(
    "on-time rate by carrier last month",
    f"SELECT sh.carrier, {ON_TIME} {SHIP} WHERE {between('sh.delivered_at', 'lastmonth')} GROUP BY 1",
)
add("顺丰的准时率是多少", f"SELECT {ON_TIME} {SHIP} WHERE sh.carrier = 'SF'")
add("on time rate for SF", f"SELECT {ON_TIME} {SHIP} WHERE sh.carrier = 'SF'")
add("按承运商统计发货量", "SELECT carrier, COUNT(shipment_id) FROM shipments GROUP BY 1")
add("shipments by carrier", "SELECT carrier, COUNT(shipment_id) FROM shipments GROUP BY 1")
add(
    "上周发了多少包裹",
    f"SELECT COUNT(shipment_id) FROM shipments sh WHERE {between('sh.erp_shipped_at', 'lastweek')}",
)
add(
    "how many parcels shipped last week",
    f"SELECT COUNT(shipment_id) FROM shipments sh WHERE {between('sh.erp_shipped_at', 'lastweek')}",
)
add(
    "美国的平均配送时长",
    "SELECT AVG(DATE_DIFF('second', pickup_at, delivered_at) / 86400.0) FROM shipments "
    "WHERE destination_country = 'US'",
)
add(
    "average delivery time to United States",
    "SELECT AVG(DATE_DIFF('second', pickup_at, delivered_at) / 86400.0) FROM shipments "
    "WHERE destination_country = 'US'",
)
add(
    "平均发货到揽收多少小时",
    "SELECT AVG(DATE_DIFF('second', outbound_scan_at, pickup_at) / 3600.0) FROM shipments",
)
add(
    "average pickup delay in hours",
    "SELECT AVG(DATE_DIFF('second', outbound_scan_at, pickup_at) / 3600.0) FROM shipments",
)

# ---- question structure (issue 12): a dimension qualified by its entity, one filtered count,
# a metric right after a time phrase, shares of total and changes over time ---------------------
REGION_GMV = (
    "SELECT c.region, SUM(o.goods_amount) FROM orders o "
    "LEFT JOIN customers c ON o.customer_id = c.customer_id GROUP BY 1"
)
add("各地区客户的成交额", REGION_GMV)
add("GMV by customer's region", REGION_GMV)
NOT_PICKED_UP = (
    "SELECT COUNT(*) FROM shipments WHERE erp_shipped_at IS NOT NULL "
    "AND outbound_scan_at IS NULL AND pickup_at IS NULL"
)
add("已发货未揽收的订单有多少", NOT_PICKED_UP)
add("how many orders are shipped but not picked up", NOT_PICKED_UP)
add("上个月收入", net_revenue_sql(time="lastmonth"))
SHARE = "SELECT o.channel, {m}, CAST({m} AS DOUBLE) / SUM({m}) OVER () FROM orders o GROUP BY 1"
add("各渠道的GMV占比", SHARE.format(m="SUM(o.goods_amount)"))
add("percentage of orders by channel", SHARE.format(m="COUNT(*)"))
add(
    "share of orders that got cancelled on Taobao",
    "SELECT 'cancelled', COUNT(*) FILTER (WHERE order_status = 'cancelled'), "
    "CAST(COUNT(*) FILTER (WHERE order_status = 'cancelled') AS DOUBLE) / COUNT(*) "
    "FROM orders WHERE channel = 'taobao'",
)
MONTHLY = (
    "WITH m AS (SELECT DATE_TRUNC('month', created_at) AS t, {m} AS v FROM orders{w} GROUP BY 1) "
    "SELECT cur.t, cur.v, prev.v, CAST(cur.v - prev.v AS DOUBLE) / NULLIF(prev.v, 0) FROM m cur "
    "LEFT JOIN m prev ON prev.t = cur.t - INTERVAL {back} MONTH{keep}"
)
add("每月订单数环比", MONTHLY.format(m="COUNT(*)", w="", back=1, keep=""))
add("orders by month, month over month", MONTHLY.format(m="COUNT(*)", w="", back=1, keep=""))
add(
    "今年每月GMV同比",
    MONTHLY.format(
        m="SUM(goods_amount)",
        w=" WHERE created_at >= DATE '2025-01-01' AND created_at < DATE '2027-01-01'",
        back=12,
        keep=" WHERE cur.t >= DATE '2026-01-01'",
    ),
)
add(
    "本月GMV比上月",
    MONTHLY.format(
        m="SUM(goods_amount)",
        w=" WHERE created_at >= DATE '2026-10-01' AND created_at < DATE '2026-12-01'",
        back=1,
        keep=" WHERE cur.t >= DATE '2026-11-01'",
    ),
)
LISTED = "SELECT order_id FROM orders WHERE {c} >= DATE '2026-11-09' AND {c} < DATE '2026-11-16'"
add("列出上周的订单", LISTED.format(c="created_at"))
add("list orders paid last week", LISTED.format(c="paid_at"))

# ---- must refuse: genuinely ambiguous or beyond the model --------------------------------------
for q in [
    "average delivery time to US",  # customer country or shipment destination?
    "what was the on-time delivery rate for DE last quarter",  # same
    "GMV of overseas orders",  # customer region or destination region?
    "华东的GMV",  # customer region or destination region
    "每个品类的平均客单价",  # AOV is order-level, orders have no category
    "销售额最高的5个品牌",  # GMV is order-level, orders have no brand
    "按小时统计订单数",  # no hourly grain
    "orders by hour",
    "GMV占比",  # a share of what? no breakdown
    "各渠道退货率占比",  # rates do not add up to a total
    "GMV同比",  # a change against which period?
]:
    refuse(q)


if __name__ == "__main__":
    out = Path(__file__).with_name("fresh_eval.yaml")
    doc = {"today": TODAY, "model": "builtin", "questions": Q}
    out.write_text(
        yaml.safe_dump(doc, allow_unicode=True, sort_keys=False, width=120), encoding="utf-8"
    )
    n_ref = sum(1 for q in Q if q.get("refuse"))
    print(f"{out}: {len(Q) - n_ref} answerable + {n_ref} must-refuse")
