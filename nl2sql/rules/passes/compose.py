"""Pass: an unknown Chinese compound read part by part as the one model term it spells.

Why: 新建建筑 ("new building") is in no dictionary and no bridge, but 新建 glosses "new
construction; newly built" and 建筑 "building", and the model has a value ``new_building``.
A run of unknown Chinese words is split into parts that each gloss one English word of a model
term (``nl2sql.vocabulary.compose_zh``), in the order the term says them (Chinese compounds are
head-final like English ones). The reading is taken only when every part glosses the word in
its place and every word of the term is glossed — nothing of the compound is left over to be a
condition — and only when exactly one term fits; two terms that fit are asked about, never
guessed. The interpretation shows the reading ("新建建筑 → new_building").

Two widenings, both held to the same every-part-glosses test:

- a quality character the tokenizer drops as filler (高, 低, 新: general words kept out of
  questions like 高于 or 收入高) is a part when it touches the unknown run and the whole then
  spells one term (高价值 -> a value ``high_value``); the run without it is read as before;
- a run right before a term it restates (忠诚度 before the term 等级 already read as a
  dimension named ``loyalty_tier_description``) joins that term when its parts gloss, in
  order, words the term's own name or label says; 度 after a quality word (忠诚度, 满意度) is
  the quality's noun, so it is read through. A run naming any other word stays unknown.
"""

from __future__ import annotations

import contextlib
import dataclasses
import itertools
import re
from collections import ChainMap
from collections.abc import Mapping
from dataclasses import dataclass

from nl2sql.lexicon import Lexicon, Sense, normalize
from nl2sql.rules.items import Item, Refusal
from nl2sql.rules.passes.value_restated import join_dimension_restatements
from nl2sql.rules.state import ParseState
from nl2sql.vocabulary import cedict
from nl2sql.vocabulary.chinese import jieba_tag
from nl2sql.vocabulary.compose_zh import MAX_TERM_WORDS, model_term_words
from nl2sql.vocabulary.english import singular
from semantic_layer.catalog import Catalog

_CJK = re.compile(r"^[\u3400-\u9fff]+$")
#: the longest unknown run read as one compound (characters)
MAX_RUN = 8
#: the character that turns a quality into its noun (忠诚 "loyal" -> 忠诚度 "loyalty")
DEGREE_SUFFIX = "度"

Parts = Mapping[str, set[str]]


@dataclass(frozen=True)
class _Term:
    """A model term and its English words, in order."""

    sense: Sense
    words: tuple[str, ...]


#: the word a metric's name may open with that only says it is summed ("Total Pump Faults")
_TOTAL = "total"


def _terms(catalog: Catalog) -> list[_Term]:
    """Every model term of two to four words (a one-word term needs no composition), and a
    metric named "total <words>" also by its words without "total".

    Why the second: Chinese writes the total with a word of its own, or not at all (一共有多少
    水泵故障, "how many pump faults in all" for a ferry's "Total Pump Faults"), so the compound
    spells the metric's other words only; "total" never changes what is summed. Not when
    another term has those very words (a metric "Pump Faults" beside "Total Pump Faults"):
    then the two stay apart.
    """
    out = []
    for kind, name, value, text in model_term_words(catalog):
        sense = Sense(kind, name, value, strong=False, via=value or text)
        out.append(_Term(sense, tuple(text.split())))
    taken = {t.words for t in out}
    out += [
        _Term(t.sense, t.words[1:])
        for t in out
        if t.sense.kind == "metric" and t.words[0] == _TOTAL and t.words[1:] not in taken
    ]
    return [t for t in out if 2 <= len(t.words) <= MAX_TERM_WORDS]


def _english_tails(lex: Lexicon, terms: list[_Term]) -> list[_Term]:
    """A metric also by the last words of its name when the English lexicon already reads
    those words alone as that metric and as nothing else ("active players" for "Monthly
    Active Players").

    Why: 活跃玩家数 ("number of active players") spells "active players" word by word, and the
    English question "active players last month" was read as the metric, while the Chinese
    one was refused (活跃 unknown) on a video-game studio's model (session 29). Only a
    shortening the lexicon holds for exactly that one metric is taken, and not when another
    term has those very words.
    """
    taken = {t.words for t in terms}
    out = []
    for t in terms:
        if t.sense.kind != "metric" or len(t.words) < 3:
            continue
        for k in range(1, len(t.words) - 1):
            tail = t.words[k:]
            senses = lex.terms.get(tail, [])
            names = {(x.kind, x.name) for x in senses}
            if tail not in taken and names == {(t.sense.kind, t.sense.name)}:
                out.append(_Term(t.sense, tail))
                taken.add(tail)
    return out


