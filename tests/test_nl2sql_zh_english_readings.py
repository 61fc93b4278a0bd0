"""A Chinese bridge carries every reading of the model's English term it renders.

``nl2sql.lexicon._same_english_readings``: on an invented billing model an invoice has a
``status`` and a remittance has its own ``invoice_status``, so the English "invoice status"
is a term of both and the metric settles which one is meant. 发票状态 renders "invoice
status" but kept only its best-scored sense (the remittance's), and "按发票状态统计发票数量"
was refused as something the invoice count cannot be broken down by. Each answer is
checked against the data; where the English is ambiguous the Chinese stays ambiguous.
"""

from __future__ import annotations

import datetime as dt

from tests.semantic_helpers import answered_pairs

TODAY = dt.date(2026, 3, 1)

MODEL = """
semantic_models:
  - name: invoices
    model: ref('invoices')
    defaults: {agg_time_dimension: issued_on}
    entities:
      - {name: invoice, type: primary, expr: invoice_id}
    dimensions:
      - {name: issued_on, type: time, type_params: {time_granularity: day}}
      - {name: status, type: categorical}
    measures:
      - {name: invoices, agg: count, expr: invoice_id}
  - name: remittances
    model: ref('remittances')
    defaults: {agg_time_dimension: paid_on}
    entities:
      - {name: remittance, type: primary, expr: remittance_id}
      - {name: invoice, type: foreign, expr: invoice_id}
    dimensions:
      - {name: paid_on, type: time, type_params: {time_granularity: day}}
      - {name: invoice_status, type: categorical}
    measures:
      - {name: remitted, agg: sum}
metrics:
  - {name: invoice_count, label: Invoice Count, type: simple, type_params: {measure: invoices}}
  - {name: total_remitted, label: Total Remitted, type: simple, type_params: {measure: remitted}}
"""
DATA = """
create table invoices (invoice_id int, issued_on date, status varchar);
insert into invoices values
  (1, '2026-01-02', 'open'), (2, '2026-01-05', 'open'), (3, '2026-01-09', 'settled');
create table remittances (remittance_id int, invoice_id int, paid_on date, invoice_status varchar,
  remitted int);
insert into remittances values (1, 3, '2026-01-20', 'settled', 50), (2, 1, '2026-02-02', 'open', 20);
"""


def test_chinese_reads_the_metric_own_status_as_english_does(yaml_shop) -> None:
    shop = yaml_shop("zh_english_readings", MODEL, DATA, TODAY)
    english = answered_pairs(shop.ask("invoice count by invoice status"), 0)
    assert english == {"open": 2, "settled": 1}
    assert answered_pairs(shop.ask("按发票状态统计发票数量"), 0) == english


def test_ambiguous_in_english_stays_ambiguous_in_chinese(yaml_shop) -> None:
    shop = yaml_shop("zh_english_readings", MODEL, DATA, TODAY)
    # one word away: the remitted total reaches both statuses (its own and the invoice's)
    assert shop.ask("total remitted by invoice status").refused
    assert shop.ask("按发票状态统计汇款总额").refused
