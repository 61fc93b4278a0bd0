"""过 after a verb (the experiential aspect, "校准过的设备") is a grammar word, like 了.

Why: "被编辑过的问题有多少" on a fresh public Q&A model (session 14) was refused ("I don't know
'过'") though "被编辑的问题有多少" answered; the particle only says the thing happened. Before a
number 过 compares ("金额过万") and is left alone. Tiny equipment model: nothing of that
project's names.
"""

from __future__ import annotations

import datetime as dt

import pytest

from nl2sql.rules import understand
from semantic_layer.catalog import Catalog, CatalogDimension, CatalogEntity, CatalogMetric

TODAY = dt.date(2025, 6, 30)

pytestmark = pytest.mark.usefixtures("own_cache")

DAY = "device__installed_at"
PLANT = Catalog(
    metrics=(
        CatalogMetric(
            "total_devices",
            "Total Devices",
            agg="count_distinct",
            measure_expr="device_id",
            counts="device",
            agg_time_dimension=DAY,
        ),
    ),
    dimensions=(
        CatalogDimension(DAY, "installed at", dim_type="time", entity="device"),
        CatalogDimension(
            "device__has_been_calibrated",
            "has been calibrated",
            entity="device",
            values=("true", "false"),
            dim_type="categorical",
        ),
    ),
    entities=(CatalogEntity("device", "device", key_expr="device_id", models=("devices",)),),
)


@pytest.mark.parametrize("question", ["被校准过的设备有多少", "校准过的设备数量"])
def test_the_particle_is_read_like_le(question: str) -> None:
    plain = understand(question.replace("过", ""), PLANT, TODAY)
    u = understand(question, PLANT, TODAY)
    assert not plain.refused, plain.reason_en  # the sentence without 过 is understood
    assert not u.refused, (question, u.reason_en)
    assert u.query is not None and plain.query is not None
    assert u.query.filters == plain.query.filters
    assert u.query.metrics == ["total_devices"]
