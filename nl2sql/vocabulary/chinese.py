"""Chinese renderings of a model's English words and phrases: a business glossary, then CC-CEDICT.

Why word by word: a model names things in English compounds ("transaction amount", "frame
type", "average pickup wait") and a Chinese analyst types the same compound in Chinese
(交易金额, 车架类型, 平均取车等待). Chinese compounds are head-final like English ones, so a
compound is rendered by putting each word's Chinese side by side. A dictionary lookup of the
whole phrase finds almost none of these (CC-CEDICT has no entry "transaction amount"), while the
words are there — or, for the business heads CC-CEDICT glosses poorly (金额, 渠道, 州), in the
general business glossary ``glossary_zh.yml`` and the industries' words (``glossary_zh_domains.yml``:
住院 admission, 租户 tenant, 逾期 past due), which the dictionaries gloss oddly or not at all.

Scores say how surely a rendering means the word: the glossary's first rendering 0.95, its
others 0.9; a CC-CEDICT word by how main its sense is (:func:`cedict_factor`). A compound's
score is the product of its parts, so every extra guessed word lowers it.

>>> [w for w, _ in compounds(["transaction", "amount"])][:2]
['交易金额', '交易额']
>>> [w for w, _ in compounds(["unit", "price"])][:1]
['单价']
>>> [w for w, _ in compounds(["order", "number"])]
['订单号', '订单号码', '订单编号']
"""

from __future__ import annotations

import collections
import contextlib
import functools
import itertools
from collections.abc import Iterable, Iterator
from contextvars import ContextVar
from importlib import resources

import yaml

from nl2sql.counters import COUNT_SUFFIXES
from nl2sql.vocabulary import cedict, jieba_words
from nl2sql.vocabulary.quality_nouns import QUALITY_FACTOR, quality_hits

GLOSSARY_FIRST, GLOSSARY_OTHER = 0.95, 0.9
#: "<A> of <B>" spelled with 的 (业务的线) rather than joined (业务线): a little less usual as a name
OF_SPELLED = 0.95
#: renderings kept per word, compounds kept per phrase, and the longest phrase rendered
MAX_RENDERINGS, MAX_COMPOUNDS, MAX_WORDS = 4, 12, 4
#: glossary characters that only ever modify the noun after them (总收入, 净利润, 毛利, 新客户):
#: never the last part of a compound, where the English head word stands
PREFIX_CHARS = frozenset("总净毛新大小")
#: jieba frequency above which a Chinese word with four or more senses is everyday vocabulary
#: (部分 "part/share/section", 地方 "region/place/local"): too polysemous to name a model term
COMMON_FREQ = 10_000
#: English heads that name an identifier or ordinal when they end a compound ("order number",
#: "seat number" = 订单号, 座位号): their Chinese count suffixes (数, 数量) would make the compound
#: a count question instead (订单数 = how many orders)
_IDENTIFIER_HEADS = frozenset({"number"})
#: jieba tags of words that never render a model word, even inside a compound (idioms, set
#: phrases, pronouns, numerals, measure words, prepositions, conjunctions, particles)
_NEVER_TAGS = frozenset("i l r m q p c u e y o".split())  # noqa: SIM905


def jieba_tag(word: str) -> str:
    """jieba's part-of-speech tag of ``word`` ("n" when jieba does not know it)."""
    return jieba_words.tag_and_frequency(word)[0] or "n"


def word_frequency(word: str) -> int:
    """jieba's frequency of a Chinese word (0 for English words and unknown ones)."""
    return jieba_words.tag_and_frequency(word)[1]


def cedict_factor(position: int, senses: int) -> float:
    """How surely a Chinese word means an English gloss: its main sense and few other senses.

    >>> cedict_factor(0, 1), cedict_factor(0, 4), cedict_factor(1, 2), cedict_factor(3, 5)
    (0.9, 0.75, 0.75, 0.45)
    """
    if position == 0:
        return 0.9 if senses <= 2 else 0.75
    if position == 1:
        return 0.75 if senses <= 2 else 0.55
    return 0.45


