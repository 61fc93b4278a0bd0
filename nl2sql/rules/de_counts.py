"""A count word split from its noun by 的 is the count the joined word names: 理赔的件数.

Why: "2026年的理赔件数" is the model's claim count (理赔件数 renders "Claim Count"), but
"盗窃类理赔的件数" put 的 between the noun and 件数, and 件数 after a noun with no quantity metric
was refused as "people or pieces of 理赔". Chinese inserts 的 freely between a noun and the
measure it has (订单的数量, 理赔的件数); where the joined word is a term of one metric, the split
one is that metric too. Nothing else is read: a joined word the lexicon does not hold, or one
that names several metrics, leaves the question to the refusal it had.
"""

from __future__ import annotations

from nl2sql.lexicon import key_of
from nl2sql.rules.items import Item
from nl2sql.rules.state import ParseState


def count_split_by_de(p: ParseState, noun: Item, count: Item) -> bool:
    """Read ``noun`` 的 ``count`` as the one metric ``noun`` + ``count`` names; True if read."""
    between = [it for it in p.all if noun.end <= it.start and it.end <= count.start]
    if [it.text.strip() for it in between] != ["的"]:
        return False
    senses = p.lex.terms.get(key_of(noun.text.strip() + count.text.strip()), [])
    metrics = {s.name for s in senses if s.kind == "metric"}
    if len(metrics) != 1 or len(senses) != len(metrics):
        return False
    p.add_metric(next(iter(metrics)))
    noun.used = count.used = p.counted = True
    return True
