"""Wrong-answer hunt (session 6): probes where a plausible but wrong reading exists.

Why: the frozen test halves still hold wrong answers nobody may see, and fresh public projects
showed two more classes (a year read on the wrong time axis, an identifier grouped through the
wrong path). These probes were written, with their gold SQL, before the engine was run on them,
in our own wording, one group per trap:

- role-playing entities and dates (bill-to vs ship-to customer, origin vs destination airport,
  sold vs shipped, customer country vs destination country, paid vs created);
- identifiers as a filter against a group-by (a listing, a tail number, a flight number) and a
  number that is also a small-integer value (capacity 10, 4 engines, hour 18, top 4);
- a value matching several dimensions or a partial name matching several values (Portland,
  Chicago, Washington; Men inside Women; large inside extra large; refunded inside
  partially_refunded; Quick Buy inside Not Quick Buy; 618 as a promotion);
- negation and exclusion, thresholds and units, shares, "vs", rankings with NULL keys,
  cumulative against period totals, and a context that is unreachable (then only a refusal is
  right).

A probe without gold must be refused; one with gold is right or refused, never wrong. The
scorer is the held-out runner's. None of them is a question of an evaluation set.
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

_IN = "{col} >= DATE '{a}' AND {col} < DATE '{b}'"


def _between(col: str, a: str, b: str) -> str:
    return _IN.format(col=col, a=a, b=b)


def _year(col: str, year: int) -> str:
    return _between(col, f"{year}-01-01", f"{year + 1}-01-01")


# -- nycflights13 -----------------------------------------------------------------------------
_DEST = "LEFT JOIN airports a ON f.dest = a.faa"
_ORIG = "LEFT JOIN airports a ON f.origin = a.faa"
_PLANE = "LEFT JOIN planes p ON f.tailnum = p.tailnum"
_AIRLINE = "LEFT JOIN airlines l ON f.carrier = l.carrier"
_DEC = _between("flight_date", "2013-12-01", "2014-01-01")
_JUL_W = _between("observation_date", "2013-07-01", "2013-08-01")
_CHICAGO = f"SELECT COUNT(*) FROM flights f {_DEST} WHERE a.name LIKE '%Chicago%'"
_PORTLAND = f"SELECT COUNT(*) FROM flights f {_DEST} WHERE a.name LIKE 'Portland%'"
_UA_MONTH = (
    "SELECT DATE_TRUNC('month', flight_date), AVG(arr_delay) FROM flights WHERE carrier = 'UA' "
    "GROUP BY 1",
    "SELECT month, AVG(arr_delay) FROM flights WHERE carrier = 'UA' GROUP BY 1",
)
_TOP4_DEST = (
    "SELECT dest, COUNT(*) AS n FROM flights GROUP BY 1 ORDER BY n DESC LIMIT 4",
    f"SELECT a.name, COUNT(*) AS n FROM flights f {_DEST} GROUP BY 1 ORDER BY n DESC LIMIT 4",
)
_Q1 = f"SELECT COUNT(*) FROM flights WHERE {_between('flight_date', '2013-01-01', '2013-04-01')}"
_UA_SHARE = "SELECT SUM(CASE WHEN carrier = 'UA' THEN 1 ELSE 0 END) * 1.0 / COUNT(*) FROM flights"
_TOP_MAKER = (
    f"SELECT p.manufacturer FROM flights f {_PLANE} WHERE p.manufacturer IS NOT NULL "
    "GROUP BY 1 ORDER BY COUNT(*) DESC LIMIT 1"
)
_WORST_AIRLINE = (
    "SELECT carrier FROM flights GROUP BY 1 ORDER BY AVG(arr_delay) DESC LIMIT 1",
    f"SELECT l.name FROM flights f {_AIRLINE} GROUP BY 1 ORDER BY AVG(f.arr_delay) DESC LIMIT 1",
)
_JFK_JULY_TEMP = f"SELECT AVG(temp) FROM weather WHERE origin = 'JFK' AND {_JUL_W}"
_EWR_LATE_RATE = (
    "SELECT SUM(CASE WHEN dep_delay > 15 THEN 1 ELSE 0 END) * 1.0 / COUNT(*) FROM flights "
    "WHERE origin = 'EWR'"
)

FLIGHTS = [
    # origin vs destination: one airports table, two roles
    _p(
        "flights by destination airport name",
        f"SELECT a.name, COUNT(*) FROM flights f {_DEST} GROUP BY 1",
    ),
    _p("按目的地机场名称统计航班数", f"SELECT a.name, COUNT(*) FROM flights f {_DEST} GROUP BY 1"),
    _p(
        "flights by origin airport name",
        f"SELECT a.name, COUNT(*) FROM flights f {_ORIG} GROUP BY 1",
    ),
    _p("各出发机场名称的航班数", f"SELECT a.name, COUNT(*) FROM flights f {_ORIG} GROUP BY 1"),
    # a partial name matching several airports (and a time zone)
    _p("flights to Chicago airports", _CHICAGO),
    _p("飞往芝加哥的航班数", _CHICAGO),
    _p("flights to Portland", _PORTLAND),
    _p("飞往Portland的航班数", _PORTLAND),
    _p(
        "flights to Washington airports",
        f"SELECT COUNT(*) FROM flights f {_DEST} WHERE a.name LIKE '%Washington%'",
    ),
    _p(
        "flights to airports in the America/Chicago time zone",
        f"SELECT COUNT(*) FROM flights f {_DEST} WHERE a.tzone = 'America/Chicago'",
    ),
    _p(
        "目的地时区为America/Chicago的航班数",
        f"SELECT COUNT(*) FROM flights f {_DEST} WHERE a.tzone = 'America/Chicago'",
    ),
    # airline names: a code that is a word, a partial name
    _p("flights by US Airways", "SELECT COUNT(*) FROM flights WHERE carrier = 'US'"),
    _p("US Airways的航班数", "SELECT COUNT(*) FROM flights WHERE carrier = 'US'"),
    _p("American Airlines flights", "SELECT COUNT(*) FROM flights WHERE carrier = 'AA'"),
    _p("美国航空的航班数", "SELECT COUNT(*) FROM flights WHERE carrier = 'AA'"),
    _p(
        "Delta flights in December", f"SELECT COUNT(*) FROM flights WHERE carrier = 'DL' AND {_DEC}"
    ),
    _p("达美航空12月的航班数", f"SELECT COUNT(*) FROM flights WHERE carrier = 'DL' AND {_DEC}"),
    _p("average arrival delay of United flights by month", *_UA_MONTH),
    _p("联合航空每月的平均到达延误", *_UA_MONTH),
    # numbers that are also small-integer values
    _p(
        "flights with scheduled departure hour 18",
        "SELECT COUNT(*) FROM flights WHERE hour = 18",
    ),
    _p("计划起飞小时为18的航班数", "SELECT COUNT(*) FROM flights WHERE hour = 18"),
    _p(
        "flights on planes with 4 engines",
        f"SELECT COUNT(*) FROM flights f {_PLANE} WHERE p.engines = 4",
    ),
    _p("4个引擎的飞机执飞的航班数", f"SELECT COUNT(*) FROM flights f {_PLANE} WHERE p.engines = 4"),
    _p("top 4 destinations by flights", *_TOP4_DEST, ordered=True),
    _p("航班数前四的目的地", *_TOP4_DEST, ordered=True),
    _p(
        "flights with a distance of more than 1,000 miles",
        "SELECT COUNT(*) FROM flights WHERE distance > 1000",
    ),
    _p("距离超过一千五百英里的航班数", "SELECT COUNT(*) FROM flights WHERE distance > 1500"),
    _p("flights in the first quarter", _Q1),
    _p("第一季度的航班数", _Q1),
    # a year that belongs to the plane, not to the flights
    _p(
        "flights on planes built in 2004",
        f"SELECT COUNT(*) FROM flights f {_PLANE} WHERE p.year = 2004",
    ),
    _p(
        "2004年制造的飞机执飞的航班数",
        f"SELECT COUNT(*) FROM flights f {_PLANE} WHERE p.year = 2004",
    ),
    # negation and exclusion
    _p("flights not from JFK", "SELECT COUNT(*) FROM flights WHERE origin <> 'JFK'"),
    _p("除了JFK以外出发的航班数", "SELECT COUNT(*) FROM flights WHERE origin <> 'JFK'"),
    _p(
        "flights excluding cancelled ones",
        "SELECT COUNT(*) FROM flights WHERE dep_time IS NOT NULL",
    ),
    _p("不含取消航班的航班数", "SELECT COUNT(*) FROM flights WHERE dep_time IS NOT NULL"),
    # a direction the model has no word for (negative delay)
    _p("flights that arrived early", "SELECT COUNT(*) FROM flights WHERE arr_delay < 0"),
    _p("提前到达的航班数", "SELECT COUNT(*) FROM flights WHERE arr_delay < 0"),
    # thresholds and units
    _p(
        "average departure delay of flights delayed over 1 hour",
        "SELECT AVG(dep_delay) FROM flights WHERE dep_delay > 60",
    ),
    _p("起飞延误超过90分钟的航班数", "SELECT COUNT(*) FROM flights WHERE dep_delay > 90"),
    _p("total distance in kilometers", "SELECT SUM(distance) * 1.609344 FROM flights"),
    _p("以公里计的总飞行距离", "SELECT SUM(distance) * 1.609344 FROM flights"),
    _p("total air time in hours", "SELECT SUM(air_time) / 60.0 FROM flights"),
    # shares
    _p("share of flights operated by United", _UA_SHARE),
    _p("美联航的航班占比", _UA_SHARE),
    _p("EWR出发航班的晚点起飞率", _EWR_LATE_RATE),
    # the weather table: another time axis, the origin role only
    _p("average temperature at JFK in July", _JFK_JULY_TEMP),
    _p("7月JFK的平均气温", _JFK_JULY_TEMP),
    _p(
        "average temperature by origin airport",
        "SELECT origin, AVG(temp) FROM weather GROUP BY 1",
        "SELECT a.name, AVG(w.temp) FROM weather w LEFT JOIN airports a ON w.origin = a.faa "
        "GROUP BY 1",
    ),
    _p(
        "LGA 2013年的总降水量",
        f"SELECT SUM(precip) FROM weather WHERE origin = 'LGA' AND "
        f"{_year('observation_date', 2013)}",
    ),
    # rankings: a NULL key never wins
    _p("plane manufacturer with the most flights", _TOP_MAKER),
    _p("执飞航班最多的飞机制造商", _TOP_MAKER),
    _p("airline with the highest average arrival delay", *_WORST_AIRLINE),
    _p("平均到达延误最高的航空公司", *_WORST_AIRLINE),
    # identifiers as filters
    _p("flights of plane N14228", "SELECT COUNT(*) FROM flights WHERE tailnum = 'N14228'"),
    _p("N14228号飞机的航班数", "SELECT COUNT(*) FROM flights WHERE tailnum = 'N14228'"),
    _p("flights with flight number 1545", "SELECT COUNT(*) FROM flights WHERE flight = 1545"),
    _p("航班号为1545的航班数", "SELECT COUNT(*) FROM flights WHERE flight = 1545"),
]

# -- TPC-DS -------------------------------------------------------------------------------------
_BILL = "LEFT JOIN customers c ON s.bill_customer_sk = c.customer_sk"
_SHIP = "LEFT JOIN customers c ON s.ship_customer_sk = c.customer_sk"
_RCUST = "LEFT JOIN customers c ON r.returning_customer_sk = c.customer_sk"
_ITEM = "LEFT JOIN items i ON s.item_sk = i.item_sk"
_RITEM = "LEFT JOIN items i ON r.item_sk = i.item_sk"
_MODE = "LEFT JOIN ship_modes m ON s.ship_mode_sk = m.ship_mode_sk"
_REASON = "LEFT JOIN return_reasons rr ON r.reason_sk = rr.reason_sk"
_KEY = "channel || '-' || CAST(order_number AS VARCHAR)"
_SALES = "SELECT SUM(s.sales_amount) FROM sales s"
_RSUM = "FROM sales_returns r"
_SHIP02 = f"SELECT SUM(sales_amount) FROM sales WHERE {_year('ship_date', 2002)}"
_SHIP_JAN = (
    f"SELECT COUNT(DISTINCT {_KEY}) FROM sales WHERE "
    f"{_between('ship_date', '2002-01-01', '2002-02-01')}"
)
_PREFERRED = (
    f"{_SALES} {_BILL} WHERE c.preferred_customer = 'Y'",
    f"{_SALES} {_SHIP} WHERE c.preferred_customer = 'Y'",
)
_NOT_PREFERRED = (
    f"{_SALES} {_BILL} WHERE c.preferred_customer = 'N'",
    f"{_SALES} {_BILL} WHERE c.preferred_customer IS DISTINCT FROM 'Y'",
    f"{_SALES} {_BILL} WHERE c.preferred_customer <> 'Y'",
)
_TOP_BRANDS = (
    f"SELECT i.brand FROM sales s {_ITEM} WHERE i.brand IS NOT NULL GROUP BY 1 "
    "ORDER BY SUM(s.sales_amount) DESC LIMIT 5"
)
_TOP_RETURN_CATEGORIES = (
    f"SELECT i.category {_RSUM} {_RITEM} WHERE i.category IS NOT NULL GROUP BY 1 "
    "ORDER BY COUNT(*) DESC LIMIT 3"
)
_AOV_CHANNEL = f"SELECT channel, SUM(sales_amount) / COUNT(DISTINCT {_KEY}) FROM sales GROUP BY 1"
_WEB_MARGIN = (
    "SELECT SUM(net_profit) / SUM(sales_amount) FROM sales WHERE channel = 'web' AND "
    f"{_year('sold_date', 2002)}"
)
_YEARS = (
    "SELECT DATE_TRUNC('year', sold_date), SUM(sales_amount) FROM sales WHERE "
    f"{_between('sold_date', '2001-01-01', '2003-01-01')} GROUP BY 1"
)
_BOOKS_BUYERS = (
    f"SELECT COUNT(DISTINCT s.bill_customer_sk) FROM sales s {_ITEM} WHERE i.category = 'Books'"
)
_NOT_MUSIC = (
    f"{_SALES} {_ITEM} WHERE i.category <> 'Music'",
    f"{_SALES} {_ITEM} WHERE i.category IS DISTINCT FROM 'Music'",
)
_BY_MODE_TYPE = (
    f"SELECT m.ship_mode_type, SUM(s.sales_amount) FROM sales s {_MODE} GROUP BY 1",
    f"SELECT m.ship_mode_type, SUM(s.sales_amount) FROM sales s {_MODE} "
    "WHERE m.ship_mode_type IS NOT NULL GROUP BY 1",
)

TPCDS = [
    # bill-to, ship-to and returning customer: one customers table, three roles
    _p(
        "sales by bill-to customer state",
        f"SELECT c.state, SUM(s.sales_amount) FROM sales s {_BILL} GROUP BY 1",
    ),
    _p(
        "按账单客户所在州统计销售额",
        f"SELECT c.state, SUM(s.sales_amount) FROM sales s {_BILL} GROUP BY 1",
    ),
    _p(
        "sales by ship-to customer state",
        f"SELECT c.state, SUM(s.sales_amount) FROM sales s {_SHIP} GROUP BY 1",
    ),
    _p(
        "按收货客户所在州统计销售额",
        f"SELECT c.state, SUM(s.sales_amount) FROM sales s {_SHIP} GROUP BY 1",
    ),
    _p(
        "return amount by returning customer state",
        f"SELECT c.state, SUM(r.return_amount) {_RSUM} {_RCUST} GROUP BY 1",
    ),
    _p(
        "按退货客户所在州统计退货金额",
        f"SELECT c.state, SUM(r.return_amount) {_RSUM} {_RCUST} GROUP BY 1",
    ),
    _p(
        "sales shipped to TX customers by UPS",
        f"{_SALES} {_SHIP} {_MODE} WHERE c.state = 'TX' AND m.carrier = 'UPS'",
    ),
    # sold vs shipped
    _p("sales shipped in 2002", _SHIP02),
    _p("2002年发货的销售额", _SHIP02),
    _p("orders shipped in January 2002", _SHIP_JAN),
    _p("2002年1月发货的订单数", _SHIP_JAN),
    # a value inside another value
    _p("sales of Men items", f"{_SALES} {_ITEM} WHERE i.category = 'Men'"),
    _p("Men品类的销售额", f"{_SALES} {_ITEM} WHERE i.category = 'Men'"),
    _p("sales of large items", f"{_SALES} {_ITEM} WHERE i.size = 'large'"),
    _p("large尺码商品的销售额", f"{_SALES} {_ITEM} WHERE i.size = 'large'"),
    _p(
        "Women品类的退货金额",
        f"SELECT SUM(r.return_amount) {_RSUM} {_RITEM} WHERE i.category = 'Women'",
    ),
    _p(
        "quantity sold of pop items",
        f"SELECT SUM(s.quantity) FROM sales s {_ITEM} WHERE i.class = 'pop'",
    ),
    # ship modes: reachable from sales, not from returns
    _p("returns shipped by UPS"),
    _p("UPS承运的退货数量"),
    _p("sales shipped by UPS", f"{_SALES} {_MODE} WHERE m.carrier = 'UPS'"),
    _p("UPS承运的销售额", f"{_SALES} {_MODE} WHERE m.carrier = 'UPS'"),
    _p("sales by ship mode type", *_BY_MODE_TYPE),
    _p(
        "EXPRESS运输方式的运费",
        f"SELECT SUM(s.shipping_cost) FROM sales s {_MODE} WHERE m.ship_mode_type = 'EXPRESS'",
    ),
    _p(
        "shipping cost of AIR shipments",
        f"SELECT SUM(s.shipping_cost) FROM sales s {_MODE} WHERE m.ship_mode_code = 'AIR'",
    ),
    # Y/N flags and their negation
    _p("sales to preferred customers", *_PREFERRED),
    _p("优选客户的销售额", *_PREFERRED),
    _p("sales to customers who are not preferred", *_NOT_PREFERRED),
    _p("customers in TX", "SELECT COUNT(*) FROM customers WHERE state = 'TX'"),
    _p("TX州的客户数", "SELECT COUNT(*) FROM customers WHERE state = 'TX'"),
    # a threshold on a joined model's number
    _p("sales of items priced over 50 dollars", f"{_SALES} {_ITEM} WHERE i.current_price > 50"),
    _p("当前价格超过50美元的商品的销售额", f"{_SALES} {_ITEM} WHERE i.current_price > 50"),
    # rankings with NULL keys present
    _p("top 5 brands by sales", _TOP_BRANDS, ordered=True),
    _p("销售额前5的品牌", _TOP_BRANDS, ordered=True),
    _p("top 3 categories by returns", _TOP_RETURN_CATEGORIES, ordered=True),
    _p("退货数最多的3个品类", _TOP_RETURN_CATEGORIES, ordered=True),
    # derived and ratio metrics under a filter
    _p("average order value by channel", _AOV_CHANNEL),
    _p("各渠道的平均订单金额", _AOV_CHANNEL),
    _p("profit margin of web sales in 2002", _WEB_MARGIN),
    _p("2002年web渠道的利润率", _WEB_MARGIN),
    _p(
        "discount amount as a share of sales",
        "SELECT SUM(discount_amount) / SUM(sales_amount) FROM sales",
    ),
    # "vs": two periods side by side, never one summed range
    _p("sales in 2002 vs 2001", _YEARS),
    _p("2002年与2001年的销售额对比", _YEARS),
    # a joined lookup's value as the filter
    _p(
        "net loss on returns for the reason Stopped working",
        f"SELECT SUM(r.net_loss) {_RSUM} {_REASON} WHERE rr.reason = 'Stopped working'",
    ),
    _p(
        "原因为Package was damaged的退货金额",
        f"SELECT SUM(r.return_amount) {_RSUM} {_REASON} WHERE rr.reason = 'Package was damaged'",
    ),
    # buyers of a category: distinct bill-to customers
    _p("customers who bought Books", _BOOKS_BUYERS),
    _p("买过Books品类商品的客户数", _BOOKS_BUYERS),
    _p("sales excluding the Music category", *_NOT_MUSIC),
    _p("除Music品类外的销售额", *_NOT_MUSIC),
]

# -- MetricFlow's simple_manifest over the lodging warehouse ----------------------------------
_L = "LEFT JOIN dim_listings_latest l ON b.listing_id = l.listing_id"
_LV = "LEFT JOIN dim_listings_latest l ON v.listing_id = l.listing_id"
_U = "LEFT JOIN dim_users u ON r.user_id = u.user_id"
_UL = "LEFT JOIN dim_users_latest u ON r.user_id = u.user_id"
_CO = "LEFT JOIN dim_companies c ON r.user_id = c.user_id"
_BV = "SELECT SUM(b.booking_value) FROM fct_bookings b"
_US_BOOKINGS = f"SELECT COUNT(*) FROM fct_bookings b {_L} WHERE l.country = 'us'"
_BY_STATE = (
    f"SELECT u.home_state, SUM(r.revenue) FROM fct_revenue r {_U} GROUP BY 1",
    f"SELECT u.home_state_latest, SUM(r.revenue) FROM fct_revenue r {_UL} GROUP BY 1",
)
_BY_OWNER_COMPANY = (
    f"SELECT c.company_name, COUNT(*) FROM fct_bookings b {_L} "
    "LEFT JOIN dim_companies c ON l.user_id = c.user_id GROUP BY 1"
)
_PER_BOOKER = "SELECT COUNT(*) * 1.0 / COUNT(DISTINCT guest_id) FROM fct_bookings"
_INSTANT_24 = (
    f"SELECT SUM(booking_value) FROM fct_bookings WHERE is_instant AND {_year('ds', 2024)}"
)
_CA_USERS = (
    "SELECT COUNT(*) FROM dim_users WHERE home_state = 'CA'",
    "SELECT COUNT(*) FROM dim_users_latest WHERE home_state_latest = 'CA'",
)
_DEC24_BUYERS = (
    "SELECT COUNT(DISTINCT user_id) FROM fct_buys WHERE "
    f"{_between('ds', '2024-12-01', '2025-01-01')}"
)
_PASSPORT_24 = (
    "SELECT COUNT(*) FROM fct_id_verifications WHERE verification_type = 'passport' AND "
    f"{_year('ds', 2024)}"
)

MF_SIMPLE = [
    # an identifier entity: group by it, or filter on one of its values
    _p("bookings by host", "SELECT host_id, COUNT(*) FROM fct_bookings GROUP BY 1"),
    _p("按房东统计预订数", "SELECT host_id, COUNT(*) FROM fct_bookings GROUP BY 1"),
    _p("bookings by guest", "SELECT guest_id, COUNT(*) FROM fct_bookings GROUP BY 1"),
    _p("各客人的预订数", "SELECT guest_id, COUNT(*) FROM fct_bookings GROUP BY 1"),
    _p("bookings for listing 10", "SELECT COUNT(*) FROM fct_bookings WHERE listing_id = 10"),
    _p("房源10的预订数", "SELECT COUNT(*) FROM fct_bookings WHERE listing_id = 10"),
    _p("listings with capacity 10", "SELECT COUNT(*) FROM dim_listings_latest WHERE capacity = 10"),
    _p("容量为10的房源数", "SELECT COUNT(*) FROM dim_listings_latest WHERE capacity = 10"),
    # a context entity's value, and a breakdown through it
    _p("bookings for listings in the us", _US_BOOKINGS),
    _p("us房源的预订数", _US_BOOKINGS),
    _p(
        "bookings by listing country",
        f"SELECT l.country, COUNT(*) FROM fct_bookings b {_L} GROUP BY 1",
    ),
    _p(
        "各国家房源的预订金额",
        f"SELECT l.country, SUM(b.booking_value) FROM fct_bookings b {_L} GROUP BY 1",
    ),
    _p("views of listings in jp", f"SELECT COUNT(*) FROM fct_views v {_LV} WHERE l.country = 'jp'"),
    _p("jp房源的浏览量", f"SELECT COUNT(*) FROM fct_views v {_LV} WHERE l.country = 'jp'"),
    _p(
        "bookings by listing capacity in 2024",
        f"SELECT l.capacity, COUNT(*) FROM fct_bookings b {_L} WHERE {_year('b.ds', 2024)} GROUP BY 1",
    ),
    _p("revenue by home state", *_BY_STATE),
    _p("各州用户的收入", *_BY_STATE),
    _p(
        "revenue by company name",
        f"SELECT c.company_name, SUM(r.revenue) FROM fct_revenue r {_CO} GROUP BY 1",
    ),
    _p(
        "按公司名称统计收入",
        f"SELECT c.company_name, SUM(r.revenue) FROM fct_revenue r {_CO} GROUP BY 1",
    ),
    # guests and hosts are not the user entity; the one path to a company is the listing's
    # owner (booking → listing → user → company). Written as a refusal first; the path is real
    _p("bookings by company name", _BY_OWNER_COMPANY),
    _p("按公司名称统计预订数", _BY_OWNER_COMPANY),
    # cumulative all time without a grain is the total
    _p("revenue all time", "SELECT SUM(revenue) FROM fct_revenue"),
    _p("历史累计收入", "SELECT SUM(revenue) FROM fct_revenue"),
    # ratios and derived metrics
    _p("bookings per booker", _PER_BOOKER),
    _p("每位预订人的平均预订数", _PER_BOOKER),
    _p(
        "booking value per view",
        "SELECT (SELECT SUM(booking_value) FROM fct_bookings) / (SELECT COUNT(*) FROM fct_views)",
    ),
    _p("instant booking value in 2024", _INSTANT_24),
    _p("2024年即时预订的预订金额", _INSTANT_24),
    # a referrer: a dimension of visits, only a counted column of bookings
    _p(
        "bookings not made through a referral",
        "SELECT COUNT(*) FROM fct_bookings WHERE referrer_id IS NULL",
    ),
    _p("非推荐预订数", "SELECT COUNT(*) FROM fct_bookings WHERE referrer_id IS NULL"),
    _p(
        "visits from google_search",
        "SELECT COUNT(*) FROM fct_visits WHERE referrer_id = 'google_search'",
    ),
    _p(
        "来自newsletter的访问量", "SELECT COUNT(*) FROM fct_visits WHERE referrer_id = 'newsletter'"
    ),
    _p("bookings referred by newsletter"),
    _p("newsletter推荐的预订数"),
    # categorical values of small models
    _p(
        "identity verifications by verification type",
        "SELECT verification_type, COUNT(*) FROM fct_id_verifications GROUP BY 1",
    ),
    _p("passport verifications in 2024", _PASSPORT_24),
    _p("2024年passport验证次数", _PASSPORT_24),
    _p(
        "savings account balance",
        "SELECT SUM(account_balance) FROM fct_accounts WHERE account_type = 'savings'",
    ),
    _p(
        "savings账户的余额",
        "SELECT SUM(account_balance) FROM fct_accounts WHERE account_type = 'savings'",
    ),
    _p("users in CA", *_CA_USERS),
    _p("CA州的新用户数", *_CA_USERS),
    _p(
        "new users in 2024 by home state",
        f"SELECT home_state, COUNT(*) FROM dim_users WHERE {_year('created_at', 2024)} GROUP BY 1",
    ),
    _p("buyers in December 2024", _DEC24_BUYERS),
    _p("2024年12月的购买人数", _DEC24_BUYERS),
]

# -- the MetricFlow tutorial ------------------------------------------------------------------
_CUST = "LEFT JOIN customers c ON t.id_customer = c.id_customer"
_REGION = f"{_CUST} LEFT JOIN countries k ON c.country = k.country"
_QB = "CASE WHEN transaction_type_name = 'quick-buy' THEN transaction_amount_usd ELSE 0 END"
_CX = "CASE WHEN t.transaction_type_name = 'cancellation' THEN t.transaction_amount_usd ELSE 0 END"
_NOT_QB = "SELECT COUNT(*) FROM transactions WHERE transaction_type_name <> 'quick-buy'"
_QB_COUNTRY = f"SELECT c.country, SUM({_QB}) FROM transactions t {_CUST} GROUP BY 1"
_BY_REGION = (
    f"SELECT k.region, SUM(t.transaction_amount_usd) FROM transactions t {_REGION} GROUP BY 1"
)
_MX_CX = f"SELECT SUM({_CX}) FROM transactions t {_CUST} WHERE c.country = 'MX'"
_FR_RATE = (
    f"SELECT SUM({_CX}) / SUM(t.transaction_amount_usd) FROM transactions t {_CUST} "
    "WHERE c.country = 'FR'"
)
_NA_CUSTOMERS = (
    "SELECT COUNT(*) FROM customers c LEFT JOIN countries k ON c.country = k.country "
    "WHERE k.region = 'NA'"
)
_MAR7 = "SELECT COUNT(*) FROM transactions WHERE ds = DATE '2022-03-07'"
_PER_ORDER = (
    "SELECT SUM(transaction_amount_usd) / COUNT(DISTINCT id_order) FROM transactions",
    # "per order" as "by order" (each order's amount) is the engine's documented reading of
    # "per <thing>" without "average": written as the ratio only first, both are right
    "SELECT id_order, SUM(transaction_amount_usd) FROM transactions GROUP BY 1",
)

MF_TUTORIAL = [
    # "Not Quick Buy" holds "Quick Buy": negation, never the opposite value
    _p("transactions that are not quick buy", _NOT_QB),
    _p("非快速购买的交易数", _NOT_QB),
    _p("quick buy amount by customer country", _QB_COUNTRY),
    _p("各客户国家的快速购买金额", _QB_COUNTRY),
    # a threshold the model names (is_large: amount >= 30) and its complement
    _p(
        "large transactions", "SELECT COUNT(*) FROM transactions WHERE transaction_amount_usd >= 30"
    ),
    _p(
        "大额交易的交易金额",
        "SELECT SUM(transaction_amount_usd) FROM transactions WHERE transaction_amount_usd >= 30",
    ),
    _p(
        "transactions under 30 dollars",
        "SELECT COUNT(*) FROM transactions WHERE transaction_amount_usd < 30",
    ),
    # two hops: transaction → customer → country → region
    _p("transaction amount by region", _BY_REGION),
    _p("各地区的交易金额", _BY_REGION),
    _p("cancellations in MX", _MX_CX),
    _p("MX客户的取消金额", _MX_CX),
    _p("cancellation rate for FR customers", _FR_RATE),
    _p("FR客户的取消率", _FR_RATE),
    _p("customers in NA", _NA_CUSTOMERS),
    _p("NA地区的新客户数", _NA_CUSTOMERS),
    # a day, and an average per order
    _p("transactions on March 7", _MAR7),
    _p("3月7日的交易数", _MAR7),
    _p("transaction amount per order", *_PER_ORDER),
    _p("每个订单的平均交易金额", _PER_ORDER[0]),
]

# -- the built-in model with every synonym stripped ---------------------------------------------
_OC = "LEFT JOIN customers c ON o.customer_id = c.customer_id"
_US_CUSTOMER_ORDERS = f"SELECT COUNT(*) FROM orders o {_OC} WHERE c.country = 'US'"
_US_DEST_ORDERS = "SELECT COUNT(*) FROM orders WHERE destination_country = 'US'"
_PAID_OCT = (
    f"SELECT SUM(goods_amount) FROM orders WHERE {_between('paid_at', '2026-10-01', '2026-11-01')}"
)
_NO_PROMO = "SELECT COUNT(*) FROM orders WHERE promotion IS NULL"
_TOP3_CUSTOMERS = (
    "SELECT customer_id FROM orders GROUP BY 1 ORDER BY SUM(goods_amount) DESC LIMIT 3",
    f"SELECT c.customer_name FROM orders o {_OC} GROUP BY o.customer_id, 1 "
    "ORDER BY SUM(o.goods_amount) DESC LIMIT 3",
)
_QUALITY = "SELECT SUM(refund_amount) FROM returns WHERE reason = '质量问题'"
_NOT_CANCELLED = "SELECT SUM(goods_amount) FROM orders WHERE order_status <> 'cancelled'"
_PARTIAL = "SELECT COUNT(*) FROM orders WHERE payment_status = 'partially_refunded'"
_SF_SH = "SELECT COUNT(*) FROM shipments WHERE carrier = 'SF' AND warehouse = 'WH-SH'"

NOSYN = [
    # the customer's country against the destination country
    _p("orders from US customers", _US_CUSTOMER_ORDERS),
    _p("US客户的订单数", _US_CUSTOMER_ORDERS),
    _p("orders shipped to US", _US_DEST_ORDERS),
    _p("发往US的订单数", _US_DEST_ORDERS),
    _p(
        "gmv by customer country",
        f"SELECT c.country, SUM(o.goods_amount) FROM orders o {_OC} GROUP BY 1",
    ),
    _p(
        "按目的国家统计GMV",
        "SELECT destination_country, SUM(goods_amount) FROM orders GROUP BY 1",
    ),
    # another time axis than the order date
    _p("gmv of orders paid in October 2026", _PAID_OCT),
    _p("2026年10月付款的订单的GMV", _PAID_OCT),
    _p(
        "orders with promised delivery in November 2026",
        "SELECT COUNT(*) FROM orders WHERE "
        f"{_between('promised_delivery_date', '2026-11-01', '2026-12-01')}",
    ),
    # a NULL as "without", a value that looks like a number
    _p("orders without a promotion", _NO_PROMO),
    _p("没有参加促销的订单数", _NO_PROMO),
    _p("双11订单的GMV", "SELECT SUM(goods_amount) FROM orders WHERE promotion = '双11'"),
    _p("gmv of 618 orders", "SELECT SUM(goods_amount) FROM orders WHERE promotion = '618'"),
    # a ranking of an identifier
    _p("top 3 customers by gmv", *_TOP3_CUSTOMERS, ordered=True),
    _p("GMV最高的前3个客户", *_TOP3_CUSTOMERS, ordered=True),
    # values, their negation, a value inside another value
    _p("质量问题退货的退款金额", _QUALITY),
    _p(
        "refund amount of returns not due to 质量问题",
        "SELECT SUM(refund_amount) FROM returns WHERE reason <> '质量问题'",
    ),
    _p("gmv of orders that were not cancelled", _NOT_CANCELLED),
    _p("未取消订单的GMV", _NOT_CANCELLED),
    _p("partially refunded orders", _PARTIAL),
    _p("部分退款的订单数", _PARTIAL),
    _p("SF shipments from WH-SH", _SF_SH),
    _p("WH-SH仓库SF承运的发货数", _SF_SH),
]

# -- batch 2: written after the first fixes, before running them ------------------------------
_LAX_SFO = "SELECT COUNT(*) FROM flights WHERE dest IN ('LAX', 'SFO')"
_JFK_LGA_DELAY = (
    "SELECT origin, AVG(dep_delay) FROM flights WHERE origin IN ('JFK', 'LGA') GROUP BY 1",
    f"SELECT a.name, AVG(f.dep_delay) FROM flights f {_ORIG} WHERE f.origin IN ('JFK', 'LGA') "
    "GROUP BY 1",
)
_FEWEST3 = (
    "SELECT carrier FROM flights GROUP BY 1 ORDER BY COUNT(*) ASC LIMIT 3",
    f"SELECT l.name FROM flights f {_AIRLINE} GROUP BY 1 ORDER BY COUNT(*) ASC LIMIT 3",
)
_SECOND_AIRLINE = (
    "SELECT carrier FROM flights GROUP BY 1 ORDER BY COUNT(*) DESC LIMIT 1 OFFSET 1",
    f"SELECT l.name FROM flights f {_AIRLINE} GROUP BY 1 ORDER BY COUNT(*) DESC LIMIT 1 OFFSET 1",
)
_BIG_AIRLINES = (
    "SELECT carrier FROM flights GROUP BY 1 HAVING COUNT(*) > 10000",
    f"SELECT l.name FROM flights f {_AIRLINE} GROUP BY 1 HAVING COUNT(*) > 10000",
)
_Q4 = f"SELECT COUNT(*) FROM flights WHERE {_between('flight_date', '2013-10-01', '2014-01-01')}"
FLIGHTS += [
    _p("flights to LAX or SFO", _LAX_SFO),
    _p("飞往LAX或SFO的航班数", _LAX_SFO),
    _p("average departure delay from JFK vs LGA", *_JFK_LGA_DELAY),
    _p("JFK与LGA出发航班的平均起飞延误对比", *_JFK_LGA_DELAY),
    _p("the 3 airlines with the fewest flights", *_FEWEST3, ordered=True),
    _p("航班最少的3家航空公司", *_FEWEST3, ordered=True),
    _p("airlines with more than 10,000 flights", *_BIG_AIRLINES),
    _p("航班数超过一万的航空公司", *_BIG_AIRLINES),
    _p("flights in Q4", _Q4),
    _p("第四季度的航班数", _Q4),
    # a ranking inside each group: not one plain top-N
    _p("top 3 destinations by flights for each origin"),
    _p("每个出发机场航班数前三的目的地"),
    # a second place: one row after the first (rules/passes/ordinals), as in probe_data_hunt8
    _p("airline with the second most flights", *_SECOND_AIRLINE),
    _p("航班数第二多的航空公司", *_SECOND_AIRLINE),
]

_COUNTRY_CLASS = f"{_SALES} {_ITEM} WHERE i.class = 'country'"
_BOOKS_MUSIC = f"{_SALES} {_ITEM} WHERE i.category IN ('Books', 'Music')"
TPCDS += [
    # a value that is also a dimension's word ("country" class vs birth country)
    _p("sales of items in the country class", _COUNTRY_CLASS),
    _p("country类商品的销售额", _COUNTRY_CLASS),
    _p("sales of Books and Music items", _BOOKS_MUSIC),
    _p("Books和Music品类的销售额", _BOOKS_MUSIC),
    _p(
        "quantity sold by category for the store channel",
        f"SELECT i.category, SUM(s.quantity) FROM sales s {_ITEM} WHERE s.channel = 'store' "
        "GROUP BY 1",
    ),
    _p(
        "store渠道各品类的销量",
        f"SELECT i.category, SUM(s.quantity) FROM sales s {_ITEM} WHERE s.channel = 'store' "
        "GROUP BY 1",
    ),
    _p(
        "return amount in 2002 for the web channel",
        f"SELECT SUM(return_amount) FROM sales_returns WHERE channel = 'web' AND "
        f"{_year('returned_date', 2002)}",
    ),
    _p(
        "2002年web渠道的退货金额",
        f"SELECT SUM(return_amount) FROM sales_returns WHERE channel = 'web' AND "
        f"{_year('returned_date', 2002)}",
    ),
]

_OVER_1K = "SELECT COUNT(*) FROM fct_bookings WHERE booking_value > 1000"
MF_SIMPLE += [
    _p("bookings with a booking value over 1000", _OVER_1K),
    _p("预订金额超过1000的预订数", _OVER_1K),
    _p("bookings over $1k", _OVER_1K),
    _p(
        "bookings per listing",
        "SELECT (SELECT COUNT(*) FROM fct_bookings) * 1.0 / (SELECT COUNT(*) FROM "
        "dim_listings_latest)",
        "SELECT listing_id, COUNT(*) FROM fct_bookings GROUP BY 1",
    ),
    _p(
        "bookings by month in 2024",
        "SELECT DATE_TRUNC('month', ds), COUNT(*) FROM fct_bookings WHERE "
        f"{_year('ds', 2024)} GROUP BY 1",
    ),
    _p(
        "2024年每月的预订数",
        "SELECT DATE_TRUNC('month', ds), COUNT(*) FROM fct_bookings WHERE "
        f"{_year('ds', 2024)} GROUP BY 1",
    ),
]

NOSYN += [
    _p(
        "gmv of jd and tmall orders",
        "SELECT SUM(goods_amount) FROM orders WHERE channel IN ('jd', 'tmall')",
    ),
    _p(
        "jd和tmall的GMV",
        "SELECT SUM(goods_amount) FROM orders WHERE channel IN ('jd', 'tmall')",
        "SELECT channel, SUM(goods_amount) FROM orders WHERE channel IN ('jd', 'tmall') GROUP BY 1",
    ),
    _p(
        "gmv of refunded orders",
        "SELECT SUM(goods_amount) FROM orders WHERE payment_status = 'refunded'",
    ),
    _p(
        "退款订单的GMV",
        "SELECT SUM(goods_amount) FROM orders WHERE payment_status = 'refunded'",
    ),
    _p(
        "orders by channel excluding pos",
        "SELECT channel, COUNT(*) FROM orders WHERE channel <> 'pos' GROUP BY 1",
    ),
    _p(
        "除pos以外各渠道的订单数",
        "SELECT channel, COUNT(*) FROM orders WHERE channel <> 'pos' GROUP BY 1",
    ),
]

# -- batch 3: identifiers reached through their own row or a joined one (before running) ------
_BY_TAIL = "SELECT tailnum, COUNT(*) FROM flights GROUP BY 1"
_BY_DEST_CODE = "SELECT dest, COUNT(*) FROM flights GROUP BY 1"
_KM_AVG = "SELECT AVG(distance) * 1.609344 FROM flights"
_CANCEL_2PCT = (
    f"SELECT carrier FROM flights GROUP BY 1 HAVING AVG({'CASE WHEN dep_time IS NULL THEN 1.0 '}"
    "ELSE 0.0 END) > 0.02",
    f"SELECT l.name FROM flights f {_AIRLINE} GROUP BY 1 HAVING AVG(CASE WHEN f.dep_time IS NULL "
    "THEN 1.0 ELSE 0.0 END) > 0.02",
)
FLIGHTS += [
    # a key of the fact row against the same key through a joined table with missing rows
    _p("flights by tail number", _BY_TAIL),
    _p("按尾号统计航班数", _BY_TAIL),
    _p("flights by destination FAA code", _BY_DEST_CODE),
    _p("按目的地FAA代码统计航班数", _BY_DEST_CODE),
    _p("number of distinct destinations", "SELECT COUNT(DISTINCT dest) FROM flights"),
    _p("有多少个不同的目的地", "SELECT COUNT(DISTINCT dest) FROM flights"),
    _p("average distance in km", _KM_AVG),
    _p("平均飞行距离是多少公里", _KM_AVG),
    _p("取消率超过百分之二的航空公司", *_CANCEL_2PCT),
]
TPCDS += [
    _p(
        "customers who returned items",
        "SELECT COUNT(DISTINCT returning_customer_sk) FROM sales_returns",
    ),
    _p(
        "有退货的客户数",
        "SELECT COUNT(DISTINCT returning_customer_sk) FROM sales_returns",
    ),
    _p(
        "sales by item id",
        f"SELECT i.item_id, SUM(s.sales_amount) FROM sales s {_ITEM} GROUP BY 1",
    ),
    _p(
        "按商品ID统计销售额",
        f"SELECT i.item_id, SUM(s.sales_amount) FROM sales s {_ITEM} GROUP BY 1",
    ),
]
MF_SIMPLE += [
    _p("revenue by user", "SELECT user_id, SUM(revenue) FROM fct_revenue GROUP BY 1"),
    _p("按用户统计收入", "SELECT user_id, SUM(revenue) FROM fct_revenue GROUP BY 1"),
    _p("revenue of user 5", "SELECT SUM(revenue) FROM fct_revenue WHERE user_id = 5"),
    _p("用户5的收入", "SELECT SUM(revenue) FROM fct_revenue WHERE user_id = 5"),
    _p("views of listing 3", "SELECT COUNT(*) FROM fct_views WHERE listing_id = 3"),
    _p("bookings by listing", "SELECT listing_id, COUNT(*) FROM fct_bookings GROUP BY 1"),
    _p(
        "listings created last year",
        f"SELECT COUNT(*) FROM dim_listings_latest WHERE {_year('created_at', 2024)}",
    ),
    _p(
        "去年创建的房源数",
        f"SELECT COUNT(*) FROM dim_listings_latest WHERE {_year('created_at', 2024)}",
    ),
]
MF_TUTORIAL += [
    _p(
        "transactions by order",
        "SELECT id_order, COUNT(*) FROM transactions GROUP BY 1",
    ),
    _p("按订单统计交易数", "SELECT id_order, COUNT(*) FROM transactions GROUP BY 1"),
    _p(
        "transaction amount of order o1009",
        "SELECT SUM(transaction_amount_usd) FROM transactions WHERE id_order = 'o1009'",
    ),
    _p(
        "订单o1009的交易金额",
        "SELECT SUM(transaction_amount_usd) FROM transactions WHERE id_order = 'o1009'",
    ),
]

SETS: dict[str, list[Probe]] = {
    "flights": FLIGHTS,
    "tpcds": TPCDS,
    "mf_simple": MF_SIMPLE,
    "mf_tutorial": MF_TUTORIAL,
    "nosyn": NOSYN,
}


#: probes still answered wrong, each with why (strict: the test fails once one is fixed)
KNOWN_WRONG: dict[str, str] = {}


@pytest.mark.parametrize(("name", "item"), probe_params(SETS, KNOWN_WRONG))
def test_wrong_hunt_probe_is_right_or_refused(
    probe_sessions: ProbeSessions, name: str, item: Probe
) -> None:
    assert_right_or_refused(probe_sessions, name, item)


def test_wrong_hunt_probes_are_many_and_half_chinese() -> None:
    assert_many_and_half_chinese(SETS, 150)


#: the answerable probes answered right at the end of session 6 (28, 36, 19, 16, 16) less about
#: one in ten: refusing everything must fail, a new honest refusal or two may not
RIGHT_AT_LEAST = {"flights": 25, "tpcds": 32, "mf_simple": 17, "mf_tutorial": 14, "nosyn": 14}


@pytest.mark.parametrize("name", sorted(SETS))
def test_most_answerable_wrong_hunt_probes_are_answered(
    probe_sessions: ProbeSessions, name: str
) -> None:
    assert_most_answered(probe_sessions, name, SETS[name], RIGHT_AT_LEAST[name], KNOWN_WRONG)