def splits(text: str, n: int, parts: Parts) -> list[list[str]]:
    """Every way to cut ``text`` into ``n`` pieces that are all known parts.

    >>> splits("新建建筑", 2, {"新建": {"new"}, "建筑": {"building"}, "新": {"new"}})
    [['新建', '建筑']]
    """
    if n == 1:
        return [[text]] if text in parts else []
    out = []
    for i in range(1, len(text)):
        if text[:i] in parts:
            out += [[text[:i], *rest] for rest in splits(text[i:], n - 1, parts)]
    return out


def readings(text: str, parts: Parts, terms: list[_Term]) -> list[_Term]:
    """The terms whose words the pieces of ``text`` gloss one by one, in order."""
    found = []
    for t in terms:
        if any(
            all(w in parts[piece] for piece, w in zip(cut, t.words, strict=True))
            for cut in splits(text, len(t.words), parts)
        ):
            found.append(t)
    return found


def _runs(items: list[Item]) -> list[tuple[int, int]]:
    """(first, last + 1) of each run of adjacent unknown Chinese items."""
    out, i = [], 0
    while i < len(items):
        j = i
        while (
            j < len(items)
            and items[j].kind == "unknown"
            and _CJK.match(items[j].text)
            and (j == i or items[j].start == items[j - 1].end)
        ):
            j += 1
        if j > i:
            out.append((i, j))
        i = max(j, i + 1)
    return out


def _weak_elsewhere(
    p: ParseState, run: list[Item], text: str, found: list[_Term], parts: Parts | None = None
) -> bool:
    """Whether the compound or one of its words has a weak bridge reading (offered in a
    clarification) to a term the parts do not spell: then that clarification stays, since
    the two readings disagree and neither is sure.

    A word of the compound whose weak reading is a term holding the very English word that
    the word glosses in the reading agrees with it (转换 offered as "Total Conversions" inside
    转换率 read as "Conversion Rate": both say 转换 is "conversion"); only the compound's own
    weak reading, or a word's reading to a term without that word, disagrees."""
    fits = {(t.sense.kind, t.sense.name, t.sense.value) for t in found}
    said = {singular(w) for t in found for w in t.words}
    words_of: dict[tuple[str, str, str | None], set[str]] | None = None
    for word in dict.fromkeys([text, *(it.text for it in run)]):
        for s in p.lex.clarify.get(normalize(word), []):
            key = (s.kind, s.name, s.value)
            if key in fits:
                continue
            if word != text and parts is not None:
                if words_of is None:
                    words_of = _words_of(p.catalog)
                glossed = {singular(w) for w in parts.get(word, ())} & said
                if glossed & {singular(w) for w in words_of.get(key, ())}:
                    continue
            return True
    return False


def _words_of(catalog: Catalog) -> dict[tuple[str, str, str | None], set[str]]:
    """Every term's English words (of its name and of its label), by (kind, name, value)."""
    out: dict[tuple[str, str, str | None], set[str]] = {}
    for kind, name, value, text in model_term_words(catalog):
        out.setdefault((kind, name, value), set()).update(text.split())
    return out


def with_degree_nouns(text: str, parts: Parts) -> Parts:
    """``parts`` and, for each part of ``text`` followed there by 度, that piece glossing as the
    part (忠诚度 as 忠诚 "loyalty"): 度 makes a quality's noun and adds no word of its own.

    >>> wp = with_degree_nouns("忠诚度等级", {"忠诚": {"loyalty"}})
    >>> wp["忠诚度"], "忠诚度" in with_degree_nouns("忠诚度", {})
    ({'loyalty'}, False)
    """
    extra: dict[str, set[str]] = {}
    for i, ch in enumerate(text):
        if ch != DEGREE_SUFFIX:
            continue
        for j in range(max(0, i - 4), i):
            stem = text[j:i]
            if stem in parts and stem + ch not in parts:
                extra[stem + ch] = parts[stem]
    return ChainMap(extra, dict(parts)) if extra else parts


def _filler_part(it: Item, parts: Parts) -> bool:
    """A one-character Chinese adjective dropped as filler (高, 低, 新) that glosses a model
    word; measure words and particles (次, 件, 值) that gloss one ("order", "item") are not
    qualities and never join."""
    if it.kind != "stop" or len(it.text) != 1 or not _CJK.match(it.text):
        return False
    return it.text in parts and jieba_tag(it.text) == "a"


