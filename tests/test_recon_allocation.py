"""Allocation rules: safe formulas, bases, exact cents (largest remainder, ties by line_id)."""

from __future__ import annotations

from decimal import Decimal

import duckdb
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from connectors.warehouse import connect, ensure_schema
from lab.reconciliation.allocation import allocate
from lab.reconciliation.errors import RulesError
from lab.reconciliation.rounding import split_exactly
from lab.reconciliation.rules import load_rules, parse_formula, rules_from_dict

UNSAFE = [
    ("paid_amount; drop table orders", "must be one expression"),
    ("(select 1)", "'(SELECT 1)'"),
    ("read_csv('/etc/passwd')", "function"),
    ("paid_amount * random()", "function 'RANDOM()'"),
    ("orders.paid_amount * 2", "column 'orders.paid_amount'"),
    ("unit_cost * qty", "column 'unit_cost'"),
    ("'a' || 'b'", "not allowed"),
    ("paid_amount > 5", "token"),
    ("case when qty > 1 then 1 else 0 end", "not allowed"),
    ("freight = qty", "assigns 'freight'"),
    ("", "empty"),
]


@pytest.mark.parametrize(("formula", "message"), UNSAFE, ids=[u[0] or "empty" for u in UNSAFE])
def test_formula_parser_rejects_unsafe_input_naming_rule_and_token(formula, message) -> None:
    with pytest.raises(RulesError) as err:
        parse_formula(formula, rule="commission")
    assert "rule 'commission'" in str(err.value)
    assert message in str(err.value)


@pytest.mark.parametrize(
    ("formula", "sql"),
    [
        ("commission = paid_amount * 0.05 + custom_packaging_fee * 1.2",
         "paid_amount * 0.05 + custom_packaging_fee * 1.2"),
        ("ROUND(line_amount * 0.03, 2)", "ROUND(line_amount * 0.03, 2)"),
        ("GREATEST(weight_kg, 0.5) * LEAST(qty, 10)", "GREATEST(weight_kg, 0.5) * LEAST(qty, 10)"),
        ("-(order_shipping_fee / 2) + ABS(tax_rate)", "-(order_shipping_fee / 2) + ABS(tax_rate)"),
    ],
)  # fmt: skip
def test_formula_parser_accepts_arithmetic(formula, sql) -> None:
    assert parse_formula(formula, rule="commission").sql(dialect="duckdb") == sql


def test_rules_file_errors_name_the_file_and_component(tmp_path) -> None:
    bad = tmp_path / "bad.yml"
    bad.write_text("components:\n  freight: {basis: volume}\n", encoding="utf-8")
    with pytest.raises(RulesError, match=r"bad.yml: component 'freight' has basis 'volume'"):
        load_rules(bad)
    with pytest.raises(RulesError, match="component 'bonus' is unknown"):
        rules_from_dict({"components": {"bonus": {"basis": "amount"}}})
    with pytest.raises(RulesError, match="does not exist"):
        load_rules(tmp_path / "missing.yml")


def test_default_rules_file_loads() -> None:
    rules = load_rules()
    assert rules.tolerance == 0.005
    assert rules.rule_for("freight").source == "basis: weight"
    assert rules.rule_for("commission").source.startswith("formula: commission = paid_amount")


def _lines_con() -> duckdb.DuckDBPyConnection:
    con = connect(":memory:")
    ensure_schema(con)
    con.execute(
        """insert into orders (order_id, goods_amount, shipping_fee, discount_amount, paid_amount,
           tax_rate) values ('O1', 100.00, 10.00, 0, 110.00, 0.13), ('O2', 0, 0, 0, 0, 0)"""
    )
    con.execute(
        """insert into order_lines values
           ('O1-1', 'O1', 1, 'A', 1, 33.33, 33.33, 1.0, 0, 0),
           ('O1-2', 'O1', 2, 'B', 2, 33.33, 66.67, 2.0, 1.5, 3.00)"""
    )
    return con


