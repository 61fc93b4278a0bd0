"""The rules engine's vocabulary, built from a semantic model's catalog (never hard-coded).

Why character units for Chinese: a term such as "退货率" must be found inside "找出最近30天退货率>15%"
whatever jieba decides about its neighbours, so matching runs over units (one per CJK character,
one per English word, number or operator) with leftmost-longest lookup. jieba, loaded with every
model term as a user word, segments what is *left over* into words, so an unknown word such as
"颜色" is reported whole (and triggers a refusal with suggestions) instead of character by
character. rapidfuzz fixes English typos ("retrun", "chanel") against the model's own words.

The text form every match runs on (:func:`normalize`, :func:`units`, :func:`key_of`) is
``nl2sql.normalize``'s; those names stay importable from here, as do :class:`Sense` and
:class:`Lexicon` (``nl2sql.lexicon_base``, with how one term is added). The value index
(high-cardinality values, place names, partial names) is added by ``nl2sql.lexicon_values``.
"""

from __future__ import annotations

import threading

from rapidfuzz import fuzz, process

from nl2sql.flag_words import flag_values, flag_words, no_side
from nl2sql.general import ROLES, STOP_EN
from nl2sql.identity_cache import IdentityCache
from nl2sql.lexicon_base import Lexicon as Lexicon
from nl2sql.lexicon_base import Sense as Sense
from nl2sql.lexicon_base import (
    add_caps,
    add_term,
    es_plural,
    is_general_word,
    is_letter_value,
    is_word_value,
)
from nl2sql.lexicon_values import add_value_index, country_code_twin, place_name_clash
from nl2sql.normalize import Unit as Unit
from nl2sql.normalize import acronyms as acronyms
from nl2sql.normalize import key_of as key_of
from nl2sql.normalize import normalize as normalize
from nl2sql.normalize import units as units
from nl2sql.normalize import value_key as value_key
from nl2sql.published import prefer_published, without_partial_implied
from nl2sql.segmenter import ExtraWords, Segmenter
from nl2sql.vocabulary import bridges_for, cedict
from nl2sql.vocabulary.again_prefix import again_variants
from nl2sql.vocabulary.breakdown_names import metric_name_terms
from nl2sql.vocabulary.bridges import Bridge
from nl2sql.vocabulary.currency_values import SOURCE as CURRENCY_SOURCE
from nl2sql.vocabulary.duration_time import time_variant
from nl2sql.vocabulary.entity_prefixed import entity_prefixed_terms, model_entities
from nl2sql.vocabulary.label_cores import (
    amount_tail_cores,
    count_tail_cores,
    event_tail_cores,
    label_cores,
    label_form_terms,
)
from nl2sql.vocabulary.morphology import noun_lemmas
from nl2sql.vocabulary.span_labels import span_spellings
from nl2sql.vocabulary.values import spelling_index
from semantic_layer.catalog import Catalog

_BOOL_VALUES = {"true", "false"}


def _is_acronym(term: str) -> bool:
    return len(term) >= 2 and term.isascii() and term.isalpha() and term.isupper()


