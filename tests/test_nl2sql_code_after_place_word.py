"""A two-letter code that is also a grammar word, after "in" / "from", is the value (session 8).

"bookings in us" on a model whose listing country holds lower-case ``us`` dropped "us" as a
pronoun and answered all bookings — a wrong answer under the question's words. After a
preposition of place a two-letter word is a place code (a country, a state); "show us
bookings" keeps "us" a pronoun.
"""

from __future__ import annotations

import datetime as dt

import pytest

TODAY = dt.date(2025, 3, 31)

LODGING = """
semantic_models:
  - name: listings
    model: ref('listings')
    defaults: {agg_time_dimension: created_on}
    entities:
      - {name: listing, type: primary, expr: listing_id}
    dimensions:
      - {name: created_on, type: time, type_params: {time_granularity: day}}
      - {name: country, type: categorical}
    measures:
      - {name: listing_count, agg: count, expr: listing_id}
  - name: bookings
    model: ref('bookings')
    defaults: {agg_time_dimension: booked_on}
    entities:
      - {name: booking, type: primary, expr: booking_id}
      - {name: listing, type: foreign, expr: listing_id}
    dimensions:
      - {name: booked_on, type: time, type_params: {time_granularity: day}}
    measures:
      - {name: booking_count, agg: count, expr: booking_id}
metrics:
  - {name: bookings, label: Bookings, type: simple, type_params: {measure: booking_count}}
  - {name: listings, label: Listings, type: simple, type_params: {measure: listing_count}}
"""
LODGING_DATA = """
create table listings (listing_id int, created_on date, country varchar);
insert into listings values (1, '2024-01-01', 'us'), (2, '2024-01-01', 'it'), (3, '2024-01-01', 'fr');
create table bookings (booking_id int, listing_id int, booked_on date);
insert into bookings values (1, 1, '2025-01-01'), (2, 1, '2025-01-02'), (3, 2, '2025-01-03'),
  (4, 3, '2025-01-04');
"""

FREIGHT = """
semantic_models:
  - name: shipments
    model: ref('shipments')
    defaults: {agg_time_dimension: shipped_on}
    entities:
      - {name: shipment, type: primary, expr: shipment_id}
    dimensions:
      - {name: shipped_on, type: time, type_params: {time_granularity: day}}
      - {name: origin_state, type: categorical}
    measures:
      - {name: weight_sum, agg: sum, expr: weight_kg}
metrics:
  - {name: shipped_weight, label: Shipped Weight, type: simple, type_params: {measure: weight_sum}}
"""
FREIGHT_DATA = """
create table shipments (shipment_id int, shipped_on date, origin_state varchar, weight_kg double);
insert into shipments values (1, '2025-01-01', 'me', 10), (2, '2025-01-02', 'ny', 30),
  (3, '2025-01-03', 'me', 5);
"""


@pytest.mark.parametrize(
    ("model", "data", "question", "value"),
    [
        (LODGING, LODGING_DATA, "bookings in us", 2),
        (LODGING, LODGING_DATA, "bookings in it", 1),
        (FREIGHT, FREIGHT_DATA, "shipped weight from me", 15.0),
    ],
)
def test_a_code_after_a_place_word_is_the_value(
    yaml_shop, model: str, data: str, question: str, value: float
) -> None:
    shop = yaml_shop("code_place", model, data, TODAY)
    a = shop.ask(question)
    assert not a.refused, a.error
    assert a.query.filters, a.interpretation
    assert a.df.iloc[0, -1] == pytest.approx(value)


def test_a_pronoun_before_the_metric_stays_a_pronoun(yaml_shop) -> None:
    shop = yaml_shop("code_pronoun", LODGING, LODGING_DATA, TODAY)
    a = shop.ask("show us bookings")
    assert not a.refused, a.error
    assert a.df.iloc[0, -1] == 4
