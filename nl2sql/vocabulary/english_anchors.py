"""English phrases for model terms: names, labels, their suffixes, roles and descriptions.

Why: a dbt project's names and labels are how its owners say a term, not how users ask for it
("gross profit" of "Order Gross Profit", "operator" of "Operator Name", "store" of a ``location``
model through the thesaurus). These anchors are the English half of the vocabulary bridges
(``nl2sql.vocabulary.bridges``) and the phrases ``chinese_anchors`` renders in Chinese.
"""

from __future__ import annotations

import dataclasses
import re

from nl2sql.vocabulary import cedict
from nl2sql.vocabulary.aggregate_heads import TRAILING_TOTALS
from nl2sql.vocabulary.anchors import DESCRIPTION, LABEL, SUFFIX, Anchor
from nl2sql.vocabulary.breakdown_names import metric_name_terms
from nl2sql.vocabulary.described_sums import described_sum_anchors
from nl2sql.vocabulary.duration_time import duration_times
from nl2sql.vocabulary.english import (
    AVERAGE_AGGS,
    GENERIC_HEADS,
    PREPOSITIONS,
    content_phrases,
    gerund,
    hyphen_pairs,
    name_words,
    singular,
    suffixes,
)
from nl2sql.vocabulary.entity_prefixed import prefixed_rest_texts
from nl2sql.vocabulary.name_variants import (
    expanded_anchors,
    kind_head_anchors,
    slash_alternatives,
)
from nl2sql.vocabulary.own_metric_names import (
    PARENS,
    metric_words,
    owner_words,
    priced_names,
    unparenthesized,
)
from nl2sql.vocabulary.participles import LEAD_WORDS, fronted_first, participle_subject
from nl2sql.vocabulary.plain_counts import names_plain, plain_counts_beside
from nl2sql.vocabulary.row_keys import repoint_row_keys
from nl2sql.vocabulary.total_labels import total_anchors
from semantic_layer.catalog import Catalog, CatalogMetric

SUFFIX_METRIC_WORD = 0.55
AGGREGATION = 0.8
#: words before a metric's last word that only say how it aggregates ("Total Sales")
#: generic heads that alone still name the one term ending in them ("status" of `order_status`)
LONE_HEADS = frozenset({"status", "type", "kind", "level", "amount"})
LONE_HEAD = 0.7
#: the role word of an entity ("destination" of `destination_dock`)
ROLE = 0.85
#: a dimension named "<thing> name" is what users call the thing ("operator" for "Operator
#: Name"); a code, number or description of it less surely, so the name wins when a thing has
#: both ("diagnosis" for `diagnosis_description`: dbt models often carry only the long text)
OWNER_HEADS = {
    "name": 0.85,
    "title": 0.85,
    "code": 0.7,
    "id": 0.7,
    "key": 0.7,
    "number": 0.7,
    "description": 0.7,
    "desc": 0.7,
}
#: the last word of an entity named after its key column (dbt entities are often named so)
ENTITY_KEY_HEADS = frozenset({"id", "key"})
#: as sure as a suffix: the entity *is* the thing its key identifies
KEY_OWNER = 0.9
#: words before "name" that say which of a thing's names, not which thing ("first name")
NAME_QUALIFIERS = frozenset(
    "first last full middle short long display given nick legal official common real".split()  # noqa: SIM905
)
#: words of a metric's name that say how it aggregates (the general ones, "average", "total",
#: are grammar words the parser already knows)
AGGREGATION_WORDS = frozenset({"median", "distinct", "unique", "percentile", "cumulative"})


