"""Seeded data for the `thelook_masterclass` external set: the marts the semantic models read.

Why generated: the project (nezzar-knowles/dbt-masterclass, a dbt course over Google's public
"theLook eCommerce" apparel shop) builds its marts from BigQuery's ``thelook_ecommerce`` tables,
which are not available offline. This builds, under the names dbt gives them (target schema
``main`` + ``+schema: marts`` through the project's own ``generate_schema_name`` =
``main_marts``), the five marts its semantic models read, with the columns their ``.sql`` select:

* ``fct_orders``: one row per order (status, revenue = its line items' sale prices, days to
  ship / deliver, ``was_returned``, holiday flag and name from the project's holiday seed, the
  traffic source of the session that preceded it within 24 hours or NULL).
* ``fct_order_items``: one row per line item (product, category, department, brand, the
  product's distribution centre, sale price, cost, margin = price - cost, the order's status).
* ``fct_sessions``: one row per browsing session (traffic source, browser, events, whether it
  held a purchase); guests' sessions have no user.
* ``dim_customers``: one row per user (signup, acquisition channel, gender, state, country,
  nearest distribution centre, lifetime revenue and orders, ``customer_segment``).
* ``time_spine_daily`` (``main_staging``, the project's own spine model): 2020-01-01 .. 2029-12-31.
* ``fct_inventory``: one row per stocked unit (product, category, department, unit cost,
  stocked and sold time, ``is_currently_in_stock``, days in inventory for unsold units as of
  2026-12-07).

Both sides of every filter and threshold a question can use: every order status (processing,
shipped, complete, cancelled, returned), returned and kept orders, orders on and off holidays,
attributed and unattributed orders, converted and bounced sessions, guests and users, customers
who never bought, bought once and came back, sold and unsold stock, men's and women's lines,
several brands, categories, centres, countries and channels. Activity runs 2025-01-01 ..
2026-12-06 (the evaluation is asked on 2026-12-07), users signed up from 2024-06-01, seed 30.
"""

from __future__ import annotations

import datetime as dt
import random

import duckdb
import pandas as pd

SEED = 30
START = dt.date(2025, 1, 1)
END = dt.date(2026, 12, 6)  # last day with activity; "today" is 2026-12-07
TODAY = dt.date(2026, 12, 7)
SIGNUP_START = dt.date(2024, 6, 1)
N_USERS = 520
N_GUEST_SESSIONS = 700
N_UNSOLD_UNITS = 900

#: the project's seeds/holiday_calendar.csv rows for the years with activity
HOLIDAYS = {
    "2025-01-01": "New Year's Day",
    "2025-01-20": "Martin Luther King Jr. Day",
    "2025-02-14": "Valentine's Day",
    "2025-02-17": "Washington's Birthday",
    "2025-05-11": "Mother's Day",
    "2025-05-26": "Memorial Day",
    "2025-06-15": "Father's Day",
    "2025-06-19": "Juneteenth National Independence Day",
    "2025-07-04": "Independence Day",
    "2025-09-01": "Labor Day",
    "2025-10-13": "Columbus Day",
    "2025-10-31": "Halloween",
    "2025-11-11": "Veterans Day",
    "2025-11-27": "Thanksgiving Day",
    "2025-11-28": "Black Friday",
    "2025-12-01": "Cyber Monday",
    "2025-12-25": "Christmas Day",
    "2026-01-01": "New Year's Day",
    "2026-01-19": "Martin Luther King Jr. Day",
    "2026-02-14": "Valentine's Day",
    "2026-02-16": "Washington's Birthday",
    "2026-05-10": "Mother's Day",
    "2026-05-25": "Memorial Day",
    "2026-06-19": "Juneteenth National Independence Day",
    "2026-06-21": "Father's Day",
    "2026-07-03": "Independence Day (observed)",
    "2026-07-04": "Independence Day",
    "2026-09-07": "Labor Day",
    "2026-10-12": "Columbus Day",
    "2026-10-31": "Halloween",
    "2026-11-11": "Veterans Day",
    "2026-11-26": "Thanksgiving Day",
    "2026-11-27": "Black Friday",
    "2026-11-30": "Cyber Monday",
}
#: extra orders on the big shopping days (both sides of "placed on a holiday")
HOLIDAY_BOOST = {
    "Black Friday": 18,
    "Cyber Monday": 14,
    "Thanksgiving Day": 6,
    "Valentine's Day": 5,
}

