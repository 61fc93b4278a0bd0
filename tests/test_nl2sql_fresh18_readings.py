"""Readings found on a private-markets dbt project (session 18), checked on a grants model.

The fixture is original: a grant-making foundation whose panel scores carry a ``program``
only as a surrogate foreign key (``program_key``) beside the program's own ``program_id``,
whose review rows have a ``review_scope`` of ``'program'`` or ``'panel'``, whose application
queue counts applications under another name, and whose payments hold awards and refunds.

* "review score by program": a word that is both an entity and a value no metric reaches is
  the entity (``rules.value_or_group``), shown with the id the rows carry (``rules.naming``);
* "average review score": a metric over an ``average`` measure already is the average;
* "how many applications": the count whose description says "Count of applications";
  "how many approved applications" the count labelled "Approved Application Count";
* "how much funding was awarded": the label "Awarded Funding" said with its words apart;
* "gold tier applications": a class word after a value says what kind of value it is;
* "分配总额": an amount word after a word read weakly as a money metric and as values of the
  same word (Distributions / ``'distribution'``) is the metric.

Each rule has its one-word-difference probes here: they are answered right or refused.
"""

from __future__ import annotations

import datetime as dt

import pytest

from tests.semantic_helpers import answer_rows

TODAY = dt.date(2025, 6, 15)

GRANTS = """
semantic_models:
  - name: scores
    model: ref('fct_scores')
    defaults:
      agg_time_dimension: scored_date
    entities:
      - {name: score_row, type: primary, expr: score_key}
      - {name: program, type: foreign, expr: program_key}
    dimensions:
      - {name: scored_date, type: time, type_params: {time_granularity: day}}
      - {name: program_id, type: categorical}
    measures:
      - {name: review_score_value, agg: average, expr: score}
  - name: reviews
    model: ref('fct_reviews')
    defaults:
      agg_time_dimension: held_date
    entities:
      - {name: review, type: primary, expr: review_id}
      - {name: program, type: foreign, expr: program_key}
    dimensions:
      - {name: held_date, type: time, type_params: {time_granularity: day}}
      - {name: review_scope, type: categorical}
    measures:
      - {name: review_rows, agg: count, expr: review_id}
  - name: application_queue
    model: ref('fct_queue')
    defaults:
      agg_time_dimension: submitted_date
    entities:
      - {name: application_queue, type: primary, expr: queue_key}
      - {name: application, type: foreign, expr: application_key}
    dimensions:
      - {name: submitted_date, type: time, type_params: {time_granularity: day}}
      - {name: track, type: categorical}
      - {name: applicant_band, type: categorical}
    measures:
      - {name: queue_count, agg: count_distinct, expr: queue_key}
      - {name: approved_count, agg: sum_boolean, expr: is_approved}
  - name: payments
    model: ref('fct_payments')
    defaults:
      agg_time_dimension: paid_date
    entities:
      - {name: payment, type: primary, expr: payment_id}
    dimensions:
      - {name: paid_date, type: time, type_params: {time_granularity: day}}
      - {name: payment_kind, type: categorical}
    measures:
      - {name: awarded_amount, agg: sum, expr: award_usd}
      - {name: returned_amount, agg: sum, expr: refund_usd}
metrics:
  - name: review_score
    label: Review Score
    description: Panel score given to a submission.
    type: simple
    type_params: {measure: review_score_value}
  - name: reviews_held
    label: Reviews Held
    description: Count of program reviews held by the panel.
    type: simple
    type_params: {measure: review_rows}
  - name: application_queue_count
    label: Application Queue Count
    description: Count of applications currently waiting in the queue.
    type: simple
    type_params: {measure: queue_count}
  - name: approved_application_count
    label: Approved Application Count
    type: simple
    type_params: {measure: approved_count}
  - name: awarded_funding
    label: Awarded Funding
    type: simple
    type_params: {measure: awarded_amount}
  - name: distributions
    label: Distributions
    type: simple
    type_params: {measure: returned_amount}
"""
GRANTS_DATA = """
create table fct_scores as select * from (values
  ('S1', 'PK1', 'ARTS-2025', date '2025-05-02', 4.0),
  ('S2', 'PK1', 'ARTS-2025', date '2025-05-03', 2.0),
  ('S3', 'PK2', 'SCIENCE-7', date '2025-05-04', 5.0)
) t(score_key, program_key, program_id, scored_date, score);
create table fct_reviews as select * from (values
  (1, 'PK1', 'program', date '2025-05-02'),
  (2, 'PK1', 'panel', date '2025-05-03'),
  (3, 'PK2', 'panel', date '2025-05-04')
) t(review_id, program_key, review_scope, held_date);
create table fct_queue as select * from (values
  ('Q1', 'A1', 'music', 'gold', date '2025-05-02', true),
  ('Q2', 'A2', 'music', 'silver', date '2025-05-03', false),
  ('Q3', 'A3', 'film', 'gold', date '2025-05-04', false),
  ('Q4', 'A4', 'film', 'silver', date '2025-06-01', true)
) t(queue_key, application_key, track, applicant_band, submitted_date, is_approved);
create table fct_payments as select * from (values
  (1, 'award', date '2025-05-02', 1000.0, 0.0),
  (2, 'award', date '2025-06-03', 500.0, 0.0),
  (3, 'distribution', date '2025-05-20', 0.0, 120.0)
) t(payment_id, payment_kind, paid_date, award_usd, refund_usd);
"""


