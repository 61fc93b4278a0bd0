"""Pass: "西雅图的收入是洛杉矶的几倍", "A比B多多少" — two values of one dimension set against each
other as one number.

Why: 几倍 ("how many times") asks for the first value's metric divided by the second's, and
多多少 / 高多少 / 相差多少 for their difference (少多少 / 低多少: the second minus the first,
how much less). Unread, 几倍 summed both cities into one total — a wrong answer — and 高多少
listed them side by side, which is not the number asked. The reading needs exactly two values
of one dimension (an "in" filter of two, in the order the question names them), no other
breakdown, and no other comparison; both sides of one yes/no dimension count as its two
values ("周末收入是工作日收入的几倍": weekend against weekday) (a share or a change); anything else is refused with the
way to ask, never answered with one side or the sum of both. The number is computed over the
result grouped by that dimension (:mod:`nl2sql.derived`, kinds ``ratio`` and ``diff``).
"""

from __future__ import annotations

from nl2sql.derived import Derived
from nl2sql.rules.items import Item, Refusal
from nl2sql.rules.state import ParseState

Value = str | int | float | bool


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


def flag_side(it: Item, dim: str) -> bool | None:
    """Which side of the yes/no dimension ``dim`` the item names (None: neither or both)."""
    senses = [it.sense] if it.sense is not None else it.senses
    sides = {
        s.kind == "dimension" or s.value == "true"
        for s in senses
        if s.name == dim and (s.kind == "dimension" or s.value in ("true", "false"))
    }
    return sides.pop() if len(sides) == 1 else None


def _flag_sides(p: ParseState) -> tuple[str, bool, bool] | None:
    """(dimension, first side, second side) when the question names both sides of one yes/no
    dimension ("周末收入是工作日收入的几倍": weekend, then its complement), in their order."""
    found = []
    for dim in sorted(p.lex.boolean_dims):
        sides = [
            (k, side) for k, it in enumerate(p.its) if (side := flag_side(it, dim)) is not None
        ]
        if len(sides) == 2 and sides[0][1] != sides[1][1]:
            found.append((dim, sides))
    if len(found) != 1:
        return None
    dim, sides = found[0]
    for k, _ in sides:
        p.its[k].used = True
    p.filters[:] = [f for f in p.filters if f.dimension != dim]
    return dim, sides[0][1], sides[1][1]


def read_two_sides(p: ParseState) -> None:
    """Claim a times / difference word over the two values the question names."""
    it = _word(p)
    if it is None:
        return
    pairs: list[tuple[str, Value, Value]] = [
        (f.dimension, f.values[0], f.values[1])
        for f in p.filters
        if f.op == "in" and len(f.values) == 2
    ]
    if not pairs and (flag := _flag_sides(p)) is not None:
        pairs = [flag]
    if len(pairs) != 1 or p.derived is not None:
        raise _refuse(it)
    dim, first, second = pairs[0]
    if any(g != dim for g in p.group_by):
        raise _refuse(it)  # "每月A是B的几倍": one number per other row is not read yet
    if it.role == "diff:less":
        first, second = second, first  # "A比B少多少" = B - A
    p.derived = Derived("ratio" if it.role == "times" else "diff", keep=(dim, first), other=second)
    p.add_group(dim)
    it.used = True
    for x in p.its:
        if x.kind == "role" and x.role == "compare":
            x.used = True
