"""The word a model's own count definition puts before its entity: "parking" of "parking sessions".

Why: a model about one activity names its rows by that activity only in its descriptions
("Count of valid parking sessions"), while its names say just ``session``. Users say the
activity ("parking revenue last month", 停车收入, 停车次数) and the engine refused the word as
unknown. When the model's *unfiltered* count of an entity's rows (``CatalogMetric.counts``)
is described as counting "<word> <entity>s", every row of that entity is such a thing by the
model's own definition, so the word names the entity and restricts nothing.

Only that one modifier right before the entity's noun, and never a word that is also part of
a model name, label or whole categorical value (there it would be a condition: "returning"
of an ``is_returning`` flag), a word that only says how something aggregates ("unique"), a
past form ("completed"), or a grammar word. A filtered count (``counts`` is empty for it)
counts a subset, so its description is no evidence.
"""

from __future__ import annotations

import re

from nl2sql.vocabulary.anchors import Anchor
from nl2sql.vocabulary.english import (
    FUNCTION_WORDS,
    GENERIC_HEADS,
    _is_verb_form,
    name_words,
    singular,
)
from semantic_layer.catalog import Catalog

#: as sure as a suffix of a name: the model's own definition of its rows says it
KIND = 0.9
#: words that only say how many or how things are counted, never what they are
_COUNTING_WORDS = frozenset(
    "total average avg mean sum count number unique distinct overall all each every per valid".split()  # noqa: SIM905
)


def kind_word_anchors(catalog: Catalog) -> list[Anchor]:
    """Anchors naming an entity by the word its row count's description puts before it.

    >>> from semantic_layer.catalog import Catalog, CatalogEntity, CatalogMetric
    >>> count = CatalogMetric("sessions_count", "Sessions Count", counts="session",
    ...     description="Total count of valid parking sessions.")
    >>> cat = Catalog(metrics=(count,), dimensions=(), entities=(CatalogEntity("session", "session"),))
    >>> [(a.phrase, a.kind, a.name) for a in kind_word_anchors(cat)]
    [('parking', 'entity', 'session')]
    """
    taken = _model_words(catalog)
    out: list[Anchor] = []
    seen: set[tuple[str, str]] = set()
    models = {e.name: e.models for e in catalog.entities}
    for m in catalog.metrics:
        if not m.counts:
            continue
        entity = [singular(w) for w in name_words(m.counts)]
        # the semantic model holding the rows says their kind as well ("crocodile_observations");
        # not when two models hold rows of the entity ("customers", "premium_customers": the
        # second name's word is a condition on them, not every customer's kind)
        own = models.get(m.counts, ())
        names = [n.replace("_", " ") for n in own] if len(own) == 1 else []
        for text in (m.description, m.measure_description, *names):
            for word in _modifiers_before(text or "", entity):
                if word in taken or (word, m.counts) in seen:
                    continue
                seen.add((word, m.counts))
                # via: the model's own phrase ("parking session"), which the answer shows and
                # which, said whole ("parking sessions"), is one thing (rules.bridged)
                via = " ".join([word, *entity])
                out.append(Anchor(word, "entity", m.counts, None, via, "kind", KIND))
                out += _kind_of_others(catalog, word, m.counts)
    return out


def _kind_of_others(catalog: Catalog, word: str, counted: str) -> list[Anchor]:
    """ "parking lot" for the entity ``lot`` of a model whose sessions are parking sessions.

    Why: the kind word is the model's domain, so before another entity's name it says which
    of that entity's kind the model holds ("parking lot" is the model's lot), not "the
    sessions' lot": read as the session entity beside "lot", "revenue by parking lot" was
    broken down session by session and "how many parking lots" counted sessions.
    """
    out = []
    for e in catalog.entities:
        if e.name == counted:
            continue
        words = [singular(w) for w in name_words(e.name)]
        if words and words[0] != word:
            phrase = " ".join([word, *words])
            out.append(Anchor(phrase, "entity", e.name, None, phrase, "kind", KIND))
    return out


def _modifiers_before(text: str, entity: list[str]) -> list[str]:
    """The word right before each mention of ``entity`` in ``text`` that may name its kind.

    >>> _modifiers_before("Count of valid parking sessions.", ["session"])
    ['parking']
    >>> _modifiers_before("Number of unique completed orders", ["order"])
    []
    """
    tokens = [singular(t) for t in re.findall(r"[a-z][a-z'-]*", text.lower())]
    out = []
    n = len(entity)
    for i in range(1, len(tokens) - n + 1):
        if tokens[i : i + n] != entity:
            continue
        word = tokens[i - 1]
        if (
            len(word) < 3
            or word in FUNCTION_WORDS
            or word in GENERIC_HEADS
            or word in _COUNTING_WORDS
            or _is_verb_form(word)
        ):
            continue
        out.append(word)
    return out


def _model_words(catalog: Catalog) -> frozenset[str]:
    """Every word of a model name or label, and every whole categorical value, lower-case."""
    words: set[str] = set()
    things = [(m.name, m.label) for m in catalog.metrics]
    things += [(d.name, d.label) for d in catalog.dimensions]
    things += [(e.name, e.label) for e in catalog.entities]
    for name, label in things:
        words.update(singular(w) for w in name_words(name) + name_words(label or ""))
    for d in catalog.dimensions:
        words.update(str(v).lower() for v in d.values)
    return frozenset(words)
