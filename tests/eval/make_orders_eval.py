"""Writes ``orders_eval.yaml``: questions over the demo warehouse with hand-written gold SQL.

Why a script: the gold SQL is written by hand *per pattern* below (plain SQL over the warehouse
tables, independent of the semantic layer's compiler), then instantiated for each question's
metric, grouping, filter and dates, so that 250+ questions stay consistent and reviewable. The
YAML it writes is the fixture the evaluation reads; re-run after editing:
``.venv/bin/python tests/eval/make_orders_eval.py``.
"""

from __future__ import annotations

from pathlib import Path

import yaml

TODAY = "2026-11-20"
# date ranges relative to TODAY (half-open), as the time conventions in nl2sql.timeparse define
R = {
    "last30": ("2026-10-22", "2026-11-21"),
    "last7": ("2026-11-14", "2026-11-21"),
    "lastmonth": ("2026-10-01", "2026-11-01"),
    "thismonth": ("2026-11-01", "2026-12-01"),
    "thisyear": ("2026-01-01", "2027-01-01"),
    "lastyear": ("2025-01-01", "2026-01-01"),
    "q3": ("2026-07-01", "2026-10-01"),
    "thisq": ("2026-10-01", "2027-01-01"),
    "lastq": ("2026-07-01", "2026-10-01"),
    "jan26": ("2026-01-01", "2026-02-01"),
    "mar_may": ("2026-03-01", "2026-06-01"),
    "lastweek": ("2026-11-09", "2026-11-16"),
    "yesterday": ("2026-11-19", "2026-11-20"),
    "last90": ("2026-08-23", "2026-11-21"),
    "h1_26": ("2026-01-01", "2026-07-01"),
    "last3m": ("2026-08-21", "2026-11-21"),
    "oct": ("2026-10-01", "2026-11-01"),
    "y2025q4": ("2025-10-01", "2026-01-01"),
}

OM = {  # order-grain metrics over `orders o`
    "gmv": "SUM(o.goods_amount)",
    "order_count": "COUNT(o.order_id)",
    "paid_amount": "SUM(o.paid_amount)",
    "buyers": "COUNT(DISTINCT o.customer_id)",
    "aov": "CAST(SUM(o.paid_amount) AS DOUBLE) / NULLIF(COUNT(o.order_id), 0)",
    "discount_amount": "SUM(o.discount_amount)",
    "shipping_fee": "SUM(o.shipping_fee)",
}
LM = {"units_sold": "SUM(l.qty)", "line_sales": "SUM(l.line_amount)"}  # over order lines
RM = {
    "return_count": "COUNT(r.return_id)",
    "refund_amount": "SUM(r.refund_amount)",
    "returned_units": "SUM(r.qty)",
}  # over returns, time = requested_at
OD = {
    "channel": "o.channel",
    "payment_status": "o.payment_status",
    "order_status": "o.order_status",
    "promotion": "o.promotion",
    "tier": "c.tier",
    "region": "c.region",
    "country": "o.destination_country",
    "invoice": "o.invoice_type",
    "b2b": "c.is_b2b",
    "presale": "o.is_presale",
}
LD = {**OD, "category": "s.category", "brand": "s.brand", "sku": "l.sku"}
RD = {
    "reason": "r.reason",
    "return_status": "r.return_status",
    "category": "s.category",
    "channel": "o.channel",
    "sku": "r.sku",
    "tier": "c.tier",
}
#: an entity grouped by its key is answered with its name beside it (nl2sql.rules.naming):
#: the gold selects the same name column right after the key
NAMES = {"sku": "s.sku_name"}
GRAIN = {"day": "day", "week": "week", "month": "month", "quarter": "quarter", "year": "year"}

FROM = {
    "o": "FROM orders o LEFT JOIN customers c ON o.customer_id = c.customer_id",
    "l": "FROM order_lines l JOIN orders o ON l.order_id = o.order_id "
    "LEFT JOIN skus s ON l.sku = s.sku LEFT JOIN customers c ON o.customer_id = c.customer_id",
    "r": "FROM returns r LEFT JOIN skus s ON r.sku = s.sku "
    "LEFT JOIN orders o ON r.order_id = o.order_id "
    "LEFT JOIN customers c ON o.customer_id = c.customer_id",
}
TIMECOL = {"o": "o.created_at", "l": "o.created_at", "r": "r.requested_at"}


def kind_of(metric: str) -> str:
    return "o" if metric in OM else "l" if metric in LM else "r"


def mexpr(metric: str) -> str:
    return {**OM, **LM, **RM}[metric]


def dexpr(kind: str, dim: str) -> str:
    if dim.startswith("grain:"):
        return f"DATE_TRUNC('{GRAIN[dim[6:]]}', {TIMECOL[kind]})"
    return {"o": OD, "l": LD, "r": RD}[kind][dim]


