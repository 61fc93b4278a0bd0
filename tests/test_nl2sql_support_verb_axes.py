""" "see" is a support verb, and a support verb's date that no metric reaches is no time axis
(``vocabulary/morphology.py``, ``rules/passes/time_axis.py``).

"total runs I saw in 2024" on a ballpark model whose Hall of Fame table has a
`first_seen_date`: "saw" beside a date named that date, which the runs cannot reach, and the
question was refused; "how many home runs have I seen" was refused as being about the Hall of
Famers. "See" is the analyst's support verb ("orders we saw last month"), with no
event of its own: absorbed beside a metric, and its date is an axis only where the metrics
reach it. Trade verbs (a sale has its own date) keep the refusal. Catalogs from two domains (a
ballpark log, a web shop with a user table), written like dbt projects by others. "I've",
"we've", "I'm", "we're" are general language (``general.py``), like "what's".
"""

from __future__ import annotations

import datetime as dt

import pytest

from nl2sql.rules import understand
from semantic_layer.catalog import Catalog, CatalogDimension, CatalogEntity, CatalogMetric

TODAY = dt.date(2025, 10, 15)


pytestmark = pytest.mark.usefixtures("own_cache")


BALLPARK = Catalog(
    metrics=(
        CatalogMetric(
            "runs_witnessed",
            "Runs Witnessed",
            agg="sum",
            agg_time_dimension="play__game_date",
            dimensions=("play__game_date",),
        ),
        CatalogMetric(
            "hall_of_famers_seen",
            "Hall of Famers Seen",
            agg="count_distinct",
            counts="hof_player",
            agg_time_dimension="hof_player__first_seen_date",
            dimensions=("hof_player__first_seen_date", "hof_player__induction_year"),
        ),
    ),
    dimensions=(
        CatalogDimension("play__game_date", "Game Date", dim_type="time", entity="play"),
        CatalogDimension(
            "hof_player__first_seen_date", "First Seen Date", dim_type="time", entity="hof_player"
        ),
        CatalogDimension(
            "hof_player__induction_year",
            "Induction Year",
            entity="hof_player",
            values=("2019", "2020"),
        ),
    ),
    entities=(CatalogEntity("play", "play"), CatalogEntity("hof_player", "hof player")),
)


def _shop(date_name: str, label: str) -> Catalog:
    return Catalog(
        metrics=(
            CatalogMetric(
                "order_count",
                "Orders",
                agg="count",
                counts="order",
                agg_time_dimension="order__ordered_at",
                dimensions=("order__ordered_at", "order__channel"),
            ),
        ),
        dimensions=(
            CatalogDimension("order__ordered_at", "Ordered At", dim_type="time", entity="order"),
            CatalogDimension("order__channel", "Channel", entity="order", values=("web", "app")),
            CatalogDimension(f"user__{date_name}", label, dim_type="time", entity="user"),
        ),
        entities=(CatalogEntity("order", "order"), CatalogEntity("user", "user")),
    )


@pytest.mark.parametrize(
    ("catalog", "question", "metric", "start", "end"),
    [
        (BALLPARK, "total runs I saw in 2024", "runs_witnessed", "2024-01-01", "2025-01-01"),
        (BALLPARK, "total runs I've seen in 2024", "runs_witnessed", "2024-01-01", "2025-01-01"),
        (BALLPARK, "Hall of Famers seen in 2010", "hall_of_famers_seen", None, None),
        (
            _shop("last_seen_at", "Last Seen At"),
            "orders we saw last month",
            "order_count",
            "2025-09-01",
            "2025-10-01",
        ),
        (
            _shop("last_seen_at", "Last Seen At"),
            "orders we've seen last month",
            "order_count",
            "2025-09-01",
            "2025-10-01",
        ),
    ],
)
def test_see_keeps_the_metrics_own_time(catalog, question, metric, start, end) -> None:
    u = understand(question, catalog, TODAY)
    assert not u.refused, u.reason_en
    assert u.query.metrics == [metric]
    if start is not None:
        assert u.query.time_range is not None
        assert str(u.query.time_range.start) == start
        assert str(u.query.time_range.end) == end
        assert not u.query.filters


def test_the_date_of_see_stays_an_axis_where_the_metric_reaches_it() -> None:
    u = understand("Hall of Famers seen in 2010", BALLPARK, TODAY)
    assert not u.refused, u.reason_en
    # the metric's own time is the first-seen date: the range is on metric time
    assert str(u.query.time_range.start) == "2010-01-01"


def test_a_trade_verbs_date_out_of_reach_is_still_refused() -> None:
    u = understand("how many orders sold last month", _shop("sold_at", "Sold At"), TODAY)
    assert u.refused
