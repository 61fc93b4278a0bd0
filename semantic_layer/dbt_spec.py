"""Normalising both dbt YAML specs into dicts that dbt-semantic-interfaces' pydantic objects accept.

Two dbt formats are accepted and normalised into the same objects:

* the standalone spec: top-level ``semantic_models:``, ``metrics:``, ``saved_queries:``
  (measures inside semantic models, metrics with ``type_params``);
* the newer spec: ``models:`` entries with ``semantic_model:``, entities and dimensions declared
  on ``columns:``, simple metrics with ``agg``/``expr`` inside the model, ratio metrics with
  ``numerator``/``denominator`` and derived metrics with ``input_metrics`` (no ``type_params``).

Why keys are picked rather than passed through: dbt accepts many keys OrderLens does not use
(``tests``, ``data_tests``, ``docs``, ``constraints``, ``groups``...). Only the keys the pydantic
objects know are copied; unused top-level keys are reported as warnings, never as errors.
"""

from __future__ import annotations

import difflib
import re
from typing import Any

from semantic_layer.dbt_dsi_spec import DSI_DOCUMENT_KEYS, dsi_semantic_model, dsi_time_spine
from semantic_layer.entity_grain import describe_by_reference, referenced_model
from semantic_layer.issues import IssueCollector
from semantic_layer.yaml_reader import LINE, strip_lines
from semantic_layer.yaml_shapes import checked, retired_spec

REF = re.compile(
    r"""^\s*ref\(\s*['"]([A-Za-z_][\w.]*)['"]\s*(?:,\s*['"]([A-Za-z_][\w.]*)['"]\s*)?"""
    r"""(?:,\s*v(?:ersion)?\s*=\s*['"]?\w+['"]?\s*)?\)\s*$"""
)
# top-level keys of dbt property files that hold nothing OrderLens reads
DBT_OTHER_KEYS = frozenset(
    {
        "version",
        "sources",
        "seeds",
        "snapshots",
        "exposures",
        "macros",
        "groups",
        "analyses",
        "unit_tests",
        "data_tests",
        "tests",
        "semantic_layer",
        "docs",
        "functions",  # dbt 1.11 user-defined functions
        "anchors",  # dbt Fusion: YAML anchors kept out of the resource keys
    }
)
OWN_KEYS = frozenset(
    {"semantic_models", "metrics", "saved_queries", "models", "example_questions", "project"}
)


_NEWER_METRIC_KEYS = ("agg", "numerator", "input_metrics", "input_metric", "base_metric")


def enabled(item: Any) -> bool:
    """False for an element dbt leaves out of the manifest (``config: {enabled: false}``)."""
    if not isinstance(item, dict):
        return True
    config = item.get("config")
    if not isinstance(config, dict):
        config = {}
    return str(config.get("enabled", item.get("enabled", True))).lower() not in ("false", "0")


def meta_config(item: dict) -> dict | None:
    """Merge ``meta:`` and ``config: {meta:}`` (both spellings are common) into a config."""
    config = dict(item.get("config") or {})
    meta = {**(item.get("meta") or {}), **(config.get("meta") or {})}
    return {"meta": strip_lines(meta)} if meta or "config" in item else None


def metadata(file: str, line: int | None) -> dict:
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


def clean(d: dict, keys: tuple[str, ...]) -> dict:
    out = {k: strip_lines(d[k]) for k in keys if k in d and d[k] is not None}
    cfg = meta_config(d)
    if cfg is not None:
        out["config"] = cfg
    return out


def entity(d: dict) -> dict:
    return clean(d, ("name", "type", "expr", "description", "label", "role"))


def dimension(d: dict) -> dict:
    out = clean(d, ("name", "type", "expr", "description", "label", "is_partition", "type_params"))
    if "granularity" in d and out.get("type") == "time":
        out.setdefault("type_params", {})["time_granularity"] = d["granularity"]
    return out


