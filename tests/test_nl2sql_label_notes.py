"""Metric labels that tell variants apart by a parenthesised note: "Weight (Billed)".

A project written by others often labels the variants of one measure "Weight (Billed)" and
"Weight (Actual)"; users say "billed weight". The plain label "Weight" reaches both variants
(a clarification), so the note is also read as the modifier it is, word order as users say it
— in English and through the word-by-word Chinese compound; a note of several words
("Customs Declared") also names the metric alone. A unit note ("(kg)") stays what
it was: the label without it names the metric.
"""

from __future__ import annotations

import datetime as dt

import pytest

from tests.semantic_helpers import answer_rows

TODAY = dt.date(2025, 6, 30)
MODEL = """
semantic_models:
  - name: parcels
    model: ref('parcels')
    defaults: {agg_time_dimension: shipped_at}
    entities:
      - {name: parcel, type: primary, expr: parcel_id}
    dimensions:
      - {name: shipped_at, type: time, type_params: {time_granularity: day}}
      - {name: depot, type: categorical}
      - {name: parcel_state, type: categorical}
    measures:
      - {name: billed_kg, agg: sum, expr: billed_weight}
      - {name: actual_kg, agg: sum, expr: actual_weight}
      - {name: parcel_count, agg: count, expr: parcel_id}
      - {name: volume_l, agg: sum, expr: volume}
      - {name: fee_total, agg: sum, expr: fee}
      - {name: fee_after_tax, agg: sum, expr: fee - tax}
metrics:
  - {name: weight_billed, label: Weight (Billed), type: simple,
     description: Billed weight of all non-lost parcels.,
     type_params: {measure: billed_kg}}
  - {name: weight_actual, label: Weight (Actual), type: simple,
     description: Measured weight of delivered parcels.,
     type_params: {measure: actual_kg}}
  - {name: weight_declared, label: Weight (Customs Declared), type: simple,
     type_params: {measure: billed_kg}}
  - {name: parcels_all, label: Parcels (Total), type: simple, type_params: {measure: parcel_count}}
  - name: parcels_lost
    label: Parcels (Lost)
    type: simple
    type_params: {measure: parcel_count}
    filter: "{{ Dimension('parcel__parcel_state') }} = 'lost'"
  - {name: volume, label: Volume (litres), type: simple, type_params: {measure: volume_l}}
  - {name: fees_gross, label: Fees (Gross), type: simple, type_params: {measure: fee_total}}
  - {name: fees_net, label: Fees (Net), type: simple, type_params: {measure: fee_after_tax}}
"""
DATA = """
create table parcels (parcel_id int, shipped_at date, depot varchar, parcel_state varchar,
                      billed_weight double, actual_weight double, volume double,
                      fee double, tax double);
insert into parcels values
  (1, '2025-06-01', 'north', 'delivered', 5.0, 4.2, 10, 12, 2),
  (2, '2025-06-02', 'north', 'lost', 3.0, 2.5, 6, 7, 1),
  (3, '2025-06-03', 'south', 'delivered', 8.0, 7.9, 20, 20, 4),
  (4, '2025-05-20', 'south', 'lost', 2.0, 1.0, 3, 5, 1);
"""


@pytest.fixture(scope="module")
def shop(yaml_shop):
    return yaml_shop("parcels", MODEL, DATA, TODAY)


@pytest.mark.parametrize(
    ("question", "metric", "rows"),
    [
        ("billed weight by depot", "weight_billed", [("north", 8.0), ("south", 10.0)]),
        ("actual weight by depot", "weight_actual", [("north", 6.7), ("south", 8.9)]),
        ("lost parcels by depot", "parcels_lost", [("north", 1), ("south", 1)]),
        # "total" + the label of every "Parcels (...)" ties; the reordered label itself wins
        ("total parcels by depot", "parcels_all", [("north", 2), ("south", 2)]),
        # a note of two words or more names its metric alone, too
        ("customs declared by depot", "weight_declared", [("north", 8.0), ("south", 10.0)]),
    ],
)
def test_the_note_before_the_label_names_that_variant(shop, question, metric, rows) -> None:
    a = shop.ask(question)
    assert a.ok, a.error
    assert a.query.metrics == [metric]
    assert [(d, pytest.approx(v)) for d, v in answer_rows(a)] == rows


def test_the_plain_label_is_still_a_clarification(shop) -> None:
    a = shop.ask("weight by depot")
    assert a.refused
    assert "Weight (Billed)" in a.error and "Weight (Actual)" in a.error


def test_a_unit_note_leaves_the_plain_label_naming_the_metric(shop) -> None:
    a = shop.ask("volume in June 2025")
    assert a.ok, a.error
    assert a.query.metrics == ["volume"] and answer_rows(a) == [(36.0,)]


@pytest.mark.parametrize(
    ("question", "metric", "rows"),
    [
        ("2025年6月的净费用", "fees_net", [(32.0,)]),
        ("2025年6月的毛费用", "fees_gross", [(39.0,)]),
    ],
)
def test_the_chinese_compound_of_note_and_label_names_the_variant(
    shop, question, metric, rows
) -> None:
    a = shop.ask(question)
    assert a.ok, a.error
    assert a.query.metrics == [metric] and answer_rows(a) == rows


def test_a_word_the_description_negates_does_not_pick_that_metric(shop) -> None:
    # "non-lost" says the billed weight leaves lost parcels out: "lost weight" is not it
    a = shop.ask("lost weight by depot")
    assert a.refused and "Weight (Billed)" in a.error
    a = shop.ask("delivered weight by depot")  # an affirmed description word still picks
    assert a.ok, a.error
    assert a.query.metrics == ["weight_actual"]
