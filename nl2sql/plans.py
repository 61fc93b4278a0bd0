"""Compiled plans: what a question compiles to, kept per exact question, model, data and day.

Why apart from :mod:`nl2sql.ask`: the plan and its cache are plain data and a dictionary (no
engine, no warehouse), so the key they are kept under can be read and tested on its own; ``ask``
makes plans and runs them.
"""

from __future__ import annotations

import datetime as dt
import json
import threading
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from nl2sql.identity_cache import IdentityCache
from nl2sql.startup_cache import key_of
from semantic_layer.catalog import Catalog

#: Compiled plans kept per catalog (see :class:`Plan`); 0 turns the plan cache off.
PLAN_CACHE_SIZE = 512
#: catalogs whose plans are kept: plans hang off their catalog object, so the plan cache keeps
#: at most this many catalogs alive (a flat cache of 512 plans kept up to 512 catalogs, one per
#: warehouse version a server had seen)
PLAN_CATALOGS = 8
_plans_lock = threading.Lock()
_plans: IdentityCache[OrderedDict[tuple, tuple[Any, Plan]]] = IdentityCache(PLAN_CATALOGS)


@dataclass(frozen=True)
class Plan:
    """What a question compiles to before any data is read: understanding, wording and SQL.

    Why a plan cache and not (only) an answer cache: a busy server is asked the same questions
    again and again, and understanding a question and compiling its semantic query through
    sqlglot cost several ms of GIL-held Python each time, for the same result. The plan is a
    pure function of the question text, the loaded model, the catalog (the warehouse's values,
    so the warehouse's identity and version), ``today``, the engine and the follow-up context;
    it is kept under exactly that key. Unlike the answer cache the data is still read on every
    question: the guarded SQL runs each time and the answer shows what it returns now.
    """

    engine: str
    notes: tuple[str, ...] = ()
    refused: bool = False
    error: str | None = None
    reason: str = ""
    suggestions: tuple[str, ...] = ()
    query: Any = None  # the understood SemanticQuery (what the answer reports)
    base: Any = None  # the query compiled (the understood one minus a share/change wrapper)
    derived: Any = None
    #: the metric columns converted into the unit asked for (their chart shows that unit)
    conversions: tuple[Any, ...] = ()
    headline: str = ""  # the interpretation without the follow-up note (the chart's title)
    interpretation: str = ""
    changes: tuple[str, ...] = ()
    lang: str = "en"
    sql: str | None = None  # the DuckDB SQL, wrapped (``wrap``) when it adds columns
    compiled_sql: str | None = None  # the compiled SQL before that wrapping
    #: what wraps the compiled SQL of a dialect (share/change, unit conversions), or None
    wrap: Callable[[str, str], str] | None = None
    tables: frozenset[str] = frozenset()  # the guard's allow-list: the model's tables
    #: filter values guessed from part of a name (``Understanding.guessed_values``)
    guessed_values: tuple[tuple[str, str, str], ...] = ()
    #: values said before another dimension's noun (``Understanding.described_groups``)
    described_groups: tuple[tuple[str, str, str], ...] = ()
    #: the query's metrics that are measures without a published metric (``Answer``)
    implied_metrics: tuple[str, ...] = ()
    #: a yes/no question: how the result is judged (``nl2sql.yes_no.YesNo``), else None
    yes_no: Any = None
    timings: dict[str, float] = field(default_factory=dict)


def plan_key(
    question: str, model: Any, db_key: str, today: dt.date, engine: str, context: Any
) -> tuple | None:
    """The plan cache key, or None when the plan must not be cached.

    Not cached: a warehouse without an identity (``db_key`` "", e.g. in-memory), a follow-up
    context that is not plain JSON (an ``Answer`` or ``SemanticQuery`` object) and the LLM
    engine (its output may differ between calls). The model is keyed by its object (a model
    edited on disk is reloaded as a new object by :func:`get_model`) and its content key when
    it was loaded through the startup cache.
    """
    if not db_key or engine == "llm":
        return None
    if context is None:
        ctx = ""
    elif isinstance(context, dict):
        try:
            ctx = json.dumps(context, sort_keys=True, ensure_ascii=False)
        except (TypeError, ValueError):
            return None
    else:
        return None
    model_id = (id(model), key_of(model) or "")
    return (question, model_id, db_key, today.isoformat(), engine, ctx)


def cached_plan(key: tuple | None, model: Any, catalog: Catalog) -> Plan | None:
    """The plan kept under ``key`` for this very model and catalog object (else None)."""
    if key is None or PLAN_CACHE_SIZE <= 0:
        return None
    kept = _plans.get(catalog)
    if kept is None:
        return None
    with _plans_lock:
        hit = kept.get(key)
        # the entry holds its model: an id reused by a new object never matches
        if hit is None or hit[0] is not model:
            return None
        kept.move_to_end(key)
        return hit[1]


def keep_plan(key: tuple | None, model: Any, catalog: Catalog, plan: Plan) -> None:
    """Remember ``plan`` (least recently used ones are dropped past ``PLAN_CACHE_SIZE`` per
    catalog, and a catalog's plans with it past ``PLAN_CATALOGS``)."""
    if key is None or PLAN_CACHE_SIZE <= 0:
        return
    kept = _plans.get_or_build(catalog, OrderedDict)
    with _plans_lock:
        kept[key] = (model, plan)
        kept.move_to_end(key)
        while len(kept) > PLAN_CACHE_SIZE:
            kept.popitem(last=False)


def clear_plans() -> None:
    """Forget every compiled plan (tests; a model object mutated in place)."""
    _plans.clear()
