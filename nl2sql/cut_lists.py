"""A list of things chosen by a condition on each, cut at the row limit: refused, with the
question that counts them offered instead.

Why: "flights with air time over 5 hours" / "shipments with delivery time over 3 hours" are
read as the things that meet the condition, one row each (the reading "customers with more than
3 orders" needs). When more things meet it than the row limit lets through, the answer was
the first 10,000 of 43,654 flights: the note says so, but a list that stops is still read as
the answer, and its length as the number — a wrong answer the probes kept as known
(``tests/test_nl2sql_probes_adversarial.py``, ``..._roles.py``). Their number is what such a
question wants whenever the list cannot be shown whole, and the engine answers it when asked
("how many rides with ride time over 5 hours"), so that question is offered, checked to be
understood. A question that asks for the list itself ("list …", "列出…") keeps its first
rows with the note: the user asked to see rows, not to count them.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from nl2sql.interpret import item_label
from semantic_layer.catalog import Catalog

#: words that ask for the rows themselves, in either language
LIST_WORDS = re.compile(r"\blist\b|\blisting\b|列出|列表|清单|明细", re.IGNORECASE)


def count_questions(question: str, lang: str) -> list[str]:
    """The question asked as a count, plainest first.

    >>> count_questions("rides with ride time over 5 hours?", "en")
    ['how many rides with ride time over 5 hours', 'number of rides with ride time over 5 hours']
    >>> count_questions("配送时长超过3天的发货", "zh")
    ['配送时长超过3天的发货数', '配送时长超过3天的发货有多少']
    """
    text = question.strip().rstrip("?？。.! ")
    if lang == "zh":
        return [f"{text}数", f"{text}有多少"]
    return [f"how many {text}", f"number of {text}"]


def refuse_cut_listing(
    answer: Any, plan: Any, catalog: Catalog, understood: Callable[[str], bool]
) -> bool:
    """Turn ``answer`` into a refusal when it lists things chosen by a condition on each and
    the list was cut at the row limit; ``understood`` checks the offered count questions.
    Returns whether it did."""
    query = plan.query
    if not answer.truncated or query is None or not query.having or query.limit is not None:
        return False
    entities = {e.name for e in catalog.entities}
    listed = [g for g in query.group_by if g in entities]
    if not listed or LIST_WORDS.search(answer.question or ""):
        return False
    lang = plan.lang
    thing = item_label(catalog, listed[0], lang)
    shown = len(answer.df) if answer.df is not None else 0
    answer.suggestions = [q for q in count_questions(answer.question or "", lang) if understood(q)]
    error = (
        f"more than {shown:,} rows (one per {thing}) meet the condition, more than one answer "
        "lists, and a list cut there reads as all of them; ask for their number "
        "('how many …') or narrow the condition"
    )
    zh = (
        f"满足条件的行（每个{thing}一行）超过{shown:,}行，超出一次回答能列出的行数，截断的列表会被"
        "误读为全部；请问它们的数量（“…有多少”），或收窄条件"
    )
    answer.refused, answer.error = True, error
    answer.reason = zh if lang == "zh" else error
    answer.df = None
    return True
