"""Pass helper: "平均单次停车收入", "每单平均收入" — an average per one occasion, in Chinese.

Why: Chinese says "the average per one" in more shapes than "每E的平均M". The occasion may be
one (单次, 一次, 一笔) instead of each (每次), its noun may be left out when the counter says
what is counted (每单, 每笔: per order, per payment), and 平均 may stand before the occasion
("平均单次停车收入", "平均一次订单的金额", "平均每笔收入") or the occasion's noun alone may
follow it ("平均订单收入" = average revenue per order). Read word by word, 平均 stood two words
away from its amount and the question was refused as an average of a total (or the noun was
counted beside it).

Each shape is read only to the average the model itself defines: the amount's ratio over the
count of the named noun (or the amount's own average over that noun's rows); without a noun,
the amount's average over its own rows — and then only when no ratio of the model divides the
amount by a count of *other* things, since "每单" could then be either. Anything else is left
to the other passes (a refusal, never a made-up average).
"""

from __future__ import annotations

from collections.abc import Callable

from nl2sql.rules.items import Item
from nl2sql.rules.state import ParseState
from semantic_layer.catalog import Catalog

#: counters of one event (an occasion, a trip, a payment, an order/ticket): after 每, 单 or 一
#: they say "per one", with or without the noun after them
EVENT_COUNTERS = frozenset({"次", "趟", "笔", "单", "回"})
#: words that make the counter after them "one": 单次, 一次, 每笔
ONE_WORDS = frozenset({"单", "一", "每"})

Finder = Callable[[ParseState, Item, Item], str | None]
RowRatio = Callable[[Catalog, str], str | None]


def marker_end(p: ParseState, k: int) -> int | None:
    """The index after a "one occasion" marker starting at ``p.all[k]``, None if none starts
    there: 每次 / 每笔 (one role item), 每 + 单 (a grouping word and a dropped counter), 单 + 次
    and 一 + 次 (two stop words, or a number 1 and a counter)."""
    its = p.all
    it = its[k]
    text = it.text.strip()
    if it.kind == "role" and it.role == "group" and len(text) == 2 and text[0] == "每":
        return k + 1 if text[1] in EVENT_COUNTERS else None
    nxt = its[k + 1] if k + 1 < len(its) else None
    is_one = (it.kind == "stop" and text in ONE_WORDS) or (
        it.kind == "role" and it.role == "group" and text == "每"
    )
    if it.kind == "num" and it.number == 1 and text in ("一", "1"):
        is_one = True
    if is_one and nxt is not None and nxt.kind == "stop" and nxt.text.strip() in EVENT_COUNTERS:
        return k + 2
    return None


def _own_rows(p: ParseState, metric: str) -> str | None:
    """The entity of the rows ``metric`` is counted on (its time dimension's owner)."""
    m = p.catalog.metric(metric)
    return (m.rows_entity or None) if m is not None else None


def _average_of_own_rows(p: ParseState, metric: str, row_ratio: RowRatio) -> str | None:
    """``metric`` when it is an average, else its one ratio over the count of its own rows —
    None when another ratio divides it by a count of other things (then "per one" could mean
    either)."""
    m = p.catalog.metric(metric)
    if m is None:
        return None
    if m.agg == "average":
        return metric
    own = _own_rows(p, metric)
    for r in p.catalog.metrics:
        if len(r.ratio_of) == 2 and r.ratio_of[0] == metric:
            den = p.catalog.metric(r.ratio_of[1])
            if den is None or den.counts != own:
                return None
    return row_ratio(p.catalog, metric)


def _span(p: ParseState, a: int) -> tuple[list[int], list[int], int] | None:
    """From the average word at ``a``: (marker item indexes, noun indexes, amount index) of
    "平均 [one occasion] [noun] [的] amount", None when the words after it are not that."""
    markers: list[int] = []
    nouns: list[int] = []
    k = a + 1
    while k < len(p.all):
        it = p.all[k]
        end = marker_end(p, k)
        if end is not None and not nouns:
            markers.extend(range(k, end))
            k = end
            continue
        if it.kind == "stop" and it.text.strip() == "的":
            k += 1
            continue
        if it.kind != "domain" or it.used:
            return None
        if it.is_kind("metric") and not it.is_kind("entity"):
            return markers, nouns, k
        if not it.is_kind("entity") or nouns:
            return None
        nouns.append(k)
        k += 1
    return None


def _before(p: ParseState, a: int) -> list[int]:
    """The indexes of a "one occasion" marker with no noun right before the average word at
    ``a`` ("每单平均收入", "每笔平均金额")."""
    for width in (1, 2):
        k = a - width
        if k >= 0 and marker_end(p, k) == a:
            return list(range(k, a))
    return []


def read_average_per_one(
    p: ParseState, ratio_for: Finder, own_average: Finder, row_ratio: RowRatio
) -> None:
    """Claim the Chinese shapes of "average <amount> per one <occasion>" (module docstring);
    ``ratio_for`` and ``own_average`` find the model's average of an amount over a noun,
    ``row_ratio`` its ratio over its own rows (the helpers of ``passes.average_per``)."""
    for a, avg in enumerate(p.all):
        if avg.used or avg.kind != "role" or not avg.role.startswith("avg"):
            continue
        found = _span(p, a)
        if found is None:
            continue
        markers, nouns, at = found
        markers = _before(p, a) + markers
        if not markers and not nouns:
            continue  # "平均收入": the metrics pass reads it
        amount = p.all[at]
        if nouns:
            thing = p.all[nouns[0]]
            name = ratio_for(p, amount, thing) or own_average(p, amount, thing)
        else:
            sense = p.resolve(amount, ("metric",))
            name = _average_of_own_rows(p, sense.name, row_ratio) if sense else None
        if name is None:
            continue
        for k in (a, *markers, *nouns, at):
            p.all[k].used = True
            if p.all[k].kind == "role" and p.all[k].role == "group":
                p.all[k].role = "per_ratio"  # divides: no breakdown by every occasion
        p.add_metric(name)
