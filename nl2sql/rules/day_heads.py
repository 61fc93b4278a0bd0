"""日子 ("days") after a kind of day: the head noun of 周末的日子, 不在周末的日子, 节假日的日子.

Why: Chinese names a set of days with the calendar word and the head noun 日子 ("weekend
days", "days that are not weekends"): 不在周末的日子的收入 is the revenue of non-weekend
days. The calendar word is a flag or value of the model (``is_weekend``, a ``day_type``
value), and 日子 only restates that the rows are days; it was an unknown word and the
question was refused. It is absorbed only right after (的 between) a model word whose English
names a kind of day; after anything else (门店的日子, 日子 alone) it stays unknown, and it never
becomes a breakdown by day (English "weekend days" may; Chinese 日子 says which days, not
"per day").
"""

from __future__ import annotations

from nl2sql.normalize import key_of
from nl2sql.rules.items import Item
from nl2sql.rules.state import ParseState

#: negation words written after what they exclude (``rules.flags``)
_POSTPOSED = frozenset({"以外", "之外", "除外"})
#: the Chinese head noun "days" (日子 "day; a (calendar) date"), general language
DAY_HEADS_ZH = frozenset({"日子"})
#: English words of a model term that names a kind of day (calendar words, general language)
_DAY_WORDS = frozenset(
    "day days weekend weekends weekday weekdays holiday holidays workday workdays".split()  # noqa: SIM905
)


def names_days(it: Item) -> bool:
    """Whether model word ``it`` names a kind of day: a word of its English is a day word.

    >>> from nl2sql.lexicon import Sense
    >>> names_days(Item("domain", "周末", 0, 2, senses=[Sense("dimension", "t__is_weekend",
    ...     via="is weekend")]))
    True
    >>> names_days(Item("domain", "门店", 0, 2, senses=[Sense("dimension", "t__store")]))
    False
    """
    if it.kind != "domain" or not it.senses:
        return False
    senses = [it.sense] if it.sense is not None else it.senses
    return any(
        set(key_of(s.via or "")) & _DAY_WORDS
        or set(key_of(s.name.split("__")[-1])) & _DAY_WORDS
        or set(key_of(str(s.value or ""))) & _DAY_WORDS
        for s in senses
        if s.kind in ("dimension", "value")
    )


def _between(x: Item) -> bool:
    """A word that may stand between the kind of day and 日子: 的, or a postposed
    negation (周末以外的日子: the days other than weekends)."""
    text = x.text.strip()
    return not text or text == "的" or (x.role == "neg" and text in _POSTPOSED)


def absorb_day_heads(p: ParseState) -> None:
    """Mark 日子 used where it follows a model word naming a kind of day (module docstring)."""
    for k, it in enumerate(p.all):
        if it.kind != "unknown" or it.used or it.text.strip() not in DAY_HEADS_ZH:
            continue
        j = k - 1
        while j >= 0 and _between(p.all[j]):
            j -= 1
        if j >= 0 and names_days(p.all[j]):
            it.kind, it.used = "stop", True
            p.its = [x for x in p.its if x is not it]
