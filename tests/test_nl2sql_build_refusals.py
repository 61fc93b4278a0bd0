"""A question understood but not buildable is refused with runnable suggestions.

``make_plan`` turned any build error into "cannot build a query for this: <error>" with no
suggestion unless the error was about a time grain. Now the asked metrics on their own (then
the model's example questions) are offered, each understood and compiled first, in the
question's language. The build error is forced here (the model paths that raised it are
refused earlier now); two domains, English and Chinese.
"""

from __future__ import annotations

import datetime as dt

import pytest

from semantic_layer import QueryError
from tests.test_nl2sql_entity_conditions import DELIVERIES, DELIVERIES_DATA, GYM, GYM_DATA

TODAY = dt.date(2026, 7, 2)


@pytest.mark.parametrize(
    ("name", "model", "data", "question", "want"),
    [
        ("deliveries", DELIVERIES, DELIVERIES_DATA, "parcels by zone", ["Parcels", "Deliveries"]),
        ("gym", GYM, GYM_DATA, "按club的训练分钟", ["训练分钟", "到访次数"]),
    ],
)
def test_a_build_error_offers_the_asked_metrics_checked(
    yaml_shop, monkeypatch, name, model, data, question, want
) -> None:
    import importlib

    ask_module = importlib.import_module("nl2sql.ask")

    def cannot(*args, **kwargs):
        raise QueryError("unknown dimension `row`")

    shop = yaml_shop(f"build_{name}", model, data, TODAY)
    monkeypatch.setattr(ask_module, "compile_query", cannot)
    a = shop.ask(question)
    assert a.refused and "unknown dimension `row`" in a.error
    assert ("无法为此构建查询" in a.reason) == (name == "gym")
    assert a.suggestions[:2] == want
    monkeypatch.undo()
    assert all(shop.ask(s).ok for s in a.suggestions)