def sql(
    metrics: list[str],
    group: list[str] | None = None,
    where: list[str] | None = None,
    time: str | None = None,
    having: list[str] | None = None,
    top: tuple[str, bool, int] | None = None,
) -> str:
    """One aggregate over one fact table (all metrics must share it); net revenue has its own."""
    if metrics == ["net_revenue"] and not having and not top and len(group or []) <= 1:
        return net_revenue_sql((group or [None])[0], where, time)
    kind = kind_of(metrics[0])
    assert all(kind_of(m) == kind for m in metrics), metrics
    group = group or []
    keys = [c for g in group for c in [dexpr(kind, g), *([NAMES[g]] if g in NAMES else [])]]
    cols = keys + [f"{mexpr(m)} AS {m}" for m in metrics]
    conds = list(where or [])
    if time:
        s, e = R[time]
        col = TIMECOL[kind]
        conds.append(f"CAST({col} AS DATE) >= DATE '{s}' AND CAST({col} AS DATE) < DATE '{e}'")
    out = f"SELECT {', '.join(cols)} {FROM[kind]}"
    if conds:
        out += " WHERE " + " AND ".join(conds)
    if group:
        out += " GROUP BY " + ", ".join(str(i + 1) for i in range(len(keys)))
    if having:
        out += " HAVING " + " AND ".join(having)
    if top:
        m, desc, n = top
        out += f" ORDER BY {m} {'DESC' if desc else 'ASC'} LIMIT {n}"
    return out


# Returns belong to the SALES cohort: units (refunds) of the order lines placed in the period that
# were later returned (refunded), rejected requests excluded, at most the units sold on the line.
LINE_RETURNS = (
    "(SELECT line_id, SUM(qty) AS q, SUM(refund_amount) AS ra FROM returns "
    "WHERE return_status <> 'rejected' GROUP BY line_id) x ON x.line_id = l.line_id"
)


def return_rate_sql(
    key: str, time: str | None, having: str | None = None, repurchase: bool = False
) -> str:
    """units of the period's order lines later returned / units sold on them (both by order
    date), per ``key`` (sku/category/channel); optionally with the 30-day repurchase rate of
    the customers who bought."""
    lkey = {"sku": "l.sku", "category": "s.category", "channel": "o.channel"}[key]
    lt = ""
    if time:
        s, e = R[time]
        lt = f" WHERE CAST(o.created_at AS DATE) >= DATE '{s}' AND CAST(o.created_at AS DATE) < DATE '{e}'"
    rep = (
        "rep AS (SELECT order_id, COALESCE(LEAD(created_at) OVER (PARTITION BY customer_id "
        "ORDER BY created_at, order_id) <= created_at + INTERVAL 30 DAY, FALSE) AS r "
        "FROM orders), "
    )
    extra_cols = (
        (
            ", COUNT(DISTINCT CASE WHEN rep.r THEN o.customer_id END) AS rb, "
            "COUNT(DISTINCT o.customer_id) AS lb"
        )
        if repurchase
        else ""
    )
    extra_join = " LEFT JOIN rep ON l.order_id = rep.order_id" if repurchase else ""
    q = (
        f"WITH {rep if repurchase else ''}"
        f"a AS (SELECT {lkey} AS k, SUM(LEAST(x.q, l.qty)) AS ru FROM order_lines l JOIN orders o "
        f"ON l.order_id = o.order_id LEFT JOIN skus s ON l.sku = s.sku JOIN {LINE_RETURNS}{lt} "
        "GROUP BY 1), "
        f"b AS (SELECT {lkey} AS k, SUM(l.qty) AS us{extra_cols} FROM order_lines l JOIN orders o "
        f"ON l.order_id = o.order_id LEFT JOIN skus s ON l.sku = s.sku{extra_join}{lt} GROUP BY 1) "
        f"SELECT * FROM (SELECT b.k AS k, CAST(COALESCE(a.ru, 0) AS DOUBLE) / NULLIF(b.us, 0) AS rr"
        f"{', CAST(b.rb AS DOUBLE) / NULLIF(b.lb, 0) AS rp' if repurchase else ''} "
        f"FROM b LEFT JOIN a ON a.k IS NOT DISTINCT FROM b.k) t"
    )
    if key == "sku":  # the SKU's name beside its key, as the engine answers
        q = f"SELECT t.*, n.sku_name FROM ({q}) t LEFT JOIN skus n ON n.sku = t.k"
    if having:
        q += f" WHERE {having}"
    return q


