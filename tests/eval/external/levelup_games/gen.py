"""Seeded data for the `levelup_games` external set: the relations the project's models read.

Why generated: the project (dbt Labs' Summit 2026 hands-on lab "Level Up", a video-game studio)
builds its marts from a connector's raw tables that are not public. This builds, under the names
dbt gives them (schema ``main``), the two fact tables its semantic models read with the columns
the models' ``expr`` use, plus the date spine and the small conformed dimensions ``_core.yml``
documents (no semantic model reads them; they exist so the warehouse looks as dbt leaves it):

* ``fct_play_sessions``: one row per play session (player, title, start time, minutes,
  ``is_valid_session``, ``week_offset_from_registration`` = whole weeks since the player
  registered, platform, country).
* ``fct_transactions``: one row per transaction (player, title, time, ``transaction_type``,
  ``is_live_service_revenue`` for IAP and season passes, gross / net (after a 30 % platform
  fee; refunds and chargebacks negative) / studio-net (85 % of net) amounts in USD).
* ``dim_dates`` (2025-01-01 .. 2027-12-31), ``dim_players``, ``dim_titles``, ``dim_platforms``.

Both sides of every filter and threshold a question can use: valid and invalid sessions (short or
crashed), players seen in week 0 who do and do not come back in week 4, live-service and other
revenue, refunds and chargebacks (negative net), titles with and without paying players in a
month, months with high and low activity. Sessions and transactions run 2025-08-01 .. 2026-12-06
(the evaluation is asked on 2026-12-07), seed 29.
"""

from __future__ import annotations

import datetime as dt
import random

import duckdb

SEED = 29
START = dt.date(2025, 8, 1)
END = dt.date(2026, 12, 6)  # last day with activity; "today" is 2026-12-07

#: title id -> (monetization model, launch date, popularity weight)
TITLES = {
    "T01": ("f2p", dt.date(2024, 3, 1), 5),
    "T02": ("premium", dt.date(2024, 9, 15), 3),
    "T03": ("premium_plus_dlc", dt.date(2025, 2, 1), 4),
    "T04": ("f2p", dt.date(2025, 10, 1), 3),
    "T05": ("premium", dt.date(2026, 4, 20), 2),
    "T06": ("f2p", dt.date(2026, 9, 1), 1),
}
PLATFORMS = {
    "steam": "pc",
    "epic": "pc",
    "psn": "console",
    "xbox": "console",
    "ios": "mobile",
    "android": "mobile",
}
CHANNELS = ("organic", "paid_social", "influencer", "store_featured", "cross_promo")
COUNTRIES = ("US", "DE", "JP", "BR", "GB", "CN", "KR")
TX_TYPES = (
    ("iap", 45),
    ("season_pass", 12),
    ("premium_purchase", 16),
    ("dlc", 12),
    ("refund", 9),
    ("chargeback", 6),
)
PRICES = {
    "iap": (0.99, 4.99, 9.99, 19.99, 49.99),
    "season_pass": (9.99, 14.99),
    "premium_purchase": (29.99, 59.99, 69.99),
    "dlc": (9.99, 19.99, 24.99),
}
N_PLAYERS = 320


def _days(a: dt.date, b: dt.date) -> int:
    return (b - a).days


