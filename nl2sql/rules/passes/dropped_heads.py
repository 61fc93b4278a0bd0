"""Pass: a group or kind character glued after a model word is never dropped.

Why: 对 ("pair"), 组 and 群 ("group"), 类 and 种 ("kind"), 批 ("batch") and 套 ("set") are
filler elsewhere — 对 is a preposition (对订单统计), 种 and 类 count (三种) — so the tokenizer
drops them. Glued after a model word, with no object after them (的, a verb such as 统计, or
the end follows), they are the head of a compound naming another thing: 币种对 is a currency
*pair* (a corridor), 客户群 a customer *group*, 产品类 a product *class*. Dropped, 按币种对统计
was grouped by the sending currency — a wrong answer with a plausible reading. When the
compound pass did not read the pair as one model term, the question is refused, naming the
phrase and offering the dimensions that share the word's head (the corridor beside the
currency), so that the user picks the field in the model's own words.
"""

from __future__ import annotations

from nl2sql.lexicon import Sense
from nl2sql.rules.items import Item, Refusal
from nl2sql.rules.state import ParseState

#: characters that, after a noun, make a group or a kind of it (general classifier nouns)
GROUP_HEADS = frozenset("对组群类种批套")


def _heads_compound(a: Item, b: Item, c: Item | None) -> bool:
    """Whether stop item ``b`` is a group character glued after Chinese model word ``a``, with
    no object after it (``c`` is the next item, if any).

    >>> w, x = Item("domain", "币种", 0, 2, senses=[object()]), Item("stop", "对", 2, 3)
    >>> _heads_compound(w, x, Item("stop", "的", 3, 4)), _heads_compound(w, x, None)
    (True, True)
    >>> _heads_compound(w, x, Item("domain", "订单", 3, 5, senses=[object()]))
    False
    """
    if b.kind != "stop" or b.text not in GROUP_HEADS or b.start != a.end:
        return False
    if a.kind != "domain" or not a.senses or a.text.isascii():
        return False
    return c is None or c.kind == "stop"


def _sharing_head(p: ParseState, senses: list[Sense]) -> list[Sense]:
    """The dimensions whose name shares the last word of a matched dimension's name, the
    matched ones first (``currency_pair`` beside ``paid_currency``)."""
    out = [s for s in senses if s.kind == "dimension"]
    heads = {s.name.split("__")[-1].split("_")[-1] for s in out}
    for d in p.catalog.dimensions:
        if d.dim_type == "time" or any(s.name == d.name for s in out):
            continue
        if heads & set(d.name.split("__")[-1].split("_")):
            out.append(Sense("dimension", d.name))
    return out


def refuse_dropped_heads(p: ParseState) -> None:
    """Raise :class:`Refusal` for a group character that would be dropped after the model
    word it heads (币种对, 客户群)."""
    items = p.all
    for k in range(len(items) - 1):
        a, b = items[k], items[k + 1]
        c = items[k + 2] if k + 2 < len(items) else None
        if not _heads_compound(a, b, c):
            continue
        phrase = a.text + b.text
        raise Refusal(
            f"'{phrase}': '{b.text}' makes '{a.text}' a group or kind of it that the model "
            f"does not name; say the field with the model's own words",
            zh=f"「{phrase}」中的「{b.text}」把「{a.text}」变成模型中没有的一类或一组；"
            f"请用模型中的字段名称说明",
            words=[phrase],
            senses=_sharing_head(p, list(a.senses)),
        )
