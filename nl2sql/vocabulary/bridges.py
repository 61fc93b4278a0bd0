"""Vocabulary bridges: the words a user may type for a model term the model never lists.

Why: a dbt project written by others has names, labels and descriptions, not synonyms. The
rules engine matches only what the lexicon holds, so without bridges "store" misses a
``location`` model, "gross profit" misses the label "Order Gross Profit" and every Chinese word
misses an English-only model. A bridge links such a word to one model term, says which
resource made the link (``source``) and how sure it is (``score``):

==============  ==========================================================  =====
source          how                                                         score
==============  ==========================================================  =====
``suffix``      a proper suffix of a name or label ("gross profit")         0.9
                (a metric's last word alone, "profit": 0.55)
``aggregation`` how a metric aggregates ("median", "distinct")              0.8
``description`` a content phrase of a dimension/entity description          0.75
``thesaurus``   a general-business synonym of a name word ("store")         x0.85
``cedict``      a Chinese noun glossed as the phrase (门店 = "store")        x0.9 main
                                                                            sense of a
                                                                            word with ≤ 2
                                                                            senses; less
                                                                            otherwise
==============  ==========================================================  =====

Scores multiply along a chain (location -> store -> 门店 = 1 x 0.85 x 0.9). A word at or above
:data:`ACCEPT` becomes a lexicon term (shown as "门店 → location" in the answer); below it the
word only feeds a clarification ("did you mean ..."), so a weak link is never answered on.
A phrase that reaches several terms keeps those within :data:`TIE` of its best score, and the
parser then refuses it as ambiguous with the options — a clarification, not a guess.
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass

from nl2sql.counters import COUNT_SUFFIXES, counts_a_noun
from nl2sql.general import ROLES, STOP_EN, STOP_ZH
from nl2sql.vocabulary import cedict, morphology
from nl2sql.vocabulary.chinese import (
    COMMON_FREQ,
    cedict_factor,
    compounds,
    glossary,
    jieba_tag,
    renderings,
    word_frequency,
)
from nl2sql.vocabulary.english import (
    GENERIC_HEADS,
    PREPOSITIONS,
    content_phrases,
    english_only,
    gerund,
    name_words,
    singular,
    suffixes,
    thesaurus,
    verb_stems,
)
from nl2sql.vocabulary.initialisms import INITIALISM, metric_initialisms
from semantic_layer.catalog import Catalog

ACCEPT = 0.65
TIE = 0.05
SUFFIX, DESCRIPTION, THESAURUS = 0.9, 0.75, 0.85
SUFFIX_METRIC_WORD = 0.55
AGGREGATION = 0.8
#: a metric label without its parenthesised unit ("Revenue" of "Revenue (USD)")
LABEL = 0.95
#: words before a metric's last word that only say how it aggregates ("Total Sales")
LEAD_WORDS = frozenset({"total", "average", "avg", "mean", "sum", "overall", "count", "number"})
#: generic heads that alone still name the one term ending in them ("status" of `order_status`)
LONE_HEADS = frozenset({"status", "type", "kind", "level", "amount"})
LONE_HEAD = 0.7
#: the role word of an entity ("destination" of `destination_airport`)
ROLE = 0.85
#: a dimension named "<thing> name" is what users call the thing ("airline" for "Airline
#: Name"); a code or number of it less surely, so the name wins when a thing has both
OWNER_HEADS = {"name": 0.85, "title": 0.85, "code": 0.7, "id": 0.7, "number": 0.7}
#: words before "name" that say which of a thing's names, not which thing ("first name")
NAME_QUALIFIERS = frozenset(
    "first last full middle short long display given nick legal official common real".split()  # noqa: SIM905
)
#: a word-by-word Chinese compound is a guess of the whole from its parts: slightly below a
#: dictionary word for the same phrase
COMPOUND = 0.95
VALUE_GLOSSARY = 0.9
#: words of a metric's name that say how it aggregates (the general ones, "average", "total",
#: are grammar words the parser already knows)
AGGREGATION_WORDS = frozenset({"median", "distinct", "unique", "percentile", "cumulative"})
#: how a CC-CEDICT gloss matched: the phrase itself, the head noun of a two-word gloss
#: ("scheduled flight" for "flight"), or the verb of a "to ..." gloss (延误 for "delay")
CEDICT_HOW = {"exact": 1.0, "head": 0.9, "verb": 0.85}
#: jieba part-of-speech tags of Chinese words that cannot name a model noun (adjectives,
#: adverbs, pronouns, numerals, measure words, prepositions, conjunctions, particles, idioms)
_PARENS = re.compile(r"\([^)]*\)")
_NON_NOUN_TAGS = frozenset("a ad an d r m q p c u e y o i l t f s".split())  # noqa: SIM905


@dataclass(frozen=True)
class Bridge:
    """One word a user may type, the model term it reaches, and how."""

    term: str  # what the user types: "门店", "store", "gross profit"
    kind: str  # metric | dimension | entity | value
    name: str
    value: str | None
    via: str  # the model's own word it reaches ("location", "Order Gross Profit")
    source: str  # suffix | description | thesaurus | cedict (chained: "thesaurus+cedict")
    score: float

    @property
    def accepted(self) -> bool:
        """Strong enough to answer on (else only offered in a clarification)."""
        return self.score >= ACCEPT


@dataclass(frozen=True)
class _Anchor:
    phrase: str  # lower-case English words
    kind: str
    name: str
    value: str | None
    via: str
    source: str
    score: float


def _name_anchors(kind: str, name: str, via: str, texts: list[str]) -> list[_Anchor]:
    """The phrases a name or label gives its term: itself, its suffixes, and the modifier of
    a generic head ("airline" of "Airline Name")."""
    out: list[_Anchor] = []
    for text in texts:
        # a label's parenthesised note (a unit "(USD)", a role "(ship customer)") is not what
        # users say; the label without it is a bridge, not one of the lexicon's own terms
        plain = _unparenthesized(text or "")
        words = [singular(w) for w in name_words(plain or text)] if text else []
        if not words:
            continue
        source, score = ("label", LABEL) if plain else ("name", 1.0)
        out.append(_Anchor(" ".join(words), kind, name, None, via, source, score))
        qualified = _qualified_phrase(text or "", words) if plain else ""
        if qualified:
            # the label's own words, only reordered: as sure as the label ("total orders"
            # is "Orders (Total)", not "total" + any of the "Orders (...)" labels)
            out.append(_Anchor(qualified, kind, name, None, via, "qualifier", 1.0))
            note = qualified.split()[: -len(words)]
            if len(note) >= 2:  # "payments collected" of "Revenue (Payments Collected)"
                out.append(_Anchor(" ".join(note), kind, name, None, via, "qualifier", SUFFIX))
        ing = gerund(words[0]) if len(words) >= 2 and kind != "metric" else None
        if ing and _is_verb(words[0]):
            # "shipping mode" for `ship_mode`: a verb used as a modifier, in its -ing form
            out.append(
                _Anchor(" ".join([ing, *words[1:]]), kind, name, None, via, "gerund", SUFFIX)
            )
        for tail in suffixes(words):
            out.append(
                _Anchor(
                    " ".join(tail),
                    kind,
                    name,
                    None,
                    via,
                    "suffix",
                    _suffix_score(kind, words, tail),
                )
            )
        lead = next((i for i, w in enumerate(words) if w not in LEAD_WORDS), len(words))
        if kind == "metric" and 0 < lead < len(words) - 1 and set(words) & PREPOSITIONS:
            # "time to settle claim" of `avg_time_to_settle_claim`: the words after those that
            # only say how it aggregates, whole (suffixes stop at the preposition)
            out.append(_Anchor(" ".join(words[lead:]), kind, name, None, via, "suffix", SUFFIX))
        if len(words) >= 2 and words[-1] in LONE_HEADS and kind != "entity":
            # "status" for `order_status`: a generic head alone still names the one term that
            # has it; two terms with it tie, and the question is clarified
            out.append(_Anchor(words[-1], kind, name, None, via, "suffix", LONE_HEAD))
        head_score = OWNER_HEADS.get(words[-1])
        modifier = words[:-1]
        if head_score and kind == "dimension" and modifier and modifier[0] not in NAME_QUALIFIERS:
            out.append(_Anchor(" ".join(modifier), kind, name, None, via, "modifier", head_score))
    return out


def _is_verb(word: str) -> bool:
    """CC-CEDICT glosses some Chinese word as "to <word>" (ship, return, order: yes)."""
    return any(how == "verb" for _, _, how in cedict.chinese_for(word))


def _suffix_score(kind: str, words: list[str], tail: list[str]) -> float:
    """A suffix names its term (:data:`SUFFIX`), except one word left of a metric's name.

    That word ("sales" of "line sales") is what many metrics share, and in "sales region" it
    only qualifies the next noun: it is offered in a clarification, never answered on — unless
    all the words before it only say how the metric aggregates ("sales" of "Total Sales").
    """
    if kind != "metric" or len(tail) > 1:
        return SUFFIX
    lead = words[: len(words) - len(tail)]
    return SUFFIX if all(w in LEAD_WORDS for w in lead) else SUFFIX_METRIC_WORD


def _lead_and_head(name: str, label: str, named: list[_Anchor]) -> list[_Anchor]:
    """ "average score" for "Average Review Score": the aggregation word and the head noun.

    Why: users drop the middle of a long label and keep what it aggregates and of what
    ("平均评分"); the head noun alone is only a clarification (:func:`_suffix_score`), but
    with the label's own aggregation word before it the phrase names the metric. Two metrics
    giving the same phrase tie, and the question is clarified.
    """
    out = []
    for a in named:
        words = a.phrase.split()
        if a.source in ("name", "label") and len(words) >= 3 and words[0] in LEAD_WORDS:
            phrase = f"{words[0]} {words[-1]}"
            out.append(_Anchor(phrase, "metric", name, None, label, "lead", AGGREGATION))
    return out


def _qualified_phrase(label: str, words: list[str]) -> str:
    """ "net revenue" for the label "Revenue (Net)": the note read as the modifier it is.

    Why: labels that tell variants of one measure apart by a note ("Orders (Completed)",
    "Revenue (Gross)") are said the other way round ("completed orders"); the plain label alone
    reaches every variant and is refused as ambiguous. A note repeating a label word (a role,
    "Customer (ship customer)") is not a modifier, and a lone unit ("(USD)") never reads as
    one in a question, so the phrase is harmless for it.
    """
    notes = [name_words(n) for n in _PARENS.findall(label)]
    if len(notes) != 1 or not notes[0] or set(notes[0]) & set(words):
        return ""
    return " ".join([*notes[0], *words])


def _unparenthesized(label: str) -> str:
    """A label without its parenthesised note ("Revenue (USD)" -> "Revenue"), or ""."""
    plain = " ".join(_PARENS.sub(" ", label).split())
    return plain if plain != " ".join(label.split()) else ""


def _object_anchors(catalog: Catalog) -> list[_Anchor]:
    """English phrases that name each model term: its name and label, their suffixes and,
    for dimensions and entities, the content phrases of their descriptions."""
    out: list[_Anchor] = []
    # a label whose words are another metric's whole name ("Food Revenue %" once its "%" is
    # dropped, beside `food_revenue`) does not name this metric: that phrase, and its Chinese
    # (食品收入), belong to the metric so named — else every rendering of it is a false tie
    own_names = {" ".join(singular(w) for w in name_words(m.name)): m.name for m in catalog.metrics}
    for m in catalog.metrics:
        named = [
            a
            for a in _name_anchors("metric", m.name, m.label, [m.name, m.label])
            if own_names.get(a.phrase, m.name) == m.name or a.source not in ("name", "label")
        ]
        out += named
        # "total transaction amount": the metric with the aggregation word users put before
        # it, one term, so it is not read as another metric labelled "Total Transactions"
        # followed by a stray "amount"
        out += [
            _Anchor(f"total {a.phrase}", "metric", m.name, None, m.label, "total", SUFFIX)
            for a in named
            if a.source in ("name", "label") and a.phrase.split()[0] not in LEAD_WORDS
        ]
        out += _lead_and_head(m.name, m.label, named)
        out += [
            _Anchor(ini, "metric", m.name, None, m.label, "initialism", INITIALISM)
            for ini in metric_initialisms(m.name, m.label)
        ]
        # how a metric aggregates ("median", "distinct") names it even as a modifier word
        for w in dict.fromkeys(name_words(m.name) + name_words(m.label)):
            if w in AGGREGATION_WORDS:
                out.append(_Anchor(w, "metric", m.name, None, m.label, "aggregation", AGGREGATION))
    for e in catalog.entities:
        out += _name_anchors("entity", e.name, e.label or e.name, [e.name, e.label])
    out += _role_anchors(catalog)
    for d in catalog.dimensions:
        short = d.name.split("__")[-1]
        if d.dim_type == "time":
            if d.name != "metric_time":
                out += [
                    _Anchor(a.phrase, "time", d.name, None, a.via, a.source, a.score)
                    for a in _name_anchors("dimension", d.name, d.label, [short, d.label])
                    if a.source in ("name", "label")
                ]
            continue
        named = _name_anchors("dimension", d.name, d.label, [short, d.label])
        out += named
        prefix = " ".join(singular(w) for w in name_words(d.name.split("__")[0]))
        if "__" in d.name and not short.startswith(d.name.split("__")[0]):
            # "customer segment" for `customer__market_segment`: the thing it belongs to,
            # then the dimension's own words (or their head)
            out += [
                _Anchor(f"{prefix} {a.phrase}", a.kind, a.name, None, a.via, "entity", SUFFIX)
                for a in named
                if a.source in ("name", "label", "suffix")
                and not set(a.phrase.split()) & set(prefix.split())
            ]
        for v in d.values:
            text = str(v)
            if text.lower() not in ("true", "false") and any(c.isalpha() for c in text):
                # a code-style value ("credit_card") is said, and glossed, as its words
                phrase = " ".join(text.lower().replace("_", " ").split())
                out.append(_Anchor(phrase, "value", d.name, text, text, "name", 1.0))
    return out + _description_anchors(catalog, out)


def _role_anchors(catalog: Catalog) -> list[_Anchor]:
    """The role word of an entity whose head several entities share: "destination" for
    `destination_airport` next to `origin_airport`.

    Only a role word no other name uses: "ship" of `ship_customer` also names `ship_mode`, so
    alone it says nothing about which one.
    """
    words = {e.name: [singular(w) for w in name_words(e.name)] for e in catalog.entities}
    heads: dict[str, int] = {}
    for ws in words.values():
        if len(ws) >= 2:
            heads[ws[-1]] = heads.get(ws[-1], 0) + 1
    used: dict[str, int] = {}
    for name in [*words, *(d.name.split("__")[-1] for d in catalog.dimensions)]:
        for w in set(singular(x) for x in name_words(name)):
            used[w] = used.get(w, 0) + 1
    out = []
    for e in catalog.entities:
        ws = words[e.name]
        if len(ws) == 2 and heads.get(ws[-1], 0) >= 2 and used.get(ws[0], 0) == 1:
            out.append(_Anchor(ws[0], "entity", e.name, None, e.label or e.name, "role", ROLE))
    return out


def _value_words(values: tuple[str, ...]) -> frozenset[str]:
    """The lower-case words of a dimension's values ("America/Chicago" → america, chicago)."""
    return frozenset(singular(w) for v in values for w in re.findall(r"[a-z]+", v.lower()))


