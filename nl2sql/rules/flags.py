"""Yes/no flag dimensions named as an adjective of what is counted: "how many priority
members" over a ``priority_member`` dimension whose values are ``Y``/``N``.

Why a filter on the "yes" value, and only then: naming a flag ("preferred") selects the rows
where it holds, the way "pre-sale orders" does for a boolean dimension. Answering with all
customers (the flag ignored) or with a breakdown by the flag would be wrong. The reading is
taken only when every reading of the word is a two-valued flag dimension (exactly one yes-like
and one no-like value) and a count metric counts the noun it qualifies; otherwise the question
falls through to the other rules, which refuse what they cannot place.

>>> from semantic_layer.catalog import CatalogDimension
>>> flag_values(CatalogDimension("c__preferred", "Preferred", values=("N", "Y")))
('Y', 'N')
>>> flag_values(CatalogDimension("c__tier", "Tier", values=("gold", "silver"))) is None
True
"""

from __future__ import annotations

from nl2sql.counters import ROW_COUNT_SUFFIXES, SHORTHAND_COUNTS
from nl2sql.flag_words import flag_phrases, flag_values, flag_words
from nl2sql.lexicon import Sense, key_of, units
from nl2sql.negation_words import OPENS_EXCLUSION_ZH, POSTPOSED_ZH_CLOSING
from nl2sql.rules.items import Item, Refusal
from nl2sql.rules.kind_negation import ask_negated_kind
from nl2sql.rules.resolve import OWNER_MARKS, nearest_same_dimension
from nl2sql.rules.roles import question_metrics
from nl2sql.rules.row_kind_flags import row_kind_count
from nl2sql.rules.sense_phrases import phrases
from nl2sql.rules.state import ParseState
from nl2sql.vocabulary.chinese import renderings
from semantic_layer.catalog import CatalogDimension
from semantic_layer.query import DimensionFilter


def _flag_senses(p: ParseState, it: Item) -> list[Sense]:
    """The senses of ``it`` when every one is a flag dimension (else none)."""
    if it.kind != "domain" or it.used or not it.senses:
        return []
    if not all(
        s.kind == "dimension" and flag_values(p.catalog.dimension(s.name)) for s in it.senses
    ):
        return []
    return list(it.senses)


def tail_noun(
    p: ParseState, it: Item, kinds: tuple[str, ...] = ("entity", "metric")
) -> Item | None:
    """The noun that ends a phrase ("preferred *customers*", "已取消*订单*"), as an item of its
    own with its ``kinds`` senses, or None."""
    us = units(it.text)
    for k in range(1, len(us)):
        said = tuple(u.text for u in us[k:])
        # an English possessive ends the phrase ("preferred customers' share"): the noun is
        # the word without it (kept, the flag phrase was a breakdown by the flag instead)
        senses = p.lex.terms.get(said) or p.lex.terms.get((*said[:-1], _unpossessed(said[-1])))
        nouns = [s for s in senses or [] if s.kind in kinds]
        if nouns:
            return Item("domain", it.text[us[k].start :], it.start + us[k].start, it.end, nouns)
    return None


def _unpossessed(word: str) -> str:
    """``word`` without an English possessive ending ("customers'" / "customer's").

    >>> _unpossessed("customers'"), _unpossessed("customer's"), _unpossessed("sales")
    ('customers', 'customer', 'sales')
    """
    if word.endswith("'s"):
        return word[:-2]
    return word[:-1] if word.endswith("s'") else word


def _counted_tail(p: ParseState, it: Item) -> str | None:
    """The count metric of the noun that ends a flag phrase ("preferred *customers*")."""
    tail = tail_noun(p, it)
    return p.count_metric(tail) if tail is not None else None


def negates_flag(p: ParseState, j: int) -> bool:
    """Whether item ``j`` negates the flag right after it: a "not" word, or a "none" word
    ("没有取消的预订", "never cancelled bookings").

    Why "none" too: before a flag's adjective (a state or participle) 没有 / "never" says the
    state does not hold, the way 未 and 非 do; before a noun it is the absence reading
    ("没有订单的客户", ``rules.absence``), which never reaches a flag.
    """
    return p.role_at(j, "neg") or p.role_at(j, "none")


#: negation words written after what they exclude (周末以外 "other than weekends"), but 外
#: alone, which ends too many words
_POSTPOSED = frozenset(POSTPOSED_ZH_CLOSING)
#: preposed words that open an exclusion a postposed one closes (除了周末以外: one negation)
_OPENS_EXCLUSION = frozenset(OPENS_EXCLUSION_ZH)


