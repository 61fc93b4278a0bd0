"""Impact matrix: sqlglot finds comparisons in every kind of place; unhandled values flagged.

Table-driven over comparison shapes; end-to-end over a temporary repo layout (semantic model
YAML with dbt jinja, allocation rules, a notebook, an extra SQL file) and on the demo warehouse.
"""

from __future__ import annotations

import json

import pytest
import sqlglot
from click.testing import CliRunner

from connectors.warehouse import connect, ensure_schema
from lab.impact import (
    ImpactError,
    collect_places,
    find_comparisons,
    format_report,
    impact_matrix,
    render_dbt_jinja,
)

CASES = [
    ("select 1 from orders where payment_status = 'unpaid'", [("payment_status", "=", ("unpaid",))]),
    ("select 1 from orders where 'unpaid' = payment_status", [("payment_status", "=", ("unpaid",))]),
    ("select 1 from orders o where o.payment_status <> 'paid'", [("payment_status", "!=", ("paid",))]),
    ("select 1 from orders where not (payment_status = 'paid')", [("payment_status", "!=", ("paid",))]),
    ("select 1 from t where payment_status in ('paid', 'refunded')",
     [("payment_status", "in", ("paid", "refunded"))]),
    ("select 1 from t where payment_status not in ('unpaid')", [("payment_status", "not in", ("unpaid",))]),
    ("select case payment_status when 'paid' then 1 when 'unpaid' then 0 end from t",
     [("payment_status", "case", ("paid", "unpaid"))]),
    ("select sum(case when lower(channel) = 'jd' then 1 end) from t", [("channel", "=", ("jd",))]),
    ("select 1 from t where payment_status = other_col", []),
    ("select 1 from t where amount > 5", []),
]  # fmt: skip


@pytest.mark.parametrize(("sql", "expected"), CASES)
def test_find_comparisons(sql, expected):
    found = [(c.column, c.op, c.values) for c in find_comparisons(sqlglot.parse_one(sql))]
    assert found == expected


def test_comparisons_resolve_table_aliases():
    tree = sqlglot.parse_one(
        "select 1 from orders as o join returns r on true where o.payment_status = 'x'"
    )
    assert find_comparisons(tree, "PAYMENT_STATUS")[0].table == "orders"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("{{ Dimension('order__payment_status') }} = 'paid'", "payment_status = 'paid'"),
        ("{{Dimension(\"order__channel\")}} in ('jd')", "channel in ('jd')"),
        (
            "{{ TimeDimension('metric_time', 'day') }} >= '2026-01-01'",
            "metric_time >= '2026-01-01'",
        ),
        ("{{ Dimension('order__pay_state') }} = 'x'", "payment_status = 'x'"),
    ],
)
def test_render_dbt_jinja(text, expected):
    assert render_dbt_jinja(text, {"pay_state": "payment_status"}) == expected


MODEL_YAML = """
semantic_models:
  - name: orders
    model: ref('orders')
    dimensions:
      - name: pay_state
        type: categorical
        expr: payment_status
    measures:
      - name: paid_gmv
        agg: sum
        expr: "case when payment_status in ('paid', 'partially_refunded') then paid_amount else 0 end"
metrics:
  - name: unpaid_orders
    type: simple
    type_params:
      measure: order_count
    filter: "{{ Dimension('order__pay_state') }} = 'unpaid'"
"""

RULES_YAML = """
rules:
  - name: freight_by_weight
    component: freight
    when: "payment_status <> 'refunded'"
    formula: "paid_amount * 0.05"
"""

NOTEBOOK = {
    "cells": [
        {"cell_type": "markdown", "source": ["select * where payment_status = 'nope'"]},
        {"cell_type": "code", "source": [
            "%load_ext lab\n",
            "df = con.execute(\"SELECT * FROM orders WHERE payment_status = 'paid'\").df()\n",
            "label = 'just text'\n"]},
        {"cell_type": "code", "source": ["%%sql\n", "select count(*) from orders where payment_status = 'refunded'"]},
    ],
    "metadata": {}, "nbformat": 4, "nbformat_minor": 5,
}  # fmt: skip


@pytest.fixture()
def layout(tmp_path):
    (tmp_path / "models").mkdir()
    (tmp_path / "models" / "orders.yml").write_text(MODEL_YAML, encoding="utf-8")
    (tmp_path / "rules").mkdir()
    (tmp_path / "rules" / "alloc.yml").write_text(RULES_YAML, encoding="utf-8")
    (tmp_path / "nb").mkdir()
    (tmp_path / "nb" / "x.ipynb").write_text(json.dumps(NOTEBOOK), encoding="utf-8")
    (tmp_path / "extra.sql").write_text(
        "select 1 from orders where payment_status = 'unpaid';\n"
        "delete from orders where order_status = 'cancelled'",
        encoding="utf-8",
    )
    return {
        "model_dirs": [tmp_path / "models"],
        "rule_dirs": [tmp_path / "rules"],
        "notebook_dirs": [tmp_path / "nb"],
        "sql_files": [tmp_path / "extra.sql"],
    }


