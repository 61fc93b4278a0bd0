"""Pass: "claim number 12312705", "订单编号 100234": a number right after the name of an
identifier dimension is that identifier's value (a filter), not a threshold or a top-N.

Why a rule of its own: identifiers (claim numbers, order ids, policy numbers) have too many
values for the value index, so the number stays an unclaimed number and the question was
refused ("I don't know what the number refers to"). The dimension's own name says it is an
identifier — its last word is one of :data:`ID_HEADS` — and the number touches it, so the
reading is the one a person makes. The value is compared as written (a string the warehouse
casts to the column's type), so an identifier with leading zeros keeps them.

An entity named alone works the same when its key column is an identifier ("campaign 7",
"广告活动12" for an entity ``campaign`` keyed by ``campaign_id``): the entity is the thing
the rows are about and the number is its id, as "store 12" is read by a person. Several such
numbers of one entity ("campaign 3 and campaign 8") are one ``in`` filter, shown side by side
when the question compares them (as two values of a dimension are, ``passes.values``).
"""

from __future__ import annotations

import itertools
import re

from nl2sql.counters import COUNTERS
from nl2sql.rules.items import Item, Refusal
from nl2sql.rules.passes.values import POSTPOSED_NEGATIONS
from nl2sql.rules.state import ParseState
from nl2sql.unit_words import unit_of_word
from semantic_layer.query import DimensionFilter, FilterOp

#: the filter operator by (excluded, several values)
OPS: dict[tuple[bool, bool], FilterOp] = {
    (False, False): "=",
    (True, False): "!=",
    (False, True): "in",
    (True, True): "not in",
}
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


def _entity_identifier(p: ParseState, it: Item) -> str | None:
    """The entity ``it`` names alone when its key column is an identifier, or None.

    Only a word with no other reading (a metric or dimension word stays that), and only an
    entity whose key column's last word is an identifier head (``campaign_id``, ``store_no``):
    its primary key, or every foreign key column it is held in when no model is its own.
    """
    if it.kind != "domain" or it.used or not it.senses:
        return None
    if any(s.kind != "entity" for s in it.senses):
        return None
    names = {s.name for s in it.senses}
    if len(names) != 1:
        return None
    (name,) = names
    entity = next((e for e in p.catalog.entities if e.name == name), None)
    if entity is None:
        return None
    # its primary key column, else the columns other models hold it in as a foreign key
    exprs = [entity.key_expr] if entity.key_expr else list(entity.foreign_exprs)
    columns = [x.split(".")[-1].strip('"').lower() for x in exprs]
    if not columns or not all(c.split("_")[-1] in ID_HEADS and c != name for c in columns):
        return None
    return name


def read_identifier_values(p: ParseState) -> None:
    """Pass: ``<identifier dimension> <whole number>`` becomes ``dimension = 'number'``."""
    ids: dict[str, list[tuple[str, bool, bool]]] = {}  # entity -> (number, excluded, keep)
    for i, it in enumerate(p.its):
        entity = _entity_identifier(p, it)
        nxt = p.at(i + 1)
        said = _id_after(p, i) if entity is not None else None
        before = _id_before(p, i) if entity is not None and said is None else None
        if entity is not None and before is not None:  # "T01这款游戏": the code, then the thing
            value, first = before
            if it.sense is None:
                it.sense = next(iter(it.senses))
            it.used = True
            for k in range(first, i):
                p.its[k].used = True
            ids.setdefault(entity, []).append((value, *_negation(p, first, i)))
            continue
        after = p.at(said[1] + 1) if said is not None else None
        if (
            entity is not None
            and said is not None
            # "campaign 7 days": a quantity of a unit, not the entity's number
            and (after is None or unit_of_word(after.text.strip().lower()) is None)
        ):
            value, last = said
            if it.sense is None:
                it.sense = next(iter(it.senses))
            it.used = True
            for k in range(i + 1, last + 1):
                p.its[k].used = True
            joined = p.role_at(i - 1, "and") or p.role_at(i - 1, "or")
            if joined and ids.get(entity):  # "excluding campaign 3 and campaign 8": both out
                p.its[i - 1].used = True
                _, was_neg, was_keep = ids[entity][-1]
                ids[entity].append((value, was_neg, was_keep))
            else:
                ids.setdefault(entity, []).append((value, *_negation(p, i, last)))
            continue
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
        neg, keep = _negation(p, i, i + 1)
        p.filters.append(
            DimensionFilter(
                dimension=dim, op="!=" if neg else "=", values=[nxt.text], keep_null=keep
            )
        )
    for k in range(len(p.its) - 1):  # "T04的付费转化率": a code of one entity, said alone
        lone = _lone_code(p, k)
        if lone is not None and not p.its[k].used and not p.its[k + 1].used:
            p.its[k].used = p.its[k + 1].used = True
            ids.setdefault(lone[0], []).append((lone[1], *_negation(p, k, k + 1)))
    for entity, named in ids.items():
        values: list[str | int | float | bool] = list(dict.fromkeys(n for n, _, _ in named))
        negs = {neg for _, neg, _ in named}
        if len(negs) > 1:
            raise Refusal(
                f"both including and excluding ids of {entity}; ask for one or the other",
                zh=f"同时包含又排除了{entity}的编号；请只问其中一种",
            )
        neg, keep = negs.pop(), any(k for _, _, k in named)
        p.filters.append(
            DimensionFilter(
                dimension=entity, op=OPS[neg, len(values) > 1], values=values, keep_null=keep
            )
        )
        if (
            len(values) > 1
            and not neg
            and any(x.kind == "role" and x.role == "compare" for x in p.its)
        ):
            p.add_group(entity)  # "compare campaign 3 and campaign 8": side by side


