"""A seeded lodging-marketplace warehouse for MetricFlow's ``simple_manifest`` (no data of its own).

Why synthetic: MetricFlow's example project (a lodging marketplace: listings, bookings, guests
and hosts, views, visits, buys, revenue, accounts) ships as semantic YAML only. The held-out
set ``mf_simple`` uses that YAML exactly as its owners wrote it, over data generated here:
every table and column its semantic models read (``node_relation`` aliases, ``expr`` columns,
entity keys, time dimensions, the daily time spine with its ``alien_day`` granularity).

The data is shaped so that every filter the metrics use has rows on both sides: instant and
non-instant bookings, luxury and other listings, bookings without a listing
(``Entity('listing') IS NOT NULL``), west- and east-coast home states, visits from
``fb_ad_1`` and ``ref_id_01`` and from other referrers, listings above and below 3 guests, and
listings above and below the "more than 2 bookings" / "more than 10 views" thresholds.
Volumes follow a season (summer peak, December dip), weekends and two years of growth.

Deterministic: one ``random.Random(seed)`` drives every value in a fixed order, so the same
seed gives the same tables on every machine (the eval cache is keyed by this file's hash).
"""

from __future__ import annotations

import datetime as dt
import math
import random
from collections.abc import Sequence
from typing import Any

import pandas as pd

SEED = 20_240_101
START = dt.date(2023, 1, 1)
END = dt.date(2024, 12, 31)  # last day with activity
SNAPSHOT = END  # the day the "latest" dimension tables were taken
USERS = 1_500
LISTINGS = 420
COMPANIES = 60

STATES = (
    ("CA", 16),
    ("NY", 11),
    ("TX", 10),
    ("FL", 9),
    ("WA", 6),
    ("IL", 6),
    ("MD", 4),
    ("HI", 3),
    ("CO", 5),
    ("MA", 5),
    ("GA", 5),
    ("OR", 4),
    ("AZ", 4),
    ("NC", 4),
    ("NV", 3),
    ("MI", 3),
)
COUNTRIES = (
    ("us", 40),
    ("ca", 10),
    ("mx", 9),
    ("fr", 10),
    ("it", 8),
    ("es", 7),
    ("gb", 8),
    ("jp", 5),
    ("pt", 3),
)
REFERRERS = (
    ("fb_ad_1", 14),
    ("fb_ad_2", 8),
    ("ref_id_01", 10),
    ("ref_id_02", 5),
    ("google_search", 22),
    ("newsletter", 9),
    ("direct", 32),
)
ACCOUNT_TYPES = (("checking", 5), ("savings", 3), ("payout", 2))
VERIFICATION_TYPES = (("passport", 4), ("drivers_license", 5), ("national_id", 3), ("selfie", 2))
COMPANY_WORDS = (
    ("Harbor", "Summit", "Cedar", "Bluebird", "Maple", "Coastal", "Granite", "Willow", "Pine"),
    ("Stays", "Retreats", "Hospitality", "Homes", "Lodging", "Rentals", "Suites", "Cabins"),
    ("LLC", "Inc", "Co", "Group"),
)


def _pick(rng: random.Random, weighted: Sequence[tuple[Any, int]]) -> Any:
    values, weights = zip(*weighted, strict=True)
    return rng.choices(values, weights=weights)[0]


def _day_weight(day: dt.date) -> float:
    """Relative activity on ``day``: summer peak, December dip, busier weekends, 35 %/year growth."""
    season = 1.0 + 0.45 * math.sin((day.timetuple().tm_yday - 100) / 365.0 * 2 * math.pi)
    weekend = 1.25 if day.weekday() >= 4 else 1.0
    growth = 1.35 ** ((day - START).days / 365.0)
    dip = 0.7 if day.month == 12 and day.day > 20 else 1.0
    return season * weekend * growth * dip


def _days() -> list[dt.date]:
    return [START + dt.timedelta(days=i) for i in range((END - START).days + 1)]


def _daily_counts(rng: random.Random, total: int) -> list[tuple[dt.date, int]]:
    """``total`` events spread over the days by :func:`_day_weight`, with Poisson-like noise."""
    days = _days()
    weights = [_day_weight(d) for d in days]
    scale = total / sum(weights)
    return [
        (d, max(0, round(w * scale * rng.uniform(0.7, 1.3))))
        for d, w in zip(days, weights, strict=True)
    ]


def _moment(rng: random.Random, day: dt.date) -> dt.datetime:
    return dt.datetime.combine(day, dt.time()) + dt.timedelta(
        seconds=rng.randrange(8 * 3600, 86_400)
    )