def name_anchors(
    kind: str, name: str, via: str, texts: list[str], owners: tuple[tuple[str, ...], ...] = ()
) -> list[Anchor]:
    """The phrases a name or label gives its term: itself, its suffixes, and the modifier of
    a generic head ("operator" of "Operator Name"); ``owners``, the words of a metric's own
    entities (:func:`_suffix_score`)."""
    out: list[Anchor] = []
    # a pair the label hyphenates ("Same-Cinema") is one modifier in the name too: the name
    # ``same_cinema_ticket_revenue`` writes no hyphen, and its suffix "cinema ticket revenue"
    # named the same-cinema metric for "cinema ticket revenue" (a wrong answer)
    joined = frozenset().union(*(hyphen_pairs(t or "") for t in texts))
    for text in texts:
        # a label's parenthesised note (a unit "(USD)", a role "(guest member)") is not what
        # users say; the label without it is a bridge, not one of the lexicon's own terms
        plain = unparenthesized(text or "")
        # an acronym written in capitals keeps its final s ("COGS" is no plural of "cog")
        caps = {w.lower() for w in re.findall(r"[A-Za-z]{3,}", via or "") if w.isupper()}
        words = [w if w in caps else singular(w) for w in name_words(plain or text)] if text else []
        if not words:
            continue
        source, score = ("label", LABEL) if plain else ("name", 1.0)
        out.append(Anchor(" ".join(words), kind, name, None, via, source, score))
        qualified = _qualified_phrase(text or "", words) if plain else ""
        if qualified:
            # the label's own words, only reordered: as sure as the label ("total orders"
            # is "Orders (Total)", not "total" + any of the "Orders (...)" labels)
            out.append(Anchor(qualified, kind, name, None, via, "qualifier", 1.0))
            note = qualified.split()[: -len(words)]
            if len(note) >= 2:  # "payments collected" of "Revenue (Payments Collected)"
                out.append(Anchor(" ".join(note), kind, name, None, via, "qualifier", SUFFIX))
        ing = gerund(words[0]) if len(words) >= 2 and kind != "metric" else None
        if ing and _is_verb(words[0]):
            # "packing mode" for `pack_mode`: a verb used as a modifier, in its -ing form
            out.append(Anchor(" ".join([ing, *words[1:]]), kind, name, None, via, "gerund", SUFFIX))
        for tail in suffixes(words, joined):
            if _drops_flag_predicate(kind, words, tail):
                continue
            out.append(
                Anchor(
                    " ".join(tail),
                    kind,
                    name,
                    None,
                    via,
                    "suffix",
                    _suffix_score(kind, words, tail, owners),
                )
            )
        if kind == "metric" and _sums_plural(text, words):
            # "duels" of `duels_total`, "dribble attempts" of `dribble_attempts_total`: the
            # things a closing "total" sums (users drop the word, or put it first: "total
            # duels", which the parser already reads as a sum)
            out.append(Anchor(" ".join(words[:-1]), kind, name, None, via, "suffix", SUFFIX))
        lead = next((i for i, w in enumerate(words) if w not in LEAD_WORDS), len(words))
        if kind == "metric" and 0 < lead < len(words) - 1 and set(words) & PREPOSITIONS:
            # "time to settle claim" of `avg_time_to_settle_claim`: the words after those that
            # only say how it aggregates, whole (suffixes stop at the preposition)
            out.append(Anchor(" ".join(words[lead:]), kind, name, None, via, "suffix", SUFFIX))
        if len(words) >= 2 and words[-1] in LONE_HEADS and kind != "entity":
            # "status" for `order_status`: a generic head alone still names the one term that
            # has it; two terms with it tie, and the question is clarified
            out.append(Anchor(words[-1], kind, name, None, via, "suffix", LONE_HEAD))
        subject = participle_subject(kind, words)
        if subject:
            out.append(Anchor(subject, kind, name, None, via, "subject", SUFFIX))
        fronted = fronted_first(kind, words)
        if fronted:
            out.append(Anchor(fronted, kind, name, None, via, "fronted", SUFFIX))
        head_score = OWNER_HEADS.get(words[-1])
        modifier = words[:-1]
        if head_score and kind == "dimension" and modifier and modifier[0] not in NAME_QUALIFIERS:
            out.append(Anchor(" ".join(modifier), kind, name, None, via, "modifier", head_score))
            if len(modifier) >= 2 and modifier[-1] not in GENERIC_HEADS:
                # "currency" of "Billing Currency Code": the thing the code stands for, said
                # without the word that says whose (as "currency code" is its suffix); as
                # sure as the modifier, and two dimensions ending in it are clarified
                thing = modifier[-1]
                out.append(Anchor(thing, kind, name, None, via, "modifier", head_score))
        if kind == "entity" and modifier and words[-1] in ENTITY_KEY_HEADS:
            # an entity named after its key column (`ticket_id`, `parcel_key`) is the thing
            # the key identifies: "tickets", 工单 name it ("how many tickets" counts it)
            out.append(Anchor(" ".join(modifier), kind, name, None, via, "modifier", KEY_OWNER))
    return out


