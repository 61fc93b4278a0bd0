"""A metric's initials: "PV" for `pageviews`, "AOV" for "Average Order Value".

Why: analysts write the capitals of a metric's words in either language ("各地区的AOV",
"手机端的PV"), while a model names the metric in full. The initials come from the metric's
name and label, each closed compound taken apart first (`pageviews` -> page views -> PV, see
:func:`nl2sql.vocabulary.cedict.closed_compound`). Two letters only from one closed compound:
"TR" of "Total Revenue" is more likely a code (a state, an airport) than a metric. Initials that
are an English word CC-CEDICT glosses are left out. English only: a Chinese question writes
them in Latin letters.
"""

from __future__ import annotations

import re

from nl2sql.vocabulary import cedict
from nl2sql.vocabulary.english import PREPOSITIONS, initialism, name_words

#: a bridge's score for a metric's initials: answered on, a little below its own words
INITIALISM = 0.75


def metric_initialisms(name: str, label: str) -> list[str]:
    """The lower-case initials a metric named ``name`` / ``label`` may be asked by.

    >>> metric_initialisms("pageviews", "Pageviews"), metric_initialisms("total_revenue", "")
    (['pv'], [])
    >>> metric_initialisms("aov", "Average Order Value")
    ['aov']
    """
    out: list[str] = []
    for text in dict.fromkeys([name, re.sub(r"\([^)]*\)", " ", label)]):
        own = name_words(text)  # a label's note "(USD)" is no part of its initials
        if any(c.isdigit() for c in text) or set(own) & (PREPOSITIONS - {"per"}) or len(own) > 4:
            continue  # "bookings_5_day_lag", "join to time spine": a description, no term
        words = [p for w in own for p in (cedict.closed_compound(w) or w).split()]
        ini = initialism(words)
        if ini and (len(ini) >= 3 or len(own) == 1) and ini not in cedict.known_words():
            out.append(ini)
    return list(dict.fromkeys(out))
