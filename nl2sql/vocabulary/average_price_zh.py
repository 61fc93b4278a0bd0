"""均价 for an averaged price: 棕榈油均价 is the Chinese for "average palm oil price".

Why: Chinese says an average price in one word, 均价 (as 均值 for a mean), glued to what it is
the price of (房屋均价, 油均价); the model's price metric averages its column, and its Chinese
compounds end in 价格 (棕榈油价格), so 棕榈油均价 was refused ("I don't know 棕榈油均价") while
棕榈油的平均价格 was not. Only a metric that averages gets the word: 均价 of a summed amount
("total price") would be a different number. A derived metric averages when its name says so
(``avg_palm_price_idr`` = the averaged USD price times the averaged rate).

>>> from semantic_layer.catalog import CatalogMetric
>>> from nl2sql.vocabulary.anchors import Anchor
>>> m = CatalogMetric("avg_tea_price", "Tea price", agg="average", measure_expr="tea")
>>> a = Anchor("茶叶价格", "metric", "avg_tea_price", None, "Tea price", "compound", 0.8)
>>> [(x.phrase, round(x.score, 3)) for x in average_price_anchors([a], [m])]
[('茶叶均价', 0.76)]
>>> average_price_anchors([a], [CatalogMetric("avg_tea_price", "Tea price", agg="sum")])
[]
"""

from __future__ import annotations

from collections.abc import Iterable

from nl2sql.vocabulary.anchors import Anchor
from nl2sql.vocabulary.english import AVERAGE_AGGS
from semantic_layer.catalog import CatalogMetric

#: how surely X均价 says X价格 averaged (a one-word rewrite of the same compound)
AVERAGE_PRICE = 0.95
_PRICE, _AVERAGE_PRICE = "价格", "均价"


def average_price_anchors(
    anchors: Iterable[Anchor], metrics: Iterable[CatalogMetric]
) -> list[Anchor]:
    """X均价 beside each Chinese X价格 of a metric that averages its column."""
    averaged = {
        m.name
        for m in metrics
        if (m.agg or "").lower() in AVERAGE_AGGS
        or (m.metric_type == "derived" and m.name.lower().split("_")[0] in AVERAGE_AGGS)
    }
    out = []
    for a in anchors:
        if a.kind != "metric" or a.name not in averaged or not a.phrase.endswith(_PRICE):
            continue
        stem = a.phrase[: -len(_PRICE)]
        if len(stem) < 1 or stem.endswith(("总", "平均", "均")):
            continue
        out.append(
            Anchor(
                stem + _AVERAGE_PRICE,
                a.kind,
                a.name,
                a.value,
                a.via,
                f"{a.source}+average",
                a.score * AVERAGE_PRICE,
            )
        )
    return out
