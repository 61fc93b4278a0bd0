"""Seeded warehouse for colin-thornburg/Cat-Aug20-2026 (heavy-equipment fleet health).

Why generated: the semantic models (declared on the models themselves, dbt's newest spec) read
three marts, ``dim_machine`` (one row per machine), ``fct_machine_health`` (one row per machine:
telemetry window, fault counts by severity, downtime) and ``fct_maintenance_cost`` (one row per
machine and maintenance day: event counts, downtime, cost), plus ``time_spine_daily``. They
are drawn here at that grain with the rules of the mart SQL (a maintenance row's key is md5 of
machine, model, site, region and day; active hours never exceed the window's available hours;
fault counts by severity add up to the total). Machines, sites and amounts are ours.

Both sides of every filter: 40 machines of four families and six models at eight sites in
four regions and three industries; machines with and without critical faults; maintenance
days from 2025-07-01 to 2026-06-30 (today 2026-07-01) with scheduled and unplanned events;
machines with no maintenance at all.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import random

import duckdb

SEED = 23
MODELS = [  # model, family
    ("D6", "Dozer"),
    ("D8", "Dozer"),
    ("320", "Excavator"),
    ("336", "Excavator"),
    ("950M", "Wheel Loader"),
    ("777G", "Off-Highway Truck"),
]
SITES = [  # site id, name, industry, country, region, dealer region
    (11, "Red Rock Quarry", "Quarry", "United States", "Southwest", "North America"),
    (12, "Iron Ridge Mine", "Mining", "United States", "Mountain West", "North America"),
    (13, "Lakeshore Build", "Construction", "United States", "Midwest", "North America"),
    (21, "Pilbara Pit 4", "Mining", "Australia", "Western Australia", "Asia Pacific"),
    (22, "Hunter Valley Quarry", "Quarry", "Australia", "New South Wales", "Asia Pacific"),
    (31, "Atacama North", "Mining", "Chile", "Antofagasta", "Latin America"),
    (41, "Rhine Bypass", "Construction", "Germany", "North Rhine-Westphalia", "Europe"),
    (42, "Bavaria Tunnel", "Construction", "Germany", "Bavaria", "Europe"),
]
START = dt.date(2025, 7, 1)
DAYS = 365


def build(con: duckdb.DuckDBPyConnection) -> None:
    """Create the three marts and the time spine the semantic models read (schema ``main``)."""
    rng = random.Random(SEED)
    machines = []
    for n in range(40):
        model, family = MODELS[n % 6]
        site = SITES[n % 8]
        machines.append(
            (1000 + n, f"CAT{rng.randrange(10**7):07d}", model, family, 2015 + n % 9,
             dt.date(2016 + n % 8, 1 + n % 12, 1), site[5], site[0], site[1], site[2], site[3],
             site[4], -30.0 + n, 120.0 - n)
        )  # fmt: skip
    con.execute(
        "CREATE TABLE dim_machine (machine_id BIGINT, serial_number VARCHAR, model VARCHAR, "
        "machine_family VARCHAR, model_year INTEGER, sold_date DATE, dealer_region VARCHAR, "
        "site_id BIGINT, site_name VARCHAR, industry VARCHAR, country VARCHAR, region VARCHAR, "
        "latitude DOUBLE, longitude DOUBLE)"
    )
    con.executemany("INSERT INTO dim_machine VALUES (" + ", ".join(["?"] * 14) + ")", machines)
    maintenance = []
    downtime: dict[int, float] = {}
    cost: dict[int, float] = {}
    for m in machines:
        if m[0] % 10 == 7:
            continue  # a few machines never maintained
        for _ in range(rng.randrange(2, 9)):
            day = START + dt.timedelta(days=rng.randrange(DAYS))
            events = rng.choice([1, 1, 1, 2])
            unplanned = sum(rng.random() < 0.35 for _ in range(events))
            hours = round(sum(rng.uniform(1, 24) for _ in range(events)), 1)
            usd = round(sum(rng.uniform(400, 9000) for _ in range(events)), 2)
            key = "|".join([str(m[0]), m[2], str(m[7]), m[11], day.isoformat()])
            maintenance.append(
                (hashlib.md5(key.encode()).hexdigest(), day, m[0], m[2], m[7], m[8], m[11],
                 events, events - unplanned, unplanned, hours, usd, round(usd / events, 2))
            )  # fmt: skip
            downtime[m[0]] = downtime.get(m[0], 0.0) + hours
            cost[m[0]] = cost.get(m[0], 0.0) + usd
    # one machine-day may be drawn twice: merge as the mart's GROUP BY would
    merged: dict[str, list] = {}
    for row in maintenance:
        if row[0] in merged:
            old = merged[row[0]]
            old[7] += row[7]
            old[8] += row[8]
            old[9] += row[9]
            old[10] = round(old[10] + row[10], 1)
            old[11] = round(old[11] + row[11], 2)
            old[12] = round(old[11] / old[7], 2)
        else:
            merged[row[0]] = list(row)
    con.execute(
        "CREATE TABLE fct_maintenance_cost (maintenance_cost_id VARCHAR, maintenance_date DATE, "
        "machine_id BIGINT, model VARCHAR, site_id BIGINT, site_name VARCHAR, region VARCHAR, "
        "maintenance_event_count BIGINT, scheduled_event_count BIGINT, unplanned_event_count "
        "BIGINT, downtime_hours DOUBLE, maintenance_cost_usd DECIMAL(14, 2), avg_event_cost_usd "
        "DOUBLE)"
    )
    con.executemany(
        "INSERT INTO fct_maintenance_cost VALUES (" + ", ".join(["?"] * 13) + ")",
        list(merged.values()),
    )
    health = []
    for m in machines:
        first = START + dt.timedelta(days=rng.randrange(0, 60))
        latest = dt.date(2026, 6, 30) - dt.timedelta(days=rng.randrange(0, 45))
        available = ((latest - first).days + 1) * 24.0
        active = round(available * rng.uniform(0.25, 0.7), 1)
        info, warn = rng.randrange(0, 30), rng.randrange(0, 15)
        critical = 0 if m[0] % 4 == 0 else rng.randrange(0, 6)
        down = round(downtime.get(m[0], 0.0), 1)
        health.append(
            (5000 + m[0], m[0], latest, rng.randrange(800, 4000), active, active, available,
             round(rng.uniform(4, 40), 2), round(rng.uniform(85, 112), 1),
             round(rng.uniform(0.1, 0.45), 3), info + warn + critical, info, warn, critical,
             down, round(cost.get(m[0], 0.0), 2), round(100 * (1 - down / available), 2))
        )  # fmt: skip
    con.execute(
        "CREATE TABLE fct_machine_health (machine_health_id BIGINT, machine_id BIGINT, "
        "latest_telemetry_date DATE, telemetry_reading_count BIGINT, total_engine_hours DOUBLE, "
        "active_hours DOUBLE, available_hours DOUBLE, avg_fuel_rate_gph DOUBLE, "
        "max_coolant_temp_c DOUBLE, idle_ratio DOUBLE, fault_event_count BIGINT, "
        "info_fault_count BIGINT, warn_fault_count BIGINT, critical_fault_count BIGINT, "
        "downtime_hours DOUBLE, maintenance_cost_usd DECIMAL(14, 2), uptime_pct DOUBLE)"
    )
    con.executemany("INSERT INTO fct_machine_health VALUES (" + ", ".join(["?"] * 17) + ")", health)
    con.execute(
        "CREATE TABLE time_spine_daily AS SELECT d::DATE AS date_day "
        "FROM range(DATE '2020-01-01', DATE '2028-01-01', INTERVAL 1 DAY) t(d)"
    )
