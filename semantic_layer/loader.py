"""Reading a directory of dbt semantic-layer YAML into a validated :class:`SemanticModel`.

Two dbt formats are accepted and normalised into the same dbt-semantic-interfaces objects:

* the standalone spec: top-level ``semantic_models:``, ``metrics:``, ``saved_queries:``
  (measures inside semantic models, metrics with ``type_params``);
* the newer spec: ``models:`` entries with ``semantic_model:``, entities and dimensions declared
  on ``columns:``, simple metrics with ``agg``/``expr`` inside the model, ratio metrics with
  ``numerator``/``denominator`` and derived metrics with ``input_metrics`` (no ``type_params``).

Loading is all-or-nothing: every problem found (YAML syntax, unknown references, columns that
do not exist, dbt-semantic-interfaces validation errors) is collected and raised together in
one :class:`ModelValidationError`, each naming the file, line, element and fix.
"""

from __future__ import annotations

import difflib
import re
from pathlib import Path
from typing import Any

import sqlglot
import yaml
from dbt_semantic_interfaces.implementations.metric import PydanticMetric
from dbt_semantic_interfaces.implementations.project_configuration import (
    PydanticProjectConfiguration,
)
from dbt_semantic_interfaces.implementations.saved_query import PydanticSavedQuery
from dbt_semantic_interfaces.implementations.semantic_manifest import PydanticSemanticManifest
from dbt_semantic_interfaces.implementations.semantic_model import PydanticSemanticModel
from dbt_semantic_interfaces.transformations.semantic_manifest_transformer import (
    PydanticSemanticManifestTransformer,
)
from dbt_semantic_interfaces.type_enums import MetricType
from dbt_semantic_interfaces.validations.semantic_manifest_validator import (
    SemanticManifestValidator,
)
from sqlglot import exp

from semantic_layer.errors import ModelLoadError, ModelValidationError, QueryError
from semantic_layer.model import (
    GRAINS,
    DimensionDef,
    EntityDef,
    MetricDef,
    Node,
    SemanticModel,
    SimpleSpec,
)
from semantic_layer.templates import parse_template

BUILTIN_MODEL_DIR = Path(__file__).parent / "models"
_REF = re.compile(r"""^\s*ref\(\s*['"]([A-Za-z_][\w.]*)['"]\s*\)\s*$""")
_NAME = re.compile(r"^[a-z][a-z0-9_]*[a-z0-9]$")
_LINE = "__line__"
_FORMATS = ("number", "percent", "currency")


# ---- YAML with line numbers -------------------------------------------------------------------
class _LineLoader(yaml.SafeLoader):
    """A safe loader that remembers the line of every mapping (for error messages)."""


def _construct_mapping(loader: yaml.SafeLoader, node: yaml.MappingNode) -> dict:
    mapping = loader.construct_mapping(node, deep=True)
    mapping[_LINE] = node.start_mark.line + 1
    return mapping


_LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)


def _strip_lines(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _strip_lines(v) for k, v in value.items() if k != _LINE}
    if isinstance(value, list):
        return [_strip_lines(v) for v in value]
    return value


class _Collector:
    """Collects problems so all of them are reported at once."""

    def __init__(self) -> None:
        self.issues: list[str] = []

    def add(self, file: str, line: int | None, element: str, problem: str, fix: str) -> None:
        where = f"{file}:{line}" if line else file
        self.issues.append(f"{where}: {element}: {problem}. Fix: {fix}")


# ---- normalisation into dbt-semantic-interfaces dicts -----------------------------------------
def _meta_config(item: dict) -> dict | None:
    """Merge ``meta:`` and ``config: {meta:}`` (both spellings are common) into a config."""
    config = dict(item.get("config") or {})
    meta = {**(item.get("meta") or {}), **(config.get("meta") or {})}
    return {"meta": _strip_lines(meta)} if meta or "config" in item else None


def _metadata(file: str, line: int | None) -> dict:
    n = line or 1
    return {
        "repo_file_path": file,
        "file_slice": {
            "filename": file,
            "content": "",
            "start_line_number": n,
            "end_line_number": n,
        },
    }


def _clean(d: dict, keys: tuple[str, ...]) -> dict:
    out = {k: _strip_lines(d[k]) for k in keys if k in d and d[k] is not None}
    cfg = _meta_config(d)
    if cfg is not None:
        out["config"] = cfg
    return out


