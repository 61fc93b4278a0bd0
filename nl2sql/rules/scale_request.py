"""Which metrics a scale of presentation ("in thousands", 万元, 亿) applies to.

Why: an amount of money or a count shown in thousands is the same figure in bigger units, so
the answer adds the scaled column beside the exact one (:class:`nl2sql.scale_words.ScaleConversion`).
Anything else is refused, not scaled and not ignored: a rate or a percentage "in thousands" is
no reading anyone means, an average delay "in millions" neither, and 万元 names money ("订单数
（万元）" is no count). A metric kept in another currency than yuan takes no 万元 (the currency
would change with the scale, and currencies are never converted). The refusal offers the
question without the scale only for those metrics, where it is the whole question there is.

>>> from semantic_layer.catalog import Catalog, CatalogMetric
>>> gmv = CatalogMetric("gmv", "GMV", agg="sum", measure_expr="goods_amount")
>>> orders = CatalogMetric("orders", "Orders", agg="count", measure_expr="order_id")
>>> cat = Catalog(metrics=(gmv, orders), dimensions=(), entities=())
>>> [c.column for c in scale_conversions(cat, ["gmv", "orders"], "in thousands")]
['gmv__in_thousand', 'orders__in_thousand']
>>> scale_conversions(cat, ["orders"], "万元")
Traceback (most recent call last):
...
nl2sql.rules.items.Refusal: '万元' shows an amount of money in bigger units; Orders is not money; ask without '万元'
"""

from __future__ import annotations

import re

from nl2sql.rules.items import Refusal
from nl2sql.rules.money import is_count_metric
from nl2sql.rules.money_words import is_money_metric
from nl2sql.rules.units import metric_unit
from nl2sql.scale_words import ScaleConversion, said_with_yuan, scale_of_word
from semantic_layer.catalog import Catalog


def without_scale(question: str, text: str) -> str:
    """``question`` without the scale words ``text`` and the brackets or comma left around them.

    >>> without_scale("各渠道订单数（万元）", "万元"), without_scale("rate in thousands by region", "in thousands")
    ('各渠道订单数', 'rate by region')
    """
    said = re.compile(re.escape(text.strip()), re.I)
    out = said.sub(" ", question, count=1)
    out = re.sub(r"[(（]\s*[)）]|[，,]\s*$", " ", out)
    return (
        " ".join(out.split()).replace(" ，", "，") if question.isascii() else "".join(out.split())
    )


#: what stands right before a Chinese scale word that names the unit of the answer: a bracket,
#: a comma, a colon, a frame's own start, or nothing ("各渠道GMV（万元）", "GMV，单位万元")
_SLOT_BEFORE = "（(，,：:、 以按用位"


def _in_unit_slot(question: str, text: str) -> bool:
    """Whether the Chinese scale word ``text`` stands where a unit of the answer is written;
    after any other word it is part of an amount ("过亿元", "破百万元": over a hundred million)
    and no scale. English scale phrases carry their own "in".

    >>> _in_unit_slot("各渠道GMV（万元）", "万元"), _in_unit_slot("GMV过亿元的渠道", "亿元")
    (True, False)
    """
    word = text.strip()
    if word.isascii() or not question:
        return True
    at = question.find(word)
    if at < 0:
        return True  # normalized away from the typed question: nothing to tell by
    before = question[:at].rstrip()
    return not before or before[-1] in _SLOT_BEFORE


def scale_conversions(
    catalog: Catalog, metrics: list[str], text: str, question: str = ""
) -> list[ScaleConversion]:
    """The scaled columns ``text`` asks of ``metrics``; raises :class:`Refusal` for a metric the
    scale does not apply to (see the module docstring), offering ``question`` without it."""
    scale = scale_of_word(text)
    if scale is None or not metrics or not _in_unit_slot(question, text):
        raise Refusal(
            f"I can't apply '{text}' here: it shows an amount in bigger units",
            zh=f"这里无法使用“{text}”：它表示以更大的单位显示金额",
            words=[text],
        )
    yuan = said_with_yuan(text)
    out: list[ScaleConversion] = []
    for name in metrics:
        m = catalog.metric(name)
        if m is None:
            continue
        money = is_money_metric(m) and m.value_format != "percent"
        count = not money and is_count_metric(m) and m.value_format != "percent"
        unit = metric_unit(m)
        if yuan and money and unit not in (None, "cny"):
            raise Refusal(
                f"{m.label} is in {unit.upper()}; '{text}' is in yuan, and currencies are "
                f"not converted; ask without '{text}'",
                zh=f"{m.label}的单位是{unit.upper()}，“{text}”是人民币，币种不做换算；请去掉“{text}”",
                words=[text],
                kind="negation",
            )
        if money or (count and not yuan):
            out.append(ScaleConversion(name, "", scale))
            continue
        kind = "money" if yuan else "money or a count"
        kind_zh = "金额" if yuan else "金额或数量"
        raise Refusal(
            f"'{text}' shows an amount of {kind} in bigger units; {m.label} is not "
            f"{'money' if yuan else 'either'}; ask without '{text}'",
            zh=f"“{text}”表示以更大的单位显示{kind_zh}；{m.label}不是{kind_zh}；请去掉“{text}”",
            words=[without_scale(question, text)] if question else [text],
            kind="questions" if question else "",
        )
    return out
