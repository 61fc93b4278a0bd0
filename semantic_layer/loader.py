"""Loading a semantic model: read, convert, check, validate with dbt, build.

The steps live in their own modules — :mod:`yaml_reader` (YAML with line numbers, dbt project
discovery), :mod:`dbt_spec` (both dbt specs into pydantic-ready dicts), :mod:`checks` and
:mod:`warehouse_checks` (our checks, as structured :class:`ValidationIssue` objects),
:mod:`build` (runtime objects) — and this module runs them in order.

Loading is all-or-nothing: every error found (YAML syntax, unknown references, columns that
do not exist, dbt-semantic-interfaces validation errors) is collected and raised together in
one :class:`ModelValidationError`, each naming the file, line, element and fix. Warnings never
block a load. One exception, as MetricFlow behaves: a dimension or measure reading a missing
column that nothing needs is left out with a warning (:mod:`semantic_layer.missing_columns`).
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from dbt_semantic_interfaces.implementations.metric import PydanticMetric
from dbt_semantic_interfaces.implementations.node_relation import PydanticNodeRelation
from dbt_semantic_interfaces.implementations.project_configuration import (
    PydanticProjectConfiguration,
)
from dbt_semantic_interfaces.implementations.saved_query import PydanticSavedQuery
from dbt_semantic_interfaces.implementations.semantic_manifest import PydanticSemanticManifest
from dbt_semantic_interfaces.implementations.semantic_model import PydanticSemanticModel
from dbt_semantic_interfaces.implementations.time_spine import (
    PydanticTimeSpine,
    PydanticTimeSpineCustomGranularityColumn,
    PydanticTimeSpinePrimaryColumn,
)
from dbt_semantic_interfaces.transformations.semantic_manifest_transformer import (
    PydanticSemanticManifestTransformer,
)
from dbt_semantic_interfaces.type_enums import TimeGranularity
from dbt_semantic_interfaces.validations.semantic_manifest_validator import (
    SemanticManifestValidator,
)

from connectors.bounded_yaml import read_text_bounded
from semantic_layer.broken_metrics import leave_out_broken_metrics
from semantic_layer.build import build_model
from semantic_layer.checks import (
    check_expressions,
    check_nl_meta,
    check_references,
    check_templates,
)
from semantic_layer.date_keys import read_date_keys
from semantic_layer.dbt_spec import (
    clean,
    collect,
    dimension,
    entity,
    legacy_time_spine,
    measure,
    metadata,
    relation,
)
from semantic_layer.errors import ModelLoadError, ModelValidationError
from semantic_layer.issues import IssueCollector, ValidationIssue
from semantic_layer.lower_names import lower_element_names
from semantic_layer.missing_columns import MissingColumn, settle_missing_columns
from semantic_layer.model import SemanticModel
from semantic_layer.model_size import check_bytes, check_counts, model_limits
from semantic_layer.ratio_measures import read_measure_inputs
from semantic_layer.unparsed_metrics import is_window_problem, leave_out_dependents
from semantic_layer.warehouse_checks import (
    check_tables,
    check_time_spine,
    parse_views,
    read_relation,
    table_columns,
)
from semantic_layer.yaml_reader import (
    DEFAULT_TARGET_SCHEMA,
    LINE,
    DbtProject,
    find_dbt_project,
    read_files,
    strip_lines,
)

BUILTIN_MODEL_DIR = Path(__file__).parent / "models"


def _raise_errors(col: IssueCollector, warnings: list[ValidationIssue] | None) -> None:
    """Raise every error collected so far; hand warnings to the caller's list."""
    if col.errors:
        raise ModelValidationError(list(col.errors))
    if warnings is not None:
        warnings.extend(w for w in col.warnings if w not in warnings)


