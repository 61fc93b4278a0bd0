"""Chinese anchors from ECDICT: the Chinese an English→Chinese dictionary gives a model word.

Why ranked and bounded this way: ECDICT lists many senses per headword ("carrier": 运送者,
邮递员, 带菌者), so a word it lists is only as sure as its place in the list and as specific as
the Chinese word is to this English word:

* the first noun translation scores :data:`NOUN_FACTORS` [0], later ones less; adjective
  lines a little less than noun lines, web-usage lines less again;
* a later sense (not listed first) is offered in a clarification, never answered on, unless
  it is confirmed: it is the main sense of a form of the same word (豪华 is "luxurious" first
  and "luxury" second) or CC-CEDICT gives it too (agreement, below). 规则 is "rule" first
  and "order" only second, so an orders model never claims a user's 规则; 理财 is "economy"'s
  second sense and nobody's first, so an ``economy`` class is not 理财 (money management);
* an adjective read without its 的 that Chinese uses as a plain noun (jieba tags it ``n``:
  "regular" a. 规则的, but 规则 is the noun "rule") is that noun: a clarification only;
* a word that is the main sense of :data:`BROAD` other headwords is too broad to name one
  model term (紧急 for "instant"): a clarification only;
* when CC-CEDICT gives the same Chinese word for the same phrase, the two dictionaries agree
  and the link scores :data:`AGREEMENT` above the better of them (no bonus for a sense
  ECDICT holds doubtful);
* a data value whose only name from ECDICT is an everyday Chinese word (jieba frequency
  :data:`COMMON` or more: 完整 for ``completed``, 媒体 for a ``medium`` size, 海洋 for a
  ``sea`` shipping mode) gets it only as a clarification, unless CC-CEDICT agrees: a
  question using the word in its everyday sense would otherwise be filtered by the value;
* only the model's own names and labels are looked up, not thesaurus neighbours of them nor
  description words: a neighbour's Chinese is two guesses away from the model
  ("consignment" for a shipment gives 委托), a description's content word is no name;
* a Chinese word ECDICT gives for two different model terms names neither surely: all its
  ECDICT links are set to the same score, so the bridge builder keeps them all and the parser
  asks which one (a clarification, never a guess).

The glossary stays authoritative: a phrase it lists gets no ECDICT words (its business sense
is already there, and ECDICT's other senses would only compete with it).
"""

from __future__ import annotations

from collections.abc import Callable

from nl2sql.counters import COUNT_SUFFIXES, counts_a_noun
from nl2sql.vocabulary import ecdict
from nl2sql.vocabulary.anchors import ACCEPT, Anchor

#: how surely a translation means the headword, by its position in the noun list
NOUN_FACTORS = (0.85, 0.8, 0.75)
ADJ_FACTORS = (0.8, 0.75, 0.7)
WEB_FACTORS = (0.7,)
#: a later sense that is another word's main sense: below ACCEPT, a clarification only
OTHER_WORDS_SENSE = 0.6
#: what agreement with CC-CEDICT adds, and the most a dictionary link may score
AGREEMENT, CEILING = 0.05, 0.95
#: a Chinese word that is the main sense of this many other headwords is too broad to name one
#: model term surely (紧急: urgent, urgency, exigent, rush, ...)
BROAD = 6
#: longest translation read for a single word / a phrase (longer ones are explanations:
#: "booking" -> 预约演出合同)
MAX_CHARS_WORD, MAX_CHARS_PHRASE = 4, 6
#: jieba frequency of an everyday Chinese word (完整 4142, 海洋 4068; 奢侈 464, 许可证 351)
COMMON = 3_000
#: an English word this short is a code or an abbreviation more often than a word
MIN_LETTERS = 2
#: shortest shared beginning that makes two English words forms of one ("luxur-")
FAMILY_PREFIX = 5
#: jieba tags of words that never name a model term (adverbs, pronouns, numerals, measure
#: words, prepositions, conjunctions, particles, idioms, set phrases, times, places)
_NON_NOUN_TAGS = frozenset("ad d r m q p c u e y o i l t f s".split())  # noqa: SIM905


def family(a: str, b: str) -> bool:
    """Two English words that are forms of one ("luxury" / "luxurious").

    >>> family("luxury", "luxurious"), family("order", "rule"), family("visitor", "visitors")
    (True, False, True)
    """
    n = min(FAMILY_PREFIX, len(a), len(b))
    return a[:n] == b[:n] and (n == FAMILY_PREFIX or a == b or abs(len(a) - len(b)) <= 1)


