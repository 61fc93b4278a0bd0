"""Choosing one sense for a word that names several things in the model.

Why refuse after these rules instead of picking the first sense: "预售" may be a dimension and
its own value, "nation" an entity and its name dimension, "destination_country" a dimension
copied along two join paths. Each rule below settles one such pattern the same way a reader
would; whatever stays ambiguous is refused with the readings to choose from.
"""

from __future__ import annotations

from nl2sql.lexicon import Sense
from nl2sql.rules.companion_fit import fitting_metric
from nl2sql.rules.condition_copies import copy_beside_conditions
from nl2sql.rules.grain_twins import grain_twin
from nl2sql.rules.items import Item, Refusal
from nl2sql.rules.metric_kinds import (
    plain_metric,
    plain_over_window,
    plain_sum,
    total_over_its_mean,
)
from nl2sql.rules.metric_names import (
    aggregated_metric,
    exact_metric,
    named_beside,
    period_metric,
    spelled_metric,
    unit_metric,
    unit_twin_metric,
    verb_beside,
)
from nl2sql.rules.numbered_metrics import numbered_metric
from nl2sql.rules.own_copy import own_qualified_only, plain_own_copy
from nl2sql.rules.qualified_metrics import same_numbers, unqualified_metric
from nl2sql.rules.roles import prefer_direction, question_metrics, roles_differ
from nl2sql.rules.row_values import same_row_value
from nl2sql.rules.said_qualifier import all_metric, dimension_by_said_word
from nl2sql.rules.sense_phrases import distinct_phrases
from nl2sql.rules.unit_siblings import plain_of_unit_twins
from nl2sql.rules.unsaid_qualifier import refuse_unsaid_qualifier
from nl2sql.rules.view import StateView
from nl2sql.vocabulary.countries import is_country_dimension, territory_names


def _own_value(cands: list[Sense]) -> list[Sense] | None:
    """A dimension word that is also one of its own values ("预售"): the value (a filter)."""
    vals = [s for s in cands if s.kind == "value"]
    if (
        vals
        and all(
            s.kind == "value" or (s.kind == "dimension" and s.name == vals[0].name) for s in cands
        )
        and len({s.name for s in vals}) == 1
        and len({s.value for s in vals}) == 1
    ):
        return vals[:1]
    return None


def _value_near_dimension(p: StateView, it: Item, cands: list[Sense]) -> list[Sense] | None:
    """A value next to the name of one of its dimensions ("华东地区", "channel jd")."""
    vals = [s for s in cands if s.kind == "value"]
    if not vals:
        return None
    idx = p.its.index(it) if it in p.its else -1
    near = [p.at(idx - 1), p.at(idx + 1)] if idx >= 0 else []
    near_dims = {
        s.name
        for x in near
        if x is not None and x.kind == "domain"
        for s in x.senses
        if s.kind == "dimension"
    }
    close = [s for s in vals if s.name in near_dims]
    if len({s.name for s in close}) == 1:
        return close[:1]
    return None


def _role_named(p: StateView, it: Item, cands: list[Sense]) -> list[Sense] | None:
    """One value or dimension in several roles ("OH" as the state of the payer, guest and
    refunded member) when the question names one of those roles ("where the *guest
    member* lives in OH"): that role's copy. Without this the primary role's copy won as the
    stronger reading — a wrong answer that said "State = OH"."""
    if len({(s.kind, s.value, s.name.rsplit("__", 1)[-1]) for s in cands}) != 1:
        return None
    roles = {s.name.rsplit("__", 1)[0] for s in cands}
    if len(roles) < 2:
        return None
    named = {
        s.name
        for x in p.its
        if x is not it and x.kind == "domain"
        for s in x.senses
        if s.kind == "entity" and s.name in roles
    }
    if len(named) != 1:
        return None
    return [s for s in cands if s.name.rsplit("__", 1)[0] in named][:1]


#: the character that writes a value as a kind of the noun after it (体育类文章)
KIND_MARKS = frozenset({"类"})


def _owner_after(p: StateView, it: Item, cands: list[Sense]) -> list[Sense] | None:
    """A value found in several dimensions, written as a kind (类) of the entity named after it
    ("体育类*文章*", "新闻类和观点类*文章*"): the entity's own dimension with that value, not
    the same value of its writer's category. Only with 类: "overseas orders" may be orders
    shipped overseas or orders of overseas customers, and stays a clarification."""
    if not all(s.kind == "value" for s in cands) or it not in p.its:
        return None
    pos = next((k for k, x in enumerate(p.all) if x is it), -1)
    if pos < 0 or pos + 1 >= len(p.all) or p.all[pos + 1].text not in KIND_MARKS:
        return None
    j = p.its.index(it) + 1
    while (x := p.at(j)) is not None and (
        (x.kind == "role" and x.role == "and")
        or (x.kind == "domain" and any(s.kind == "value" for s in x.senses))
    ):
        j += 1
    noun = p.at(j)
    if noun is None or noun.kind != "domain":
        return None
    owners = {s.name for s in noun.senses if s.kind == "entity"}
    own = [s for s in cands if s.name.split("__")[0] in owners]
    return own[:1] if len({s.name for s in own}) == 1 else None