def _entity(d: dict) -> dict:
    return _clean(d, ("name", "type", "expr", "description", "label", "role"))


def _dimension(d: dict) -> dict:
    out = _clean(d, ("name", "type", "expr", "description", "label", "is_partition", "type_params"))
    if "granularity" in d and out.get("type") == "time":
        out.setdefault("type_params", {})["time_granularity"] = d["granularity"]
    return out


def _measure(d: dict) -> dict:
    return _clean(
        d,
        (
            "name",
            "agg",
            "expr",
            "description",
            "label",
            "agg_params",
            "agg_time_dimension",
            "non_additive_dimension",
            "create_metric",
        ),
    )


def _as_input(v: Any) -> Any:
    return {"name": v} if isinstance(v, str) else _strip_lines(v)


def _legacy_metric(d: dict) -> dict:
    out = _clean(d, ("name", "type", "description", "label", "filter", "time_granularity"))
    tp = dict(_strip_lines(d.get("type_params") or {}))
    for key in ("numerator", "denominator"):
        if key in tp:
            tp[key] = _as_input(tp[key])
    if "metrics" in tp:
        tp["metrics"] = [_as_input(m) for m in tp["metrics"] or []]
    ctp = tp.get("cumulative_type_params")
    if isinstance(ctp, dict) and "metric" in ctp:
        ctp["metric"] = _as_input(ctp["metric"])
    out["type_params"] = tp
    return out


def _relation(model_ref: Any) -> str | None:
    if not isinstance(model_ref, str):
        return None
    m = _REF.match(model_ref)
    if m:
        return m.group(1).split(".")[-1]
    return model_ref.strip() if re.match(r"^[A-Za-z_]\w*$", model_ref.strip()) else None


def _newer_metric(d: dict, semantic_model: str | None, measures: list[dict]) -> dict:
    """A newer-spec metric (no ``type_params``) as a standalone-spec metric dict."""
    mtype = str(d.get("type", "simple")).lower()
    out = _clean(d, ("name", "description", "label", "filter", "time_granularity"))
    out["type"] = mtype
    if mtype == "simple":
        measure = _clean(
            d,
            (
                "agg",
                "expr",
                "agg_params",
                "agg_time_dimension",
                "non_additive_dimension",
                "description",
                "label",
            ),
        )
        measure["name"] = d.get("name")
        measure.pop("config", None)
        if "percentile" in d:
            measure["agg_params"] = {
                "percentile": d["percentile"],
                "use_discrete_percentile": str(d.get("percentile_type", "")).lower() == "discrete",
            }
        measures.append(measure)
        out["type_params"] = {"measure": {"name": d.get("name")}}
        if semantic_model is None:
            out["__orphan__"] = True
    elif mtype == "ratio":
        out["type_params"] = {
            "numerator": _as_input(d.get("numerator")),
            "denominator": _as_input(d.get("denominator")),
        }
    elif mtype == "derived":
        out["type_params"] = {
            "expr": d.get("expr"),
            "metrics": [_as_input(m) for m in d.get("input_metrics") or d.get("metrics") or []],
        }
    elif mtype == "cumulative":
        inp = d.get("input_metric") or d.get("metric") or d.get("measure")
        ctp = {k: d[k] for k in ("window", "grain_to_date", "period_agg") if k in d}
        ctp["metric"] = _as_input(inp)
        out["type_params"] = {"cumulative_type_params": ctp}
    else:
        out["type_params"] = _strip_lines(d.get("type_params") or {})
    return out