def build_lexicon(catalog: Catalog) -> Lexicon:
    """Every way the catalog lets a user name something, keyed by unit tuples."""
    lex = Lexicon(catalog=catalog)
    named = metric_name_terms(catalog)  # "fees_by_member_tier" is named "fees"
    for m in catalog.metrics:
        for text in named[m.name]:
            add_term(lex, text, Sense("metric", m.name))
        for syn in m.synonyms:
            add_term(lex, syn, Sense("metric", m.name, strong=False))
    for e in catalog.entities:
        add_term(lex, e.name, Sense("entity", e.name))
        add_term(lex, e.label, Sense("entity", e.name))
        for syn in e.synonyms:
            add_term(lex, syn, Sense("entity", e.name, strong=False))
    booleans = set()
    for d in catalog.dimensions:
        if d.dim_type == "time":
            continue
        short = d.name.split("__")[-1]
        sense = Sense("dimension", d.name)
        add_term(lex, d.name, sense)
        entity_names = {e.name for e in catalog.entities}
        # a dimension that only repeats its entity's name ("sku__sku") is the entity itself
        if short not in entity_names:
            add_term(lex, short, sense)
        add_term(lex, d.label, sense)
        for syn in d.synonyms:
            add_term(lex, syn, Sense("dimension", d.name, strong=False))
        values = {str(v).lower() for v in d.values}
        syn_keys = {str(k).lower() for k in d.value_synonyms}
        if (values or syn_keys) and (values | syn_keys) <= _BOOL_VALUES:
            # yes/no dimensions: the bare word filters on true ("预售订单"), value synonyms
            # ("现货", "B2C") name either side
            booleans.add(d.name)
            for v, words in d.value_synonyms.items():
                for w in words:
                    add_term(
                        lex,
                        w,
                        Sense("value", d.name, value=str(v).lower(), strong=False),
                        plurals=False,
                    )
            continue
        for v in d.values:
            if not is_general_word(str(v)):
                add_term(lex, str(v), Sense("value", d.name, value=str(v)), plurals=False)
                plural = es_plural(str(v))  # "branches" of `branch`
                if plural and not is_general_word(plural):
                    add_term(lex, plural, Sense("value", d.name, value=str(v)), plurals=False)
                continue
            if is_word_value(str(v)) or is_letter_value(str(v)):
                # a letter ("A", "I") only when typed in capitals where an article or a pronoun
                # cannot stand ("for A items"; ``rules.tokenize``, ``rules.dropped_codes``)
                add_caps(lex, str(v), Sense("value", d.name, value=str(v)))
            # a grammar-word value before its own dimension's noun ("lower deck"): the value.
            # Alone "lower" stays a comparison word; dropped there, "lower deck upgrade rate"
            # grouped every deck where one deck's rate was asked (a wrong answer)
            if str(v).isascii() and str(v).isalpha():
                heads = {short.replace("_", " "), d.label}
                name_parts = short.split("_")
                if len(str(v)) == 1 and len(name_parts) > 1:  # "A class" of `abc_class`
                    heads.add(name_parts[-1])
                for head in heads:
                    if head:
                        add_term(lex, f"{v} {head}", Sense("value", d.name, value=str(v)))
                        # and after it ("abc class A"): else the letter was dropped as an
                        # article and the noun grouped every class where one was asked
                        add_term(
                            lex, f"{head} {v}", Sense("value", d.name, value=str(v)), plurals=False
                        )
        for v, words in d.value_synonyms.items():
            for w in words:
                if not is_general_word(w):
                    add_term(
                        lex, w, Sense("value", d.name, value=str(v), strong=False), plurals=False
                    )
                elif _is_acronym(w):
                    add_caps(lex, w, Sense("value", d.name, value=str(v), strong=False))
            if is_general_word(str(v)) and _is_acronym(str(v)):
                add_caps(lex, str(v), Sense("value", d.name, value=str(v)))
    lex.boolean_dims = frozenset(booleans)
    # "quality_metrics_assessments" is asked as "assessments": a rest shared by two metrics
    # names both (keys taken before any rest is added), so the question is asked back
    taken = set(lex.terms)
    texts = [(t, m.name) for m in catalog.metrics for t in named[m.name]]
    texts += entity_prefixed_terms(catalog.metrics, model_entities(catalog))
    # "avg_turnaround_days" is asked as the "turnaround time" (vocabulary.duration_time)
    for t, name in list(texts):
        variant = time_variant(t)
        if variant is not None:
            texts.append((variant, name))
    for text, name in texts:
        k = key_of(text)
        if k and k not in taken and k not in lex.general and text.lower() not in STOP_EN:
            add_term(lex, text, Sense("metric", name))
    for m in catalog.metrics:  # "The number of free meetings booked." -> "free meetings booked"
        for core in label_cores(m.label):
            if key_of(core) not in lex.terms:
                add_term(lex, core, Sense("metric", m.name))
        if m.agg == "sum" and m.metric_type == "simple":  # "Discount Amount" -> "discount"
            for text in {m.name, m.label}:
                for core in amount_tail_cores(text):
                    k = key_of(core)
                    # the core must end in a noun: "paid" of "Paid Amount" is a verb, and read
                    # as the metric it took "orders paid last month" from the payment date
                    noun = noun_lemmas(core.split()[-1].lower()) if core else ()
                    if (
                        k
                        and k not in lex.terms
                        and k not in lex.general
                        and core not in STOP_EN
                        and noun
                    ):
                        add_term(lex, core, Sense("metric", m.name))
        if m.value_format == "number" and m.agg in ("count", "count_distinct", "sum"):
            for text in {m.name, m.label}:  # "lapsed_membership_count" -> "lapsed membership"
                for core in count_tail_cores(text):
                    if key_of(core) not in lex.terms:
                        add_term(lex, core, Sense("metric", m.name))
            for core in event_tail_cores(m.label):  # "Total Fault Events" -> "faults"
                k = key_of(core)
                if k and k not in lex.terms and k not in lex.general and core not in STOP_EN:
                    add_term(lex, core, Sense("metric", m.name))
    for form, name in label_form_terms(catalog.metrics, lex.terms):  # "S&M spend ($)"
        add_term(lex, form, Sense("metric", name))
    for word, role in ROLES.items():
        k = key_of(word)
        if k and k not in lex.general:
            lex.general[k] = role
            lex.max_len = max(lex.max_len, len(k))
    # typo correction targets the model's own words and its few categorical values only: a
    # typo fixed into a bridged word would stack two guesses ("singles" -> "saving"), and one
    # of thousands of names is always close to some word ("median" -> "Medina")
    lex.vocab_words = sorted(
        {w for k in lex.terms for w in k if w.isascii() and w.isalpha() and len(w) >= 3}
    )
    _add_bridges(lex, catalog)
    _add_flag_words(lex, catalog)
    _add_span_spellings(lex, catalog)
    for variant, key in again_variants(lex.terms, _dictionary_word):
        for sense in lex.terms[key]:
            add_term(lex, variant, sense, plurals=False)
    prefer_published(lex.terms, catalog)
    prefer_published(lex.clarify, catalog)
    # before the value index: it may hold 100,000 names, matched unit by unit like every
    # term; making each a segmenter word would cost more than the index itself
    term_texts = {"".join(key) for key in lex.terms}
    chinese = (w for w in term_texts if any("\u3400" <= ch <= "\u9fff" for ch in w))
    lex.segment_words = ExtraWords.of(chinese, TERM_FREQ)
    add_value_index(lex, catalog)
    lex.spelling, lex.spelling_max = spelling_index(lex.terms)
    return lex