def _same_measure(catalog: Catalog, metric: CatalogMetric, agg: str) -> list[CatalogMetric]:
    """The unfiltered simple metrics that aggregate ``metric``'s column with ``agg`` over the
    same rows and time axis."""
    return [
        o
        for o in catalog.metrics
        if o.metric_type == "simple"
        and not o.filtered
        and o.agg == agg
        and o.measure_expr == metric.measure_expr
        and o.agg_time_dimension == metric.agg_time_dimension
    ]


def _totals_beside(catalog: Catalog, metric: CatalogMetric) -> list[CatalogMetric]:
    """The plain sums of the column ``metric`` averages over the same rows:
    ``transaction_volume`` (SUM(amount)) beside ``average_transaction_amount`` (AVG(amount)).

    Why: "transaction amount" is a suffix of the average's name, but said without "average"
    an amount asks for the total, which that other metric is; answering the average alone
    would be a wrong answer that reads right. The words then name both, and the question says
    which ("average transaction amount") or is clarified. An average that is the only metric
    over its column ("shipment delay") keeps its words to itself.
    """
    if metric.agg not in AVERAGE_AGGS or not metric.measure_expr:
        return []
    return _same_measure(catalog, metric, "sum")


def _unfiltered_beside(catalog: Catalog, metric: CatalogMetric) -> list[CatalogMetric]:
    """Unfiltered metrics over a filtered ``metric``'s measure (``parcels_scanned`` beside
    ``delivered_parcels_count``). Why: "parcel count", a suffix without the filter's word, would
    answer the filtered count alone, a wrong answer that reads right; it now names both."""
    if not metric.filtered or metric.metric_type != "simple" or not metric.measure_expr:
        return []
    return _same_measure(catalog, metric, metric.agg)


#: words that keep a suffix an average although its average word is dropped: "visitors per
#: show" of "Average Visitors Per Show" is still visitors per show, which no total is
_PER_WORDS = frozenset({"per"})


def _drops_average(anchor: Anchor) -> bool:
    """A suffix of a metric's name or label without its average word ("transaction amount" of
    "Average Transaction Amount"), unless it still says "per": "visitors per show" asks for
    the average per show, never for the total visitors (it named both and was clarified).

    >>> _drops_average(Anchor("transaction amount", "metric", "a", None, "", "suffix", 0.9))
    True
    >>> _drops_average(Anchor("visitor per show", "metric", "a", None, "", "suffix", 0.9))
    False
    """
    words = set(anchor.phrase.split())
    return anchor.source == "suffix" and not words & AVERAGE_AGGS and not words & _PER_WORDS


def _sums_plural(text: str, words: list[str]) -> bool:
    """Whether a name closes with "total"/"sum" after a plural noun (`duels_total`).

    Why the plural: owners name a sum of counted things with the things' plural
    (`goals_total`, `minutes_total`), while a singular before "total" is an amount of one
    thing (`order_total` is an order's money, not a number of orders), which must not become
    "orders".

    >>> _sums_plural("duels_total", ["duel", "total"]), _sums_plural("order_total", ["order", "total"])
    (True, False)
    """
    raw = name_words(text)
    if len(words) < 2 or words[-1] not in TRAILING_TOTALS or len(raw) != len(words):
        return False
    before = raw[-2].lower()
    return before != words[-2] and before.endswith("s")


#: last name words that only say which version of a value a column holds (a slowly changing
#: dimension's `region_latest`, `status_current`): users name the thing without them
VERSION_TAILS = frozenset({"latest", "current"})


