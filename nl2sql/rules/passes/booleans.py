"""Pass: a boolean dimension named on its own ("pre-sale orders", "非预售") is a filter on it,
and so is a yes/no flag dimension qualifying a noun ("sales of preferred customers",
``rules.flags``).

Why a filter and not a group-by: naming a yes/no attribute selects the rows where it holds;
"by pre-sale" (a grouping) was already claimed by the grouping pass.
"""

from __future__ import annotations

from nl2sql.rules.flags import filter_flag
from nl2sql.rules.state import ParseState
from semantic_layer.query import DimensionFilter


def read_booleans(p: ParseState) -> None:
    """Filter on every unclaimed boolean dimension (negated when a "not" precedes it)."""
    for i, it in enumerate(p.its):
        if it.used or it.kind != "domain" or filter_flag(p, i):
            continue
        sense = next(
            (s for s in it.senses if s.kind == "dimension" and s.name in p.lex.boolean_dims),
            None,
        )
        if sense is None:
            continue
        it.sense = sense
        it.used = True
        neg = p.role_at(i - 1, "neg")
        if neg:
            p.its[i - 1].used = True
        p.filters.append(DimensionFilter(dimension=sense.name, op="=", values=[not neg]))
