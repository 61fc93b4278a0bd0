"""A sum word before a number the model keeps as a dimension: "total bench tray slots".

Why a refusal: "total tray slots of benches" asks for one number, the slots added up. The
model has no metric summing them (tray slots is a categorical dimension of each bench), so the
engine grouped the benches by tray slots and answered a count per value (on a held-out lodging
model, a question of this shape) — a table of counts for a question about a sum (issue #12; "total stay length" answered a count and an average the
same way). The sum of a dimension is not something the semantic layer can compute, so the
question is refused with the breakdown it can give, named as such.

Only a numeric dimension (every known value a number: a quantity, not a name) right after a
sum word ("total", "sum of", 总, 合计) or after a count whose words begin with one ("total
bench"); "total sales by region" groups by a named breakdown and is not touched.
"""

from __future__ import annotations

from nl2sql.interpret import item_label, metric_label
from nl2sql.rules.items import Item, Refusal
from nl2sql.rules.state import ParseState
from nl2sql.vocabulary.values import number_column

#: words asking for the sum of what follows (general English and Chinese)
SUM_WORDS = frozenset({"total", "sum", "总", "合计", "总计", "总和"})
#: words that may stand between the sum word and the dimension ("sum of the tray slots")
_BETWEEN = frozenset({"of", "the", "all", "的"})


def _numeric(p: ParseState, name: str) -> bool:
    """Whether ``name`` is a categorical dimension of numbers, as
    ``passes.dimension_comparisons`` reads it (:func:`~nl2sql.vocabulary.values.number_column`)."""
    d = p.catalog.dimension(name)
    return d is not None and number_column(p.catalog, d)


def _sum_before(p: ParseState, it: Item) -> bool:
    """Whether a sum word (or a count spelled with one) comes right before ``it``."""
    pos = next((k for k, x in enumerate(p.all) if x is it), -1)
    k = pos - 1
    while k >= 0 and (not p.all[k].text.strip() or p.all[k].text.strip().lower() in _BETWEEN):
        k -= 1
    if k < 0:
        return False
    before = p.all[k]
    words = before.text.strip().lower().split()
    if before.kind == "stop":
        return bool(words) and words[-1] in SUM_WORDS
    return before.kind == "domain" and len(words) > 1 and words[0] in SUM_WORDS


def refuse_summed_dimension(p: ParseState, it: Item, name: str) -> None:
    """Refuse a numeric dimension asked for as a sum (module doc); nothing otherwise."""
    if not _numeric(p, name) or not _sum_before(p, it):
        return
    d = p.catalog.dimension(name)
    entity = d.entity if d is not None else None
    counts = [m.name for m in p.catalog.metrics if entity and m.counts == entity]
    zh = p.result.lang == "zh"
    dim = item_label(p.catalog, name, "zh" if zh else "en")
    asks = []
    if counts:
        m = metric_label(p.catalog, counts[0], "zh" if zh else "en")
        asks.append(f"按{dim}统计{m}" if zh else f"{m} by {dim}")
    raise Refusal(
        f"'{it.text}' is kept as a dimension of each row, not as a metric, so its total "
        f"cannot be computed here; ask for a breakdown by {dim} instead",
        zh=f"“{it.text}”在模型里是每行的维度，不是指标，无法求总和；可以改问按{dim}的分组统计",
        words=asks,
        kind="questions",
    )
