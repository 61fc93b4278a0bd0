"""Pass: "西雅图的收入是洛杉矶的几倍", "A比B多多少" — two values of one dimension set against each
other as one number.

Why: 几倍 ("how many times") asks for the first value's metric divided by the second's, and
多多少 / 高多少 / 相差多少 for their difference (少多少 / 低多少: the second minus the first,
how much less). Unread, 几倍 summed both cities into one total — a wrong answer — and 高多少
listed them side by side, which is not the number asked. The reading needs exactly two values
of one dimension (an "in" filter of two, in the order the question names them), no other
breakdown, and no other comparison (a share or a change); anything else is refused with the
way to ask, never answered with one side or the sum of both. The number is computed over the
result grouped by that dimension (:mod:`nl2sql.derived`, kinds ``ratio`` and ``diff``).
"""

from __future__ import annotations

from nl2sql.derived import Derived
from nl2sql.rules.items import Item, Refusal
from nl2sql.rules.state import ParseState


def _word(p: ParseState) -> Item | None:
    for it in p.its:
        if it.kind == "role" and not it.used and (it.role == "times" or it.role.startswith("diff")):
            return it
    return None


def _refuse(it: Item) -> Refusal:
    return Refusal(
        f"'{it.text}' sets two values of one dimension against each other; name both "
        "(e.g. 'A的收入是B的几倍', 'A比B多多少'), or ask for them side by side",
        zh=f"“{it.text}”需要同一维度的两个取值相比；请写出两方（例如“A的收入是B的几倍”、"
        "“A比B多多少”），或分别查看两方",
    )


def read_two_sides(p: ParseState) -> None:
    """Claim a times / difference word over the two values the question names."""
    it = _word(p)
    if it is None:
        return
    pairs = [f for f in p.filters if f.op == "in" and len(f.values) == 2]
    if len(pairs) != 1 or p.derived is not None:
        raise _refuse(it)
    pair = pairs[0]
    if any(g != pair.dimension for g in p.group_by):
        raise _refuse(it)  # "每月A是B的几倍": one number per other row is not read yet
    first, second = pair.values
    if it.role == "diff:less":
        first, second = second, first  # "A比B少多少" = B - A
    kind = "ratio" if it.role == "times" else "diff"
    p.derived = Derived(kind, keep=(pair.dimension, first), other=second)
    p.add_group(pair.dimension)
    it.used = True
    for x in p.its:
        if x.kind == "role" and x.role == "compare":
            x.used = True
