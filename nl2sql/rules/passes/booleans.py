"""Pass: a boolean dimension named on its own ("pre-sale orders", "非预售") is a filter on it,
and so is a yes/no flag dimension qualifying a noun ("sales of preferred customers",
``rules.flags``).

Why a filter and not a group-by: naming a yes/no attribute selects the rows where it holds;
"by pre-sale" (a grouping) was already claimed by the grouping pass.
"""

from __future__ import annotations

from nl2sql.flag_words import flag_values
from nl2sql.rules.flags import claim_negation, filter_flag
from nl2sql.rules.state import ParseState
from semantic_layer.query import DimensionFilter


def read_booleans(p: ParseState) -> None:
    """Filter on every unclaimed boolean dimension (negated when a "not" precedes it)."""
    for i, it in enumerate(p.its):
        if it.used or it.kind != "domain" or filter_flag(p, i):
            continue
        sense = next(
            (s for s in it.senses if s.kind == "dimension" and s.name in p.lex.boolean_dims),
            None,
        )
        if sense is None:
            continue
        it.sense = sense
        it.used = True
        # "非预售", "未取消", "没有取消", "never cancelled", "周末以外"
        neg = claim_negation(p, i)
        p.filters.append(DimensionFilter(dimension=sense.name, op="=", values=[not neg]))


def read_flag_sides(p: ParseState) -> None:
    """Both sides of one yes/no flag joined by "and"/"or" ("known and unknown drivers",
    "已知司机和未知司机") group by the flag: the answer shows each side.

    Why: read apart, the yes-word became ``flag = yes`` and the no-word ``flag = no``, two
    filters that no row meets (0 failed visits on a fresh public dbt project, a wrong answer).
    The flag's head noun may stand after each side ("已知司机和未知司机"). The other side may
    be the flag's bare negation: "with a local holiday vs without", "with or without a local
    holiday" (:func:`_negated_side`).
    """
    for i, it in enumerate(p.its):
        if it.used or it.kind != "domain":
            continue
        flags = {s.name for s in it.senses if s.kind == "dimension" and _two_sided(p, s.name)}
        if not flags:
            continue
        if len(flags) == 1 and _negated_side(p, i):
            it.sense = next(s for s in it.senses if s.kind == "dimension" and s.name in flags)
            it.used = True
            p.add_group(next(iter(flags)))
            continue
        j = i + 1
        while p.at(j) is not None and p.its[j].kind == "domain" and p.its[j].is_kind("entity"):
            j += 1  # the head noun of the first side
        if not (p.role_at(j, "and") or p.role_at(j, "or")):
            continue
        other = p.at(j + 1)
        if other is None or other.used or other.kind != "domain":
            continue
        no_side = [s for s in other.senses if s.kind == "value" and s.name in flags]
        if len(no_side) != 1:
            continue
        dim = no_side[0].name
        it.sense = next(s for s in it.senses if s.kind == "dimension" and s.name == dim)
        other.sense = no_side[0]
        it.used = other.used = p.its[j].used = True
        p.add_group(dim)


def _negated_side(p: ParseState, i: int) -> bool:
    """Whether the flag at ``i`` is set against its bare negation, claiming the words.

    "X vs without" / "X or not": a joining word and a negation right after the flag with no
    term after them; "with or without X": "with", a joining word and the negation right before
    it. Read apart, the negation named nothing to exclude and the question was refused.
    """
    joins = ("and", "or", "compare")
    after, nxt = p.at(i + 1), p.at(i + 2)
    if (
        after is not None
        and any(p.role_at(i + 1, r) for r in joins)
        and p.role_at(i + 2, "neg")
        and (p.at(i + 3) is None or p.its[i + 3].kind != "domain")
    ):
        assert nxt is not None
        after.used = nxt.used = True
        return True
    if i < 2 or not p.role_at(i - 1, "neg") or not any(p.role_at(i - 2, r) for r in joins):
        return False
    join = p.its[i - 2]
    said = [w for w in p.all if w.end <= join.start]
    if not said or said[-1].kind != "stop" or said[-1].text.lower() != "with":
        return False
    p.its[i - 1].used = join.used = True
    return True


def _two_sided(p: ParseState, dim: str) -> bool:
    """Whether ``dim`` is a yes/no flag (a boolean or a two-valued flag dimension)."""
    if dim in p.lex.boolean_dims:
        return True
    return flag_values(p.catalog.dimension(dim)) is not None
