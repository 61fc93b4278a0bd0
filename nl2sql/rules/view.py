"""What sense resolution and noun counting may read from the parse state.

Why a Protocol instead of importing ``ParseState``: ``state`` calls
``resolve.disambiguate`` (which asks ``roles``) and ``counting.count_metric``, and those only
read a few parts of the state back. Typing them against this narrow view keeps the dependency
one-way (``state`` -> ``resolve``/``counting``/``roles`` -> ``view``) and says exactly which
parts of the state they depend on.
"""

from __future__ import annotations

from typing import Protocol

from nl2sql.lexicon import Lexicon, Sense
from nl2sql.rules.items import Item, Understanding
from semantic_layer.catalog import Catalog
from semantic_layer.query import SemanticQuery


class StateView(Protocol):
    """The read side of ``nl2sql.rules.state.ParseState`` used while resolving senses."""

    catalog: Catalog
    lex: Lexicon
    all: list[Item]  # every item, stop words included (direction words)
    its: list[Item]  # the items without stop words
    metrics: list[str]
    group_by: list[str]
    context: SemanticQuery | None
    row_value_picks: list[tuple[Item, list[str]]]
    result: Understanding  # the question as asked (a refusal's offers rewrite it)

    def at(self, i: int) -> Item | None:
        """The non-stop item at index ``i``, None outside the question."""
        ...

    def resolve(self, it: Item, kinds: tuple[str, ...]) -> Sense | None:
        """The one sense of ``it`` among ``kinds``."""
        ...

    def metric_allows(self, metric: str, name: str) -> bool:
        """Whether ``metric`` can be grouped or filtered by ``name``."""
        ...

    def count_metric(self, it: Item) -> str | None:
        """The metric that counts what ``it`` names ("orders" -> order_count), if any."""
        ...