def _newer_model(item: dict, file: str, col: _Collector) -> tuple[dict | None, list[dict]]:
    """A newer-spec ``models:`` entry → (semantic model dict or None, metric dicts)."""
    sm = item.get("semantic_model")
    if not sm:
        return None, []
    sm = {"enabled": True} if sm is True else dict(sm)
    if not sm.get("enabled", True):
        return None, []
    table = item.get("name")
    name = sm.get("name") or table
    out: dict[str, Any] = {"name": name, "__table__": table, "__line__": item.get(_LINE)}
    for key in ("description", "label"):
        if sm.get(key) or item.get(key):
            out[key] = sm.get(key) or item.get(key)
    cfg = _meta_config(sm) or _meta_config(item)
    if cfg:
        out["config"] = cfg
    agg_time = item.get("agg_time_dimension") or sm.get("agg_time_dimension")
    if agg_time:
        out["defaults"] = {"agg_time_dimension": agg_time}
    if item.get("primary_entity") or sm.get("primary_entity"):
        out["primary_entity"] = item.get("primary_entity") or sm.get("primary_entity")
    entities: list[dict] = []
    dimensions: list[dict] = []
    for c in item.get("columns") or []:
        cname = c.get("name")
        ent = c.get("entity")
        if ent:
            e = {"type": ent} if isinstance(ent, str) else dict(ent)
            d = {
                "name": e.get("name") or cname,
                "type": e.get("type"),
                "expr": cname,
                "description": e.get("description") or c.get("description"),
                "label": e.get("label"),
                "config": e.get("config"),
            }
            entities.append(_entity({k: v for k, v in d.items() if v is not None}))
        dim = c.get("dimension")
        if dim:
            dd = {"type": dim} if isinstance(dim, str) else dict(dim)
            d = {
                "name": dd.get("name") or cname,
                "type": dd.get("type", "categorical"),
                "expr": dd.get("expr") or cname,
                "description": dd.get("description") or c.get("description"),
                "label": dd.get("label") or c.get("label"),
                "granularity": c.get("granularity") or dd.get("granularity"),
                "config": dd.get("config") or c.get("config"),
            }
            dimensions.append(_dimension({k: v for k, v in d.items() if v is not None}))
        if not ent and not dim and c.get("granularity"):
            col.add(
                file,
                c.get(_LINE),
                f"column `{cname}` of model `{table}`",
                "has `granularity` but no `dimension:`",
                "add `dimension: {type: time}`",
            )
    derived = item.get("derived_semantics") or {}
    entities += [_entity(e) for e in derived.get("entities") or []]
    dimensions += [_dimension(d) for d in derived.get("dimensions") or []]
    out["entities"] = entities
    out["dimensions"] = dimensions
    measures: list[dict] = []
    metrics = []
    for m in item.get("metrics") or []:
        md = _newer_metric(m, name, measures)
        md["__line__"] = m.get(_LINE)
        metrics.append(md)
    out["measures"] = measures
    return out, metrics


# ---- reading ----------------------------------------------------------------------------------
def _read_files(root: Path, col: _Collector) -> tuple[list[tuple[str, dict]], dict[str, str]]:
    if not root.exists():
        raise ModelLoadError(
            f"semantic model directory {root} does not exist: pass an existing DIR"
        )
    files = (
        [root]
        if root.is_file()
        else sorted(
            p
            for p in root.rglob("*")
            if p.suffix in (".yml", ".yaml")
            and not any(part.startswith(".") for part in p.relative_to(root).parts)
        )
    )
    if not files:
        raise ModelLoadError(
            f"no YAML files in {root}: a semantic model directory holds *.yml files with "
            "`semantic_models:` and `metrics:`"
        )
    docs: list[tuple[str, dict]] = []
    for f in files:
        try:
            for doc in yaml.load_all(f.read_text(encoding="utf-8"), Loader=_LineLoader):
                if doc is None:
                    continue
                if not isinstance(doc, dict):
                    col.add(
                        str(f),
                        None,
                        "file",
                        "top level is not a mapping",
                        "start the file with `semantic_models:` or `metrics:`",
                    )
                    continue
                docs.append((str(f), doc))
        except yaml.YAMLError as exc:
            mark = getattr(exc, "problem_mark", None)
            line = mark.line + 1 if mark else None
            col.add(str(f), line, "YAML", str(getattr(exc, "problem", exc)), "fix the YAML syntax")
        except UnicodeDecodeError:
            col.add(str(f), None, "file", "is not UTF-8 text", "save it as UTF-8")
    base = root if root.is_dir() else root.parent
    views = {p.stem: p.read_text(encoding="utf-8") for p in sorted(base.rglob("*.sql"))}
    return docs, views