#: the particle that makes the noun before it the owner of what follows (华东客户*的*订单)
OWNER_MARKS = frozenset({"的"})


def _owner_of_other_rows(p: StateView, it: Item, cands: list[Sense]) -> list[Sense] | None:
    """A value written right before an entity noun that owns what follows ("华东客户的订单数":
    the customers' region 华东), when that entity is not the one whose rows the metrics count.

    Why: the value is in two columns (an order's destination region and its customer's
    region), and "华东客户" names whose column it is; it was refused as ambiguous. Only when
    the noun is another entity than the metrics' own rows: "华东订单的GMV" (the orders' own
    noun) may still mean orders shipped to 华东 or orders of 华东 customers, and stays asked.
    """
    if not all(s.kind == "value" for s in cands) or it not in p.its:
        return None
    pos = next((k for k, x in enumerate(p.all) if x is it), -1)
    if pos < 0 or pos + 2 >= len(p.all):
        return None
    noun, mark = p.all[pos + 1], p.all[pos + 2]
    if noun.kind != "domain" or mark.text.strip() not in OWNER_MARKS:
        return None
    owners = {s.name for s in noun.senses if s.kind == "entity"}
    metrics = [p.catalog.metric(m) for m in question_metrics(p)]
    rows = {m.rows_entity for m in metrics if m is not None and m.agg_time_dimension}
    if not owners or not metrics or None in metrics or not rows or owners & rows:
        return None
    own = [s for s in cands if s.name.split("__")[0] in owners]
    return own[:1] if len({s.name for s in own}) == 1 else None


def _twin_values(p: StateView, it: Item, cands: list[Sense]) -> list[Sense] | None:
    """Values of two dimensions of one table that select the same rows ("mortgage": product
    "Mortgage" and its category "mortgage", ``semantic_layer.value_twins``): either filter
    gives the same answer, so the one written as the word is kept, else the first. Values
    that differ in even one row stay ambiguous."""
    if len(cands) < 2 or not all(s.kind == "value" and s.value is not None for s in cands):
        return None
    pairs = [(s.name, str(s.value)) for s in cands]
    if not all(p.catalog.same_rows(pairs[0], other) for other in pairs[1:]):
        return None
    word = it.text.lower()
    return [next((s for s in cands if str(s.value).lower() == word), cands[0])]


def _country_code_and_name(p: StateView, cands: list[Sense]) -> Sense | None:
    """A country's ISO code and its name, the two values of one table a country word reached
    ("意大利": country code ``IT`` and country name ``Italy``): the same country either way.

    Why: a table that keeps a country's code beside its name gave both readings of one
    country word, and the question was refused as ambiguous, although the code is the name's
    own key (CLDR names one country per code, :mod:`nl2sql.vocabulary.countries`). Only two
    values of the same table, one in a column that says it holds countries, the other that
    code's CLDR name; the name is kept (the readable column). Values of different tables, or
    a name that is not the code's own, stay asked.
    """
    if len(cands) != 2 or not all(s.kind == "value" and s.value is not None for s in cands):
        return None
    if len({s.name.split("__")[0] for s in cands}) != 1:
        return None
    names = territory_names()
    for code, name in (cands, cands[::-1]):
        dim = p.catalog.dimension(code.name)
        own = names.get(str(code.value))
        if (
            dim is not None
            and own is not None
            and is_country_dimension(dim.name, dim.label)
            and str(name.value).strip().lower() in {n.lower() for n in own}
        ):
            return name
    return None


def _entity_and_its_name(cands: list[Sense]) -> Sense | None:
    """An entity and one dimension of that same entity ("pickup station" and its Station
    Name, left once the metrics ruled out the dropoff role): the entity, which a
    breakdown shows with its name beside its key, so either reading is in the answer."""
    ents = [s for s in cands if s.kind == "entity"]
    dims = [s for s in cands if s.kind == "dimension"]
    if (
        len(ents) == 1
        and len(dims) == 1
        and len(cands) == 2
        and dims[0].name.startswith(f"{ents[0].name}__")
    ):
        return ents[0]
    return None