def _shared_subjects_tie(anchors: list[Anchor]) -> list[Anchor]:
    """A metric's participle subject ("quantity" of "Quantity Baked") that another metric's
    name also holds ("Discarded Quantity") names neither surely: it drops to that other
    metric's word score, so the two tie and the question is clarified.

    Why: "discards of loaves with more than 2 quantity" on a model with both metrics answered
    with Quantity Baked because the subject outranked the other metric's lone word — a wrong
    answer for a question about discards. A subject no other metric holds keeps its score
    ("how many calls" for "Calls Answered").

    >>> a = [Anchor("quantity", "metric", "qb", None, "Quantity Baked", "subject", SUFFIX),
    ...      Anchor("quantity", "metric", "dq", None, "Discarded Quantity", "suffix", 0.55)]
    >>> [x.score for x in _shared_subjects_tie(a)]
    [0.55, 0.55]
    """
    holders: dict[str, dict[str, float]] = {}
    for a in anchors:
        if a.kind == "metric" and a.source != "subject":
            best = holders.setdefault(a.phrase, {})
            best[a.name] = max(best.get(a.name, 0.0), a.score)
    out = []
    for a in anchors:
        others = [v for k, v in holders.get(a.phrase, {}).items() if k != a.name]
        if a.source == "subject" and others:
            a = Anchor(
                a.phrase, a.kind, a.name, a.value, a.via, a.source, min(a.score, max(others))
            )
        out.append(a)
    return out


def _unversioned_anchors(name: str, label: str, short: str) -> list[Anchor]:
    """ "region" for `region_latest`: the name without its version word, as a suffix would.

    Why: dbt projects keep the latest value of a changing attribute as ``<thing>_latest``
    (MetricFlow's own examples do); "loans by branch region" named nothing in the model.
    A dimension literally named ``region`` beside it keeps the word (bridges never shadow the
    model's own terms), and two unversioned names tie and are clarified.
    """
    words = name_words(short)
    if len(words) < 2 or words[-1] not in VERSION_TAILS:
        return []
    core = " ".join(words[:-1])
    return [
        Anchor(a.phrase, a.kind, a.name, None, label or short, "suffix", a.score * SUFFIX)
        for a in name_anchors("dimension", name, label, [core])
        if a.phrase not in VERSION_TAILS
    ]


def _is_verb(word: str) -> bool:
    """CC-CEDICT glosses some Chinese word as "to <word>" (ship, return, order: yes)."""
    return any(how == "verb" for _, _, how in cedict.chinese_for(word))


#: the words a yes/no dimension's name opens with ("is current member", "has discount")
_FLAG_OPENERS = frozenset({"is", "has", "was"})


def _drops_flag_predicate(kind: str, words: list[str], tail: list[str]) -> bool:
    """Whether ``tail`` leaves out part of what a yes/no dimension says about its rows.

    Why: "is current member" says *current*; its tail "member" is the thing, not the flag,
    and "by member" grouped on current-or-not, a wrong answer. The whole predicate after the
    opener ("current member", "emergency" of "is emergency") still names the flag.

    >>> _drops_flag_predicate("dimension", ["is", "current", "member"], ["member"])
    True
    >>> _drops_flag_predicate("dimension", ["is", "current", "member"], ["current", "member"])
    False
    >>> _drops_flag_predicate("dimension", ["home", "region"], ["region"])
    False
    """
    return (
        kind == "dimension"
        and len(words) >= 3
        and words[0] in _FLAG_OPENERS
        and len(tail) < len(words) - 1
    )


