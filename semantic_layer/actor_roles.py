"""Actors a metric's rows reach only through another entity, beside roles the model leaves
unlinked.

Why: MetricFlow's lodging example records a booking's ``guest`` and ``host`` as entities no
semantic model defines, while ``user`` — the entity most fact models record directly (views,
visits, revenue, accounts) — is reached from bookings only as the *listing's* user. "bookings
by user" then grouped by the listing's owner, one of three readings (the guest who booked, the
host, the listing's user) with nothing in the question to choose. The rules engine refuses such
a reading unless the question names the hop ("listing user"); these facts let it tell.
"""

from __future__ import annotations

from semantic_layer.model import JOINABLE_TYPES, SemanticModel

#: an entity recorded directly by at least this many fact models is an actor of the domain
ACTOR_FACTS = 2


def _fact_nodes(model: SemanticModel) -> set[str]:
    return {m.simple.node for m in model.metrics.values() if m.simple is not None}


def unlinked_roles(model: SemanticModel, node: str) -> tuple[str, ...]:
    """Foreign entities of ``node`` that no semantic model defines (nothing to join them to)."""
    joinable = {
        e
        for n in model.nodes.values()
        for e, ent in n.entities.items()
        if ent.type in JOINABLE_TYPES
    }
    return tuple(
        e
        for e, ent in model.nodes[node].entities.items()
        if ent.type == "foreign" and e not in joinable
    )


def hop_actors(model: SemanticModel, node: str) -> tuple[tuple[str, str], ...]:
    """(actor, first hop) for each actor entity ``node`` reaches only through another entity,
    when ``node`` also has unlinked roles; () otherwise.

    An actor is a foreign entity of at least :data:`ACTOR_FACTS` fact models.
    """
    if not unlinked_roles(model, node):
        return ()
    counts: dict[str, int] = {}
    for f in _fact_nodes(model):
        for e, ent in model.nodes[f].entities.items():
            if ent.type == "foreign":
                counts[e] = counts.get(e, 0) + 1
    own = set(model.nodes[node].entities)
    out: dict[str, str] = {}
    for path in model.all_join_paths(node):
        if len(path) < 2:
            continue
        target = path[-1].entity
        if target not in own and counts.get(target, 0) >= ACTOR_FACTS:
            out.setdefault(target, path[0].entity)
    return tuple(out.items())