def _twin_alone(p: StateView, pos: int, names: list[str]) -> str | None:
    """:func:`unit_twin_metric` for a phrase no other metric word stands beside: "temperature
    range" is one phrase of another metric (a daily range), not the temperature twins and a
    second metric "range"."""
    near = [
        next((x for x in reversed(p.all[:pos]) if x.kind != "stop"), None),
        next((x for x in p.all[pos + 1 :] if x.kind != "stop"), None),
    ]
    for x in near:
        if x is not None and x.kind == "domain" and any(s.kind == "metric" for s in x.senses):
            return None
    return unit_twin_metric(p.catalog, names)


def disambiguate(p: StateView, it: Item, cands: list[Sense]) -> list[Sense]:
    """Narrow ``cands`` (several senses of ``it``) to one, or raise :class:`Refusal`."""
    cands = prefer_direction(p, it, cands)
    if len(cands) == 1:
        return cands
    got = (
        _role_named(p, it, cands)
        or _own_value(cands)
        or _value_near_dimension(p, it, cands)
        or _owner_after(p, it, cands)
        or _owner_of_other_rows(p, it, cands)
        or _twin_values(p, it, cands)
        or dimension_by_said_word(p, it, cands)  # "users by status": the user status
    )
    if got:
        return got
    strong = [s for s in cands if s.strong]
    if len(strong) == 1:
        return strong
    cands = strong or cands
    if all(s.kind == "metric" for s in cands):  # rules.metric_names: the label, "平均"
        names = [s.name for s in cands]
        pos = next((k for k, x in enumerate(p.all) if x is it), 0)
        exact = (
            exact_metric(p.catalog, it.text, names)
            or fitting_metric(p, it, names)  # waiting days by workflow stage: the stage one
            or numbered_metric(p.all[:pos], p.catalog, names)  # 14天回访率: the D14 one
            or aggregated_metric(p.catalog, p.all[:pos], names)
            or named_beside(p.all[:pos], p.all[pos + 1 :], names)  # 起飞延误的中位数
            or verb_beside(p.all[:pos], p.all[pos + 1 :], names)  # 违约(的)票面价值
            or period_metric(p.all, p.catalog, names)  # 每月的通胀率: monthly_inflation
            or unit_metric(p.all, p.catalog, names)  # 平均气温（摄氏度）: the °C one
            or plain_of_unit_twins(p.all, p.catalog, names)  # volume: not "Volume (USD)"
            or plain_metric(p, it, names)  # not the GCSE kind unless "GCSE" is said
            or unqualified_metric(p, it, names)  # new subscriptions: the weekly one
            or same_numbers(p, names)  # a metric and its create_metric proxy
            or all_metric(p, it, names)  # "qualifying transactions": All Qualifying …
            or plain_sum(p, it, names)  # 收入: the revenue sum, not its average
            or grain_twin(p, it, names)  # by state: the fact-grain copy, not the yearly one
            or plain_over_window(p, it, names)  # revenue: the total, not a 28-day window
            or total_over_its_mean(p, it, names)  # 终身价值: the sum, not the sum per customer
            or _twin_alone(p, pos, names)  # 平均气温: °F and °C, the model's first
            or spelled_metric(p.catalog, it.text, names)  # goals against: not "xGoals"
        )
        if exact is not None:
            return [s for s in cands if s.name == exact][:1]
        if same_row_value(p.catalog, names):  # provisional: rules.row_conditions decides
            p.row_value_picks.append((it, names))
            return cands[:1]
    # an entity and a dimension of the same name ("nation" / Nation name): the dimension is
    # the readable column users mean; the entity key is what they get when nothing else fits
    ents = [s for s in cands if s.kind == "entity"]
    dims = [s for s in cands if s.kind == "dimension"]
    if len(ents) == 1 and len(dims) == 1 and len(cands) == 2:
        return dims
    metric_names = question_metrics(p)
    if not metric_names and p.context is not None:
        metric_names = list(p.context.metrics)  # a follow-up keeps the previous metrics
    if not metric_names:
        beside = copy_beside_conditions(p, it, cands)  # which sites are in Australia
        if beside is not None:
            return [beside]
        reached = _reached_by_every_reading(p, cands)
        if reached is not None:
            return [reached]
        readings = sorted(
            {s.name for x in p.its if x.kind == "domain" for s in x.senses if s.kind == "metric"}
        )
        if readings and not any(all(p.metric_allows(m, s.name) for m in readings) for s in cands):
            only = own_qualified_only(p, cands, readings)  # 按地区的回访率 (D3 or D14)
            if only is not None:
                return [only]
    # an entity among the readings ("码头": the origin or the destination dock, or a
    # dock's name) is kept only where the metrics reach it too: average water depth is
    # measured at origin docks only, so "每个码头的平均水深" has one reading
    if metric_names and all(s.kind in ("dimension", "value", "entity") for s in cands):
        ok = [s for s in cands if all(p.metric_allows(m, s.name) for m in metric_names)]
        if len(ok) == 1:  # never one adding a word the question does not say ("nearest")
            refuse_unsaid_qualifier(p, it, ok[0], [s for s in cands if s not in ok])
            return ok
        if not ok and (only := own_qualified_only(p, cands, metric_names)) is not None:
            return [only]  # 新乘客按地区: a rider's first region
        if ok:
            cands = ok
        own_name = (
            _entity_and_its_name(cands)
            or _country_code_and_name(p, cands)
            or plain_own_copy(p, cands, metric_names)  # phone trips: not the first platform
        )
        if own_name is not None:
            return [own_name]
        nearest = nearest_same_dimension(p, cands, metric_names)
        if nearest is not None:
            return [nearest]
    if len({(s.kind, s.name) for s in cands}) == 1:
        return cands[:1]
    en = [f[0] for f in distinct_phrases(p.catalog, cands, "en")]
    zh = [f[0] for f in distinct_phrases(p.catalog, cands, "zh")]
    raise Refusal(
        f"'{it.text}' is ambiguous: it could be " + " or ".join(en) + "; say which one",
        zh=f"“{it.text}”有歧义：可能是" + "或".join(zh) + "；请说明是哪一个",
        words=[it.text],
        senses=cands,
    )