#: the general business glossary, then the industries' words (``glossary_zh_domains.yml``)
GLOSSARY_FILES = ("glossary_zh.yml", "glossary_zh_domains.yml")


def _glossary_file(name: str) -> str:
    return resources.files("nl2sql.vocabulary").joinpath(name).read_text("utf-8")


def glossary_text() -> str:
    """The glossary files as shipped, one after the other (part of the vocabulary cache key)."""
    return "\n".join(_glossary_file(name) for name in GLOSSARY_FILES)


@functools.cache
def authoritative() -> frozenset[str]:
    """The words of the general glossary: for them it replaces the dictionaries' senses.

    Why only those: a general business word is one CC-CEDICT glosses by a rarer sense first (渠道
    is an irrigation ditch before a sales channel), and its other senses would only multiply
    guesses. An industry's word is added *on top of* the dictionaries: CC-CEDICT's 饭馆 for
    "restaurant" or 回答 for "reply" are what some analysts type, and an industry list cannot
    know every one.

    >>> "channel" in authoritative(), "restaurant" in authoritative()
    (True, False)
    """
    return frozenset(str(w).lower() for w in _glossary_sections()[0])


@functools.cache
def _glossary_sections() -> tuple[dict, dict[str, dict]]:
    """The general glossary's ``words``, and each industry's words by industry, in file order."""
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    general = yaml.load(_glossary_file(GLOSSARY_FILES[0]), Loader=loader)
    domains = yaml.load(_glossary_file(GLOSSARY_FILES[1]), Loader=loader)
    return general["words"], domains["domains"]


#: how many of an industry's words a model must name for that industry's renderings to apply
MIN_EVIDENCE = 2
#: the industries of the model being read (None: every industry, when no model is at hand)
_INDUSTRIES: ContextVar[frozenset[str] | None] = ContextVar("industries", default=None)


@contextlib.contextmanager
def model_industries(industries: frozenset[str] | None) -> Iterator[None]:
    """Read the glossary with only ``industries``' words (see :func:`evident_industries`)."""
    token = _INDUSTRIES.set(industries)
    try:
        yield
    finally:
        _INDUSTRIES.reset(token)


@functools.cache
def industry_words() -> dict[str, frozenset[str]]:
    """Each industry of ``glossary_zh_domains.yml`` -> the English words and phrases that only
    it lists, and the general glossary does not: the words that tell a model's industry ("lot"
    is a parking lot, a plot of land and a production batch, and says nothing of which).

    >>> "patient" in industry_words()["healthcare"], "visit" in industry_words()["healthcare"]
    (True, False)
    """
    sections = {
        name: frozenset(str(english).lower() for english in section)
        for name, section in _glossary_sections()[1].items()
    }
    # a word of the general glossary is every business's ("visit", "line", "score")
    listed = collections.Counter(w for words in sections.values() for w in words)
    listed.update(str(w).lower() for w in _glossary_sections()[0])
    return {name: frozenset(w for w in words if listed[w] == 1) for name, words in sections.items()}


def evident_industries(phrases: Iterable[str]) -> frozenset[str]:
    """The industries a model shows by its own words: those of which it names at least
    :data:`MIN_EVIDENCE` words or phrases no other industry lists (in its names and labels,
    read singular).

    Why: an industry's word means that industry's thing. "visit" is a hospital's 就诊 and a
    website's 访问, "pass" a school's 及格 and a football match's 传球, "lot" a parking lot or a
    production batch: on a model of another industry such renderings linked its words to
    things the analyst never means (a charging station's visits to 就诊, a shipping model's
    parcels to 地块). A model of one industry names several of its words (patient, admission,
    ward), so two are evidence enough, and a single general word (visit) is not.

    >>> sorted(evident_industries(["patient", "length of stay", "ward"]))
    ['healthcare']
    >>> sorted(evident_industries(["visit", "charge session", "port"]))
    []
    """
    seen: set[str] = set()
    for phrase in phrases:
        words = phrase.split()
        for i in range(len(words)):
            seen.update(" ".join(words[i:j]) for j in range(i + 1, min(len(words), i + 3) + 1))
    return frozenset(
        name for name, words in industry_words().items() if len(words & seen) >= MIN_EVIDENCE
    )