def _negation(p: ParseState, i: int, last: int) -> tuple[bool, bool]:
    """Whether the id named at ``i``..``last`` is excluded ("excluding campaign 7", 除了7号
    活动以外, "not campaign 7"), and whether the rows of no id are kept (always, when excluded:
    a row of no campaign is not campaign 7 either); claims the words.

    Why: the negation before the entity word was left over and the question refused ("I can't
    tell what 'excluding' excludes") although the id it excludes is named right after it."""
    neg = keep = False
    for j in (i - 1, last + 1):
        x = p.at(j)
        if x is None or x.used or not p.role_at(j, "neg"):
            continue
        word = x.text.strip().lower()
        if j > last and word not in POSTPOSED_NEGATIONS:
            continue  # a negation after the id belongs to what follows it
        x.used = neg = keep = True
    return neg, keep


#: the most letters before the digits of an id written as a code ("C003", "SKU12")
MAX_CODE_LETTERS = 3
#: the role of those letters once placed before their digits (:func:`settle_id_letters`)
ID_LETTERS = "id_letters"


def _id_after(p: ParseState, i: int) -> tuple[str, int] | None:
    """The id written right after item ``i`` and the index of its last item: a whole number
    ("客户12"), or a code of a few letters glued to digits ("客户C003", "client C003").

    Why the code: ids are often a letter prefix and digits; the tokenizer splits "c003" into a
    letter word and a number, the letter was left unknown and the question refused. The code
    is taken as the user wrote it (the question is read lower-cased; ids keep their case).
    """
    nxt, num = p.at(i + 1), p.at(i + 2)
    if nxt is not None and _whole(nxt):
        return nxt.text, i + 1
    if nxt is None or num is None or nxt.used or not _whole(num) or nxt.end != num.start:
        return None
    letters = nxt.text
    if not (nxt.kind == "role" and nxt.role == ID_LETTERS):
        return None
    written = re.search(re.escape(letters + num.text), p.result.question, re.IGNORECASE)
    return (written.group(0), i + 2) if written else None


def settle_id_letters(p: ParseState) -> None:
    """Keep the letters of an id code ("C" of 客户C003) from being refused as unknown words:
    unknown letters glued to a whole number right after an entity keyed by an id become an
    :data:`ID_LETTERS` item, which :func:`read_identifier_values` reads with the number. So do
    the letters of a code written right before such an entity, with at most "this <counter>"
    between (T01这款游戏: :func:`_id_before`)."""
    k = -1
    while k + 2 < len(p.its):  # the list loses "这家" when a code is read before its thing
        k += 1
        it, num = p.its[k], p.its[k + 1]
        letters = it.text
        if it.kind != "unknown" or not (letters.isascii() and letters.isalpha()):
            continue
        if len(letters) > MAX_CODE_LETTERS or not _whole(num) or it.end != num.start:
            continue
        between = _this_before_thing(p, num)
        if between is not None:  # "T01这款游戏": "这款" says nothing more
            for x in between:
                x.kind, x.used = "stop", True
            p.its = [x for x in p.its if all(x is not b for b in between)]
        elif (k == 0 or _entity_identifier(p, p.its[k - 1]) is None) and not _lone_code(p, k):
            continue
        # in place: the engine lists unused words from the items it built, so a new item
        # left the original "t" of T01这款游戏 shown as "未使用：t" in a right answer
        it.kind, it.role, it.senses = "role", ID_LETTERS, []


