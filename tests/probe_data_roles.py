"""Wrong-answer hunt, session 7: probe questions and their gold SQL (data only).

Written with their gold SQL before the engine was run on them, in our own wording, aimed where a
plausible but wrong reading exists and not already covered by the other probe files:

- roles and paths: two paths to one entity (the viewer or the listing's owner, the guest or the
  host), a role word after the noun ("state of the ship-to customer"), weather that exists only
  at origin airports, a value matching two role-playing dimensions (a city of the customer or of
  the destination);
- identifiers as a filter next to a number that is also a month or a capacity (listing 12,
  flight number 11);
- thresholds that look like years (more than 2013 miles, bookings over 2024 dollars, GMV over
  2026), "at least", "between … and …" inclusive, a unit on the threshold;
- negation and exclusion in Chinese (除了, 不含, 非, 未, 不是) and English ("excluding", "not");
- "per" / "each" / "平均每", shares of one value, ratios of ratios (refused);
- cumulative against period totals ("cumulative … by month in 2024": from the first data or from
  the start of 2024 are both right; the month's own total is not);
- NULL keys in top-N (missing tail numbers, bookings without a listing, orders without a
  promotion), calendar weeks, fiscal years (none declared: refused), follow-up fragments
  (no context: refused).

A probe without gold must be refused; one with gold is right or refused, never wrong.
Golds revised after the first run (each marked where it is defined): the partition join
MetricFlow adds between views and users, the customer's `region` / `city` for a bare word, the
listing reading of "orders with gmv over 2026".
"""

from __future__ import annotations

from lab.evals.heldout.probes import Probe
from lab.evals.heldout.probes import probe as _p


def _between(col: str, a: str, b: str) -> str:
    return f"{col} >= DATE '{a}' AND {col} < DATE '{b}'"


# -- nycflights13 (today 2013-12-31, a Tuesday) ------------------------------------------------
_DEST = "LEFT JOIN airports a ON f.dest = a.faa"
_PLANE = "LEFT JOIN planes p ON f.tailnum = p.tailnum"
_AIRLINE = "LEFT JOIN airlines l ON f.carrier = l.carrier"
_F = "SELECT COUNT(*) FROM flights"
_HIGH = f"{_F} f {_DEST} WHERE a.alt > 5000"
_F11 = (
    "SELECT carrier, COUNT(*) FROM flights WHERE flight = 11 GROUP BY 1",
    f"SELECT l.name, COUNT(*) FROM flights f {_AIRLINE} WHERE f.flight = 11 GROUP BY 1",
)
_NOT_UA_AA = f"{_F} WHERE carrier NOT IN ('UA', 'AA')"
_NOT_BOEING = (
    f"{_F} f {_PLANE} WHERE p.manufacturer <> 'BOEING'",
    f"{_F} f {_PLANE} WHERE p.manufacturer IS DISTINCT FROM 'BOEING'",
)
_NOT_LATE = (
    f"{_F} WHERE NOT dep_delay > 15",
    f"{_F} WHERE dep_delay IS NULL OR NOT dep_delay > 15",
)
_JUL = _between("flight_date", "2013-07-01", "2013-08-01")
_PER_DAY_JUL = (
    f"SELECT AVG(n) FROM (SELECT flight_date, COUNT(*) AS n FROM flights WHERE {_JUL} GROUP BY 1)"
)
_PER_PLANE = (
    "SELECT COUNT(*) * 1.0 / COUNT(DISTINCT tailnum) FROM flights",
    "SELECT tailnum, COUNT(*) FROM flights GROUP BY 1",
)
_EWR_UA = (
    "SELECT SUM(CASE WHEN carrier = 'UA' THEN 1 ELSE 0 END) * 1.0 / COUNT(*) FROM flights "
    "WHERE origin = 'EWR'"
)
_JFK_CANCEL = (
    "SELECT SUM(CASE WHEN dep_time IS NULL THEN 1 ELSE 0 END) * 1.0 / COUNT(*) FROM flights "
    "WHERE origin = 'JFK'"
)
_LGA_OF_CANCELLED = (
    "SELECT SUM(CASE WHEN origin = 'LGA' THEN 1 ELSE 0 END) * 1.0 / COUNT(*) FROM flights "
    "WHERE dep_time IS NULL"
)
_CUM_MONTH = (
    "SELECT m, SUM(n) OVER (ORDER BY m) FROM (SELECT DATE_TRUNC('month', flight_date) AS m, "
    "COUNT(*) AS n FROM flights GROUP BY 1)"
)
_TOP_TAIL = (
    "SELECT tailnum FROM flights WHERE tailnum IS NOT NULL GROUP BY 1 ORDER BY COUNT(*) DESC "
    "LIMIT 1"
)
_WORST_DEST = (
    "SELECT dest FROM flights GROUP BY 1 ORDER BY AVG(arr_delay) DESC NULLS LAST LIMIT 1",
    f"SELECT a.name FROM flights f {_DEST} GROUP BY 1 ORDER BY AVG(f.arr_delay) DESC NULLS LAST "
    "LIMIT 1",
)
_BEST_DEST = (
    "SELECT dest FROM flights GROUP BY 1 ORDER BY AVG(arr_delay) ASC NULLS LAST LIMIT 1",
    f"SELECT a.name FROM flights f {_DEST} GROUP BY 1 ORDER BY AVG(f.arr_delay) ASC NULLS LAST "
    "LIMIT 1",
)
_MAR_1_10 = f"{_F} WHERE {_between('flight_date', '2013-03-01', '2013-03-11')}"
_BEFORE_JUL4 = f"{_F} WHERE flight_date < DATE '2013-07-04'"
_LAST_WEEK = (
    f"{_F} WHERE {_between('flight_date', '2013-12-23', '2013-12-30')}",
    f"{_F} WHERE {_between('flight_date', '2013-12-22', '2013-12-29')}",
)
_WEEKEND = f"{_F} WHERE DAYOFWEEK(flight_date) IN (0, 6)"

