"""A Chinese separable verb split by a count, said whole: "停了多少次车" is "多少次停车".

Why: verb-object words (离合词: 停车, 下单, 退货, 付款) take aspect and count words between
their two characters in everyday speech ("一共停了多少次车", "下了几次单"); matched as written,
neither half is a model term and the question was refused for unknown '停', '车'. When the two
characters around a count of occasions form one of the model's terms, the count is moved in
front of the word, the way the written form says it ("多少次停车").

The same words are said whole and then their verb again before an amount (重动句, verb
copying: "停车停了多久", "停车平均停多长时间"): the copied verb adds nothing the word did not
say, so it is dropped ("停车多久") when the word before it is one of the model's terms; so is
the verb of a degree complement, "停车停得最多", and its object said first, "车停得最多", is
the word said whole ("停车最多"); and a lone verb before V得 whose object is left out ("停得最多")
is the one model word it begins, when every such word reads the same (停车, 停放).
"""

from __future__ import annotations

import re

from nl2sql.general import ROLES, SINGLE_CHAR_STOP, STOP_ZH
from nl2sql.lexicon import Lexicon, segment

#: single characters the general language already reads (卖, 看, 买: trade and support verbs)
GRAMMAR_CHARS = frozenset(
    w for w in (*STOP_ZH, *ROLES, *SINGLE_CHAR_STOP) if len(w) == 1 and not w.isascii()
)

#: the verb said again after its verb-object word before an amount (重动句, "verb copying"):
#: "停车停了多久", "停车平均停多长时间", "开车开了几公里" — an adverb may stand between
_COPY = re.compile(
    r"(?P<verb>[\u4e00-\u9fff])(?P<obj>[\u4e00-\u9fff])"
    r"(?P<adv>平均|一共|总共|一般|通常|大约|大概|共)?(?P=verb)"
    r"(?:[了过]?(?=多|几|\d)|得(?=最|更))"
)
#: the object said first and the verb after it with a degree complement (V得最多):
#: "哪个城市的车停得最多" is "哪个城市的停车最多"
_FRONTED = re.compile(r"(?P<obj>[\u4e00-\u9fff])(?P<verb>[\u4e00-\u9fff])得(?=最|更)")

#: a lone verb before a degree complement, its object left out: "哪个城市停得最多"
_BARE = re.compile(r"(?P<verb>[\u4e00-\u9fff])得(?=最|更)")

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
    >>> join_separable("平均一次停车停多久", lex), join_separable("停车平均停了多久", lex)
    ('平均一次停车多久', '停车平均多久')
    >>> join_separable("哪个城市停车停得最多", lex), join_separable("哪个城市的车停得最多", lex)
    ('哪个城市停车最多', '哪个城市的停车最多')
    >>> from nl2sql.lexicon import Sense
    >>> lex.terms[("获", "客")] = [Sense("metric", "acquired")]
    >>> lex.terms[("停", "车")] = lex.terms[("停", "放")] = [Sense("entity", "session")]
    >>> join_separable("哪个城市停得最多", lex), join_separable("哪个渠道获得最多", lex)
    ('哪个城市停放最多', '哪个渠道获得最多')
    >>> lex.terms[("卖", "家")] = [Sense("entity", "seller")]
    >>> join_separable("哪个商店卖得最多", lex)
    '哪个商店卖得最多'

    """

    def rejoin(m: re.Match[str]) -> str:
        if (m["verb"], m["obj"]) not in lex.terms:
            return m.group(0)
        return f"{m['count']}{m['unit']}{m['verb']}{m['obj']}"

    def uncopy(m: re.Match[str]) -> str:
        if (m["verb"], m["obj"]) not in lex.terms:
            return m.group(0)
        return f"{m['verb']}{m['obj']}{m['adv'] or ''}"

    def unfront(m: re.Match[str]) -> str:
        if (m["verb"], m["obj"]) not in lex.terms:
            return m.group(0)
        return f"{m['verb']}{m['obj']}"

    def unbare(m: re.Match[str]) -> str:
        if m["verb"] in GRAMMAR_CHARS:
            return m.group(0)  # 卖得最多, 看得最多: a grammar word's verb names no model word
        whole = _one_word_of(m["verb"], lex)
        if whole is None or len(segment(f"{m['verb']}得")) == 1:
            return m.group(0)  # 获得, 值得: a word of their own, not a verb and 得
        return whole

    text = _FRONTED.sub(unfront, _COPY.sub(uncopy, _SPLIT.sub(rejoin, text)))
    return _BARE.sub(unbare, text)


def _one_word_of(verb: str, lex: Lexicon) -> str | None:
    """The model's two-character word that ``verb`` begins, when all such words read the same
    (停车 and 停放 both name the parking session): "停得最多" says it without its object."""
    words = {k: lex.terms[k] for k in lex.terms if len(k) == 2 and k[0] == verb}
    readings = {frozenset((s.kind, s.name) for s in senses) for senses in words.values()}
    if len(readings) != 1 or not next(iter(readings)):
        return None
    return "".join(sorted(words)[0])