def build(con: duckdb.DuckDBPyConnection) -> None:
    """Create the facts, the date spine and the dimensions in ``main``."""
    rng = random.Random(SEED)
    titles = [t for t in TITLES]
    weights = [TITLES[t][2] for t in titles]

    players = []  # (player_id, registered_at, channel, status, fav title, country)
    for i in range(1, N_PLAYERS + 1):
        reg = dt.date(2025, 6, 1) + dt.timedelta(
            days=rng.randrange(_days(dt.date(2025, 6, 1), END))
        )
        fav = rng.choices(titles, weights)[0]
        while TITLES[fav][1] > reg + dt.timedelta(days=60):
            fav = rng.choices(titles, weights)[0]
        players.append(
            (
                f"P{i:04d}",
                reg,
                rng.choice(CHANNELS),
                rng.choice(("active", "active", "dormant", "churned", "banned")),
                fav,
                rng.choice(COUNTRIES),
            )
        )

    sessions = []
    sid = 0
    for pid, reg, _ch, _st, fav, country in players:
        platform = rng.choice(list(PLATFORMS))
        # how long the player keeps playing: some leave in week 1, some stay for months
        life = rng.choice((3, 10, 20, 40, 90, 200, 400))
        n = rng.randint(4, 30)
        for _ in range(n):
            day = reg + dt.timedelta(days=min(int(rng.expovariate(1 / max(life / 2, 1))), life))
            if day < START or day > END:
                continue
            title = fav if rng.random() < 0.7 else rng.choices(titles, weights)[0]
            if TITLES[title][1] > day:
                title = fav if TITLES[fav][1] <= day else "T01"
            sid += 1
            start = dt.datetime.combine(day, dt.time(rng.randrange(24), rng.randrange(60)))
            crashed = rng.random() < 0.06
            minutes = (
                round(rng.uniform(0.2, 0.9), 1)
                if rng.random() < 0.05
                else round(rng.lognormvariate(3.2, 0.7), 1)
            )
            sessions.append(
                (
                    f"S{sid:06d}",
                    pid,
                    title,
                    platform,
                    start,
                    minutes,
                    (minutes >= 1.0) and not crashed,
                    crashed,
                    country,
                    _days(reg, day) // 7,
                )
            )
    # a few week-0 and week-4 sessions on fixed dates so both sides of the cohort measure exist
    con.execute(
        "CREATE TABLE fct_play_sessions (session_id VARCHAR, player_id VARCHAR, "
        "title_id VARCHAR, platform VARCHAR, session_start_at TIMESTAMP, "
        "duration_minutes DOUBLE, is_valid_session BOOLEAN, crashed_flag BOOLEAN, "
        "country_code VARCHAR, week_offset_from_registration INTEGER)"
    )
    con.executemany("INSERT INTO fct_play_sessions VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", sessions)

    txs = []
    tid = 0
    kinds = [k for k, _ in TX_TYPES]
    kw = [w for _, w in TX_TYPES]
    by_player: dict[str, list[tuple]] = {}
    for s in sessions:
        by_player.setdefault(s[1], []).append(s)
    for pid, ss in by_player.items():
        if rng.random() < 0.45:  # non-payers
            continue
        for _ in range(rng.randint(1, 9)):
            s = rng.choice(ss)
            kind = rng.choices(kinds, kw)[0]
            base = kind if kind in PRICES else rng.choice(("iap", "premium_purchase", "dlc"))
            gross = rng.choice(PRICES[base])
            sign = -1 if kind in ("refund", "chargeback") else 1
            net = round(sign * gross * 0.7, 2)
            tid += 1
            at = s[4] + dt.timedelta(minutes=rng.randrange(1, 50))
            txs.append(
                (
                    f"X{tid:06d}",
                    pid,
                    s[2],
                    s[3],
                    at,
                    kind,
                    kind in ("iap", "season_pass"),
                    gross,
                    net,
                    round(net * 0.85, 2),
                )
            )
    con.execute(
        "CREATE TABLE fct_transactions (transaction_id VARCHAR, player_id VARCHAR, "
        "title_id VARCHAR, platform VARCHAR, transaction_at TIMESTAMP, "
        "transaction_type VARCHAR, is_live_service_revenue BOOLEAN, "
        "gross_amount_usd DECIMAL(12, 2), net_amount_usd DECIMAL(12, 2), "
        "studio_net_revenue_usd DECIMAL(12, 2))"
    )
    con.executemany("INSERT INTO fct_transactions VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", txs)

    con.execute(
        "CREATE TABLE dim_dates AS SELECT CAST(d AS DATE) AS date_day FROM "
        "range(DATE '2025-01-01', DATE '2028-01-01', INTERVAL 1 DAY) t(d)"
    )
    con.execute(
        "CREATE TABLE dim_players (player_id VARCHAR, registered_at DATE, "
        "acquisition_channel VARCHAR, account_status VARCHAR, favorite_title_id VARCHAR, "
        "country_code VARCHAR)"
    )
    con.executemany("INSERT INTO dim_players VALUES (?, ?, ?, ?, ?, ?)", players)
    con.execute(
        "CREATE TABLE dim_titles (title_id VARCHAR, monetization_model VARCHAR, launch_date DATE)"
    )
    con.executemany(
        "INSERT INTO dim_titles VALUES (?, ?, ?)", [(t, m, d) for t, (m, d, _w) in TITLES.items()]
    )
    con.execute("CREATE TABLE dim_platforms (platform_id VARCHAR, platform_family VARCHAR)")
    con.executemany("INSERT INTO dim_platforms VALUES (?, ?)", list(PLATFORMS.items()))
