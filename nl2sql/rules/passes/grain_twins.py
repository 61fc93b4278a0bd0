"""The parse pass of :mod:`nl2sql.rules.grain_twins`: an unknown word whose weak readings are
one quantity at two grains is read as the twin the question's breakdown reaches.

Why a module of its own: the resolver imports the twin rule, and the parse state imports the
resolver; the pass reads the parse state, so it lives here, outside that import chain
(import-linter forbids the cycle).
"""

from __future__ import annotations

from nl2sql.lexicon import normalize
from nl2sql.rules.grain_twins import grain_twin
from nl2sql.rules.items import Item
from nl2sql.rules.state import ParseState


def read_grain_twins(p: ParseState) -> None:
    """Read an unknown word whose weak readings are twins of one quantity as the twin
    :func:`grain_twin` picks (出院 in 各州的出院人次: the fact-grain discharges)."""
    for k, it in enumerate(p.all):
        if it.kind != "unknown":
            continue
        senses = p.lex.clarify.get(normalize(it.text), [])
        if len(senses) < 2 or any(s.kind != "metric" for s in senses):
            continue
        picked = grain_twin(p, it, list(dict.fromkeys(s.name for s in senses)))
        if picked is None:
            continue
        sense = next(s for s in senses if s.name == picked)
        p.all[k] = Item("domain", it.text, it.start, it.end, senses=[sense])
    p.its = [x for x in p.all if x.kind != "stop"]