def net_revenue_sql(
    group: str | None = None, where: list[str] | None = None, time: str | None = None
) -> str:
    """Net revenue: amount paid on the period's orders that are paid and not cancelled, less
    the refunds later paid on returns of those orders (both by order date)."""
    key = f"{dexpr('o', group)} AS k, " if group else ""
    conds = list(where or [])
    if time:
        s, e = R[time]
        conds.append(
            f"CAST(o.created_at AS DATE) >= DATE '{s}' AND CAST(o.created_at AS DATE) < DATE '{e}'"
        )
    cond = (" WHERE " + " AND ".join(conds)) if conds else ""
    by = " GROUP BY 1" if group else ""
    paid = (
        f"SELECT {key}SUM(CASE WHEN o.paid_at IS NOT NULL AND o.order_status <> 'cancelled' "
        f"THEN o.paid_amount ELSE 0 END) AS pa {FROM['o']}{cond}{by}"
    )
    refunds = f"SELECT {key}SUM(x.ra) AS ra {FROM['l']} JOIN {LINE_RETURNS}{cond}{by}"
    on = "p.k IS NOT DISTINCT FROM f.k" if group else "TRUE"
    return (
        f"WITH p AS ({paid}), f AS ({refunds}) SELECT {'p.k, ' if group else ''}"
        f"p.pa - COALESCE(f.ra, 0) AS net_revenue FROM p LEFT JOIN f ON {on}"
    )


Q: list[dict] = []


def add(question: str, gold: str) -> None:
    Q.append({"question": question, "gold_sql": gold})


def refuse(question: str) -> None:
    Q.append({"question": question, "refuse": True})


# ---- A. totals with and without time -----------------------------------------------------
add(
    "找出最近30天退货率>15%且复购率<5%的SKU",
    return_rate_sql("sku", "last30", "rr > 0.15 AND rp < 0.05", repurchase=True),
)
add(
    "SKUs with return rate above 15% and repurchase rate below 5% in the last 30 days",
    return_rate_sql("sku", "last30", "rr > 0.15 AND rp < 0.05", repurchase=True),
)
for q, m, t in [
    ("GMV是多少", "gmv", None),
    ("what is the total GMV", "gmv", None),
    ("最近30天的GMV", "gmv", "last30"),
    ("GMV in the last 30 days", "gmv", "last30"),
    ("上个月的销售额", "gmv", "lastmonth"),
    ("revenue last month", "net_revenue", "lastmonth"),
    ("今年的成交额", "gmv", "thisyear"),
    ("sales this year", "gmv", "thisyear"),
    ("去年GMV", "gmv", "lastyear"),
    ("GMV in 2025", "gmv", "lastyear"),
    ("2026年第三季度的GMV", "gmv", "q3"),
    ("GMV in Q3 2026", "gmv", "q3"),
    ("2026年1月GMV", "gmv", "jan26"),
    ("GMV for January 2026", "gmv", "jan26"),
    ("3月到5月的GMV", "gmv", "mar_may"),
    ("GMV between March and May", "gmv", "mar_may"),
    ("本季度订单数", "order_count", "thisq"),
    ("how many orders this quarter", "order_count", "thisq"),
    ("上个月多少单", "order_count", "lastmonth"),
    ("how many orders last week", "order_count", "lastweek"),
    ("昨天有多少订单", "order_count", "yesterday"),
    ("number of orders yesterday", "order_count", "yesterday"),
    ("最近7天订单量", "order_count", "last7"),
    ("orders in the past 7 days", "order_count", "last7"),
    ("上季度实付金额", "paid_amount", "lastq"),
    ("paid amount last quarter", "paid_amount", "lastq"),
    ("客单价", "aov", None),
    ("average order value this year", "aov", "thisyear"),
    ("今年的客单价", "aov", "thisyear"),
    ("AOV last month", "aov", "lastmonth"),
    ("最近90天买家数", "buyers", "last90"),
    ("how many customers bought in the last 90 days", "buyers", "last90"),
    ("本月销量", "units_sold", "thismonth"),
    ("units sold this month", "units_sold", "thismonth"),
    ("去年的销量", "units_sold", "lastyear"),
    ("total units sold in 2025", "units_sold", "lastyear"),
    ("最近30天退货数", "return_count", "last30"),
    ("number of returns in the last 30 days", "return_count", "last30"),
    ("今年退款金额", "refund_amount", "thisyear"),
    ("refund amount this year", "refund_amount", "thisyear"),
    ("上个月优惠金额", "discount_amount", "lastmonth"),
    ("discount amount last month", "discount_amount", "lastmonth"),
    ("2026年上半年的运费收入", "shipping_fee", "h1_26"),
    ("shipping fees charged in H1 2026", "shipping_fee", "h1_26"),
    ("过去3个月的GMV", "gmv", "last3m"),
    ("GMV over the last 3 months", "gmv", "last3m"),
    ("10月份的订单数", "order_count", "oct"),
    ("orders in October", "order_count", "oct"),
    ("2025年第四季度GMV", "gmv", "y2025q4"),
    ("GMV in Q4 2025", "gmv", "y2025q4"),
]:
    add(q, sql([m], time=t))

