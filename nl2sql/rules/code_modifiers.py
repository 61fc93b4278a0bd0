"""总 / 平均 said after a Latin qualifier, said before it: "B2C总收入" is "总B2C收入".

Why: a Chinese speaker puts a code, an acronym or an English name first and the aggregate word
after it, next to the noun it counts ("B2C总收入", "B2B平均订单价值", "VIP总销售额"), while a
model's English label puts it first ("Total B2C Revenue", "Avg B2B Order Value"), and so do
the Chinese terms read from it (总B2C收入). Matched as written, the qualifier stood alone before
a term shared by several metrics (总收入: the B2B and the B2C revenue) and the question was
refused for the unknown 'b2c'. When the qualifier and the words after the aggregate word begin
one of the model's metric terms, the aggregate word is moved in front of the qualifier, where
the term's own reading (总 = its total, 平均 = its average) already takes it.

Only then: "GMV总额" stays (no metric term begins "gmv额"), and so does a qualifier that is not
part of the term ("US总收入" on a model whose revenue terms hold no "us").
"""

from __future__ import annotations

import re

from nl2sql.lexicon import Lexicon
from nl2sql.normalize import key_of

#: a Latin qualifier (letters and digits, a code such as b2c), an aggregate word, Chinese after
_SPLIT_MODIFIER = re.compile(
    r"(?<![a-z0-9])(?P<code>[a-z][a-z0-9]*)(?P<mod>总|平均)(?P<rest>[\u4e00-\u9fff]{2,})"
)
#: 总额 / 总数 / 平均值 name the aggregate of what was said before them, not a modifier
_AGGREGATE_NOUNS = ("额", "数", "量", "计", "和", "值")


def front_modifiers(text: str, lex: Lexicon) -> str:
    """``text`` with 总 / 平均 moved before a Latin qualifier that begins a metric term with
    the words after it (normalized text).

    >>> from nl2sql.lexicon import Lexicon, Sense
    >>> from semantic_layer.catalog import Catalog
    >>> lex = Lexicon(Catalog(metrics=(), dimensions=()))
    >>> lex.terms[("b2c", "收", "入")] = [Sense("metric", "b2c_revenue")]
    >>> front_modifiers("2025年b2c总收入", lex), front_modifiers("b2c平均收入是多少", lex)
    ('2025年总b2c收入', '平均b2c收入是多少')
    >>> front_modifiers("gmv总额", lex), front_modifiers("us总收入", lex)
    ('gmv总额', 'us总收入')
    """

    def front(m: re.Match[str]) -> str:
        rest = m["rest"]
        if rest.startswith(_AGGREGATE_NOUNS):
            return m.group(0)
        head = key_of(m["code"])
        for n in range(len(rest), 1, -1):
            senses = lex.terms.get((*head, *rest[:n]), [])
            if any(s.kind == "metric" for s in senses):
                return f"{m['mod']}{m['code']}{rest}"
        return m.group(0)

    return _SPLIT_MODIFIER.sub(front, text)
