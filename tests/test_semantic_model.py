"""Loader, validation errors, dialects and catalog of the semantic layer; a TPC-H-style model
(written twice: dbt's standalone spec and its newer spec) it has never seen."""

from __future__ import annotations

import shutil
from pathlib import Path

import duckdb
import pytest
import sqlglot
import yaml

from connectors.schema import TABLES
from semantic_layer import (
    BUILTIN_MODEL_DIR,
    DIALECTS,
    ModelValidationError,
    QueryError,
    SemanticLayerError,
    SemanticQuery,
    UnknownMetricError,
    build_catalog,
    compile_query,
    load_model,
    query,
)
from tests.semantic_helpers import assert_same, df_rows

# the canonical warehouse schema, passed in: the loader itself knows no warehouse
CANONICAL = {name: t.column_names for name, t in TABLES.items()}

FIX = Path(__file__).parent / "fixtures" / "semantic"
DEMO_CASES = yaml.safe_load((FIX / "demo_cases.yml").read_text())["cases"]
TPCH_CASES = yaml.safe_load((FIX / "tpch_cases.yml").read_text())["cases"]


@pytest.fixture(scope="module")
def model():
    return load_model()


@pytest.fixture(scope="module")
def tpch_con():
    con = duckdb.connect(":memory:")
    con.execute((FIX / "tpch_data.sql").read_text())
    yield con
    con.close()


# ---- built-in model ---------------------------------------------------------------------------
def test_builtin_model_has_the_promised_metrics(model):
    visible = [m for m in model.metrics.values() if not m.hidden]
    assert len(visible) >= 35
    for name in ["gmv", "paid_amount", "order_count", "average_order_value", "discount_rate",
                 "return_rate", "return_rate_by_order", "refund_amount", "repurchase_rate",
                 "on_time_delivery_rate", "outbound_to_pickup_delay_hours", "delivery_time_days",
                 "shipped_not_picked_up_count", "courier_exception_rate", "status_sync_delay_minutes",
                 "status_disagreement_rate", "id_consistency_rate", "bank_inflow", "matched_amount",
                 "unmatched_amount", "reconciliation_automation_rate", "platform_fees",
                 "allocation_difference", "freight_cost_per_unit", "freight_index_price",
                 "self_service_resolution_rate", "expected_saving"]:  # fmt: skip
        assert name in model.metrics, name
    for m in visible:
        assert m.label and m.description, m.name
        syn = m.meta.get("synonyms") or []
        assert any(any("\u4e00" <= ch <= "\u9fff" for ch in s) for s in syn), (
            f"{m.name}: no Chinese synonym"
        )
        assert any(s.isascii() for s in syn), f"{m.name}: no English synonym"


@pytest.mark.parametrize("dialect", DIALECTS)
def test_every_dialect_parses_back(model, dialect):
    for case in DEMO_CASES:
        compiled = compile_query(model, SemanticQuery(**case["query"]), dialect=dialect)
        tree = sqlglot.parse_one(compiled.sql, read=dialect)
        assert tree.find(sqlglot.exp.Select) is not None, case["id"]


def test_spark_sql_uses_spark_syntax(model):
    sql = compile_query(
        model,
        SemanticQuery(metrics=["gmv"], group_by=["metric_time__month", "order__channel"]),
        "spark",
    ).sql
    assert "DATE_TRUNC('MONTH'" in sql and "GROUP BY" in sql


def test_fan_out_each_model_aggregated_in_its_own_cte(model):
    c = compile_query(
        model, SemanticQuery(metrics=["gmv", "return_count"], group_by=["order__channel"])
    )
    ctes = {cte.alias for cte in c.expression.find_all(sqlglot.exp.CTE)}
    assert {"agg_orders", "agg_returns"} <= ctes
    # combined through the union of their keys (full-outer semantics every dialect runs)
    assert "query_keys AS (SELECT order__channel FROM agg_orders UNION SELECT" in c.sql
    assert "LEFT JOIN agg_returns ON query_keys.order__channel IS NOT DISTINCT FROM" in c.sql
    assert c.columns == ["order__channel", "gmv", "return_count"]


