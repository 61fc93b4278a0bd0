"""A ranking names things that exist: rows without the ranked key are not one of them.

"which catastrophe had the most claims" answered the empty catastrophe (the claims of no
catastrophe, one NULL group larger than any real one) on a fresh public dbt project: a wrong
answer. A ranking (a limit over a metric) now keeps the rows that have each ranked key, and
says so; a plain breakdown still shows the rows without a key.
"""

from __future__ import annotations

import datetime as dt

import pytest

TODAY = dt.date(2026, 9, 1)
MODEL = """
semantic_models:
  - name: parcels
    model: ref('parcels')
    defaults: {agg_time_dimension: shipped_at}
    entities:
      - {name: parcel, type: primary, expr: parcel_id}
      - {name: depot, type: foreign, expr: depot_id}
    dimensions:
      - {name: shipped_at, type: time, type_params: {time_granularity: day}}
    measures:
      - {name: parcel_count, agg: count, expr: parcel_id}
  - name: depots
    model: ref('depots')
    entities:
      - {name: depot, type: primary, expr: depot_id}
    dimensions:
      - {name: depot_name, type: categorical}
metrics:
  - {name: parcels, label: Parcels, type: simple, type_params: {measure: parcel_count}}
"""
DATA = """
create table depots (depot_id int, depot_name varchar);
insert into depots values (1, 'North Hub'), (2, 'South Hub');
create table parcels (parcel_id int, depot_id int, shipped_at date);
insert into parcels select i, case when i <= 3 then 1 when i <= 5 then 2 end, date '2026-08-10'
  from range(1, 11) t(i);
"""


@pytest.fixture(scope="module")
def shop(yaml_shop):
    return yaml_shop("parcels", MODEL, DATA, TODAY)


@pytest.mark.parametrize(
    "question", ["which depot shipped the most parcels?", "top 1 depot by parcels"]
)
def test_a_ranking_skips_the_rows_without_the_key(shop, question: str) -> None:
    a = shop.ask(question)
    assert not a.refused, a.error
    rows = [tuple(r) for r in a.df.itertuples(index=False)]
    assert [r[-2:] for r in rows] == [("North Hub", 3)]  # five parcels have no depot
    assert (
        "not null" in a.interpretation or "不为空" in a.interpretation or "非空" in a.interpretation
    )


def test_a_breakdown_still_shows_the_rows_without_the_key(shop) -> None:
    a = shop.ask("parcels by depot name")
    counts = sorted(
        ("" if r[0] != r[0] or r[0] is None else r[0], r[-1]) for r in a.df.itertuples(index=False)
    )
    assert counts == [("", 5), ("North Hub", 3), ("South Hub", 2)]
