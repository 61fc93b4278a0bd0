"""Verb bridges: the forms of a verb that names a model term's event ("flew" -> `flights`).

Why apart from the noun bridges: a verb never *is* a metric or a dimension, it says what
happened to one, so these bridges are not lexicon terms; the rules engine absorbs a verb only
when the term it reaches is part of the question's reading.
"""

from __future__ import annotations

from nl2sql.vocabulary import morphology
from nl2sql.vocabulary.bridges import Bridge, is_general
from nl2sql.vocabulary.english import GENERIC_HEADS, content_phrases, name_words, singular
from nl2sql.vocabulary.english_anchors import LEAD_WORDS
from semantic_layer.catalog import Catalog, CatalogMetric

#: a verb bridge is never a model term (see :func:`verb_bridges`): its score only orders them
VERB = 0.8
#: a name word that only says how a boolean is stored ("is_paid", "has_return")
_FLAG_WORDS = frozenset({"is", "has", "was", "flag"})


def _verb_sources(texts: list[str]) -> set[str]:
    """The verb lemmas the content words of ``texts`` (names, labels) derive from."""
    out: set[str] = set()
    for text in texts:
        words = name_words(text or "")
        for w in words:
            if w in GENERIC_HEADS or w in _FLAG_WORDS or w in LEAD_WORDS or is_general(w):
                continue
            out.update(morphology.source_verbs(singular(w)))
        # a verb and its particle written apart ("sign_up_at", "parent sign ups") name the
        # phrasal verb's event, whose Chinese is not the verb's own (注册, not 签名)
        out.update(morphology.phrasal_lemmas([singular(w) for w in words]))
    return out


def _value_verbs(value: str) -> set[str]:
    """The verbs a one-word value is a form of ("refunded" -> refund) or is derived from by one
    suffix ("demolition" -> demolish, "cancellation" -> cancel).

    Why derivation too: a status or type a model stores as the event noun is typed in Chinese
    as the verb (拆除类许可证 "demolition permits", 拆除 "to demolish"); only the lexicon-checked
    suffix rules count, no dictionary pivots, which link words by meaning, not form.

    >>> sorted(_value_verbs("demolition")), sorted(_value_verbs("refunded")), _value_verbs("adu")
    (['demolish'], ['refund'], set())
    """
    derived = morphology.derived_from(value)
    return set(morphology.verb_lemmas(value)) | ({derived} if derived else set())


def is_new_count(metric: CatalogMetric) -> bool:
    """Whether a metric counts things that just came into being: a count of rows whose name or
    label says *new* ("new_members", "New Patron"). Why only these: a verb of joining ("signed
    up", 注册) restates such a count; beside any other metric it names an event the question
    would have to ask about (fees of members who signed up in 2021 is no count of new members).

    >>> is_new_count(CatalogMetric("new_users", "new users", agg="sum", measure_expr="1"))
    True
    >>> is_new_count(CatalogMetric("new_user_revenue", "", agg="sum", measure_expr="amount"))
    False
    """
    words = set(name_words(metric.name)) | set(name_words(metric.label or ""))
    if not words & morphology.NEW_WORDS:
        return False
    counts_rows = metric.agg in ("sum", "count") and metric.measure_expr.strip() == "1"
    return bool(metric.counts) or counts_rows


def _verb_targets(catalog: Catalog) -> dict[str, dict[tuple[str, str, str | None], str]]:
    """Verb lemma -> the model terms it names the event of, each with the word it reaches.

    Metrics and entities through the words of their names and labels (ride -> `rides`) and a
    metric's description's event verb ("Total miles ridden"); dimensions through their names
    and labels, time dimensions also through their description's nouns ("date of the
    scheduled pickup"); yes/no dimensions as their yes value (renew -> `is_renewed`),
    one-word values as themselves (a status "refunded").
    """
    links: dict[str, dict[tuple[str, str, str | None], str]] = {}

    def link(lemmas: set[str], kind: str, name: str, value: str | None, via: str) -> None:
        for lemma in lemmas:
            links.setdefault(lemma, {}).setdefault((kind, name, value), via)

    for m in catalog.metrics:
        lemmas = _verb_sources([m.name, m.label])
        event = morphology.event_verb(m.description or "")
        if is_new_count(m):  # "members who signed up": the model's count of new members
            lemmas |= morphology.JOINING_VERBS
        link(lemmas | ({event} if event else set()), "metric", m.name, None, m.label or m.name)
    for e in catalog.entities:
        link(_verb_sources([e.name, e.label]), "entity", e.name, None, e.label or e.name)
    for d in catalog.dimensions:
        if d.name == "metric_time":
            continue
        short = d.name.split("__")[-1]
        lemmas = _verb_sources([short, d.label])
        values = {str(v).lower() for v in d.values}
        if values and values <= {"true", "false"}:
            link(lemmas, "value", d.name, "true", d.label or short)
            continue
        if d.dim_type == "time":
            described = [p for p in content_phrases(d.description or "") if " " not in p]
            lemmas |= _verb_sources(described)
        link(lemmas, "dimension", d.name, None, d.label or short)
        for v in d.values:
            text = str(v)
            if text.isascii() and text.isalpha():
                link(_value_verbs(text.lower()), "value", d.name, text, text)
    return links


