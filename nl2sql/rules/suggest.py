"""Runnable suggestions for a refused question: the question rewritten with the closest
readings, each one checked to be answerable by the engine itself.

Why questions and not catalog strings: a raw catalog string is a dead end for a business user;
"Did you mean: 上海徐汇店的订单数?" is one click from an answer. Every candidate runs through the
engine (same catalog, date and context) and is kept only when understood, so a clicked
suggestion is never refused again; candidates are in the question's language.

Where candidates come from, by what the refusal names (see :class:`~nl2sql.rules.items.Refusal`):

- ``words`` (an unknown or ambiguous word) -> the word replaced by a reading: the refusal's
  ``senses`` when it knows them (an ambiguity), else the model terms closest in spelling;
- ``kind == "no_metric"`` -> the question with a metric added;
- when none of those is answerable, only its unknown words change: dropped, or replaced by
  the metrics *related* to what it does name (:func:`nl2sql.rules.related_metrics.related_metrics`),
  before the model's example questions are offered.
- ``kind == "offtopic"`` ("hello", "天气怎么样", "") -> the model's example questions only.

This module rewrites the question; the readings come from :mod:`nl2sql.rules.closest` (the
senses closest to a word, and those that fit where it stands), the written forms of a sense
from :mod:`nl2sql.rules.sense_phrases`, and the check that no rewrite cuts a number from
:mod:`nl2sql.rules.number_cuts`.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable

from nl2sql.affixes import negated_stem
from nl2sql.interpret import item_label, metric_label
from nl2sql.lexicon import Lexicon, normalize
from nl2sql.normalize import has_cjk
from nl2sql.rules.absorb_zh import absorbed_zh, unknown_runs
from nl2sql.rules.closest import (
    BREAKDOWN_EN,
    BREAKDOWN_ZH,
    closest_senses,
    in_breakdown_slot,
    slot_senses,
)
from nl2sql.rules.items import Refusal, detect_lang
from nl2sql.rules.kept_marks import marks_kept
from nl2sql.rules.number_cuts import Check, keeping_numbers
from nl2sql.rules.related_metrics import AVERAGE, english_words, is_average, related_metrics
from nl2sql.rules.roles import role_phrase
from nl2sql.rules.sense_phrases import distinct_phrases, phrases
from nl2sql.vocabulary.english import singular
from semantic_layer.catalog import Catalog

#: how many suggestions a refusal offers, and how many candidates are tried to find them
MAX_SUGGESTIONS = 3
MAX_ATTEMPTS = 14


def _replace(question: str, word: str, phrase: str) -> str | None:
    """``question`` with its first ``word`` (any case) replaced by ``phrase``; a word dropped
    from the start of a Chinese question takes its 的 with it ("前锋的每90分钟进球" ->
    "每90分钟进球", not "的每90分钟进球").

    >>> _replace("前锋的每90分钟进球", "前锋", "")
    '每90分钟进球'
    """
    pattern = re.escape(word) if has_cjk(word) else rf"(?<![A-Za-z]){re.escape(word)}(?![A-Za-z])"
    got, n = re.subn(pattern, phrase, question, count=1, flags=re.IGNORECASE)
    if not n:
        return None
    got = re.sub(r"\s{2,}", " ", got).strip()
    return got[1:] if not phrase and got.startswith("的") and has_cjk(word) else got


def _word_candidates(
    question: str, refusal: Refusal, lex: Lexicon, catalog: Catalog, lang: str
) -> list[list[str]]:
    """Rewrites of the first word refused, one group per reading (alternative spellings of
    the same reading in one group: only the first answerable one is offered).

    Refused words written next to each other are one phrase ("期末KPI", "net kpi"): the whole
    span is replaced, and every word of it lends its weak readings (a partial name's
    clarifications), so "各地区的期末KPI" becomes "各地区的Ending KPI" rather than a list of
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
    stem = negated_stem(target, lambda w: (w,) in lex.terms)
    if stem is not None:  # "unresolved": "not resolved", never the word dropped (all of them)
        return [[q for q in [_replace(base, target, f"not {stem}")] if q]]
    weak = [s for w in said for s in lex.clarify.get(normalize(w), [])]
    close = [s for w in said for s in closest_senses(lex, w)]
    # an ambiguity lists its readings itself; one lone reading is a "did you mean", where the
    # other terms the words could name are offered after it
    extra = [*weak, *close] if len(refusal.senses) < 2 else []
    senses = list(dict.fromkeys([*refusal.senses, *extra]))
    if not refusal.senses:
        senses = slot_senses(question, target, senses, catalog)
    groups: list[list[str]] = []
    # a word at either end may just be superfluous ("GMV pls", "GMV 42"); one in the middle
    # carries the sentence ("按颜色统计GMV") and dropping it would leave a different question
    at_edge = base.lower().startswith(target.lower()) or base.lower().endswith(target.lower())
    if not refusal.senses and at_edge:
        groups.append([q for q in [_replace(base, target, "")] if q])
    for sense, own in zip(senses, distinct_phrases(catalog, senses, lang), strict=True):
        # one value in several roles: name the role before it
        forms = [role_phrase(catalog, sense, lang)] if refusal.kind == "role" else own
        groups.append([q for ph in forms if (q := _replace(base, target, ph))])
    return groups


