"""What a follow-up may take over from a previous answer's context that came from outside.

Why: a page (or any HTTP client) sends the previous answer's ``followup_context`` back with a
follow-up question, so the server reads it from the request body. Its ``where`` entries are
MetricFlow filter templates, i.e. SQL expressions; taken over as they came, any signed-in
business user could run their own SQL expression on the warehouse (``length(repeat('a',
2000000000)) > 0`` held a worker and 2 GB for 30 s; ``version()`` answered). Only the engine
writes SQL, so a ``where`` entry is kept only when it is one the engine itself writes: an
entity condition (:meth:`~nl2sql.rules.entity_conditions.EntityCondition.template`, rebuilt
here from its parts and compared) or a filter of one of the model's own saved queries (its
owner wrote it). Anything else refuses the follow-up, asking for the question in full.

>>> from semantic_layer.catalog import Catalog
>>> trusted_where(["{{ Metric('order_count', group_by=['customer']) }} > 3"], Catalog((), ()))
["{{ Metric('order_count', group_by=['customer']) }} > 3"]
>>> trusted_where(["version() = 'x'"], Catalog((), ()))
Traceback (most recent call last):
...
nl2sql.rules.items.Refusal: the follow-up context holds a filter this engine did not write ("version() = 'x'"); ask the whole question again instead of a follow-up
"""

from __future__ import annotations

import math
import re
from typing import TYPE_CHECKING

from nl2sql.derived import TWO_SIDES, Derived
from nl2sql.guard import DEFAULT_MAX_ROWS
from nl2sql.rules.entity_conditions import EntityCondition
from nl2sql.rules.items import Refusal
from semantic_layer.query import MetricThreshold, SemanticQuery

if TYPE_CHECKING:
    from semantic_layer.catalog import Catalog

#: the shape of :meth:`EntityCondition.template`; the match is rebuilt and compared whole
_CONDITION = re.compile(
    r"\{\{ Metric\('(?P<metric>\w+)', group_by=\['(?P<entity>\w+)'\]\) \}\} "
    r"(?P<op>>=|<=|!=|>|<|=) (?P<value>\S+)",
    re.ASCII,
)


def _engine_condition(text: str) -> bool:
    """Whether ``text`` is exactly an entity condition as the engine writes it."""
    m = _CONDITION.fullmatch(text)
    if m is None:
        return False
    try:
        value = float(m["value"])
    except ValueError:
        return False
    if not math.isfinite(value):
        return False
    op = m["op"]
    rebuilt = EntityCondition(m["entity"], m["metric"], op, value)  # type: ignore[arg-type]
    return rebuilt.template() == text


def _refuse(text: str) -> Refusal:
    return Refusal(
        f"the follow-up context holds a filter this engine did not write ({text!r}); "
        "ask the whole question again instead of a follow-up",
        zh=f"追问的上下文里有一个不是本系统生成的条件（{text!r}）；请把问题完整地重新问一遍",
    )


def trusted_where(where: list[str], catalog: Catalog) -> list[str]:
    """``where`` when every entry is one the engine writes (see the module); else a refusal."""
    owners = {w for sq in catalog.saved_queries for w in sq.where}
    for text in where:
        if not isinstance(text, str) or not (text in owners or _engine_condition(text)):
            raise _refuse(str(text))
    return list(where)


def trusted_having(having: list[MetricThreshold]) -> list[MetricThreshold]:
    """``having`` when every threshold is a finite number (NaN reached SQL as a column name).

    >>> trusted_having([MetricThreshold(metric="gmv", op=">", value=float("nan"))])
    Traceback (most recent call last):
    ...
    nl2sql.rules.items.Refusal: the follow-up context holds a condition on gmv that is not a finite number; ask the whole question again instead of a follow-up
    """
    for h in having:
        if not math.isfinite(h.value):
            raise Refusal(
                f"the follow-up context holds a condition on {h.metric} that is not a finite "
                "number; ask the whole question again instead of a follow-up",
                zh=f"追问的上下文里{h.metric}的条件不是有限的数；请把问题完整地重新问一遍",
            )
    return list(having)


#: the largest row count SQL takes (DuckDB's BIGINT); a LIMIT past it fails inside DuckDB
MAX_SQL_ROWS = 2**63 - 1


