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

The same holds apart: in "按州统计付款会员的借阅量" the entity is an attribute of the metric ("the
payer members' loans"), not a grouping of its own, and the one dimension the question groups
by that lies on the entity's path ("州" → the payer member's state) takes it as its role.
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


def _link_words(p: ParseState, a: Item, b: Item) -> list[str] | None:
    """The possessive/attributive words between ``a`` and ``b`` (lower case; empty when they
    stand together), or None when any other word stands there."""
    ia = next(k for k, x in enumerate(p.all) if x is a)
    ib = next(k for k, x in enumerate(p.all) if x is b)
    words = []
    for x in p.all[ia + 1 : ib]:
        word = x.text.strip().lower()
        if x.kind != "stop" or word not in _LINKS:
            return None
        words.append(word)
    return words


def _head_is_entity(words: list[str], first: Item, dim_item: Item) -> bool:
    """Whether the link ``words`` make the entity the head noun rather than the dimension's
    owner (``first`` is the earlier of the two items).

    "地区的订单" / "regions' orders" name the orders (of a region): the head follows 的 / 's;
    "orders of regions" names the orders too: the head comes before "of". Only the other
    order ("订单的地区", "region of the orders") qualifies the dimension; words standing
    directly together ("各地区客户") keep both readings, as before.
    """
    if not words:
        return False
    if "of" in words:
        return first is not dim_item
    return first is dim_item


def _own_senses(dim_item: Item, entities: set[str], p: ParseState) -> list[Sense]:
    """The senses of ``dim_item`` that lie on the path of one of ``entities``."""
    return [s for s in dim_item.senses if any(_on_path(s, e, p) for e in entities)]


def _entity_only(x: Item) -> bool:
    """An entity word that is not also a dimension, value or metric of its own."""
    return x.kind == "domain" and bool(x.senses) and all(s.kind == "entity" for s in x.senses)


def _names_metric(p: ParseState, skip: Item) -> bool:
    return any(x is not skip and x.kind == "domain" and x.is_kind("metric") for x in p.its)


def _owns_metric(p: ParseState, ent: Item) -> bool:
    """Whether ``ent`` is attributive to a metric right after it ("发货客户的销售额",
    "customer's sales") and is not itself marked as a grouping ("各客户", "by customer")."""
    k = next(i for i, x in enumerate(p.all) if x is ent)
    before = p.all[k - 1] if k else None
    if before is not None and before.kind == "role":
        return False
    j = k + 1
    while j < len(p.all) and p.all[j].kind == "stop" and p.all[j].text.strip().lower() in _LINKS:
        j += 1
    if j == k + 1 or j >= len(p.all):  # a possessive word must link them
        return False
    nxt = p.all[j]
    return nxt.kind == "domain" and nxt.is_kind("metric") and not nxt.is_kind("dimension")


def _qualify_apart(p: ParseState) -> None:
    """An entity attributive to the metric gives its role to the one dimension on its path."""
    for ent_item in list(p.its):
        if ent_item.used or not _entity_only(ent_item) or not _owns_metric(p, ent_item):
            continue
        entities = {s.name for s in ent_item.senses}
        candidates = []
        for dim_item in p.its:
            if dim_item is ent_item or dim_item.kind != "domain" or dim_item.used:
                continue
            if not dim_item.senses or not all(s.kind == "dimension" for s in dim_item.senses):
                continue
            own = _own_senses(dim_item, entities, p)
            if own:
                candidates.append((dim_item, own))
        if len(candidates) != 1:  # none, or two dimensions it could qualify: leave it
            continue
        dim_item, own = candidates[0]
        dim_item.senses = own
        ent_item.used = True
        p.its.remove(ent_item)
        p.result.notes.append(f"'{ent_item.text}' qualifies '{dim_item.text}'")


def qualify_dimensions(p: ParseState) -> None:
    """Fold each entity word into the dimension of its own it stands beside (or, attributive
    to the metric, into the one dimension on its path)."""
    i = 0
    while i < len(p.its) - 1:
        a, b = p.its[i], p.its[i + 1]
        pair = [(a, b), (b, a)]
        words = _link_words(p, a, b)
        done = False
        for dim_item, ent_item in pair:
            if (
                words is None
                or dim_item.kind != "domain"
                or dim_item.used
                or ent_item.used
                or not _entity_only(ent_item)
                or not _names_metric(p, ent_item)
                or _head_is_entity(words, a, dim_item)
            ):
                continue
            entities = {s.name for s in ent_item.senses}
            if not all(s.kind == "dimension" for s in dim_item.senses):
                continue
            own = _own_senses(dim_item, entities, p)
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
    _qualify_apart(p)
