"""Chinese currency names, "kind of X" words and fused count words, on an invented tea-export
model (orders in EUR and JPY, a channel, an origin port column of codes):

- a currency's name before a noun is the value of a column of currency codes (日元订单有多少笔
  was refused — a count has no currency — and 欧元订单的订单金额 was answered for every currency,
  the EUR-labelled metric absorbing 欧元 as its own unit: a wrong answer), while a currency in
  brackets after the metric, or asked as 多少欧元, stays the answer's unit
  (``vocabulary.currency_values``, ``rules.passes.label_notes``);
- 币种, the head character of 货币 plus 种 "kind", is the currency column
  (``vocabulary.kind_compounds``);
- 欺诈 names a value ``fraud`` as CC-CEDICT's 诈欺 does, the same characters reversed, which
  ECDICT lists for "fraud" (``vocabulary.ecdict_anchors.reversed_twins``);
- jieba's fused 数最多 is 笔数 + 最多, so 哪个渠道的订单笔数最多 ranks the count
  (``rules.fused_roles``).
"""

from __future__ import annotations

import datetime as dt

import pytest

from nl2sql.rules import understand
from semantic_layer.catalog import Catalog
from semantic_layer.catalog import CatalogDimension as D
from semantic_layer.catalog import CatalogEntity as E
from semantic_layer.catalog import CatalogMetric as M

TODAY = dt.date(2026, 3, 31)
pytestmark = pytest.mark.usefixtures("own_cache")

_O = ("order__order_date", "order__order_currency", "order__channel", "order__origin_port")

TEA = Catalog(
    metrics=(
        M(
            "order_value",
            "Order Value (EUR)",
            dimensions=("metric_time", *_O),
            agg="sum",
            measure_expr="value_eur",
            agg_time_dimension="order__order_date",
            value_format="currency",
        ),
        M(
            "orders",
            "Orders",
            dimensions=("metric_time", *_O),
            agg="count",
            counts="order",
            agg_time_dimension="order__order_date",
        ),
    ),
    dimensions=(
        D("order__order_date", "order date", dim_type="time"),
        D("order__order_currency", "order currency", values=("EUR", "JPY")),
        D("order__channel", "channel", values=("web", "wholesale")),
        D("order__origin_port", "origin port", values=("SHA", "NGB", "XMN")),
    ),
    entities=(E("order", "order", key_expr="order_id", models=("fct_orders",)),),
)


def _read(
    question: str,
) -> tuple[list[str], list[str], list[tuple[str, str, list[str]]], int | None]:
    u = understand(question, TEA, TODAY)
    assert not u.refused, (question, u.reason_en)
    assert u.query is not None
    q = u.query
    filters = [(f.dimension, f.op, [str(v) for v in f.values]) for f in q.filters]
    filters = [f for f in filters if f[1] != "is not null"]
    return q.metrics, q.group_by, filters, q.limit


@pytest.mark.parametrize(
    ("question", "metrics", "grouped", "filters", "limit"),
    [
        # a currency's name before a noun: the column's value
        ("日元订单有多少笔", ["orders"], [], [("order__order_currency", "=", ["JPY"])], None),
        (
            "欧元订单的订单金额",
            ["order_value"],
            [],
            [("order__order_currency", "=", ["EUR"])],
            None,
        ),
        # the code itself, as before
        ("JPY订单有多少笔", ["orders"], [], [("order__order_currency", "=", ["JPY"])], None),
        # 币种: the kind of currency
        ("各币种的订单金额", ["order_value"], ["order__order_currency"], [], None),
        ("按币种统计订单数", ["orders"], ["order__order_currency"], [], None),
        # 数最多: 笔数 + 最多
        ("哪个渠道的订单笔数最多", ["orders"], ["order__channel"], [], 1),
        ("哪个币种的订单笔数最多", ["orders"], ["order__order_currency"], [], 1),
    ],
)
def test_reads(
    question: str,
    metrics: list[str],
    grouped: list[str],
    filters: list[tuple[str, str, list[str]]],
    limit: int | None,
) -> None:
    assert _read(question) == (metrics, grouped, filters, limit)


@pytest.mark.parametrize("question", ["订单金额是多少欧元", "订单金额（欧元）"])
def test_the_metrics_own_unit_is_absorbed(question: str) -> None:
    """Asked as the answer's unit, the metric's own currency filters nothing."""
    assert _read(question) == (["order_value"], [], [], None)


@pytest.mark.parametrize("question", ["订单金额（日元）", "order value (JPY)"])
def test_another_currency_in_brackets_is_a_unit_refused(question: str) -> None:
    """A bracketed currency after the metric asks for the answer in it: refused (no fixed
    rate), never answered for the JPY rows in EUR."""
    u = understand(question, TEA, TODAY)
    assert u.refused and "JPY" in u.reason_en, (question, u.reason_en)


def test_no_currency_names_on_a_column_of_other_codes() -> None:
    """Ports (SHA, NGB) are three capitals too, but no currencies: 美元 names none of them."""
    u = understand("美元订单有多少笔", TEA, TODAY)
    assert u.refused or not any(f.dimension == "order__origin_port" for f in u.query.filters)


