"""A plain "how many <things>" where the one count left counts only things seen in other rows.

Why: a model may count its customers twice by structure — "Buyers", distinct customers over the
orders (dated by the order date), and "New Customers", the customers' own rows (dated by the
date each was first seen). "How many customers" does not say "new", so the kind rule
(``rules.counting._said_kinds``) answered Buyers: 4,068 on the demo warehouse, whose customers
table holds 5,000 (issue #12, a wrong answer on the synonym-stripped demo model). The count
left counts only the things that appear in another entity's rows, while the one dropped
counts the things' own rows: neither is plainly "every customer" in a period (those who
ordered, or those first seen), so the question is asked back with both counts as runnable
questions (the question with each count's label for the noun). When the count left is over the things' own rows, or no count over them was
dropped, nothing changes.
"""

from __future__ import annotations

from nl2sql.interpret import metric_label
from nl2sql.rules.items import Item, Refusal, detect_lang
from nl2sql.rules.view import StateView


def _rows_of(p: StateView, name: str) -> str:
    """The entity whose rows a simple metric is kept on (``rows_entity``), "" for another."""
    m = p.catalog.metric(name)
    return m.rows_entity if m is not None and m.metric_type == "simple" else ""


def ask_own_rows(p: StateView, it: Item, entity: str, left: str, names: list[str]) -> None:
    """Refuse when ``left`` (the one count of ``entity`` the question's words leave) counts it
    over another entity's rows while one of the other ``names`` counts its own rows."""
    rows = _rows_of(p, left)
    if not rows or rows == entity or any(x.role == "verb" for x in p.all):
        return  # "how many customers ordered": the verb says which rows (other_event_verbs)
    own = [
        n
        for n in names
        if n != left
        and _rows_of(p, n) == entity
        and not getattr(p.catalog.metric(n), "filtered", True)
    ]
    if not own:
        return
    pair = [left, own[0]]
    en = [metric_label(p.catalog, n, "en") for n in pair]
    zh = [metric_label(p.catalog, n, "zh") for n in pair]
    thing = entity.replace("_", " ")
    raise Refusal(
        f"'{it.text}' can be counted two ways: {en[0]} counts only the {thing}s that appear in "
        f"{rows.replace('_', ' ')} rows, {en[1]} counts the {thing} rows themselves; say which",
        zh=f"“{it.text}”有两种计数：{zh[0]}只统计在{rows}记录中出现过的{thing}，{zh[1]}统计"
        f"{thing}本身的记录；请说明要哪一个",
        # the question with the noun replaced by each count's label: its period and
        # conditions kept ("how many buyers last month")
        words=[it.text, *(zh if detect_lang("".join(x.text for x in p.all)) == "zh" else en)],
        kind="replace",
    )
