"""Chinese on an English-only model: package counters, quantity heads, attributive adjectives,
the UK's country code, a comparison after a count suffix and "有没有哪个" — on an invented
seed-shipping model (session 26, issue #18). Each reading was refused, or answered with every
row, before its rule:

- 盒 / 瓶 / 袋 / 罐 count units of goods as 件 does (卖了多少盒, 超过100瓶): ``counters``;
- 卖出去 / 退回来, a verb with the directional complement 去 / 来, names the verb's event:
  ``vocabulary.morphology.directional_forms``;
- a metric label ending in a quantity head several labels share ("Free Gift Units", "Reserved
  Stock Units") is named by its modifier in Chinese (免费礼品, 预留库存):
  ``vocabulary.shared_heads``;
- an adjective ECDICT translates as "X的" lends X to compounds (工业类别 for "industrial
  category", 工业的 in ECDICT; CC-CEDICT glosses 工业 only "industry"):
  ``vocabulary.ecdict_parts``;
- "sub" written apart in a name ("sub region") is 子 (子区域): the general glossary;
- ``UK`` in a country column is the United Kingdom (ISO 3166's exceptionally reserved code):
  ``vocabulary.countries``; 市场 after a country's value restates it (法国市场):
  ``rules.passes.value_restated``;
- 退货数量超过100: the comparison's metric is the word before the count suffix:
  ``rules.passes.thresholds``;
- a yes to 有没有哪个X… lists the X that meet it, not every X: ``yes_no``;
- 通过 / 经由 right before a value is the preposition of means (通过web卖出): ``rules.passes.
  means_words``.
"""

from __future__ import annotations

import datetime as dt
from types import SimpleNamespace

import pandas as pd
import pytest

from nl2sql.rules import understand
from nl2sql.yes_no import YesNo, asks_which
from nl2sql.yes_no_answer import judge_answer
from semantic_layer.catalog import Catalog
from semantic_layer.catalog import CatalogDimension as D
from semantic_layer.catalog import CatalogEntity as E
from semantic_layer.catalog import CatalogMetric as M
from semantic_layer.query import MetricThreshold

TODAY = dt.date(2026, 3, 31)
pytestmark = pytest.mark.usefixtures("own_cache")

_S = (
    "shipment__ship_date",
    "shipment__country_code",
    "shipment__industrial_category",
    "shipment__crop",
    "shipment__sub_region",
    "shipment__sales_channel",
)


def _sum(name: str, label: str, column: str) -> M:
    return M(
        name,
        label,
        dimensions=("metric_time", *_S),
        agg="sum",
        measure_expr=column,
        agg_time_dimension="shipment__ship_date",
    )


SEEDS = Catalog(
    metrics=(
        _sum("net_sales", "Net Sales", "net_sales"),
        _sum("free_gift_units", "Free Gift Units", "gifts"),
        _sum("reserved_stock_units", "Reserved Stock Units", "reserved"),
        _sum("return_units", "Return Units", "returned"),
        _sum("units_sold", "Units Sold", "units"),
    ),
    dimensions=(
        D("shipment__ship_date", "ship date", dim_type="time"),
        D("shipment__country_code", "country code", values=("US", "UK", "FR")),
        D("shipment__industrial_category", "industrial category", values=("food", "fibre")),
        D("shipment__crop", "crop", values=("wheat", "rice")),
        D("shipment__sub_region", "sub region", values=("north", "south")),
        D("shipment__sales_channel", "sales channel", values=("web", "phone")),
    ),
    entities=(E("shipment", "shipment", key_expr="shipment_id", models=("fct_shipments",)),),
)

Filters = list[tuple[str, str, list[str]]]


def _read(question: str) -> tuple[list[str], list[str], Filters, list[MetricThreshold]]:
    u = understand(question, SEEDS, TODAY)
    assert not u.refused, (question, u.reason_en)
    assert u.query is not None
    q = u.query
    filters = [(f.dimension, f.op, [str(v) for v in f.values]) for f in q.filters]
    return q.metrics, q.group_by, [f for f in filters if f[1] != "is not null"], q.having