def _users(rng: random.Random) -> tuple[pd.DataFrame, pd.DataFrame, dict[int, str]]:
    rows, latest, home = [], [], {}
    for user_id in range(1, USERS + 1):
        created = START - dt.timedelta(days=400) + dt.timedelta(days=rng.randrange(0, 1_100))
        created = min(created, END)
        state = _pick(rng, STATES)
        moved = rng.random() < 0.05
        state_latest = _pick(rng, STATES) if moved else state
        home[user_id] = state_latest
        created_ts = _moment(rng, created)
        login = created_ts + dt.timedelta(
            minutes=rng.randrange(0, max(1, (END - created).days) * 1440 + 1)
        )
        archived = (
            created_ts + dt.timedelta(hours=rng.randrange(24, 24 * 400))
            if rng.random() < 0.08
            else None
        )
        if archived is not None and archived.date() > END:
            archived = None
        rows.append(
            {
                "user_id": user_id,
                "ds": created,
                "created_at": created,
                "ds_partitioned": created,
                "home_state": state,
                "last_profile_edit_ts": created_ts
                + dt.timedelta(milliseconds=rng.randrange(0, 9_000_000_000)),
                "bio_added_ts": created_ts + dt.timedelta(seconds=rng.randrange(0, 9_000_000)),
                "last_login_ts": login.replace(second=0),
                "archived_at": archived.replace(minute=0, second=0) if archived else None,
            }
        )
        latest.append({"user_id": user_id, "ds": SNAPSHOT, "home_state_latest": state_latest})
    return pd.DataFrame(rows), pd.DataFrame(latest), home


def _listings(rng: random.Random) -> tuple[pd.DataFrame, pd.DataFrame]:
    hosts = rng.sample(range(1, USERS + 1), 260)
    rows, lux = [], []
    for listing_id in range(1, LISTINGS + 1):
        is_lux = rng.random() < 0.16
        capacity = (
            rng.choice((4, 5, 6, 8, 10, 12))
            if is_lux
            else rng.choice((1, 2, 2, 2, 3, 3, 4, 4, 5, 6))
        )
        created = START - dt.timedelta(days=500) + dt.timedelta(days=rng.randrange(0, 1_150))
        rows.append(
            {
                "listing_id": listing_id,
                "user_id": rng.choice(hosts),
                "created_at": min(created, END),
                "country": _pick(rng, COUNTRIES),
                "is_lux": is_lux,
                "capacity": capacity,
            }
        )
        if is_lux:
            lux.append({"listing_id": listing_id, "lux_listing_id": 9_000 + listing_id})
    return pd.DataFrame(rows), pd.DataFrame(lux)


def _bookings(rng: random.Random, listings: pd.DataFrame) -> pd.DataFrame:
    live = listings.to_dict("records")
    popularity = [rng.paretovariate(1.4) for _ in live]
    rows = []
    for day, n in _daily_counts(rng, 11_000):
        candidates = [
            (lst, w) for lst, w in zip(live, popularity, strict=True) if lst["created_at"] <= day
        ]
        if not candidates:
            continue
        picked = rng.choices([c[0] for c in candidates], weights=[c[1] for c in candidates], k=n)
        for lst in picked:
            nights = rng.choice((1, 2, 2, 3, 3, 4, 5, 7, 10))
            nightly = (180 if lst["is_lux"] else 60) + 18 * lst["capacity"] + rng.uniform(-25, 90)
            lost_listing = rng.random() < 0.02  # a booking whose listing record was deleted
            rows.append(
                {
                    "ds": day,
                    "ds_partitioned": day,
                    "paid_at": day + dt.timedelta(days=rng.choice((0, 0, 0, 1, 1, 2, 3, 7, 14))),
                    "is_instant": rng.random() < 0.42,
                    "booking_value": round(nightly * nights, 2),
                    "guest_id": rng.randrange(1, USERS + 1),
                    "host_id": lst["user_id"],
                    "listing_id": None if lost_listing else lst["listing_id"],
                    "referrer_id": _pick(rng, REFERRERS[:-1]) if rng.random() < 0.28 else None,
                }
            )
    frame = pd.DataFrame(rows)
    frame["listing_id"] = frame["listing_id"].astype("Int64")
    return frame


def _views_visits_buys(rng: random.Random, listings: pd.DataFrame) -> tuple[pd.DataFrame, ...]:
    listing_ids = listings["listing_id"].tolist()
    appeal = [rng.paretovariate(1.2) for _ in listing_ids]
    views = [
        {
            "ds": day,
            "ds_partitioned": day,
            "listing_id": rng.choices(listing_ids, weights=appeal)[0],
            "user_id": rng.randrange(1, USERS + 1) if rng.random() < 0.9 else None,
        }
        for day, n in _daily_counts(rng, 30_000)
        for _ in range(n)
    ]
    visits, buys, session = [], [], 0
    for day, n in _daily_counts(rng, 14_000):
        # one visit per user and day: conversions credit the latest visit, and two visits of
        # the same day would leave the pick to the database (MetricFlow orders by time only)
        for user in rng.sample(range(1, USERS + 1), n):
            session += 1
            referrer = _pick(rng, REFERRERS)
            visits.append(
                {"ds": day, "user_id": user, "session_id": session, "referrer_id": referrer}
            )
            rate = {"fb_ad_1": 0.32, "ref_id_01": 0.38, "direct": 0.12}.get(referrer, 0.2)
            if rng.random() < rate:
                when = min(
                    day + dt.timedelta(days=rng.choice((0, 0, 1, 2, 3, 5, 6, 9, 14, 30))), END
                )
                same_session = rng.random() < 0.6
                buys.append(
                    {
                        "ds": when,
                        "ds_month": when.replace(day=1),
                        "user_id": user,
                        "session_id": session if same_session else session + 1_000_000,
                    }
                )
    return (
        pd.DataFrame(views).astype({"user_id": "Int64"}),
        pd.DataFrame(visits),
        pd.DataFrame(buys),
    )


