""" "site" is an everyday word for a business location, like "store" and "shop".

"failure rate by site" on a fresh public dbt project (a `location` entity, ``location_id``)
did not know "site". It joins the general thesaurus's store/location group, English only
(CC-CEDICT's 站点 is a website).
"""

from __future__ import annotations

import datetime as dt

import pytest

TODAY = dt.date(2026, 5, 1)

GYMS = """
semantic_models:
  - name: checkins
    model: ref('checkins')
    defaults: {agg_time_dimension: checked_in_on}
    entities:
      - {name: checkin, type: primary, expr: checkin_id}
      - {name: location, type: foreign, expr: location_id}
    dimensions:
      - {name: checked_in_on, type: time, type_params: {time_granularity: day}}
    measures:
      - {name: checkin_count, agg: count, expr: checkin_id}
  - name: locations
    model: ref('locations')
    entities:
      - {name: location, type: primary, expr: location_id}
    dimensions:
      - {name: location_name, type: categorical}
metrics:
  - {name: checkins, label: Check-ins, type: simple, type_params: {measure: checkin_count}}
"""
GYMS_DATA = """
create table locations (location_id int, location_name varchar);
insert into locations values (1, 'Riverside'), (2, 'Old Town');
create table checkins as select i as checkin_id, case when i <= 3 then 1 else 2 end as location_id,
  date '2026-04-04' as checked_in_on from range(1, 9) t(i);
"""
LABS = """
semantic_models:
  - name: samples
    model: ref('samples')
    defaults: {agg_time_dimension: collected_on}
    entities:
      - {name: sample, type: primary, expr: sample_id}
    dimensions:
      - {name: collected_on, type: time, type_params: {time_granularity: day}}
      - {name: location, type: categorical}
    measures:
      - {name: sample_count, agg: count, expr: sample_id}
metrics:
  - {name: samples, label: Samples, type: simple, type_params: {measure: sample_count}}
"""
LABS_DATA = """
create table samples as select i as sample_id, case when i <= 4 then 'North' else 'South' end
  as location, date '2026-04-09' as collected_on from range(1, 7) t(i);
"""


@pytest.fixture(scope="module")
def gyms(yaml_shop):
    return yaml_shop("gyms", GYMS, GYMS_DATA, TODAY)


@pytest.fixture(scope="module")
def labs(yaml_shop):
    return yaml_shop("labs", LABS, LABS_DATA, TODAY)


def _pairs(answer) -> list[tuple]:
    assert not answer.refused, answer.error
    return sorted(tuple(r)[-2:] for r in answer.df.itertuples(index=False))


def test_checkins_by_site(gyms) -> None:
    assert _pairs(gyms.ask("check-ins by site")) == [("Old Town", 5), ("Riverside", 3)]


def test_samples_per_site(labs) -> None:
    assert _pairs(labs.ask("number of samples per site")) == [("North", 4), ("South", 2)]