FLIGHTS: list[Probe] = [
    # one airports table in two roles: no role word, a role only weather does not have
    _p("flights by airport name"),
    _p("按机场统计航班数"),
    _p("flights by airport time zone"),
    _p(
        "各目的地时区的航班数",
        f"SELECT a.tzone, COUNT(*) FROM flights f {_DEST} GROUP BY 1",
    ),
    _p(
        "flights arriving at airports in the Pacific/Honolulu time zone",
        f"{_F} f {_DEST} WHERE a.tzone = 'Pacific/Honolulu'",
    ),
    _p("flights departing from Newark Liberty Intl", f"{_F} WHERE origin = 'EWR'"),
    _p("从La Guardia出发的航班数", f"{_F} WHERE origin = 'LGA'"),
    _p("flights landing at Los Angeles Intl", f"{_F} WHERE dest = 'LAX'"),
    _p("到达San Francisco Intl的航班数", f"{_F} WHERE dest = 'SFO'"),
    _p("flights to airports above 5000 feet", _HIGH),
    _p("目的地机场海拔超过5000英尺的航班数", _HIGH),
    _p("average temperature by destination airport"),
    _p("按目的地机场统计平均气温"),
    _p("average departure delay on days with rain"),
    _p("下雨天的平均起飞延误"),
    # an airport name that shares a word with an airline
    _p("flights to Southwest Florida Intl", f"{_F} WHERE dest = 'RSW'"),
    _p("飞往Southwest Florida Intl的航班数", f"{_F} WHERE dest = 'RSW'"),
    # aircraft attributes through the flight
    _p("flights on Rotorcraft", f"{_F} f {_PLANE} WHERE p.type = 'Rotorcraft'"),
    _p("Turbo-jet飞机执飞的航班数", f"{_F} f {_PLANE} WHERE p.engine = 'Turbo-jet'"),
    _p("各发动机类型的航班数", f"SELECT p.engine, COUNT(*) FROM flights f {_PLANE} GROUP BY 1"),
    _p("average seats of planes flown by United"),
    # an identifier next to a number that is also a month
    _p("flights with flight number 11 by airline", *_F11),
    _p("航班号11的各航空公司航班数", *_F11),
    # thresholds that look like years, "at least", "between"
    _p(
        "airlines with more than 2000 flights",
        *(
            "SELECT carrier FROM flights GROUP BY 1 HAVING COUNT(*) > 2000",
            f"SELECT l.name FROM flights f {_AIRLINE} GROUP BY 1 HAVING COUNT(*) > 2000",
        ),
    ),
    _p(
        "航班数超过2000的航空公司",
        *(
            "SELECT carrier FROM flights GROUP BY 1 HAVING COUNT(*) > 2000",
            f"SELECT l.name FROM flights f {_AIRLINE} GROUP BY 1 HAVING COUNT(*) > 2000",
        ),
    ),
    _p("flights longer than 2013 miles", f"{_F} WHERE distance > 2013"),
    _p("航程超过2013英里的航班数", f"{_F} WHERE distance > 2013"),
    _p("flights delayed at least 3 hours on departure", f"{_F} WHERE dep_delay >= 180"),
    _p("起飞延误不超过15分钟的航班数", f"{_F} WHERE dep_delay <= 15"),
    _p(
        "flights with a departure delay between 30 and 60 minutes",
        f"{_F} WHERE dep_delay >= 30 AND dep_delay <= 60",
    ),
    _p("flights with air time under 1 hour", f"{_F} WHERE air_time < 60"),
    # negation and exclusion
    _p("除了UA和AA以外的航班数", _NOT_UA_AA),
    _p("flights excluding UA and AA", _NOT_UA_AA),
    _p(
        "不含JFK出发航班的平均到达延误",
        "SELECT AVG(arr_delay) FROM flights WHERE origin <> 'JFK'",
    ),
    _p("非BOEING飞机执飞的航班数", *_NOT_BOEING),
    _p(
        "未取消航班的平均飞行距离",
        "SELECT AVG(distance) FROM flights WHERE dep_time IS NOT NULL",
    ),
    _p("未晚点起飞的航班数", *_NOT_LATE),
    _p("不是飞往LAX的航班数", f"{_F} WHERE dest <> 'LAX'"),
    # per, each, shares, ratios of ratios
    _p("7月平均每天的航班数", _PER_DAY_JUL),
    _p("average flights per day in July", _PER_DAY_JUL),
    _p("flights per plane", *_PER_PLANE),
    _p("United's share of flights from EWR", _EWR_UA),
    _p("JFK出发航班中取消航班的占比", _JFK_CANCEL),
    _p("share of cancelled flights that departed from LGA", _LGA_OF_CANCELLED),
    _p("cancellation rate of UA divided by the overall cancellation rate"),
    _p("UA的取消率是整体取消率的几倍"),
    # cumulative against period
    _p("cumulative flights by month", _CUM_MONTH),
    _p("截至6月底的累计航班数", f"{_F} WHERE flight_date < DATE '2013-07-01'"),
    # NULL keys and ties in rankings
    _p("the tail number with the most flights", _TOP_TAIL),
    _p("航班最多的飞机尾号", _TOP_TAIL),
    _p("destination with the highest average arrival delay", *_WORST_DEST, ordered=True),
    _p("平均到达延误最低的目的地", *_BEST_DEST, ordered=True),
    # date spans, weeks, fiscal years
    _p("flights between March 1 and March 10", _MAR_1_10),
    _p("3月1日到3月10日的航班数", _MAR_1_10),
    _p("flights before July 4", _BEFORE_JUL4),
    _p("7月4日之前的航班数", _BEFORE_JUL4),
    _p("flights last week", *_LAST_WEEK),
    _p("上周的航班数", *_LAST_WEEK),
    _p("周末的航班数", _WEEKEND),
    _p("flights in fiscal year 2013"),
    _p("2013财年的航班数"),
    # follow-up fragments without context
    _p("and for LGA?"),
    _p("那JFK呢？"),
    _p("按月呢"),
    # session 8 (ZHGRAM): two sides as one number, a count of groups (written before the run)
    _p(
        "UA的航班数是AA的几倍",
        "SELECT SUM(CASE WHEN carrier = 'UA' THEN 1 ELSE 0 END) * 1.0 / "
        "SUM(CASE WHEN carrier = 'AA' THEN 1 ELSE 0 END) FROM flights",
    ),
    _p("每月UA的航班数是AA的几倍"),
    _p("UA的取消率比AA高多少"),
    _p("航班数超过10000的航空公司有多少家"),
]