def glossary() -> dict[str, tuple[tuple[str, float, bool], ...]]:
    """English word or phrase -> ((Chinese, score, may stand alone), ...), most usual first:
    the general glossary and the industries of the model being read (every industry when no
    model is: :func:`model_industries`).

    A rendering of one character stands alone only when marked ``*`` in the file (州); other
    single characters (率, 额) are only parts of compounds. A word several industries list
    (``trial``: 试验 in pharma, 试用 in SaaS, 审判 in law) keeps each one's renderings, the
    general glossary's first.

    >>> glossary()["state"], glossary()["amount"][1]
    ((('州', 0.95, True),), ('额', 0.9, False))
    >>> [w for w, _, _ in glossary()["trial"]]
    ['试验', '试用', '审判', '庭审']
    >>> with model_industries(frozenset({"saas"})):
    ...     [w for w, _, _ in glossary()["trial"]]
    ['试用']
    """
    return _glossary(_INDUSTRIES.get())


def english_phrases(zh: str) -> tuple[str, ...]:
    """The English words and phrases the glossary renders as ``zh`` standing alone.

    >>> "state" in english_phrases("州")
    True
    """
    return _english_phrases(_INDUSTRIES.get()).get(zh, ())


@functools.cache
def _english_phrases(industries: frozenset[str] | None) -> dict[str, tuple[str, ...]]:
    out: dict[str, list[str]] = {}
    for en, renderings in _glossary(industries).items():
        for zh, _score, alone in renderings:
            if alone:
                out.setdefault(zh, []).append(en)
    return {zh: tuple(ens) for zh, ens in out.items()}


def general_glossary() -> dict[str, tuple[tuple[str, float, bool], ...]]:
    """The general business glossary alone, whatever the model's industries."""
    return _glossary(frozenset())


@functools.cache
def _glossary(
    industries: frozenset[str] | None,
) -> dict[str, tuple[tuple[str, float, bool], ...]]:
    general, domains = _glossary_sections()
    sections = [general] + [
        words for name, words in domains.items() if industries is None or name in industries
    ]
    merged: dict[str, dict[str, bool]] = {}
    for section in sections:
        for english, chinese in section.items():
            row = merged.setdefault(str(english).lower(), {})
            for raw in chinese:
                word = str(raw).rstrip("*")
                row.setdefault(word, len(word) > 1 or str(raw).endswith("*"))
    return {
        english: tuple(
            (word, GLOSSARY_FIRST if i == 0 else GLOSSARY_OTHER, alone)
            for i, (word, alone) in enumerate(row.items())
        )
        for english, row in merged.items()
    }


def _cedict_renderings(word: str, verbs: list[str]) -> dict[str, float]:
    """CC-CEDICT words whose main noun gloss is ``word`` or whose main verb gloss is a stem."""
    out: dict[str, float] = {}
    hits = [(w, p, h) for form in (word, word + "s") for w, p, h in cedict.chinese_for(form)]
    hits = [h for h in hits if h[2] == "exact"]
    hits += [h for v in verbs for h in cedict.chinese_for(v) if h[2] == "verb"]
    hits += quality_hits(word)
    for zh, pos, how in hits:
        if jieba_tag(zh)[:1] in _NEVER_TAGS:
            continue
        senses = cedict.verb_count(zh) if how == "verb" else cedict.sense_count(zh)
        if pos > 0 and not (_content_word(word) and _later_sense_kept(pos, senses, how)):
            continue
        if senses >= 4 and word_frequency(zh) >= COMMON_FREQ:
            continue
        factor = cedict_factor(pos, senses) * {"verb": 0.95, "quality": QUALITY_FACTOR}.get(
            how, 1.0
        )
        out[zh] = max(out.get(zh, 0.0), factor)
    return out


