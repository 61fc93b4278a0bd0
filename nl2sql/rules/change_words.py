"""A word that only weakly names the model's period changes, beside the period said, is theirs.

Why: a model that publishes "Sales MoM Change" and "Sales YoY Change" (and each in percent)
makes "change" a weak reading of all four, so "the year-over-year revenue change in November"
was asked back among the four at once, although "year over year" says which two. The word is
turned into a model term with those readings, so the model's own comparison metric
(:mod:`nl2sql.rules.model_comparisons`) picks among them by the period (and by the unit, when
one is said); if it cannot, the question is still asked back, never answered with a guess.

Only a word whose every weak reading is a metric that compares periods (an offset input,
``CatalogMetric.offset_grain``), and only when the question says a period change (环比, 同比,
"month over month", "YoY": a ``pop`` / ``yoy`` word) that nothing has claimed.
"""

from __future__ import annotations

from nl2sql.lexicon import normalize
from nl2sql.rules.items import Item
from nl2sql.rules.state import ParseState

#: the role of such a word's item (a model term whose readings the period still has to pick)
CHANGE_WORD = "change-word"


def read_change_words(p: ParseState) -> None:
    """Give an unknown word whose weak readings are all period changes those readings."""
    if not any(
        it.kind == "role" and it.role.split(":")[0] in ("pop", "yoy") and not it.used
        for it in p.its
    ):
        return
    for k, it in enumerate(p.all):
        if it.kind != "unknown" or not it.text.strip():
            continue
        senses = list(p.lex.clarify.get(normalize(it.text), []))
        if len(senses) < 2 or any(s.kind != "metric" for s in senses):
            continue
        metrics = [p.catalog.metric(s.name) for s in senses]
        if any(m is None or not m.offset_grain for m in metrics):
            continue
        p.all[k] = Item("domain", it.text, it.start, it.end, senses=senses, role=CHANGE_WORD)
    p.its = [it for it in p.all if it.kind != "stop"]