def measure(d: dict) -> dict:
    return clean(
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
    return {"name": v} if isinstance(v, str) else strip_lines(v)


def legacy_metric(d: dict) -> dict:
    out = clean(d, ("name", "type", "description", "label", "filter", "time_granularity"))
    tp = dict(strip_lines(d.get("type_params") or {}))
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


def relation(model_ref: Any) -> str | None:
    """The model a ``model:`` value names: ``ref('x')``, ``ref('package', 'x')`` or ``x``.

    >>> relation("ref('orders')"), relation("ref('jaffle', 'customers')"), relation("{{ x }}")
    ('orders', 'customers', None)
    """
    if not isinstance(model_ref, str):
        return None
    m = REF.match(model_ref)
    if m:
        return (m.group(2) or m.group(1)).split(".")[-1]
    return model_ref.strip() if re.match(r"^[A-Za-z_]\w*$", model_ref.strip()) else None


def newer_metric(d: dict, semantic_model: str | None, measures: list[dict]) -> dict:
    """A newer-spec metric (no ``type_params``) as a standalone-spec metric dict."""
    mtype = str(d.get("type", "simple")).lower()
    out = clean(d, ("name", "description", "label", "filter", "time_granularity"))
    out["type"] = mtype
    if mtype == "simple":
        measure = clean(
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
        nad = d.get("non_additive_dimension")
        if isinstance(nad, dict):  # the latest spec's names for window_choice / window_groupings
            measure["non_additive_dimension"] = {
                "name": nad.get("name"),
                "window_choice": nad.get("window_choice") or nad.get("window_agg") or "min",
                "window_groupings": nad.get("window_groupings") or nad.get("group_by") or [],
            }
        if "percentile" in d:
            measure["agg_params"] = {
                "percentile": d["percentile"],
                "use_discrete_percentile": str(d.get("percentile_type", "")).lower() == "discrete",
            }
        measures.append(measure)
        extra = {k: d[k] for k in ("fill_nulls_with", "join_to_timespine") if k in d}
        out["type_params"] = {"measure": {"name": d.get("name"), **extra}}
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
    elif mtype == "conversion":
        keys = ("entity", "calculation", "window", "constant_properties")
        conv = {k: strip_lines(d[k]) for k in keys if k in d}
        # newer-spec simple metrics are normalised to measures of the same name; naming the
        # measures keeps dbt-semantic-interfaces' check of the inputs' aggregation (count,
        # count_distinct) on the measures as written rather than on their rewritten SUM form
        for key in ("base", "conversion"):
            inp = d.get(f"{key}_metric")
            if inp is not None:
                conv[f"{key}_measure"] = _as_input(inp)
        out["type_params"] = {"conversion_type_params": conv}
    else:
        out["type_params"] = strip_lines(d.get("type_params") or {})
    if d.get("hidden") is True:  # the latest spec: an input of other metrics, not offered itself
        out["__hidden__"] = True
    return out


def newer_model(item: dict, file: str, col: IssueCollector) -> tuple[dict | None, list[dict]]:
    """A newer-spec ``models:`` entry → (semantic model dict or None, metric dicts)."""
    sm = item.get("semantic_model")
    if not sm:
        return None, []
    sm = {"enabled": True} if sm is True else dict(sm)
    if not sm.get("enabled", True):
        return None, []
    table = item.get("name")
    name = sm.get("name") or table
    out: dict[str, Any] = {"name": name, "__table__": table, "__line__": item.get(LINE)}
    for key in ("description", "label"):
        if sm.get(key) or item.get(key):
            out[key] = sm.get(key) or item.get(key)
    cfg = meta_config(sm) or meta_config(item)
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
            entities.append(entity({k: v for k, v in d.items() if v is not None}))
            target = referenced_model(c)  # described by that model (entity_grain)
            if target:
                out.setdefault("__entity_refs__", {})[str(d["name"])] = target
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
            dimensions.append(dimension({k: v for k, v in d.items() if v is not None}))
        if not ent and not dim and c.get("granularity"):
            col.add(
                file,
                c.get(LINE),
                f"column `{cname}` of model `{table}`",
                "has `granularity` but no `dimension:`",
                "add `dimension: {type: time}`",
            )
    derived = item.get("derived_semantics") or {}
    entities += [entity(e) for e in derived.get("entities") or []]
    dimensions += [dimension(d) for d in derived.get("dimensions") or []]
    out["entities"] = entities
    out["dimensions"] = dimensions
    measures: list[dict] = []
    metrics = []
    for m in item.get("metrics") or []:
        if not enabled(m):
            continue
        md = newer_metric(m, name, measures)
        md["__line__"] = m.get(LINE)
        metrics.append(md)
    out["measures"] = measures
    out["__measure_renames__"] = _unclash_measures(out, metrics)
    return out, metrics


def _unclash_measures(sm: dict, metrics: list[dict]) -> dict[str, str]:
    """Rename measures made from simple metrics that share a dimension's or entity's name.

    The newer spec lets a column be a dimension and a metric of the same name (`order_total`
    grouped by and summed); dbt-semantic-interfaces forbids a measure and a dimension of one
    name in a model, so the measure standing for the metric gets a name of its own. The metric
    keeps its name. Returns {old measure name: new name} for inputs named elsewhere.

    >>> sm = {"dimensions": [{"name": "total"}], "entities": [], "measures": [{"name": "total"}]}
    >>> ms = [{"name": "total", "type_params": {"measure": {"name": "total"}}}]
    >>> _unclash_measures(sm, ms), sm["measures"][0]["name"], ms[0]["type_params"]["measure"]
    ({'total': 'total_measure'}, 'total_measure', {'name': 'total_measure'})
    >>> sm["measures"][0]["expr"]
    'total'
    """
    taken = {
        str(e.get("name", "")).lower()
        for e in [*sm["dimensions"], *sm["entities"]]
        if e.get("name")
    }
    names = {str(m.get("name", "")).lower() for m in sm["measures"]}
    renames: dict[str, str] = {}
    for measure in sm["measures"]:
        old = str(measure.get("name", ""))
        if old.lower() not in taken:
            continue
        new = f"{old}_measure"
        while new.lower() in taken or new.lower() in names:
            new += "_"
        measure.setdefault("expr", old)  # the column it sums is still the one named `old`
        measure["name"] = new
        names.add(new.lower())
        renames[old] = new
    for md in metrics:
        ref = (md.get("type_params") or {}).get("measure")
        if isinstance(ref, dict) and ref.get("name") in renames:
            ref["name"] = renames[ref["name"]]
    return renames


def _rename_conversion_inputs(metrics: list[tuple[str, dict]], renames: dict[str, str]) -> None:
    """Point conversion metrics' base/conversion measures at renamed measures (_unclash_measures)."""
    for _file, md in metrics:
        conv = (md.get("type_params") or {}).get("conversion_type_params")
        if not isinstance(conv, dict):
            continue
        for key in ("base_measure", "conversion_measure"):
            inp = conv.get(key)
            if isinstance(inp, str) and inp in renames:
                conv[key] = renames[inp]
            elif isinstance(inp, dict) and inp.get("name") in renames:
                inp["name"] = renames[inp["name"]]


def time_spine(item: dict) -> dict[str, Any]:
    """A ``models:`` entry's ``time_spine:`` (dbt ≥ 1.9): its day column and custom grains."""
    ts = strip_lines(item["time_spine"])
    custom = {
        str(c["name"]).lower(): str(c.get("column_name") or c["name"])
        for c in ts.get("custom_granularities") or []
        if isinstance(c, dict) and c.get("name")
    }
    return {
        "model": str(item["name"]),
        "column": str(ts.get("standard_granularity_column") or "date_day"),
        "custom": custom,
    }


LEGACY_TIME_SPINE = "metricflow_time_spine"


def legacy_time_spine(model_names: list[str]) -> dict[str, Any] | None:
    """The time spine of a project written before dbt 1.9, when there is no ``time_spine:``.

    Such projects have a model named ``metricflow_time_spine`` with one row per day in
    ``date_day``: dbt (and MetricFlow) used it as the time spine by that name alone.
    """
    name = next((n for n in model_names if n.lower() == LEGACY_TIME_SPINE), None)
    if name is None:
        return None
    return {"model": name, "column": "date_day", "custom": {}, "legacy": True}


def listed(file: str, doc: dict, key: str, col: IssueCollector) -> list[dict]:
    """The entries of ``doc[key]`` that have the shape dbt requires (a list of mappings, each
    with a text ``name``; see :mod:`semantic_layer.yaml_shapes`); every other shape is
    reported as a problem and left out.

    Why: dbt rejects these files too, and without the check a YAML file that only looks like a
    semantic layer — ``metrics:`` written as a mapping of names, or a template whose
    ``name: [METRIC_NAME]`` is a list — crashed the load with a Python error (AttributeError,
    "unhashable type: 'list'") instead of saying which file and key are wrong.

    >>> from semantic_layer.issues import IssueCollector
    >>> col = IssueCollector()
    >>> listed("a.yml", {"metrics": {"revenue": {"type": "simple"}}, "__line__": 1}, "metrics", col)
    []
    >>> print(col.errors[0].message)
    is a mapping; dbt expects a list of metrics (`- name: ...`)
    >>> doc = {"metrics": [{"name": ["X"], "__line__": 3}, "y", {"name": "ok"}]}
    >>> [m["name"] for m in listed("a.yml", doc, "metrics", col)]
    ['ok']
    >>> [i.message for i in col.errors[1:]]
    ['`name` is a list; dbt expects text', 'the entry is text; dbt expects a mapping']
    """
    value = doc.get(key)
    if value is None:
        return []
    if not isinstance(value, list):
        kind = "a mapping" if isinstance(value, dict) else f"a {type(value).__name__}"
        col.add(
            file,
            doc.get(LINE),
            f"`{key}:`",
            f"is {kind}; dbt expects a list of {key.replace('_', ' ')} (`- name: ...`)",
            f"write each entry of `{key}:` as a list item starting with `- name:`",
        )
        return []
    return checked(file, key, value, doc.get(LINE), col)


def collect(docs: list[tuple[str, dict]], col: IssueCollector) -> dict[str, Any]:
    """Split documents into semantic models, metrics, saved queries and project metadata."""
    sms: list[tuple[str, dict]] = []
    metrics: list[tuple[str, dict]] = []
    saved: list[tuple[str, dict]] = []
    project: dict[str, Any] = {}
    model_configs: dict[str, dict] = {}
    placeholders: set[str] = set()  # dbt-semantic-interfaces schema placeholders warned about
    renames: dict[str, str] = {}  # measures renamed apart from a dimension (_unclash_measures)
    descriptions: dict[str, str] = {}  # every model's description, by model name
    for file, doc in docs:
        for key in doc:
            if key == LINE or key in OWN_KEYS or key in DBT_OTHER_KEYS or key in DSI_DOCUMENT_KEYS:
                continue
            close = difflib.get_close_matches(str(key), sorted(OWN_KEYS), n=1, cutoff=0.8)
            if close:  # a typo of a key we read would silently drop metrics: an error
                col.add(
                    file,
                    doc.get(LINE),
                    f"top-level key `{key}`",
                    "is not a dbt key",
                    f"rename it to `{close[0]}`",
                )
            else:
                col.warn(
                    file,
                    doc.get(LINE),
                    f"top-level key `{key}`",
                    "is not used by OrderLens and was ignored",
                    "nothing to do if dbt accepts it",
                )
        if isinstance(doc.get("semantic_model"), dict):  # dbt-semantic-interfaces' own format
            sms.append((file, dsi_semantic_model(file, doc["semantic_model"], col, placeholders)))
        if isinstance(doc.get("project_configuration"), dict):
            spine = dsi_time_spine(file, doc["project_configuration"], col, placeholders)
            if spine is not None:
                project["time_spine"] = spine
        for entry in listed(file, doc, "semantic_models", col):
            if enabled(entry):
                sms.append((file, entry))
        singular = [doc["metric"]] if isinstance(doc.get("metric"), dict) else []
        for m in [*listed(file, doc, "metrics", col), *singular]:
            if not enabled(m):
                continue
            retired = retired_spec(m)
            if retired is not None:
                col.add(file, m.get(LINE), f"metric `{m.get('name')}`", *retired)
                continue
            newer = "type_params" not in m and any(k in m for k in _NEWER_METRIC_KEYS)
            md = newer_metric(m, None, []) if newer else legacy_metric(m)
            if newer and md.get("type") == "simple":
                col.add(
                    file,
                    m.get(LINE),
                    f"metric `{m.get('name')}`",
                    "a simple metric with `agg` must be declared inside its model",
                    "move it under the model's `metrics:` (newer spec) or use type_params.measure",
                )
                continue
            md["__line__"] = m.get(LINE)
            metrics.append((file, md))
        singular = [doc["saved_query"]] if isinstance(doc.get("saved_query"), dict) else []
        for sq in [*listed(file, doc, "saved_queries", col), *singular]:
            if enabled(sq):
                saved.append((file, sq))
        for item in listed(file, doc, "models", col):
            if item.get("name"):
                model_configs[str(item["name"])] = strip_lines(item.get("config") or {})
                if isinstance(item.get("description"), str):
                    descriptions[str(item["name"])] = item["description"]
                if isinstance(item.get("time_spine"), dict):
                    project["time_spine"] = time_spine(item)
            sm, ms = newer_model(item, file, col)
            if sm is not None:
                renames.update(sm.pop("__measure_renames__", {}))
                sms.append((file, sm))
                metrics += [(file, m) for m in ms]
        if "example_questions" in doc:
            project.setdefault("example_questions", []).extend(doc["example_questions"] or [])
        if isinstance(doc.get("project"), dict):
            meta = strip_lines((doc["project"].get("config") or {}).get("meta") or {})
            project.setdefault("example_questions", []).extend(meta.pop("example_questions", []))
            project.update(meta)
    _rename_conversion_inputs(metrics, renames)
    describe_by_reference(sms, descriptions)
    return {
        "semantic_models": sms,
        "metrics": metrics,
        "saved_queries": saved,
        "project": project,
        "model_configs": model_configs,
    }