def _suffix_score(
    kind: str, words: list[str], tail: list[str], owners: tuple[tuple[str, ...], ...] = ()
) -> float:
    """A suffix names its term (:data:`SUFFIX`), except one word left of a metric's name.

    That word ("sales" of "line sales") is what many metrics share, and in "sales region" it
    only qualifies the next noun: it is offered in a clarification, never answered on — unless
    all the words before it only say how the metric aggregates ("sales" of "Total Sales"), or
    are one of the metric's own entities (``owners``: "fare" of ``coach_booking_fare`` on a
    ``coach_booking``, the name users give it without repeating whose fare it is) and the
    word, or a thesaurus neighbour, is no other metric's (``own_metric_names.owner_words``).

    >>> _suffix_score("metric", ["coach", "booking", "fare"], ["fare"], (("coach", "booking"),))
    0.9
    >>> _suffix_score("metric", ["line", "sales"], ["sales"]), _suffix_score(
    ...     "metric", ["order", "count"], ["count"], (("order",),))
    (0.55, 0.55)
    """
    if kind != "metric" or len(tail) > 1:
        return SUFFIX
    lead = words[: len(words) - len(tail)]
    if tuple(lead) in owners and tail[0] not in LEAD_WORDS:
        return SUFFIX
    return SUFFIX if all(w in LEAD_WORDS for w in lead) else SUFFIX_METRIC_WORD


def _lead_and_head(name: str, label: str, named: list[Anchor]) -> list[Anchor]:
    """ "average score" for "Average Review Score": the aggregation word and the head noun.

    Why: users drop the middle of a long label and keep what it aggregates and of what
    ("平均评分"); the head noun alone is only a clarification (:func:`_suffix_score`), but
    with the label's own aggregation word before it the phrase names the metric. Two metrics
    giving the same phrase tie, and the question is clarified.
    """
    out = []
    for a in named:
        words = a.phrase.split()
        if a.source in ("name", "label") and len(words) >= 3 and words[0] in LEAD_WORDS:
            phrase = f"{words[0]} {words[-1]}"
            out.append(Anchor(phrase, "metric", name, None, label, "lead", AGGREGATION))
    return out


def _qualified_phrase(label: str, words: list[str]) -> str:
    """ "net revenue" for the label "Revenue (Net)": the note read as the modifier it is.

    Why: labels that tell variants of one measure apart by a note ("Orders (Completed)",
    "Revenue (Gross)") are said the other way round ("completed orders"); the plain label alone
    reaches every variant and is refused as ambiguous. A note repeating a label word (a role,
    "Member (guest member)") is not a modifier, and a lone unit ("(USD)") never reads as
    one in a question, so the phrase is harmless for it. A note that opens with "by" or "per"
    ("Penetration (by state)") says how the metric is broken down or divided, not which
    variant it is: "by state" as a name of that metric turned "CAC by state" into CAC *and*
    the penetration metric.
    """
    notes = [name_words(n) for n in PARENS.findall(label)]
    if len(notes) != 1 or not notes[0] or set(notes[0]) & set(words):
        return ""
    if notes[0][0] in ("by", "per"):
        return ""
    return " ".join([*notes[0], *words])


