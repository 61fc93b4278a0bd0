"""Seeded data for the `cms_provider_charges` external set: the relations the semantic models read.

Why generated: the project (GBalajiReddy/dbt-mcp-poc-cms) loads the public CMS Medicare
provider charge files (inpatient by DRG, outpatient by APC) from a Snowflake stage as JSON
records; the evaluation is offline and is asked on 2026-12-07, so "this year" and "last year"
need recent years. This builds, with the columns and arithmetic of the project's marts, the
tables its ``dbt_project.yml`` materialises (the ``.sql`` models are not in the evaluated tree,
so the relations are read unqualified, in ``main``):

* ``dim_provider``: one row per provider id and source (``HOSPITAL_INPATIENT``,
  ``HOSPITAL_OUTPATIENT``, ``PHYSICIAN_SUPPLIER``, ``NURSING_FACILITY``), keyed by an md5 of
  both as dbt_utils.generate_surrogate_key does; hospitals have no provider_type (the staging
  model casts null), physicians a specialty, nursing facilities ``NURSING_FACILITY``.
* ``dim_drg`` / ``dim_apc``: the ``'<code> - <description>'`` definitions split at ``' - '``.
* ``fct_inpatient_charges`` / ``fct_outpatient_charges``: one row per hospital, DRG (APC) and
  year, ``metric_year`` = 1 January of ``data_year``. The owner's facts join ``dim_provider`` on
  provider_id alone, which would repeat a hospital's row for each of its sources; here each
  fact row carries the key of its own source (inpatient rows the HOSPITAL_INPATIENT key).
* ``rpt_inpatient_year_summary`` / ``rpt_outpatient_year_summary``: per year, sums and
  volume-weighted averages of the facts, exactly the owner's SQL.
* ``time_spine_daily``: every day of the five data years.

Both sides of what a question can filter or compare: seven states with different price levels
(CA and NY dearest, AL cheapest), years in which a state's volume rises and years in which it
falls, rows above and below 100 and 200 discharges, hospitals present in one source and not the
other for some DRGs/APCs, providers with and without a provider_type. Years 2022..2026, seed 28.
"""

from __future__ import annotations

import hashlib
import random

import duckdb

SEED = 28
YEARS = (2022, 2023, 2024, 2025, 2026)

#: state -> price level (multiplies every payment and charge)
STATE_LEVEL = {"CA": 1.35, "NY": 1.30, "IL": 1.05, "FL": 0.98, "OH": 0.97, "TX": 0.95, "AL": 0.80}

#: (provider_id, name, street, city, state, zip)
HOSPITALS = [
    ("050011", "ST MARY MEDICAL CENTER", "1050 LINDEN AVE", "LONG BEACH", "CA", "90813"),
    ("050022", "VALLEY GENERAL HOSPITAL", "2823 FRESNO ST", "FRESNO", "CA", "93721"),
    ("050033", "BAYVIEW COMMUNITY HOSPITAL", "4077 FIFTH AVE", "SAN DIEGO", "CA", "92103"),
    ("050044", "SIERRA REGIONAL MEDICAL CENTER", "2315 STOCKTON BLVD", "SACRAMENTO", "CA", "95817"),
    ("450011", "LONE STAR MEDICAL CENTER", "6565 FANNIN ST", "HOUSTON", "TX", "77030"),
    ("450022", "GULF COAST REGIONAL HOSPITAL", "2606 HOSPITAL BLVD", "CORPUS CHRISTI", "TX", "78405"),
    ("450033", "HILL COUNTRY MEMORIAL HOSPITAL", "1201 W 38TH ST", "AUSTIN", "TX", "78705"),
    ("450044", "TRINITY VALLEY HOSPITAL", "8200 WALNUT HILL LN", "DALLAS", "TX", "75231"),
    ("330011", "HUDSON VALLEY HOSPITAL CENTER", "45 READE PL", "POUGHKEEPSIE", "NY", "12601"),
    ("330022", "BROOKLYN METHODIST HOSPITAL", "506 SIXTH ST", "BROOKLYN", "NY", "11215"),
    ("330033", "ADIRONDACK MEDICAL CENTER", "2233 STATE ROUTE 86", "SARANAC LAKE", "NY", "12983"),
    ("100011", "SUNCOAST MEMORIAL HOSPITAL", "2901 SWANN AVE", "TAMPA", "FL", "33609"),
    ("100022", "PALM BEACH GENERAL HOSPITAL", "5301 S CONGRESS AVE", "WEST PALM BEACH", "FL", "33462"),
    ("100033", "CENTRAL FLORIDA MEDICAL CENTER", "1414 KUHL AVE", "ORLANDO", "FL", "32806"),
    ("010001", "SOUTHEAST ALABAMA MEDICAL CENTER", "1108 ROSS CLARK CIRCLE", "DOTHAN", "AL", "36301"),
    ("010005", "MARSHALL MEDICAL CENTER SOUTH", "2505 U S HIGHWAY 431 NORTH", "BOAZ", "AL", "35957"),
    ("140011", "LAKESHORE GENERAL HOSPITAL", "836 W WELLINGTON AVE", "CHICAGO", "IL", "60657"),
    ("140022", "PRAIRIE HEALTH MEDICAL CENTER", "800 E CARPENTER ST", "SPRINGFIELD", "IL", "62769"),
    ("360011", "BUCKEYE REGIONAL MEDICAL CENTER", "410 W 10TH AVE", "COLUMBUS", "OH", "43210"),
    ("360022", "SPRINGFIELD REGIONAL HOSPITAL", "100 MEDICAL CENTER DR", "SPRINGFIELD", "OH", "45504"),
]  # fmt: skip