def _description_anchors(catalog: Catalog, named_anchors: list[_Anchor]) -> list[_Anchor]:
    """Content phrases of dimension and entity descriptions.

    A description word that is also a word of *another* term's name ("the *sale* happened"
    next to a `total_sales` metric) is context about that other thing, not a name for this
    one; a word of the described term's own name ("Product category" of `category`) is kept.
    A phrase made only of words of the dimension's own values ("for example America/Chicago")
    quotes a value: it names that value, never the dimension ("flights to Chicago" was
    grouped by time zone).
    """
    owners: dict[str, set[tuple[str, str]]] = {}
    for a in named_anchors:
        if a.source == "name" and a.kind != "value":
            for w in a.phrase.split():
                owners.setdefault(w, set()).add((a.kind, a.name))
    described = [
        (e.description, "entity", e.name, e.label or e.name, frozenset[str]())
        for e in catalog.entities
    ]
    described += [
        (d.description, "dimension", d.name, d.label, _value_words(d.values))
        for d in catalog.dimensions
        if d.dim_type != "time"
    ]
    out: list[_Anchor] = []
    for text, kind, name, via, value_words in described:
        for phrase in content_phrases(text or ""):
            words = [singular(w) for w in phrase.split()]
            head_owners = owners.get(words[-1], set())
            if words[-1] in GENERIC_HEADS or (head_owners and (kind, name) not in head_owners):
                continue
            if all(w in value_words for w in words):
                continue  # an example value quoted in the description
            out.append(_Anchor(" ".join(words), kind, name, None, via, "description", DESCRIPTION))
    return out


