"""Chinese names of a place value that opens with a compass word: 北苏门答腊 for `north_sumatra`.

Why: regions are stored as English names ("north_sumatra", "central_kalimantan", "South
Island"), and a Chinese user writes the compass point as one character before the place's
Chinese name (北苏门答腊, 中加里曼丹, 南岛). CC-CEDICT knows the place (苏门答腊 "Sumatra") but not the
whole name, and word by word "north" is 北方 ("the north"), so the value was unknown and the
question refused. The compass words are general language (like calendar words); the place's
Chinese is CC-CEDICT's main-sense word for it that jieba tags as a place name (``ns``), so a
value whose rest is no place ("north gate", "central processing") gets nothing.

>>> [(b.term, b.value) for b in compass_bridges_for("region", ("north_sumatra", "riau"))]
[('北苏门答腊', 'north_sumatra'), ('北苏门答腊岛', 'north_sumatra')]
>>> compass_bridges_for("door", ("north_gate", "south_gate"))
[]
"""

from __future__ import annotations

import re

from nl2sql.vocabulary import cedict
from nl2sql.vocabulary.bridges import Bridge
from nl2sql.vocabulary.chinese import jieba_tag
from semantic_layer.catalog import Catalog

#: how surely compass character + place names the value (a compound of two sure parts)
COMPASS_PLACE = 0.85
SOURCE = "compass"
#: the compass points as Chinese writes them before a place name
COMPASS = {
    "north": "北",
    "northern": "北",
    "south": "南",
    "southern": "南",
    "east": "东",
    "eastern": "东",
    "west": "西",
    "western": "西",
    "central": "中",
    "northeast": "东北",
    "northwest": "西北",
    "southeast": "东南",
    "southwest": "西南",
}
_SPLIT = re.compile(r"[\s_\-]+")


def compass_bridges_for(dimension: str, values: tuple[str, ...]) -> list[Bridge]:
    """Compass + place Chinese names for the values of one dimension."""
    out: list[Bridge] = []
    for value in values:
        words = [w for w in _SPLIT.split(str(value).lower()) if w]
        if len(words) < 2 or words[0] not in COMPASS:
            continue
        rest = " ".join(words[1:])
        for zh, pos, how in cedict.chinese_for(rest):
            if how == "exact" and pos == 0 and jieba_tag(zh) == "ns":
                term = COMPASS[words[0]] + zh
                out.append(
                    Bridge(term, "value", dimension, str(value), str(value), SOURCE, COMPASS_PLACE)
                )
    return out


def compass_bridges(catalog: Catalog) -> list[Bridge]:
    """Compass-place bridges for every categorical dimension with read values."""
    out: list[Bridge] = []
    for d in catalog.dimensions:
        if d.dim_type == "categorical" and d.values:
            out += compass_bridges_for(d.name, tuple(d.values))
    return out