def _dictionary_word(word: str) -> bool:
    """Whether CC-CEDICT lists ``word`` with a noun or a verb sense."""
    return cedict.sense_count(word) + cedict.verb_count(word) > 0


def _add_bridges(lex: Lexicon, catalog: Catalog) -> None:
    """Words users type for model terms the model never lists (see ``nl2sql.vocabulary``).

    A bridge never shadows the model's own terms or general language: only words that would
    otherwise be unknown are added, confident ones as terms (weak senses carrying ``via``, so
    the answer shows "门店 → location"), the rest as clarifications.
    """
    own = set(lex.terms)
    before: dict[tuple[str, ...], tuple[Sense, ...]] = {}  # a word's own readings, for twins
    for b in without_partial_implied(bridges_for(catalog), catalog):
        if b.kind == "part":
            lex.parts.setdefault(b.term, set()).add(b.name)
            continue
        key = key_of(b.term) if b.kind != "value" else value_key(b.term)
        if b.source == "gazetteer" and key in own:
            place = Sense("value", b.name, b.value, strong=False, via=b.via)
            place_name_clash(lex, b.term, key, place)
            continue
        if b.source == "country" and b.accepted and key in own:
            base = before.setdefault(key, tuple(lex.terms.get(key, ())))
            twin = Sense("value", b.name, b.value, strong=False, via=b.via)
            country_code_twin(lex, key, twin, base)
            continue
        # a currency's name is a unit word too (净GMV是多少英镑), but on a column of currency
        # codes it is that column's value, as the code is (``vocabulary.currency_values``)
        general = key in lex.general and b.source != CURRENCY_SOURCE
        if not key or key in own or general or b.term in STOP_EN:
            continue
        if b.source.startswith(("verb", "light")):
            verb = Sense(b.kind, b.name, b.value, strong=False, via=b.via)
            if verb not in lex.verbs.setdefault(key, []):
                lex.verbs[key].append(verb)
            if b.source.endswith("+past"):
                lex.dated_verbs.add(key)
            continue
        if b.kind == "time":
            if b.accepted:
                lex.time_phrases.setdefault(b.name, []).append(b.term)
            continue
        sense = Sense(b.kind, b.name, b.value, strong=False, via=b.via)
        if b.accepted:
            add_term(lex, b.term, sense, plurals=b.term.isascii() and b.source != "value")
            for other in _same_english_readings(lex, b, own):
                add_term(lex, b.term, other, plurals=False)
            if b.source == "gazetteer":
                lex.place_keys.add(key)
        else:
            senses = lex.clarify.setdefault(normalize(b.term), [])
            if sense not in senses:
                senses.append(sense)


