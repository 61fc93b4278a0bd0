"""A label's one word reached in Chinese by the dictionary term whose only sense it is.

"各国家的停机时间" was refused on an external model (cat_fleet) whose "Average Downtime Hours per
Machine" is reached in English only by its one word "downtime" (``vocabulary.sole_words``): the
Chinese of such a word was never chained on, since session 26 saw every rendering of it read
everyday words (收入 "income") as a metric. ``vocabulary.chinese_anchors._sole_word_terms``
takes only CC-CEDICT's first and only sense when it is exactly the word (停机时间 "downtime"),
three characters or more and not common; a sole word reached through the thesaurus gets none.
"""

from __future__ import annotations

from nl2sql.vocabulary.anchors import Anchor
from nl2sql.vocabulary.chinese_anchors import chinese_anchors
from nl2sql.vocabulary.sole_words import SOURCE

LABEL = "Average Downtime Hours per Machine"


def _terms(source: str, phrase: str = "downtime") -> dict[str, float]:
    a = Anchor(phrase, "metric", "avg_downtime", None, LABEL, source, 0.7)
    return {x.phrase: x.score for x in chinese_anchors([a]) if x.name == "avg_downtime"}


def test_the_only_sense_is_a_term_at_the_words_score() -> None:
    assert _terms(SOURCE) == {"停机时间": 0.7}


def test_a_word_of_several_senses_gives_nothing() -> None:
    # "income": 收入 and 净收入 have other senses, 入息 is two characters
    assert _terms(SOURCE, "income") == {}


def test_a_thesaurus_sole_word_gives_nothing() -> None:
    assert _terms(SOURCE + "+thesaurus") == {}
