"""Seeded warehouse for colin-thornburg/embedded-app (employer health-benefit claims).

Why generated: the project's seeds hold 18 claims, too few for both sides of every filter. The
relations are the ones its dbt models build in the target schema (``fct_claims``,
``dim_members``, ``dim_plans``, ``dim_providers``, ``time_spine_daily``) with the columns its SQL
selects; companies and plans are the owner's seed rows, members and claims are drawn with a fixed
seed: claims in 2023 and 2024 (both sides of ``ytd_member_responsibility``'s 2024-01-01), every
claim type and status, primary members and dependants, every plan type in every company.
"""

from __future__ import annotations

import datetime as dt
import random

import duckdb

SEED = 25
COMPANIES = [
    (1001, "TechCorp", "Technology", "#0066cc"),
    (1002, "RetailPlus", "Retail", "#ff6600"),
    (1003, "ManufacturingCo", "Manufacturing", "#009900"),
]
# plan_id, company_id, plan_name, plan_type, deductible ind/fam, oop ind/fam, premium emp/fam,
# coinsurance %, copays primary/specialist/emergency, prescription coverage (the owner's seed)
PLANS = [
    (2001, 1001, "TechCorp PPO Plus", "PPO", 1500, 3000, 4000, 8000, 150, 450, 80, 30, 50, 250),
    (2002, 1001, "TechCorp HDHP", "HDHP", 3000, 6000, 5000, 10000, 75, 225, 90, 0, 0, 0),
    (2003, 1002, "RetailPlus Standard", "HDHP", 2500, 5000, 6000, 12000, 100, 300, 80, 40, 60, 300),
    (2004, 1002, "RetailPlus Basic", "HDHP", 4000, 8000, 7000, 14000, 50, 150, 70, 50, 75, 400),
    (2005, 1003, "ManufacturingCo HMO", "HMO", 500, 1000, 3000, 6000, 125, 375, 90, 20, 40, 200),
    (2006, 1003, "ManufacturingCo PPO", "PPO", 2000, 4000, 5000, 10000, 175, 525, 80, 35, 55, 300),
]
DEPARTMENTS = ["Engineering", "Sales", "Operations", "HR", "Logistics", "Customer Service"]
FIRST = [
    "Bob",
    "Sarah",
    "Tim",
    "Alice",
    "Michael",
    "Sam",
    "Emily",
    "Jennifer",
    "David",
    "Lisa",
    "Robert",
    "Patricia",
    "James",
    "Maria",
    "William",
    "Nina",
    "Omar",
    "Grace",
    "Ivan",
    "Zoe",
]
LAST = [
    "Johnson",
    "Chen",
    "Davis",
    "Wilson",
    "Martinez",
    "Thompson",
    "Anderson",
    "Miller",
    "Brown",
    "Garcia",
    "Taylor",
    "Lopez",
]
PROVIDERS = [  # name, specialty, city, state, in network
    ("St. Mary's Hospital", "Hospital", "San Francisco", "CA", True),
    ("Orthopedic Associates", "Orthopedics", "San Francisco", "CA", True),
    ("Primary Care Clinic", "Primary Care", "Oakland", "CA", True),
    ("Regional Medical Center", "Hospital", "Austin", "TX", True),
    ("QuickCare Clinic", "Urgent Care", "Austin", "TX", False),
    ("Back & Spine Center", "Chiropractic", "Dallas", "TX", False),
    ("Bright Smile Dental", "Dentistry", "Columbus", "OH", True),
    ("Clear View Optometry", "Optometry", "Columbus", "OH", True),
    ("CVS Pharmacy", "Pharmacy", "Columbus", "OH", True),
    ("Walgreens", "Pharmacy", "Dallas", "TX", True),
]
BY_TYPE = {
    "Medical": (
        [
            "St. Mary's Hospital",
            "Orthopedic Associates",
            "Primary Care Clinic",
            "Regional Medical Center",
            "QuickCare Clinic",
            "Back & Spine Center",
        ],
        [
            ("M79.3", "Shoulder pain"),
            ("J06.9", "Upper respiratory infection"),
            ("M54.5", "Lower back pain"),
            ("I10", "Hypertension management"),
            ("Z00.00", "Annual physical"),
        ],
    ),
    "Prescription": (
        ["CVS Pharmacy", "Walgreens"],
        [("E11.9", "Metformin prescription"), ("I10", "Lisinopril prescription")],
    ),
    "Dental": (
        ["Bright Smile Dental"],
        [("K02.9", "Dental caries"), ("Z01.20", "Dental cleaning")],
    ),
    "Vision": (["Clear View Optometry"], [("H52.4", "Presbyopia"), ("Z01.00", "Eye exam")]),
}


def _members(rng: random.Random) -> list[tuple]:
    rows = []
    for company_id, name, _, _ in COMPANIES:
        plans = [p for p in PLANS if p[1] == company_id]
        for i in range(20):
            member_id = company_id * 100 + i + 1  # 100101 …
            primary = i % 4 != 3
            plan = plans[i % len(plans)]
            first, last = rng.choice(FIRST), rng.choice(LAST)
            enrolled = dt.date(2021, 1, 1) + dt.timedelta(days=rng.randrange(0, 1277))
            rows.append(
                (
                    member_id,
                    company_id,
                    f"{name[:2].upper()}{i:03d}",
                    first,
                    last,
                    f"{first.lower()}.{last.lower()}{i}@{name.lower()}.com",
                    dt.date(1960, 1, 1) + dt.timedelta(days=rng.randrange(0, 20000)),
                    rng.choice("MF"),
                    plan[0],
                    enrolled,
                    primary,
                    None if primary else member_id - 1,
                    DEPARTMENTS[(i + company_id) % 6],
                    rng.randrange(40, 160) * 1000 if primary else None,
                )
            )
    return rows


