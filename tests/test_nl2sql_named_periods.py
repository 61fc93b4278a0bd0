"""Named periods compared: "revenue in 2025 vs 2024", "2025年和2024年的收入对比",
"paid losses in January 2025 compared with February 2025", "3月的收入和1月相比增长了多少".

Two time expressions were refused as two ranges ("ask about one at a time"), a period after
"vs" that was neither the one just before nor a year earlier was refused, and a bare year after
"vs" was an unknown number. Now: one row per named period (each one whole calendar period of
the same length), the difference and the change against the period before when asked; unlike
periods, a half year, a top-N or another time breakdown are refused. Two domains: a café chain
(sums, counts and a ratio) and an insurer's claims; and follow-ups ("和2024年比呢").
"""

from __future__ import annotations

import datetime as dt

import pytest

from tests.semantic_helpers import answer_rows as _rows

TODAY = dt.date(2026, 4, 15)

CAFE = """
semantic_models:
  - name: sales
    model: ref('sales')
    defaults: {agg_time_dimension: sold_on}
    entities:
      - {name: sale, type: primary, expr: sale_id}
    dimensions:
      - {name: sold_on, type: time, type_params: {time_granularity: day}}
      - {name: store, type: categorical}
    measures:
      - {name: revenue, agg: sum, expr: amount}
      - {name: sale_count, agg: count, expr: sale_id}
metrics:
  - name: revenue
    label: Revenue
    type: simple
    type_params: {measure: revenue}
    config: {meta: {synonyms: [收入]}}
  - {name: sales, label: Sales, type: simple, type_params: {measure: sale_count}}
  - name: average_ticket
    label: Average Ticket
    type: ratio
    type_params: {numerator: revenue, denominator: sales}
    config: {meta: {synonyms: [客单价]}}
"""
CAFE_DATA = """
create table sales (sale_id int, sold_on date, store varchar, amount int);
insert into sales values
  (1, '2024-03-05', 'east', 10), (2, '2024-03-20', 'west', 20), (3, '2024-07-01', 'east', 30),
  (4, '2025-03-02', 'east', 40), (5, '2025-03-15', 'east', 10), (6, '2025-04-10', 'west', 25),
  (7, '2025-11-11', 'west', 5), (8, '2026-01-15', 'east', 12), (9, '2026-02-20', 'west', 8),
  (10, '2026-03-03', 'east', 50);
"""
CLAIMS = """
semantic_models:
  - name: claims
    model: ref('claims')
    defaults: {agg_time_dimension: reported_on}
    entities:
      - {name: claim, type: primary, expr: claim_id}
    dimensions:
      - {name: reported_on, type: time, type_params: {time_granularity: day}}
      - {name: peril, type: categorical}
    measures:
      - {name: claim_count, agg: count, expr: claim_id}
      - {name: paid, agg: sum, expr: paid}
metrics:
  - name: claims
    label: Claims
    type: simple
    type_params: {measure: claim_count}
    config: {meta: {synonyms: [理赔数]}}
  - {name: paid_losses, label: Paid Losses, type: simple, type_params: {measure: paid}}
"""
CLAIMS_DATA = """
create table claims (claim_id int, reported_on date, peril varchar, paid int);
insert into claims values
  (1, '2025-01-03', 'flood', 100), (2, '2025-01-09', 'fire', 200), (3, '2025-01-20', 'flood', 50),
  (4, '2025-02-11', 'fire', 70), (5, '2026-01-05', 'flood', 10), (6, '2026-01-25', 'flood', 20);
"""

Y24, Y25, Y26 = dt.date(2024, 1, 1), dt.date(2025, 1, 1), dt.date(2026, 1, 1)


@pytest.fixture(scope="module")
def cafe(yaml_shop):
    return yaml_shop("periods_cafe", CAFE, CAFE_DATA, TODAY)


@pytest.fixture(scope="module")
def claims(yaml_shop):
    return yaml_shop("periods_claims", CLAIMS, CLAIMS_DATA, TODAY)


def answer_rows(a) -> list[tuple]:
    """The answer's rows, a missing value (NaN in a float column) as None."""
    return [tuple(None if v != v else v for v in row) for row in _rows(a)]