def _transform_and_validate(
    manifest: PydanticSemanticManifest, root: Path, col: IssueCollector
) -> PydanticSemanticManifest:
    """dbt-semantic-interfaces' transformations, then its validator's errors as our issues."""
    try:
        manifest = PydanticSemanticManifestTransformer.transform(manifest)
    except Exception as exc:
        raise ModelValidationError(
            [f"{root}: dbt transformation failed: {exc}. Fix: check metric inputs"]
        ) from exc
    results = SemanticManifestValidator[PydanticSemanticManifest](
        max_workers=1
    ).validate_semantic_manifest(manifest)
    empty = any(i.message.strip().rstrip(".") in _NOTHING_HERE for i in results.errors)
    for issue in results.errors:
        if empty and issue.message.startswith(_DSI_CRASHED):
            continue  # a rule that crashed on the empty model says nothing more (min() of [])
        file = issue.context.file_context.file_name if issue.context else str(root)
        line = issue.context.file_context.line_number if issue.context else None
        what = (
            issue.context.context_str().split(" in file")[0].replace("with ", "", 1)
            if issue.context
            else "model"
        )
        message = issue.message.strip().rstrip(".")
        col.add(
            file or str(root),
            line,
            what,
            message,
            _NOTHING_HERE_FIX if message in _NOTHING_HERE else _DSI_RULE_FIX,
        )
    return manifest


_DSI_RULE_FIX = "see the dbt semantic-layer docs for this rule"
#: dbt-semantic-interfaces' words for a folder or project without any semantic layer (a dbt
#: project that has none yet, a ``models/`` folder whose semantic YAML lives in another
#: model path): what to point at instead, not "the docs for this rule"
_NOTHING_HERE = ("No semantic models present in the model", "No metrics present in the model")
#: how dbt-semantic-interfaces reports one of its own rules raising (e.g. the time-spine rule's
#: "min() arg is an empty sequence" on a model without metrics): noise beside _NOTHING_HERE
_DSI_CRASHED = "An error occurred while running model validation"
_NOTHING_HERE_FIX = (
    "point at the folder or dbt project whose YAML defines them: `semantic_models:` and "
    "`metrics:`, or `models:` entries with `semantic_model:` (dbt 1.12 / Fusion)"
)


def load_manifest(
    path: Path,
    *,
    con: Any = None,
    known_tables: Mapping[str, Sequence[str]] | None = None,
    warnings: list[ValidationIssue] | None = None,
) -> SemanticModel:
    """A model from dbt's ``target/semantic_manifest.json`` (written by ``dbt parse``).

    The relations are the ones dbt recorded (``node_relation``: schema and alias), so the
    manifest is the most exact description of what dbt built. With ``con``, a relation this
    warehouse holds elsewhere (a manifest parsed in a developer's ``dbt_<name>`` schema, the
    tables copied into ``main``) is read there with a warning, as a dbt project's ``ref()`` is
    (:func:`_where_built`) and as ``ask`` re-reads it (``semantic_layer.rehome``): ``validate``
    used to fail on the pair that ``ask`` answered from.
    """
    col = IssueCollector()
    limits = model_limits()
    check_bytes(path.parent, [path], limits)
    try:
        data = json.loads(read_text_bounded(path, max_bytes=limits.bytes))
        if isinstance(data, dict):  # counted before pydantic builds an object of each
            check_counts(path, data.get("semantic_models") or [], data.get("metrics") or [], limits)
        manifest = PydanticSemanticManifest.parse_obj(data)
    except (OSError, ValueError) as exc:
        raise ModelLoadError(
            f"{path}: not a dbt semantic manifest ({str(exc).splitlines()[0]}); "
            "run `dbt parse` and pass target/semantic_manifest.json"
        ) from exc
    file = str(path)
    origins = {("semantic_model", sm.name): file for sm in manifest.semantic_models}
    origins.update({("metric", m.name): file for m in manifest.metrics})
    tables = {
        sm.name: ".".join(p for p in (sm.node_relation.schema_name, sm.node_relation.alias) if p)
        for sm in manifest.semantic_models
    }
    if con is not None:
        warehouse = table_columns(con)
        tables = {
            name: _where_built(
                rel,
                warehouse,
                DEFAULT_TARGET_SCHEMA,
                file,
                None,
                f"semantic model `{name}`",
                col,
                said=f"dbt's manifest records it as `{rel}`",
            )
            for name, rel in tables.items()
        }
    check_references(manifest.semantic_models, manifest.metrics, origins, col)
    missing: list[MissingColumn] = []
    check_tables(
        manifest.semantic_models,
        tables,
        {},
        origins,
        col,
        con=con,
        known_tables=known_tables,
        missing=missing,
    )
    settle_missing_columns(
        manifest.semantic_models, manifest.metrics, manifest.saved_queries, missing, col
    )
    _raise_errors(col, warnings)
    authored = {ms.name: ms for sm in manifest.semantic_models for ms in sm.measures}
    manifest = _transform_and_validate(manifest, path.parent, col)
    _raise_errors(col, warnings)
    project: dict[str, Any] = {}
    spines = manifest.project_configuration.time_spines
    # the daily spine: MetricFlow's manifests also list sub-daily ones (hour, ..., nanosecond)
    daily = [ts for ts in spines if ts.primary_column.time_granularity == TimeGranularity.DAY]
    for ts in (daily or spines)[:1]:
        rel = ts.node_relation
        project["time_spine"] = {
            "model": rel.alias,
            "column": ts.primary_column.name,
            "custom": {c.name.lower(): c.column_name or c.name for c in ts.custom_granularities},
            "relation": ".".join(p for p in (rel.schema_name, rel.alias) if p),
        }
    legacy = manifest.project_configuration.time_spine_table_configurations
    if "time_spine" not in project and legacy:  # dbt < 1.9: `location` names the relation
        location = legacy[0].location.replace('"', "").split(".")
        project["time_spine"] = {
            "model": location[-1],
            "column": legacy[0].column_name,
            "custom": {},
            "relation": ".".join(location[-2:]),
            "legacy": True,
        }
    spine = project.get("time_spine")
    if spine is not None and con is not None:  # read where the warehouse holds it, as above
        spine["relation"] = _where_built(
            spine["relation"],
            warehouse,
            DEFAULT_TARGET_SCHEMA,
            file,
            None,
            f"time spine `{spine['model']}`",
            col,
            said=f"dbt's manifest records it as `{spine['relation']}`",
        )
        check_time_spine(spine, con, file, col)
    model = build_model(manifest, tables, {}, origins, project, path, authored)
    if con is not None:
        read_date_keys(model, con)
    leave_out_broken_metrics(model, check_templates(model, col), col)
    _raise_errors(col, warnings)
    return model