CENTRES = (
    "Memphis TN",
    "Chicago IL",
    "Houston TX",
    "Los Angeles CA",
    "Philadelphia PA",
    "Savannah GA",
)
#: department -> (category, retail price range)
CATEGORIES = {
    "Men": (
        ("Jeans", 45, 110),
        ("Outerwear & Coats", 80, 240),
        ("Tops & Tees", 15, 45),
        ("Sweaters", 40, 120),
        ("Active", 20, 70),
        ("Swim", 20, 60),
    ),
    "Women": (
        ("Dresses", 35, 160),
        ("Jeans", 45, 120),
        ("Tops & Tees", 15, 50),
        ("Sweaters", 40, 130),
        ("Skirts", 25, 80),
        ("Swim", 25, 90),
        ("Active", 20, 75),
    ),
}
BRANDS = (
    "Levi's",
    "Calvin Klein",
    "Carhartt",
    "Columbia",
    "Nike",
    "Tommy Hilfiger",
    "Allegra K",
    "Quiksilver",
    "Champion",
    "Wrangler",
)
#: country -> (weight, states or regions)
COUNTRIES = {
    "United States": (40, ("California", "Texas", "New York", "Florida", "Illinois")),
    "China": (14, ("Guangdong", "Shanghai", "Beijing")),
    "Brasil": (10, ("São Paulo", "Rio de Janeiro")),
    "United Kingdom": (8, ("England", "Scotland")),
    "Germany": (8, ("Bayern", "Berlin")),
    "Japan": (7, ("Tokyo", "Osaka")),
    "France": (7, ("Île-de-France", "Provence-Alpes-Côte d'Azur")),
    "Australia": (6, ("New South Wales", "Victoria")),
}
US_CENTRE = {
    "California": "Los Angeles CA",
    "Texas": "Houston TX",
    "New York": "Philadelphia PA",
    "Florida": "Savannah GA",
    "Illinois": "Chicago IL",
}
SOURCES = (("Search", 35), ("Organic", 15), ("Facebook", 20), ("Email", 15), ("Display", 15))
BROWSERS = (("Chrome", 50), ("Safari", 25), ("Firefox", 12), ("IE", 5), ("Other", 8))
STATUSES = (
    ("complete", 52),
    ("shipped", 10),
    ("processing", 3),
    ("cancelled", 15),
    ("returned", 20),
)


def _pick(rng: random.Random, weighted: tuple[tuple[str, int], ...]) -> str:
    return rng.choices([k for k, _ in weighted], [w for _, w in weighted])[0]


def _at(day: dt.date, rng: random.Random) -> dt.datetime:
    return dt.datetime.combine(
        day, dt.time(rng.randint(7, 22), rng.randint(0, 59), rng.randint(0, 59))
    )


def _products(rng: random.Random) -> list[tuple]:
    """(product_id, department, category, brand, centre, retail, cost, weight)."""
    out = []
    n = 0
    for dept, cats in CATEGORIES.items():
        for cat, lo, hi in cats:
            for _ in range(rng.randint(4, 7)):
                n += 1
                retail = round(rng.uniform(lo, hi), 2)
                cost = round(retail * rng.uniform(0.38, 0.62), 2)
                out.append(
                    (
                        f"P{n:04d}",
                        dept,
                        cat,
                        rng.choice(BRANDS),
                        rng.choice(CENTRES),
                        retail,
                        cost,
                        rng.choice((1, 2, 3)),
                    )
                )
    return out


