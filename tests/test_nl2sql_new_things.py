""" "new" before a thing the model counts on its own date restates that count over a period.

Why: "new members per year" / "今年新增了多少会员" refused on the unknown word "new" although
counting members by their own model's date (``joined_on``) over a period is counting the new
ones. It is absorbed only for a plain count of a model's primary rows dated by that model, and
only with a period or a grain in the question: "new customers" counted as distinct customers of
an orders model (the active ones) and "how many new members" with no period stay refused. Two
domains: a gym's members and a library's loans of books.
"""

from __future__ import annotations

import datetime as dt

import pytest

TODAY = dt.date(2026, 3, 5)

GYM_MODEL = """
semantic_models:
  - name: members
    model: ref('members')
    defaults: {agg_time_dimension: joined_on}
    entities:
      - {name: member, type: primary, expr: member_id}
    dimensions:
      - {name: joined_on, type: time, type_params: {time_granularity: day}}
      - {name: plan, type: categorical}
    measures:
      - {name: member_count, agg: count, expr: member_id}
  - name: visits
    model: ref('visits')
    defaults: {agg_time_dimension: visited_on}
    entities:
      - {name: visit, type: primary, expr: visit_id}
      - {name: member, type: foreign, expr: member_id}
    dimensions:
      - {name: visited_on, type: time, type_params: {time_granularity: day}}
    measures:
      - {name: visiting_members, agg: count_distinct, expr: member_id}
metrics:
  - {name: members, label: Members, type: simple, type_params: {measure: member_count}}
  - {name: visitors, label: Visitors, type: simple, type_params: {measure: visiting_members}}
"""
GYM_DATA = """
create table members (member_id int, joined_on date, plan varchar);
insert into members values
  (1, '2025-05-01', 'basic'), (2, '2025-11-20', 'plus'), (3, '2026-01-15', 'basic'),
  (4, '2026-02-02', 'plus'), (5, '2026-02-25', 'basic');
create table visits (visit_id int, member_id int, visited_on date);
insert into visits values (1, 1, '2026-01-03'), (2, 2, '2026-01-04'), (3, 3, '2026-02-01');
"""

LIBRARY_MODEL = """
semantic_models:
  - name: loans
    model: ref('book_loans')
    defaults: {agg_time_dimension: lent_on}
    entities:
      - {name: loan, type: primary, expr: loan_id}
    dimensions:
      - {name: lent_on, type: time, type_params: {time_granularity: day}}
      - {name: branch, type: categorical}
    measures:
      - {name: loan_count, agg: count, expr: loan_id}
metrics:
  - {name: loans, label: Loans, type: simple, type_params: {measure: loan_count}}
"""
LIBRARY_DATA = """
create table book_loans (loan_id int, lent_on date, branch varchar);
insert into book_loans values
  (1, '2025-12-30', 'east'), (2, '2026-01-05', 'east'), (3, '2026-01-06', 'west'),
  (4, '2026-02-10', 'west'), (5, '2026-02-11', 'west');
"""


@pytest.fixture(scope="module")
def gym(yaml_shop):
    return yaml_shop("new_things_gym", GYM_MODEL, GYM_DATA, TODAY)


@pytest.fixture(scope="module")
def library(yaml_shop):
    return yaml_shop("new_things_library", LIBRARY_MODEL, LIBRARY_DATA, TODAY)


@pytest.mark.parametrize("question", ["how many new members this year", "今年新增了多少会员"])
def test_new_members_this_year_counts_members_joined_this_year(gym, question) -> None:
    a = gym.ask(question)
    assert a.ok, a.error  # was: "I don't know 'new'"
    assert a.query.metrics == ["members"]
    assert float(a.df.iloc[0, -1]) == 3


def test_new_loans_per_month_counts_loans_by_their_date(library) -> None:
    a = library.ask("new loans per month")
    assert a.ok, a.error
    got = {str(r[0])[:7]: int(r[-1]) for r in a.df.itertuples(index=False)}
    assert got == {"2025-12": 1, "2026-01": 2, "2026-02": 2}


def test_new_without_a_period_stays_refused(gym) -> None:
    a = gym.ask("how many new members")
    assert a.refused
    assert "new" in a.reason


