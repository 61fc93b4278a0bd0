"""Chinese compounds read part by part: each part glosses one English word of one model term.

Why: a Chinese analyst names an English model term with a compound no dictionary lists whole
(新建建筑 for a value ``new_building``: 新建 "new construction; newly built" + 建筑 "to
construct; building"). The word-by-word renderings of ``chinese`` only put each English word's
*main* Chinese rendering side by side, so a compound built from another sense, or from the verb
of a derived noun, stayed unknown. Here every Chinese word whose short CC-CEDICT gloss (two
words at most) holds one of the model's English words — or its singular, verb or derived verb —
is kept as a *part* of that word (a :class:`~nl2sql.vocabulary.bridges.Bridge` of kind
``part``, never a term). The rules engine reads an unknown compound as the one model term whose
words the parts gloss in order (``nl2sql.rules.passes.compose``).

>>> word_keys("buildings"), word_keys("demolition")
(('buildings', 'building', 'build'), ('demolition', 'demolish'))
>>> from semantic_layer.catalog import CatalogDimension
>>> kind = CatalogDimension("p__kind", "Kind", values=("new_building",))
>>> "新建" in {b.term for b in part_bridges(Catalog(metrics=(), dimensions=(kind,)))}
True
"""

from __future__ import annotations

import functools

from nl2sql.identity_cache import IdentityCache
from nl2sql.vocabulary import cedict, ecdict_parts, morphology
from nl2sql.vocabulary.bridges import Bridge
from nl2sql.vocabulary.chinese import jieba_tag, word_frequency
from nl2sql.vocabulary.english import name_words, singular
from semantic_layer.catalog import Catalog

#: the most words of a term read from a compound
MAX_TERM_WORDS = 4
#: the fewest letters of a model word given parts (shorter ones are codes or function words)
MIN_WORD = 3
#: the model words of a flag's name that say how it is stored, not what it is
_FLAG_WORDS = frozenset({"is", "has", "was", "flag"})


@functools.cache
def word_keys(word: str) -> tuple[str, ...]:
    """The forms one English word is matched by in a gloss: itself, its singular, the verb it
    is a form of or is derived from by one suffix (``morphology``)."""
    w = word.lower()
    keys = [w, singular(w), *morphology.verb_lemmas(w), *morphology.verb_lemmas(singular(w))]
    derived = morphology.derived_from(singular(w))
    if derived:
        keys.append(derived)
    return tuple(dict.fromkeys(keys))


def _gloss_forms(key: str) -> tuple[str, ...]:
    """``key`` as a gloss may write it: itself and, for a verb, its inflections ("build" ->
    builds, built, building), since glosses are indexed as written ("newly built")."""
    forms = [key]
    if morphology.is_verb(key):
        forms += sorted(morphology.verb_forms(key))
    return tuple(dict.fromkeys(forms))


def model_term_words(catalog: Catalog) -> tuple[tuple[str, str, str | None, str], ...]:
    """(kind, name, value, its English words) of every metric, entity and dimension (by its
    name and by its label) and of every categorical value; the words a compound is read
    against, without flag words ("is", "has") and words under :data:`MIN_WORD` letters.

    >>> from semantic_layer.catalog import CatalogDimension
    >>> stage = CatalogDimension("p__stage", "Stage", values=("new_building",))
    >>> model_term_words(Catalog(metrics=(), dimensions=(stage,)))
    (('dimension', 'p__stage', None, 'stage'), ('value', 'p__stage', 'new_building', 'new building'))
    """
    return _TERM_WORDS.get_or_build(catalog, lambda: _term_words(catalog))


#: one reading per catalog: the compound passes ask for it several times per Chinese question
_TERM_WORDS = IdentityCache[tuple[tuple[str, str, str | None, str], ...]](maxsize=16)


def _term_words(catalog: Catalog) -> tuple[tuple[str, str, str | None, str], ...]:
    out: dict[tuple[str, str, str | None, str], None] = {}  # ordered and without repeats

    def add(kind: str, name: str, value: str | None, texts: list[str]) -> None:
        for t in dict.fromkeys(texts):
            words = [w for w in name_words(t) if len(w) >= MIN_WORD and w not in _FLAG_WORDS]
            if words:
                out.setdefault((kind, name, value, " ".join(words)))

    for m in catalog.metrics:
        add("metric", m.name, None, [m.name, m.label or ""])
    for e in catalog.entities:
        add("entity", e.name, None, [e.name, e.label or ""])
    for d in catalog.dimensions:
        add("dimension", d.name, None, [d.name.split("__")[-1], d.label or ""])
        for v in d.values:
            if isinstance(v, str) and v.isascii():
                add("value", d.name, v, [v])
    return tuple(out)


def model_words(catalog: Catalog) -> set[str]:
    """The English words of the terms of :func:`model_term_words` that have two to four words
    (a one-word term is never composed): the words given parts."""
    texts = [text.split() for *_, text in model_term_words(catalog)]
    return {w for words in texts if 2 <= len(words) <= MAX_TERM_WORDS for w in words}


def part_bridges(catalog: Catalog) -> list[Bridge]:
    """Every Chinese word that glosses a model word, as a ``part`` bridge (term: the Chinese,
    name: the English word): CC-CEDICT's entries glossing it, and ECDICT's translations of the
    word itself (``ecdict_parts``: 转换 for "conversion", written from the English side). Never
    a lexicon term: only the compound reader uses them."""
    out: list[Bridge] = []
    for word in sorted(model_words(catalog)):
        found: set[str] = set()
        for key in word_keys(word):
            for form in _gloss_forms(key):
                found.update(cedict.parts(form))
        found.update(ecdict_parts.parts(word, jieba_tag, word_frequency, frozenset(found)))
        out += [Bridge(zh, "part", word, None, word, "part", 0.0) for zh in sorted(found)]
    return out
