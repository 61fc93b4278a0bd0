"""A dimension reached only weakly (through a description or a bridge) and named without a
breakdown word: never a silent breakdown.

Why: "stockout days for C class products by region" (wrongfix28's dev probe, a supply-chain
model) was answered by region *and by brand*: "products" names no dimension, but the
descriptions of brand and of two category columns mention products; for a stockout metric only
brand was reachable, so the one weak reading left became a grouping the user never asked for
("stockout days of products" answered per brand too). A breakdown is asked with by / per /
each / 各 / 按 / 分 (the grouping pass reads those); a bare noun is the rows' own name. So a
bare noun whose only reading is weak:

- names the things a filter on the same entity already picks ("C class products": the
  products whose class is C) -> it is that filter's head noun, context, no breakdown;
- otherwise is refused, offering the dimensions it reached weakly as questions that run
  ("stockout days by brand").

A strong reading (the dimension's own name or label, "brand", "region") keeps grouping bare as
before ("GMV 渠道").
"""

from __future__ import annotations

from nl2sql.interpret import item_label
from nl2sql.rules.items import Item, Refusal
from nl2sql.rules.state import GROUPABLE, ParseState


def _entity(name: str) -> str:
    return name.split("__", 1)[0]


def settle_weak_bare_group(p: ParseState, it: Item, name: str) -> bool:
    """True when the bare noun ``it`` (read as dimension ``name``) was settled here as the
    context of a filter; raises :class:`Refusal` when it would have been a breakdown only a
    weak reading gives; False when its reading is strong (the caller groups by it)."""
    sense = p.resolve(it, GROUPABLE)
    if sense is None or sense.strong or sense.name != name:
        return False
    if any(f.values and _entity(f.dimension) == _entity(name) for f in p.filters):
        it.used = True
        p.context_entities.append(it)
        return True
    weak = [
        s
        for s in it.senses
        if s.kind in GROUPABLE
        and not s.strong
        and all(p.metric_allows(m, s.name) for m in p.metrics)
    ]
    label = item_label(p.catalog, name, "en")
    label_zh = item_label(p.catalog, name, "zh")
    raise Refusal(
        f"'{it.text.strip()}' matches {label} only through the model's descriptions, and no "
        f"by / per / each asks to break the answer down by it; ask by {label} if you mean that "
        "breakdown, or name what you mean",
        zh=f"“{it.text.strip()}”只是在模型的描述里与{label_zh}相关，问题里也没有“按/各/每”要求按它"
        f"细分；如果要按{label_zh}细分，请说“按{label_zh}”，否则请说明具体指什么",
        words=[it.text.strip()],
        senses=list(dict.fromkeys(weak)) or [sense],
    )