#: non-hospital providers: (id, name, street, city, state, zip, provider_type, source)
OTHER_PROVIDERS = [
    ("1003000126", "ARDALAN ENKESHAFI", "900 SETON DR", "CUMBERLAND", "MD", "21502",
     "Internal Medicine", "PHYSICIAN_SUPPLIER"),
    ("1003000142", "KHALID BAIG", "4000 KRESGE WAY", "LOUISVILLE", "KY", "40207",
     "Cardiology", "PHYSICIAN_SUPPLIER"),
    ("1003000407", "MARY WHITE", "1350 N LAKE SHORE DR", "CHICAGO", "IL", "60610",
     "Family Practice", "PHYSICIAN_SUPPLIER"),
    ("015009", "BURNS NURSING HOME, INC.", "701 MONROE STREET NW", "RUSSELLVILLE", "AL", "35653",
     "NURSING_FACILITY", "NURSING_FACILITY"),
    ("055101", "PACIFIC GARDENS CARE CENTER", "2211 SANTA ROSA AVE", "FRESNO", "CA", "93721",
     "NURSING_FACILITY", "NURSING_FACILITY"),
]  # fmt: skip

#: DRG definition -> (mean total payment in a 1.0 state in 2022, discharge scale)
DRGS = {
    "039 - EXTRACRANIAL PROCEDURES W/O CC/MCC": (6000.0, 40),
    "065 - INTRACRANIAL HEMORRHAGE OR CEREBRAL INFARCTION W CC": (8500.0, 60),
    "194 - SIMPLE PNEUMONIA & PLEURISY W CC": (7500.0, 90),
    "291 - HEART FAILURE & SHOCK W MCC": (10500.0, 140),
    "392 - ESOPHAGITIS, GASTROENT & MISC DIGEST DISORDERS W/O MCC": (5200.0, 80),
    "470 - MAJOR JOINT REPLACEMENT OR REATTACHMENT OF LOWER EXTREMITY W/O MCC": (13000.0, 160),
    "683 - RENAL FAILURE W CC": (7000.0, 55),
    "871 - SEPTICEMIA OR SEVERE SEPSIS W/O MV 96+ HOURS W MCC": (16000.0, 120),
}

#: APC definition -> (mean total payment in a 1.0 state in 2022, services scale)
APCS = {
    "0012 - Level I Debridement & Destruction": (60.0, 900),
    "0015 - Level II Debridement & Destruction": (110.0, 500),
    "0019 - Level I Excision/ Biopsy": (310.0, 120),
    "0074 - Level IV Endoscopy Upper Airway": (650.0, 60),
    "0207 - Level III Nerve Injections": (420.0, 200),
    "0269 - Level II Echocardiogram Without Contrast": (320.0, 300),
    "0336 - Magnetic Resonance Imaging and Magnetic Resonance Angiography without Contrast": (
        460.0,
        250,
    ),
    "0604 - Level 1 Hospital Clinic Visits": (75.0, 1500),
}