def _thesaurus_anchors(anchors: list[_Anchor]) -> list[_Anchor]:
    """Each anchor's head word (or whole phrase) replaced by its thesaurus neighbours."""
    th = thesaurus()
    out: list[_Anchor] = []
    for a in anchors:
        if a.kind == "value":
            continue
        words = a.phrase.split()
        for i in range(len(words)):
            head = " ".join(words[i:])
            for other in th.get(head, ()):
                phrase = " ".join([*words[:i], other])
                source = f"{a.source}+thesaurus" if a.source != "name" else "thesaurus"
                out.append(
                    _Anchor(phrase, a.kind, a.name, a.value, a.via, source, a.score * THESAURUS)
                )
    return out


def _chinese_anchors(anchors: list[_Anchor]) -> list[_Anchor]:
    """Chinese words for the anchors: glossary and CC-CEDICT words for a one-word phrase (or a
    phrase the glossary has whole), and word-by-word compounds for longer phrases."""
    polysemous = english_only()
    out: list[_Anchor] = []
    for a in anchors:
        if a.source == "initialism" or (
            "thesaurus" in a.source and a.phrase.split()[-1] in polysemous
        ):
            continue
        out += _glossary_words(a)
        forms = dict.fromkeys([a.phrase, a.phrase + "s"])
        verbs = verb_stems(a.phrase) if " " not in a.phrase and a.kind != "value" else []
        hits = [h for form in forms for h in cedict.chinese_for(form) if h[2] != "verb"]
        hits += [h for v in verbs for h in cedict.chinese_for(v) if h[2] == "verb"]
        for word, pos, how in hits:
            tag = jieba_tag(word)
            if tag in _NON_NOUN_TAGS or tag[:1] in _NON_NOUN_TAGS:
                continue
            if a.kind == "value" and (pos > 0 or how != "exact"):
                continue  # a value's Chinese name must be the word's main sense
            if a.kind == "value" and counts_a_noun(word):
                continue  # 浏览量 "page views" counts page views: no name of a `page_view` value
            senses = cedict.verb_count(word) if how == "verb" else cedict.sense_count(word)
            if senses >= 4 and word_frequency(word) >= COMMON_FREQ:
                continue
            factor = cedict_factor(pos, senses) * CEDICT_HOW[how]
            source = "cedict" if a.source == "name" else f"{a.source}+cedict"
            out.append(_Anchor(word, a.kind, a.name, a.value, a.via, source, a.score * factor))
        out += _compound_anchors(a)
        out += _identifier_anchors(a)
    return out


