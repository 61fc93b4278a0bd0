"""Seeded data for the `telecom_roaming` external set: the relations the project's models read.

Why generated: the project (zastecee/dbt-semantic-layer-agent, ``dbt_project/roaming_analytics``)
loads a small CSV of national roaming events into Postgres; its semantic model reads the mart
``fct_roaming`` (one row per roaming usage event: date, country, partner network, revenue in USD,
call/session duration in minutes, data volume in MB) and the time spine
``metricflow_time_spine(date_day)``. This builds, under the names dbt gives them (schema
``main``): ``stg_national_roaming`` (the typed events), ``fct_roaming`` (the same rows with the
project's md5 surrogate key over every column) and the spine 2020-01-01 .. 2035-12-31, as the
project's ``metricflow_time_spine.sql`` does.

The events are ours: six countries, each with two or three partner networks (one brand serves
three countries under three network names), 2025-01-01 .. 2026-12-06 (the evaluation is asked on
2026-12-07), every day with events so cumulative and offset metrics have no empty day. Both sides
of every threshold a question can use: countries and networks above and below the revenue, event
and average-duration thresholds; months that grow and months that shrink against the month
before and the same month a year earlier (a growth trend plus a seasonal dip); short voice-only
events (no data) and long data sessions; revenue with cents. Seed 30.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import random

import duckdb

SEED = 30
START = dt.date(2025, 1, 1)
END = dt.date(2026, 12, 6)  # last day with events; "today" is 2026-12-07

#: country -> {partner network: share of the country's events}
NETWORKS: dict[str, dict[str, float]] = {
    "Kenya": {"Safaricom": 0.55, "Airtel Kenya": 0.30, "Telkom Kenya": 0.15},
    "Tanzania": {"Vodacom Tanzania": 0.45, "Airtel Tanzania": 0.35, "Halotel": 0.20},
    "Uganda": {"MTN Uganda": 0.6, "Airtel Uganda": 0.4},
    "Nigeria": {"MTN Nigeria": 0.5, "Glo": 0.3, "9mobile": 0.2},
    "Ghana": {"MTN Ghana": 0.65, "Telecel Ghana": 0.35},
    "Rwanda": {"MTN Rwanda": 0.7, "Airtel Rwanda": 0.3},
}
#: country -> (mean events per day, USD per minute, USD per MB, mean minutes, mean MB)
PROFILE: dict[str, tuple[float, float, float, float, float]] = {
    "Kenya": (2.2, 0.11, 0.018, 38.0, 420.0),
    "Tanzania": (1.5, 0.09, 0.015, 52.0, 300.0),
    "Uganda": (1.0, 0.08, 0.020, 44.0, 260.0),
    "Nigeria": (1.8, 0.07, 0.012, 66.0, 610.0),
    "Ghana": (0.8, 0.10, 0.022, 29.0, 350.0),
    "Rwanda": (0.5, 0.12, 0.025, 71.0, 180.0),
}
#: month -> activity factor (a dip in February and June, a December peak)
SEASON = {
    1: 1.0,
    2: 0.75,
    3: 1.05,
    4: 1.0,
    5: 1.1,
    6: 0.8,
    7: 1.15,
    8: 1.2,
    9: 1.0,
    10: 1.05,
    11: 1.1,
    12: 1.3,
}


def _poisson(rng: random.Random, mean: float) -> int:
    """Knuth's method: small means only, deterministic for a seeded generator."""
    limit, k, p = pow(2.718281828459045, -mean), 0, 1.0
    while True:
        p *= rng.random()
        if p <= limit:
            return k
        k += 1


def _event_id(row: tuple[object, ...]) -> str:
    """The project's key: md5 over date, country, network, revenue, duration and MB joined by '-'."""
    return hashlib.md5("-".join(str(v) for v in row).encode()).hexdigest()


def build(con: duckdb.DuckDBPyConnection) -> None:
    """Create ``stg_national_roaming``, ``fct_roaming`` and ``metricflow_time_spine`` in ``main``."""
    rng = random.Random(SEED)
    rows: list[tuple[object, ...]] = []
    day = START
    while day <= END:
        growth = 1.0 + 0.25 * (day - START).days / (END - START).days
        for country, networks in NETWORKS.items():
            per_day, per_min, per_mb, minutes, mb = PROFILE[country]
            n = _poisson(rng, per_day * growth * SEASON[day.month])
            names, shares = list(networks), list(networks.values())
            for _ in range(n):
                network = rng.choices(names, shares)[0]
                kind = rng.random()
                if kind < 0.2:  # a voice-only event: no data
                    duration, volume = rng.uniform(0.5, minutes * 2.5), 0.0
                elif kind < 0.45:  # a data-only session
                    duration, volume = rng.uniform(1.0, 20.0), rng.uniform(5.0, mb * 3.0)
                else:
                    duration, volume = rng.uniform(1.0, minutes * 2.0), rng.uniform(1.0, mb * 2.0)
                duration, volume = round(duration, 2), round(volume, 2)
                revenue = round(duration * per_min + volume * per_mb + rng.uniform(0.0, 0.5), 2)
                rows.append((day, country, network, revenue, duration, volume))
        day += dt.timedelta(days=1)
    # every day has at least one event: a quiet day gets one short Kenyan voice event
    seen = {r[0] for r in rows}
    day = START
    while day <= END:
        if day not in seen:
            rows.append((day, "Kenya", "Safaricom", 1.25, 4.5, 0.0))
        day += dt.timedelta(days=1)
    rows.sort(key=lambda r: (r[0], r[1], r[2]))

    con.execute(
        "CREATE TABLE stg_national_roaming (event_date DATE, country VARCHAR, "
        "partner_network VARCHAR, revenue DECIMAL(18, 2), duration DECIMAL(18, 2), "
        "total_mb DECIMAL(18, 2))"
    )
    con.executemany("INSERT INTO stg_national_roaming VALUES (?, ?, ?, ?, ?, ?)", rows)
    facts = [
        (_event_id((d.isoformat(), c, p, f"{r:.2f}", f"{u:.2f}", f"{m:.2f}")), d, c, p, r, u, m)
        for d, c, p, r, u, m in rows
    ]
    con.execute(
        "CREATE TABLE fct_roaming (roaming_event_id VARCHAR, event_date DATE, country VARCHAR, "
        "partner_network VARCHAR, revenue DECIMAL(18, 2), duration DECIMAL(18, 2), "
        "total_mb DECIMAL(18, 2))"
    )
    con.executemany("INSERT INTO fct_roaming VALUES (?, ?, ?, ?, ?, ?, ?)", facts)
    con.execute(
        "CREATE TABLE metricflow_time_spine AS SELECT CAST(d AS DATE) AS date_day FROM "
        "generate_series(DATE '2020-01-01', DATE '2035-12-31', INTERVAL 1 DAY) AS t(d)"
    )