def _key(*parts: str) -> str:
    """dbt_utils.generate_surrogate_key: md5 of the parts joined by '-'."""
    return hashlib.md5("-".join(parts).encode()).hexdigest()


def _split(definition: str) -> tuple[str, str]:
    code, _, rest = definition.partition(" - ")
    return code, (rest if rest else definition)


def _providers(con: duckdb.DuckDBPyConnection) -> None:
    con.execute(
        "CREATE TABLE dim_provider (provider_key VARCHAR, provider_id VARCHAR, provider_name VARCHAR,"
        " provider_city VARCHAR, provider_state VARCHAR, provider_zipcode VARCHAR,"
        " provider_street_address VARCHAR, provider_type VARCHAR, provider_source VARCHAR)"
    )
    rows = []
    for pid, name, street, city, state, zipcode in HOSPITALS:
        for source in ("HOSPITAL_INPATIENT", "HOSPITAL_OUTPATIENT"):
            rows.append((_key(pid, source), pid, name, city, state, zipcode, street, None, source))
    for pid, name, street, city, state, zipcode, ptype, source in OTHER_PROVIDERS:
        rows.append((_key(pid, source), pid, name, city, state, zipcode, street, ptype, source))
    con.executemany("INSERT INTO dim_provider VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", rows)


def _codes(con: duckdb.DuckDBPyConnection) -> None:
    con.execute(
        "CREATE TABLE dim_drg (drg_key VARCHAR, drg_code VARCHAR, drg_description VARCHAR,"
        " drg_definition VARCHAR)"
    )
    con.executemany(
        "INSERT INTO dim_drg VALUES (?, ?, ?, ?)",
        [(_key(d), *_split(d), d) for d in DRGS],
    )
    con.execute(
        "CREATE TABLE dim_apc (apc_key VARCHAR, apc_code VARCHAR, apc_description VARCHAR,"
        " apc_full_definition VARCHAR)"
    )
    con.executemany(
        "INSERT INTO dim_apc VALUES (?, ?, ?, ?)",
        [(_key(a), *_split(a), a) for a in APCS],
    )


def _volume_factors(rng: random.Random) -> dict[tuple[str, int], float]:
    """(state, year) -> volume factor: a walk that rises in some years and falls in others."""
    out = {}
    for state in STATE_LEVEL:
        level = rng.uniform(0.8, 1.2)
        for year in YEARS:
            out[(state, year)] = level
            level *= rng.choice((0.82, 0.9, 1.08, 1.15, 1.22))
    return out


def _inpatient(con: duckdb.DuckDBPyConnection, rng: random.Random, vol: dict) -> None:
    con.execute(
        "CREATE TABLE fct_inpatient_charges (inpatient_fact_key VARCHAR, data_year INTEGER,"
        " metric_year DATE, provider_key VARCHAR, drg_key VARCHAR, total_discharges INTEGER,"
        " average_covered_charges DOUBLE, average_total_payments DOUBLE,"
        " average_medicare_payments DOUBLE, source_file VARCHAR, batch_id VARCHAR)"
    )
    rows = []
    for year in YEARS:
        source_file = f"inpatient_charges_{year}.json"
        for pid, _name, _street, _city, state, _zip in HOSPITALS:
            for drg, (base, scale) in DRGS.items():
                if rng.random() > 0.75:
                    continue
                growth = 1.03 ** (year - YEARS[0])
                pay = round(base * STATE_LEVEL[state] * growth * rng.uniform(0.88, 1.12), 2)
                covered = round(pay * rng.uniform(2.5, 4.5) * (1.1 if state == "CA" else 1.0), 2)
                medicare = round(pay * rng.uniform(0.78, 0.92), 2)
                discharges = max(11, int(scale * vol[(state, year)] * rng.uniform(0.3, 1.9)))
                rows.append((
                    _key(pid, drg, str(year), source_file), year, f"{year}-01-01",
                    _key(pid, "HOSPITAL_INPATIENT"), _key(drg), discharges, covered, pay,
                    medicare, source_file, f"B{year}-IP",
                ))  # fmt: skip
    con.executemany(
        "INSERT INTO fct_inpatient_charges VALUES (?, ?, CAST(? AS DATE), ?, ?, ?, ?, ?, ?, ?, ?)",
        rows,
    )


