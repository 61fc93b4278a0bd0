"""Yes/no questions are answered yes or no with the figure, or refused — never an empty table.

Why: "上个月GMV超过100万吗" was read as the filter "GMV > 1e6" and answered with an empty table
when it did not hold. The thresholds here are set from the data (half and twice the real
figure), so each yes has a one-word-different no beside it.
"""

from __future__ import annotations

import pytest

from nl2sql import ask

TODAY = "2026-11-20"
LAST_MONTH = "created_at >= DATE '2026-10-01' AND created_at < DATE '2026-11-01'"


@pytest.fixture()
def gmv(demo_con) -> float:
    return float(
        demo_con.execute(f"SELECT SUM(goods_amount) FROM orders WHERE {LAST_MONTH}").fetchone()[0]
    )


@pytest.fixture()
def channel_orders(demo_con) -> dict[str, int]:
    rows = demo_con.execute(
        f"SELECT channel, COUNT(*) FROM orders WHERE {LAST_MONTH} GROUP BY 1"
    ).fetchall()
    return {str(c): int(n) for c, n in rows}


def _figure(answer) -> float:
    assert answer.df is not None and len(answer.df) == 1, answer.interpretation
    return float(answer.df.iloc[0, 0])


@pytest.mark.parametrize(
    ("template", "factor", "verdict"),
    [
        ("was GMV above {n} last month?", 0.5, "yes"),
        ("was GMV above {n} last month?", 2, "no"),
        ("was GMV below {n} last month?", 2, "yes"),  # one word: above -> below
        ("上个月GMV超过{n}吗", 0.5, "yes"),
        ("上个月GMV超过{n}吗", 2, "no"),
        ("上个月GMV不超过{n}吗", 2, "yes"),  # one word: a negation
        ("上个月GMV是否超过{n}", 2, "no"),
        ("上个月GMV是不是低于{n}", 0.5, "no"),
    ],
)
def test_a_total_is_judged_and_its_figure_shown(demo_con, gmv, template, factor, verdict) -> None:
    question = template.format(n=int(gmv * factor))
    got = ask(question, con=demo_con, today=TODAY)
    assert got.ok, got.reason
    assert got.verdict == verdict
    assert _figure(got) == pytest.approx(gmv)  # the figure, never an emptied table
    assert got.query is not None and got.query.having == []
    lead = {"yes": ("Yes — ", "是："), "no": ("No — ", "否：")}[verdict]
    assert got.interpretation.startswith(lead[1] if "上" in question else lead[0])
    assert got.to_json()["verdict"] == verdict


def test_the_plain_question_keeps_its_condition(demo_con, gmv) -> None:
    got = ask(f"上个月GMV超过{int(gmv * 2)}", con=demo_con, today=TODAY)
    assert got.ok and got.verdict is None and "verdict" not in got.to_json()
    assert got.query is not None and [h.op for h in got.query.having] == [">"]
    assert got.df is not None and got.df.empty  # a filter, as before: not a yes/no question


def test_any_over_a_breakdown_shows_every_row(demo_con, channel_orders) -> None:
    most = max(channel_orders.values())
    yes = ask(f"上个月有没有超过{most - 1}单的渠道", con=demo_con, today=TODAY)
    no = ask(f"上个月有没有超过{most}单的渠道", con=demo_con, today=TODAY)
    assert (yes.verdict, no.verdict) == ("yes", "no")
    assert no.df is not None and len(no.df) == len(channel_orders)  # every channel's figure
    assert no.interpretation.startswith("否：")
    en = ask(
        f"is there a channel with more than {most} orders last month", con=demo_con, today=TODAY
    )
    assert en.verdict == "no" and en.df is not None and len(en.df) == len(channel_orders)


def test_all_over_a_breakdown(demo_con, channel_orders) -> None:
    least = min(channel_orders.values())
    yes = ask(f"上个月每个渠道的订单数都超过{least - 1}吗", con=demo_con, today=TODAY)
    no = ask(f"上个月每个渠道的订单数都超过{least}吗", con=demo_con, today=TODAY)
    assert (yes.verdict, no.verdict) == ("yes", "no"), (yes.reason, no.reason)
    assert f"{len(channel_orders) - 1} 个满足" in no.interpretation


@pytest.mark.parametrize(
    "question",
    [
        "上个月各渠道订单数超过100吗",  # any channel, or every channel?
        "was the order count by channel above 100 last month",
    ],
)
def test_a_breakdown_without_any_or_every_is_refused(demo_con, question) -> None:
    got = ask(question, con=demo_con, today=TODAY)
    assert got.refused and got.df is None
    for s in got.suggestions:  # the listing of those that do, runnable
        assert not ask(s, con=demo_con, today=TODAY).refused


def test_a_ranking_is_not_judged(demo_con) -> None:
    got = ask("was JD the top channel by GMV last month", con=demo_con, today=TODAY)
    assert got.refused and "ranking" in got.reason


@pytest.fixture()
def orders_last_month(demo_con) -> int:
    return int(demo_con.execute(f"SELECT COUNT(*) FROM orders WHERE {LAST_MONTH}").fetchone()[0])


def test_a_count_named_as_the_count_is_judged(demo_con, orders_last_month) -> None:
    """In a yes/no question the number before the count's noun ("1000 orders") or after its
    count form (订单数) is the total count; "orders over N" stays refused (an amount of each?)."""
    n = orders_last_month
    got = ask(f"did we have more than {n - 1} orders last month?", con=demo_con, today=TODAY)
    assert got.verdict == "yes" and _figure(got) == n
    got = ask(f"上个月订单数超过{n}吗", con=demo_con, today=TODAY)
    assert got.verdict == "no" and _figure(got) == n
    for question in (
        f"were there orders over {n - 1} last month?",  # each order over N? or N orders?
        f"we had more than {n - 1} orders last month",  # not a yes/no question: as before
        f"上个月订单超过{n - 1}吗",  # 订单 is no count form
    ):
        assert ask(question, con=demo_con, today=TODAY).refused, question
