"""How a model sense is written in a question of either language.

Why a module of its own: the suggestions (:mod:`nl2sql.rules.suggest`) write senses into
rewritten questions, and the resolver's ambiguity refusals and the flag readings write them in
their reasons; both need the same plainest-first forms, and neither needs the rewriting.
"""

from __future__ import annotations

from nl2sql.interpret import item_label, metric_label, path_label, value_label
from nl2sql.lexicon import Sense
from semantic_layer.catalog import Catalog


def _dimension_names(catalog: Catalog, name: str, lang: str) -> list[str]:
    """Ways to name a dimension: the one for ``lang`` first, then its label and synonyms."""
    d = catalog.dimension(name)
    names = [path_label(catalog, name, lang)]  # "Town (borrower member)" beside its sibling role
    if d is not None:
        names += [d.label, *d.synonyms]
    return list(dict.fromkeys(n for n in names if n))


def phrases(catalog: Catalog, sense: Sense, lang: str) -> list[str]:
    """Ways to write ``sense`` in a ``lang`` question, plainest first.

    A value also comes with its dimension in front ("渠道京东", "sales channel jd"), the form
    that settles an ambiguity between two dimensions with the same value; the first such form
    is the one to show in a reason.
    """
    if sense.kind == "metric":
        return [metric_label(catalog, sense.name, lang)]
    if sense.kind == "dimension":  # "Town (borrower member)" where a sibling role is asked
        return [path_label(catalog, sense.name, lang)]
    if sense.kind == "entity":
        return [item_label(catalog, sense.name, lang)]
    value = value_label(catalog, sense.name, sense.value, lang)
    sep = "" if lang == "zh" else " "
    qualified = [f"{dim}{sep}{value}" for dim in _dimension_names(catalog, sense.name, lang)]
    return [qualified[0], value, *qualified[1:]]


def distinct_phrases(catalog: Catalog, senses: list[Sense], lang: str) -> list[list[str]]:
    """:func:`phrases` of each sense, with its owner's name in front when two senses would
    otherwise be written the same way.

    Why: two models may each have a "shipping mode" with the value express (the shipments'
    and the freight quotes'); the ambiguity then read "shipping mode express or shipping mode
    express", and the suggestions rewrote the question into the same ambiguous question, so
    none was runnable. "shipment shipping mode express" names the role the resolver reads back
    (``rules.resolve._role_named``).
    """
    forms = [phrases(catalog, s, lang) for s in senses]
    firsts = [f[0].lower() for f in forms]
    out = []
    for sense, own in zip(senses, forms, strict=True):
        d = catalog.dimension(sense.name) if sense.kind in ("value", "dimension") else None
        if firsts.count(own[0].lower()) < 2 or d is None or not d.entity:
            out.append(own)
            continue
        owner = item_label(catalog, d.entity, lang).replace("_", " ")
        sep = "" if lang == "zh" and not owner[-1:].isascii() else " "
        out.append([f"{owner}{sep}{own[0]}", *own])
    return out
