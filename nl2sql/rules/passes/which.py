"""Pass: "which channel ...", "哪个渠道...": group by the noun the question word picks.

A "which" not followed by such a noun ("京东和天猫哪个GMV高") is a choice between values named
elsewhere; it is remembered in ``p.open_which`` so the values pass compares them side by side.
"""

from __future__ import annotations

from nl2sql.rules.state import ParseState
from nl2sql.rules.value_or_group import drop_unreachable_values


def read_which(p: ParseState) -> None:
    """Group by the dimension/entity right after each "which" word."""
    for i, it in enumerate(p.its):
        if it.kind != "role" or it.role != "which":
            continue
        nxt = p.at(i + 1)
        it.used = True
        if (
            nxt is not None
            and nxt.kind == "domain"
            and (nxt.is_kind("dimension") or nxt.is_kind("entity"))
            and (not nxt.is_kind("value") or drop_unreachable_values(p, nxt))
        ):
            name = p.group_name(nxt)
            if name:
                p.add_group(name)
                nxt.used = True
        else:
            p.open_which = True