# -- MetricFlow simple_manifest, synthetic lodging data (today 2025-01-15) ---------------------
_L = "LEFT JOIN dim_listings_latest l ON b.listing_id = l.listing_id"
_LV = "LEFT JOIN dim_listings_latest l ON v.listing_id = l.listing_id"
_B = "SELECT COUNT(*) FROM fct_bookings"
# views and dim_users both declare `ds_partitioned` as a partition: MetricFlow joins them on it
# too (the user's row of the view's day); added as a second gold after the first run
_PART = "AND v.ds_partitioned = u.ds_partitioned"
_V_BY_STATE = (
    f"SELECT u.home_state, COUNT(*) FROM fct_views v LEFT JOIN dim_users u "
    f"ON v.user_id = u.user_id {_PART} GROUP BY 1",
    "SELECT u.home_state, COUNT(*) FROM fct_views v LEFT JOIN dim_users u "
    "ON v.user_id = u.user_id GROUP BY 1",
    "SELECT u.home_state_latest, COUNT(*) FROM fct_views v LEFT JOIN dim_users_latest u "
    "ON v.user_id = u.user_id GROUP BY 1",
)
_V_CA = (
    f"SELECT COUNT(*) FROM fct_views v LEFT JOIN dim_users u ON v.user_id = u.user_id {_PART} "
    "WHERE u.home_state = 'CA'",
    "SELECT COUNT(*) FROM fct_views v LEFT JOIN dim_users u ON v.user_id = u.user_id "
    "WHERE u.home_state = 'CA'",
    "SELECT COUNT(*) FROM fct_views v LEFT JOIN dim_users_latest u ON v.user_id = u.user_id "
    "WHERE u.home_state_latest = 'CA'",
)
_V_CA_SHARE = (
    "SELECT SUM(CASE WHEN u.home_state = 'CA' THEN 1 ELSE 0 END) * 1.0 / COUNT(*) "
    f"FROM fct_views v LEFT JOIN dim_users u ON v.user_id = u.user_id {_PART}",
    "SELECT SUM(CASE WHEN u.home_state = 'CA' THEN 1 ELSE 0 END) * 1.0 / COUNT(*) "
    "FROM fct_views v LEFT JOIN dim_users u ON v.user_id = u.user_id",
    "SELECT SUM(CASE WHEN u.home_state_latest = 'CA' THEN 1 ELSE 0 END) * 1.0 / COUNT(*) "
    "FROM fct_views v LEFT JOIN dim_users_latest u ON v.user_id = u.user_id",
)
_V_OWNER_CA = (
    f"SELECT COUNT(*) FROM fct_views v {_LV} LEFT JOIN dim_users u ON l.user_id = u.user_id "
    "WHERE u.home_state = 'CA'",
    f"SELECT COUNT(*) FROM fct_views v {_LV} LEFT JOIN dim_users_latest u "
    "ON l.user_id = u.user_id WHERE u.home_state_latest = 'CA'",
)
_B_OWNER_STATE = (
    f"SELECT u.home_state, COUNT(*) FROM fct_bookings b {_L} LEFT JOIN dim_users u "
    "ON l.user_id = u.user_id GROUP BY 1",
    f"SELECT u.home_state_latest, COUNT(*) FROM fct_bookings b {_L} LEFT JOIN dim_users_latest u "
    "ON l.user_id = u.user_id GROUP BY 1",
)
_VISITS_CO = (
    "SELECT c.company_name, COUNT(*) FROM fct_visits v LEFT JOIN dim_companies c "
    "ON v.user_id = c.user_id GROUP BY 1"
)
_BLUEBIRD = (
    "SELECT SUM(r.revenue) FROM fct_revenue r LEFT JOIN dim_companies c ON r.user_id = c.user_id "
    "WHERE c.company_name LIKE 'Bluebird%'"
)
_L12_MONTH = (
    "SELECT DATE_TRUNC('month', ds), COUNT(*) FROM fct_bookings WHERE listing_id = 12 GROUP BY 1"
)
_CAP12_VALUE = f"SELECT SUM(b.booking_value) FROM fct_bookings b {_L} WHERE l.capacity = 12"
_FB_AD = "SELECT COUNT(*) FROM fct_visits WHERE referrer_id LIKE 'fb_ad%'"
_NOT_US = "SELECT country, COUNT(*) FROM dim_listings_latest WHERE country <> 'us' GROUP BY 1"
_NOT_LUX = (
    f"{_B} b {_L} WHERE NOT l.is_lux",
    f"{_B} b {_L} WHERE l.is_lux IS DISTINCT FROM TRUE",
)
_AT_LEAST_8 = "SELECT COUNT(*) FROM dim_listings_latest WHERE capacity >= 8"
_OVER_2024 = f"{_B} WHERE booking_value > 2024"
_GUESTS_5 = (
    "SELECT COUNT(*) FROM (SELECT guest_id FROM fct_bookings GROUP BY 1 HAVING COUNT(*) > 5)"
)
_VIEWS_PER_LISTING = (
    "SELECT (SELECT COUNT(*) FROM fct_views) * 1.0 / (SELECT COUNT(*) FROM dim_listings_latest)",
    "SELECT listing_id, COUNT(*) FROM fct_views GROUP BY 1",
)
_REV_PER_USER = (
    "SELECT SUM(revenue) / COUNT(DISTINCT user_id) FROM fct_revenue",
    "SELECT (SELECT SUM(revenue) FROM fct_revenue) / (SELECT COUNT(*) FROM dim_users)",
    "SELECT user_id, SUM(revenue) FROM fct_revenue GROUP BY 1",
)
_REV_MONTHLY = (
    "SELECT DATE_TRUNC('month', created_at) AS m, SUM(revenue) AS r FROM fct_revenue GROUP BY 1"
)
_CUM_REV_2024 = (
    f"SELECT m, c FROM (SELECT m, SUM(r) OVER (ORDER BY m) AS c FROM ({_REV_MONTHLY})) "
    "WHERE m >= DATE '2024-01-01' AND m < DATE '2025-01-01'",
    f"SELECT m, SUM(r) OVER (ORDER BY m) FROM ({_REV_MONTHLY}) "
    "WHERE m >= DATE '2024-01-01' AND m < DATE '2025-01-01'",
)
_TOP_LISTING = (
    "SELECT listing_id FROM fct_bookings WHERE listing_id IS NOT NULL GROUP BY 1 "
    "ORDER BY COUNT(*) DESC LIMIT 1"
)
_MAR_24 = f"{_B} WHERE {_between('ds', '2024-03-01', '2024-04-01')}"
_WEEK1 = f"{_B} WHERE {_between('ds', '2024-01-01', '2024-01-08')}"

