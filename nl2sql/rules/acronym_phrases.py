"""A question phrase whose initials spell a metric's acronym label ("cost per click" for a
metric labelled "CPC", "click-through rate" for "CTR", "average order value" for "AOV").

Why: real models label metrics by acronym, users ask in words, and such questions were
refused ("I don't know 'cost'"). The letters alone are a weak link: "cost per customer" also
spells CPC. So the phrase reads as the metric only when each of its words is general language
(a preposition, "average", "rate"; never one that changes the query: "count", "not") or a
model word naming the metric itself or a part of it (its ratio's numerator or denominator
metrics, or the entity one of them counts: "click" of Clicks in CPC = spend / clicks), and at
least one word is such a part (letters alone prove nothing). The item is a bridge, shown in
the answer ("cost per click → CPC").
"""

from __future__ import annotations

from nl2sql.lexicon import Lexicon, Sense
from nl2sql.vocabulary.acronyms import acronym_labels, spelled_acronym
from nl2sql.vocabulary.bridges import is_general
from nl2sql.vocabulary.english import singular

#: prepositions inside an acronym's words ("click through rate", "cost after tax"), besides
#: those :func:`is_general` knows
_LINKS = frozenset({"through", "over", "with", "at", "from", "after", "before", "under"})
#: the grammar roles a word inside an acronym's words may have: none, "average" (of AOV),
#: "per" (of CPC)
_PLAIN_ROLES = frozenset({None, "avg", "group"})
#: at most this many typed units (words and hyphens) spell one acronym
ACRONYM_SPAN = 7


def _table(lex: Lexicon) -> dict[str, str | None]:
    """:func:`acronym_labels` of the lexicon's catalog, built once per lexicon."""
    cached: dict[str, str | None] | None = getattr(lex, "_acronym_labels", None)
    if cached is not None:
        return cached
    values = frozenset(str(v).lower() for d in lex.catalog.dimensions for v in d.values)
    table = acronym_labels([(m.name, m.label) for m in lex.catalog.metrics], values)
    setattr(lex, "_acronym_labels", table)  # noqa: B010 - a cache, not a field of the lexicon
    return table


def acronym_span(lex: Lexicon) -> int:
    """How many typed units an acronym phrase may span (0 when no metric has an acronym)."""
    return ACRONYM_SPAN if _table(lex) else 0


def _parts(lex: Lexicon, name: str) -> set[str]:
    """The metric, its ratio's metrics and the entities those count (model names)."""
    metric = lex.catalog.metric(name)
    names = {name, *(metric.ratio_of if metric else ())}
    for n in list(names):
        m = lex.catalog.metric(n)
        if m is not None and m.counts:
            names.add(m.counts)
    return names


def acronym_phrase(words: tuple[str, ...], lex: Lexicon) -> list[Sense]:
    """The metric whose acronym label the typed ``words`` spell (hyphens between words are
    dropped: "click-through rate"), as a bridge sense; [] when none, several, or a word the
    model knows names something else.
    """
    if not words or "-" in (words[0], words[-1]):
        return []
    plain = tuple(w for w in words if w != "-")
    table = _table(lex)
    found = {table.get(a) for a in spelled_acronym(plain)} & set(table.values())
    if len(found) != 1 or None in found:
        return []
    name = next(iter(found))
    assert name is not None
    parts, part = _parts(lex, name), False
    for w in plain:
        senses = lex.terms.get((w,)) or lex.terms.get((singular(w),))
        if not senses:
            if lex.general.get((w,)) not in _PLAIN_ROLES:
                return []  # a word that changes the query: "count per click", "not"
            if w in _LINKS or is_general(w):
                continue  # "per", "through", "average", "rate": general language
            return []  # a word the model does not know: "customer" in "cost per customer"
        if not any(s.name in parts and s.kind in ("metric", "entity") for s in senses):
            return []  # another thing of the model: "channel" in "cost per channel"
        part = True
    if not part:
        return []  # letters alone prove nothing
    metric = lex.catalog.metric(name)
    return [Sense("metric", name, strong=False, via=(metric.label if metric else name))]
