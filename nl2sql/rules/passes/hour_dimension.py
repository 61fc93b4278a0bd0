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

from nl2sql.normalize import key_of
from nl2sql.rules.items import Refusal
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
        if names & _HOUR_NAMES and all(p.metric_allows(m, d.name) for m in p.metrics):
            out.append(d.name)
    return out


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