def _glossary_words(a: _Anchor) -> list[_Anchor]:
    """The business glossary's Chinese for the whole anchor phrase (地区 for "region")."""
    source = "glossary" if a.source == "name" else f"{a.source}+glossary"
    # a value that is a general word ("web", "store") has the glossary's Chinese, a little
    # less surely than a model term: values are data, not the model's own wording
    factor = VALUE_GLOSSARY if a.kind == "value" else 1.0
    return [
        _Anchor(zh, a.kind, a.name, a.value, a.via, source, a.score * score * factor)
        for zh, score, alone in glossary().get(a.phrase, ())
        if alone
    ]


def _compound_anchors(a: _Anchor) -> list[_Anchor]:
    """Word-by-word Chinese compounds of a phrase the model itself says (name, label, suffix,
    description; not thesaurus neighbours, whose Chinese the glossary already covers)."""
    if "thesaurus" in a.source or " " not in a.phrase:
        return []
    source = "compound" if a.source == "name" else f"{a.source}+compound"
    factor = COMPOUND * (VALUE_GLOSSARY if a.kind == "value" else 1.0)
    out = []
    acronyms = frozenset(w.lower() for w in a.via.split() if len(w) >= 2 and w.isupper())
    for zh, score in compounds(a.phrase.split(), verb_stems, acronyms):
        if a.kind != "metric" and zh.endswith(tuple(COUNT_SUFFIXES)):
            # a Chinese count suffix makes the word a count ("policy number" rendered 保单数量
            # reads "how many policies"): it never names a dimension, entity or value
            continue
        total = a.score * score * factor
        if total >= ACCEPT:  # a weaker compound is a string nobody types: not even offered
            out.append(_Anchor(zh, a.kind, a.name, a.value, a.via, source, total))
    return out


