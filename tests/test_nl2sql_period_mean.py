"""A mean over periods: "12月日均收入", "平均每天多少单", "average daily revenue".

These ask for the mean over the days of each day's total and were refused ("the model's metrics
are totals per period") on a fresh NYC mobility project; they are now the query grouped by the
period with each metric averaged over it (``Derived("mean")``, ``rules/passes/period_mean``).
"daily average X" and "每天的平均X" still ask for the series. Two domains in the parse (a clinic,
a parking operator) and the demo shop end to end against direct SQL.
"""

from __future__ import annotations

import datetime as dt

import pytest

from nl2sql import ask
from nl2sql.rules import understand
from semantic_layer.catalog import Catalog, CatalogDimension, CatalogEntity, CatalogMetric

TODAY = dt.date(2026, 1, 5)

pytestmark = pytest.mark.usefixtures("own_cache")


def _catalog(entity: str, metric: str, label: str, dim: str) -> Catalog:
    day = f"{entity}__day"
    return Catalog(
        metrics=(
            CatalogMetric(metric, label, agg="sum", agg_time_dimension=day, dimensions=(day, dim)),
        ),
        dimensions=(
            CatalogDimension(day, "Day", dim_type="time", entity=entity),
            CatalogDimension(dim, dim.split("__")[1], entity=entity, values=("a", "b")),
        ),
        entities=(CatalogEntity(entity, entity),),
    )


CLINIC = _catalog("visit", "billed_amount", "Billed Amount", "visit__department")
PARKING = _catalog("session", "parking_fees", "Parking Fees", "session__lot")


@pytest.mark.parametrize(
    ("catalog", "question", "metric", "grain", "group_by"),
    [
        (CLINIC, "12月日均billed amount", "billed_amount", "day", []),
        (
            CLINIC,
            "average daily billed amount by department",
            "billed_amount",
            "day",
            ["visit__department"],
        ),
        (PARKING, "平均每天的parking fees是多少", "parking_fees", "day", []),
        (PARKING, "average parking fees per day in November", "parking_fees", "day", []),
        (PARKING, "parking fees月均", "parking_fees", "month", []),
    ],
)
def test_a_mean_over_periods_is_read(catalog, question, metric, grain, group_by) -> None:
    u = understand(question, catalog, TODAY)
    assert not u.refused, u.reason_en
    assert u.query is not None and u.query.metrics == [metric]
    assert u.query.group_by == group_by
    assert u.derived is not None and u.derived.kind == "mean" and u.derived.grain == grain


@pytest.mark.parametrize("question", ["daily average billed amount", "billed amount by day"])
def test_a_period_word_first_still_asks_for_the_series(question) -> None:
    u = understand(question, CLINIC, TODAY)
    assert u.derived is None or u.derived.kind != "mean"
    if not u.refused:
        assert u.query is not None and "metric_time__day" in u.query.group_by


def test_the_daily_mean_matches_direct_sql(demo_con) -> None:
    a = ask("10月平均每天的GMV", con=demo_con, today="2026-11-20", engine="rules")
    assert a.ok, a.error
    gold = demo_con.execute(
        "SELECT AVG(g) FROM (SELECT CAST(created_at AS DATE) d, SUM(goods_amount) g FROM orders "
        "WHERE created_at >= DATE '2026-10-01' AND created_at < DATE '2026-11-01' GROUP BY 1)"
    ).fetchone()[0]
    assert len(a.df) == 1 and abs(float(a.df.iloc[0, 0]) - float(gold)) < 0.01
    assert "日均" in a.interpretation
