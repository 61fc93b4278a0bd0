"""Runnable suggestions for a refused question: the question rewritten with the closest
readings, each one checked to be answerable by the engine itself.

Why questions and not catalog strings: "value yellow of recon_flow__recon_status" is a dead
end for a business user; "Did you mean: 上海徐汇店的订单数?" is one click away from an answer.
Every candidate is run through the engine (same catalog, date and follow-up context) and
kept only when it is understood, so a clicked suggestion is never refused again. Candidates
are written in the question's language (labels and synonyms in that script).

Where candidates come from, by what the refusal names (see :class:`~nl2sql.rules.items.Refusal`):

- ``words`` (an unknown or ambiguous word) -> the word replaced by a reading: the refusal's
  ``senses`` when it knows them (an ambiguity), else the model terms closest in spelling;
- ``kind == "no_metric"`` -> the question with a metric added;
- ``kind == "offtopic"`` (nothing of the model named: "hello", "天气怎么样", "") -> the model's
  example questions, never unrelated metrics.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from rapidfuzz import fuzz, process

from nl2sql.interpret import item_label, metric_label, value_label
from nl2sql.lexicon import Lexicon, Sense, normalize
from nl2sql.rules.items import Refusal, detect_lang
from nl2sql.rules.roles import role_phrase
from nl2sql.rules.typo import close_to_any_word
from semantic_layer.catalog import Catalog

#: how many suggestions a refusal offers, and how many candidates are tried to find them
MAX_SUGGESTIONS = 3
MAX_ATTEMPTS = 14

Check = Callable[[str], bool]


def _has_cjk(text: str) -> bool:
    return any("\u3400" <= ch <= "\u9fff" for ch in text)


def _dimension_names(catalog: Catalog, name: str, lang: str) -> list[str]:
    """Ways to name a dimension: the one for ``lang`` first, then its label and synonyms."""
    d = catalog.dimension(name)
    names = [item_label(catalog, name, lang)]
    if d is not None:
        names += [d.label, *d.synonyms]
    return list(dict.fromkeys(n for n in names if n))


def phrases(catalog: Catalog, sense: Sense, lang: str) -> list[str]:
    """Ways to write ``sense`` in a ``lang`` question, plainest first.

    A value also comes with its dimension in front ("渠道京东", "sales channel jd"), the form
    that settles an ambiguity between two dimensions with the same value; the first such form
    is the one to show in a reason.
    """
    if sense.kind == "metric":
        return [metric_label(catalog, sense.name, lang)]
    if sense.kind in ("dimension", "entity"):
        return [item_label(catalog, sense.name, lang)]
    value = value_label(catalog, sense.name, sense.value, lang)
    sep = "" if lang == "zh" else " "
    qualified = [f"{dim}{sep}{value}" for dim in _dimension_names(catalog, sense.name, lang)]
    return [qualified[0], value, *qualified[1:]]


def closest_senses(lex: Lexicon, word: str, limit: int = 4) -> list[Sense]:
    """The model senses whose terms are spelled closest to ``word`` (same script only)."""
    w = normalize(word)
    if not w:
        return []
    cjk = _has_cjk(w)
    pool = [t for t in lex.suggestion_terms if _has_cjk(t) == cjk]
    scorer = fuzz.ratio if cjk else fuzz.WRatio
    out: list[Sense] = []
    for term, score, _ in process.extract(w, pool, scorer=scorer, limit=limit * 2):
        if score < (51 if cjk else 60):
            continue
        if not cjk and not close_to_any_word(w, term):
            continue  # a similar-looking other word ("signed" / "shipment"): not a typo
        for sense in lex.suggestion_terms[term]:
            if sense not in out:
                out.append(sense)
    return out[:limit]


def _replace(question: str, word: str, phrase: str) -> str | None:
    """``question`` with its first ``word`` (any case) replaced by ``phrase``."""
    pattern = re.escape(word) if _has_cjk(word) else rf"(?<![A-Za-z]){re.escape(word)}(?![A-Za-z])"
    got, n = re.subn(pattern, phrase, question, count=1, flags=re.IGNORECASE)
    if not n:
        return None
    return re.sub(r"\s{2,}", " ", got).strip()


def _word_candidates(
    question: str, refusal: Refusal, lex: Lexicon, catalog: Catalog, lang: str
) -> list[list[str]]:
    """Rewrites of the first word refused, one group per reading (alternative spellings of
    the same reading in one group: only the first answerable one is offered).

    Refused words written next to each other are one phrase ("期末ARR", "net arr"): the whole
    span is replaced, and every word of it lends its weak readings (a partial name's
    clarifications), so "各地区的期末ARR" becomes "各地区的Ending ARR" rather than a list of
    the model's example questions. Readings spelled like the words come after a lone reading
    of the refusal's own (an ambiguity offers its own readings only); every candidate is
    checked by the engine anyway.
    """
    first, others = refusal.words[0], refusal.words[1:]
    span = _adjacent_span(question, refusal.words)
    base = question
    for w in others:  # several unknown words: the rewrite of the first drops the rest
        if span is None or w not in span[1]:
            base = _replace(base, w, "") or base
    target = span[0] if span is not None else first
    said = span[1] if span is not None else [first]
    weak = [s for w in said for s in lex.clarify.get(normalize(w), [])]
    close = [s for w in said for s in closest_senses(lex, w)]
    # an ambiguity lists its readings itself; one lone reading is a "did you mean", where the
    # other terms the words could name are offered after it
    extra = [*weak, *close] if len(refusal.senses) < 2 else []
    senses = list(dict.fromkeys([*refusal.senses, *extra]))
    groups: list[list[str]] = []
    # a word at either end may just be superfluous ("GMV pls", "GMV 42"); one in the middle
    # carries the sentence ("按颜色统计GMV") and dropping it would leave a different question
    at_edge = base.lower().startswith(target.lower()) or base.lower().endswith(target.lower())
    if not refusal.senses and at_edge:
        groups.append([q for q in [_replace(base, target, "")] if q])
    for sense in senses:
        if refusal.kind == "role":  # one value in several roles: name the role before it
            forms = [role_phrase(catalog, sense, lang)]
        else:
            forms = phrases(catalog, sense, lang)
        groups.append([q for ph in forms if (q := _replace(base, target, ph))])
    return groups


def _adjacent_span(question: str, words: list[str]) -> tuple[str, list[str]] | None:
    """The question's text of the first refused word with the refused words written right
    next to it (only spaces between), and those words; None when it stands alone."""
    found = []
    for w in dict.fromkeys(words):
        m = re.search(re.escape(w), question, flags=re.IGNORECASE)
        if m:
            found.append((m.start(), m.end(), w))
    found.sort()
    at = next((i for i, f in enumerate(found) if f[2] == words[0]), None)
    if at is None:
        return None
    lo = hi = at
    while lo > 0 and not question[found[lo - 1][1] : found[lo][0]].strip():
        lo -= 1
    while hi + 1 < len(found) and not question[found[hi][1] : found[hi + 1][0]].strip():
        hi += 1
    if lo == hi:
        return None
    return question[found[lo][0] : found[hi][1]], [f[2] for f in found[lo : hi + 1]]


def _metric_candidates(question: str, catalog: Catalog, lang: str) -> list[str]:
    q = question.strip().rstrip("?？。.!！ ")
    labels = [metric_label(catalog, m.name, lang) for m in catalog.metrics]
    if lang == "zh":
        return [f"{q}的{label}" for label in labels]
    return [f"{label} {q}" for label in labels]


def _breakdown_candidates(
    question: str, refusal: Refusal, catalog: Catalog, lang: str
) -> list[str]:
    """A comparison with no sides named, rewritten as a breakdown (the sides side by side)
    by the dimensions the question's metrics (``refusal.senses``) can be broken down by."""
    cut = _replace(question, refusal.words[0], "") if refusal.words else question
    base = (cut or question).strip().rstrip("?？。.!！ ")
    metrics = [m for s in refusal.senses if (m := catalog.metric(s.name)) is not None]
    dims = [
        d.name
        for d in catalog.dimensions
        if d.values
        and d.dim_type != "time"
        and all(not m.dimensions or d.name in m.dimensions for m in metrics)
    ]
    labels = list(dict.fromkeys(item_label(catalog, d, lang) for d in dims))
    if lang == "zh":
        return [f"按{label}{base}" for label in labels]
    return [f"{base} by {label}" for label in labels]


