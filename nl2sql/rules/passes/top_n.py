"""Pass: "top 5 SKUs by GMV", "GMV最高的3个渠道", "the 3 channels with the lowest GMV".

A top/bottom word sets a pending rank (metric if named, direction, N) and groups by the noun
being ranked; the metric may still be unknown here and is settled by the metrics pass.
Why N defaults to 1 except for plural English lists: "which channel has the highest GMV" asks
for one, "top channels" for a list (of ``DEFAULT_TOP_N``).
"""

from __future__ import annotations

from nl2sql.rules.items import Item, Refusal, target_plural
from nl2sql.rules.polar import orient_polar
from nl2sql.rules.state import ParseState

DEFAULT_TOP_N = 10

#: rank words that say where in the ranking, not by which end: beside a superlative
#: ("top 3 products with the lowest revenue", "收入最低的前3个产品") the superlative decides
_POSITION_WORDS = frozenset(
    {"top", "bottom", "前", "排名前", "后", "排名后", "倒数", "头部", "尾部"}
)


def _rank_metric(p: ParseState, i: int, j: int) -> tuple[str | None, int]:
    """The metric right after the rank word (or right before it), and the next index."""
    cand, prev = p.at(j), _before(p, i)
    metric = None
    if cand is not None and cand.kind == "domain" and cand.is_kind("metric"):
        metric = p.subject_metric(cand)
        cand.used = True
        j += 1
    elif (
        prev is not None
        and prev.kind == "domain"
        and not prev.used
        and any(s.kind != "value" for s in prev.senses)
        and (prev.is_kind("metric") or p.count_metric(prev))
    ):
        metric = p.subject_metric(prev)
        prev.used = True
    elif (
        # "the most customers", "the most trips in October", "the most urgent tickets": the
        # counted noun ends the phrase, or values and periods narrow it
        (counted := _counted_after(p, j)) is not None
        and j == i + 1  # "the most customers"; after a number ("最多的两个地点") it is ranked
        and p.count_metric(counted) is not None
    ):
        metric = p.count_metric(counted)
        counted.used = True
    # the "by GMV" of "top 5 SKUs by GMV"; "by visits" where visits are only an entity ranks
    # by their count ("top 2 locations by visits" grouped by visit and asked for a metric)
    for k in range(j, len(p.its)):
        nxt = p.at(k + 1)
        if metric is not None or not p.role_at(k, "group") or nxt is None:
            continue
        if nxt.is_kind("metric"):
            metric = p.subject_metric(nxt)
        elif nxt.kind == "domain" and nxt.is_kind("entity") and not nxt.used:
            metric = p.count_metric(nxt)
        if metric is not None:
            p.its[k].used = nxt.used = True
            break
    return metric, j


def _counted_after(p: ParseState, j: int) -> Item | None:
    """The entity counted right after the rank word, past values that narrow it ("the most
    in_review permits"), when a period or only values and periods follow it; else None."""
    k = j
    while (x := p.at(k)) is not None and _is_condition(x) and x.kind == "domain":
        k += 1
    cand = p.at(k)
    if cand is None or cand.kind != "domain" or not cand.is_kind("entity"):
        return None
    after = p.at(k + 1)
    if after is None or after.kind == "time" or _only_conditions(p, k + 1):
        return cand
    return None


def _is_condition(x: Item) -> bool:
    return x.kind == "time" or (
        x.kind == "domain" and bool(x.senses) and all(s.kind == "value" for s in x.senses)
    )


def _only_conditions(p: ParseState, k: int) -> bool:
    """Whether the items from ``k`` on only narrow the counted things: values and periods
    ("the most permits in review", "the most claims in 2025"), or nothing.

    Why: with a value after the counted noun, "which type has the most permits in review" was
    refused for want of a metric, while the value is only a filter on the things counted.
    """
    return all(_is_condition(x) for x in p.its[k:])


def _before(p: ParseState, i: int) -> Item | None:
    """The item before the rank word, past words an earlier pass already merged into it: in
    "航班数前四的目的地" the 数 of 航班数 stays behind as a used item, and taken for the item
    before 前 it hid the metric, so 目的地 was read as the counted thing and nothing was
    grouped (one total beside "top 4")."""
    k = i - 1
    while k >= 0 and p.its[k].used and p.its[k].kind == "role":
        k -= 1
    return p.at(k)


def _is_rankable(x: Item) -> bool:
    return (
        x.kind == "domain"
        and (x.is_kind("dimension") or x.is_kind("entity"))
        and not x.is_kind("value")
    )


