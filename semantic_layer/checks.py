"""OrderLens's own checks of a model, each adding structured issues with file and line.

Why our own on top of dbt-semantic-interfaces' validator: DSI reports missing references late
and without the fix; these checks name the closest existing name ("did you mean ..."), check
the NL metadata OrderLens reads (synonyms, value synonyms, formats), and refuse model
expressions that are statements (``COPY``, ``ATTACH``, ``INSTALL``...) with the file and line
of the element, before anything is compiled.
"""

from __future__ import annotations

import difflib
from typing import Any

from dbt_semantic_interfaces.type_enums import MetricType
from sqlglot import exp

from semantic_layer.errors import QueryError
from semantic_layer.issues import IssueCollector
from semantic_layer.model import DimensionDef, EntityDef, SemanticModel
from semantic_layer.resolve import Resolver, parse_item
from semantic_layer.templates import Ref, parse_template
from semantic_layer.value_formats import FORMATS, meta_format
from semantic_layer.yaml_reader import LINE


def check_expressions(raw_sms: list[tuple[str, dict]], col: IssueCollector) -> None:
    """Every ``expr`` of an entity, dimension or measure is one plain SQL expression.

    Checked on the YAML as written, so the issue carries the element's own line.
    """
    for file, sm in raw_sms:
        for kind in ("entities", "dimensions", "measures"):
            for el in sm.get(kind) or []:
                text = el.get("expr") if isinstance(el, dict) else None
                if text is None or isinstance(text, bool):
                    continue
                try:
                    parse_template(str(text), allow_columns=True)
                except QueryError as exc:
                    col.add(
                        file,
                        el.get(LINE) or sm.get(LINE),
                        f"`{el.get('name')}` of semantic model `{sm.get('name')}`",
                        str(exc),
                        "write one SQL expression over the table's columns in `expr`",
                    )


def suggest(name: str, options: list[str]) -> str:
    """ "did you mean `x`?" for the closest option (compared case-insensitively), else a list."""
    by_lower = {o.lower(): o for o in options}
    close = difflib.get_close_matches(name.lower(), list(by_lower), n=1)
    return (
        f"did you mean `{by_lower[close[0]]}`?"
        if close
        else f"use one of: {', '.join(sorted(options)[:12])}"
    )


def check_references(sms, metrics, origins, col: IssueCollector) -> None:
    measures = {m.name: sm for sm in sms for m in sm.measures}
    # a measure with `create_metric: true` becomes a metric in dbt's transformations, so other
    # metrics may name it as their input
    created = {m.name for sm in sms for m in sm.measures if getattr(m, "create_metric", False)}
    metric_names = {m.name for m in metrics} | created
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
                    suggest(t, time_dims) if time_dims else "declare a time dimension",
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
        file = origins.get(("metric", m.name), "")  # a made input has none
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
                    suggest(tp.measure.name, list(measures)),
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
                    suggest(tp.measure.name, list(measures)),
                )
        for what, ref in refs:
            if ref not in metric_names:
                col.add(
                    file,
                    line,
                    f"metric `{m.name}`",
                    f"{what} `{ref}` is not a metric",
                    suggest(ref, sorted(metric_names)),
                )
        for w in m.filter.where_filters if m.filter else []:
            try:
                parse_template(w.where_sql_template)
            except QueryError as exc:
                col.add(
                    file, line, f"metric `{m.name}` filter", str(exc), "fix the filter template"
                )


def check_nl_meta(sms, metrics, origins, col: IssueCollector) -> None:
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
        if fmt is not None and meta_format(meta) is None:  # another tool's format: never fatal
            col.warn(
                file,
                line,
                what,
                f"`config.meta.format` is `{fmt}`, not a format OrderLens reads: the format is "
                "inferred (a rate reads as a percent)",
                f"to set it for OrderLens, use one of {', '.join(FORMATS)} "
                "(or a mapping whose `type` is one of them)",
            )

    for sm in sms:
        file = origins[("semantic_model", sm.name)]
        line = sm.metadata.file_slice.start_line_number if sm.metadata else None
        check(file, line, f"semantic model `{sm.name}`", sm.config)
        for el in [*sm.entities, *sm.dimensions, *sm.measures]:
            check(file, line, f"`{el.name}` of `{sm.name}`", el.config)
    for m in metrics:
        line = m.metadata.file_slice.start_line_number if m.metadata else None
        check(origins.get(("metric", m.name), ""), line, f"metric `{m.name}`", m.config)


def _metric_filter_ref(ref: Ref, r: Resolver) -> exp.Expr:
    """Check a ``{{ Metric('x', ['entity']) }}`` in a metric's filter without compiling it.

    MetricFlow allows metric filters in metric definitions (``active_listings``: listings with
    more than 2 bookings); the compiler joins the per-entity metric when the metric is queried.
    Here only what can be wrong in the YAML is checked: the metric exists and names the
    entities it is computed per, each resolvable from the filtered metric's model.
    """
    r.model.metric(ref.name)
    if not ref.group_by:
        raise QueryError(
            f"{{{{ Metric('{ref.name}') }}}} needs group_by=[...] (the entity it is computed per)"
        )
    for name in ref.group_by:
        r.item(parse_item(r.model, name))
    return exp.column(ref.name)


def check_templates(model: SemanticModel, col: IssueCollector) -> dict[str, str]:
    """Every ``{{ Dimension(...) }}`` in expressions and filters resolves from its node.

    A model element that does not resolve is an error. A metric whose own filter or expr does
    not resolve (``{{ Metric('a_measure', ...) }}``, a dimension no join reaches) is returned
    ``{metric: problem}`` for the loader to leave out: dbt parses such a project and MetricFlow
    fails only the queries that ask for that metric.
    """
    broken: dict[str, str] = {}
    for node in model.nodes.values():
        r = Resolver(model, node.name)
        elements: list[DimensionDef | EntityDef] = [
            *node.dimensions.values(),
            *node.entities.values(),
        ]
        for el in elements:
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
        r.metric_hook = _metric_filter_ref
        try:
            r.expression(m.simple.expr)
            for f in m.simple.filters:
                r.condition(f)
        except Exception as exc:
            broken[m.name] = str(exc)
    return broken
