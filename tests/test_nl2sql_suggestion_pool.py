"""The lexicon's pool of suggestion terms split by script (``Lexicon.suggestion_pool``).

Why these tests: the pool is built once and reused by every refusal's closest-term search, but
terms keep being added after the lexicon is built (the value index, bridges); a pool that did
not follow them would stop suggesting the newest terms without any error.
"""

from __future__ import annotations

from nl2sql.lexicon import Lexicon, Sense
from nl2sql.lexicon_base import add_term
from nl2sql.rules.closest import closest_senses
from semantic_layer.catalog import Catalog


def _lexicon() -> Lexicon:
    lex = Lexicon(Catalog(metrics=(), dimensions=()))
    add_term(lex, "gross merchandise value", Sense("metric", "gmv"))
    add_term(lex, "渠道", Sense("dimension", "channel"))
    return lex


def test_pool_splits_by_script_in_insertion_order() -> None:
    lex = _lexicon()
    assert lex.suggestion_pool(True) == ["渠道"]
    assert lex.suggestion_pool(False) == ["gross merchandise value"]


def test_pool_follows_terms_added_after_first_use() -> None:
    lex = _lexicon()
    assert lex.suggestion_pool(False) == ["gross merchandise value"]
    add_term(lex, "sales channel", Sense("dimension", "channel"))
    add_term(lex, "仓库", Sense("dimension", "warehouse"))
    assert lex.suggestion_pool(False) == ["gross merchandise value", "sales channel"]
    assert lex.suggestion_pool(True) == ["渠道", "仓库"]
    # the closest-term search reads the same pool: a term added late is suggested
    assert Sense("dimension", "warehouse") in closest_senses(lex, "仓库")


def test_pool_follows_a_replaced_dict_of_the_same_size() -> None:
    lex = _lexicon()
    assert lex.suggestion_pool(True) == ["渠道"]
    lex.suggestion_terms = {"地区": [Sense("dimension", "region")], "region": []}
    assert lex.suggestion_pool(True) == ["地区"]
    assert lex.suggestion_pool(False) == ["region"]
