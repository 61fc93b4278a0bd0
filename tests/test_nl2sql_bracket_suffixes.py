"""A bracket suffix glued to a categorical dimension's word names its groups: 重量段, 重量档.

"每个年龄段的用户数" on a public scooter project (``age`` holding brackets "18-24", "25-34")
was refused for the unknown 段 (zhsense15 held-back set). 段 / 组 / 层 / 档 glued right after a
word whose readings are all categorical dimensions say "the groups of" it; anywhere else they
stay unknown.
"""

from __future__ import annotations

import datetime as dt

import pytest

from tests.semantic_helpers import answered_rows

TODAY = dt.date(2026, 5, 1)
PARCELS = """
semantic_models:
  - name: parcels
    model: ref('parcels')
    defaults: {agg_time_dimension: sent_on}
    entities:
      - {name: parcel, type: primary, expr: parcel_id}
    dimensions:
      - {name: sent_on, type: time, type_params: {time_granularity: day}}
      - {name: weight, type: categorical}
    measures:
      - {name: parcel_count, agg: count, expr: parcel_id, create_metric: true}
"""
PARCELS_DATA = """
create table parcels (parcel_id int, sent_on date, weight varchar);
insert into parcels values (1, '2026-04-01', '0-1kg'), (2, '2026-04-01', '1-5kg'),
  (3, '2026-04-02', '1-5kg');
"""


@pytest.fixture(scope="module")
def parcels(yaml_shop):
    return yaml_shop("parcels", PARCELS, PARCELS_DATA, TODAY)


@pytest.mark.parametrize(
    "question", ["各重量段的包裹数", "每个重量档的包裹数", "按重量组统计包裹数"]
)
def test_bracket_suffix_after_a_dimension_is_its_groups(parcels, question) -> None:
    assert sorted(answered_rows(parcels.ask(question))) == [("0-1kg", 1), ("1-5kg", 2)]


@pytest.mark.parametrize("question", ["一段时间的包裹数", "第二组的包裹数", "包裹数段"])
def test_bracket_suffix_elsewhere_stays_unknown(parcels, question) -> None:
    assert parcels.ask(question).refused
