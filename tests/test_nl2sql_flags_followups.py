"""Yes/no flag dimensions read as conditions ("how many preferred customers") and follow-ups
that keep a share of total or a change over time (issue 12's remaining structure gaps)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from nl2sql import ask
from nl2sql.derived import Derived
from nl2sql.rules import understand
from nl2sql.rules.flags import flag_values
from semantic_layer.catalog import Catalog, CatalogDimension, CatalogEntity, CatalogMetric

TODAY = dt.date(2026, 11, 20)
_DIMS = ("customer__preferred_customer", "customer__state", "referrer__preferred_customer")


def _flag_catalog(values: tuple[str, ...] = ("N", "Y")) -> Catalog:
    """Customers with a Y/N flag; the same flag reachable through a second role (referrer)."""
    return Catalog(
        metrics=(
            CatalogMetric(
                "customer_count", "Customers", synonyms=("customers",), dimensions=_DIMS[:2]
            ),
            CatalogMetric("sales", "Sales", synonyms=("sales",), dimensions=_DIMS),
        ),
        dimensions=(
            CatalogDimension(_DIMS[0], "Preferred Customer", values=values, entity="customer"),
            CatalogDimension(_DIMS[1], "State", values=("GA", "TX"), entity="customer"),
            CatalogDimension(_DIMS[2], "Preferred Customer", values=values, entity="referrer"),
        ),
        entities=(CatalogEntity("customer", "customer"), CatalogEntity("referrer", "referrer")),
    )


@pytest.mark.parametrize(
    ("values", "expected"),
    [
        (("N", "Y"), ("Y", "N")),
        (("true", "false"), ("true", "false")),
        (("0", "1"), ("1", "0")),
        (("Y", "N", "U"), None),  # three values: not a flag
        (("Y", "maybe"), None),
        (("gold", "silver"), None),
    ],
)
def test_flag_values_are_exactly_one_yes_and_one_no(values, expected) -> None:
    assert flag_values(CatalogDimension("c__f", "F", values=values)) == expected


@pytest.mark.parametrize(
    "question", ["how many preferred customers do we have?", "number of preferred customers"]
)
def test_how_many_flagged_things_counts_where_the_flag_is_set(question: str) -> None:
    u = understand(question, _flag_catalog(), TODAY)
    assert u.query is not None and u.query.metrics == ["customer_count"]
    assert u.query.group_by == []
    [f] = u.query.filters
    assert (f.dimension, f.op, f.values) == (_DIMS[0], "=", ["Y"])


def test_a_true_false_flag_is_compared_with_a_boolean() -> None:
    u = understand("how many preferred customers", _flag_catalog(("false", "true")), TODAY)
    assert u.query is not None and u.query.filters[0].values == [True]


def test_a_negated_flag_counts_where_it_is_not_set() -> None:
    u = understand("how many non-preferred customers", _flag_catalog(), TODAY)
    assert u.query is not None and u.query.filters[0].values == ["N"]


def test_a_flag_count_can_be_broken_down() -> None:
    u = understand("number of preferred customers by state", _flag_catalog(), TODAY)
    assert u.query is not None and u.query.group_by == [_DIMS[1]]
    assert [(f.dimension, f.values) for f in u.query.filters] == [(_DIMS[0], ["Y"])]


def test_a_flag_counts_on_the_copy_the_count_metric_reaches() -> None:
    """The referrer's copy of the flag is another role: the count of customers filters on the
    customer's own flag, never the referrer's."""
    u = understand("how many preferred customers", _flag_catalog(), TODAY)
    assert u.query is not None and u.query.filters[0].dimension == _DIMS[0]


def test_a_dimension_that_is_not_a_flag_is_not_read_as_one() -> None:
    u = understand("how many preferred customers", _flag_catalog(("gold", "silver")), TODAY)
    assert u.refused and u.query is None and "ambiguous" in u.reason_en


@pytest.mark.parametrize(
    "question", ["customers by preferred customer", "sales by preferred customer"]
)
def test_grouping_by_a_flag_stays_a_grouping(question: str) -> None:
    u = understand(question, _flag_catalog(), TODAY)
    assert u.query is not None and u.query.group_by == [_DIMS[0]] and not u.query.filters


@pytest.mark.parametrize(
    ("question", "value"),
    [("sales for preferred customers", "Y"), ("sales of non-preferred customers", "N")],
)
def test_a_flag_qualifying_a_noun_is_a_filter_not_a_breakdown(question: str, value: str) -> None:
    u = understand(question, _flag_catalog(), TODAY)
    assert u.query is not None and u.query.metrics == ["sales"] and u.query.group_by == []
    assert [(f.dimension, f.values) for f in u.query.filters] == [(_DIMS[0], [value])]


# -- follow-ups keep a share / a change --------------------------------------------------------


def _ask(question: str, demo_db: Path, context=None):
    return ask(question, db=demo_db, engine="rules", today=TODAY, chart=False, context=context)


def test_a_follow_up_keeps_the_share_of_total(demo_db: Path, demo_con) -> None:
    first = _ask("各渠道GMV占比", demo_db)
    assert first.ok and first.followup_context()["derived"] == {
        "kind": "share",
        "keep": None,
        "base": None,
    }
    a = _ask("那上个月呢", demo_db, context=first.followup_context())
    assert a.ok and a.query.time_range is not None
    gold = dict(
        demo_con.execute(
            "SELECT channel, SUM(goods_amount) / SUM(SUM(goods_amount)) OVER () FROM orders "
            "WHERE created_at >= DATE '2026-10-01' AND created_at < DATE '2026-11-01' GROUP BY 1"
        ).fetchall()
    )
    got = dict(zip(a.df["order__channel"], a.df["gmv__share"], strict=True))
    assert got == pytest.approx(gold) and sum(got.values()) == pytest.approx(1.0)
    # the added column named as the table heads it, not by its name in the frame (gmv__share)
    assert "占比（销售额 占比 = 占总计的比例）" in a.interpretation and "__" not in a.interpretation


def test_a_follow_up_keeps_a_computed_change(demo_db: Path, demo_con) -> None:
    first = _ask("今年每月订单数环比", demo_db)
    assert first.ok and first.derived == Derived("pop")
    a = _ask("只看京东", demo_db, context=first.followup_context())
    assert a.ok and "order_count__growth" in a.df.columns
    counts = dict(
        demo_con.execute(
            "SELECT DATE_TRUNC('month', created_at)::DATE, COUNT(*) FROM orders "
            "WHERE channel = 'jd' GROUP BY 1"
        ).fetchall()
    )
    for _, row in a.df.iterrows():
        month = row["metric_time__month"]
        month = month.date() if hasattr(month, "date") else month
        previous = counts.get((month.replace(day=1) - dt.timedelta(days=1)).replace(day=1))
        assert row["order_count"] == counts[month]
        if previous:
            assert row["order_count__growth"] == pytest.approx(
                (counts[month] - previous) / previous
            )


def test_a_follow_up_can_ask_for_the_share(demo_db: Path) -> None:
    first = _ask("各渠道GMV", demo_db)
    a = _ask("占比呢", demo_db, context=first.followup_context())
    assert a.ok and a.df["gmv__share"].sum() == pytest.approx(1.0)
    assert any("占比" in c for c in a.changes)


def test_a_new_question_does_not_inherit_the_share(demo_db: Path) -> None:
    first = _ask("各渠道GMV占比", demo_db)
    a = _ask("各渠道订单数", demo_db, context=first.followup_context())
    assert a.ok and "order_count__share" not in a.df.columns and a.derived is None


def test_a_share_kept_by_a_follow_up_is_still_checked(demo_db: Path) -> None:
    """A follow-up to a rate keeps the share only where a share exists: refused, not summed."""
    first = _ask("各渠道GMV占比", demo_db)
    a = _ask("那退货率呢", demo_db, context=first.followup_context())
    assert a.refused and a.reason.startswith("占比需要可加总的指标"), a.reason


# -- a share of a filtered count ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("question", "where"),
    [
        ("已取消订单的占比", "TRUE"),
        ("share of cancelled orders", "TRUE"),
        (
            "上个月取消订单占比",
            "created_at >= DATE '2026-10-01' AND created_at < DATE '2026-11-01'",
        ),
    ],
)
def test_a_share_of_a_filtered_count_is_its_part_of_all_of_them(
    question: str, where: str, demo_db: Path, demo_con
) -> None:
    a = _ask(question, demo_db)
    assert a.ok and a.derived == Derived("share", base="order_count")
    part, whole = demo_con.execute(
        "SELECT COUNT(*) FILTER (WHERE order_status = 'cancelled'), COUNT(*) FROM orders "
        f"WHERE {where}"
    ).fetchone()
    assert len(a.df) == 1 and 0 < part < whole
    row = a.df.iloc[0]
    assert (row["cancelled_orders"], row["order_count"]) == (part, whole)
    assert row["cancelled_orders__share"] == pytest.approx(part / whole)


def test_a_follow_up_keeps_the_share_of_a_filtered_count(demo_db: Path, demo_con) -> None:
    first = _ask("share of cancelled orders", demo_db)
    a = _ask("on JD", demo_db, context=first.followup_context())
    part, whole = demo_con.execute(
        "SELECT COUNT(*) FILTER (WHERE order_status = 'cancelled'), COUNT(*) FROM orders "
        "WHERE channel = 'jd'"
    ).fetchone()
    assert a.ok and a.df["cancelled_orders__share"].iloc[0] == pytest.approx(part / whole)
    assert "share of all orders (cancelled orders share of total)" in a.interpretation


def test_a_share_of_an_amount_without_a_breakdown_is_still_refused(demo_db: Path) -> None:
    a = _ask("GMV占比", demo_db)
    assert a.refused and a.reason.startswith("占比需要按某个维度拆分")