MF_SIMPLE: list[Probe] = [
    # "user" reached through several entities: the guest, the host, the listing's owner
    _p("bookings by user"),
    _p("按用户统计预订数"),
    _p("bookings by user home state"),
    _p("views by user home state", *_V_BY_STATE),
    _p("各州用户的浏览量", *_V_BY_STATE),
    _p("views of listings owned by users in CA", *_V_OWNER_CA),
    _p("CA用户的浏览量", *_V_CA),
    _p("share of views from CA users", *_V_CA_SHARE),
    _p("CA用户的浏览量占比", *_V_CA_SHARE),
    _p("bookings by listing owner home state", *_B_OWNER_STATE),
    _p("visits by company name", _VISITS_CO),
    _p("各公司的访问量", _VISITS_CO),
    _p("revenue of Bluebird companies", _BLUEBIRD),
    _p("Bluebird公司的收入", _BLUEBIRD),
    # identifiers as filters next to numbers that are also months or capacities
    _p("bookings of guest 1215", f"{_B} WHERE guest_id = 1215"),
    _p(
        "客人1215的预订金额",
        "SELECT SUM(booking_value) FROM fct_bookings WHERE guest_id = 1215",
    ),
    _p("listings of user 593", "SELECT COUNT(*) FROM dim_listings_latest WHERE user_id = 593"),
    _p("bookings of listing 12 by month", _L12_MONTH),
    _p("房源12每月的预订数", _L12_MONTH),
    _p("booking value of listings with capacity 12", _CAP12_VALUE),
    _p("容量为12的房源的预订金额", _CAP12_VALUE),
    # a value inside several values, values with underscores
    _p("visits from fb_ad", _FB_AD),
    _p("来自fb_ad的访问量", _FB_AD),
    _p(
        "checking account balance in 2024",
        "SELECT SUM(account_balance) FROM fct_accounts WHERE account_type = 'checking' AND "
        f"{_between('ds', '2024-01-01', '2025-01-01')}",
    ),
    _p(
        "drivers license verifications",
        "SELECT COUNT(*) FROM fct_id_verifications WHERE verification_type = 'drivers_license'",
    ),
    _p(
        "national id验证次数",
        "SELECT COUNT(*) FROM fct_id_verifications WHERE verification_type = 'national_id'",
    ),
    # thresholds that look like years, "at least", a row count over a group
    _p("bookings worth more than 2024 dollars", _OVER_2024),
    _p("预订金额超过2024美元的预订数", _OVER_2024),
    _p("listings with a capacity of at least 8", _AT_LEAST_8),
    _p("容量至少为8的房源数", _AT_LEAST_8),
    _p("bookings over 1.5k", f"{_B} WHERE booking_value > 1500"),
    _p("预订超过5次的客人数", _GUESTS_5),
    # negation and exclusion
    _p("除了us以外各国家的房源数", _NOT_US),
    _p("listings by country excluding us", _NOT_US),
    _p("不含豪华房源的预订数", *_NOT_LUX),
    _p("非即时预订的预订数", f"{_B} WHERE NOT is_instant"),
    _p("未付款的预订数", f"{_B} WHERE paid_at IS NULL"),
    _p(
        "booking value excluding jp listings",
        f"SELECT SUM(b.booking_value) FROM fct_bookings b {_L} WHERE l.country <> 'jp'",
        # an exclusion keeps the bookings of no listing country, which are not jp (probes20)
        f"SELECT SUM(b.booking_value) FROM fct_bookings b {_L} WHERE l.country IS DISTINCT FROM 'jp'",
    ),
    _p("不是ca房源的浏览量", f"SELECT COUNT(*) FROM fct_views v {_LV} WHERE l.country <> 'ca'"),
    # per, each, ratios of ratios
    _p("平均每个房源的浏览量", *_VIEWS_PER_LISTING),
    _p("每位用户的平均收入", *_REV_PER_USER),
    _p("bookings per booker divided by bookings per view"),
    _p("每位预订人的预订数除以每次浏览的预订数"),
    # cumulative against period
    _p("cumulative revenue by month in 2024", *_CUM_REV_2024),
    _p("2024年每月的累计收入", *_CUM_REV_2024),
    _p(
        "截至2024年6月底的累计收入",
        "SELECT SUM(revenue) FROM fct_revenue WHERE created_at < DATE '2024-07-01'",
    ),
    # NULL keys in rankings
    _p("listing with the most bookings", _TOP_LISTING),
    _p("预订最多的房源", _TOP_LISTING),
    _p(
        "访问量前三的来源",
        "SELECT referrer_id FROM fct_visits GROUP BY 1 ORDER BY COUNT(*) DESC LIMIT 3",
        ordered=True,
    ),
    # date spans and weeks
    _p("bookings between 2024-03-01 and 2024-03-31", _MAR_24),
    _p("2024年3月1日至3月31日的预订数", _MAR_24),
    _p("bookings in the first week of 2024", _WEEK1),
    _p("2024年第一周的预订数", _WEEK1),
    _p("bookings paid before 2024", f"{_B} WHERE paid_at < DATE '2024-01-01'"),
    # follow-up fragments without context
    _p("what about instant ones?"),
    _p("换成按国家"),
    _p("和去年比呢"),
]

