"""Direction words onto join roles: "crossings *to* NHB" is the destination dock, "*from* SKR"
the origin, "parcels *sent to* OH" the send-to member.

A value of a table that plays several roles (one docks table as origin and destination, one
members table as payer and send-to) is read in one role by rules that cannot pick wrong
(:func:`narrow_roles`): the only role the question's metric joins, a direction word next to
the value ("to NHB", "SKR出发"), a role the question names elsewhere (the entity word "send-to
member", a grouping "by origin dock"). Otherwise origin vs destination is asked, with the
question rewritten with each role named as suggestions.

Why: when one table plays two roles (origin and destination docks, payer and send-to
members), the same value is reachable through two entities, and taking the wrong one is a
wrong answer with a plausible interpretation. The role is read from the entity names the model
gives the paths (``destination_dock``, ``send_to_member``, ``origin``): general direction
words, no model vocabulary. A direction word that contradicts the only reachable role is a
refusal, never ignored.

>>> role_of("destination_dock__code"), role_of("origin__name"), role_of("order__channel")
('to', 'from', None)
"""

from __future__ import annotations

from nl2sql.interpret import item_label
from nl2sql.lexicon import Sense
from nl2sql.rules.counting import count_metric
from nl2sql.rules.items import Item, Refusal
from nl2sql.rules.presence import flag_reading
from nl2sql.rules.view import StateView
from semantic_layer.catalog import Catalog

_TO_WORDS = {
    "to",
    "into",
    "toward",
    "towards",
    "飞往",
    "前往",
    "发往",
    "运往",
    "寄往",
    "去往",
    "开往",
    "往",
    "到",
    "至",
    "飞抵",
    "抵达",
}
_FROM_WORDS = {"from", "从", "自", "来自", "离开"}
#: Chinese direction verbs written after the place ("SKR出发", "NHB到达")
_FROM_AFTER = {"出发", "起飞", "始发"}
_TO_AFTER = {"到达", "抵达", "降落"}
#: English verbs of movement before the place, general language: "leaving SKR", "arriving at
#: WDP" ("at" / "in" / "on" may stand between); "arriving from" takes its side from "from"
FROM_VERBS = frozenset(
    [
        "leave",
        "leaves",
        "leaving",
        "left",
        "depart",
        "departs",
        "departing",
        "departed",
        "originate",
        "originates",
        "originating",
        "originated",
    ]
)
TO_VERBS = frozenset(
    ["arrive", "arrives", "arriving", "arrived", "land", "lands", "landing", "landed"]
)
#: the words between a verb of movement and its place
MOTION_LINKS = frozenset({"at", "in", "on"})
_TO_STEMS = {
    "dest",
    "destination",
    "to",
    "arrival",
    "arr",
    "recipient",
    "receiver",
    "consignee",
    "target",
    "dst",
}
_FROM_STEMS = {"origin", "orig", "source", "src", "from", "departure", "dep", "sender", "shipper"}


def role_of(name: str) -> str | None:
    """``to`` / ``from`` when a qualified name goes through an entity named for a direction."""
    words = {w for part in name.split("__")[:-1] for w in part.split("_")}
    to, frm = bool(words & _TO_STEMS), bool(words & _FROM_STEMS)
    if to == frm:
        return None
    return "to" if to else "from"


def direction_before(p: StateView, it: Item) -> str | None:
    """The direction word right before ``it`` in the question ("to NHB", "从WDP") or, in
    Chinese, the direction verb right after it ("SKR出发"), if any."""
    pos = next((k for k, x in enumerate(p.all) if x is it), -1)
    if pos < 0:
        return None
    word = p.all[pos - 1].text.strip() if pos > 0 else ""
    after = p.all[pos + 1].text.strip() if pos + 1 < len(p.all) else ""
    if pos > 1 and word.lower() == "of" and p.all[pos - 2].text.strip().lower() == "out":
        return "from"  # "crossings out of SKR"
    if word in _TO_WORDS or after in _TO_AFTER:
        return "to"
    if word in _FROM_WORDS or after in _FROM_AFTER:
        return "from"
    verb = word.lower()
    if verb in MOTION_LINKS and pos > 1:  # "arriving at WDP"
        verb = p.all[pos - 2].text.strip().lower()
    if verb in FROM_VERBS:
        return "from"
    if verb in TO_VERBS:
        return "to"
    return None


