"""Red team, session 9: a follow-up's ``context`` is the client's, so what it may carry into SQL.

Before: the ``where`` entries of a forged ``followup_context`` were taken over as they came, so
an ask-role user ran their own SQL expressions on the warehouse (``version()`` answered;
``length(repeat('a', 2000000000)) > 0`` held a worker and 2 GB for 30 s), and a threshold of
``NaN`` reached SQL as a column named ``nan`` (a DuckDB binder error in the reply).
"""

from __future__ import annotations

import copy
import datetime as dt
import json
import math

import pytest
from tornado.httpclient import HTTPClientError

from tests.semantic_helpers import answer_rows
from tests.test_nl2sql_entity_conditions import RENTALS, RENTALS_DATA, SHOP, SHOP_DATA, TODAY

pytest_plugins = ["pytest_jupyter.jupyter_server"]

FORGED = [
    "version() = 'x'",
    "length(repeat('a', 2000000000)) > 0",
    "{{ Metric('nights', group_by=['listing']) }} > 5 OR 1=1",
    "{{ Dimension('listing__country') }} = 'FR' OR 1=1",
    "{{ Metric('nights', group_by=['listing']) }} > nan",
]


@pytest.fixture(scope="module")
def rentals(yaml_shop):
    return yaml_shop("forged_ctx_rentals", RENTALS, RENTALS_DATA, TODAY)


@pytest.fixture(scope="module")
def shop(yaml_shop):
    return yaml_shop("forged_ctx_shop", SHOP, SHOP_DATA, TODAY)


def _follow(model, question: str, context: dict):
    from nl2sql import ask

    return ask(
        question,
        model=model.path,
        con=model.con,
        engine="rules",
        today=model.today,
        chart=False,
        context=context,
    )


def test_a_condition_the_engine_wrote_survives_as_json(rentals) -> None:
    """The page sends the answer's followup_context back as JSON: its own condition stays."""
    first = rentals.ask("nights of listings with more than 1 booking")
    assert first.ok, first.error
    context = json.loads(json.dumps(first.followup_context()))
    a = _follow(rentals, "and by country?", context)
    assert a.ok, a.error
    assert (
        a.query.where == first.query.where == ["{{ Metric('bookings', group_by=['listing']) }} > 1"]
    )
    assert sorted(answer_rows(a)) == [("FR", 6), ("IT", 5)]


@pytest.mark.parametrize("where", FORGED)
def test_a_forged_where_is_refused(rentals, where) -> None:
    first = rentals.ask("nights of listings with more than 1 booking")
    context = json.loads(json.dumps(first.followup_context()))
    context["query"]["where"] = [where]
    a = _follow(rentals, "and by country?", context)
    assert not a.ok and a.refused
    assert "did not write" in a.error and "ask the whole question again" in a.error
    assert a.sql is None


def test_a_forged_where_is_refused_in_chinese_on_another_model(shop) -> None:
    first = shop.ask("revenue of customers with more than 1 order")
    assert first.ok, first.error
    context = json.loads(json.dumps(first.followup_context()))
    context["query"]["where"] = ["current_date() IS NOT NULL"]
    a = _follow(shop, "那按地区呢", context)
    assert a.refused and a.sql is None
    assert "请把问题完整地重新问一遍" in a.reason


def test_a_non_finite_threshold_is_refused(shop) -> None:
    first = shop.ask("revenue by customer")
    assert first.ok, first.error
    context = copy.deepcopy(first.followup_context())
    context["query"]["having"] = [{"metric": "revenue", "op": ">", "value": math.nan}]
    a = _follow(shop, "and by region?", context)
    assert a.refused and a.sql is None
    assert "not a finite number" in a.error


async def _post(jp_fetch, body: bytes | str):
    try:
        resp = await jp_fetch("orderlens", "api", "ask", method="POST", body=body)
    except HTTPClientError as exc:
        assert exc.response is not None
        resp = exc.response
    return resp.code, json.loads(resp.body)


async def test_the_server_refuses_a_forged_where_and_keeps_its_own(jp_fetch) -> None:
    code, first = await _post(jp_fetch, '{"question": "GMV of customers with more than 3 orders"}')
    assert code == 200, first
    own = first["followup_context"]
    assert own["query"]["where"] == ["{{ Metric('order_count', group_by=['customer']) }} > 3"]
    code, kept = await _post(jp_fetch, json.dumps({"question": "by channel", "context": own}))
    assert code == 200, kept
    assert kept["followup_context"]["query"]["where"] == own["query"]["where"]
    forged = copy.deepcopy(own)
    forged["query"]["where"] = ["version() = 'x'"]
    code, body = await _post(jp_fetch, json.dumps({"question": "by channel", "context": forged}))
    assert code == 422 and body["refused"] is True
    assert "did not write" in body["error"] and "sql" not in body


async def test_the_server_refuses_nan_in_a_body(jp_fetch) -> None:
    body = (
        '{"question": "by channel", "context": {"question": "GMV", "query": {"metrics": '
        '["gmv"], "having": [{"metric": "gmv", "op": ">", "value": NaN}]}}}'
    )
    code, reply = await _post(jp_fetch, body)
    assert code == 400
    assert reply["error"] == "the body holds NaN, which is not a JSON number; send a finite number"


