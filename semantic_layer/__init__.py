"""OrderLens semantic layer: dbt semantic-layer YAML → fan-out-safe SQL in any dialect.

Public API (other packages depend on exactly these names):

* :func:`load_model` — read and validate a model directory (None = the built-in model);
* :func:`compile_query` — a :class:`SemanticQuery` to a :class:`CompiledQuery` (SQL + tree);
* :func:`query` — compile and run on the DuckDB warehouse, returning a :class:`QueryResult`;
* :func:`build_catalog` — metrics, dimensions, entities, values and synonyms for NL engines.

>>> from semantic_layer import load_model, compile_query, SemanticQuery
>>> q = SemanticQuery(metrics=["gmv", "return_count"], group_by=["order__channel"])
>>> sql = compile_query(load_model(), q).sql  # each metric aggregated on its own table
>>> "agg_orders" in sql and "agg_returns" in sql
True
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from semantic_layer.catalog import (
    Catalog,
    CatalogDimension,
    CatalogEntity,
    CatalogMetric,
    CatalogRole,
    CatalogSavedQuery,
)
from semantic_layer.catalog_builder import build_catalog
from semantic_layer.compiler import DIALECTS, CompiledQuery, compile_query
from semantic_layer.errors import (
    CompileError,
    GrainTooFineError,
    ModelLoadError,
    ModelValidationError,
    PeriodsNeededError,
    QueryError,
    SemanticLayerError,
    UnknownDimensionError,
    UnknownMetricError,
)
from semantic_layer.model import SemanticModel
from semantic_layer.query import (
    DimensionFilter,
    MetricThreshold,
    OrderBy,
    SemanticQuery,
    TimeRange,
)

__all__ = [
    "BUILTIN_MODEL_DIR",
    "DIALECTS",
    "Catalog",
    "CatalogDimension",
    "CatalogEntity",
    "CatalogMetric",
    "CatalogRole",
    "CatalogSavedQuery",
    "CompileError",
    "CompiledQuery",
    "DimensionFilter",
    "GrainTooFineError",
    "MetricThreshold",
    "ModelLoadError",
    "ModelValidationError",
    "OrderBy",
    "PeriodsNeededError",
    "QueryError",
    "QueryResult",
    "SemanticLayerError",
    "SemanticModel",
    "SemanticQuery",
    "TimeRange",
    "UnknownDimensionError",
    "UnknownMetricError",
    "build_catalog",
    "compile_query",
    "load_model",
    "query",
]

# importing the submodule ``semantic_layer.query`` (SemanticQuery) above bound that module to
# the name ``query``; the public ``query`` is the function, resolved on first use below
globals().pop("query", None)

if TYPE_CHECKING:
    from semantic_layer.execute import QueryResult, query
    from semantic_layer.loader import BUILTIN_MODEL_DIR, load_model

#: names imported on first use: the YAML loader and its dbt-semantic-interfaces validators
#: (~0.1 s of a cold start) are not needed by a process whose model comes from the on-disk
#: cache (``nl2sql.startup_cache``)
_LAZY = {
    "QueryResult": "semantic_layer.execute",
    "query": "semantic_layer.execute",
    "BUILTIN_MODEL_DIR": "semantic_layer.loader",
    "load_model": "semantic_layer.loader",
}


def __getattr__(name: str) -> Any:
    """Import a :data:`_LAZY` name on first access (PEP 562) and keep it as a global."""
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'semantic_layer' has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value
