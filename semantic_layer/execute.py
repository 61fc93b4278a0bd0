"""Running a semantic query on the DuckDB warehouse and returning a pandas DataFrame."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pandas as pd

from connectors.warehouse import connect
from semantic_layer.compiler import CompiledQuery, compile_query
from semantic_layer.errors import QueryError
from semantic_layer.loader import load_model
from semantic_layer.model import SemanticModel
from semantic_layer.query import SemanticQuery
from semantic_layer.rehome import rehome


@dataclass
class QueryResult:
    """A query's compiled SQL and its rows."""

    compiled: CompiledQuery
    df: pd.DataFrame

    @property
    def sql(self) -> str:
        """The SQL that ran (DuckDB dialect)."""
        return self.compiled.sql


def _model(model: SemanticModel | str | Path | None) -> SemanticModel:
    if isinstance(model, SemanticModel):
        return model
    return _builtin() if model is None else load_model(model)


_BUILTIN: list[SemanticModel] = []


def _builtin() -> SemanticModel:
    """The built-in model, loaded once per process (it is immutable after loading)."""
    if not _BUILTIN:
        _BUILTIN.append(load_model())
    return _BUILTIN[0]


def query(
    query: SemanticQuery | None = None,
    model: SemanticModel | str | Path | None = None,
    db: str | Path | None = None,
    *,
    con: Any = None,
    saved_query: str | None = None,
    **kwargs: Any,
) -> QueryResult:
    """Compile and run a semantic query (``query(metrics=[...], group_by=[...])`` also works).

    ``saved_query`` runs one of the model's dbt ``saved_queries`` by name (keyword arguments
    then override its parts, e.g. ``limit=5``). The warehouse is opened read-only (``db`` or
    the default path) unless ``con`` is given.

    A model of the user's own is read where this warehouse holds its relations
    (``semantic_layer.rehome``, the ``built_relation`` that ``validate`` uses): a dbt project
    that overrides ``generate_schema_name`` builds ``+schema: core`` into ``core``, and a model
    loaded without a connection names dbt's default ``main_core``.
    """
    sem = _model(model)
    if saved_query is not None:
        if query is not None:
            raise QueryError("pass either a query or saved_query=..., not both")
        query = sem.saved_query(saved_query)
    if query is None:
        query = SemanticQuery(**kwargs)
    elif kwargs:
        query = query.model_copy(update=kwargs)
    own = con is None
    con = connect(db, read_only=True) if own else con
    try:
        if sem.path is not None:
            sem = rehome(sem, con)
        compiled = compile_query(sem, query, dialect="duckdb")
        df = con.execute(compiled.sql).df()
    finally:
        if own:
            con.close()
    df.columns = compiled.columns
    return QueryResult(compiled=compiled, df=df)
