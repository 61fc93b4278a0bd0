"""``understand(question, catalog)``: normalize, find times, tokenize, run the passes.

Why refuse instead of guessing: a business user who gets a confident wrong number is worse off
than one who is told "I don't know '颜色'; did you mean 类目 (category)?". Every word of the
question must be accounted for and every structure must resolve to exactly one reading;
anything else ends in an :class:`Understanding` with ``refused=True``, a reason in the
question's language and runnable suggestions (:mod:`nl2sql.rules.suggest`).
"""

from __future__ import annotations

import datetime as dt
import re
import time
from typing import Any

from nl2sql.lexicon import (
    Lexicon,
    acronyms,
    lexicon_for,
    normalize,
)
from nl2sql.normalize import sign_words
from nl2sql.numbers import dot_thousands
from nl2sql.options import MAX_QUESTION_CHARS
from nl2sql.rules.axes import axis_index, find_axes, inside_term
from nl2sql.rules.bare_years import bare_years, drop_dimension_year_bounds
from nl2sql.rules.bridged import bridged_words, redundant_bridge
from nl2sql.rules.closest import in_breakdown_slot
from nl2sql.rules.code_modifiers import front_modifiers
from nl2sql.rules.dropped import dropped_note, dropped_words
from nl2sql.rules.dropped_codes import capital_letters, refuse_dropped_letters
from nl2sql.rules.followup import context_derived, context_query
from nl2sql.rules.items import Refusal, Understanding, detect_lang
from nl2sql.rules.parser import parse
from nl2sql.rules.percent_request import refuse_percent_of_amount
from nl2sql.rules.saved import saved_query
from nl2sql.rules.separable import join_separable
from nl2sql.rules.state import ParseState
from nl2sql.rules.suggest import suggest_questions
from nl2sql.rules.term_spellings import term_spellings
from nl2sql.rules.tokenize import build_items
from nl2sql.rules.unused_words import refuse_unused_terms, unused_words
from nl2sql.rules.yes_no_reading import read_yes_no
from nl2sql.timeparse import find_times
from nl2sql.vocabulary.chinese import model_industries
from nl2sql.vocabulary.industries import catalog_industries
from semantic_layer.catalog import Catalog

#: a grain word: with it, a date verb ("按月统计发货的订单") names a time axis
_GRAIN = re.compile(
    r"\b(?:daily|weekly|monthly|quarterly|yearly|by (?:day|week|month|quarter|year))\b"
    r"|[每按逐](?:天|日|周|个?月|季|年)"
)


def length_refusal(question: str | None) -> Refusal | None:
    """The refusal of a question over :data:`MAX_QUESTION_CHARS`, else None.

    Why a function of its own: every entry point (``understand``, ``nl2sql.ask``, hence
    ``%ask`` and ``orderlens ask``) checks it *first*, before the language check, the special
    readings or the suggestions look at the text: a 1 MB question from Python took 2.4 s to be
    refused (session 20), its suggestions cut from the whole text. Only the length is read.

    >>> length_refusal("GMV") is None
    True
    >>> length_refusal("x" * 401).reason
    'the question is too long (401 characters, at most 400); ask one thing at a time'
    """
    if question is None or len(question) <= MAX_QUESTION_CHARS:
        return None
    return Refusal(
        f"the question is too long ({len(question)} characters, at most "
        f"{MAX_QUESTION_CHARS}); ask one thing at a time",
        zh=f"问题太长（{len(question)} 个字符，最多 {MAX_QUESTION_CHARS}）；请一次问一件事",
    )


def _check_length(question: str) -> None:
    if not question or not question.strip():
        raise Refusal("the question is empty", zh="问题是空的", kind="offtopic")
    too_long = length_refusal(question)
    if too_long is not None:
        raise too_long


