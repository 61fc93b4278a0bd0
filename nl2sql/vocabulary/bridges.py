"""Vocabulary bridges: the words a user may type for a model term the model never lists.

Why: a dbt project written by others has names, labels and descriptions, not synonyms. The
rules engine matches only what the lexicon holds, so without bridges "store" misses a
``location`` model, "gross profit" misses the label "Order Gross Profit" and every Chinese word
misses an English-only model. A bridge links such a word to one model term, says which
resource made the link (``source``) and how sure it is (``score``):

==============  ==========================================================  =====
source          how                                                         score
==============  ==========================================================  =====
``suffix``      a proper suffix of a name or label ("gross profit")         0.9
                (a metric's last word alone, "profit": 0.55;
                0.7 when nothing else uses it: ``heads``)
``acronym``     a metric label's initials ("aov"; ``acronyms``)             0.85
``country``     a country code's CLDR name (德国 for DE; ``countries``)       0.9
``aggregation`` how a metric aggregates ("median", "distinct")              0.8
``description`` a content phrase of a dimension/entity description          0.75
``kind``        the word a row count's description puts before its entity   0.9
                ("parking" of "Count of parking sessions"; ``kind_words``)
``thesaurus``   a general-business synonym of a name word ("store")         x0.85
``wordnet``     WordNet's other name of a thing an entity or dimension      x0.8
                names ("cab" for taxi; ``wordnet``; English only)
``cedict``      a Chinese noun glossed as the phrase (门店 = "store")        x0.9 main
                                                                            sense of a
                                                                            word with ≤ 2
                                                                            senses; less
                                                                            otherwise
==============  ==========================================================  =====

Scores multiply along a chain (location -> store -> 门店 = 1 x 0.85 x 0.9). A word at or above
:data:`ACCEPT` becomes a lexicon term (shown as "门店 → location" in the answer); below it the
word only feeds a clarification ("did you mean ..."), so a weak link is never answered on.
A phrase that reaches several terms keeps those within :data:`TIE` of its best score, and the
parser then refuses it as ambiguous with the options — a clarification, not a guess.

The English phrases come from ``english_anchors``, their Chinese from ``chinese_anchors``;
verbs, which are never terms, from ``verb_bridges``.
"""

from __future__ import annotations

from dataclasses import dataclass, fields

from nl2sql.general import ROLES, STOP_EN, STOP_ZH
from nl2sql.vocabulary.acronyms import (
    acronym_anchors,
    described_acronym_anchors,
    expansion_anchors,
)
from nl2sql.vocabulary.anchors import ACCEPT, TIE, Anchor
from nl2sql.vocabulary.average_price_zh import average_price_anchors
from nl2sql.vocabulary.chinese import model_industries
from nl2sql.vocabulary.chinese_anchors import chinese_anchors
from nl2sql.vocabulary.class_heads import class_head_anchors
from nl2sql.vocabulary.clipped import clipped_anchors
from nl2sql.vocabulary.countries import country_anchors, country_kind_anchors
from nl2sql.vocabulary.english import GENERIC_HEADS, name_words, singular
from nl2sql.vocabulary.english_anchors import LONE_HEADS, object_anchors
from nl2sql.vocabulary.fx_rate_anchors import fx_pair_anchors_zh, fx_rate_anchors
from nl2sql.vocabulary.heads import promote_uncontested_heads
from nl2sql.vocabulary.industries import catalog_industries
from nl2sql.vocabulary.kind_words import kind_word_anchors
from nl2sql.vocabulary.label_cores import event_core_anchors
from nl2sql.vocabulary.money_anchors import money_anchors
from nl2sql.vocabulary.part_metrics import part_description_anchors
from nl2sql.vocabulary.per_unit_zh import per_unit_anchors
from nl2sql.vocabulary.rate_anchors import (
    per_head_anchors,
    percent_anchors,
    rate_anchors,
    rate_term_senses,
)
from nl2sql.vocabulary.sex_codes import sex_code_anchors
from nl2sql.vocabulary.shared_heads import shared_head_anchors
from nl2sql.vocabulary.sole_words import sole_word_anchors
from nl2sql.vocabulary.spelled_labels import spelled_label_anchors
from nl2sql.vocabulary.thesaurus_anchors import thesaurus_anchors
from nl2sql.vocabulary.value_metrics import value_metric_anchors
from nl2sql.vocabulary.verb_modifiers import verb_modifier_anchors
from nl2sql.vocabulary.wordnet import wordnet_anchors
from semantic_layer.catalog import Catalog


@dataclass(frozen=True)
class Bridge:
    """One word a user may type, the model term it reaches, and how."""

    term: str  # what the user types: "门店", "store", "gross profit"
    kind: str  # metric | dimension | entity | value
    name: str
    value: str | None
    via: str  # the model's own word it reaches ("location", "Order Gross Profit")
    source: str  # suffix | description | thesaurus | cedict (chained: "thesaurus+cedict")
    score: float

    @property
    def accepted(self) -> bool:
        """Strong enough to answer on (else only offered in a clarification)."""
        return self.score >= ACCEPT


def is_general(term: str) -> bool:
    """Grammar words of either language never become bridges ("by", "按", "total")."""
    t = term.lower()
    return t in ROLES or t in STOP_EN or t in STOP_ZH or t in GENERIC_HEADS


def _own_column(catalog: Catalog, thing: Anchor, metric: Anchor) -> bool:
    """Whether ``thing`` is a dimension over the column that ``metric``'s measure aggregates."""
    d = catalog.dimension(thing.name) if thing.kind == "dimension" else None
    m = catalog.metric(metric.name)
    return bool(
        d is not None
        and m is not None
        and d.expr
        and d.expr.strip().lower() == m.measure_expr.strip().lower()
    )