def _users(rng: random.Random) -> list[dict]:
    users = []
    span = (dt.date(2026, 12, 1) - SIGNUP_START).days
    names = list(COUNTRIES)
    weights = [COUNTRIES[c][0] for c in names]
    for i in range(1, N_USERS + 1):
        country = rng.choices(names, weights)[0]
        state = rng.choice(COUNTRIES[country][1])
        signup = SIGNUP_START + dt.timedelta(days=rng.randint(0, span))
        users.append(
            {
                "user_id": f"U{i:04d}",
                "gender": rng.choice(("M", "F")),
                "country": country,
                "state": state,
                "channel": _pick(rng, SOURCES),
                "signup_at": _at(signup, rng),
                "centre": US_CENTRE.get(state) or rng.choice(CENTRES),
                # a fifth never buy; the rest buy 1..9 times (one-time and repeat customers)
                "n_orders": 0
                if rng.random() < 0.2
                else rng.choices(range(1, 10), (30, 18, 14, 10, 8, 7, 6, 4, 3))[0],
            }
        )
    return users


def _order_days(rng: random.Random, user: dict) -> list[dt.date]:
    first = max(START, user["signup_at"].date())
    if first > END:
        return []
    span = (END - first).days
    return sorted(first + dt.timedelta(days=rng.randint(0, span)) for _ in range(user["n_orders"]))


def _status(rng: random.Random, day: dt.date) -> str:
    if day >= END - dt.timedelta(days=4):
        return "processing" if rng.random() < 0.6 else "shipped"
    return _pick(rng, STATUSES)


def _insert(con: duckdb.DuckDBPyConnection, table: str, rows: list[tuple]) -> None:
    """Insert ``rows`` through one DataFrame: ``executemany`` row by row took a minute here."""
    frame = pd.DataFrame(rows, dtype=object)
    con.register("gen_rows", frame)
    try:
        con.execute(f"INSERT INTO {table} SELECT * FROM gen_rows")
    finally:
        con.unregister("gen_rows")


