"""Session 16 (freshb16) wordings on a fleet-maintenance model (``fixtures/fleet_service``).

- a count asked of a value alone ("how many oil changes") counts the rows the value's
  dimension lives on, with that model's one row count (``rules/value_counts.py``);
- a periodicity word that is part of a two-word metric label ("daily litres" for "Daily
  Litres") also groups by its grain (``rules/label_grains.py``);
- an English span of whole years ("from 2023 to 2024") is one time range (``year_spans``).

Every answer is checked against the number computed by hand from the same rows.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import duckdb
import pandas as pd
import pytest

from nl2sql.ask import ask
from nl2sql.timeparse import find_times

MODEL = Path(__file__).parent / "fixtures" / "fleet_service"
TODAY = "2025-02-01"
KINDS = ["oil_change", "tire_rotation", "brake_inspection"]

pytestmark = pytest.mark.usefixtures("own_cache")


def _frames() -> dict[str, pd.DataFrame]:
    return {
        "service_events": pd.DataFrame(
            {
                "event_id": range(60),
                "vehicle_id": [i % 5 for i in range(60)],
                "serviced_on": [dt.date(2024, 1, 1) + dt.timedelta(days=6 * i) for i in range(60)],
                "service_kind": [KINDS[i % 3] for i in range(60)],
            }
        ),
        "vehicles": pd.DataFrame(
            {
                "vehicle_id": range(5),
                "fuel_type": ["diesel", "electric", "diesel", "petrol", "diesel"],
            }
        ),
        "fuel_purchases": pd.DataFrame(
            {
                "purchase_id": range(80),
                "vehicle_id": [i % 5 for i in range(80)],
                "purchased_on": [dt.date(2023, 1, 1) + dt.timedelta(days=9 * i) for i in range(80)],
                "payment_method": ["card" if i % 4 else "cash" for i in range(80)],
                "litres": [20.0 + i for i in range(80)],
            }
        ),
    }


@pytest.fixture(scope="module")
def fleet():
    frames = _frames()
    con = duckdb.connect()
    for name, df in frames.items():
        con.register(f"{name}_df", df)
        con.execute(f"create table {name} as select * from {name}_df")
    yield con, frames
    con.close()


def _ask(question: str, con):
    """Why a ``db_key``: the ``fleet`` warehouse is in memory, so without a name ``ask`` rebuilt
    the catalog and lexicon for every question; it is built once per module and only read
    (the key is this file's own, in this run's cache folder: ``own_cache``)."""
    return ask(
        question,
        model=MODEL,
        con=con,
        engine="rules",
        today=TODAY,
        chart=False,
        db_key="tests/test_nl2sql_fleet_counts.py:fleet",
    )


def _in(df: pd.DataFrame, col: str, start: dt.date, end: dt.date) -> pd.DataFrame:
    return df[(df[col] >= start) & (df[col] < end)]


def test_value_alone_counts_its_own_rows(fleet):
    con, frames = fleet
    ev = frames["service_events"]
    a = _ask("how many oil changes in 2024", con)
    assert not a.refused, a.error
    want = len(
        _in(
            ev[ev.service_kind == "oil_change"],
            "serviced_on",
            dt.date(2024, 1, 1),
            dt.date(2025, 1, 1),
        )
    )
    assert float(a.df.iloc[0, -1]) == want == 20


def test_value_alone_counts_by_month(fleet):
    con, frames = fleet
    ev = frames["service_events"]
    a = _ask("number of tire rotations by month", con)
    assert not a.refused, a.error
    rows = ev[ev.service_kind == "tire_rotation"]
    assert len(a.df) == rows.serviced_on.map(lambda d: (d.year, d.month)).nunique()
    assert float(a.df.iloc[:, -1].sum()) == len(rows)


def test_value_without_own_row_count_stays_refused(fleet):
    con, _ = fleet
    # fuel type is the vehicles' own: no count of vehicles, and the service or fuel rows
    # joined to a vehicle are not what "how many diesel" counts
    assert _ask("how many diesel", con).refused


def test_two_row_counts_of_the_value_model_stay_refused(fleet):
    con, _ = fleet
    # Purchases (count of rows) and Receipts (distinct purchase ids): no one count to take
    assert _ask("how many card in 2024", con).refused


def test_label_periodicity_word_groups_by_its_grain(fleet):
    con, frames = fleet
    march = _in(frames["fuel_purchases"], "purchased_on", dt.date(2024, 3, 1), dt.date(2024, 4, 1))
    a = _ask("daily litres in March 2024", con)
    assert not a.refused, a.error
    assert len(a.df) == march.purchased_on.nunique() == 3
    assert sorted(a.df.iloc[:, -1].astype(float)) == sorted(march.litres.astype(float))


def test_label_head_alone_stays_one_total(fleet):
    con, frames = fleet
    march = _in(frames["fuel_purchases"], "purchased_on", dt.date(2024, 3, 1), dt.date(2024, 4, 1))
    a = _ask("litres in March 2024", con)
    assert not a.refused, a.error
    assert len(a.df) == 1 and float(a.df.iloc[0, -1]) == float(march.litres.sum())


def test_english_year_span_is_one_range(fleet):
    con, frames = fleet
    fp = frames["fuel_purchases"]
    a = _ask("purchases from 2023 to 2024", con)
    assert not a.refused, a.error
    want = len(_in(fp, "purchased_on", dt.date(2023, 1, 1), dt.date(2025, 1, 1)))
    assert float(a.df.iloc[0, -1]) == want


def test_english_year_span_spans_only_years():
    (m,) = find_times("hires from 2019 through 2021", dt.date(2025, 1, 1))
    assert (m.range.start, m.range.end) == (dt.date(2019, 1, 1), dt.date(2022, 1, 1))
    # an amount range: a unit or currency after the second number, or a backwards pair
    for text in (
        "orders from 1990 to 2000 dollars",
        "price from 2000 to 2100 usd",
        "from 2024 to 2019",
    ):
        assert not any(
            t.range.start == dt.date(1990, 1, 1) for t in find_times(text, dt.date(2025, 1, 1))
        )
        assert all(" to " not in t.label_en for t in find_times(text, dt.date(2025, 1, 1))), text
