"""Chinese (and English) questions on an invented ferry-fleet model whose fact tables are keyed
by their own row ids, the shapes a heavy-equipment maintenance project showed refused or wrong:

- a fact table's key entity named like the sum it holds ("fuel cost" for ``fuel_cost`` beside
  ``total_fuel_cost_eur``): the currency word that ends the metric's name kept the key
  shadowing the metric, so "fuel cost by route", 燃料成本是多少 and 燃料成本超过5000的航线 named
  no metric (``rules.passes.entity_metric``, ``passes.counts``, ``passes.thresholds``,
  ``passes.average_per``);
- 总 before the amount word (燃料总成本 for "total fuel cost") — ``vocabulary.chinese``;
- an average whose label says "per Ferry" on rows keyed by ``ferry_status``: "每艘渡轮的平均
  延误分钟数" was broken down ferry by ferry (each ferry's own figure, a wrong answer) —
  ``rules.passes.average_per.label_per_thing``.

Each reading is checked beside one-word-difference probes that must stay as they were: the
listing without an average word, a breakdown by another thing, a count of the key, a
negated value.
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

_F = ("ferry__route", "ferry__home_port")
_S = ("ferry_status__status_date", *_F)
_C = ("fuel_cost__fuel_date", "fuel_cost__route", *_F)


def _m(name: str, label: str, dims: tuple[str, ...], **kw: object) -> M:
    return M(name, label, dimensions=("metric_time", *dims), **kw)  # type: ignore[arg-type]


FLEET = Catalog(
    metrics=(
        _m(
            "avg_delay_minutes",
            "Average Delay Minutes per Ferry",
            _S,
            agg="average",
            agg_time_dimension="ferry_status__status_date",
        ),
        _m(
            "total_fuel_cost_eur",
            "Total Fuel Cost EUR",
            _C,
            agg="sum",
            agg_time_dimension="fuel_cost__fuel_date",
        ),
        _m(
            "fuelled_ferries",
            "Fuelled Ferry Count",
            _C,
            agg="count_distinct",
            counts="ferry",
            agg_time_dimension="fuel_cost__fuel_date",
        ),
        _m(
            "fuel_cost_per_ferry",
            "Fuel Cost per Ferry",
            _C,
            metric_type="ratio",
            ratio_of=("total_fuel_cost_eur", "fuelled_ferries"),
        ),
    ),
    dimensions=(
        D("ferry__route", "route", values=("harbour", "island")),
        D("ferry__home_port", "home port", values=("Northpier", "Southpier")),
        D("ferry_status__status_date", "status date", dim_type="time"),
        D("fuel_cost__fuel_date", "fuel date", dim_type="time"),
        D("fuel_cost__route", "route", values=("harbour", "island")),
    ),
    entities=(
        E(
            "ferry",
            "ferry",
            key_expr="ferry_id",
            models=("dim_ferry",),
            foreign_exprs=("ferry_id",),
        ),
        E("ferry_status", "ferry status", key_expr="ferry_status_id", models=("fct_ferry_status",)),
        E("fuel_cost", "fuel cost", key_expr="fuel_cost_id", models=("fct_fuel_cost",)),
    ),
)


def _read(question: str) -> tuple[list[str], list[str], list[tuple[str, str, list[str]]]]:
    u = understand(question, FLEET, TODAY)
    assert not u.refused, (question, u.reason_en)
    assert u.query is not None
    filters = [(f.dimension, f.op, list(f.values)) for f in u.query.filters]
    return u.query.metrics, u.query.group_by, filters


@pytest.mark.parametrize(
    ("question", "metrics", "grouped"),
    [
        # the key entity named like the sum it holds: that sum (the currency word ends its name)
        ("fuel cost", ["total_fuel_cost_eur"], []),
        ("fuel cost by home port", ["total_fuel_cost_eur"], ["ferry__home_port"]),
        ("燃料成本是多少", ["total_fuel_cost_eur"], []),
        ("有多少燃料成本", ["total_fuel_cost_eur"], []),
        # 总 before the amount word, and before the whole phrase as before
        ("燃料总成本", ["total_fuel_cost_eur"], []),
        ("总燃料成本", ["total_fuel_cost_eur"], []),
        ("按母港统计燃料总成本", ["total_fuel_cost_eur"], ["ferry__home_port"]),
        # the average per ferry the model defines, through the key-named amount
        ("平均每艘渡轮的燃料成本", ["fuel_cost_per_ferry"], []),
        ("average fuel cost per ferry", ["fuel_cost_per_ferry"], []),
        # the label's own "per Ferry" restated: one average, no breakdown by ferry
        ("每艘渡轮的平均延误分钟数", ["avg_delay_minutes"], []),
        ("平均每艘渡轮的延误分钟数", ["avg_delay_minutes"], []),
        # a breakdown by another thing stays a breakdown
        ("每个母港的平均延误分钟数", ["avg_delay_minutes"], ["ferry__home_port"]),
    ],
)
def test_reading(question: str, metrics: list[str], grouped: list[str]) -> None:
    got_metrics, got_group, _ = _read(question)
    assert (got_metrics, got_group) == (metrics, grouped)


def test_threshold_on_the_key_named_amount() -> None:
    """燃料成本超过5000的母港: the threshold applies to the sum the key is named after."""
    u = understand("燃料成本超过5000的母港", FLEET, TODAY)
    assert not u.refused, u.reason_en
    assert u.query is not None
    assert u.query.metrics == ["total_fuel_cost_eur"]
    assert u.query.group_by == ["ferry__home_port"]
    assert [(h.metric, h.op, h.value) for h in u.query.having] == [
        ("total_fuel_cost_eur", ">", 5000.0)
    ]


def test_negated_value_on_the_key_named_amount() -> None:
    """非Northpier的燃料成本: the sum, with the value excluded (not read as a count of keys)."""
    metrics, _, filters = _read("非Northpier的燃料成本")
    assert metrics == ["total_fuel_cost_eur"]
    assert ("ferry__home_port", "!=", ["Northpier"]) in filters


@pytest.mark.parametrize("question", ["每艘渡轮的延误分钟数", "delay minutes by ferry"])
def test_no_average_word_is_not_the_one_average(question: str) -> None:
    """Without an average word the per-ferry reading is not taken: listed ferry by ferry (or
    asked), never answered as the one fleet-wide average."""
    u = understand(question, FLEET, TODAY)
    assert u.refused or (u.query is not None and u.query.group_by == ["ferry"]), u.query


def test_referenced_entity_is_not_a_currency_sum() -> None:
    """A ``crossing`` entity other tables reference stays a thing: "crossings by home port"
    is not read as ``total_crossing_eur`` (a sum of money) through the currency rule."""
    m = dict(agg="sum", agg_time_dimension="crossing__sailed_date")
    fleet = Catalog(
        metrics=(*FLEET.metrics, _m("total_crossing_eur", "Total Crossing EUR", _F, **m)),
        dimensions=(*FLEET.dimensions, D("crossing__sailed_date", "sailed date", dim_type="time")),
        entities=(
            *FLEET.entities,
            E(
                "crossing",
                "crossing",
                key_expr="crossing_id",
                models=("fct_crossing",),
                foreign_exprs=("crossing_id",),
            ),
        ),
    )
    u = understand("crossings by home port", fleet, TODAY)
    assert u.refused or (u.query is not None and "total_crossing_eur" not in u.query.metrics)


@pytest.mark.parametrize(
    "question",
    [
        "how many distinct fuel costs",  # a count of the keys: no metric counts them
        "how many fuel costs",  # "how many" is a count, unlike 多少
        "燃料成本率",  # a rate of it: the model has none
    ],
)
def test_refused(question: str) -> None:
    u = understand(question, FLEET, TODAY)
    assert u.refused, (question, u.query)
