"""Pass: "<noun> with a <metric>" and no threshold — a condition the question never finishes.

Why a refusal: "rentals with a deposit" asks about the rental lines that had some deposit, a
condition on each row whose limit ("above 0"? "over $10"?) is left unsaid. The engine read the
metric as the thing asked and the noun as context, and answered the total deposit of every
line ("rentals with a late fee" gave the late fees of all rentals, "rentals with a cleaning
charge" the count of all lines): wrong answers. With a comparison or a number anywhere after it ("orders
with revenue above 100", "SKUs with 200 or more units sold"), or a ranking word between
("the 2 channels with the lowest GMV"), the phrase is read by the threshold rules as before.
"""

from __future__ import annotations

from nl2sql.interpret import metric_label
from nl2sql.rules.items import Item, Refusal
from nl2sql.rules.passes.amount_spans import FROM_SPAN
from nl2sql.rules.state import ParseState

#: words attaching a condition to the noun before them (general English)
_WITH = frozenset({"with", "having"})
#: articles that may stand between the condition word and the metric
_ARTICLES = frozenset({"a", "an", "any", "some"})


def _spoken(items: list[Item], k: int, step: int) -> int:
    """Index of the first item with text from ``k`` in direction ``step`` (-1 when none)."""
    j = k + step
    while 0 <= j < len(items) and not items[j].text.strip():
        j += step
    return j if 0 <= j < len(items) else -1


def _is_noun(it: Item) -> bool:
    return it.kind == "domain" and any(s.kind in ("entity", "dimension") for s in it.senses)


def _only_metric(it: Item) -> bool:
    return it.kind == "domain" and bool(it.senses) and all(s.kind == "metric" for s in it.senses)


def refuse_bare_with_metric(p: ParseState) -> None:
    """Refuse "<noun> with [a] <metric>" when no comparison or number follows."""
    for k, it in enumerate(p.all):
        if it.text.strip().lower() not in _WITH:
            continue
        before = _spoken(p.all, k, -1)
        if before < 0 or not _is_noun(p.all[before]):
            continue
        j = _spoken(p.all, k, 1)
        while j >= 0 and p.all[j].text.strip().lower() in _ARTICLES:
            j = _spoken(p.all, j, 1)
        if j < 0 or not _only_metric(p.all[j]):
            continue
        rest = p.all[j + 1 :]
        if any(x.kind == "num" or (x.kind == "role" and x.role.startswith("cmp")) for x in rest):
            continue
        if any(x.kind == "time" and FROM_SPAN.match(x.text.strip()) for x in rest):
            continue  # "with postage from 2000 to 2100": years or the amount's range (amount_spans)
        metric = p.all[j]
        name = metric.senses[0].name
        label = metric_label(p.catalog, name, "en") if len(metric.senses) == 1 else metric.text
        noun = p.all[before].text
        raise Refusal(
            f"'{it.text} {metric.text}' puts a condition on {label} without saying how much; "
            f"give a threshold (e.g. '{noun} with {label} above 0') or ask for {label} itself",
            zh=f"“{it.text} {metric.text}”是对{label}的条件，但没有说明界限；"
            f"请给出阈值（如“{label}大于0的{noun}”），或直接问{label}",
            words=[it.text, metric.text],
        )