def test_unknown_metric_suggests(model):
    with pytest.raises(UnknownMetricError, match=r"did you mean.*return_rate"):
        compile_query(model, SemanticQuery(metrics=["retrun_rate"]))


def test_unreachable_dimension_is_refused(model):
    with pytest.raises(QueryError, match="cannot be reached from semantic model `orders`"):
        compile_query(model, SemanticQuery(metrics=["gmv"], group_by=["sku__category"]))


def test_where_cannot_name_raw_columns(model):
    with pytest.raises(QueryError, match="names column `channel` directly"):
        compile_query(model, SemanticQuery(metrics=["gmv"], where=["channel = 'jd'"]))
    with pytest.raises(QueryError, match="plain SQL expression"):
        compile_query(
            model,
            SemanticQuery(
                metrics=["gmv"], where=["{{ Dimension('order__channel') }} IN (SELECT 1)"]
            ),
        )


def test_query_kwargs_shortcut(demo_db):
    res = query(metrics=["order_count"], group_by=["order__channel"], db=demo_db)
    assert res.df["order_count"].sum() == 3000
    assert "agg_orders" in res.sql and res.compiled.columns == ["order__channel", "order_count"]


# ---- catalog -------------------------------------------------------------------------------------
def test_catalog_names_synonyms_and_values(model, demo_con):
    cat = build_catalog(model, con=demo_con)
    rr = cat.metric("return_rate")
    assert rr.value_format == "percent" and "退货率" in rr.synonyms and "sku" in rr.dimensions
    assert cat.metric("gmv").value_format == "currency"
    ch = cat.dimension("order__channel")
    assert set(ch.values) == {"taobao", "tmall", "jd", "miniprogram", "pos"}
    assert "京东" in ch.value_synonyms["jd"] and "渠道" in ch.synonyms
    assert "大客户" in cat.dimension("customer__tier").value_synonyms["VIP"]
    assert "德国" in cat.dimension("order__destination_country").value_synonyms["DE"]
    assert len(cat.dimension("sku__category").values) >= 5
    assert (
        cat.dimension("customer__city").values == ()
        or len(cat.dimension("customer__city").values) <= 50
    )
    sku = next(e for e in cat.entities if e.name == "sku")
    assert "商品" in sku.synonyms and "单品" in sku.synonyms
    assert any("退货率" in q for q in cat.example_questions)


# ---- broken models give the promised errors --------------------------------------------------------
@pytest.fixture()
def model_copy(tmp_path):
    dst = tmp_path / "model"
    shutil.copytree(BUILTIN_MODEL_DIR, dst)
    return dst


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text()
    assert old in text
    path.write_text(text.replace(old, new, 1))


def test_typo_in_column_names_file_element_and_fix(model_copy):
    _edit(model_copy / "sales.yml", "expr: goods_amount", "expr: goods_amont")
    with pytest.raises(ModelValidationError) as err:
        load_model(model_copy, known_tables=CANONICAL)
    msg = str(err.value)
    assert "sales.yml" in msg and "`gmv` of semantic model `orders`" in msg
    assert (
        "column `goods_amont` does not exist in table `orders`" in msg
        and "did you mean `goods_amount`" in msg
    )


def test_typo_in_measure_reference(model_copy):
    _edit(
        model_copy / "returns.yml",
        "type_params: {measure: refund_amount}",
        "type_params: {measure: refund_amout}",
    )
    with pytest.raises(
        ModelValidationError,
        match=r"returns.yml:\d+: metric `refund_amount`: unknown measure `refund_amout`.*did you mean `refund_amount`",
    ):
        load_model(model_copy)


def test_typo_in_ratio_input_and_table(model_copy):
    _edit(
        model_copy / "fulfilment.yml",
        "numerator: on_time_deliveries",
        "numerator: on_time_delivery",
    )
    _edit(model_copy / "fulfilment.yml", "model: ref('shipments')", "model: ref('shipment')")
    with pytest.raises(ModelValidationError) as err:
        load_model(model_copy, known_tables=CANONICAL)
    assert len(err.value.issues) == 2
    assert "numerator `on_time_delivery` is not a metric" in str(err.value)
    assert "`ref('shipment')` names no warehouse table. Fix: did you mean `shipments`?" in str(
        err.value
    )


