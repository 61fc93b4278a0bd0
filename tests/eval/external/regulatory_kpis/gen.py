"""Seeded data for the `regulatory_kpis` external set: the five views the semantic models read.

Why generated: the project's views read a medicines regulator's gold layer in an Iceberg lake
(``iceberg.nda_gold.all_applications``, ``all_activities``, ``all_steps``, ``kpi_quarterly``)
that is not public. This builds, with the columns and arithmetic of the five models in
``marketplace/dbt/models/marketplace/*.sql``, the relations dbt builds into the custom schema
``marketplace`` (the project overrides ``generate_schema_name`` to use it verbatim):

* ``application_throughput``: process x arrival month x application type x handling route;
  received = completed + open, overdue <= open (recent months hold most of the open work).
* ``turnaround_performance``: process x activity x month x route; mean and median turnaround
  days, working days + waiting days = mean turnaround (to a rounding), % on time.
* ``delay_analysis``: process x workflow stage x month; times performed, working, waiting and
  elapsed days, % of elapsed time waiting, % of the stage on time.
* ``quality_metrics``: process x activity x month x route; assessments = compliant +
  non-compliant, % compliant.
* ``indicator_performance``: process x indicator x reporting quarter; value, target (NULL for
  a few: 'No target'), baseline, numerator, denominator and target_status as the view's CASE
  computes it (avg_/median_ indicators are met at or below target, the others at or above).

Both sides of every filter and threshold a question can use: three processes (MA, CT, GMP),
every application type, activity, route and stage on more than one process where it is
plausible, indicators met and missed in the same quarter, months with zero and non-zero overdue
work, on-time shares above and below 80 %, compliance above and below 90 %. Arrival months
2025-01 .. 2026-12 (the evaluation is asked on 2026-12-07), reporting quarters Q1 2025 ..
Q4 2026, seed 28.
"""

from __future__ import annotations

import datetime as dt
import random

import duckdb

