"""Everyday words whose first CC-CEDICT sense is not the one a data model means.

CC-CEDICT lists "won" first as the Korean currency (韩元), "minute" as "tiny" (微小), "driver"
as a golf club (一号木杆) and "key" as a door key (钥匙); a model's ``games_won``,
``minutes_total``, ``driver`` or ``key_passes`` was then rendered into Chinese no analyst types,
and 赢, 分钟, 司机 or 关键 in a question found nothing. The business glossary
(``nl2sql/vocabulary/glossary_zh.yml``) now gives these words their everyday sense.
"""

from __future__ import annotations

import datetime as dt

import pytest

from nl2sql.vocabulary.chinese import renderings

TODAY = dt.date(2026, 5, 4)


@pytest.mark.parametrize(
    ("word", "first"),
    [("won", "赢"), ("minute", "分钟"), ("driver", "司机"), ("key", "关键"), ("start", "开始")],
)
def test_an_everyday_word_is_rendered_by_its_everyday_sense(word: str, first: str) -> None:
    assert renderings(word)[0][0] == first


ACCOUNTS = """
semantic_models:
  - name: accounts
    model: ref('accounts')
    defaults: {agg_time_dimension: opened_at}
    entities:
      - {name: account, type: primary, expr: account_id}
    dimensions:
      - {name: opened_at, type: time, type_params: {time_granularity: day}}
      - {name: region, type: categorical}
    measures:
      - {name: key_accounts, agg: sum, expr: "case when is_key then 1 else 0 end"}
metrics:
  - {name: key_accounts, label: Key Accounts, type: simple, type_params: {measure: key_accounts}}
"""
ACCOUNTS_DATA = """
create table accounts (account_id int, opened_at date, region varchar, is_key boolean);
insert into accounts values (1, '2026-04-02', 'East', true), (2, '2026-04-20', 'West', true),
  (3, '2026-04-21', 'West', true), (4, '2026-04-22', 'West', false);
"""


def test_key_in_a_metric_name_is_asked_as_关键(yaml_shop) -> None:
    shop = yaml_shop("accounts", ACCOUNTS, ACCOUNTS_DATA, TODAY)
    a = shop.ask("各地区的关键客户数")
    assert not a.refused, a.error
    assert dict(zip(a.df.iloc[:, 0], a.df.iloc[:, -1], strict=True)) == {"East": 1, "West": 2}
