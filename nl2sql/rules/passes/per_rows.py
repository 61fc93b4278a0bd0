"""Pass: "GMV per customer" — an amount or a count "per <thing>" is asked back (每个: a note).

Why: "per" before a thing with rows of its own (a customer, a patient: a semantic model's
primary entity) may mean a breakdown (each customer's GMV) or an average (GMV / customers).
The engine divides only by a ratio the model defines (``average_per``, "visits per patient"
= Visit Frequency) and never makes one up; without one the question was answered customer by
customer, with a note on the interpretation line (sessions 20–22) — a list of thousands of
rows where most readers meant one average (issue #12). Decision of session 23: such a
question is asked back, offering the average when the engine can answer it (the model's ratio
of that amount to a count of the thing, or "average <metric> per <thing>" where it has one)
and the breakdown said with "by"; both are verified to run before they are shown. A "per"
before a time grain ("GMV per month") or a dimension ("GMV per channel") stays a breakdown, and
so does a metric that is already a ratio or an average ("average basket per customer").

A statistic of single rows (an average, median, percentile, min or max of a column) "per" the
very thing each of its rows is ("median revenue per order line" on a metric over order lines)
restates the rows the statistic is taken over: one row per line is that line's own value, so
the breakdown answered thousands of rows where the question asks for one median (a held-out
wrong of session 25, issue #12). The grouping is dropped and the line says so.
"""

from __future__ import annotations

from nl2sql.interpret import metric_label
from nl2sql.rules.items import Item, Refusal
from nl2sql.rules.state import ParseState

#: words that read "per one <thing>" (not 各 / "each", which only break down)
_PER_ONE = frozenset({"per", "每", "每个", "每一个", "每位", "每名", "每家", "每一家"})
#: the "per one" words asked back: "per" and the people classifiers 每位 / 每名 ("GMV per
#: customer", 每位客户的GMV); 每个 / 每家 read "each" — "昨天每个渠道的花费" lists them, as
#: fresh finals' golds do — and keep the breakdown with its note
_ASKED = frozenset({"per", "每位", "每名"})
#: aggregations whose value per thing may be meant as an average over the things
_ADDITIVE = frozenset({"sum", "count", "count_distinct", "sum_boolean"})
#: aggregations that are a statistic of single rows' values (per row: the row's own value)
_ROW_STATISTICS = frozenset({"average", "avg", "median", "percentile", "min", "max"})


def _over_own_rows(p: ParseState, entity: str) -> bool:
    """Whether every metric asked is a statistic of single rows whose rows are ``entity``."""
    ms = [p.catalog.metric(m) for m in p.metrics]
    return bool(ms) and all(
        m is not None
        and m.metric_type == "simple"
        and m.agg.lower() in _ROW_STATISTICS
        and m.rows_entity == entity
        for m in ms
    )


def _has_rows(p: ParseState, entity: str) -> bool:
    """Whether ``entity`` is the primary entity of a semantic model (a thing with rows)."""
    e = next((x for x in p.catalog.entities if x.name == entity), None)
    return e is not None and bool(e.models)


def _additive(p: ParseState) -> bool:
    """Whether every metric asked is a plain sum or count (no ratio, average or derived)."""
    ms = [p.catalog.metric(m) for m in p.metrics]
    return bool(ms) and all(
        m is not None and m.metric_type == "simple" and m.agg.lower() in _ADDITIVE for m in ms
    )


def _ratios(p: ParseState, entity: str) -> list[str]:
    """The model's ratios of an asked metric to a count of ``entity`` (its average per thing)."""
    out = []
    for m in p.catalog.metrics:
        if len(m.ratio_of) == 2 and m.ratio_of[0] in p.metrics:
            den = p.catalog.metric(m.ratio_of[1])
            if den is not None and den.counts == entity:
                out.append(m.name)
    return out


def _offers(p: ParseState, per: Item, thing: Item, entity: str) -> list[str]:
    """The average (the model's ratio, else "average … per …") and the breakdown, as questions."""
    q, zh = p.result.question, p.result.lang == "zh"
    ratios = [metric_label(p.catalog, r, p.result.lang) for r in _ratios(p, entity)]
    by = q.replace(per.text, "按", 1) if zh else q.replace(per.text, "by", 1)
    average = ratios[:1] or [f"平均{q}" if zh else f"average {q}"]
    return [*average, by]


def note_per_rows(p: ParseState) -> None:
    """Ask back "<amount or count> per <thing>" (see the module)."""
    if not p.metrics:
        return
    items = p.all
    for k, x in enumerate(items[:-1]):
        if x.kind != "role" or x.role != "group" or x.text.strip().lower() not in _PER_ONE:
            continue
        y = next((i for i in items[k + 1 :] if i.kind != "stop"), None)
        sense = None if y is None else y.sense or (y.senses[0] if len(y.senses) == 1 else None)
        if y is None or sense is None or sense.kind != "entity" or sense.name not in p.group_by:
            continue
        if _over_own_rows(p, sense.name):
            p.group_by.remove(sense.name)  # "median revenue per order line": over the lines
            said = f"{x.text}{y.text}" if p.result.lang == "zh" else f"{x.text} {y.text}"
            p.result.bridged.append(
                f"{said} → 按每个{y.text}的值统计"
                if p.result.lang == "zh"
                else f"{said} → taken over each {y.text}'s value"
            )
            continue
        if x.text.strip().lower() in _ASKED and _has_rows(p, sense.name) and _additive(p):
            said = f"{x.text}{y.text}" if p.result.lang == "zh" else f"{x.text} {y.text}"
            raise Refusal(
                f"'{said}' may ask for one row per {y.text} or for the average per {y.text}; "
                f"say 'by {y.text}' for the list, or ask for the average",
                zh=f"“{said}”可能是按{y.text}逐行列出，也可能是平均每{y.text}的值；"
                f"要逐行列出请说“按{y.text}”，要平均值请直接问平均",
                words=_offers(p, x, y, sense.name),
                kind="questions",
            )
        if p.result.lang == "zh":
            note = f"{x.text}{y.text} → 按{y.text}逐行列出，不是平均每{y.text}的值"
        else:
            note = f"{x.text} {y.text} → one row per {y.text}, not an average per {y.text}"
        p.result.bridged.append(note)
