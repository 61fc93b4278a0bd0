"""A CC-CEDICT gloss "sequence of <things>" names the thing (zhrefuse30, issue #18).

流程 is glossed "course; stream; sequence of processes; work flow in manufacturing": the
reverse index had no "process" for it, so 各流程的… was refused on every model with a
``process`` dimension. ``cedict.collective_of`` indexes such a gloss under the thing, as a
main sense. Original catalog: a print shop's jobs (no evaluation set's).
"""

from __future__ import annotations

import datetime as dt

import pytest

from nl2sql.rules import understand
from nl2sql.vocabulary import cedict
from semantic_layer.catalog import Catalog, CatalogDimension, CatalogEntity, CatalogMetric

TODAY = dt.date(2026, 4, 1)

pytestmark = pytest.mark.usefixtures("own_cache")

DIMS = ("job__process", "job__printed_on")


def _print_shop() -> Catalog:
    return Catalog(
        metrics=(
            CatalogMetric("sheets", "Sheets", agg="sum", measure_expr="sheets", dimensions=DIMS,
                          agg_time_dimension=DIMS[-1]),
        ),
        dimensions=(
            CatalogDimension("job__process", "process", entity="job",
                             values=("offset", "digital")),
            CatalogDimension("job__printed_on", "Printed On", entity="job", dim_type="time"),
        ),
        entities=(CatalogEntity("job", "job", key_expr="job_id"),),
    )  # fmt: skip


def test_the_reverse_index_has_the_thing() -> None:
    assert ("流程", 0, "collective") in cedict.chinese_for("process")


def test_a_run_of_processes_names_the_process_dimension() -> None:
    u = understand("各流程的Sheets", _print_shop(), TODAY)
    assert not u.refused, u.reason_en
    assert u.query.group_by == ["job__process"]