def _claims(rng: random.Random, members: list[tuple]) -> list[tuple]:
    plan_type = {p[0]: p[3] for p in PLANS}
    rows = []
    for n in range(480):
        m = rng.choice(members)
        claim_type = rng.choices(list(BY_TYPE), weights=[60, 25, 10, 5])[0]
        providers, diagnoses = BY_TYPE[claim_type]
        code, diagnosis = rng.choice(diagnoses)
        status = rng.choices(["Paid", "Pending", "Denied"], weights=[70, 15, 15])[0]
        day = dt.date(2023, 1, 1) + dt.timedelta(days=rng.randrange(0, 547))  # to 2024-06-30
        amount = round(rng.uniform(20, 3000 if claim_type == "Medical" else 400), 2)
        if status == "Denied":
            paid, owed = 0.0, amount
        else:
            paid = round(amount * rng.choice([0.7, 0.8, 0.9]), 2)
            owed = round(amount - paid, 2)
        rows.append(
            (
                5000 + n,
                m[0],
                m[1],
                day,
                claim_type,
                rng.choice(providers),
                code,
                diagnosis,
                amount,
                paid,
                owed,
                status,
                day - dt.timedelta(days=rng.randrange(0, 6)),
                day.year,
                day.month,
                m[8],
                m[12],
                plan_type[m[8]],
            )
        )
    return rows


def build(con: duckdb.DuckDBPyConnection) -> None:
    """Create the five relations the project's models build (target schema ``main``)."""
    rng = random.Random(SEED)
    members = _members(rng)
    company = {c[0]: c for c in COMPANIES}
    plans = {p[0]: p for p in PLANS}
    con.execute(
        "CREATE TABLE dim_members (member_id INTEGER, company_id INTEGER, employee_id VARCHAR, "
        "first_name VARCHAR, last_name VARCHAR, email VARCHAR, date_of_birth DATE, gender VARCHAR, "
        "plan_id INTEGER, enrollment_date DATE, is_primary BOOLEAN, dependent_of INTEGER, "
        "department VARCHAR, annual_salary INTEGER, plan_name VARCHAR, plan_type VARCHAR, "
        "company_name VARCHAR, industry VARCHAR, brand_color VARCHAR)"
    )
    con.executemany(
        "INSERT INTO dim_members VALUES (" + ", ".join(["?"] * 19) + ")",
        [
            (
                *m,
                plans[m[8]][2],
                plans[m[8]][3],
                company[m[1]][1],
                company[m[1]][2],
                company[m[1]][3],
            )
            for m in members
        ],
    )
    con.execute(
        "CREATE TABLE dim_plans (plan_id INTEGER, company_id INTEGER, plan_name VARCHAR, "
        "plan_type VARCHAR, annual_deductible_individual INTEGER, annual_deductible_family "
        "INTEGER, oop_max_individual INTEGER, oop_max_family INTEGER, premium_monthly_employee "
        "INTEGER, premium_monthly_family INTEGER, coinsurance_percentage INTEGER, copay_primary "
        "INTEGER, copay_specialist INTEGER, copay_emergency INTEGER, prescription_coverage "
        "BOOLEAN, company_name VARCHAR)"
    )
    con.executemany(
        "INSERT INTO dim_plans VALUES (" + ", ".join(["?"] * 16) + ")",
        [(*p, True, company[p[1]][1]) for p in PLANS],
    )
    con.execute(
        "CREATE TABLE dim_providers (provider_id INTEGER, provider_name VARCHAR, specialty "
        "VARCHAR, city VARCHAR, state VARCHAR, company_id INTEGER, network_status VARCHAR, "
        "is_in_network BOOLEAN)"
    )
    con.executemany(
        "INSERT INTO dim_providers VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        [
            (i + 1, p[0], p[1], p[2], p[3], c[0], "In-Network" if p[4] else "Out-of-Network", p[4])
            for i, p in enumerate(PROVIDERS)
            for c in COMPANIES
        ],
    )
    con.execute(
        "CREATE TABLE fct_claims (claim_id INTEGER, member_id INTEGER, company_id INTEGER, "
        "claim_date DATE, claim_type VARCHAR, provider_name VARCHAR, diagnosis_code VARCHAR, "
        "diagnosis_description VARCHAR, claim_amount DECIMAL(10,2), paid_amount DECIMAL(10,2), "
        "member_responsibility DECIMAL(10,2), claim_status VARCHAR, service_date DATE, "
        "claim_year BIGINT, claim_month BIGINT, plan_id INTEGER, department VARCHAR, "
        "plan_type VARCHAR)"
    )
    con.executemany(
        "INSERT INTO fct_claims VALUES (" + ", ".join(["?"] * 18) + ")", _claims(rng, members)
    )
    con.execute(
        "CREATE TABLE time_spine_daily AS SELECT CAST(d AS DATE) AS date_day "
        "FROM range(DATE '2020-01-01', DATE '2027-01-01', INTERVAL 1 DAY) t(d)"
    )
