"""Model terms typed with another spacing or number than the model writes them: a value of
several words with its last word in the plural ("classic bikes" for `classic_bike`), a metric
label written as one word typed as two ("citi bike trips" for "CitiBike Trips", "page views"
for "Pageviews").

Why: the lexicon keys a term by its own words; a value is also found by its spelling with
spaces and punctuation ignored (``Lexicon.spelled``), but only as stored, and a metric only
word for word. Users split and join words freely ("Citi Bike", "check ins") and name the
things of a kind in the plural, and such questions were refused for words the model has.
Both are tried only after the exact terms and the value spellings (``rules.tokenize``).
"""

from __future__ import annotations

from nl2sql.lexicon import Lexicon, Sense, Unit, key_of
from nl2sql.vocabulary.english import singular
from nl2sql.vocabulary.values import spelling_key

#: a metric spelling shorter than this is a word or an initialism, never re-spaced
MIN_METRIC_SPELLING = 6
#: at most this many typed words are joined into one metric spelling
METRIC_SPAN = 4
#: the shortest plural last word read as a value's ("ads" of `tv_ad`)
MIN_PLURAL = 3


def plural_head(span: list[Unit], lex: Lexicon) -> list[Sense]:
    """The value senses of a value of two or more words typed with its last word in the plural
    ("classic bikes", "yellow taxis" for `classic_bike`, `yellow_taxi`).

    Why: a one-word value is reached in the plural by its own term, but a value of several
    words was reached only as stored. Only the last word's regular plural, and only when the
    singular spelling names exactly the values the plain spelling would. A plural of three
    letters counts too ("tv ads" for `tv_ad`: it was refused, and its suggestion turned "tv"
    into the "LTV" metric); "bus" and the like find no value without their "s".
    """
    last = span[-1].text if span and span[-1].kind == "word" else ""
    if len(span) < 2 or len(last) < MIN_PLURAL or not last.isascii() or not last.endswith("s"):
        return []
    head = tuple(u.text for u in span[:-1])
    for one in dict.fromkeys((singular(last), last[:-1], last[:-2] if last.endswith("es") else "")):
        found = lex.spelled((*head, one)) if one and one != last else []
        if found:  # "taxis": the dictionary's singular is "taxis" itself
            return found
    return []


def _metric_index(lex: Lexicon) -> dict[str, list[Sense]]:
    """Spelling key of every metric's name and label -> its sense; a key two metrics share
    maps to nothing (never a guess across metrics). Built once per lexicon."""
    cached: dict[str, list[Sense]] | None = getattr(lex, "_metric_spelling", None)
    if cached is not None:
        return cached
    index: dict[str, list[Sense]] = {}
    for m in lex.catalog.metrics:
        for text in (m.name, m.label):
            skey = spelling_key(key_of(text or ""))
            if len(skey) < MIN_METRIC_SPELLING or not skey.isascii():
                continue
            have = index.get(skey)
            if have is None:
                index[skey] = [Sense("metric", m.name, via=m.label or m.name)]
            elif have and have[0].name != m.name:
                index[skey] = []
    setattr(lex, "_metric_spelling", index)  # noqa: B010 - a cache, not a field of the lexicon
    return index


def metric_spelling_max(lex: Lexicon) -> int:
    """How many typed words a metric spelling may span (0 when the model has none)."""
    return METRIC_SPAN if _metric_index(lex) else 0


def spelled_metric(words: tuple[str, ...], lex: Lexicon) -> list[Sense]:
    """The metric whose name or label the words spell with other spacing ("citi bike trips"
    for "CitiBike Trips"), when exactly one does; nothing for one word or the label's own
    words (those are exact terms).

    >>> from semantic_layer.catalog import Catalog, CatalogMetric
    >>> from nl2sql.lexicon import build_lexicon
    >>> lex = build_lexicon(Catalog((CatalogMetric("pageviews", "Pageviews"),), ()))
    >>> [s.name for s in spelled_metric(("page", "views"), lex)], spelled_metric(("pageviews",), lex)
    (['pageviews'], [])
    """
    if len(words) < 2 or not all(w.isascii() for w in words):
        return []
    return list(_metric_index(lex).get(spelling_key(words), []))
