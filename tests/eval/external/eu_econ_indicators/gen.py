"""Seeded warehouse for the `SimonVegelahn/dbt-economic-indicators-eu` project (our data, not theirs).

Why generated: the project reads Eurostat through an extraction script; an offline evaluation
needs the two relations its semantic models read, built the way its dbt SQL builds them:

- ``main_marts.fct_economic_indicators`` — one row per country and month (2019-01..2024-12),
  unemployment rate, month-over-month inflation and the 12-month rolling averages computed
  with the project's window (11 preceding rows and the current one);
- ``main_marts.rpt_annual_economic_summary`` — one row per country and year, GDP, population,
  GDP per capita (GDP * 1e6 / population), the year's average unemployment and the *sum* of
  the monthly inflation rates (as ``int_country_annual_metrics`` does), the year-over-year
  GDP growth from ``lag`` (null in the first year) and the country attributes of the owner's
  seed (``eu_status`` derived as in ``dim_country``).

Both sides of every threshold a question uses: unemployment above and below 5 % and 10 %,
months with negative and positive inflation, GDP growth below and above 0, euro and non-euro
members, all four regions. Deterministic: ``random.Random(25)``.
"""

from __future__ import annotations

import hashlib
import random
from datetime import date

import duckdb

#: (code, name, eurozone, region, base unemployment %, GDP 2019 M EUR, population 2019)
COUNTRIES = [
    ("DE", "Germany", True, "Western Europe", 3.2, 3_470_000, 83_100_000),
    ("FR", "France", True, "Western Europe", 8.4, 2_430_000, 67_300_000),
    ("IT", "Italy", True, "Southern Europe", 9.9, 1_790_000, 59_800_000),
    ("ES", "Spain", True, "Southern Europe", 14.1, 1_250_000, 47_100_000),
    ("NL", "Netherlands", True, "Western Europe", 3.4, 810_000, 17_300_000),
    ("AT", "Austria", True, "Western Europe", 4.8, 397_000, 8_860_000),
    ("GR", "Greece", True, "Southern Europe", 17.3, 183_000, 10_700_000),
    ("FI", "Finland", True, "Northern Europe", 6.8, 240_000, 5_520_000),
    ("IE", "Ireland", True, "Western Europe", 5.0, 356_000, 4_900_000),
    ("PL", "Poland", False, "Eastern Europe", 3.3, 533_000, 37_970_000),
    ("CZ", "Czech Republic", False, "Eastern Europe", 2.0, 225_000, 10_650_000),
    ("SE", "Sweden", False, "Northern Europe", 6.8, 474_000, 10_230_000),
]
YEARS = range(2019, 2025)

#: how each year moves unemployment (points) and inflation (per month, %) and GDP (growth, %)
YEAR_SHOCK = {
    2019: (0.0, 0.12, 0.0),
    2020: (1.1, 0.02, -6.0),
    2021: (0.6, 0.22, 6.5),
    2022: (-0.4, 0.75, 4.2),
    2023: (-0.6, 0.25, 1.1),
    2024: (-0.5, 0.18, 1.4),
}


def _key(*parts: object) -> str:
    return hashlib.md5("|".join(map(str, parts)).encode()).hexdigest()


