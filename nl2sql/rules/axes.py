"""Time axes other than the metric's own: "orders *paid* last month", "按签收日期", "by ship date".

Why from the model's time dimensions: a model names its dates after what happened
(``paid_at``, ``ship_date``, label "delivery date", synonym "签收时间"), so the words that pick
an axis come from those names — the full phrase ("ship date", "发货日期") anywhere, and its
verb core ("shipped", "发货") only next to a time expression or a grain, where it cannot be
anything but a date ("3月发货的订单" is orders *shipped* in March, not shipped orders of March).
The metric's own time dimension needs no axis; any other one becomes a filter on that
dimension (or a group-by at a grain of it), and a metric that cannot reach it is refused.

>>> verb_forms("ship"), verb_forms("deliver"), verb_forms("paid"), verb_forms("发货")
(('shipped',), ('delivered',), ('paid',), ('发货',))
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from nl2sql.identity_cache import IdentityCache
from nl2sql.lexicon import Lexicon, Sense, key_of, normalize, units
from nl2sql.rules.items import Item
from nl2sql.rules.passive_terms import passive_term
from nl2sql.vocabulary import morphology
from semantic_layer.catalog import Catalog, CatalogDimension

#: words that only say "a date" (never pick an axis on their own)
_GENERIC_EN = {"at", "on", "date", "time", "day", "dt", "ts", "timestamp", "datetime", "when"}
_GENERIC_ZH = ("时间", "日期", "时刻", "时", "日")
_GENERIC_PHRASES = {"time", "date", "period", "时间", "日期", "期间", "时期", "day"}
#: grain words: a time dimension's name left with only these after its entity's words
#: (``allocation_month``) names no event of its own
_GRAINS_EN = frozenset({"hour", "week", "month", "quarter", "year"})
#: a grain word right after a date's verb ("发布月份", "publish month", "signup week")
_GRAIN_AFTER = re.compile(r"\s*(?:月份|年份|年度|季度|(?:month|week|quarter|year)s?\b)")


def verb_forms(core: str) -> tuple[str, ...]:
    """The forms of a date's verb that say "when it happened": Chinese as is, English as the
    past participle ("ship" -> shipped, "deliver" -> delivered, "paid" stays), and a
    "<modifier> <past form>" core as it is written ("first ordered" of ``first_ordered_at``:
    :func:`modified_event`)."""
    if not core.isascii():
        return (core,)
    if " " in core:
        return (core,) if modified_event(core) else ()
    if core.endswith(("ed", "id", "wn", "nt")):
        return (core,)
    # one-syllable consonant-vowel-consonant verbs double the last letter (ship -> shipped)
    one_syllable = len(re.findall(r"[aeiou]+", core)) == 1
    cvc = re.fullmatch(r".*[^aeiou][aeiou][bdgmnprt]", core)
    double = core + core[-1] if one_syllable and cvc else core
    return (core + "d" if core.endswith("e") else double + "ed",)


def modified_event(core: str) -> bool:
    """Whether a date's core is one adjective and a past form ("first ordered", "last seen").

    Why: "customers who first ordered in 2024" names the first-order date as "orders shipped
    in May" names the ship date, but only the bare verb ("ordered") was a date's verb, which
    reached the order dates and left "first" unknown (refused). The two words as the column's
    name writes them are that column's event; a modifier no column writes before the verb
    ("first visited" where none is named so) stays unknown.

    >>> modified_event("first ordered"), modified_event("last seen"), modified_event("visit start")
    (True, True, False)
    """
    words = core.split()
    return (
        len(words) == 2
        and bool(morphology.adjective_lemmas(words[0]))
        and morphology.is_past(words[1])
    )


def _core(phrase: str) -> str:
    """A phrase without its generic date words ("ship date" -> ship, "发货时间" -> 发货)."""
    p = normalize(phrase.replace("_", " "))
    if p.isascii():
        return " ".join(w for w in p.split() if w not in _GENERIC_EN)
    for suffix in _GENERIC_ZH:
        if p.endswith(suffix) and len(p) > len(suffix) + 1:
            return p[: -len(suffix)]
    return ""


def entity_free_name(d: CatalogDimension) -> str:
    """The time dimension's name without its own entity's words in front ("renewal date"
    for ``loan__loan_renewal_date``), "" when it does not start with them
    or nothing but generic date or grain words would remain.

    Why: dbt projects often prefix every column with its entity (``loan_return_date``)
    and users never repeat it ("loans by return date", "loans renewed in 2025"); the full
    name alone left "return date", "renewed" unknown.

    >>> from semantic_layer.catalog import CatalogDimension as D
    >>> entity_free_name(D("loan__loan_renewal_date", "x", dim_type="time"))
    'renewal date'
    >>> entity_free_name(D("order__ship_date", "x", dim_type="time"))
    ''
    >>> entity_free_name(D("allocation__allocation_month", "x", dim_type="time"))
    ''
    """
    parts = d.name.split("__")
    if len(parts) < 2:
        return ""
    own = [w for w in parts[0].lower().split("_") if w]
    words = [w for w in parts[-1].lower().split("_") if w]
    rest = words[len(own) :]
    if not own or words[: len(own)] != own or not set(rest) - _GENERIC_EN - _GRAINS_EN:
        return ""
    return " ".join(rest)


def event_forms(core: str) -> tuple[str, ...]:
    """Past and -ing forms of the verb a date's event noun names ("settlement" -> settled,
    settling; "end" -> ended): only those, a bare "end" or "start" is too often no date's verb
    ("the end of March").

    >>> event_forms("settlement"), event_forms("end")
    (('settled', 'settling'), ('ended', 'ending'))
    """
    if " " in core or not core.isascii():
        return ()
    out = []
    for lemma in morphology.source_verbs(core)[:1]:
        forms = sorted(morphology.verb_forms(lemma))
        out += [f for f in forms if morphology.is_past(f) or f.endswith("ing")]
        ing = (lemma[:-1] if lemma.endswith("e") else lemma) + "ing"
        if ing not in out and morphology.is_english_word(ing):
            out.append(ing)  # "ending in 2024": the lexicon lists no -ing form of some verbs
    return tuple(dict.fromkeys(out))


@dataclass(frozen=True)
class AxisIndex:
    """Phrases naming a time dimension: always (``phrases``), only near a date (``verbs``), or
    only right before a grain word (``nouns``: "settlement month", "end quarter")."""

    phrases: dict[str, tuple[str, ...]]
    verbs: dict[str, tuple[str, ...]]
    nouns: dict[str, tuple[str, ...]] = field(default_factory=dict)


#: one index per catalog object (nl2sql.identity_cache: bounded, identity-checked)
_cache: IdentityCache[AxisIndex] = IdentityCache(maxsize=16)


def adopt_axis_index(catalog: Catalog, index: AxisIndex) -> None:
    """Use ``index`` (built earlier, read from ``nl2sql.startup_cache``) for ``catalog``."""
    _cache.put(catalog, index)


def axis_index(catalog: Catalog, lex: Lexicon) -> AxisIndex:
    """The axis phrases of ``catalog`` (built once per catalog)."""
    hit = _cache.get(catalog)
    if hit is not None:
        return hit
    phrases: dict[str, set[str]] = {}
    verbs: dict[str, set[str]] = {}
    nouns: dict[str, set[str]] = {}
    for d in catalog.dimensions:
        if d.dim_type != "time" or d.name == "metric_time":
            continue
        names = [d.name.split("__")[-1].replace("_", " "), d.label, *d.synonyms]
        names += lex.time_phrases.get(d.name, [])  # bridged words (发货日期), nl2sql.vocabulary
        free = entity_free_name(d)
        if free:
            names.append(free)
            core = _core(free)
            senses = lex.terms.get(key_of(core)) or []
            if core and all(s.kind == "value" for s in senses):
                for form in event_forms(core):
                    verbs.setdefault(form, set()).add(d.name)
                if " " not in core:
                    nouns.setdefault(core, set()).add(d.name)
        for raw in names:
            phrase = normalize(raw.replace("_", " "))
            if not phrase or phrase in _GENERIC_PHRASES:
                continue
            phrases.setdefault(phrase, set()).add(d.name)
            core = _core(raw)
            # a core that names a thing of the model ("order" of "order date") is that thing;
            # one that is only a status value ("shipped", "paid") is the date's verb
            senses = lex.terms.get(key_of(core)) or []
            if core and core != phrase and all(s.kind == "value" for s in senses):
                for form in verb_forms(core):
                    verbs.setdefault(form, set()).add(d.name)
    index = AxisIndex(
        {k: tuple(sorted(v)) for k, v in phrases.items()},
        {k: tuple(sorted(v)) for k, v in verbs.items()},
        {k: tuple(sorted(v)) for k, v in nouns.items()},
    )
    _cache.put(catalog, index)
    return index


#: each index table's phrases as patterns, longest first (compiled once per table, not once
#: per phrase and question: a model's date phrases were looked up ~100,000 times a minute)
_patterns = IdentityCache[tuple[tuple["re.Pattern[str]", tuple[str, ...]], ...]](maxsize=96)


def _spans(text: str, words: dict[str, tuple[str, ...]]) -> list[tuple[int, int, tuple[str, ...]]]:
    def build() -> tuple[tuple[re.Pattern[str], tuple[str, ...]], ...]:
        return tuple(
            (
                re.compile(
                    re.escape(phrase) if not phrase.isascii() else rf"\b{re.escape(phrase)}\b"
                ),
                words[phrase],
            )
            for phrase in sorted(words, key=len, reverse=True)
        )

    out = []
    for pattern, dims in _patterns.get_or_build(words, build):
        out += [(m.start(), m.end(), dims) for m in pattern.finditer(text)]
    return out


def inside_term(text: str, start: int, end: int, lex: Lexicon) -> bool:
    """Whether [start, end) is part of a longer model term ("payment" of "payment status",
    "支付" of "支付方式", "paid" of "paid amount", "baked" of "loaves were baked" for the term
    "loaves baked": ``rules.passive_terms``): then it is that term, not a date."""
    us = units(text)
    first = next((k for k, u in enumerate(us) if u.end > start), None)
    last = next((k for k in range(len(us) - 1, -1, -1) if us[k].start < end), None)
    if first is None or last is None:
        return False
    n = last - first + 1
    # one unit more than the longest term: a passive's auxiliary ("loaves were baked")
    for length in range(n + 1, lex.max_len + 2):
        for a in range(max(0, last - length + 1), min(first, len(us) - length) + 1):
            seq = tuple(u.text for u in us[a : a + length])
            if seq in lex.terms or passive_term(seq, lex.terms):
                return True
    return False


def find_axes(text: str, index: AxisIndex, has_date: bool, lex: Lexicon) -> list[Item]:
    """Axis items in normalized ``text`` (non-overlapping, longest first); verb cores only when
    the question has a time expression or a grain (``has_date``), and never inside a longer
    model term."""
    cands = _spans(text, index.phrases)
    verbs = _spans(text, index.verbs)
    # a date's verb with a grain word after it is that date at the grain ("发布月份",
    # "publish month"): the grain makes it a date as surely as a time expression does
    cands += verbs if has_date else [v for v in verbs if _GRAIN_AFTER.match(text, v[1])]
    # an event noun of an entity-prefixed date ("settlement", "end") only before a grain word
    cands += [v for v in _spans(text, index.nouns) if _GRAIN_AFTER.match(text, v[1])]
    cands = [c for c in cands if not inside_term(text, c[0], c[1], lex)]
    cands.sort(key=lambda c: (c[0], -(c[1] - c[0])))
    items: list[Item] = []
    taken = -1
    for start, end, dims in cands:
        if start < taken:
            continue
        senses = [Sense("dimension", d) for d in dims]
        items.append(Item("role", text[start:end], start, end, senses=senses, role="axis"))
        taken = end
    return items
