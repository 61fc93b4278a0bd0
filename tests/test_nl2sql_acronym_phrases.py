"""A question's words whose initials spell a metric's acronym label (issues #12/#18).

Why these tests: a model labelling its metrics "CPC", "CTR", "AOV" refused "cost per click"
("I don't know 'cost'"), while the other way round ("AOV" for "Average Order Value") was
answered. The catalogs are invented (an ad shop, a payroll desk) and written like other
people's dbt projects: acronym labels, ratios of the model's own metrics, no synonyms. The
probes differ from the answered questions by one word and must stay refused: a word the model
does not know ("customer"), a word that changes the query ("count", "unique", "not"), an
acronym that is an English word (CAT), an acronym two metrics share, a data value's acronym.
"""

from __future__ import annotations

import datetime as dt

import pytest

from nl2sql.rules import understand
from nl2sql.vocabulary.acronyms import acronym_labels, spelled_acronym
from semantic_layer.catalog import Catalog, CatalogDimension, CatalogEntity, CatalogMetric

TODAY = dt.date(2026, 4, 1)

pytestmark = pytest.mark.usefixtures("own_cache")


def _ratio(name: str, label: str, num: str, den: str) -> CatalogMetric:
    return CatalogMetric(name, label, metric_type="ratio", ratio_of=(num, den))


def _sum(name: str, label: str) -> CatalogMetric:
    return CatalogMetric(name, label, agg="sum", measure_expr=name)


#: an ad shop: three ratios labelled by acronym over the model's own totals
ADS = Catalog(
    metrics=(
        _ratio("cpc", "CPC", "spend", "clicks"),
        _ratio("ctr", "CTR", "clicks", "impressions"),
        _ratio("aov", "AOV", "revenue", "orders"),
        _sum("spend", "Spend"),
        _sum("clicks", "Clicks"),
        _sum("impressions", "Impressions"),
        _sum("revenue", "Revenue"),
        CatalogMetric("orders", "Orders", agg="count", measure_expr="id", counts="order"),
    ),
    dimensions=(
        CatalogDimension("order__channel", "Channel", entity="order", values=("search", "social")),
        CatalogDimension("order__placed_at", "Placed At", entity="order", dim_type="time"),
    ),
    entities=(CatalogEntity("order", "order", key_expr="id"),),
)

#: a payroll desk: an acronym that is an English word, one two metrics share, one that is
#: also a data value (a pay grade "GTP")
PAYROLL = Catalog(
    metrics=(
        _ratio("cat", "CAT", "tax", "payslips"),
        _ratio("npr", "NPR", "net_pay", "payslips"),
        _ratio("npr_usd", "NPR (USD)", "net_pay", "payslips"),
        _ratio("gtp", "GTP", "gross_pay", "tax"),
        _sum("tax", "Tax"),
        _sum("net_pay", "Net Pay"),
        _sum("gross_pay", "Gross Pay"),
        CatalogMetric("payslips", "Payslips", agg="count", measure_expr="id", counts="payslip"),
    ),
    dimensions=(
        CatalogDimension("payslip__grade", "Grade", entity="payslip", values=("GTP", "junior")),
        CatalogDimension("payslip__paid_at", "Paid At", entity="payslip", dim_type="time"),
    ),
    entities=(CatalogEntity("payslip", "payslip", key_expr="id"),),
)


def _answer(question: str, catalog: Catalog = ADS) -> tuple[list[str], list[str], list[str]]:
    u = understand(question, catalog, TODAY)
    assert not u.refused, (question, u.reason_en)
    return list(u.query.metrics), list(u.query.group_by), list(u.bridged)


def _refused(question: str, catalog: Catalog = ADS) -> bool:
    return understand(question, catalog, TODAY).refused


def test_the_table_keeps_one_metric_per_acronym_and_no_english_words() -> None:
    table = acronym_labels([(m.name, m.label) for m in PAYROLL.metrics], frozenset({"gtp"}))
    assert table == {"npr": None}  # CAT is a word, GTP a grade, NPR two metrics
    assert spelled_acronym(("click", "through", "rate")) == ["ctr"]
    assert spelled_acronym(("cost", "per", "click")) == ["cpc"]


@pytest.mark.parametrize(
    ("question", "metric", "group_by", "bridge"),
    [
        ("cost per click", "cpc", [], "cost per click → CPC"),
        ("cost per click by channel", "cpc", ["order__channel"], "cost per click → CPC"),
        ("click through rate", "ctr", [], "click through rate → CTR"),
        ("click-through rate by channel", "ctr", ["order__channel"], "click through rate → CTR"),
        ("average order value", "aov", [], "average order value → AOV"),
    ],
)
def test_spelled_out_words_name_the_acronym_metric(question, metric, group_by, bridge) -> None:
    metrics, groups, bridged = _answer(question)
    assert (metrics, groups) == ([metric], group_by)
    assert bridge in bridged


def test_the_acronym_itself_still_names_it_in_either_case() -> None:
    assert _answer("AOV by channel")[:2] == (["aov"], ["order__channel"])
    assert _answer("aov")[0] == ["aov"]


def test_a_filter_after_the_phrase_is_kept() -> None:
    u = understand("cost per click for search", ADS, TODAY)
    assert not u.refused, u.reason_en
    assert u.query.metrics == ["cpc"]
    assert [(f.dimension, list(f.values)) for f in u.query.filters] == [
        ("order__channel", ["search"])
    ]


@pytest.mark.parametrize(
    "question",
    [
        "cost per customer",  # 'customer' is no word of the model: letters only
        "cost per unique click",  # a word more: CPUC
        "count per click",  # 'count' changes the query
        "cost per non click",
        "每次点击收入",  # no metric of revenue per click: refused, never guessed
    ],
)
def test_one_word_off_is_refused(question) -> None:
    assert _refused(question)


def test_chinese_cost_per_click_is_the_glossary_term_in_either_measure_word() -> None:
    """单次点击成本 is the glossary's Chinese for "cost per click"; 每次点击成本 says the same
    with 每次 ("each click") for 单次 ("a single click") — ``rules.term_spellings``."""
    assert _answer("单次点击成本")[:2] == (["cpc"], [])
    assert _answer("每次点击成本")[:2] == (["cpc"], [])


def test_cost_per_channel_stays_a_breakdown_of_spend() -> None:
    assert _answer("cost per channel")[:2] == (["spend"], ["order__channel"])


@pytest.mark.parametrize(
    "question",
    [
        "cost after tax",  # CAT is an English word: not read as initials
        "net pay rate",  # NPR: two metrics share it
        "gross tax pay",  # GTP: also a grade in the data
    ],
)
def test_acronyms_that_say_something_else_are_not_spelled(question) -> None:
    u = understand(question, PAYROLL, TODAY)
    assert u.refused or u.query.metrics not in (["cat"], ["npr"], ["npr_usd"], ["gtp"])