def build_bridges(catalog: Catalog) -> list[Bridge]:
    """Every bridge of ``catalog``, best first per term (no cache: see :func:`bridges_for`).

    Names and labels themselves are not bridges (the lexicon already has them); a term keeps
    only the senses within :data:`TIE` of its best score.
    """
    anchors = promote_uncontested_heads(object_anchors(catalog))
    # "downtime" of "Average Downtime Hours per Machine" (a published metric's)
    published = [(m.name, m.label) for m in catalog.metrics if not m.implied]
    anchors += sole_word_anchors(anchors, published)
    values = {str(v).lower() for d in catalog.dimensions for v in d.values}
    anchors += shared_head_anchors(anchors, values)
    entity_words = {" ".join(singular(w) for w in name_words(e.name)) for e in catalog.entities}
    anchors += clipped_anchors(anchors, entity_words)
    anchors += kind_word_anchors(catalog)
    anchors += class_head_anchors(catalog)
    anchors += acronym_anchors([(m.name, m.label) for m in catalog.metrics])
    anchors += verb_modifier_anchors([(m.name, m.label) for m in catalog.metrics])
    anchors += expansion_anchors([(m.name, m.label, m.description) for m in catalog.metrics])
    described = [(m.name, m.label, m.description) for m in catalog.metrics]
    anchors += described_acronym_anchors(described, frozenset(values))  # "(HICP)"
    anchors += spelled_label_anchors([(m.name, m.label, m.description) for m in catalog.metrics])
    anchors += part_description_anchors(catalog)  # "Batches" of "... - denominator"
    anchors += money_anchors(catalog.metrics)
    anchors += fx_rate_anchors(catalog.metrics)  # "exchange rate", 汇率 of "USD/IDR rate"
    anchors += event_core_anchors(catalog.metrics)  # 故障 of "Total Fault Events"
    anchors += value_metric_anchors(catalog)
    categorical = [(d.name, d.label, d.values) for d in catalog.dimensions if d.dim_type != "time"]
    anchors += country_anchors(categorical)
    anchors += country_kind_anchors(categorical)
    anchors += sex_code_anchors(categorical)
    own = {a.phrase for a in anchors if a.source == "name"}
    english = [a for a in anchors if a.source != "name"] + thesaurus_anchors(anchors)
    with model_industries(catalog_industries(catalog)):  # the model's industries' words only
        chinese = chinese_anchors(anchors + english)
        chinese += average_price_anchors(chinese, catalog.metrics)  # 棕榈油均价
        chinese += fx_pair_anchors_zh(catalog.metrics)  # 美元兑印尼盾汇率
        rates = rate_anchors(catalog.metrics) + percent_anchors(catalog.metrics)
        rates += per_head_anchors(anchors + english)  # 人均GDP, "per capita GDP"
        rates += per_unit_anchors(anchors + english)  # 场均观众, "visitors per show"
    english += [a for a in rates if a.phrase.isascii()]
    english += wordnet_anchors(anchors)  # after the Chinese: no Chinese is chained onto them
    chinese += [a for a in rates if not a.phrase.isascii()]
    best: dict[str, dict[tuple[str, str, str | None], Anchor]] = {}
    for a in english + chinese:
        # a country's name that is also a stored value ("Portugal" beside the code PT) is kept:
        # the lexicon adds it as the code's reading beside the value (``country_code_twin``)
        if (a.phrase in own and a.source != "country") or (
            is_general(a.phrase) and a.phrase not in LONE_HEADS
        ):
            continue
        senses = best.setdefault(a.phrase, {})
        key = (a.kind, a.name, a.value)
        if key not in senses or senses[key].score < a.score:
            senses[key] = a
    out: list[Bridge] = []
    by_name = {m.name: m for m in catalog.metrics}
    for term in sorted(best):
        ranked = sorted(best[term].values(), key=lambda a: (-a.score, a.kind, a.name))
        ranked = rate_term_senses(term, ranked, by_name)  # 毛利率 is no amount beside a rate
        top = ranked[0].score
        # a bridged noun that reaches a thing (entity/dimension) names the thing, not a metric
        # that merely counts or sums it: the parser derives "客户数" from the entity itself —
        # unless the thing is a dimension over the very column the metric sums ("order total"
        # as both a metric and a dimension of its column): then the term names both, as the
        # English name does, and the parser settles which one the question uses
        things = [a for a in ranked if a.kind in ("entity", "dimension")]
        for a in ranked:
            if a.kind == "metric" and any(
                t.score >= a.score and not _own_column(catalog, t, a) for t in things
            ):
                continue
            if a.score >= top - TIE:
                out.append(
                    Bridge(term, a.kind, a.name, a.value, a.via, a.source, round(a.score, 4))
                )
    return out


def bridge_to_dict(b: Bridge) -> dict:
    """JSON form of a bridge (for the on-disk cache), as ``dataclasses.asdict`` gives it.

    Why not ``asdict``: it deep-copies every field, and a large model's first question wrote
    7,000 bridges that way (~0.15 s); the fields are plain strings and numbers.

    >>> b = Bridge("门店", "dimension", "store__name", None, "store", "cedict", 0.9)
    >>> bridge_from_dict(bridge_to_dict(b)) == b, list(bridge_to_dict(b))[:2]
    (True, ['term', 'kind'])
    """
    return {f.name: getattr(b, f.name) for f in _FIELDS}


_FIELDS = fields(Bridge)


def bridge_from_dict(doc: dict) -> Bridge:
    """Inverse of :func:`bridge_to_dict`."""
    return Bridge(**doc)
