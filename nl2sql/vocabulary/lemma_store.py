"""lemminflect's lemmas and inflections, stored and looked up one word at a time.

Why stored: building a model's vocabulary asks lemminflect about a few hundred words (is
"shipped" a past form, what verb is "departure" made from), and each first question of a
process paid for unpacking its whole lemma and inflection tables — about a second of the
first question on a new model. The answers of ``getAllLemmas`` and ``getAllInflections`` for
every word lemminflect lists are kept in a dictionary store
(:mod:`nl2sql.vocabulary.dictionary_store`, built by ``make``); a word not written in lower
case, or any word when no store was built, is asked of lemminflect itself, so every answer is
lemminflect's own.

>>> all_lemmas("flown", "VERB"), all_lemmas("qqq")
({'VERB': ('fly',)}, {})
>>> all_inflections("ship", "VERB")["VBD"]
('shipped',)
"""

from __future__ import annotations

import functools
import json
from importlib.metadata import PackageNotFoundError, version
from types import ModuleType

from nl2sql.vocabulary.dictionary_store import LazyStore, Store, Tables

#: the Penn tags lemminflect returns for a verb (``lemminflect.core.LexicalUtils.uposToTags``)
_VERB_TAGS = ("VB", "VBD", "VBG", "VBN", "VBP", "VBZ", "MD")


@functools.cache
def _lemminflect() -> ModuleType:
    """The lexicon itself, imported only to build the store or for a capitalised word."""
    import lemminflect

    return lemminflect


def resource_version() -> str:
    """The installed ``lemminflect`` version ("absent" without it): part of the store key."""
    try:
        return version("lemminflect")
    except PackageNotFoundError:
        return "absent"


def _json(value: object) -> str:
    return json.dumps(value, separators=(",", ":"))


def tables() -> Tables:
    """Every listed word's lemmas (all parts of speech) and every lemma's inflections (all
    tags), as lemminflect answers for the lower-case word."""
    from lemminflect.core.Inflections import Inflections
    from lemminflect.core.Lemmatizer import Lemmatizer

    li = _lemminflect()
    lem, infl = Lemmatizer(), Inflections()
    try:  # the words it lists: its own tables (private, so a later release may move them)
        words = set(lem._getLemmaDict()) | set(lem._getOverridesDict())
        lemmas = set(infl._getInflDict()) | set(infl._getOverridesDict())
    except AttributeError:
        return {"state": {"complete": "no"}}  # every lookup then asks lemminflect itself
    return {
        "state": {"complete": "yes"},
        "lemmas": {w: _json(got) for w in words if w == w.lower() and (got := li.getAllLemmas(w))},
        "inflections": {
            w: _json(got) for w in lemmas if w == w.lower() and (got := li.getAllInflections(w))
        },
    }


STORE = LazyStore("lemminflect", __file__, resource_version, tables)


def _filtered(raw: str | None, keep: object) -> dict[str, tuple[str, ...]]:
    if raw is None:
        return {}
    got: dict[str, list[str]] = json.loads(raw)
    return {k: tuple(v) for k, v in got.items() if keep is None or k in keep}  # type: ignore[operator]


@functools.cache
def _table() -> Store | None:
    """The stored answers when ``make`` (or an earlier process) built them and they list every
    word, else None and lemminflect is asked for each word.

    Why not built on demand like the other stores: deriving all 70,000 words takes ~4 s, more
    than a process saves by it (~0.7 s), so only ``make`` (``python -m
    lab.tools.dictionary_stores``) builds it.
    """
    store = STORE.existing()
    return store if store is not None and store.get("state", "complete") == "yes" else None


@functools.cache
def all_lemmas(word: str, upos: str | None = None) -> dict[str, tuple[str, ...]]:
    """``lemminflect.getAllLemmas(word, upos)`` (upos None or "VERB")."""
    table = _table()
    if word != word.lower() or table is None:
        return dict(_lemminflect().getAllLemmas(word, upos=upos))
    return _filtered(table.get("lemmas", word), None if upos is None else (upos,))


@functools.cache
def all_inflections(lemma: str, upos: str | None = None) -> dict[str, tuple[str, ...]]:
    """``lemminflect.getAllInflections(lemma, upos)`` (upos None or "VERB")."""
    table = _table()
    if lemma != lemma.lower() or table is None:
        return dict(_lemminflect().getAllInflections(lemma, upos=upos))
    keep = None if upos is None else _VERB_TAGS
    return _filtered(table.get("inflections", lemma), keep)
