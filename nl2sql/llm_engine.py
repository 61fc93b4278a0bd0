"""The optional LLM engine: a LangChain chat model fills a ``SemanticQuery`` from a compact catalog.

Why structured output into the same ``SemanticQuery``: the model never writes SQL, and whatever
it returns is validated against the catalog (metric, dimension, entity and value names) and must
compile before it is used; on any failure (no key, network, invalid names, a refusal to answer)
the rules engine's answer or refusal is used instead. Any OpenAI-compatible endpoint works:
``OPENAI_BASE_URL`` (e.g. a local server), ``OPENAI_API_KEY``, ``ORDERLENS_LLM_MODEL``.
"""

from __future__ import annotations

import datetime as dt
import json
import math
import os
import re
from typing import Any

from pydantic import SecretStr

from nl2sql.errors import LLMConfigError, NL2SQLError
from nl2sql.rules import Understanding, detect_lang, understand
from semantic_layer import compile_query
from semantic_layer.catalog import Catalog
from semantic_layer.query import SemanticQuery

DEFAULT_LLM_MODEL = "gpt-4o-mini"
MISSING_KEY_MESSAGE = (
    "the LLM engine needs OPENAI_API_KEY to be set (plus OPENAI_BASE_URL for a local or other "
    "OpenAI-compatible server, and ORDERLENS_LLM_MODEL for the model name, default "
    f"{DEFAULT_LLM_MODEL}); or ask with --engine rules"
)
GRAINS = ("day", "week", "month", "quarter", "year")
#: Largest integer a SQL BIGINT (and DuckDB's LIMIT) holds; larger ones fail at bind time.
MAX_SQL_INT = 2**63 - 1
_BOOLEAN_WORDS = {"true", "false"}


def make_chat_model() -> Any:
    """A ``ChatOpenAI`` from the environment; raises before any call when the key is missing."""
    key = os.environ.get("OPENAI_API_KEY")
    if not key:
        raise LLMConfigError(MISSING_KEY_MESSAGE)
    from langchain_openai import ChatOpenAI  # only with an LLM configured: langchain is heavy

    return ChatOpenAI(
        model=os.environ.get("ORDERLENS_LLM_MODEL", DEFAULT_LLM_MODEL),
        base_url=os.environ.get("OPENAI_BASE_URL") or None,
        api_key=SecretStr(key),
        temperature=0,
        timeout=30,
        max_retries=0,
    )


def compact_catalog(catalog: Catalog, max_values: int = 30) -> str:
    """The catalog in a few lines per item: what the model may name, and nothing else."""
    lines = ["METRICS (name: label; synonyms; format):"]
    for m in catalog.metrics:
        syn = ", ".join(m.synonyms[:6])
        lines.append(f"- {m.name}: {m.label}; {syn}; {m.value_format}")
    lines.append("GROUP-BY / FILTER DIMENSIONS (name: label; synonyms; values):")
    for d in catalog.dimensions:
        if d.dim_type == "time":
            continue
        vals = ", ".join(str(v) for v in d.values[:max_values])
        syn = ", ".join(d.synonyms[:4])
        lines.append(f"- {d.name}: {d.label}; {syn}; values: {vals}")
    if catalog.entities:
        lines.append(
            "ENTITIES (group by the bare name): "
            + ", ".join(f"{e.name} ({e.label})" for e in catalog.entities)
        )
    lines.append(
        "TIME: group by metric_time__day|week|month|quarter|year; time_range is "
        "half-open [start, end)."
    )
    return "\n".join(lines)


def build_messages(question: str, catalog: Catalog, today: dt.date) -> list[tuple[str, str]]:
    """System + user messages asking for one ``SemanticQuery``."""
    system = (
        "You translate business questions into a SemanticQuery for a semantic layer. Use ONLY "
        "names listed in the catalog. Percentages are fractions (15% -> 0.15). Conditions on "
        "metrics go to `having`; 'top N' is order_by descending + limit N. Leave `where` "
        f"empty. Today is {today.isoformat()}.\n\n{compact_catalog(catalog)}"
    )
    return [("system", system), ("user", question)]


_FENCE = re.compile(r"```(?:json)?\s*(.*?)```", re.S)


def _parse_text(content: str) -> dict[str, Any]:
    m = _FENCE.search(content)
    text = m.group(1) if m else content
    start, end = text.find("{"), text.rfind("}")
    if start < 0 or end < start:
        raise NL2SQLError("the LLM did not return a JSON object")
    return json.loads(text[start : end + 1])


def _group_ok(name: str, catalog: Catalog) -> bool:
    if name.startswith("metric_time__"):
        return name.split("__", 1)[1] in GRAINS
    if catalog.dimension(name) is not None or any(e.name == name for e in catalog.entities):
        return True
    base, _, grain = name.rpartition("__")
    return grain in GRAINS and catalog.dimension(base) is not None


