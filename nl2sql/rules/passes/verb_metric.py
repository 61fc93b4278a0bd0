"""Pass helper: a verb that is the metric's own word, in a question naming no metric.

Why: "Which 3 campaigns spent the most?" and "How much was spent last month?" on a model
whose metric is "Total Spend" named no metric: "spent" was read as a verb (its lemma "spend"
reaches the metric, ``passes.unknown``), and a verb only restates a metric the question
names, so the ranking asked "by which metric?" and the other was refused. When the verb's
lemma *is* a word of the metric's own label or name ("bid" of "Total Bid (cents)"), the
verb names that metric as its noun would ("bidders that bid the most" was answered).

Only one verb, reaching exactly one metric, in a question naming no other metric: a verb
naming an event of a metric labelled otherwise ("drove" for "Total Route Length") stays a verb,
unless the question also says the metric's own unit: in "which depot drove the most kilometres"
the verb and the unit both name Total Route Length (kept in km), and the ranking was refused.
The lemma must be the label's *head* (its last word, a parenthesised unit left out) or the
name's last word: a verb that only modifies the head names a different quantity. "avg temp
by month" on "Avg Oven Temp Drift (°F)" read the noun "temp" as the verb "to temp", and
answered the temperature *drift* for a question about the temperature.
"""

from __future__ import annotations

import re

from nl2sql.rules.state import ParseState
from nl2sql.rules.units import metric_unit, unit_of_word
from nl2sql.vocabulary import morphology
from nl2sql.vocabulary.english import singular
from semantic_layer.catalog import CatalogMetric

_WORD = re.compile(r"[a-z]+")


_PARENS = re.compile(r"\([^)]*\)")


def _head_word(text: str) -> str | None:
    """The singular last word of a label or name, units in parentheses left out.

    >>> _head_word("Total Bid (cents)"), _head_word("Avg Oven Temp Drift (°F)")
    ('bid', 'drift')
    >>> _head_word("total_engine_starts"), _head_word("(x)")
    ('start', None)
    """
    words = _WORD.findall(_PARENS.sub(" ", text.lower().replace("_", " ")))
    return singular(words[-1]) if words else None


def metric_by_verb(p: ParseState) -> None:
    """Add the one metric a lone verb names by its lemma (see the module docstring)."""
    verbs = [it for it in p.all if it.role == "verb" and it.senses and it.text.isascii()]
    if len(verbs) != 1:
        return
    (verb,) = verbs
    metrics = [p.catalog.metric(s.name) for s in verb.senses if s.kind == "metric"]
    found = [m for m in dict.fromkeys(metrics) if m is not None]
    in_unit = [m for m in found if _unit_said(p, m)]
    named = {s.name for x in p.its if x.kind == "domain" for s in x.senses}
    other_metric = any(s.kind == "metric" and s.name in named for s in verb.senses) or any(
        m.counts and m.counts in named for m in found
    )
    if len(in_unit) == 1 and not other_metric:
        # "drove the most kilometres": the one metric the verb reaches in km; never when the
        # verb also reaches a metric of a noun the question names ("which truck drove the
        # most kilometres": Trucks Used counts the trucks, and the ranking took it)
        _add(p, verb.text, in_unit[0])
        return
    if len(found) != 1 or any(s.kind != "metric" for s in verb.senses):
        return
    (m,) = found
    heads = {_head_word(m.label or ""), _head_word(m.name)} - {None}
    if not any(lemma in heads for lemma in morphology.verb_lemmas(verb.text.strip().lower())):
        return
    _add(p, verb.text, m)


def _add(p: ParseState, said: str, m: CatalogMetric) -> None:
    p.add_metric(m.name)
    p.result.notes.append(f"'{said.strip()}' names {m.label or m.name}")


def _unit_said(p: ParseState, m: CatalogMetric) -> bool:
    """Whether a unit word of the question is the unit ``m`` is kept in ("kilometres")."""
    own = metric_unit(m)
    return own is not None and any(
        x.kind == "role" and x.role == "unit" and unit_of_word(x.text) == own for x in p.all
    )