def trusted_rows(prev: SemanticQuery) -> SemanticQuery:
    """``prev`` when its ``limit`` and ``offset`` are row counts SQL can take; else a refusal.

    Why: the engine writes small counts ("top 5"), but a forged context's ``limit`` of 10**30
    reached DuckDB and came back as a 422 quoting its Conversion Error (session 9); now it is
    refused here, before any SQL, with what to do.

    >>> trusted_rows(SemanticQuery(metrics=["gmv"], limit=10**30))
    Traceback (most recent call last):
    ...
    nl2sql.rules.items.Refusal: the follow-up context asks for 1000000000000000000000000000000 rows (limit), more than any query can (an answer shows at most 10,000 rows); ask the whole question again instead of a follow-up
    >>> trusted_rows(SemanticQuery(metrics=["gmv"], limit=5)).limit
    5
    """
    for field in ("limit", "offset"):
        value = getattr(prev, field)
        if value is not None and value > MAX_SQL_ROWS:
            raise Refusal(
                f"the follow-up context asks for {value} rows ({field}), more than any query can "
                f"(an answer shows at most {DEFAULT_MAX_ROWS:,} rows); ask the whole question "
                "again instead of a follow-up",
                zh=f"追问的上下文要求{value}行（{field}），超出查询能处理的范围（一个回答最多显示"
                f"{DEFAULT_MAX_ROWS:,}行）；请把问题完整地重新问一遍",
            )
    return prev


def trusted_names(prev: SemanticQuery) -> SemanticQuery:
    """``prev`` when it names each metric and each breakdown once; else a refusal.

    Why: the engine never writes a name twice, and a forged context's ``metrics`` of
    ``["gmv", "gmv"]`` made two columns of one name, which failed inside the answer's
    number handling: a 500 on the server (session 10).

    >>> trusted_names(SemanticQuery(metrics=["gmv", "gmv"]))
    Traceback (most recent call last):
    ...
    nl2sql.rules.items.Refusal: the follow-up context names gmv twice (metrics); ask the whole question again instead of a follow-up
    """
    for field in ("metrics", "group_by"):
        names: list[str] = getattr(prev, field)
        twice = next((n for i, n in enumerate(names) if n in names[:i]), None)
        if twice is not None:
            raise Refusal(
                f"the follow-up context names {twice} twice ({field}); ask the whole question "
                "again instead of a follow-up",
                zh=f"追问的上下文里{twice}出现了两次（{field}）；请把问题完整地重新问一遍",
            )
    return prev


def trusted_derived(
    derived: Derived | None, prev: SemanticQuery, catalog: Catalog
) -> Derived | None:
    """The previous answer's share / change / two-sided comparison when it fits its query: a
    kept row's dimension is one the query groups by, a ratio or difference has both sides, a
    base is one of the model's metrics. Else a refusal (a forged ``"derived"`` put a name the
    query never had into the SQL as a column, or crashed the answer with a 500).

    >>> from semantic_layer.catalog import Catalog
    >>> q = SemanticQuery(metrics=["gmv"], group_by=["order__channel"])
    >>> trusted_derived(Derived("share", keep=("order__channel", "jd")), q, Catalog((), ()))
    Derived(kind='share', keep=('order__channel', 'jd'), base=None, other=None, grain=None, periods=(), change=False)
    >>> trusted_derived(Derived("ratio", other="jd"), q, Catalog((), ()))
    Traceback (most recent call last):
    ...
    nl2sql.rules.items.Refusal: the follow-up context holds a ratio this engine did not compute; ask the whole question again instead of a follow-up
    """
    if derived is None:
        return None
    fits = (
        (derived.keep is None or derived.keep[0] in prev.group_by)
        and (
            derived.kind not in TWO_SIDES
            or (derived.keep is not None and derived.other is not None)
        )
        and (derived.base is None or catalog.metric(derived.base) is not None)
    )
    if fits:
        return derived
    raise Refusal(
        f"the follow-up context holds a {derived.kind} this engine did not compute; "
        "ask the whole question again instead of a follow-up",
        zh="追问的上下文里有一个不是本系统算出的占比或比较；请把问题完整地重新问一遍",
    )
