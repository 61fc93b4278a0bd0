"""Pass: "2026年过期了多少会员资格" — a status word that is also the head of a count's name.

Why: a word can be both a categorical value (a member's plan status ``lapsed``) and the word a
count metric is named by (``lapsed_membership_count``: memberships no longer active).
Read as a value, "how many lapsed memberships" / 多少过期会员资格 became the membership count
filtered on the *members'* status, where the model's own lapsed memberships are another number —
a wrong answer with nothing in it to tell the reader. The model's author named the count by
the word; the count wins (docs/asking.md, "A value word that names a count").

The rule: one count metric, one value filter the question wrote, and exactly one other count
metric that (a) carries the value's word in its name or label, by lemma ("churned" ->
churn), (b) counts a subset of the same rows — the same aggregation over the same key column,
on the same time axis (``COUNT(DISTINCT CASE WHEN NOT is_active THEN subscription_sk END)``
beside ``COUNT(DISTINCT subscription_sk)``). Then that metric replaces the count and its
filter. Where the value's own dimension is the one the metric's condition uses (a user's
status for ``churned_users``), both readings are the same number, so nothing is lost.
Two such metrics are asked back with both offered; none leaves the filter as written.
"""

from __future__ import annotations

import re

from nl2sql.interpret import metric_label
from nl2sql.lexicon import Sense
from nl2sql.normalize import key_of
from nl2sql.rules.items import Refusal
from nl2sql.rules.state import ParseState
from nl2sql.vocabulary.english import singular
from nl2sql.vocabulary.morphology import verb_lemmas
from semantic_layer.catalog import CatalogMetric

_COUNTING = ("count", "count_distinct")
_IDENT = re.compile(r"[A-Za-z_][A-Za-z0-9_.]*")


def _lemmas(word: str) -> set[str]:
    w = word.lower()
    return {w, singular(w), *verb_lemmas(w)}


def _names_word(m: CatalogMetric, value: str) -> bool:
    """Whether the metric's name or label carries ``value``'s word, by lemma."""
    wanted = set().union(*(_lemmas(w) for w in key_of(value))) if key_of(value) else set()
    if not wanted or len(key_of(value)) != 1:
        return False
    words = {w for t in (m.name, m.label) for w in key_of(t)}
    return any(_lemmas(w) & wanted for w in words)


def _subset_of(part: CatalogMetric, base: CatalogMetric) -> bool:
    """Whether ``part`` counts some of the rows ``base`` counts: the same aggregation, the
    same time axis, and ``base``'s key column inside ``part``'s conditional expression."""
    col = base.measure_expr.strip().split(".")[-1]
    if (
        part.name == base.name
        or part.agg != base.agg
        or part.agg not in _COUNTING
        or part.agg_time_dimension != base.agg_time_dimension
        or not _IDENT.fullmatch(col)
    ):
        return False
    expr = part.measure_expr.lower()
    return expr != col.lower() and re.search(rf"\b{re.escape(col.lower())}\b", expr) is not None


def read_value_named_counts(p: ParseState) -> None:
    """Replace a count filtered on a value by the count the model names with that value."""
    if len(p.metrics) != 1 or p.derived is not None or p.context is not None:
        return
    base = p.catalog.metric(p.metrics[0])
    if base is None or base.agg not in _COUNTING:
        return
    written = [
        f
        for f in p.filters
        if f.op == "="
        and len(f.values) == 1
        and any(s.kind == "value" and s.name == f.dimension for it in p.its for s in it.senses)
    ]
    if len(written) != 1:
        return
    f = written[0]
    value = str(f.values[0])
    named = [m for m in p.catalog.metrics if _names_word(m, value) and _subset_of(m, base)]
    if not named:
        return
    if len(named) > 1:
        raise Refusal(
            f"'{value}' names more than one count: "
            + ", ".join(metric_label(p.catalog, m.name, "en") for m in named),
            zh=f"“{value}”对应多个计数指标："
            + "、".join(metric_label(p.catalog, m.name, "zh") for m in named),
            senses=[Sense("metric", m.name) for m in named],
        )
    p.filters.remove(f)
    p.metrics[0] = named[0].name