def build(con: duckdb.DuckDBPyConnection) -> None:
    """Create both relations in ``main_marts`` (dbt-duckdb's name for target ``main`` +
    ``+schema: marts``)."""
    rng = random.Random(25)
    monthly: list[tuple] = []
    annual: list[tuple] = []
    for code, _name, _euro, _region, base, gdp0, pop0 in COUNTRIES:
        gdp, pop = float(gdp0), pop0
        for year in YEARS:
            shock_u, infl_month, growth = YEAR_SHOCK[year]
            if year > 2019:
                gdp = gdp * (1 + (growth + rng.uniform(-1.5, 1.5)) / 100)
                pop = int(pop * (1 + rng.uniform(-0.004, 0.008)))
            level = base + shock_u * (1.5 if base > 9 else 1.0)
            for month in range(1, 13):
                unemp = round(max(1.5, level + rng.uniform(-0.4, 0.4)), 1)
                infl = round(infl_month + rng.uniform(-0.45, 0.45), 2)
                monthly.append((code, year, month, date(year, month, 1), unemp, infl))
            annual.append((code, year, round(gdp, 1), pop))
    con.execute("CREATE SCHEMA IF NOT EXISTS main_marts")
    con.execute(
        "CREATE OR REPLACE TEMP TABLE _monthly (country_code VARCHAR, reference_year INTEGER, "
        "reference_month INTEGER, reference_date DATE, unemployment_rate_pct DOUBLE, "
        "inflation_rate_mom_pct DOUBLE)"
    )
    con.executemany("INSERT INTO _monthly VALUES (?, ?, ?, ?, ?, ?)", monthly)
    con.execute(
        "CREATE OR REPLACE TEMP TABLE _annual (country_code VARCHAR, reference_year INTEGER, "
        "gdp_million_eur DOUBLE, population_count BIGINT)"
    )
    con.executemany("INSERT INTO _annual VALUES (?, ?, ?, ?)", annual)
    con.execute(
        "CREATE OR REPLACE TEMP TABLE _country (country_code VARCHAR, country_key VARCHAR, "
        "country_name VARCHAR, eurozone_member BOOLEAN, region VARCHAR, eu_status VARCHAR)"
    )
    con.executemany(
        "INSERT INTO _country VALUES (?, ?, ?, ?, ?, ?)",
        [
            (c, _key(c), n, e, r, "Eurozone" if e else "EU (non-Euro)")
            for c, n, e, r, *_ in COUNTRIES
        ],
    )
    con.execute(
        """
        CREATE OR REPLACE TABLE main_marts.fct_economic_indicators AS
        SELECT md5(m.country_code || '|' || CAST(m.reference_date AS VARCHAR)) AS indicator_key,
               m.country_code, c.country_key, m.reference_year, m.reference_month,
               m.reference_date, m.unemployment_rate_pct, m.inflation_rate_mom_pct,
               lag(m.unemployment_rate_pct) OVER w AS unemployment_rate_prev_month,
               lag(m.unemployment_rate_pct, 12) OVER w AS unemployment_rate_prev_year,
               avg(m.unemployment_rate_pct) OVER w12 AS unemployment_rate_12m_avg,
               avg(m.inflation_rate_mom_pct) OVER w12 AS inflation_rate_12m_avg,
               a.gdp_million_eur AS annual_gdp_million_eur,
               a.population_count AS annual_population_count,
               a.gdp_million_eur * 1000000.0 / a.population_count AS annual_gdp_per_capita_eur
        FROM _monthly m
        JOIN _country c USING (country_code)
        JOIN _annual a ON a.country_code = m.country_code AND a.reference_year = m.reference_year
        WINDOW w AS (PARTITION BY m.country_code ORDER BY m.reference_date),
               w12 AS (PARTITION BY m.country_code ORDER BY m.reference_date
                       ROWS BETWEEN 11 PRECEDING AND CURRENT ROW)
        """
    )
    con.execute(
        """
        CREATE OR REPLACE TABLE main_marts.rpt_annual_economic_summary AS
        WITH am AS (
            SELECT a.country_code, a.reference_year, a.gdp_million_eur, a.population_count,
                   a.gdp_million_eur * 1000000.0 / a.population_count AS gdp_per_capita_eur,
                   avg(m.unemployment_rate_pct) AS avg_unemployment_rate_pct,
                   sum(m.inflation_rate_mom_pct) AS annual_inflation_rate_pct
            FROM _annual a JOIN _monthly m USING (country_code, reference_year)
            GROUP BY ALL
        ), r AS (
            SELECT am.*,
                   lag(gdp_million_eur) OVER (PARTITION BY country_code ORDER BY reference_year)
                       AS prev_year_gdp
            FROM am
        )
        SELECT md5(r.country_code || '|' || CAST(r.reference_year AS VARCHAR)) AS summary_key,
               r.country_code, c.country_key, r.reference_year, r.gdp_million_eur,
               r.population_count, r.gdp_per_capita_eur, r.avg_unemployment_rate_pct,
               r.annual_inflation_rate_pct,
               CASE WHEN r.prev_year_gdp > 0
                    THEN (r.gdp_million_eur - r.prev_year_gdp) / r.prev_year_gdp * 100 END
                   AS gdp_yoy_growth_pct,
               c.country_name, c.eu_status, c.eurozone_member, c.region
        FROM r JOIN _country c USING (country_code)
        """
    )
    for temp in ("_monthly", "_annual", "_country"):
        con.execute(f"DROP TABLE {temp}")
