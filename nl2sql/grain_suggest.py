"""Runnable suggestions for a question the semantic layer cannot group by time as asked.

Why: a model whose time dimension is recorded by year (a season's start, a fiscal year) cannot
answer "goals by month" — every row would sit in the year's first month, so the semantic layer
refuses it (:class:`semantic_layer.GrainTooFineError`). The refusal must still offer questions
that work: the same question at the recorded grain or a coarser one ("goals by year",
"每年的进球数"), each checked by the engine before it is offered. Only general time-unit
words are rewritten (day, week, month, quarter, year and their Chinese forms).

The same holds for a metric that compares periods (month-over-month growth, an offset) asked
with no period at all (:class:`semantic_layer.PeriodsNeededError`, as MetricFlow refuses it):
the suggestions are the question with a time grain added ("… by month", "每月…").
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from nl2sql.derived import base_query
from nl2sql.interpret import metric_label
from nl2sql.rules import detect_lang, understand
from nl2sql.rules.suggest import ask_metric, example_questions
from semantic_layer import GrainTooFineError, PeriodsNeededError, compile_query
from semantic_layer.catalog import Catalog
from semantic_layer.model import GRAINS

#: English grain words, each form with its counterpart at another grain (same position)
_EN: dict[str, tuple[str, ...]] = {
    "day": ("daily", "days", "day"),
    "week": ("weekly", "weeks", "week"),
    "month": ("monthly", "months", "month"),
    "quarter": ("quarterly", "quarters", "quarter"),
    "year": ("yearly", "years", "year"),
}
#: Chinese grain words (每X / 按X / X度 forms), same positions across grains
_ZH: dict[str, tuple[str, ...]] = {
    "day": ("每天", "按天", "日度"),
    "week": ("每周", "按周", "周度"),
    "month": ("每月", "按月", "月度"),
    "quarter": ("每季度", "按季度", "季度"),
    "year": ("每年", "按年", "年度"),
}
_ZH_ALIASES = {"每日": "每天", "按日": "按天", "每个月": "每月", "每个季度": "每季度"}

Check = Callable[[str], bool]


def _rewrite(question: str, target: str, lang: str) -> str | None:
    """``question`` with every grain word finer than ``target`` said at ``target``."""
    finer = GRAINS[: GRAINS.index(target)]
    out = question
    if lang == "zh":
        for alias, canon in _ZH_ALIASES.items():
            out = out.replace(alias, canon)
        for g in finer:
            for word, new in zip(_ZH[g], _ZH[target], strict=True):
                out = out.replace(word, new)
    else:
        for g in finer:
            for word, new in zip(_EN[g], _EN[target], strict=True):
                out = re.sub(rf"\b{word}\b", new, out, flags=re.IGNORECASE)
    return out if out != question else None


def coarser_grain_questions(
    question: str, exc: Exception, lang: str, labels: list[str], check: Check, limit: int = 3
) -> tuple[str, ...]:
    """Questions at the recorded grain or coarser that ``check`` finds answerable.

    ``labels`` are the asked metrics' names in ``lang``, for a plain "<metric> by year" when
    the question's own grain word cannot be found.

    >>> ok = lambda q: "month" not in q
    >>> err = GrainTooFineError("finer", "quarter")
    >>> coarser_grain_questions("Total Goals by month", err, "en", ["Total Goals"], ok)
    ('Total Goals by quarter', 'Total Goals by year')
    >>> coarser_grain_questions("每月的进球数", err, "zh", ["进球数"], lambda q: True)
    ('每季度的进球数', '每年的进球数')
    >>> coarser_grain_questions("goals", ValueError("x"), "en", ["goals"], ok)
    ()
    """
    if not isinstance(exc, GrainTooFineError) or exc.recorded not in GRAINS:
        return ()
    out: list[str] = []
    for target in GRAINS[GRAINS.index(exc.recorded) :]:
        joined = "和".join(labels) if lang == "zh" else " and ".join(labels)
        plain = f"每{_ZH[target][0][1:]}的{joined}" if lang == "zh" else f"{joined} by {target}"
        for candidate in (_rewrite(question, target, lang), plain if labels else None):
            if candidate and candidate not in out and check(candidate):
                out.append(candidate)
                break
        if len(out) >= limit:
            break
    return tuple(out)


def with_period_questions(
    question: str, lang: str, check: Check, unit: str | None = None, limit: int = 2
) -> tuple[str, ...]:
    """``question`` with a time grain added, as many as ``check`` accepts: the offset's own
    ``unit`` and coarser grains first (a month-over-month change by month, then quarter).

    >>> with_period_questions("Revenue growth M/M by status?", "en", lambda q: True, "month")
    ('Revenue growth M/M by status by month', 'Revenue growth M/M by status by quarter')
    >>> with_period_questions("各状态的收入环比", "zh", lambda q: "季度" in q)
    ('每季度各状态的收入环比',)
    """
    q = question.strip().rstrip("?？。.!！ ")
    out: list[str] = []
    first = GRAINS[GRAINS.index(unit) :] if unit in GRAINS else ("month", "quarter", "year")
    for g in dict.fromkeys([*first, "week", "month", "quarter", "year"]):
        candidate = f"{_ZH[g][0]}{q}" if lang == "zh" else f"{q} by {g}"
        if check(candidate):
            out.append(candidate)
        if len(out) >= limit:
            break
    return tuple(out)


def plain_metric_questions(
    query: Any, catalog: Catalog, lang: str, check: Check, limit: int = 3
) -> tuple[str, ...]:
    """The query's metrics asked on their own, then the model's example questions, as many
    as ``check`` accepts (in ``lang``: an English label is asked as "Label是多少").

    >>> from semantic_layer.catalog import Catalog, CatalogMetric
    >>> from semantic_layer.query import SemanticQuery
    >>> cat = Catalog(metrics=(CatalogMetric("visits", "Visits"), CatalogMetric("fee", "Fee")),
    ...               dimensions=(), entities=())
    >>> q = SemanticQuery(metrics=["fee"])
    >>> plain_metric_questions(q, cat, "zh", lambda q: True)
    ('Fee是多少', 'Visits是多少')
    """
    asked = [metric_label(catalog, m, lang) for m in (query.metrics if query else [])]
    out: list[str] = []
    for text in [*(ask_metric(label, lang) for label in asked), *example_questions(catalog, lang)]:
        if text not in out and check(text):
            out.append(text)
        if len(out) >= limit:
            break
    return tuple(out)


def grain_tips(
    question: str,
    exc: Exception,
    query: Any,
    catalog: Catalog,
    model: Any,
    today: Any,
    context: Any,
) -> tuple[str, ...]:
    """The suggestions above for ``ask``: each candidate understood and compiled.

    Any other build error (the model cannot express what was understood) offers the asked
    metrics on their own, then the model's example questions, each checked the same way: a
    refusal that reached the user as "cannot build a query: unknown dimension `booking`"
    had no suggestion at all.
    """
    lang = detect_lang(question)

    def check(candidate: str) -> bool:
        got = understand(candidate, catalog, today, context)
        if got.refused or got.query is None:
            return False
        derived = getattr(got, "derived", None)
        try:
            compile_query(model, got.query if derived is None else base_query(got.query, derived))
        except Exception:
            return False
        return True

    if isinstance(exc, PeriodsNeededError):
        return with_period_questions(question, lang, check, exc.grain)
    if not isinstance(exc, GrainTooFineError):
        return plain_metric_questions(query, catalog, lang, check)
    labels = [metric_label(catalog, m, lang) for m in (query.metrics if query else [])]
    return coarser_grain_questions(question, exc, lang, labels, check)