_G = (
    "order__order_date",
    "order__order_type",
    "order__is_gift_sale",
    "order__is_weekend",
    "order__is_wine_order",
    "shop",
)
#: an ``is_<kind>`` flag whose last word is a value of the rows' own type, and one that is not
GIFTS = Catalog(
    metrics=(
        M(
            "orders",
            "Orders",
            dimensions=("metric_time", *_G),
            agg="count",
            counts="order",
            agg_time_dimension="order__order_date",
        ),
    ),
    dimensions=(
        D("order__order_date", "order date", dim_type="time"),
        D("order__order_type", "order type", values=("sale", "sample", "fraud")),
        D("order__is_gift_sale", "is gift sale", values=("0", "1")),
        D("order__is_weekend", "is weekend", values=("0", "1")),
        D("order__is_wine_order", "is wine order", values=("0", "1")),
    ),
    entities=(
        E("order", "order", key_expr="order_id", models=("fct_orders",)),
        E("shop", "shop", foreign_exprs=("shop_id",)),
    ),
)


@pytest.mark.parametrize(
    ("question", "values"),
    [
        ("门店S07有多少笔订单", ["S07"]),
        ("shop S07 orders", ["S07"]),
        ("门店S07和门店S12的订单数对比", ["S07", "S12"]),
        ("门店12的订单数", ["12"]),  # a plain number, as before
        # the code first, then "this <counter> <thing>" (T01这款游戏 on a game studio's model)
        ("S07这家门店的订单数", ["S07"]),
        ("S07这个门店有多少笔订单", ["S07"]),
    ],
)
def test_an_id_written_as_letters_and_digits(question: str, values: list[str]) -> None:
    """客户C003: letters glued to digits after an entity keyed by an id are its id, as typed."""
    u = understand(question, GIFTS, TODAY)
    assert not u.refused, (question, u.reason_en)
    assert u.query is not None
    assert [(f.dimension, list(f.values)) for f in u.query.filters] == [("shop", values)]


@pytest.mark.parametrize("question", ["S07这家门店的订单数", "门店S07有多少笔订单"])
def test_the_code_letters_are_not_listed_unused(question: str) -> None:
    """The letters read with the digits are used: no "（未使用：s）" under a right answer
    (zhrefuse30; the letters' item was replaced, and the unused list reads the original)."""
    u = understand(question, GIFTS, TODAY)
    assert not u.refused, (question, u.reason_en)
    assert u.ignored == []


@pytest.mark.parametrize("question", ["门店SHOP07的订单数", "S07的订单数"])
def test_longer_prefixes_and_codes_without_their_entity_stay_unknown(question: str) -> None:
    assert understand(question, GIFTS, TODAY).refused, question


@pytest.mark.parametrize(
    "question", ["how many gift sales", "礼品销售有多少笔", "礼品销售有几笔", "礼品销售的数量"]
)
def test_a_flag_naming_the_rows_kind_counts_them(question: str) -> None:
    """``is_gift_sale``: a sale is one of the orders' types, so gift sales are orders."""
    u = understand(question, GIFTS, TODAY)
    assert not u.refused, (question, u.reason_en)
    assert u.query is not None and u.query.metrics == ["orders"]
    assert [(f.dimension, list(f.values)) for f in u.query.filters] == [
        ("order__is_gift_sale", ["1"])
    ]


@pytest.mark.parametrize("question", ["how many weekends", "周末有多少笔", "非礼品销售有多少笔"])
def test_other_flags_and_negated_kinds_stay_refused(question: str) -> None:
    """An order is no weekend; 非礼品销售 are sales that are no gifts, not every other order."""
    assert understand(question, GIFTS, TODAY).refused, question


@pytest.mark.parametrize("question", ["欺诈订单有多少笔", "诈欺订单有多少笔"])
def test_a_values_name_written_the_other_way_round(question: str) -> None:
    """CC-CEDICT names ``fraud`` 诈欺; 欺诈, the same characters reversed, is ECDICT's word
    for "fraud" too (``vocabulary.ecdict_anchors.reversed_twins``)."""
    u = understand(question, GIFTS, TODAY)
    assert not u.refused, (question, u.reason_en)
    assert u.query is not None
    assert [(f.dimension, list(f.values)) for f in u.query.filters] == [
        ("order__order_type", ["fraud"])
    ]


@pytest.mark.parametrize(
    "question", ["含有葡萄酒的订单有多少", "带有葡萄酒的订单有多少", "有葡萄酒的订单有多少"]
)
def test_contain_words_are_have(question: str) -> None:
    """含有 / 带有 are 有 written out: the orders with wine (the flag), not an unknown word."""
    u = understand(question, GIFTS, TODAY)
    assert not u.refused, (question, u.reason_en)
    assert u.query is not None and u.query.metrics == ["orders"]
    assert [(f.dimension, list(f.values)) for f in u.query.filters] == [
        ("order__is_wine_order", ["1"])
    ]