#: how Chinese names an identifier: "policy number" is 保单号 / 保单编号, never 保单数量 (a count)
ID_HEADS_ZH = {
    "number": ("编号", "号码", "号"),
    "no": ("编号", "号"),
    "id": ("编号", "ID"),
    "code": ("代码", "编码"),
}


def _identifier_anchors(a: _Anchor) -> list[_Anchor]:
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
            out += [_Anchor(zh + h, a.kind, a.name, a.value, a.via, source, total) for h in heads]
    return out


def _is_general(term: str) -> bool:
    """Grammar words of either language never become bridges ("by", "按", "total")."""
    t = term.lower()
    return t in ROLES or t in STOP_EN or t in STOP_ZH or t in GENERIC_HEADS


def _own_column(catalog: Catalog, thing: _Anchor, metric: _Anchor) -> bool:
    """Whether ``thing`` is a dimension over the column that ``metric``'s measure aggregates."""
    d = catalog.dimension(thing.name) if thing.kind == "dimension" else None
    m = catalog.metric(metric.name)
    return bool(
        d is not None
        and m is not None
        and d.expr
        and d.expr.strip().lower() == m.measure_expr.strip().lower()
    )


def build_bridges(catalog: Catalog) -> list[Bridge]:
    """Every bridge of ``catalog``, best first per term (no cache: see :func:`bridges_for`).

    Names and labels themselves are not bridges (the lexicon already has them); a term keeps
    only the senses within :data:`TIE` of its best score.
    """
    anchors = _object_anchors(catalog)
    own = {a.phrase for a in anchors if a.source == "name"}
    english = [a for a in anchors if a.source != "name"] + _thesaurus_anchors(anchors)
    chinese = _chinese_anchors(anchors + english)
    best: dict[str, dict[tuple[str, str, str | None], _Anchor]] = {}
    for a in english + chinese:
        if a.phrase in own or (_is_general(a.phrase) and a.phrase not in LONE_HEADS):
            continue
        senses = best.setdefault(a.phrase, {})
        key = (a.kind, a.name, a.value)
        if key not in senses or senses[key].score < a.score:
            senses[key] = a
    out: list[Bridge] = []
    for term in sorted(best):
        ranked = sorted(best[term].values(), key=lambda a: (-a.score, a.kind, a.name))
        top = ranked[0].score
        # a bridged noun that reaches a thing (entity/dimension) names the thing, not a metric
        # that merely counts or sums it: the parser derives "客户数" from the entity itself —
        # unless the thing is a dimension over the very column the metric sums ("order total"
        # as both a metric and a dimension of its column): then the term names both, as the
        # English name does, and the parser settles which one the question uses
        things = [a for a in ranked if a.kind in ("entity", "dimension")]
        for a in ranked:
            if a.kind == "metric" and any(
                t.score >= a.score and not _own_column(catalog, t, a) for t in things
            ):
                continue
            if a.score >= top - TIE:
                out.append(
                    Bridge(term, a.kind, a.name, a.value, a.via, a.source, round(a.score, 4))
                )
    return out