# -- TPC-DS sf0.1 (today 2002-12-31, a Tuesday) ------------------------------------------------
_BILL = "LEFT JOIN customers c ON s.bill_customer_sk = c.customer_sk"
_SHIP = "LEFT JOIN customers c ON s.ship_customer_sk = c.customer_sk"
_RCUST = "LEFT JOIN customers c ON r.returning_customer_sk = c.customer_sk"
_ITEM = "LEFT JOIN items i ON s.item_sk = i.item_sk"
_S = "SELECT SUM(sales_amount) FROM sales"
_BY_SHIP_STATE = f"SELECT c.state, SUM(s.sales_amount) FROM sales s {_SHIP} GROUP BY 1"
_BY_BILL_STATE = f"SELECT c.state, SUM(s.sales_amount) FROM sales s {_BILL} GROUP BY 1"
_NOT_BOOKS_MUSIC = (
    f"SELECT SUM(s.sales_amount) FROM sales s {_ITEM} WHERE i.category NOT IN ('Books', 'Music')",
    f"SELECT SUM(s.sales_amount) FROM sales s {_ITEM} "
    "WHERE i.category IS NULL OR i.category NOT IN ('Books', 'Music')",
)
_NOT_PREF_RETURNS = (
    f"SELECT SUM(r.return_amount) FROM sales_returns r {_RCUST} WHERE c.preferred_customer = 'N'"
)
_PRICE_10_20 = (
    f"SELECT SUM(s.sales_amount) FROM sales s {_ITEM} "
    "WHERE i.current_price >= 10 AND i.current_price <= 20"
)
_TOP_CITIES = (
    f"SELECT c.city FROM sales s {_BILL} WHERE c.city IS NOT NULL GROUP BY 1 "
    "ORDER BY SUM(s.sales_amount) DESC LIMIT 3"
)
_WEB_RETURN_SHARE = (
    "SELECT SUM(CASE WHEN channel = 'web' THEN 1 ELSE 0 END) * 1.0 / COUNT(*) FROM sales_returns"
)
_RETURN_OVER_SALES = (
    "SELECT (SELECT SUM(return_amount) FROM sales_returns) / (SELECT SUM(sales_amount) FROM sales)"
)
_Q1_02 = f"{_S} WHERE {_between('sold_date', '2002-01-01', '2002-04-01')}"
_LAST_WEEK_02 = (
    f"{_S} WHERE {_between('sold_date', '2002-12-23', '2002-12-30')}",
    f"{_S} WHERE {_between('sold_date', '2002-12-22', '2002-12-29')}",
)
_CUM_YEAR = (
    "SELECT y, SUM(t) OVER (ORDER BY y) FROM (SELECT DATE_TRUNC('year', sold_date) AS y, "
    "SUM(sales_amount) AS t FROM sales GROUP BY 1)"
)
_PER_CUSTOMER_02 = (
    f"SELECT SUM(sales_amount) / COUNT(DISTINCT bill_customer_sk) FROM sales "
    f"WHERE {_between('sold_date', '2002-01-01', '2003-01-01')}",
    f"SELECT bill_customer_sk, SUM(sales_amount) FROM sales "
    f"WHERE {_between('sold_date', '2002-01-01', '2003-01-01')} GROUP BY 1",
)