def _relation_name(model: str, project: DbtProject | None, raw: dict[str, Any]) -> str:
    """``[schema.]table`` that ``ref(model)`` reads: what dbt builds, or the name as written."""
    cfg = raw["model_configs"].get(model) or {}
    if project is not None:
        schema, table = project.relation(model, cfg)
        return f"{schema}.{table}" if schema else table
    return str(cfg.get("alias") or model)


def _where_built(
    rel: str,
    known: dict[str, list[str]],
    target: str,
    file: str,
    line: Any,
    what: str,
    col: Any,
    said: str | None = None,
) -> str:
    """``rel``, or the relation this warehouse holds it under (said in a warning).

    The one resolution for every relation a load reads (semantic models and the time spine):
    ``warehouse_checks.read_relation``, as ``semantic_layer.rehome`` does at question time.
    """
    found = read_relation(rel, known, target)
    if found is None or found == rel:
        return rel
    schema, _, table = found.rpartition(".")
    found = table if schema == target.lower() else found
    said = said or (
        f"dbt's default schema naming builds it as `{rel}`"
        if "." in rel
        else f"no model file here gives `{rel}` a schema"
    )
    col.warn(
        file,
        line,
        what,
        f"{said}; this warehouse has `{found}`, which is read instead",
        "nothing to do if that is the table; otherwise build the project into this warehouse",
    )
    return found


def _pydantic_semantic_model(
    file: str, sm: dict, col: IssueCollector, rel: str
) -> PydanticSemanticModel | None:
    line = sm.get(LINE)
    name = sm.get("name")
    table = sm.pop("__table__", None) or relation(sm.get("model"))
    if table is None:
        col.add(
            file,
            line,
            f"semantic model `{name}`",
            f"`model: {sm.get('model')!r}` is not a ref",
            "write `model: ref('table_name')`",
        )
        return None
    d: dict[str, Any] = clean(sm, ("name", "description", "label", "primary_entity", "defaults"))
    schema, _, alias = rel.rpartition(".")
    schema = schema or "main"
    d["node_relation"] = {
        "alias": alias,
        "schema_name": schema,
        "relation_name": f"{schema}.{alias}",
    }
    d["entities"] = [e if "__line__" not in e else entity(e) for e in sm.get("entities") or []]
    d["dimensions"] = [
        x if "__line__" not in x else dimension(x) for x in sm.get("dimensions") or []
    ]
    d["measures"] = [x if "__line__" not in x else measure(x) for x in sm.get("measures") or []]
    d["metadata"] = metadata(file, line)
    try:
        return PydanticSemanticModel.parse_obj(d)
    except Exception as exc:  # pydantic's own validation error: keep its field path
        col.add(
            file,
            line,
            f"semantic model `{name}`",
            _first_lines(exc),
            "use the dbt keys and value types shown in docs/semantic_layer.md",
        )
        return None