def test_yaml_syntax_error_and_bad_synonyms(model_copy):
    (model_copy / "broken.yml").write_text("metrics:\n  - name: x\n   type: simple\n")
    _edit(
        model_copy / "service.yml",
        "synonyms: [contact time, 咨询时间, 进线时间]",
        "synonyms: contact time",
    )
    with pytest.raises(ModelValidationError) as err:
        load_model(model_copy)
    msg = str(err.value)
    assert "broken.yml:3: YAML" in msg and "fix the YAML syntax" in msg
    assert "`contacted_at` of `service_interactions`: `config.meta.synonyms` must be a list" in msg


def test_dsi_validation_errors_are_reported_with_the_file(model_copy):
    _edit(model_copy / "service.yml", "  - name: wismo_contacts\n", "  - name: Wismo__contacts\n")
    with pytest.raises(
        SemanticLayerError, match=r"service.yml:\d+: metric `Wismo__contacts`.*Invalid name"
    ):
        load_model(model_copy)


def test_bad_dimension_reference_in_a_metric_filter(model_copy):
    _edit(
        model_copy / "service.yml",
        "Dimension('interaction__intent')",
        "Dimension('interaction__intnet')",
    )
    # dbt parses it and MetricFlow fails only that metric: it is left out, the warning names
    # the typo and its fix (semantic_layer/broken_metrics.py); every other metric still loads
    warnings: list = []
    model = load_model(model_copy, warnings=warnings)
    assert "wismo_contacts" not in model.metrics and "gmv" in model.metrics
    (w,) = [w for w in warnings if w.element == "metric `wismo_contacts`"]
    assert "unknown dimension `interaction__intnet`; did you mean interaction__intent" in w.message


# ---- a model it has never seen, in both dbt spellings -------------------------------------------------
@pytest.mark.parametrize("spec", ["tpch_legacy", "tpch_newer"])
@pytest.mark.parametrize("case", TPCH_CASES, ids=[c["id"] for c in TPCH_CASES])
def test_tpch_model_cases(spec, case, tpch_con):
    m = load_model(FIX / spec, con=tpch_con)
    q = SemanticQuery(**case["query"])
    res = query(q, model=m, con=tpch_con)
    want = tpch_con.execute(case["sql"]).fetchall()
    assert want
    assert_same(df_rows(res.df), want, ordered=False)


def test_both_specs_load_to_the_same_model(tpch_con):
    a = load_model(FIX / "tpch_legacy", con=tpch_con)
    b = load_model(FIX / "tpch_newer", con=tpch_con)
    names = lambda m: sorted(n for n, x in m.metrics.items() if not x.hidden)  # noqa: E731
    assert names(a) == names(b)
    assert {m: a.metrics[m].type for m in names(a)} == {m: b.metrics[m].type for m in names(b)}
    assert sorted(a.nodes) == sorted(b.nodes)
    cat = build_catalog(b, con=tpch_con)
    assert cat.dimension("order__order_priority").values == ("1-URGENT", "2-HIGH", "3-MEDIUM")


def test_tpch_model_loads_without_a_warehouse():
    m = load_model(FIX / "tpch_newer")
    assert "revenue_per_order" in m.metrics
    sql = compile_query(
        m, SemanticQuery(metrics=["revenue"], group_by=["region__region_name"]), "trino"
    ).sql
    assert sql.count("LEFT JOIN") == 4  # lineitem → orders → customer → nation → region


def test_saved_query_round_trip(model, demo_con):
    q = model.saved_query("monthly_sales_by_channel")
    assert q.group_by == ["metric_time__month", "order__channel"]
    df = query(q, model=model, con=demo_con).df
    want = demo_con.execute("select count(*) from orders").fetchone()[0]
    assert int(df["order_count"].sum()) == want