def _rank_target(p: ParseState, i: int, j: int, n: int | None) -> tuple[Item | None, int | None]:
    """What is ranked: the next dimension/entity, else one before the rank word; and N if a
    number appears on the way."""
    for k in range(j, len(p.its)):
        x = p.its[k]
        if x.used:
            continue
        if _is_rankable(x):
            return x, n
        if x.kind == "role" and x.role.startswith(("grain:", "grainadj:")):
            break
        if x.kind == "role" and x.role in ("top", "bottom"):
            # "订单最多的前三个州", "订单最少的前两个州": the second rank word restates the first
            # and brings N ("前" is "the first", whichever way); read on its own it would rank
            # again, by one and downwards. A "bottom" word of the two sets the direction.
            x.used = True
            if x.role != p.its[i].role and not _positional(x) and not _positional(p.its[i]):
                _refuse_opposite_ends(x.text)  # "收入最高的最低2个": two superlatives
            if x.role == "bottom":
                p.its[i].role = "bottom"
            continue
        if x.kind == "domain" and x.is_kind("value"):
            continue
        if x.kind == "num" and n is None and not x.pct:
            n = int(x.number or 0)
            x.used = True
    # "the 3 channels with the lowest GMV": the ranked noun comes first
    for k in range(i - 1, -1, -1):
        x = p.its[k]
        if not x.used and _is_rankable(x):
            return x, n
    return None, n


def _positional(it: Item) -> bool:
    return it.text.strip().lower() in _POSITION_WORDS


def _refuse_opposite_ends(word: str) -> None:
    raise Refusal(
        f"'{word}' ranks from the other end than the rank word before it; ask for one",
        zh=f"“{word}”与前面的排名词方向相反，请只保留一个",
    )


def read_top_n(p: ParseState) -> None:
    """Record the question's top/bottom as ``p.pending_rank`` and group by what is ranked.

    Two rank words make one rank ("top 3 ... the highest revenue", "最低的前3个"): the number
    comes from whichever names it, the direction from the superlative. Before, the second
    word replaced the first, answering the top 1 (or the top instead of the bottom 3)."""
    for it in p.its:
        if it.kind == "role" and it.role == "polar" and not orient_polar(p, it):
            raise Refusal(
                f"'{it.text}' depends on whether a higher or a lower value is better, which the "
                "model does not say; ask for the highest or the lowest",
                zh=f"“{it.text}”取决于数值越高越好还是越低越好，模型没有说明；请说最高或最低",
                words=[it.text],
                kind="polar",
            )
    first: tuple[str | None, bool, int | None, bool] | None = None
    for i, it in enumerate(p.its):
        if it.kind != "role" or it.role not in ("top", "bottom") or it.used:
            continue
        desc = it.role == "top"
        it.used = True
        j = i + 1
        n: int | None = None
        nxt = p.at(j)
        if nxt is not None and nxt.kind == "num" and not nxt.pct and not nxt.used:
            n = int(nxt.number or 0)
            nxt.used = True
            j += 1
        metric, j = _rank_metric(p, i, j)
        target, n = _rank_target(p, i, j, n)
        desc = it.role == "top"  # a later rank word may have said "bottom"
        if target is not None:
            if n is None:
                prev_t = p.at(p.its.index(target) - 1)
                if prev_t is not None and prev_t.kind == "num" and not prev_t.used:
                    n = int(prev_t.number or 0)
                    prev_t.used = True
            name = p.group_name(target)
            if name:
                p.add_group(name)
                target.used = True
        if first is not None:
            metric, desc, n = _merged_rank(first, (metric, desc, n, _positional(it)), it.text)
        else:
            first = (metric, desc, n, _positional(it))
        if n is None:
            plural_list = it.text in ("top", "bottom") and target_plural(target)
            n = DEFAULT_TOP_N if plural_list else 1
        if n < 1:
            raise Refusal(f"'{it.text}' needs a positive number", zh=f"“{it.text}”需要一个正数")
        p.pending_rank = (metric, desc, n)


def _merged_rank(
    first: tuple[str | None, bool, int | None, bool],
    second: tuple[str | None, bool, int | None, bool],
    word: str,
) -> tuple[str | None, bool, int | None]:
    """One rank from two rank words (metric, descending, N), each with whether it is only a
    position word; two superlatives of opposite ends cannot be one rank and are refused."""
    m1, d1, n1, pos1 = first
    m2, d2, n2, pos2 = second
    if d1 != d2 and pos1 == pos2:
        _refuse_opposite_ends(word)
    desc = d2 if pos1 and not pos2 else d1
    return m1 or m2, desc, n1 if n1 is not None else n2
