"""金额 after a money metric's word: the metric said with "amount of money" after it.

Why: Chinese says the amount of a sum of money by putting 金额 ("sum of money") after its
name -- 分配金额 for the distributions of a fund, 票款金额, 押金的金额 -- where English says
the label alone ("Distributions", "Deposits"). 总额 is general grammar already (the engine
drops it beside an amount and refuses it beside a count, ``passes.leftovers``); 金额 was
unknown, so "2026年的分配金额" was refused while "2026年的分配总额" was answered.

The rule: 金额 (or 总金额) right after a word read only as money metrics (``is_money_metric``:
a currency unit, a money format or a money word in its names), with at most 的 between,
restates that word and is absorbed. After a count (交易数量金额), a dimension or a value, or
with another word between, it stays unknown and the question is refused as before: an
amount of a count names no column.
"""

from __future__ import annotations

from nl2sql.rules.items import Item
from nl2sql.rules.money_words import is_money_metric
from nl2sql.rules.state import ParseState

#: Chinese words for "the amount of money" (金额 "sum of money"); general language
AMOUNT_NOUNS_ZH = frozenset({"金额", "总金额"})


def _money_word(p: ParseState, it: Item) -> bool:
    """Whether ``it`` is read only as metrics, each kept in money."""
    if it.kind != "domain" or not it.senses or (it.sense is not None and it.sense.kind != "metric"):
        return False
    senses = [it.sense] if it.sense is not None else it.senses
    if any(s.kind != "metric" for s in senses):
        return False
    metrics = [p.catalog.metric(s.name) for s in senses]
    return all(m is not None and is_money_metric(m) for m in metrics)


def absorb_amount_after_money(p: ParseState) -> None:
    """Mark 金额 used where it follows a money metric's word (see the module docstring).

    >>> from semantic_layer.catalog import Catalog, CatalogMetric
    >>> from nl2sql.lexicon import Sense
    >>> from types import SimpleNamespace
    >>> cat = Catalog(metrics=(CatalogMetric("tips", "Tips", value_format="currency"),
    ...     CatalogMetric("loaves", "Loaves Baked", measure_expr="loaf_id")), dimensions=())
    >>> def run(name):
    ...     word = Item("domain", "x", 0, 1, senses=[Sense("metric", name)])
    ...     said = Item("unknown", "金额", 1, 3)
    ...     absorb_amount_after_money(SimpleNamespace(all=[word, said], its=[word, said], catalog=cat))
    ...     return said.used
    >>> run("tips"), run("loaves")
    (True, False)
    """
    for k, it in enumerate(p.all):
        if it.kind != "unknown" or it.used or it.text.strip() not in AMOUNT_NOUNS_ZH:
            continue
        j = k - 1
        while j >= 0 and (not p.all[j].text.strip() or p.all[j].text.strip() == "的"):
            j -= 1
        if j >= 0 and _money_word(p, p.all[j]):
            it.kind, it.used = "stop", True
            p.its = [x for x in p.its if x is not it]
