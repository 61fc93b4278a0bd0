"""What a count's label names once its counting words are gone: "The number of free meetings
booked." is asked as "free meetings booked".

Why: dbt labels are often sentences ("The number of parent sign ups.", "Count of orders
shipped"), and users never type the counting phrase before the thing: "free meetings booked
per month", "top subjects by free meetings booked". Without the core the words fall apart into
the entity ("free meetings") and a status value that happens to spell the event ("BOOKED"),
and the question became a count filtered on that status. The core names the same metric; it
is added only where it names nothing else (``nl2sql.lexicon``), so a core that is a plain
noun ("Number of orders" -> "orders") keeps meaning the entity.
"""

from __future__ import annotations

import re

#: counting phrases a label opens with (general English, longest first)
_COUNT_LEADS = (
    "the total number of",
    "total number of",
    "the number of",
    "number of",
    "the count of",
    "count of",
)
_EDGE = re.compile(r"^[\s\"'“”‘’]+|[\s.。!！?？:;,\"'“”‘’]+$")


def label_cores(label: str) -> list[str]:
    """The label without its counting phrase, when it opens with one and names more than one
    word after it; else nothing.

    >>> label_cores("The number of free meetings booked."), label_cores("Number of orders")
    (['free meetings booked'], [])
    >>> label_cores("Revenue"), label_cores("The count of claims paid late")
    ([], ['claims paid late'])
    """
    text = _EDGE.sub("", " ".join((label or "").split()))
    low = text.lower()
    for lead in _COUNT_LEADS:
        if low.startswith(lead + " "):
            core = text[len(lead) + 1 :].strip()
            return [core] if len(core.split()) > 1 else []
    return []
