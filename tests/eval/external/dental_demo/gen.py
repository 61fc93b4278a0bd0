"""Seeded warehouse for colin-thornburg/Dental_Demo (a multi-brand dental and care group).

Why generated and then aggregated: the semantic models read two marts, the facility-day table
``fct_daily_facility_metrics`` and the patient table ``dim_patient_summary``, which the project
aggregates from appointments and transactions. Appointments and transactions are drawn here
with a fixed seed and aggregated with the rules of its mart SQL (a facility-day row per day
with appointments; completed / cancelled / no-show counts; new-patient visits = completed
``new_patient`` appointments; revenue, gross profit, insurance and patient payments,
discounts and transactions of that facility and day; a patient's age = this year minus the
birth year, age groups Under 18 / 18-34 / 35-54 / 55-64 / 65+). Brand names and categories
are the five the model's descriptions list; facilities, patients and amounts are ours.

Both sides of every filter: appointments from 2025-01-01 to 2025-06-30 (today 2025-07-01)
at twelve facilities of five brands in five regions, every status, new and returning patients,
patients of both genders, every age group and acquisition source, active and inactive.
"""

from __future__ import annotations

import datetime as dt
import random

import duckdb

SEED = 10
BRANDS = [  # id, name, code, category
    (1, "Aspen Dental", "ASPEN", "dental"),
    (2, "ClearChoice", "CLEARCHOICE", "dental_implants"),
    (3, "WellNow", "WELLNOW", "urgent_care"),
    (4, "Chapter", "CHAPTER", "medical_aesthetics"),
    (5, "Lovet", "LOVET", "veterinary"),
]
FACILITIES = [  # id, brand, name, city, state, region
    (101, 1, "Aspen Dental Lakeview", "Chicago", "IL", "Midwest"),
    (102, 1, "Aspen Dental Oak Park", "Oak Park", "IL", "Midwest"),
    (103, 1, "Aspen Dental Tempe", "Tempe", "AZ", "Southwest"),
    (104, 1, "Aspen Dental Buckhead", "Atlanta", "GA", "Southeast"),
    (201, 2, "ClearChoice Scottsdale", "Scottsdale", "AZ", "Southwest"),
    (202, 2, "ClearChoice Boston", "Boston", "MA", "Northeast"),
    (301, 3, "WellNow Rochester", "Rochester", "NY", "Northeast"),
    (302, 3, "WellNow Naperville", "Naperville", "IL", "Midwest"),
    (401, 4, "Chapter Denver", "Denver", "CO", "Mountain"),
    (402, 4, "Chapter Miami", "Miami", "FL", "Southeast"),
    (501, 5, "Lovet Boulder", "Boulder", "CO", "Mountain"),
    (502, 5, "Lovet Austin", "Austin", "TX", "Southwest"),
]
SOURCES = ["google_ads", "referral", "walk_in", "tv_ad", "social_media", "instagram",
           "insurance_referral"]  # fmt: skip
PRICE = {1: (80, 600), 2: (900, 6000), 3: (90, 300), 4: (150, 900), 5: (60, 400)}
START = dt.date(2025, 1, 1)
DAYS = 181  # to 2025-06-30