def _value_problems(q: SemanticQuery, catalog: Catalog) -> list[str]:
    """Values that would only fail when the database binds or converts them.

    Why before running: the SQL compiles, but ``having gmv > 1e999`` (infinity), a limit of
    10^30 or ``channel = true`` fail inside DuckDB's binder or casts, after the question was
    taken as the LLM's. Found here, they make the LLM's output invalid, so the rules engine's
    answer is used, as for any other invalid output.
    """
    problems: list[str] = []

    def bad_number(v: Any) -> bool:
        if isinstance(v, bool):
            return False
        if isinstance(v, float):
            return not math.isfinite(v)
        return isinstance(v, int) and abs(v) > MAX_SQL_INT

    problems += [
        f"having {h.metric} {h.op} {h.value} is not a finite number"
        for h in q.having
        if not math.isfinite(h.value)
    ]
    if q.limit is not None and q.limit > MAX_SQL_INT:
        problems.append(f"limit {q.limit} is larger than a SQL integer")
    for f in q.filters:
        problems += [
            f"value {v!r} of {f.dimension} is out of range" for v in f.values if bad_number(v)
        ]
        d = catalog.dimension(f.dimension)
        booleans = (
            d is not None
            and bool(d.values)
            and {str(v).lower() for v in d.values} <= _BOOLEAN_WORDS
        )
        problems += [
            f"value {v!r} of {f.dimension} is a boolean but the dimension is not"
            for v in f.values
            if isinstance(v, bool) and not booleans
        ]
    return problems


def validate_query(q: SemanticQuery, catalog: Catalog, model: Any = None) -> SemanticQuery:
    """Check every name and value in ``q`` against the catalog (and that it compiles)."""
    problems: list[str] = _value_problems(q, catalog)
    if not q.metrics:
        problems.append("no metric")
    problems += [f"unknown metric {m}" for m in q.metrics if catalog.metric(m) is None]
    problems += [f"unknown group-by {g}" for g in q.group_by if not _group_ok(g, catalog)]
    for f in q.filters:
        d = catalog.dimension(f.dimension)
        if d is None:
            problems.append(f"unknown filter dimension {f.dimension}")
        elif d.values and f.op in ("=", "!=", "in", "not in"):
            known = {str(v) for v in d.values}
            problems += [
                f"unknown value {v!r} of {f.dimension}"
                for v in f.values
                if not isinstance(v, bool) and str(v) not in known
            ]
    problems += [
        f"unknown having metric {h.metric}" for h in q.having if catalog.metric(h.metric) is None
    ]
    names = set(q.metrics) | set(q.group_by)
    problems += [
        f"order_by {o.name} is neither a metric nor a group-by"
        for o in q.order_by
        if o.name not in names
    ]
    if q.where:
        problems.append("free-form `where` templates are not accepted from the LLM")
    if problems:
        raise NL2SQLError("the LLM's query does not fit the model: " + "; ".join(problems))
    if model is not None:
        compile_query(model, q)
    return q


def llm_understand(
    question: str, catalog: Catalog, model: Any, today: dt.date, chat_model: Any
) -> Understanding:
    """Ask ``chat_model`` for a ``SemanticQuery`` and validate it."""
    messages = build_messages(question, catalog, today)
    try:
        structured = chat_model.with_structured_output(SemanticQuery, method="function_calling")
    except (NotImplementedError, AttributeError, TypeError, ValueError):
        structured = None
    if structured is not None:
        out = structured.invoke(messages)
    else:
        out = _parse_text(str(chat_model.invoke(messages).content))
    if out is None:
        raise NL2SQLError("the LLM returned no query")
    query = out if isinstance(out, SemanticQuery) else SemanticQuery.model_validate(out)
    validate_query(query, catalog, model)
    return Understanding(
        question=question,
        query=query,
        lang=detect_lang(question),
        notes=["understood by the LLM engine"],
    )


def understand_with_fallback(
    question: str,
    catalog: Catalog,
    model: Any,
    today: dt.date,
    *,
    chat_model: Any = None,
    rules_result: Understanding | None = None,
) -> tuple[Understanding, str]:
    """The LLM's understanding, or the rules engine's when anything about the LLM fails."""
    try:
        chat = chat_model if chat_model is not None else make_chat_model()
        return llm_understand(question, catalog, model, today, chat), "llm"
    except LLMConfigError:
        raise
    except Exception as exc:
        rules = rules_result or understand(question, catalog, today)
        rules.notes.append(
            f"LLM engine failed ({type(exc).__name__}: {str(exc)[:200]}); used the rules engine"
        )
        return rules, "rules"