TPCDS: list[Probe] = [
    # a role word after the noun, an unqualified customer
    _p("sales by state of the ship-to customer", _BY_SHIP_STATE),
    _p("按收货客户的州统计销售额", _BY_SHIP_STATE),
    _p("sales by state of the bill-to customer", _BY_BILL_STATE),
    _p("各州客户的销售额", _BY_BILL_STATE),
    _p(
        "returns by state of the returning customer",
        f"SELECT c.state, COUNT(*) FROM sales_returns r {_RCUST} GROUP BY 1",
    ),
    # negation and exclusion
    _p("除了store渠道以外的销售额", f"{_S} WHERE channel <> 'store'"),
    _p("sales outside the store channel", f"{_S} WHERE channel <> 'store'"),
    _p("不含Books和Music品类的销售额", *_NOT_BOOKS_MUSIC),
    _p("非优选客户的退货金额", _NOT_PREF_RETURNS),
    _p("未发货的销售额", f"{_S} WHERE ship_date IS NULL"),
    # thresholds, one that looks like a year, an inclusive price band
    _p("sale lines with quantity over 50", "SELECT COUNT(*) FROM sales WHERE quantity > 50"),
    _p("数量超过50的销售行数", "SELECT COUNT(*) FROM sales WHERE quantity > 50"),
    _p("sales of items priced between 10 and 20 dollars", _PRICE_10_20),
    _p("当前价格在10到20美元之间的商品的销售额", _PRICE_10_20),
    _p("sales of lines with net profit above 1999", f"{_S} WHERE net_profit > 1999"),
    _p("净利润超过1999美元的销售行的销售额", f"{_S} WHERE net_profit > 1999"),
    # per, shares, a ratio across two models, a ratio of ratios
    _p("average sales per customer in 2002", *_PER_CUSTOMER_02),
    _p("web share of returns", _WEB_RETURN_SHARE),
    _p("web渠道退货数占比", _WEB_RETURN_SHARE),
    _p("return amount as a share of sales", _RETURN_OVER_SALES),
    _p("退货金额占销售额的比例", _RETURN_OVER_SALES),
    _p("profit margin of web divided by profit margin of store"),
    _p("web渠道利润率是store渠道的几倍"),
    # cumulative against period
    _p("cumulative sales by year", _CUM_YEAR),
    _p("截至2001年底的累计销售额", f"{_S} WHERE sold_date < DATE '2002-01-01'"),
    # NULL keys in rankings
    _p("top 3 cities by sales", _TOP_CITIES, ordered=True),
    _p("销售额最高的前3个城市", _TOP_CITIES, ordered=True),
    # date spans and weeks
    _p("sales between 2002-01-01 and 2002-03-31", _Q1_02),
    _p("2002年1月到3月的销售额", _Q1_02),
    _p("上周的销售额", *_LAST_WEEK_02),
    _p("sales in fiscal 2002"),
    # follow-up fragments without context
    _p("那web渠道呢"),
    _p("by state instead"),
]

