"""Compile semantic queries with MetricFlow (run with the python of a separate venv).

Why a separate process and venv: MetricFlow pins its own semantic-interfaces fork and
dependencies that OrderLens does not need at runtime; the cross-check test
(tests/test_semantic_metricflow.py) installs ``metricflow`` into a cached venv and sends this
script, on stdin, one JSON object::

    {"manifest": <dbt semantic manifest>, "time_spine": {"schema", "table", "column"},
     "queries": [{"id", "metrics", "group_by", "where", "start", "end", "saved_query"}]}

and reads one JSON list back: ``{"id", "sql", "ms"}`` (MetricFlow's ``explain`` SQL for DuckDB
and its compile time) or ``{"id", "error"}`` when MetricFlow refuses the query. Nothing is
executed here: the test runs both compilers' SQL on the same DuckDB warehouse.
"""

from __future__ import annotations

import datetime
import json
import sys
import time
from typing import Any


def _engine(manifest: dict[str, Any], spine: dict[str, str]) -> Any:
    from metricflow.engine.metricflow_engine import MetricFlowEngine
    from metricflow.protocols.sql_client import SqlEngine
    from metricflow.sql.render.duckdb_renderer import DuckDbSqlPlanRenderer
    from metricflow_semantic_interfaces.implementations.node_relation import (
        PydanticNodeRelation,
    )
    from metricflow_semantic_interfaces.implementations.semantic_manifest import (
        PydanticSemanticManifest,
    )
    from metricflow_semantic_interfaces.implementations.time_spine import (
        PydanticTimeSpine,
        PydanticTimeSpinePrimaryColumn,
    )
    from metricflow_semantic_interfaces.type_enums import TimeGranularity
    from metricflow_semantics.model.semantic_manifest_lookup import SemanticManifestLookup

    class ExplainOnlyClient:
        """A SqlClient that only names the engine: ``explain`` never runs SQL."""

        sql_engine_type = SqlEngine.DUCKDB
        sql_plan_renderer = DuckDbSqlPlanRenderer()

        def query(self, *args: Any, **kwargs: Any) -> Any:
            raise RuntimeError("the bridge only explains; the test runs the SQL")

        execute = dry_run = query

        def close(self) -> None:
            return None

        def render_bind_parameter_key(self, key: str) -> str:
            return f"${key}"

    parsed = PydanticSemanticManifest.parse_obj(manifest)
    if not parsed.project_configuration.time_spines:
        parsed.project_configuration.time_spines = [
            PydanticTimeSpine(
                node_relation=PydanticNodeRelation(
                    alias=spine["table"], schema_name=spine["schema"]
                ),
                primary_column=PydanticTimeSpinePrimaryColumn(
                    name=spine["column"], time_granularity=TimeGranularity.DAY
                ),
            )
        ]
    return MetricFlowEngine(SemanticManifestLookup(parsed), ExplainOnlyClient())


def _day(iso: str | None, shift: int = 0) -> datetime.datetime | None:
    if not iso:
        return None
    return datetime.datetime.fromisoformat(iso) + datetime.timedelta(days=shift)


def main() -> None:
    from metricflow.engine.metricflow_engine import MetricFlowQueryRequest

    request = json.load(sys.stdin)
    engine = _engine(request["manifest"], request["time_spine"])
    out = []
    for q in request["queries"]:
        start = time.perf_counter()
        try:
            mf_request = MetricFlowQueryRequest.create(
                saved_query_name=q.get("saved_query"),
                metric_names=q.get("metrics") if not q.get("saved_query") else None,
                group_by_names=q.get("group_by") if not q.get("saved_query") else None,
                where_constraints=q.get("where") or None,
                # OrderLens's time_range end is exclusive, MetricFlow's inclusive: the day before
                time_constraint_start=_day(q.get("start")),
                time_constraint_end=_day(q.get("end"), -1),
            )
            sql = engine.explain(mf_request).sql_statement.sql
            out.append({"id": q["id"], "sql": sql, "ms": (time.perf_counter() - start) * 1000})
        except Exception as exc:  # MetricFlow refuses: recorded, compared nowhere
            first = str(exc).strip().splitlines()[0] if str(exc).strip() else ""
            out.append({"id": q["id"], "error": f"{type(exc).__name__}: {first}"[:300]})
    json.dump(out, sys.stdout)


if __name__ == "__main__":
    main()
