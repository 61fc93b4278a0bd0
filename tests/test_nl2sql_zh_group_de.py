"""A Chinese group word with 的 before a metric and no dimension ("各类的销售额") is refused.

On tpcds "各类的销售额" answered the total sales, 各类 ("each kind", the kind left unsaid) read as
"by sales" the way 按销售额 ranks and then dropped (heldmodels21's list, issue #12). A 的 between
the group word and the metric now leaves it unclaimed, and the build refuses it by name.
Original model: the seed library of test_nl2sql_zh_clause_verbs.
"""

from __future__ import annotations

import pytest

from tests.semantic_helpers import ok_rows
from tests.test_nl2sql_zh_clause_verbs import SEEDS, SEEDS_DATA, TODAY


@pytest.fixture(scope="module")
def seeds(yaml_shop):
    return yaml_shop("zh_group_de_seeds", SEEDS, SEEDS_DATA, TODAY)


@pytest.mark.parametrize("question", ["各类的订单数", "各种的会员数"])
def test_a_group_word_with_nothing_to_group_by_is_refused(seeds, question: str) -> None:
    a = seeds.ask(question)
    assert a.refused, a.interpretation
    assert question[:2] in a.error


def test_a_dimension_after_the_group_word_still_groups(seeds) -> None:
    assert sorted(ok_rows(seeds.ask("各plot size的会员数"))) == [("large", 2), ("small", 2)]
