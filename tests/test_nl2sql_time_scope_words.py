"""Time-and-scope words whose omission changes the answer (wrongfix30, issues #12 and #18):
"as of June 30" runs up to that day and 之后 starts after the period, as "after" does
(``nl2sql.time_bounds``). On main "as of" answered the one day and "8月之后" took August in.
"""

from __future__ import annotations

import datetime as dt

import pytest

from nl2sql.rules import understand
from semantic_layer.catalog import Catalog, CatalogDimension, CatalogEntity, CatalogMetric

TODAY = dt.date(2026, 12, 7)

pytestmark = pytest.mark.usefixtures("own_cache")


def _shop() -> Catalog:
    day = CatalogDimension("sale__day", "Day", dim_type="time", entity="sale")
    region = CatalogDimension("sale__region", "Region", entity="sale", values=("North", "South"))
    takings = CatalogMetric(
        "takings",
        "Takings",
        agg="sum",
        measure_expr="amount",
        agg_time_dimension=day.name,
        dimensions=(region.name,),
    )
    return Catalog(
        metrics=(takings,), dimensions=(day, region), entities=(CatalogEntity("sale", "sale"),)
    )


SHOP = _shop()


def _range(question: str) -> tuple[dt.date | None, dt.date | None, list[str]]:
    u = understand(question, SHOP, TODAY)
    assert not u.refused and u.query is not None, u.reason_en
    tr = u.query.time_range
    assert tr is not None
    return tr.start, tr.end, list(u.query.group_by)


@pytest.mark.parametrize(
    ("question", "start", "end"),
    [
        ("takings as of June 30, 2026", None, dt.date(2026, 7, 1)),
        ("截至2026年6月30日的takings", None, dt.date(2026, 7, 1)),
        ("2026年8月之后的takings", dt.date(2026, 9, 1), dt.date(2026, 12, 8)),
        ("takings after August 2026", dt.date(2026, 9, 1), dt.date(2026, 12, 8)),
        ("2026年8月以后的takings", dt.date(2026, 8, 1), dt.date(2026, 12, 8)),
        ("2026年8月及之后的takings", dt.date(2026, 8, 1), dt.date(2026, 12, 8)),
        ("最近3个月的takings", dt.date(2026, 9, 8), dt.date(2026, 12, 8)),  # one total: rolling
    ],
)
def test_open_bounds_and_rolling_totals(question: str, start, end) -> None:
    assert _range(question)[:2] == (start, end)