def _ok(shop, question: str):
    a = shop.ask(question)
    assert a.ok, (question, a.error)
    return a


@pytest.mark.parametrize(
    "question",
    ["2025年和2024年的收入对比", "2024年与2025年的收入", "revenue in 2024 and 2025"],
)
def test_two_years_one_row_each(cafe, question) -> None:
    a = _ok(cafe, question)
    assert a.derived.kind == "periods"
    assert answer_rows(a) == [(Y24, 60), (Y25, 80)]


@pytest.mark.parametrize(
    "question",
    [
        "2025年和2024年的收入相比增长了多少",
        "revenue in 2024 vs 2025, growth",
        "2025年和2024年的收入变化",
    ],
)
def test_growth_between_two_years(cafe, question) -> None:
    a = _ok(cafe, question)
    assert answer_rows(a) == [(Y24, 60, None, None), (Y25, 80, 20, pytest.approx(1 / 3))]
    assert ("2025年 - 2024年" in a.interpretation) or ("2025 - 2024" in a.interpretation)


def test_a_ratio_per_period_and_the_years_between_dropped(cafe) -> None:
    """The average ticket of each year as the model computes it (not a mean of smaller
    periods); 2025, between the two named years, is not a row."""
    a = _ok(cafe, "average ticket in 2024 vs 2026")
    assert answer_rows(a) == [(Y24, pytest.approx(20.0)), (Y26, pytest.approx(70 / 3))]


@pytest.mark.parametrize(
    "question", ["revenue in 2025 vs 2024", "revenue in 2025 compared with 2024"]
)
def test_bare_year_after_vs_is_a_year(cafe, question) -> None:
    """ "revenue in 2025 vs 2024": both years named side by side, a row each (the bare 2024
    was an unknown number)."""
    a = _ok(cafe, question)
    assert a.derived.kind == "periods"
    assert answer_rows(a) == [(Y24, 60), (Y25, 80)]


def test_a_base_after_the_metric_stays_a_change(cafe) -> None:
    """ "2025年的收入比2024年": the year before after 比 is a change over time (as 比上月)."""
    a = _ok(cafe, "2025年的收入比2024年")
    assert a.derived.kind == "pop"
    assert answer_rows(a) == [(Y25, 80, 60, pytest.approx(1 / 3))]


def test_months_by_store(cafe) -> None:
    a = _ok(cafe, "revenue by store in March 2025 vs April 2025")
    assert answer_rows(a) == [
        (dt.date(2025, 3, 1), "east", 50)
        if a.query.group_by[0].startswith("metric_time")
        else ("east", dt.date(2025, 3, 1), 50),
        (dt.date(2025, 4, 1), "west", 25)
        if a.query.group_by[0].startswith("metric_time")
        else ("west", dt.date(2025, 4, 1), 25),
    ]


@pytest.mark.parametrize(
    ("question", "rows"),
    [
        (
            "paid losses in January 2025 compared with February 2025",
            [(dt.date(2025, 1, 1), 350), (dt.date(2025, 2, 1), 70)],
        ),
        ("2025年1月和2026年1月的理赔数对比", [(dt.date(2025, 1, 1), 3), (dt.date(2026, 1, 1), 2)]),
        (  # the month just before: a change over time (环比), as "比上月"
            "2025年2月的理赔数和2025年1月相比增长了多少",
            [(dt.date(2025, 2, 1), 1, 3, pytest.approx(-2 / 3))],
        ),
        (
            "2026年1月的理赔数和2025年2月相比增长了多少",
            [(dt.date(2025, 2, 1), 1, None, None), (dt.date(2026, 1, 1), 2, 1, pytest.approx(1.0))],
        ),
    ],
)
def test_claims_periods(claims, question, rows) -> None:
    a = _ok(claims, question)
    assert answer_rows(a) == rows


def test_a_period_without_data_has_its_row(claims) -> None:
    a = _ok(claims, "claims in 2024 vs 2026")
    assert answer_rows(a) == [(Y24, None), (Y26, 2)]