def _allocate(con, parts, rules) -> dict:
    con.execute(
        "create or replace temp table _r_alloc_parts (flow_id varchar, order_id varchar, "
        "component varchar, matched_amount decimal(14,2))"
    )
    con.executemany("insert into _r_alloc_parts values (?, ?, ?, ?)", parts)
    allocate(con, rules)
    rows = con.execute(
        "select flow_id, line_id, component, amount, rule from _r_alloc order by all"
    ).fetchall()
    return {(r[0], r[1], r[2]): (r[3], r[4]) for r in rows}


def test_full_payment_splits_goods_by_amount_and_freight_by_weight() -> None:
    got = _allocate(_lines_con(), [("F1", "O1", "full", 110.00)], load_rules())
    assert got[("F1", "O1-1", "goods")] == (Decimal("33.33"), "basis: amount")
    assert got[("F1", "O1-2", "goods")] == (Decimal("66.67"), "basis: amount")
    assert got[("F1", "O1-1", "freight")] == (Decimal("3.33"), "basis: weight")
    assert got[("F1", "O1-2", "freight")] == (Decimal("6.67"), "basis: weight")


def test_formula_weights_and_zero_weight_fallback() -> None:
    rules = rules_from_dict(
        {
            "components": {
                "commission": {"formula": "paid_amount * 0.05 + custom_packaging_fee * 1.2"},
                "service": {"basis": "service_hours"},
                "rebate": {"basis": "quantity"},
            }
        }
    )
    got = _allocate(
        _lines_con(),
        [("F1", "O1", "commission", -10.00), ("F1", "O1", "service", 7.00),
         ("F1", "O1", "rebate", 1.00), ("F2", "O2", "goods", 5.00)],
        rules,
    )  # fmt: skip
    # line weights: 33.33/100*110*0.05 = 1.83315 ; 66.67/100*110*0.05 + 3*1.2 = 7.26685
    assert got[("F1", "O1-1", "commission")][0] == Decimal("-2.01")
    assert got[("F1", "O1-2", "commission")][0] == Decimal("-7.99")
    assert got[("F1", "O1-2", "service")][0] == Decimal("7.00")  # only line 2 has hours
    assert got[("F1", "O1-1", "service")][0] == Decimal("0.00")
    assert got[("F1", "O1-1", "rebate")][0] == Decimal("0.33")  # by qty 1:2
    assert got[("F1", "O1-2", "rebate")][0] == Decimal("0.67")
    assert got[("F2", None, "goods")] == (Decimal("5.00"), "no order lines")


def test_zero_weights_fall_back_to_amount() -> None:
    rules = rules_from_dict({"components": {"service": {"basis": "service_hours"}}})
    con = _lines_con()
    con.execute("update order_lines set service_hours = 0")
    got = _allocate(con, [("F1", "O1", "service", 10.00)], rules)
    assert got[("F1", "O1-1", "service")] == (
        Decimal("3.33"),
        "basis: service_hours (all weights 0: by amount)",
    )


def test_remainder_cents_go_by_largest_remainder_then_line_id() -> None:
    con = duckdb.connect()
    con.execute(
        "create table src as select 'g' grp, i item, 0.05::decimal(14,2) total, 1.0 weight "
        "from (values ('L3'), ('L1'), ('L2')) t(i)"
    )
    split_exactly(con, "src", "out")
    assert con.execute("select item, amount from out order by item").fetchall() == [
        ("L1", Decimal("0.02")),
        ("L2", Decimal("0.02")),
        ("L3", Decimal("0.01")),
    ]


@settings(max_examples=40, deadline=None)
@given(
    total=st.decimals(min_value=-100000, max_value=100000, places=2),
    weights=st.lists(
        st.floats(min_value=0, max_value=1e6, allow_nan=False), min_size=1, max_size=12
    ),
)
def test_split_always_sums_exactly(total: Decimal, weights: list[float]) -> None:
    con = duckdb.connect()
    con.execute("create table src (grp varchar, item varchar, total decimal(14,2), weight double)")
    con.executemany(
        "insert into src values ('g', ?, ?, ?)",
        [(f"L{i:02d}", total, w) for i, w in enumerate(weights)],
    )
    split_exactly(con, "src", "out")
    amounts = [r[0] for r in con.execute("select amount from out").fetchall()]
    assert sum(amounts) == total
    assert all((a >= 0) == (total >= 0) or a == 0 for a in amounts)