def claim_negation(p: ParseState, i: int) -> bool:
    """Whether the flag at ``i`` is negated, claiming the negation words: one before it
    (:func:`negates_flag`: 非周末, 未取消) or one written after it (周末以外, 除了周末以外).

    Why the postposed form: Chinese writes "other than weekends" 周末以外 / 周末之外, after
    what it excludes; a value took it (``passes.values``) but a flag did not, and
    "周末以外的收入" was refused as an exclusion of nothing. A postposed word after another
    negation than 除/除了 (非周末以外, a double negation) is left unread and refused.
    """
    neg = negates_flag(p, i - 1)
    if neg:
        p.its[i - 1].used = True
    post = p.at(i + 1)
    if post is None or not p.role_at(i + 1, "neg") or post.text.strip() not in _POSTPOSED:
        return neg
    if neg and p.its[i - 1].text.strip() not in _OPENS_EXCLUSION:
        return neg
    post.used = True
    return True


def _flag_filter(p: ParseState, dim: str, negated: bool) -> DimensionFilter:
    """``dim = yes`` (``no`` when negated); a declared boolean compares with a boolean."""
    if dim in p.lex.boolean_dims:
        return DimensionFilter(dimension=dim, op="=", values=[not negated])
    yes, no = flag_values(p.catalog.dimension(dim)) or ("", "")
    return DimensionFilter(dimension=dim, op="=", values=[no if negated else yes])


def _pick(p: ParseState, it: Item, senses: list[Sense], metric: str) -> Sense:
    """The flag reading the count metric can filter on (the copy nearest its rows)."""
    ok = [s for s in senses if p.metric_allows(metric, s.name)]
    if len(ok) == 1:
        return ok[0]
    nearest = nearest_same_dimension(p, ok, [metric])
    if nearest is not None:
        return nearest
    readings = ok or senses
    raise Refusal(
        f"'{it.text}' is ambiguous: it could be "
        + " or ".join(phrases(p.catalog, s, "en")[0] for s in readings)
        + "; say which one",
        zh=f"“{it.text}”有歧义：可能是"
        + "或".join(phrases(p.catalog, s, "zh")[0] for s in readings)
        + "；请说明是哪一个",
        words=[it.text],
        senses=readings,
    )


def count_flagged(p: ParseState, j: int, negated: bool) -> bool:
    """ "how many priority members" at item ``j``: count the noun where the flag is set
    (not set when ``negated``). Returns whether it applied."""
    it = p.its[j]
    senses = _flag_senses(p, it)
    if not senses:
        return False
    nxt = p.at(j + 1)
    metric = None
    if (
        nxt is not None
        and nxt.kind == "domain"
        and not nxt.used
        and any(s.kind in ("entity", "metric") for s in nxt.senses)
    ):
        metric = p.count_metric(nxt)
        if metric is not None:
            nxt.used = True
    if metric is None:
        metric = _counted_tail(p, it)
    if metric is None and not negated and len({s.name for s in senses}) == 1:
        # "how many duplicate refunds": the flag names what kind of thing its row is; not
        # negated (非重复退款 are the refunds that are no duplicates, not every other row)
        metric = row_kind_count(p.catalog, senses[0].name)
    if metric is None:
        return False
    sense = _pick(p, it, senses, metric)
    if negated:
        ask_negated_kind(p, it, sense.name)  # "how many non-duplicate refund transactions"
    it.sense, it.used = sense, True
    p.add_metric(metric)
    p.counted = True
    flag = _flag_filter(p, sense.name, negated)
    p.filters.append(flag)
    p.result.notes.append(f"'{it.text}' is the flag {sense.name} = {flag.values[0]}")
    return True


def read_flag_counts(p: ParseState) -> None:
    """Pass: settle "how many <flag> <noun>" before groupings are read, so that "number of
    preferred customers by state" resolves the state among the count metric's dimensions."""
    for i, it in enumerate(p.its):
        if it.used or it.kind != "role" or it.role != "howmany":
            continue
        j = i + 1
        while j < len(p.its) and negates_flag(p, j):
            j += 1
        if p.at(j) is not None and count_flagged(p, j, j > i + 1):
            it.used = True
            for k in range(i + 1, j):
                p.its[k].used = True
        elif _counted_before(p, i):
            it.used = True


def _counted_before(p: ParseState, i: int) -> bool:
    """ "饮料订单数", "非饮料订单量": Chinese puts the count word after the flagged noun it
    counts, touching it; counted like "number of drink orders" (a 不/非 before negates)."""
    prev = p.at(i - 1)
    word = p.its[i].text.strip()
    if prev is None or prev.kind != "domain" or prev.used or prev.end != p.its[i].start:
        return False
    if word not in ROW_COUNT_SUFFIXES or word in SHORTHAND_COUNTS:
        return False
    negated = negates_flag(p, i - 2)
    if not count_flagged(p, i - 1, negated):
        return False
    if negated:
        p.its[i - 2].used = True
    return True


