"""An entity that is only its model's row key is named by its whole name, not by its words.

Why: a fact table's surrogate key declared as its primary entity (``stock_move_cycle`` on
``stock_move_key``, one value per row, which no other model references) is rarely what a
user groups by: grouping by it gives one group per row. Its name's words are read as a
suffix bridge like any entity's, so "cycle" / 周期 named it, and 各周期的库存周转率 was
grouped by the key values "1-2026-08-03", … instead of the cycle number the model carries as
``move_cycle_seq`` (a wrong answer). Now such an entity keeps its whole name (MetricFlow
lets a user group by it: "by stock move cycle"); the shorter words name the dimension of
the same model whose name is those words followed by a position head ("index", "number") —
the number of the thing the rows are — when there is exactly one. Without such a dimension
the words keep naming the entity ("applications in the queue" counts through
``application_queue``): grouping by a row key reached that way is left as it was.
"""

from __future__ import annotations

import dataclasses

from nl2sql.vocabulary.anchors import Anchor
from nl2sql.vocabulary.english import name_words, singular
from semantic_layer.catalog import Catalog, CatalogDimension, CatalogEntity

#: key columns named like a surrogate (dbt's ``generate_surrogate_key``, Kimball's ``_sk``)
SURROGATE_ENDS = ("_key", "_sk", "_hash", "_uuid", "_guid")
#: the last word of a dimension that is the position or number of a thing ("lap index")
POSITION_HEADS = frozenset({"index", "idx", "number", "num", "no", "seq", "sequence", "ordinal"})
#: anchors that are the entity's whole name
_WHOLE = ("name", "label")


def is_row_key(e: CatalogEntity) -> bool:
    """Whether ``e`` is only the surrogate row key of one model (no other model holds it).

    >>> is_row_key(CatalogEntity("visit_leg", "x", key_expr="visit_leg_key", models=("legs",)))
    True
    >>> is_row_key(CatalogEntity("visit", "x", key_expr="visit_key", models=("visits",),
    ...     foreign_exprs=("visit_key",)))
    False
    """
    return (
        e.key_expr.strip().strip('"').lower().endswith(SURROGATE_ENDS)
        and len(e.models) == 1
        and not e.foreign_exprs
    )


def _position_dimension(catalog: Catalog, entity: str, words: list[str]) -> CatalogDimension | None:
    """The one categorical dimension of ``entity``'s own model named ``words`` (at its end)
    and a position head ("move cycle seq" for "cycle"), else None."""
    found = []
    for d in catalog.dimensions:
        parts = d.name.split("__")
        if len(parts) != 2 or parts[0] != entity or d.dim_type != "categorical":
            continue
        own = [singular(w) for w in name_words(parts[1])]
        if (
            len(own) > len(words)
            and own[-1] in POSITION_HEADS
            and own[-1 - len(words) : -1] == words
        ):
            found.append(d)
    return found[0] if len(found) == 1 else None


def repoint_row_keys(catalog: Catalog, anchors: list[Anchor]) -> list[Anchor]:
    """``anchors`` where the partial names of a row-key entity name its position dimension
    when it has one."""
    keys = {e.name for e in catalog.entities if is_row_key(e)}
    if not keys:
        return anchors
    out = []
    for a in anchors:
        if a.kind != "entity" or a.name not in keys or a.source in _WHOLE or not a.phrase.isascii():
            out.append(a)
            continue
        d = _position_dimension(catalog, a.name, a.phrase.split())
        if d is None:
            out.append(a)  # "applications in the queue": the words still name the entity
        else:
            out.append(dataclasses.replace(a, kind="dimension", name=d.name, via=d.label or d.name))
    return out