# -- the built-in model without synonyms over the demo warehouse (today 2026-11-20, a Friday) ---
_O = "SELECT COUNT(*) FROM orders"
_G = "SELECT SUM(goods_amount) FROM orders"
_OC = "LEFT JOIN customers c ON o.customer_id = c.customer_id"
_NOT_JD_TMALL = f"{_G} WHERE channel NOT IN ('jd', 'tmall')"
_JD_SHARE = (
    "SELECT SUM(CASE WHEN channel = 'jd' THEN goods_amount ELSE 0 END) / SUM(goods_amount) "
    "FROM orders"
)
_PER_CHANNEL = (
    "SELECT SUM(goods_amount) / COUNT(DISTINCT channel) FROM orders",
    "SELECT channel, SUM(goods_amount) FROM orders GROUP BY 1",
)
_G_MONTHLY = (
    "SELECT DATE_TRUNC('month', created_at) AS m, SUM(goods_amount) AS g FROM orders GROUP BY 1"
)
_CUM_GMV_2026 = (
    f"SELECT m, c FROM (SELECT m, SUM(g) OVER (ORDER BY m) AS c FROM ({_G_MONTHLY})) "
    "WHERE m >= DATE '2026-01-01' AND m < DATE '2027-01-01'",
    f"SELECT m, SUM(g) OVER (ORDER BY m) FROM ({_G_MONTHLY}) "
    "WHERE m >= DATE '2026-01-01' AND m < DATE '2027-01-01'",
)
_MTD = f"{_G} WHERE {_between('created_at', '2026-11-01', '2026-11-21')}"
_TOP_PROMO = (
    "SELECT promotion FROM orders WHERE promotion IS NOT NULL GROUP BY 1 ORDER BY COUNT(*) DESC "
    "LIMIT 1"
)
_NOV_1_10 = f"{_O} WHERE {_between('created_at', '2026-11-01', '2026-11-11')}"
_LAST_WEEK_26 = (
    f"{_G} WHERE {_between('created_at', '2026-11-09', '2026-11-16')}",
    f"{_G} WHERE {_between('created_at', '2026-11-08', '2026-11-15')}",
)
_OVER_2026 = f"{_O} WHERE goods_amount > 2026"
# the listing reading of "orders with gmv over 2026" (each order with its GMV), complete at
# 3,350 rows: added as a second gold after the first run
_OVER_2026_LIST = "SELECT order_id, goods_amount FROM orders WHERE goods_amount > 2026"
# a bare "region" / "city" is the customer dimension of that exact name; the destination's
# are `destination_region` / `destination_city` (read so by the engine's exact-name rule;
# written first as refusals, revised after the first run)
_BY_REGION = f"SELECT c.region, COUNT(*) FROM orders o {_OC} GROUP BY 1"
_BY_CITY = f"SELECT c.city, SUM(o.goods_amount) FROM orders o {_OC} GROUP BY 1"

