"""The synthetic lodging warehouse under MetricFlow's ``simple_manifest`` (held-out set mf_simple).

What is asserted: the generator is deterministic (same seed, same rows), and every filter the
manifest's metrics use has rows on both sides, so a metric that ignored its filter would give
a different number than one that applied it. The engine's score is reported by ``make eval``.
"""

from __future__ import annotations

import duckdb
import pytest

from lab.evals.heldout.lodging_data import build_lodging_tables


@pytest.fixture(scope="module")
def lodging() -> duckdb.DuckDBPyConnection:
    con = duckdb.connect()
    build_lodging_tables(con)
    return con


def _table_digests(con: duckdb.DuckDBPyConnection) -> dict[str, tuple[int, int]]:
    tables = [r[0] for r in con.execute("SELECT table_name FROM duckdb_tables()").fetchall()]
    return {
        t: con.execute(f"SELECT COUNT(*), SUM(HASH(COLUMNS(*))) FROM {t}").fetchone()[:2]
        for t in sorted(tables)
    }


def test_the_same_seed_builds_the_same_rows_and_another_seed_other_rows(lodging) -> None:
    again = duckdb.connect()
    build_lodging_tables(again)
    assert _table_digests(again) == _table_digests(lodging)
    other = duckdb.connect()
    build_lodging_tables(other, seed=7)
    differs = {t for t, d in _table_digests(other).items() if d != _table_digests(lodging).get(t)}
    assert "fct_bookings" in differs and "mf_time_spine" not in differs


# (filter the manifest uses, SQL counting rows on one side, SQL counting the other side)
BOTH_SIDES = [
    (
        "booking__is_instant",
        "SELECT COUNT(*) FROM fct_bookings WHERE is_instant",
        "SELECT COUNT(*) FROM fct_bookings WHERE NOT is_instant",
    ),
    (
        "listing__is_lux_latest",
        "SELECT COUNT(*) FROM dim_listings_latest WHERE is_lux",
        "SELECT COUNT(*) FROM dim_listings_latest WHERE NOT is_lux",
    ),
    (
        "Entity('listing') IS NOT NULL",
        "SELECT COUNT(*) FROM fct_bookings WHERE listing_id IS NOT NULL",
        "SELECT COUNT(*) FROM fct_bookings WHERE listing_id IS NULL",
    ),
    (
        "home_state_latest IN ('CA', 'HI', 'WA')",
        "SELECT COUNT(*) FROM dim_users_latest WHERE home_state_latest IN ('CA', 'HI', 'WA')",
        "SELECT COUNT(*) FROM dim_users_latest WHERE home_state_latest NOT IN ('CA', 'HI', 'WA')",
    ),
    (
        "home_state_latest IN ('MD', 'NY', 'TX')",
        "SELECT COUNT(*) FROM dim_users_latest WHERE home_state_latest IN ('MD', 'NY', 'TX')",
        "SELECT COUNT(*) FROM dim_users_latest WHERE home_state_latest NOT IN ('MD', 'NY', 'TX')",
    ),
    (
        "referrer_id = 'fb_ad_1'",
        "SELECT COUNT(*) FROM fct_visits WHERE referrer_id = 'fb_ad_1'",
        "SELECT COUNT(*) FROM fct_visits WHERE referrer_id <> 'fb_ad_1'",
    ),
    (
        "referrer_id = 'ref_id_01'",
        "SELECT COUNT(*) FROM fct_visits WHERE referrer_id = 'ref_id_01'",
        "SELECT COUNT(*) FROM fct_visits WHERE referrer_id <> 'ref_id_01'",
    ),
    (
        "capacity_latest > 3",
        "SELECT COUNT(*) FROM dim_listings_latest WHERE capacity > 3",
        "SELECT COUNT(*) FROM dim_listings_latest WHERE capacity <= 3",
    ),
    (
        "Metric('bookings', ['listing']) > 2",
        "SELECT COUNT(*) FROM (SELECT listing_id FROM fct_bookings GROUP BY 1 HAVING COUNT(*) > 2)",
        "SELECT COUNT(*) FROM dim_listings_latest l WHERE (SELECT COUNT(*) FROM fct_bookings b "
        "WHERE b.listing_id = l.listing_id) <= 2",
    ),
    (
        "Metric('views', ['listing']) > 10",
        "SELECT COUNT(*) FROM (SELECT listing_id FROM fct_views GROUP BY 1 HAVING COUNT(*) > 10)",
        "SELECT COUNT(*) FROM dim_listings_latest l WHERE (SELECT COUNT(*) FROM fct_views v "
        "WHERE v.listing_id = l.listing_id) <= 10",
    ),
    (
        "referred bookings (COUNT(referrer_id))",
        "SELECT COUNT(*) FROM fct_bookings WHERE referrer_id IS NOT NULL",
        "SELECT COUNT(*) FROM fct_bookings WHERE referrer_id IS NULL",
    ),
    (
        "archived users (archived_at)",
        "SELECT COUNT(*) FROM dim_users WHERE archived_at IS NOT NULL",
        "SELECT COUNT(*) FROM dim_users WHERE archived_at IS NULL",
    ),
]


@pytest.mark.parametrize(
    ("what", "one_side", "other_side"), BOTH_SIDES, ids=[b[0] for b in BOTH_SIDES]
)
def test_every_filter_of_the_manifest_has_rows_on_both_sides(
    lodging, what: str, one_side: str, other_side: str
) -> None:
    assert lodging.execute(one_side).fetchone()[0] >= 5, what
    assert lodging.execute(other_side).fetchone()[0] >= 5, what


def test_the_time_spine_covers_the_data_and_names_ten_day_alien_days(lodging) -> None:
    lo, hi, alien = lodging.execute(
        "SELECT MIN(ds), MAX(ds), COUNT(DISTINCT alien_day) FROM mf_time_spine"
    ).fetchone()
    first, last = lodging.execute(
        "SELECT MIN(ds), MAX(ds) FROM (SELECT ds FROM fct_bookings UNION ALL "
        "SELECT paid_at FROM fct_bookings UNION ALL SELECT ds FROM fct_buys)"
    ).fetchone()
    assert lo <= first and last <= hi
    assert alien == -(-((hi - lo).days + 1) // 10)  # ceil(days / 10)
    starts = lodging.execute(
        "SELECT COUNT(*) FROM mf_time_spine WHERE alien_day > ds OR ds - alien_day >= 10"
    ).fetchone()[0]
    assert starts == 0


def test_a_user_visits_at_most_once_a_day(lodging) -> None:
    """Conversions credit the latest visit; two visits on one day would leave that to chance."""
    dupes = lodging.execute(
        "SELECT COUNT(*) FROM (SELECT user_id, ds FROM fct_visits GROUP BY 1, 2 HAVING COUNT(*) > 1)"
    ).fetchone()[0]
    assert dupes == 0