@pytest.mark.parametrize(
    ("shop", "question"),
    [
        ("cafe", "revenue in March 2025 vs Q1 2025"),  # a month against a quarter
        ("cafe", "今年上半年和去年上半年的收入对比"),  # half years: no such row
        ("cafe", "revenue in 2024 vs 2024"),
        ("cafe", "monthly revenue in 2024 vs 2025"),  # months within each year: another question
        ("cafe", "top 1 store by revenue in 2024 vs 2025"),
        ("cafe", "revenue in the last 30 days vs 2025"),
        ("claims", "claims in January 2025 vs 2025"),
        ("claims", "2025年1月和2025年第一季度的理赔数对比"),
        ("claims", "各险种理赔数占比 2025年和2026年"),
    ],
)
def test_refused(cafe, claims, shop, question) -> None:
    a = {"cafe": cafe, "claims": claims}[shop].ask(question)
    assert a.refused, (question, a.interpretation)


def _follow(shop, first: str, then: str):
    a = shop.ask(first)
    assert a.ok, a.error
    from nl2sql import ask

    return ask(
        then,
        model=shop.path,
        con=shop.con,
        engine="rules",
        today=shop.today,
        chart=False,
        context=a.followup_context(),
    )


def test_followup_compares_with_another_year(cafe) -> None:
    b = _follow(cafe, "2024年的收入", "和2026年比呢")
    assert b.ok, b.error
    assert answer_rows(b) == [(Y24, 60), (Y26, 70)]


def test_followup_compares_with_the_year_before(claims) -> None:
    b = _follow(claims, "claims in 2026", "compare with 2025")
    assert b.ok, b.error
    assert answer_rows(b) == [(Y26, 2, 4, pytest.approx(-0.5))]


def test_followup_month_with_last_year_is_the_same_month(claims) -> None:
    """ "compare with last year" after January 2026: January 2025 (year over year)."""
    b = _follow(claims, "claims in January 2026", "compare with last year")
    assert b.ok, b.error
    assert answer_rows(b) == [(dt.date(2026, 1, 1), 2, 3, pytest.approx(-1 / 3))]


def test_followup_keeps_the_periods(cafe) -> None:
    b = _follow(cafe, "revenue in 2024 and 2025", "by store")
    assert b.ok, b.error
    assert sorted(answer_rows(b), key=str) == sorted(
        [(Y24, "east", 40), (Y24, "west", 20), (Y25, "east", 50), (Y25, "west", 30)], key=str
    )
    c = _follow(cafe, "revenue in 2024 and 2025", "那上个月呢")
    assert c.refused


@pytest.mark.parametrize(
    ("shop", "question", "rows"),
    [
        # a period written without its year is in the year the other one names: March 2025,
        # never the latest March (2026) against April 2025
        ("cafe", "2025年3月和4月的收入", [(dt.date(2025, 3, 1), 50), (dt.date(2025, 4, 1), 25)]),
        (
            "cafe",
            "revenue in March vs April 2025",
            [(dt.date(2025, 3, 1), 50), (dt.date(2025, 4, 1), 25)],
        ),
        (
            "claims",
            "paid losses in January vs February 2025",
            [(dt.date(2025, 1, 1), 350), (dt.date(2025, 2, 1), 70)],
        ),
        ("claims", "2025年1月和2月的理赔数", [(dt.date(2025, 1, 1), 3), (dt.date(2025, 2, 1), 1)]),
    ],
)
def test_a_period_without_its_year_takes_the_others(cafe, claims, shop, question, rows) -> None:
    a = _ok({"cafe": cafe, "claims": claims}[shop], question)
    assert answer_rows(a) == rows


def test_a_month_without_its_year_after_vs_is_in_the_written_year(cafe) -> None:
    """ "revenue in March 2025 vs February": February 2025 (no sales: its row has no value),
    never the latest February (2026)."""
    a = _ok(cafe, "revenue in March 2025 vs February")
    assert answer_rows(a) == [(dt.date(2025, 2, 1), None), (dt.date(2025, 3, 1), 50)]