NOSYN: list[Probe] = [
    # a value or a word that two roles share: the customer's or the destination's
    _p("orders by region", _BY_REGION),
    _p("按地区统计订单数", _BY_REGION),
    _p("各城市的GMV", _BY_CITY),
    _p("上海的订单数"),
    _p("orders from 上海 customers", f"{_O} o {_OC} WHERE c.city = '上海'"),
    _p("发往上海的订单数", f"{_O} WHERE destination_city = '上海'"),
    # negation and exclusion
    _p("除了jd和tmall以外的GMV", _NOT_JD_TMALL),
    _p("gmv excluding jd and tmall", _NOT_JD_TMALL),
    _p("不含预售订单的GMV", f"{_G} WHERE NOT is_presale"),
    _p("非b2b客户的订单数", f"{_O} o {_OC} WHERE NOT c.is_b2b"),
    _p("未付款订单的GMV", f"{_G} WHERE payment_status = 'unpaid'"),
    # thresholds that look like years
    _p("orders with gmv over 2026", _OVER_2026, _OVER_2026_LIST),
    _p("GMV超过2026的订单数", _OVER_2026),
    # per, shares
    _p("平均每个渠道的GMV", *_PER_CHANNEL),
    _p("share of gmv from jd", _JD_SHARE),
    _p("jd的GMV占比", _JD_SHARE),
    # cumulative against period, to-date
    _p("cumulative GMV by month in 2026", *_CUM_GMV_2026),
    _p("2026年每月的累计GMV", *_CUM_GMV_2026),
    _p("GMV month to date", _MTD),
    _p("本月至今的GMV", _MTD),
    # NULL keys in rankings
    _p("promotion with the most orders", _TOP_PROMO),
    _p("订单最多的促销活动", _TOP_PROMO),
    # date spans and weeks
    _p("orders between November 1 and November 10", _NOV_1_10),
    _p("11月1日到11月10日的订单数", _NOV_1_10),
    _p("上周的GMV", *_LAST_WEEK_26),
    _p("gmv last week", *_LAST_WEEK_26),
    # follow-up fragments without context
    _p("只看jd"),
    _p("按周呢"),
]

SETS: dict[str, list[Probe]] = {
    "flights": FLIGHTS,
    "mf_simple": MF_SIMPLE,
    "tpcds": TPCDS,
    "nosyn": NOSYN,
}
