"""Two spellings of one Chinese term: the one a metric's term has is used for the other.

Why: Chinese says the same measure two ways, and the terms read from a label or the glossary
carry one of them:

- 每次 / 每笔 for 单次 / 单笔 ("the cost of each click" / "of a single click"): "cost per click"
  gives 单次点击成本, so "广告活动2的每次点击成本" left 每次 before a phrase that named no term
  (点击成本 was cut into clicks and spend) and was refused, while 单次点击成本 was answered;
- 额 for 量 after a sum of money ("transaction volume" gives 交易量; the amount of money traded
  is as often 交易额): "2026年的完成交易额" was refused for the unknown 额 while 完成交易量 was
  answered. Only for money metrics (``is_money_metric``): 销售量 beside a count of units sold is
  no 销售额, and the 额 of a count stays unknown (refused).

The other spelling is used only when the words said begin no metric term and the other spelling
begins one: "每次停车的收入" stays as written (no term begins 单次停车 there), and so does a
spelling that already begins a term.
"""

from __future__ import annotations

import re

from nl2sql.lexicon import Lexicon
from nl2sql.rules.money_words import is_money_metric

#: 每 + the measure word of one occasion / one transaction, before a run of Chinese
_EACH_ONE = re.compile(r"每(?P<word>[次笔])(?P<rest>[\u4e00-\u9fff]{2,})")
#: a run of Chinese ending in 额 ("amount of money"), the spelling of a sum said with 量
_AMOUNT = re.compile(r"(?P<head>[\u4e00-\u9fff]+?)额")


def _metrics(lex: Lexicon, chars: str) -> list[str]:
    """The metrics of the longest term of ``lex`` that ``chars`` begins with (two or more)."""
    for n in range(len(chars), 1, -1):
        names = [s.name for s in lex.terms.get(tuple(chars[:n]), []) if s.kind == "metric"]
        if names:
            return names
    return []


def _is_term(lex: Lexicon, chars: str) -> bool:
    return any(s.kind == "metric" for s in lex.terms.get(tuple(chars), []))


def _money_term(lex: Lexicon, chars: str) -> bool:
    """Whether ``chars`` is a metric term whose metrics are all kept in money."""
    names = [s.name for s in lex.terms.get(tuple(chars), []) if s.kind == "metric"]
    metrics = [lex.catalog.metric(n) for n in names]
    return bool(metrics) and all(m is not None and is_money_metric(m) for m in metrics)


def term_spellings(text: str, lex: Lexicon) -> str:
    """``text`` with 每次 / 每笔 and 额 spelled as the model's metric terms spell them.

    >>> from nl2sql.lexicon import Lexicon, Sense
    >>> from semantic_layer.catalog import Catalog, CatalogMetric
    >>> cat = Catalog(metrics=(CatalogMetric("sold", "Seedlings Sold", value_format="currency"),
    ...     CatalogMetric("trays", "Trays Potted")), dimensions=())
    >>> lex = Lexicon(cat)
    >>> lex.terms[tuple("单次浇水用量")] = [Sense("metric", "water_per_round")]
    >>> term_spellings("温室a的每次浇水用量", lex), term_spellings("每次浇水的收入", lex)
    ('温室a的单次浇水用量', '每次浇水的收入')
    >>> lex.terms[tuple("每次浇水用量")] = [Sense("metric", "water_per_round")]
    >>> term_spellings("每次浇水用量", lex)
    '每次浇水用量'
    >>> lex.terms[tuple("售苗量")] = [Sense("metric", "sold")]
    >>> lex.terms[tuple("上盆量")] = [Sense("metric", "trays")]
    >>> term_spellings("今年的售苗额", lex), term_spellings("今年的上盆额", lex)
    ('今年的售苗量', '今年的上盆额')
    """

    def one_occasion(m: re.Match[str]) -> str:
        said, one = f"每{m['word']}", f"单{m['word']}"
        if _metrics(lex, said + m["rest"]) or not _metrics(lex, one + m["rest"]):
            return m.group(0)
        return one + m["rest"]

    def amount(m: re.Match[str]) -> str:
        head = m["head"]
        for size in range(len(head), 1, -1):
            part = head[-size:]
            if _is_term(lex, part + "额"):
                return m.group(0)
            if _money_term(lex, part + "量"):
                return f"{head}量"
        return m.group(0)

    return _AMOUNT.sub(amount, _EACH_ONE.sub(one_occasion, text))
