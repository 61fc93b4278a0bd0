"""A time column named "<modifier> <past verb>" is named by those two words before a date.

"lifetime spend of customers who first ordered in 2024" was refused ("I don't know 'first'"):
only the bare verb of a date's name was a date's verb ("ordered" → the order dates), so the
modifier that picks ``first_ordered_at`` reached nothing. ``rules.axes.modified_event``: the
core "first ordered" (an adjective and a past form, as the column's name writes them) is that
column's verb near a date. Invented model: library patrons, each row with the dates of the
patron's first and last loan; a modifier no column writes ("first returned") stays unknown.
"""

from __future__ import annotations

import datetime as dt

import pytest

MODEL = """
semantic_models:
  - name: patrons
    model: ref('patrons')
    defaults: {agg_time_dimension: joined_on}
    entities:
      - {name: patron, type: primary, expr: patron_id}
    dimensions:
      - name: joined_on
        type: time
        type_params: {time_granularity: day}
      - name: first_borrowed_at
        type: time
        type_params: {time_granularity: day}
      - name: last_borrowed_at
        type: time
        type_params: {time_granularity: day}
      - {name: branch, type: categorical}
    measures:
      - {name: patron_count, agg: count, expr: patron_id}
      - {name: loans_total, agg: sum, expr: loans}
metrics:
  - {name: patrons, label: Patrons, type: simple, type_params: {measure: patron_count}}
  - {name: loans, label: Loans, type: simple, type_params: {measure: loans_total}}
"""

DATA = """
CREATE TABLE patrons (patron_id INTEGER, joined_on DATE, first_borrowed_at TIMESTAMP,
    last_borrowed_at TIMESTAMP, branch VARCHAR, loans INTEGER);
INSERT INTO patrons VALUES
    (1, DATE '2023-05-01', TIMESTAMP '2023-06-01 10:00', TIMESTAMP '2024-02-01 10:00', 'north', 4),
    (2, DATE '2023-07-01', TIMESTAMP '2024-01-15 09:00', TIMESTAMP '2025-03-01 12:00', 'south', 7),
    (3, DATE '2024-02-01', TIMESTAMP '2024-02-20 11:00', TIMESTAMP '2025-01-10 15:00', 'north', 2),
    (4, DATE '2024-03-01', NULL, NULL, 'south', 0),
    (5, DATE '2024-09-01', TIMESTAMP '2025-01-05 08:00', TIMESTAMP '2025-04-05 08:00', 'north', 1);
"""


@pytest.fixture(scope="module")
def shop(yaml_shop):
    return yaml_shop("first_last_dates", MODEL, DATA, dt.date(2025, 6, 1))


def test_first_and_the_verb_name_the_first_date(shop) -> None:
    a = shop.ask("how many patrons first borrowed in 2024?")
    assert a.ok, a.error
    assert a.df.iloc[0, -1] == 2  # patrons 2 and 3; joined in 2024: 3 (3, 4, 5)


def test_last_and_the_verb_name_the_last_date(shop) -> None:
    a = shop.ask("loans of patrons who last borrowed in 2025")
    assert a.ok, a.error
    assert a.df.iloc[0, -1] == 10  # patrons 2, 3, 5; the first-loan date in 2025: 1


def test_a_modifier_no_column_writes_stays_unknown(shop) -> None:
    a = shop.ask("how many patrons first returned in 2024?")
    assert not a.ok
