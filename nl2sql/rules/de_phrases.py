"""A model term written with 的 inside it: 过期的会员 for the term 过期会员 ("lapsed members").

Why: Chinese marks a modifier with 的 as often as it glues it on ("过期的会员数" beside
"过期会员数"); the term matched only glued, so the question was refused (or read 过期 alone as
another metric). 的 between a modifier and its noun changes nothing, so a run with one 的
inside it is the term it spells without the 的.

Not when the part before 的 is itself a dimension, entity or value ("各渠道的新订阅数" is new
subscriptions *by* channel, never a metric whose name happens to be 渠道新订阅): there 的 links
a breakdown or a filter to the metric, which the parser reads on its own.
"""

from __future__ import annotations

from nl2sql.lexicon import Lexicon, Sense

#: the modifier particle
DE = "的"
#: senses of the part before 的 that make it a breakdown or a filter, not a modifier
_OWN_KINDS = frozenset({"dimension", "entity", "value", "time"})


def term_across_de(seq: tuple[str, ...], lex: Lexicon) -> list[Sense] | None:
    """The senses of the term ``seq`` spells with its one inner 的 left out, or None.

    >>> from semantic_layer.catalog import Catalog
    >>> lex = Lexicon(catalog=Catalog(metrics=(), dimensions=()))
    >>> lex.terms[tuple("过期会员")] = [Sense("metric", "lapsed")]
    >>> [s.name for s in term_across_de(tuple("过期的会员"), lex)], term_across_de(tuple("过期会员"), lex)
    (['lapsed'], None)
    >>> lex.terms[tuple("渠道")] = [Sense("dimension", "channel")]
    >>> lex.terms[tuple("渠道新会员")] = [Sense("metric", "channel_new")]
    >>> term_across_de(tuple("渠道的新会员"), lex) is None  # a breakdown, not a modifier
    True
    """
    if len(seq) < 3 or seq.count(DE) != 1 or seq[0] == DE or seq[-1] == DE:
        return None
    k = seq.index(DE)
    before = lex.terms.get(seq[:k]) or []
    if any(s.kind in _OWN_KINDS for s in before):
        return None
    senses = lex.terms.get(seq[:k] + seq[k + 1 :])
    return list(senses) if senses else None
