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

import functools
from dataclasses import asdict, dataclass
from importlib import resources

from nl2sql.general import ROLES, STOP_EN, STOP_ZH
from nl2sql.vocabulary import cedict
from nl2sql.vocabulary.english import (
    GENERIC_HEADS,
    content_phrases,
    english_only,
    name_words,
    singular,
    suffixes,
    thesaurus,
    verb_stems,
)
from semantic_layer.catalog import Catalog

ACCEPT = 0.65
TIE = 0.05
SUFFIX, DESCRIPTION, THESAURUS = 0.9, 0.75, 0.85
SUFFIX_METRIC_WORD = 0.55
AGGREGATION = 0.8
#: words of a metric's name that say how it aggregates (the general ones, "average", "total",
#: are grammar words the parser already knows)
AGGREGATION_WORDS = frozenset({"median", "distinct", "unique", "percentile", "cumulative"})
#: jieba frequency above which a Chinese word with four or more senses is everyday vocabulary
#: (部分 "part/share/section", 地方 "region/place/local"): too polysemous to name a model term
COMMON_FREQ = 10_000
#: how a CC-CEDICT gloss matched: the phrase itself, the head noun of a two-word gloss
#: ("scheduled flight" for "flight"), or the verb of a "to ..." gloss (延误 for "delay")
CEDICT_HOW = {"exact": 1.0, "head": 0.9, "verb": 0.85}
#: jieba part-of-speech tags of Chinese words that cannot name a model noun (adjectives,
#: adverbs, pronouns, numerals, measure words, prepositions, conjunctions, particles, idioms)
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


def _object_anchors(catalog: Catalog) -> list[_Anchor]:
    """English phrases that name each model term: its name and label, their suffixes and,
    for dimensions and entities, the content phrases of their descriptions."""
    out: list[_Anchor] = []

    def add(kind: str, name: str, value: str | None, via: str, words_of: list[str]) -> None:
        for text in words_of:
            words = [singular(w) for w in name_words(text)] if text else []
            if not words:
                continue
            out.append(_Anchor(" ".join(words), kind, name, value, via, "name", 1.0))
            for tail in suffixes(words):
                # one word left of a metric's name ("sales" of "line sales") is what many
                # metrics share, and in "sales region" it only qualifies the next noun: it is
                # offered in a clarification, never answered on
                score = SUFFIX_METRIC_WORD if kind == "metric" and len(tail) == 1 else SUFFIX
                out.append(_Anchor(" ".join(tail), kind, name, value, via, "suffix", score))

    for m in catalog.metrics:
        add("metric", m.name, None, m.label, [m.name, m.label])
        # how a metric aggregates ("median", "distinct") names it even as a modifier word
        for w in dict.fromkeys(name_words(m.name) + name_words(m.label)):
            if w in AGGREGATION_WORDS:
                out.append(_Anchor(w, "metric", m.name, None, m.label, "aggregation", AGGREGATION))
    for e in catalog.entities:
        add("entity", e.name, None, e.label or e.name, [e.name, e.label])
    for d in catalog.dimensions:
        if d.dim_type == "time":
            continue
        short = d.name.split("__")[-1]
        add("dimension", d.name, None, d.label, [short, d.label])
        for v in d.values:
            text = str(v)
            if text.lower() not in ("true", "false") and any(c.isalpha() for c in text):
                out.append(_Anchor(text.lower(), "value", d.name, text, text, "name", 1.0))
    described = [(e.description, "entity", e.name, e.label or e.name) for e in catalog.entities]
    described += [
        (d.description, "dimension", d.name, d.label)
        for d in catalog.dimensions
        if d.dim_type != "time"
    ]
    # a description word that is also a word of some name ("the *sale* happened" next to a
    # `total_sales` metric) is context about that other thing, not a name for this one
    named = {w for a in out if a.source == "name" and a.kind != "value" for w in a.phrase.split()}
    for text, kind, name, via in described:
        for phrase in content_phrases(text or ""):
            words = [singular(w) for w in phrase.split()]
            if words[-1] in GENERIC_HEADS or words[-1] in named:
                continue
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


@functools.cache
def _jieba_dict() -> tuple[dict[str, str], dict[str, int]]:
    """jieba's dictionary (the package ships it): part-of-speech tag and frequency per word."""
    tags: dict[str, str] = {}
    freqs: dict[str, int] = {}
    try:
        text = resources.files("jieba").joinpath("dict.txt").read_text("utf-8")
    except (ModuleNotFoundError, FileNotFoundError):
        return tags, freqs
    for line in text.splitlines():
        parts = line.split()
        if len(parts) == 3:
            tags[parts[0]] = parts[2]
            freqs[parts[0]] = int(parts[1])
    return tags, freqs


def _jieba_tags() -> dict[str, str]:
    return _jieba_dict()[0]


def _jieba_freqs() -> dict[str, int]:
    return _jieba_dict()[1]


def word_frequency(word: str) -> int:
    """jieba's frequency of a Chinese word (0 for English words and unknown ones)."""
    return _jieba_freqs().get(word, 0)


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


def _chinese_anchors(anchors: list[_Anchor]) -> list[_Anchor]:
    """Chinese nouns whose CC-CEDICT gloss is an anchor phrase (or its singular/plural)."""
    tags, freqs = _jieba_tags(), _jieba_freqs()
    polysemous = english_only()
    out: list[_Anchor] = []
    for a in anchors:
        if "thesaurus" in a.source and a.phrase.split()[-1] in polysemous:
            continue
        forms = dict.fromkeys([a.phrase, a.phrase + "s"])
        verbs = verb_stems(a.phrase) if " " not in a.phrase and a.kind != "value" else []
        hits = [h for form in forms for h in cedict.chinese_for(form) if h[2] != "verb"]
        hits += [h for v in verbs for h in cedict.chinese_for(v) if h[2] == "verb"]
        for word, pos, how in hits:
            tag = tags.get(word, "n")
            if tag in _NON_NOUN_TAGS or tag[:1] in _NON_NOUN_TAGS:
                continue
            if a.kind == "value" and (pos > 0 or how != "exact"):
                continue  # a value's Chinese name must be the word's main sense
            senses = cedict.verb_count(word) if how == "verb" else cedict.sense_count(word)
            if senses >= 4 and freqs.get(word, 0) >= COMMON_FREQ:
                continue
            factor = cedict_factor(pos, senses) * CEDICT_HOW[how]
            source = "cedict" if a.source == "name" else f"{a.source}+cedict"
            out.append(_Anchor(word, a.kind, a.name, a.value, a.via, source, a.score * factor))
    return out


def _is_general(term: str) -> bool:
    """Grammar words of either language never become bridges ("by", "按", "total")."""
    t = term.lower()
    return t in ROLES or t in STOP_EN or t in STOP_ZH or t in GENERIC_HEADS


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
        if a.phrase in own or _is_general(a.phrase):
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
        # that merely counts or sums it: the parser derives "客户数" from the entity itself
        things = [a.score for a in ranked if a.kind in ("entity", "dimension")]
        for a in ranked:
            if a.kind == "metric" and things and a.score <= max(things):
                continue
            if a.score >= top - TIE:
                out.append(
                    Bridge(term, a.kind, a.name, a.value, a.via, a.source, round(a.score, 4))
                )
    return out


def bridge_to_dict(b: Bridge) -> dict:
    """JSON form of a bridge (for the on-disk cache)."""
    return asdict(b)


def bridge_from_dict(doc: dict) -> Bridge:
    """Inverse of :func:`bridge_to_dict`."""
    return Bridge(**doc)
