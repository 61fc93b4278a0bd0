"""The event of a days label read from ECDICT's intransitive verb (zhrefuse30, issue #18).

"Mean days queueing" is 平均排队天数 in Chinese, but CC-CEDICT glosses 排队 only "to line up",
so "queue" had no Chinese and every 排队天数 question was refused on an English-only model.
``days_labels_zh.intransitive_words`` reads ECDICT's "vi." line of the event's verb when
CC-CEDICT and the glossary give none. Original catalog: a bakery's ovens (no evaluation set's).
"""

from __future__ import annotations

import datetime as dt

import pytest

from nl2sql.rules import understand
from nl2sql.vocabulary.days_labels_zh import intransitive_words
from semantic_layer.catalog import Catalog, CatalogDimension, CatalogEntity, CatalogMetric

TODAY = dt.date(2026, 4, 1)

pytestmark = pytest.mark.usefixtures("own_cache")

DIMS = ("batch__oven", "batch__baked_on")


def _bakery() -> Catalog:
    return Catalog(
        metrics=(
            CatalogMetric("avg_queue_days", "Mean days queueing", agg="average",
                          measure_expr="queue_days", dimensions=DIMS, agg_time_dimension=DIMS[-1]),
            CatalogMetric("loaves", "Loaves", agg="sum", measure_expr="loaves", dimensions=DIMS,
                          agg_time_dimension=DIMS[-1]),
        ),
        dimensions=(
            CatalogDimension("batch__oven", "Oven", entity="batch", values=("north", "south")),
            CatalogDimension("batch__baked_on", "Baked On", entity="batch", dim_type="time"),
        ),
        entities=(CatalogEntity("batch", "batch", key_expr="batch_id"),),
    )  # fmt: skip


def test_ecdict_gives_the_intransitive_verb() -> None:
    assert intransitive_words(("queueing", "queue")) == [("排队", 0.85)]


def test_days_queueing_in_chinese() -> None:
    u = understand("各烤炉的平均排队天数", _bakery(), TODAY)
    assert not u.refused, u.reason_en
    assert u.query.metrics == ["avg_queue_days"]
    assert u.query.group_by == ["batch__oven"]
