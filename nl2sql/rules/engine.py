"""``understand(question, catalog)``: normalize, find times, tokenize, run the passes.

Why refuse instead of guessing: a business user who gets a confident wrong number is worse off
than one who is told "I don't know '颜色'; did you mean 类目 (category)?". Every word of the
question must be accounted for and every structure must resolve to exactly one reading;
anything else ends in an :class:`Understanding` with ``refused=True`` and suggestions.
"""

from __future__ import annotations

import datetime as dt
import time
from typing import Any

from nl2sql.lexicon import acronyms, lexicon_for, normalize
from nl2sql.options import MAX_QUESTION_CHARS
from nl2sql.rules.followup import context_query
from nl2sql.rules.items import Refusal, Understanding, detect_lang
from nl2sql.rules.parser import parse
from nl2sql.rules.state import ParseState
from nl2sql.rules.tokenize import build_items
from nl2sql.timeparse import find_times
from semantic_layer.catalog import Catalog


def understand(
    question: str, catalog: Catalog, today: dt.date | None = None, context: Any = None
) -> Understanding:
    """Map ``question`` onto ``catalog``; refuse rather than guess.

    ``context`` is the previous answer (or its ``followup_context()`` dict, or its query): a
    follow-up ("那京东呢？") is merged into it and ``changes`` says what changed.
    """
    t0 = time.perf_counter()
    today = today or dt.date.today()
    result = Understanding(question=question, lang=detect_lang(question))
    try:
        if not question or not question.strip():
            raise Refusal("the question is empty")
        if len(question) > MAX_QUESTION_CHARS:
            raise Refusal(
                f"the question is too long ({len(question)} characters, at most "
                f"{MAX_QUESTION_CHARS}); ask one thing at a time"
            )
        lex = lexicon_for(catalog)
        text = normalize(question)
        times = find_times(text, today)
        items = build_items(text, times, lex, result.notes, acronyms(question))
        state = ParseState(items, lex, catalog, today, result)
        state.context = context_query(context)
        result.query = parse(state)
        result.changes = state.changes
    except Refusal as r:
        result.refused, result.reason = True, r.reason
        # a refusal always offers a way forward: the closest terms, else what can be asked
        result.suggestions = r.suggestions or [
            f"metric {m.label} ({m.name})" for m in catalog.metrics[:8]
        ]
        result.query = None
    result.elapsed_ms = (time.perf_counter() - t0) * 1000
    return result