#: the latest CC-CEDICT sense a noun gloss is read from, for a word of at most
#: :data:`FEW_SENSES` senses (超时 "to exceed the time limit / overtime / (computing) timeout")
LATER_SENSE, FEW_SENSES = 1, 2


#: the shortest English word a later sense renders ("by", "per" are grammar, whatever sense)
MIN_LATER_WORD = 4


def _content_word(word: str) -> bool:
    """An English word that names something: no preposition or article (截至 is "by" only as
    a deadline), and not shorter than :data:`MIN_LATER_WORD` letters.

    >>> _content_word("timeout"), _content_word("by"), _content_word("with")
    (True, False, False)
    """
    return len(word) >= MIN_LATER_WORD and cedict.gloss_tokens(word) == (word,)


def _later_sense_kept(pos: int, senses: int, how: str) -> bool:
    """Whether an exact noun gloss in a later sense still renders the word.

    Why: CC-CEDICT lists a word's senses in its own order, not by how a business model uses it:
    超时 is "to exceed the time limit" first and "timeout" second, so a model's "timeout count"
    had no Chinese at all. A word of one or two senses is not polysemous enough for its second
    sense to be a stray reading, and :func:`cedict_factor` already scores it below a main sense
    (0.75 against 0.9), so a word whose first sense is the term still wins. A word of more
    senses, a third sense, or a verb gloss stays out: those were the guesses that linked
    everyday words to unrelated terms.

    >>> _later_sense_kept(1, 2, "exact"), _later_sense_kept(1, 3, "exact")
    (True, False)
    >>> _later_sense_kept(2, 2, "exact"), _later_sense_kept(1, 2, "verb")
    (False, False)
    """
    return how == "exact" and pos <= LATER_SENSE and senses <= FEW_SENSES


def renderings(phrase: str, verbs: tuple[str, ...] = ()) -> tuple[tuple[str, float], ...]:
    """The best Chinese renderings of one English word or glossary phrase, as compound parts.

    ``verbs`` are stems the word may come from ("arrival" -> "arrive"), tried against
    CC-CEDICT's "to ..." glosses (到达 "to reach; to arrive").
    """
    return _renderings(phrase, verbs, _INDUSTRIES.get())


@functools.cache
def _renderings(
    phrase: str, verbs: tuple[str, ...], industries: frozenset[str] | None
) -> tuple[tuple[str, float], ...]:
    # the general glossary is authoritative for the business words it lists: CC-CEDICT's other
    # renderings of them (买主 for "customer", 地税 for "rate") would only multiply guesses
    found = {zh: score for zh, score, _ in glossary().get(phrase, ())}
    if phrase not in authoritative():  # an industry's word: CC-CEDICT's senses count too
        for zh, score in _cedict_renderings(phrase, list(verbs)).items():
            found[zh] = max(found.get(zh, 0.0), score)
    ranked = sorted(found.items(), key=lambda kv: (-kv[1], -word_frequency(kv[0]), kv[0]))
    return tuple(ranked[:MAX_RENDERINGS]) + _participle_renderings(phrase, verbs)


#: how surely 已 + the verb renders an English participle modifier (已赚 for "earned")
PARTICIPLE = 0.85


def _participle_renderings(word: str, verbs: tuple[str, ...]) -> tuple[tuple[str, float], ...]:
    """已 + the verb for an English past participle ("earned" -> 已赚, "paid" is irregular and
    not read): Chinese marks a completed action before the noun (已赚保费 "earned premium",
    已取消订单 "cancelled orders"), and the bare verb (赚保费) is what nobody types.

    >>> [w for w, _ in _participle_renderings("earned", ("earned", "earn", "earne"))][:1]
    ['已赚']
    """
    if not word.endswith("ed") or word.endswith("eed"):
        return ()
    out: dict[str, float] = {}
    for v in verbs:
        if v == word:
            continue
        for ch in cedict.char_verbs(v):
            out[f"已{ch}"] = PARTICIPLE
        for zh, pos, how in cedict.chinese_for(v):
            if how == "verb" and pos == 0 and jieba_tag(zh)[:1] not in _NEVER_TAGS:
                out[f"已{zh}"] = max(out.get(f"已{zh}", 0.0), PARTICIPLE * 0.95)
    ranked = sorted(out.items(), key=lambda kv: (-kv[1], -word_frequency(kv[0][1:]), kv[0]))
    return tuple(ranked[:2])