def _whole(it: Item) -> bool:
    """A whole number nothing claimed yet (not a percentage)."""
    return it.kind == "num" and not it.used and not it.pct and it.text.isdigit()


#: the words between a code and the thing it names in "T01这款游戏" / "C003这位客户": a
#: demonstrative, then a counter (``nl2sql.counters.COUNTERS``) or 个
_DEMONSTRATIVES = ("这", "那", "该", "此")


def _this_phrase(text: str) -> bool:
    """这 / 这款 / 这家 / 那个: a demonstrative, alone or with one counter (or 个)."""
    return (
        bool(text)
        and text[0] in _DEMONSTRATIVES
        and (len(text) == 1 or (len(text) == 2 and text[1] in COUNTERS | {"个"}))
    )


def _this_before_thing(p: ParseState, num: Item) -> list[Item] | None:
    """The items of "this <counter>" between ``num`` and an entity keyed by an id right after
    them, all touching ("T01这款游戏"), or None."""
    k = p.all.index(num)
    for n in (1, 2):
        between = p.all[k + 1 : k + 1 + n]
        thing = p.all[k + 1 + n] if k + 1 + n < len(p.all) else None
        if len(between) < n or thing is None or not _entity_like(p, thing):
            continue
        chain = [num, *between, thing]
        if _this_phrase("".join(x.text for x in between)) and all(
            a.end == b.start for a, b in itertools.pairwise(chain)
        ):
            return between
    return None


def _entity_like(p: ParseState, it: Item) -> bool:
    return _entity_identifier(p, it) is not None


def _id_before(p: ParseState, i: int) -> tuple[str, int] | None:
    """The id code written right before the entity word ``p.its[i]`` with "this <counter>"
    between (T01这款游戏, "C003这位客户"), and the index of its first item.

    Why: a Chinese speaker names the thing by its code first and then says what it is; the
    code's letters were left unknown and the question refused ("I don't know 't'") on a
    video-game studio's model (session 29), although "游戏T01" was read. Only a code of
    letters glued to digits: a bare number before a thing is a quantity (3款游戏).
    """
    if i < 2:
        return None
    letters, num = p.its[i - 2], p.its[i - 1]
    if not (letters.kind == "role" and letters.role == ID_LETTERS and _whole(num)):
        return None
    if letters.end != num.start:
        return None
    k, end = p.all.index(num), p.all.index(p.its[i])
    if not _this_phrase("".join(x.text for x in p.all[k + 1 : end])):
        return None
    written = re.search(re.escape(letters.text + num.text), p.result.question, re.IGNORECASE)
    return (written.group(0), i - 2) if written else None


def _lone_code(p: ParseState, k: int) -> tuple[str, str] | None:
    """(entity, code as the catalog spells it) when ``p.its[k]`` and the number after it,
    glued ("T04"), are one value of exactly one entity's short code keys
    (``CatalogEntity.values``, ``semantic_layer.entity_codes``), else None.

    Why: a code names its thing without the thing's word ("T04的付费转化率", "net revenue for
    T02") as surely as "游戏T04" does; it was refused ("I don't know 't'"). Only a code the
    warehouse holds, of one entity: anything else stays as it was.
    """
    it, num = p.its[k], p.at(k + 1)
    letters = it.text.strip()
    if num is None or not _whole(num) or it.end != num.start or not letters.isascii():
        return None
    if not letters.isalpha() or len(letters) > MAX_CODE_LETTERS:
        return None
    code = (letters + num.text).lower()
    hits = [(e.name, v) for e in p.catalog.entities for v in e.values if v.lower() == code]
    return hits[0] if len(hits) == 1 else None
