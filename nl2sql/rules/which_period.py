"""几月 / 几月份 / 几号 "which month / which day": a which-word and the period it asks for.

Why: "今年收入最高的月份是几月" ends with 几月 ("which month"), one jieba word that was unknown,
while "收入最高的是哪个月" was answered (by month, top 1). 几 + 月 asks which month, as 哪个 + 月
does; 几号 asks which day of the month, i.e. which date. Only these: 几年 and 几天 are "how many
years / days" (a duration), and 几点 an hour of the day the grains do not have.
"""

from __future__ import annotations

from nl2sql.lexicon import Lexicon

#: the period words after 几 that ask "which", and the grain word each stands for
_ASKED = {"月": "月", "月份": "月份", "号": "日"}


def which_period(word: str, lex: Lexicon) -> list[tuple[str, str]]:
    """``word`` as (which-word, role) and (grain word, grain role), or [] when it is not one.

    >>> from nl2sql.lexicon import Lexicon
    >>> lex = Lexicon(catalog=None)
    >>> lex.general[("月",)] = "grain:month"
    >>> which_period("几月", lex), which_period("几年", lex)
    ([('几', 'which'), ('月', 'grain:month')], [])
    """
    head, rest = word[:1], word[1:]
    if head != "几" or rest not in _ASKED:
        return []
    role = lex.general.get(tuple(_ASKED[rest])) or lex.general.get((_ASKED[rest],)) or ""
    if not role.startswith("grain:"):
        return []
    return [(head, "which"), (rest, role)]
