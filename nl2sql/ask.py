"""``ask(question)``: question -> semantic query -> guarded SQL -> DataFrame, chart, answer.

Why here and not in the engines: engines only *understand* (a ``SemanticQuery`` or a refusal);
compiling, guarding, running and presenting are the same whichever engine understood, so they
live in one place. Models, catalogs and lexicons are cached per model and warehouse.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import decimal
import functools
import os
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Any

import pandas as pd

import semantic_layer
from connectors.engines import run_sql
from connectors.errors import ConnectorError
from connectors.warehouse import connect, connection_version, default_db_path, warehouse_version
from nl2sql import startup_cache
from nl2sql.answer import Answer
from nl2sql.answer_chart import add_chart
from nl2sql.answerers import registered_answerers
from nl2sql.bottom_zeros import left_out_zeros
from nl2sql.catalog_reads import BoundedReader, note_unread
from nl2sql.columns import column_display, column_label
from nl2sql.cut_lists import refuse_cut_listing
from nl2sql.derived import TWO_SIDES, base_query, derived_note, fills_empty_periods, wrap_sql
from nl2sql.described_groups import refuse_undescribed
from nl2sql.empty_conditions import contradiction
from nl2sql.errors import ExecutionError, GuardError, LLMConfigError, NL2SQLError
from nl2sql.filtered_out import refuse_filtered_out
from nl2sql.grain_suggest import grain_tips
from nl2sql.guard import DEFAULT_MAX_ROWS, DEFAULT_TIMEOUT_S, allowed_tables, check_sql, run_guarded
from nl2sql.guessed_values import refuse_empty_guess
from nl2sql.id_spelling import respell_ids
from nl2sql.identity_cache import IdentityCache
from nl2sql.interpret import interpret, item_label, metric_label, row_limit_note, value_label
from nl2sql.missing_tables import missing_table_reason
from nl2sql.model_stamp import model_stamp
from nl2sql.options import ENGINES, MAX_QUESTION_CHARS
from nl2sql.plans import Plan, cached_plan, keep_plan, plan_key
from nl2sql.rehomed import rehomed
from nl2sql.rules import Understanding, detect_lang, length_refusal, understand
from nl2sql.rules.units import conversion_note, conversion_wrap
from nl2sql.rules.unused_words import ignored_note
from nl2sql.vocabulary import values
from nl2sql.vocabulary.overlay import overlay_catalog
from nl2sql.yes_no import asks_which
from nl2sql.yes_no_answer import judge_answer
from semantic_layer import compile_query
from semantic_layer.catalog import Catalog

#: Where the compiled SQL runs: the DuckDB warehouse (default) or Spark over Parquet.
SQL_ENGINES = ("duckdb", "spark")
_lock = threading.Lock()
_models: dict[str, tuple[str, Any]] = {}  # path -> (files stamp, model)
#: (model, warehouse key) -> catalog; a new warehouse key after every ingest, a new model after
#: every edit: bounded (nl2sql.identity_cache), each entry keeps its model alive
_catalogs: IdentityCache[Catalog] = IdentityCache(maxsize=16)
_known: IdentityCache[frozenset[str]] = IdentityCache(maxsize=16)  # catalog -> values, upper


def get_model(model: Any = None) -> Any:
    """A loaded semantic model: the built-in one, one from a directory, or the object given.

    The one model cache of the process (``ask``, ``%ask`` and the server all come here), keyed
    by the model's path *and* its files' sizes and modification times: an edited YAML is
    reloaded on the next question instead of being served from memory.
    """

    if model is not None and not isinstance(model, str | Path):
        return model
    key = "<builtin>" if model is None else str(Path(model).resolve())
    stamp = "" if model is None else model_stamp(model)
    with _lock:
        hit = _models.get(key)
        if hit is None or hit[0] != stamp:
            # from the on-disk cache when this content was loaded before (nl2sql.startup_cache)
            path = None if model is None else Path(model)
            hit = _models[key] = (stamp, startup_cache.load_model_cached(path, _load_model))
        return hit[1]


def _load_model(path: Path | None) -> Any:
    """``semantic_layer.load_model``, imported on first use (a cached model never needs it)."""
    return semantic_layer.load_model(path)


def get_catalog(model: Any, con: Any = None, db_key: str = "") -> Catalog:
    """The model's catalog with the warehouse's categorical values (cached per model and db)."""
    if not db_key:  # an in-memory warehouse has no identity to cache on
        return _build_catalog(model, con, db_key)
    hit = _catalogs.get(model, db_key)
    if hit is not None:
        return hit
    # a model loaded by get_model is found on disk with its lexicon (nl2sql.startup_cache)
    cached = startup_cache.catalog_and_lexicon(
        model, db_key, lambda: _build_catalog(model, con, db_key)
    )
    catalog = cached[0] if cached is not None else _build_catalog(model, con, db_key)
    _catalogs.put(model, catalog, db_key)
    return catalog


def _build_catalog(model: Any, con: Any, db_key: str) -> Catalog:
    # values are read within a time limit (nl2sql.catalog_reads): a slow dimension is listed
    # without them, and the owner's reviewed synonyms overlay applies when it sits beside it
    read = BoundedReader(con) if con is not None else None
    catalog = overlay_catalog(
        semantic_layer.build_catalog(model, con, read=read),
        getattr(model, "path", None),
        startup_cache.key_of(model),
    )
    if read is not None:  # names among thousands (stores, airports): the value index
        roles = values.role_playing_dimensions(model)
        joins = values.role_joins(model, roles)
        catalog = values.with_role_dimensions(catalog, roles, joins)
        index = values.read_value_index(model, con, catalog, db_key, read=read)
        if read.unread:
            catalog = dataclasses.replace(catalog, unread_values=tuple(read.unread))
        values.attach_values(catalog, index, roles, joins)
    return catalog


def catalog_for(model: Any = None, db: str | Path | None = None, con: Any = None) -> Catalog:
    """The catalog :func:`ask` uses for ``model`` on warehouse ``db`` (built once, then shared).

    Why public: a server that warms up before the first question (``lab.server``) must build
    the very object ``ask`` will look up, or the first question pays for a second build. The
    cache key is the warehouse file and its modification time, so a rebuilt warehouse gets a
    fresh catalog. ``con`` is an open connection to ``db`` to read values through (else ``db``
    is opened read-only for the build).

    Re-read where this warehouse holds its relations first (:func:`rehomed`), as ``ask``
    does: else the warm-up read no values from tables built into a custom schema.
    """

    sem_model = get_model(model)
    db = default_db_path() if db is None else db
    key = warehouse_version(db)
    if con is not None:
        return get_catalog(rehomed(sem_model, con, key), con, key)
    own = connect(db, read_only=True)
    try:
        return get_catalog(rehomed(sem_model, own, key), own, key)
    finally:
        own.close()


def _today(today: str | dt.date | None) -> dt.date:
    if today is None:
        return dt.date.today()
    if isinstance(today, dt.date):  # a datetime is a date too: its day
        return today.date() if isinstance(today, dt.datetime) else today
    try:
        return dt.date.fromisoformat(str(today))
    except ValueError:
        raise NL2SQLError(f"today={today!r}: use YYYY-MM-DD, e.g. 2026-11-20") from None


def llm_configured() -> bool:
    """Whether the LLM engine can be used (an API key is set)."""
    return bool(os.environ.get("OPENAI_API_KEY"))


def understand_question(
    question: str,
    catalog: Catalog,
    model: Any,
    today: dt.date,
    engine: str = "auto",
    chat_model: Any = None,
    context: Any = None,
) -> tuple[Understanding, str]:
    """Run the requested engine(s); returns the understanding and the engine that produced it.

    ``context`` (a previous answer or its ``followup_context()``) is understood by the rules
    engine; the LLM engine sees the question alone.
    """
    if engine not in ENGINES:
        raise NL2SQLError(f"engine={engine!r}: choose one of {', '.join(ENGINES)}")
    if engine == "rules":
        return understand(question, catalog, today, context), "rules"
    # the LLM engine (and its prompt builders) loads only for a question that goes there
    if engine == "llm":
        from nl2sql import llm_engine

        if chat_model is None and not llm_configured():
            raise LLMConfigError(llm_engine.MISSING_KEY_MESSAGE)
        return llm_engine.understand_with_fallback(
            question, catalog, model, today, chat_model=chat_model
        )
    rules = understand(question, catalog, today, context)
    if not rules.refused or (chat_model is None and not llm_configured()):
        return rules, "rules"
    from nl2sql import llm_engine

    got, used = llm_engine.understand_with_fallback(
        question, catalog, model, today, chat_model=chat_model, rules_result=rules
    )
    return got, used


def _floats(df: pd.DataFrame) -> pd.DataFrame:
    for c in df.columns:
        s = df[c]
        if (
            s.dtype == object
            and s.notna().any()
            and isinstance(s.dropna().iloc[0], decimal.Decimal)
        ):
            df[c] = s.astype("float64")
    return df


def make_plan(
    question: str,
    catalog: Catalog,
    sem_model: Any,
    ref: dt.date,
    engine: str,
    chat_model: Any = None,
    context: Any = None,
) -> Plan:
    """Understand ``question`` and compile its query: the :class:`Plan` ``ask`` runs."""
    t1 = time.perf_counter()
    got, used = understand_question(question, catalog, sem_model, ref, engine, chat_model, context)
    t2 = time.perf_counter()
    timings = {"parse_ms": (t2 - t1) * 1000}
    if got.refused or got.query is None:
        return Plan(
            engine=used,
            notes=tuple(got.notes),
            refused=True,
            error=got.reason_en or got.reason,
            reason=got.reason,
            suggestions=tuple(got.suggestions),
            timings=timings,
        )
    lang = detect_lang(question)
    headline, interpretation = _interpretation(got, catalog, lang, sem_model)
    derived = getattr(got, "derived", None)
    base = got.query if derived is None else base_query(got.query, derived)
    common: dict[str, Any] = {
        "engine": used,
        "notes": tuple(got.notes),
        "query": got.query,
        "base": base,
        "derived": derived,
        "conversions": tuple(getattr(got, "conversions", ())),
        "headline": headline,
        "interpretation": interpretation,
        "changes": tuple(got.changes),
        "lang": lang,
        "guessed_values": tuple(getattr(got, "guessed_values", ())),
        "described_groups": tuple(getattr(got, "described_groups", ())),
        "yes_no": getattr(got, "yes_no", None),
        "implied_metrics": tuple(
            m for m in got.query.metrics if (c := catalog.metric(m)) is not None and c.implied
        ),
    }
    try:
        compiled = compile_query(sem_model, base).sql
    except Exception as exc:  # the model cannot express it: refuse, never guess
        error = f"cannot build a query for this: {exc}"
        reason = f"无法为此构建查询：{exc}" if lang == "zh" else error
        common["suggestions"] = grain_tips(question, exc, base, catalog, sem_model, ref, context)
        return Plan(**common, refused=True, error=error, reason=reason, timings=timings)
    timings["compile_ms"] = (time.perf_counter() - t2) * 1000
    clash = contradiction(compiled)
    if clash is not None:  # an empty answer would read as "none": refuse, say why
        labels = "、".join(
            (c.label or c.name) if (c := catalog.metric(m)) else m for m in base.metrics
        )
        error = (
            f"no row can meet both {clash.allowed} and {clash.excluded}: the question's "
            f"condition contradicts the definition of {labels}, so the answer would be empty; "
            "ask without that condition, or for a metric that includes those rows"
        )
        reason = (
            f"条件 {clash.allowed} 与 {clash.excluded} 互相矛盾（问题中的条件与指标“{labels}”的定义"
            "冲突），结果必然为空；请去掉该条件，或改问包含这些行的指标"
            if lang == "zh"
            else error
        )
        common["suggestions"] = tuple(
            (c.label or c.name) for m in base.metrics if (c := catalog.metric(m)) is not None
        )
        return Plan(**common, refused=True, error=error, reason=reason, timings=timings)
    wrap: Callable[[str, str], str] | None = None
    if derived is not None:  # share of total / change over time, wrapped by sqlglot
        wrap = partial(wrap_sql, query=got.query, derived=derived)
    if getattr(got, "conversions", None):  # "distance in km": converted columns added
        wrap = conversion_wrap(wrap, got.conversions, got.query)
    sql = compiled if wrap is None else wrap(compiled, "duckdb")
    tables = frozenset(allowed_tables(sem_model))  # walks every view's SQL: once per plan
    return Plan(**common, sql=sql, compiled_sql=compiled, wrap=wrap, tables=tables, timings=timings)


def _known_values(catalog: Catalog) -> frozenset[str]:
    """Every dimension value of ``catalog``, upper-cased (what answerers must not take for an
    order id), built once per catalog: rebuilding it cost ~0.3 ms per question."""
    return _known.get_or_build(
        catalog, lambda: frozenset(v.upper() for d in catalog.dimensions for v in d.values)
    )


def _answer_special(
    answer: Answer, question: str, con: Any, catalog: Catalog, max_rows: int, timeout_s: float
) -> bool:
    """Let the registered answerers (see :mod:`nl2sql.answerers`) take a question no metric answers.

    ``lab`` registers the order status trace this way ("where is order JD20260210001?").
    Returns whether ``answer`` is final.
    """
    answerers = registered_answerers()
    if not answerers:
        return False
    lang = detect_lang(question)
    known = _known_values(catalog)
    for answerer in answerers.values():
        got = answerer(
            question, con, lang=lang, known_values=known, max_rows=max_rows, timeout_s=timeout_s
        )
        if got is None:
            continue
        if got.refused:
            answer.refused, answer.error = True, got.error
            return True
        answer.engine = got.engine
        answer.sql, answer.truncated = got.sql, got.truncated
        if got.df is not None:
            answer.df = got.df
        answer.card, answer.card_html = got.card, got.card_html
        answer.interpretation = got.interpretation
        return True
    return False


def _run_on_spark(
    sem_model: Any,
    query: Any,
    duckdb_sql: str,
    db: Any,
    parquet_dir: Any,
    master: str,
    max_rows: int,
    wrap: Callable[[str, str], str] | None = None,
) -> Any:
    """Guard-check the DuckDB SQL, then run the same query compiled for Spark SQL (``wrap(sql,
    dialect)`` adds the same share/change columns as on DuckDB)."""

    @dataclass
    class _SparkResult:
        df: pd.DataFrame
        truncated: bool
        sql: str

    check_sql(duckdb_sql, allowed_tables(sem_model))
    spark_sql = compile_query(sem_model, query, dialect="spark").sql
    if wrap is not None:
        spark_sql = wrap(spark_sql, "spark")
    try:
        df = run_sql(
            spark_sql,
            engine="spark",
            db=db,
            parquet_dir=parquet_dir,
            spark_master=master,
            dialect="spark",
        )
    except ConnectorError as exc:  # no Parquet table, Spark refused the SQL...
        raise ExecutionError(str(exc)) from exc
    return _SparkResult(df.head(max_rows).reset_index(drop=True), len(df) > max_rows, spark_sql)


def _interpretation(
    got: Understanding, catalog: Catalog, lang: str, sem_model: Any = None
) -> tuple[str, str]:
    """``(headline, interpretation)``: what was computed (the chart's title), and that plus
    what a follow-up changed and the words read via a bridge (the interpretation line)."""
    assert got.query is not None  # ask() refuses an understanding without a query first
    text = interpret(got.query, catalog, lang, got.time)
    derived = getattr(got, "derived", None)
    if derived is not None:
        kept = ""
        other = ""
        if derived.keep is not None and derived.kind in TWO_SIDES:
            dim, value = derived.keep  # "Seattle / Los Angeles": both sides by their labels
            kept = value_label(catalog, dim, value, lang)
            other = value_label(catalog, dim, derived.other, lang)
        elif derived.keep is not None:
            dim, value = derived.keep
            kept = f"{item_label(catalog, dim, lang)} = {value_label(catalog, dim, value, lang)}"
        elif derived.base is not None:
            kept = metric_label(catalog, derived.base, lang)
        label = functools.partial(column_label, catalog, lang=lang, change=derived.kind)
        filled = fills_empty_periods(sem_model, got.query.metrics)  # "日均": empty days too?
        text += derived_note(derived, got.query, lang, kept, label, other, filled)
    text += conversion_note(
        catalog,
        getattr(got, "conversions", ()),
        lang,
        getattr(got, "converted_numbers", ()),
    )
    headline = text
    if got.changes:
        text += (
            f"（追问：{'；'.join(got.changes)}）"
            if lang == "zh"
            else f" (follow-up: {'; '.join(got.changes)})"
        )
    if getattr(got, "bridged", None):  # words read through a vocabulary bridge
        text += f"（{'；'.join(got.bridged)}）" if lang == "zh" else f" ({'; '.join(got.bridged)})"
    text += ignored_note(getattr(got, "ignored", ()), lang)  # words the answer does not use
    return headline, text


def _understood(catalog: Catalog, today: dt.date, question: str) -> bool:
    """Whether the rules engine understands ``question`` (an offered question is checked)."""
    return not understand(question, catalog, today).refused


def ask(
    question: str,
    model: Any = None,
    db: str | Path | None = None,
    engine: str = "auto",
    today: str | dt.date | None = None,
    con: Any = None,
    *,
    chat_model: Any = None,
    max_rows: int = DEFAULT_MAX_ROWS,
    timeout_s: float = DEFAULT_TIMEOUT_S,
    chart: bool = True,
    sql_engine: str = "duckdb",
    spark_master: str = "local[2]",
    parquet_dir: str | Path | None = None,
    context: Any = None,
    db_key: str | None = None,
) -> Answer:
    """Answer ``question`` against a semantic model and a warehouse.

    Args:
        question: Chinese or English, as users type it.
        model: None for the built-in model, a model directory, or a loaded model.
        db: warehouse file (default ``$ORDERLENS_DB`` / the demo warehouse); ignored if ``con``.
        engine: ``rules`` (offline), ``llm`` (needs ``OPENAI_API_KEY``) or ``auto``.
        today: the reference date for relative time ("最近30天"), default the real date.
        con: an open DuckDB connection to use instead of opening ``db`` read-only.
        chat_model: a LangChain chat model for the LLM engine (tests pass fakes).
        sql_engine: where the SQL runs: ``duckdb`` (the warehouse, guarded, time-limited) or
            ``spark`` (the query compiled for Spark SQL and run on ``spark_master`` over the
            Parquet tables in ``parquet_dir``, else over a cached export of ``db``). The
            question is understood against the DuckDB warehouse's catalog either way; the
            guard checks the query before it runs and the row cap applies, but the time limit
            is Spark's own (cancel the job in its UI).
        context: the previous answer, its ``followup_context()`` dict (JSON-safe, what a page
            keeps between questions) or its ``SemanticQuery``; a follow-up ("那京东呢？",
            "only last month", "按周看") is merged into it and ``answer.changes`` and the
            interpretation say what changed.
        db_key: with ``con``, the version of the warehouse it reads
            (``connectors.warehouse.warehouse_version``) when the caller already knows it — a
            server answering on a cursor of its open warehouse — which saves a query per
            answer; by default it is read from ``con``.
    """
    if sql_engine not in SQL_ENGINES:
        raise NL2SQLError(f"sql_engine={sql_engine!r}: choose one of {', '.join(SQL_ENGINES)}")
    if sql_engine == "spark" and con is not None and db is None and parquet_dir is None:
        raise NL2SQLError("sql_engine='spark' needs db= (exported to Parquet) or parquet_dir=")
    t0 = time.perf_counter()
    answer = Answer(question=question)
    too_long = length_refusal(question)
    if too_long is not None:  # refused by size before a model, warehouse or engine is touched
        answer.refused, answer.error = True, too_long.reason
        answer.reason = too_long.in_lang(detect_lang(question[:MAX_QUESTION_CHARS]))
        answer.timings["total_ms"] = (time.perf_counter() - t0) * 1000
        return answer
    own_con = None
    catalog: Catalog | None = None
    try:
        ref = _today(today)
        sem_model = get_model(model)
        if con is None:
            db = default_db_path() if db is None else db
            own_con = con = connect(db, read_only=True)
            db_key = warehouse_version(db)
        elif db_key is None:
            db_key = connection_version(con)
        sem_model = rehomed(sem_model, con, db_key)
        catalog = get_catalog(sem_model, con, db_key)
        t1 = time.perf_counter()
        if _answer_special(answer, question, con, catalog, max_rows, timeout_s):
            answer.timings["trace_ms"] = (time.perf_counter() - t1) * 1000
            return answer
        key = plan_key(question, sem_model, db_key, ref, engine, context)
        plan = cached_plan(key, sem_model, catalog)
        if plan is None:
            plan = make_plan(question, catalog, sem_model, ref, engine, chat_model, context)
            if plan.engine == "rules":  # the LLM engine's reading may differ next time
                keep_plan(key, sem_model, catalog, plan)
            answer.timings.update(plan.timings)
        else:  # a kept plan: this answer spent no time understanding or compiling
            answer.timings.update({"parse_ms": 0.0, "compile_ms": 0.0})
        t3 = time.perf_counter()
        answer.timings["plan_ms"] = (t3 - t1) * 1000
        answer.engine, answer.notes = plan.engine, list(plan.notes)
        answer.timings["catalog_ms"] = (t1 - t0) * 1000
        if plan.refused and plan.query is None:  # not understood
            answer.refused, answer.error = True, plan.error
            answer.reason, answer.suggestions = plan.reason, list(plan.suggestions)
            return answer
        answer.query = plan.query
        answer.headline, answer.interpretation = plan.headline, plan.interpretation
        answer.changes, answer.derived = list(plan.changes), plan.derived
        answer.implied_metrics = list(plan.implied_metrics)
        if plan.refused:  # understood, but the model cannot express it
            answer.refused, answer.error, answer.reason = True, plan.error, plan.reason
            answer.suggestions = list(plan.suggestions)  # e.g. a coarser grain (grain_suggest)
            return answer
        lang, base, sql = plan.lang, plan.base, plan.sql
        assert sql is not None  # a plan that is not refused carries its SQL
        answer.sql = sql
        wrap = plan.wrap
        if sql_engine == "spark":
            result = _run_on_spark(
                sem_model, base, sql, db, parquet_dir, spark_master, max_rows, wrap
            )
            answer.sql = result.sql
        else:
            answer.sql = sql = respell_ids(answer, plan, catalog, con, sql, timeout_s)
            if answer.refused:  # an id the data holds in no spelling, or in several
                return answer
            result = run_guarded(con, sql, plan.tables, max_rows=max_rows, timeout_s=timeout_s)
        t4 = time.perf_counter()
        answer.timings["execute_ms"] = (t4 - t3) * 1000
        answer.df, answer.truncated = _floats(result.df), result.truncated
        zeros = sql_engine != "spark" and left_out_zeros(answer, plan, catalog, sem_model, con)
        if zeros or refuse_empty_guess(answer, plan, catalog):  # things with none; a guess
            return answer
        if sql_engine != "spark" and refuse_filtered_out(
            answer, plan, catalog, sem_model, con, plan.tables
        ):  # rows the metric's own filter leaves out
            return answer
        if sql_engine != "spark" and refuse_undescribed(answer, plan, catalog, sem_model, con):
            return answer  # "medium cities" where a city's lots are of several sizes
        if refuse_cut_listing(answer, plan, catalog, partial(_understood, catalog, ref)):
            return answer  # a list cut at the row limit: its number is offered instead
        if answer.truncated and answer.interpretation:
            answer.interpretation = row_limit_note(answer.interpretation, len(answer.df), lang)
        answer.column_labels, answer.column_formats = column_display(
            catalog, answer.columns, lang, answer.change
        )
        if plan.yes_no is not None:  # "was GMV above 1 million?": yes or no, then the figure
            which = asks_which(question)
            judge_answer(answer, plan.yes_no, plan.query, catalog, lang, which)
        if chart:
            add_chart(answer, plan.query, catalog, lang, sem_model, ref, plan.conversions)
            answer.timings["chart_ms"] = (time.perf_counter() - t4) * 1000
    except (GuardError, ExecutionError) as exc:
        answer.error = str(exc)
        said = missing_table_reason(answer.error, sem_model, detect_lang(question))
        if said is not None:  # a table the warehouse lacks: which, and what to do
            answer.refused, (answer.error, answer.reason) = True, said
    except NL2SQLError:
        raise
    finally:
        if own_con is not None:
            own_con.close()
        if catalog is not None and catalog.unread_values:  # a dimension listed without values
            note_unread(answer, catalog, detect_lang(question))
        answer.timings["total_ms"] = (time.perf_counter() - t0) * 1000
    return answer