@pytest.fixture(scope="module")
def grants(yaml_shop):
    return yaml_shop("fresh18_grants", GRANTS, GRANTS_DATA, TODAY)


def _ok(shop, question):
    a = shop.ask(question)
    assert a.ok, (question, a.error)
    return a


@pytest.mark.parametrize("question", ["review score by program", "各program的review score"])
def test_a_word_no_metric_reaches_as_a_value_groups(grants, question) -> None:
    a = _ok(grants, question)
    assert a.query.group_by == ["program", "score_row__program_id"]  # the id beside the key
    assert sorted(answer_rows(a)) == [("PK1", "ARTS-2025", 3.0), ("PK2", "SCIENCE-7", 5.0)]


def test_which_program_ranks_by_the_entity_with_its_carried_id(grants) -> None:
    a = _ok(grants, "which program has the highest review score?")
    assert answer_rows(a) == [("PK2", "SCIENCE-7", 5.0)]


def test_probe_the_value_reached_by_the_metric_stays_a_filter(grants) -> None:
    # the reviews' own review_scope holds 'program': for their count it stays the value
    a = _ok(grants, "reviews held for the program scope")
    assert [(f.dimension, f.values) for f in a.query.filters] == [
        ("review__review_scope", ["program"])
    ]
    assert answer_rows(a) == [(1,)]


def test_probe_a_metric_reaching_neither_reading_is_refused(grants) -> None:
    a = grants.ask("approved application count by program")
    assert not a.ok
    assert "program" in (a.error or "")


@pytest.mark.parametrize("question", ["average review score", "平均review score"])
def test_average_of_an_averaged_measure_is_the_metric(grants, question) -> None:
    a = _ok(grants, question)
    assert a.query.metrics == ["review_score"]
    assert answer_rows(a) == [(11.0 / 3,)]


def test_probe_average_of_a_sum_is_still_refused(grants) -> None:
    a = grants.ask("average awarded funding")
    assert not a.ok
    assert "average of a total" in (a.error or "")


def test_a_count_described_as_counting_the_noun_counts_it(grants) -> None:
    a = _ok(grants, "how many applications are in the queue?")
    assert a.query.metrics == ["application_queue_count"]
    assert answer_rows(a) == [(4,)]
    b = _ok(grants, "number of applications by track")
    assert sorted(answer_rows(b)) == [("film", 2), ("music", 2)]


def test_probe_a_noun_modifying_the_described_one_is_not_counted(grants) -> None:
    # "Count of program reviews": reviews are counted, not programs (3 reviews, 2 programs)
    a = grants.ask("how many programs")
    assert not a.ok or answer_rows(a) != [(3,)]


def test_a_kind_count_is_taken_when_its_kind_is_said(grants) -> None:
    a = _ok(grants, "how many approved applications do we have?")
    assert a.query.metrics == ["approved_application_count"]
    assert answer_rows(a) == [(2,)]


def test_probe_an_unsaid_kind_is_not_counted(grants) -> None:
    a = grants.ask("how many unapproved applications")
    assert not a.ok


def test_a_label_said_with_its_words_apart(grants) -> None:
    a = _ok(grants, "How much funding was awarded in May 2025?")
    assert a.query.metrics == ["awarded_funding"]
    assert answer_rows(a) == [(1000.0,)]


def test_probe_another_verb_does_not_make_the_label(grants) -> None:
    a = grants.ask("How much funding was refunded in May 2025?")
    assert not a.ok


@pytest.mark.parametrize(
    "question", ["how many gold tier applications", "gold等级的application queue count"]
)
def test_a_class_word_after_a_value_says_its_kind(grants, question) -> None:
    a = _ok(grants, question)
    assert [(f.dimension, f.values) for f in a.query.filters] == [
        ("application_queue__applicant_band", ["gold"])
    ]
    assert answer_rows(a) == [(2,)]


def test_probe_a_class_word_after_no_value_stays_unknown(grants) -> None:
    a = grants.ask("等级的application queue count")
    assert not a.ok
    assert "等级" in (a.error or "")


def test_an_amount_word_after_a_value_named_money_metric(grants) -> None:
    # 分配 reaches the metric Distributions and the payment kind 'distribution' alike
    a = _ok(grants, "分配总额")
    assert a.query.metrics == ["distributions"]
    assert answer_rows(a) == [(120.0,)]


@pytest.mark.parametrize("question", ["分配笔数", "分配是多少"])
def test_probe_without_an_amount_word_the_value_named_metric_is_asked_back(
    grants, question
) -> None:
    a = grants.ask(question)
    assert not a.ok
    assert "分配" in (a.error or "")