def _widened(items: list[Item], first: int, end: int, parts: Parts) -> tuple[int, int]:
    """The run with the glossing filler characters touching it on the left (a quality stands
    before its noun: 高价值, never 价值高)."""
    while first > 0 and _filler_part(items[first - 1], parts):
        if items[first - 1].end != items[first].start:
            break
        first -= 1
    return first, end


def _read_run(p: ParseState, first: int, end: int, parts: Parts, terms: list[_Term]) -> bool:
    """Replace ``p.all[first:end]`` by the one term it spells; refuse when it spells several.
    Whether it was read."""
    run = p.all[first:end]
    text = "".join(it.text for it in run)
    if not 2 <= len(text) <= MAX_RUN:
        return False
    wp = with_degree_nouns(text, parts)
    found = readings(text, wp, terms)
    names = list(dict.fromkeys(" ".join(t.words) for t in found))
    if len(names) > 1:
        shown = [t.sense.via for t in found]
        raise Refusal(
            f"'{text}' could mean {' or '.join(dict.fromkeys(shown))}; say which one",
            zh=f"「{text}」可能指：{'、'.join(dict.fromkeys(shown))}，请说明是哪一个",
            words=[text],
            senses=[t.sense for t in found],
        )
    if names and not _weak_elsewhere(p, run, text, found, wp):
        senses = [t.sense for t in found]
        p.all[first:end] = [Item("domain", text, run[0].start, run[-1].end, senses=senses)]
        return True
    return False


def _restates(text: str, parts: Parts, words: tuple[str, ...]) -> bool:
    """Whether ``text`` cuts into pieces that gloss, in order, consecutive words of ``words``.

    >>> _restates("忠诚度", {"忠诚度": {"loyalty"}}, ("loyalty", "tier"))
    True
    >>> _restates("价值", {"价值": {"value"}}, ("loyalty", "tier"))
    False
    """
    for n in range(1, len(words) + 1):
        for cut in splits(text, n, parts):
            for at in range(len(words) - n + 1):
                if all(w in parts[pc] for pc, w in zip(cut, words[at : at + n], strict=True)):
                    return True
    return False


PhrasesOf = dict[tuple[str, str, str | None], list[tuple[str, ...]]]


def _phrases_of(catalog: Catalog) -> PhrasesOf:
    """Every term's English phrases (its name's words, its label's words), in order."""
    out: PhrasesOf = {}
    for kind, name, value, text in model_term_words(catalog):
        out.setdefault((kind, name, value), []).append(tuple(text.split()))
    return out


def _join_restating(
    p: ParseState, first: int, end: int, parts: Parts, phrases_of: PhrasesOf
) -> bool:
    """Join ``p.all[first:end]`` to the term right after it when the run restates words of
    that term's name or label. Whether it was joined.

    A term word with several readings (胜率, "win rate" of both "Tender Win Percentage" and
    "Online Win Rate") is joined when the run restates words of exactly one of them (线上
    "online"): the two are that reading, as "online win rate" is in English. A run restating
    words of several readings, or of none (线下 "offline"), leaves the word as it was (clarified)."""
    if end >= len(p.all):
        return False
    head = p.all[end]
    keys = {(s.kind, s.name, s.value) for s in head.senses}
    if head.kind != "domain" or not keys or head.start != p.all[end - 1].end:
        return False
    text = "".join(it.text for it in p.all[first:end])
    if len(text) > MAX_RUN:
        return False
    whole = text + head.text  # 合作 + 伙伴: the run and the term's word are one part
    wp = with_degree_nouns(whole, parts)
    fits = [
        key
        for key in keys
        if any(
            (_restates(text, wp, words) and not _says_more(text, words))
            or _restates(whole, wp, words)
            for words in phrases_of.get(key, [])
        )
    ]
    if len(fits) != 1:
        return False
    senses = [s for s in head.senses if (s.kind, s.name, s.value) == fits[0]]
    joined = dataclasses.replace(head, text=whole, start=p.all[first].start, senses=senses)
    p.all[first : end + 1] = [joined]
    return True