def object_anchors(catalog: Catalog) -> list[Anchor]:
    """English phrases that name each model term: its name and label, their suffixes and,
    for dimensions and entities, the content phrases of their descriptions."""
    out: list[Anchor] = []
    # a label whose words are another metric's whole name ("Food Revenue %" once its "%" is
    # dropped, beside `food_revenue`) does not name this metric: that phrase, and its Chinese
    # (食品收入), belong to the metric so named — else every rendering of it is a false tie
    own_names = {" ".join(singular(w) for w in name_words(m.name)): m.name for m in catalog.metrics}
    shared = metric_words(catalog)
    # "cpl" of "CPL by Branch": the words before a breakdown name the metric, in every
    # language (每线索成本), not only as the lexicon's English term
    heads = metric_name_terms(catalog)
    rests = prefixed_rest_texts(catalog)  # "assessments" of quality_metrics_assessments
    for m in catalog.metrics:
        cut = [t for t in dict.fromkeys(heads.get(m.name, [])) if t not in (m.name, m.label)]
        named = [
            a
            for a in name_anchors(
                "metric",
                m.name,
                m.label,
                [m.name, m.label, *priced_names(m), *cut, *duration_times(m), *rests[m.name]],
                owner_words(m, shared),
            )
            if own_names.get(a.phrase, m.name) == m.name or a.source not in ("name", "label")
        ]
        plain = plain_counts_beside(catalog, m)
        # "booking count" of "Cancelled booking count" is the count of bookings
        dropped = [a for a in named if a.source == "suffix" and names_plain(a.phrase, plain)]
        named = [a for a in named if a not in dropped]
        out += [
            dataclasses.replace(a, name=o.name, via=o.label or o.name, source="plain count of")
            for o in plain
            for a in dropped
        ]
        out += named
        # "transaction amount" of "Average Transaction Amount" names just as well the metric
        # that totals the same column ("Volume"): both readings, so the bare words tie
        out += [
            dataclasses.replace(
                a, name=total.name, via=total.label or total.name, source="total of"
            )
            for total in _totals_beside(catalog, m)
            for a in named
            if _drops_average(a)
        ]
        out += [  # "parcel count" of "Delivered Parcels Count" names "Parcels Scanned" too
            dataclasses.replace(a, name=o.name, via=o.label or o.name, source="unfiltered of")
            for o in _unfiltered_beside(catalog, m)
            for a in named
            if a.source == "suffix"
        ]
        # "total rental amount": the metric with the aggregation word users put before
        # it, one term, so it is not read as another metric labelled "Total Rentals"
        # followed by a stray "amount"
        out += total_anchors(
            catalog,
            m,
            [
                a
                for a in named
                if a.source in ("name", "label") and a.phrase.split()[0] not in LEAD_WORDS
            ],
        )
        out += _lead_and_head(m.name, m.label, named)
        # "seed spend" of "Seed/Soil Spend": each word of a slashed pair
        out += [
            dataclasses.replace(a, source="slash", score=min(a.score, SUFFIX))
            for a in name_anchors("metric", m.name, m.label, slash_alternatives(m.label))
        ]
        out += _sum_of_anchor(m) + described_sum_anchors(m)
        # how a metric aggregates ("median", "distinct") names it even as a modifier word
        for w in dict.fromkeys(name_words(m.name) + name_words(m.label)):
            if w in AGGREGATION_WORDS:
                out.append(Anchor(w, "metric", m.name, None, m.label, "aggregation", AGGREGATION))
    out = _shared_subjects_tie(out)
    for e in catalog.entities:
        out += name_anchors("entity", e.name, e.label or e.name, [e.name, e.label])
    out += _role_anchors(catalog)
    for d in catalog.dimensions:
        short = d.name.split("__")[-1]
        if d.dim_type == "time":
            if d.name != "metric_time":
                out += [
                    Anchor(a.phrase, "time", d.name, None, a.via, a.source, a.score)
                    for a in name_anchors("dimension", d.name, d.label, [short, d.label])
                    if a.source in ("name", "label")
                ]
            continue
        named = name_anchors("dimension", d.name, d.label, [short, d.label])
        named += _unversioned_anchors(d.name, d.label, short)
        named += expanded_anchors("dimension", d.name, d.label, short)
        named += kind_head_anchors(d.name, d.label, short)
        out += named
        prefix = " ".join(singular(w) for w in name_words(d.name.split("__")[0]))
        if "__" in d.name and not short.startswith(d.name.split("__")[0]):
            # "customer segment" for `customer__market_segment`: the thing it belongs to,
            # then the dimension's own words (or their head)
            out += [
                Anchor(f"{prefix} {a.phrase}", a.kind, a.name, None, a.via, "entity", SUFFIX)
                for a in named
                if a.source in ("name", "label", "suffix")
                and not set(a.phrase.split()) & set(prefix.split())
            ]
        for v in d.values:
            text = str(v)
            if text.lower() not in ("true", "false") and any(c.isalpha() for c in text):
                # a code-style value ("credit_card") is said, and glossed, as its words
                phrase = " ".join(text.lower().replace("_", " ").split())
                out.append(Anchor(phrase, "value", d.name, text, text, "name", 1.0))
    out = repoint_row_keys(catalog, out)  # "cycle" of a row key `stock_move_cycle`
    return out + repoint_row_keys(catalog, _description_anchors(catalog, out))


