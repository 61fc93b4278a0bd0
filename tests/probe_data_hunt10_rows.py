"""Wrong-answer hunt, session 10: probes around the rules landed during the session (data).

Sixth batch, written before it was run, on the same three models (``tests/probe_data_hunt10``
and ``tests/probe_data_hunt10_saas``): a condition on each counted row's own value
(``rules.row_conditions``: "number of trips with a fuel cost over 200") beside a condition on
each entity's total or average (trucks, members) or on a dimension's groups (origins); "new" and
verbs of creation restating a dated count ("new members per month"), never a value ("new
invoices amount"); the earliest or latest date of one value's rows ("earliest join date of gold
members") beside a latest metric that has no such reading.
"""

from __future__ import annotations

_FEB = "between '2026-02-01' and '2026-02-28'"

GYM_ROW_PROBES: list[tuple[str, tuple[str, ...]]] = [
    ("number of bookings with a fee over 20", ("select count(*) from bookings where fee > 20",)),
    (
        "number of bookings with booking revenue over 30",
        ("select count(*) from bookings where fee > 30",),
    ),
    (
        "number of bookings with an average fee over 30",
        ("select count(*) from bookings where fee > 30",),
    ),
    (
        "number of members with booking revenue over 100",
        ("select count(*) from (select member_id from bookings group by 1 having sum(fee) > 100)",),
    ),
    (
        "number of members with an average fee over 30",
        ("select count(*) from (select member_id from bookings group by 1 having avg(fee) > 30)",),
    ),
    ("how many bookings had a fee above the average fee", ()),
    (
        "new members per month",
        ("select date_trunc('month', joined_on), count(*) from members group by 1",),
    ),
    ("new bookings last month", (f"select count(*) from bookings where booked_on {_FEB}",)),
    (
        "今年新增了多少会员",
        (
            "select count(*) from members where joined_on >= '2026-01-01' and joined_on < '2027-01-01'",
        ),
    ),
    ("new booking revenue last month", ()),
    (
        "earliest join date of gold members",
        ("select min(joined_on) from members where tier = 'gold'",),
    ),
    (
        "latest booking date for yoga",
        ("select max(booked_on) from bookings where class_type = 'yoga'",),
    ),
    ("latest booking revenue for yoga", ()),
    (
        "earliest booking date per member for yoga",
        ("select member_id, min(booked_on) from bookings where class_type = 'yoga' group by 1",),
    ),
]

FLEET_ROW_PROBES: list[tuple[str, tuple[str, ...]]] = [
    (
        "number of trips with fuel cost over 200",
        ("select count(*) from trips where fuel_cost > 200",),
    ),
    (
        "number of trips with a distance over 300 by origin",
        ("select origin, count(*) from trips where distance_km > 300 group by 1",),
    ),
    (  # the measure is named km_sum: its unit is read from the name
        "number of trips with a distance over 300 km",
        ("select count(*) from trips where distance_km > 300",),
    ),
    (
        "number of trucks with fuel cost over 1000",
        (
            "select count(*) from (select truck_id from trips group by 1 having sum(fuel_cost) > 1000)",
        ),
    ),
    (
        "number of origins with distance over 5000",
        (
            "select count(*) from (select origin from trips group by 1 having sum(distance_km) > 5000)",
        ),
    ),
    ("new trucks last year", ()),
    (
        "latest departure date for delayed trips",
        ("select max(departed_on) from trips where status = 'delayed'",),
    ),
]

SAAS_ROW_PROBES: list[tuple[str, tuple[str, ...]]] = [
    (
        "number of invoices with an invoiced amount over 500",
        ("select count(*) from invoices where amount > 500",),
    ),
    (
        "number of accounts with an invoiced amount over 2000",
        (
            "select count(*) from (select account_id from invoices group by 1 having sum(amount) > 2000)",
        ),
    ),
    (
        "new accounts by industry",
        ("select industry, count(*) from accounts group by 1",),
    ),
    ("new invoices amount last month", ()),
    (
        "latest invoice date for overdue invoices",
        ("select max(issued_on) from invoices where status = 'overdue'",),
    ),
    (
        "开票金额超过500的发票有多少张",
        ("select count(*) from invoices where amount > 500",),
    ),
]
