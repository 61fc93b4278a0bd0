"""记录 ("records") counted in a question is the model's count of rows, never a verb.

Why: "每个州有多少条门诊记录" ("how many outpatient records per state") was answered with the
outpatient *services* total: 记录 is also the verb "to record", which ``read_verbs`` takes as a
word that never changes a query, and 门诊 alone then read as the services metric — a number of
the right shape that is not what was asked. Counted records are rows: the model's count
metrics whose label says "row" / "record" ("Outpatient Detail Row Count") or whose description
says they count rows ("Count of outpatient fact rows."). A Chinese word before 记录 says whose
rows (门诊: the outpatient ones), read as :mod:`nl2sql.rules.modifier_subset` reads a kind
word; several row counts left (one per grain) are settled by the grain rules or asked back.

When the word before 记录 names no row count but is the one thing a count metric counts
(观测记录 → "observation count"), the records are that count. Only in a count question (多少 in
it, or 记录数 / 记录条数); a record word the model has no row count for, or a word before it
that names none of them, is refused, saying what the model
counts rows of — never answered with another metric.
"""

from __future__ import annotations

import re

from nl2sql.lexicon import Sense
from nl2sql.rules.items import Item, Refusal
from nl2sql.rules.modifier_subset import modifier_subset, renders
from nl2sql.rules.state import ParseState
from semantic_layer.catalog import Catalog

#: Chinese for counted records: 记录 and its count forms
RECORD_WORDS = frozenset({"记录", "记录数", "记录条数", "条记录"})
#: words after 记录 that make it a count ("记录 数")
_COUNT_AFTER = frozenset({"数", "条数", "数量", "总数"})
#: the English words a row count's label or description says its rows with
_ROW_WORDS = frozenset({"row", "rows", "record", "records"})
_WORD = re.compile(r"[a-z]+")


def row_counts(catalog: Catalog) -> list[str]:
    """The model's simple count metrics of rows: label or description says row(s) / record(s).

    >>> from semantic_layer.catalog import CatalogMetric
    >>> cat = Catalog(metrics=(
    ...     CatalogMetric("visit_row_count", "Visit Row Count", agg="count"),
    ...     CatalogMetric("visits", "Visits", agg="count", description="Count of visits."),
    ...     CatalogMetric("fact_rows", "Facts", agg="count", description="Count of fact rows."),
    ... ), dimensions=())
    >>> row_counts(cat)
    ['visit_row_count', 'fact_rows']
    """
    out = []
    for m in catalog.metrics:
        if m.metric_type != "simple" or m.agg.lower() != "count":
            continue
        text = f"{m.label or m.name} {m.name.replace('_', ' ')} {m.description or ''}".lower()
        if _ROW_WORDS & set(_WORD.findall(text)):
            out.append(m.name)
    return out


#: words a count's label may add to the thing it counts ("observation count", "number of visits")
_COUNT_WORDS = frozenset({"count", "number", "of", "total"})


def thing_counts(catalog: Catalog, zh: str) -> list[str]:
    """The simple counts whose label is one counted thing ``zh`` renders ("observation
    count" for 观测): records of a thing are its rows, counted.

    >>> from semantic_layer.catalog import CatalogMetric
    >>> cat = Catalog(metrics=(
    ...     CatalogMetric("observation_count", "observation count", agg="count"),
    ...     CatalogMetric("avg_rate", "observation rate", agg="average"),
    ... ), dimensions=())
    >>> thing_counts(cat, "观测"), thing_counts(cat, "订单")
    (['observation_count'], [])
    """
    out = []
    for m in catalog.metrics:
        if m.metric_type != "simple" or m.agg.lower() != "count":  # rows, not distinct things
            continue
        rest = [w for w in _WORD.findall((m.label or m.name).lower()) if w not in _COUNT_WORDS]
        if len(rest) == 1 and renders(zh, rest[0], catalog):
            out.append(m.name)
    return out


def _count_after(p: ParseState, k: int) -> int | None:
    """Index of a count word right after the record word at ``k`` ("记录 条数"), else None."""
    j = k + 1
    while j < len(p.all) and not p.all[j].text.strip():
        j += 1
    if j < len(p.all) and p.all[j].text.strip() in _COUNT_AFTER:
        return j
    return None


#: words before 记录 that make it a condition of having records ("有记录的病房"), not counted
_HAVING = frozenset({"有", "没有", "无", "没"})


