"""Chinese compounds spelled with ECDICT's translations of the model's own words (issue #18).

Why these tests: CC-CEDICT, written from the Chinese side, glosses 响应 "to respond to" and
填充 "pad; padding", so neither was a part of the model words "response" and "fill", and
响应率 / 填充率 stayed unknown beside an English-only model with "Response Rate" and "Fill
Rate". ECDICT, written from the English side, lists them for those words ("response": n. 反应,
回答, 响应; "fill": [计] 填充). The catalogs are invented (a mail survey and a parts depot) and
written like other people's dbt projects: English only, no synonyms.

Every reading is held to the compound reader's test (every piece glosses a word of one term, in
order); the probes check what must stay refused: an everyday word ECDICT lists first for "fill"
(满足, one's fill), a compound with a piece no term has (响应时间), negations.
"""

from __future__ import annotations

import datetime as dt

import pytest

from nl2sql.rules import understand
from nl2sql.vocabulary import ecdict_parts
from nl2sql.vocabulary.chinese import jieba_tag, word_frequency
from semantic_layer.catalog import Catalog, CatalogDimension, CatalogEntity, CatalogMetric

TODAY = dt.date(2026, 4, 1)

pytestmark = pytest.mark.usefixtures("own_cache")

#: a mail survey: the response rate as a ratio and as an average of batch rates, and a count
#: of responses (响应 alone is offered as that count, in a clarification)
SURVEY = Catalog(
    metrics=(
        CatalogMetric("response_rate", "Response Rate", metric_type="ratio"),
        CatalogMetric(
            "overall_response_rate",
            "Overall Response Rate",
            agg="average",
            measure_expr="batch_response_rate",
        ),
        CatalogMetric("total_responses", "Total Responses", agg="sum", measure_expr="replies"),
        CatalogMetric(
            "invitations", "Invitations", agg="count", measure_expr="id", counts="invitation"
        ),
    ),
    dimensions=(
        CatalogDimension(
            "invitation__district",
            "District",
            entity="invitation",
            values=("rural", "urban"),
        ),
        CatalogDimension("invitation__sent_at", "Sent At", entity="invitation", dim_type="time"),
    ),
    entities=(CatalogEntity("invitation", "invitation", key_expr="id"),),
)

#: a parts depot: the share of requested units filled from stock
DEPOT = Catalog(
    metrics=(
        CatalogMetric("fill_rate", "Fill Rate", metric_type="ratio"),
        CatalogMetric("requests", "Requests", agg="count", measure_expr="id", counts="request"),
    ),
    dimensions=(
        CatalogDimension("request__depot", "Depot", entity="request", values=("harbor", "airport")),
        CatalogDimension("request__placed_at", "Placed At", entity="request", dim_type="time"),
    ),
    entities=(CatalogEntity("request", "request", key_expr="id"),),
)


def _answer(question: str, catalog: Catalog) -> tuple[list[str], list[str], list[tuple]]:
    u = understand(question, catalog, TODAY)
    assert not u.refused, (question, u.reason_en)
    filters = [(f.dimension, f.op, list(f.values)) for f in u.query.filters]
    return list(u.query.metrics), list(u.query.group_by), filters


def test_ecdict_gives_parts_cedict_lacks() -> None:
    assert "响应" in ecdict_parts.parts("response", jieba_tag, word_frequency)
    assert "填充" in ecdict_parts.parts("fill", jieba_tag, word_frequency)
    # 满足 is ECDICT's first noun for "fill" (one's fill) but an everyday word CC-CEDICT
    # glosses "to satisfy": no part
    assert "满足" not in ecdict_parts.parts("fill", jieba_tag, word_frequency)
    # 规则 is "order"'s second sense but "rule"'s first: never a part of "order"
    assert "规则" not in ecdict_parts.parts("order", jieba_tag, word_frequency)


def test_response_rate_spelled_with_ecdict_parts() -> None:
    """响应 alone is offered as Total Responses; inside 响应率 both readings say 响应 is
    "response", so the compound is the Response Rate (the ratio, not the batch average)."""
    assert _answer("响应率", SURVEY) == (["response_rate"], [], [])
    assert _answer("各区的响应率", SURVEY) == (["response_rate"], ["invitation__district"], [])
    u = understand("响应率", SURVEY, TODAY)
    assert "响应率 → response rate" in u.bridged


def test_fill_rate_spelled_with_a_domain_sense() -> None:
    assert _answer("填充率", DEPOT) == (["fill_rate"], [], [])
    assert _answer("各仓库的填充率", DEPOT) == (["fill_rate"], ["request__depot"], [])


def test_negations_keep_the_rate_and_negate_the_value() -> None:
    assert _answer("除了rural以外的响应率", SURVEY) == (
        ["response_rate"],
        [],
        [("invitation__district", "!=", ["rural"])],
    )
    assert _answer("airport的填充率", DEPOT) == (
        ["fill_rate"],
        [],
        [("request__depot", "=", ["airport"])],
    )


@pytest.mark.parametrize(
    ("question", "catalog"),
    [
        ("满足率", DEPOT),  # a satisfaction rate, not a fill rate
        ("响应时间", SURVEY),  # a response time: no term has "time"
        ("填充时间", DEPOT),
        ("非响应率", SURVEY),  # a non-response rate is not the response rate
        ("不响应率", SURVEY),
        ("未填充率", DEPOT),  # the unfilled share is not the fill rate
        ("填充数", DEPOT),  # no count of fills
    ],
)
def test_probes_stay_refused(question: str, catalog: Catalog) -> None:
    u = understand(question, catalog, TODAY)
    assert u.refused, (question, u.query.metrics)


def test_a_part_alone_stays_a_clarification() -> None:
    """响应数 counts responses: still asked about (Total Responses), never the rate."""
    u = understand("响应数", SURVEY, TODAY)
    assert u.refused
    assert "Total Responses" in u.reason_en


#: a web shop's funnel, vocabulary of no evaluation set: the mechanism is the dictionaries'
SHOP = Catalog(
    metrics=(
        CatalogMetric("conversion_rate", "Conversion Rate", metric_type="ratio"),
        CatalogMetric(
            "total_conversions", "Total Conversions", agg="sum", measure_expr="converted"
        ),
        CatalogMetric("visits", "Visits", agg="count", measure_expr="id", counts="visit"),
    ),
    dimensions=(
        CatalogDimension("visit__device", "Device", entity="visit", values=("mobile", "desktop")),
        CatalogDimension("visit__visited_at", "Visited At", entity="visit", dim_type="time"),
    ),
    entities=(CatalogEntity("visit", "visit", key_expr="id"),),
)


def test_a_computing_line_translation_is_a_part_and_an_everyday_first_noun_is_not() -> None:
    # CC-CEDICT glosses 转换 only as verbs ("to convert"); ECDICT's [计] line of "conversion"
    # leads with it. 转变 leads the noun line but is an everyday word CC-CEDICT does not agree on
    assert _answer("转换率", SHOP) == (["conversion_rate"], [], [])
    assert _answer("各设备的转换率", SHOP) == (["conversion_rate"], ["visit__device"], [])
    for q in ("转变率", "转换时间", "非转换率"):
        assert understand(q, SHOP, TODAY).refused, q