def _by_adjective(p: ParseState, it: Item, senses: list[Sense]) -> bool:
    """Whether ``it`` names its flags by their adjective ("organic", "organic paper books",
    "有机"): then it selects rows on its own, with or without a noun after it."""
    said = _plain(it.text)
    for s in senses:
        dim = p.catalog.dimension(s.name)
        # both sides as key words: a Chinese word's key is its characters ("饮 料")
        if dim is not None and said in {_plain(w) for w in flag_words(dim)} | set(_spoken(dim)):
            return True
        if dim is not None and not it.text.isascii() and it.text.strip() in _chinese_phrases(dim):
            return True
    return False


#: how sure a Chinese rendering of a flag's whole phrase must be to name the flag alone
_PHRASE_SURE = 0.9


def _chinese_phrases(dim: CatalogDimension) -> set[str]:
    """The surest Chinese renderings of the flag's several-word phrases: 营业时间 for
    ``in_business_hours`` ("business hours"), the way users name it in English.

    Only whole phrases (a single adjective's Chinese is :func:`flag_words`' own), and only
    renderings as sure as a glossary's, so a word-by-word guess never names a flag.
    """
    return {
        zh
        for ph in flag_phrases(dim)
        if " " in ph
        for zh, score in renderings(ph)
        if score >= _PHRASE_SURE
    }


def _plain(text: str) -> str:
    """``text`` as plural-free key words, the form flag words are compared in."""
    return " ".join(w[:-1] if len(w) > 3 and w.endswith("s") else w for w in key_of(text))


def _spoken(dim: CatalogDimension) -> tuple[str, ...]:
    """The adjective phrases of ``dim`` as key words (plural-free), for comparing with items."""
    return tuple(_plain(ph) for ph in flag_phrases(dim))


def _on_own_rows(p: ParseState, senses: list[Sense]) -> Sense | None:
    """The one flag among ``senses`` on the rows every asked metric aggregates, else None.

    "revenue from drinks" where both the item (``is_drink_item``) and its order
    (``is_drink_order``) carry the flag: revenue is summed over items, so the item's flag
    selects what is summed; the order's flag would select whole orders that contain a drink —
    another question, which the user asks by naming it ("revenue from drink orders").
    """
    owners = set()
    for name in question_metrics(p):  # before the metric pass: the words naming one metric
        m = p.catalog.metric(name)
        if m is None or not m.agg_time_dimension or "__" not in m.agg_time_dimension:
            return None
        owners.add(m.rows_entity)
    if len(owners) != 1:
        return None  # no metric named yet, or metrics over different rows
    (owner,) = owners
    own = [s for s in senses if s.name.split("__")[0] == owner]
    return own[0] if len(own) == 1 else None


def _entity_after(p: ParseState, it: Item) -> bool:
    """Whether the word right after ``it`` names an entity ("enterprise *accounts*").

    Why the full item list: a noun that is also its own count metric ("accounts" on a model
    with an Accounts metric) has left the working list as context by now; looked up there, the
    flag before it was a breakdown by the flag ("billings of enterprise accounts" by
    enterprise, both sides shown for the one asked).

    A Chinese 的 between them is skipped, and after it a metric of the flagged rows counts as
    their noun: "测试订单的包裹数" / "测试订单的邮费" (a flag named by a noun phrase, then 的
    and a count or amount) was a breakdown by the flag — every row's count beside the asked
    one's — where it asks for the flagged rows (issue #12, session 26).
    """
    k = p.all.index(it)
    after = [x for x in p.all[k + 1 :] if x.text.strip()]
    owned = bool(after) and after[0].text.strip() in OWNER_MARKS  # 测试订单*的*包裹数
    after = after[1:] if owned else after
    nxt = after[0] if after else None
    if nxt is None or nxt.kind != "domain":
        return False
    if nxt.is_kind("entity"):
        return True
    # 测试订单的*包裹数*, 测试订单的*邮费*: after 的, a metric of the flagged rows (a breakdown
    # by a flag is asked with 按/各/by or 是否, claimed before this pass)
    return owned and nxt.sense is None and any(s.kind == "metric" for s in nxt.senses)


def filter_flag(p: ParseState, i: int) -> bool:
    """ "total sales for preferred customers": a flag phrase left over after the groupings
    (no "by"/"按"/"各" claimed it) that qualifies a noun ("preferred *customers*", or the noun
    right after it) is a filter on the flag's yes value, not a breakdown by it. Returns whether
    it applied."""
    it = p.its[i]
    senses = _flag_senses(p, it)
    noun_after = _entity_after(p, it)
    if not senses or (
        tail_noun(p, it) is None and not noun_after and not _by_adjective(p, it, senses)
    ):
        return False
    own = _on_own_rows(p, senses)
    sense = own if own is not None else p.resolve(it, ("dimension",))
    if sense is None:
        return False
    it.sense = sense
    neg = claim_negation(p, i)
    if neg:
        ask_negated_kind(p, it, sense.name)  # 非重复退款: refunds, or every other row?
    it.used = True
    p.filters.append(_flag_filter(p, sense.name, neg))
    return True
