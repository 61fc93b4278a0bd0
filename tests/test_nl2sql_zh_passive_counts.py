"""The noun before 有多少 is counted when 被 follows the count (``passes.counts``), on an
invented courier model.

"包裹有多少个被退回" asks how many parcels were returned, as "有多少包裹被退回" does. The word
after "how many" is usually what is counted, so 退回 was taken for the thing counted and the
question refused ("no metric counts 退回"). 被 makes it what happened to the parcels: the
parcels are counted and 退回 is their condition, read as in the other word order.
"""

from __future__ import annotations

import datetime as dt

import pytest

from nl2sql.rules import understand
from semantic_layer.catalog import Catalog
from semantic_layer.catalog import CatalogDimension as D
from semantic_layer.catalog import CatalogEntity as E
from semantic_layer.catalog import CatalogMetric as M

TODAY = dt.date(2025, 6, 30)
pytestmark = pytest.mark.usefixtures("own_cache")

_DIMS = ("metric_time", "parcel__sent_date", "parcel__is_returned", "parcel__depot")

COURIER = Catalog(
    metrics=(
        M(
            "parcels",
            "Parcels",
            dimensions=_DIMS,
            agg="count",
            counts="parcel",
            agg_time_dimension="parcel__sent_date",
        ),
        M(
            "postage",
            "Postage",
            dimensions=_DIMS,
            agg="sum",
            measure_expr="postage",
            agg_time_dimension="parcel__sent_date",
            value_format="currency",
        ),
    ),
    dimensions=(
        D("parcel__sent_date", "sent date", dim_type="time"),
        D("parcel__is_returned", "Is Returned", values=("false", "true")),
        D("parcel__depot", "depot", values=("Northgate", "Riverside")),
    ),
    entities=(E("parcel", "parcel", key_expr="parcel_id", models=("fct_parcels",)),),
)


def _reading(question: str) -> tuple[list[str], list[tuple[str, list[object]]]]:
    u = understand(question, COURIER, TODAY)
    assert not u.refused, (question, u.reason_en)
    assert u.query is not None
    return u.query.metrics, [(f.dimension, list(f.values)) for f in u.query.filters]


@pytest.mark.parametrize("question", ["包裹有多少个被退回", "今年的包裹有多少被退回了"])
def test_the_noun_before_the_count_is_counted(question: str) -> None:
    assert _reading(question) == _reading("有多少包裹被退回")


def test_the_other_order_is_read_the_same() -> None:
    metrics, filters = _reading("有多少包裹被退回")
    assert metrics == ["parcels"]
    assert [d for d, _ in filters] == ["parcel__is_returned"]


def test_without_the_passive_the_word_after_is_counted() -> None:
    """包裹有多少邮费: no 被, so the amount after 多少 is what is asked (not a parcel count)."""
    u = understand("包裹有多少邮费", COURIER, TODAY)
    assert u.query is None or u.query.metrics != ["parcels"]
