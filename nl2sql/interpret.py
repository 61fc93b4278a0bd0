"""One line saying how a question was understood, in the question's language.

Why: the user must be able to see at a glance whether the engine answered *their* question —
"退货率、复购率（按SKU），时间：最近30天 (2026-10-22 ~ 2026-11-20)，条件：退货率 > 15% 且 复购率 < 5%".
Names come from the catalog (labels, synonyms in the right script), never from the SQL.
"""

from __future__ import annotations

from sqlglot import exp

from nl2sql.normalize import has_cjk
from nl2sql.time_axis_note import own_axis_note
from nl2sql.timeparse import TimeMatch, describe, format_range
from semantic_layer.catalog import Catalog
from semantic_layer.display_text import shown
from semantic_layer.errors import QueryError
from semantic_layer.query import SemanticQuery
from semantic_layer.templates import parse_template

_GRAIN = {
    "zh": {"day": "日", "week": "周", "month": "月", "quarter": "季度", "year": "年"},
    "en": {"day": "day", "week": "week", "month": "month", "quarter": "quarter", "year": "year"},
}


def _pick(lang: str, label: str, synonyms: tuple[str, ...], name: str) -> str:
    options = [label, *synonyms]
    if lang == "zh":
        return next((o for o in options if has_cjk(o)), label or name)
    if label and not has_cjk(label):
        return label
    return next((o for o in synonyms if o and not has_cjk(o)), name.replace("_", " "))


def metric_label(catalog: Catalog, name: str, lang: str) -> str:
    """How to name a metric for a reader of ``lang``."""
    m = catalog.metric(name)
    return _pick(lang, m.label, m.synonyms, name) if m else name


def item_label(catalog: Catalog, name: str, lang: str) -> str:
    """How to name a group-by item (dimension, entity or time grain)."""
    if name.startswith("metric_time__"):
        return _GRAIN[lang].get(name.split("__")[1], name)
    d = catalog.dimension(name)
    if d is not None:
        return _pick(lang, d.label, d.synonyms, name.split("__")[-1])
    if name.rsplit("__", 1)[-1] in _GRAIN["en"]:
        base, grain = name.rsplit("__", 1)
        return f"{item_label(catalog, base, lang)} ({_GRAIN[lang][grain]})"
    e = next((e for e in catalog.entities if e.name == name), None)
    if e is not None:
        return _pick(lang, e.label, e.synonyms, name)
    return name


def path_label(catalog: Catalog, name: str, lang: str) -> str:
    """``item_label`` naming the role when the same table is also reached in another role.

    Why: "loans by state" on a model where members are payers and guests takes the
    primary role's path (``payer_member__state``); the line must say so ("State (payer
    member)"), as it already does for the other roles' copies ("State (guest member)").

    >>> from semantic_layer.catalog import CatalogDimension
    >>> cat = Catalog(metrics=(), dimensions=(
    ...     CatalogDimension("payer_member__state", "State", entity="payer_member"),
    ...     CatalogDimension("guest_member__state", "State (guest member)",
    ...                      entity="guest_member")))
    >>> path_label(cat, "payer_member__state", "en"), path_label(cat, "payer_member__state", "zh")
    ('State (payer member)', 'State（payer member）')
    """
    label = item_label(catalog, name, lang)
    d = catalog.dimension(name)
    if d is None or not d.entity or "(" in d.label:
        return label
    suffix = name.rsplit("__", 1)[-1]
    siblings = [
        x
        for x in catalog.dimensions
        if x.name != name
        and x.entity != d.entity
        and x.name.rsplit("__", 1)[-1] == suffix
        and x.label.startswith(f"{d.label} (")
    ]
    if not siblings:
        return label
    role = item_label(catalog, d.entity, lang).replace("_", " ")
    return f"{label}（{role}）" if lang == "zh" else f"{label} ({role})"


def value_label(catalog: Catalog, dim: str, value: object, lang: str) -> str:
    """How to show a filter value (a Chinese synonym for Chinese readers when there is one)."""
    if isinstance(value, bool):
        return ("是" if value else "否") if lang == "zh" else ("yes" if value else "no")
    d = catalog.dimension(dim)
    if d is not None and lang == "zh":
        for word in d.value_synonyms.get(str(value), ()):
            if has_cjk(word):
                return shown(word)
    return shown(str(value))  # a data value's direction controls would reorder the sentence


