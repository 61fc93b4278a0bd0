"""时段 after a breakdown word, and an hour column named after its event
(``passes.hour_dimension``), on an invented bakery.

"各时段的销售数" breaks the sales down by the part of the day they happened in: the model's one
hour-of-day column ("Sale Hour", an hour 0-23). 时段 named no model term and was refused; and
"按小时" found no hour column because only "hour" / "hour of day" were read as one, not an hour
named after its event. Two hour columns, or 时段 with no breakdown word, stay refused.
"""

from __future__ import annotations

import datetime as dt

import pytest

from nl2sql.rules import understand
from semantic_layer.catalog import Catalog
from semantic_layer.catalog import CatalogDimension as D
from semantic_layer.catalog import CatalogMetric as M

TODAY = dt.date(2025, 6, 30)
pytestmark = pytest.mark.usefixtures("own_cache")


def _bakery(*hours: str) -> Catalog:
    dims = ("metric_time", "sale__sale_date", *hours)
    return Catalog(
        metrics=(
            M(
                "sales",
                "Sales",
                dimensions=dims,
                agg="count",
                counts="sale",
                agg_time_dimension="sale__sale_date",
            ),
        ),
        dimensions=(
            D("sale__sale_date", "sale date", dim_type="time"),
            *(D(h, h.rpartition("__")[2].replace("_", " ").title()) for h in hours),
        ),
    )


ONE_HOUR = _bakery("sale__sale_hour")
TWO_HOURS = _bakery("sale__sale_hour", "sale__bake_hour")


@pytest.mark.parametrize("question", ["各时段的销售数", "按时段统计销售数", "按小时统计销售数"])
def test_the_hour_of_day_column(question: str) -> None:
    u = understand(question, ONE_HOUR, TODAY)
    assert not u.refused, (question, u.reason_en)
    assert u.query is not None
    assert (u.query.metrics, u.query.group_by) == (["sales"], ["sale__sale_hour"])


@pytest.mark.parametrize(
    ("question", "catalog"),
    [
        ("各时段的销售数", TWO_HOURS),  # two hour columns: which one is not said
        ("时段的销售数", ONE_HOUR),  # no breakdown word before it
    ],
)
def test_probes_stay_refused(question: str, catalog: Catalog) -> None:
    assert understand(question, catalog, TODAY).refused, question