@pytest.mark.parametrize(
    ("shop", "question", "suggestions"),
    [
        (
            "cafe",
            "revenue in March 2025 vs Q1 2025",
            ["revenue in march 2025", "revenue in q1 2025"],
        ),
        (
            "claims",
            "2025年1月和2025年第一季度的理赔数对比",
            ["2025年1月的理赔数", "2025年第1季度的理赔数"],
        ),
    ],
)
def test_unlike_periods_suggest_each_alone(cafe, claims, shop, question, suggestions) -> None:
    a = {"cafe": cafe, "claims": claims}[shop].ask(question)
    assert a.refused
    assert [s.lower() for s in a.suggestions] == suggestions


@pytest.mark.parametrize(
    ("shop", "question", "rows"),
    [
        # two months listed, not a span: April (25) was summed in before, a wrong answer
        (
            "cafe",
            "revenue in March and May 2025",
            [(dt.date(2025, 3, 1), 50), (dt.date(2025, 5, 1), None)],
        ),
        (
            "claims",
            "paid losses in January and March 2025",
            [(dt.date(2025, 1, 1), 350), (dt.date(2025, 3, 1), None)],
        ),
    ],
)
def test_two_months_listed_are_two_periods(cafe, claims, shop, question, rows) -> None:
    a = _ok({"cafe": cafe, "claims": claims}[shop], question)
    assert answer_rows(a) == rows


def test_between_two_months_stays_a_span(cafe) -> None:
    a = _ok(cafe, "revenue between March and May 2025")
    assert answer_rows(a) == [(75,)]


def test_a_forged_context_of_many_periods_is_not_kept() -> None:
    from nl2sql.derived import Derived

    days = [f"2024-01-{d:02d}" for d in range(1, 31)]
    assert Derived.from_json({"kind": "periods", "grain": "day", "periods": days}) is None
    assert Derived.from_json({"kind": "periods", "grain": "day", "periods": ["x", "y"]}) is None


@pytest.mark.parametrize(
    ("shop", "question", "rows"),
    [
        # the difference asked after 比: both periods with the difference (the change over time
        # had no difference column, and 多多少 was refused as two values of a dimension)
        (
            "cafe",
            "2025年的收入比2024年多多少",
            [(Y24, 60, None, None), (Y25, 80, 20, pytest.approx(1 / 3))],
        ),
        (
            "claims",
            "2025年1月的理赔数比2026年1月多多少",
            [(dt.date(2025, 1, 1), 3, 1, pytest.approx(0.5)), (dt.date(2026, 1, 1), 2, None, None)],
        ),
        (  # 少多少: the second minus the first
            "claims",
            "2026年1月的理赔数比2025年1月少多少",
            [(dt.date(2025, 1, 1), 3, 1, pytest.approx(0.5)), (dt.date(2026, 1, 1), 2, None, None)],
        ),
    ],
)
def test_how_much_more_after_bi(cafe, claims, shop, question, rows) -> None:
    a = _ok({"cafe": cafe, "claims": claims}[shop], question)
    assert answer_rows(a) == rows


@pytest.mark.parametrize(
    ("question", "offers"),
    [
        # today is 2026-04-15: 上月 is March 2026 counted from today, or the month before the
        # written one; read from today it compared January with March — the change the wrong
        # way round and the wrong month (session 30)
        (
            "2026年1月的收入比上月增长了多少",
            ["2026年1月的收入比2025年12月增长了多少", "2026年1月的收入比2026年3月增长了多少"],
        ),
        (
            "revenue in January 2026 compared with last month",
            [
                "revenue in January 2026 compared with December 2025",
                "revenue in January 2026 compared with March 2026",
            ],
        ),
        ("revenue in 2024 vs last year", ["revenue in 2024 vs 2023", "revenue in 2024 vs 2025"]),
    ],
)
def test_a_previous_period_beside_a_written_one_is_asked_back(cafe, question, offers) -> None:
    a = cafe.ask(question)
    assert a.refused
    assert a.suggestions[:2] == offers  # both readings, each one click from an answer


@pytest.mark.parametrize(
    ("question", "rows"),
    [
        # the readings agree (the written period is today's, or the one before it): answered
        ("本月收入比上月增长了多少", None),
        ("2026年3月的收入和2月相比增长了多少", None),
        ("revenue in March 2026 vs the previous month", None),
    ],
)
def test_a_previous_period_that_cannot_be_misread_is_answered(cafe, question, rows) -> None:
    assert _ok(cafe, question).ok