MARTS = """
CREATE TABLE fct_daily_facility_metrics AS
WITH a AS (
  SELECT scheduled_date AS metric_date, facility_id, facility_name, facility_code,
    facility_city, facility_state, region, brand_id, brand_name, brand_code, brand_category,
    count(*) AS total_appointments, sum(is_completed) AS completed_appointments,
    sum(is_cancelled) AS cancelled_appointments, sum(is_no_show) AS no_show_appointments,
    sum(is_scheduled) AS scheduled_appointments, count(DISTINCT patient_id) AS unique_patients,
    count(DISTINCT provider_id) AS active_providers,
    sum(CASE WHEN appointment_type = 'new_patient' AND is_completed = 1 THEN 1 ELSE 0 END)
      AS new_patient_visits
  FROM appts GROUP BY ALL),
r AS (
  SELECT transaction_date AS metric_date, facility_id, sum(total_revenue) AS total_revenue,
    sum(gross_profit) AS total_gross_profit, sum(insurance_paid) AS total_insurance_revenue,
    sum(patient_paid) AS total_patient_revenue, sum(discount_amount) AS total_discounts,
    count(DISTINCT transaction_id) AS total_transactions
  FROM txns GROUP BY ALL)
SELECT a.*, coalesce(r.total_revenue, 0) AS total_revenue,
  coalesce(r.total_gross_profit, 0) AS total_gross_profit,
  coalesce(r.total_insurance_revenue, 0) AS total_insurance_revenue,
  coalesce(r.total_patient_revenue, 0) AS total_patient_revenue,
  coalesce(r.total_discounts, 0) AS total_discounts,
  coalesce(r.total_transactions, 0) AS total_transactions
FROM a LEFT JOIN r ON a.metric_date = r.metric_date AND a.facility_id = r.facility_id;
CREATE TABLE dim_patient_summary AS
WITH pa AS (
  SELECT patient_id, count(*) AS total_appointments, sum(is_completed) AS completed_appointments,
    sum(is_cancelled) AS cancelled_appointments, sum(is_no_show) AS no_show_appointments
  FROM appts GROUP BY 1),
pr AS (
  SELECT patient_id, sum(total_revenue) AS lifetime_revenue,
    sum(gross_profit) AS lifetime_gross_profit FROM txns GROUP BY 1)
SELECT p.patient_id, p.gender, p.city, p.state, p.primary_brand_id, p.acquisition_source,
  p.created_at AS patient_created_at, p.is_active, b.brand_name AS primary_brand_name,
  b.brand_category AS primary_brand_category, 2025 - year(p.date_of_birth) AS age,
  CASE WHEN 2025 - year(p.date_of_birth) < 18 THEN 'Under 18'
    WHEN 2025 - year(p.date_of_birth) BETWEEN 18 AND 34 THEN '18-34'
    WHEN 2025 - year(p.date_of_birth) BETWEEN 35 AND 54 THEN '35-54'
    WHEN 2025 - year(p.date_of_birth) BETWEEN 55 AND 64 THEN '55-64'
    ELSE '65+' END AS age_group,
  coalesce(pa.total_appointments, 0) AS total_appointments,
  coalesce(pa.completed_appointments, 0) AS completed_appointments,
  coalesce(pa.cancelled_appointments, 0) AS cancelled_appointments,
  coalesce(pa.no_show_appointments, 0) AS no_show_appointments,
  coalesce(pr.lifetime_revenue, 0) AS lifetime_revenue,
  coalesce(pr.lifetime_gross_profit, 0) AS lifetime_gross_profit
FROM patients p LEFT JOIN pa USING (patient_id) LEFT JOIN pr USING (patient_id)
LEFT JOIN brands b ON p.primary_brand_id = b.brand_id;
CREATE TABLE metricflow_time_spine AS SELECT d::DATE AS date_day
  FROM range(DATE '2020-01-01', DATE '2027-01-01', INTERVAL 1 DAY) t(d);
DROP TABLE appts; DROP TABLE txns; DROP TABLE patients; DROP TABLE brands;
"""


