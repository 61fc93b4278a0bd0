"""A dimension named "<noun> <class word>" is named by the noun alone: "habitat" of ``habitat_type``.

Why: models name a classifying column with a word that only says it classifies ("type",
"category", "status", "level", "group", "class"): ``habitat_type``, ``device_category``,
``risk_level``. Users leave that word out — "average length by habitat", "sessions by device",
按栖息地统计 — and the engine refused the noun as unknown (the suffix bridges read only the
name's last words, and a lone class word is no name of anything).

The noun is read as the dimension only when it says nothing else in the model: it is no word
of another term's name or label (``payment_type`` beside a ``payment`` entity: "payments" are
the rows), no whole value, no adjective ("common" of ``common_name``, "scientific"), and no
grammar or generic word; a noun heading two such dimensions names neither. Shown in the
interpretation ("habitat → habitat type").
"""

from __future__ import annotations

import functools

from nl2sql.vocabulary.anchors import Anchor
from nl2sql.vocabulary.chinese import glossary, model_industries
from nl2sql.vocabulary.english import FUNCTION_WORDS, GENERIC_HEADS, name_words, singular
from nl2sql.vocabulary.lemma_store import all_lemmas
from semantic_layer.catalog import Catalog

#: words that only say a column classifies its rows
CLASS_WORDS = frozenset(
    {"type", "kind", "category", "class", "status", "level", "group", "tier", "bucket", "band"}
)
#: a little below a suffix of the name: the word the owner wrote first, without its head
CLASS_HEAD = 0.8


@functools.cache
def _chinese_class_words() -> frozenset[str]:
    """The general glossary's Chinese for :data:`CLASS_WORDS` of two or more characters
    (类型, 类别, 种类, 等级, 状态; a lone 类 or 组 is a part of compounds, never a word here)."""
    with model_industries(frozenset()):
        table = glossary()
    return frozenset(zh for w in CLASS_WORDS for zh, _, _ in table.get(w, ()) if len(zh) >= 2)


def is_class_word(text: str) -> bool:
    """Whether ``text`` is a word that only says something classifies ("type", 类型, 类别).

    >>> is_class_word("类型"), is_class_word("Category"), is_class_word("交易"), is_class_word("类")
    (True, True, False, False)
    """
    return text.strip().lower() in CLASS_WORDS or text.strip() in _chinese_class_words()


def _is_adjective(word: str) -> bool:
    return "ADJ" in all_lemmas(word)


def _words_of(name: str, label: str) -> list[str]:
    return [singular(w) for w in name_words(name.split("__")[-1])] + [
        singular(w) for w in name_words(label or "")
    ]


def class_head_anchors(catalog: Catalog) -> list[Anchor]:
    """Anchors naming a categorical dimension by the noun before its class word.

    >>> from semantic_layer.catalog import Catalog, CatalogDimension, CatalogEntity
    >>> dims = (CatalogDimension("obs__habitat_type", "habitat type"),
    ...         CatalogDimension("species__common_name", "common name"),
    ...         CatalogDimension("pay__payment_type", "payment type"))
    >>> cat = Catalog(metrics=(), dimensions=dims, entities=(CatalogEntity("payment", "payment"),))
    >>> [(a.phrase, a.name) for a in class_head_anchors(cat)]
    [('habitat', 'obs__habitat_type')]
    """
    owners: dict[str, set[str]] = {}
    things = [(m.name, m.name, m.label) for m in catalog.metrics]
    things += [(e.name, e.name, e.label) for e in catalog.entities]
    things += [(d.name, d.name, d.label) for d in catalog.dimensions]
    for key, name, label in things:
        for w in _words_of(name, label):
            owners.setdefault(w, set()).add(key)
    values = {str(v).strip().lower() for d in catalog.dimensions for v in d.values}
    found: dict[str, list[tuple[str, str]]] = {}
    for d in catalog.dimensions:
        if d.dim_type == "time":
            continue
        words = [singular(w) for w in name_words(d.name.split("__")[-1])]
        if len(words) < 2 or words[-1] not in CLASS_WORDS:
            continue
        noun = " ".join(words[:-1])
        if len(words) > 2:
            # a phrase of the name's words ("time of day" of ``time_of_day_band``) is read
            # whole, so only another term or value said in the same words takes it away
            if noun not in values and not any(noun == " ".join(_words_of(k, "")) for k in owners):
                found.setdefault(noun, []).append((d.name, d.label or " ".join(words)))
            continue
        if (
            len(noun) < 3
            or noun in FUNCTION_WORDS
            or noun in GENERIC_HEADS
            or noun in values
            or owners.get(noun, set()) - {d.name}
            or _is_adjective(noun)
        ):
            continue
        found.setdefault(noun, []).append((d.name, d.label or " ".join(words)))
    return [
        Anchor(noun, "dimension", dims[0][0], None, dims[0][1], "class_head", CLASS_HEAD)
        for noun, dims in sorted(found.items())
        if len(dims) == 1
    ]