def _has_lower(text: str) -> bool:
    """Whether a data value is written as a word (a lower-case letter), not as a code.

    >>> _has_lower("Rotorcraft"), _has_lower("CESSNA"), _has_lower("US")
    (True, False, False)
    """
    return any(c.islower() for c in text)


def _factor(pos: int, kind: str) -> float:
    table = {"noun": NOUN_FACTORS, "adj": ADJ_FACTORS, "web": WEB_FACTORS}[kind]
    return table[pos] if pos < len(table) else 0.0


def ecdict_words(
    phrase: str, kind: str, tag_of: Callable[[str], str] | None = None
) -> dict[str, float]:
    """Chinese word -> factor for one English anchor phrase (see the module docstring).

    ``kind`` is the anchor's kind: only a value reads adjective lines (a data value such as
    "damaged" is an adjective; a dimension named by one, ``is_urgent``, is not its Chinese
    adjective 紧急). ``tag_of`` gives a word's jieba tag (``chinese.jieba_tag``; passed in, so
    this module does not load jieba's dictionary itself).
    """
    out: dict[str, float] = {}
    # the plural's own entry only when the word has none ("conditions" is 形势, "condition" 情况)
    forms = [phrase] if ecdict.chinese_for(phrase) or " " in phrase else [phrase + "s"]
    longest = MAX_CHARS_PHRASE if " " in phrase else MAX_CHARS_WORD
    for form in forms:
        for word, pos, how in ecdict.chinese_for(form):
            if len(word) > longest or (how == "adj" and kind != "value"):
                continue
            if kind == "value" and pos > 0:
                continue  # a data value's Chinese name is its word's main sense only
            tag = tag_of(word) if tag_of else "n"
            if tag in _NON_NOUN_TAGS or tag[:1] in _NON_NOUN_TAGS:
                continue
            if kind != "metric" and (word in COUNT_SUFFIXES or counts_a_noun(word)):
                continue  # 数量 / 浏览量 count something: no name of a dimension or value
            factor = _factor(pos, how)
            others = [o for o in ecdict.owners(word) if not family(form, o)]
            mine = any(family(form, o) for o in ecdict.owners(word))
            # an adjective read without its 的 that Chinese uses as a plain noun ("regular"
            # a. 规则的, but 规则 is "rule") is that noun, not this adjective; 损坏 (a verb) and
            # 豪华 (an adjective) keep their adjective sense
            noun_not_adj = how == "adj" and tag == "n"
            if (pos > 0 and not mine) or len(others) >= BROAD or noun_not_adj:
                factor = min(factor, OTHER_WORDS_SENSE)
            if factor > out.get(word, 0.0):
                out[word] = factor
    return out


def ecdict_anchors(
    a: Anchor,
    cedict_words: dict[str, float],
    tag_of: Callable[[str], str] | None = None,
    freq_of: Callable[[str], int] | None = None,
) -> list[Anchor]:
    """ECDICT's Chinese for anchor ``a``; ``cedict_words`` are CC-CEDICT's factors for the
    same anchor (agreement raises the score)."""
    source = "ecdict" if a.source == "name" else f"{a.source}+ecdict"
    out = []
    if "thesaurus" in a.source or "description" in a.source:
        # a neighbour's Chinese is two guesses away ("consignment" -> 委托 for a shipment), and
        # a description's content word ("person") is no name of the term (人身 for customer)
        return []
    if len(a.phrase) <= MIN_LETTERS or (a.value is not None and not _has_lower(a.value)):
        return []  # a code ("CO", "DL", "ds") or an upper-case name ("BELL"): no English word
    for word, factor in ecdict_words(a.phrase, a.kind, tag_of).items():
        if a.kind == "value" and word not in cedict_words and freq_of and freq_of(word) >= COMMON:
            # an everyday word (完整, 媒体, 海洋) as a data value's only name, on one
            # dictionary's word: a question using it in its everyday sense would be filtered
            factor = min(factor, OTHER_WORDS_SENSE)
        if word in cedict_words:
            # agreement confirms a sense both list; a sense ECDICT holds doubtful gains nothing
            bonus = AGREEMENT if factor > OTHER_WORDS_SENSE else 0.0
            factor = min(CEILING, max(factor, cedict_words[word]) + bonus)
            src = source.replace("ecdict", "cedict+ecdict")
        else:
            src = source
        out.append(Anchor(word, a.kind, a.name, a.value, a.via, src, a.score * factor))
    if a.kind == "value":
        taken = {x.phrase for x in out}
        out += [x for x in reversed_twins(a, cedict_words, tag_of) if x.phrase not in taken]
    return out