def _collect(docs: list[tuple[str, dict]], col: _Collector) -> dict[str, Any]:
    """Split documents into semantic models, metrics, saved queries and project metadata."""
    sms: list[tuple[str, dict]] = []
    metrics: list[tuple[str, dict]] = []
    saved: list[tuple[str, dict]] = []
    project: dict[str, Any] = {}
    known = {
        "semantic_models",
        "metrics",
        "saved_queries",
        "models",
        "example_questions",
        "project",
        "version",
        "sources",
        "seeds",
        "snapshots",
        "exposures",
        _LINE,
    }
    for file, doc in docs:
        for key in doc:
            if key not in known:
                close = difflib.get_close_matches(str(key), sorted(known - {_LINE}), n=1)
                col.add(
                    file,
                    doc.get(_LINE),
                    f"top-level key `{key}`",
                    "is not a dbt semantic-layer key",
                    f"rename it to `{close[0]}`" if close else "remove it",
                )
        for sm in doc.get("semantic_models") or []:
            sms.append((file, sm))
        for m in doc.get("metrics") or []:
            newer = "type_params" not in m and (
                "agg" in m or "numerator" in m or "input_metrics" in m or "input_metric" in m
            )
            md = _newer_metric(m, None, []) if newer else _legacy_metric(m)
            if newer and md.get("type") == "simple":
                col.add(
                    file,
                    m.get(_LINE),
                    f"metric `{m.get('name')}`",
                    "a simple metric with `agg` must be declared inside its model",
                    "move it under the model's `metrics:` (newer spec) or use type_params.measure",
                )
                continue
            md["__line__"] = m.get(_LINE)
            metrics.append((file, md))
        for sq in doc.get("saved_queries") or []:
            saved.append((file, sq))
        for item in doc.get("models") or []:
            sm, ms = _newer_model(item, file, col)
            if sm is not None:
                sms.append((file, sm))
                metrics += [(file, m) for m in ms]
        if "example_questions" in doc:
            project.setdefault("example_questions", []).extend(doc["example_questions"] or [])
        if isinstance(doc.get("project"), dict):
            meta = _strip_lines((doc["project"].get("config") or {}).get("meta") or {})
            project.setdefault("example_questions", []).extend(meta.pop("example_questions", []))
            project.update(meta)
    return {"semantic_models": sms, "metrics": metrics, "saved_queries": saved, "project": project}


def _pydantic_semantic_model(file: str, sm: dict, col: _Collector) -> PydanticSemanticModel | None:
    line = sm.get(_LINE)
    name = sm.get("name")
    table = sm.pop("__table__", None) or _relation(sm.get("model"))
    if table is None:
        col.add(
            file,
            line,
            f"semantic model `{name}`",
            f"`model: {sm.get('model')!r}` is not a ref",
            "write `model: ref('table_name')`",
        )
        return None
    d: dict[str, Any] = _clean(sm, ("name", "description", "label", "primary_entity", "defaults"))
    d["node_relation"] = {"alias": table, "schema_name": "main", "relation_name": table}
    d["entities"] = [e if "__line__" not in e else _entity(e) for e in sm.get("entities") or []]
    d["dimensions"] = [
        x if "__line__" not in x else _dimension(x) for x in sm.get("dimensions") or []
    ]
    d["measures"] = [x if "__line__" not in x else _measure(x) for x in sm.get("measures") or []]
    d["metadata"] = _metadata(file, line)
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


def _first_lines(exc: Exception, n: int = 3) -> str:
    return " ".join(str(exc).split("\n")[:n]).strip()


