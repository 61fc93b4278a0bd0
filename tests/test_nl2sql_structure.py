"""Question structure on the built-in model and the demo warehouse: names beside keys,
role-qualified dimensions, one filtered count, shares and period-over-period, listings in a time
range, metric caveats and the typo rule (issue 12's structure gaps)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from nl2sql import ask
from nl2sql.ask import catalog_for
from nl2sql.rules import understand
from nl2sql.rules.naming import name_dimensions
from semantic_layer.catalog import Catalog, CatalogDimension, CatalogEntity, CatalogMetric

TODAY = dt.date(2026, 11, 20)


@pytest.fixture(scope="module")
def catalog(demo_db: Path) -> Catalog:
    return catalog_for(db=demo_db)


def _ask(question: str, demo_db: Path, **kw):
    return ask(question, db=demo_db, engine="rules", today=TODAY, chart=False, **kw)


# -- key vs name -------------------------------------------------------------------------------


def test_an_entity_is_answered_with_its_name_beside_its_key(demo_db: Path, demo_con) -> None:
    a = _ask("top 5 SKUs by product sales", demo_db)
    assert a.ok and a.query.group_by == ["sku", "sku__sku_name"]
    gold = demo_con.execute(
        "SELECT l.sku, s.sku_name, SUM(l.line_amount) AS v FROM order_lines l "
        "JOIN skus s ON s.sku = l.sku GROUP BY 1, 2 ORDER BY v DESC LIMIT 5"
    ).fetchall()
    got = list(a.df.itertuples(index=False, name=None))
    assert [(k, n) for k, n, _ in got] == [(k, n) for k, n, _ in gold]


def test_an_entity_without_a_name_dimension_keeps_its_key(catalog: Catalog) -> None:
    u = understand("top 10 customers by GMV", catalog, TODAY)
    assert u.query is not None and u.query.group_by == ["customer"]


def test_the_chart_shows_one_axis_of_name_and_key(demo_db: Path) -> None:
    a = ask("top 5 SKUs by product sales", db=demo_db, engine="rules", today=TODAY)
    enc = a.chart.to_dict()["encoding"]
    shown = a.chart.to_dict()["data"]["values"][0]["sku"]
    assert enc["y"]["field"] == "sku" and shown.endswith(f"({a.df['sku'].iloc[0]})")
    assert a.df["sku__sku_name"].iloc[0] in shown


def test_name_dimension_rule_prefers_the_entitys_own_name_and_skips_other_names() -> None:
    dims = (
        CatalogDimension("item__item_id", "Item ID"),
        CatalogDimension("item__product_name", "Product Name"),
        CatalogDimension("store__store_name", "Store Name"),
        CatalogDimension("store__manager_name", "Manager"),
        CatalogDimension("order__status", "status"),
    )
    cat = Catalog(metrics=(CatalogMetric("sales", "sales"),), dimensions=dims)
    assert name_dimensions(cat, "item") == ["item__product_name"]
    assert name_dimensions(cat, "store") == ["store__store_name"]  # <entity>_name wins
    assert name_dimensions(cat, "order") == []


# -- role-qualified dimension and one filtered count (the Ask page's chips) ----------------------


@pytest.mark.parametrize(
    "question",
    [
        "各地区客户的成交额",
        "客户的地区的成交额",
        "GMV by customer's region",
        "GMV by region of customers",
    ],
)
def test_an_entity_beside_its_dimension_is_one_grouping(catalog: Catalog, question: str) -> None:
    u = understand(question, catalog, TODAY)
    assert u.query is not None, u.reason
    assert u.query.metrics == ["gmv"] and u.query.group_by == ["customer__region"]


def test_the_chip_customer_region_gmv_has_one_row_per_region(demo_db: Path, demo_con) -> None:
    a = _ask("各地区客户的成交额", demo_db)
    gold = dict(
        demo_con.execute(
            "SELECT c.region, CAST(SUM(o.goods_amount) AS DOUBLE) FROM orders o "
            "LEFT JOIN customers c ON o.customer_id = c.customer_id GROUP BY 1"
        ).fetchall()
    )
    assert dict(zip(a.df.iloc[:, 0], a.df.iloc[:, 1], strict=True)) == pytest.approx(gold)


def test_an_entity_that_is_counted_is_not_folded_into_a_dimension(catalog: Catalog) -> None:
    u = understand("各地区客户的成交额和订单数", catalog, TODAY)
    assert u.query is not None and u.query.group_by == ["customer__region"]
    u = understand("customers by region", catalog, TODAY)  # no other metric: customers counted
    assert u.query is not None and u.query.group_by == ["customer__region"]
    assert u.query.metrics != []


@pytest.mark.parametrize(
    "question",
    [
        "已发货未揽收的订单有多少",
        "how many orders are shipped but not picked up",
        "how many orders were shipped but not picked up",
    ],
)
def test_a_count_with_a_status_is_one_filtered_count(catalog: Catalog, question: str) -> None:
    u = understand(question, catalog, TODAY)
    assert u.query is not None and u.query.metrics == ["shipped_not_picked_up_count"]


def test_the_chip_shipped_not_picked_up_gives_one_number(demo_db: Path, demo_con) -> None:
    a = _ask("已发货未揽收的订单有多少", demo_db)
    (gold,) = demo_con.execute(
        "SELECT COUNT(*) FROM shipments WHERE erp_shipped_at IS NOT NULL "
        "AND outbound_scan_at IS NULL AND pickup_at IS NULL"
    ).fetchone()
    assert a.df.shape == (1, 1) and a.df.iloc[0, 0] == gold


def test_a_plain_count_is_still_the_nouns_count(catalog: Catalog) -> None:
    u = understand("订单有多少", catalog, TODAY)
    assert u.query is not None and u.query.metrics == ["order_count"]


def _tiny_entity_catalog() -> Catalog:
    return Catalog(
        metrics=(CatalogMetric("sales", "sales", synonyms=("sales",)),),
        dimensions=(CatalogDimension("store__city", "city", synonyms=("city",), entity="store"),),
        entities=(CatalogEntity("store", "store", synonyms=("store", "stores")),),
    )


def test_qualifying_works_on_any_model() -> None:
    u = understand("sales by store city", _tiny_entity_catalog(), TODAY)
    assert u.query is not None and u.query.group_by == ["store__city"]


# -- a metric after a time phrase, metric caveats ----------------------------------------------


@pytest.mark.parametrize(
    ("question", "start"),
    [("上个月收入", dt.date(2026, 10, 1)), ("去年收入", dt.date(2025, 1, 1)), ("收入", None)],
)
def test_a_word_that_is_a_metric_and_a_value_is_the_metric_when_alone(
    catalog: Catalog, question: str, start: dt.date | None
) -> None:
    u = understand(question, catalog, TODAY)
    assert u.query is not None and u.query.metrics == ["net_revenue"] and not u.query.filters
    assert (u.query.time_range.start if u.query.time_range else None) == start


def test_a_value_word_beside_another_metric_stays_a_filter(catalog: Catalog) -> None:
    u = understand("收入的流水笔数", catalog, TODAY)
    assert u.query is not None and u.query.metrics == ["bank_transaction_count"]
    assert [(f.dimension, f.values) for f in u.query.filters] == [
        ("bank_transaction__direction", ["in"])
    ]


def test_a_metric_caveat_is_in_the_interpretation_in_the_questions_language(
    demo_db: Path,
) -> None:
    zh = _ask("最近30天的复购率", demo_db)
    en = _ask("repurchase rate by category", demo_db)
    assert "（注意：数据截止前30天内的订单观察期未满" in zh.interpretation
    assert "(note: orders of the last 30 days before the data's end" in en.interpretation
    plain = _ask("GMV by channel", demo_db)
    assert "note" not in plain.interpretation
    # the caveat's advice is itself a question the engine answers
    assert _ask("完整观察期复购率", demo_db).query.metrics == ["repurchase_rate_complete_follow_up"]


# -- share of total and change over time ---------------------------------------------------------


def test_a_share_of_a_top_n_is_a_share_of_the_whole_total(demo_db: Path, demo_con) -> None:
    a = _ask("top 2 channels by GMV share", demo_db)
    assert a.ok
    total = float(demo_con.execute("SELECT SUM(goods_amount) FROM orders").fetchone()[0])
    assert len(a.df) == 2 and list(a.df.columns) == ["order__channel", "gmv", "gmv__share"]
    for _, row in a.df.iterrows():
        assert row["gmv__share"] == pytest.approx(row["gmv"] / total)
    assert "share of total (GMV share of total)" in a.interpretation  # the column's label


def test_shares_of_each_month_add_up_to_one_per_month(demo_db: Path) -> None:
    a = _ask("今年每月各渠道GMV占比", demo_db)
    sums = a.df.groupby("metric_time__month")["gmv__share"].sum()
    assert len(sums) == 11 and sums.to_list() == pytest.approx([1.0] * 11)


def test_month_over_month_against_hand_written_sql(demo_db: Path, demo_con) -> None:
    a = _ask("上个月各渠道订单数环比", demo_db)
    assert "环比（较上一月；上期订单数, 订单数 环比 = (本期 - 上期) / 上期）" in a.interpretation
    gold = {
        ch: (n, p)
        for ch, n, p in demo_con.execute(
            "SELECT channel, COUNT(*) FILTER (WHERE created_at >= DATE '2026-10-01'), "
            "COUNT(*) FILTER (WHERE created_at < DATE '2026-10-01') FROM orders "
            "WHERE created_at >= DATE '2026-09-01' AND created_at < DATE '2026-11-01' GROUP BY 1"
        ).fetchall()
    }
    got = a.df.set_index("order__channel")
    for ch, (n, p) in gold.items():
        assert got.loc[ch, "order_count"] == n and got.loc[ch, "order_count__previous"] == p
        assert got.loc[ch, "order_count__growth"] == pytest.approx((n - p) / p)


def test_year_over_year_of_one_whole_period(demo_db: Path, demo_con) -> None:
    a = _ask("上个月GMV同比", demo_db)
    cur, prev = demo_con.execute(
        "SELECT SUM(goods_amount) FILTER (WHERE created_at >= DATE '2026-10-01'), "
        "SUM(goods_amount) FILTER (WHERE created_at < DATE '2025-11-01') FROM orders "
        "WHERE (created_at >= DATE '2026-10-01' AND created_at < DATE '2026-11-01') "
        "OR (created_at >= DATE '2025-10-01' AND created_at < DATE '2025-11-01')"
    ).fetchone()
    assert len(a.df) == 1
    assert a.df["gmv"].iloc[0] == pytest.approx(float(cur))
    assert a.df["gmv__previous"].iloc[0] == pytest.approx(float(prev))


@pytest.mark.parametrize(
    ("question", "reason"),
    [
        ("GMV同比", "同比需要时间周期"),
        ("GMV占比", "占比需要按某个维度拆分"),
        ("各渠道退货率占比", "占比需要可加总的指标"),
        ("GMV vs the last 30 days", "not one whole period"),
        ("order count growth", "growth against which period"),
    ],
)
def test_a_comparison_that_cannot_be_computed_is_refused_with_a_runnable_suggestion(
    catalog: Catalog, question: str, reason: str
) -> None:
    u = understand(question, catalog, TODAY)
    assert u.refused and reason in u.reason
    for s in u.suggestions[:1]:
        assert not understand(s, catalog, TODAY).refused


# -- listing in a time range --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("question", "date"),
    [
        ("列出上周的订单", "order__created_at"),
        ("上周的订单有哪些", "order__created_at"),
        ("list orders placed last week", "order__created_at"),
        ("list orders paid last week", "order__paid_at"),  # a date the question names
    ],
)
def test_a_listing_with_a_time_range_filters_the_listed_things_date(
    catalog: Catalog, question: str, date: str
) -> None:
    u = understand(question, catalog, TODAY)
    assert u.query is not None and u.query.metrics == [] and u.query.group_by == ["order"]
    assert [(f.dimension, f.op, f.values) for f in u.query.filters] == [
        (date, ">=", ["2026-11-09"]),
        (date, "<", ["2026-11-16"]),
    ]


def test_the_listed_orders_are_the_orders_of_that_week(demo_db: Path, demo_con) -> None:
    a = _ask("列出上周的订单", demo_db)
    gold = {
        r[0]
        for r in demo_con.execute(
            "SELECT order_id FROM orders WHERE created_at >= DATE '2026-11-09' "
            "AND created_at < DATE '2026-11-16'"
        ).fetchall()
    }
    assert set(a.df["order"]) == gold and len(gold) > 0


def test_a_listing_whose_date_is_ambiguous_is_refused() -> None:
    cat = Catalog(
        metrics=(CatalogMetric("sales", "sales", synonyms=("sales",)),),
        dimensions=(
            CatalogDimension("claim__opened_at", "opened at", dim_type="time", entity="claim"),
            CatalogDimension("claim__closed_at", "closed at", dim_type="time", entity="claim"),
        ),
        entities=(CatalogEntity("claim", "claim", synonyms=("claim", "claims")),),
    )
    u = understand("list claims last month", cat, TODAY)
    assert u.refused and "which date" in u.reason
    ok = understand("list claims opened last month", cat, TODAY)
    assert ok.query is not None and ok.query.filters[0].dimension == "claim__opened_at"


# -- typo correction and suggestions stay close to the word typed --------------------------------


@pytest.mark.parametrize(
    ("question", "group"),
    [("GMV by chanel", "order__channel"), ("units sold by categroy", "sku__category")],
)
def test_real_typos_are_still_fixed(catalog: Catalog, question: str, group: str) -> None:
    u = understand(question, catalog, TODAY)
    assert u.query is not None and u.query.group_by == [group] and u.notes


def test_a_different_word_is_not_read_as_a_typo(catalog: Catalog) -> None:
    u = understand("list the customers who signed up last month", catalog, TODAY)
    # refused on the verb itself ("signed up" names the model's new customers, which a list
    # of customers does not ask for), never on a look-alike
    assert u.refused and "'signed" in u.reason
    # no suggestion puts an unrelated look-alike ("shipment") where "signed" was
    assert not any("shipment" in s for s in u.suggestions)


def test_a_share_of_one_value_is_that_values_part_of_the_total(demo_db: Path, demo_con) -> None:
    a = _ask("share of orders that got cancelled on Taobao", demo_db)
    part, whole = demo_con.execute(
        "SELECT COUNT(*) FILTER (WHERE order_status = 'cancelled'), COUNT(*) FROM orders "
        "WHERE channel = 'taobao'"
    ).fetchone()
    assert a.df.shape[0] == 1 and a.df["order__order_status"].iloc[0] == "cancelled"
    assert a.df["order_count"].iloc[0] == part
    assert a.df["order_count__share"].iloc[0] == pytest.approx(part / whole)
    assert "share of order status = cancelled in the total" in a.interpretation


# -- counting words and English number words ------------------------------------------------------


def test_how_many_before_a_count_metric_asks_for_it(catalog: Catalog) -> None:
    u = understand("how many pre-sale orders were placed in November 2026", catalog, TODAY)
    assert u.query is not None and u.query.metrics == ["presale_orders"]


def test_english_number_words_are_numbers(catalog: Catalog) -> None:
    u = understand("Which three brands sold the most units?", catalog, TODAY)
    assert u.query is not None and u.query.limit == 3 and u.query.group_by == ["sku__brand"]


def test_a_models_own_change_metric_gets_its_grain(demo_db: Path) -> None:
    # gmv_growth_mom is "GMV growth month over month": over the whole span without a grain it
    # would compare the span with itself (0%)
    a = _ask("GMV环比", demo_db)
    assert a.query.metrics == ["gmv_growth_mom"] and a.query.group_by == ["metric_time__month"]
    same = _ask("本月GMV比上月", demo_db)
    nov = a.df.set_index("metric_time__month")["gmv_growth_mom"].iloc[-1]
    assert nov == pytest.approx(same.df["gmv__growth"].iloc[0])
