"""A phrase naming several metrics: the one whose name adds nothing to it but a period word.

Why: dbt projects expose one quantity under a declared metric and, through ``create_metric``
proxies of other models' measures, under qualified copies — "Weekly New Memberships" beside
``branch_new_memberships`` and ``effective_cpa_new_memberships``. "new memberships" /
"新会员数" reached all three and was refused as ambiguous, although only one of them names the
thing without a qualifier: "weekly" says how its author reports it, not what it counts, while
"branch" and "effective cpa" each say a narrower thing. The unqualified one is what an
analyst reads the bare phrase as.

Conservative on purpose: only when exactly one metric is unqualified (two period copies —
weekly and monthly active users — stay asked, :func:`nl2sql.rules.metric_names.period_metric`
reads a grain for those), and only when the question says none of the words the other metrics
add (a question that says "branch" or "CPA" anywhere keeps the clarification).
"""

from __future__ import annotations

import re

from nl2sql.rules.count_events import says
from nl2sql.rules.grain_twins import twins
from nl2sql.rules.items import Item
from nl2sql.rules.metric_names import PERIOD_PREFIXES
from nl2sql.rules.view import StateView
from nl2sql.vocabulary.english import singular
from semantic_layer.catalog import CatalogMetric

#: words that never qualify a metric: grammar and period adjectives. Not "total" or
#: "average": those tell a sum from a mean of one column ("Total Mileage" / "Average
#: Mileage"), which the bare noun leaves open (``metric_kinds.plain_sum`` decides for money)
_NEUTRAL = frozenset(PERIOD_PREFIXES) | {"of", "the", "a", "an"}


def _words(m: CatalogMetric) -> frozenset[str]:
    text = (m.label or m.name.replace("_", " ")).lower()
    return frozenset(singular(w) for w in re.findall(r"[a-z0-9]+", text))


def unqualified_metric(p: StateView, it: Item, names: list[str]) -> str | None:
    """The one metric of ``names`` whose words, beyond those every reading shares, are only
    period words — None when that is not exactly one, when the shared core is
    empty, or when the question says a word another reading adds.

    >>> from semantic_layer.catalog import Catalog, CatalogMetric
    >>> cat = Catalog(metrics=(CatalogMetric("weekly_signups", "Weekly Signups"),
    ...                        CatalogMetric("partner_signups", ""),), dimensions=())
    >>> class V:
    ...     catalog, all = cat, []
    >>> unqualified_metric(V(), Item("domain", "signups", 0, 7), ["partner_signups", "weekly_signups"])
    'weekly_signups'
    """
    metrics = [m for n in names if (m := p.catalog.metric(n)) is not None]
    if len(metrics) != len(names) or len(metrics) < 2:
        return None
    if twins(metrics):  # one quantity at two grains: rules.grain_twins decides, or asks back
        return None
    words = {m.name: _words(m) for m in metrics}
    core = frozenset.intersection(*words.values())
    if not core - _NEUTRAL:
        return None
    plain = [n for n, w in words.items() if not (w - core - _NEUTRAL)]
    if len(plain) != 1:
        return None
    extra = set().union(*(w - core - _NEUTRAL for n, w in words.items() if n != plain[0]))
    if any(x is not it and says(x, {w}) for x in p.all for w in extra):
        return None
    return plain[0]


def same_numbers(p: StateView, names: list[str]) -> str | None:
    """The labelled one of ``names`` when every reading is the same simple aggregation of the
    same measure with no filter — a declared metric and its ``create_metric`` proxy
    ("Incremental Dues Added by Upgrade" over the measure ``dues_added_usd``): whichever is
    answered, the numbers are the same, so asking back which one is no help.

    >>> from semantic_layer.catalog import Catalog, CatalogMetric
    >>> a = CatalogMetric("dues_added_usd", "", agg="sum", measure="dues_added_usd", measure_expr="dues_usd")
    >>> b = CatalogMetric("incremental_dues", "Incremental Dues", agg="sum", measure="dues_added_usd",
    ...                   measure_expr="dues_usd")
    >>> class V:
    ...     catalog = Catalog(metrics=(a, b), dimensions=())
    >>> same_numbers(V(), ["dues_added_usd", "incremental_dues"])
    'incremental_dues'
    """
    metrics = [m for n in names if (m := p.catalog.metric(n)) is not None]
    if len(metrics) != len(names) or len(metrics) < 2:
        return None
    keys = {
        (m.metric_type, m.measure, m.agg.lower(), m.measure_expr, m.agg_time_dimension)
        for m in metrics
    }
    if len(keys) != 1 or any(
        m.metric_type != "simple" or m.filtered or not m.measure for m in metrics
    ):
        return None
    labelled = [m.name for m in metrics if m.label]
    return labelled[0] if len(labelled) == 1 else None
