"""Pass: "claim number 12312705", "订单编号 100234": a number right after the name of an
identifier dimension is that identifier's value (a filter), not a threshold or a top-N.

Why a rule of its own: identifiers (claim numbers, order ids, policy numbers) have too many
values for the value index, so the number stays an unclaimed number and the question was
refused ("I don't know what the number refers to"). The dimension's own name says it is an
identifier — its last word is one of :data:`ID_HEADS` — and the number touches it, so the
reading is the one a person makes. The value is compared as written (a string the warehouse
casts to the column's type), so an identifier with leading zeros keeps them.
"""

from __future__ import annotations

from nl2sql.rules.items import Item
from nl2sql.rules.state import ParseState
from semantic_layer.query import DimensionFilter

#: the last words of a dimension name that make it an identifier of its rows
ID_HEADS = frozenset({"number", "no", "num", "id", "identifier", "code"})


def _identifier(p: ParseState, it: Item) -> str | None:
    """The identifier dimension ``it`` names (its one dimension reading), or None."""
    if it.kind != "domain" or it.used:
        return None
    dims = {s.name for s in it.senses if s.kind == "dimension"}
    if len(dims) != 1:
        return None
    (dim,) = dims
    d = p.catalog.dimension(dim)
    if d is None or d.dim_type != "categorical":
        return None
    return dim if dim.split("__")[-1].split("_")[-1].lower() in ID_HEADS else None


def read_identifier_values(p: ParseState) -> None:
    """Pass: ``<identifier dimension> <whole number>`` becomes ``dimension = 'number'``."""
    for i, it in enumerate(p.its):
        dim = _identifier(p, it)
        nxt = p.at(i + 1)
        if (
            dim is None
            or nxt is None
            or nxt.kind != "num"
            or nxt.used
            or nxt.pct
            or not nxt.text.isdigit()
        ):
            continue
        if it.sense is None:
            it.sense = next(s for s in it.senses if s.kind == "dimension")
        it.used = nxt.used = True
        p.filters.append(DimensionFilter(dimension=dim, op="=", values=[nxt.text]))
