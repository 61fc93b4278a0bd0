"""Pass: "各地区客户的成交额", "customer's region", "region of the customer" — an entity word
right beside one of its own dimensions qualifies that dimension; it is not a second grouping.

Why: read word by word, "各地区客户的成交额" groups by region *and* by customer (thousands of
rows) where the reader means GMV by the customers' region (a few rows). The rule is general:
when a dimension word and an entity word stand together (directly, or joined by a possessive
or attributive word: 的 / 之 / of / 's) and the entity is on the dimension's path (the
dimension belongs to that entity, or is reached through it in that role), the pair names one
role-qualified dimension. The entity word is consumed, never grouped, counted or listed.

The entity stays a noun of its own when it may be what the question counts ("各地区客户有多少",
"orders per channel"): the rule applies only when another word names a metric.
"""

from __future__ import annotations

from nl2sql.lexicon import Sense
from nl2sql.rules.items import Item
from nl2sql.rules.state import ParseState

#: words that may stand between the entity and its dimension ("客户的地区", "region of customers")
_LINKS = frozenset({"的", "之", "所在", "所属", "of", "'s", "s", "’s", "the", "their", "its"})


def _on_path(sense: Sense, entity: str, p: ParseState) -> bool:
    """Whether dimension ``sense`` belongs to ``entity`` or is reached through it."""
    if sense.kind != "dimension":
        return False
    path = sense.name.split("__")[:-1]
    if entity in path:
        return True
    dim = p.catalog.dimension(sense.name)
    return dim is not None and dim.entity == entity


def _linked(p: ParseState, a: Item, b: Item) -> bool:
    """Whether only possessive/attributive words (or nothing) stand between ``a`` and ``b``."""
    ia = next(k for k, x in enumerate(p.all) if x is a)
    ib = next(k for k, x in enumerate(p.all) if x is b)
    between = p.all[ia + 1 : ib]
    return all(x.kind == "stop" and x.text.strip().lower() in _LINKS for x in between)


def _entity_only(x: Item) -> bool:
    """An entity word that is not also a dimension, value or metric of its own."""
    return x.kind == "domain" and bool(x.senses) and all(s.kind == "entity" for s in x.senses)


def _names_metric(p: ParseState, skip: Item) -> bool:
    return any(x is not skip and x.kind == "domain" and x.is_kind("metric") for x in p.its)


def qualify_dimensions(p: ParseState) -> None:
    """Fold each entity word into the dimension of its own it stands beside."""
    i = 0
    while i < len(p.its) - 1:
        a, b = p.its[i], p.its[i + 1]
        pair = [(a, b), (b, a)]
        done = False
        for dim_item, ent_item in pair:
            if (
                dim_item.kind != "domain"
                or dim_item.used
                or ent_item.used
                or not _entity_only(ent_item)
                or not _names_metric(p, ent_item)
                or not _linked(p, a, b)
            ):
                continue
            entities = {s.name for s in ent_item.senses}
            if not all(s.kind == "dimension" for s in dim_item.senses):
                continue
            own = [s for s in dim_item.senses if any(_on_path(s, e, p) for e in entities)]
            if not own:
                continue
            dim_item.senses = own
            ent_item.used = True
            p.its.remove(ent_item)
            p.result.notes.append(f"'{ent_item.text}' qualifies '{dim_item.text}'")
            done = True
            break
        if not done:
            i += 1
