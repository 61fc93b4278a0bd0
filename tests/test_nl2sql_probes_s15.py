"""Session-15 probes: one word that changes the answer (issue #12), wrong answers found.

112 questions were written with their gold before the engine ran (scratch set ``probes15``:
mf_tutorial, the synonym-stripped built-in model, the public dbt-labs/c24-workshops-sales
project). The wrong answers they and the issue's list found, each fixed by a general rule:

- **an amount asked, a count answered** ("how much was paid for orders last month" = the
  number of orders paid last month; "how much did customers pay" = the buyers count): asked
  back, offering the amount the words name (``rules/passes/money_asked.py``);
- **"not <stage>" of a status that also holds the stage's waiting value** ("gmv of orders not
  shipped" = ``order_status != 'shipped'``, which keeps every delivered and completed order):
  asked back with the waiting value and the literal exclusion (``rules/negated_stage.py``);
- **"<period> vs the month before"**: "month" was a monthly breakdown and "before" grammar, so
  last month alone was answered as the comparison (``_period_before`` in
  ``rules/passes/comparisons.py``);
- **pieces counted after a Chinese verb** ("购买超过3件的订单数" = orders with more than 3
  *buyers*): 件 counts units, never the verb's event (``PIECE_COUNTERS``);
- **去年同期 / "the same period last year"**: against a named period it is that period's 同比
  (so is "the same month last year" against a named month); alone it is asked back with two
  runnable periods (``rules/passes/same_period.py``);
- **"how much was paid last month"** (refused: no metric named): a verb read as a date after
  "how much" is the one amount metric it names, on that date (``rules/passes/status_amount``).

The rules are checked on a small model of another domain (parcels sent for invoices) as well as
on the probes' own models; neighbours that must keep their answers are checked with values.
"""

from __future__ import annotations

import datetime as dt

import pytest

from lab.evals.heldout.probes import Probe, ProbeSessions, failure, score_probe
from lab.evals.heldout.probes import probe as _p
from lab.evals.heldout.probes import probe_cases as _params
from lab.evals.heldout.probes import probe_ids as _ids
from tests.semantic_helpers import answered_rows

_OCT = (
    "CAST(created_at AS DATE) >= DATE '2026-10-01' AND CAST(created_at AS DATE) < DATE '2026-11-01'"
)

#: must be refused (each was answered wrong before the fix)
REFUSE: dict[str, list[Probe]] = {
    "nosyn": [
        _p("how much was paid for orders last month"),
        _p("total paid for orders last month"),
        _p("how much did customers pay last month"),
        _p("上个月订单支付了多少"),
        _p("gmv of orders not shipped"),
        _p("gmv in the same period last year"),
        _p("去年同期的GMV"),
        _p("购买件数超过3件的订单数"),
    ],
}

#: neighbours answered right, before and after
RIGHT: dict[str, list[Probe]] = {
    "nosyn": [
        _p(
            "how many orders were paid last month",
            "SELECT COUNT(*) FROM orders WHERE CAST(paid_at AS DATE) >= DATE '2026-10-01'"
            " AND CAST(paid_at AS DATE) < DATE '2026-11-01'",
        ),
        _p("how much gmv last month", f"SELECT SUM(goods_amount) FROM orders WHERE {_OCT}"),
        _p(
            "how much was paid last month",
            "SELECT SUM(paid_amount) FROM orders WHERE CAST(paid_at AS DATE) >= DATE '2026-10-01'"
            " AND CAST(paid_at AS DATE) < DATE '2026-11-01'",
        ),
        _p(
            "gmv of orders not cancelled",
            "SELECT SUM(goods_amount) FROM orders WHERE order_status <> 'cancelled'",
        ),
        _p(
            "gmv of orders with order status not shipped",
            "SELECT SUM(goods_amount) FROM orders WHERE order_status <> 'shipped'",
        ),
        _p(
            "gmv of shipped orders",
            "SELECT SUM(goods_amount) FROM orders WHERE order_status = 'shipped'",
        ),
    ],
}


@pytest.mark.parametrize(("name", "probe"), _params(REFUSE), ids=_ids(REFUSE))
def test_probe_is_refused(probe_sessions: ProbeSessions, name: str, probe: Probe) -> None:
    why = failure(probe, score_probe(probe_sessions, name, probe))
    assert why is None, why


@pytest.mark.parametrize(("name", "probe"), _params(RIGHT), ids=_ids(RIGHT))
def test_probe_is_answered_right(probe_sessions: ProbeSessions, name: str, probe: Probe) -> None:
    outcome = score_probe(probe_sessions, name, probe)
    assert outcome.verdict == "correct", outcome.detail