def _role_anchors(catalog: Catalog) -> list[Anchor]:
    """The role word of an entity whose head several entities share: "destination" for
    `destination_dock` next to `origin_dock`.

    Only a role word no other name uses: "guest" of `guest_member` also names `guest_pass`, so
    alone it says nothing about which one.
    """
    words = {e.name: [singular(w) for w in name_words(e.name)] for e in catalog.entities}
    heads: dict[str, int] = {}
    for ws in words.values():
        if len(ws) >= 2:
            heads[ws[-1]] = heads.get(ws[-1], 0) + 1
    used: dict[str, int] = {}
    for name in [*words, *(d.name.split("__")[-1] for d in catalog.dimensions)]:
        for w in set(singular(x) for x in name_words(name)):
            used[w] = used.get(w, 0) + 1
    out = []
    for e in catalog.entities:
        ws = words[e.name]
        if len(ws) == 2 and heads.get(ws[-1], 0) >= 2 and used.get(ws[0], 0) == 1:
            out.append(Anchor(ws[0], "entity", e.name, None, e.label or e.name, "role", ROLE))
    return out


def _value_words(values: tuple[str, ...]) -> frozenset[str]:
    """The lower-case words of a dimension's values ("Europe/Lisbon" → europe, lisbon)."""
    return frozenset(singular(w) for v in values for w in re.findall(r"[a-z]+", v.lower()))


def _description_anchors(catalog: Catalog, named_anchors: list[Anchor]) -> list[Anchor]:
    """Content phrases of dimension and entity descriptions.

    A description word that is also a word of *another* term's name ("the *sale* happened"
    next to a `total_sales` metric) is context about that other thing, not a name for this
    one; a word of the described term's own name ("Product category" of `category`) is kept.
    A phrase made only of words of the dimension's own values ("for example Europe/Lisbon")
    quotes a value: it names that value, never the dimension ("crossings to Lisbon" was
    grouped by time zone).
    """
    owners: dict[str, set[tuple[str, str]]] = {}
    for a in named_anchors:
        if a.source == "name" and a.kind != "value":
            for w in a.phrase.split():
                owners.setdefault(w, set()).add((a.kind, a.name))
    described = [
        (e.description, "entity", e.name, e.label or e.name, frozenset[str]())
        for e in catalog.entities
    ]
    described += [
        (d.description, "dimension", d.name, d.label, _value_words(d.values))
        for d in catalog.dimensions
        if d.dim_type != "time"
    ]
    out: list[Anchor] = []
    for text, kind, name, via, value_words in described:
        for phrase in content_phrases(text or ""):
            words = [singular(w) for w in phrase.split()]
            head_owners = owners.get(words[-1], set())
            # "time of day": generic words (a time grain's too), one name together
            cyclic = " of " in phrase
            if not cyclic and (
                words[-1] in GENERIC_HEADS or (head_owners and (kind, name) not in head_owners)
            ):
                continue
            if all(w in value_words for w in words):
                continue  # an example value quoted in the description
            out.append(Anchor(" ".join(words), kind, name, None, via, "description", DESCRIPTION))
    return out


#: a sum's label lead ("Sum of Membership Fees")
_SUM_OF = re.compile(r"^(?:the\s+)?sum\s+of\s+", re.IGNORECASE)


def _sum_of_anchor(m: CatalogMetric) -> list[Anchor]:
    """ "membership fees" for "Sum of Membership Fees", as sure as the label itself.

    Why: a sum is what an amount's bare name means (the lexicon keys the same form:
    ``nl2sql.vocabulary.label_cores.label_forms``), yet the anchors only gave the words as a
    suffix, below no rival: beside "Average Membership Fees" (whose suffix they are as well)
    会员费 and 总会员费 named the average alone, a wrong answer. Anchored as the label,
    both readings reach the rules, which take the sum unless an average word is said
    (``nl2sql.rules.metric_kinds.total_over_its_mean``).
    """
    label = " ".join((m.label or "").split())
    rest = _SUM_OF.sub("", label)
    words = (
        [singular(w) for w in name_words(unparenthesized(rest) or rest)] if rest != label else []
    )
    if not words:
        return []
    return [Anchor(" ".join(words), "metric", m.name, None, m.label, "label", LABEL)]
