"""Chinese words for English anchors: the glossary, CC-CEDICT, ECDICT and word-by-word compounds.

Why: a model written in English has no Chinese, yet Chinese questions must reach its terms
(门店 for a ``location`` model, 理赔编号 for "claim number"). Each Chinese word inherits its
English anchor's term and score, scaled by how sure the rendering is.
"""

from __future__ import annotations

from nl2sql.counters import COUNT_SUFFIXES, counts_a_noun
from nl2sql.vocabulary import cedict, ecdict, morphology
from nl2sql.vocabulary.anchors import ACCEPT, Anchor
from nl2sql.vocabulary.chinese import (
    COMMON_FREQ,
    authoritative,
    cedict_factor,
    compounds,
    general_glossary,
    glossary,
    jieba_tag,
    renderings,
    word_frequency,
)
from nl2sql.vocabulary.clipped_zh import clipped_head
from nl2sql.vocabulary.count_labels_zh import count_label_anchors
from nl2sql.vocabulary.days_labels_zh import days_label_anchors
from nl2sql.vocabulary.domain_kinds import domain_kind_anchors
from nl2sql.vocabulary.ecdict_anchors import ecdict_anchors, tie_shared
from nl2sql.vocabulary.english import english_only, singular, verb_stems
from nl2sql.vocabulary.kind_compounds import kind_compounds
from nl2sql.vocabulary.sole_words import SOURCE as SOLE_WORD
from nl2sql.vocabulary.value_senses import glossed_by, model_words, other_glossed

#: a word-by-word Chinese compound is a guess of the whole from its parts: slightly below a
#: dictionary word for the same phrase
COMPOUND = 0.95
VALUE_GLOSSARY = 0.9
#: how a CC-CEDICT gloss matched: the phrase itself, the head noun of a two-word gloss
#: ("scheduled flight" for "flight"), or the verb of a "to ..." gloss (延误 for "delay")
CEDICT_HOW = {"exact": 1.0, "head": 0.9, "verb": 0.85, "collective": 0.9}
#: jieba part-of-speech tags of Chinese words that cannot name a model noun (adjectives,
#: adverbs, pronouns, numerals, measure words, prepositions, conjunctions, particles, idioms)
_NON_NOUN_TAGS = frozenset("a ad an d r m q p c u e y o i l t f s".split())  # noqa: SIM905
#: how Chinese names an identifier: "policy number" is 保单号 / 保单编号, never 保单数量 (a count)
ID_HEADS_ZH = {
    "number": ("编号", "号码", "号"),
    "no": ("编号", "号"),
    "id": ("编号", "ID"),
    "code": ("代码", "编码"),
}


def _sole_word_terms(a: Anchor) -> list[Anchor]:
    """The Chinese of a label's one word (``vocabulary.sole_words``) that is that word's
    dictionary term: CC-CEDICT's first and only sense is exactly the word (停机时间 "downtime").

    Why so strict: the one word is a guess already, and chaining every rendering onto it read
    everyday words (收入 "income", one of its several senses) as a metric in session 26; a
    Chinese word whose only meaning is the English word names it as surely as the word does.
    """
    out = []
    for word, pos, how in cedict.chinese_for(a.phrase):
        if how != "exact" or pos != 0 or cedict.sense_count(word) != 1:
            continue
        if len(word) < 3 or word_frequency(word) >= COMMON_FREQ:
            continue  # a two-character word or a common one has other uses (入息, 保险)
        out.append(Anchor(word, a.kind, a.name, a.value, a.via, f"{a.source}+cedict", a.score))
    return out