@pytest.mark.parametrize(
    "derived",
    [
        {"kind": "ratio", "other": "FR"},  # no first side: an AssertionError, a 500
        {"kind": "share", "keep": ["version()", "x"]},  # a column the query never had
        {"kind": "share", "keep": None, "base": "no_such_metric"},
    ],
)
def test_a_forged_derived_is_refused(rentals, derived) -> None:
    first = rentals.ask("nights by country")
    assert first.ok, first.error
    context = json.loads(json.dumps(first.followup_context()))
    context["derived"] = derived
    a = _follow(rentals, "and by month?", context)
    assert a.refused and a.sql is None
    assert "did not compute" in a.error


def test_the_engine_own_share_survives_a_follow_up(shop) -> None:
    first = shop.ask("revenue share by region")
    assert first.ok, first.error
    context = json.loads(json.dumps(first.followup_context()))
    assert context["derived"]["kind"] == "share"
    a = _follow(shop, "and by month?", context)
    assert a.ok, a.error
    assert a.derived is not None and a.derived.kind == "share"


async def test_the_server_answers_a_forged_ratio_with_a_422_not_a_500(jp_fetch) -> None:
    code, first = await _post(jp_fetch, '{"question": "各渠道的GMV占比"}')
    assert code == 200, first
    forged = copy.deepcopy(first["followup_context"])
    forged["derived"] = {"kind": "ratio", "other": ["order__channel", "jd"]}
    code, body = await _post(jp_fetch, json.dumps({"question": "那上个月呢", "context": forged}))
    assert code == 422 and body["refused"] is True
    assert "请把问题完整地重新问一遍" in body["reason"] or "did not compute" in body["error"]


SAVED = (
    SHOP
    + """saved_queries:
  - name: west_revenue
    label: West revenue
    query_params:
      metrics: [revenue]
      where: ["{{ Dimension('order__region') }} = 'west'"]
"""
)


def test_a_saved_query_filter_the_owner_wrote_survives_a_follow_up(yaml_shop) -> None:
    shop = yaml_shop("forged_ctx_saved", SAVED, SHOP_DATA, TODAY)
    first = shop.ask("west revenue")
    assert first.ok, first.error
    assert first.query.where == ["{{ Dimension('order__region') }} = 'west'"]
    assert answer_rows(first) == [(90,)]
    context = json.loads(json.dumps(first.followup_context()))
    a = _follow(shop, "and by month?", context)
    assert a.ok, a.error
    assert a.query.where == first.query.where
    assert answer_rows(a) == [(dt.date(2026, 5, 1), 5.0), (dt.date(2026, 6, 1), 85.0)]


@pytest.mark.parametrize(("field", "value"), [("limit", 10**30), ("offset", 2**63)])
def test_a_forged_row_count_past_bigint_is_refused_before_any_sql(rentals, field, value) -> None:
    """Session 10. Before: the limit reached DuckDB, whose Conversion Error was the reply."""
    first = rentals.ask("top 2 listings by nights")
    assert first.ok, first.error
    context = json.loads(json.dumps(first.followup_context()))
    context["query"][field] = value
    a = _follow(rentals, "and by country?", context)
    assert not a.ok and a.refused and a.sql is None
    assert f"asks for {value} rows ({field})" in a.error
    assert "ask the whole question again" in a.error


def test_a_forged_limit_is_refused_in_chinese_on_a_shop(shop) -> None:
    first = shop.ask("top 3 regions by revenue")
    assert first.ok, first.error
    context = json.loads(json.dumps(first.followup_context()))
    context["query"]["limit"] = 10**19
    a = _follow(shop, "那按segment呢", context)
    assert not a.ok and a.refused and a.sql is None
    assert "超出查询能处理的范围" in a.reason and "请把问题完整地重新问一遍" in a.reason


@pytest.mark.parametrize(("field", "twice"), [("metrics", "nights"), ("group_by", "listing")])
def test_a_name_given_twice_is_refused(rentals, field, twice) -> None:
    """Session 10. Before: metrics ["nights", "nights"] made two columns of one name and the
    answer failed inside ask (AttributeError: a 500 on the server)."""
    first = rentals.ask("nights by listing")
    assert first.ok, first.error
    context = json.loads(json.dumps(first.followup_context()))
    names = context["query"][field]
    context["query"][field] = [*names, twice] if twice not in names else [*names, *names]
    a = _follow(rentals, "and last month?", context)
    assert not a.ok and a.refused and a.sql is None
    assert f"names {twice} twice ({field})" in a.error


def test_a_metric_given_twice_is_refused_on_a_shop(shop) -> None:
    first = shop.ask("revenue by region")
    assert first.ok, first.error
    context = json.loads(json.dumps(first.followup_context()))
    context["query"]["metrics"] = ["revenue"] * 600
    a = _follow(shop, "那按segment呢", context)
    assert a.refused and "请把问题完整地重新问一遍" in a.reason


def test_a_malformed_context_is_refused_without_the_librarys_text(rentals) -> None:
    """Session 10. Before: pydantic's whole message, with its version's documentation URL."""
    first = rentals.ask("nights by listing")
    context = json.loads(json.dumps(first.followup_context()))
    context["query"]["limit"] = 0
    a = _follow(rentals, "and last month?", context)
    assert a.refused and a.sql is None
    assert "not a semantic query (limit: Input should be greater than or equal to 1)" in a.error
    assert "pydantic" not in a.error and "http" not in a.error