@pytest.fixture()
def small_con():
    con = connect(":memory:")
    ensure_schema(con)
    con.execute(
        "insert into orders(order_id, payment_status, order_status) values "
        "('1','unpaid','pending_payment'), ('2','partial_paid','awaiting_shipment'), "
        "('3','paid','shipped'), ('4','refunded','completed')"
    )
    yield con
    con.close()


def test_every_kind_of_place_is_scanned(layout):
    kinds = {(p.kind, p.location.split("/")[-1]) for p in collect_places(**layout)}
    assert ("semantic_model", "orders.yml:semantic_models[orders].measures[paid_gmv].expr") in kinds
    assert ("semantic_model", "orders.yml:metrics[unpaid_orders].filter") in kinds
    assert ("allocation_rule", "alloc.yml:rules[freight_by_weight].when") in kinds
    assert ("notebook", "x.ipynb:code cell 1, line 2") in kinds
    assert ("notebook", "x.ipynb:code cell 2, line 2") in kinds
    assert ("sql_file", "extra.sql:statement 2") in kinds
    assert ("automation", "auto_cancel.sql") in kinds
    assert any(k == "health_check" for k, _ in kinds)
    # The reconciliation matcher's SQL steps compare payment_status and bill_type to literals.
    assert any(k == "reconciliation_step" and loc.startswith("18_bills.sql") for k, loc in kinds)


def test_matrix_lists_unhandled_values_per_place(layout, small_con):
    report = impact_matrix(small_con, "payment_status", **layout)
    rows = {r.location.split("/")[-1]: r for r in report.matrix.itertuples(index=False)}
    assert report.values["payment_status"] == ["paid", "partial_paid", "refunded", "unpaid"]
    auto = rows["auto_cancel.sql"]
    assert auto.handled == ["unpaid"] and "partial_paid" in auto.unhandled
    assert auto.risk == "high" and "partial_paid~unpaid" in auto.variants
    metric = rows["orders.yml:metrics[unpaid_orders].filter"]
    assert metric.unhandled == ["paid", "partial_paid", "refunded"] and metric.risk == "medium"
    rule = rows["alloc.yml:rules[freight_by_weight].when"]
    assert rule.op == "!=" and rule.effect.startswith("included")
    assert rows["x.ipynb:code cell 2, line 2"].handled == ["refunded"]
    assert "extra.sql:statement 2" not in rows  # compares order_status, not payment_status
    assert set(report.flagged("partial_paid")["location"]) >= {
        "lab/impact/examples/auto_cancel.sql"
    }
    pivot = report.pivot()
    assert (
        pivot.loc[("payment_status", "partial_paid"), "lab/impact/examples/auto_cancel.sql"]
        == "excluded"
    )
    assert (
        pivot.loc[("payment_status", "unpaid"), "lab/impact/examples/auto_cancel.sql"] == "handled"
    )
    text = format_report(report)
    assert "[HIGH] automation lab/impact/examples/auto_cancel.sql" in text


def test_new_value_without_data(layout):
    report = impact_matrix(None, "payment_status", new_values=["deposit_paid"], **layout)
    auto = report.flagged("deposit_paid")
    assert len(auto) == len(report.matrix)  # nobody handles a value that does not exist yet
    assert (report.matrix["new_values_unhandled"].map(list) == [["deposit_paid"]] * len(auto)).all()


def test_all_categorical_columns(layout, small_con):
    report = impact_matrix(small_con, None, **layout)
    assert {"payment_status", "order_status"} <= set(report.columns)


def test_unknown_column_is_a_clear_error(small_con):
    with pytest.raises(ImpactError, match="not a categorical"):
        impact_matrix(small_con, "no_such_column")
    with pytest.raises(ImpactError, match="does not exist"):
        impact_matrix(small_con, "payment_status", sql_files=["/nonexistent.sql"])


def test_cli_impact(tmp_path, layout):
    from lab.cli import cli

    db = tmp_path / "w.duckdb"
    con = connect(db)
    ensure_schema(con)
    con.execute(
        "insert into orders(order_id, payment_status) values ('1','unpaid'), ('2','partial_paid')"
    )
    con.close()
    result = CliRunner().invoke(
        cli, ["impact", "payment_status", "--db", str(db), "--new-value", "deposit_paid",
              "--sql", str(layout["sql_files"][0]), "--json"],
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    auto = next(r for r in data["rows"] if r["location"].endswith("auto_cancel.sql"))
    assert auto["unhandled"] == ["partial_paid", "deposit_paid"]
    assert any(r["location"].endswith("extra.sql:statement 1") for r in data["rows"])


def test_demo_warehouse_flags_partial_paid_against_auto_cancel(demo_con):
    report = impact_matrix(demo_con, "payment_status")
    assert "partial_paid" in report.values["payment_status"]
    flagged = report.flagged("partial_paid")
    auto = flagged[flagged["location"] == "lab/impact/examples/auto_cancel.sql"]
    assert len(auto) == 1 and auto.iloc[0]["risk"] == "high"
    print(format_report(report))