# ---- B. by one dimension --------------------------------------------------------------------
for q, m, g, t in [
    ("各渠道GMV", "gmv", "channel", None),
    ("GMV by channel", "gmv", "channel", None),
    ("按渠道统计订单数", "order_count", "channel", None),
    ("orders per channel", "order_count", "channel", None),
    ("最近30天各渠道的销售额", "gmv", "channel", "last30"),
    ("revenue by channel in the last 30 days", "net_revenue", "channel", "last30"),
    ("各客户等级的GMV", "gmv", "tier", None),
    ("GMV by customer tier", "gmv", "tier", None),
    ("按地区统计买家数", "buyers", "region", None),
    ("buyers by region", "buyers", "region", None),
    ("分品类销量", "units_sold", "category", None),
    ("units sold by category", "units_sold", "category", None),
    ("今年各品类销量", "units_sold", "category", "thisyear"),
    ("units sold per category this year", "units_sold", "category", "thisyear"),
    ("各支付状态的订单数", "order_count", "payment_status", None),
    ("order count by payment status", "order_count", "payment_status", None),
    ("按订单状态统计订单量", "order_count", "order_status", None),
    ("orders by order status", "order_count", "order_status", None),
    ("各促销活动的GMV", "gmv", "promotion", None),
    ("GMV by promotion", "gmv", "promotion", None),
    ("按目的国统计订单数", "order_count", "country", None),
    ("orders by destination country", "order_count", "country", None),
    ("各退货原因的退货数", "return_count", "reason", None),
    ("returns by reason", "return_count", "reason", None),
    ("按退货原因统计最近30天退货量", "return_count", "reason", "last30"),
    ("return count by return reason in the last 30 days", "return_count", "reason", "last30"),
    ("各品牌的商品销售额", "line_sales", "brand", None),
    ("product sales by brand", "line_sales", "brand", None),
    ("各渠道客单价", "aov", "channel", None),
    ("average order value by channel", "aov", "channel", None),
    ("上个月各渠道实付金额", "paid_amount", "channel", "lastmonth"),
    ("paid amount per channel last month", "paid_amount", "channel", "lastmonth"),
    ("按品类统计退款金额", "refund_amount", "category", None),
    ("refund amount by category", "refund_amount", "category", None),
    ("各退货状态的退货数", "return_count", "return_status", None),
    ("returns by return status", "return_count", "return_status", None),
    ("按发票类型统计GMV", "gmv", "invoice", None),
    ("GMV by invoice type", "gmv", "invoice", None),
    ("每个渠道的优惠金额", "discount_amount", "channel", None),
    ("discounts for each channel", "discount_amount", "channel", None),
    ("各大区订单数", "order_count", "region", None),
    ("order count per sales region", "order_count", "region", None),
    ("本季度各渠道销量", "units_sold", "channel", "thisq"),
    ("units sold by channel this quarter", "units_sold", "channel", "thisq"),
    ("各渠道的退货件数", "returned_units", "channel", None),
    ("returned units by channel", "returned_units", "channel", None),
]:
    add(q, sql([m], group=[g], time=t))

