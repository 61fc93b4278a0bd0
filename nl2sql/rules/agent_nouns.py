"""An agent noun in a ranking names who is ranked, by the measure its verb names.

Why: "top 5 scorers in the 2024 season" and "top 10 spenders by lifetime spend" were refused
for the unknown 'scorers' / 'spenders', while "top 5 players by goals" and "top 10 customers
by lifetime spend" are answered. A plural agent noun ("scorer" = one who scores) says two
things the model already has: the doer, the one entity the metric's rows belong to, and the
deed, the metric whose own words use the verb ("Sum of goals scored", "lifetime spend").

What is read (English only, in a question with "top" / "bottom"): an unknown plural ending in
"-ers" whose stem is a verb of the lexicon (score-rs, spend-ers, hit-t-ers). The metric is the
one the question names, which must itself say the verb (its label, name or description: a
named metric of another deed, "top 10 numbers by revenue", is left unknown); or, when the
question names none, the one metric whose label or description says the verb in any form and
whose rows belong to an entity besides their own ("Total Goals" of a player's season rows; a
team's "goals scored by the team" is not a player's). The doer is that entity: the metric's
only entity, or the one besides the rows' own. Two such metrics, two entities or none: the word
stays unknown and the question refused, as before.
"""

from __future__ import annotations

import re

from nl2sql.lexicon import Sense
from nl2sql.rules.items import Item
from nl2sql.rules.state import ParseState
from nl2sql.vocabulary import morphology
from semantic_layer.catalog import CatalogMetric

_WORD = re.compile(r"[a-z]+")
#: an agent noun's stem shorter than this is too often no agent noun at all ("users" is "use")
_MIN_STEM = 3


def agent_verb(word: str) -> str:
    """The verb a plural agent noun is made of, or "".

    >>> agent_verb("scorers"), agent_verb("hitters"), agent_verb("spenders")
    ('score', 'hit', 'spend')
    >>> agent_verb("others")
    ''
    """
    w = word.strip().lower()
    if not w.endswith("ers") or not w.isalpha():
        return ""
    stem = w[:-3]
    tries = [stem, f"{stem}e"]
    if len(stem) > 2 and stem[-1] == stem[-2]:
        tries.append(stem[:-1])  # hitt-ers -> hit
    for verb in tries:
        if len(verb) >= _MIN_STEM and morphology.is_verb(verb):
            return verb
    return ""


def _forms(verb: str) -> set[str]:
    forms = {verb}
    for group in morphology.all_inflections(verb, "VERB").values():
        forms.update(group)
    return forms


def _says(metric: CatalogMetric, forms: set[str]) -> bool:
    text = f"{metric.name.replace('_', ' ')} {metric.label} {metric.description}".lower()
    return bool(set(_WORD.findall(text)) & forms)


def _doer(metric: CatalogMetric) -> str:
    """The entity the metric's rows belong to: its only entity, or the one besides its rows'."""
    own = list(metric.own_entities)
    if len(own) == 1:
        return own[0]
    others = [e for e in own if e != metric.rows_entity]
    return others[0] if len(others) == 1 else ""


def _named_metrics(p: ParseState) -> list[CatalogMetric]:
    out = []
    for it in p.all:
        if it.kind == "domain" and it.senses and all(s.kind == "metric" for s in it.senses):
            out += [m for s in it.senses if (m := p.catalog.metric(s.name)) is not None]
    return out


def read_agent_nouns(p: ParseState) -> None:
    """Read an unknown plural agent noun in a ranking as its doer (and its deed when unnamed)."""
    if not any(it.kind == "role" and it.role in ("top", "bottom") for it in p.all):
        return
    for k, it in enumerate(p.all):
        if it.kind != "unknown" or not it.text.isascii():
            continue
        verb = agent_verb(it.text)
        if not verb:
            continue
        forms = _forms(verb)
        named = _named_metrics(p)
        if named:
            deeds = [m for m in named if _says(m, forms)]
            add_metric = False
        else:
            deeds = [m for m in p.catalog.metrics if _says(m, forms) and len(m.own_entities) > 1]
            deeds = deeds or [m for m in p.catalog.metrics if _says(m, forms)]
            add_metric = True
        if len(deeds) != 1 or not (doer := _doer(deeds[0])):
            continue
        (metric,) = deeds
        new = [Item("domain", it.text, it.start, it.end, [Sense("entity", doer)])]
        if add_metric:
            new.append(Item("domain", it.text, it.start, it.end, [Sense("metric", metric.name)]))
        p.all[k : k + 1] = new
        p.result.bridged.append(f"{it.text.strip()} → {doer} ({metric.label or metric.name})")
        p.its = [x for x in p.all if x.kind != "stop"]
        return
