"""Two readings told apart by a word the question says, or by the word "all" of a label.

Why, for dimensions: "How many members do we have by status?" reached two dimensions labelled
"… status" ("member status", "loan status") and was refused as ambiguous, although the
question itself says the word that tells them apart ("members"). The reading kept is the one
whose label's other words are all said elsewhere in the question, when exactly one is.

Why, for metrics: a dbt project names the unfiltered count of a helper pair "All Eligible
Claims" beside "Approved Eligible Claims"; "eligible claims by type"
reached both and was refused, although "all" is exactly what the bare noun means and the
other label adds a word ("approved") the question does not say. The "All …" reading is
kept only when the question says none of the words the other readings add.
"""

from __future__ import annotations

import re

from nl2sql.lexicon import Sense
from nl2sql.rules.count_events import says
from nl2sql.rules.items import Item
from nl2sql.rules.view import StateView

#: label words that never tell readings apart
_GRAMMAR = frozenset({"of", "the", "a", "an", "per", "by", "and", "or", "in", "to"})


def _words(text: str) -> set[str]:
    return set(re.findall(r"[a-z0-9]+", text.lower())) - _GRAMMAR


def _said(p: StateView, it: Item, word: str) -> bool:
    """Whether ``word`` is said by an item of the question other than ``it``."""
    return any(x is not it and says(x, {word}) for x in p.all)


def dimension_by_said_word(p: StateView, it: Item, cands: list[Sense]) -> list[Sense] | None:
    """The one dimension reading whose label's other words the question says ("users" for
    "user status"), when every reading is a dimension and exactly one fits."""
    if len(cands) < 2 or any(s.kind != "dimension" for s in cands):
        return None
    own = _words(it.text)
    fit = []
    for s in cands:
        d = p.catalog.dimension(s.name)
        extra = _words(d.label if d is not None and d.label else s.name.replace("_", " ")) - own
        if extra and all(_said(p, it, w) for w in extra):
            fit.append(s)
    return fit[:1] if len({s.name for s in fit}) == 1 else None


def all_metric(p: StateView, it: Item, names: list[str]) -> str | None:
    """The one metric of ``names`` labelled "All …" when the question says none of the words
    the other labels add to it ("completed"), else None."""
    labels = {n: (m.label if (m := p.catalog.metric(n)) is not None else "") or "" for n in names}
    alls = [n for n, lab in labels.items() if lab.strip().lower().startswith("all ")]
    if len(alls) != 1 or len(names) < 2:
        return None
    base = _words(labels[alls[0]]) - {"all"}
    for n in names:
        if n == alls[0]:
            continue
        extra = _words(labels[n]) - base
        if not extra or any(_said(p, it, w) for w in extra):
            return None
    return alls[0]
