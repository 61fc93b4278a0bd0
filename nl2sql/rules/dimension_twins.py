"""A value word that is also the head word of another dimension: asked back, never guessed.

Why: on a model with a ``period`` dimension (values Regular / Summer / Holiday) and a
``bank_holiday`` dimension (the holiday's name, empty on ordinary days), "non-holiday takings"
and 非假日的收入 (假日 → holiday) read the word as the period value and answered
``period != 'Holiday'``, a smaller figure than the takings of the days that are no holiday (a
wrong answer on a fresh public project, zhbridge19's held set). "by holiday" filtered the season too, where
it asks for a breakdown by the holiday. The value's word is the last word of the other
dimension's name, so either reading may be meant; when the question does not say whose word
it is, it is asked back with both offered (as ``rules.flag_twins`` does for a flag's
adjective).
"""

from __future__ import annotations

import re

from nl2sql.flag_words import flag_values
from nl2sql.lexicon import Sense
from nl2sql.rules.items import Refusal
from nl2sql.rules.state import ParseState
from nl2sql.vocabulary.english import singular

_WORD = re.compile(r"[a-z]+")


def _head(text: str) -> str | None:
    """The singular last word of a dimension's name or label.

    >>> _head("store__bank_holiday"), _head("Pack Mode"), _head("__")
    ('holiday', 'mode', None)
    """
    words = _WORD.findall(text.split("__")[-1].lower().replace("_", " "))
    return singular(words[-1]) if words else None


def _names_own_dimension(p: ParseState, i: int, dim: str) -> bool:
    """Whether the word before or after the value at ``i`` names the value's own dimension
    ("season Holiday", "Holiday season"): then the question says whose value it is."""
    return any(
        x is not None and any(s.kind == "dimension" and s.name == dim for s in x.senses)
        for x in (p.at(i - 1), p.at(i + 1))
    )


def refuse_dimension_twin(p: ParseState, i: int, dim: str, value: str) -> None:
    """Ask back when the one-word ``value`` of ``dim`` (the value item at ``i``) is the head
    word of another non-time dimension's name or label.

    A yes/no flag is no twin here: ``is_completed`` beside a status ``completed`` says the same
    thing of the same rows ("completed orders" is answered), and a flag of another entity is
    ``rules.flag_twins``' case."""
    words = _WORD.findall(value.lower())
    if len(words) != 1 or words[0] != value.strip().lower() or _names_own_dimension(p, i, dim):
        return
    word = singular(words[0])
    twins = [
        d
        for d in p.catalog.dimensions
        if d.name != dim
        and d.dim_type != "time"
        and flag_values(d) is None
        and word in {_head(d.name), _head(d.label or "")}
    ]
    if not twins:
        return
    own = p.catalog.dimension(dim)
    label = own.label if own is not None and own.label else dim
    other = twins[0].label or twins[0].name
    text = p.its[i].text
    raise Refusal(
        f"'{text}' could be the value '{value}' of {label} or the {other}; say which one",
        zh=f"“{text}”可能是{label}的取值“{value}”，也可能是{other}；请说明是哪一个",
        words=[text],
        senses=[Sense("value", dim, value=value), *(Sense("dimension", d.name) for d in twins)],
    )
