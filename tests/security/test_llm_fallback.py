"""LLM output that compiles but would fail when DuckDB binds or converts it falls back to rules."""

from __future__ import annotations

import json

import pytest

from nl2sql import ask


def _fake(reply: dict):
    from langchain_core.language_models.fake_chat_models import FakeListChatModel

    # json.dumps writes inf as Infinity; the model's raw text is what _parse_text reads
    return FakeListChatModel(responses=[json.dumps(reply)])


@pytest.mark.parametrize(
    ("reply", "reason"),
    [
        (
            {
                "metrics": ["gmv"],
                "group_by": ["order__channel"],
                "having": [{"metric": "gmv", "op": ">", "value": float("inf")}],
            },
            "having gmv > inf is not a finite number",
        ),
        (
            {"metrics": ["gmv"], "group_by": ["order__channel"], "limit": 10**30},
            "limit 1000000000000000000000000000000 is larger than a SQL integer",
        ),
        (
            {
                "metrics": ["gmv"],
                "group_by": ["order__channel"],
                "filters": [{"dimension": "order__channel", "op": "=", "values": [True]}],
            },
            "value True of order__channel is a boolean but the dimension is not",
        ),
    ],
)
def test_bind_time_failures_fall_back_to_the_rules_engine(demo_con, reply: dict, reason: str):
    answer = ask("GMV by channel", con=demo_con, engine="llm", chat_model=_fake(reply))
    assert answer.error is None and not answer.refused
    assert answer.engine == "rules"
    assert any("LLM engine failed" in n and reason in n for n in answer.notes), answer.notes
    channels = {r[0] for r in demo_con.execute("select distinct channel from orders").fetchall()}
    assert len(answer.df) == len(channels)