#: readings tried per unknown word, and rewrites tried, when several words are unknown at once
_READINGS_PER_WORD, _COMBINED = 2, 4


def _combined_candidates(
    question: str, refusal: Refusal, lex: Lexicon, catalog: Catalog, lang: str, least: int = 2
) -> list[list[str]]:
    """Several unknown words apart from each other ("各分馆的借款笔数": 分馆 where a breakdown
    goes, 借款笔数 where the metric goes): every word replaced by one of its closest readings
    at once — the rewrite of one word alone keeps the other unknown, or drops it and with it
    half the question. A word with no reading is dropped; one group, its first answerable
    rewrite offered. ``least``: the fewest unknown words this is tried for."""
    words = list(dict.fromkeys(refusal.words))
    if len(words) < least or refusal.senses or _adjacent_span(question, words) is not None:
        return []
    choices: list[list[str]] = []
    for w in words:
        senses = slot_senses(question, w, closest_senses(lex, w), catalog)
        readings = [phrases(catalog, s, lang)[0] for s in senses]
        choices.append(list(dict.fromkeys(readings))[:_READINGS_PER_WORD] or [""])
    if all(c == [""] for c in choices):
        return []
    out: list[str] = []
    for combo in itertools.islice(itertools.product(*choices), _COMBINED):
        q = question
        for w, ph in zip(words, combo, strict=True):
            q = _replace(q, w, ph) or q
        out.append(q)
    return [out]


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


def _metric_candidates(
    question: str, catalog: Catalog, lang: str, order: list[str] | None = None
) -> list[str]:
    q = question.strip().rstrip("?？。.!！ ")
    names = order if order is not None else [m.name for m in catalog.metrics]
    # a metric comparing periods has no value asked bare (it needs a grain): never offered so
    bare = [n for n in names if not ((m := catalog.metric(n)) and m.compares_periods)]
    labels = [metric_label(catalog, name, lang) for name in bare]
    if order is not None:  # a kept question: the metric joins its words, not its grammar
        q = _ZH_ASKING.sub("", q) if lang == "zh" else q
        if not q or (lang == "en" and _EN_ASKING.match(q)):
            return []
    if lang == "zh":
        return [f"{q}的{label}" for label in labels]
    return [f"{label} {q}" for label in labels]


#: a Chinese question's closing "how much" and an English question's opening wh-word: a metric
#: written before or after them makes no sentence ("X的是多少的GMV", "GMV what is X")
_ZH_ASKING = re.compile(r"(的)?(是多少|是什么|有多少|多少)$")
_EN_ASKING = re.compile(r"(what|how|which|who|when|where|why|show|list|give)\b", re.IGNORECASE)


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