def _says_more(word: str, words: tuple[str, ...]) -> bool:
    """Whether the dictionary word ``word`` is a kind of the thing it restates, named by a
    modifier the term does not have: 晚场 "evening show" restates "show" of "Average Revenue
    Per Show" but says "evening" besides, so it is no restatement of that term (joined, the
    evening shows were dropped and the average of every show answered).

    >>> _says_more("晚场", ("average", "revenue", "per", "show"))
    True
    >>> _says_more("线上", ("online", "win", "rate")), _says_more("忠诚度", ("loyalty", "tier"))
    (False, False)
    """
    modifiers = cedict.notes(word)[1]
    return bool(modifiers) and not modifiers & {singular(w) for w in words}


def join_restating_runs(p: ParseState, parts: Parts) -> None:
    """Join each unknown run that restates words of the one term right after it to that term
    (忠诚度 + 等级 read as ``loyalty_tier_description`` -> 忠诚度等级, the same term)."""
    phrases_of = _phrases_of(p.catalog)
    for first, end in reversed(_runs(p.all)):
        _join_restating(p, first, end, parts, phrases_of)


def read_compounds(p: ParseState) -> None:
    """Replace each unknown Chinese run that spells exactly one model term by that term; a run
    that spells several is refused with them as options. A run that spells none is tried with
    the glossing filler characters before it, then as a restatement of the term after it."""
    parts = getattr(p.lex, "parts", None)
    if not parts:
        return
    terms: list[_Term] | None = None
    phrases_of: PhrasesOf | None = None
    if any(it.kind == "unknown" for it in p.all) or _adjacent_terms(p.all):
        terms = _terms(p.catalog)
        terms += _english_tails(p.lex, terms)
        join_spelled_terms(p, parts, terms)
    for first, end in reversed(_runs(p.all)):
        if terms is None:
            terms = _terms(p.catalog)
            terms += _english_tails(p.lex, terms)
        phrases_of = phrases_of if phrases_of is not None else _phrases_of(p.catalog)
        # 保险号码 + 覆盖率 (read as Visit Insurance Number Coverage): the run says more words
        # of the term after it, so it is that term's name, not a value (insurance_number) of
        # its own, as "insurance number coverage" is one name in English
        if _join_restating(p, first, end, parts, phrases_of):
            continue
        if _read_run(p, first, end, parts, terms):
            continue
        wide_first, wide_end = _widened(p.all, first, end, parts)
        if wide_first < first:
            # two readings only with the filler: as if it were not there
            with contextlib.suppress(Refusal):
                _read_run(p, wide_first, wide_end, parts, terms)
    if any(_filler_part(it, parts) for it in p.all):
        read_filler_before_terms(p, parts, terms if terms is not None else _terms(p.catalog))
    if any(it.kind == "unknown" for it in p.all):
        join_restating_runs(p, parts)
    if any(it.kind == "unknown" for it in p.all):
        complete_terms_before_runs(p, parts, terms if terms is not None else _terms(p.catalog))
    if any(it.kind == "unknown" for it in p.all):
        join_dimension_restatements(p, parts)  # 下午时段: the value and its dimension's name
    p.its = [it for it in p.all if it.kind != "stop"]


def complete_terms_before_runs(p: ParseState, parts: Parts, terms: list[_Term]) -> None:
    """An unknown run right after a term word that, together, spell one term the word already
    names in part (修理 "to repair", bridged to every term with the word "repair", + 率 "rate"
    spell ``repair_rate``; the tokenizer cuts 修理率 after the dictionary word 修理): the two
    are that term. Only a reading the word before was already one of is taken, so the run
    adds the missing words of that same term and never turns the word into another thing;
    otherwise the run stays unknown and is refused as before."""
    for first, end in reversed(_runs(p.all)):
        if first == 0:
            continue
        head = p.all[first - 1]
        # a verb bridge (修理 "to repair") is kept as a stop word that still carries its senses
        if head.kind not in ("domain", "stop") or not head.senses:
            continue
        if head.end != p.all[first].start:
            continue
        if not _CJK.match(head.text):
            continue
        run = p.all[first:end]
        text = head.text + "".join(it.text for it in run)
        if len(text) > MAX_RUN:
            continue
        found = readings(text, with_degree_nouns(text, parts), terms)
        keys = {(t.sense.kind, t.sense.name, t.sense.value) for t in found}
        named = {(s.kind, s.name, s.value) for s in head.senses}
        if len(keys) != 1 or not keys <= named or _weak_elsewhere(p, [head, *run], text, found):
            continue
        senses = [found[0].sense]
        p.all[first - 1 : end] = [Item("domain", text, head.start, run[-1].end, senses=senses)]


