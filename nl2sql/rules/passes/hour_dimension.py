"""按小时 / "by hour" on a model with no hourly grain: its hour-of-day dimension.

Why: 小时 / "hour" is a unit word; after a breakdown word it asks for an hourly time grain,
and a model whose time dimensions stop at days refused it ("the model has no '小时' time
grain"), although its own ``hour_of_day`` column (an hour 0-23) is exactly the breakdown
asked for. The stated rule: with no hourly grain, the one dimension the question's metrics
reach whose name is an hour (``hour``, ``hour_of_day``, "Hour of Day") is the breakdown;
two such dimensions are asked back naming both; none keeps the refusal. Only an explicit
breakdown word (按, 按照, 各, 分, "by") counts: 每小时 / "per hour" may be a rate per hour,
and stays refused.
"""

from __future__ import annotations

from nl2sql.lexicon import Sense
from nl2sql.normalize import key_of
from nl2sql.rules.items import Item, Refusal
from nl2sql.rules.state import ParseState

#: unit words of an hour
_HOUR_WORDS = frozenset({"小时", "钟头", "hour", "hours"})
#: breakdown words that say "by" and nothing else (每 / "per" may be a rate)
_BY_WORDS = frozenset({"按", "按照", "各", "分", "by"})
#: names of an hour-of-day column, as words
_HOUR_NAMES = frozenset({("hour",), ("hour", "of", "day"), ("hour", "of", "the", "day")})


def hour_dimensions(p: ParseState) -> list[str]:
    """The categorical dimensions named as an hour that every metric of the question reaches.

    >>> from types import SimpleNamespace
    >>> from semantic_layer.catalog import Catalog, CatalogDimension
    >>> cat = Catalog(metrics=(), dimensions=(CatalogDimension("visit__hour_of_day", "Hour Of Day"),
    ...     CatalogDimension("visit__hourly_wage", "Hourly Wage")))
    >>> hour_dimensions(SimpleNamespace(catalog=cat, metrics=[]))
    ['visit__hour_of_day']
    """
    out = []
    for d in p.catalog.dimensions:
        if d.dim_type == "time":
            continue
        names = {key_of(d.name.rpartition("__")[2]), key_of(d.label or "")}
        # "Pickup Hour": an hour of some event is still an hour of the day
        headed = any(n[-1:] == ("hour",) for n in names)
        if (names & _HOUR_NAMES or headed) and all(p.metric_allows(m, d.name) for m in p.metrics):
            out.append(d.name)
    return out


#: the Chinese calendar word for a part of the day ("time slot"): after a breakdown word it
#: asks for the hour of the day, as 按小时 does
_SLOT = "时段"


def read_time_slots(p: ParseState) -> None:
    """ "各时段的销售数": 时段 ("time slot", a part of the day) after a breakdown word is
    the model's one hour-of-day dimension (:func:`hour_dimensions`).

    Why: 时段 names no model term and the question was refused ("I don't know '时段'"); a
    breakdown by time slot is a breakdown by the hour a thing happens, which the hour column
    holds. Run among the unknown-word readings, before the metrics are read: the word becomes
    that dimension, and the grouping passes check the metrics reach it. Two hour columns, none,
    or no breakdown word before it: left unknown, refused as before. The segmenter may cut the
    breakdown word into the unknown run (按时段 as 按时 + 段): the run is read as the two.
    """
    for k, it in enumerate(p.all):
        if it.kind != "unknown":
            continue
        run = [it]
        while k + len(run) < len(p.all):
            nxt = p.all[k + len(run)]
            if nxt.kind != "unknown" or nxt.start != run[-1].end:
                break
            run.append(nxt)
        word = "".join(x.text for x in run).strip()
        by = next((w for w in _BY_WORDS if word == w + _SLOT), "")
        before = next((x for x in reversed(p.all[:k]) if x.text.strip()), None)
        after_by = (
            before is not None
            and before.kind == "role"
            and before.role == "group"
            and before.text.strip().lower() in _BY_WORDS
        )
        if not (by or (word == _SLOT and after_by)):
            continue
        dims = hour_dimensions(p)
        if len(dims) != 1:
            return
        d = p.catalog.dimension(dims[0])
        sense = Sense("dimension", dims[0], strong=False, via=(d.label if d else "") or dims[0])
        start, end = run[0].start, run[-1].end
        items = [Item("domain", _SLOT, start + len(by), end, senses=[sense])]
        if by:
            items.insert(0, Item("role", by, start, start + len(by), role="group"))
        p.all[k : k + len(run)] = items
        p.its = [x for x in p.all if x.kind != "stop"]
        return


def read_hour_dimension(p: ParseState) -> None:
    """Group by the hour-of-day dimension after "按小时" / "by hour" (see the module)."""
    for k, it in enumerate(p.its):
        if it.used or it.kind != "role" or it.role != "group":
            continue
        if it.text.strip().lower() not in _BY_WORDS:
            continue
        nxt = p.at(k + 1)
        if nxt is None or nxt.used or nxt.kind != "role" or nxt.role != "unit":
            continue
        if nxt.text.strip().lower() not in _HOUR_WORDS:
            continue
        dims = hour_dimensions(p)
        if len(dims) > 1:
            labels = [(p.catalog.dimension(d).label or d) for d in dims]  # type: ignore[union-attr]
            raise Refusal(
                f"'{nxt.text}' could mean {' or '.join(labels)}; say which one",
                zh=f"“{nxt.text}”可能是{'或'.join(labels)}；请说明是哪一个",
                words=[nxt.text],
            )
        if len(dims) == 1:
            p.add_group(dims[0])
            it.used = nxt.used = True