def ask_metric(label: str, lang: str) -> str:
    """A metric's label asked on its own, in ``lang`` ("Bookings", "Bookings是多少").

    >>> ask_metric("Bookings", "zh"), ask_metric("预订数", "zh"), ask_metric("Bookings", "en")
    ('Bookings是多少', '预订数', 'Bookings')
    """
    return _ZH_ASK.format(label) if lang == "zh" and label.isascii() else label


def example_questions(catalog: Catalog, lang: str, order: list[str] | None = None) -> list[str]:
    """The model's example questions in ``lang``, else all of them and the metric labels —
    asked in the question's language: an English-only model's label alone ("Claim Count") is
    no Chinese question, "Claim Count是多少" is. ``order``: the metric names in the order to
    offer them (:func:`related_metrics` of the refused question), else the model's."""
    own = [q for q in catalog.example_questions if detect_lang(q) == lang]
    if own:
        return own
    names = order if order is not None else [m.name for m in catalog.metrics]
    # a metric comparing periods has no value asked bare (it needs a grain): never offered so
    bare = [n for n in names if not ((m := catalog.metric(n)) and m.compares_periods)]
    labels = [metric_label(catalog, name, lang) for name in bare]
    if lang == "zh":
        labels = [q if detect_lang(q) == "zh" else _ZH_ASK.format(q) for q in labels]
    return list(catalog.example_questions) + labels


def _literally(text: str) -> Callable[[re.Match[str]], str]:
    """A replacement that puts ``text`` in as written (no backslash escapes read in it)."""
    return lambda _m: text


def suggest_questions(
    question: str, refusal: Refusal, lex: Lexicon | None, catalog: Catalog, lang: str, check: Check
) -> list[str]:
    """Up to :data:`MAX_SUGGESTIONS` rewritten questions that ``check`` finds answerable."""
    groups: list[list[str]] = []
    if refusal.kind == "offtopic":
        # nothing of the model named: a greeting has no closest term, but words the
        # dictionaries render as the model's ("各分馆的票价": branch, fees) are its question
        groups = _combined_candidates(question, refusal, lex, catalog, lang, 1) if lex else []
    elif refusal.kind in ("negation", "number"):
        pass  # an exclusion or a condition's number must not be rewritten away
    elif refusal.kind == "compare":
        groups = [[q] for q in _breakdown_candidates(question, refusal, catalog, lang)]
    elif refusal.kind == "period":
        groups = [[q] for q in _period_candidates(question, lang)]
    elif refusal.kind == "replace" and len(refusal.words) >= 2:
        # a word with several readings: the question with each reading written out
        # (case apart: a refusal may name the word as read, "in gb" for "in GB")
        said = re.compile(re.escape(refusal.words[0]), re.IGNORECASE)
        groups = [[said.sub(_literally(w), question, count=1)] for w in refusal.words[1:]]
    elif refusal.kind == "questions":  # whole questions the refusal wrote, in either language
        groups = [[q] for q in refusal.words if detect_lang(q) == lang]
    elif refusal.kind == "metrics":  # the metrics the question asks about, each plainly
        groups = [[ask_metric(metric_label(catalog, s.name, lang), lang)] for s in refusal.senses]
    elif refusal.kind == "split":
        groups = [[q] for q in split_candidates(question)]
    elif refusal.kind == "polar" and refusal.words:
        # "the worst loss ratio": the question with each end said plainly
        ends = ("最高", "最低") if lang == "zh" else ("highest", "lowest")
        groups = [[question.replace(refusal.words[0], end, 1)] for end in ends]
    elif refusal.words and lex is not None:
        groups = _combined_candidates(question, refusal, lex, catalog, lang)
        groups += _word_candidates(question, refusal, lex, catalog, lang)
    elif refusal.kind == "no_metric":
        order = related_metrics(question, lex, catalog, refusal.words) if lex is not None else None
        groups = [[q] for q in _metric_candidates(question, catalog, lang, order)]
    # a rewrite may leave a number out, never cut one: "over 1,5" dropping the unknown "5"
    # offered "over 1," (GMV > 1); written readings of a number ("replace") are the exception
    kept = check if refusal.kind == "replace" else keeping_numbers(question, check)
    out = _verified(question, groups, kept)
    if not out and refusal.words and lex is not None and refusal.kind not in _KEEP_WORDS:
        out = _kept_question(question, refusal, lex, catalog, lang, kept)
    if refusal.kind != "replace":  # never one dropping a negation/each word (rules.kept_marks)
        out = marks_kept(question, out)  # ("replace" writes a reading out: 'not x' as a value)
    if out:
        return out
    # nothing close: the model's own questions, or its metrics — those related to what the
    # question names first, so "各州的出院人次" is not offered the model's first metric
    order = related_metrics(question, lex, catalog, unknown_runs(question, lex)) if lex else None
    if order is not None:  # the metrics an ambiguity named first: the user meant one of them
        named = [s.name for s in refusal.senses if s.kind == "metric"]
        order = list(dict.fromkeys([*[n for n in named if n in order], *order]))
    examples = [[q] for q in example_questions(catalog, lang, order)]
    return marks_kept(question, _verified(question, examples, check))


