"""A currency or unit said inside a Chinese metric term: 棕榈油的美元均价 is 棕榈油均价 in 美元.

Why: Chinese puts the unit a price is quoted in between what it is the price of and the word
"price" (棕榈油美元价格, 棕榈油的美元均价, 豆油的印尼盾价格), where English says "palm oil price
in USD". The term 棕榈油均价 was matched only glued, so 棕榈油 was unknown and the question
refused. A Chinese run that is a model term once an inner unit word (and a 的 before it) is
left out is that term, with the unit word read as the question's unit: it then picks the
metric counted in that unit, or is refused when the metric has another (never ignored).

>>> from semantic_layer.catalog import Catalog
>>> from nl2sql.lexicon import Lexicon, Sense
>>> lex = Lexicon(catalog=Catalog(metrics=(), dimensions=()))
>>> lex.terms[tuple("茶叶价格")] = [Sense("metric", "tea_price")]
>>> lex.general[("美", "元")] = "unit"
>>> got = term_around_unit(tuple("茶叶的美元价格"), lex)
>>> got[0][0].name, got[1:]
('tea_price', (3, 5))
>>> term_around_unit(tuple("茶叶价格"), lex) is None
True
"""

from __future__ import annotations

from nl2sql.lexicon import Lexicon, Sense, Unit
from nl2sql.rules.items import Item

DE = "的"
#: the longest unit word looked for inside a term (印度尼西亚卢比 is seven characters)
MAX_UNIT = 7


def term_around_unit(seq: tuple[str, ...], lex: Lexicon) -> tuple[list[Sense], int, int] | None:
    """The senses of the term ``seq`` spells without one inner unit word (and a 的 just
    before it), with the unit word's unit offsets ``(start, end)`` inside ``seq``; else None."""
    n = len(seq)
    for a in range(1, n - 1):
        for b in range(min(n - 1, a + MAX_UNIT), a, -1):
            if lex.general.get(seq[a:b]) != "unit":
                continue
            cut = a - 1 if seq[a - 1] == DE and a >= 2 else a
            senses = lex.terms.get(seq[:cut] + seq[b:])
            if senses and all(s.kind == "metric" for s in senses):
                return list(senses), a, b
    return None


def unit_inside_at(
    text: str, us: list[Unit], texts: list[str], i: int, lex: Lexicon
) -> tuple[list[Item], int] | None:
    """The longest such term starting at Chinese unit ``i``: the term's item (its text the
    term without the unit) and the unit's role item, with the number of units read."""
    n = len(us)
    for length in range(min(lex.max_len + MAX_UNIT + 1, n - i), 2, -1):
        if any(u.kind != "cjk" for u in us[i : i + length]):
            continue
        got = term_around_unit(tuple(texts[i : i + length]), lex)
        if got is None:
            continue
        senses, a, b = got
        s, e = us[i].start, us[i + length - 1].end
        us_a, us_b = us[i + a].start, us[i + b - 1].end
        term = (
            text[s:e]
            .replace(text[us_a:us_b], "", 1)
            .replace(DE, "", 1 if text[us_a - 1] == DE else 0)
        )
        return [
            Item("domain", term, s, e, senses=senses),
            Item("role", text[us_a:us_b], us_a, us_b, role="unit"),
        ], length
    return None