def _reached_by_every_reading(p: StateView, cands: list[Sense]) -> Sense | None:
    """The one of ``cands`` that every reading of the question's still ambiguous metric words
    reaches, when none of those readings reaches any other candidate.

    Why: "已完成订单的收入" names a status two models carry (the order's `status` and the
    payment's copy `order_status`), and 收入 is itself still two metrics (Total Revenue or
    its 28-day window) when the status is read; both revenue metrics are on orders and reach
    only the order's status, so whichever metric is chosen the condition is the same. The
    question was refused as ambiguous. A candidate that some reading reaches and another does
    not leaves the choice open (the metric decides it, so it stays asked).
    """
    if not cands or not all(s.kind in ("dimension", "value", "entity") for s in cands):
        return None
    readings = {s.name for x in p.its if x.kind == "domain" for s in x.senses if s.kind == "metric"}
    for x in p.its:  # "orders by order status": the count of the noun named
        if x.kind == "domain" and x.is_kind("entity") and not x.is_kind("metric"):
            try:
                counted = p.count_metric(x)
            except Refusal:
                counted = None
            if counted is not None:
                readings.add(counted)
    if not readings:
        return None
    every = [s for s in cands if all(p.metric_allows(m, s.name) for m in readings)]
    none = [s for s in cands if not any(p.metric_allows(m, s.name) for m in readings)]
    if len(every) == 1 and len(every) + len(none) == len(cands):
        return every[0]
    return None


def _role_copies(p: StateView, cands: list[Sense]) -> bool:
    """Whether ``cands`` are one dimension read through different roles of one role-playing
    table (``borrower_member__town`` / ``guarantor_member__town``: each through its own entity)."""
    names = {s.name for s in cands}
    return len({n.split("__")[0] for n in names}) == len(names) and any(
        names <= set(group) for group in p.lex.roles.values()
    )


def nearest_same_dimension(p: StateView, cands: list[Sense], metrics: list[str]) -> Sense | None:
    """One dimension copied along a join path ("destination_country" of the shipment and of
    its order): the copy nearest the metric's own rows, the way the metric's dimension list
    orders them. Different dimensions (customer region vs destination region) stay
    ambiguous, and so do copies through two roles of one table (a loan's borrower and
    guarantor member's town): "late fees by town" was answered by the borrower's town, the
    first role listed (a held-out model's sales by state likewise), where nothing in the
    words chose it (issue #12, session 26): the roles are asked, each offered as a question
    naming it."""
    if (
        len(cands) < 2
        or roles_differ(cands)  # origin vs destination: two questions, not two copies
        or _role_copies(p, cands)  # borrower vs guarantor: asked, never the first listed
        or len({(s.kind, s.value) for s in cands}) != 1
        or len({s.name.split("__")[-1] for s in cands}) != 1
    ):
        return None
    order = None
    for m in metrics:
        cm = p.catalog.metric(m)
        if cm is None or not all(s.name in cm.dimensions for s in cands):
            return None
        pos = sorted(cands, key=lambda s: cm.dimensions.index(s.name))[0]
        if order is not None and pos != order:
            return None
        order = pos
    return order
