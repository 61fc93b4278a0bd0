"""The model senses closest to a refused word, and the senses that fit where it stands.

Why a module of its own: finding readings for an unknown word (this module) is one job,
rewriting the question with them (:mod:`nl2sql.rules.suggest`) another; the engine also asks
:func:`in_breakdown_slot` on its own. Each comparison runs against the lexicon's own pool of
terms in the word's script (:meth:`nl2sql.lexicon.Lexicon.suggestion_pool`), split once per
lexicon rather than once per call.
"""

from __future__ import annotations

import re

from rapidfuzz import fuzz, process

from nl2sql.lexicon import Lexicon, Sense, normalize
from nl2sql.normalize import has_cjk
from nl2sql.rules.related_metrics import english_words
from nl2sql.rules.typo import close_to_any_word
from nl2sql.vocabulary.renderings import renders
from semantic_layer.catalog import Catalog


def closest_senses(lex: Lexicon, word: str, limit: int = 4) -> list[Sense]:
    """The model senses whose terms are spelled closest to ``word`` (same script only); for a
    Chinese word also the metrics, dimensions and entities whose English words it renders in
    either dictionary (:func:`rendered_senses`), since spelling says nothing across scripts."""
    w = normalize(word)
    if not w:
        return []
    cjk = has_cjk(w)
    pool = lex.suggestion_pool(cjk)
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
    if cjk:
        out += [s for s in rendered_senses(lex, w) if s not in out]
    return out[:limit]


def rendered_senses(lex: Lexicon, word: str) -> list[Sense]:
    """Metrics, dimensions and entities one of whose English terms has a word that ``word``
    renders (:mod:`nl2sql.vocabulary.renderings`): 分馆 "branch (of a library)" -> a
    ``branch`` dimension. Too loose to answer on; a reading to offer, checked before it is."""
    out: list[Sense] = []
    for term in lex.suggestion_pool(False):
        kept = [s for s in lex.suggestion_terms[term] if s.kind != "value" and s not in out]
        if kept and renders(word, english_words(term)):
            out += kept
    return out


#: the words that put a breakdown before them ("各X", "按X", "by X", "per X"), and how many of
#: the model's own breakdowns a word standing there is offered when nothing is close to it
BREAKDOWN_ZH = "各个|各|按照|按|每一个|每个|每一"
BREAKDOWN_EN = "by|per|for each|across"
_BREAKDOWN_BEFORE = re.compile(rf"({BREAKDOWN_ZH}|{BREAKDOWN_EN})\s*$", re.IGNORECASE)
#: what may follow a whole breakdown: 的, a verb of grouping, punctuation, a space, the end
_BREAKDOWN_AFTER = re.compile(r"(的|统计|看|来看|分组|汇总|排名|列出|[\s,，。.?？!！]|$)")
_MAX_BREAKDOWNS = 3


def in_breakdown_slot(question: str, word: str) -> bool:
    """Whether ``word`` stands where a breakdown goes: right after 各 / 按 / 每个 / by / per.

    >>> in_breakdown_slot("各分馆的借款笔数", "分馆"), in_breakdown_slot("loans by outlet", "outlet")
    (True, True)
    >>> in_breakdown_slot("分馆的借款笔数", "分馆"), in_breakdown_slot("outlet loans", "outlet")
    (False, False)
    >>> in_breakdown_slot("各施工类型的许可证数量", "施工")  # it qualifies 类型, a known word
    False
    >>> in_breakdown_slot("各个球场看的比赛场数", "球场")
    True
    """
    at = question.lower().find(word.lower())
    if at <= 0 or not _BREAKDOWN_BEFORE.search(question[:at]):
        return False
    # the whole breakdown, not a modifier of the word after it ("各施工类型": 施工 qualifies 类型)
    return bool(_BREAKDOWN_AFTER.match(question[at + len(word) :]))


def slot_senses(question: str, word: str, senses: list[Sense], catalog: Catalog) -> list[Sense]:
    """``senses`` that fit where ``word`` stands: after 各 / 按 / by ("各分馆的…", "by
    outlet") the word names what to break down by, so only a dimension or an entity can stand
    there, and the model's own breakdowns come after those the word is close to."""
    if not in_breakdown_slot(question, word):
        return senses
    fit = [s for s in senses if s.kind in ("dimension", "entity")]
    return fit + [d for d in breakdown_senses(catalog) if d not in fit][:_MAX_BREAKDOWNS]


def breakdown_senses(catalog: Catalog) -> list[Sense]:
    """The model's categorical dimensions, as senses, those with known values first (a
    breakdown by a column of a few values is the one a person most likely meant)."""
    dims = [d for d in catalog.dimensions if d.dim_type != "time"]
    dims.sort(key=lambda d: not d.values)
    return [Sense("dimension", d.name) for d in dims]
