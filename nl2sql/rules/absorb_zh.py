"""The Chinese words beside a refused word that a metric's label already says.

Why its own module: a kept question (:func:`nl2sql.rules.suggest._kept_question`) puts a related
metric in place of the unknown word; in English the words beside it that the label says go with
it ("average claim size" -> "Claim Severity"). In Chinese they stayed: "门诊平均医保支付最高的是
哪个州" became "门诊平均Inpatient Detail Avg Total Payments支付最高的是哪个州" — 门诊 (outpatient),
平均 (average) and 支付 (payment) said twice, once in each language. Here a Chinese word next to
the unknown one goes with it when a dictionary renders a word of the label with it (the loose
look-up for ranking, :mod:`nl2sql.vocabulary.renderings`) or it asks for an average and the metric
is one; the rewrite is checked by the engine before it is offered.
"""

from __future__ import annotations

import datetime as dt

from nl2sql.lexicon import Lexicon, normalize, segment
from nl2sql.normalize import has_cjk
from nl2sql.rules.related_metrics import AVERAGE, english_words
from nl2sql.timeparse import find_times
from nl2sql.vocabulary.renderings import renders


def unknown_runs(question: str, lex: Lexicon) -> list[str]:
    """The question's Chinese words of two characters or more that name no model term: words
    :func:`~nl2sql.rules.related_metrics.related_metrics` may render in the dictionaries to
    rank the metrics by."""
    if not has_cjk(question):
        return []
    # a time expression is no metric's word: 上个月 renders "last month", which named a
    # period-over-period metric ("Stays vs Last Month") before the plain ones
    times = find_times(question, dt.date.today())
    out = []
    for start, end, w in _spans(question, lex):
        if any(t.start < end and start < t.end for t in times):
            continue
        w = normalize(w)
        if len(w) >= 2 and has_cjk(w) and (w,) not in lex.terms:
            out.append(w)
    return out


def _spans(question: str, lex: Lexicon) -> list[tuple[int, int, str]]:
    """The question's words with their places (segment drops only spaces)."""
    out, pos = [], 0
    for w in segment(question, lex):
        at = question.find(w, pos)
        if at < 0:
            return []
        out.append((at, at + len(w), w))
        pos = at + len(w)
    return out


def absorbed_zh(question: str, target: str, label: str, average: bool, lex: Lexicon) -> str:
    """``target`` widened over the Chinese words right beside it that ``label`` says (see the
    module docstring); ``target`` itself when none does or it is not Chinese."""
    at = question.find(target)
    if at < 0 or not has_cjk(target):
        return target
    words = english_words(label)

    def says(w: str) -> bool:
        if not has_cjk(w) or len(w) < 2:
            return False
        return renders(w, words) or (average and bool(AVERAGE.fullmatch(w)))

    spans = _spans(question, lex)
    lo, hi = at, at + len(target)
    for start, end, w in reversed([s for s in spans if s[1] <= lo]):
        if end != lo or not says(w):
            break
        lo = start
    for start, end, w in [s for s in spans if s[0] >= hi]:
        if start != hi or not says(w):
            break
        hi = end
    return question[lo:hi]
