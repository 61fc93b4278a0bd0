"""The value index in a lexicon: high-cardinality values, place names and partial names.

Why apart from ``nl2sql.lexicon``: the catalog's own terms are few and each is normalized and
offered in suggestions; the value index (``nl2sql.vocabulary.values``) may hold 100,000 names,
so they are added with one normalization each and no suggestion entry, and names that fit
several values or dimensions become clarifications rather than terms.
"""

from __future__ import annotations

import re
from collections import defaultdict

from nl2sql.general import ROLES, STOP_EN
from nl2sql.lexicon_base import (
    MAX_TERM_UNITS,
    Lexicon,
    Sense,
    add_caps,
    add_term,
    is_word_value,
    plain_key,
)
from nl2sql.normalize import key_of, normalize, plain_value_text, value_key
from nl2sql.vocabulary.partial_zh import chinese_partials
from nl2sql.vocabulary.places import state_bridges_for
from nl2sql.vocabulary.values import (
    PartialIndex,
    attached_joins,
    attached_values,
    owner_compounds,
    role_compounds,
)
from semantic_layer.catalog import Catalog

#: at most this many readings are listed when a word fits several values
MAX_CLARIFY = 8


#: characters :func:`normalize` may rewrite as digits; values without them skip that step
_CJK_NUMERAL = re.compile("[零〇一二两三四五六七八九十百千万亿]")


def _add_index_value(lex: Lexicon, dim: str, value: str) -> None:
    """One value of the value index: like :func:`add_term` for a value, with one normalization
    and no fuzzy-suggestion entry (the index may hold 100,000 names; suggestions come from the
    catalog's own terms)."""
    text = normalize(value) if _CJK_NUMERAL.search(value) else plain_value_text(value)
    key = plain_key(text)
    if not key or len(key) > MAX_TERM_UNITS:
        return
    sense = Sense("value", dim, value=value)
    if len(key) == 1 and (key[0] in STOP_EN or key[0] in ROLES):
        if is_word_value(value):
            add_caps(lex, value, sense)
        return
    clash = key in lex.place_keys and any(x.name != dim for x in lex.terms.get(key, []))
    if clash and place_name_clash(lex, value, key, sense):
        return
    senses = lex.terms.setdefault(key, [])
    if sense not in senses:
        senses.append(sense)
    if len(key) > lex.max_len:
        lex.max_len = len(key)


def place_name_clash(lex: Lexicon, text: str, key: tuple[str, ...], *senses: Sense) -> bool:
    """A place name that is also a value of another dimension: the user says which.

    Why: "sales to Texas" on data with a city named Texas answered the city, while "Texas"
    names the state TX just as surely (``nl2sql.vocabulary.places``). Both readings go to a
    clarification and the word stops being a term, so the question is refused with both.
    """
    readings = [*senses, *(x for x in lex.terms.get(key, []) if x.kind == "value")]
    others = {(x.name, x.value) for x in readings}
    if len(others) < 2 or any(x.kind != "value" for x in lex.terms.get(key, [])):
        return False
    lex.terms.pop(key, None)
    clar = lex.clarify.setdefault(normalize(text), [])
    for x in readings:
        weak = Sense("value", x.name, value=x.value, strong=False, via=f"{x.value} ({x.name})")
        if weak not in clar:
            clar.append(weak)
    return True


