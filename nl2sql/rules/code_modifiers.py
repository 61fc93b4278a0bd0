"""总 / 平均 said inside a metric's name, said before it: "DTC总收入" is "总DTC收入".

Why: Chinese puts the aggregate word next to the noun it aggregates, after the name's
qualifier — a code or an English name ("DTC总收入", "OEM平均订单价值") or Chinese words
("借阅总册数" for volumes borrowed) — while a model's English label puts it first ("Total DTC
Revenue", "Avg OEM Order Value"), and so do the Chinese terms read from it (总DTC收入,
借阅册数 with 总 before it). Matched as written, the qualifier stood alone before a term
several metrics share (总收入: the OEM and the DTC revenue), or the name was cut in two
(借阅 / 总 / 册数), and the question was refused. When the qualifier and the words after the
aggregate word begin one of the model's metric terms, the aggregate word is moved in front of
the qualifier, where the term's own reading (总 = its total, 平均 = its average) takes it.

Only then: "GMV总额" and "订单总数" stay (总额 / 总数 name the total of what was said), and
so does a qualifier that is not part of a metric's name ("US总收入" on a model whose revenue
terms hold no "us"; "各地区总收入": no metric is named 地区收入).
"""

from __future__ import annotations

import re

from nl2sql.lexicon import Lexicon
from nl2sql.normalize import key_of

#: the aggregate word with the Latin word or the Chinese run before it and Chinese after it
_SPLIT_MODIFIER = re.compile(
    r"(?:(?<![a-z0-9])(?P<code>[a-z][a-z0-9]*)|(?P<han>[\u4e00-\u9fff]+))"
    r"(?P<mod>总|平均)(?P<rest>[\u4e00-\u9fff]{2,})"
)
#: 总额 / 总数 / 平均值 name the aggregate of what was said before them, not a modifier
_AGGREGATE_NOUNS = ("额", "数", "量", "计", "和", "值")
#: the most Chinese characters of a qualifier before the aggregate word
_MAX_QUALIFIER = 4


def front_modifiers(text: str, lex: Lexicon) -> str:
    """``text`` with 总 / 平均 moved before the qualifier that begins a metric term with the
    words after it (normalized text).

    >>> from nl2sql.lexicon import Lexicon, Sense
    >>> from semantic_layer.catalog import Catalog
    >>> lex = Lexicon(Catalog(metrics=(), dimensions=()))
    >>> lex.terms[("dtc", "收", "入")] = [Sense("metric", "dtc_revenue")]
    >>> lex.terms[("借", "阅", "册", "数")] = [Sense("metric", "volumes")]
    >>> front_modifiers("2025年dtc总收入", lex), front_modifiers("dtc平均收入是多少", lex)
    ('2025年总dtc收入', '平均dtc收入是多少')
    >>> front_modifiers("按地区统计借阅总册数", lex)
    '按地区统计总借阅册数'
    >>> front_modifiers("gmv总额", lex), front_modifiers("us总收入", lex), front_modifiers("各地区总收入", lex)
    ('gmv总额', 'us总收入', '各地区总收入')
    """

    def is_metric_start(head: tuple[str, ...], rest: str) -> bool:
        for n in range(len(rest), 1, -1):
            if any(s.kind == "metric" for s in lex.terms.get((*head, *rest[:n]), [])):
                return True
        return False

    def front(m: re.Match[str]) -> str:
        rest = m["rest"]
        if rest.startswith(_AGGREGATE_NOUNS):
            return m.group(0)
        if m["code"]:
            if is_metric_start(key_of(m["code"]), rest):
                return f"{m['mod']}{m['code']}{rest}"
            return m.group(0)
        han = m["han"]
        for size in range(min(len(han), _MAX_QUALIFIER), 0, -1):
            qualifier = han[-size:]
            if is_metric_start(tuple(qualifier), rest):
                return f"{han[:-size]}{m['mod']}{qualifier}{rest}"
        return m.group(0)

    return _SPLIT_MODIFIER.sub(front, text)