def load_model(
    path: str | Path | None = None, *, con: Any = None, check_warehouse: bool = True
) -> SemanticModel:
    """Load and validate a semantic model directory (None = the built-in model).

    ``con`` (a DuckDB connection) makes the loader also check every table and column against
    that warehouse; without it, tables of the canonical schema are checked against
    ``connectors.schema`` and other tables are trusted (``orderlens validate`` checks them).

    >>> m = load_model()
    >>> "gmv" in m.metrics and m.metric("return_rate").type
    'ratio'
    """
    root = Path(path) if path is not None else BUILTIN_MODEL_DIR
    col = _Collector()
    docs, views = _read_files(root, col)
    raw = _collect(docs, col)
    origins: dict[tuple[str, str], str] = {}

    sms: list[PydanticSemanticModel] = []
    tables: dict[str, str] = {}
    for file, sm in raw["semantic_models"]:
        name = sm.get("name")
        if ("semantic_model", name) in origins:
            col.add(
                file,
                sm.get(_LINE),
                f"semantic model `{name}`",
                f"is also defined in {origins[('semantic_model', name)]}",
                "rename one of them",
            )
            continue
        origins[("semantic_model", name)] = file
        table = sm.get("__table__") or _relation(sm.get("model"))
        p = _pydantic_semantic_model(file, sm, col)
        if p is not None:
            sms.append(p)
            tables[p.name] = table or p.node_relation.alias
    # newer-spec simple metrics carry their measures on the model dict; attach orphans' errors
    metrics: list[PydanticMetric] = []
    for file, md in raw["metrics"]:
        name = md.get("name")
        line = md.pop("__line__", None)
        md.pop("__orphan__", None)
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
        md["metadata"] = _metadata(file, line)
        try:
            metrics.append(PydanticMetric.parse_obj(md))
        except Exception as exc:
            col.add(
                file,
                line,
                f"metric `{name}`",
                _first_lines(exc),
                "check `type` and `type_params` against docs/semantic_layer.md",
            )
    saved: list[PydanticSavedQuery] = []
    for file, sq in raw["saved_queries"]:
        try:
            sqd = _strip_lines(sq)
            qp = sqd.get("query_params") or {}
            if isinstance(qp.get("where"), str):
                qp["where"] = [qp["where"]]
            sqd["metadata"] = _metadata(file, sq.get(_LINE))
            saved.append(PydanticSavedQuery.parse_obj(sqd))
            origins[("saved_query", sqd.get("name"))] = file
        except Exception as exc:
            col.add(
                file,
                sq.get(_LINE),
                f"saved query `{sq.get('name')}`",
                _first_lines(exc),
                "give it `name` and `query_params: {metrics: [...], group_by: [...]}`",
            )

    _check_references(sms, metrics, origins, col)
    _check_nl_meta(sms, metrics, origins, col)
    view_trees = _parse_views(views, root, col)
    _check_tables(sms, tables, view_trees, origins, col, con, check_warehouse)
    if col.issues:
        raise ModelValidationError(col.issues)

    manifest = PydanticSemanticManifest(
        semantic_models=sms,
        metrics=metrics,
        saved_queries=saved,
        project_configuration=PydanticProjectConfiguration(
            time_spines=[], time_spine_table_configurations=[]
        ),
    )
    try:
        manifest = PydanticSemanticManifestTransformer.transform(manifest)
    except Exception as exc:
        raise ModelValidationError(
            [f"{root}: dbt transformation failed: {exc}. Fix: check metric inputs"]
        ) from exc
    results = SemanticManifestValidator[PydanticSemanticManifest](
        max_workers=1
    ).validate_semantic_manifest(manifest)
    for issue in results.errors:
        file = issue.context.file_context.file_name if issue.context else str(root)
        line = issue.context.file_context.line_number if issue.context else None
        what = (
            issue.context.context_str().split(" in file")[0].replace("with ", "", 1)
            if issue.context
            else "model"
        )
        col.add(
            file or str(root),
            line,
            what,
            issue.message.strip().rstrip("."),
            "see the dbt semantic-layer docs for this rule",
        )
    if col.issues:
        raise ModelValidationError(col.issues)
    authored = {ms.name: ms for sm in sms for ms in sm.measures}
    model = _build(manifest, tables, view_trees, origins, raw["project"], root, authored)
    _check_templates(model, col)
    if col.issues:
        raise ModelValidationError(col.issues)
    return model


# ---- our own checks -----------------------------------------------------------------------------
def _suggest(name: str, options: list[str]) -> str:
    close = difflib.get_close_matches(name, options, n=1)
    return (
        f"did you mean `{close[0]}`?" if close else f"use one of: {', '.join(sorted(options)[:12])}"
    )