#: a role named for where goods go: among copies of one value, "to" means this role
#: ("寄往OH会员": the deliver-to member, not the payer one)
_SHIP_STEMS = {"ship", "shipto", "deliver", "delivery", "delivered"}


def _receiving(name: str) -> bool:
    words = {w for part in name.split("__")[:-1] for w in part.split("_")}
    return bool(words & _SHIP_STEMS) and role_of(name) is None


def prefer_direction(p: StateView, it: Item, cands: list[Sense]) -> list[Sense]:
    """The candidates whose role matches the direction word before ``it`` (all if none).

    Roles without a direction of their own (bill-to / ship-to customer) take "to" as the role
    the goods are sent to, when exactly one role is named so."""
    want = direction_before(p, it)
    if want is None:
        return cands
    same = [s for s in cands if role_of(s.name) == want]
    if not same and want == "to":
        same = [s for s in cands if _receiving(s.name)]
        same = same if len(same) == 1 else []
    if not same and not _value_word_before_direction(p, it):
        same = _column_direction(cands, want)
    return same or cands


def _value_word_before_direction(p: StateView, it: Item) -> bool:
    """Whether the word before the direction word is itself a value ("orders *shipped* to
    华东", where shipped is also an order status): the verb would then be read as that status
    beside the destination, so the column's direction is not taken and the ambiguity stays."""
    pos = next((k for k, x in enumerate(p.all) if x is it), -1)
    if pos < 2:
        return False
    verb = p.all[pos - 2]
    return verb.kind == "domain" and any(s.kind == "value" for s in verb.senses)


def _column_direction(cands: list[Sense], want: str) -> list[Sense]:
    """The one value whose *column* is named for the direction asked ("发往华东": the orders'
    ``destination_region``, not the customers' ``region``), when no join role decides.

    Why: a value found in a destination column and in a plain one (an order's destination
    region and its customer's region) was refused as ambiguous even after "shipped to" / "发往"
    said which; the direction word settles it the way it settles a dock's role. Only a
    value of exactly one such column is taken; "from 华东" (no origin column) stays ambiguous.
    """
    hits = [
        s
        for s in cands
        if s.kind == "value" and role_of(s.name) is None and role_of(f"{s.name}__x") == want
    ]
    return hits if len({s.name for s in hits}) == 1 else []


def check_direction(p: StateView, it: Item, sense: Sense) -> None:
    """Refuse a value whose only reading contradicts the direction word before it."""
    want = direction_before(p, it)
    got = role_of(sense.name)
    if want is not None and got is not None and want != got:
        raise Refusal(
            f"'{it.text}' is reachable only as {sense.name}, which is not the '{want}' side "
            "the question asks for",
            zh=f"“{it.text}”只能按{sense.name}理解，与问题中的方向不符",
            words=[it.text],
        )


def roles_differ(cands: list[Sense]) -> bool:
    """Whether the candidates go through entities of different directions (origin vs dest)."""
    return len({role_of(s.name) for s in cands}) > 1


def role_entity(name: str) -> str:
    """The entity a qualified name goes through first (``origin_dock`` of
    ``origin_dock__code``)."""
    return name.split("__")[0]


def role_copies(p: StateView, cands: list[Sense]) -> bool:
    """Whether ``cands`` are one value of one dimension read through different roles of a
    role-playing table (``origin_dock__code`` / ``destination_dock__code``)."""
    names = {s.name for s in cands}
    return (
        len(cands) > 1
        and all(s.kind == "value" for s in cands)
        and len({s.value for s in cands}) == 1
        and len({role_entity(n) for n in names}) == len(names)
        and any(names <= set(group) for group in p.lex.roles.values())
    )


def question_metrics(p: StateView) -> list[str]:
    """The metrics named so far: settled ones, else words with one metric sense, else the
    metric a presence flag names ("premium by state": ``rules.presence``), else the counts of
    the nouns a "how many" word counts ("number of claims and policies by state")."""
    return (
        p.metrics
        or [
            ms[0].name
            for x in p.its
            if x.kind == "domain"
            for ms in [[s for s in x.senses if s.kind == "metric"]]
            if len(ms) == 1
        ]
        or [r[0] for x in p.its if (r := flag_reading(p, x)) is not None][:1]
        or _counted_nouns(p)
    )