def _revenue(rng: random.Random) -> pd.DataFrame:
    rows = [
        {
            "created_at": day,
            "revenue": round(rng.lognormvariate(3.6, 0.7), 2),
            "user_id": rng.randrange(1, USERS + 1),
        }
        for day, n in _daily_counts(rng, 8_000)
        for _ in range(n)
    ]
    return pd.DataFrame(rows)


def _accounts(rng: random.Random) -> pd.DataFrame:
    """Balances snapshotted on the 1st and the 15th of every month (a semi-additive measure)."""
    owners = rng.sample(range(1, USERS + 1), 320)
    accounts = [(u, _pick(rng, ACCOUNT_TYPES), rng.uniform(200, 9_000)) for u in owners]
    accounts += [(u, "savings", rng.uniform(1_000, 20_000)) for u in owners[:60]]
    snapshots = [dt.date(y, m, d) for y in (2023, 2024) for m in range(1, 13) for d in (1, 15)]
    rows = []
    for user, kind, balance in accounts:
        for day in snapshots:
            balance = max(0.0, balance * rng.uniform(0.93, 1.1) + rng.uniform(-150, 250))
            rows.append(
                {
                    "ds": day,
                    "ds_month": day.replace(day=1),
                    "account_balance": round(balance, 2),
                    "account_type": kind,
                    "user_id": user,
                }
            )
    return pd.DataFrame(rows)


def _verifications(rng: random.Random) -> pd.DataFrame:
    rows = []
    for verification_id, (day, _) in enumerate(
        ((d, i) for d, n in _daily_counts(rng, 1_800) for i in range(n)), start=1
    ):
        rows.append(
            {
                "verification_id": verification_id,
                "user_id": rng.randrange(1, USERS + 1),
                "ds": day,
                "ds_partitioned": day,
                "verification_type": _pick(rng, VERIFICATION_TYPES),
            }
        )
    return pd.DataFrame(rows)


def _companies(rng: random.Random) -> pd.DataFrame:
    names: set[str] = set()
    while len(names) < COMPANIES:
        names.add(" ".join(rng.choice(words) for words in COMPANY_WORDS))
    owners = rng.sample(range(1, USERS + 1), COMPANIES)
    return pd.DataFrame(
        {
            "company_id": range(1, COMPANIES + 1),
            "user_id": owners,
            "company_name": sorted(names),
        }
    )


_TIME_SPINE_SQL = """
CREATE TABLE mf_time_spine AS
SELECT CAST(d AS DATE) AS ds,
       CAST(DATE '2020-01-01' + 10 * CAST(FLOOR((CAST(d AS DATE) - DATE '2020-01-01') / 10) AS INTEGER)
            AS DATE) AS alien_day
FROM range(DATE '2020-01-01', DATE '2027-01-01', INTERVAL 1 DAY) t(d)
"""


def build_lodging_tables(con: Any, seed: int = SEED) -> dict[str, int]:
    """Create every table ``simple_manifest`` reads in ``con``'s default schema; row counts.

    ``alien_day`` (the manifest's custom granularity) groups the spine's days into ten-day
    periods, each named by its first day.
    """
    rng = random.Random(seed)
    users, users_latest, _ = _users(rng)
    listings, lux = _listings(rng)
    views, visits, buys = _views_visits_buys(rng, listings)
    tables = {
        "dim_users": users,
        "dim_users_latest": users_latest,
        "dim_listings_latest": listings,
        "dim_lux_listing_id_mapping": lux,
        "fct_bookings": _bookings(rng, listings),
        "fct_views": views,
        "fct_visits": visits,
        "fct_buys": buys,
        "fct_revenue": _revenue(rng),
        "fct_accounts": _accounts(rng),
        "fct_id_verifications": _verifications(rng),
        "dim_companies": _companies(rng),
    }
    for name, frame in tables.items():
        con.register("frame", frame)
        con.execute(f"CREATE TABLE {name} AS SELECT * FROM frame")
        con.unregister("frame")
    con.execute(_TIME_SPINE_SQL)
    return {name: len(frame) for name, frame in tables.items()}