def _identifier_renderings(head: str) -> tuple[tuple[str, float], ...]:
    """The renderings of an identifier head that are no count suffix (编号, 号码 for "number")."""
    return _identifier_renderings_in(head, _INDUSTRIES.get())


@functools.cache
def _identifier_renderings_in(
    head: str, industries: frozenset[str] | None
) -> tuple[tuple[str, float], ...]:
    found = {zh: score for zh, score, _ in glossary().get(head, ())} or dict(renderings(head))
    kept = {zh: score for zh, score in found.items() if zh not in COUNT_SUFFIXES}
    ranked = sorted(kept.items(), key=lambda kv: (-kv[1], -word_frequency(kv[0]), kv[0]))
    return tuple(ranked[:MAX_RENDERINGS])


def _chunks(words: list[str]) -> list[list[str]]:
    """Every split of ``words`` into dictionary phrases and single words, longest phrases first.

    A dictionary phrase is one the glossary lists or one CC-CEDICT glosses whole ("palm oil"
    棕榈油, "exchange rate" 汇率). Why CC-CEDICT too: word by word, "palm oil price" was only
    手掌石油价格 ("hand-palm petroleum price"), a string nobody types, so 棕榈油价格 was unknown.

    >>> _chunks(["palm", "oil", "price"])[0]
    ['palm oil', 'price']
    """
    if not words:
        return [[]]
    out: list[list[str]] = []
    for n in range(min(3, len(words)), 0, -1):
        head = " ".join(words[:n])
        if n > 1 and head not in glossary() and not _cedict_phrase(head):
            continue
        out += [[head, *rest] for rest in _chunks(words[n:])]
    return out


@functools.cache
def _cedict_phrase(phrase: str) -> bool:
    """Whether CC-CEDICT glosses the several-word ``phrase`` whole (a main noun sense)."""
    return bool(_cedict_renderings(phrase, []))


def compounds(
    words: list[str], verbs_of=None, acronyms: frozenset[str] = frozenset()
) -> list[tuple[str, float]]:
    """Chinese compounds for an English phrase of two to :data:`MAX_WORDS` words, best first.

    A phrase the glossary renders whole ("unit price" -> 单价) also counts; ``verbs_of`` maps a
    word to the verb stems it may come from (for CC-CEDICT's verb glosses). A word in
    ``acronyms`` (written in capitals by the model: GMV, ARR, SKU) stays in Latin letters, as
    Chinese users write it ("期末KPI" for "Ending KPI").

    >>> [w for w, _ in compounds(["net", "kpi"], acronyms=frozenset({"kpi"}))][:1]
    ['净KPI']
    """
    if len(words) > 2 and words[0] in _LEADING_PREPOSITIONS and not renderings(words[0]):
        # "at risk members" (an "At-Risk" label): the preposition of an English set phrase
        # has no Chinese of its own, and 风险会员 says the rest
        return compounds(words[1:], verbs_of, acronyms)
    if not 2 <= len(words) <= MAX_WORDS + 2:
        return []
    if len(words) > MAX_WORDS and len(_chunks(words)[0]) > MAX_WORDS:
        # five words are one compound only when glossary phrases make them at most four
        # parts ("box" + "on time" + "pickup" + "rate": 箱子准时取件率)
        return []
    joined = _word_compounds(words, verbs_of, acronyms)
    if joined or not {_WITH, _OF, _BY} & set(words[1:-1]):
        # a glossary phrase holding the preposition ("average length of stay": 平均住院天数)
        # is one word of the compound; only a preposition no phrase holds is rendered as one
        return joined
    if _WITH in words[1:-1]:
        return _with_compounds(words, verbs_of)
    if _OF in words[1:-1]:
        return _of_compounds(words, verbs_of)
    return _by_compounds(words, verbs_of)