def reversed_twins(
    a: Anchor, cedict_words: dict[str, float], tag_of: Callable[[str], str] | None = None
) -> list[Anchor]:
    """A data value's name written with its two characters the other way round (欺诈 beside
    诈欺 "fraud"), when ECDICT lists that spelling for the value's word too.

    Why: Chinese writes many two-character words either way round with one meaning (诈欺 /
    欺诈, 累积 / 积累); CC-CEDICT glosses 诈欺 as "fraud" but 欺诈, the everyday spelling, only
    as "to cheat", and ECDICT lists 欺诈 second under "fraud", so a value ``fraud`` was named
    only by the rarer word and 欺诈交易有多少笔 was refused. Both dictionaries together say it:
    CC-CEDICT's main name of the value is the same two characters reversed, and ECDICT gives
    the reversed word for the value's own English word among its first
    :data:`NOUN_FACTORS` noun senses. The twin is as sure as CC-CEDICT's word.

    >>> a = Anchor("fraud", "value", "t__type", "fraud", "fraud", "name", 1.0)
    >>> [(x.phrase, x.score) for x in reversed_twins(a, {"诈欺": 0.9})]
    [('欺诈', 0.9)]
    >>> reversed_twins(a, {"诈骗罪": 0.9})
    []
    """
    out = []
    for word, pos, how in ecdict.chinese_for(a.phrase):
        twin = word[::-1]
        if how != "noun" or pos >= len(NOUN_FACTORS) or len(word) != 2 or twin == word:
            continue
        if twin not in cedict_words or word in cedict_words:
            continue
        tag = tag_of(word) if tag_of else "n"
        if tag in _NON_NOUN_TAGS or tag[:1] in _NON_NOUN_TAGS:
            continue
        source = "cedict+ecdict+reversed" if a.source == "name" else f"{a.source}+reversed"
        out.append(
            Anchor(word, a.kind, a.name, a.value, a.via, source, cedict_words[twin] * a.score)
        )
    return out


def tie_shared(found: list[tuple[str, Anchor]]) -> list[Anchor]:
    """The ECDICT anchors of ``found`` (English phrase looked up, anchor), a Chinese word that
    ECDICT gives for two different English phrases naming two model terms set to one score.

    Why: ECDICT giving 记录 for both a ``record`` entity and a ``log`` dimension says nothing
    about which one a user means; ranking them by list position would pick one silently.
    Tied, both survive the bridge builder's cut and the question is clarified. Terms reached
    through one English phrase ("buyers" heading several metric names) are left as scored:
    how the phrase ties to each term is the other rules' business.

    >>> a = Anchor("记录", "entity", "record", None, "Record", "ecdict", 0.85)
    >>> b = Anchor("记录", "dimension", "log", None, "Log", "ecdict", 0.7)
    >>> sorted(x.score for x in tie_shared([("record", a), ("log", b)]))
    [0.85, 0.85]
    """
    targets: dict[str, set[tuple[str, str, str | None]]] = {}
    phrases: dict[str, set[str]] = {}
    best: dict[str, float] = {}
    for english, x in found:
        if x.score < ACCEPT:
            continue  # a doubtful link stays doubtful: a tie never raises it to an answer
        targets.setdefault(x.phrase, set()).add(_target(x))
        phrases.setdefault(x.phrase, set()).add(english)
        best[x.phrase] = max(best.get(x.phrase, 0.0), x.score)
    shared = {p for p, t in targets.items() if len(t) > 1 and len(phrases[p]) > 1}
    return [
        Anchor(x.phrase, x.kind, x.name, x.value, x.via, x.source, best[x.phrase])
        if x.phrase in shared and x.score >= ACCEPT
        else x
        for _, x in found
    ]


def _target(x: Anchor) -> tuple[str, str, str | None]:
    """The model term an anchor names."""
    return (x.kind, x.name, x.value)