def _period_candidates(question: str, lang: str) -> list[str]:
    """A change over time with no period, rewritten with a time grain ("每月GMV环比")."""
    q = question.strip().rstrip("?？。.!！ ")
    if lang == "zh":
        return [f"每{g}{q}" for g in ("月", "周", "季度", "年")]
    return [f"{q} by {g}" for g in ("month", "week", "quarter", "year")]


#: a metric asked about in Chinese when the model names it only in English ("Claim Count是多少")
_ZH_ASK = "{}是多少"


def example_questions(catalog: Catalog, lang: str) -> list[str]:
    """The model's example questions in ``lang``, else all of them and the metric labels —
    asked in the question's language: an English-only model's label alone ("Claim Count") is
    no Chinese question, "Claim Count是多少" is."""
    own = [q for q in catalog.example_questions if detect_lang(q) == lang]
    if own:
        return own
    labels = [metric_label(catalog, m.name, lang) for m in catalog.metrics]
    if lang == "zh":
        labels = [q if detect_lang(q) == "zh" else _ZH_ASK.format(q) for q in labels]
    return list(catalog.example_questions) + labels


def suggest_questions(
    question: str, refusal: Refusal, lex: Lexicon | None, catalog: Catalog, lang: str, check: Check
) -> list[str]:
    """Up to :data:`MAX_SUGGESTIONS` rewritten questions that ``check`` finds answerable."""
    groups: list[list[str]] = []
    if refusal.kind in ("offtopic", "negation"):
        pass  # a greeting has no closest term; an exclusion must not be rewritten away
    elif refusal.kind == "compare":
        groups = [[q] for q in _breakdown_candidates(question, refusal, catalog, lang)]
    elif refusal.kind == "period":
        groups = [[q] for q in _period_candidates(question, lang)]
    elif refusal.kind == "replace" and len(refusal.words) >= 2:
        # a word with several readings: the question with each reading written out
        groups = [[question.replace(refusal.words[0], w, 1)] for w in refusal.words[1:]]
    elif refusal.kind == "split":
        groups = [[q] for q in split_candidates(question)]
    elif refusal.kind == "polar" and refusal.words:
        # "the worst loss ratio": the question with each end said plainly
        ends = ("最高", "最低") if lang == "zh" else ("highest", "lowest")
        groups = [[question.replace(refusal.words[0], end, 1)] for end in ends]
    elif refusal.words and lex is not None:
        groups = _word_candidates(question, refusal, lex, catalog, lang)
    elif refusal.kind == "no_metric":
        groups = [[q] for q in _metric_candidates(question, catalog, lang)]
    out = _verified(question, groups, check)
    # nothing close is answerable: what the model can answer, from its own examples
    return out or _verified(question, [[q] for q in example_questions(catalog, lang)], check)


def split_candidates(question: str) -> list[str]:
    """The question's halves around its first "and" / 和 / 与 / 以及: one metric asked twice
    under different conditions is asked one condition at a time.

    >>> split_candidates("flights from JFK and flights to LAX")
    ['flights from JFK', 'flights to LAX']
    >>> split_candidates("jd的GMV和VIP客户的GMV")
    ['jd的GMV', 'VIP客户的GMV']
    """
    parts = re.split(r"\s+and\s+|以及|和|与", question.strip(" ?？"), maxsplit=1)
    return [x.strip() for x in parts if x.strip()] if len(parts) == 2 else []


def _verified(question: str, groups: list[list[str]], check: Check) -> list[str]:
    """The first answerable candidate of each group, within the attempt budget."""
    out: list[str] = []
    tried = 0
    for group in groups:
        for cand in group:
            if tried >= MAX_ATTEMPTS or len(out) >= MAX_SUGGESTIONS:
                return out
            if not cand or cand == question or cand in out:
                continue
            tried += 1
            if check(cand):
                out.append(cand)
                break
    return out