def country_code_twin(
    lex: Lexicon, key: tuple[str, ...], sense: Sense, base: tuple[Sense, ...]
) -> None:
    """A country's name stored as a value ("Portugal") is also its code's reading (``PT``).

    Why: a bike-rental model whose stations table stores ``country_name`` and whose rides table
    has only ``country_code`` answered "rides in Portugal" with a refusal ("cannot be filtered
    by country name"): the word was the stored name, and the CLDR bridge to the code
    is never added over a model's own term. Added beside the stored value as a weak reading,
    the parser keeps whichever the question's metrics reach (``rules.passes.values``), and the
    stored value where both are reached. Only when every reading of the word is a value and
    none of them is already a code (a value synonym of a code column stays the one reading).
    """
    if not base or any(x.kind != "value" for x in base):
        return
    # the word already reads as a code (德国 as a value synonym of a DE column): one code
    # reading is enough, and a second column's DE would only make it ambiguous. ``base`` is
    # the word's readings before any twin was added (a twin of one code column must not
    # stop the twin of another: an annual and a monthly table both keyed by code)
    if any(x.name == sense.name or x.value == sense.value for x in base):
        return
    own = lex.terms.setdefault(key, [])
    if sense not in own:
        own.append(sense)


def add_value_index(lex: Lexicon, catalog: Catalog) -> None:
    """High-cardinality values (``nl2sql.vocabulary.values``) and partial names of all values.

    A partial name ("Acme", "上海") that fits one value becomes a weak term carrying the full
    value as ``via``; one that fits several becomes a clarification listing them, so the
    engine asks instead of picking one.
    """
    extra, roles = attached_values(catalog)
    lex.roles, lex.role_joins = roles, attached_joins(catalog)
    for term, entity in role_compounds(roles):  # "deliver-to member" for deliver_member
        if key_of(term) not in lex.terms:
            add_term(lex, term, Sense("entity", entity, strong=False), plurals=True)
    for term, dim in owner_compounds(catalog, roles):  # "dropoff station name"
        if key_of(term) not in lex.terms:
            add_term(lex, term, Sense("dimension", dim, strong=False))
    for dim, vals in extra.items():  # state names of indexed state codes (Texas for TX)
        for b in state_bridges_for(dim, vals):
            places = [Sense("value", n, value=b.value, via=b.via) for n in roles.get(dim, (dim,))]
            key = value_key(b.term)
            if key in lex.terms:
                place_name_clash(lex, b.term, key, *places)
            elif key and key not in lex.general:
                for place in places:  # a table in two roles: one reading per role
                    add_term(lex, b.term, place, plurals=False)
                lex.place_keys.add(key)
    dims_of: dict[str, list[str]] = defaultdict(list)
    for dim, vals in extra.items():
        for v in vals:
            dims_of[v].append(dim)
    for v, dims in dims_of.items():
        if len(dims) == 1:
            # a table in two roles: one reading per role, for direction words to choose
            for name in roles.get(dims[0], dims[:1]):
                _add_index_value(lex, name, v)
        elif not any(s.kind != "value" for s in lex.terms.get(value_key(v), [])):
            # one name in two different dimensions: which one is meant is the user's to say
            lex.clarify.setdefault(normalize(v), []).extend(
                Sense("value", d, value=v, strong=False, via=f"{v} ({d})") for d in dims
            )
    partial = PartialIndex()
    stop = STOP_EN | set(ROLES)
    for d in catalog.dimensions:
        if d.name in lex.boolean_dims or (
            d.name.split("__")[0] != (d.entity or "")
            and any(d.name in names for names in roles.values())
        ):
            continue  # role copies are indexed through their base dimension
        for v in (*d.values, *extra.get(d.name, ())):
            partial.add(d.name, str(v), stop)
    for part, hits in partial.partials.items():
        key = value_key(part)
        if not key or key in lex.terms or key in lex.general:
            continue
        if len(hits) == 1:
            dim, value = hits[0]
            for name in roles.get(dim, (dim,)):  # a table in two roles: one reading per role
                add_term(
                    lex, part, Sense("value", name, value=value, strong=False, via=value), False
                )
        else:
            lex.clarify[normalize(part)] = [
                Sense("value", dim, value=value, strong=False, via=value)
                for dim, value in hits[:MAX_CLARIFY]
            ]
    for zh, dim, value in chinese_partials(partial.partials, lex.terms):  # 信用卡: "Credit card"
        add_term(lex, zh, Sense("value", dim, value=value, strong=False, via=value), False)