def _same_english_readings(lex: Lexicon, b: Bridge, own: set[tuple[str, ...]]) -> list[Sense]:
    """The other readings of the model's own English term a Chinese bridge renders.

    Why: 订单状态 renders "order status", which on a model with an order's ``status`` and a
    payment's ``order_status`` is a term of both; the bridge kept only its best-scored
    sense (the payment's), so "按订单状态统计订单数量" was refused ("Total Orders cannot be
    broken down by order status") where "orders by order status" is answered. The Chinese
    term carries every reading of that kind the English term has, and the parser settles
    which one the question uses, as it does for the English.
    """
    if b.term.isascii() or not b.via:
        return []
    key = key_of(b.via)
    english = lex.terms.get(key, []) if key in own else []
    if not any((s.kind, s.name, s.value) == (b.kind, b.name, b.value) for s in english):
        return []
    return [
        Sense(s.kind, s.name, s.value, strong=False, via=b.via)
        for s in english
        if s.kind == b.kind and (s.name, s.value) != (b.name, b.value)
    ]


def _add_span_spellings(lex: Lexicon, catalog: Catalog) -> None:
    """ "30 day readmission rate", 30天再入院率 for "30-Day Readmission Rate": the span is the
    metric's own, so it is added before every Chinese name that names this metric alone
    (``nl2sql.vocabulary.span_labels``)."""
    for m in catalog.metrics:
        own_chinese = [
            "".join(k)
            for k, senses in lex.terms.items()
            if not "".join(k).isascii()
            and {(s.kind, s.name) for s in senses} == {("metric", m.name)}
        ]
        for text in span_spellings(m.label or "", own_chinese):
            add_term(lex, text, Sense("metric", m.name))


def _add_flag_words(lex: Lexicon, catalog: Catalog) -> None:
    """ "organic" / "有机" for a yes/no flag ``is_organic_product`` (``nl2sql.flag_words``):
    weak, bridged terms, only where the model and general language have no such word."""
    taken = set(lex.terms)  # words the model already has; flags sharing a word all keep it
    for d in catalog.dimensions:
        if d.name not in lex.boolean_dims and flag_values(d) is None:
            continue
        for word in flag_words(d):
            key = key_of(word)
            if key and key not in taken and key not in lex.general and word not in STOP_EN:
                add_term(lex, word, Sense("dimension", d.name, strong=False, via=d.label))
        no, words = no_side(d, d.name in lex.boolean_dims)
        for word in words:
            key = key_of(word)
            if not key or key in lex.general or word in STOP_EN:
                continue
            sense = Sense("value", d.name, value=no, strong=False, via=f"{d.label}: no")
            if key not in taken:
                add_term(lex, word, sense)
            elif all(not s.strong and s.name == d.name for s in lex.terms.get(key, [])):
                lex.terms[key] = [sense]  # `is_active` described "… is inactive": its no side


