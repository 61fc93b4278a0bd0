"""An average or a total said "of" plural things is one figure over them, not one per thing.

Why: a bare dimension word groups ("GMV 渠道", "revenue of channels" lists every channel), but
"the average score of gauges with status Met" asks one average over those gauges — the average
word takes the rows named after "of" together, as "the average salary of employees" is one
number. Read as a breakdown it answered one row per gauge: a table where one figure was asked,
with nothing in it to say so (the shape of a session-29 dev wrong). A breakdown is still asked
with each / by / per / respectively, a list word, a rank (highest, top 3, which) or a condition
on the metric ("gauges whose average score is above 5" lists them): those keep the grouping.

Only English: Chinese puts the things first ("仪表的平均分数"), where the same words also read
as each thing's average; that stays a breakdown.
"""

from __future__ import annotations

import re

from nl2sql.rules.items import Item
from nl2sql.rules.state import ParseState
from nl2sql.vocabulary import morphology

#: general words that aggregate what follows "of" into one figure
_AGGREGATE_WORDS = frozenset({"average", "avg", "mean", "total", "overall", "combined"})
#: words that ask for one row per thing, or rank or list the things, anywhere in the question
_PER_THING = re.compile(
    r"\b(?:each|every|per|by|respectively|which|list|show each|rank|ranked|ranking|top|"
    r"bottom|highest|lowest|most|least|best|worst|largest|smallest|biggest|compare|compared|"
    r"versus|vs|across)\b"
)
#: role words that keep the one-figure reading: the average itself, conditions and joiners
_PLAIN_ROLES = ("avg", "cmp", "neg", "and")
#: the copulas that make "what" a pronoun ("what is the average …")
_COPULAS = frozenset({"is", "was", "are", "were", "'s"})


def _said_aggregate(p: ParseState, metric: Item) -> bool:
    """Whether an average / total word the metric's own name does not hold is said before it:
    a role item right before ("average measured value") or the first word of the metric's
    words ("total measured value"), but not "average order value" naming its own metric."""
    pos = p.all.index(metric)
    before = next((x for x in reversed(p.all[:pos]) if x.text.strip()), None)
    if before is not None and before.kind == "role" and before.role == "avg":
        return True
    first = metric.text.strip().lower().split(" ", 1)[0]
    if first not in _AGGREGATE_WORDS:
        return False
    sense = p.resolve(metric, ("metric",))
    found = p.catalog.metric(sense.name) if sense is not None else None
    if found is None:
        return False
    own = {found.label.lower().split(" ", 1)[0], found.name.lower().split("_", 1)[0]}
    return first not in own


def _plain_role(p: ParseState, x: Item) -> bool:
    """A role word that keeps one figure: the average, a condition, a joiner, or the pronoun
    "what" of "what is the average …" (no determiner: rules.passes.which)."""
    if x.role.startswith(_PLAIN_ROLES):
        return True
    nxt = next((y for y in p.all[p.all.index(x) + 1 :] if y.text.strip()), None)
    return x.text.lower() == "what" and nxt is not None and nxt.text.lower() in _COPULAS


def _is_plural(text: str) -> bool:
    """Whether an English phrase ends in a plural noun ("gauges", "sales regions")."""
    last = text.strip().lower().rsplit(" ", 1)[-1]
    lemmas = morphology.noun_lemmas(last)
    return bool(lemmas) and last not in lemmas


def aggregated_over(p: ParseState, it: Item) -> bool:
    """Whether the bare dimension ``it`` names the rows an average or total said before the
    metric is taken over: "<average|total> <metric> of [the|all] <plural things> [that …]".

    >>> _is_plural("gauges"), _is_plural("gauge"), _is_plural("status")
    (True, False, False)
    """
    q = p.result.question
    if not q.isascii() or not _is_plural(it.text) or p.having or p.limit:
        return False
    if _PER_THING.search(q.lower()):
        return False
    if any(x.kind == "role" and not _plain_role(p, x) for x in p.all):
        return False
    pos = p.all.index(it)
    words = [x for x in p.all[:pos] if x.text.strip()]
    while words and words[-1].kind == "stop" and words[-1].text.lower() in ("the", "all"):
        words.pop()
    if len(words) < 2 or words[-1].text.lower() != "of":
        return False
    metric = words[-2]
    if metric.kind != "domain" or not metric.is_kind("metric"):
        return False
    return _said_aggregate(p, metric)
