"""A count metric said after "all" beside another metric: the rows that metric is taken over.

Why: "the average soil temperature across all readings", "所有读数的平均土温" name the Total
Readings count with the word for the rows (readings) after "all"; read as a second
metric, the answer put a count beside the average the user asked for, and a unit the
question gave for the average ("in Fahrenheit") was then refused for the count. "all" says
every row is taken, so the count is dropped when it counts the very rows of the first metric
(the same time axis, every row: :func:`every_row_count`); a count of a part of the rows
(checked as the rows' words by ``passes.phrases.check_metric_as_rows``), a count asked without "all"
("average soil temperature and readings") and a count asked alone are left as they are.

A plain count of *other* rows after "all" ("net takings across all refunds": Refunds are
counted on their own date, net takings are taken over sales) is refused: answered, the figure
was the net takings of every sale with a count of refunds beside it, while the question asks
for net takings the refunds do not carry (probes18). The refusal offers the question
without the phrase.
"""

from __future__ import annotations

from nl2sql.interpret import metric_label
from nl2sql.rules.items import Item, Refusal
from nl2sql.rules.state import ParseState
from semantic_layer.catalog import CatalogMetric
from semantic_layer.measure_facts import is_sum_of_one

#: "all" words; in English only after a word that says which rows ("across all", "of all")
_ALL_EN = frozenset({"all"})
_ROWS_EN = frozenset({"across", "over", "of", "for", "in", "among", "on"})
_ALL_ZH = frozenset({"所有", "全部"})


def every_row_count(m: CatalogMetric) -> bool:
    """Whether ``m`` counts every row of its table: a count or distinct count of a column, or
    a sum of 1, with no metric filter and no condition in its expression.

    Why not ``counts_rows``: a sum of a yes/no column ("Late Returns") or a filtered count
    ("cancelled orders") counts a part of the rows; said after "all" it names that part, and
    dropped as "the rows" the answer was taken over every row ("average pickup wait
    across all late returns" gave the wait of all rides; probes18).
    """
    expr = (m.measure_expr or "").lower()
    plain = m.agg in ("count", "count_distinct") or is_sum_of_one(m.agg, m.measure_expr or "")
    return plain and not m.filtered and "case" not in expr.split() and " when " not in expr


def _said_after_all(p: ParseState, it: Item) -> bool:
    k = next((n for n, y in enumerate(p.all) if y is it), -1)
    before = [y.text.strip().lower() for y in p.all[:k] if y.text.strip()] if k > 0 else []
    if before and before[-1] in _ALL_ZH:
        return True
    return len(before) >= 2 and before[-1] in _ALL_EN and before[-2] in _ROWS_EN


def _without_phrase(p: ParseState, it: Item) -> str:
    """The question without "across all <rows>" / "所有<rows>的" (the phrase that named ``it``)."""
    q = p.result.question
    k = next((n for n, y in enumerate(p.all) if y is it), -1)
    said = [y for y in p.all[:k] if y.text.strip()]
    lead = said[-1] if said and said[-1].text.strip() in _ALL_ZH else said[-2]
    end = it.end
    if q[end : end + 1] == "的":
        end += 1
    return " ".join(f"{q[: lead.start]} {q[end:]}".split()).replace(" ,", ",")


def _refuse_other_rows(p: ParseState, it: Item, count: str, others: list[str]) -> None:
    """Refuse a plain count of other rows said after "all" (see the module's docstring)."""
    lang_en = [metric_label(p.catalog, n, "en") for n in (count, *others)]
    lang_zh = [metric_label(p.catalog, n, "zh") for n in (count, *others)]
    rest = _without_phrase(p, it)
    raise Refusal(
        f"'all {it.text}' names the rows of {lang_en[0]}, which {', '.join(lang_en[1:])} is not "
        f"taken over; ask '{rest}' for {', '.join(lang_en[1:])} over its own rows, or name both",
        zh=f"“所有{it.text}”指{lang_zh[0]}的记录，而{'、'.join(lang_zh[1:])}并不按这些记录计算；"
        f"请问“{rest}”，或把两个指标都说出来",
        words=[rest],
        kind="questions",
    )


def drop_all_rows_count(p: ParseState) -> None:
    """Remove a count metric named right after "across all" / "所有" when other metrics are
    asked and the count counts their own rows (every one on its time axis); note it. A plain
    count of rows none of the other metrics is taken over is refused."""
    if len(p.metrics) < 2:
        return
    for it in p.all:
        if it.kind != "domain":
            continue
        names = {s.name for s in it.senses if s.kind == "metric"} & set(p.metrics)
        if len(names) != 1 or not _said_after_all(p, it):
            continue
        m = p.catalog.metric(names.pop())
        others = [p.catalog.metric(n) for n in p.metrics if m is None or n != m.name]
        if (
            m is not None
            and every_row_count(m)
            and m.agg_time_dimension
            and all(o is not None and o.agg_time_dimension != m.agg_time_dimension for o in others)
        ):
            _refuse_other_rows(p, it, m.name, [o.name for o in others if o is not None])
        if (
            m is None
            or any(o is None or o.agg_time_dimension != m.agg_time_dimension for o in others)
            or not every_row_count(m)
            or not m.agg_time_dimension
        ):
            continue
        p.metrics.remove(m.name)
        p.result.notes.append(f"'{it.text}' after 'all' is the rows taken, not {m.name}")
        return