def chinese_anchors(anchors: list[Anchor]) -> list[Anchor]:
    """Chinese words for the anchors: glossary and CC-CEDICT words for a one-word phrase (or a
    phrase the glossary has whole), and word-by-word compounds for longer phrases."""
    polysemous = english_only()
    glossed = glossed_by(model_words(anchors))  # rules.value_senses: 鳄鱼 is no "Alligator"
    out: list[Anchor] = []
    found: list[tuple[str, Anchor]] = []  # (English phrase, its ECDICT anchor)
    # an acronym the model writes in capitals anywhere ("MRR" in one label) stays Latin in
    # every compound, also of a name that writes it in lower case (`dues_added_usd`: 新增会费)
    # (a label's words only: a data code such as CANCELLED_BY_DRIVER is no acronym, and its
    # "BY" kept Latin stopped 司机取消)
    caps = frozenset(
        w.lower()
        for a in anchors
        if a.kind != "value"
        for w in (x.strip("()[],.;:") for x in a.via.split())
        if w.isalpha() and w.isupper() and 2 <= len(w) <= 6 and not renderings(w.lower())
    )
    for a in anchors:
        if SOLE_WORD in a.source:
            out += _sole_word_terms(a) if a.source == SOLE_WORD else []
            continue
        if a.source == "acronym" or (
            "thesaurus" in a.source and a.phrase.split()[-1] in polysemous
        ):
            # initials stay Latin ("PV"); a polysemous neighbour has no one Chinese; a label's
            # one word (vocabulary.sole_words) is a guess already
            continue
        out += _glossary_words(a)
        forms = dict.fromkeys([a.phrase, a.phrase + "s"])
        if a.kind == "value" and a.via.isupper():
            # a code written in capitals ("BOS", "NEW") is no plural noun: "bos" + "s" glossed
            # "boss" gave 老板 for the Boston team, "new" + "s" 新闻 for a status NEW
            forms = {a.phrase: None}
        verbs = verb_stems(a.phrase) if " " not in a.phrase and a.kind != "value" else []
        hits = [h for form in forms for h in cedict.chinese_for(form) if h[2] != "verb"]
        hits += [h for v in verbs for h in cedict.chinese_for(v) if h[2] == "verb"]
        hits += _size_hits(a)
        cedict_words: dict[str, float] = {}
        for word, pos, how in hits:
            tag = jieba_tag(word)
            if (
                (tag in _NON_NOUN_TAGS or tag[:1] in _NON_NOUN_TAGS)
                and not _time_value(a, tag)
                and not _period_name(a, tag, pos, how)
                and not _set_phrase(a, tag, pos, how)
            ):
                continue
            if (
                a.kind == "value"
                and (pos > 0 or how != "exact")
                and not _day_part(a, word, pos, how)
            ):
                continue  # a value's Chinese name must be the word's main sense
            if a.kind == "value" and counts_a_noun(word):
                continue  # 浏览量 "page views" counts page views: no name of a `page_view` value
            senses = cedict.verb_count(word) if how == "verb" else cedict.sense_count(word)
            if senses >= 4 and word_frequency(word) >= COMMON_FREQ:
                continue
            factor = cedict_factor(pos, senses) * CEDICT_HOW[how]
            cedict_words[word] = max(cedict_words.get(word, 0.0), factor)
            source = "cedict" if a.source == "name" else f"{a.source}+cedict"
            out.append(Anchor(word, a.kind, a.name, a.value, a.via, source, a.score * factor))
            clipped = clipped_head(word, a.phrase) if how == "exact" and a.kind != "value" else None
            if clipped is not None and clipped not in cedict_words:
                out.append(
                    Anchor(clipped, a.kind, a.name, a.value, a.via, source, a.score * factor)
                )
        if a.kind == "dimension" and " " not in a.phrase:  # 币种: the kind of currency
            main = [w for w, pos, how in hits if how == "exact" and pos == 0]
            kind_source = "cedict+kind" if a.source == "name" else f"{a.source}+cedict+kind"
            for word in kind_compounds(a.phrase, main):
                if word not in cedict_words:
                    score = a.score * cedict_factor(0, 1)
                    out.append(Anchor(word, a.kind, a.name, a.value, a.via, kind_source, score))
        if a.phrase not in authoritative():  # the general glossary replaces the dictionaries
            found += [
                (a.phrase, x)
                for x in ecdict_anchors(a, cedict_words, jieba_tag, word_frequency)
                # a data value keeps the strict filter: its name must be a plain noun
                # (ECDICT's "safari" 旅行 is no name of a browser called Safari)
                if not cedict.pivot(x.phrase)[0]
                or (
                    a.kind != "value"
                    and names_the_thing(
                        x.phrase, a.phrase, a.score * cedict_words.get(x.phrase, 0.0) >= ACCEPT
                    )
                )
            ]
        out += _compound_anchors(a, caps)
        out += _identifier_anchors(a)
        out += count_label_anchors(a)
        out += days_label_anchors(a, compound_verbs)
    out += tie_shared(found)
    out += domain_kind_anchors(anchors, out)
    # 鳄鱼 "alligator / crocodile" names no value when both are words of this model
    return [x for x in out if x.kind != "value" or not other_glossed(glossed, x.via, x.phrase)]