def _check_references(sms, metrics, origins, col: _Collector) -> None:
    measures = {m.name: sm for sm in sms for m in sm.measures}
    metric_names = {m.name for m in metrics}
    for sm in sms:
        file = origins[("semantic_model", sm.name)]
        line = sm.metadata.file_slice.start_line_number if sm.metadata else None
        time_dims = [d.name for d in sm.dimensions if d.type.value == "time"]
        default = sm.defaults.agg_time_dimension if sm.defaults else None
        if (
            sm.measures
            and default is None
            and any(m.agg_time_dimension is None for m in sm.measures)
        ):
            col.add(
                file,
                line,
                f"semantic model `{sm.name}`",
                "has measures but no agg_time_dimension",
                "add `defaults: {agg_time_dimension: <time dimension>}`",
            )
        for t in [default, *(m.agg_time_dimension for m in sm.measures)]:
            if t is not None and t not in time_dims:
                col.add(
                    file,
                    line,
                    f"semantic model `{sm.name}`",
                    f"agg_time_dimension `{t}` is not a time dimension of it",
                    _suggest(t, time_dims) if time_dims else "declare a time dimension",
                )
        for d in sm.dimensions:
            if d.type.value == "time" and d.type_params is None:
                col.add(
                    file,
                    line,
                    f"dimension `{d.name}` of `{sm.name}`",
                    "is a time dimension without a granularity",
                    "add `type_params: {time_granularity: day}` (or `granularity: day` on the column)",
                )
    for m in metrics:
        file = origins[("metric", m.name)]
        line = m.metadata.file_slice.start_line_number if m.metadata else None
        tp = m.type_params
        refs: list[tuple[str, str]] = []
        if m.type is MetricType.SIMPLE:
            if tp.measure is None:
                col.add(
                    file,
                    line,
                    f"metric `{m.name}`",
                    "simple metric without a measure",
                    "add `type_params: {measure: <measure name>}`",
                )
            elif tp.measure.name not in measures:
                col.add(
                    file,
                    line,
                    f"metric `{m.name}`",
                    f"unknown measure `{tp.measure.name}`",
                    _suggest(tp.measure.name, list(measures)),
                )
        elif m.type is MetricType.RATIO:
            for part in ("numerator", "denominator"):
                inp = getattr(tp, part)
                if inp is None:
                    col.add(
                        file,
                        line,
                        f"metric `{m.name}`",
                        f"ratio metric without a {part}",
                        f"add `{part}: <metric name>`",
                    )
                else:
                    refs.append((part, inp.name))
        elif m.type is MetricType.DERIVED:
            if not tp.expr or not tp.metrics:
                col.add(
                    file,
                    line,
                    f"metric `{m.name}`",
                    "derived metric needs `expr` and input metrics",
                    "add `expr:` and `metrics:` (or `input_metrics:`)",
                )
            for inp in tp.metrics or []:
                refs.append(("input metric", inp.name))
        elif m.type is MetricType.CUMULATIVE:
            ctp = tp.cumulative_type_params
            if ctp is not None and ctp.metric is not None:
                refs.append(("input metric", ctp.metric.name))
            elif tp.measure is not None and tp.measure.name not in measures:
                col.add(
                    file,
                    line,
                    f"metric `{m.name}`",
                    f"unknown measure `{tp.measure.name}`",
                    _suggest(tp.measure.name, list(measures)),
                )
        for what, ref in refs:
            if ref not in metric_names:
                col.add(
                    file,
                    line,
                    f"metric `{m.name}`",
                    f"{what} `{ref}` is not a metric",
                    _suggest(ref, sorted(metric_names)),
                )
        for w in m.filter.where_filters if m.filter else []:
            try:
                parse_template(w.where_sql_template)
            except QueryError as exc:
                col.add(
                    file, line, f"metric `{m.name}` filter", str(exc), "fix the filter template"
                )


def _check_nl_meta(sms, metrics, origins, col: _Collector) -> None:
    """Synonyms are lists of non-empty strings; value synonyms map values to such lists."""

    def check(file: str, line: int | None, what: str, config: Any) -> None:
        meta = config.meta if config is not None else {}
        syn = meta.get("synonyms")
        if syn is not None and (
            not isinstance(syn, list) or not all(isinstance(s, str) and s.strip() for s in syn)
        ):
            col.add(
                file,
                line,
                what,
                "`config.meta.synonyms` must be a list of non-empty strings",
                "write `synonyms: [退货率, return rate]`",
            )
        vs = meta.get("value_synonyms")
        if vs is not None and (
            not isinstance(vs, dict)
            or not all(
                isinstance(v, list) and all(isinstance(s, str) and s.strip() for s in v)
                for v in vs.values()
            )
        ):
            col.add(
                file,
                line,
                what,
                "`config.meta.value_synonyms` must map each value to a list of words",
                "write `value_synonyms: {jd: [京东, JD.com]}`",
            )
        fmt = meta.get("format")
        if fmt is not None and fmt not in _FORMATS:
            col.add(
                file,
                line,
                what,
                f"`config.meta.format` is `{fmt}`",
                f"use one of {', '.join(_FORMATS)}",
            )

    for sm in sms:
        file = origins[("semantic_model", sm.name)]
        line = sm.metadata.file_slice.start_line_number if sm.metadata else None
        check(file, line, f"semantic model `{sm.name}`", sm.config)
        for el in [*sm.entities, *sm.dimensions, *sm.measures]:
            check(file, line, f"`{el.name}` of `{sm.name}`", el.config)
    for m in metrics:
        line = m.metadata.file_slice.start_line_number if m.metadata else None
        check(origins[("metric", m.name)], line, f"metric `{m.name}`", m.config)


