"""A ratio filtered to one value: the segment's rate, unless the model publishes the ratio per
value (``nl2sql.rules.passes.per_value_metric``).

MetricFlow applies a query's ``where`` to both inputs of a ratio, so "<rate> for <value>" is the
rate among that value's rows (numerator and denominator filtered) — the usual BI reading, and
the engine's. A model that publishes the ratio for some values ("Upgrade rate — lounge") shows
its owner takes a kind's rate over the general denominator; the general ratio filtered to a
value it does not publish would divide by that value's rows only, so it is asked back (the
published values answer by their own metric, tests/test_nl2sql_zh_web_grains.py). Original
model: a ferry's ticket taps.
"""

from __future__ import annotations

import datetime as dt

import pytest

from tests.semantic_helpers import ok_rows

TODAY = dt.date(2026, 7, 2)
TAPS = """
semantic_models:
  - name: taps
    model: ref('taps')
    defaults: {agg_time_dimension: tapped_on}
    entities:
      - {name: tap, type: primary, expr: tap_id}
    dimensions:
      - {name: tapped_on, type: time, type_params: {time_granularity: day}}
      - {name: deck, type: categorical}
    measures:
      - {name: tap_rows, agg: count, expr: tap_id}
      - {name: upgraded_rows, agg: sum, expr: upgraded}
metrics:
  - {name: taps, label: Taps, type: simple, type_params: {measure: tap_rows}}
  - {name: upgrades, label: Upgrades, type: simple, type_params: {measure: upgraded_rows}}
  - name: upgrade_rate
    label: Upgrade rate
    type: ratio
    type_params: {numerator: upgrades, denominator: taps}
"""
PUBLISHED = """
  - name: upper_upgrades
    label: Upper upgrades
    type: simple
    type_params: {measure: upgraded_rows}
    filter: "{{ Dimension('tap__deck') }} = 'upper'"
  - name: upgrade_upper
    label: Upgrade rate — upper
    type: ratio
    type_params: {numerator: upper_upgrades, denominator: taps}
"""
DATA = """
create table taps (tap_id int, tapped_on date, deck varchar, upgraded int);
insert into taps values (1, '2026-06-01', 'upper', 1), (2, '2026-06-01', 'upper', 0),
  (3, '2026-06-02', 'lower', 1), (4, '2026-06-02', 'lower', 0), (5, '2026-06-02', 'lower', 0),
  (6, '2026-06-03', 'car', 0);
"""


@pytest.mark.parametrize(
    ("question", "rate"),
    [
        ("upgrade rate for lower deck", 1 / 3),  # both sides filtered: 1 of 3 lower taps
        ("upgrade rate for upper deck", 1 / 2),
        ("upgrade rate", 2 / 6),
    ],
)
def test_without_published_kinds_a_value_gives_the_segments_rate(yaml_shop, question, rate):
    shop = yaml_shop("ratio_segments", TAPS, DATA, TODAY)
    got = ok_rows(shop.ask(question))
    assert got == [(pytest.approx(rate),)], got


def test_a_published_kind_answers_by_its_own_metric(yaml_shop) -> None:
    shop = yaml_shop("ratio_published", TAPS + PUBLISHED, DATA, TODAY)
    assert ok_rows(shop.ask("upgrade rate for upper deck")) == [(pytest.approx(1 / 6),)]


@pytest.mark.parametrize("question", ["upgrade rate for lower deck", "upgrade rate for car deck"])
def test_beside_a_published_kind_an_unpublished_value_is_asked_back(yaml_shop, question) -> None:
    shop = yaml_shop("ratio_unpublished", TAPS + PUBLISHED, DATA, TODAY)
    a = shop.ask(question)
    assert a.refused, a.interpretation
    assert "Upgrade rate — upper" in a.error
    assert question.split()[-2] not in " ".join(a.suggestions)  # never the refused reading


def test_one_word_away_beside_a_published_kind(yaml_shop) -> None:
    shop = yaml_shop("ratio_unpublished_probe", TAPS + PUBLISHED, DATA, TODAY)
    assert ok_rows(shop.ask("upgrade rate")) == [(pytest.approx(2 / 6),)]
    assert ok_rows(shop.ask("upgrades for lower deck")) == [(1,)]  # a count: a plain filter
