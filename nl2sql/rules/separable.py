"""A Chinese separable verb split by a count, said whole: "停了多少次车" is "多少次停车".

Why: verb-object words (离合词: 停车, 下单, 退货, 付款) take aspect and count words between
their two characters in everyday speech ("一共停了多少次车", "下了几次单"); matched as written,
neither half is a model term and the question was refused for unknown '停', '车'. When the two
characters around a count of occasions form one of the model's terms, the count is moved in
front of the word, the way the written form says it ("多少次停车").
"""

from __future__ import annotations

import re

from nl2sql.lexicon import Lexicon

#: verb character, optional aspect particle, a count of occasions, object character
_SPLIT = re.compile(
    r"(?P<verb>[\u4e00-\u9fff])(?P<aspect>[了过]?)(?P<count>多少|几|\d+)(?P<unit>次|回|趟)"
    r"(?P<obj>[\u4e00-\u9fff])"
)


def join_separable(text: str, lex: Lexicon) -> str:
    """``text`` with every split model term joined again behind its count.

    >>> from nl2sql.lexicon import Lexicon
    >>> from semantic_layer.catalog import Catalog
    >>> lex = Lexicon(Catalog(metrics=(), dimensions=()))
    >>> lex.terms[("停", "车")] = []
    >>> join_separable("2月份洛杉矶停了多少次车", lex)
    '2月份洛杉矶多少次停车'
    >>> join_separable("去了几次北京", lex)
    '去了几次北京'
    """

    def rejoin(m: re.Match[str]) -> str:
        if (m["verb"], m["obj"]) not in lex.terms:
            return m.group(0)
        return f"{m['count']}{m['unit']}{m['verb']}{m['obj']}"

    return _SPLIT.sub(rejoin, text)