TODAY = dt.date(2026, 5, 10)
#: parcels sent for invoices: a dispatch status with its waiting value, a payment date, an
#: amount named "paid", a count labelled with the noun and a count of customers
PARCELS = """
semantic_models:
  - name: parcels
    model: ref('parcels')
    defaults: {agg_time_dimension: booked_on}
    entities:
      - {name: parcel, type: primary, expr: parcel_id}
      - {name: customer, type: foreign, expr: customer_id}
    dimensions:
      - {name: booked_on, type: time, type_params: {time_granularity: day}}
      - {name: paid_on, type: time, label: payment date, type_params: {time_granularity: day}}
      - {name: dispatch_status, type: categorical}
    measures:
      - {name: fee_paid, agg: sum, expr: fee_paid}
      - {name: parcel_count, agg: count, expr: parcel_id}
      - {name: senders, agg: count_distinct, expr: customer_id}
metrics:
  - {name: fee_paid, label: Fee Paid, type: simple, type_params: {measure: fee_paid}}
  - {name: parcel_count, label: Parcels, type: simple, type_params: {measure: parcel_count}}
  - {name: senders, label: Customers, type: simple, type_params: {measure: senders}}
"""
PARCELS_DATA = """
create table parcels (parcel_id int, customer_id int, booked_on date, paid_on date,
  dispatch_status varchar, fee_paid double);
insert into parcels values
  (1, 1, '2026-03-02', '2026-03-03', 'delivered', 10),
  (2, 1, '2026-04-02', '2026-04-03', 'delivered', 20),
  (3, 2, '2026-04-05', '2026-04-06', 'dispatched', 30),
  (4, 3, '2026-04-20', '2026-05-02', 'awaiting_dispatch', 40),
  (5, 3, '2026-04-28', NULL, 'awaiting_dispatch', 0);
"""


@pytest.fixture(scope="module")
def parcels(yaml_shop):
    return yaml_shop("parcels_s15", PARCELS, PARCELS_DATA, TODAY)


@pytest.mark.parametrize(
    ("question", "suggestions"),
    [
        ("how much was paid for parcels last month", ["Fee Paid last month"]),
        ("how much did customers pay last month", ["Fee Paid last month"]),
        (
            "fee paid for parcels not dispatched",
            [
                "fee paid for parcels awaiting_dispatch",
                "fee paid for parcels with dispatch status not dispatched",
            ],
        ),
    ],
)
def test_asked_back_with_runnable_readings(parcels, question, suggestions) -> None:
    a = parcels.ask(question)
    assert a.refused and a.sql is None
    assert a.suggestions == suggestions


@pytest.mark.parametrize(
    ("question", "rows"),
    [
        ("how many parcels were paid last month", [(2,)]),  # a count asked: kept
        ("how much was paid last month", [(50.0,)]),  # the amount, on the payment date
        ("fee paid last month", [(90.0,)]),
        ("fee paid for parcels with dispatch status not dispatched", [(70.0,)]),
        ("fee paid for parcels not delivered", [(70.0,)]),  # no waiting value: as written
        ("fee paid for parcels awaiting_dispatch", [(40.0,)]),
    ],
)
def test_neighbours_keep_their_answers(parcels, question, rows) -> None:
    assert answered_rows(parcels.ask(question)) == rows


def test_the_month_before_is_the_previous_period(parcels) -> None:
    """April against March, not April alone shown as if compared."""
    rows = answered_rows(parcels.ask("fee paid last month vs the month before"))
    assert rows == [(dt.date(2026, 4, 1), 90.0, 10.0, 8.0)]


def test_same_period_last_year_against_a_named_period_is_year_over_year(
    probe_sessions: ProbeSessions,
) -> None:
    from nl2sql import ask

    model, con = probe_sessions.open("nosyn")
    for q in (
        "上个月GMV比去年同期",
        "gmv last month vs the same period last year",
        "上个月GMV和去年同月相比",
        "gmv last month vs the same month last year",
    ):
        a = ask(q, model=model, con=con, engine="rules", today="2026-11-20")
        assert not a.refused, a.error
        assert list(a.df.columns)[-2:] == ["gmv__previous", "gmv__growth"]
        assert a.df["metric_time__month"].tolist() == [dt.date(2026, 10, 1)]
    a = ask("去年同期的GMV", model=model, con=con, engine="rules", today="2026-11-20")
    assert a.suggestions == ["去年同月的GMV", "2025年1月1日至2025年11月20日的GMV"]