def _parse_views(views: dict[str, str], root: Path, col: _Collector) -> dict[str, exp.Query]:
    out: dict[str, exp.Query] = {}
    for name, text in views.items():
        file = str((root if root.is_dir() else root.parent) / f"{name}.sql")
        try:
            tree = sqlglot.parse_one(text, dialect="duckdb")
        except sqlglot.errors.ParseError as exc:
            col.add(file, None, f"view `{name}`", str(exc).splitlines()[0], "fix the SQL")
            continue
        if not isinstance(tree, exp.Query):
            col.add(file, None, f"view `{name}`", "is not a SELECT", "write one SELECT statement")
            continue
        for node in tree.walk():
            node.comments = None
        out[name] = tree
    return out


def _table_columns(con: Any) -> dict[str, list[str]]:
    rows = con.execute(
        "select table_name, column_name from information_schema.columns order by table_name, ordinal_position"
    ).fetchall()
    cols: dict[str, list[str]] = {}
    for t, c in rows:
        cols.setdefault(t, []).append(c)
    return cols


def _view_columns(tree: exp.Query) -> list[str]:
    return [s.alias_or_name for s in tree.selects]


def _check_tables(sms, tables, views, origins, col: _Collector, con, check_warehouse: bool) -> None:
    from connectors.schema import TABLES

    if con is not None:
        known = _table_columns(con)
    elif sum(t in TABLES or t in views for t in tables.values()) * 2 > len(tables):
        known = {name: t.column_names for name, t in TABLES.items()}
    else:
        # a model of some other warehouse (and no connection to it): its tables are checked by
        # `orderlens validate --db`, not against OrderLens's canonical schema
        known = {}
        check_warehouse = False
    for vname, tree in views.items():
        for t in tree.find_all(exp.Table):
            if (
                t.name
                and t.name not in known
                and t.name not in views
                and (con is not None or _near_table(t.name, known))
            ):
                col.add(
                    f"{vname}.sql",
                    None,
                    f"view `{vname}`",
                    f"reads unknown table `{t.name}`",
                    _suggest(t.name, list(known)),
                )
        known_view = {**known}
        known_view[vname] = _view_columns(tree)
        known.update(known_view)
    if not check_warehouse:
        return
    for sm in sms:
        file = origins[("semantic_model", sm.name)]
        line = sm.metadata.file_slice.start_line_number if sm.metadata else None
        table = tables[sm.name]
        if table not in known:
            if con is not None or _near_table(table, known):
                col.add(
                    file,
                    line,
                    f"semantic model `{sm.name}`",
                    f"`ref('{table}')` names no warehouse table",
                    _suggest(table, list(known)),
                )
            continue
        columns = set(known[table])
        for el in [*sm.entities, *sm.dimensions, *sm.measures]:
            text = el.expr or el.name
            try:
                tree = parse_template(text, allow_columns=True).expression
            except QueryError as exc:
                col.add(
                    file,
                    line,
                    f"`{el.name}` of semantic model `{sm.name}`",
                    str(exc),
                    "fix its `expr`",
                )
                continue
            for c in tree.find_all(exp.Column):
                if c.name.startswith("__ol_ref_") or c.table:
                    continue
                if c.name not in columns and c.name.lower() not in {"true", "false"}:
                    col.add(
                        file,
                        line,
                        f"`{el.name}` of semantic model `{sm.name}`",
                        f"column `{c.name}` does not exist in table `{table}`",
                        _suggest(c.name, sorted(columns)),
                    )


def _near_table(name: str, known: dict[str, list[str]]) -> bool:
    """An unknown table that looks like a typo of a known one (checked even without a warehouse)."""
    return bool(difflib.get_close_matches(name, list(known), n=1, cutoff=0.8))


