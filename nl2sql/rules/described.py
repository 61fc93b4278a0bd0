"""A value said right before another dimension's noun ("medium cities"): noted for a data check.

Why: "revenue of medium cities" / 中型城市的收入, on a model where *medium* is a value of the
lots' capacity tier and *city* another column of the lots, was read as the tier filter plus a
breakdown by city: the medium lots' revenue in each city, shown as if it were each medium
city's revenue (issue #12, a wrong answer). The value describes the noun after it only when
every row of each such thing has that value (a city whose lots are all medium; "CA cities":
the state of a city is one) — a question of the data, not of the words. The parser keeps the
pair here; :mod:`nl2sql.described_groups` checks it after the answer runs and refuses it
when some listed thing also has rows of another value.
"""

from __future__ import annotations

from nl2sql.rules.items import Item
from nl2sql.rules.state import ParseState


def _value_before(p: ParseState, it: Item) -> Item | None:
    """The value item written right before the noun ``it`` (a 的 between them allowed)."""
    pos = p.all.index(it)
    before = [x for x in p.all[:pos] if x.text.strip()]
    if before and before[-1].kind == "stop" and before[-1].text.strip() == "的":
        before.pop()
    if not before:
        return None
    x = before[-1]
    if x.kind != "domain" or not x.used or x.sense is None or x.sense.kind != "value":
        return None
    return x


def note_described_group(p: ParseState, it: Item, group: str) -> None:
    """Keep (said value, its dimension, group dimension) when a value of another dimension
    than ``group`` is said right before the noun ``it`` that groups the answer."""
    value = _value_before(p, it)
    if value is None or value.sense is None or value.sense.name == group:
        return
    dim = value.sense.name
    if not any(f.dimension == dim and f.op in ("=", "in") for f in p.filters):
        return  # negated or otherwise not a plain "is this value" condition
    p.result.described_groups.append((value.text.strip(), dim, group))
