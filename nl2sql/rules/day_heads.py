"""日子 ("days") after a kind of day: the head noun of 周末的日子, 不在周末的日子, 节假日的日子.

Why: Chinese names a set of days with the calendar word and the head noun 日子 ("weekend
days", "days that are not weekends"): 不在周末的日子的收入 is the revenue of non-weekend
days. The calendar word is a flag or value of the model (``is_weekend``, a ``day_type``
value), and 日子 only restates that the rows are days; it was an unknown word and the
question was refused. It is absorbed only right after (的 between) a model word whose English
names a kind of day; after anything else (门店的日子, 日子 alone) it stays unknown, and it never
becomes a breakdown by day (Chinese 日子 says which days, not "per day").

English says the same with "days" right after the calendar word ("revenue on weekend days",
"takings on holiday days"): that "days" was read as a by-day breakdown, so the two languages
answered the same words differently (a list of days in English, one filtered total in
Chinese). It is the head noun there as well, unless the calendar word itself follows a
grouping word ("by weekend day") or a "how many" word asks for a number of days.
"""

from __future__ import annotations

from nl2sql.normalize import key_of
from nl2sql.rules.items import Item
from nl2sql.rules.state import ParseState

#: negation words written after what they exclude (``rules.flags``)
_POSTPOSED = frozenset({"以外", "之外", "除外"})
#: the Chinese head noun "days" (日子 "day; a (calendar) date"), general language
DAY_HEADS_ZH = frozenset({"日子"})
#: the English head nouns "day" / "days" after a kind of day ("weekend days")
DAY_HEADS_EN = frozenset({"day", "days"})
#: roles before the calendar word that make "days" a unit of its own: a grouping word ("by
#: weekend day") or a count of days ("how many weekend days")
_KEEP_AFTER = frozenset({"group", "howmany"})
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


def absorb_english_day_heads(p: ParseState) -> None:
    """Mark "day" / "days" used where it directly follows a model word naming a kind of day
    ("on weekend days"), so it is no by-day breakdown (module docstring).

    Only right after it (nothing but spaces between), and only when no grouping or "how many"
    word stands anywhere before the calendar word: "by weekend day" and "how many weekend
    days" keep their "day".
    """
    for k, it in enumerate(p.all):
        if it.kind != "role" or it.used or it.text.strip().lower() not in DAY_HEADS_EN:
            continue
        if k == 0 or not it.role.startswith("grain"):
            continue
        prev = p.all[k - 1]
        if not names_days(prev) or it.start - prev.end > 1:
            continue
        if any(x.kind == "role" and x.role in _KEEP_AFTER for x in p.all[: k - 1]):
            continue
        it.kind, it.used = "stop", True
        p.its = [x for x in p.its if x is not it]
