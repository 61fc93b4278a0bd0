"""The page's presentation of one answer (chart, chart kinds, column labels), remembered.

Why apart from :mod:`lab.server.service`: answering a question (engine, warehouse, cache,
roles) and drawing what the Ask page shows of the result are two jobs; this one is a pure
function of the answer kept under exactly what it depends on, with its own memo and the
metrics' last days with data.
"""

from __future__ import annotations

import hashlib
import json
import logging
import weakref
from collections.abc import Callable
from contextlib import AbstractContextManager
from typing import Any

from lab.server.answer_cache import AnswerCache
from lab.server.presentation import DataEnds, column_meta, page_chart

log = logging.getLogger("orderlens.server")

#: Page presentations (chart spec, chart kinds, column labels) kept per result (see present).
PAGE_MEMO_SIZE = 256


class PageMemo:
    """The page's chart, chart kinds and column labels of each result, and each metric's
    last day with data per warehouse version."""

    def __init__(self, size: int = PAGE_MEMO_SIZE) -> None:
        self._pages = AnswerCache(size)
        self._data_ends: Any = None  # lab.server.presentation.DataEnds, made on first use

    def present(
        self,
        body: dict[str, Any],
        text: str,
        catalog: Any,
        model: Any,
        question: str,
        today: str,
        change: str | None,
        data_end: Any,
    ) -> tuple[dict[str, Any] | None, list[str], list[dict[str, Any]]]:
        """The page's chart, the chart kinds that fit and the column labels of one result.

        Why remembered: building the page's chart (display names, top 20 + others, kinds that
        fit, through pandas) was the largest Python cost of an answer after the query itself
        (~5 ms of GIL-held work on the demo's questions) and is a pure function of the answer's
        JSON ``text`` (SQL, columns, rows, interpretation, follow-up context), the question,
        ``today``, the metric's last day with data and the loaded model and catalog. It is kept
        under exactly those, with the model and catalog objects checked by identity, so a
        result whose rows changed (new data) is drawn anew; the query itself runs every time.
        """
        digest = hashlib.blake2b(text.encode("utf-8", "surrogatepass"), digest_size=20).digest()
        key = (digest, question, today, data_end, change, id(model), id(catalog))
        hit = self._pages.get(key)
        # weak references: a page kept for an old warehouse version must not keep its catalog
        # (the warehouse's values) alive, and an id reused by a new object never matches
        if hit is not None and hit[0]() is model and hit[1]() is catalog:
            chart, kinds, meta = json.loads(hit[2])  # a fresh copy for this body (C speed)
            return chart, kinds, meta
        # the page's chart: display names, top 20 + others, partial period; switchable
        try:
            chart, kinds = page_chart(body, catalog, model, question, today, data_end=data_end)
        except Exception:  # a chart problem never loses the answer: the engine's chart stays
            log.warning("OrderLens: the page chart failed for %r", question, exc_info=True)
            chart, kinds = None, []
        meta = column_meta(catalog, list(body.get("columns") or []), question, change)
        kept = json.dumps([chart, kinds, meta], ensure_ascii=False, default=str)
        self._pages.put(key, (weakref.ref(model), weakref.ref(catalog), kept))
        chart, kinds, meta = json.loads(kept)  # what a repeat gets: the same JSON types
        return chart, kinds, meta

    def data_end(
        self,
        body: dict[str, Any],
        model: Any,
        db: str,
        version: str,
        gate_read: Callable[[], AbstractContextManager[Any]],
    ) -> Any:
        """The last day with data of a time-series answer's metric (None otherwise).

        ``version``: the warehouse version the answer was read at. The day is kept per
        version, so only the first answer of a metric on a version reads the file (under
        ``gate_read``, the warehouse gate); later ones pass no turnstile.
        """
        if self._data_ends is None:  # imported late: the presentation module pulls in the engine
            self._data_ends = DataEnds()
        return self._data_ends.for_answer(body, model, db, version, gate_read)
