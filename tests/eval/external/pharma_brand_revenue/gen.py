"""Seeded data for the `pharma_brand_revenue` external set: `fct_brand_revenue` as dbt builds it.

Why generated: the project's own generator (scripts/01_generate_pharma_data.py) writes raw
tables for 2024 only, and the questions are asked on 2026-12-07 ("this year", "last month",
"year over year"). This builds the mart the semantic model reads (one row per brand, country
and month) directly, with the columns and arithmetic of models/facts/fct_brand_revenue.sql:
net revenue = gross - government rebate - commercial rebate - accrued chargeback - returns,
total deductions their sum, market share against the sub-class's market units.

Both sides of everything a question can filter on: five brands in five therapeutic classes,
four countries; Immunex launched in Japan only in 2025-07 and Oncovance in Germany in 2024-04
(so "which countries sell X" differs by month), months with no free samples and with no
returns beside months with both. 2024-01 .. 2026-11, seed 26.

dbt-duckdb builds ``+schema: facts`` under target schema ``main`` into ``main_facts``.
"""

from __future__ import annotations

import datetime as dt
import random

import duckdb

SEED = 26
FIRST = dt.date(2024, 1, 1)
LAST = dt.date(2026, 11, 1)

#: brand id, name, therapeutic class, sub-class (models/dimensions/dim_brands.sql)
BRANDS = [
    ("BR001", "Cardivex", "cardiovascular", "statin"),
    ("BR002", "Oncovance", "oncology", "taxane"),
    ("BR003", "Respira", "respiratory", "inhaled_corticosteroid"),
    ("BR004", "Neuroplex", "neurology", "anticonvulsant"),
    ("BR005", "Immunex", "immunology", "anti_tnf"),
]
COUNTRIES = ["US", "UK", "DE", "JP"]
#: net price per unit by brand; a country's price is this times its factor
PRICE = {"BR001": 45.0, "BR002": 380.0, "BR003": 95.0, "BR004": 120.0, "BR005": 2200.0}
COUNTRY_PRICE = {"US": 1.0, "UK": 0.8, "DE": 0.85, "JP": 0.7}
#: government rebate, commercial rebate, chargeback (shares of gross revenue)
DEDUCT = {
    "BR001": (0.18, 0.07, 0.03),
    "BR002": (0.15, 0.05, 0.02),
    "BR003": (0.22, 0.09, 0.04),
    "BR004": (0.20, 0.08, 0.04),
    "BR005": (0.25, 0.12, 0.02),
}
BASE_UNITS = {
    ("BR001", "US"): 12000, ("BR001", "UK"): 4500, ("BR001", "DE"): 3800, ("BR001", "JP"): 5200,
    ("BR002", "US"): 1800, ("BR002", "UK"): 620, ("BR002", "DE"): 580, ("BR002", "JP"): 810,
    ("BR003", "US"): 9500, ("BR003", "UK"): 3200, ("BR003", "DE"): 2900, ("BR003", "JP"): 4100,
    ("BR004", "US"): 6200, ("BR004", "UK"): 2100, ("BR004", "DE"): 1900, ("BR004", "JP"): 2700,
    ("BR005", "US"): 820, ("BR005", "UK"): 290, ("BR005", "DE"): 260, ("BR005", "JP"): 370,
}  # fmt: skip
#: first month a brand is sold in a country, when later than FIRST
LAUNCH = {("BR005", "JP"): dt.date(2025, 7, 1), ("BR002", "DE"): dt.date(2024, 4, 1)}

COLUMNS = """
    sale_id VARCHAR, brand_id VARCHAR, country_id VARCHAR, sale_month DATE,
    units_sold INTEGER, free_sample_units INTEGER, units_sellthrough INTEGER,
    gross_revenue DOUBLE, net_price_per_unit DOUBLE, govt_rebate_amount DOUBLE,
    commercial_rebate_amount DOUBLE, chargeback_accrued DOUBLE,
    returns_on_booking_month DOUBLE, return_units INTEGER, net_revenue DOUBLE,
    total_deductions DOUBLE, brand_name VARCHAR, therapeutic_class VARCHAR, sub_class VARCHAR,
    sub_class_total_units BIGINT, branded_only_total_units BIGINT,
    market_share_pct_sub_class DOUBLE, market_share_pct_branded_only DOUBLE,
    net_revenue_margin_pct DOUBLE
"""


def _months() -> list[dt.date]:
    out, day = [], FIRST
    while day <= LAST:
        out.append(day)
        day = dt.date(day.year + day.month // 12, day.month % 12 + 1, 1)
    return out


def _rows() -> list[tuple]:
    rng = random.Random(SEED)
    rows: list[tuple] = []
    for i, month in enumerate(_months()):
        season = 1.0 + 0.12 * ((month.month in (1, 2, 11, 12)) - (month.month in (6, 7, 8)))
        trend = 1.0 + 0.01 * i
        for brand, name, tclass, sub in BRANDS:
            for country in COUNTRIES:
                if month < LAUNCH.get((brand, country), FIRST):
                    continue
                units = int(BASE_UNITS[brand, country] * season * trend * rng.uniform(0.85, 1.15))
                samples = 0 if rng.random() < 0.2 else int(units * rng.uniform(0.01, 0.06))
                sellthrough = int(units * rng.uniform(0.9, 1.05))
                price = round(PRICE[brand] * COUNTRY_PRICE[country], 2)
                gross = round(units * price, 2)
                g, c, b = DEDUCT[brand]
                govt = round(gross * g * rng.uniform(0.9, 1.1), 2)
                comm = round(gross * c * rng.uniform(0.9, 1.1), 2)
                cback = round(gross * b * rng.uniform(0.8, 1.2), 2)
                ret_units = 0 if rng.random() < 0.25 else int(units * rng.uniform(0.002, 0.02))
                ret_value = round(ret_units * price, 2)
                deductions = round(govt + comm + cback + ret_value, 2)
                net = round(gross - deductions, 2)
                market = int(units / rng.uniform(0.15, 0.45))
                branded = int(units + (market - units) * rng.uniform(0.2, 0.5))
                rows.append(
                    (
                        f"{brand}-{country}-{month:%Y%m}",
                        brand,
                        country,
                        month,
                        units,
                        samples,
                        sellthrough,
                        gross,
                        price,
                        govt,
                        comm,
                        cback,
                        ret_value,
                        ret_units,
                        net,
                        deductions,
                        name,
                        tclass,
                        sub,
                        market,
                        branded,
                        round(units / market * 100, 2),
                        round(units / branded * 100, 2),
                        round(net / gross * 100, 2),
                    )
                )
    return rows


def build(con: duckdb.DuckDBPyConnection) -> None:
    """Create ``main_facts.fct_brand_revenue`` (and the project's time spine in ``main_metrics``)."""
    con.execute("CREATE SCHEMA IF NOT EXISTS main_facts")
    con.execute(f"CREATE OR REPLACE TABLE main_facts.fct_brand_revenue ({COLUMNS})")
    con.executemany(
        f"INSERT INTO main_facts.fct_brand_revenue VALUES ({', '.join(['?'] * 24)})", _rows()
    )
    con.execute("CREATE SCHEMA IF NOT EXISTS main_metrics")
    con.execute(
        "CREATE OR REPLACE TABLE main_metrics.metricflow_time_spine AS "
        "SELECT CAST(d AS DATE) AS date_day "
        "FROM range(DATE '2024-01-01', DATE '2027-01-01', INTERVAL 1 DAY) t(d)"
    )