def test_new_before_a_distinct_count_of_another_model_stays_refused(yaml_shop) -> None:
    visits_only = GYM_MODEL.split("  - name: visits")[1].split("metrics:")[0]
    model = (
        "semantic_models:\n  - name: visits"
        + visits_only
        + "metrics:\n  - {name: visitors, label: Visitors, type: simple, "
        "type_params: {measure: visiting_members}}\n"
    )
    shop = yaml_shop("new_things_visits", model, GYM_DATA, TODAY)
    a = shop.ask("how many new members this year")
    assert not (a.ok and a.query.metrics == ["visitors"])  # visitors are not new members


COUPON_MODEL = """
semantic_models:
  - name: coupons
    model: ref('coupons')
    defaults: {agg_time_dimension: granted_on}
    entities:
      - {name: coupon, type: primary, expr: coupon_id}
    dimensions:
      - {name: granted_on, type: time, type_params: {time_granularity: day}}
    measures:
      - {name: coupon_count, agg: count, expr: coupon_id}
metrics:
  - {name: coupons, label: Coupons, type: simple, type_params: {measure: coupon_count}}
"""
COUPON_DATA = """
create table coupons (coupon_id int, granted_on date);
insert into coupons values (1, '2026-01-20'), (2, '2026-02-03'), (3, '2026-02-04');
"""


def test_loans_issued_in_a_year_count_the_loans_of_that_year(library) -> None:
    a = library.ask("how many loans were issued in 2026")
    assert a.ok, a.error  # was: "I don't know 'issue'"
    assert float(a.df.iloc[0, -1]) == 4


def test_members_added_last_month_by_plan(gym) -> None:
    a = gym.ask("members added last month by plan")
    assert a.ok, a.error
    got = {r[0]: int(r[-1]) for r in a.df.itertuples(index=False)}
    assert got == {"plus": 1, "basic": 1}


def test_coupons_granted_last_month_in_chinese(yaml_shop) -> None:
    shop = yaml_shop("new_things_coupons", COUPON_MODEL, COUPON_DATA, TODAY)
    a = shop.ask("上个月发放了多少张优惠券")
    assert a.ok, a.error
    assert float(a.df.iloc[0, -1]) == 2


def test_a_creation_verb_between_two_things_stays_refused(gym) -> None:
    a = gym.ask("members who visited created in 2026")
    assert not (a.ok and a.query.metrics == ["members"] and float(a.df.iloc[0, -1]) == 3)


def test_a_count_dated_by_a_later_event_is_not_new(yaml_shop) -> None:
    model = GYM_MODEL.replace("agg_time_dimension: joined_on", "agg_time_dimension: last_visit_on")
    model = model.replace(
        "      - {name: plan, type: categorical}",
        "      - {name: plan, type: categorical}\n"
        "      - {name: last_visit_on, type: time, type_params: {time_granularity: day}}",
    )
    data = GYM_DATA.replace(
        "joined_on date, plan varchar", "joined_on date, plan varchar, last_visit_on date"
    ).replace("'basic')", "'basic', '2026-02-01')")
    data = data.replace("'plus')", "'plus', '2026-02-01')")
    shop = yaml_shop("new_things_last_visit", model, data, TODAY)
    a = shop.ask("how many new members this year")
    # members dated by their last visit are the active ones, not the new: "new" stays unknown
    assert a.refused and "'new'" in a.error, a.error


def test_new_before_a_thing_read_as_another_metric_is_refused(yaml_shop) -> None:
    model = COUPON_MODEL.replace(
        "      - {name: coupon_count, agg: count, expr: coupon_id}",
        "      - {name: coupon_count, agg: count, expr: coupon_id}\n"
        "      - {name: face_value_sum, agg: sum, expr: face_value}",
    ).replace(
        "metrics:\n",
        "metrics:\n  - {name: face_value, label: Face Value, type: simple, "
        "type_params: {measure: face_value_sum}}\n",
    )
    data = COUPON_DATA.replace("granted_on date)", "granted_on date, face_value double)")
    data = data.replace("')", "', 5)")
    shop = yaml_shop("new_things_coupon_value", model, data, TODAY)
    a = shop.ask("new coupons face value last month")
    # "new" restates a count of coupons; read as the face value it is not absorbed silently
    assert a.refused or a.query.metrics == ["coupons"], a.query
    a = shop.ask("new coupons last month")
    assert a.ok, a.error
    assert float(a.df.iloc[0, -1]) == 2