@pytest.mark.parametrize(
    ("question", "metrics", "grouped", "filters", "having"),
    [
        # package counters count units, as 件 does
        ("今年卖了多少盒", ["units_sold"], [], [], []),
        ("今年卖出多少袋", ["units_sold"], [], [], []),
        # a verb with its directional complement (卖出去) is the verb (卖出)
        ("各作物卖出去了多少件", ["units_sold"], ["shipment__crop"], [], []),
        (
            "哪些作物的销量超过100瓶",
            ["units_sold"],
            ["shipment__crop"],
            [],
            [MetricThreshold(metric="units_sold", op=">", value=100.0)],
        ),
        # a shared quantity head left out, in Chinese
        ("今年的免费礼品数量", ["free_gift_units"], [], [], []),
        ("各国家的预留库存", ["reserved_stock_units"], ["shipment__country_code"], [], []),
        # an adjective's attributive Chinese (工业的 -> 工业类别)
        ("按工业类别统计净销售额", ["net_sales"], ["shipment__industrial_category"], [], []),
        # the prefix "sub" written apart in a name: 子
        ("各子区域的净销售额", ["net_sales"], ["shipment__sub_region"], [], []),
        # UK in a country column
        ("英国的净销售额", ["net_sales"], [], [("shipment__country_code", "=", ["UK"])], []),
        # 通过 before a value: the means, "through"
        (
            "通过web卖出的销量",
            ["units_sold"],
            [],
            [("shipment__sales_channel", "=", ["web"])],
            [],
        ),
        # 市场 after a country: that country
        ("法国市场的净销售额", ["net_sales"], [], [("shipment__country_code", "=", ["FR"])], []),
        # the metric before the count suffix is compared
        (
            "哪些作物的退货数量超过100",
            ["return_units"],
            ["shipment__crop"],
            [],
            [MetricThreshold(metric="return_units", op=">", value=100.0)],
        ),
        (
            "退货数量超过100盒的作物",
            ["return_units"],
            ["shipment__crop"],
            [],
            [MetricThreshold(metric="return_units", op=">", value=100.0)],
        ),
    ],
)
def test_reads(
    question: str,
    metrics: list[str],
    grouped: list[str],
    filters: Filters,
    having: list[MetricThreshold],
) -> None:
    assert _read(question) == (metrics, grouped, filters, having)


def test_a_box_is_no_team() -> None:
    """支 and 箱 stay plain counters: 支 also counts teams and pens, a 箱 holds many units."""
    u = understand("今年卖了多少箱", SEEDS, TODAY)
    assert u.refused or (u.query is not None and u.query.metrics != ["units_sold"])


def test_market_after_another_value_stays_unknown() -> None:
    """Only a country is a market: 小麦市场 (a crop) is no reading of the wheat rows."""
    u = understand("小麦市场的净销售额", SEEDS, TODAY)
    assert u.refused and "市场" in u.reason_en


def test_passed_is_no_preposition_before_a_metric() -> None:
    """通过 ("to pass") before no value stays unknown: 审核通过 is no means."""
    u = understand("审核通过的净销售额", SEEDS, TODAY)
    assert u.refused


def test_uk_beside_gb_stays_gb() -> None:
    """A column holding GB keeps 英国 for GB; UK there is some other code, never guessed."""
    cat = Catalog(
        metrics=SEEDS.metrics,
        dimensions=(
            SEEDS.dimensions[0],
            D("shipment__country_code", "country code", values=("GB", "UK", "FR")),
            *SEEDS.dimensions[2:],
        ),
        entities=SEEDS.entities,
    )
    u = understand("英国的净销售额", cat, TODAY)
    assert u.query is not None and not u.refused
    assert [(f.dimension, [str(v) for v in f.values]) for f in u.query.filters] == [
        ("shipment__country_code", ["GB"])
    ]


def _answer(figures: dict[str, float]) -> SimpleNamespace:
    df = pd.DataFrame({"shipment__crop": list(figures), "net_sales": list(figures.values())})
    return SimpleNamespace(df=df, truncated=False, interpretation="Net Sales", verdict=None)


_OVER_100 = YesNo("any", (("net_sales", ">", 100.0),))
_QUERY = SimpleNamespace(group_by=["shipment__crop"])


def test_which_yes_lists_the_rows_that_meet_it() -> None:
    answer = _answer({"wheat": 150.0, "rice": 80.0, "oats": 120.0})
    judge_answer(answer, _OVER_100, _QUERY, SEEDS, "zh", which=True)
    assert answer.verdict == "yes"
    assert answer.df["shipment__crop"].tolist() == ["wheat", "oats"]
    assert "3 个" in answer.interpretation and "有 2 个满足" in answer.interpretation


def test_which_no_keeps_every_figure() -> None:
    """No row meets it: every row's figure shows why."""
    answer = _answer({"wheat": 50.0, "rice": 80.0})
    judge_answer(answer, _OVER_100, _QUERY, SEEDS, "zh", which=True)
    assert answer.verdict == "no" and len(answer.df) == 2


def test_plain_any_keeps_every_figure() -> None:
    answer = _answer({"wheat": 150.0, "rice": 80.0})
    judge_answer(answer, _OVER_100, _QUERY, SEEDS, "zh")
    assert answer.verdict == "yes" and len(answer.df) == 2


@pytest.mark.parametrize(
    ("question", "which"),
    [
        ("有没有哪个作物的净销售额超过100", True),
        ("有没有哪些国家的销量超过100", True),
        ("is there any crop with net sales above 100, and which", True),
        ("有没有净销售额超过100的作物", False),
        ("is there any crop with net sales above 100", False),
    ],
)
def test_asks_which(question: str, which: bool) -> None:
    assert asks_which(question) is which