def _pydantic_time_spine(spine: dict[str, Any]) -> PydanticTimeSpine:
    schema, _, table = spine["relation"].rpartition(".")
    return PydanticTimeSpine(
        node_relation=PydanticNodeRelation(
            alias=table, schema_name=schema or "main", relation_name=f"{schema or 'main'}.{table}"
        ),
        primary_column=PydanticTimeSpinePrimaryColumn(
            name=spine["column"], time_granularity=TimeGranularity.DAY
        ),
        custom_granularities=[
            PydanticTimeSpineCustomGranularityColumn(name=name, column_name=column)
            for name, column in spine["custom"].items()
        ],
    )


def _saved_queries(
    raw: list[tuple[str, dict]], origins: dict[tuple[str, str], str], col: IssueCollector
) -> list[PydanticSavedQuery]:
    """dbt ``saved_queries:`` entries as pydantic objects (``exports`` and ``config`` kept)."""
    saved: list[PydanticSavedQuery] = []
    for file, sq in raw:
        try:
            sqd = strip_lines(sq)
            qp = sqd.get("query_params") or {}
            if isinstance(qp.get("where"), str):
                qp["where"] = [qp["where"]]
            sqd["metadata"] = metadata(file, sq.get(LINE))
            saved.append(PydanticSavedQuery.parse_obj(sqd))
            origins[("saved_query", sqd.get("name"))] = file
        except Exception as exc:
            col.add(
                file,
                sq.get(LINE),
                f"saved query `{sq.get('name')}`",
                _first_lines(exc),
                "give it `name` and `query_params: {metrics: [...], group_by: [...]}`",
            )
    return saved


def _first_lines(exc: Exception, n: int = 3) -> str:
    return " ".join(str(exc).split("\n")[:n]).strip()