# ---- building the runtime model -------------------------------------------------------------------
def _build(manifest, tables, views, origins, project, root, authored) -> SemanticModel:
    """Runtime objects from the transformed manifest.

    ``authored`` holds the measures as written: dbt's transformations rewrite ``count`` and
    ``sum_boolean`` into ``SUM(CASE ...)``; compiling the authored aggregation keeps the SQL
    closer to what an analyst writes (``COUNT(x)`` gives 0, not NULL, on empty groups).
    """
    nodes: dict[str, Node] = {}
    for sm in manifest.semantic_models:
        entities = {
            e.name: EntityDef(
                e.name,
                e.type.value,
                e.expr or e.name,
                e.label,
                e.description,
                dict(e.config.meta) if e.config else {},
            )
            for e in sm.entities
        }
        dims = {
            d.name: DimensionDef(
                d.name,
                d.type.value,
                d.expr or d.name,
                d.type_params.time_granularity.value if d.type_params else None,
                d.label,
                d.description,
                dict(d.config.meta) if d.config else {},
            )
            for d in sm.dimensions
        }
        primary = (
            next((e.name for e in sm.entities if e.type.value == "primary"), None)
            or sm.primary_entity
        )
        table = tables[sm.name]
        nodes[sm.name] = Node(
            name=sm.name,
            table=table,
            file=origins.get(("semantic_model", sm.name), ""),
            entities=entities,
            dimensions=dims,
            primary_entity=primary,
            default_agg_time=sm.defaults.agg_time_dimension if sm.defaults else None,
            label=sm.label,
            description=sm.description,
            meta=dict(sm.config.meta) if sm.config else {},
            view_sql=views.get(table),
        )
    metrics: dict[str, MetricDef] = {}
    declared = {name for kind, name in origins if kind == "metric"}
    for m in manifest.metrics:
        simple = None
        if m.type is MetricType.SIMPLE:
            ap = m.type_params.metric_aggregation_params
            filters: list[str] = []
            for f in (m.filter, m.type_params.measure.filter if m.type_params.measure else None):
                for w in f.where_filters if f else []:
                    if w.where_sql_template not in filters:
                        filters.append(w.where_sql_template)
            node = nodes[ap.semantic_model]
            orig = authored.get(m.type_params.measure.name) if m.type_params.measure else None
            agg = orig.agg.value if orig is not None else ap.agg.value
            expr = (orig.expr or orig.name) if orig is not None else m.type_params.expr
            simple = SimpleSpec(
                node=ap.semantic_model,
                agg=agg,
                expr=expr or (m.type_params.measure.name if m.type_params.measure else m.name),
                agg_time=ap.agg_time_dimension or node.default_agg_time,
                filters=tuple(filters),
                percentile=ap.agg_params.percentile if ap.agg_params else None,
                discrete_percentile=bool(ap.agg_params and ap.agg_params.use_discrete_percentile),
                non_additive=ap.non_additive_dimension is not None,
            )
        metrics[m.name] = MetricDef(
            name=m.name,
            type=m.type.value,
            pydantic=m,
            file=origins.get(("metric", m.name), ""),
            label=m.label,
            description=m.description,
            meta=dict(m.config.meta) if m.config else {},
            simple=simple,
            hidden=m.name not in declared,
        )
    saved = {s.name: s for s in manifest.saved_queries}
    return SemanticModel(
        nodes=nodes,
        metrics=metrics,
        manifest=manifest,
        path=root,
        project_meta=project,
        saved_queries=saved,
    )


def _check_templates(model: SemanticModel, col: _Collector) -> None:
    """Every ``{{ Dimension(...) }}`` in expressions and filters resolves from its node."""
    from semantic_layer.resolve import Resolver

    for node in model.nodes.values():
        r = Resolver(model, node.name)
        for el in [*node.dimensions.values(), *node.entities.values()]:
            try:
                r.expression(el.expr)
            except Exception as exc:
                col.add(
                    node.file,
                    None,
                    f"`{el.name}` of semantic model `{node.name}`",
                    str(exc),
                    "reference dimensions reachable through this model's entities",
                )
    for m in model.metrics.values():
        if m.simple is None:
            continue
        r = Resolver(model, m.simple.node)
        try:
            r.expression(m.simple.expr)
            for f in m.simple.filters:
                r.condition(f)
        except Exception as exc:
            col.add(
                m.file or model.nodes[m.simple.node].file,
                None,
                f"metric `{m.name}`",
                str(exc),
                f"reference dimensions reachable from semantic model `{m.simple.node}`",
            )
    _ = GRAINS, _NAME
