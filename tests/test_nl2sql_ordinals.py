"""A rank by its position: "收入排名第二的渠道", "第二高", "second highest" keep one row at N.

"收入排名第二的月份" was refused ("I don't know '排名第'") on a fresh NYC mobility project and
"the second highest" had no reading; the position becomes a one-row rank that skips N-1 rows
(``SemanticQuery.offset``, ``rules/passes/ordinals``). Two domains (a shop's channels, an
airline's carriers) in the parse, and the shop's warehouse end to end against direct SQL.
"""

from __future__ import annotations

import datetime as dt

import pytest

from nl2sql import ask
from nl2sql.rules import understand
from semantic_layer.catalog import Catalog, CatalogDimension, CatalogEntity, CatalogMetric

TODAY = dt.date(2026, 1, 5)

pytestmark = pytest.mark.usefixtures("own_cache")


def _catalog(entity: str, metric: str, label: str, dim: str, dim_label: str) -> Catalog:
    day = f"{entity}__day"
    return Catalog(
        metrics=(
            CatalogMetric(metric, label, agg="sum", agg_time_dimension=day, dimensions=(day, dim)),
        ),
        dimensions=(
            CatalogDimension(day, "Day", dim_type="time", entity=entity),
            CatalogDimension(dim, dim_label, entity=entity, values=("a", "b", "c")),
        ),
        entities=(CatalogEntity(entity, entity),),
    )


SHOP = _catalog("order", "revenue", "Revenue", "order__channel", "channel")
AIRLINE = _catalog("flight", "seats", "Seats", "flight__carrier", "carrier")


@pytest.mark.parametrize(
    ("catalog", "question", "group", "desc", "offset"),
    [
        (SHOP, "收入排名第二的渠道", "order__channel", True, 1),
        (SHOP, "收入第三高的渠道是哪个", "order__channel", True, 2),
        (SHOP, "收入倒数第二的渠道", "order__channel", False, 1),
        (SHOP, "收入第二低的渠道", "order__channel", False, 1),
        (AIRLINE, "which carrier had the second most seats", "flight__carrier", True, 1),
        (AIRLINE, "座位数第2名的承运人", "flight__carrier", True, 1),
        (AIRLINE, "seats by month, the 3rd highest", "metric_time__month", True, 2),
    ],
)
def test_a_position_keeps_one_row_at_that_rank(catalog, question, group, desc, offset) -> None:
    u = understand(question, catalog, TODAY)
    assert not u.refused, u.reason_en
    q = u.query
    assert q is not None and q.group_by == [group]
    assert q.limit == 1 and q.offset == offset
    assert q.order_by[0].descending is desc


@pytest.mark.parametrize(
    ("catalog", "question"),
    [
        (SHOP, "第二高的收入"),  # nothing ranked: the total has no second row
        (SHOP, "the second channel revenue"),  # an ordinal with no superlative
        (AIRLINE, "second highest seats"),
        (SHOP, "2025年第10周的收入"),  # a week by its number, not a rank
        (AIRLINE, "第一天的座位数"),
    ],
)
def test_a_position_with_nothing_ranked_is_refused(catalog, question) -> None:
    u = understand(question, catalog, TODAY)
    assert u.refused, u.query


def test_the_second_channel_matches_direct_sql(demo_con) -> None:
    a = ask("GMV排名第二的渠道", con=demo_con, today="2026-11-20", engine="rules")
    assert a.ok, a.error
    gold = demo_con.execute(
        "SELECT channel, SUM(goods_amount) g FROM orders GROUP BY 1 ORDER BY g DESC LIMIT 1 OFFSET 1"
    ).fetchall()
    assert len(a.df) == 1 and a.df.iloc[0, 0] == gold[0][0]
    assert "第2" in a.interpretation


#: a studio's metric whose name holds a number (dbt-labs' "Level Up" lab, session 29)
STUDIO = Catalog(
    metrics=(
        CatalogMetric(
            "week_4_retention",
            "Week 4 Retention",
            agg="sum",
            agg_time_dimension="session__day",
            dimensions=("session__day",),
        ),
    ),
    dimensions=(CatalogDimension("session__day", "Day", dim_type="time", entity="session"),),
    entities=(CatalogEntity("session", "session"),),
)


def test_a_number_in_the_metrics_own_name_is_no_rank() -> None:
    """ "第4周留存率按月看" is Week 4 Retention by month; it was the 4th-ranked month (wrong)."""
    u = understand("第4周留存率按月看", STUDIO, TODAY)
    assert not u.refused, u.reason_en
    q = u.query
    assert q is not None and q.metrics == ["week_4_retention"]
    assert q.group_by == ["metric_time__month"]
    assert q.limit is None and not q.offset


def test_a_number_the_name_does_not_hold_stays_a_position() -> None:
    """ "第2周留存率" names no metric here (the model has week 4 only): never Week 4 Retention."""
    u = understand("第2周留存率按月看", STUDIO, TODAY)
    assert u.refused or (u.query is not None and u.query.offset == 1), u.query