# ---- C. filters -------------------------------------------------------------------------------
for q, m, w, t in [
    ("京东的GMV", "gmv", ["o.channel = 'jd'"], None),
    ("GMV on JD", "gmv", ["o.channel = 'jd'"], None),
    ("天猫上个月的订单数", "order_count", ["o.channel = 'tmall'"], "lastmonth"),
    ("Tmall orders last month", "order_count", ["o.channel = 'tmall'"], "lastmonth"),
    ("淘宝今年的销售额", "gmv", ["o.channel = 'taobao'"], "thisyear"),
    ("Taobao revenue this year", "net_revenue", ["o.channel = 'taobao'"], "thisyear"),
    ("小程序的客单价", "aov", ["o.channel = 'miniprogram'"], None),
    ("average order value on the mini program", "aov", ["o.channel = 'miniprogram'"], None),
    ("门店订单数", "order_count", ["o.channel = 'pos'"], None),
    ("how many POS orders", "order_count", ["o.channel = 'pos'"], None),
    ("VIP客户的GMV", "gmv", ["c.tier = 'VIP'"], None),
    ("GMV from VIP customers", "gmv", ["c.tier = 'VIP'"], None),
    ("金牌客户最近30天的订单数", "order_count", ["c.tier = 'gold'"], "last30"),
    ("gold customers orders in the last 30 days", "order_count", ["c.tier = 'gold'"], "last30"),
    ("华东地区的GMV", "gmv", ["c.region = '华东'"], None),
    ("GMV in the East China customer region", "gmv", ["c.region = '华东'"], None),
    ("美妆品类的销量", "units_sold", ["s.category = '美妆'"], None),
    ("units sold of beauty", "units_sold", ["s.category = '美妆'"], None),
    ("母婴今年的商品销售额", "line_sales", ["s.category = '母婴'"], "thisyear"),
    ("baby product sales this year", "line_sales", ["s.category = '母婴'"], "thisyear"),
    ("已取消订单数量", "order_count", ["o.order_status = 'cancelled'"], None),
    (
        "how many cancelled orders last month",
        "order_count",
        ["o.order_status = 'cancelled'"],
        "lastmonth",
    ),
    ("待发货的订单有多少", "order_count", ["o.order_status = 'awaiting_shipment'"], None),
    ("orders awaiting shipment", "order_count", ["o.order_status = 'awaiting_shipment'"], None),
    ("部分支付的订单数", "order_count", ["o.payment_status = 'partial_paid'"], None),
    ("number of partially paid orders", "order_count", ["o.payment_status = 'partial_paid'"], None),
    ("已退款订单的实付金额", "paid_amount", ["o.payment_status = 'refunded'"], None),
    ("paid amount of refunded orders", "paid_amount", ["o.payment_status = 'refunded'"], None),
    ("双十一的GMV", "gmv", ["o.promotion = '双11'"], None),
    ("GMV during singles day", "gmv", ["o.promotion = '双11'"], None),
    ("618大促的订单数", "order_count", ["o.promotion = '618'"], None),
    ("orders in the 618 promotion", "order_count", ["o.promotion = '618'"], None),
    ("发往德国的订单数", "order_count", ["o.destination_country = 'DE'"], None),
    ("German orders count", "order_count", ["o.destination_country = 'DE'"], None),
    ("美国订单今年的GMV", "gmv", ["o.destination_country = 'US'"], "thisyear"),
    ("GMV of USA orders this year", "gmv", ["o.destination_country = 'US'"], "thisyear"),
    ("B2B客户的订单数", "order_count", ["c.is_b2b"], None),
    ("order count of B2B customers", "order_count", ["c.is_b2b"], None),
    ("企业客户今年GMV", "gmv", ["c.is_b2b"], "thisyear"),
    ("business customers GMV this year", "gmv", ["c.is_b2b"], "thisyear"),
    ("现货订单的GMV", "gmv", ["NOT o.is_presale"], None),
    ("质量问题导致的退货数", "return_count", ["r.reason = '质量问题'"], None),
    ("returns due to quality issues", "return_count", ["r.reason = '质量问题'"], None),
    ("专票订单的GMV", "gmv", ["o.invoice_type = '专票'"], None),
    ("GMV with special VAT invoice", "gmv", ["o.invoice_type = '专票'"], None),
    ("京东VIP客户的销售额", "gmv", ["o.channel = 'jd'", "c.tier = 'VIP'"], None),
    (
        "JD revenue from VIP customers last month",
        "net_revenue",
        ["o.channel = 'jd'", "c.tier = 'VIP'"],
        "lastmonth",
    ),
    ("天猫美妆的销量", "units_sold", ["o.channel = 'tmall'", "s.category = '美妆'"], None),
    (
        "units sold of cosmetics on Tmall this year",
        "units_sold",
        ["o.channel = 'tmall'", "s.category = '美妆'"],
        "thisyear",
    ),
    ("京东的退款金额", "refund_amount", ["o.channel = 'jd'"], None),
    ("refund amount for JD", "refund_amount", ["o.channel = 'jd'"], None),
]:
    add(q, sql([m], where=w, time=t))

# ---- C2. filters + group --------------------------------------------------------------------
for q, m, g, w, t in [
    ("京东各品类的销量", "units_sold", "category", ["o.channel = 'jd'"], None),
    ("units sold by category on JD", "units_sold", "category", ["o.channel = 'jd'"], None),
    ("VIP客户各渠道的GMV", "gmv", "channel", ["c.tier = 'VIP'"], None),
    ("GMV by channel for VIP customers", "gmv", "channel", ["c.tier = 'VIP'"], None),
    ("今年华东地区各渠道订单数", "order_count", "channel", ["c.region = '华东'"], "thisyear"),
    (
        "orders by channel in the East China region this year",
        "order_count",
        "channel",
        ["c.region = '华东'"],
        "thisyear",
    ),
    ("美妆各渠道退货数", "return_count", "channel", ["s.category = '美妆'"], None),
    ("beauty returns by channel", "return_count", "channel", ["s.category = '美妆'"], None),
    ("已取消订单按渠道", "order_count", "channel", ["o.order_status = 'cancelled'"], None),
    (
        "cancelled orders count by channel",
        "order_count",
        "channel",
        ["o.order_status = 'cancelled'"],
        None,
    ),
    ("天猫各客户等级的客单价", "aov", "tier", ["o.channel = 'tmall'"], None),
    ("average order value by tier on Tmall", "aov", "tier", ["o.channel = 'tmall'"], None),
]:
    add(q, sql([m], group=[g], where=w, time=t))

