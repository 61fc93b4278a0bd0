"""Pass: "GMV per customer" read as one row per customer says so on the interpretation line.

Why: "per" before a thing (a customer, a patient) may mean a breakdown (each customer's GMV) or
an average (GMV / customers). The engine divides only by a ratio the model defines
(``average_per``, "visits per patient" = Visit Frequency) and never makes one up; without it
the question is answered customer by customer, as tests/test_nl2sql_plain_per.py decides. That
reading was shown only as "(by customer)", the same as "GMV by customer", so a reader who meant
the average saw no sign of the choice (issue #12, sessions 20–21). The line now says which
reading was taken and how to ask for the other one. A "per" before a dimension ("GMV per
channel") is a breakdown only and gets no note.
"""

from __future__ import annotations

from nl2sql.rules.state import ParseState

#: words that read "per one <thing>" (not 各 / "each", which only break down)
_PER_ONE = frozenset({"per", "每", "每个", "每一个", "每位", "每名", "每家", "每一家"})


def note_per_rows(p: ParseState) -> None:
    """Add the reading of "per <entity>" taken as a breakdown to the interpretation line."""
    if not p.metrics:
        return
    items = p.all
    for k, x in enumerate(items[:-1]):
        if x.kind != "role" or x.role != "group" or x.text.strip().lower() not in _PER_ONE:
            continue
        y = next((i for i in items[k + 1 :] if i.kind != "stop"), None)
        sense = None if y is None else y.sense or (y.senses[0] if len(y.senses) == 1 else None)
        if y is None or sense is None or sense.kind != "entity" or sense.name not in p.group_by:
            continue
        if p.result.lang == "zh":
            note = f"{x.text}{y.text} → 按{y.text}逐行列出，不是平均每{y.text}的值"
        else:
            note = f"{x.text} {y.text} → one row per {y.text}, not an average per {y.text}"
        p.result.bridged.append(note)