def build(con: duckdb.DuckDBPyConnection) -> None:
    """Create the five marts in ``main_marts`` and the time spine in ``main_staging``."""
    rng = random.Random(SEED)
    products = _products(rng)
    by_dept = {d: [p for p in products if p[1] == d] for d in CATEGORIES}
    users = _users(rng)
    plans: list[tuple[dict, dt.date]] = []
    for u in users:
        plans.extend((u, d) for d in _order_days(rng, u))
    buyers = [u for u in users if u["n_orders"] and u["signup_at"].date() <= END]
    for name, extra in HOLIDAY_BOOST.items():
        for day_s, hol in HOLIDAYS.items():
            if hol == name:
                day = dt.date.fromisoformat(day_s)
                for _ in range(extra):
                    u = rng.choice([b for b in buyers if b["signup_at"].date() <= day])
                    plans.append((u, day))
    plans.sort(key=lambda p: (p[1], p[0]["user_id"]))

    orders, items, sessions, units = [], [], [], []
    n_item = n_unit = n_sess = 0
    for n_order, (u, day) in enumerate(plans, start=1):
        order_id = f"O{n_order:05d}"
        created = _at(day, rng)
        status = _status(rng, day)
        shipped = delivered = returned = None
        if status in ("shipped", "complete", "returned"):
            shipped = created + dt.timedelta(
                days=rng.choice((0, 1, 1, 2, 2, 3, 4)), hours=rng.randint(1, 9)
            )
        if status in ("complete", "returned"):
            delivered = shipped + dt.timedelta(days=rng.randint(1, 6), hours=rng.randint(1, 9))
        if status == "returned":
            returned = delivered + dt.timedelta(days=rng.randint(2, 14))
        dept = "Men" if (u["gender"] == "M") == (rng.random() < 0.85) else "Women"
        revenue = 0.0
        n_lines = rng.choices((1, 2, 3, 4), (50, 30, 15, 5))[0]
        for _ in range(n_lines):
            pool = by_dept[dept]
            p = rng.choices(pool, [x[7] for x in pool])[0]
            n_item += 1
            n_unit += 1
            unit_id = f"I{n_unit:06d}"
            items.append(
                (
                    f"OI{n_item:06d}",
                    order_id,
                    u["user_id"],
                    p[0],
                    unit_id,
                    status,
                    p[5],
                    p[6],
                    p[2],
                    p[1],
                    p[3],
                    round(p[5] - p[6], 2),
                    p[4],
                    created,
                    shipped,
                    delivered,
                    returned,
                )
            )
            stocked = created - dt.timedelta(days=rng.randint(5, 240), hours=rng.randint(0, 12))
            units.append((unit_id, p[0], p[2], p[1], p[6], p[5], stocked, created, False, None))
            revenue += p[5]
        source = session_id = None
        if rng.random() < 0.8:  # a session within 24 hours before the order, holding the purchase
            n_sess += 1
            session_id = f"S{n_sess:06d}"
            source = _pick(rng, SOURCES)
            start = created - dt.timedelta(minutes=rng.randint(4, 900))
            sessions.append(
                (
                    session_id,
                    u["user_id"],
                    start,
                    rng.randint(4, 15),
                    1,
                    True,
                    source,
                    _pick(rng, BROWSERS),
                )
            )
        hol = HOLIDAYS.get(day.isoformat())
        orders.append(
            (
                order_id,
                u["user_id"],
                status,
                u["gender"],
                n_lines,
                created,
                round(revenue, 2),
                status == "returned",
                hol,
                hol is not None,
                source,
                session_id,
                (shipped.date() - created.date()).days if shipped else None,
                (delivered.date() - shipped.date()).days if delivered else None,
                (delivered.date() - created.date()).days if delivered else None,
            )
        )

    # browsing without a purchase: users (from signup) and guests (no user)
    for u in users:
        first = max(START, u["signup_at"].date())
        if first > END:
            continue
        for _ in range(rng.randint(1, 9)):
            n_sess += 1
            day = first + dt.timedelta(days=rng.randint(0, (END - first).days))
            sessions.append(
                (
                    f"S{n_sess:06d}",
                    u["user_id"],
                    _at(day, rng),
                    rng.randint(1, 8),
                    0,
                    False,
                    _pick(rng, SOURCES),
                    _pick(rng, BROWSERS),
                )
            )
    for _ in range(N_GUEST_SESSIONS):
        n_sess += 1
        day = START + dt.timedelta(days=rng.randint(0, (END - START).days))
        sessions.append(
            (
                f"S{n_sess:06d}",
                None,
                _at(day, rng),
                rng.randint(1, 6),
                0,
                False,
                _pick(rng, SOURCES),
                _pick(rng, BROWSERS),
            )
        )

    # stock still on the shelves
    for _ in range(N_UNSOLD_UNITS):
        p = rng.choices(products, [x[7] for x in products])[0]
        n_unit += 1
        day = START + dt.timedelta(days=rng.randint(0, (END - START).days))
        stocked = _at(day, rng)
        units.append(
            (
                f"I{n_unit:06d}",
                p[0],
                p[2],
                p[1],
                p[6],
                p[5],
                stocked,
                None,
                True,
                (TODAY - stocked.date()).days,
            )
        )

    con.execute("CREATE SCHEMA IF NOT EXISTS main_staging")
    con.execute(  # models/semantic/time_spine_daily.sql: dbt.date_spine 2020-01-01 .. 2030-01-01
        "CREATE TABLE main_staging.time_spine_daily AS SELECT CAST(d AS DATE) AS date_day "
        "FROM range(DATE '2020-01-01', DATE '2030-01-01', INTERVAL 1 DAY) t(d)"
    )
    con.execute("CREATE SCHEMA IF NOT EXISTS main_marts")
    con.execute(
        "CREATE TABLE main_marts.fct_order_items (order_item_id VARCHAR, order_id VARCHAR, "
        "user_id VARCHAR, product_id VARCHAR, inventory_item_id VARCHAR, order_status VARCHAR, "
        "sale_price DOUBLE, product_cost DOUBLE, product_category VARCHAR, product_department VARCHAR, "
        "product_brand VARCHAR, item_margin DOUBLE, distribution_center_name VARCHAR, "
        "created_at TIMESTAMP, shipped_at TIMESTAMP, delivered_at TIMESTAMP, returned_at TIMESTAMP)"
    )
    _insert(con, "main_marts.fct_order_items", items)
    con.execute(
        "CREATE TABLE main_marts.fct_orders (order_id VARCHAR, user_id VARCHAR, order_status VARCHAR, "
        "gender VARCHAR, num_of_item INTEGER, created_at TIMESTAMP, order_revenue DOUBLE, "
        "was_returned BOOLEAN, holiday_name VARCHAR, placed_on_holiday BOOLEAN, "
        "attributed_traffic_source VARCHAR, attributed_session_id VARCHAR, days_to_ship INTEGER, "
        "days_to_deliver INTEGER, days_to_fulfill INTEGER)"
    )
    _insert(con, "main_marts.fct_orders", orders)
    con.execute(
        "CREATE TABLE main_marts.fct_sessions (session_id VARCHAR, user_id VARCHAR, "
        "session_started_at TIMESTAMP, event_count INTEGER, purchase_event_count INTEGER, "
        "converted_in_session BOOLEAN, traffic_source VARCHAR, browser VARCHAR)"
    )
    _insert(con, "main_marts.fct_sessions", sessions)
    con.execute(
        "CREATE TABLE main_marts.fct_inventory (inventory_item_id VARCHAR, product_id VARCHAR, "
        "category VARCHAR, department VARCHAR, inventory_unit_cost DOUBLE, retail_price DOUBLE, "
        "created_at TIMESTAMP, sold_at TIMESTAMP, is_currently_in_stock BOOLEAN, days_in_inventory INTEGER)"
    )
    _insert(con, "main_marts.fct_inventory", units)
    con.execute(
        "CREATE TABLE main_marts.dim_customers (user_id VARCHAR, gender VARCHAR, state VARCHAR, "
        "country VARCHAR, acquisition_channel VARCHAR, signup_at TIMESTAMP, "
        "nearest_distribution_center_name VARCHAR)"
    )
    _insert(
        con,
        "main_marts.dim_customers",
        [
            (
                u["user_id"],
                u["gender"],
                u["state"],
                u["country"],
                u["channel"],
                u["signup_at"],
                u["centre"],
            )
            for u in users
        ],
    )
    # the order-history rollup dim_customers.sql joins in (lifetime revenue over every order)
    con.execute(
        "CREATE TABLE main_marts._rollup AS SELECT user_id, COUNT(DISTINCT order_id) AS n, "
        "SUM(order_revenue) AS rev, MIN(created_at) AS first_at FROM main_marts.fct_orders GROUP BY 1"
    )
    con.execute(
        "CREATE TABLE main_marts.dim_customers_full AS SELECT c.*, COALESCE(r.n, 0) AS lifetime_order_count, "
        "COALESCE(r.rev, 0) AS lifetime_revenue, r.first_at AS first_order_at, "
        "r.first_at IS NOT NULL AS has_ordered, CASE WHEN COALESCE(r.n, 0) = 0 THEN 'never_purchased' "
        "WHEN r.n = 1 THEN 'one_time_customer' ELSE 'repeat_customer' END AS customer_segment "
        "FROM main_marts.dim_customers c LEFT JOIN main_marts._rollup r USING (user_id)"
    )
    con.execute("DROP TABLE main_marts.dim_customers")
    con.execute("DROP TABLE main_marts._rollup")
    con.execute("ALTER TABLE main_marts.dim_customers_full RENAME TO dim_customers")