#: a verb bridge is never a model term (see :func:`verb_bridges`): its score only orders them
VERB = 0.8
#: a name word that only says how a boolean is stored ("is_cancelled", "has_return")
_FLAG_WORDS = frozenset({"is", "has", "was", "flag"})


def _verb_sources(texts: list[str]) -> set[str]:
    """The verb lemmas the content words of ``texts`` (names, labels) derive from."""
    out: set[str] = set()
    for text in texts:
        for w in name_words(text or ""):
            if w in GENERIC_HEADS or w in _FLAG_WORDS or w in LEAD_WORDS or _is_general(w):
                continue
            out.update(morphology.source_verbs(singular(w)))
    return out


def _verb_targets(catalog: Catalog) -> dict[str, dict[tuple[str, str, str | None], str]]:
    """Verb lemma -> the model terms it names the event of, each with the word it reaches.

    Metrics and entities through the words of their names and labels (fly -> `flights`) and a
    metric's description's event verb ("Total miles flown"); dimensions through their names
    and labels, time dimensions also through their description's nouns ("date of the
    scheduled departure"); yes/no dimensions as their yes value (cancel -> `is_cancelled`),
    one-word values as themselves (a status "refunded").
    """
    links: dict[str, dict[tuple[str, str, str | None], str]] = {}

    def link(lemmas: set[str], kind: str, name: str, value: str | None, via: str) -> None:
        for lemma in lemmas:
            links.setdefault(lemma, {}).setdefault((kind, name, value), via)

    for m in catalog.metrics:
        lemmas = _verb_sources([m.name, m.label])
        event = morphology.event_verb(m.description or "")
        link(lemmas | ({event} if event else set()), "metric", m.name, None, m.label or m.name)
    for e in catalog.entities:
        link(_verb_sources([e.name, e.label]), "entity", e.name, None, e.label or e.name)
    for d in catalog.dimensions:
        if d.name == "metric_time":
            continue
        short = d.name.split("__")[-1]
        lemmas = _verb_sources([short, d.label])
        values = {str(v).lower() for v in d.values}
        if values and values <= {"true", "false"}:
            link(lemmas, "value", d.name, "true", d.label or short)
            continue
        if d.dim_type == "time":
            described = [p for p in content_phrases(d.description or "") if " " not in p]
            lemmas |= _verb_sources(described)
        link(lemmas, "dimension", d.name, None, d.label or short)
        for v in d.values:
            text = str(v)
            if text.isascii() and text.isalpha():
                link(set(morphology.verb_lemmas(text.lower())), "value", d.name, text, text)
    return links