def _word_compounds(
    words: list[str], verbs_of=None, acronyms: frozenset[str] = frozenset()
) -> list[tuple[str, float]]:
    """The compounds of ``words`` rendered part by part, each part a glossary phrase or a word.

    >>> [w for w, _ in compounds(["average", "length", "of", "stay"])][:1]
    ['平均住院天数']
    """
    best: dict[str, float] = {}
    for split in _chunks(words):
        if len(split) > MAX_WORDS:
            continue
        parts = [
            ((c.upper(), 1.0),)
            if c in acronyms
            else renderings(c, tuple(verbs_of(c)) if verbs_of and " " not in c else ())
            for c in split
        ]
        if len(split) > 1 and split[-1] in _IDENTIFIER_HEADS:
            parts[-1] = _identifier_renderings(split[-1])
        if not all(parts):
            continue
        for combo in itertools.product(*parts):
            if combo[-1][0] in PREFIX_CHARS:
                continue  # "order total" is 订单总额, never 订单总 (which cuts 订单总数 wrong)
            text = "".join(zh for zh, _ in combo)
            score = 1.0
            for _, s in combo:
                score *= s
            if len(text) >= 2 and score > best.get(text, 0.0):
                best[text] = score
            inside = _total_inside(combo)
            if inside and score * TOTAL_INSIDE > best.get(inside, 0.0):
                best[inside] = score * TOTAL_INSIDE
    ranked = sorted(best.items(), key=lambda kv: (-kv[1], len(kv[0]), kv[0]))
    return ranked[:MAX_COMPOUNDS]


#: how surely "<modifier>总<head>" renders "total <modifier> <head>", against 总 first
TOTAL_INSIDE = 0.95


def _total_inside(combo: tuple[tuple[str, float], ...]) -> str:
    """ "total <modifier> <amount>" with 总 before the amount word (燃料总成本, 营业总收入), or "".

    Why: Chinese puts 总 ("total") on the head noun, after what the amount is of: 燃料总成本 is
    the usual way to say "total fuel cost", and only 总燃料成本 was rendered, so the question
    named 总成本 and left 燃料 unknown (refused). Only the amount's 总: a count head (数, 次数)
    is left to the count labels' own renderings, where 总数 reads another count.

    >>> _total_inside((("总", 0.95), ("燃料", 0.9), ("成本", 0.95)))
    '燃料总成本'
    >>> _total_inside((("总", 0.95), ("订单", 0.9), ("数", 0.9))), _total_inside((("总", 0.95), ("成本", 0.9)))
    ('', '')
    """
    if len(combo) < 3 or combo[0][0] != "总" or combo[-1][0] in COUNT_SUFFIXES:
        return ""
    if any(zh in PREFIX_CHARS or not zh.strip() for zh, _ in combo[1:]):
        return ""
    return "".join(zh for zh, _ in combo[1:-1]) + "总" + combo[-1][0]


#: prepositions that open an English set phrase used as a modifier ("at risk", "in stock")
_LEADING_PREPOSITIONS = frozenset({"at", "in", "on"})

#: "customers with orders": the English preposition of having, rendered 有<B>的<A>
_WITH = "with"
#: "line of business", "cost of goods": the English preposition of belonging, rendered <B><A>
_OF = "of"
#: "cancelled by seller": the agent of a passive participle, rendered <B><A> (卖家取消)
_BY = "by"


def _sides(
    words: list[str], k: int, verbs_of=None
) -> tuple[list[tuple[str, float]], list[tuple[str, float]]]:
    """The renderings of the words before and after the preposition at ``k``."""

    def side(part: list[str]) -> list[tuple[str, float]]:
        if len(part) == 1:
            verbs = tuple(verbs_of(part[0])) if verbs_of else ()
            return list(renderings(part[0], verbs))
        return compounds(part, verbs_of)

    return side(words[:k]), side(words[k + 1 :])


