"""Two general gaps a fresh English-only dbt project showed in Chinese (zhfresh27, issue #18).

1. A dimension named "<thing> key" (``region_key``) is the thing, as "<thing> id" and
   "<thing> code" are: "by region" / 按地区 were refused ("I don't know 地区") because only
   "region key" named it.
2. A several-word English phrase that CC-CEDICT glosses whole ("olive oil" 橄榄油, "exchange
   rate" 汇率) is one part of a word-by-word Chinese compound. Word by word, "olive oil price"
   was 橄榄石油价格 ("olive petroleum price"), a string nobody types, so 橄榄油价格 was unknown.

Original catalogs: a shipping line's port calls and a grocer's shelf prices (not any
evaluation set's model).
"""

from __future__ import annotations

import datetime as dt

import pytest

from nl2sql.rules import understand
from nl2sql.vocabulary.chinese import compounds
from nl2sql.vocabulary.compass_places import compass_bridges_for
from semantic_layer.catalog import Catalog, CatalogDimension, CatalogEntity, CatalogMetric

TODAY = dt.date(2026, 4, 1)

pytestmark = pytest.mark.usefixtures("own_cache")


def _port_calls() -> Catalog:
    return Catalog(
        metrics=(CatalogMetric("port_revenue", "Revenue", agg="sum", measure_expr="berth_fee"),),
        dimensions=(
            CatalogDimension(
                "call__region_key", "region key", entity="call", values=("north_sea", "baltic")
            ),
            CatalogDimension("call__called_at", "Called At", entity="call", dim_type="time"),
        ),
        entities=(CatalogEntity("call", "call", key_expr="call_id"),),
    )


@pytest.mark.parametrize("question", ["revenue by region", "各地区的收入", "按地区看收入"])
def test_a_key_dimension_is_asked_for_by_its_thing(question: str) -> None:
    u = understand(question, _port_calls(), TODAY)
    assert not u.refused, u.reason_en
    assert u.query.group_by == ["call__region_key"]


def test_a_dictionary_phrase_is_one_part_of_a_compound() -> None:
    words = [w for w, _ in compounds(["olive", "oil", "price"])]
    assert "橄榄油价格" in words
    assert [w for w, _ in compounds(["exchange", "rate", "spread"])][:1] != []


def _shelf() -> Catalog:
    return Catalog(
        metrics=(
            CatalogMetric(
                "avg_olive_oil_price", "Olive oil price", agg="average", measure_expr="olive_oil"
            ),
            CatalogMetric("avg_butter_price", "Butter price", agg="average", measure_expr="butter"),
        ),
        dimensions=(
            CatalogDimension("shelf__priced_on", "Priced On", entity="shelf", dim_type="time"),
        ),
        entities=(CatalogEntity("shelf", "shelf", key_expr="shelf_id"),),
    )


def test_the_dictionary_phrase_compound_names_the_metric() -> None:
    u = understand("上个月橄榄油价格", _shelf(), TODAY)
    assert not u.refused, u.reason_en
    assert u.query.metrics == ["avg_olive_oil_price"]


# --- exchange rates, framed currencies and 均价 (an importer's landed costs, an original catalog)


def _landed() -> Catalog:
    return Catalog(
        metrics=(
            CatalogMetric(
                "avg_eur_thb",
                "EUR/THB rate",
                agg="average",
                measure_expr="eur_thb",
                description="Daily EUR->THB reference rate",
            ),
            CatalogMetric(
                "avg_rice_price_eur", "Rice price (EUR/t)", agg="average", measure_expr="rice_eur"
            ),
            CatalogMetric(
                "avg_rice_price_thb",
                "Rice price (THB/t)",
                metric_type="derived",
                description="Rice price in local currency (EUR price x FX)",
            ),
            CatalogMetric("landed_cost_eur", "Landed cost (EUR)", agg="sum", measure_expr="cost"),
        ),
        dimensions=(
            CatalogDimension(
                "shipment__landed_on", "Landed On", entity="shipment", dim_type="time"
            ),
        ),
        entities=(CatalogEntity("shipment", "shipment", key_expr="shipment_id"),),
    )


@pytest.mark.parametrize("question", ["上个月的汇率", "exchange rate last month", "上个月平均汇率"])
def test_a_currency_pair_rate_is_the_exchange_rate(question: str) -> None:
    u = understand(question, _landed(), TODAY)
    assert not u.refused, u.reason_en
    assert u.query.metrics == ["avg_eur_thb"]


@pytest.mark.parametrize(
    ("question", "metric"),
    [
        ("上个月以泰铢计价的稻米价格", "avg_rice_price_thb"),
        ("上个月以欧元计的稻米价格", "avg_rice_price_eur"),
        ("上个月稻米价格是多少泰铢", "avg_rice_price_thb"),
    ],
)
def test_a_framed_or_asked_currency_picks_the_price(question: str, metric: str) -> None:
    u = understand(question, _landed(), TODAY)
    assert not u.refused, u.reason_en
    assert u.query.metrics == [metric]


def test_an_average_price_is_said_in_one_word() -> None:
    u = understand("上个月以欧元计的稻米均价", _landed(), TODAY)
    assert not u.refused, u.reason_en
    assert u.query.metrics == ["avg_rice_price_eur"]
    # a price nobody averages has no 均价: the summed cost stays unknown under that word
    u = understand("上个月的到岸成本均价", _landed(), TODAY)
    assert u.refused or u.query.metrics != ["landed_cost_eur"]


def test_the_pair_in_chinese_names_the_rate_in_its_own_order_only() -> None:
    u = understand("上个月欧元兑泰铢的平均汇率", _landed(), TODAY)
    assert not u.refused, u.reason_en
    assert u.query.metrics == ["avg_eur_thb"]
    # the other way round is the inverse rate, a different number: never answered as this one
    u = understand("上个月泰铢兑欧元汇率", _landed(), TODAY)
    assert u.refused


def _mines() -> Catalog:
    return Catalog(
        metrics=(CatalogMetric("mine_revenue", "Revenue", agg="sum", measure_expr="revenue"),),
        dimensions=(
            CatalogDimension(
                "site__state_key",
                "state key",
                entity="site",
                values=("western_australia", "queensland", "north_gate"),
            ),
            CatalogDimension("site__mined_on", "Mined On", entity="site", dim_type="time"),
        ),
        entities=(CatalogEntity("site", "site", key_expr="site_id"),),
    )


def test_a_compass_place_value_is_named_in_chinese() -> None:
    u = understand("西澳大利亚的收入", _mines(), TODAY)
    assert not u.refused, u.reason_en
    assert "western_australia" in str(u.query.filters)
    # a compass word before no place name gets no compass-place name ("gate" is no place)
    assert [b.value for b in compass_bridges_for("gate", ("north_gate", "western_australia"))] == [
        "western_australia",
        "western_australia",
    ]


@pytest.mark.parametrize(
    ("question", "metric"),
    [
        ("上个月稻米的欧元价格", "avg_rice_price_eur"),
        ("上个月稻米泰铢价格", "avg_rice_price_thb"),
        ("上个月稻米的欧元均价", "avg_rice_price_eur"),
    ],
)
def test_a_currency_inside_the_price_term_picks_the_price(question: str, metric: str) -> None:
    u = understand(question, _landed(), TODAY)
    assert not u.refused, u.reason_en
    assert u.query.metrics == [metric]


def test_a_currency_inside_the_term_no_price_has_is_never_ignored() -> None:
    u = understand("上个月稻米的美元价格", _landed(), TODAY)
    assert u.refused  # no rice price in USD: refused, never the EUR or THB price