def verb_bridges(catalog: Catalog) -> list[Bridge]:
    """The forms of every verb that names a model term's event, and of the support verbs.

    These are not lexicon terms: a verb never *is* a metric or a dimension, it says what
    happened to one. The rules engine absorbs a verb form only when the term it reaches is part
    of the question's reading (``nl2sql.rules.passes.unknown``), and refuses it otherwise.
    English forms come from ``lemminflect``, Chinese verbs from CC-CEDICT's "to <verb>" glosses.
    """
    out: list[Bridge] = []
    for lemma, targets in sorted(_verb_targets(catalog).items()):
        words = sorted(morphology.verb_forms(lemma)) + morphology.chinese_verbs(lemma)
        for word in words:
            # a past form (or a Chinese verb, which has no tense) beside a date names the
            # time axis of the dimension it reaches: "signed up in March", "3月发货"
            dated = not word.isascii() or morphology.is_past(word)
            source = ("verb" if word.isascii() else "verb+cedict") + ("+past" if dated else "")
            for (kind, name, value), via in sorted(targets.items(), key=str):
                out.append(Bridge(word, kind, name, value, via, source, VERB))
    for lemma in sorted(morphology.LIGHT_VERBS):
        chinese = morphology.chinese_verbs(lemma, morphology.LIGHT_MIN_FREQUENCY)
        for word in sorted(morphology.verb_forms(lemma)) + chinese:
            out.append(Bridge(word, "light", lemma, None, lemma, "light", 1.0))
    return out


def bridge_to_dict(b: Bridge) -> dict:
    """JSON form of a bridge (for the on-disk cache)."""
    return asdict(b)


def bridge_from_dict(doc: dict) -> Bridge:
    """Inverse of :func:`bridge_to_dict`."""
    return Bridge(**doc)