def _parse(
    question: str,
    catalog: Catalog,
    lex: Lexicon,
    today: dt.date,
    context: Any,
    result: Understanding,
) -> None:
    """Fill ``result`` with the query (raises :class:`Refusal`)."""
    _check_length(question)
    named = saved_query(question, catalog)
    if named is not None:
        result.query = named
        result.notes.append(f"saved query: {question.strip()}")
        return
    # a sign in words ("为负", "is negative") is a comparison with zero, unless the model's
    # own words say "negative" / "positive" (a flag, a sentiment value)
    own_sign = not {"negative", "positive"}.isdisjoint(lex.vocab_words)
    text = join_separable(sign_words(normalize(question), english=not own_sign), lex)
    text = front_modifiers(text, lex)  # "B2C总收入" is "总B2C收入"
    text = term_spellings(text, lex)  # 每次点击成本 -> 单次点击成本, 交易额 -> 交易量
    _refuse_dot_thousands(text, lex)
    # a time expression inside a model term is part of its name ("orders last 7 days")
    times = [t for t in find_times(text, today) if not inside_term(text, t.start, t.end, lex)]
    times = drop_dimension_year_bounds(text, times, lex)  # "model years before 2019"
    times = sorted([*times, *bare_years(text, times, lex)], key=lambda t: t.start)
    has_date = bool(times) or bool(_GRAIN.search(text))
    axes = find_axes(text, axis_index(catalog, lex), has_date, lex)
    caps = acronyms(question) | capital_letters(question)
    items = build_items(text, times, lex, result.notes, caps, axes)
    state = ParseState(items, lex, catalog, today, result)
    state.context = context_query(context)
    state.context_derived = context_derived(context)
    result.query = parse(state)
    # a model term, a time or a comparing word nothing claimed: never dropped
    refuse_unused_terms(items, result.query.metrics)
    # a capital letter that is a value, dropped as the article "a" ("stockout days for A")
    refuse_dropped_letters(question, text, items, catalog, result.query)
    # "revenue by brand in %": a percentage of an amount, unless the answer is one already
    share = state.derived is not None and state.derived.kind == "share"
    refuse_percent_of_amount(question, items, catalog, result.query, share)
    result.ignored = unused_words(items)
    result.derived = state.derived
    result.changes = state.changes
    redundant = redundant_bridge(items)
    if redundant:
        raise Refusal(redundant[0], zh=redundant[1], words=[redundant[2]])
    # words read by a pass itself (单量 → Orders) first, then the items that came by a bridge
    result.bridged = [*result.bridged, *bridged_words(items)]


def _refuse_dot_thousands(text: str, lex: Lexicon) -> None:
    """Refuse a number that is a thousand or a decimal depending on the writer's country
    (:func:`nl2sql.numbers.dot_thousands`), offering the question with each reading; a number
    inside one of the model's own terms (a value "1.500 ml") is that term."""
    found = dot_thousands(text)
    if found is None:
        return
    written, grouped, decimal = found
    start = text.find(written)
    if inside_term(text, start, start + len(written), lex):
        return
    raise Refusal(
        f"'{written}' may be {grouped} (a dot between thousands) or {decimal} (a decimal "
        f"point); write {grouped} or {decimal}",
        zh=f"“{written}”可能是{grouped}（点分隔千位），也可能是{decimal}（小数点）；"
        f"请写成{grouped}或{decimal}",
        words=[written, grouped, decimal],
        kind="replace",
    )


def _answerable(
    question: str, catalog: Catalog, lex: Lexicon, today: dt.date, context: Any
) -> bool:
    """Whether the engine understands ``question`` (how a suggestion is verified)."""
    probe = Understanding(question=question, lang=detect_lang(question))
    try:
        _parse(question, catalog, lex, today, context, probe)
    except Refusal:
        return False
    return True


def understand(
    question: str,
    catalog: Catalog,
    today: dt.date | None = None,
    context: Any = None,
    asked: str | None = None,
) -> Understanding:
    """Map ``question`` onto ``catalog``; refuse rather than guess.

    ``context`` is the previous answer (or its ``followup_context()`` dict, or its query): a
    follow-up ("那京东呢？") is merged into it and ``changes`` says what changed. ``asked`` is
    the question the user typed when ``question`` is its plain form (a yes/no question without
    是否 / 有没有): the passes see it as asked.
    """
    t0 = time.perf_counter()
    too_long = length_refusal(question)
    if too_long is not None:  # before anything reads the text: no suggestions cut from it
        lang = detect_lang(question[:MAX_QUESTION_CHARS])
        result = Understanding(question=asked or question, lang=lang, refused=True)
        result.reason, result.reason_en = too_long.in_lang(lang), too_long.reason
        result.elapsed_ms = (time.perf_counter() - t0) * 1000
        return result
    today = today or dt.date.today()
    result = Understanding(question=asked or question, lang=detect_lang(question))
    lex = lexicon_for(catalog)
    try:
        with model_industries(catalog_industries(catalog)):
            _parse(question, catalog, lex, today, context, result)
    except Refusal as r:
        result.refused, result.query = True, None
        result.reason, result.reason_en = r.in_lang(result.lang), r.reason
        result.suggestions = suggest_questions(
            question or "",
            r,
            lex,
            catalog,
            result.lang,
            lambda q: _answerable(q, catalog, lex, today, context),
        )
        # only words the engine did not know: other kinds carry questions or readings
        dropped = dropped_words(question or "", result.suggestions, r.words) if not r.kind else []
        if dropped:  # "how many members this year" for "how many new members this year"
            slot = all(in_breakdown_slot(question or "", w) for w in dropped)
            result.reason += dropped_note(dropped, result.lang, breakdown=slot)
            result.reason_en += dropped_note(dropped, "en", breakdown=slot)
    if context is None and asked is None:  # a follow-up continues a figure; it is not judged
        result = read_yes_no(
            question or "",
            result,
            lambda text: understand(text, catalog, today, asked=question),
            lambda q: _answerable(q, catalog, lex, today, context),
        )
    result.elapsed_ms = (time.perf_counter() - t0) * 1000
    return result