#: calendar words the time parser reads as grains, ranges and flags (按周末, 日期): a Chinese
#: time word for one of them stays a time expression, never a categorical dimension
_CALENDAR_WORDS = frozenset(
    "date day week weekday weekend month quarter year hour minute morning evening night".split()  # noqa: SIM905
)


def names_the_thing(word: str, phrase: str, read: bool = True) -> bool:
    """Whether ``word``, a Chinese word ECDICT gives for the English ``phrase``, may name the
    thing ``phrase`` names, though CC-CEDICT also glosses it as a verb.

    Why: a word CC-CEDICT glosses as a verb and a noun alike (飞行 "to fly; flight") names the
    act, which CC-CEDICT and the verb bridges already read; ECDICT listing it for the noun must
    not make it a name of the thing ("飞行的总英里" is the miles flown, not the flights and the
    miles). That holds when the verb or a noun of the entry is the phrase's own (fly/flight).
    An entry whose verb is another one (比赛 "to compete; match" for a ``game``) is no
    reading of the phrase's event: the verb bridges never reach the model through it, and a
    blanket filter refused every 比赛 on a model of games. It is kept when the dictionaries
    close a loop: one of its nouns has it as ECDICT's first translation (match -> 比赛), so
    it is a plain noun of that meaning; 捐献 "to donate; donation", ECDICT's first word for
    "subscription", is not the first word of "donation" (捐赠物) and stays out.

    >>> names_the_thing("飞行", "flight"), names_the_thing("比赛", "game")
    (False, True)
    >>> names_the_thing("捐献", "subscription"), names_the_thing("门店", "store")
    (False, True)

    ``read`` says whether CC-CEDICT's own reading of ``word`` as ``phrase`` is accepted. A noun
    of the entry that is the phrase's own leaves the word to that reading; when CC-CEDICT
    lists it too late to be read (活动 "to exercise; to operate; ...; activity", its fifth
    noun gloss of eight) and the entry's verbs are no event of the phrase, ECDICT's first
    translation ("activity" -> 活动) is the word's only road to the thing, and the loop below
    decides as for any other entry (zhrefuse30).

    >>> names_the_thing("活动", "activity", read=False), names_the_thing("活动", "activity")
    (True, False)
    """
    verbs, nouns = cedict.pivot(word)
    if not verbs:
        return True
    own = {singular(w) for w in phrase.split()}
    events = {v for w in phrase.split() for v in morphology.source_verbs(w)}
    if (events | own) & set(verbs) or (read and own & {singular(n) for n in nouns}):
        return False
    return any(
        how == "noun" and pos == 0 and zh == word
        for n in nouns
        for zh, pos, how in ecdict.chinese_for(n)
    )


def _period_name(a: Anchor, tag: str, pos: int, how: str) -> bool:
    """A categorical dimension or entity the model itself names with a period noun
    ("season", "semester") is named by the Chinese time word CC-CEDICT glosses as exactly that
    noun, in its main sense (赛季 "season (sports)").

    Why: jieba tags such words as time words, and time words were never read as model nouns,
    so "各赛季的出场时间" was refused on a model whose ``season`` dimension holds 2022..2024.
    Calendar words stay time expressions (:data:`_CALENDAR_WORDS`).
    """
    return (
        tag == "t"
        and a.kind in ("dimension", "entity")
        and a.source == "name"
        and pos == 0
        and how == "exact"
        and " " not in a.phrase
        and a.phrase not in _CALENDAR_WORDS
    )


