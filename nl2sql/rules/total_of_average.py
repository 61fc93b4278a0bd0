"""A total asked of an amount the model only averages: refuse, never give the average.

Why: a model may define only the average of a column ("Average weight (kg)", ``agg: average``)
and no sum of it. "What is the total weight of all observations?" / "总重量是多少" reached that
metric through its noun ("weight", "重量") and was answered with the average: a number of the
right unit that is not what was asked, off by a factor of the row count. When the model has a
sum of the same noun, :func:`nl2sql.rules.metric_names.aggregated_metric` already picks it;
this check is for the metric that is left an average.

The total word is read where :func:`~nl2sql.rules.metric_names.aggregated_metric` reads the
average one: right before the metric's phrase (a stop word or one other word between), or, in
Chinese, fused to the phrase's front ("总重") or after the phrase ("单价合计", "重量的总和":
Chinese puts the total word after what it totals as often as before). An average word nearer the phrase ("total average
weight", "总平均体重") keeps the average; a period word ("total daily weight") is left to the
period rules.

>>> from semantic_layer.catalog import CatalogMetric
>>> is_average(CatalogMetric("average_weight_kg", "Average weight (kg)", agg="average"))
True
>>> is_average(CatalogMetric("total_readings", "Total readings", agg="count"))
False
>>> is_average(CatalogMetric("avg_stay", "Average Stay", metric_type="ratio"))
True
>>> is_average(CatalogMetric("stay_rate", "Stay Rate", metric_type="ratio"))
False
"""

from __future__ import annotations

import re

from nl2sql.rules.items import Item, Refusal
from nl2sql.rules.state import ParseState
from nl2sql.vocabulary.english import AVERAGE_AGGS
from semantic_layer.catalog import CatalogMetric

_CJK = re.compile(r"[\u3400-\u9fff]")
#: words that ask for the sum of an amount ("overall", "一共", "总共" also say "in all" of an
#: average, so they are not read here)
TOTAL_WORDS = frozenset({"total", "sum", "summed", "总", "总计", "合计", "总和"})
#: a Chinese phrase starting with one of these is the total of the rest ("总重量", "合计金额")
_TOTAL_PREFIXES = ("合计", "总")
#: "总平均" / "总体" are not totals of the rest ("总体重" is: "总" + "体重")
_NOT_TOTAL_PREFIXES = ("总平均", "总体平均", "总均")
#: a phrase holding one of these names the average itself ("total average weight")
_AVERAGE_WORDS = re.compile(r"\b(?:average|avg|mean)\b|平均|均值")


#: a ratio the owner names as an average ("Average Length of Stay" = days / stays)
_AVERAGE_NAME = re.compile(r"^(?:average|avg|mean)\b|^平均")


def is_average(m: CatalogMetric) -> bool:
    """Whether ``m`` is a plain average of a column (a simple metric with ``agg: average``), or
    a ratio whose label (or name) starts with an average word: "total length of stay" reached
    "Average Length of Stay" (total days / stays) and was answered with the average."""
    if m.metric_type == "simple":
        return m.agg.lower() in AVERAGE_AGGS
    if m.metric_type not in ("ratio", "derived"):
        return False
    named = (m.label or m.name.replace("_", " ")).strip().lower()
    return bool(_AVERAGE_NAME.search(named))


def _total_before(before: list[Item]) -> str | None:
    """The total word right before a phrase (``before`` nearest last), None when an average
    word, a period word or a second content word comes first."""
    seen = 0
    for x in reversed(before):
        text = x.text.strip().lower()
        if x.kind == "role" and (x.role == "avg" or x.role.startswith("grainadj:")):
            return None
        if text in TOTAL_WORDS:
            return x.text.strip()
        if x.kind != "stop":
            seen += 1
            if seen >= 2:
                return None
    return None


#: Chinese total words that follow what they total ("单价合计", "重量的总和")
_TOTAL_AFTER = frozenset({"总计", "合计", "总和"})


def _total_after(after: list[Item]) -> str | None:
    """A Chinese total word right after a phrase (``after`` nearest first, "的" between)."""
    for x in after[:2]:
        text = x.text.strip()
        if text in _TOTAL_AFTER:
            return text
        if not (x.kind == "stop" and text == "的"):
            return None
    return None


def _fused_total(it: Item, m: CatalogMetric) -> str | None:
    """The total prefix of a Chinese phrase ("总重" -> "总"), None when there is none or the
    metric's own label says "total" (总支付 for "Avg Total Payments": the label's word, not a
    sum asked of the average)."""
    text = it.text.strip()
    if not _CJK.search(text) or text.startswith(_NOT_TOTAL_PREFIXES):
        return None
    if "total" in re.findall(r"[a-z]+", (m.label or m.name).lower().replace("_", " ")):
        return None
    return next((w for w in _TOTAL_PREFIXES if text.startswith(w) and len(text) > len(w)), None)


def check_total_of_average(p: ParseState) -> None:
    """Refuse a total word on a phrase resolved to an average metric (see the module doc)."""
    for pos, it in enumerate(p.all):
        sense = it.sense
        if sense is None or sense.kind != "metric":
            continue
        m = p.catalog.metric(sense.name)
        if m is None or not is_average(m):
            continue
        if _AVERAGE_WORDS.search(it.text.lower()):
            continue
        word = _fused_total(it, m) or _total_before(p.all[:pos]) or _total_after(p.all[pos + 1 :])
        if word is None:
            continue
        raise Refusal(
            f"'{word}' asks for the total, and the model only has {m.label}, an average; "
            f"ask for the average ({m.label}) instead",
            zh=f"“{word}”要求合计，而模型中只有平均值指标{m.label}，没有合计；请改问平均值",
            words=[word],
            kind="negation",  # the word must not be rewritten away by a suggestion
        )
