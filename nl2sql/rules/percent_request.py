"""A percent sign asked of a figure that is not a percentage: refused, never dropped.

Why: "%" with no number before it ("revenue by brand in %", "各品牌的收入（%）", "total cost
in %") asks for the figure as a percentage — a share of the total, most often. It was a stop
word: the answer gave the amounts themselves, a table that looks right with the one word that
changes it dropped (wrongfix29's meaning-changing word probes). Where the answer already is a
percentage the sign only restates it and is light: a share ("占比（%）"), a ratio metric the
answer shows as a percentage (``value_format: percent``: 0.136 is shown 13.6%), a derived
percentage in points (``percent_points``). Anywhere else the question is refused, offering it
as a share and without the sign (both run).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from nl2sql.rules.items import Item, Refusal, detect_lang
from semantic_layer.catalog import Catalog
from semantic_layer.query import SemanticQuery

#: the percent sign, and the words around it that only introduce it ("in %", "as %", "（%）")
_SIGN = re.compile(r"\s*(?:\b(?:in|as)\s+)?[（(]?\s*[%％]\s*[)）]?")


def _sign_items(items: Sequence[Item]) -> list[Item]:
    return [
        it
        for it in items
        if not it.used and it.kind == "stop" and it.text.strip() in "%％" and it.text.strip()
    ]


def refuse_percent_of_amount(
    question: str, items: Sequence[Item], catalog: Catalog, query: SemanticQuery, share: bool
) -> None:
    """Raise :class:`Refusal` when an unread "%" asks a percentage of a metric that is not one.

    ``share``: the reading already takes each row's share of the total (a percentage).
    """
    if share or not _sign_items(items):
        return
    amounts = []
    for name in query.metrics:
        m = catalog.metric(name)
        if m is not None and m.value_format != "percent" and not m.percent_points:
            amounts.append(m.label or m.name)
    if not amounts:
        return
    plain = re.sub(r"\s{2,}", " ", _SIGN.sub(" ", question)).strip(" ，,")
    zh = detect_lang(question) == "zh"
    shared = f"{plain}占比" if zh else f"{plain}, share of total"
    raise Refusal(
        f"'%' asks for a percentage, but {', '.join(amounts)} is not one and the answer would "
        "show the figures themselves; ask for the share of the total, or drop the '%'",
        zh=f"“%”要求百分比，但{'、'.join(amounts)}不是百分比，答案只会给出数值本身；"
        "可以问占比，或去掉“%”",
        words=[shared, plain],
        kind="questions",
    )