# ---- C3. negation and lists ---------------------------------------------------------------------
for q, m, w, g, t in [
    ("除京东外的GMV", "gmv", ["o.channel <> 'jd'"], None, None),
    ("GMV excluding JD", "gmv", ["o.channel <> 'jd'"], None, None),
    ("非VIP客户的订单数", "order_count", ["c.tier <> 'VIP'"], None, None),
    ("orders from non-VIP customers", "order_count", ["c.tier <> 'VIP'"], None, None),
    ("京东和天猫的GMV", "gmv", ["o.channel IN ('jd', 'tmall')"], None, None),
    ("GMV of JD and Tmall", "gmv", ["o.channel IN ('jd', 'tmall')"], None, None),
    (
        "京东或天猫上个月的订单数",
        "order_count",
        ["o.channel IN ('jd', 'tmall')"],
        None,
        "lastmonth",
    ),
    (
        "orders on JD or Taobao last month",
        "order_count",
        ["o.channel IN ('jd', 'taobao')"],
        None,
        "lastmonth",
    ),
    ("对比京东和天猫的GMV", "gmv", ["o.channel IN ('jd', 'tmall')"], ["channel"], None),
    ("compare GMV of JD vs Tmall", "gmv", ["o.channel IN ('jd', 'tmall')"], ["channel"], None),
    ("除美妆以外各品类销量", "units_sold", ["s.category <> '美妆'"], ["category"], None),
    (
        "units sold by category excluding beauty",
        "units_sold",
        ["s.category <> '美妆'"],
        ["category"],
        None,
    ),
    ("VIP和金牌客户的GMV", "gmv", ["c.tier IN ('VIP', 'gold')"], None, None),
    (
        "GMV of VIP and gold customers this year",
        "gmv",
        ["c.tier IN ('VIP', 'gold')"],
        None,
        "thisyear",
    ),
]:
    add(q, sql([m], group=g, where=w, time=t))

# ---- D. time grains ---------------------------------------------------------------------------
for q, m, grain, t, w in [
    ("按月统计GMV", "gmv", "month", None, None),
    ("GMV by month", "gmv", "month", None, None),
    ("今年每月的订单数", "order_count", "month", "thisyear", None),
    ("monthly orders this year", "order_count", "month", "thisyear", None),
    ("最近30天每天的GMV", "gmv", "day", "last30", None),
    ("daily GMV in the last 30 days", "gmv", "day", "last30", None),
    ("最近30天按周统计订单数", "order_count", "week", "last30", None),
    ("weekly orders over the last 30 days", "order_count", "week", "last30", None),
    ("按季度统计销量", "units_sold", "quarter", None, None),
    ("units sold by quarter", "units_sold", "quarter", None, None),
    ("每年的GMV", "gmv", "year", None, None),
    ("GMV per year", "gmv", "year", None, None),
    ("京东今年每月销售额", "gmv", "month", "thisyear", ["o.channel = 'jd'"]),
    ("JD monthly revenue this year", "net_revenue", "month", "thisyear", ["o.channel = 'jd'"]),
    ("去年每月退货数", "return_count", "month", "lastyear", None),
    ("returns per month in 2025", "return_count", "month", "lastyear", None),
    ("上个月每天的订单数", "order_count", "day", "lastmonth", None),
    ("orders per day last month", "order_count", "day", "lastmonth", None),
    ("今年每月客单价", "aov", "month", "thisyear", None),
    ("average order value by month this year", "aov", "month", "thisyear", None),
    ("VIP客户每季度的GMV", "gmv", "quarter", None, ["c.tier = 'VIP'"]),
    ("quarterly GMV of VIP customers", "gmv", "quarter", None, ["c.tier = 'VIP'"]),
    ("最近7天每天的买家数", "buyers", "day", "last7", None),
    ("daily buyers in the last 7 days", "buyers", "day", "last7", None),
]:
    add(q, sql([m], group=[f"grain:{grain}"], where=w, time=t))
for q, m, grain, g, t in [
    ("今年每月各渠道GMV", "gmv", "month", "channel", "thisyear"),
    ("GMV by channel and month this year", "gmv", "month", "channel", "thisyear"),
    ("按月和品类统计销量", "units_sold", "month", "category", "thisyear"),
]:
    cols = [f"grain:{grain}", g] if not q.startswith("GMV by channel") else [g, f"grain:{grain}"]
    add(q, sql([m], group=cols, time=t))
Q[-1]["question"] = "今年按月和品类统计销量"