def metric_caveat(catalog: Catalog, name: str, lang: str) -> str:
    """The metric's ``config.meta.caveat`` for a reader of ``lang`` ("" when it has none).

    >>> from semantic_layer.catalog import CatalogMetric
    >>> cat = Catalog(metrics=(CatalogMetric("r", "r", caveats=(("en", "cut"), ("zh", "截断"))),),
    ...               dimensions=())
    >>> metric_caveat(cat, "r", "zh"), metric_caveat(cat, "r", "fr")
    ('截断', 'cut')
    """
    m = catalog.metric(name)
    if m is None or not m.caveats:
        return ""
    texts = dict(m.caveats)
    return texts.get(lang) or texts.get("") or texts.get("en") or next(iter(texts.values()))


#: a measure's aggregation in words (``semantic_layer.implied``: what an implied metric is)
_AGG_WORDS = {
    "sum": ("sum", "求和"),
    "count": ("count", "计数"),
    "count_distinct": ("distinct count", "去重计数"),
    "average": ("average", "平均值"),
    "min": ("minimum", "最小值"),
    "max": ("maximum", "最大值"),
    "median": ("median", "中位数"),
    "percentile": ("percentile", "百分位数"),
    "sum_boolean": ("count of true values", "为真的行数"),
}


def implied_note(catalog: Catalog, name: str, lang: str) -> str:
    """What an implied metric is ("" for a published one): the answer must not pass a measure
    the owner never published as one of the owner's metrics.

    >>> from semantic_layer.catalog import CatalogMetric
    >>> cat = Catalog(metrics=(CatalogMetric("goals", "goals", agg="sum", implied=True),),
    ...               dimensions=())
    >>> implied_note(cat, "goals", "en")
    'sum of the measure `goals` (the model publishes no metric for it)'
    >>> implied_note(cat, "goals", "zh")
    '度量 `goals` 的求和（模型未发布此指标）'
    """
    m = catalog.metric(name)
    if m is None or not m.implied:
        return ""
    en, zh = _AGG_WORDS.get(m.agg, (m.agg, m.agg))
    if lang == "zh":
        return f"度量 `{m.name}` 的{zh}（模型未发布此指标）"
    return f"{en} of the measure `{m.name}` (the model publishes no metric for it)"


def _fmt_threshold(catalog: Catalog, metric: str, value: float) -> str:
    m = catalog.metric(metric)
    if m is not None and m.value_format == "percent":
        return f"{value * 100:g}%"
    return f"{value:g}"


def where_label(catalog: Catalog, where: str, lang: str) -> str:
    """How to show one ``where`` filter: a metric per entity compared with a number (what the
    rules engine writes, ``rules.entity_conditions``) in words, any other filter as written.

    >>> from semantic_layer.catalog import CatalogMetric
    >>> cat = Catalog(metrics=(CatalogMetric("order_count", "Orders"),), dimensions=())
    >>> where_label(cat, "{{ Metric('order_count', group_by=['customer']) }} > 3", "en")
    'Orders per customer > 3'
    >>> where_label(cat, "{{ Metric('order_count', group_by=['customer']) }} > 3", "zh")
    '每个customer的Orders > 3'
    """
    try:
        t = parse_template(where)
    except QueryError:
        return where
    tree = t.expression
    if (
        len(t.refs) == 1
        and t.refs[0].kind == "metric"
        and len(t.refs[0].group_by) == 1
        and isinstance(tree, exp.Binary)
        and isinstance(tree.this, exp.Column)
        and isinstance(tree.expression, exp.Literal)
    ):
        ref = t.refs[0]
        op = where.split("}}", 1)[1].strip().split(" ", 1)[0]
        metric = metric_label(catalog, ref.name, lang)
        entity = item_label(catalog, ref.group_by[0], lang)
        value = _fmt_threshold(catalog, ref.name, float(tree.expression.this))
        if lang == "zh":
            return f"每个{entity}的{metric} {op} {value}"
        return f"{metric} per {entity} {op} {value}"
    if (
        len(t.refs) == 1
        and t.refs[0].kind == "metric"
        and len(t.refs[0].group_by) == 1
        and isinstance(tree, exp.Is)
        and isinstance(tree.expression, exp.Null)
    ):  # rules.absence: no row of the metric for the entity
        metric = metric_label(catalog, t.refs[0].name, lang)
        entity = item_label(catalog, t.refs[0].group_by[0], lang)
        return f"没有{metric}的{entity}" if lang == "zh" else f"{entity} with no {metric}"
    return where


