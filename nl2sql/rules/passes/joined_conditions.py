"""Pass: two conditions on different dimensions joined by "and" are asked back.

Rule: "VIP and gold customers" (two values of one dimension) is the union, an IN filter
(``passes.values``). "VIP customers and B2B customers" / "VIP客户和B2B客户" joins a value and a
flag, two different dimensions: it may mean the two groups together (the union, which one
filter cannot say) or the customers who are both. Read as both filters it answered the
intersection, and after "by" the grouping pass made one side a breakdown and the other a
filter ("orders by B2B customers and VIP customers" answered per B2B flag within VIP) — two
wrong answers. So the question is asked back with each condition alone as suggestions, unless
the wording itself says both ("who are both", 同时, 既…又…), which keeps both filters, or both
sides are breakdowns ("orders by club members and VIP members": every combination is shown).

Two values of *one* dimension with a both-word ("riders who are both VIP and Standard") are
refused: each thing has one value of it, so the answer is empty by construction (the values
pass reads the pair as the union, an answer to "either"); the suggestions ask for each value.

Why the reading of each side is left as the earlier passes made it: this pass only refuses or
accepts; a side is a condition when it names a value or a yes/no flag (never a dimension's own
name: "by channel and region" stays two breakdowns).
"""

from __future__ import annotations

from nl2sql.lexicon import Sense
from nl2sql.rules.items import Item, Refusal
from nl2sql.rules.state import ParseState

#: words that say a thing is in both groups ("customers who are both VIP and B2B", 同时是…和…,
#: 已完成且已支付: 且/并且/而且 join two properties of one thing, never two groups)
BOTH_WORDS = frozenset({"both", "同时", "既", "既是", "都是", "且", "并且", "而且"})


def _condition(p: ParseState, it: Item) -> Sense | None:
    """The value or yes/no-flag reading of ``it``, when it names a condition."""
    if it.kind != "domain" or not it.used:
        return None
    senses = [it.sense] if it.sense is not None else it.senses
    for s in senses:
        if s.kind == "value":
            return s
        if s.kind == "dimension" and s.name in p.lex.boolean_dims:
            if it.text.lower().replace(" ", "_") in s.name.lower():
                return None  # the flag's own name ("is b2b"): a breakdown, not a condition
            return s
    return None


def _is_noun(it: Item) -> bool:
    """An entity noun after a condition ("VIP customers"): part of that side."""
    return it.kind == "domain" and any(s.kind == "entity" for s in it.senses)


def _side(p: ParseState, k: int, step: int) -> tuple[Item, Sense] | None:
    """The condition next to the "and" at ``p.all[k]`` (``step`` -1 left, +1 right), over stop
    words and the condition's own entity noun."""
    j = k + step
    skipped_noun = False
    while 0 <= j < len(p.all):
        it = p.all[j]
        if it.kind == "stop":
            j += step
            continue
        sense = _condition(p, it)
        if sense is not None:
            return it, sense
        if _is_noun(it) and not skipped_noun and step < 0:
            skipped_noun = True
            j += step
            continue
        return None
    return None


def _end_of(p: ParseState, it: Item) -> int:
    """Where the right side ends: after its own entity noun when one follows, over the words
    the value took as its head ("high risk customers")."""
    k = next(k for k, x in enumerate(p.all) if x is it)
    for x in p.all[k + 1 : k + 4]:
        if _is_noun(x):
            return x.end
        if not (x.kind == "stop" or (x.used and not x.senses)):
            break
    return it.end


def ask_joined_conditions(p: ParseState) -> None:
    """Refuse a value/flag of one dimension joined by "and" to one of another (module doc)."""
    both = [x for x in p.all if x.text.lower() in BOTH_WORDS]
    for k, x in enumerate(p.all):
        if x.kind != "role" or x.role != "and":
            continue
        left, right = _side(p, k, -1), _side(p, k, +1)
        if left is None or right is None:
            continue
        if left[1].name == right[1].name:
            if both and left[1].kind == "value" and left[1].value != right[1].value:
                _refuse_both_values(p, x, left, right, both)
            continue
        grouped = {left[1].name, right[1].name} & set(p.group_by)
        if len(grouped) == 2:
            continue  # "orders by club members and VIP members": both sides shown, each combination
        if both and not grouped:
            for w in both:
                w.used = True
            continue
        q = p.result.question
        span = q[left[0].start : _end_of(p, right[0])]
        first = q[left[0].start : x.start].strip(" ,，、")
        second = q[right[0].start : _end_of(p, right[0])]
        raise Refusal(
            f"'{span}' joins two conditions on different things: say whether you mean the two "
            f"groups together or only the ones that are both, or ask for each on its own",
            zh=f"“{span}”连接了两个不同维度的条件：请说明是两类合计，还是同时满足两者，或分别提问",
            words=[span, first, second],
            kind="replace",
        )


def _refuse_both_values(
    p: ParseState, x: Item, left: tuple[Item, Sense], right: tuple[Item, Sense], both: list[Item]
) -> None:
    """Refuse "both A and B" for two values of one dimension: nothing has both (module doc)."""
    q = p.result.question
    start = min([left[0].start, *(w.start for w in both if w.start < left[0].start)])
    span = q[start : _end_of(p, right[0])]
    tail = q[right[0].end : _end_of(p, right[0])]  # the noun after the pair, each side's own
    first = q[left[0].start : x.start].strip(" ,，、") + tail
    second = q[right[0].start : _end_of(p, right[0])]
    dim = left[1].name.split("__")[-1].replace("_", " ")
    raise Refusal(
        f"'{span}' asks for the ones that are both, but each has one {dim}: none can be both "
        f"'{left[1].value}' and '{right[1].value}'; ask for each on its own, or for the two "
        "together without 'both'",
        zh=f"“{span}”要求同时满足两者，但每一个只有一个{dim}，不可能既是“{left[1].value}”又是"
        f"“{right[1].value}”；请分别提问，或去掉“同时”问两者合计",
        words=[span, first, second],
        kind="replace",
    )