def _of_compounds(words: list[str], verbs_of=None) -> list[tuple[str, float]]:
    """Chinese for "<A> of <B>" (a dimension named ``line_of_business``): <B><A>, or <B>的<A>.

    Why: Chinese puts the owner before the thing owned (业务线 "line of business", 商品成本 "cost
    of goods"), so word-by-word rendering in English order (线业务) is a string nobody types and
    the name stayed unknown in Chinese. The joined form scores as the parts; the form with 的
    a little less (it is the spelled-out phrase, rarer as a name).

    >>> [w for w, _ in compounds(["line", "of", "business"])][:1]
    ['业务线']
    >>> "商品的成本" in [w for w, _ in compounds(["cost", "of", "goods"])]
    True
    """
    left, right = _sides(words, words.index(_OF), verbs_of)
    out: dict[str, float] = {}
    for (a, sa), (b, sb) in itertools.product(left, right):
        if a in PREFIX_CHARS:
            continue
        forms = [(f"{b}{a}", sa * sb)]
        if len(a) > 1:  # 率, 线 are only ever joined (业务线, never 业务的线)
            forms.append((f"{b}的{a}", sa * sb * OF_SPELLED))
        for text, score in forms:
            out[text] = max(out.get(text, 0.0), score)
    ranked = sorted(out.items(), key=lambda kv: (-kv[1], len(kv[0]), kv[0]))
    return ranked[:MAX_COMPOUNDS]


def _with_compounds(words: list[str], verbs_of=None) -> list[tuple[str, float]]:
    """Chinese for "<A> with <B>" (a metric named "customers with orders"): 有<B>的<A>.

    Why: Chinese puts what a thing has before it, as a relative clause (有订单的客户), so the
    word-by-word rendering of head-final compounds cannot produce it. Each side is one word or
    a compound of its own; the score is the product of both sides.

    >>> [w for w, _ in compounds(["customer", "with", "order"])][:2]
    ['有订单的客户', '有订单的顾客']
    """
    left, right = _sides(words, words.index(_WITH), verbs_of)
    out = {f"有{b}的{a}": sa * sb for (a, sa), (b, sb) in itertools.product(left, right)}
    ranked = sorted(out.items(), key=lambda kv: (-kv[1], len(kv[0]), kv[0]))
    return ranked[:MAX_COMPOUNDS]


def _by_compounds(words: list[str], verbs_of=None) -> list[tuple[str, float]]:
    """Chinese for "<participle> by <agent>" (a value ``CANCELLED_BY_SELLER``): <agent><verb>
    (卖家取消), or 被<agent><verb>, a little less surely.

    Why: Chinese says who did it before the verb and has no passive preposition in a name, so
    the word-by-word rendering stopped at "by" and 卖家取消的订单 found no value. Only one past
    participle before "by" ("cancelled", "paid"): "revenue by region" is a breakdown, never an
    agent, and a phrase of several words before "by" is no single act.

    >>> [w for w, _ in compounds(["cancelled", "by", "seller"])][:2]
    ['卖家取消', '被卖家取消']
    >>> compounds(["revenue", "by", "region"])
    []
    """
    k = words.index(_BY)
    # a regular past participle (morphology, which knows irregular ones, imports this module)
    if k != 1 or len(words[0]) < 5 or not words[0].endswith("ed"):
        return []
    left, right = _sides(words, k, verbs_of)
    out: dict[str, float] = {}
    for (a, sa), (b, sb) in itertools.product(left, right):
        for text, score in ((f"{b}{a}", sa * sb), (f"被{b}{a}", sa * sb * OF_SPELLED)):
            out[text] = max(out.get(text, 0.0), score)
    ranked = sorted(out.items(), key=lambda kv: (-kv[1], len(kv[0]), kv[0]))
    return ranked[:MAX_COMPOUNDS]
