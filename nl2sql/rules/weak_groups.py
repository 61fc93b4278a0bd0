"""A noun reached only weakly (through a description or a bridge) right after a value of its
own thing: the head noun of that filter, not a second breakdown.

Why: "stockout days for C class products by region" (wrongfix28's dev probe, a supply-chain
model) was answered by region *and by brand*: "products" names no dimension, but the
descriptions of brand and of two category columns mention products; for a stockout metric only
brand was reachable, so the one weak reading left became a grouping the user never asked for.
"C class products" are the products whose class is C: the noun only names what the value
filters. So a bare noun whose reading is weak, said right after a value and its dimension's
word, both of the same entity (a value right before the noun, "大型温室", stays the data check
of ``rules.described``):

- is context (no breakdown) — the filter already says which of those things;
- is refused when the question lists things ("list the C class products", "哪些"): the list
  would be of the weak dimension's values, not of the things; the refusal offers the breakdown
  by that dimension, which runs.

Elsewhere a weak bare noun keeps grouping as before: "list the airlines", "列出所有地区",
"利润率低于-20%的渠道" name the things the answer lists (session 29: a first version that
refused every weak bare noun turned 7 right dev answers and 14 nosyn ones refused).
"""

from __future__ import annotations

import re

from nl2sql.interpret import item_label
from nl2sql.lexicon import Sense
from nl2sql.rules.items import Item, Refusal
from nl2sql.rules.state import GROUPABLE, ParseState

#: words that ask for a list of things, whose rows a weak noun would name
_LISTING = frozenset({"list", "show", "which", "what", "列出", "哪些", "哪个", "有哪些", "显示"})


def _entity(name: str) -> str:
    return name.split("__", 1)[0]


def _after_own_value(p: ParseState, it: Item, entity: str) -> bool:
    """Whether the nearest model term before ``it`` is the dimension word of a value of
    ``entity`` that filters the query: "C *class* products", "Gold *grade* goods"."""
    k = next(i for i, x in enumerate(p.all) if x is it)
    for x in reversed(p.all[:k]):
        if x.kind == "stop" or not x.text.strip():
            continue
        if x.kind != "domain" or (x.sense is not None and x.sense.kind == "value"):
            # a value right before the noun ("大型温室", "large greenhouses") is the data
            # check's (``rules.described``): it decides whether the value describes the noun
            return False
        senses = [x.sense] if x.sense is not None else x.senses
        return any(s.kind == "dimension" and _entity(s.name) == entity for s in senses) and any(
            f.values and _entity(f.dimension) == entity for f in p.filters
        )
    return False


#: English words right before a noun that name rows, not a breakdown: "shortage days *of*
#: goods", "revenue *for a* part"
_OWNER_WORDS = (("of",), ("of", "the"), ("of", "all"), ("for", "a"), ("for", "an"), ("for", "the"))
#: words that ask for one row per thing anywhere in an English question
_EACH_EN = frozenset({"by", "each", "every", "per", "respectively", "across"})


def _owner_of_rows(p: ParseState, it: Item) -> bool:
    """Whether the English noun ``it`` follows "of" / "for a" and nothing in the question
    asks for one row per thing or lists things.

    Why: "shortage days of goods" was answered by maker — "goods" reaches the maker only
    through its description ("company that makes the goods") — where the user asked the
    shortage days of the goods, one figure or one row per good, never one per maker (the shape
    of session 28/29's leftover). A weak reading is a guess at what the noun names; "of" gives it no "by" to
    make it a breakdown, so the question is asked back instead of answered per brand.
    """
    if not p.result.question.isascii():
        return False
    k = next(i for i, x in enumerate(p.all) if x is it)
    said = [x.text.strip().lower() for x in p.all[:k] if x.text.strip()]
    if not any(tuple(said[-len(w) :]) == w for w in _OWNER_WORDS):
        return False
    words = {x.text.strip().lower() for x in p.all}
    return not words & (_EACH_EN | _LISTING)


def settle_weak_bare_group(p: ParseState, it: Item, name: str) -> bool:
    """True when the bare noun ``it`` (read as dimension ``name``) was settled here as the head
    noun of a filter; raises :class:`Refusal` when the question lists such things or names them
    after "of" / "for a" with no word asking for a breakdown; False otherwise (the caller
    groups by it)."""
    sense = p.resolve(it, GROUPABLE)
    if sense is None or sense.strong or sense.name != name:
        return False
    if not _after_own_value(p, it, _entity(name)):
        if _owner_of_rows(p, it):
            _refuse_owner(p, it, name, sense)
        return False
    if not any(x.text.strip().lower() in _LISTING for x in p.all):
        it.used = True
        p.context_entities.append(it)
        return True
    _refuse_list(p, it, name, sense)
    return False


def _refuse_owner(p: ParseState, it: Item, name: str, sense: Sense) -> None:
    """Ask back "of goods": offering the breakdown by the weak dimension and the total,
    both written out (each runs, or the suggestion check drops it)."""
    label = item_label(p.catalog, name, "en")
    noun = it.text.strip()
    said = re.compile(rf"\b(?:of|for)\s+(?:(?:the|all|a|an)\s+)?{re.escape(noun)}\b", re.I)
    q = p.result.question
    offers = [said.sub(f"by {label}", q, count=1)]
    one = re.compile(rf"\bfor\s+an?\s+{re.escape(noun)}\b", re.I)
    if not one.search(q):  # "of goods": their total too; "for a part" is one of them
        offers.append(" ".join(said.sub("", q, count=1).split()))
    raise Refusal(
        f"'{noun}' matches {label} only through the model's descriptions; say 'by {label}' "
        f"for one row per {label}, or leave '{noun}' out for the total",
        zh=f"“{noun}”只是在模型的描述里与{item_label(p.catalog, name, 'zh')}相关",
        words=[q for q in offers if q != p.result.question],
        kind="questions",
    )


def _refuse_list(p: ParseState, it: Item, name: str, sense: Sense) -> None:
    label = item_label(p.catalog, name, "en")
    label_zh = item_label(p.catalog, name, "zh")
    raise Refusal(
        f"'{it.text.strip()}' matches {label} only through the model's descriptions; a list "
        f"of them would list {label} values, not the things themselves; ask by {label} if "
        "you mean that",
        zh=f"“{it.text.strip()}”只是在模型的描述里与{label_zh}相关，列出的会是{label_zh}的取值"
        f"而不是这些东西本身；如果要按{label_zh}细分，请说“按{label_zh}”",
        words=[it.text.strip()],
        senses=[sense],
    )
