"""The aggregate head words live in one module; each caller's subset is named and differs on purpose.

The five callers used to keep their own literal sets. These tests pin each subset's members (a
word added to or dropped from one would change which phrases read as totals) and that the callers
use the shared objects, not copies that could drift apart again.
"""

from __future__ import annotations

from nl2sql.rules import metric_names
from nl2sql.rules.passes import metric_or_noun
from nl2sql.vocabulary import aggregate_heads as heads
from nl2sql.vocabulary import described_sums, english_anchors, sole_words


def test_each_subset_keeps_its_members() -> None:
    members = {
        "TRAILING_TOTALS": "sum total",
        "DESCRIPTION_TRAILING": "count sum total",
        "SUMMED_THING_HEADS": "amount count number sum total value",
        "TOTAL_BEFORE_NAME": "overall sum total 一共 合计 总 总共 总和 总计",
        "TOTAL_BEFORE_WORD": "sum sum_of total 合计 总 总共 总和 总计",
        "TOTAL_AFTER_WORD": "合计 总和 总计",
    }
    for name, words in members.items():
        got = sorted(w.replace(" ", "_") for w in getattr(heads, name))
        assert got == words.split(), name


def test_a_name_closing_in_count_is_no_trailing_total() -> None:
    # `order_count` is a count; only a description's head may drop a closing "count"
    assert "count" not in heads.TRAILING_TOTALS
    assert "count" in heads.DESCRIPTION_TRAILING
    assert heads.SUM_WORDS <= heads.TRAILING_TOTALS <= heads.DESCRIPTION_TRAILING


def test_callers_use_the_shared_sets() -> None:
    assert english_anchors.TRAILING_TOTALS is heads.TRAILING_TOTALS
    assert described_sums.DESCRIPTION_TRAILING is heads.DESCRIPTION_TRAILING
    assert sole_words.SUMMED_THING_HEADS is heads.SUMMED_THING_HEADS
    assert metric_names.TOTAL_BEFORE_NAME is heads.TOTAL_BEFORE_NAME
    assert metric_or_noun.TOTAL_BEFORE_WORD is heads.TOTAL_BEFORE_WORD
    assert metric_or_noun.TOTAL_AFTER_WORD is heads.TOTAL_AFTER_WORD
    for module in (english_anchors, described_sums, sole_words, metric_names, metric_or_noun):
        assert not {"_TOTAL_WORDS", "_TOTAL_HEADS", "_TRAILING", "_TOTAL_AFTER"} & set(vars(module))
