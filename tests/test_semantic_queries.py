"""Semantic queries over the demo warehouse equal hand-written SQL (table-driven), plus the
fan-out property: an additive metric summed over any group-by equals its total."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from semantic_layer import SemanticQuery, load_model, query
from tests.semantic_helpers import assert_same, df_rows

CASES = yaml.safe_load((Path(__file__).parent / "fixtures/semantic/demo_cases.yml").read_text())[
    "cases"
]


@pytest.fixture(scope="module")
def model():
    return load_model()


def test_case_table_is_large_enough():
    assert len(CASES) >= 50
    assert len({c["id"] for c in CASES}) == len(CASES)


@pytest.mark.parametrize("case", CASES, ids=[c["id"] for c in CASES])
def test_semantic_query_matches_hand_written_sql(case, model, demo_con):
    q = SemanticQuery(**case["query"])
    res = query(q, model=model, con=demo_con)
    assert list(res.df.columns) == [*q.group_by, *q.metrics]
    want = demo_con.execute(case["sql"]).fetchall()
    assert want, "gold SQL returned nothing: the case would prove nothing"
    assert_same(df_rows(res.df), want, ordered=bool(q.order_by))


# ---- fan-out safety property ----------------------------------------------------------------
ADDITIVE = {
    "gmv": "orders", "order_count": "orders", "units_sold": "order_lines", "line_sales": "order_lines",
    "returned_units": "returns", "refund_amount": "returns", "freight_cost": "shipments",
    "interactions": "service_interactions", "tracking_event_count": "tracking_events",
}  # fmt: skip
FILTERS = [
    [],
    ["{{ Dimension('order__channel') }} = 'jd'"],
    ["{{ Dimension('customer__tier') }} IN ('VIP', 'gold')"],
    ["{{ TimeDimension('metric_time', 'month') }} >= '2026-03-01'"],
]


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(data=st.data())
def test_additive_metric_sums_to_total_over_any_group_by(data, model, demo_con):
    from semantic_layer.catalog_builder import metric_dimensions

    metric = data.draw(st.sampled_from(sorted(ADDITIVE)))
    dims = [d for d in metric_dimensions(model, metric) if d != "metric_time"]
    dims = [d for d in dims if not d.endswith(("_at", "_date")) and "__" in d] + [
        "metric_time__month"
    ]
    group_by = data.draw(st.lists(st.sampled_from(dims), min_size=1, max_size=2, unique=True))
    usable = [
        f for f in FILTERS if all(ref in dims or ref.startswith("metric_time") for ref in _refs(f))
    ]
    where = data.draw(st.sampled_from(usable))
    total = query(SemanticQuery(metrics=[metric], where=where), model=model, con=demo_con).df
    split = query(
        SemanticQuery(metrics=[metric], group_by=group_by, where=where), model=model, con=demo_con
    ).df
    t = float(total[metric].fillna(0).iloc[0])
    s = float(split[metric].fillna(0).sum())
    assert s == pytest.approx(t, rel=1e-9, abs=1e-6), (metric, group_by, where)


def _refs(filters: list[str]) -> list[str]:
    import re

    return [m for f in filters for m in re.findall(r"'([a-z_]+__[a-z_]+)'", f)]
