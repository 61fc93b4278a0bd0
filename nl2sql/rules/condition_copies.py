"""One dimension copied on two models, read on the model the question's conditions are on.

Why: dbt projects copy a readable column onto several semantic models (a machine's
``site_name`` on the machine dimension table and again on the maintenance-cost facts). With no
metric in the question ("which sites are in Australia?") nothing said which copy, and the
question was refused as ambiguous although only one copy sits beside the country the question
filters on: the sites *of machines* in Australia is the only reading a reader has. The other
conditions decide only when every one of them is on that single entity; a condition on both
copies' models, or none at all, leaves the question ambiguous as before.
"""

from __future__ import annotations

from nl2sql.lexicon import Sense
from nl2sql.rules.items import Item
from nl2sql.rules.view import StateView


def _entity(name: str) -> str:
    """The entity prefix of a qualified dimension (``machine__site_name`` -> ``machine``)."""
    return name.split("__", 1)[0] if "__" in name else ""


def copy_beside_conditions(p: StateView, it: Item, cands: list[Sense]) -> Sense | None:
    """The copy of one dimension on the entity every other condition of the question is on.

    ``cands`` must be copies (dimensions with the same column name on different entities);
    the conditions are the question's other value and dimension words, each with its senses'
    entities. None unless exactly one copy shares the entity all conditions share.
    """
    if len(cands) < 2 or any(s.kind != "dimension" for s in cands):
        return None
    if len({s.name.split("__")[-1] for s in cands}) != 1:  # different columns: truly two things
        return None
    shared: set[str] | None = None
    for other in p.its:
        if other is it or other.kind != "domain":
            continue
        senses = [other.sense] if other.sense is not None else other.senses
        if not any(s.kind == "value" for s in senses):
            continue
        entities = {_entity(s.name) for s in senses if s.kind in ("value", "dimension")}
        shared = entities if shared is None else shared & entities
    if not shared:
        return None
    picked = [s for s in cands if _entity(s.name) in shared]
    return picked[0] if len(picked) == 1 else None
