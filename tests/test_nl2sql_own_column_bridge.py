"""A Chinese name shared by a metric and a dimension over the metric's own column names both.

dbt projects often expose the summed column as a dimension too (`invoice_total_dim` with
`expr: invoice_total`, label "invoice total", beside the metric "Invoice Total"). The bridge
rule "a noun that reaches a thing names the thing, not a metric that sums it" kept only the
dimension for 发票总额, so "每个月的发票总额" was refused as naming no metric, while the
English "invoice total by month" was answered. Both senses are kept now; the parser settles it.
总额 ("total amount") renders "total" as the glossary's general word.

The same dimension compared with a number beside a count ("invoices with an invoice total over
$20") is a condition on each row (`passes/column_conditions.py`); it was refused as "invoice
total is not a metric".
"""

from __future__ import annotations

import datetime as dt

import pytest

TODAY = dt.date(2025, 12, 31)
MODEL = """
semantic_models:
  - name: invoices
    model: ref('invoices')
    defaults: {agg_time_dimension: issued_at}
    entities:
      - {name: invoice_id, type: primary}
      - {name: client, type: foreign, expr: client_id}
    dimensions:
      - {name: issued_at, type: time, type_params: {time_granularity: day}}
      - {name: invoice_total_dim, label: invoice total, type: categorical, expr: invoice_total}
    measures:
      - {name: invoice_total, agg: sum}
      - {name: invoice_count, agg: sum, expr: 1}
  - name: clients
    model: ref('clients')
    entities:
      - {name: client, type: primary, expr: client_id}
metrics:
  - {name: invoice_total, label: Invoice Total, type: simple,
     type_params: {measure: invoice_total}}
  - {name: invoices, label: Invoices, type: simple, type_params: {measure: invoice_count}}
"""
DATA = """
create table clients (client_id int);
insert into clients values (1), (2);
create table invoices (invoice_id int, client_id int, issued_at date, invoice_total int);
insert into invoices values (1, 1, '2025-10-03', 40), (2, 2, '2025-10-20', 15),
  (3, 1, '2025-11-02', 30);
"""


@pytest.fixture(scope="module")
def shop(yaml_shop):
    return yaml_shop("invoices", MODEL, DATA, TODAY)


def test_chinese_name_of_metric_and_its_column_dimension_answers_the_metric(shop) -> None:
    a = shop.ask("每个月的发票总额")
    assert not a.refused, a.error
    assert a.query.metrics == ["invoice_total"]
    assert sorted(a.df.iloc[:, -1].tolist()) == [30, 55]


def test_the_english_name_still_answers_the_metric(shop) -> None:
    a = shop.ask("invoice total by month")
    assert not a.refused, a.error
    assert sorted(a.df.iloc[:, -1].tolist()) == [30, 55]


@pytest.mark.parametrize(
    "question",
    ["number of invoices with an invoice total over $20", "发票总额超过20美元的发票数量"],
)
def test_amount_dimension_compared_beside_a_count_filters_each_row(shop, question: str) -> None:
    a = shop.ask(question)
    assert not a.refused, a.error
    assert a.query.metrics == ["invoices"]
    assert [(f.dimension, f.op, f.values) for f in a.query.filters] == [
        ("invoice_id__invoice_total_dim", ">", [20.0])
    ]
    assert a.df.iloc[0, -1] == 2  # invoices of 40 and 30


def test_the_amount_alone_compared_stays_a_condition_on_the_total(shop) -> None:
    a = shop.ask("invoice total over 50 by client")
    assert not a.refused, a.error
    assert [(h.metric, h.op, h.value) for h in a.query.having] == [("invoice_total", ">", 50.0)]
    assert a.df.iloc[:, -1].tolist() == [70]


def test_amount_is_the_thesaurus_neighbour_of_a_total(shop) -> None:
    # "invoice amount" for the model's "invoice total": the same money of one invoice
    a = shop.ask("invoice amount by month")
    assert not a.refused, a.error
    assert a.query.metrics == ["invoice_total"]
    assert sorted(a.df.iloc[:, -1].tolist()) == [30, 55]
