"""Seeded data for the `prolific` external set: the `fct_transactions` mart as dbt builds it.

Why generated: the project's raw seeds are not in its repository. The rows follow the column
documentation of `models/docs/columns.md` (types payment / refund / chargeback / fraud, GBP and
USD amounts, duplicate refunds flagged, chargebacks recognised on their resolution date,
pending chargebacks / fraud / duplicate refunds never recognised) so every filter in the
semantic model's measure expressions (`is_revenue_recognised`, `amount_direction`) and every
categorical value has rows on both sides. Seed 25; 2025-01-02 .. 2026-12-05.
"""

from __future__ import annotations

import datetime as dt
import random

import duckdb

SEED = 25
START = dt.date(2025, 1, 2)
END = dt.date(2026, 12, 5)
CLIENTS = [f"C{i:03d}" for i in range(1, 13)]
#: clients with a contract whose spend threshold is reached (discounted margin applies)
DISCOUNTED = {"C003": dt.date(2026, 3, 1), "C007": dt.date(2025, 9, 15)}
PLATFORM_MARGIN = 0.30
DISCOUNT_MARGIN = 0.25


def _usd_rate(day: dt.date) -> float:
    """GBP per USD, moving by month (the mart converts at the latest rate on or before)."""
    return round(0.74 + 0.005 * ((day.year - 2025) * 12 + day.month) % 0.06, 4)


def _margin(client: str, day: dt.date) -> tuple[float, int | None]:
    earned = DISCOUNTED.get(client)
    if earned is None:
        return PLATFORM_MARGIN, None
    return (DISCOUNT_MARGIN, 1) if day >= earned else (PLATFORM_MARGIN, 0)


def _rows() -> list[tuple]:
    rng = random.Random(SEED)
    rows: list[tuple] = []
    payments: list[tuple[str, str, dt.date, str, float]] = []  # id, client, date, ccy, amt
    refunded: set[str] = set()
    span = (END - START).days
    n = 0
    for _ in range(2600):
        n += 1
        tid = f"T{n:06d}"
        day = START + dt.timedelta(days=rng.randrange(span + 1))
        client = rng.choice(CLIENTS[:10] if rng.random() < 0.85 else CLIENTS)
        ccy = "GBP" if rng.random() < 0.6 else "USD"
        r = rng.random()
        ttype = "payment" if r < 0.72 else "chargeback" if r < 0.86 else "fraud"
        amount = round(rng.uniform(40, 2400), 2)
        rows.append(_row(tid, client, ttype, ccy, day, amount, rng, dup=0))
        if ttype == "payment":
            payments.append((tid, client, day, ccy, amount))
    # refunds: full amount of an earlier payment; a second refund of the same payment is a
    # duplicate (flagged 1, never recognised)
    rng.shuffle(payments)
    for pid, client, pday, ccy, amount in payments[:330]:
        for _attempt in range(2 if rng.random() < 0.25 else 1):
            day = pday + dt.timedelta(days=rng.randrange(1, 45))
            if day > END:  # a refund after the data ends is not in it yet
                continue
            n += 1
            dup = 1 if pid in refunded else 0
            refunded.add(pid)
            rows.append(
                _row(f"T{n:06d}", client, "refund", ccy, day, amount, rng, dup=dup, paid=pday)
            )
    return rows


def _row(
    tid: str,
    client: str,
    ttype: str,
    ccy: str,
    day: dt.date,
    amount: float,
    rng: random.Random,
    *,
    dup: int,
    paid: dt.date | None = None,
) -> tuple:
    direction = -1 if ttype == "refund" else 1
    rate = 1.0 if ccy == "GBP" else _usd_rate(day)
    gross_gbp = round(amount * rate, 2)
    status = res_date = None
    if ttype == "chargeback":
        if rng.random() < 0.7 and day + dt.timedelta(days=40) <= END:
            status, res_date = "resolved", day + dt.timedelta(days=rng.randrange(5, 40))
        else:
            status = "pending"
    recognised = int(
        ttype == "payment"
        or (ttype == "refund" and not dup)
        or (ttype == "chargeback" and status == "resolved")
    )
    recognition = (res_date or day) if recognised else None
    qualifying = int(recognised == 1)
    spend_eff = res_date or day
    margin, discount = _margin(client, paid or day)
    in_contract = None if discount is None else 1
    contract_spend = None if discount is None else (direction * gross_gbp if qualifying else 0.0)
    revenue = round(direction * gross_gbp * margin, 4) if recognised else 0.0
    return (
        tid,
        client,
        ttype,
        ccy,
        day,
        status,
        res_date,
        recognition,
        spend_eff,
        direction,
        amount,
        direction * amount,
        gross_gbp,
        direction * gross_gbp,
        dup,
        recognised,
        qualifying,
        in_contract,
        contract_spend,
        discount,
        margin,
        revenue,
    )


COLUMNS = """
    transaction_id VARCHAR, client_id VARCHAR, transaction_type VARCHAR,
    transaction_currency VARCHAR, transaction_date DATE, resolution_status VARCHAR,
    resolution_date DATE, recognition_date DATE, spend_effective_date DATE,
    amount_direction INTEGER, gross_amount_local DOUBLE, net_amount_local DOUBLE,
    gross_amount_gbp DOUBLE, net_amount_gbp DOUBLE, is_duplicate_refund INTEGER,
    is_revenue_recognised INTEGER, is_spend_qualifying INTEGER, is_in_contract_period INTEGER,
    contract_spend_gbp DOUBLE, is_discount_earned INTEGER, applicable_fee_margin DOUBLE,
    revenue_gbp DOUBLE
"""


def build(con: duckdb.DuckDBPyConnection) -> None:
    """Create `fct_transactions` (and the `dim_dates` time spine) as the dbt project names them."""
    con.execute(f"CREATE OR REPLACE TABLE fct_transactions ({COLUMNS})")
    con.executemany(f"INSERT INTO fct_transactions VALUES ({', '.join(['?'] * 22)})", _rows())
    con.execute(
        "CREATE OR REPLACE TABLE dim_dates AS SELECT CAST(d AS DATE) AS date_day, "
        "CAST(date_trunc('month', d) AS DATE) AS month_start_date, "
        "CAST(last_day(d) AS DATE) AS month_end_date "
        "FROM range(DATE '2020-01-01', DATE '2031-01-01', INTERVAL 1 DAY) t(d)"
    )
