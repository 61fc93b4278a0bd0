"""A model read back from the startup cache (dbt objects frozen) behaves as the loaded one.

Why: the cache stores dbt-semantic-interfaces' pydantic objects as ``semantic_layer.frozen``
snapshots so a cold question imports none of their classes; every reader of those objects (the
compiler, the catalog, measure facts, saved queries, ``manifest.json()``) must see the same
thing. Checked on models of different domains: orders (built-in), web analytics (dbt_funnel),
flights, a bookshop and TPC-H (saved queries, a legacy time spine).
"""

from __future__ import annotations

import pickle
from pathlib import Path
from typing import Any

import duckdb
import pytest

from semantic_layer import SemanticQuery, compile_query, frozen, load_model
from semantic_layer.catalog_builder import build_catalog
from semantic_layer.errors import SemanticLayerError
from semantic_layer.measure_facts import measure_facts

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "semantic"
MODELS = [None, "dbt_funnel", "flights", "bookshop", "tpch_legacy"]


def _load(name: str | None) -> Any:
    if name is None:
        return load_model()
    if name == "dbt_funnel":
        from tests.test_semantic_funnel import WAREHOUSE_SQL

        con = duckdb.connect()
        con.execute(WAREHOUSE_SQL)
        return load_model(FIXTURES / name, con=con)
    return load_model(FIXTURES / name)


def _compiled(model: Any, query: SemanticQuery) -> str:
    try:
        return compile_query(model, query).sql
    except SemanticLayerError as exc:
        return f"{type(exc).__name__}: {exc}"


@pytest.mark.parametrize("name", MODELS)
def test_a_thawed_model_compiles_and_describes_as_the_loaded_one(name: str | None) -> None:
    model = _load(name)
    cached = pickle.loads(frozen.dumps(model))
    some = next(iter(cached.metrics.values()))
    assert type(some.pydantic).__name__ == "Frozen"  # stored without its class
    for metric in sorted(model.metrics):
        for group_by in ([], ["metric_time__month"]):
            query = SemanticQuery(metrics=[metric], group_by=group_by)
            assert _compiled(cached, query) == _compiled(model, query), (metric, group_by)
        assert measure_facts(cached, cached.metrics[metric]) == measure_facts(
            model, model.metrics[metric]
        )
        assert cached.metrics[metric].filters == model.metrics[metric].filters
    assert build_catalog(cached) == build_catalog(model)
    for saved in model.saved_queries:
        assert cached.saved_query(saved) == model.saved_query(saved)
    assert cached.manifest.json() == model.manifest.json()  # a method: the real object answers
