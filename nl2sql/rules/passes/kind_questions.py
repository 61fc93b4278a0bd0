"""Pass helpers: "平均一次停车多久", "how long is a session on average" — a question word that
asks for a unit kind names the model's one metric of that kind.

Why: "多久" / "多长时间" / "how long" ask for a duration and "多远" / "how far" for a length,
in whatever unit the model keeps it; the model says which metrics are durations by their units
(``config.meta.unit``, ``duration_minutes``, "in minutes": :func:`nl2sql.rules.units.metric_unit`).
Read as a count, "平均一次停车多久" counted the sessions and refused the average. So when no
metric is named, the one simple metric whose unit is of that kind answers — its average when the
question averages (an average word, or one occasion: 一次/每次/单次) and its total otherwise;
none or several such metrics, and a question asking "how often" (多久一次: an interval, which
no metric holds) are refused with the reason, never answered by another metric. A kind word
beside a metric the question names restates it when that metric is of the kind, and is
refused otherwise ("订单数多久" asks for no duration a count has).
"""

from __future__ import annotations

from typing import NoReturn

from nl2sql.lexicon import Sense
from nl2sql.rules.items import Item, Refusal
from nl2sql.rules.passes.average_one import EVENT_COUNTERS, marker_end
from nl2sql.rules.state import ParseState
from nl2sql.rules.units import metric_unit
from nl2sql.unit_words import kind_of

#: how the refusal names each kind, per language
_KIND_NAMES = {"duration": ("a duration", "时长"), "length": ("a distance", "距离")}


def _kind(it: Item) -> str | None:
    """The unit kind ``it`` asks for ("多久" -> duration), None for any other item."""
    if it.kind == "role" and it.role.startswith("kindq:") and not it.used:
        return it.role.split(":", 1)[1]
    return None


def _metric_kind(p: ParseState, metric: str) -> str | None:
    m = p.catalog.metric(metric)
    unit = metric_unit(m) if m is not None else None
    return kind_of(unit) if unit else None


def _how_often(p: ParseState, k: int) -> bool:
    """Whether the kind word at ``p.all[k]`` is followed by one occasion: "多久一次" asks how
    often (an interval between occasions), not how long one lasts."""
    nxt = p.all[k + 1] if k + 1 < len(p.all) else None
    after = p.all[k + 2] if k + 2 < len(p.all) else None
    return (
        nxt is not None
        and nxt.text.strip() in ("一", "1")
        and after is not None
        and after.text.strip() in EVENT_COUNTERS
    ) or (nxt is not None and nxt.text.strip().lower() in ("often",))


def _averages(p: ParseState) -> tuple[list[Item], list[int]]:
    """What makes the question an average: its unclaimed average words, and the indexes of
    one-occasion markers (一次, 每次 — the latter may already have grouped by its noun)."""
    words = [it for it in p.all if it.kind == "role" and it.role == "avg" and not it.used]
    markers: list[int] = []
    for k in range(len(p.all)):
        end = marker_end(p, k)
        if end is not None:
            markers.extend(range(k, end))
    return words, markers


def _per_one(p: ParseState, markers: list[int], metric: str) -> None:
    """Claim the one-occasion markers: no breakdown by every occasion ("平均每次配送多久" was
    grouped by each delivery) when the occasion is the metric's own rows."""
    m = p.catalog.metric(metric)
    own = m.rows_entity if m is not None else ""
    for k in markers:
        x = p.all[k]
        x.used = True
        if x.kind != "role" or x.role != "group":
            continue
        x.role = "per_ratio"
        noun = p.all[k + 1] if k + 1 < len(p.all) else None
        if noun is not None and noun.kind == "domain" and noun.is_kind("entity"):
            name = p.group_name(noun)
            if name == own and name in p.group_by:
                p.group_by.remove(name)


def metric_by_kind(p: ParseState) -> None:
    """Add the one metric a kind question word asks for when the question names no metric."""
    for k, it in enumerate(p.all):
        kind = _kind(it)
        if kind is None:
            continue
        if _how_often(p, k):
            raise Refusal(
                f"'{it.text}' asks how often, an interval between occasions that no metric of "
                "the model holds; ask for a count by period instead",
                zh=f"“{it.text}”问的是间隔多久一次，模型中没有这样的指标；请按时间问次数",
                words=[it.text],
            )
        words, markers = _averages(p)
        agg = "average" if words or markers else "sum"
        fits = [
            m.name
            for m in p.catalog.metrics
            if m.metric_type == "simple" and m.agg == agg and _metric_kind(p, m.name) == kind
        ]
        if len(fits) > 1:
            _refuse(p, it, kind, fits)
        if not fits:
            return  # settled by the leftovers: no metric of the kind aggregates this way
        it.used = True
        for x in words:
            x.used = True
        _per_one(p, markers, fits[0])
        p.add_metric(fits[0])
        p.result.notes.append(f"'{it.text}' is {fits[0]}, the model's {kind} metric")
        return


def settle_kind_words(p: ParseState, it: Item) -> None:
    """An unclaimed kind word: absorbed beside metrics of its kind, else refused."""
    kind = _kind(it)
    if kind is None:
        return
    if p.metrics and all(_metric_kind(p, m) == kind for m in p.metrics):
        it.used = True  # "平均停车时长是多久": the metric already is that duration
        return
    _refuse(p, it, kind, [m.name for m in p.catalog.metrics if _metric_kind(p, m.name) == kind])


def _refuse(p: ParseState, it: Item, kind: str, names: list[str]) -> NoReturn:
    """Refuse a kind word the question's metrics do not settle, naming the metrics of that
    kind (the suggestions ask for each by name)."""
    en, zh = _KIND_NAMES.get(kind, (kind, kind))
    fits = [m.label or m.name for n in names if (m := p.catalog.metric(n)) is not None]
    listed = ", ".join(fits) if fits else "none"
    raise Refusal(
        f"'{it.text}' asks for {en}; the model's metrics of that kind: {listed} — "
        "name the one you mean",
        zh=f"“{it.text}”问的是{zh}；模型中这类指标有：{'、'.join(fits) if fits else '无'}，"
        "请说出要哪一个",
        words=[it.text],
        senses=[Sense("metric", n) for n in names],
        kind="no_metric",
    )