def read_filler_before_terms(p: ParseState, parts: Parts, terms: list[_Term]) -> None:
    """A glossing filler character right before a Chinese term word that, together, spell one
    other term (低 + 风险, read alone as a dimension named ``risk_class``, spell a value
    ``low_risk``): the two are that term. Otherwise the filler stays dropped as before."""
    for i in reversed(range(len(p.all) - 1)):
        head = p.all[i + 1]
        if not (_filler_part(p.all[i], parts) and head.kind == "domain" and head.senses):
            continue
        if head.start != p.all[i].end or not _CJK.match(head.text):
            continue
        text = p.all[i].text + head.text
        found = readings(text, with_degree_nouns(text, parts), terms)
        keys = {(t.sense.kind, t.sense.name, t.sense.value) for t in found}
        pair = [p.all[i], head]
        if len(keys) == 1 and not _weak_elsewhere(p, pair, text, found, parts):
            senses = [found[0].sense]
            p.all[i : i + 2] = [Item("domain", text, p.all[i].start, head.end, senses=senses)]


#: the most items read together as one spelled term (渠道 + 合作 + 伙伴)
_MAX_JOINED = 3
_JOINABLE = ("domain", "unknown")


def _adjacent_terms(items: list[Item]) -> bool:
    """Whether two Chinese terms touch (渠道伙伴), or a verb bridge touches a term (付费玩家):
    they may spell one term together."""
    return any(
        _termlike(a)
        and _termlike(b)
        and "domain" in (a.kind, b.kind)
        and a.end == b.start
        and _CJK.match(a.text + b.text)
        for a, b in itertools.pairwise(items)
    )


def _termlike(it: Item) -> bool:
    """A term, or a verb bridge kept as a stop word that carries senses (付费)."""
    return it.kind == "domain" or (it.kind == "stop" and bool(it.senses))


def join_spelled_terms(p: ParseState, parts: Parts, terms: list[_Term]) -> None:
    """Two or three touching Chinese items, at least one of them a term, that together spell
    exactly one model term of as many words read as that term: 渠道 ("channel", read alone as
    the dimension ``sales_channel``) + 伙伴 ("partner") is the entity ``channel_partner``.

    Why: the lexicon matches the longest term it holds, so a compound it lacks is cut into the
    terms it does hold, and each was read on its own: 渠道伙伴的GMV grouped by the sales
    channel and dropped 伙伴 -- a wrong answer -- and 渠道合作伙伴 left 合作 unknown. The
    compound is read as a term only when every piece glosses the term's word in its place and
    no word is left over (:func:`readings`), and only when exactly one term fits.

    A verb bridge kept as a stop word with its senses (付费 "to pay", offered for "Paying
    Players") joins too, but only into a term it was already offered for: 付费 + 玩家 is
    ``paying_players`` (refused as "付费 is about Paying Players, which this question does not
    ask for" on a video-game studio's model, session 29), never a term the verb did not name.
    """
    i = 0
    while i < len(p.all):
        for n in range(_MAX_JOINED, 1, -1):
            window = p.all[i : i + n]
            if len(window) < n or not _joinable(window):
                continue
            text = "".join(it.text for it in window)
            found = readings(text, with_degree_nouns(text, parts), terms)
            keys = {(t.sense.kind, t.sense.name, t.sense.value) for t in found}
            if len(keys) != 1 or _weak_elsewhere(p, [], text, found):
                continue
            if not all(_verb_names(it, keys) for it in window if it.kind == "stop"):
                continue
            p.all[i : i + n] = [
                Item("domain", text, window[0].start, window[-1].end, senses=[found[0].sense])
            ]
            break
        i += 1


def _verb_names(it: Item, keys: set[tuple[str, str, str | None]]) -> bool:
    """Whether the verb bridge ``it`` (a stop word with senses) was offered for the one term."""
    return bool(it.senses) and keys <= {(s.kind, s.name, s.value) for s in it.senses}


def _joinable(window: list[Item]) -> bool:
    """Touching Chinese items, terms, unknown words or verb bridges (stop words that carry
    senses), at least one of them a term."""
    return (
        all(
            (it.kind in _JOINABLE or (it.kind == "stop" and bool(it.senses)))
            and _CJK.match(it.text)
            for it in window
        )
        and any(it.kind == "domain" for it in window)
        and all(a.end == b.start for a, b in itertools.pairwise(window))
        and len("".join(it.text for it in window)) <= MAX_RUN
    )
