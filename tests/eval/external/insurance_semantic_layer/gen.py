"""Seeded warehouse for ssbiradar3/insurance-semantic-layer (P&C insurance: premium and claims).

Why generated at the mart grain: the semantic models read ``fct_premium`` (one row per policy:
written premium, premium earned pro rata to the snapshot date 2026-06-30, underwriting
expense) and ``fct_claim`` (one row per claim: incurred = paid + case reserve), plus the time
spine ``dim_date``. The project's ``dbt_project.yml`` gives its marts ``+schema: marts``, so
dbt-duckdb builds them in ``main_marts``; they are created there. A claim carries its policy's
state and line of business (the mart joins them), so both models' ``state`` agree. Amounts and
locations are ours; states, lines of business and perils are the owner's lists.

Both sides of every filter: policies effective 2024-07-01 .. 2026-06-30 (some fully earned,
some partly), eight states, four lines of business, six perils, open claims with a reserve and
closed ones without.
"""

from __future__ import annotations

import datetime as dt
import random

import duckdb

SEED = 6
STATES = ["CA", "TX", "FL", "NY", "WA", "IL", "GA", "CO"]
LOBS = ["Property", "Casualty", "Marine", "Cyber"]
PERILS = ["Wind", "Fire", "Water", "Theft", "Liability", "Flood"]
AS_OF = dt.date(2026, 6, 30)


def build(con: duckdb.DuckDBPyConnection) -> None:
    """Create ``main_marts.fct_premium``, ``main_marts.fct_claim`` and ``main_marts.dim_date``."""
    rng = random.Random(SEED)
    con.execute("CREATE SCHEMA IF NOT EXISTS main_marts")
    policies, claims = [], []
    for n in range(1200):
        start = dt.date(2024, 7, 1) + dt.timedelta(days=rng.randrange(730))
        end = start + dt.timedelta(days=365)
        state, lob = rng.choice(STATES), rng.choices(LOBS, weights=[40, 30, 10, 20])[0]
        written = round(rng.uniform(800, 12000) * (2.0 if lob == "Marine" else 1.0), 2)
        fraction = max(0.0, min(1.0, (min(AS_OF, end) - start).days / (end - start).days))
        policies.append(
            (f"POL{n:05d}", f"LOC{rng.randrange(300):04d}", state, lob, start, end, written,
             round(written * fraction, 2), round(written * rng.uniform(0.22, 0.34), 2))
        )  # fmt: skip
    for n in range(420):
        p = rng.choice(policies)
        span = (min(AS_OF, p[5]) - p[4]).days
        if span <= 0:
            continue
        loss_day = p[4] + dt.timedelta(days=rng.randrange(span))
        peril = rng.choice(PERILS if p[3] != "Cyber" else ["Theft", "Liability"])
        paid = round(rng.uniform(200, 14000), 2)
        reserve = round(rng.uniform(500, 8000), 2) if rng.random() < 0.4 else 0.0
        claims.append(
            (f"CLM{n:05d}", p[0], p[1], p[2], p[3], peril, loss_day, round(paid + reserve, 2),
             paid, reserve, "Open" if reserve else "Closed")
        )  # fmt: skip
    con.execute(
        "CREATE TABLE main_marts.fct_premium (policy_id VARCHAR, location_id VARCHAR, state "
        "VARCHAR, line_of_business VARCHAR, effective_date DATE, expiration_date DATE, "
        "written_premium DECIMAL(14, 2), earned_premium DECIMAL(14, 2), underwriting_expense "
        "DECIMAL(14, 2))"
    )
    con.executemany(
        "INSERT INTO main_marts.fct_premium VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", policies
    )
    con.execute(
        "CREATE TABLE main_marts.fct_claim (claim_id VARCHAR, policy_id VARCHAR, location_id "
        "VARCHAR, state VARCHAR, line_of_business VARCHAR, peril VARCHAR, loss_date DATE, "
        "incurred_loss DECIMAL(14, 2), paid_loss DECIMAL(14, 2), case_reserve DECIMAL(14, 2), "
        "claim_status VARCHAR)"
    )
    con.executemany(
        "INSERT INTO main_marts.fct_claim VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", claims
    )
    con.execute(
        "CREATE TABLE main_marts.dim_date AS SELECT d::DATE AS date_day "
        "FROM range(DATE '2020-01-01', DATE '2028-01-01', INTERVAL 1 DAY) t(d)"
    )