def clarification(words: list[str], lex: Lexicon) -> tuple[str, str, list[Sense]] | None:
    """A clarifying refusal for unknown ``words`` that all have readings the vocabulary knows
    only weakly (a partial name that fits several values, a word bridged below the threshold).

    Returns the reason in English and in Chinese and the readings of the first word (the
    refusal's suggestions rewrite the question with each); None when some word has none.
    """
    readings = [(w, lex.clarify.get(normalize(w), [])) for w in words]
    if not words or not all(r for _, r in readings):
        return None
    word, senses = readings[0]
    names = list(dict.fromkeys(s.via or s.value or s.name for s in senses))
    return (
        f"'{word}' could mean {' or '.join(names)}; say which one",
        f"「{word}」可能指：{'、'.join(names)}，请说明是哪一个",
        senses,
    )


# ---- jieba: quiet, one dictionary cache per user (reused by every process), one tokenizer ------
_jieba_lock = threading.Lock()
_jieba_tokenizer: Segmenter | None = None
#: the frequency jieba's ``add_word`` gives a model term, so it wins over the words it contains
TERM_FREQ = 200_000


def _tokenizer() -> Segmenter:
    global _jieba_tokenizer
    with _jieba_lock:
        if _jieba_tokenizer is None:
            # jieba's segmentation over its dictionary on disk (nl2sql.segmenter): a question
            # looks up its own substrings instead of loading 350,000 words per process
            _jieba_tokenizer = Segmenter()
        return _jieba_tokenizer


def segment(text: str, lex: Lexicon | None = None) -> list[str]:
    """jieba words of a Chinese fragment (``lex``'s terms kept whole; none without one).

    Why the terms travel with the lexicon instead of jieba's process-wide ``add_word``: one
    model's terms would otherwise re-cut another model's questions in the same process.
    """
    extra = lex.segment_words if lex is not None else None
    return [w for w in _tokenizer().cut(text, HMM=False, extra=extra) if w.strip()]


def correct_typo(word: str, lex: Lexicon) -> str | None:
    """The model word an English typo most likely means ("retrun" -> "return"), or None.

    Only long-enough words with one clear best match are corrected, so a real unknown word is
    reported instead of silently replaced.
    """
    if len(word) < 4 or word in STOP_EN or not lex.vocab_words:
        return None
    hits = process.extract(word, lex.vocab_words, scorer=fuzz.ratio, limit=2)
    if not hits or hits[0][1] < (80 if len(word) >= 6 else 86):
        return None
    if len(hits) > 1 and hits[1][1] == hits[0][1]:
        return None
    alone = lex.terms.get((hits[0][0],))
    if alone and all(s.via for s in alone):
        return None  # the fixed word would only match through a bridge: two guesses stacked
    return hits[0][0]


# ---- per-catalog cache --------------------------------------------------------------------------
#: catalogs are few (one per model and warehouse version); each entry keeps its catalog alive
_cache: IdentityCache[Lexicon] = IdentityCache(maxsize=16)


def lexicon_for(catalog: Catalog) -> Lexicon:
    """The (cached) lexicon of a catalog object."""
    hit = _cache.get(catalog)
    if hit is not None:
        return hit
    lex = build_lexicon(catalog)
    adopt_lexicon(lex)
    return lex


def adopt_lexicon(lex: Lexicon) -> None:
    """Use ``lex`` (built elsewhere, e.g. read from ``nl2sql.startup_cache``) for its catalog.

    :func:`lexicon_for` then returns it for ``lex.catalog`` instead of building another (its
    segmenter words came with it).
    """
    _cache.put(lex.catalog, lex)