#: refusals whose words must not be dropped or replaced: an exclusion or a comparison rewritten
#: away would suggest the opposite question
_KEEP_WORDS = frozenset(
    {
        "offtopic",
        "negation",
        "compare",
        "polar",
        "split",
        "replace",
        "period",
        "metrics",
        "questions",
        "number",
    }
)


def _kept_question(
    question: str, refusal: Refusal, lex: Lexicon, catalog: Catalog, lang: str, check: Check
) -> list[str]:
    """The question with only its unknown words changed; the rest — its breakdown, dates and
    conditions — is what the user asked and is kept.

    When the question is understood without the unknown words, that question alone is offered
    (the words qualified something the model cannot: "how many open claims" -> "how many
    claims"). When it is not, the words stood where a metric does ("total case reserves by
    line of business"), and the related metrics (:func:`related_metrics`) are put in their place.
    """
    span = _adjacent_span(question, refusal.words)
    target = span[0] if span is not None else refusal.words[0]
    said = span[1] if span is not None else [refusal.words[0]]
    base = question
    for w in refusal.words:
        if w not in said:
            base = _replace(base, w, "") or base
    dropped = _without_breakdown(base, target) or _replace(base, target, "")
    if dropped:  # a Chinese 的 left hanging at the end ("2024年保单的") goes with the word
        dropped = re.sub(r"的(?=[？?。!！]?$)", "", dropped).strip()
    if dropped and dropped != question and check(dropped):
        return [dropped]
    # every Chinese word the model does not know ranks too: 门诊 (outpatient) beside 医保
    unknown = list(dict.fromkeys([*refusal.words, *unknown_runs(question, lex)]))
    order = related_metrics(question, lex, catalog, unknown)
    groups: list[list[str]] = []
    for name in order[:4]:
        label = metric_label(catalog, name, lang)
        average = is_average(catalog.metric(name), label)
        if has_cjk(target):  # the Chinese words beside it that the label says go with it
            phrase = absorbed_zh(base, target, label, average, lex)
        else:
            phrase = _absorbed(base, target, label, average)
        groups.append([q for q in [_replace(base, phrase, label)] if q])
    if dropped:
        groups += [[q] for q in _metric_candidates(dropped, catalog, lang, order)[:3]]
    return _verified(question, groups, check)