def _date_adjectives(catalog: Catalog) -> list[tuple[str, str, str]]:
    """(adjective, time dimension, its label) for each adjective-only word of a time
    dimension's name or label ("effective" of ``effective_date``).

    Why: "policies effective in 2026" names the effective date as "policies registered in May"
    names the registration date, but "effective" is no verb form, so it reached nothing and the
    question was refused. Such a word before a date reads as that date's axis, as a past verb
    form does (a dated verb bridge); a word that is also a noun or a verb's form ("loss",
    "opened") is left to the noun and verb readings.
    """
    out = []
    for d in catalog.dimensions:
        if d.dim_type != "time" or d.name == "metric_time":
            continue
        short = d.name.split("__")[-1]
        for w in dict.fromkeys(name_words(short) + name_words(d.label or "")):
            if (
                len(w) >= _MIN_ADJECTIVE
                and w not in GENERIC_HEADS
                and w not in LEAD_WORDS
                and not is_general(w)
                and morphology.adjective_lemmas(w)
                and not morphology.noun_lemmas(w)
                and not morphology.source_verbs(w)
            ):
                out.append((w, d.name, d.label or short))
    return out


#: the shortest adjective read as a date's event ("due" and "late" are grammar of their own)
_MIN_ADJECTIVE = 5


def _verb_targets_of_new_counts(catalog: Catalog) -> list[tuple[tuple[str, str, None], str]]:
    """The counts of new things a verb of joining reaches, with the label shown for them."""
    return [
        (("metric", m.name, None), m.label or m.name) for m in catalog.metrics if is_new_count(m)
    ]


def verb_bridges(catalog: Catalog) -> list[Bridge]:
    """The forms of every verb that names a model term's event, and of the support verbs.

    These are not lexicon terms: a verb never *is* a metric or a dimension, it says what
    happened to one. The rules engine absorbs a verb form only when the term it reaches is part
    of the question's reading (``nl2sql.rules.passes.unknown``), and refuses it otherwise.
    English forms come from ``lemminflect``, Chinese verbs from CC-CEDICT's "to <verb>" glosses.
    """
    out: list[Bridge] = []
    for lemma, targets in sorted(_verb_targets(catalog).items()):
        words = sorted(morphology.verb_forms(lemma)) + morphology.chinese_verbs(lemma)
        words += morphology.glossary_verbs(lemma)
        for word in words:
            # a past form (or a Chinese verb, which has no tense) beside a date names the
            # time axis of the dimension it reaches: "registered in May", "3月发货"
            dated = not word.isascii() or morphology.is_past(word)
            source = ("verb" if word.isascii() else "verb+cedict") + ("+past" if dated else "")
            for (kind, name, value), via in sorted(targets.items(), key=str):
                out.append(Bridge(word, kind, name, value, via, source, VERB))
    joining = _verb_targets_of_new_counts(catalog)
    for word in morphology.JOINING_VERBS_ZH:  # 注册的用户: as "registered" (see JOINING_VERBS)
        for (kind, name, value), via in joining:
            out.append(Bridge(word, kind, name, value, via, "verb+cedict+past", VERB))
    for word, name, via in _date_adjectives(catalog):  # "policies effective in 2026"
        out.append(Bridge(word, "dimension", name, None, via, "verb+adjective+past", VERB))
    for lemma in sorted(morphology.LIGHT_VERBS):
        chinese = (
            []
            if lemma in morphology.ENGLISH_ONLY_LIGHT
            else morphology.chinese_verbs(lemma, morphology.LIGHT_MIN_FREQUENCY)
        )
        for word in sorted(morphology.verb_forms(lemma)) + chinese:
            out.append(Bridge(word, "light", lemma, None, lemma, "light", 1.0))
    return out