SEED = 28
MONTHS = [dt.date(2025 + (m // 12), m % 12 + 1, 1) for m in range(24)]  # 2025-01 .. 2026-12
TODAY = dt.date(2026, 12, 7)

PROCESSES = ("MA", "CT", "GMP")

#: process -> application types received (GMP's "applications" are inspection requests)
APP_TYPES = {
    "MA": ("New", "Renewal", "Variation"),
    "CT": ("New", "Amendment"),
    "GMP": ("Inspection", "Renewal"),
}

#: process -> handling routes used
ROUTES = {
    "MA": ("Desk-based domestic", "Reliance"),
    "CT": ("Desk-based domestic",),
    "GMP": ("On-site domestic", "On-site foreign", "Desk-based foreign", "Reliance"),
}

#: process -> activities in turnaround_performance (all_activities.activity_type)
ACTIVITIES = {
    "MA": ("Evaluation", "Query response", "Decision"),
    "CT": ("Evaluation", "Query response", "Decision", "Report"),
    "GMP": ("Inspection", "CAPA", "Report", "Decision"),
}

#: process -> activities with a compliance outcome (quality_metrics)
QUALITY_ACTIVITIES = {
    "MA": ("Assessment",),
    "CT": ("Inspection", "Assessment"),
    "GMP": ("Inspection", "CAPA"),
}

#: process -> workflow stages (all_steps.activity_type) with (working, waiting) day centres
STAGES = {
    "MA": {
        "Screening": (3.0, 4.0),
        "Technical Dossier Review": (22.0, 18.0),
        "Safety & Efficacy Review": (25.0, 14.0),
        "License Publication": (4.0, 9.0),
    },
    "CT": {
        "Ethics Review": (9.0, 8.0),
        "Technical Review": (14.0, 10.0),
        "GCP Inspection": (6.0, 15.0),
    },
    "GMP": {
        "Inspection Planning": (5.0, 21.0),
        "GMP Inspection": (8.0, 6.0),
        "CAPA Review": (10.0, 12.0),
    },
}

#: process -> indicators (kpi_id) with (value centre, target or None)
INDICATORS = {
    "MA": {
        "avg_turnaround_days_new_ma": (190.0, 180.0),
        "pct_ma_on_time": (78.0, 80.0),
        "median_queue_days_ma": (30.0, 35.0),
    },
    "CT": {
        "avg_turnaround_days_ct": (58.0, 60.0),
        "pct_ct_on_time": (86.0, 85.0),
        "ct_applications_per_month": (24.0, None),
    },
    "GMP": {
        "pct_gmp_compliant": (91.0, 90.0),
        "pct_inspections_on_plan": (74.0, 80.0),
        "avg_capa_closure_days": (44.0, 45.0),
    },
}

RECEIVED_CENTRE = {"MA": 30, "CT": 18, "GMP": 12}


def _month_str(month: dt.date) -> str:
    return f"{month.year:04d}-{month.month:02d}"


def _age(month: dt.date) -> int:
    """Whole months between the arrival month and December 2026 (0 for this month)."""
    return (TODAY.year - month.year) * 12 + TODAY.month - month.month


def _throughput(rng: random.Random) -> list[tuple]:
    rows = []
    for process in PROCESSES:
        for month in MONTHS:
            for app_type in APP_TYPES[process]:
                for route in ROUTES[process]:
                    if rng.random() < 0.12:  # some cells have no arrivals that month
                        continue
                    received = max(
                        1, int(rng.gauss(RECEIVED_CENTRE[process], 4)) // len(ROUTES[process])
                    )
                    age = _age(month)
                    share_open = 0.9 if age == 0 else max(0.0, 0.7 - 0.09 * age)
                    if age > 8 and rng.random() < 0.7:
                        share_open = 0.0
                    open_ = min(received, round(received * share_open + rng.random()))
                    completed = received - open_
                    overdue = 0 if age <= 1 else min(open_, int(open_ * rng.uniform(0.2, 1.0)))
                    rows.append(
                        (process, _month_str(month), month, app_type, route, received,
                         completed, open_, overdue)
                    )  # fmt: skip
    return rows


def _turnaround(rng: random.Random) -> list[tuple]:
    rows = []
    for process in PROCESSES:
        for month in MONTHS[:-1]:  # nothing arriving this month has been completed yet
            for activity in ACTIVITIES[process]:
                for route in ROUTES[process]:
                    if rng.random() < 0.15:
                        continue
                    base = {"MA": 150.0, "CT": 45.0, "GMP": 60.0}[process]
                    if activity in ("Query response", "Report"):
                        base *= 0.3
                    working = round(rng.uniform(0.35, 0.55) * base, 1)
                    waiting = round(base * rng.uniform(0.4, 0.8) - working * 0.2, 1)
                    turnaround = round(working + waiting, 1)
                    median = round(turnaround * rng.uniform(0.82, 1.05), 1)
                    on_time = round(rng.uniform(62.0, 97.0), 1)
                    count = rng.randint(2, 25)
                    rows.append(
                        (process, activity, _month_str(month), month, route, count, turnaround,
                         median, working, waiting, on_time)
                    )  # fmt: skip
    return rows


def _delay(rng: random.Random) -> list[tuple]:
    rows = []
    for process in PROCESSES:
        for month in MONTHS:
            for stage, (work_c, wait_c) in STAGES[process].items():
                if rng.random() < 0.08:
                    continue
                working = round(max(0.5, rng.gauss(work_c, work_c * 0.2)), 1)
                waiting = round(max(0.5, rng.gauss(wait_c, wait_c * 0.25)), 1)
                elapsed = round(working + waiting, 1)
                pct_waiting = round(100.0 * waiting / elapsed, 1)
                on_time = round(rng.uniform(55.0, 98.0), 1)
                times = rng.randint(3, 40)
                rows.append(
                    (process, stage, _month_str(month), month, times, working, waiting, elapsed,
                     pct_waiting, on_time)
                )  # fmt: skip
    return rows


def _quality(rng: random.Random) -> list[tuple]:
    rows = []
    for process in PROCESSES:
        for month in MONTHS[:-1]:
            for activity in QUALITY_ACTIVITIES[process]:
                for route in ROUTES[process]:
                    if rng.random() < 0.2:
                        continue
                    assessments = rng.randint(2, 16)
                    rate = rng.uniform(0.7, 1.0)
                    compliant = min(assessments, round(assessments * rate))
                    non_compliant = assessments - compliant
                    pct = round(100.0 * compliant / assessments, 1)
                    rows.append(
                        (process, activity, _month_str(month), month, route, assessments,
                         compliant, non_compliant, pct)
                    )  # fmt: skip
    return rows


def _status(kpi_id: str, value: float, target: float | None) -> str:
    """indicator_performance.sql's CASE: lower is better for avg_/median_ indicators."""
    if target is None:
        return "No target"
    if kpi_id.startswith(("avg_", "median_")):
        return "Met target" if value <= target else "Below target"
    return "Met target" if value >= target else "Below target"


def _indicators(rng: random.Random) -> list[tuple]:
    rows = []
    quarters = [(year, q) for year in (2025, 2026) for q in (1, 2, 3, 4)]
    for process in PROCESSES:
        for kpi_id, (centre, target) in INDICATORS[process].items():
            baseline = round(centre * rng.uniform(0.95, 1.1), 1)
            for year, q in quarters:
                value = round(rng.gauss(centre, centre * 0.06), 1)
                denominator = rng.randint(20, 120)
                numerator = (
                    round(value * denominator / 100.0) if kpi_id.startswith("pct_") else None
                )
                rows.append(
                    (process, kpi_id, f"Q{q} {year}", dt.date(year, 3 * q - 2, 1), value, target,
                     baseline, numerator, denominator, _status(kpi_id, value, target))
                )  # fmt: skip
    return rows


def build(con: duckdb.DuckDBPyConnection) -> None:
    """Create the five marketplace views' relations (as tables) and the time spine."""
    rng = random.Random(SEED)
    con.execute("CREATE SCHEMA IF NOT EXISTS marketplace")
    con.execute(
        """CREATE TABLE marketplace.application_throughput (process VARCHAR,
        arrival_month VARCHAR, arrival_date DATE, application_type VARCHAR,
        handling_route VARCHAR, applications_received BIGINT, applications_completed BIGINT,
        applications_open BIGINT, applications_overdue BIGINT)"""
    )
    con.executemany(
        "INSERT INTO marketplace.application_throughput VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        _throughput(rng),
    )
    con.execute(
        """CREATE TABLE marketplace.turnaround_performance (process VARCHAR, activity VARCHAR,
        arrival_month VARCHAR, arrival_date DATE, handling_route VARCHAR, completed_count BIGINT,
        avg_turnaround_days DOUBLE, median_turnaround_days DOUBLE, avg_working_days DOUBLE,
        avg_waiting_days DOUBLE, pct_on_time DOUBLE)"""
    )
    con.executemany(
        "INSERT INTO marketplace.turnaround_performance VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        _turnaround(rng),
    )
    con.execute(
        """CREATE TABLE marketplace.delay_analysis (process VARCHAR, workflow_stage VARCHAR,
        arrival_month VARCHAR, arrival_date DATE, times_performed BIGINT,
        avg_working_days DOUBLE, avg_waiting_days DOUBLE, avg_elapsed_days DOUBLE,
        pct_time_waiting DOUBLE, pct_stage_on_time DOUBLE)"""
    )
    con.executemany(
        "INSERT INTO marketplace.delay_analysis VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        _delay(rng),
    )
    con.execute(
        """CREATE TABLE marketplace.quality_metrics (process VARCHAR, activity VARCHAR,
        arrival_month VARCHAR, arrival_date DATE, handling_route VARCHAR, assessments BIGINT,
        compliant_count BIGINT, non_compliant_count BIGINT, pct_compliant DOUBLE)"""
    )
    con.executemany(
        "INSERT INTO marketplace.quality_metrics VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        _quality(rng),
    )
    con.execute(
        """CREATE TABLE marketplace.indicator_performance (process VARCHAR, indicator VARCHAR,
        quarter VARCHAR, quarter_start DATE, indicator_value DOUBLE, indicator_target DOUBLE,
        indicator_baseline DOUBLE, numerator DOUBLE, denominator BIGINT,
        target_status VARCHAR)"""
    )
    con.executemany(
        "INSERT INTO marketplace.indicator_performance VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        _indicators(rng),
    )
    con.execute(
        "CREATE TABLE marketplace.metricflow_time_spine AS SELECT CAST(UNNEST(generate_series("
        "DATE '2025-01-01', DATE '2030-12-31', INTERVAL 1 DAY)) AS DATE) AS date_day"
    )