def _counted_nouns(p: StateView) -> list[str]:
    """The count metrics of the entity nouns after a "how many" word and of the nouns joined
    to them by "and": a dimension two models both have (a claim's and a policy's `state`)
    resolves to the one every count reaches, before the counts pass settles them."""
    out: list[str] = []
    counting = False
    for x in p.its:
        if x.kind == "role" and x.role == "howmany":
            counting = True
        elif x.kind == "role" and x.role == "and" and counting:
            continue
        elif counting and x.kind == "domain" and x.is_kind("entity"):
            metric = count_metric(p, x)
            if metric is None:
                return []
            out.append(metric)
        else:
            counting = False
    return out


def _named_roles(p: StateView, it: Item, cands: list[Sense], group_by: list[str]) -> list[Sense]:
    """The candidates whose role the question names: an entity word of that role ("guest
    member"), a grouping through it ("by origin dock"); when several roles are named,
    the one whose entity word stands right beside the value."""
    roles = {role_entity(s.name) for s in cands}

    def entity_of(x: Item) -> str | None:
        if x is it or x.kind != "domain" or not x.senses:
            return None
        ents = {s.name for s in x.senses if s.kind == "entity"}
        return next(iter(ents)) if len(ents) == 1 and ents <= roles else None

    named = {e for x in p.all if (e := entity_of(x))} | {
        role_entity(g) for g in group_by if role_entity(g) in roles
    }
    if len(named) > 1:
        pos = next(k for k, x in enumerate(p.all) if x is it)
        near = [p.all[k] for k in (pos - 1, pos + 1) if 0 <= k < len(p.all)]
        named = {e for x in near if (e := entity_of(x))}
    return [s for s in cands if role_entity(s.name) in named] if len(named) == 1 else []


def narrow_roles(p: StateView, it: Item, cands: list[Sense], group_by: list[str]) -> list[Sense]:
    """One role for a value of a role-playing table, by rules that cannot pick wrong.

    In order: the roles the question's metrics join through; the direction word beside the value;
    the role the question names (:func:`_named_roles`, ``group_by`` being its groupings so
    far). A rule that keeps no candidate is skipped. Roles of opposite directions left
    (origin and destination) are a refusal listing them, the suggestions naming each role;
    other roles left go to the default of an unqualified name (``rules.resolve``: the path
    nearest the metric's rows, "sales in TX" → the bill-to customer, as "sales by state").
    """
    if not role_copies(p, cands):
        return cands
    metrics = question_metrics(p)
    joined = [p.lex.role_joins.get(m) for m in metrics]
    if metrics and all(j is not None for j in joined):
        # the roles every metric joins through: a loan has a payer and a deliver-to member,
        # a refund only a refunded one (whose state the table's first role also names)
        both = frozenset.intersection(*(j for j in joined if j is not None))
        reach = [s for s in cands if role_entity(s.name) in both]
        cands = reach or cands
    if len(cands) > 1:
        cands = prefer_direction(p, it, cands)
    if len(cands) > 1:
        cands = _named_roles(p, it, cands, group_by) or cands
    if len(cands) == 1 or not roles_differ(cands):
        # roles without a direction (bill-to / ship-to) keep the documented default of an
        # unqualified name, the table's own path, which the interpretation names
        return cands
    en = [item_label(p.catalog, role_entity(s.name), "en") for s in cands]
    zh = [item_label(p.catalog, role_entity(s.name), "zh") for s in cands]
    raise Refusal(
        f"'{it.text}' is ambiguous: it could be the {' or the '.join(en)}; say which one",
        zh=f"“{it.text}”有歧义：可能是{'或'.join(zh)}；请说明是哪一个",
        words=[it.text],
        senses=cands,
        kind="role",
    )


def role_phrase(catalog: Catalog, sense: Sense, lang: str) -> str:
    """The value of ``sense`` with its role named before it ("destination port P07"): the
    form :func:`narrow_roles` reads back, for the suggestions of its refusal."""
    role = item_label(catalog, role_entity(sense.name), lang)
    sep = "" if lang == "zh" and not role[-1:].isascii() else " "
    return f"{role}{sep}{sense.value}"