# ---- E. top / bottom N --------------------------------------------------------------------------
for q, m, g, desc, n, t, w in [
    ("销量最高的3个渠道", "units_sold", "channel", True, 3, None, None),
    ("top 3 channels by units sold", "units_sold", "channel", True, 3, None, None),
    ("商品销售额前十的SKU", "line_sales", "sku", True, 10, None, None),
    ("top 5 SKUs by product sales", "line_sales", "sku", True, 5, None, None),
    ("商品销售额最高的5个SKU", "line_sales", "sku", True, 5, None, None),
    ("销量前三的品类", "units_sold", "category", True, 3, None, None),
    (
        "top 3 categories by units sold last month",
        "units_sold",
        "category",
        True,
        3,
        "lastmonth",
        None,
    ),
    ("GMV最高的渠道", "gmv", "channel", True, 1, None, None),
    ("which channel has the highest GMV", "gmv", "channel", True, 1, None, None),
    ("订单最多的地区", "order_count", "region", True, 1, None, None),
    ("which region has the most orders", "order_count", "region", True, 1, None, None),
    ("GMV最低的两个渠道", "gmv", "channel", False, 2, None, None),
    ("the 2 channels with the lowest GMV", "gmv", "channel", False, 2, None, None),
    ("bottom 3 categories by units sold", "units_sold", "category", False, 3, None, None),
    ("销量最少的3个品类", "units_sold", "category", False, 3, None, None),
    ("最近30天销量最高的5个SKU", "units_sold", "sku", True, 5, "last30", None),
    ("top 5 SKUs by units sold in the last 30 days", "units_sold", "sku", True, 5, "last30", None),
    ("今年GMV前三的客户等级", "gmv", "tier", True, 3, "thisyear", None),
    ("top 3 customer tiers by GMV this year", "gmv", "tier", True, 3, "thisyear", None),
    ("京东销量前5的SKU", "units_sold", "sku", True, 5, None, ["o.channel = 'jd'"]),
    ("top 5 SKUs by units sold on JD", "units_sold", "sku", True, 5, None, ["o.channel = 'jd'"]),
    ("退货数最多的品类", "return_count", "category", True, 1, None, None),
    ("which category has the most returns", "return_count", "category", True, 1, None, None),
    ("top 10 customers by GMV", "gmv", "customer", True, 10, None, None),
    ("GMV前十的客户", "gmv", "customer", True, 10, None, None),
    ("买家数最多的3个地区", "buyers", "region", True, 3, None, None),
    ("top 3 regions by buyers", "buyers", "region", True, 3, None, None),
    ("实付金额最高的两个国家", "paid_amount", "country", True, 2, None, None),
    ("上个月订单最多的渠道", "order_count", "channel", True, 1, "lastmonth", None),
    (
        "which channel had the most orders last month",
        "order_count",
        "channel",
        True,
        1,
        "lastmonth",
        None,
    ),
]:
    if g == "customer":
        gold = (
            f"SELECT o.customer_id, {OM[m]} AS {m} FROM orders o"
            f" GROUP BY 1 ORDER BY {m} DESC LIMIT {n}"
        )
        add(q, gold)
        continue
    add(q, sql([m], group=[g], where=w, time=t, top=(m, desc, n)))

# ---- F. thresholds (HAVING) ----------------------------------------------------------------------
for q, m, g, h, t in [
    ("GMV超过100万的渠道", "gmv", "channel", "gmv > 1000000", None),
    ("channels with GMV above 1000000", "gmv", "channel", "gmv > 1000000", None),
    ("订单数不低于500的地区", "order_count", "region", "order_count >= 500", None),
    ("regions with at least 500 orders", "order_count", "region", "order_count >= 500", None),
    ("客单价高于2000的渠道", "aov", "channel", "aov > 2000", None),
    ("channels whose average order value is above 2000", "aov", "channel", "aov > 2000", None),
    ("销量少于1000的品类", "units_sold", "category", "units_sold < 1000", None),
    ("categories with units sold below 1000", "units_sold", "category", "units_sold < 1000", None),
    ("退货数超过50的品类", "return_count", "category", "return_count > 50", None),
    ("categories with more than 50 returns", "return_count", "category", "return_count > 50", None),
    ("今年GMV不超过50万的渠道", "gmv", "channel", "gmv <= 500000", "thisyear"),
    (
        "channels with GMV of at most 500000 this year",
        "gmv",
        "channel",
        "gmv <= 500000",
        "thisyear",
    ),
    ("买家数至少100的地区", "buyers", "region", "buyers >= 100", None),
    ("regions with no fewer than 100 buyers", "buyers", "region", "buyers >= 100", None),
    ("销量在2000以上的SKU", "units_sold", "sku", "units_sold >= 2000", None),
    ("SKUs with 200 or more units sold", "units_sold", "sku", "units_sold >= 200", None),
]:
    add(q, sql([m], group=[g], time=t, having=[h]))
for q, key, t, h in [
    ("退货率超过15%的SKU", "sku", None, "rr > 0.15"),
    ("SKUs whose return rate is above 15%", "sku", None, "rr > 0.15"),
    ("最近30天退货率大于20%的SKU", "sku", "last30", "rr > 0.2"),
    ("SKUs with a return rate over 20% in the last 30 days", "sku", "last30", "rr > 0.2"),
    ("退货率不低于10%的品类", "category", None, "rr >= 0.1"),
    ("categories with return rate of at least 10%", "category", None, "rr >= 0.1"),
    ("今年退货率低于5%的渠道", "channel", "thisyear", "rr < 0.05"),
    ("channels whose return rate is below 5% this year", "channel", "thisyear", "rr < 0.05"),
    ("退货率高于百分之十的渠道", "channel", None, "rr > 0.1"),
]:
    add(q, return_rate_sql(key, t, h))