def _counted(p: ParseState, k: int) -> bool:
    """Whether the record word at ``k`` is counted: a count word in or after it, or 多少 in
    the question ("有多少条门诊记录", "门诊记录有多少条") — not when the records qualify another
    thing ("有记录的病房有多少个": the wards that have records)."""
    said = [x.text.strip() for x in p.all if x.text.strip()]
    at = [i for i, x in enumerate(p.all) if x.text.strip()].index(k)
    if (at + 1 < len(said) and said[at + 1] == "的") or (at and said[at - 1] in _HAVING):
        return False
    if p.all[k].text.strip().endswith("数") or _count_after(p, k) is not None:
        return True
    return any(x.kind == "role" and x.role == "howmany" for x in p.all)


def _reaching(p: ParseState, names: list[str], skip: range) -> list[str]:
    """Of ``names``, those that reach every breakdown or condition the question names."""
    dims = [
        x for i, x in enumerate(p.all)
        if i not in skip and x.kind == "domain" and x.senses
        and all(s.kind in ("dimension", "value", "entity") for s in x.senses)
    ]  # fmt: skip
    return [
        n for n in names
        if all(any(p.metric_allows(n, s.name) for s in x.senses) for x in dims)
    ]  # fmt: skip


def read_record_counts(p: ParseState) -> None:
    """Read counted 记录 as the model's row count (whose rows: the word before it)."""
    for k, it in enumerate(p.all):
        if it.kind != "unknown" or it.text.strip() not in RECORD_WORDS or not _counted(p, k):
            continue
        names = row_counts(p.catalog)
        b = k - 1
        while b >= 0 and p.all[b].kind == "stop" and p.all[b].text.strip() in ("", "的"):
            b -= 1
        before = p.all[b] if b >= 0 else None
        start = it.start
        if (
            before is not None
            and before.kind in ("unknown", "domain")
            and not before.text.isascii()
        ):
            said = before.text.strip()
            got = modifier_subset(p.catalog, said, names) if len(names) > 1 else None
            if got is not None:
                names = got[1]
            elif not (names and all(_says(p.catalog, said, n) for n in names)):
                names = thing_counts(p.catalog, said)  # 观测记录: the observation count
            start = before.start
        lo = b if start != it.start else k
        hi = _count_after(p, k) or k
        names = _reaching(p, names, range(lo, hi + 1))
        if not names:
            _refuse(p, it)
        if len(names) > 1:  # one per grain, both reaching: which rows is the analyst's to say
            _ask(p, it, names)
        end = p.all[hi].end
        joined = Item("domain", p.result.question[start:end], start, end,
                      senses=[Sense("metric", n) for n in names])  # fmt: skip
        p.all[lo : hi + 1] = [joined]
        p.result.bridged.append(f"{joined.text.strip()} → {_label(p.catalog, names[0])}")
        p.its = [x for x in p.all if x.kind != "stop"]
        return


def _says(catalog: Catalog, zh: str, name: str) -> bool:
    """Whether ``zh`` renders a word of metric ``name``'s label."""
    m = catalog.metric(name)
    return m is not None and any(
        renders(zh, w, catalog) for w in _WORD.findall((m.label or m.name).lower())
    )


def _label(catalog: Catalog, name: str) -> str:
    m = catalog.metric(name)
    return (m.label or m.name) if m is not None else name


def _ask(p: ParseState, it: Item, names: list[str]) -> None:
    labels = [_label(p.catalog, n) for n in names]
    raise Refusal(
        f"'{it.text.strip()}' could be counted as " + " or ".join(labels) + "; say which one",
        zh=f"“{it.text.strip()}”可以按" + "或".join(labels) + "统计；请说明是哪一个",
        words=[it.text.strip()],
        senses=[Sense("metric", n) for n in names],
    )


def _refuse(p: ParseState, it: Item) -> None:
    labels = [m.label or m.name for n in row_counts(p.catalog) if (m := p.catalog.metric(n))]
    has = "; the model counts rows with " + ", ".join(labels) if labels else ""
    has_zh = "；模型中的行数指标：" + "、".join(labels) if labels else "；模型中没有行数指标"
    raise Refusal(
        f"'{it.text.strip()}' counts records (rows), and no row count of the model fits{has}",
        zh=f"“{it.text.strip()}”统计的是记录（行）数，模型中没有对应的行数指标{has_zh}",
        words=[it.text.strip()],
    )
