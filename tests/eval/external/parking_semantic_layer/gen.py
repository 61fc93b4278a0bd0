"""Seeded warehouse for SuchitSanghvi/parking-semantic-layer (camera-detected parking sessions).

Why generated: the semantic models read three marts (``fct_sessions``, ``dim_lots``,
``dim_time``) that the project derives from raw entry/exit camera events; they are drawn here at
the mart grain with the rules of its mart SQL: ``session_date`` is the entry day,
``day_of_week`` its day name, ``is_weekend`` DuckDB's ``dayofweek in (0, 6)``, the time-of-day
bucket from the entry hour (5–11 morning, 12–16 afternoon, 17–20 evening, else overnight),
``has_local_event`` true when an event was held in the lot's city that day, and a lot's
capacity tier small < 75 <= medium < 150 <= large (unknown without a capacity). Lots, names
and prices are ours (the owner's seed files are not copied).

Both sides of every filter: sessions from 2026-01-01 to 2026-03-31 (today 2026-04-01) at eight
lots in three cities and three market types, weekend and weekday (weekend prices higher, so
the weekend/weekday ratio is not 1), every bucket, three payment methods and a missing one,
days with and without local events, every capacity tier.
"""

from __future__ import annotations

import datetime as dt
import random

import duckdb

SEED = 21
LOTS = [  # id, name, city, state, zip, capacity, market type, activated
    ("LOT_SF_11", "Harbor View Garage", "San Francisco", "CA", "94107", 140, "urban", "2021-05-01"),
    ("LOT_SF_12", "Bayside Surface Lot", "San Francisco", "CA", "94110", 60, "urban", "2022-02-14"),
    ("LOT_SF_13", "Market Hall Deck", "San Francisco", "CA", "94103", None, "urban", "2020-09-01"),
    (
        "LOT_LA_11",
        "Sunset Plaza Garage",
        "Los Angeles",
        "CA",
        "90046",
        220,
        "mixed-use",
        "2021-01-10",
    ),
    ("LOT_LA_12", "Arts District Lot", "Los Angeles", "CA", "90013", 95, "mixed-use", "2023-03-03"),
    (
        "LOT_LA_13",
        "Airport Long Stay",
        "Los Angeles",
        "CA",
        "90045",
        320,
        "mixed-use",
        "2019-07-07",
    ),
    ("LOT_SEA_11", "Waterfront Lot", "Seattle", "WA", "98104", 70, "suburban", "2022-06-20"),
    ("LOT_SEA_12", "University Park Lot", "Seattle", "WA", "98105", 45, "suburban", "2023-08-08"),
]
RATE = {"urban": 6.0, "mixed-use": 4.0, "suburban": 3.0}  # dollars per started hour
START = dt.date(2026, 1, 1)
DAYS = 90


def _bucket(hour: int) -> str:
    if 5 <= hour <= 11:
        return "morning"
    if 12 <= hour <= 16:
        return "afternoon"
    if 17 <= hour <= 20:
        return "evening"
    return "overnight"


def build(con: duckdb.DuckDBPyConnection) -> None:
    """Create the marts the semantic models read, and the time spine (target schema ``main``)."""
    rng = random.Random(SEED)
    con.execute(
        "CREATE TABLE dim_lots (lot_id VARCHAR, lot_name VARCHAR, city VARCHAR, state VARCHAR, "
        "zip VARCHAR, capacity INTEGER, is_capacity_missing BOOLEAN, market_type VARCHAR, "
        "activation_date DATE, owner_name VARCHAR, days_since_activation INTEGER, "
        "lot_capacity_tier VARCHAR)"
    )
    for lot_id, name, city, state, zip_code, cap, market, active in LOTS:
        tier = (
            "unknown"
            if cap is None
            else "small"
            if cap < 75
            else "medium"
            if cap < 150
            else "large"
        )
        days = (dt.date(2026, 4, 1) - dt.date.fromisoformat(active)).days
        con.execute(
            "INSERT INTO dim_lots VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [
                lot_id,
                name,
                city,
                state,
                zip_code,
                cap,
                cap is None,
                market,
                active,
                f"{city} Parking Partners",
                days,
                tier,
            ],
        )
    events = {  # (day, city): a local event that day
        (START + dt.timedelta(days=d), city)
        for city in ("San Francisco", "Los Angeles", "Seattle")
        for d in rng.sample(range(DAYS), 12)
    }
    rows = []
    for n in range(3200):
        lot = rng.choices(LOTS, weights=[5, 4, 4, 6, 3, 7, 3, 2])[0]
        while True:
            day = START + dt.timedelta(days=rng.randrange(DAYS))
            weekend = day.weekday() >= 5
            if weekend or rng.random() < 0.55:
                break
        entry = dt.datetime.combine(day, dt.time(rng.randrange(24), rng.randrange(60)))
        minutes = rng.randrange(15, 60 * (10 if lot[6] == "mixed-use" else 5))
        hours = -(-minutes // 60)
        amount = round(hours * RATE[lot[6]] * (1.25 if weekend else 1.0), 2)
        pay = rng.choices(["app", "web", "text", None], weights=[30, 20, 8, 5])[0]
        rows.append(
            (
                f"S{n:05d}",
                f"E{n:05d}",
                f"X{n:05d}",
                lot[0],
                f"PL{rng.randrange(10**5):05d}",
                entry,
                entry + dt.timedelta(minutes=minutes),
                minutes,
                amount,
                pay,
                f"CAM_{lot[0]}_01",
                f"CAM_{lot[0]}_02",
                day,
                (day.weekday() + 1) % 7,
                day.strftime("%A"),
                weekend,
                _bucket(entry.hour),
                (day, lot[2]) in events,
            )
        )
    con.execute(
        "CREATE TABLE fct_sessions (session_id VARCHAR, entry_event_id VARCHAR, exit_event_id "
        "VARCHAR, lot_id VARCHAR, license_plate VARCHAR, entry_ts TIMESTAMP, exit_ts TIMESTAMP, "
        "duration_minutes INTEGER, amount_charged DECIMAL(10, 2), payment_method VARCHAR, "
        "entry_camera_id VARCHAR, exit_camera_id VARCHAR, session_date DATE, day_of_week_num "
        "INTEGER, day_of_week VARCHAR, is_weekend BOOLEAN, time_of_day_bucket VARCHAR, "
        "has_local_event BOOLEAN)"
    )
    con.executemany("INSERT INTO fct_sessions VALUES (" + ", ".join(["?"] * 18) + ")", rows)
    con.execute(
        "CREATE TABLE dim_time AS SELECT d::DATE AS date_day, date_trunc('week', d)::DATE AS "
        "week_start, date_trunc('month', d)::DATE AS month_start, date_trunc('quarter', d)::DATE "
        "AS quarter_start, year(d)::INTEGER AS year_num, month(d)::INTEGER AS month_num, "
        "quarter(d)::INTEGER AS quarter_num, dayname(d) AS day_of_week_name, dayofweek(d) IN "
        "(0, 6) AS is_weekend, week(d)::INTEGER AS week_of_year "
        "FROM range(DATE '2024-01-01', DATE '2027-01-01', INTERVAL 1 DAY) t(d)"
    )
    con.execute("CREATE TABLE metricflow_time_spine AS SELECT date_day FROM dim_time")