add("各品类退货率", return_rate_sql("category", None))
add("return rate by category", return_rate_sql("category", None))
add("上个月各渠道的退货率", return_rate_sql("channel", "lastmonth"))
add("return rate per channel last month", return_rate_sql("channel", "lastmonth"))

# ---- H. several metrics ----------------------------------------------------------------------------
for q, ms, g, t in [
    ("各渠道的GMV和订单数", ["gmv", "order_count"], "channel", None),
    ("GMV and orders by channel", ["gmv", "order_count"], "channel", None),
    ("上个月GMV、订单数和客单价", ["gmv", "order_count", "aov"], None, "lastmonth"),
    ("GMV, orders and AOV last month", ["gmv", "order_count", "aov"], None, "lastmonth"),
    ("各地区的买家数和订单数", ["buyers", "order_count"], "region", None),
    ("buyers and orders per region", ["buyers", "order_count"], "region", None),
    ("今年实付金额和优惠金额", ["paid_amount", "discount_amount"], None, "thisyear"),
    ("paid amount and discounts this year", ["paid_amount", "discount_amount"], None, "thisyear"),
    ("各品类的销量和商品销售额", ["units_sold", "line_sales"], "category", None),
    ("units sold and product sales by category", ["units_sold", "line_sales"], "category", None),
]:
    add(q, sql(ms, group=[g] if g else None, time=t))

# ---- J. typing habits: typos, spacing, full-width, numerals -------------------------------------
for q, gold in [
    ("GMV by chanel", sql(["gmv"], group=["channel"])),
    ("revenu by channel last month", sql(["net_revenue"], group=["channel"], time="lastmonth")),
    ("ordres by region", sql(["order_count"], group=["region"])),
    ("units sold by categroy", sql(["units_sold"], group=["category"])),
    ("ＧＭＶ　按渠道", sql(["gmv"], group=["channel"])),
    ("  gmv   BY   Channel  ", sql(["gmv"], group=["channel"])),
    ("最近三十天的订单数", sql(["order_count"], time="last30")),
    ("销量前十的SKU", sql(["units_sold"], group=["sku"], top=("units_sold", True, 10))),
    (
        "GMV排名前五的客户",
        "SELECT o.customer_id, SUM(o.goods_amount) AS gmv FROM orders o GROUP BY 1 ORDER BY gmv DESC LIMIT 5",
    ),
    (
        "订单数最少的两个渠道",
        sql(["order_count"], group=["channel"], top=("order_count", False, 2)),
    ),
    ("gmv?", sql(["gmv"])),
    ("京东的 GMV 是多少？", sql(["gmv"], where=["o.channel = 'jd'"])),
    ("show me GMV by channel please", sql(["gmv"], group=["channel"])),
    ("帮我查一下上个月的订单数", sql(["order_count"], time="lastmonth")),
    ("请问今年VIP客户的客单价是多少", sql(["aov"], where=["c.tier = 'VIP'"], time="thisyear")),
]:
    add(q, gold)

# ---- must refuse -----------------------------------------------------------------------------------
for q in [
    "按颜色统计GMV",
    "GMV by color",
    "天气怎么样",
    "what's the weather today",
    "利润是多少",
    "profit by channel",
    "毛利率最高的品类",
    "gross margin by category",
    "转化率",
    "conversion rate by channel",
    "员工人数",
    "how many employees do we have",
    "抖音渠道的GMV",
    "GMV on Amazon",
    "按性别统计买家数",
    "buyers by gender",
    "预测下个月的GMV",
    "forecast GMV for next month",
    "为什么GMV下降了",
    "why did sales drop",
    "平均GMV",
    "GMV > 15%",
    "退货率>15%或复购率<5%的SKU",
    "top 5",
    "DROP TABLE orders",
    "'; DELETE FROM orders; --",
    "你好",
    "tell me a joke",
    "GMV同比增长",
    "year over year GMV growth by channel",
    "网站访问量",
    "website traffic last month",
    "客户满意度评分",
    "NPS by region",
    "广告投放ROI",
]:
    refuse(q)


if __name__ == "__main__":
    out = Path(__file__).with_name("orders_eval.yaml")
    doc = {"today": TODAY, "model": "builtin", "questions": Q}
    out.write_text(
        yaml.safe_dump(doc, allow_unicode=True, sort_keys=False, width=120), encoding="utf-8"
    )
    n_ref = sum(1 for q in Q if q.get("refuse"))
    print(f"{out}: {len(Q) - n_ref} answerable + {n_ref} must-refuse")
