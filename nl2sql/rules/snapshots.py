"""A balance-like column summed over every snapshot, asked for "now": refused with the model's
latest-snapshot metric.

Why: "当前账户余额" on a model whose `account_balance` sums the column over every daily
snapshot dropped 当前 (a light word) and answered the sum of all days' balances — 30 times the
balance anyone holds. The model says which columns are snapshots when it also reads the column
at its latest snapshot only (a ``non_additive_dimension`` with ``window_choice: max``,
``CatalogMetric.latest``); asked with a word for now and no time grain, the plain sum is refused
and that metric is offered instead.
"""

from __future__ import annotations

from nl2sql.interpret import metric_label
from nl2sql.lexicon import Sense
from nl2sql.rules.items import Refusal
from nl2sql.rules.state import ParseState

#: words saying "at present" (light words elsewhere: 目前有多少客户 is the count up to now)
NOW_WORDS = frozenset(
    {"当前", "目前", "现在", "now", "currently", "current", "present", "如今", "眼下", "此刻"}
)


def check_snapshot_now(p: ParseState) -> None:
    """Refuse "<now word> <snapshot column summed over all snapshots>" without a time grain."""
    if not any(it.text.strip().lower() in NOW_WORDS for it in p.all):
        return
    if any(g.startswith("metric_time__") for g in p.group_by):
        return
    for name in p.metrics:
        m = p.catalog.metric(name)
        if m is None or not m.latest:
            continue
        said = [
            it.text
            for it in p.its
            if it.kind == "domain" and it.sense is not None and it.sense.name == name
        ]
        latest = metric_label(p.catalog, m.latest, "en")
        raise Refusal(
            f"{m.label} adds up every snapshot of its column, not the value now; for the "
            f"latest one ask for {latest}",
            zh=f"{m.label}是各期快照的合计，不是当前值；要最新值请问{latest}",
            words=said[:1],
            senses=[Sense("metric", m.latest)],
        )