def interpret(
    query: SemanticQuery, catalog: Catalog, lang: str, time: TimeMatch | None = None
) -> str:
    """The one-line interpretation of ``query``.

    >>> from semantic_layer.catalog import CatalogMetric
    >>> cat = Catalog(metrics=(CatalogMetric("gmv", "GMV"),), dimensions=())
    >>> interpret(SemanticQuery(metrics=["gmv"], limit=3), cat, "en")
    'GMV, top 3'
    >>> interpret(SemanticQuery(group_by=["metric_time__month"]), cat, "zh")
    '列出：月'
    """
    zh = lang == "zh"
    sep, comma, and_ = ("、", "，", " 且 ") if zh else (", ", ", ", " and ")
    head = sep.join(metric_label(catalog, m, lang) for m in query.metrics)
    if not query.metrics and query.group_by:  # a listing: the distinct values of the columns
        groups = sep.join(item_label(catalog, g, lang) for g in query.group_by)
        head = f"列出：{groups}" if zh else f"list of {groups}"
    elif query.group_by:
        groups = sep.join(path_label(catalog, g, lang) for g in query.group_by)
        head += f"（按{groups}）" if zh else f" (by {groups})"
    parts = [head]
    if query.time_range is not None:
        label = describe(time, lang) if time else format_range(query.time_range)
        parts.append(("时间：" if zh else "time: ") + label)
    conds: list[str] = []
    for f in query.filters:
        name = path_label(catalog, f.dimension, lang)
        values = [value_label(catalog, f.dimension, v, lang) for v in f.values]
        if f.op in ("in", "not in"):
            word = ("属于" if f.op == "in" else "不属于") if zh else f.op
            conds.append(f"{name} {word} ({sep.join(values)})")
        else:
            conds.append(f"{name} {f.op} {', '.join(values)}".strip())
        if f.keep_null and f.op in ("!=", "not in"):  # the exclusion keeps rows of no value
            conds[-1] += f"（含无{name}的行）" if zh else f" (rows with no {name} kept)"
    conds += [where_label(catalog, w, lang) for w in query.where]
    for h in query.having:
        conds.append(
            f"{metric_label(catalog, h.metric, lang)} {h.op} "
            f"{_fmt_threshold(catalog, h.metric, h.value)}"
        )
    if conds:
        parts.append(("条件：" if zh else "where: ") + and_.join(conds))
    if query.limit and query.order_by:
        o = query.order_by[0]
        by = (
            metric_label(catalog, o.name, lang)
            if catalog.metric(o.name)
            else item_label(catalog, o.name, lang)
        )
        if query.offset and query.limit == 1:  # "排名第二": the one row at that rank
            rank = query.offset + 1
            parts.append(
                f"{'' if o.descending else '倒数'}第{rank}（按{by}"
                f"{'从高到低' if o.descending else '从低到高'}）"
                if zh
                else f"rank {rank} from the {'top' if o.descending else 'bottom'} by {by}"
            )
        elif zh:
            parts.append(
                f"{'前' if o.descending else '后'}{query.limit}（按{by}"
                f"{'从高到低' if o.descending else '从低到高'}）"
            )
        else:
            parts.append(f"{'top' if o.descending else 'bottom'} {query.limit} by {by}")
    elif query.limit:
        parts.append(f"前{query.limit}" if zh else f"top {query.limit}")
    axis = own_axis_note(query, catalog, lang, item_label)  # "members by month": by whose date
    if axis is not None:
        parts.append(axis)
    notes = [c for m in query.metrics if (c := metric_caveat(catalog, m, lang))]
    text = comma.join(parts)
    implied = [n for m in query.metrics if (n := implied_note(catalog, m, lang))]
    if implied:  # a measure answered as a metric says so, beside the metric's words
        text += ("——" if zh else " — ") + ("；" if zh else "; ").join(implied)
    if notes:  # a metric's known limit travels with every answer that shows it
        text += f"（注意：{'；'.join(notes)}）" if zh else f" (note: {'; '.join(notes)})"
    return text


def row_limit_note(interpretation: str, shown: int, lang: str) -> str:
    """The interpretation with a note that the rows stop at the row limit.

    Why in the interpretation: the CLI's JSON, the Ask page and ``%ask`` all show this line,
    and a list cut at 10,000 rows read as complete is a wrong answer ("flights with air time
    under 1 hour" listed 10,000 of 52,433 flights).

    >>> row_limit_note("Flights (by flight)", 10000, "en")
    'Flights (by flight) — first 10,000 rows only: more rows matched (the row limit)'
    >>> row_limit_note("航班数（按航班）", 10000, "zh")
    '航班数（按航班）——仅显示前10,000行：还有更多行未显示（行数上限）'
    """
    if lang == "zh":
        return f"{interpretation}——仅显示前{shown:,}行：还有更多行未显示（行数上限）"
    return f"{interpretation} — first {shown:,} rows only: more rows matched (the row limit)"