def build(con: duckdb.DuckDBPyConnection) -> None:
    """Create the two marts the semantic models read and the time spine (schema ``main``)."""
    rng = random.Random(SEED)
    con.execute(
        "CREATE TABLE brands (brand_id INTEGER, brand_name VARCHAR, brand_code VARCHAR, "
        "brand_category VARCHAR)"
    )
    con.executemany("INSERT INTO brands VALUES (?, ?, ?, ?)", BRANDS)
    patients = []
    for n in range(420):
        brand = rng.choices([1, 2, 3, 4, 5], weights=[40, 10, 25, 10, 15])[0]
        home = rng.choice([f for f in FACILITIES if f[1] == brand])
        born = dt.date(rng.randrange(1940, 2015), rng.randrange(1, 13), 1)
        created = dt.datetime(2022, 1, 1) + dt.timedelta(hours=rng.randrange(0, 30000))
        patients.append(
            (f"P{n:04d}", rng.choice("MF"), home[3], home[4], brand, rng.choice(SOURCES),
             created, rng.random() < 0.8, born, home)
        )  # fmt: skip
    con.execute(
        "CREATE TABLE patients (patient_id VARCHAR, gender VARCHAR, city VARCHAR, state VARCHAR, "
        "primary_brand_id INTEGER, acquisition_source VARCHAR, created_at TIMESTAMP, "
        "is_active BOOLEAN, date_of_birth DATE)"
    )
    con.executemany(
        "INSERT INTO patients VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", [p[:9] for p in patients]
    )
    brand = {b[0]: b for b in BRANDS}
    appts, txns, seen = [], [], set()
    for n in range(4200):
        p = rng.choice(patients)
        fac = p[9] if rng.random() < 0.85 else rng.choice(FACILITIES)
        day = START + dt.timedelta(days=rng.randrange(DAYS))
        status = rng.choices(["completed", "cancelled", "no_show", "scheduled"], [70, 14, 10, 6])[0]
        kind = "new_patient" if p[0] not in seen else rng.choice(["follow_up", "treatment"])
        if status == "completed":
            seen.add(p[0])
        b = brand[fac[1]]
        appts.append(
            (f"A{n:05d}", p[0], fac[0], f"DR{fac[0]}{rng.randrange(1, 4)}", day, kind,
             fac[2], f"{b[2]}-{fac[0]}", fac[3], fac[4], fac[5], b[0], b[1], b[2], b[3],
             int(status == "completed"), int(status == "cancelled"), int(status == "no_show"),
             int(status == "scheduled"))
        )  # fmt: skip
        if status == "completed":
            for k in range(rng.choice([1, 1, 2])):
                gross = round(rng.uniform(*PRICE[fac[1]]), 2)
                discount = round(gross * rng.choice([0, 0, 0, 0.1]), 2)
                revenue = round(gross - discount, 2)
                insured = round(revenue * rng.choice([0, 0.5, 0.7, 0.8]), 2)
                txns.append(
                    (f"T{n:05d}{k}", p[0], fac[0], day, revenue,
                     round(revenue * rng.uniform(0.35, 0.65), 2), insured,
                     round(revenue - insured, 2), discount)
                )  # fmt: skip
    con.execute(
        "CREATE TABLE appts (appointment_id VARCHAR, patient_id VARCHAR, facility_id INTEGER, "
        "provider_id VARCHAR, scheduled_date DATE, appointment_type VARCHAR, facility_name "
        "VARCHAR, facility_code VARCHAR, facility_city VARCHAR, facility_state VARCHAR, region "
        "VARCHAR, brand_id INTEGER, brand_name VARCHAR, brand_code VARCHAR, brand_category "
        "VARCHAR, is_completed INTEGER, is_cancelled INTEGER, is_no_show INTEGER, is_scheduled "
        "INTEGER)"
    )
    con.executemany("INSERT INTO appts VALUES (" + ", ".join(["?"] * 19) + ")", appts)
    con.execute(
        "CREATE TABLE txns (transaction_id VARCHAR, patient_id VARCHAR, facility_id INTEGER, "
        "transaction_date DATE, total_revenue DECIMAL(12, 2), gross_profit DECIMAL(12, 2), "
        "insurance_paid DECIMAL(12, 2), patient_paid DECIMAL(12, 2), discount_amount "
        "DECIMAL(12, 2))"
    )
    con.executemany("INSERT INTO txns VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", txns)
    con.execute(MARTS)