def _set_phrase(a: Anchor, tag: str, pos: int, how: str) -> bool:
    """A fixed expression (jieba's ``l``) that is the first, exact gloss of an English phrase
    of two words or more: 操作系统 for "operating system" is that term, not an idiom.

    >>> _set_phrase(Anchor("operating system", "dimension", "os", None, "", "name", 1.0), "l", 0, "exact")
    True
    >>> _set_phrase(Anchor("system", "dimension", "os", None, "", "name", 1.0), "l", 0, "exact")
    False
    """
    return tag == "l" and pos == 0 and how == "exact" and len(a.phrase.split()) >= 2


#: English words that make a size adjective a gloss of its own ("medium sized" 中型, "small
#: scale" 小型): the Chinese word is the size the adjective names
SIZE_WORDS = ("sized", "scale")


def _size_hits(a: Anchor) -> list[tuple[str, int, str]]:
    """CC-CEDICT words glossed "<value> sized" or "<value> scale" in their main sense, for a
    one-word value ("medium" -> 中型, "small" -> 小型).

    Why: Chinese names a size with 型 or 规模 (大型, 中型, 小型), and CC-CEDICT glosses those
    with the size word spelled out ("medium sized", "small scale"), so only 大型 ("large")
    reached a size tier's value, and 中型停车场 was refused. The gloss must be the word's
    first sense and exact: 小号 "small size" (a trumpet first) stays out.

    >>> [w for w, _, _ in _size_hits(Anchor("medium", "value", "d", "medium", "medium", "name", 1.0))]
    ['中型']
    >>> _size_hits(Anchor("medium", "dimension", "d", None, "medium", "name", 1.0))
    []
    """
    if a.kind != "value" or " " in a.phrase or not a.phrase.isalpha():
        return []
    return [
        (zh, pos, how)
        for size in SIZE_WORDS
        for zh, pos, how in cedict.chinese_for(f"{a.phrase} {size}")
        if how == "exact" and pos == 0
    ]


def _day_part(a: Anchor, word: str, pos: int, how: str) -> bool:
    """A time-of-day value ("morning") is named by a Chinese time word of one sense whose
    gloss is the value with a modifier (早上 "early morning").

    Why: Chinese says 早上 for the morning as a whole, and CC-CEDICT's only gloss of it is
    "early morning", a head match a value never took, so 早上的收入 was refused on a model
    whose time-of-day bucket holds "morning". One sense only: 初夜 "early evening / wedding
    night" names no evening.
    """
    return (
        a.kind == "value"
        and a.phrase in _DAY_PARTS
        and how == "head"
        and pos == 0
        and jieba_tag(word) == "t"
        and cedict.sense_count(word) == 1
    )


#: the parts of a day a time-of-day value names
_DAY_PARTS = frozenset({"morning", "afternoon", "evening", "night"})


def _time_value(a: Anchor, tag: str) -> bool:
    """A value that is itself a time of day or a day of the week ("evening", "Saturday") is
    named by a Chinese time word (晚上, 周六), which otherwise names no model noun."""
    return a.kind == "value" and tag == "t"


def _glossary_words(a: Anchor) -> list[Anchor]:
    """The business glossary's Chinese for the whole anchor phrase (地区 for "region")."""
    source = "glossary" if a.source == "name" else f"{a.source}+glossary"
    # a value that is a general word ("web", "store") has the glossary's Chinese, a little
    # less surely than a model term: values are data, not the model's own wording
    factor = VALUE_GLOSSARY if a.kind == "value" else 1.0
    # a thesaurus neighbour is a guess at the model's word: only the general glossary's words,
    # never an industry's ("carrier" -> "courier" -> 快递员 made an airline a courier)
    words = general_glossary() if "thesaurus" in a.source else glossary()
    return [
        Anchor(zh, a.kind, a.name, a.value, a.via, source, a.score * score * factor)
        for zh, score, alone in words.get(a.phrase, ())
        if alone
    ]