def load_model(
    path: str | Path | None = None,
    *,
    con: Any = None,
    check_warehouse: bool = True,
    known_tables: Mapping[str, Sequence[str]] | None = None,
    warnings: list[ValidationIssue] | None = None,
) -> SemanticModel:
    """Load and validate a model (None = the built-in model).

    ``path`` is a folder of YAML, a dbt project directory (``dbt_project.yml``: YAML under its
    model paths, ``ref()`` resolved to the relations dbt builds) or dbt's
    ``target/semantic_manifest.json``. ``con`` (a DuckDB connection) or ``known_tables``
    (``{table: [columns]}``) makes the loader also check every table and column; without
    either, tables are trusted (``orderlens validate --db`` checks them). Warnings (keys dbt
    accepts that OrderLens does not use) are appended to ``warnings`` when a list is given.

    >>> m = load_model()
    >>> "gmv" in m.metrics and m.metric("return_rate").type
    'ratio'
    """
    root = Path(path) if path is not None else BUILTIN_MODEL_DIR
    if root.is_file() and root.suffix == ".json":
        return load_manifest(
            root,
            con=con if check_warehouse else None,
            known_tables=known_tables if check_warehouse else None,
            warnings=warnings,
        )
    col = IssueCollector()
    project = find_dbt_project(root)
    docs, views = read_files(root, col, project)
    raw = collect(docs, col)
    check_counts(root, [sm for _, sm in raw["semantic_models"]], raw["metrics"], model_limits())
    lower_element_names(raw["semantic_models"], raw["metrics"])
    check_expressions(raw["semantic_models"], col)
    origins: dict[tuple[str, str], str] = {}

    sms: list[PydanticSemanticModel] = []
    tables: dict[str, str] = {}
    # a dbt project's relations are looked up where this warehouse holds them (_where_built)
    found = project is not None and con is not None and check_warehouse
    warehouse = table_columns(con) if found else None
    for file, sm in raw["semantic_models"]:
        name = sm.get("name")
        if ("semantic_model", name) in origins:
            col.add(
                file,
                sm.get(LINE),
                f"semantic model `{name}`",
                f"is also defined in {origins[('semantic_model', name)]}",
                "rename one of them",
            )
            continue
        origins[("semantic_model", name)] = file
        model_name = sm.get("__table__") or relation(sm.get("model"))
        rel = sm.pop("__relation__", None) or (
            _relation_name(model_name, project, raw) if model_name else ""
        )
        if project is not None and warehouse is not None and rel:
            what = f"semantic model `{sm.get('name')}`"
            rel = _where_built(rel, warehouse, project.target_schema, file, sm.get(LINE), what, col)
        p = _pydantic_semantic_model(file, sm, col, rel)
        if p is not None:
            sms.append(p)
            tables[p.name] = rel
    # newer-spec simple metrics carry their measures on the model dict; attach orphans' errors
    metrics: list[PydanticMetric] = []
    unparsed: dict[str, tuple[str, int | None, str]] = {}
    for file, md in raw["metrics"]:
        name = md.get("name")
        line = md.pop("__line__", None)
        md.pop("__orphan__", None)
        if md.pop("__hidden__", False):
            raw["project"].setdefault("hidden_metrics", []).append(name)
        if ("metric", name) in origins:
            col.add(
                file,
                line,
                f"metric `{name}`",
                f"is also defined in {origins[('metric', name)]}",
                "rename one of them",
            )
            continue
        origins[("metric", name)] = file
        md["metadata"] = metadata(file, line)
        try:
            metrics.append(PydanticMetric.parse_obj(md))
        except Exception as exc:
            if is_window_problem(exc):  # left out with what is computed from it, not the model
                unparsed[name] = (file, line, _first_lines(exc))
                continue
            col.add(
                file,
                line,
                f"metric `{name}`",
                _first_lines(exc),
                "check `type` and `type_params` against docs/semantic_layer.md",
            )
    metrics = leave_out_dependents(metrics, unparsed, col)
    saved = _saved_queries(raw["saved_queries"], origins, col)
    metrics = read_measure_inputs(sms, metrics, origins, col)  # MetricFlow's older ratio form

    check_references(sms, metrics, origins, col)
    check_nl_meta(sms, metrics, origins, col)
    view_trees = parse_views(views, root, col)
    missing: list[MissingColumn] = []
    check_tables(
        sms,
        tables,
        view_trees,
        origins,
        col,
        con=con if check_warehouse else None,
        known_tables=known_tables if check_warehouse else None,
        missing=missing,
    )
    settle_missing_columns(sms, metrics, saved, missing, col)
    _raise_errors(col, warnings)

    spine = raw["project"].get("time_spine") or legacy_time_spine(
        [*raw["model_configs"], *(project.configs if project else ())]
    )
    if spine is not None:
        raw["project"]["time_spine"] = spine
        if "relation" not in spine:  # a node_relation names it already (dbt_dsi_spec)
            spine["relation"] = _relation_name(spine["model"], project, raw)
        if con is not None and check_warehouse:
            where = str(project.root if project else root)
            spine["relation"] = _where_built(
                spine["relation"],
                warehouse if warehouse is not None else table_columns(con),
                project.target_schema if project else DEFAULT_TARGET_SCHEMA,
                where,
                None,
                f"time spine `{spine['model']}`",
                col,
            )
            check_time_spine(spine, con, where, col)
    manifest = PydanticSemanticManifest(
        semantic_models=sms,
        metrics=metrics,
        saved_queries=saved,
        project_configuration=PydanticProjectConfiguration(
            time_spines=[_pydantic_time_spine(spine)] if spine else [],
            time_spine_table_configurations=[],
        ),
    )
    manifest = _transform_and_validate(manifest, root, col)
    _raise_errors(col, warnings)
    authored = {ms.name: ms for sm in sms for ms in sm.measures}
    model = build_model(manifest, tables, view_trees, origins, raw["project"], root, authored)
    if con is not None and check_warehouse:
        read_date_keys(model, con)
    leave_out_broken_metrics(model, check_templates(model, col), col)
    _raise_errors(col, warnings)
    return model
