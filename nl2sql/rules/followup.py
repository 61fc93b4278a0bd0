"""Follow-up questions: "那京东呢？", "只看上个月", "按周看", "and by month?".

Why merge into the previous *semantic query* and not the previous text: the query is what the
user saw answered, it is small and JSON-serialisable (a page or a notebook session keeps it
between questions), and a follow-up changes one part of it — a filter value, the time range, a
grain, the metric — while everything else stays. Each change is said back to the user in the
question's language, so a follow-up never silently becomes a different question.

A question is a follow-up when it cannot stand alone (it names no metric) or when it says so
("what about", "only", "那…呢", "换成"); a complete new question replaces the context.

>>> from semantic_layer.query import SemanticQuery
>>> context_query({"query": SemanticQuery(metrics=["gmv"]).model_dump(mode="json")}).metrics
['gmv']
>>> context_query(None) is None
True
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from pydantic import BaseModel, ValidationError

from nl2sql.derived import Derived
from nl2sql.interpret import item_label, metric_label, value_label
from nl2sql.rules.context_trust import (
    trusted_derived,
    trusted_having,
    trusted_names,
    trusted_rows,
    trusted_where,
)
from nl2sql.rules.items import Refusal
from nl2sql.rules.passes.settle_comparisons import settle_comparisons
from nl2sql.timeparse import describe
from semantic_layer.query import (
    DimensionFilter,
    MetricThreshold,
    OrderBy,
    SemanticQuery,
    TimeRange,
)

if TYPE_CHECKING:
    from nl2sql.rules.state import ParseState

#: words that open a follow-up in Chinese and that the tokenizer keeps as stop words
_ZH_OPENERS = ("那", "那么", "那如果", "再")


def context_query(context: Any) -> SemanticQuery | None:
    """The previous semantic query from what a caller kept: an ``Answer``, its
    ``followup_context()`` dict, a query dict, a :class:`SemanticQuery`, or None."""
    if context is None:
        return None
    if isinstance(context, SemanticQuery):
        return context
    query = getattr(context, "query", None)
    if isinstance(query, SemanticQuery):
        return query
    if isinstance(context, dict):
        raw = context.get("query", context)
        if raw is None:
            return None
        unknown = unknown_context_keys(context)
        if unknown:
            names = ", ".join(unknown[:3])
            raise Refusal(
                f"the follow-up context holds fields no answer writes ({names}); ask the whole "
                "question again instead of a follow-up",
                zh=f"追问的上下文里有回答不会生成的字段（{names}）；请把问题完整地重新问一遍",
            )
        try:
            # strict, from JSON text: a page sends JSON, and the lax reading of a dict turned
            # "limit": true into LIMIT 1, "5" into LIMIT 5 and "descending": "yes" into a sort
            return SemanticQuery.model_validate_json(json.dumps(raw, default=str), strict=True)
        except ValidationError as exc:
            # each problem as "where: what" (pydantic's own text adds the library's version URL)
            why = "; ".join(
                f"{'.'.join(str(p) for p in e['loc']) or 'query'}: {e['msg']}"
                for e in exc.errors()[:3]
            )
            raise Refusal(
                f"the follow-up context is not a semantic query ({why}); ask the whole question "
                "again instead of a follow-up",
                zh=f"追问的上下文不是语义查询（{why}）；请把问题完整地重新问一遍",
            ) from None
        except ValueError as exc:
            raise Refusal(
                f"the follow-up context is not a semantic query: {exc}",
                zh=f"追问的上下文不是语义查询：{exc}",
            ) from None
    kind = type(context).__name__
    raise Refusal(
        f"the follow-up context must be a previous answer or its query, not {kind}",
        zh=f"追问的上下文必须是上一个回答或它的查询，而不是 {kind}",
    )


#: the keys of :meth:`nl2sql.answer.Answer.followup_context` and the models inside its query
_CONTEXT_KEYS = frozenset({"question", "query", "derived"})
_NESTED: dict[str, type[BaseModel]] = {
    "filters": DimensionFilter,
    "having": MetricThreshold,
    "order_by": OrderBy,
    "time_range": TimeRange,
}


def unknown_context_keys(context: dict[str, Any]) -> list[str]:
    """Keys of a follow-up context (and of the query inside it) that no answer writes.

    Why refuse them: the context comes back from a client, and a field the engine ignored
    without a word (``"sql"``, ``"user"``, a misspelt ``"limt"``) hid the attempt or the
    mistake, as unknown fields of a request body would (those are a 400).

    >>> unknown_context_keys({"question": "q", "query": {"metrics": ["gmv"], "limt": 5,
    ...     "order_by": [{"name": "gmv", "desc": True}]}, "sql": "SELECT 1"})
    ['sql', 'query.limt', 'query.order_by.desc']
    >>> unknown_context_keys({"metrics": ["gmv"]})  # a bare query dict
    []
    """
    bad: list[str] = []
    raw = context
    if "query" in context:
        bad += [str(k) for k in context if k not in _CONTEXT_KEYS]
        raw, where = context["query"], "query."
    else:
        where = ""
    if not isinstance(raw, dict):
        return bad
    bad += [f"{where}{k}" for k in raw if k not in SemanticQuery.model_fields]
    for field, model in _NESTED.items():
        items = raw.get(field)
        for item in items if isinstance(items, list) else [items]:
            if isinstance(item, dict):
                bad += [f"{where}{field}.{k}" for k in item if k not in model.model_fields]
    return bad


def context_derived(context: Any) -> Derived | None:
    """The share / change the previous answer computed (kept by a follow-up), if any."""
    if isinstance(context, dict):
        return Derived.from_json(context.get("derived"))
    return Derived.from_json(getattr(context, "derived", None))


def _keep_derived(p: ParseState, zh: bool) -> None:
    """A follow-up keeps the previous share / change ("各渠道GMV占比" → "那上个月呢" is still a
    share), or adds its own ("那占比呢"); either is checked against the merged query."""
    if p.derived is None:
        p.derived = p.context_derived
    elif p.derived != p.context_derived:
        if p.derived.kind == "share":
            p.changes.append("改为占比" if zh else "now as a share of total")
        elif p.derived.kind == "periods":
            p.changes.append("改为时段对比" if zh else "now comparing the named periods")
        else:
            p.changes.append("改为同比/环比" if zh else "now as a change over time")
    if p.derived is not None:
        settle_comparisons(p)


def is_followup(p: ParseState) -> bool:
    """Whether the question continues the context instead of starting afresh."""
    if p.context is None:
        return False
    if any(it.kind == "role" and it.role == "followup" for it in p.its):
        return True
    first = next((it for it in p.all if it.text.strip()), None)
    if first is not None and (first.text in _ZH_OPENERS or first.role == "and"):
        return True
    return not p.named_metrics


def _fmt_filter(p: ParseState, f: DimensionFilter, lang: str) -> str:
    name = item_label(p.catalog, f.dimension, lang)
    values = ", ".join(value_label(p.catalog, f.dimension, v, lang) for v in f.values)
    return f"{name} {f.op} {values}"


def _merge_filters(p: ParseState, prev: SemanticQuery, zh: bool, lang: str) -> None:
    mine = {f.dimension for f in p.filters}
    for f in p.filters:
        old = next((o for o in prev.filters if o.dimension == f.dimension), None)
        if old is None:
            p.changes.append(("新增条件 " if zh else "added ") + _fmt_filter(p, f, lang))
        elif old != f:
            was = _fmt_filter(p, old, lang)
            p.changes.append(
                f"{_fmt_filter(p, f, lang)}（原为 {was}）"
                if zh
                else f"{_fmt_filter(p, f, lang)} instead of {was}"
            )
    p.filters = [f for f in prev.filters if f.dimension not in mine] + p.filters


def _merge_groups(p: ParseState, prev: SemanticQuery, zh: bool, lang: str) -> None:
    new_time = [g for g in p.group_by if g.startswith("metric_time__")]
    kept = [g for g in prev.group_by if not (new_time and g.startswith("metric_time__"))]
    added = [g for g in p.group_by if g not in prev.group_by]
    if added:
        names = ", ".join(item_label(p.catalog, g, lang) for g in added)
        p.changes.append(f"改为按{names}" if zh else f"now by {names}")
    p.group_by = kept + [g for g in p.group_by if g not in kept]


def _merge_time(p: ParseState, prev: SemanticQuery, zh: bool) -> None:
    if p.result.time is not None:
        if prev.time_range != p.result.time.range:
            label = describe(p.result.time, "zh" if zh else "en")
            p.changes.append(f"时间改为{label}" if zh else f"time changed to {label}")
    else:
        p.inherited_time = prev.time_range


def merge_context(p: ParseState) -> None:
    """Pass: fold a follow-up into the previous query (no-op without a context)."""
    prev = p.context
    if prev is None or not is_followup(p):
        return
    prev = trusted_names(trusted_rows(prev))
    lang = p.result.lang
    zh = lang == "zh"
    p.context_derived = trusted_derived(p.context_derived, prev, p.catalog)
    if p.named_metrics and p.named_metrics != prev.metrics:
        names = ", ".join(metric_label(p.catalog, m, lang) for m in p.metrics)
        p.changes.append(f"指标改为{names}" if zh else f"metric changed to {names}")
    elif not p.named_metrics:
        p.metrics = list(prev.metrics)
    _merge_filters(p, prev, zh, lang)
    _merge_groups(p, prev, zh, lang)
    _merge_time(p, prev, zh)
    _keep_derived(p, zh)
    kept = trusted_having(prev.having)
    p.having = kept + [h for h in p.having if h not in kept]
    # "customers with more than 3 orders" stays a condition, when the engine wrote it
    p.inherited_where = trusted_where(prev.where, p.catalog)
    if not p.order_by and p.limit is None:
        if prev.limit is not None:  # a ranking stays a ranking; a default order is redone
            p.order_by, p.limit = list(prev.order_by), prev.limit
    elif p.limit is not None and (p.limit, p.order_by) != (prev.limit, prev.order_by):
        o = p.order_by[0]
        by = metric_label(p.catalog, o.name, lang)
        if zh:
            p.changes.append(f"{'前' if o.descending else '后'}{p.limit}（按{by}）")
        else:
            p.changes.append(f"{'top' if o.descending else 'bottom'} {p.limit} by {by}")
    if not p.changes:
        raise Refusal(
            "the follow-up changes nothing in the previous question; "
            "name the filter, time or breakdown to change",
            zh="这个追问没有改变上一个问题；请说明要换的条件、时间或维度",
        )
