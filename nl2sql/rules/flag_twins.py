"""A value word that also names a yes/no flag of another thing: asked back, never guessed.

Why: on a club model with a member's status (``active`` / ``paused`` / ``cancelled``) and a
booking's own flag ``was_cancelled``, "how many bookings were not cancelled" / 取消的预订数
read "cancelled" as the *member's* status — 2,400 bookings of members not cancelled, where
2,667 bookings are not cancelled (probes17). The flag's adjective never became a term because
the value already was one (``nl2sql.flag_words``: bridges never shadow the model's words), so
nothing told the two readings apart. When a value matched names, by its own word, a two-valued
flag of another entity than the value's, the question is asked back with both offered.
"""

from __future__ import annotations

from nl2sql.flag_words import adjective_phrases, flag_values
from nl2sql.lexicon import Sense
from nl2sql.rules.items import Refusal
from nl2sql.rules.state import ParseState


def _entity(name: str) -> str:
    return name.split("__", 1)[0] if "__" in name else ""


def _names_owner(p: ParseState, i: int, dim: str) -> bool:
    """Whether the word right after the value at ``i`` names the value's own entity or
    dimension ("cancelled *members*", "已取消*会员*", "cancelled *status*"): then the question
    says whose state it is."""
    x = p.at(i + 1)
    entity = _entity(dim)
    return x is not None and any(
        (s.kind == "entity" and s.name == entity) or (s.kind == "dimension" and s.name == dim)
        for s in x.senses
    )


def refuse_flag_twin(p: ParseState, i: int, dim: str, value: str) -> None:
    """Ask back when ``value`` of ``dim`` (the value item at ``i``) is also the adjective of
    another entity's flag."""
    word = value.strip().lower()
    text = p.its[i].text
    if not word or _names_owner(p, i, dim):
        return
    flags = [
        d
        for d in p.catalog.dimensions
        if d.name != dim
        and _entity(d.name) != _entity(dim)
        and flag_values(d) is not None
        and word in adjective_phrases(d.name.split("__")[-1])
    ]
    if not flags:
        return
    own = p.catalog.dimension(dim)
    label = own.label if own is not None and own.label else dim
    flag = flags[0].label or flags[0].name
    raise Refusal(
        f"'{text}' could be the value '{value}' of {label} or the yes/no {flag}; say which one",
        zh=f"“{text}”可能是{label}的取值“{value}”，也可能是{flag}（是/否）；请说明是哪一个",
        words=[text],
        senses=[Sense("value", dim, value=value), *(Sense("dimension", d.name) for d in flags)],
    )