def _outpatient(con: duckdb.DuckDBPyConnection, rng: random.Random, vol: dict) -> None:
    con.execute(
        "CREATE TABLE fct_outpatient_charges (outpatient_fact_key VARCHAR, data_year INTEGER,"
        " metric_year DATE, provider_key VARCHAR, apc_key VARCHAR, outpatient_services INTEGER,"
        " average_estimated_submitted_charges DOUBLE, average_total_payments DOUBLE,"
        " average_medicare_payments DOUBLE, source_file VARCHAR, batch_id VARCHAR)"
    )
    rows = []
    for year in YEARS:
        source_file = f"outpatient_charges_{year}.json"
        for pid, _name, _street, _city, state, _zip in HOSPITALS:
            for apc, (base, scale) in APCS.items():
                if rng.random() > 0.7:
                    continue
                growth = 1.025 ** (year - YEARS[0])
                pay = round(base * STATE_LEVEL[state] * growth * rng.uniform(0.85, 1.15), 2)
                submitted = round(pay * rng.uniform(3.0, 6.0), 2)
                medicare = round(pay * rng.uniform(0.70, 0.82), 2)
                services = max(10, int(scale * vol[(state, year)] * rng.uniform(0.3, 1.8)))
                rows.append((
                    _key(pid, apc, str(year), source_file), year, f"{year}-01-01",
                    _key(pid, "HOSPITAL_OUTPATIENT"), _key(apc), services, submitted, pay,
                    medicare, source_file, f"B{year}-OP",
                ))  # fmt: skip
    con.executemany(
        "INSERT INTO fct_outpatient_charges VALUES (?, ?, CAST(? AS DATE), ?, ?, ?, ?, ?, ?, ?, ?)",
        rows,
    )


def _reports(con: duckdb.DuckDBPyConnection) -> None:
    """The owner's two yearly summaries: sums and volume-weighted averages per year."""
    con.execute(
        "CREATE TABLE rpt_inpatient_year_summary AS SELECT data_year,"
        " MAKE_DATE(data_year, 1, 1) AS metric_year, SUM(total_discharges) AS total_discharges,"
        " SUM(average_covered_charges * total_discharges) / NULLIF(SUM(total_discharges), 0)"
        " AS avg_covered_charges,"
        " SUM(average_total_payments * total_discharges) / NULLIF(SUM(total_discharges), 0)"
        " AS avg_total_payments,"
        " SUM(average_medicare_payments * total_discharges) / NULLIF(SUM(total_discharges), 0)"
        " AS avg_medicare_payments"
        " FROM fct_inpatient_charges GROUP BY data_year ORDER BY data_year"
    )
    con.execute(
        "CREATE TABLE rpt_outpatient_year_summary AS SELECT data_year,"
        " MAKE_DATE(data_year, 1, 1) AS metric_year,"
        " SUM(outpatient_services) AS total_outpatient_services,"
        " SUM(average_estimated_submitted_charges * outpatient_services)"
        " / NULLIF(SUM(outpatient_services), 0) AS avg_estimated_submitted_charges,"
        " SUM(average_total_payments * outpatient_services) / NULLIF(SUM(outpatient_services), 0)"
        " AS avg_total_payments,"
        " SUM(average_medicare_payments * outpatient_services)"
        " / NULLIF(SUM(outpatient_services), 0) AS avg_medicare_payments"
        " FROM fct_outpatient_charges GROUP BY data_year ORDER BY data_year"
    )
    con.execute(
        "CREATE TABLE time_spine_daily AS SELECT CAST(d AS DATE) AS date_day FROM"
        f" range(DATE '{YEARS[0]}-01-01', DATE '{YEARS[-1] + 1}-01-01', INTERVAL 1 DAY) t(d)"
    )


def build(con: duckdb.DuckDBPyConnection) -> None:
    """Create every relation the project's semantic models read, in ``main``."""
    rng = random.Random(SEED)
    _providers(con)
    _codes(con)
    vol = _volume_factors(rng)
    _inpatient(con, rng, vol)
    _outpatient(con, rng, vol)
    _reports(con)
