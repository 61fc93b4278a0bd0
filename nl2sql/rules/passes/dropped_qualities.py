"""Pass: a size or level character glued to the front of a model word is never dropped.

Why: 高, 低, 大 and 小 are filler on their own — 收入高 ("revenue is high"), 从高到低 (an
order), 高于 (its own comparison word) — so the tokenizer drops them. Glued to the front of a
model word they make a narrower kind of it: 大客户 are a company's key accounts, not every
customer; 高风险 a level of risk; 高净值 a kind of client. Dropped, the question was answered
for every customer, or grouped by every level (a wrong answer with a plausible reading). When
the compound pass (:mod:`nl2sql.rules.passes.compose`) did not read the pair as one model term
(低风险 -> a value ``low_risk``), the question is refused, naming the phrase and asking for
the condition in the model's own words. The character after its word (收入高的渠道) or inside
a 从高到低 range is left as it was.
"""

from __future__ import annotations

from nl2sql.rules.items import Item, Refusal
from nl2sql.rules.state import ParseState

#: one-character adjectives of size or level that make a narrower kind of the noun they precede
QUALITIES = frozenset("高低大小")
#: the words of a range of levels (从高到低, 由大至小): the character there is an end of it
_RANGE_LINKS = frozenset({"到", "至", "从", "由"})


def _narrows(prev: Item | None, a: Item, b: Item) -> bool:
    """Whether stop item ``a`` is a quality character glued to the front of model word ``b``.

    >>> q, w = Item("stop", "大", 0, 1), Item("domain", "客户", 1, 3, senses=[object()])
    >>> _narrows(None, q, w), _narrows(Item("stop", "到", -1, 0), q, w)
    (True, False)
    >>> _narrows(None, q, Item("domain", "客户", 2, 4, senses=[object()]))
    False
    """
    if a.kind != "stop" or a.text not in QUALITIES:
        return False
    if b.kind != "domain" or not b.senses or b.start != a.end:
        return False
    return prev is None or prev.text[-1:] not in _RANGE_LINKS


def refuse_dropped_qualities(p: ParseState) -> None:
    """Raise :class:`Refusal` for a quality character that would be dropped before the model
    word it narrows (大客户, 高状态)."""
    items = p.all
    for k in range(len(items) - 1):
        prev = items[k - 1] if k else None
        a, b = items[k], items[k + 1]
        if not _narrows(prev, a, b):
            continue
        phrase = a.text + b.text
        raise Refusal(
            f"'{phrase}': '{a.text}' makes a narrower kind of '{b.text}' that the model does "
            f"not name; say the condition with one of its values or a number",
            zh=f"「{phrase}」中的「{a.text}」把「{b.text}」限定为模型中没有的一类；"
            f"请用模型中的取值或具体数值说明条件",
            words=[a.text],
        )
