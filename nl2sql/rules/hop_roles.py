"""An actor reached only through another entity, when the facts also record unlinked roles.

Why: "bookings by user" on MetricFlow's lodging example grouped by the listing's user (bookings
→ listing → user) and said only "user"; the bookings also record a guest and a host that the
model does not link to users, so the question could mean any of the three. The facts for this
come from the model (``CatalogMetric.hop_actors``, :mod:`semantic_layer.actor_roles`); the
refusal suggests the question asked by each unlinked role.
"""

from __future__ import annotations

from nl2sql.rules.items import Refusal
from nl2sql.rules.state import ParseState


def _word_for(p: ParseState, entity: str) -> str:
    """The question's word that named ``entity`` or one of its dimensions."""
    for it in p.its:
        sense = it.sense
        if sense is not None and (sense.name == entity or sense.name.startswith(entity + "__")):
            return it.text
    return entity.replace("_", " ")


def check_hop_actor(p: ParseState) -> None:
    """Refuse a grouping or condition through an actor the metric's rows reach only by a hop."""
    names = [*p.group_by, *(f.dimension for f in p.filters)]
    for metric in p.metrics:
        m = p.catalog.metric(metric)
        if m is None or not m.hop_actors or not m.unlinked_roles:
            continue
        for actor, hop in m.hop_actors:
            if not any(n == actor or n.startswith(actor + "__") for n in names):
                continue
            word = _word_for(p, actor)
            roles = [r.replace("_", " ") for r in m.unlinked_roles]
            hop_word, actor_word = hop.replace("_", " "), actor.replace("_", " ")
            raise Refusal(
                f"'{word}' reaches {m.label} only as the {hop_word}'s {actor_word}, while "
                f"{m.label} also record {' and '.join(roles)}, which the model does not link "
                f"to {actor_word}: which one is meant? Ask by {' or '.join(roles)}",
                zh=f"“{word}”只能作为{hop_word}的{actor_word}关联到{m.label}，而{m.label}"
                f"还记录了模型未关联的{'、'.join(roles)}：指的是哪一个？请按{'或'.join(roles)}提问",
                words=[word, *roles],
                kind="replace",
            )
