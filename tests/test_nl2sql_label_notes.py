"""A bracketed note after a metric's words picks the metric whose label has that note.

"fruit sales (EUR) by invoice currency" names "Settled Fruit Sales (EUR)", the label's own
note written after its words; "EUR" is also a value of the invoice currency, and the bracket
was read as the filter ``invoice_currency = 'EUR'`` on the other sales (in each invoice's own
currency) — a unit in a label read as a value (issue #12, found on a payments project's
"(USD)" volume). The same unit in other words counts ("(欧元)"); a note no label has stays
a value filter.
"""

from __future__ import annotations

import datetime as dt

import pytest

from tests.semantic_helpers import answered_pairs, answered_value

TODAY = dt.date(2026, 3, 1)

MODEL = """
semantic_models:
  - name: orchard_invoices
    model: ref('orchard_invoices')
    defaults: {agg_time_dimension: invoiced_on}
    entities:
      - {name: invoice, type: primary, expr: invoice_id}
    dimensions:
      - {name: invoiced_on, type: time, type_params: {time_granularity: day}}
      - {name: invoice_currency, type: categorical}
    measures:
      - {name: fruit_sales, agg: sum, expr: amount}
      - {name: fruit_sales_eur, agg: sum, expr: amount_eur}
metrics:
  - {name: fruit_sales, label: Settled Fruit Sales, type: simple,
     type_params: {measure: fruit_sales}}
  - {name: fruit_sales_eur, label: Settled Fruit Sales (EUR), type: simple,
     type_params: {measure: fruit_sales_eur}}
"""
DATA = """
create table orchard_invoices (invoice_id int, invoiced_on date, invoice_currency varchar,
  amount double, amount_eur double);
insert into orchard_invoices values
  (1, '2026-02-02', 'EUR', 10, 10), (2, '2026-02-02', 'CHF', 20, 21), (3, '2026-02-03', 'EUR', 5, 5);
"""


@pytest.fixture(scope="module")
def orchard(yaml_shop):
    return yaml_shop("label_notes", MODEL, DATA, TODAY)


def test_the_label_note_picks_its_metric(orchard) -> None:
    pairs = answered_pairs(orchard.ask("fruit sales (EUR) by invoice currency"), 1)
    assert pairs == {"EUR": 15.0, "CHF": 21.0}
    assert answered_value(orchard.ask("fruit sales (eur)")) == 36


def test_a_note_no_label_has_is_not_the_label(orchard) -> None:
    answer = orchard.ask("fruit sales (CHF)")
    assert answer.refused or answered_value(answer) == 20  # never the EUR metric