def _without_breakdown(question: str, word: str) -> str | None:
    """``question`` without ``word`` and the 按 / 各 / by / per that put it as a breakdown.

    Why: dropping the word alone left the breakdown word hanging — "按颜色统计GMV" was offered
    as "按统计GMV", which reads as nothing; the question the suggestion answers is "统计GMV".

    >>> _without_breakdown("按颜色统计GMV", "颜色")
    '统计GMV'
    >>> _without_breakdown("GMV by colour last month", "colour")
    'GMV last month'
    >>> _without_breakdown("颜色的GMV", "颜色") is None
    True
    """
    if not in_breakdown_slot(question, word):
        return None
    word_re = re.escape(word) if has_cjk(word) else rf"{re.escape(word)}(?![A-Za-z])"
    pattern = rf"(?:(?<![A-Za-z])(?:{BREAKDOWN_EN})|{BREAKDOWN_ZH})\s*{word_re}的?"
    got, n = re.subn(pattern, "", question, count=1, flags=re.IGNORECASE)
    if not n:
        return None
    got = re.sub(r"\s{2,}", " ", got).strip()
    return got or None


def _absorbed(question: str, target: str, label: str, average: bool) -> str:
    """``target`` widened over the English words beside it that ``label`` already says, so the
    label replaces the whole phrase: "average claim size" with Claim Severity (an average) is
    "Claim Severity", not "average claim Claim Severity".

    >>> _absorbed("average claim size by state", "size", "Claim Severity", True)
    'average claim size'
    >>> _absorbed("total case reserves by state", "case reserves", "Incurred Loss", False)
    'case reserves'
    >>> _absorbed("the average age of customers", "age", "Average Order Value", True)
    'average age'
    """
    words = english_words(label)
    # the word itself, not the same letters inside another ("age" in "average")
    pattern = (
        re.escape(target) if has_cjk(target) else rf"(?<![A-Za-z]){re.escape(target)}(?![A-Za-z])"
    )
    found = re.search(pattern, question, flags=re.IGNORECASE)
    if found is None:
        return target
    lo, hi = found.span()
    while True:
        m = re.search(r"([A-Za-z]+)\s+$", question[:lo])
        if not m or not (
            singular(m.group(1).lower()) in words or (average and AVERAGE.fullmatch(m.group(1)))
        ):
            break
        lo = m.start(1)
    while True:
        m = re.match(r"\s+([A-Za-z]+)", question[hi:])
        if not m or singular(m.group(1).lower()) not in words:
            break
        hi += m.end(1)
    return question[lo:hi]


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


#: an English word as a reader sees it: a hyphenated one is one word ("on On-Hand" says none twice)
_WORD_RUN = re.compile(r"[A-Za-z]+(?:-[A-Za-z]+)*")


def doubled_word(question: str, candidate: str) -> bool:
    """Whether ``candidate`` says one English word twice in a row where ``question`` does not.

    Why: a reading put in beside the word that already said part of it reads as nonsense and
    asks something else ("What's the average Average Order Value of our customers?").

    >>> doubled_word("average age of customers", "average Average Order Value of customers")
    True
    >>> doubled_word("orders by product category", "Revenue by product category")
    False
    >>> doubled_word("value on hand", "value on On-Hand Inventory Value")
    False
    """

    def pairs(text: str) -> set[str]:
        words = [w.lower() for w in _WORD_RUN.findall(text)]
        return {a for a, b in itertools.pairwise(words) if a == b}

    return bool(pairs(candidate) - pairs(question))


def _verified(question: str, groups: list[list[str]], check: Check) -> list[str]:
    """The first answerable candidate of each group, within the attempt budget (never one that
    doubles a word, :func:`doubled_word`)."""
    out: list[str] = []
    tried = 0
    for group in groups:
        for cand in group:
            if tried >= MAX_ATTEMPTS or len(out) >= MAX_SUGGESTIONS:
                return out
            if not cand or cand == question or cand in out or doubled_word(question, cand):
                continue
            tried += 1
            if check(cand):
                out.append(cand)
                break
    return out