def _compound_anchors(a: Anchor, caps: frozenset[str] = frozenset()) -> list[Anchor]:
    """Word-by-word Chinese compounds of a phrase the model itself says (name, label, suffix,
    description; not thesaurus neighbours, whose Chinese the glossary already covers)."""
    if "thesaurus" in a.source or " " not in a.phrase:
        return []
    source = "compound" if a.source == "name" else f"{a.source}+compound"
    factor = COMPOUND * (VALUE_GLOSSARY if a.kind == "value" else 1.0)
    out = []
    acronyms = caps | frozenset(w.lower() for w in a.via.split() if len(w) >= 2 and w.isupper())
    words = flag_subject(a.kind, a.phrase.split())
    if len(words) < len(a.phrase.split()):  # a flag's subject: its initialism stays Latin
        acronyms |= latin_words(words)
    for zh, score in compounds(words, compound_verbs, acronyms):
        if a.kind != "metric" and zh.endswith(tuple(COUNT_SUFFIXES)):
            # a Chinese count suffix makes the word a count ("policy number" rendered 保单数量
            # reads "how many policies"): it never names a dimension, entity or value
            continue
        total = a.score * score * factor
        if total >= ACCEPT:  # a weaker compound is a string nobody types: not even offered
            out.append(Anchor(zh, a.kind, a.name, a.value, a.via, source, total))
    return out


#: the copula words a yes/no flag's name opens with (``is_vip_member``, ``has_coupon``)
_FLAG_COPULAS = frozenset({"is", "has"})
#: English grammar words, never an initialism ("members *with* orders" keeps its clause)
_GRAMMAR = frozenset("a an and at by for from in of on or per the to with".split())  # noqa: SIM905
#: the longest model word kept in Latin letters when no dictionary renders it (an initialism)
_LATIN_LETTERS = 4


def flag_subject(kind: str, words: list[str]) -> list[str]:
    """A flag dimension's phrase without its copula: what Chinese names (VIP会员 for
    ``is_vip_member``: "is" has no Chinese, so no compound of the whole phrase was made).

    >>> flag_subject("dimension", ["is", "vip", "member"]), flag_subject("metric", ["is", "x", "y"])
    (['vip', 'member'], ['is', 'x', 'y'])
    """
    if kind == "dimension" and len(words) >= 3 and words[0] in _FLAG_COPULAS:
        return words[1:]
    return words


def latin_words(words: list[str]) -> frozenset[str]:
    """Short words of a flag's subject no dictionary renders ("vip"): a Chinese user types
    them in Latin letters inside the Chinese word (VIP会员), as for a model's capitals.

    >>> sorted(latin_words(["vip", "member"])), sorted(latin_words(["member", "with", "pass"]))
    (['vip'], [])
    """
    return frozenset(
        w
        for w in words
        if w.isalpha() and 2 <= len(w) <= _LATIN_LETTERS and w not in _GRAMMAR and not renderings(w)
    )


def compound_verbs(word: str) -> list[str]:
    """The verb stems a compound's word is rendered from: its own forms, and for a noun made
    from a verb by one suffix the verb too ("acceptance" -> accept).

    Why: CC-CEDICT glosses the Chinese of such nouns under the verb only (接受 "to accept"),
    so "offer acceptance rate" got no 接受率 -- the word Chinese uses -- only 验收率
    (acceptance of delivered goods), and 接受率 was refused.

    >>> compound_verbs("acceptance"), compound_verbs("rate")
    (['acceptance', 'accept'], ['rate'])
    """
    stems = verb_stems(word)
    verb = morphology.derived_from(word)
    return [*stems, verb] if verb and verb not in stems else stems


def _identifier_anchors(a: Anchor) -> list[Anchor]:
    """Chinese for a dimension or entity phrase ending in an identifier head: the thing's
    Chinese and the identifier word (理赔编号 for "claim number"); word-by-word compounds give
    the head's count senses first (数量), which :func:`_compound_anchors` drops."""
    words = a.phrase.split()
    if a.kind == "metric" or "thesaurus" in a.source or len(words) < 2:
        return []
    heads = ID_HEADS_ZH.get(words[-1])
    if not heads:
        return []
    modifier = words[:-1]
    things = compounds(modifier) if len(modifier) > 1 else list(renderings(modifier[0]))
    source = "compound" if a.source == "name" else f"{a.source}+compound"
    out = []
    for zh, score in things:
        total = a.score * score * COMPOUND
        if total >= ACCEPT:
            out += [Anchor(zh + h, a.kind, a.name, a.value, a.via, source, total) for h in heads]
    return out
